/* test-privacy.c -- a person's rights in the core: the export holds every
 * row about the person, the erase plan says what will go, the erase keeps
 * the seats and leaves no trace of the person, the copies before upgrades
 * are found and removed; read-only opening and the system configuration. */

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

#include "lape/config.h"
#include "lape/db.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/privacy.h"
#include "lape/store.h"
#include "fixture.h"

/* How many rows SQL gives. */
static int rows(struct lape_db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int n = 0;

	assert_non_null(st);
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	return n;
}

#define AINO "(SELECT id FROM person WHERE email = 'aino.makela@hel.example')"

/* Whether the bytes of file PATH hold TEXT. */
static bool file_holds(const char *path, const char *text)
{
	FILE *f = fopen(path, "rb");
	size_t len = strlen(text), n = 0;
	char *buf = NULL;
	bool found = false;

	if (!f)
		return false;
	buf = malloc(64 << 20);
	assert_non_null(buf);
	n = fread(buf, 1, 64 << 20, f);
	fclose(f);
	for (size_t i = 0; !found && i + len <= n; i++)
		found = memcmp(buf + i, text, len) == 0;
	free(buf);
	return found;
}

static char *export_of(struct lape_db *db, int64_t id, enum output_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_ok(db, privacy_export(db, id, fmt, f));
	fclose(f);
	return buf;
}

static void test_export(void **state)
{
	struct lape_db *db = open_demo("export.db");
	int64_t aino = count(db, "SELECT " AINO);
	sqlite3_stmt *st;
	char *json, *text;

	(void)state;
	json = export_of(db, aino, OUTPUT_JSON);
	assert_non_null(strstr(json, "\"email\": \"aino.makela@hel.example\""));
	assert_non_null(strstr(json, "\"phone\": \"+358 40 000 0119\""));
	/* Every seat and every history entry about her, by uuid. */
	st = db_prepare(db,
	                "SELECT uuid FROM membership WHERE person_id = ?1 "
	                "UNION SELECT uuid FROM person WHERE id = ?1",
	                "i", aino);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char key[64];

		snprintf(key, sizeof key, "\"uuid\": \"%s\"",
		         sqlite3_column_text(st, 0));
		assert_non_null(strstr(json, key));
	}
	sqlite3_finalize(st);
	assert_non_null(strstr(json, "\"change_agent_periods\": []"));
	/* The journal's history about her: her record and her seat. */
	assert_non_null(strstr(json,
	                       "\"table\": \"person\",\n      "
	                       "\"op\": \"add\",\n      \"group\": null,\n"
	                       "      \"record\": \"Aino Mäkelä\""));
	assert_non_null(strstr(json, "\"record\": \"vice-chair Aino Mäkelä\""));
	text = export_of(db, aino, OUTPUT_TEXT);
	assert_non_null(strstr(text, "E-mail: aino.makela@hel.example\n"));
	assert_null(strstr(text, "person_id"));
	free(json);
	free(text);
	assert_int_equal(privacy_export(db, 999999, OUTPUT_JSON, stderr),
	                 LAPE_NOTFOUND);
	assert_int_equal(privacy_export(db, aino, OUTPUT_CSV, stderr),
	                 LAPE_INVALID);
	db_close(db);
}

static void test_plan(void **state)
{
	struct lape_db *db = open_demo("plan.db");
	int64_t aino = count(db, "SELECT " AINO);
	struct erase_plan plan;
	char *text;

	(void)state;
	assert_ok(db, db_exec(db,
	                      "UPDATE lape_group SET notes = 'Ask aino "
	                      "MÄKELÄ first' WHERE name = 'Vantaan "
	                      "LAPE-ryhmä'",
	                      NULL));
	assert_ok(db, privacy_erase_plan(db, aino, &plan));
	assert_int_equal(plan.n_seats,
	                 count(db, "SELECT count(*) FROM membership WHERE "
	                           "person_id = " AINO));
	assert_int_equal(plan.n_agents, 0);
	assert_true(plan.n_history >= 1);
	assert_int_equal(plan.n_mentions, 1);
	assert_string_equal(plan.mentions[0], "Vantaan LAPE-ryhmä");
	assert_int_equal(plan.n_backups, 0);
	text = privacy_plan_describe(&plan);
	assert_non_null(text);
	assert_non_null(strstr(text,
	                       "1 seat stays as a vacant seat: Helsingin "
	                       "lapsi- ja perhepalveluiden johtoryhmä\n"));
	assert_non_null(strstr(text, "Vantaan LAPE-ryhmä"));
	free(text);
	privacy_plan_clear(&plan);
	assert_int_equal(privacy_erase_plan(db, 999999, &plan), LAPE_NOTFOUND);
	db_close(db);
}

static void test_erase(void **state)
{
	struct lape_db *db = open_demo("erase.db");
	int64_t aino = count(db, "SELECT " AINO);
	int64_t seats = count(db, "SELECT count(*) FROM membership");
	int64_t agent = count(db, "SELECT person_id FROM change_agent WHERE "
	                          "region_code = '01'");
	struct erase_result res;
	char uuid[64];
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(count(db, "PRAGMA secure_delete"), 1);
	st = db_prepare(db, "SELECT uuid FROM person WHERE id = ?", "i", aino);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(uuid, sizeof uuid, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);

	assert_ok(db, privacy_erase(db, aino, &res));
	assert_true(res.scrubbed);
	assert_int_equal(count(db, "SELECT count(*) FROM person WHERE "
	                           "email LIKE 'aino%'"),
	                 0);
	assert_int_equal(count(db, "SELECT count(*) FROM membership"), seats);
	assert_int_equal(count(db, "SELECT count(*) FROM membership WHERE "
	                           "person_id IS NULL AND role = 'vice_chair' "
	                           "AND sectors = 'education'"),
	                 1);
	st = db_prepare(db, "SELECT count(*) FROM audit WHERE row_uuid = ?",
	                "t", uuid);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	assert_int_equal(count(db, "SELECT count(*) FROM journal WHERE note = "
	                           "'erase' AND length(changeset) = 0 AND "
	                           "os_user <> ''"),
	                 1);
	st = db_prepare(db,
	                "SELECT count(*) FROM journal_row WHERE person_id = ?1 "
	                "OR (tbl = 'person' AND pk = CAST(?1 AS TEXT))",
	                "i", aino);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	assert_false(file_holds(tmp_path("erase.db"), "aino.makela"));
	assert_false(file_holds(tmp_path("erase.db-wal"), "aino.makela"));
	assert_false(file_holds(tmp_path("erase.db"), "Mäkelä"));

	/* A change agent: the period stays, with no person. */
	assert_ok(db, privacy_erase(db, agent, NULL));
	assert_int_equal(count(db, "SELECT count(*) FROM change_agent WHERE "
	                           "region_code = '01' AND person_id IS NULL"),
	                 1);
	{
		struct agent a;

		assert_ok(db, agent_get_region(db, "01", &a));
		assert_int_equal(a.person_id, 0);
		assert_string_equal(a.person_name, "(person erased)");
		agent_clear(&a);
	}
	assert_int_equal(privacy_erase(db, aino, NULL), LAPE_NOTFOUND);
	assert_int_equal(rows(db, "PRAGMA foreign_key_check"), 0);
	db_close(db);
}

static void test_backups(void **state)
{
	static const char *const names[] = {
	    "b.db.v1.bak", "b.db.v2.bak.3", "b.db.v1.bakx", "b.dbx.v1.bak",
	    "b.db.v.bak",  "b.db.v1.bak.",  "xb.db.v1.bak"};
	char **v = NULL;
	size_t n = 0;
	struct stat sb;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		FILE *f = fopen(tmp_path(names[i]), "w");

		assert_non_null(f);
		fputs("Aino Mäkelä", f);
		fclose(f);
	}
	assert_int_equal(privacy_backups(tmp_path("b.db"), &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0], tmp_path("b.db.v1.bak"));
	assert_string_equal(v[1], tmp_path("b.db.v2.bak.3"));
	assert_int_equal(privacy_backup_remove(v[0]), 0);
	assert_int_equal(stat(v[0], &sb), -1);
	privacy_strv_free(v, n);
	/* A copy of a file that holds the person is in the plan. */
	{
		struct lape_db *db = open_demo("c.db");
		struct erase_plan plan;
		int64_t aino = count(db, "SELECT " AINO);
		char cmd[600];

		snprintf(cmd, sizeof cmd, "cp %s %s", tmp_path("c.db"),
		         tmp_path("c.db.v1.bak"));
		assert_ok(db,
		          db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
		assert_int_equal(system(cmd), 0);
		assert_ok(db, privacy_erase_plan(db, aino, &plan));
		assert_int_equal(plan.n_backups, 1);
		assert_string_equal(plan.backups[0], tmp_path("c.db.v1.bak"));
		privacy_plan_clear(&plan);
		db_close(db);
	}
}

static void test_read_only(void **state)
{
	struct lape_db *db = open_demo("ro.db");
	char err[512];
	int64_t aino = count(db, "SELECT " AINO);

	(void)state;
	assert_false(db_readonly(db));
	assert_string_equal(db_readonly_reason(db), "");
	db_close(db);
	assert_int_equal(
	    db_open(tmp_path("ro.db"), DB_OPEN_READONLY, &db, err, sizeof err),
	    LAPE_OK);
	assert_true(db_readonly(db));
	assert_string_equal(db_readonly_reason(db),
	                    "opened read-only (--read-only)");
	assert_int_equal(privacy_erase(db, aino, NULL), LAPE_READONLY);
	assert_string_equal(db_errmsg(db), "opened read-only (--read-only)");
	assert_int_equal(
	    count(db, "SELECT count(*) FROM person WHERE id = " AINO), 1);
	db_close(db);
	assert_int_equal(db_open(tmp_path("none.db"),
	                         DB_OPEN_CREATE | DB_OPEN_READONLY, &db, err,
	                         sizeof err),
	                 LAPE_NOTFOUND);
}

static void test_system_config(void **state)
{
	struct config cfg;
	char err[512];
	FILE *f;

	(void)state;
	mkdir(tmp_path("etc"), 0700);
	mkdir(tmp_path("etc/lape"), 0700);
	f = fopen(tmp_path("etc/lape/lape.ini"), "w");
	fputs("[lape]\ndatabase = /srv/lape/lape.db\nlanguage = fi\n"
	      "shared_group = lape\n",
	      f);
	fclose(f);
	f = fopen(tmp_path("user.ini"), "w");
	fputs("[lape]\nlanguage = sv\n", f);
	fclose(f);
	setenv("LAPE_SYSCONFDIR", tmp_path("etc"), 1);
	unsetenv("LAPE_DB");
	assert_int_equal(config_load(&cfg, tmp_path("user.ini"), NULL, NULL,
	                             err, sizeof err),
	                 0);
	assert_string_equal(cfg.db_path, "/srv/lape/lape.db");
	assert_string_equal(cfg.lang, "sv");
	assert_string_equal(cfg.shared_group, "lape");
	assert_string_equal(cfg.system_config_path,
	                    tmp_path("etc/lape/lape.ini"));
	config_clear(&cfg);
	setenv("LAPE_SYSCONFDIR", "", 1);
	assert_int_equal(config_load(&cfg, tmp_path("user.ini"), NULL, NULL,
	                             err, sizeof err),
	                 0);
	assert_null(cfg.system_config_path);
	assert_null(cfg.shared_group);
	config_clear(&cfg);
}

/* A file of format 3 (the journal, before this migration) is upgraded:
 * its change agents stay, and their person may then be erased. */
static void test_upgrade(void **state)
{
	const char *path = tmp_path("v3.db");
	struct lape_db *db = NULL;
	sqlite3 *raw = NULL;
	char err[512];

	(void)state;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(sqlite3_exec(raw, schema_migrations[i].sql,
		                              NULL, NULL, NULL),
		                 SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(raw,
	                 "INSERT INTO region(code, name_fi, name_sv) VALUES "
	                 "('01', 'Uusimaa', 'Nyland');"
	                 "INSERT INTO meta(key, value) VALUES "
	                 "('refdata_year', '2026');"
	                 "INSERT INTO person(id, name, email) VALUES "
	                 "(7, 'Riikka Väisänen', 'riikka@example.fi');"
	                 "INSERT INTO change_agent(person_id, region_code, "
	                 "status) VALUES (7, '01', 'active');"
	                 "PRAGMA user_version=3;",
	                 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(raw);
	chmod(path, 0600);
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(db_schema_version(db), LAPE_SCHEMA_VERSION);
	assert_int_equal(count(db, "SELECT count(*) FROM change_agent WHERE "
	                           "person_id = 7 AND status = 'active'"),
	                 1);
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), 0);
	assert_ok(db, privacy_erase(db, 7, NULL));
	assert_int_equal(count(db, "SELECT count(*) FROM change_agent WHERE "
	                           "person_id IS NULL"),
	                 1);
	assert_int_equal(rows(db, "PRAGMA foreign_key_check"), 0);
	db_close(db);
	assert_false(file_holds(path, "riikka@example.fi"));
}

/* The search index (format 10) keeps no trace of an erased person: its
 * blocks are those of an index made afresh of the people left, not the
 * old ones with the person's entries only marked as removed. */
static void test_erase_search_index(void **state)
{
	struct lape_db *db = open_demo("erase-index.db");
	int64_t id = add_person(db, "Qqqlinen Zzzmari");
	const char *same =
	    "SELECT (SELECT group_concat(hex(block), '') FROM (SELECT block "
	    "FROM person_search_data WHERE id > 10 ORDER BY id)) IS (SELECT "
	    "group_concat(hex(block), '') FROM (SELECT block FROM "
	    "fresh_data WHERE id > 10 ORDER BY id))";

	(void)state;
	add_person(db, "Virtanen Later");
	assert_ok(db, privacy_erase(db, id, NULL));
	assert_ok(db, db_exec(db,
	                      "CREATE VIRTUAL TABLE temp.fresh USING "
	                      "fts5(search, content='', tokenize='trigram "
	                      "case_sensitive 1', columnsize=0)",
	                      NULL));
	assert_ok(db, db_exec(db,
	                      "INSERT INTO fresh(rowid, search) SELECT r.rank, "
	                      "lape_search_tail(k.search) FROM person_key k "
	                      "JOIN person_rank r USING (person_id) ORDER BY "
	                      "r.rank",
	                      NULL));
	assert_ok(
	    db,
	    db_exec(db, "INSERT INTO fresh(fresh) VALUES ('optimize')", NULL));
	assert_int_equal(count(db, same), 1);
	assert_false(file_holds(tmp_path("erase-index.db"), "qqqlinen"));
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_export),
	    cmocka_unit_test(test_plan),
	    cmocka_unit_test(test_erase),
	    cmocka_unit_test(test_erase_search_index),
	    cmocka_unit_test(test_backups),
	    cmocka_unit_test(test_read_only),
	    cmocka_unit_test(test_system_config),
	    cmocka_unit_test(test_upgrade),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
