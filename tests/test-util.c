/* test-util.c -- UTF-8 widths, Finnish/Swedish collation, dates and the
 * configuration precedence. */

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
#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/utf8.h"

/* A JSON string of S, as output_json_str() writes it. */
static char *json_of(const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct output_json j;

	assert_non_null(f);
	output_json_init(&j, f);
	output_json_str(&j, s);
	output_json_flush(&j);
	assert_int_equal(fclose(f), 0);
	return text;
}

/* The JSON strings' quick path for two-byte characters (U+00A0 on) keeps
 * them as they are, and leaves the rest to the decoder: C1 controls (kept,
 * valid JSON), bytes that are not UTF-8 and a sequence cut short
 * (U+FFFD), DEL (escaped). */
static void test_json_two_bytes(void **state)
{
	static const char *const cases[][2] = {
	    {"\xc3\xa4\xc3\xb6 \xc2\xa0\xdf\xbf",
	     "\"\xc3\xa4\xc3\xb6 \xc2\xa0\xdf\xbf\""},
	    {"a\xc2\x85"
	     "b",
	     "\"a\xc2\x85"
	     "b\""},
	    {"\xc2\x9f", "\"\xc2\x9f\""},
	    {"x\xc3(", "\"x\\ufffd(\""},
	    {"\xc3", "\"\\ufffd\""},
	    {"\xe2\x82\xac\x7f", "\"\xe2\x82\xac\\u007f\""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = json_of(cases[i][0]);

		assert_string_equal(t, cases[i][1]);
		free(t);
	}
}

/* output_text_pad() of S to WIDTH columns, cut to MAX, as a string. */
static char *padded(const char *s, size_t width, size_t max)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	output_text_pad(f, s, width, max);
	assert_int_equal(fclose(f), 0);
	return text;
}

/* Plain Latin text is written as it is (its quick path: two-byte
 * characters from U+00A0 to U+02FF); anything else is cleaned first:
 * C1 controls, bytes that are not UTF-8, a sequence cut short. */
static void test_text_pad(void **state)
{
	static const char *const plain[] = {
	    "Åsa Öhman", "Ääliö", "\xc2\xa0x", "\xc8\xbf", "\xcb\xbf", "abc"};
	/* NEL (C2 85) split from the next letter: "\x85b" would be one
	 * escape */
	static const char *const unclean[] = {"a\xc2\x85"
	                                      "b",
	                                      "a\xc2\x9f",
	                                      "\xc3",
	                                      "x\xc3(",
	                                      "a\x1b[31m",
	                                      "\xc2",
	                                      "\xff"};
	char *t;

	(void)state;
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		size_t w = utf8_width(plain[i]);
		char want[64];

		snprintf(want, sizeof want, "%s%*s", plain[i], (int)(12 - w),
		         "");
		t = padded(plain[i], 12, 0);
		assert_string_equal(t, want);
		free(t);
	}
	for (size_t i = 0; i < sizeof unclean / sizeof unclean[0]; i++) {
		t = padded(unclean[i], 0, 0);
		if (strcmp(t, unclean[i]) == 0 || !utf8_valid(t, strlen(t)) ||
		    strchr(t, '\x1b'))
			fail_msg("unclean text %zu came out as \"%s\"", i, t);
		for (const unsigned char *p = (const unsigned char *)t; *p; p++)
			assert_false(p[0] == 0xc2 && p[1] >= 0x80 &&
			             p[1] < 0xa0);
		free(t);
	}
	/* not Latin, but clean: kept, padded by its columns */
	t = padded("e\xcc\x81", 3, 0);
	assert_string_equal(t, "e\xcc\x81  ");
	free(t);
	t = padded("\xe6\xbc\xa2", 3, 0);
	assert_string_equal(t, "\xe6\xbc\xa2 ");
	free(t);
	/* cut to MAX columns: the quick path only when it fits */
	t = padded("Ääliö Öhman", 0, 5);
	assert_true(utf8_width(t) <= 5);
	assert_true(utf8_valid(t, strlen(t)));
	free(t);
}

/* The JSON writer holds what it writes in a buffer: a value longer than
 * the buffer, runs that end at its edge and escapes across it come out
 * whole and in order, and all of it is out once the outermost value
 * ends, before what the caller writes next. */
static void test_json_writer(void **state)
{
	size_t long_len = 3 * sizeof(((struct output_json *)0)->buf) + 7;
	char *text = NULL, *want = NULL, *s = malloc(long_len + 1);
	size_t len = 0, wlen = 0;
	FILE *f = open_memstream(&text, &len),
	     *w = open_memstream(&want, &wlen);
	struct output_json j;

	(void)state;
	assert_non_null(s);
	assert_non_null(f);
	assert_non_null(w);
	memset(s, 'a', long_len);
	s[long_len] = '\0';
	s[100] = '"';
	s[long_len / 2] = '\n';
	s[long_len - 3] = '\x01';
	s[long_len - 2] = '\xFF'; /* not UTF-8 */
	output_json_init(&j, f);
	output_json_object(&j);
	output_json_kstr(&j, "long", s);
	output_json_key(&j, "n");
	output_json_array(&j);
	for (int i = 0; i < 3000; i++)
		output_json_int(&j, i - 5);
	output_json_end(&j, ']');
	output_json_kbool(&j, "t", true);
	output_json_end(&j, '}');
	fputs("after\n", f);
	assert_int_equal(fclose(f), 0);

	fputs("{\n  \"long\": \"", w);
	for (size_t i = 0; i < long_len; i++) {
		if (s[i] == '"')
			fputs("\\\"", w);
		else if (s[i] == '\n')
			fputs("\\n", w);
		else if (s[i] == '\x01')
			fputs("\\u0001", w);
		else if (s[i] == '\xFF')
			fputs("\\ufffd", w);
		else
			fputc(s[i], w);
	}
	fputs("\",\n  \"n\": [", w);
	for (int i = 0; i < 3000; i++)
		fprintf(w, "%s\n    %d", i ? "," : "", i - 5);
	fputs("\n  ],\n  \"t\": true\n}\nafter\n", w);
	assert_int_equal(fclose(w), 0);
	assert_int_equal(len, wlen);
	assert_string_equal(text, want);
	free(text);
	free(want);
	free(s);
}

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

static void test_utf8_fit_words(void **state)
{
	const char *org = "Mannerheimin Lastensuojeluliitto";
	const char *socca = "Socca – pääkaupunkiseudun sosiaalialan";
	size_t w;

	(void)state;
	/* the last whole word that fits, never a part of one */
	assert_int_equal(utf8_fit_words(org, 24, &w), strlen("Mannerheimin"));
	assert_int_equal(w, 12);
	assert_int_equal(utf8_fit_words(org, 100, &w), strlen(org));
	assert_int_equal(w, 32);
	/* the cut word's blank, a trailing comma and a lone dash go too */
	assert_int_equal(utf8_fit_words(socca, 24, &w), strlen("Socca"));
	assert_int_equal(w, 5);
	assert_int_equal(utf8_fit_words("Espoo (Esbo), Kauniainen", 20, &w),
	                 strlen("Espoo (Esbo)"));
	assert_int_equal(w, 12);
	/* a break right at the limit: the word before it is whole */
	assert_int_equal(utf8_fit_words("Vasa stad och Korsholm", 9, &w),
	                 strlen("Vasa stad"));
	/* widths in columns, not bytes: "ä" is one */
	assert_int_equal(utf8_fit_words("Närpes församling", 16, &w),
	                 strlen("Närpes"));
	assert_int_equal(w, 6);
	/* a compound breaks after its hyphen, which stays */
	assert_int_equal(utf8_fit_words("Laurea-ammattikorkeakoulu", 20, &w),
	                 strlen("Laurea-"));
	assert_int_equal(w, 7);
	/* one word too long: nothing (the caller cuts it by characters) */
	assert_int_equal(utf8_fit_words("matti.aaltonen@hus.example", 10, &w),
	                 0);
	assert_int_equal(w, 0);
	assert_int_equal(utf8_fit_words("", 5, &w), 0);
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

static void test_utf8_decode_n(void **state)
{
	unsigned cp;

	(void)state;
	assert_int_equal(utf8_decode_n("", 0, &cp), 0);
	/* A NUL byte is a character of a counted string. */
	assert_int_equal(utf8_decode_n("\0a", 2, &cp), 1);
	assert_int_equal(cp, 0);
	assert_int_equal(utf8_decode_n("\xc3\xa4", 2, &cp), 2);
	assert_int_equal(cp, 0xe4);
	/* Cut short by the count: invalid, one byte, nothing read past. */
	assert_int_equal(utf8_decode_n("\xc3\xa4", 1, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode_n("\xe2\x82\xac", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
	assert_int_equal(utf8_decode_n("\xe2\x82\xac", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode_n("\xc3\0", 2, &cp), 1);
	assert_int_equal(cp, UTF8_REPLACEMENT);
}

static void test_utf8_encode(void **state)
{
	char out[UTF8_CHAR_MAX];
	unsigned cp;

	(void)state;
	assert_int_equal(utf8_encode('a', out), 1);
	assert_int_equal(utf8_encode(0xe4, out), 2);
	assert_memory_equal(out, "\xc3\xa4", 2);
	assert_int_equal(utf8_encode(0x20ac, out), 3);
	assert_memory_equal(out, "\xe2\x82\xac", 3);
	assert_int_equal(utf8_encode(0x1f600, out), 4);
	assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
	/* No character: written as U+FFFD, never as invalid UTF-8. */
	assert_int_equal(utf8_encode(0xd800, out), 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
	assert_int_equal(utf8_encode(0x110000, out), 3);
	assert_int_equal(utf8_encode(0xffffffffu, out), 3);
	/* Every code point round-trips through the decoder. */
	for (unsigned c = 0; c <= 0x10ffff; c++) {
		size_t n = utf8_encode(c, out);

		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		assert_int_equal(utf8_decode_n(out, n, &cp), n);
		assert_int_equal(cp, c);
	}
}

/* The key of the LEN bytes at S, checked valid UTF-8 and its own key;
 * returns it (the caller frees). */
static char *key_checked(const char *s, size_t len, size_t *outlen)
{
	char *f = utf8_key(s, len, outlen), *again;
	size_t n;

	assert_non_null(f);
	assert_int_equal(f[*outlen], '\0');
	assert_true(utf8_valid(f, *outlen));
	again = utf8_key(f, *outlen, &n);
	assert_non_null(again);
	assert_int_equal(n, *outlen);
	assert_memory_equal(again, f, n);
	free(again);
	return f;
}

static void test_utf8_key(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"ÅKE ÄIJÄLÄ ÖSTERGÅRD", "ake aijala ostergard"},
	    {"Närpiö NÄRPES", "narpio narpes"},
	    {"ŠŽČŁŃ Ÿ", "szcln y"},
	    {"Ærø Øst", "aero ost"},
	    {"ΑΘΗΝΑ МОСКВА ЁЖ", "αθηνα москва еж"},
	    {"Ⱥ", "ⱥ"}, /* 2 bytes fold to 3 */
	    {"ẞ straße", "ss strasse"},
	    {"Zoe\xcc\x88 Zoë", "zoe zoe"}, /* decomposed, precomposed */
	    {"ORDFÖRANDE", "ordforande"},
	    {"12 × 3", "12 × 3"},
	};
	size_t n;
	char *f;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f = key_checked(cases[i].in, strlen(cases[i].in), &n);
		assert_string_equal(f, cases[i].want);
		free(f);
	}
	/* Invalid bytes become U+FFFD; a NUL stays and does not end it. */
	f = key_checked("A\xe4\0B", 4, &n);
	assert_int_equal(n, 6);
	assert_memory_equal(f, "a\xef\xbf\xbd\0b", 6);
	free(f);
	f = key_checked("", 0, &n);
	assert_int_equal(n, 0);
	free(f);
	assert_true(utf8_match(
	    "Kirkkonummen LAPE-ryhmä – Kyrkslätts LAPE-grupp", "kirkko"));
	assert_true(utf8_match("Kyrkslätt", "KYRKSLATT"));
	assert_true(utf8_match("anything", ""));
	assert_false(utf8_match("Vantaa", "vanda"));
	assert_false(utf8_match(NULL, "x"));
	assert_true(utf8_same("ordförande", "ORDFÖRANDE"));
	assert_false(utf8_same("ordförande", "ordförand"));
}

/* Each byte value alone, and in long runs: three bytes for each invalid
 * one (lape_fold used to overflow its heap buffer on 17 bytes of 0xf0). */
/* The quick path for ASCII and U+00C0..U+00FF gives what libunistring
 * gives: after a Greek letter the whole text takes the general path. */
static void test_utf8_key_latin_path(void **state)
{
	const char *texts[] = {"ÄIJÄ Möttönen", "Åsa Lindholm", "Zoë ÆØÅ ß",
	                       "Þór Ðí ×÷ ÿÝ", "ORDFÖRANDE"};

	(void)state;
	for (unsigned cp = 0xc0; cp <= 0xff; cp++) {
		char one[3] = {(char)0xc3, (char)(0x80 + cp - 0xc0), 0};
		char two[8] = "\xce\xa9"; /* Omega */
		size_t n1, n2, n0;
		char *k1, *k2, *k0;

		strcat(two, one);
		k1 = utf8_key(one, 2, &n1);
		k2 = utf8_key(two, strlen(two), &n2);
		k0 = utf8_key("\xce\xa9", 2, &n0);
		assert_non_null(k1);
		assert_non_null(k2);
		assert_non_null(k0);
		assert_int_equal(n2, n0 + n1);
		assert_memory_equal(k2, k0, n0);
		assert_string_equal(k2 + n0, k1);
		free(k0);
		free(k1);
		free(k2);
	}
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char buf[64];
		size_t n, m;
		char *quick = utf8_key(texts[i], strlen(texts[i]), &n), *slow;

		snprintf(buf, sizeof buf, "\xce\xa9%s", texts[i]);
		slow = utf8_key(buf, strlen(buf), &m);
		assert_non_null(quick);
		assert_non_null(slow);
		assert_string_equal(slow + 2,
		                    quick); /* omega folds to 2 bytes */
		free(quick);
		free(slow);
	}
	{
		char *k =
		    utf8_key("ÄIJÄ Möttönen", strlen("ÄIJÄ Möttönen"), NULL);

		assert_string_equal(k, "aija mottonen");
		free(k);
	}
}

static void test_utf8_key_every_byte(void **state)
{
	char in[1], *run, *f;
	size_t n, len = 4096;

	(void)state;
	for (int b = 0; b < 256; b++) {
		in[0] = (char)b;
		f = key_checked(in, 1, &n);
		if (b < 0x80) {
			assert_int_equal(n, 1);
			assert_int_equal((unsigned char)f[0],
			                 b >= 'A' && b <= 'Z' ? b + 32 : b);
		} else {
			assert_int_equal(n, 3);
			assert_memory_equal(f, "\xef\xbf\xbd", 3);
		}
		free(f);
	}
	run = malloc(len);
	assert_non_null(run);
	for (int b = 0x80; b < 256; b++) {
		memset(run, b, len);
		f = key_checked(run, len, &n);
		assert_int_equal(n, 3 * len);
		free(f);
	}
	/* truncated sequences, one after another */
	for (size_t i = 0; i + 3 <= len; i += 3)
		memcpy(run + i, "\xf0\x9f\x98", 3);
	f = key_checked(run, len, &n);
	assert_int_equal(n, 3 * len);
	free(f);
	free(run);
}

/* lape_key() in SQL: runs of invalid bytes of every length up to 200,
 * as a search term or as a name another program stored, fold to three
 * bytes each (the SQL function used to overflow its buffer). */
static void test_sql_fold(void **state)
{
	struct lape_db *db;
	char err[256], in[200];
	sqlite3_stmt *st;

	(void)state;
	memset(in, 0xf0, sizeof in);
	in[sizeof in - 1] = '9';
	assert_int_equal(
	    db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err), LAPE_OK);
	assert_int_equal(sqlite3_prepare_v2(db->sql,
	                                    "SELECT lape_key(CAST(?1 AS TEXT))",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	for (size_t len = 0; len <= sizeof in; len++) {
		const char *start = in + sizeof in - len;
		size_t n;
		char *want = utf8_key(start, len, &n);

		assert_non_null(want);
		sqlite3_bind_blob(st, 1, start, (int)len, NULL);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_bytes(st, 0), (int)n);
		assert_int_equal(n, len ? 3 * (len - 1) + 1 : 0);
		assert_memory_equal(sqlite3_column_blob(st, 0), want, n);
		free(want);
		sqlite3_reset(st);
	}
	/* a NUL inside a value does not end the fold */
	sqlite3_bind_blob(st, 1, "A\0B", 3, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_bytes(st, 0), 3);
	assert_memory_equal(sqlite3_column_blob(st, 0), "a\0b", 3);
	sqlite3_finalize(st);
	db_close(db);
}

/* The same order through SQLite's FI collation (which gets counted text
 * and skips the common prefix) as from collate_fi_n(). */
static void test_collate_sql(void **state)
{
	static const char *const pairs[][2] = {
	    {"\xc3", "\xc3\xa4"},      /* a truncated ä before ä */
	    {"ab\xc3", "ab\xc3\xa4x"}, /* the same after a prefix */
	    {"\xe2\x82", "\xe2\x82\xac"}, {"Åbo", "Åbo\xe4"},
	    {"Kemi", "Kemijärvi"},
	};
	struct lape_db *db;
	char err[256];
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(
	    db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err), LAPE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db->sql,
	                       "SELECT CAST(?1 AS TEXT) < CAST(?2 AS TEXT) "
	                       "COLLATE FI",
	                       -1, &st, NULL),
	    SQLITE_OK);
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		for (int k = 0; k < 2; k++) {
			const char *a = pairs[i][k], *b = pairs[i][!k];
			int want = collate_fi_n(a, strlen(a), b, strlen(b)) < 0;

			sqlite3_bind_blob(st, 1, a, (int)strlen(a), NULL);
			sqlite3_bind_blob(st, 2, b, (int)strlen(b), NULL);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			if (sqlite3_column_int(st, 0) != want)
				fail_msg("pair %zu/%d: SQL says %d", i, k,
				         sqlite3_column_int(st, 0));
			sqlite3_reset(st);
		}
	}
	/* "\xc3" decodes as U+FFFD, which sorts after every letter. */
	assert_true(collate_fi_n("\xc3", 1, "\xc3\xa4", 2) > 0);
	/* NUL bytes in counted text are compared, not an end. */
	assert_true(collate_fi_n("a\0b", 3, "a\0c", 3) < 0);
	assert_true(collate_fi_n("a", 1, "a\0", 2) < 0);
	sqlite3_finalize(st);
	db_close(db);
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

/* Where two names' prefixes differ, they order the names as
 * collate_fi_n() does; where they are equal, only the texts can tell. */
static void test_collate_prefix(void **state)
{
	static const char *const names[] = {"Aalto",
	                                    "aalto",
	                                    "Aaltonen",
	                                    "Ek",
	                                    "Eka",
	                                    "Eura",
	                                    "Éura",
	                                    "Eurajoki",
	                                    "Mäkelä",
	                                    "Makela",
	                                    "Mäkeläinen",
	                                    "Åberg",
	                                    "Öberg",
	                                    "Ørsta",
	                                    "Zoë",
	                                    "Zoe\xcc\x88",
	                                    "Ümit",
	                                    "Ylä-Anttila",
	                                    "Ylä Anttila",
	                                    "O'Brien",
	                                    "漢字",
	                                    "A漢",
	                                    "A漢b",
	                                    "A\xc3",
	                                    "Kääriäinen",
	                                    "Kääriäis",
	                                    "Abcdefghij",
	                                    "Abcdefghik",
	                                    ""};
	size_t n = sizeof names / sizeof names[0];

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			const char *a = names[i], *b = names[j];
			uint64_t pa = collate_fi_prefix(a, strlen(a));
			uint64_t pb = collate_fi_prefix(b, strlen(b));
			int c = collate_fi_n(a, strlen(a), b, strlen(b));

			if (pa != pb && (pa < pb) != (c < 0))
				fail_msg("\"%s\" and \"%s\": the prefixes "
				         "disagree with collate_fi_n()",
				         a, b);
		}
	/* the prefixes decide most pairs, and ignore case and accents */
	assert_true(collate_fi_prefix("Aalto", 5) < collate_fi_prefix("Ek", 2));
	assert_true(collate_fi_prefix("Ek", 2) < collate_fi_prefix("Eka", 3));
	assert_true(collate_fi_prefix("Eura", 4) ==
	            collate_fi_prefix("\xc3\x89ura", 5));
	assert_true(collate_fi_prefix("Abcdefghij", 10) ==
	            collate_fi_prefix("Abcdefghik", 10));
	/* every character of U+00C0..U+00FF (the prefix's own table)
	 * against every other and a few ASCII ones, each before "a" */
	for (unsigned i = 0; i < 64 + 4; i++)
		for (unsigned j = 0; j < 64 + 4; j++) {
			static const char ascii[] = "a-Z ";
			char a[4] = "", b[4] = "";
			uint64_t pa, pb;
			int c;

			if (i < 64)
				snprintf(a, sizeof a, "\xc3%ca", 0x80 + (int)i);
			else
				snprintf(a, sizeof a, "%ca", ascii[i - 64]);
			if (j < 64)
				snprintf(b, sizeof b, "\xc3%ca", 0x80 + (int)j);
			else
				snprintf(b, sizeof b, "%ca", ascii[j - 64]);
			pa = collate_fi_prefix(a, strlen(a));
			pb = collate_fi_prefix(b, strlen(b));
			c = collate_fi_n(a, strlen(a), b, strlen(b));
			if (pa != pb && (pa < pb) != (c < 0))
				fail_msg("U+%04X and U+%04X: the prefixes "
				         "disagree with collate_fi_n()",
				         i < 64 ? 0xc0 + i
				                : (unsigned)ascii[i - 64],
				         j < 64 ? 0xc0 + j
				                : (unsigned)ascii[j - 64]);
		}
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
	/* two-digit years, as Finns and Swedes write them: this century */
	assert_int_equal(date_parse("31.12.17", out), 0);
	assert_string_equal(out, "2017-12-31");
	assert_int_equal(date_parse("1.10.16", out), 0);
	assert_string_equal(out, "2016-10-01");
	assert_int_equal(date_parse("29.2.16", out), 0);
	assert_string_equal(out, "2016-02-29");
	assert_int_equal(date_parse("29.2.17", out), -1);
	assert_int_equal(date_parse("1.10.016", out), -1);
	assert_int_equal(date_parse("1.10.6", out), -1);
	assert_int_equal(date_parse("1.10.20161", out), -1);
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

/* _() remembers translations, each in the language of the moment; a
 * text with no translation comes back as the caller's own pointer. */
static void test_i18n_remembered(void **state)
{
	char untranslated[] = "no such message in any catalogue";

	(void)state;
	for (int round = 0; round < 2; round++) {
		assert_int_equal(i18n_init("fi"), 0);
		assert_string_equal(_("complete"), "kunnossa");
		assert_string_equal(_("complete"), "kunnossa");
		assert_int_equal(i18n_init("sv"), 0);
		assert_string_equal(_("complete"), "fullständig");
		assert_int_equal(i18n_init("en"), 0);
		assert_string_equal(_("complete"), "complete");
	}
	assert_ptr_equal(_(untranslated), untranslated);
	assert_ptr_equal(_(untranslated), untranslated);
	/* another text in the same buffer: its own answer, not the last */
	strcpy(untranslated, "complete");
	assert_int_equal(i18n_init("fi"), 0);
	assert_string_equal(_(untranslated), "kunnossa");
	assert_int_equal(i18n_init("en"), 0);
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
	    cmocka_unit_test(test_json_writer),
	    cmocka_unit_test(test_text_pad),
	    cmocka_unit_test(test_json_two_bytes),
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_utf8_width),
	    cmocka_unit_test(test_utf8_fit),
	    cmocka_unit_test(test_utf8_fit_words),
	    cmocka_unit_test(test_utf8_decode_invalid),
	    cmocka_unit_test(test_utf8_decode_n),
	    cmocka_unit_test(test_utf8_encode),
	    cmocka_unit_test(test_utf8_key),
	    cmocka_unit_test(test_utf8_key_every_byte),
	    cmocka_unit_test(test_utf8_key_latin_path),
	    cmocka_unit_test(test_sql_fold),
	    cmocka_unit_test(test_collate_sql),
	    cmocka_unit_test(test_collate_order),
	    cmocka_unit_test(test_collate_ties),
	    cmocka_unit_test(test_collate_prefix),
	    cmocka_unit_test(test_date_parse),
	    cmocka_unit_test(test_date_today_and_show),
	    cmocka_unit_test(test_i18n_pick),
	    cmocka_unit_test(test_i18n_remembered),
	    cmocka_unit_test(test_config_precedence),
	    cmocka_unit_test(test_config_home_and_share),
	    cmocka_unit_test(test_config_errors),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
