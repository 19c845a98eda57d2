/* test-merge.c -- the journal and the merge engine through their API, as
 * the screens use them: one entry per write transaction, ids in a file's
 * own range, copies, conflicts listed with both sides and resolved one by
 * one, decisions kept over a new plan, and files that are not copies. */

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
#include "lape/demo.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/store.h"
#include "fixture.h"

/* ---- the journal ------------------------------------------------------- */

static void test_entry_per_transaction(void **state)
{
	struct lape_db *db = open_file(tmp_path("j.db"), true);
	int64_t n0 = count(db, "SELECT count(*) FROM journal"), id;

	(void)state;
	id = add_person_sql(db, "Aino Virtanen");
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), n0 + 1);
	/* Two statements in one transaction: one entry. */
	assert_ok(db, db_begin(db));
	assert_ok(db, db_exec(db, "UPDATE person SET phone = '1' WHERE id = ?",
	                      "i", id));
	assert_ok(
	    db,
	    db_exec(db, "UPDATE person SET email = 'a@example.fi' WHERE id = ?",
	            "i", id));
	assert_ok(db, db_commit(db));
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), n0 + 2);
	/* Rolled back: none. */
	assert_ok(db, db_begin(db));
	assert_ok(db, db_exec(db, "DELETE FROM person WHERE id = ?", "i", id));
	db_rollback(db);
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), n0 + 2);
	/* A change that puts the value back: nothing to keep. */
	assert_ok(db, db_begin(db));
	assert_ok(db, db_exec(db, "UPDATE person SET phone = '2' WHERE id = ?",
	                      "i", id));
	assert_ok(db, db_exec(db, "UPDATE person SET phone = '1' WHERE id = ?",
	                      "i", id));
	assert_ok(db, db_commit(db));
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), n0 + 2);
	/* A failed save inside a transaction (a savepoint) leaves no trace
	 * in the entry of the transaction. */
	{
		struct person p = {0};

		assert_int_equal(person_get(db, id, &p), LAPE_OK);
		assert_ok(db, db_begin(db));
		free(p.phone);
		p.phone = strdup("3");
		assert_ok(db, person_save(db, &p));
		db_rollback(db);
		person_clear(&p);
	}
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), n0 + 2);
	/* The rows are indexed by the person. */
	assert_int_equal(count(db, "SELECT count(*) FROM journal_row WHERE "
	                           "tbl = 'person' AND person_id = "
	                           "(SELECT max(id) FROM person)"),
	                 2);
	db_close(db);
}

static void test_ids_in_range(void **state)
{
	struct lape_db *db = open_file(tmp_path("r.db"), true), *c;
	int64_t a, b;

	(void)state;
	a = add_person_sql(db, "Eka");
	assert_true(a > 0 && a < (INT64_C(1) << 32));
	assert_ok(db, merge_copy(db, tmp_path("r-copy.db")));
	assert_int_equal(merge_copy(db, tmp_path("r-copy.db")), LAPE_INVALID);
	c = open_file(tmp_path("r-copy.db"), false);
	assert_int_equal(journal_origin(c), 1);
	assert_string_equal(journal_family(c), journal_family(db));
	assert_string_not_equal(journal_file_uuid(c), journal_file_uuid(db));
	b = add_person_sql(c, "Toka");
	assert_int_equal(b, INT64_C(1) << 32);
	assert_int_equal(add_person_sql(c, "Kolmas"), (INT64_C(1) << 32) + 1);
	/* The server goes on in its own range. */
	assert_int_equal(add_person_sql(db, "Neljäs"), a + 1);
	db_close(c);
	db_close(db);
}

/* Every record the store makes in a copy (people, groups, members,
 * agents: the demo makes each) has its id in the copy's range. */
static void test_store_ids_in_copy(void **state)
{
	struct lape_db *db = open_file(tmp_path("d.db"), true), *c;

	(void)state;
	assert_ok(db, refdata_load(db, SHARE_SRCDIR, 2016));
	unlink(tmp_path("d-copy.db"));
	assert_ok(db, merge_copy(db, tmp_path("d-copy.db")));
	c = open_file(tmp_path("d-copy.db"), false);
	assert_ok(c, demo_load(c));
	for (int i = 0; i < 4; i++) {
		static const char *const q[] = {
		    "SELECT count(*), min(id) >= 1 << 32, max(id) < 2 << 32 "
		    "FROM person",
		    "SELECT count(*), min(id) >= 1 << 32, max(id) < 2 << 32 "
		    "FROM lape_group",
		    "SELECT count(*), min(id) >= 1 << 32, max(id) < 2 << 32 "
		    "FROM membership",
		    "SELECT count(*), min(id) >= 1 << 32, max(id) < 2 << 32 "
		    "FROM change_agent",
		};
		sqlite3_stmt *st = db_prepare(c, q[i], NULL);

		assert_non_null(st);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_true(sqlite3_column_int(st, 0) > 0);
		assert_int_equal(sqlite3_column_int(st, 1), 1);
		assert_int_equal(sqlite3_column_int(st, 2), 1);
		sqlite3_finalize(st);
	}
	db_close(c);
	db_close(db);
}

/* ---- merging ----------------------------------------------------------- */

static void test_conflict_one_by_one(void **state)
{
	struct lape_db *srv = open_file(tmp_path("s.db"), true), *lap;
	struct merge *m = NULL;
	const struct merge_conflict *c;
	int64_t p, q;

	(void)state;
	p = add_person_sql(srv, "Henna Salo");
	q = add_person_sql(srv, "Pekka Järvinen");
	unlink(tmp_path("l.db"));
	assert_ok(srv, merge_copy(srv, tmp_path("l.db")));
	lap = open_file(tmp_path("l.db"), false);
	change_id(srv, "UPDATE person SET phone = '040' WHERE id = ?1", p);
	change_id(lap, "UPDATE person SET phone = '050' WHERE id = ?1", p);
	change_id(srv, "UPDATE person SET phone = 'S2' WHERE id = ?1", q);
	change_id(lap, "UPDATE person SET phone = 'L2' WHERE id = ?1", q);
	change_id(lap, "UPDATE person SET email = 'x@y' WHERE id = ?1", q);

	assert_ok(srv, merge_open(srv, tmp_path("l.db"), &m));
	assert_true(merge_server_is_here(m));
	assert_int_equal(merge_entry_count(m), 3);
	assert_ok(srv, merge_plan(m));
	assert_int_equal(merge_conflict_count(m), 2);
	c = merge_conflict(m, 0);
	assert_int_equal(c->kind, MERGE_BOTH_CHANGED);
	assert_string_equal(c->table, "person");
	assert_string_equal(c->field, "phone");
	assert_string_equal(c->here.value, "040");
	assert_string_equal(c->there.value, "050");
	assert_non_null(c->here.user);
	assert_non_null(c->there.user);
	assert_non_null(c->here.at);
	assert_non_null(c->there.at);
	assert_non_null(strstr(c->record, "Salo"));
	/* The change without a conflict is listed for a dry run. */
	assert_int_equal(merge_change_count(m), 1);
	assert_string_equal(merge_change(m, 0)->field, "email");
	/* Nothing is written while a conflict is undecided. */
	assert_int_equal(merge_undecided(m), 2);
	assert_int_equal(merge_apply(m), LAPE_CONFLICT);
	assert_phone(srv, p, "040");
	/* One by one; the decisions survive a new plan. */
	merge_resolve(m, 0, MERGE_TAKE_THERE);
	merge_resolve(m, 1, MERGE_KEEP_HERE);
	assert_ok(srv, merge_plan(m));
	assert_int_equal(merge_undecided(m), 0);
	assert_int_equal(merge_conflict(m, 0)->choice, MERGE_TAKE_THERE);
	assert_ok(srv, merge_apply(m));
	merge_free(m);
	assert_phone(srv, p, "050");
	assert_phone(srv, q, "S2");
	{
		char *e = text(srv, "SELECT email FROM person WHERE id = ?", q);

		assert_string_equal(e, "x@y");
		free(e);
	}
	/* Again: nothing new. */
	assert_ok(srv, merge_open(srv, tmp_path("l.db"), &m));
	assert_int_equal(merge_entry_count(m), 0);
	merge_free(m);
	/* The laptop takes the server's decisions without a conflict. */
	unlink(tmp_path("s-copy.db"));
	assert_ok(srv, merge_copy(srv, tmp_path("s-copy.db")));
	assert_ok(lap, merge_open(lap, tmp_path("s-copy.db"), &m));
	assert_false(merge_server_is_here(m));
	assert_ok(lap, merge_plan(m));
	assert_int_equal(merge_conflict_count(m), 0);
	assert_ok(lap, merge_apply(m));
	merge_free(m);
	assert_phone(lap, p, "050");
	assert_phone(lap, q, "S2");
	db_close(lap);
	db_close(srv);
}

/* What a group read shows of other rows (format 11) follows a merge:
 * the laptop's groups, their municipalities and regional groups. */
static void test_merge_group_reads(void **state)
{
	struct lape_db *srv = open_file(tmp_path("g.db"), true), *lap;
	struct merge *m = NULL;

	(void)state;
	assert_ok(srv, refdata_load(srv, SHARE_SRCDIR, 2016));
	unlink(tmp_path("g-copy.db"));
	assert_ok(srv, merge_copy(srv, tmp_path("g-copy.db")));
	lap = open_file(tmp_path("g-copy.db"), false);
	assert_ok(lap, demo_load(lap));
	db_close(lap);
	assert_int_equal(count(srv, "SELECT count(*) FROM group_codes"), 0);
	assert_ok(srv, merge_open(srv, tmp_path("g-copy.db"), &m));
	assert_ok(srv, merge_plan(m));
	assert_ok(srv, merge_apply(m));
	merge_free(m);
	assert_true(count(srv, "SELECT count(*) FROM group_codes") > 0);
	assert_true(count(srv, "SELECT count(*) FROM region_link") > 0);
	assert_group_reads_kept(srv);
	db_close(srv);
}

static void test_not_a_copy(void **state)
{
	struct lape_db *a = open_file(tmp_path("a.db"), true);
	struct lape_db *b = open_file(tmp_path("b.db"), true);
	struct merge *m = NULL;

	(void)state;
	db_close(b);
	assert_int_equal(merge_open(a, tmp_path("b.db"), &m), LAPE_INVALID);
	assert_null(m);
	assert_non_null(strstr(db_errmsg(a), "not a copy"));
	assert_int_equal(merge_open(a, tmp_path("a.db"), &m), LAPE_INVALID);
	assert_non_null(strstr(db_errmsg(a), "itself"));
	assert_int_not_equal(merge_open(a, tmp_path("none.db"), &m), LAPE_OK);
	assert_null(m);
	db_close(a);
}

/* A laptop's change made before a table's columns changed is refused,
 * not dropped. */
static void test_older_shape_refused(void **state)
{
	struct lape_db *srv = open_file(tmp_path("o.db"), true), *lap;
	struct merge *m = NULL;
	int64_t p = add_person_sql(srv, "Aino");

	(void)state;
	unlink(tmp_path("o-copy.db"));
	assert_ok(srv, merge_copy(srv, tmp_path("o-copy.db")));
	lap = open_file(tmp_path("o-copy.db"), false);
	change_id(lap, "UPDATE person SET phone = '1' WHERE id = ?1", p);
	assert_ok(lap, db_exec(lap, "ALTER TABLE person ADD COLUMN x", NULL));
	db_close(lap);
	assert_ok(srv, db_exec(srv, "ALTER TABLE person ADD COLUMN x", NULL));
	db_close(srv);
	srv = open_file(tmp_path("o.db"), false);
	assert_int_equal(merge_open(srv, tmp_path("o-copy.db"), &m),
	                 LAPE_ERROR);
	assert_null(m);
	assert_non_null(strstr(db_errmsg(srv), "before the data format"));
	db_close(srv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entry_per_transaction),
	    cmocka_unit_test(test_ids_in_range),
	    cmocka_unit_test(test_store_ids_in_copy),
	    cmocka_unit_test(test_conflict_one_by_one),
	    cmocka_unit_test(test_merge_group_reads),
	    cmocka_unit_test(test_not_a_copy),
	    cmocka_unit_test(test_older_shape_refused),
	};

	setenv("LAPE_SHARE", SHARE_SRCDIR, 1);
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
