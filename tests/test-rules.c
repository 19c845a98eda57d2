/* test-rules.c -- loading the composition rules: the shipped rules.ini,
 * good variants, and every kind of bad file, whose message must name the
 * file, the section and key, and what is wrong. */

/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The lape developers
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "lape/config.h"
#include "lape/i18n.h"
#include "lape/ini.h"
#include "lape/rules.h"

static char tmpdir[256];

static int group_setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/test-rules.XXXXXX",
	         t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	return i18n_init("en");
}

static int group_teardown(void **state)
{
	(void)state;
	/* the files written are removed one by one by the tests */
	return rmdir(tmpdir);
}

/* Write TEXT to a file NAME in the temporary directory; returns its path
 * (static buffer). */
static const char *write_file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* ---- the shipped rules ------------------------------------------------- */

static const struct {
	const char *key, *fi, *sv, *en;
} domain_sectors[] = {
    {"social_health", "sosiaali- ja terveystoimi (sote)",
     "social- och hälsovårdsväsendet", "social and health services"},
    {"education", "sivistystoimi", "bildningsväsendet", "education"},
    {"youth", "nuorisotoimi", "ungdomsväsendet", "youth services"},
    {"organisations", "järjestöt", "organisationer", "organisations (NGOs)"},
    {"parishes", "seurakunnat", "församlingar", "parishes"},
    {"youth_rep", "nuorten edustaja", "representant för de unga",
     "youth representative"},
    {"municipalities", "alueen kunnat", "regionens kommuner",
     "the region's municipalities"},
    {"hospital_district", "sairaanhoitopiiri", "sjukvårdsdistrikt",
     "hospital district"},
    {"education_institutions", "oppilaitokset", "läroinrättningar",
     "educational institutions"},
    {"competence_centre", "(sosiaalialan) osaamiskeskus", "kompetenscentrum",
     "(social welfare) competence centre"},
};

static const char *const municipal_required[] = {
    "social_health", "education", "youth",
    "organisations", "parishes",  "youth_rep"};
static const char *const regional_required[] = {
    "municipalities",    "hospital_district",
    "organisations",     "education_institutions",
    "competence_centre", "parishes",
    "youth_rep"};

static struct rules *load_ok(const char *path)
{
	struct rules *r = NULL;
	char err[512] = "";

	if (rules_load(path, &r, err, sizeof err) != 0)
		fail_msg("rules_load(%s): %s", path, err);
	assert_non_null(r);
	assert_string_equal(err, "");
	return r;
}

static void test_shipped(void **state)
{
	struct rules *r = load_ok(SHARE_SRCDIR "/rules.ini");
	const size_t n = sizeof domain_sectors / sizeof domain_sectors[0];
	const struct rules_level *mu = &r->level[0], *re = &r->level[1];

	(void)state;
	assert_string_equal(r->path, SHARE_SRCDIR "/rules.ini");
	assert_int_equal(r->n_sectors, n);
	for (size_t i = 0; i < n; i++) {
		int k = rules_sector_index(r, domain_sectors[i].key);
		assert_true(k >= 0);
		assert_string_equal(r->sectors[k].label_fi,
		                    domain_sectors[i].fi);
		assert_string_equal(r->sectors[k].label_sv,
		                    domain_sectors[i].sv);
		assert_string_equal(r->sectors[k].label_en,
		                    domain_sectors[i].en);
	}
	assert_int_equal(mu->n_required, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(r->sectors[mu->required[i]].key,
		                    municipal_required[i]);
	assert_int_equal(re->n_required, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(r->sectors[re->required[i]].key,
		                    regional_required[i]);
	assert_true(mu->require_chair);
	assert_true(mu->require_link);
	assert_true(re->require_chair);
	assert_false(re->require_link);
	assert_true(r->warn_ended_term);
	assert_true(r->warn_vacant_seat);
	assert_true(r->agent_require_regional_complete);
	assert_int_equal(r->agent_municipal_coverage, 100);
	assert_int_equal(rules_sector_index(r, "nonexistent"), -1);
	assert_int_equal(rules_sector_index(r, NULL), -1);
	rules_free(r);
}

static void test_labels_by_language(void **state)
{
	struct rules *r = load_ok(SHARE_SRCDIR "/rules.ini");

	(void)state;
	assert_int_equal(i18n_init("fi"), 0);
	assert_string_equal(rules_sector_label(r, "youth_rep"),
	                    "nuorten edustaja");
	assert_int_equal(i18n_init("sv"), 0);
	assert_string_equal(rules_sector_label(r, "youth_rep"),
	                    "representant för de unga");
	assert_int_equal(i18n_init("en"), 0);
	assert_string_equal(rules_sector_label(r, "youth_rep"),
	                    "youth representative");
	/* an unknown key shows as itself */
	assert_string_equal(rules_sector_label(r, "choir"), "choir");
	rules_free(r);
}

static void test_find(void **state)
{
	struct rules *r = load_ok(SHARE_SRCDIR "/rules.ini");
	int org = rules_sector_index(r, "organisations");
	int par = rules_sector_index(r, "parishes");
	int yr = rules_sector_index(r, "youth_rep");
	int hd = rules_sector_index(r, "hospital_district");

	(void)state;
	assert_int_equal(rules_sector_find(r, "youth_rep"), yr);
	assert_int_equal(rules_sector_find(r, "YOUTH_REP"), yr);
	assert_int_equal(rules_sector_find(r, "Nuorten Edustaja"), yr);
	assert_int_equal(rules_sector_find(r, " youth representative "), yr);
	assert_int_equal(rules_sector_find(r, "järjestöt"), org);
	/* upper-case Ä and Ö must fold to ä and ö, not just ASCII */
	assert_int_equal(rules_sector_find(r, "JÄRJESTÖT"), org);
	assert_int_equal(rules_sector_find(r, "Organisationer"), org);
	assert_int_equal(rules_sector_find(r, "FÖRSAMLINGAR"), par);
	assert_int_equal(rules_sector_find(r, "SJUKVÅRDSDISTRIKT"), hd);
	/* no prefixes, no near misses */
	assert_int_equal(rules_sector_find(r, "järjestö"), -1);
	assert_int_equal(rules_sector_find(r, "järjestötx"), -1);
	/* accents ignored, as in every search: typed without ä and ö */
	assert_int_equal(rules_sector_find(r, "JARJESTOT"), org);
	assert_int_equal(rules_sector_find(r, ""), -1);
	assert_int_equal(rules_sector_find(r, "   "), -1);
	assert_int_equal(rules_sector_find(r, NULL), -1);
	rules_free(r);
}

/* ---- good variants ----------------------------------------------------- */

#define SECTOR_A "[sector a]\nfi = A fi\nsv = A sv\nen = A en\n"
#define SECTOR_B "[sector b]\nfi = B fi\nsv = B sv\nen = B en\n"
#define LEVELS "[municipal]\nsectors = a b\n[regional]\nsectors = b\n"
#define MINIMAL LEVELS SECTOR_A SECTOR_B

static void test_minimal_defaults(void **state)
{
	const char *path = write_file("minimal.ini", MINIMAL);
	struct rules *r = load_ok(path);

	(void)state;
	assert_int_equal(r->n_sectors, 2);
	assert_int_equal(r->level[0].n_required, 2);
	assert_int_equal(r->level[1].n_required, 1);
	assert_string_equal(r->sectors[r->level[1].required[0]].key, "b");
	/* the documented defaults */
	assert_false(r->level[0].require_chair);
	assert_false(r->level[0].require_link);
	assert_false(r->level[1].require_chair);
	assert_true(r->warn_ended_term);
	assert_true(r->warn_vacant_seat);
	assert_true(r->agent_require_regional_complete);
	assert_int_equal(r->agent_municipal_coverage, 100);
	/* the gender balance is off; a group counts with members */
	assert_int_equal(r->level[0].gender_balance, 0);
	assert_int_equal(r->level[1].gender_balance, 0);
	assert_int_equal(r->agent_municipal_groups, AGENT_GROUPS_MEMBERS);
	rules_free(r);
	unlink(path);
}

static void expect_error(const char *name, const char *text, ...);

static void test_gender_and_groups(void **state)
{
	const char *path = write_file(
	    "gender.ini",
	    "[municipal]\nsectors = a b\ngender_balance = 40\n"
	    "[regional]\nsectors = b\ngender_balance = 50\n"
	    "[agent]\nmunicipal_groups = complete\n" SECTOR_A SECTOR_B);
	struct rules *r = load_ok(path);

	(void)state;
	assert_int_equal(r->level[0].gender_balance, 40);
	assert_int_equal(r->level[1].gender_balance, 50);
	assert_int_equal(r->agent_municipal_groups, AGENT_GROUPS_COMPLETE);
	rules_free(r);
	unlink(path);
	expect_error("gender1.ini",
	             "[municipal]\nsectors = a\ngender_balance = 60\n"
	             "[regional]\nsectors = a\n" SECTOR_A,
	             "[municipal] gender_balance", "50 %", NULL);
	expect_error("gender2.ini",
	             "[municipal]\nsectors = a\n[regional]\nsectors = a\n"
	             "gender_balance = forty\n" SECTOR_A,
	             "[regional] gender_balance", "0 to 100", NULL);
	expect_error("groups.ini", MINIMAL "[agent]\nmunicipal_groups = all\n",
	             "[agent] municipal_groups", "members or complete", NULL);
}

static void test_good_variants(void **state)
{
	const char *path = write_file(
	    "variants.ini",
	    "; a comment\n# another\n"
	    "[Municipal]\nSectors = a, b ; inline comment\n"
	    "Require_Chair = TRUE\nrequire_link = 0\n"
	    "[regional]\nsectors = a\nrequire_chair = No\n"
	    "[warnings]\nended_term = false\nvacant_seat = 1\n"
	    "[agent]\nrequire_regional_complete = no\n"
	    "municipal_coverage = 90\n"
	    "[Sector A]\nfi = \"A; with semicolon\"\nsv = Å\nen = A\n"
	    "[sector   b]\nfi = B\nsv = B\nen = B\n"
	    "[sector unused]\nfi = U\nsv = U\nen = U\n");
	struct rules *r = load_ok(path);

	(void)state;
	assert_int_equal(r->n_sectors, 3);
	assert_int_equal(r->level[0].n_required, 2);
	assert_true(r->level[0].require_chair);
	assert_false(r->level[0].require_link);
	assert_false(r->level[1].require_chair);
	assert_false(r->warn_ended_term);
	assert_true(r->warn_vacant_seat);
	assert_false(r->agent_require_regional_complete);
	assert_int_equal(r->agent_municipal_coverage, 90);
	assert_string_equal(r->sectors[rules_sector_index(r, "a")].label_fi,
	                    "A; with semicolon");
	assert_true(rules_sector_index(r, "b") >= 0);
	assert_true(rules_sector_index(r, "unused") >= 0);
	rules_free(r);
	unlink(path);

	path =
	    write_file("zero.ini", MINIMAL "[agent]\nmunicipal_coverage = 0\n");
	r = load_ok(path);
	assert_int_equal(r->agent_municipal_coverage, 0);
	rules_free(r);
	unlink(path);
}

/* ---- bad files --------------------------------------------------------- */

/* Load TEXT written to NAME: it must fail, with a one-line message that
 * starts with the path and contains each of the NULL-terminated strings. */
static void expect_error(const char *name, const char *text, ...)
{
	const char *path = write_file(name, text);
	struct rules *r = (struct rules *)1;
	char err[512] = "", prefix[600];
	const char *want;
	va_list ap;

	assert_int_equal(rules_load(path, &r, err, sizeof err), -1);
	assert_null(r);
	snprintf(prefix, sizeof prefix, "%s: ", path);
	if (strncmp(err, prefix, strlen(prefix)) != 0)
		fail_msg("%s: message does not start with the path: %s", name,
		         err);
	assert_null(strchr(err, '\n'));
	va_start(ap, text);
	while ((want = va_arg(ap, const char *)) != NULL)
		if (!strstr(err, want))
			fail_msg("%s: \"%s\" not in: %s", name, want, err);
	va_end(ap);
	unlink(path);
}

static void test_missing_file(void **state)
{
	char path[512], err[512];
	struct rules *r = (struct rules *)1;

	(void)state;
	snprintf(path, sizeof path, "%s/no-such-rules.ini", tmpdir);
	assert_int_equal(rules_load(path, &r, err, sizeof err), -1);
	assert_null(r);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, ": cannot read: "));
	assert_non_null(strstr(err, strerror(ENOENT)));

	/* a directory is not a rules file (fopen() would open it) */
	assert_int_equal(rules_load(tmpdir, &r, err, sizeof err), -1);
	assert_null(r);
	snprintf(path, sizeof path, "%s: is a directory, not a rules file",
	         tmpdir);
	assert_string_equal(err, path);

	/* a pipe: opening it would wait for a writer, for ever */
	snprintf(path, sizeof path, "%s/fifo.ini", tmpdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(rules_load(path, &r, err, sizeof err), -1);
	assert_null(r);
	assert_non_null(strstr(err, ": is a pipe, not a file"));
	unlink(path);
}

/* Load PATH, expecting failure; as root, in a child that runs as nobody
 * (root reads anything).  The message goes to ERR. */
static void load_unprivileged(const char *path, char *err, size_t errlen)
{
	struct rules *r = NULL;
	int fd[2], status;
	ssize_t got;
	pid_t pid;

	if (geteuid() != 0) {
		assert_int_equal(rules_load(path, &r, err, errlen), -1);
		assert_null(r);
		return;
	}
	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int rc;
		close(fd[0]);
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(3);
		rc = rules_load(path, &r, err, errlen);
		if (write(fd[1], err, strlen(err)) < 0)
			_exit(4);
		_exit(rc == -1 && !r ? 0 : 1);
	}
	close(fd[1]);
	got = read(fd[0], err, errlen - 1);
	close(fd[0]);
	err[got > 0 ? got : 0] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_unreadable_file(void **state)
{
	const char *path;
	char err[512] = "", want[600];

	(void)state;
	path = write_file("unreadable.ini", MINIMAL);
	assert_int_equal(chmod(path, 0), 0);
	/* the directory open to all, so that the file itself is refused */
	assert_int_equal(chmod(tmpdir, 0711), 0);
	load_unprivileged(path, err, sizeof err);
	assert_int_equal(chmod(tmpdir, 0700), 0);
	snprintf(want, sizeof want, "%s: cannot read: %s", path,
	         strerror(EACCES));
	assert_string_equal(err, want);
	unlink(path);

	/* a path through a plain file */
	path = write_file("plain.ini", MINIMAL);
	snprintf(want, sizeof want, "%s/rules.ini", path);
	{
		struct rules *r = NULL;
		assert_int_equal(rules_load(want, &r, err, sizeof err), -1);
		assert_null(r);
		assert_non_null(strstr(err, strerror(ENOTDIR)));
	}
	unlink(path);
}

static void test_syntax(void **state)
{
	char *longline;
	size_t n = 2000, len;

	(void)state;
	/* iniparser must not print to stderr itself: the message is ours */
	expect_error("syntax.ini", "[municipal\nsectors = a\n", "line 1",
	             "syntax error", NULL);
	expect_error("syntax2.ini",
	             LEVELS "this line has no equals sign\n" SECTOR_A SECTOR_B,
	             "line 5", "syntax error", NULL);
	longline = malloc(sizeof MINIMAL + n + 64);
	assert_non_null(longline);
	strcpy(longline, MINIMAL "[warnings]\nended_term = ");
	len = strlen(longline);
	memset(longline + len, 'y', n);
	strcpy(longline + len + n, "\n");
	expect_error("long.ini", longline, "line 14", "too long", NULL);
	free(longline);
}

/* Files from other editors: CRLF line ends load; a byte order mark and
 * NUL bytes are refused with a message of their own. */
static void test_editors(void **state)
{
	const char *path = write_file(
	    "crlf.ini", "[municipal]\r\nsectors = a b\r\n[regional]\r\n"
	                "sectors = b\r\n[sector a]\r\nfi = A\r\n"
	                "sv = A\r\nen = A\r\n[sector b]\r\nfi = B\r\n"
	                "sv = B\r\nen = B en\r\n");
	struct rules *r = load_ok(path);
	FILE *f;

	(void)state;
	assert_string_equal(r->sectors[1].label_en, "B en");
	assert_int_equal(r->level[0].n_required, 2);
	rules_free(r);
	unlink(path);

	expect_error("bom.ini", "\xEF\xBB\xBF" MINIMAL, "byte order mark",
	             NULL);
	/* a NUL byte: written by hand, fputs would stop at it */
	path = write_file("nul.ini", "");
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(
	    fwrite(MINIMAL "fi = x\0y\n", 1, sizeof MINIMAL + 8, f),
	    sizeof MINIMAL + 8);
	assert_int_equal(fclose(f), 0);
	{
		char err[512];
		assert_int_equal(rules_load(path, &r, err, sizeof err), -1);
		assert_non_null(strstr(err, "line 13"));
		assert_non_null(strstr(err, "NUL byte"));
	}
	unlink(path);
}

static void test_missing_sections(void **state)
{
	(void)state;
	expect_error("empty.ini", "", "[municipal]", "section missing", NULL);
	expect_error("nomuni.ini", "[regional]\nsectors = a\n" SECTOR_A,
	             "[municipal]", "section missing", NULL);
	expect_error("noreg.ini", "[municipal]\nsectors = a\n" SECTOR_A,
	             "[regional]", "section missing", NULL);
	expect_error("nolist.ini",
	             "[municipal]\nrequire_chair = yes\n[regional]\n"
	             "sectors = a\n" SECTOR_A,
	             "[municipal] sectors", "missing", NULL);
	expect_error(
	    "emptylist.ini",
	    "[municipal]\nsectors = a\n[regional]\nsectors =\n" SECTOR_A,
	    "[regional] sectors", "no sectors listed", NULL);
	expect_error(
	    "commas.ini",
	    "[municipal]\nsectors = , ,\n[regional]\nsectors = a\n" SECTOR_A,
	    "[municipal] sectors", "no sectors listed", NULL);
}

static void test_bad_sector_lists(void **state)
{
	(void)state;
	expect_error("undefined.ini",
	             "[municipal]\nsectors = a choir\n[regional]\nsectors = "
	             "a\n" SECTOR_A,
	             "[municipal] sectors", "\"choir\"", "[sector choir]",
	             NULL);
	expect_error("badkey.ini",
	             "[municipal]\nsectors = a Education\n[regional]\n"
	             "sectors = a\n" SECTOR_A,
	             "[municipal] sectors", "\"Education\"", "a-z", NULL);
	expect_error("dash.ini",
	             "[municipal]\nsectors = a\n[regional]\n"
	             "sectors = a social-health\n" SECTOR_A,
	             "[regional] sectors", "\"social-health\"", NULL);
	expect_error(
	    "twice.ini",
	    "[municipal]\nsectors = a b a\n[regional]\nsectors = a\n" SECTOR_A
	        SECTOR_B,
	    "[municipal] sectors", "\"a\"", "twice", NULL);
	expect_error("longkey.ini",
	             "[municipal]\nsectors = "
	             "abcdefghijklmnopqrstuvwxyz0123456\n"
	             "[regional]\nsectors = a\n" SECTOR_A,
	             "[municipal] sectors", "longer than 31", NULL);
}

static void test_bad_sector_sections(void **state)
{
	char text[8192];
	size_t len;

	(void)state;
	expect_error("secbad.ini", MINIMAL "[sector bad-key]\nfi = x\n",
	             "[sector bad-key]", "a-z", NULL);
	expect_error("secnokey.ini", MINIMAL "[sector]\nfi = x\n", "[sector]",
	             "empty sector key", NULL);
	expect_error("seclong.ini",
	             MINIMAL "[sector abcdefghijklmnopqrstuvwxyz0123456]\n",
	             "[sector abcdefghijklmnopqrstuvwxyz0123456]",
	             "longer than 31", NULL);
	expect_error("sectwice.ini", MINIMAL "[sector  a]\nfi = x\n",
	             "[sector  a]", "\"a\"", "defined twice", NULL);

	/* 33 sectors: one too many */
	len =
	    (size_t)snprintf(text, sizeof text, "%s", LEVELS SECTOR_A SECTOR_B);
	for (int i = 0; i < 31; i++)
		len += (size_t)snprintf(
		    text + len, sizeof text - len,
		    "[sector s%d]\nfi = x\nsv = x\nen = x\n", i);
	expect_error("toomany.ini", text, "[sector s30]", "more than 32", NULL);
	/* 32 is fine */
	text[strstr(text, "[sector s30]") - text] = '\0';
	{
		const char *path = write_file("max.ini", text);
		struct rules *r = load_ok(path);
		assert_int_equal(r->n_sectors, RULES_MAX_SECTORS);
		rules_free(r);
		unlink(path);
	}
}

static void test_bad_labels(void **state)
{
	(void)state;
	expect_error("nofi.ini", LEVELS SECTOR_A "[sector b]\nsv = B\nen = B\n",
	             "[sector b] fi", "missing", NULL);
	expect_error("nosv.ini", LEVELS SECTOR_A "[sector b]\nfi = B\nen = B\n",
	             "[sector b] sv", "missing", NULL);
	expect_error("noen.ini", LEVELS SECTOR_A "[sector b]\nfi = B\nsv = B\n",
	             "[sector b] en", "missing", NULL);
	expect_error("emptyen.ini",
	             LEVELS SECTOR_A "[sector b]\nfi = B\nsv = B\nen =\n",
	             "[sector b] en", "empty", NULL);
	expect_error("utf8.ini",
	             LEVELS SECTOR_A
	             "[sector b]\nfi = B\nsv = h\xe4lsa\nen = B\n",
	             "[sector b] sv", "not valid UTF-8", NULL);
	expect_error("overlong.ini",
	             LEVELS SECTOR_A
	             "[sector b]\nfi = \xc0\xaf\nsv = B\nen = B\n",
	             "[sector b] fi", "not valid UTF-8", NULL);
}

static void test_bad_values(void **state)
{
	(void)state;
	expect_error("bool1.ini",
	             "[municipal]\nsectors = a\nrequire_chair = maybe\n"
	             "[regional]\nsectors = a\n" SECTOR_A,
	             "[municipal] require_chair", "yes or no", NULL);
	/* iniparser's own getboolean would take "yess" and "nope" */
	expect_error("bool2.ini",
	             "[municipal]\nsectors = a\n[regional]\nsectors = a\n"
	             "require_chair = yess\n" SECTOR_A,
	             "[regional] require_chair", NULL);
	expect_error("bool3.ini", MINIMAL "[warnings]\nended_term = nope\n",
	             "[warnings] ended_term", NULL);
	expect_error("bool4.ini", MINIMAL "[warnings]\nvacant_seat = 2\n",
	             "[warnings] vacant_seat", NULL);
	expect_error("bool5.ini",
	             MINIMAL "[agent]\nrequire_regional_complete"
	                     " =\n",
	             "[agent] require_regional_complete", NULL);
	expect_error("bool6.ini",
	             "[municipal]\nsectors = a\nrequire_link = Y\n"
	             "[regional]\nsectors = a\n" SECTOR_A,
	             "[municipal] require_link", NULL);

	static const char *const coverage[] = {"abc",  "101", "-1",  "50%",
	                                       "",     "1e2", "+50", "1000",
	                                       "12.5", "0x10"};
	for (size_t i = 0; i < sizeof coverage / sizeof coverage[0]; i++) {
		char text[512];
		snprintf(text, sizeof text,
		         MINIMAL "[agent]\nmunicipal_coverage = %s\n",
		         coverage[i]);
		expect_error("coverage.ini", text, "[agent] municipal_coverage",
		             "0 to 100", NULL);
	}
}

static void test_unknown_names(void **state)
{
	(void)state;
	expect_error("unksec.ini", MINIMAL "[warning]\nended_term = yes\n",
	             "[warning]", "unknown section", NULL);
	expect_error("unksec2.ini", MINIMAL "[sectors a]\n", "[sectors a]",
	             "unknown section", NULL);
	expect_error("unkkey.ini",
	             "[municipal]\nsectors = a\nrequire_chiar = yes\n"
	             "[regional]\nsectors = a\n" SECTOR_A,
	             "[municipal] require_chiar", "unknown key", NULL);
	expect_error("unkkey2.ini",
	             LEVELS SECTOR_A "[sector b]\nfi = B\nsv = B\nen = B\n"
	                             "de = B\n",
	             "[sector b] de", "unknown key", NULL);
	expect_error("unkkey3.ini", MINIMAL "[agent]\ncoverage = 50\n",
	             "[agent] coverage", "unknown key", NULL);
	expect_error("link.ini",
	             "[municipal]\nsectors = a\n[regional]\nsectors = a\n"
	             "require_link = yes\n" SECTOR_A,
	             "[regional] require_link", "municipal", NULL);
	expect_error("outside.ini", "sectors = a\n" MINIMAL,
	             ": sectors:", "outside any [section]", NULL);
}

/* ---- what iniparser would merge or drop silently ---------------------- */

/* MINIMAL has 12 lines: what follows it starts at line 13. */
static void test_duplicates(void **state)
{
	(void)state;
	expect_error("twice.ini", MINIMAL "[sector a]\nfi = x\n",
	             ": line 13: [sector a]: given twice (first at line 5)",
	             NULL);
	/* iniparser lower-cases section names */
	expect_error("case.ini", MINIMAL "[Sector A]\nfi = x\n",
	             ": line 13: [Sector A]: given twice (first at line 5)",
	             NULL);
	expect_error("case2.ini", MINIMAL "[  SECTOR B ]\n",
	             ": line 13: [SECTOR B]: given twice (first at line 9)",
	             NULL);
	expect_error("muni.ini", MINIMAL "[municipal]\nsectors = a\n",
	             ": line 13: [municipal]: given twice (first at line 1)",
	             NULL);
	expect_error("key.ini",
	             "[municipal]\nsectors = a b\nrequire_chair = yes\n"
	             "Sectors = a\n[regional]\nsectors = b\n" SECTOR_A SECTOR_B,
	             ": line 4: [municipal] sectors: given twice (first at "
	             "line 2)",
	             NULL);
	expect_error("key2.ini",
	             MINIMAL "[agent]\nmunicipal_coverage = 90\n"
	                     "municipal_coverage = 100\n",
	             ": line 15: [agent] municipal_coverage: given twice "
	             "(first at line 14)",
	             NULL);
	expect_error("label.ini",
	             LEVELS SECTOR_A
	             "[sector b]\nfi = B\nfi = B again\nsv = B\nen = B\n",
	             ": line 11: [sector b] fi: given twice (first at line 10)",
	             NULL);
	/* two spellings of one sector key: iniparser keeps both */
	expect_error("blanks.ini", MINIMAL "[sector  a]\nfi = x\n",
	             ": line 13: [sector  a]: sector \"a\" is defined twice "
	             "(first at line 5)",
	             NULL);
	expect_error("tab.ini", MINIMAL "[sector\tb]\n",
	             "line 13: [sector\\x09b]: sector \"b\" is defined twice "
	             "(first at line 9)",
	             NULL);
}

static void test_lines(void **state)
{
	const char *path;
	struct rules *r;

	(void)state;
	/* a comment that ends in a backslash swallows the next line */
	expect_error(
	    "comment.ini",
	    "[municipal]\nsectors = a b\n; see C:\\rules\\\n"
	    "require_chair = yes\n[regional]\nsectors = b\n" SECTOR_A SECTOR_B,
	    ": line 3: a comment ends in \\, which joins the next "
	    "line to it",
	    NULL);
	/* and a continuation at the end of the file is dropped */
	expect_error("lastcont.ini", MINIMAL "[warnings]\nended_term = no \\\n",
	             ": line 14: the last line ends in \\, but no line "
	             "follows",
	             NULL);
	expect_error("lastcont2.ini", MINIMAL "[warnings]\nended_term = no\\",
	             ": line 14: the last line ends in \\", NULL);
	expect_error("empty.ini", MINIMAL "[]\nfi = x\n",
	             ": line 13: a section name is empty", NULL);
	expect_error("blank.ini", MINIMAL "[  ]\n",
	             ": line 13: a section name is empty", NULL);
	expect_error("colon.ini", MINIMAL "[sector a:b]\n",
	             ": line 13: [sector a:b]: a section name cannot hold ':'",
	             NULL);
	expect_error("bracket.ini", MINIMAL "[agent]x]\n",
	             ": line 13: syntax error", NULL);
	expect_error("outside2.ini", "; rules\n\nSectors = a\n" MINIMAL,
	             ": line 3: sectors: key outside any [section]", NULL);
	expect_error("eq.ini", MINIMAL "[agent]\n = 90\n",
	             ": line 14: syntax error", NULL);

	/* continued lines are one line, numbered where they start */
	path = write_file(
	    "cont.ini", "[municipal]\nsectors = a \\\n"
	                "   b\n[regional]\nsectors = \\\nb\n" SECTOR_A SECTOR_B
	                "[sector a]\n");
	{
		char err[512];
		assert_int_equal(rules_load(path, &r, err, sizeof err), -1);
		assert_non_null(strstr(err, ": line 15: [sector a]: given "
		                            "twice (first at line 7)"));
	}
	unlink(path);
	path =
	    write_file("cont2.ini",
	               "[municipal]\nsectors = a \\\n"
	               "   b\n[regional]\nsectors = \\\nb\n" SECTOR_A SECTOR_B);
	r = load_ok(path);
	assert_int_equal(r->level[0].n_required, 2);
	assert_int_equal(r->level[1].n_required, 1);
	rules_free(r);
	unlink(path);
}

/* iniparser's buffer holds 1022 bytes of a line, continued lines joined:
 * the scan refuses the same lines as it does, no fewer. */
static void test_line_length(void **state)
{
	char text[4096];
	struct rules *r;
	const char *path;
	int len;

	(void)state;
	for (int n = 1020; n <= 1024; n++) {
		char err[512] = "";

		len = snprintf(text, sizeof text, MINIMAL "[agent]\n");
		len += snprintf(text + len, sizeof text - (size_t)len,
		                "municipal_coverage = 90 ;%*s\n", n - 25, "c");
		path = write_file("len.ini", text);
		r = NULL;
		if (n <= 1022) {
			r = load_ok(path);
			assert_int_equal(r->agent_municipal_coverage, 90);
			rules_free(r);
		} else {
			assert_int_equal(rules_load(path, &r, err, sizeof err),
			                 -1);
			assert_non_null(strstr(err, "line 14: line too long"));
		}
		unlink(path);
	}
	/* the same bound over a continued line: 504 + 518 bytes fit */
	for (int n = 518; n <= 519; n++) {
		char err[512] = "";

		len = snprintf(text, sizeof text, MINIMAL "[agent]\n");
		len += snprintf(text + len, sizeof text - (size_t)len,
		                "municipal_coverage = 90 ;%*s\\\n%*s\n", 479,
		                "c", n, "d");
		path = write_file("len2.ini", text);
		r = NULL;
		if (n == 518) {
			r = load_ok(path);
			rules_free(r);
		} else {
			assert_int_equal(rules_load(path, &r, err, sizeof err),
			                 -1);
			assert_non_null(strstr(err, "line 15: line too long"));
		}
		unlink(path);
	}
}

static void test_too_many_entries(void **state)
{
	size_t size = 64 * 1024, len;
	char *text = malloc(size);

	(void)state;
	assert_non_null(text);
	len = (size_t)snprintf(text, size, "%s", MINIMAL);
	for (int i = 0; i < INI_MAX_ENTRIES; i++)
		len += (size_t)snprintf(text + len, size - len, "[x%d]\n", i);
	expect_error("many.ini", text, ": line 1001: more than 1000 sections",
	             NULL);
	free(text);
}

/* ---- the configuration file (config.c reads INI the same way) --------- */

/* config_load() on TEXT must fail with ERR holding each string. */
static void expect_config_error(const char *text, ...)
{
	const char *path = write_file("lape.ini", text);
	struct config cfg;
	char err[512] = "", prefix[600];
	const char *want;
	va_list ap;

	assert_int_equal(config_load(&cfg, path, NULL, NULL, err, sizeof err),
	                 -1);
	config_clear(&cfg);
	snprintf(prefix, sizeof prefix, "%s: ", path);
	if (strncmp(err, prefix, strlen(prefix)) != 0)
		fail_msg("message does not start with the path: %s", err);
	assert_null(strchr(err, '\n'));
	va_start(ap, text);
	while ((want = va_arg(ap, const char *)) != NULL)
		if (!strstr(err, want))
			fail_msg("\"%s\" not in: %s", want, err);
	va_end(ap);
	unlink(path);
}

static void test_config_errors(void **state)
{
	struct config cfg;
	char err[512], want[600];

	(void)state;
	/* iniparser's own words were "(iniparser: syntax error in PATH
	 * (1):)" */
	expect_config_error("[lape\ndatabase = x\n",
	                    ": line 1: syntax error (expected [section], key "
	                    "= value or a ; comment)",
	                    NULL);
	expect_config_error("[lape]\ndatabase = /a.db\nrules\n",
	                    ": line 3: syntax error", NULL);
	expect_config_error("[lape]\nlanguage = fi\nLanguage = sv\n",
	                    ": line 3: [lape] language: given twice (first at "
	                    "line 2)",
	                    NULL);
	expect_config_error("[lape]\nlanguage = fi\n[LAPE]\ndatabase = x\n",
	                    ": line 3: [LAPE]: given twice (first at line 1)",
	                    NULL);
	/* a key before [lape] used to be ignored */
	expect_config_error("database = /a.db\n[lape]\n",
	                    ": line 1: database: key outside any [section]",
	                    NULL);
	expect_config_error("\xEF\xBB\xBF[lape]\n",
	                    ": starts with a byte order", NULL);
	expect_config_error("[lape]\nlanguage = \x1b[2J\n", "not '\\x1b[2J'",
	                    NULL);
	expect_config_error("[lape]\n; old: \\\nlanguage = de\n",
	                    ": line 2: a comment ends in \\", NULL);

	/* a directory is not a configuration file */
	assert_int_equal(config_load(&cfg, tmpdir, NULL, NULL, err, sizeof err),
	                 -1);
	config_clear(&cfg);
	snprintf(want, sizeof want,
	         "%s: is a directory, not a configuration file", tmpdir);
	assert_string_equal(err, want);
}

/* The whole message, for one case: the documented shape. */
static void test_message_shape(void **state)
{
	const char *path = write_file(
	    "shape.ini", "[municipal]\nsectors = a\nrequire_chair = maybe\n"
	                 "[regional]\nsectors = a\n" SECTOR_A);
	struct rules *r;
	char err[512], want[600];

	(void)state;
	snprintf(want, sizeof want,
	         "%s: [municipal] require_chair: expected yes or no (or true, "
	         "false, 1, 0)",
	         path);
	assert_int_equal(rules_load(path, &r, err, sizeof err), -1);
	assert_string_equal(err, want);
	/* a short buffer is cut, not overrun */
	assert_int_equal(rules_load(path, &r, err, 8), -1);
	assert_int_equal(strlen(err), 7);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped),
	    cmocka_unit_test(test_labels_by_language),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_minimal_defaults),
	    cmocka_unit_test(test_good_variants),
	    cmocka_unit_test(test_gender_and_groups),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_unreadable_file),
	    cmocka_unit_test(test_syntax),
	    cmocka_unit_test(test_editors),
	    cmocka_unit_test(test_missing_sections),
	    cmocka_unit_test(test_bad_sector_lists),
	    cmocka_unit_test(test_bad_sector_sections),
	    cmocka_unit_test(test_bad_labels),
	    cmocka_unit_test(test_bad_values),
	    cmocka_unit_test(test_unknown_names),
	    cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_lines),
	    cmocka_unit_test(test_line_length),
	    cmocka_unit_test(test_too_many_entries),
	    cmocka_unit_test(test_config_errors),
	    cmocka_unit_test(test_message_shape),
	};

	return cmocka_run_group_tests_name("rules", tests, group_setup,
	                                   group_teardown);
}
