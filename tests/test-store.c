/* test-store.c -- the data file and its records: opening, creating and
 * migrating files, constraints, validation, UTF-8 and hostile text, audit,
 * order and search, the group walk and the reference data. */

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

#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <pwd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "lape/db.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/record.h"
#include "lape/store.h"
#include "fixture.h"

/* ---- helpers ----------------------------------------------------------- */

static int64_t person_id_of(struct lape_db *db, const char *name)
{
	int64_t id = 0;

	assert_int_equal(person_find(db, name, &id), LAPE_OK);
	return id;
}

static int64_t add_regional(struct lape_db *db, const char *name,
                            const char *region)
{
	struct group g = {0};
	int64_t id;

	g.level = LEVEL_REGIONAL;
	g.name = strdup(name);
	snprintf(g.region_code, sizeof g.region_code, "%s", region);
	assert_ok(db, group_save(db, &g));
	id = g.id;
	group_clear(&g);
	return id;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Set the user_version of a file behind lape's back. */
static void raw_user_version(const char *path, int v)
{
	sqlite3 *s;
	char sql[64];

	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v);
	assert_int_equal(sqlite3_exec(s, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(s);
}

static int raw_get_user_version(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	int v;

	assert_int_equal(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(s, "PRAGMA user_version", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return v;
}

/* ---- opening and migrating ------------------------------------------- */

static void test_open_memory(void **state)
{
	struct lape_db *db = open_mem();

	(void)state;
	assert_int_equal(db_schema_version(db), LAPE_SCHEMA_VERSION);
	assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM person"), 0);
	db_close(db);
}

/* Fake migrations that go on from the built-in schema: versions up to
 * LAPE_SCHEMA_VERSION are applied already and skipped, then two more,
 * the second of them good (fake_ok) or failing (fake_bad). */
#define FAKE_N (LAPE_SCHEMA_VERSION + 2)
#define STR_(x) #x
#define STR(x) STR_(x)
/* The backup made before migrating from the built-in format. */
#define BAK_NAME "old.db.v" STR(LAPE_SCHEMA_VERSION) ".bak"
static struct db_migration fake_ok[FAKE_N], fake_bad[FAKE_N];

static void fake_init(void)
{
	for (int i = 0; i < FAKE_N; i++) {
		fake_ok[i].version = fake_bad[i].version = i + 1;
		fake_ok[i].sql = fake_bad[i].sql = "CREATE TABLE never(x)";
	}
	fake_ok[FAKE_N - 2].sql =
	    "CREATE TABLE steps(n); INSERT INTO steps VALUES (3)";
	fake_ok[FAKE_N - 1].sql = "INSERT INTO steps VALUES (4)";
	fake_bad[FAKE_N - 2].sql =
	    "CREATE TABLE half(n); INSERT INTO half VALUES (1)";
	fake_bad[FAKE_N - 1].sql = "INSERT INTO no_such_table VALUES (4)";
}

static void test_migrate_order(void **state)
{
	struct lape_db *db = open_mem();
	char err[512];

	(void)state;
	fake_init();
	assert_int_equal(db_migrate(db, fake_ok, FAKE_N, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(db_schema_version(db), FAKE_N);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master "
	                           "WHERE name = 'never'"),
	                 0);
	assert_int_equal(count(db, "SELECT group_concat(n, '') FROM "
	                           "(SELECT n FROM steps ORDER BY rowid)"),
	                 34);
	/* Again: nothing to do. */
	assert_int_equal(db_migrate(db, fake_ok, FAKE_N, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM steps"), 2);
	db_close(db);
}

static void test_migrate_rollback(void **state)
{
	struct lape_db *db = open_mem();
	char err[512], want[32];

	(void)state;
	fake_init();
	assert_int_equal(db_migrate(db, fake_bad, FAKE_N, err, sizeof err),
	                 LAPE_ERROR);
	snprintf(want, sizeof want, "format %d", FAKE_N);
	assert_non_null(strstr(err, want));
	assert_int_equal(db_schema_version(db), LAPE_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master "
	                           "WHERE name = 'half'"),
	                 0);
	/* The file still works. */
	add_person(db, "Aino");
	db_close(db);
}

static void test_create_modes(void **state)
{
	struct lape_db *db = NULL;
	char err[512];
	struct stat sb;
	const char *path = tmp_path("new/sub/lape.db");
	mode_t old = umask(022);

	(void)state;
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err),
	                 LAPE_NOTFOUND);
	assert_null(db);
	assert_non_null(strstr(err, "no such data file"));
	assert_non_null(strstr(err, path));
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	umask(old);
	assert_true(db->created);
	add_person(db, "Aino");
	db_close(db);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(stat(tmp_path("new/sub"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(tmp_path("new"), &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* A brand-new file is not backed up. */
	assert_int_not_equal(access(tmp_path("new/sub/lape.db.v0.bak"), F_OK),
	                     0);
	assert_int_equal(raw_get_user_version(path), LAPE_SCHEMA_VERSION);
	/* Reopening finds the data and does not count as creating. */
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	assert_false(db->created);
	assert_int_equal(count(db, "SELECT count(*) FROM person"), 1);
	assert_int_equal(count(db, "PRAGMA journal_mode = 'wal'") >= 0, 1);
	db_close(db);
}

static void test_newer_refused(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("newer.db");
	char err[512], *before, *after;
	size_t n1, n2;

	(void)state;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	db_close(db);
	raw_user_version(path, LAPE_SCHEMA_VERSION + 1);
	before = read_file(path, &n1);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_ERROR);
	assert_null(db);
	assert_non_null(strstr(err, "newer lape"));
	{
		char fmt[32];

		snprintf(fmt, sizeof fmt, "data format %d",
		         LAPE_SCHEMA_VERSION + 1);
		assert_non_null(strstr(err, fmt));
	}
	after = read_file(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	assert_int_not_equal(access(tmp_path("newer.db-wal"), F_OK), 0);
	free(before);
	free(after);
}

static void test_backup_on_migrate(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("old.db");
	const char *bak = tmp_path(BAK_NAME);
	char err[512];
	struct stat sb;

	(void)state;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	add_person(db, "Aino");
	assert_int_equal(db_migrate(db, fake_ok, FAKE_N, err, sizeof err),
	                 LAPE_OK);
	db_close(db);
	assert_int_equal(stat(bak, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(raw_get_user_version(bak), LAPE_SCHEMA_VERSION);
	assert_int_equal(raw_get_user_version(path), FAKE_N);
	/* The copy holds the data. */
	assert_int_equal(db_open(bak, DB_OPEN_EXISTING, &db, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM person"), 1);
	db_close(db);
}

static void test_corrupt_file(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("corrupt.db");
	char err[512], *before, *after;
	FILE *f = fopen(path, "w");
	size_t n1, n2;

	(void)state;
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("this is not a database at all\n", f);
	fclose(f);
	before = read_file(path, &n1);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_ERROR);
	assert_null(db);
	assert_non_null(strstr(err, "not a lape data file"));
	assert_non_null(strstr(err, path));
	assert_null(strchr(err, '\n'));
	after = read_file(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
}

static void test_foreign_sqlite_file(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("other.db");
	char err[512];
	sqlite3 *s;

	(void)state;
	assert_int_equal(sqlite3_open(path, &s), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s, "CREATE TABLE x(y)", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(s);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_ERROR);
	assert_non_null(strstr(err, "not a lape data file"));
}

static int list_count_cb(const struct person *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

static int count_walk_cb(const struct group *g, const struct membership *m,
                         size_t n, void *ctx)
{
	(void)g;
	(void)m;
	(void)n;
	(*(int *)ctx)++;
	return 0;
}

static void test_read_only_file(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("ro.db");
	struct person p = {0};
	char err[512];
	int n = 0;

	(void)state;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	add_person(db, "Aino");
	assert_ok(db, refdata_load(db, SHARE_SRCDIR, 2016));
	add_group(db, "Närpiö", "545");
	db_close(db);
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(person_list(db, NULL, 0, 0, list_count_cb, &n),
	                 LAPE_OK);
	assert_int_equal(n, 1);
	n = 0;
	assert_ok(db, group_walk(db, NULL, count_walk_cb, &n));
	assert_int_equal(n, 1);
	p.surname = strdup("Bertta");
	assert_int_equal(person_save(db, &p), LAPE_READONLY);
	assert_string_equal(db_errmsg(db), "the data file is read-only");
	assert_int_equal(p.id, 0);
	person_clear(&p);
	db_close(db);
	chmod(path, 0600);
}

static void test_busy_file(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("busy.db");
	struct person p = {0};
	char err[512];
	sqlite3 *other;

	(void)state;
	setenv("LAPE_BUSY_TIMEOUT", "50", 1);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	unsetenv("LAPE_BUSY_TIMEOUT");
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	p.surname = strdup("Aino");
	assert_int_equal(person_save(db, &p), LAPE_BUSY);
	assert_non_null(strstr(db_errmsg(db), "busy"));
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_ok(db, person_save(db, &p));
	person_clear(&p);
	db_close(db);
}

/* ---- constraints and validation ---------------------------------------- */

static void test_constraints(void **state)
{
	struct lape_db *db = open_ref();
	struct membership m = {0};
	struct agent a = {0}, b = {0};
	int64_t g = add_group(db, "Närpiön LAPE-ryhmä", "545");
	int64_t aino = add_person(db, "Aino");
	int64_t seat;

	(void)state;
	/* Foreign keys. */
	m.group_id = 9999;
	membership_add_sector(&m, "education");
	assert_int_equal(membership_save(db, &m), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "group");
	assert_int_equal(db_exec(db,
	                         "INSERT INTO membership(group_id, sectors) "
	                         "VALUES (9999, 'youth')",
	                         NULL),
	                 LAPE_INVALID);
	/* Check constraints, below the C validation. */
	assert_int_equal(db_exec(db,
	                         "INSERT INTO membership(group_id, sectors, "
	                         "role) VALUES (?, 'youth', 'king')",
	                         "i", g),
	                 LAPE_INVALID);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO change_agent(person_id, "
	                         "region_code, funding_share) "
	                         "VALUES (?, '15', 101)",
	                         "i", aino),
	                 LAPE_INVALID);
	membership_clear(&m);
	/* One current agent per region. */
	a.person_id = aino;
	strcpy(a.region_code, "15");
	a.funding_share = 100;
	a.status = AGENT_ACTIVE;
	assert_int_equal(agent_save(db, &a), LAPE_OK);
	b = a;
	b.id = 0;
	b.status = AGENT_PLANNED;
	assert_int_equal(agent_save(db, &b), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "region");
	assert_int_equal(db_exec(db,
	                         "INSERT INTO change_agent(person_id, "
	                         "region_code, status) VALUES (?, '15', "
	                         "'active')",
	                         "i", aino),
	                 LAPE_INVALID);
	b.status = AGENT_ENDED;
	assert_int_equal(agent_save(db, &b), LAPE_OK);
	/* A person in use is not deleted. */
	seat = add_member(db, g, aino, ROLE_CHAIR, "education");
	assert_int_equal(person_delete(db, aino), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "person");
	assert_int_equal(
	    db_exec(db, "DELETE FROM person WHERE id = ?", "i", aino),
	    LAPE_INVALID);
	assert_int_equal(membership_delete(db, seat), LAPE_OK);
	assert_int_equal(agent_delete(db, a.id), LAPE_OK);
	assert_int_equal(agent_delete(db, b.id), LAPE_OK);
	assert_int_equal(person_delete(db, aino), LAPE_OK);
	assert_int_equal(person_delete(db, aino), LAPE_NOTFOUND);
	db_close(db);
}

static void test_utf8_round_trip(void **state)
{
	static const char *names[] = {"Närpiö/Närpes", "Kähkönen Åsa",
	                              "Öhman 😀 Ærø", "\"Quoted\" O'Brien"};
	struct lape_db *db = open_mem();

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct person p = {0}, q;

		p.surname = strdup(names[i]);
		p.organisation = strdup(names[(i + 1) % 4]);
		p.notes = strdup("rivi 1\nrad 2\tä");
		assert_ok(db, person_save(db, &p));
		assert_int_equal(person_get(db, p.id, &q), LAPE_OK);
		assert_string_equal(q.surname, names[i]);
		assert_string_equal(q.organisation, names[(i + 1) % 4]);
		assert_string_equal(q.notes, "rivi 1\nrad 2\tä");
		assert_string_equal(q.uuid, p.uuid);
		assert_int_equal(strlen(q.uuid), UUID_LEN);
		assert_int_equal(q.uuid[14], '4');
		person_clear(&p);
		person_clear(&q);
	}
	db_close(db);
}

static void test_hostile_strings(void **state)
{
	static const char *evil[] = {"'); DROP TABLE person;--",
	                             "Robert'); DELETE FROM audit; --",
	                             "\"\"\"'''%s%n%x\\", "a\\' OR 1=1 --"};
	struct lape_db *db = open_ref();

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct person p = {0}, q;
		int64_t id = 0;

		p.surname = strdup(evil[i]);
		assert_ok(db, person_save(db, &p));
		assert_int_equal(person_get(db, p.id, &q), LAPE_OK);
		assert_string_equal(q.surname, evil[i]);
		assert_int_equal(person_find(db, evil[i], &id), LAPE_OK);
		assert_int_equal(id, p.id);
		person_clear(&p);
		person_clear(&q);
	}
	assert_int_equal(count(db, "SELECT count(*) FROM person"), 4);
	assert_true(count(db, "SELECT count(*) FROM journal") >= 4);
	assert_int_equal(add_group(db, evil[0], "545") > 0, 1);
	db_close(db);
}

static char *repeat(const char *s, size_t n)
{
	size_t len = strlen(s);
	char *r = malloc(len * n + 1);

	assert_non_null(r);
	for (size_t i = 0; i < n; i++)
		memcpy(r + i * len, s, len);
	r[len * n] = '\0';
	return r;
}

static void test_long_fields(void **state)
{
	struct lape_db *db = open_mem();
	struct person p = {0}, q;

	(void)state;
	p.surname = repeat("ö", 300);
	p.notes = repeat("ä", 10000);
	assert_ok(db, person_save(db, &p));
	assert_int_equal(person_get(db, p.id, &q), LAPE_OK);
	assert_string_equal(q.notes, p.notes);
	assert_string_equal(q.surname, p.surname);
	person_clear(&q);
	free(p.notes);
	p.notes = repeat("ä", 10001);
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "notes");
	assert_non_null(strstr(db_errmsg(db), "too long"));
	assert_non_null(strstr(db_errmsg(db), "10000"));
	free(p.notes);
	p.notes = NULL;
	free(p.surname);
	p.surname = repeat("ö", 301);
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "surname");
	/* Nothing was lost: the stored record is unchanged. */
	assert_int_equal(person_get(db, p.id, &q), LAPE_OK);
	assert_int_equal(strlen(q.notes), 20000);
	person_clear(&q);
	person_clear(&p);
	db_close(db);
}

static void test_invalid_input(void **state)
{
	struct lape_db *db = open_ref();
	struct person p = {0};
	struct group g = {0};
	const char *field, *msg;

	(void)state;
	p.surname = strdup("N\xe4rpi\xf6"); /* Latin-1 */
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "surname");
	assert_string_equal(db_errmsg(db), "not valid UTF-8 text");
	free(p.surname);
	p.surname = strdup("Aino");
	p.organisation = strdup("bad \xc0\xaf");
	assert_int_equal(person_validate(&p, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "organisation");
	free(p.organisation);
	p.organisation = NULL;
	p.email = strdup("aino at example");
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "email");
	free(p.email);
	p.email = strdup("aino virtanen@example.fi");
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	free(p.email);
	p.email = strdup("aino.virtanen@närpes.fi");
	assert_ok(db, person_save(db, &p));
	free(p.surname);
	p.surname = strdup("   ");
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "surname");
	free(p.surname);
	p.surname = NULL;
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	person_clear(&p);
	assert_int_equal(count(db, "SELECT count(*) FROM person"), 1);

	/* Groups: name, municipalities, region, dates. */
	g.level = LEVEL_MUNICIPAL;
	g.name = strdup("");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "name");
	free(g.name);
	g.name = strdup("Ryhmä");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "municipalities");
	group_add_municipality(&g, "999");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "municipalities");
	free(g.municipalities[0]);
	g.municipalities[0] = strdup("545");
	g.start_date = strdup("1.10.2016");
	g.end_date = strdup("31.12.2015");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "end_date");
	free(g.end_date);
	g.end_date = strdup("30.2.2018");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "end_date");
	free(g.end_date);
	g.end_date = strdup("31.12.2018");
	assert_ok(db, group_save(db, &g));
	assert_string_equal(g.start_date, "2016-10-01");
	assert_string_equal(g.end_date, "2018-12-31");
	assert_string_equal(g.region_code, "15");
	group_clear(&g);
	g.level = LEVEL_REGIONAL;
	g.name = strdup("Pohjanmaan LAPE");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "region");
	strcpy(g.region_code, "99");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "region");
	/* A regional group may list its municipalities, not others. */
	strcpy(g.region_code, "15");
	group_add_municipality(&g, "545");
	group_add_municipality(&g, "049");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "municipalities");
	g.n_municipalities = 1;
	free(g.municipalities[1]);
	g.regional_group_id = 1;
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "regional_group");
	g.regional_group_id = 0;
	assert_ok(db, group_save(db, &g));
	assert_string_equal(g.region_code, "15");
	group_clear(&g);
	db_close(db);
}

static void test_membership_validation(void **state)
{
	struct lape_db *db = open_ref();
	int64_t g = add_group(db, "Närpiö", "545");
	int64_t g2 = add_group(db, "Mustasaari", "499");
	int64_t other = add_member(db, g2, 0, ROLE_MEMBER, "youth");
	struct membership m = {0}, r;

	(void)state;
	m.group_id = g;
	assert_int_equal(membership_save(db, &m), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "sectors");
	membership_add_sector(&m, "Education!");
	assert_int_equal(membership_save(db, &m), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "sectors");
	free(m.sectors[0]);
	m.sectors[0] = strdup("education");
	membership_add_sector(&m, "youth");
	m.deputy_of = other; /* a seat of another group */
	assert_int_equal(membership_save(db, &m), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "deputy_of");
	m.deputy_of = 0;
	m.person_id = 4242;
	assert_int_equal(membership_save(db, &m), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "person");
	m.person_id = 0; /* vacant */
	m.start_date = strdup("01.08.2017");
	assert_ok(db, membership_save(db, &m));
	m.deputy_of = m.id;
	assert_int_equal(membership_save(db, &m), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "deputy_of");
	m.deputy_of = 0;
	assert_int_equal(membership_get(db, m.id, &r), LAPE_OK);
	assert_int_equal(r.n_sectors, 2);
	assert_string_equal(r.sectors[0], "education");
	assert_string_equal(r.sectors[1], "youth");
	assert_string_equal(r.start_date, "2017-08-01");
	assert_int_equal(r.person_id, 0);
	assert_null(r.person_name);
	assert_string_equal(r.group_name, "Närpiö");
	membership_clear(&r);
	membership_clear(&m);
	db_close(db);
}

static void test_version_conflict(void **state)
{
	struct lape_db *db = open_mem();
	int64_t id = add_person(db, "Aino");
	struct person a, b;

	(void)state;
	assert_int_equal(person_get(db, id, &a), LAPE_OK);
	assert_int_equal(person_get(db, id, &b), LAPE_OK);
	free(a.phone);
	a.phone = strdup("+358 40 123 4567");
	assert_int_equal(person_save(db, &a), LAPE_OK);
	assert_int_equal(a.version, 2);
	free(b.phone);
	b.phone = strdup("040 999");
	assert_int_equal(person_save(db, &b), LAPE_CONFLICT);
	assert_int_equal(b.version, 1);
	person_clear(&b);
	assert_int_equal(person_get(db, id, &b), LAPE_OK);
	assert_string_equal(b.phone, "+358 40 123 4567");
	assert_int_equal(b.version, 2);
	person_clear(&a);
	person_clear(&b);
	db_close(db);
}

static void test_audit(void **state)
{
	struct lape_db *db = open_mem();
	struct passwd *pw = getpwuid(geteuid());
	struct person p = {0};
	sqlite3_stmt *st;
	const char *want[] = {"insert", "update", "delete"};
	int i = 0;

	(void)state;
	p.surname = strdup("Salainen Henkilö");
	assert_ok(db, person_save(db, &p));
	free(p.email);
	p.email = strdup("s@example.fi");
	assert_ok(db, person_save(db, &p));
	assert_int_equal(person_delete(db, p.id), LAPE_OK);
	/* Each save is one journal entry, by the OS user, at a time. */
	st =
	    db_prepare(db,
	               "SELECT j.os_user, j.at, length(j.changeset) "
	               "FROM journal j JOIN journal_row r ON r.entry_id = j.id "
	               "WHERE r.tbl = 'person' AND r.pk = ? ORDER BY j.id",
	               "i", p.id);
	assert_non_null(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(i < 3);
		if (pw)
			assert_string_equal(sqlite3_column_text(st, 0),
			                    pw->pw_name);
		assert_int_equal(
		    strlen((const char *)sqlite3_column_text(st, 1)), 24);
		assert_true(sqlite3_column_int(st, 2) > 0);
		i++;
	}
	sqlite3_finalize(st);
	assert_int_equal(i, 3);
	(void)want;
	/* The audit triggers are gone: the plain sqlite3 shell can write. */
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE "
	                           "type = 'trigger' AND name LIKE '%audit%'"),
	                 0);
	person_clear(&p);
	db_close(db);
}

/* ---- order, search and find -------------------------------------------- */

struct names {
	char buf[512];
};

static int collect_person(const struct person *p, void *ctx)
{
	struct names *n = ctx;

	char *name = person_sort_name(p);

	strcat(n->buf, name);
	strcat(n->buf, ",");
	free(name);
	return 0;
}

static int collect_group(const struct group *g, void *ctx)
{
	struct names *n = ctx;

	strcat(n->buf, g->name);
	strcat(n->buf, ",");
	return 0;
}

static void test_order_and_search(void **state)
{
	struct lape_db *db = open_ref();
	struct names n = {""};
	struct group_filter f = GROUP_FILTER_ALL;
	size_t c = 0;

	(void)state;
	add_person(db, "Örn Olle");
	add_person(db, "Zetterberg Zoe");
	add_person(db, "Åberg Åsa");
	add_person(db, "ärling Ärla");
	add_person(db, "Aalto Aino");
	add_person(db, "Kähkönen Kalle");
	assert_int_equal(person_list(db, NULL, 0, 0, collect_person, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Aalto Aino,Kähkönen Kalle,Zetterberg "
	                           "Zoe,Åberg Åsa,ärling Ärla,Örn Olle,");
	/* Paging. */
	n.buf[0] = '\0';
	assert_int_equal(person_list(db, NULL, 2, 2, collect_person, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Zetterberg Zoe,Åberg Åsa,");
	/* Search folds ä, å, ö as well as ASCII. */
	n.buf[0] = '\0';
	assert_int_equal(person_list(db, "KÄH", 0, 0, collect_person, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Kähkönen Kalle,");
	assert_int_equal(person_count(db, "KÄH", &c), LAPE_OK);
	assert_int_equal(c, 1);
	n.buf[0] = '\0';
	assert_int_equal(person_list(db, "äR", 0, 0, collect_person, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "ärling Ärla,");
	assert_int_equal(person_count(db, NULL, &c), LAPE_OK);
	assert_int_equal(c, 6);

	add_group(db, "Närpiön ryhmä", "545");
	add_group(db, "Espoon ryhmä", "049");
	add_group(db, "Ähtärin ryhmä", "989");
	add_group(db, "Helsingin ryhmä", "091");
	n.buf[0] = '\0';
	assert_int_equal(group_list(db, NULL, 0, 0, collect_group, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Espoon ryhmä,Helsingin ryhmä,Närpiön "
	                           "ryhmä,Ähtärin ryhmä,");
	/* By a municipality's Swedish name, in capitals. */
	f.search = "NÄRPES";
	n.buf[0] = '\0';
	assert_int_equal(group_list(db, &f, 0, 0, collect_group, &n), LAPE_OK);
	assert_string_equal(n.buf, "Närpiön ryhmä,");
	assert_int_equal(group_count(db, &f, &c), LAPE_OK);
	assert_int_equal(c, 1);
	f.search = "RYHMÄ";
	f.region = "01";
	assert_int_equal(group_count(db, &f, &c), LAPE_OK);
	assert_int_equal(c, 2);
	n.buf[0] = '\0';
	assert_int_equal(group_list(db, &f, 1, 5, collect_group, &n), LAPE_OK);
	assert_string_equal(n.buf, "Helsingin ryhmä,");
	db_close(db);
}

/* Names as people have them: two parts, stored trimmed and in NFC, a
 * gender, found by either part. */
static void test_person_names(void **state)
{
	struct lape_db *db = open_ref();
	struct person p = {0}, q;
	struct names n = {""};
	enum person_gender g;
	int64_t id = 0;
	char *s;

	(void)state;
	p.surname = strdup("  Ahlstro\xcc\x88m "); /* o + combining diaeresis */
	p.given_names = strdup("Zoe\xcc\x88\t");
	p.gender = GENDER_WOMAN;
	assert_ok(db, person_save(db, &p));
	assert_int_equal(person_get(db, p.id, &q), LAPE_OK);
	assert_string_equal(q.surname, "Ahlstr\xc3\xb6m");
	assert_string_equal(q.given_names, "Zo\xc3\xab");
	assert_int_equal(q.gender, GENDER_WOMAN);
	s = person_display_name(&q);
	assert_string_equal(s, "Zoë Ahlström");
	free(s);
	s = person_sort_name(&q);
	assert_string_equal(s, "Ahlström Zoë");
	free(s);
	person_clear(&q);
	/* Precomposed or decomposed, the same person. */
	assert_ok(db, person_find(db, "Zoe\xcc\x88 Ahlstr\xc3\xb6m", &id));
	assert_int_equal(id, p.id);
	assert_ok(db, person_find(db, "ahlström zoë", &id));
	assert_int_equal(id, p.id);
	add_person(db, "Virtanen Anna");
	assert_int_equal(person_list(db, "anna", 0, 0, collect_person, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Virtanen Anna,");
	n.buf[0] = '\0';
	assert_int_equal(person_list(db, "VIRTA", 0, 0, collect_person, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Virtanen Anna,");
	n.buf[0] = '\0';
	assert_int_equal(
	    person_list(db, "Anna Virtanen", 0, 0, collect_person, &n),
	    LAPE_OK);
	assert_string_equal(n.buf, "Virtanen Anna,");
	/* Surname required; given names may be empty (a mononym). */
	free(p.surname);
	p.surname = strdup(" \t");
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "surname");
	free(p.surname);
	p.surname = strdup("Madonna");
	free(p.given_names);
	p.given_names = NULL;
	assert_ok(db, person_save(db, &p));
	p.gender = (enum person_gender)7;
	assert_int_equal(person_save(db, &p), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "gender");
	person_clear(&p);
	/* Genders by key or label; blank is not stated. */
	assert_ok(db, gender_parse("woman", &g));
	assert_int_equal(g, GENDER_WOMAN);
	assert_ok(db, gender_parse("MAN", &g));
	assert_int_equal(g, GENDER_MAN);
	assert_ok(db, gender_parse("", &g));
	assert_int_equal(g, GENDER_UNSTATED);
	assert_int_equal(gender_parse("robot", &g), LAPE_INVALID);
	assert_ok(db, gender_parse("Kvinna", &g));
	assert_int_equal(g, GENDER_WOMAN);
	assert_ok(db, gender_parse("MIES", &g));
	assert_int_equal(g, GENDER_MAN);
	assert_string_equal(gender_key(GENDER_OTHER), "other");
	db_close(db);
}

static void check_split(const char *name, const char *surname,
                        const char *given, bool clear)
{
	char *s, *g;
	bool c;

	assert_int_equal(schema_name_split(name, &s, &g, &c), LAPE_OK);
	assert_string_equal(s, surname);
	assert_string_equal(g, given);
	assert_int_equal(c, clear);
	free(s);
	free(g);
}

static void test_name_split(void **state)
{
	(void)state;
	check_split("Helena Suominen", "Suominen", "Helena", true);
	check_split(" Anna  Maria\tVirtanen ", "Virtanen", "Anna Maria", true);
	check_split("Madonna", "Madonna", "", false);
	check_split("A B C D", "D", "A B C", false);
	check_split("Virtanen, Anna", "Virtanen", "Anna", false);
	check_split("Ebba af Forselles", "af Forselles", "Ebba", false);
	check_split("von Wright", "von Wright", "", false);
	check_split("   ", "?", "", false);
	check_split("Zoe\xcc\x88 X", "X", "Zo\xc3\xab", true);
}

/* Lookups by a part of a name, without case or accents; several give
 * the list. */
static void test_lookup_part(void **state)
{
	struct lape_db *db = open_ref();
	int64_t k = add_group(
	    db, "Kirkkonummen LAPE-ryhmä – Kyrkslätts LAPE-grupp", "257");
	int64_t v = add_group(db, "Vantaan LAPE-ryhmä", "092");
	int64_t a = add_person(db, "Virtanen Anna"), b;
	struct lookup_matches lm;
	char code[3];
	int64_t id = 0;

	(void)state;
	assert_ok(db, group_lookup(db, "kirkko", &id, &lm));
	assert_int_equal(id, k);
	assert_ok(db, group_find(db, "KYRKSLATT", &id));
	assert_int_equal(id, k);
	assert_int_equal(group_lookup(db, "lape-ryhma", &id, &lm),
	                 LAPE_AMBIGUOUS);
	assert_int_equal(id, 0);
	assert_int_equal(lm.n, 2);
	assert_int_equal(lm.shown, 2);
	assert_false(lm.by_code);
	assert_int_equal(lm.m[0].id, k); /* in name order */
	assert_int_equal(lm.m[1].id, v);
	assert_string_equal(lm.m[1].name, "Vantaan LAPE-ryhmä");
	lookup_matches_clear(&lm);
	/* The whole name wins over a part of a longer one. */
	add_group(db, "Vantaan LAPE-ryhmä 2", "092");
	assert_ok(db, group_lookup(db, "vantaan lape-ryhmä", &id, &lm));
	assert_int_equal(id, v);
	assert_int_equal(group_lookup(db, "ei ole", &id, &lm), LAPE_NOTFOUND);
	/* People by either part, either order. */
	b = add_person(db, "Virtala Bertta");
	assert_ok(db, person_lookup(db, "anna", &id, &lm));
	assert_int_equal(id, a);
	assert_ok(db, person_lookup(db, "Bertta Virtala", &id, &lm));
	assert_int_equal(id, b);
	assert_int_equal(person_lookup(db, "virta", &id, &lm), LAPE_AMBIGUOUS);
	assert_int_equal(lm.n, 2);
	assert_string_equal(lm.m[0].name, "Bertta Virtala"); /* by surname */
	lookup_matches_clear(&lm);
	/* Regions by code or part of either name. */
	assert_ok(db, region_lookup(db, "nyl", code, &lm));
	assert_string_equal(code, "01");
	assert_ok(db, region_lookup(db, "1", code, &lm));
	assert_string_equal(code, "01");
	assert_int_equal(region_lookup(db, "pohjan", code, &lm),
	                 LAPE_AMBIGUOUS);
	assert_true(lm.by_code);
	assert_true(lm.n >= 3);
	lookup_matches_clear(&lm);
	assert_ok(db, region_lookup(db, "Pohjanmaa", code, &lm)); /* whole */
	assert_string_equal(code, "15");
	db_close(db);
}

static void test_find(void **state)
{
	struct lape_db *db = open_ref();
	int64_t g = add_group(db, "Närpiön LAPE-ryhmä", "545");
	struct group rec;
	int64_t id = 0;
	char prefix[9], code[4], rcode[3];

	(void)state;
	assert_int_equal(group_get(db, g, &rec), LAPE_OK);
	assert_int_equal(group_find(db, "NÄRPIÖN lape-RYHMÄ", &id), LAPE_OK);
	assert_int_equal(id, g);
	id = 0;
	memcpy(prefix, rec.uuid, 8);
	prefix[8] = '\0';
	assert_int_equal(group_find(db, prefix, &id), LAPE_OK);
	assert_int_equal(id, g);
	id = 0;
	assert_int_equal(group_find(db, rec.uuid, &id), LAPE_OK);
	assert_int_equal(id, g);
	snprintf(prefix, sizeof prefix, "%lld", (long long)g);
	assert_int_equal(group_find(db, prefix, &id), LAPE_OK);
	assert_int_equal(id, g);
	assert_int_equal(group_find(db, "ei ole", &id), LAPE_NOTFOUND);
	/* A uuid prefix of digits only is tried after the ids. */
	assert_ok(db, db_exec(db,
	                      "UPDATE lape_group SET uuid = "
	                      "'12345678-0000-4000-8000-000000000000'",
	                      NULL));
	assert_ok(db, group_find(db, "12345678", &id));
	assert_int_equal(id, g);
	assert_ok(db,
	          group_find(db, "12345678-0000-4000-8000-000000000000", &id));
	assert_int_equal(id, g);
	add_group(db, "närpiön lape-ryhmä", "545");
	assert_int_equal(group_find(db, "Närpiön LAPE-ryhmä", &id),
	                 LAPE_AMBIGUOUS);
	group_clear(&rec);

	add_person(db, "Kähkönen");
	assert_int_equal(person_find(db, "KÄHKÖNEN", &id), LAPE_OK);
	assert_int_equal(municipality_find(db, "närpes", code), LAPE_OK);
	assert_string_equal(code, "545");
	assert_int_equal(municipality_find(db, "49", code), LAPE_OK);
	assert_string_equal(code, "049");
	assert_int_equal(region_find(db, "ÖSTERBOTTEN", rcode), LAPE_OK);
	assert_string_equal(rcode, "15");
	assert_int_equal(region_find(db, "Atlantis", rcode), LAPE_NOTFOUND);
	db_close(db);
}

/* ---- links and the walk ------------------------------------------------ */

static void test_linked_group(void **state)
{
	struct lape_db *db = open_ref();
	int64_t r1 = add_regional(db, "Pohjanmaan LAPE", "15");
	int64_t r2 = add_regional(db, "Österbottens LAPE 2", "15");
	int64_t other = add_regional(db, "Uudenmaan LAPE", "01");
	int64_t m = add_group(db, "Närpiö", "545");
	int64_t lone = add_group(db, "Kuopio", "297");
	struct group g;

	(void)state;
	(void)other;
	assert_int_equal(group_get(db, m, &g), LAPE_OK);
	assert_int_equal(g.regional_group_id, 0);
	assert_int_equal(g.linked_group_id, r1);
	/* Set by hand. */
	g.regional_group_id = r2;
	assert_ok(db, group_save(db, &g));
	group_clear(&g);
	assert_int_equal(group_get(db, m, &g), LAPE_OK);
	assert_int_equal(g.linked_group_id, r2);
	/* Only to a regional group. */
	g.regional_group_id = lone;
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "regional_group");
	g.regional_group_id = 0;
	assert_ok(db, group_save(db, &g));
	group_clear(&g);
	/* A dissolved regional group is not linked by default. */
	assert_int_equal(group_get(db, r1, &g), LAPE_OK);
	assert_int_equal(g.linked_group_id, 0);
	g.status = STATUS_DISSOLVED;
	assert_ok(db, group_save(db, &g));
	group_clear(&g);
	assert_int_equal(group_get(db, m, &g), LAPE_OK);
	assert_int_equal(g.linked_group_id, r2);
	group_clear(&g);
	assert_int_equal(group_get(db, lone, &g), LAPE_OK);
	assert_int_equal(g.linked_group_id, 0);
	assert_string_equal(g.region_code, "11");
	group_clear(&g);
	/* Deleting the regional group falls back to the derived link. */
	assert_int_equal(group_get(db, m, &g), LAPE_OK);
	g.regional_group_id = r2;
	assert_ok(db, group_save(db, &g));
	group_clear(&g);
	assert_ok(db, group_delete(db, r2));
	assert_int_equal(group_get(db, m, &g), LAPE_OK);
	assert_int_equal(g.regional_group_id, 0);
	assert_int_equal(g.linked_group_id, 0); /* r1 is dissolved */
	group_clear(&g);
	db_close(db);
}

/* What a group read shows of other rows, kept by triggers (format 11),
 * after every kind of write to the groups and their municipalities: the
 * store's, and plain SQL's, as another program's. */
static void test_group_reads_kept(void **state)
{
	struct lape_db *db = open_ref();
	int64_t r1 = add_regional(db, "Pohjanmaan LAPE", "15");
	int64_t r2 = add_regional(db, "Österbottens LAPE 2", "15");
	int64_t r3 = add_regional(db, "Uudenmaan LAPE", "01");
	int64_t m = add_group(db, "Närpiö", "545");
	int64_t other = add_group(db, "Korsholm", "499");
	struct group g = {0};

	(void)state;
	assert_group_reads_kept(db);
	assert_int_equal(count(db, "SELECT count(*) FROM region_link"), 2);
	/* municipalities added, dropped and put in another order */
	assert_int_equal(group_get(db, m, &g), LAPE_OK);
	assert_ok(db, group_add_municipality(&g, "280"));
	assert_ok(db, group_add_municipality(&g, "287"));
	assert_ok(db, group_save(db, &g));
	assert_group_reads_kept(db);
	free(g.municipalities[0]);
	g.municipalities[0] = g.municipalities[2];
	g.n_municipalities = 2;
	assert_ok(db, group_save(db, &g));
	group_clear(&g);
	assert_group_reads_kept(db);
	change_id(db,
	          "UPDATE group_municipality SET pos = 9 - pos WHERE "
	          "group_id = ?1",
	          m);
	assert_group_reads_kept(db);
	change_id(db,
	          "UPDATE group_municipality SET municipality_code = '545' "
	          "WHERE group_id = ?1 AND municipality_code = '280'",
	          m);
	assert_group_reads_kept(db);
	/* the regional groups dissolved, moved, made municipal, deleted */
	change_id(
	    db, "UPDATE lape_group SET status = 'dissolved' WHERE id = ?1", r1);
	assert_group_reads_kept(db);
	change_id(db, "UPDATE lape_group SET region_code = '01' WHERE id = ?1",
	          r2);
	assert_group_reads_kept(db);
	assert_int_equal(count(db, "SELECT count(*) FROM region_link"), 1);
	change_id(db, "UPDATE lape_group SET status = 'active' WHERE id = ?1",
	          r1);
	assert_group_reads_kept(db);
	assert_ok(db, group_delete(db, r2));
	assert_group_reads_kept(db);
	/* the region's only regional group made municipal, and back */
	change_id(db, "UPDATE lape_group SET level = 'municipal' WHERE id = ?1",
	          r3);
	assert_group_reads_kept(db);
	change_id(db, "UPDATE lape_group SET level = 'regional' WHERE id = ?1",
	          r3);
	assert_group_reads_kept(db);
	/* a municipality moved to another group */
	change_id(db,
	          "UPDATE group_municipality SET group_id = ?1, pos = 5 WHERE "
	          "municipality_code = '287'",
	          other);
	assert_int_equal(count(db, "SELECT count(*) FROM group_codes WHERE "
	                           "codes = '499 287'"),
	                 1);
	assert_group_reads_kept(db);
	/* a group deleted with its municipalities (ON DELETE CASCADE) */
	assert_ok(db, group_delete(db, m));
	assert_group_reads_kept(db);
	assert_int_equal(count(db, "SELECT count(*) FROM group_codes"), 1);
	db_close(db);
}

struct walked {
	char buf[1024];
	int groups;
};

static int walk_cb(const struct group *g, const struct membership *m, size_t n,
                   void *ctx)
{
	struct walked *w = ctx;
	char line[256];

	w->groups++;
	snprintf(line, sizeof line, "%s[%zu]:", g->name, n);
	strcat(w->buf, line);
	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof line, "%s/%s/%s%s;",
		         m[i].person_name ? m[i].person_name : "-",
		         role_key(m[i].role), m[i].sectors[0],
		         m[i].n_sectors > 1 ? "+" : "");
		strcat(w->buf, line);
	}
	strcat(w->buf, " ");
	return 0;
}

static void test_group_walk(void **state)
{
	struct lape_db *db = open_ref();
	int64_t nar = add_group(db, "Närpiö", "545");
	int64_t esp = add_group(db, "Espoo", "049");
	int64_t aht = add_group(db, "Ähtäri", "989");
	int64_t reg = add_regional(db, "Pohjanmaa", "15");
	int64_t aino = add_person(db, "Aino");
	int64_t oona = add_person(db, "Öberg");
	int64_t bo = add_person(db, "Bo");
	struct group_filter f = GROUP_FILTER_ALL;
	struct membership *list;
	struct walked w = {"", 0};
	struct membership m = {0};
	size_t n;

	(void)state;
	(void)aht;
	add_member(db, nar, oona, ROLE_MEMBER, "youth");
	add_member(db, nar, 0, ROLE_MEMBER, "parishes");
	add_member(db, nar, aino, ROLE_MEMBER, "education");
	add_member(db, nar, bo, ROLE_CHAIR, "social_health");
	add_member(db, esp, bo, ROLE_SECRETARY, "youth");
	add_member(db, reg, aino, ROLE_VICE_CHAIR, "municipalities");
	m.group_id = esp;
	m.person_id = aino;
	membership_add_sector(&m, "education");
	membership_add_sector(&m, "youth");
	assert_ok(db, membership_save(db, &m));
	membership_clear(&m);

	assert_int_equal(group_walk(db, NULL, walk_cb, &w), LAPE_OK);
	assert_int_equal(w.groups, 4);
	assert_string_equal(
	    w.buf, "Espoo[2]:Bo/secretary/youth;Aino/member/education+; "
	           "Närpiö[4]:Bo/chair/social_health;Aino/member/"
	           "education;Öberg/member/youth;-/member/parishes; "
	           "Pohjanmaa[1]:Aino/vice_chair/municipalities; "
	           "Ähtäri[0]: ");
	/* The same order as the group's own list. */
	assert_int_equal(membership_list_group(db, nar, &list, &n), LAPE_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].person_name, "Bo");
	assert_string_equal(list[2].person_name, "Öberg");
	assert_int_equal(list[3].person_id, 0);
	membership_free_array(list, n);
	assert_int_equal(membership_list_person(db, aino, &list, &n), LAPE_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].group_name, "Espoo");
	membership_free_array(list, n);
	/* Filtered. */
	f.level = LEVEL_MUNICIPAL;
	f.region = "15";
	w.buf[0] = '\0';
	w.groups = 0;
	assert_int_equal(group_walk(db, &f, walk_cb, &w), LAPE_OK);
	assert_int_equal(w.groups, 1);
	assert_non_null(strstr(w.buf, "Närpiö[4]"));
	/* Deleting a group deletes its seats. */
	assert_int_equal(group_delete(db, nar), LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM membership"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM group_municipality"),
	                 2);
	db_close(db);
}

static void test_group_municipalities(void **state)
{
	struct lape_db *db = open_ref();
	struct group g = {0}, r;
	char uuid[UUID_LEN + 1];
	sqlite3_stmt *st;

	(void)state;
	g.name = strdup("Kuusiokunnat");
	group_add_municipality(&g, "989");
	group_add_municipality(&g, "010");
	group_add_municipality(&g, "005");
	assert_ok(db, group_save(db, &g));
	assert_string_equal(g.region_code, "14");
	st = db_prepare(db,
	                "SELECT uuid FROM group_municipality WHERE "
	                "municipality_code = '010'",
	                NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(uuid, sizeof uuid, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	/* Drop one, keep the rest (and their uuids). */
	free(g.municipalities[2]);
	g.n_municipalities = 2;
	assert_ok(db, group_save(db, &g));
	assert_int_equal(group_get(db, g.id, &r), LAPE_OK);
	assert_int_equal(r.n_municipalities, 2);
	assert_string_equal(r.municipalities[0], "989");
	assert_string_equal(r.municipalities[1], "010");
	assert_int_equal(r.version, 2);
	group_clear(&r);
	st = db_prepare(db,
	                "SELECT uuid FROM group_municipality WHERE "
	                "municipality_code = '010'",
	                NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), uuid);
	sqlite3_finalize(st);
	group_add_municipality(&g, "989");
	assert_int_equal(group_save(db, &g), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "municipalities");
	group_clear(&g);
	db_close(db);
}

/* ---- reference data ---------------------------------------------------- */

static void test_refdata(void **state)
{
	struct lape_db *db = open_mem();
	int years[8];
	int n = refdata_years(SHARE_SRCDIR, years, 8);
	struct region r;

	(void)state;
	assert_true(n >= 3);
	for (int i = 1; i < n; i++)
		assert_true(years[i - 1] > years[i]);
	assert_int_equal(years[n - 1], 2016);
	assert_int_equal(refdata_year(db), 0);
	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2016), LAPE_OK);
	assert_int_equal(refdata_year(db), 2016);
	assert_int_equal(count(db, "SELECT count(*) FROM region"), 19);
	assert_int_equal(count(db, "SELECT count(*) FROM municipality"), 313);
	assert_int_equal(count(db, "SELECT count(*) FROM region WHERE "
	                           "in_lape = 0 AND code = '21'"),
	                 1);
	/* Again: nothing changes. */
	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2016), LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM municipality"), 313);
	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2026), LAPE_INVALID);
	assert_int_equal(region_get(db, "15", &r), LAPE_OK);
	assert_string_equal(r.name_sv, "Österbotten");
	assert_true(r.in_lape);
	region_clear(&r);
	db_close(db);

	db = open_mem();
	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2026), LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM municipality"), 308);
	assert_int_equal(count(db, "SELECT count(*) FROM region"), 19);
	assert_int_equal(refdata_load(db, "/nonexistent", 2017), LAPE_INVALID);
	db_close(db);

	db = open_mem();
	assert_int_equal(refdata_load(db, "/nonexistent/share", 2016),
	                 LAPE_ERROR);
	assert_non_null(strstr(db_errmsg(db), "/nonexistent/share/refdata"));
	assert_int_equal(count(db, "SELECT count(*) FROM region"), 0);
	db_close(db);
}

static void test_refdata_quoted(void **state)
{
	struct lape_db *db = open_mem();
	struct municipality m;

	(void)state;
	assert_int_equal(
	    refdata_load(db, TESTS_SRCDIR "/data/store-quoted", 2016), LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM municipality"), 3);
	assert_int_equal(municipality_get(db, "001", &m), LAPE_OK);
	assert_string_equal(m.name_fi, "Kunta, \"Lainaus\"");
	assert_string_equal(m.name_sv, "Kommun \"ett\"");
	municipality_clear(&m);
	assert_int_equal(municipality_get(db, "003", &m), LAPE_OK);
	assert_string_equal(m.name_sv, "Tredje");
	municipality_clear(&m);
	db_close(db);
}

static void test_refdata_malformed(void **state)
{
	struct lape_db *db = open_mem();

	(void)state;
	assert_int_equal(refdata_load(db, TESTS_SRCDIR "/data/store-bad", 2016),
	                 LAPE_INVALID);
	assert_non_null(strstr(db_errmsg(db), "municipalities_2016.csv:3: "));
	assert_int_equal(count(db, "SELECT count(*) FROM region"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM municipality"), 0);
	assert_int_equal(refdata_year(db), 0);
	assert_int_equal(refdata_load(db, TESTS_SRCDIR "/data/store-bad", 2017),
	                 LAPE_INVALID);
	assert_non_null(strstr(db_errmsg(db), "municipalities_2017.csv:1: "));
	assert_int_equal(refdata_load(db, TESTS_SRCDIR "/data/store-bad", 2018),
	                 LAPE_INVALID);
	assert_non_null(strstr(db_errmsg(db), "municipalities_2018.csv:2: "));
	db_close(db);
}

static int collect_muni(const struct municipality *m, void *ctx)
{
	struct names *n = ctx;

	if (strlen(n->buf) + strlen(m->name_fi) + 2 < sizeof n->buf) {
		strcat(n->buf, m->name_fi);
		strcat(n->buf, ",");
	}
	return 0;
}

static int count_region(const struct region *r, void *ctx)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

/* Counts the municipalities; fails when one's code is not after the
 * last one's. */
struct muni_count {
	size_t n;
	char last[8];
};

static int count_muni(const struct municipality *m, void *ctx)
{
	((struct muni_count *)ctx)->n++;
	(void)m;
	return 0;
}

static int code_order(const struct municipality *m, void *ctx)
{
	struct muni_count *c = ctx;

	if (c->n++ > 0 && strcmp(c->last, m->code) >= 0)
		fail_msg("%s after %s", m->code, c->last);
	snprintf(c->last, sizeof c->last, "%s", m->code);
	return 0;
}

static void test_reference_lists(void **state)
{
	struct lape_db *db = open_ref();
	struct names n = {""};
	struct muni_count by_name = {0}, by_code = {0};
	int regions = 0;

	(void)state;
	assert_int_equal(region_list(db, true, count_region, &regions),
	                 LAPE_OK);
	assert_int_equal(regions, 18);
	assert_int_equal(municipality_list(db, "15", "nä", collect_muni, &n),
	                 LAPE_OK);
	assert_string_equal(n.buf, "Närpiö,");
	n.buf[0] = '\0';
	assert_int_equal(municipality_list(db, NULL, "JÄ", collect_muni, &n),
	                 LAPE_OK);
	assert_non_null(strstr(n.buf, "Jämsä,"));
	assert_null(strstr(n.buf, "Närpiö"));
	/* all of them, by code: as many as by name, in the codes' order */
	assert_int_equal(
	    municipality_list(db, NULL, NULL, count_muni, &by_name), LAPE_OK);
	assert_int_equal(municipality_all(db, code_order, &by_code), LAPE_OK);
	assert_true(by_name.n > 300);
	assert_int_equal(by_code.n, by_name.n);
	db_close(db);
}

static void test_labels(void **state)
{
	enum member_role r;
	enum agent_status s;

	(void)state;
	assert_string_equal(role_label(ROLE_VICE_CHAIR), "vice-chair");
	assert_string_equal(role_key(ROLE_VICE_CHAIR), "vice_chair");
	assert_int_equal(role_parse("vice-chair", &r), LAPE_OK);
	assert_int_equal(r, ROLE_VICE_CHAIR);
	assert_int_equal(role_parse("Chair", &r), LAPE_OK);
	assert_int_equal(r, ROLE_CHAIR);
	assert_int_equal(role_parse("king", &r), LAPE_INVALID);
	/* Labels in any language, in any case, with or without accents. */
	assert_int_equal(role_parse("ORDFÖRANDE", &r), LAPE_OK);
	assert_int_equal(r, ROLE_CHAIR);
	assert_int_equal(role_parse("Varapuheenjohtaja", &r), LAPE_OK);
	assert_int_equal(r, ROLE_VICE_CHAIR);
	assert_int_equal(role_parse("SEKRETERARE", &r), LAPE_OK);
	assert_int_equal(r, ROLE_SECRETARY);
	assert_int_equal(role_parse("jasen", &r), LAPE_OK);
	assert_int_equal(r, ROLE_MEMBER);
	assert_string_equal(agent_status_label(AGENT_ENDED), "ended");
	assert_int_equal(agent_status_parse("active", &s), LAPE_OK);
	assert_int_equal(s, AGENT_ACTIVE);
}

static void test_agents(void **state)
{
	struct lape_db *db = open_ref();
	int64_t p = add_person(db, "Agentti Anna");
	struct agent a = {0}, b;

	(void)state;
	a.person_id = p;
	strcpy(a.region_code, "15");
	a.funding_share = 101;
	assert_int_equal(agent_save(db, &a), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "funding_share");
	a.funding_share = 100;
	a.status = AGENT_ACTIVE;
	a.start_date = strdup("1.10.2016");
	a.employer = strdup("Vaasan kaupunki");
	assert_int_equal(agent_save(db, &a), LAPE_OK);
	assert_int_equal(agent_get_region(db, "15", &b), LAPE_OK);
	assert_int_equal(b.id, a.id);
	assert_string_equal(b.person_name, "Anna Agentti");
	assert_string_equal(b.start_date, "2016-10-01");
	assert_int_equal(b.status, AGENT_ACTIVE);
	agent_clear(&b);
	assert_int_equal(agent_get_region(db, "01", &b), LAPE_NOTFOUND);
	agent_clear(&a);
	assert_int_equal(person_id_of(db, "agentti anna"), p);
	db_close(db);
}

/* How many files in DIR have a name starting with PREFIX. */
static int count_named(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

/* A new file is built aside and appears only when published; one that
 * is not published leaves nothing. */
static void test_create_aside(void **state)
{
	struct lape_db *db = NULL;
	char path[256], dir[256], err[512];

	(void)state;
	snprintf(path, sizeof path, "%s", tmp_path("aside/lape.db"));
	snprintf(dir, sizeof dir, "%s", tmp_path("aside"));
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_true(db->created);
	assert_non_null(db->build_path);
	assert_int_equal(count_named(dir, "lape.db.new-"), 1);
	assert_ok(db, refdata_load(db, SHARE_SRCDIR, 2016));
	assert_int_not_equal(access(path, F_OK), 0);
	db_close(db);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(count_named(dir, "lape.db"), 0);

	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, refdata_load(db, SHARE_SRCDIR, 2016));
	assert_ok(db, db_publish(db));
	assert_true(db->created);
	assert_null(db->build_path);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(count_named(dir, "lape.db.new-"), 0);
	/* The published file is the one in use, in WAL mode. */
	add_person(db, "Aino");
	assert_int_equal(count(db, "SELECT count(*) FROM municipality"), 313);
	db_close(db);
	assert_int_equal(count_named(dir, "lape.db"), 1);
	assert_int_equal(raw_get_user_version(path), LAPE_SCHEMA_VERSION);
}

/* Two lapes build the same new file: the first to publish wins, the
 * other opens its file and throws its own away. */
static void test_publish_race(void **state)
{
	struct lape_db *a = NULL, *b = NULL;
	const char *path = tmp_path("race.db");
	char err[512];

	(void)state;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &a, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &b, err, sizeof err),
	                 LAPE_OK);
	assert_true(a->created && b->created);
	assert_ok(a, refdata_load(a, SHARE_SRCDIR, 2016));
	assert_ok(b, refdata_load(b, SHARE_SRCDIR, 2026));
	add_person(b, "Bertta");
	assert_ok(a, db_publish(a));
	assert_true(a->created);
	assert_ok(b, db_publish(b));
	assert_false(b->created);
	/* B now works on A's file. */
	assert_int_equal(refdata_year(b), 2016);
	assert_int_equal(count(b, "SELECT count(*) FROM person"), 0);
	add_person(a, "Aino");
	assert_int_equal(count(b, "SELECT count(*) FROM person"), 1);
	/* Loading the same year again inside B's transaction is no
	 * duplicate; another year is refused. */
	assert_ok(b, refdata_load(b, SHARE_SRCDIR, 2016));
	assert_int_equal(refdata_load(b, SHARE_SRCDIR, 2026), LAPE_INVALID);
	assert_int_equal(count(b, "SELECT count(*) FROM municipality"), 313);
	db_close(a);
	db_close(b);
	assert_int_equal(count_named(tmpdir, "race.db.new-"), 0);
}

/* A file already at the path (made by anyone) is never replaced. */
static void test_publish_keeps_other(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("other-first.db");
	char err[512], *before, *after;
	size_t n1, n2;
	FILE *f;

	(void)state;
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("someone else's file\n", f);
	fclose(f);
	before = read_file(path, &n1);
	assert_int_equal(db_publish(db), LAPE_ERROR);
	assert_non_null(strstr(db_errmsg(db), "not a lape data file"));
	db_close(db);
	after = read_file(path, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
	assert_int_equal(count_named(tmpdir, "other-first.db.new-"), 0);
}

/* demo_load decides inside its transaction, and tells the example apart
 * from other groups. */
static void test_demo_twice(void **state)
{
	struct lape_db *db = open_ref();

	(void)state;
	assert_ok(db, db_begin(db));
	assert_ok(db, demo_load(db));
	assert_ok(db, db_commit(db));
	assert_int_equal(count(db, "SELECT count(*) FROM lape_group"), 9);
	assert_int_equal(demo_load(db), LAPE_INVALID);
	assert_string_equal(db_errfield(db), DEMO_META_KEY);
	assert_string_equal(db_errmsg(db), "the example is already loaded");
	assert_int_equal(count(db, "SELECT count(*) FROM lape_group"), 9);
	db_close(db);

	db = open_ref();
	add_group(db, "Närpiön LAPE-ryhmä", "545");
	assert_int_equal(demo_load(db), LAPE_INVALID);
	assert_string_equal(db_errfield(db), "");
	assert_non_null(strstr(db_errmsg(db), "already holds groups"));
	assert_int_equal(count(db, "SELECT count(*) FROM person"), 0);
	db_close(db);
}

/* An empty file is left as it is by a mere open, and filled only by one
 * that is asked to create. */
static void test_empty_file(void **state)
{
	struct lape_db *db = NULL;
	const char *path = tmp_path("empty.db");
	char err[512];
	struct stat sb;
	FILE *f = fopen(path, "w");

	(void)state;
	assert_non_null(f);
	fclose(f);
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err),
	                 LAPE_NOTFOUND);
	assert_null(db);
	assert_non_null(strstr(err, "an empty data file without reference "
	                            "data; run lape init"));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_false(db->created);
	assert_int_equal(db_schema_version(db), LAPE_SCHEMA_VERSION);
	db_close(db);
}

/* ---- no read transaction left open ------------------------------------- */

/* After every call into the store nothing may still be reading: a
 * statement left running holds a read transaction, and while one is open
 * no checkpoint can empty the -wal file of the lapes beside it. */
static void assert_idle(struct lape_db *db, const char *what)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db->sql, NULL); st;
	     st = sqlite3_next_stmt(db->sql, st))
		if (sqlite3_stmt_busy(st)) {
			print_message("# %s left running: %s\n", what,
			              sqlite3_sql(st));
			fail();
		}
	if (!sqlite3_get_autocommit(db->sql)) {
		print_message("# %s left a transaction open\n", what);
		fail();
	}
}

/* Callbacks that stop a walk at the first row: the early way out must
 * let go of the statement too. */
static int stop_region(const struct region *r, void *ctx)
{
	(void)r;
	(void)ctx;
	return 1;
}
static int stop_municipality(const struct municipality *m, void *ctx)
{
	(void)m;
	(void)ctx;
	return 1;
}
static int stop_group(const struct group *g, void *ctx)
{
	(void)g;
	(void)ctx;
	return 1;
}
static int stop_person(const struct person *p, void *ctx)
{
	(void)p;
	(void)ctx;
	return 1;
}
static int stop_walk(const struct group *g, const struct membership *m,
                     size_t n, void *ctx)
{
	(void)g;
	(void)m;
	(void)n;
	(void)ctx;
	return 1;
}
static int stop_agent(const struct agent *a, void *ctx)
{
	(void)a;
	(void)ctx;
	return 1;
}

static void test_statements_reset(void **state)
{
	struct lape_db *db = open_ref();
	struct group_filter all = GROUP_FILTER_ALL;
	struct region r = {0};
	struct municipality mu = {0};
	struct group g = {0};
	struct person p = {0};
	struct agent a = {0};
	struct membership *ms = NULL, m = {0};
	char code[4], *v;
	int64_t id, agent_id;
	size_t n;

	(void)state;
	assert_ok(db, db_begin(db));
	assert_ok(db, demo_load(db));
	assert_ok(db, db_commit(db));
	assert_idle(db, "demo_load");
#define IDLE(call)                                                             \
	do {                                                                   \
		(void)(call);                                                  \
		assert_idle(db, #call);                                        \
	} while (0)
	IDLE(region_list(db, false, stop_region, NULL));
	IDLE(region_get(db, "01", &r));
	region_clear(&r);
	IDLE(region_get(db, "99", &r));
	IDLE(region_find(db, "Uusimaa", code));
	IDLE(region_find(db, "no such region", code));
	IDLE(municipality_list(db, "01", NULL, stop_municipality, NULL));
	IDLE(municipality_list(db, NULL, "hel", stop_municipality, NULL));
	IDLE(municipality_get(db, "091", &mu));
	IDLE(municipality_find(db, "Helsinki", code));
	IDLE(group_list(db, &all, 0, 0, stop_group, NULL));
	IDLE(group_count(db, &all, &n));
	IDLE(group_find(db, "Vantaan LAPE-ryhmä", &id));
	IDLE(group_find(db, "LAPE", &id)); /* several */
	IDLE(group_get(db, id, &g));
	IDLE(group_walk(db, &all, stop_walk, NULL));
	IDLE(person_list(db, NULL, 0, 0, stop_person, NULL));
	IDLE(person_list(db, "a", 1, 2, stop_person, NULL));
	IDLE(person_count(db, "a", &n));
	IDLE(person_find(db, "Helena Suominen", &id));
	IDLE(person_get(db, id, &p));
	IDLE(membership_list_person(db, id, &ms, &n));
	membership_free_array(ms, n);
	IDLE(membership_list_group(db, g.id, &ms, &n));
	IDLE(membership_get(db, n ? ms[0].id : 1, &m));
	membership_clear(&m);
	membership_free_array(ms, n);
	IDLE(agent_list(db, stop_agent, NULL));
	IDLE(agent_get_region(db, "01", &a));
	agent_id = a.id;
	agent_clear(&a);
	IDLE(agent_get(db, agent_id, &a));
	IDLE(refdata_year(db));
	IDLE(v = db_meta_get(db, "refdata_year"));
	free(v);
	/* Writes that fail half-way. */
	IDLE(person_delete(db, id)); /* still a member */
	IDLE(group_save(db, &g));    /* stale after the reads: fine or not */
	IDLE(group_delete(db, 999999));
#undef IDLE
	region_clear(&r);
	municipality_clear(&mu);
	group_clear(&g);
	person_clear(&p);
	agent_clear(&a);
	db_close(db);
}

/* A number from a file that db_open() would refuse. */
static int64_t raw_count(const char *path, const char *sql)
{
	sqlite3 *s;
	sqlite3_stmt *st;
	int64_t n;

	assert_int_equal(sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

/* Several lapes upgrading one file at once: each re-checks the version
 * inside its transaction, so the upgrade runs once, every one of them
 * succeeds, and one copy of the old file is kept. */
static void test_migrate_race(void **state)
{
	enum { N = 4 };
	struct lape_db *db = NULL;
	char path[256], err[512];
	pid_t kids[N];
	int go[2], ready[2], status, copies;

	(void)state;
	snprintf(path, sizeof path, "%s", tmp_path("racing/old.db"));
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	add_person(db, "Aino");
	db_close(db);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			char c;
			int rc;

			/* Open first (at format FAKE_N the file is too new for
			 * db_open), then upgrade all at once. */
			close(go[1]);
			close(ready[0]);
			rc = db_open(path, DB_OPEN_EXISTING, &db, err,
			             sizeof err);
			/* opened: say so, then wait for all to have */
			if (write(ready[1], "r", 1) != 1)
				_exit(3);
			close(ready[1]);
			if (read(go[0], &c, 1) < 0) /* EOF: all start */
				_exit(3);
			if (rc == LAPE_OK)
				rc = db_migrate(db, fake_ok, FAKE_N, err,
				                sizeof err);
			if (rc != LAPE_OK)
				fprintf(stderr, "# child: %s\n", err);
			db_close(db);
			_exit(rc == LAPE_OK ? 0 : 1);
		}
	}
	close(go[0]);
	close(ready[1]);
	/* Every child has the file open (a slow one opening after a fast
	 * one upgraded found it too new), then all go at once. */
	for (int i = 0; i < N; i++) {
		char c;

		assert_int_equal(read(ready[0], &c, 1), 1);
	}
	close(ready[0]);
	close(go[1]);
	for (int i = 0; i < N; i++) {
		assert_int_equal(waitpid(kids[i], &status, 0), kids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(raw_get_user_version(path), FAKE_N);
	assert_int_equal(raw_count(path,
	                           "SELECT group_concat(n, '') FROM "
	                           "(SELECT n FROM steps ORDER BY rowid)"),
	                 34);
	assert_int_equal(raw_count(path, "SELECT count(*) FROM person"), 1);
	copies = count_named(tmp_path("racing"), BAK_NAME);
	assert_int_equal(copies, 1);
	snprintf(path, sizeof path, "%s", tmp_path("racing/" BAK_NAME));
	assert_int_equal(raw_get_user_version(path), LAPE_SCHEMA_VERSION);
}

/* make_left(NAME, AGE): a file a builder left NAME, last written AGE
 * seconds ago; returns it open. */
static int make_left(const char *name, int age)
{
	struct timeval tv[2];
	int fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "half a file", 11), 11);
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= age;
	tv[1] = tv[0];
	assert_int_equal(futimes(fd, tv), 0);
	return fd;
}

/* What a killed builder leaves is removed by the next one, and only that:
 * not a file a live builder holds locked, nor one made a moment ago. */
static void test_stale_builds(void **state)
{
	struct lape_db *db = NULL;
	struct flock fl;
	char dir[256], path[280], dead[320], live[320], fresh[320], err[512];
	int fd_dead, fd_live, fd_fresh;

	(void)state;
	snprintf(dir, sizeof dir, "%s", tmp_path("stale"));
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof path, "%s/lape.db", dir);
	snprintf(dead, sizeof dead, "%s.new-aaaaaa", path);
	snprintf(live, sizeof live, "%s.new-bbbbbb", path);
	snprintf(fresh, sizeof fresh, "%s.new-cccccc", path);
	fd_dead = make_left(dead, 120);
	close(fd_dead);
	fd_live = make_left(live, 120);
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_len = 1;
	assert_int_equal(fcntl(fd_live, F_OFD_SETLK, &fl), 0);
	fd_fresh = make_left(fresh, 0);
	close(fd_fresh);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_ok(db, db_publish(db));
	db_close(db);
	assert_int_not_equal(access(dead, F_OK), 0);
	assert_int_equal(access(live, F_OK), 0);
	assert_int_equal(access(fresh, F_OK), 0);
	/* Once its builder lets go, the old one goes too. */
	close(fd_live);
	unlink(path);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	db_close(db);
	assert_int_not_equal(access(live, F_OK), 0);
	assert_int_equal(access(fresh, F_OK), 0);
}

/* ---- the descriptors drive the rows ------------------------------------ */

/* The tables the record kinds are stored in, and their list tables. */
static const char *const kind_tables[][3] = {
    {"group", "lape_group", "group_municipality"},
    {"person", "person", NULL},
    {"membership", "membership", NULL},
    {"agent", "change_agent", NULL},
};

static bool has_column(struct lape_db *db, const char *table,
                       const char *column)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", "tt",
	    table, column);
	bool found;

	assert_non_null(st);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* Every column a descriptor names is in the schema: in the kind's table
 * when the store keeps it in the row, else in its list table. */
static void test_descriptor_columns(void **state)
{
	struct lape_db *db = open_mem();

	(void)state;
	for (size_t k = 0; k < 4; k++) {
		const struct record_kind *kind = record_kind(kind_tables[k][0]);

		assert_non_null(kind);
		for (size_t i = 0; i < kind->n_fields; i++) {
			const struct record_field *f = &kind->fields[i];
			bool in_row = f->offset != RECORD_NO_OFFSET ||
			              f->slot != SLOT_NONE;
			const char *table =
			    in_row ? kind_tables[k][1] : kind_tables[k][2];

			if (!table || !has_column(db, table, f->column))
				print_message("# %s.%s: no column %s\n",
				              kind->name, f->key, f->column);
			assert_non_null(table);
			assert_true(has_column(db, table, f->column));
			/* what the store checks, the descriptor says */
			if (f->slot == SLOT_ENUM)
				assert_true(f->store_key && f->invalid &&
				            f->max > f->min);
		}
	}
	db_close(db);
}

union any_record {
	struct group g;
	struct person p;
	struct membership m;
	struct agent a;
};

static char **text_at(void *rec, const struct record_field *f)
{
	return (char **)((char *)rec + f->offset);
}

/* Give every field of KIND that REC leaves empty a value of its type
 * that is not the default (references and codes are the caller's). */
static void fill_fields(const struct record_kind *kind, void *rec)
{
	char *base = rec;

	for (size_t i = 0; i < kind->n_fields; i++) {
		const struct record_field *f = &kind->fields[i];
		char buf[64];

		if (f->offset != RECORD_NO_OFFSET && !*text_at(rec, f)) {
			if (f->type == FIELD_DATE)
				snprintf(buf, sizeof buf, "2016-10-01");
			else if (f->type == FIELD_EMAIL)
				snprintf(buf, sizeof buf, "x.%s@example.fi",
				         f->name);
			else if (f->type == FIELD_NOTES)
				snprintf(buf, sizeof buf, "%s\nÄö line 2",
				         f->name);
			else
				snprintf(buf, sizeof buf, "Vålue %s", f->name);
			*text_at(rec, f) = strdup(buf);
		} else if (f->slot == SLOT_ENUM && !*(int *)(base + f->at)) {
			*(int *)(base + f->at) = f->max;
		} else if (f->slot == SLOT_INT && !*(int *)(base + f->at)) {
			*(int *)(base + f->at) = (f->min + f->max) / 2 + 1;
		} else if (f->slot == SLOT_BOOL) {
			*(bool *)(base + f->at) = true;
		}
	}
}

/* Every field the store keeps in the row is read back as written. */
static void same_fields(const struct record_kind *kind, const void *a,
                        const void *b)
{
	const char *x = a, *y = b;

	for (size_t i = 0; i < kind->n_fields; i++) {
		const struct record_field *f = &kind->fields[i];

		if (f->offset != RECORD_NO_OFFSET) {
			assert_non_null(*text_at((void *)b, f));
			assert_string_equal(*text_at((void *)a, f),
			                    *text_at((void *)b, f));
			continue;
		}
		switch (f->slot) {
		case SLOT_ENUM:
		case SLOT_INT:
			assert_int_equal(*(const int *)(x + f->at),
			                 *(const int *)(y + f->at));
			break;
		case SLOT_BOOL:
			assert_true(*(const bool *)(x + f->at) ==
			            *(const bool *)(y + f->at));
			break;
		case SLOT_REF:
			assert_int_equal(*(const int64_t *)(x + f->at),
			                 *(const int64_t *)(y + f->at));
			break;
		case SLOT_CODE:
			assert_string_equal(x + f->at, y + f->at);
			break;
		default:
			break;
		}
	}
}

/* A round trip of every descriptor field of every kind: a new field is
 * tested by its descriptor line alone. */
static void test_descriptor_round_trip(void **state)
{
	struct lape_db *db = open_ref();
	const struct record_kind *kg = record_kind("group"),
	                         *kp = record_kind("person"),
	                         *km = record_kind("membership"),
	                         *ka = record_kind("agent");
	union any_record w, r;
	int64_t pid, seat;

	(void)state;
	/* a regional group (its level the last choice) */
	memset(&w, 0, sizeof w);
	snprintf(w.g.region_code, sizeof w.g.region_code, "01");
	fill_fields(kg, &w.g);
	assert_int_equal(w.g.level, LEVEL_REGIONAL);
	assert_ok(db, group_save(db, &w.g));
	assert_ok(db, group_get(db, w.g.id, &r.g));
	same_fields(kg, &w.g, &r.g);
	/* and a municipal one linked to it by hand */
	group_clear(&r.g);
	{
		struct group m = {0};

		m.level = LEVEL_MUNICIPAL;
		m.status = STATUS_DISSOLVED;
		m.regional_group_id = w.g.id;
		assert_int_equal(group_add_municipality(&m, "091"), LAPE_OK);
		fill_fields(kg, &m);
		m.level = LEVEL_MUNICIPAL;
		assert_ok(db, group_save(db, &m));
		assert_ok(db, group_get(db, m.id, &r.g));
		same_fields(kg, &m, &r.g);
		group_clear(&m);
	}
	group_clear(&r.g);
	group_clear(&w.g);

	memset(&w, 0, sizeof w);
	fill_fields(kp, &w.p);
	assert_ok(db, person_save(db, &w.p));
	assert_ok(db, person_get(db, w.p.id, &r.p));
	same_fields(kp, &w.p, &r.p);
	pid = w.p.id;
	person_clear(&r.p);
	person_clear(&w.p);

	memset(&w, 0, sizeof w);
	w.m.group_id = add_group(db, "Seats", "049");
	w.m.person_id = pid;
	seat = add_member(db, w.m.group_id, 0, ROLE_MEMBER, "youth");
	w.m.deputy_of = seat;
	assert_int_equal(membership_add_sector(&w.m, "education"), LAPE_OK);
	assert_int_equal(membership_add_sector(&w.m, "social"), LAPE_OK);
	fill_fields(km, &w.m);
	assert_ok(db, membership_save(db, &w.m));
	assert_ok(db, membership_get(db, w.m.id, &r.m));
	same_fields(km, &w.m, &r.m);
	assert_int_equal(r.m.group_id, w.m.group_id);
	assert_int_equal(r.m.n_sectors, 2);
	assert_string_equal(r.m.sectors[1], "social");
	assert_string_equal(r.m.group_name, "Seats");
	assert_non_null(r.m.person_name);
	membership_clear(&r.m);
	/* an update writes them too */
	w.m.role = ROLE_CHAIR;
	w.m.name_withheld = false;
	free(w.m.organisation);
	w.m.organisation = strdup("Toinen");
	assert_ok(db, membership_save(db, &w.m));
	assert_ok(db, membership_get(db, w.m.id, &r.m));
	same_fields(km, &w.m, &r.m);
	membership_clear(&r.m);
	membership_clear(&w.m);

	memset(&w, 0, sizeof w);
	w.a.person_id = pid;
	snprintf(w.a.region_code, sizeof w.a.region_code, "02");
	fill_fields(ka, &w.a);
	assert_int_equal(w.a.status, AGENT_ENDED);
	assert_ok(db, agent_save(db, &w.a));
	assert_ok(db, agent_get(db, w.a.id, &r.a));
	same_fields(ka, &w.a, &r.a);
	agent_clear(&r.a);
	agent_clear(&w.a);
	db_close(db);
}

/* The checks the descriptors drive keep the store's messages. */
static void test_descriptor_checks(void **state)
{
	struct agent a = {0};
	struct group g = {0};
	const char *field, *msg;

	(void)state;
	a.person_id = 1;
	snprintf(a.region_code, sizeof a.region_code, "01");
	a.funding_share = 101;
	assert_int_equal(agent_validate(&a, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "funding_share");
	assert_string_equal(msg,
	                    "the funding share is a percentage from 0 to 100");
	a.funding_share = 50;
	a.status = (enum agent_status)7;
	assert_int_equal(agent_validate(&a, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "status");
	assert_string_equal(msg, "the status is planned, active or ended");
	a.status = AGENT_ACTIVE;
	a.start_date = "2017-01-01";
	a.end_date = "1.1.2016";
	assert_int_equal(agent_validate(&a, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "end_date");
	assert_string_equal(msg, "ends before it starts");
	a.end_date = NULL;
	assert_int_equal(agent_validate(&a, &field, &msg), LAPE_OK);
	assert_string_equal(field, "");

	g.name = "Ryhmä";
	g.level = (enum group_level)5;
	assert_int_equal(group_validate(&g, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "level");
	assert_string_equal(msg, "the level is municipal or regional");
	g.level = LEVEL_REGIONAL;
	assert_int_equal(group_validate(&g, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "region");
	snprintf(g.region_code, sizeof g.region_code, "01");
	g.mandate_date = "32.13.2016";
	assert_int_equal(group_validate(&g, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "mandate_date");
	g.mandate_date = NULL;
	g.status = (enum group_status) - 1;
	assert_int_equal(group_validate(&g, &field, &msg), LAPE_INVALID);
	assert_string_equal(field, "status");
	assert_string_equal(msg, "the status is active or dissolved");
}

int main(void)
{
	fake_init();
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_memory),
	    cmocka_unit_test(test_migrate_order),
	    cmocka_unit_test(test_migrate_rollback),
	    cmocka_unit_test(test_create_modes),
	    cmocka_unit_test(test_create_aside),
	    cmocka_unit_test(test_publish_race),
	    cmocka_unit_test(test_publish_keeps_other),
	    cmocka_unit_test(test_demo_twice),
	    cmocka_unit_test(test_empty_file),
	    cmocka_unit_test(test_statements_reset),
	    cmocka_unit_test(test_migrate_race),
	    cmocka_unit_test(test_stale_builds),
	    cmocka_unit_test(test_newer_refused),
	    cmocka_unit_test(test_backup_on_migrate),
	    cmocka_unit_test(test_corrupt_file),
	    cmocka_unit_test(test_foreign_sqlite_file),
	    cmocka_unit_test(test_read_only_file),
	    cmocka_unit_test(test_busy_file),
	    cmocka_unit_test(test_constraints),
	    cmocka_unit_test(test_utf8_round_trip),
	    cmocka_unit_test(test_hostile_strings),
	    cmocka_unit_test(test_long_fields),
	    cmocka_unit_test(test_invalid_input),
	    cmocka_unit_test(test_membership_validation),
	    cmocka_unit_test(test_version_conflict),
	    cmocka_unit_test(test_audit),
	    cmocka_unit_test(test_order_and_search),
	    cmocka_unit_test(test_person_names),
	    cmocka_unit_test(test_name_split),
	    cmocka_unit_test(test_lookup_part),
	    cmocka_unit_test(test_find),
	    cmocka_unit_test(test_linked_group),
	    cmocka_unit_test(test_group_reads_kept),
	    cmocka_unit_test(test_group_walk),
	    cmocka_unit_test(test_group_municipalities),
	    cmocka_unit_test(test_refdata),
	    cmocka_unit_test(test_refdata_quoted),
	    cmocka_unit_test(test_refdata_malformed),
	    cmocka_unit_test(test_reference_lists),
	    cmocka_unit_test(test_labels),
	    cmocka_unit_test(test_agents),
	    cmocka_unit_test(test_descriptor_columns),
	    cmocka_unit_test(test_descriptor_round_trip),
	    cmocka_unit_test(test_descriptor_checks),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
