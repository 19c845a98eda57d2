/* fixture.c -- the unit tests' shared fixture (fixture.h): a temporary
 * directory, data files, one-row queries and records added for a test. */

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

#include "lape/demo.h"
#include "fixture.h"

char tmpdir[64];

static int rm_one(const char *path, const struct stat *sb, int flag,
                  struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	chmod(path, 0700); /* a test may have taken the write bit away */
	return remove(path);
}

int make_tmpdir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/lape-test-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

int remove_tmpdir(void **state)
{
	(void)state;
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *tmp_path(const char *name)
{
	static char buf[4][256];
	static int next;
	char *p = buf[next++ % 4];

	snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
	return p;
}

struct lape_db *open_mem(void)
{
	struct lape_db *db = NULL;
	char err[512];

	assert_int_equal(db_open(":memory:", 0, &db, err, sizeof err), LAPE_OK);
	assert_non_null(db);
	return db;
}

struct lape_db *open_ref(void)
{
	struct lape_db *db = open_mem();

	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2016), LAPE_OK);
	return db;
}

struct lape_db *open_file(const char *path, bool create)
{
	struct lape_db *db = NULL;
	char err[512];
	int rc;

	if (create)
		unlink(path);
	rc = db_open(path, create ? DB_OPEN_CREATE : DB_OPEN_EXISTING, &db, err,
	             sizeof err);
	if (rc != LAPE_OK)
		print_message("# %s\n", err);
	assert_int_equal(rc, LAPE_OK);
	if (create)
		assert_ok(db, db_publish(db));
	return db;
}

struct lape_db *open_demo(const char *name)
{
	struct lape_db *db = NULL;
	char err[512];

	assert_int_equal(
	    db_open(tmp_path(name), DB_OPEN_CREATE, &db, err, sizeof err),
	    LAPE_OK);
	assert_ok(db, refdata_load(db, SHARE_SRCDIR, 2026));
	assert_ok(db, db_publish(db));
	assert_ok(db, demo_load(db));
	return db;
}

int64_t count(struct lape_db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int64_t n;

	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

char *text(struct lape_db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = db_prepare(db, sql, "i", id);
	char *v = NULL;

	assert_non_null(st);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = db_column_dup(st, 0);
	sqlite3_finalize(st);
	return v;
}

void assert_group_reads_kept(struct lape_db *db)
{
	/* both ways: no row missing, none too many or wrong */
	static const char links[] =
	    "WITH made(region_code, group_id) AS (SELECT region_code, min(id) "
	    "FROM lape_group WHERE level = 'regional' AND status = 'active' "
	    "AND region_code IS NOT NULL GROUP BY region_code) "
	    "SELECT (SELECT count(*) FROM (SELECT * FROM region_link EXCEPT "
	    "SELECT * FROM made)) + (SELECT count(*) FROM (SELECT * FROM made "
	    "EXCEPT SELECT * FROM region_link))";
	static const char codes[] =
	    "SELECT (SELECT count(*) FROM lape_group g LEFT JOIN group_codes c "
	    "ON c.group_id = g.id WHERE c.codes IS NOT (SELECT "
	    "group_concat(municipality_code, ' ') FROM (SELECT "
	    "municipality_code FROM group_municipality WHERE group_id = g.id "
	    "ORDER BY pos, municipality_code))) + (SELECT count(*) FROM "
	    "group_codes WHERE group_id NOT IN (SELECT id FROM lape_group))";

	assert_int_equal(count(db, links), 0);
	assert_int_equal(count(db, codes), 0);
}

void change(struct lape_db *db, const char *sql, const char *a, const char *b)
{
	assert_ok(db, db_begin(db));
	assert_ok(db, db_exec(db, sql, b ? "tt" : a ? "t" : NULL, a, b));
	assert_ok(db, db_commit(db));
}

void change_id(struct lape_db *db, const char *sql, int64_t id)
{
	assert_ok(db, db_begin(db));
	assert_ok(db, db_exec(db, sql, "i", id));
	assert_ok(db, db_commit(db));
}

int64_t add_person_sql(struct lape_db *db, const char *name)
{
	change(db,
	       "INSERT INTO person(id, surname) "
	       "VALUES (lape_new_id('person'), ?1)",
	       name, NULL);
	return sqlite3_last_insert_rowid(db->sql);
}

int64_t add_person(struct lape_db *db, const char *name)
{
	struct person p = {0};
	const char *sp = strchr(name, ' ');
	int64_t id;

	p.surname = sp ? strndup(name, (size_t)(sp - name)) : strdup(name);
	p.given_names = sp ? strdup(sp + 1) : NULL;
	assert_ok(db, person_save(db, &p));
	assert_true(p.id > 0);
	id = p.id;
	person_clear(&p);
	return id;
}

int64_t add_group(struct lape_db *db, const char *name, const char *muni)
{
	struct group g = {0};
	int64_t id;

	g.level = LEVEL_MUNICIPAL;
	g.name = strdup(name);
	assert_int_equal(group_add_municipality(&g, muni), LAPE_OK);
	assert_ok(db, group_save(db, &g));
	id = g.id;
	group_clear(&g);
	return id;
}

int64_t add_member(struct lape_db *db, int64_t group, int64_t person,
                   enum member_role role, const char *sector)
{
	struct membership m = {0};
	int64_t id;

	m.group_id = group;
	m.person_id = person;
	m.role = role;
	assert_int_equal(membership_add_sector(&m, sector), LAPE_OK);
	assert_ok(db, membership_save(db, &m));
	id = m.id;
	membership_clear(&m);
	return id;
}

void assert_phone(struct lape_db *db, int64_t id, const char *want)
{
	char *v = text(db, "SELECT phone FROM person WHERE id = ?", id);

	assert_non_null(v);
	assert_string_equal(v, want);
	free(v);
}
