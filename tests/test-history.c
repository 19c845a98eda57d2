/* test-history.c -- history and undo through their API, as the screens
 * use them (h, u and redo): old and new values of every kind of field,
 * undo since a start point, redo, undo of a removal, and a refusal over
 * someone else's change that names it. */

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

#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lape/db.h"
#include "lape/journal.h"
#include "lape/history.h"
#include "lape/store.h"
#include "fixture.h"

struct seen {
	int n;
	char last[512];
};

static int seen_cb(const struct history_change *c, void *ctx)
{
	struct seen *s = ctx;

	s->n++;
	snprintf(s->last, sizeof s->last, "%s|%s|%s|%s|%s", c->table,
	         c->field ? c->field : "", c->old_value ? c->old_value : "",
	         c->new_value ? c->new_value : "", c->user);
	return 0;
}

static void test_field_kinds(void **state)
{
	struct lape_db *db = open_file(tmp_path("h.db"), true);
	struct history_filter f = {0, 0, NULL};
	struct seen s = {0, ""};
	int64_t p = add_person_sql(db, "Aino");

	(void)state;
	f.person_id = p;
	/* text, NULL to text, and back to NULL */
	change_id(db, "UPDATE person SET phone = '040' WHERE id = ?1", p);
	assert_ok(db, history_walk(db, &f, seen_cb, &s));
	assert_int_equal(s.n, 2);
	assert_non_null(strstr(s.last, "person|phone||040|"));
	change_id(db, "UPDATE person SET phone = NULL WHERE id = ?1", p);
	s.n = 0;
	assert_ok(db, history_walk(db, &f, seen_cb, &s));
	assert_non_null(strstr(s.last, "person|phone|040||"));
	/* a number, a reference shown by name and a role by its label */
	assert_ok(db, db_exec(db,
	                      "INSERT INTO region(code, name_fi, name_sv) "
	                      "VALUES ('01', 'Uusimaa', 'Nyland')",
	                      NULL));
	change(db,
	       "INSERT INTO change_agent(id, person_id, region_code) "
	       "VALUES (lape_new_id('change_agent'), ?1, '01')",
	       "1", NULL);
	change(db, "UPDATE change_agent SET funding_share = 80", NULL, NULL);
	s.n = 0;
	assert_ok(db, history_walk(db, NULL, seen_cb, &s));
	assert_non_null(strstr(s.last, "change_agent|funding_share|100|80|"));
	db_close(db);
}

static void test_undo_redo(void **state)
{
	struct lape_db *db = open_file(tmp_path("u.db"), true);
	struct history_undo u;
	int64_t p = add_person_sql(db, "Aino"), start;
	char *v;

	(void)state;
	start = history_last_entry(db);
	assert_true(start > 0);
	/* Nothing since the start point. */
	assert_int_equal(history_undo_find(db, NULL, start, false, &u),
	                 LAPE_NOTFOUND);
	change_id(db, "UPDATE person SET phone = '1' WHERE id = ?1", p);
	change_id(db, "UPDATE person SET phone = '2' WHERE id = ?1", p);
	assert_ok(db, history_undo_find(db, NULL, start, false, &u));
	assert_non_null(strstr(u.what, "1"));
	assert_non_null(strstr(u.what, "2"));
	assert_ok(db, history_undo_apply(db, &u));
	history_undo_clear(&u);
	assert_phone(db, p, "1");
	/* Again: further back. */
	assert_ok(db, history_undo_find(db, NULL, start, false, &u));
	assert_ok(db, history_undo_apply(db, &u));
	history_undo_clear(&u);
	v = text(db, "SELECT coalesce(phone, '-') FROM person WHERE id = ?", p);
	assert_string_equal(v, "-");
	free(v);
	assert_int_equal(history_undo_find(db, NULL, start, false, &u),
	                 LAPE_NOTFOUND);
	/* Redo brings them back, the last undone first. */
	assert_ok(db, history_undo_find(db, NULL, start, true, &u));
	assert_true(u.redo);
	assert_ok(db, history_undo_apply(db, &u));
	history_undo_clear(&u);
	assert_phone(db, p, "1");
	assert_ok(db, history_undo_find(db, NULL, start, true, &u));
	assert_ok(db, history_undo_apply(db, &u));
	history_undo_clear(&u);
	assert_phone(db, p, "2");
	assert_int_equal(history_undo_find(db, NULL, start, true, &u),
	                 LAPE_NOTFOUND);
	/* A new change ends the redo. */
	assert_ok(db, history_undo_find(db, NULL, start, false, &u));
	assert_ok(db, history_undo_apply(db, &u));
	history_undo_clear(&u);
	change_id(db, "UPDATE person SET email = 'a@example.fi' WHERE id = ?1",
	          p);
	assert_int_equal(history_undo_find(db, NULL, start, true, &u),
	                 LAPE_NOTFOUND);
	db_close(db);
}

static void sql_anna(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, "anna", -1, SQLITE_STATIC);
}

static void test_undo_refused(void **state)
{
	struct lape_db *db = open_file(tmp_path("x.db"), true), *other;
	struct history_undo u;
	int64_t p = add_person_sql(db, "Aino");

	(void)state;
	change_id(db, "UPDATE person SET phone = 'mine' WHERE id = ?1", p);
	other = open_file(tmp_path("x.db"), false);
	sqlite3_create_function(other->sql, "lape_user", 0, SQLITE_UTF8, NULL,
	                        sql_anna, NULL, NULL);
	change_id(other, "UPDATE person SET phone = 'annas' WHERE id = ?1", p);
	db_close(other);
	assert_ok(db, history_undo_find(db, NULL, 0, false, &u));
	assert_int_equal(history_undo_apply(db, &u), LAPE_CONFLICT);
	assert_non_null(strstr(db_errmsg(db), "anna"));
	assert_non_null(strstr(db_errmsg(db), "phone"));
	history_undo_clear(&u);
	assert_phone(db, p, "annas");
	db_close(db);
}

static void test_undo_removal(void **state)
{
	struct lape_db *db = open_file(tmp_path("r.db"), true);
	struct history_undo u;
	int64_t p = add_person_sql(db, "Aino"),
	        q = add_person_sql(db, "Bertta");
	int64_t before;

	(void)state;
	assert_ok(db, db_exec(db,
	                      "INSERT INTO region(code, name_fi, name_sv) "
	                      "VALUES ('01', 'Uusimaa', 'Nyland')",
	                      NULL));
	change(db,
	       "INSERT INTO lape_group(id, level, name, region_code) VALUES "
	       "(lape_new_id('lape_group'), 'regional', 'Ryhmä', '01')",
	       NULL, NULL);
	change(db,
	       "INSERT INTO membership(id, group_id, person_id, sectors) "
	       "SELECT lape_new_id('membership'), max(g.id), ?1, 'youth' "
	       "FROM lape_group g",
	       "1", NULL);
	(void)p;
	(void)q;
	before = count(db, "SELECT count(*) FROM membership");
	assert_int_equal(before, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM region_link"), 1);
	change(db, "DELETE FROM lape_group", NULL, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM membership"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM region_link"), 0);
	assert_ok(db, history_undo_find(db, NULL, 0, false, &u));
	assert_ok(db, history_undo_apply(db, &u));
	history_undo_clear(&u);
	assert_int_equal(count(db, "SELECT count(*) FROM lape_group"), 1);
	/* the undo's rows, written as a changeset, fire the triggers */
	assert_int_equal(count(db, "SELECT count(*) FROM region_link"), 1);
	assert_group_reads_kept(db);
	assert_int_equal(count(db, "SELECT count(*) FROM membership"), 1);
	/* Undoing the group's addition now that it has a member added
	 * later: refused. */
	assert_ok(db, history_undo_find(db, NULL, 0, false, &u));
	assert_ok(db, history_undo_apply(db, &u)); /* the membership */
	history_undo_clear(&u);
	assert_int_equal(count(db, "SELECT count(*) FROM membership"), 0);
	db_close(db);
}

/* An entry made before a table's columns changed is not undone in part:
 * refused. */
static void test_undo_older_shape(void **state)
{
	struct lape_db *db = open_file(tmp_path("s.db"), true);
	struct history_undo u;
	int64_t p = add_person_sql(db, "Aino");

	(void)state;
	change_id(db, "UPDATE person SET phone = '1' WHERE id = ?1", p);
	assert_ok(db, db_exec(db, "ALTER TABLE person ADD COLUMN x", NULL));
	db_close(db);
	db = open_file(tmp_path("s.db"), false);
	assert_ok(db, history_undo_find(db, NULL, 0, false, &u));
	assert_int_equal(history_undo_apply(db, &u), LAPE_CONFLICT);
	assert_non_null(strstr(db_errmsg(db), "data format"));
	history_undo_clear(&u);
	assert_phone(db, p, "1");
	/* The history still says it happened. */
	{
		struct seen s = {0, ""};

		assert_ok(db, history_walk(db, NULL, seen_cb, &s));
		assert_int_equal(s.n, 2);
		assert_non_null(strstr(s.last, "person||||"));
	}
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_field_kinds),
	    cmocka_unit_test(test_undo_redo),
	    cmocka_unit_test(test_undo_refused),
	    cmocka_unit_test(test_undo_removal),
	    cmocka_unit_test(test_undo_older_shape),
	};

	setenv("LAPE_SHARE", SHARE_SRCDIR, 1);
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
