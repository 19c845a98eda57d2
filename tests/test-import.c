/* test-import.c -- the importer and the sheets without the command line:
 * decoding, delimiters, headers in three languages, line numbers across
 * quoted newlines, matching and the dry run, and the sheet helpers (codes,
 * formulas, values in the user's language). */

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

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lape/db.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/import.h"
#include "lape/rules.h"
#include "lape/sheet.h"
#include "lape/store.h"
#include "fixture.h"

static int read_str(const char *s, struct import_file *f)
{
	char err[256];

	return import_read(s, strlen(s), f, err, sizeof err);
}

static void test_encodings(void **state)
{
	struct import_file f;

	(void)state;
	/* Windows-1252: ä is 0xe4, the euro sign 0x80 */
	assert_int_equal(
	    read_str("Sukunimi;Etunimet\r\nH\xe4kkinen;\x80\r\n", &f), LAPE_OK);
	assert_int_equal(f.encoding, IMPORT_CP1252);
	assert_int_equal(f.delimiter, ';');
	assert_string_equal(f.rows[0].cells[0], "Häkkinen");
	assert_string_equal(f.rows[0].cells[1], "€");
	import_file_clear(&f);
	/* UTF-8 with a BOM: the BOM is not part of the first header */
	assert_int_equal(read_str("\xef\xbb\xbf"
	                          "Efternamn,Förnamn\nÅberg,Åsa\n",
	                          &f),
	                 LAPE_OK);
	assert_int_equal(f.encoding, IMPORT_UTF8_BOM);
	assert_int_equal(f.delimiter, ',');
	assert_int_equal(f.col[IMPORT_F_SURNAME], 0);
	assert_int_equal(f.col[IMPORT_F_GIVEN_NAMES], 1);
	import_file_clear(&f);
	/* plain UTF-8, tab */
	assert_int_equal(read_str("Surname\tE-mail\nÖ\ta@b.fi\n", &f), LAPE_OK);
	assert_int_equal(f.encoding, IMPORT_UTF8);
	assert_int_equal(f.delimiter, '\t');
	assert_string_equal(f.rows[0].cells[1], "a@b.fi");
	import_file_clear(&f);
}

static void test_headers(void **state)
{
	static const struct {
		const char *h;
		enum import_field f;
	} cases[] = {
	    {"Sukunimi", IMPORT_F_SURNAME},
	    {" EFTERNAMN: ", IMPORT_F_SURNAME},
	    {"Given names*", IMPORT_F_GIVEN_NAMES},
	    {"Sähköposti", IMPORT_F_EMAIL},
	    {"e-post", IMPORT_F_EMAIL},
	    {"Kausi  alkaa", IMPORT_F_START},
	    {"mandatperiod_slutar", IMPORT_F_END},
	    {"Ryhmä", IMPORT_F_GROUP},
	    {"Sektorer", IMPORT_F_SECTORS},
	    {"Roll", IMPORT_F_ROLE},
	    {"Huomautus", IMPORT_F_UNKNOWN},
	    {"", IMPORT_F_UNKNOWN},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(import_field_for_header(cases[i].h),
		                 cases[i].f);
}

static void test_lines_and_quotes(void **state)
{
	struct import_file f;
	char err[256];
	const char *bad = "Sukunimi;Etunimet\nA;B\n\"C;D\n";

	(void)state;
	assert_int_equal(read_str("Sukunimi;Etunimet\n\n\"Two\nlines\";x\n"
	                          "\"Say \"\"hi\"\"\";y\n;\nLast;z",
	                          &f),
	                 LAPE_OK);
	assert_int_equal(f.n_rows, 3); /* the blank and the empty row go */
	assert_int_equal(f.rows[0].line, 3);
	assert_string_equal(f.rows[0].cells[0], "Two\nlines");
	assert_int_equal(f.rows[1].line, 5);
	assert_string_equal(f.rows[1].cells[0], "Say \"hi\"");
	assert_int_equal(f.rows[2].line, 7);
	assert_string_equal(f.rows[2].cells[0], "Last");
	import_file_clear(&f);
	assert_int_equal(import_read(bad, strlen(bad), &f, err, sizeof err),
	                 LAPE_INVALID);
	assert_non_null(strstr(err, "line 3"));
	assert_int_equal(import_read("", 0, &f, err, sizeof err), LAPE_INVALID);
	assert_non_null(strstr(err, "header"));
}

/* The demo file with its rules, for matching. */
static struct lape_db *demo_db(struct rules **r)
{
	struct lape_db *db;
	char err[512];

	assert_int_equal(
	    db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err), LAPE_OK);
	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2016), LAPE_OK);
	assert_int_equal(demo_load(db), LAPE_OK);
	assert_int_equal(
	    rules_load(SHARE_SRCDIR "/rules.ini", r, err, sizeof err), 0);
	return db;
}

static void test_run(void **state)
{
	const char *csv = "Sukunimi;Etunimet;Sähköposti;Ryhmä;Sektori;Rooli\n"
	                  "Uusi;Ulla;ulla@example.fi;Vantaan LAPE-ryhmä;"
	                  "youth;ordförande\n"
	                  "Toinen;Tiina;;Vantaan LAPE-ryhmä;nope;\n";
	struct import_options opt = {0};
	struct import_result res;
	struct import_file f;
	struct rules *r;
	struct lape_db *db = demo_db(&r);
	int64_t people = count(db, "SELECT count(*) FROM person");

	(void)state;
	assert_int_equal(read_str(csv, &f), LAPE_OK);
	/* a wrong row: nothing written, even with apply */
	opt.apply = true;
	assert_int_equal(import_run(db, r, &f, &opt, &res), LAPE_OK);
	assert_int_equal(res.n_errors, 1);
	assert_int_equal(res.problems[0].line, 3);
	assert_string_equal(res.problems[0].column, "Sektori");
	assert_false(res.applied);
	assert_int_equal(res.n_people_added, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM person"), people);
	import_result_clear(&res);
	import_file_clear(&f);

	/* without it: written, a Swedish role in a Finnish file */
	assert_int_equal(read_str("Sukunimi;Etunimet;Sähköposti;Ryhmä;Sektori;"
	                          "Rooli\nUusi;Ulla;ULLA@example.fi;Vantaan "
	                          "LAPE-ryhmä;youth;ordförande\n",
	                          &f),
	                 LAPE_OK);
	assert_int_equal(import_run(db, r, &f, &opt, &res), LAPE_OK);
	assert_true(res.applied);
	assert_int_equal(res.n_members_added, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM membership m JOIN "
	                           "person p ON p.id = m.person_id WHERE "
	                           "p.email = 'ULLA@example.fi' AND m.role = "
	                           "'chair'"),
	                 1);
	import_result_clear(&res);
	/* again: matched by e-mail, nothing changes */
	assert_int_equal(import_run(db, r, &f, &opt, &res), LAPE_OK);
	assert_int_equal(res.n_actions, 0);
	assert_int_equal(res.n_unchanged, 1);
	import_result_clear(&res);
	import_file_clear(&f);
	rules_free(r);
	db_close(db);
}

static void test_sheet_values(void **state)
{
	char *v;

	(void)state;
	i18n_init("fi");
	assert_true(sheet_is_code("049"));
	assert_true(sheet_is_code("0401234567"));
	assert_false(sheet_is_code("49"));
	assert_false(sheet_is_code("0"));
	assert_true(sheet_is_code("1234567890123456"));
	assert_true(sheet_is_formula("=1+2"));
	assert_true(sheet_is_formula("+358"));
	assert_true(sheet_is_formula("-x"));
	assert_true(sheet_is_formula("@SUM"));
	assert_true(sheet_is_formula("\tx"));
	assert_false(sheet_is_formula("Åsa"));
	v = sheet_value("mandate_date", "2016-10-01", NULL);
	assert_string_equal(v, "1.10.2016");
	free(v);
	v = sheet_value("existing_body", "true", NULL);
	assert_string_equal(v, "kyllä");
	free(v);
	i18n_init("en");
	v = sheet_value("level", "regional", NULL);
	assert_string_equal(v, "regional");
	free(v);
	assert_string_equal(sheet_header("email"), "E-mail");
	assert_string_equal(sheet_header("no_such_key"), "no_such_key");
}

static void test_excel_csv(void **state)
{
	const char *csv = "code,name,org\r\n049,Espoo,=1+2\r\n091,\"a;b\","
	                  "\"say \"\"x\"\"\"\r\n";
	struct sheet_book book = {0};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	i18n_init("en");
	assert_int_equal(sheet_from_csv(csv, strlen(csv), "t", &book), 0);
	assert_int_equal(book.tables[0].n_rows, 2);
	assert_int_equal(sheet_write_excel_csv(&book, NULL, f), 0);
	fclose(f);
	assert_string_equal(out,
	                    "\xef\xbb\xbf"
	                    "Code;Name;org\r\n"
	                    "\"=\"\"049\"\"\";Espoo;\"'=1+2\"\r\n"
	                    "\"=\"\"091\"\"\";\"a;b\";\"say \"\"x\"\"\"\r\n");
	free(out);
	sheet_book_clear(&book);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_encodings),
	    cmocka_unit_test(test_headers),
	    cmocka_unit_test(test_lines_and_quotes),
	    cmocka_unit_test(test_run),
	    cmocka_unit_test(test_sheet_values),
	    cmocka_unit_test(test_excel_csv),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
