/* test-util.c -- UTF-8 widths, Finnish/Swedish collation, dates and the
 * configuration precedence. */
#include <config.h>

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lape/collate.h"
#include "lape/config.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/utf8.h"

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid("Närpiö/Närpes", strlen("Närpiö/Närpes")));
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4)); /* emoji */
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("N\xe4rpi\xf6", 7));     /* Latin-1 */
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_false(utf8_valid("\xc3", 1));             /* truncated */
}

static void test_utf8_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("Närpiö"), 6);
	assert_int_equal(utf8_width("Kähkönen"), 8);
	assert_int_equal(utf8_width("Åbo"), 3);
	assert_int_equal(utf8_width("東京"), 4);
	assert_int_equal(utf8_width(""), 0);
}

static void test_utf8_fit(void **state)
{
	size_t w;

	(void)state;
	/* "Kä" is 3 bytes, 2 columns: never cut inside the ä. */
	assert_int_equal(utf8_fit("Kähkönen", 2, &w), 3);
	assert_int_equal(w, 2);
	assert_int_equal(utf8_fit("Kähkönen", 100, &w), strlen("Kähkönen"));
	assert_int_equal(w, 8);
	/* A wide character that does not fit is left out whole. */
	assert_int_equal(utf8_fit("a東", 2, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(utf8_fit("abc", 0, &w), 0);
}

static void test_utf8_decode_invalid(void **state)
{
	unsigned cp;

	(void)state;
	assert_int_equal(utf8_decode("\xe4x", &cp), 1);
	assert_int_equal(cp, 0xfffd);
	/* A truncated sequence at the end does not read past the NUL. */
	assert_int_equal(utf8_decode("\xe2\x82", &cp), 1);
	assert_int_equal(utf8_decode("", &cp), 0);
}

static int cmp(const void *a, const void *b)
{
	return collate_fi(*(const char *const *)a, *(const char *const *)b);
}

static void test_collate_order(void **state)
{
	const char *names[] = {"Öja",   "Åbo",       "Zeta",      "ähtäri",
	                       "Aura",  "Vaasa",     "Wasa",      "Äänekoski",
	                       "Espoo", "Östermark", "Ylivieska", "Ümit"};
	const char *want[] = {"Aura",      "Espoo",     "Vaasa", "Wasa",
	                      "Ylivieska", "Ümit",      "Zeta",  "Åbo",
	                      "ähtäri",    "Äänekoski", "Öja",   "Östermark"};
	size_t n = sizeof names / sizeof names[0];

	(void)state;
	qsort(names, n, sizeof names[0], cmp);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(names[i], want[i]);
}

static void test_collate_ties(void **state)
{
	(void)state;
	assert_int_equal(collate_fi("Espoo", "Espoo"), 0);
	/* Case and accents only break ties. */
	assert_true(collate_fi("espoo", "Espoo") < 0);
	assert_true(collate_fi("Espoo", "espoon") < 0);
	assert_true(collate_fi("Eura", "Éura") < 0);
	assert_true(collate_fi("Éura", "Eurajoki") < 0);
	/* Blanks and digits before letters; a prefix first. */
	assert_true(collate_fi("Ala Kylä", "Alajärvi") < 0);
	assert_true(collate_fi("2 ryhmä", "A-ryhmä") < 0);
	assert_true(collate_fi("Kemi", "Kemijärvi") < 0);
	/* æ sorts as ä, ø as ö. */
	assert_true(collate_fi("Æbeltoft", "Ähtäri") < 0);
	assert_true(collate_fi("Ørsta", "Öja") > 0);
	assert_true(collate_fi("Ørsta", "Zz") > 0);
}

static void test_date_parse(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(date_parse("2016-10-01", out), 0);
	assert_string_equal(out, "2016-10-01");
	assert_int_equal(date_parse("1.10.2016", out), 0);
	assert_string_equal(out, "2016-10-01");
	assert_int_equal(date_parse(" 01.10.2016 ", out), 0);
	assert_string_equal(out, "2016-10-01");
	assert_int_equal(date_parse("29.2.2016", out), 0);
	assert_string_equal(out, "2016-02-29");
	assert_int_equal(date_parse("29.2.2017", out), -1);
	assert_int_equal(date_parse("31.4.2017", out), -1);
	assert_int_equal(date_parse("2017-13-01", out), -1);
	assert_int_equal(date_parse("2017-1-01", out), -1);
	assert_int_equal(date_parse("1.10.16", out), -1);
	assert_int_equal(date_parse("1.10.2016x", out), -1);
	assert_int_equal(date_parse("", out), -1);
	assert_int_equal(date_parse(NULL, out), -1);
	assert_int_equal(date_parse("20161001", out), -1);
}

static void test_date_today_and_show(void **state)
{
	char out[11];

	(void)state;
	setenv("LAPE_TODAY", "1.10.2016", 1);
	date_today(out);
	assert_string_equal(out, "2016-10-01");
	i18n_init("fi");
	date_show("2016-10-01", out);
	assert_string_equal(out, "1.10.2016");
	i18n_init("en");
	date_show("2016-10-01", out);
	assert_string_equal(out, "2016-10-01");
	date_show(NULL, out);
	assert_string_equal(out, "");
}

static void test_i18n_pick(void **state)
{
	(void)state;
	assert_int_equal(i18n_init("xx"), -1);
	i18n_init("sv");
	assert_string_equal(i18n_lang(), "sv");
	assert_string_equal(i18n_pick("Närpiö", "Närpes"), "Närpes");
	assert_string_equal(i18n_pick("Helsinki", ""), "Helsinki");
	i18n_init("fi");
	assert_string_equal(i18n_pick("Närpiö", "Närpes"), "Närpiö");
	i18n_init("en");
	assert_string_equal(i18n_pick("Närpiö", "Närpes"), "Närpiö");
}

/* Write TEXT to a new temporary file; returns its path (static). */
static const char *write_ini(const char *text)
{
	static char path[64];
	int fd;

	strcpy(path, "/tmp/lape-test-ini-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_config_precedence(void **state)
{
	struct config cfg;
	char err[512];
	const char *ini;

	(void)state;
	ini = write_ini("[lape]\ndatabase = /from/config.db\nlanguage = sv\n");
	unsetenv("LAPE_DB");
	assert_int_equal(config_load(&cfg, ini, NULL, NULL, err, sizeof err),
	                 0);
	assert_string_equal(cfg.db_path, "/from/config.db");
	assert_string_equal(cfg.lang, "sv");
	config_clear(&cfg);

	setenv("LAPE_DB", "/from/env.db", 1);
	assert_int_equal(config_load(&cfg, ini, NULL, "fi", err, sizeof err),
	                 0);
	assert_string_equal(cfg.db_path, "/from/env.db");
	assert_string_equal(cfg.lang, "fi");
	config_clear(&cfg);

	assert_int_equal(
	    config_load(&cfg, ini, "/from/option.db", NULL, err, sizeof err),
	    0);
	assert_string_equal(cfg.db_path, "/from/option.db");
	config_clear(&cfg);
	unsetenv("LAPE_DB");
	unlink(ini);
}

static void test_config_home_and_share(void **state)
{
	struct config cfg;
	char err[512];
	const char *ini;

	(void)state;
	setenv("HOME", "/home/koordinaattori", 1);
	setenv("LAPE_SHARE", "/opt/lape/share", 1);
	ini = write_ini("[lape]\ndatabase = ~/lape.db\n");
	assert_int_equal(config_load(&cfg, ini, NULL, NULL, err, sizeof err),
	                 0);
	assert_string_equal(cfg.db_path, "/home/koordinaattori/lape.db");
	assert_string_equal(cfg.share_dir, "/opt/lape/share");
	assert_string_equal(cfg.rules_path, "/opt/lape/share/rules.ini");
	config_clear(&cfg);
	unlink(ini);
	unsetenv("LAPE_SHARE");
}

static void test_config_errors(void **state)
{
	struct config cfg;
	char err[512];
	const char *ini;

	(void)state;
	ini = write_ini("[lape]\nlanguage = de\n");
	assert_int_equal(config_load(&cfg, ini, NULL, NULL, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, ini));
	assert_non_null(strstr(err, "[lape] language"));
	config_clear(&cfg);
	unlink(ini);

	ini = write_ini("[lape]\ndatabse = /x.db\n");
	assert_int_equal(config_load(&cfg, ini, NULL, NULL, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, "[lape] databse"));
	config_clear(&cfg);
	unlink(ini);

	ini = write_ini("[screens]\ncolour = no\n");
	assert_int_equal(config_load(&cfg, ini, NULL, NULL, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, "[screens]"));
	config_clear(&cfg);
	unlink(ini);

	ini = write_ini("[lape\ndatabase = x\n");
	assert_int_equal(config_load(&cfg, ini, NULL, NULL, err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, ini));
	config_clear(&cfg);
	unlink(ini);

	assert_int_equal(config_load(&cfg, "/nonexistent/lape.ini", NULL, NULL,
	                             err, sizeof err),
	                 -1);
	assert_non_null(strstr(err, "/nonexistent/lape.ini: "));
	config_clear(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_utf8_width),
	    cmocka_unit_test(test_utf8_fit),
	    cmocka_unit_test(test_utf8_decode_invalid),
	    cmocka_unit_test(test_collate_order),
	    cmocka_unit_test(test_collate_ties),
	    cmocka_unit_test(test_date_parse),
	    cmocka_unit_test(test_date_today_and_show),
	    cmocka_unit_test(test_i18n_pick),
	    cmocka_unit_test(test_config_precedence),
	    cmocka_unit_test(test_config_home_and_share),
	    cmocka_unit_test(test_config_errors),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
