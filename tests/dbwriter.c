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
/* dbwriter.c -- write to a data file through the core's store functions,
 * for the tests of several processes (tests/cli-wal.sh) and of kill -9
 * (tests/crashtest.sh): the command line only reads.
 *
 *   dbwriter write FILE SECONDS TAG   one save after another for SECONDS:
 *                                     a group "TAG N" with four new people
 *                                     as members, in one transaction, and
 *                                     the one 20 saves back deleted with
 *                                     its people in the same transaction
 *   dbwriter read FILE SECONDS        keep FILE open and read it every
 *                                     50 ms, as an open screen does
 *   dbwriter check FILE               every "TAG N" group whole: four
 *                                     members and their four people, or
 *                                     none of it; exit 1 when not
 *
 * write prints the number of saves made, check the number of groups. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lape/db.h"
#include "lape/store.h"

#define MEMBERS 4
#define KEEP 20

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(struct lape_db *db, const char *what)
{
	fprintf(stderr, "dbwriter: %s: %s: %s\n", db->path, what,
	        db_errmsg(db));
	return -1;
}

static int add_person(struct lape_db *db, const char *tag, long n, int k,
                      int64_t *id)
{
	struct person p = {0};
	char name[128];
	int rc;

	snprintf(name, sizeof name, "%s %ld person %d", tag, n, k);
	p.surname = strdup(name);
	p.organisation = strdup("Crash Test Oy");
	if (!p.surname || !p.organisation) {
		person_clear(&p);
		return LAPE_ERROR;
	}
	rc = person_save(db, &p);
	*id = p.id;
	person_clear(&p);
	return rc;
}

/* Save N: the group and its members, all new. */
static int add_unit(struct lape_db *db, const char *tag, long n)
{
	struct group g = {0};
	char name[128];
	int rc;

	snprintf(name, sizeof name, "%s %ld", tag, n);
	g.level = LEVEL_MUNICIPAL;
	g.name = strdup(name);
	if (!g.name || group_add_municipality(&g, "091") != LAPE_OK) {
		group_clear(&g);
		return LAPE_ERROR;
	}
	rc = group_save(db, &g);
	for (int k = 0; rc == LAPE_OK && k < MEMBERS; k++) {
		struct membership m = {0};

		m.group_id = g.id;
		m.role = k == 0 ? ROLE_CHAIR : ROLE_MEMBER;
		rc = add_person(db, tag, n, k, &m.person_id);
		if (rc == LAPE_OK)
			rc = membership_add_sector(&m, "education");
		if (rc == LAPE_OK)
			rc = membership_save(db, &m);
		membership_clear(&m);
	}
	group_clear(&g);
	return rc;
}

/* Take save N away again: the group, then its people. */
static int drop_unit(struct lape_db *db, const char *tag, long n)
{
	char name[128];
	int64_t id;
	int rc;

	snprintf(name, sizeof name, "%s %ld", tag, n);
	rc = group_find(db, name, &id);
	if (rc == LAPE_OK)
		rc = group_delete(db, id);
	for (int k = 0; rc == LAPE_OK && k < MEMBERS; k++) {
		snprintf(name, sizeof name, "%s %ld person %d", tag, n, k);
		rc = person_find(db, name, &id);
		if (rc == LAPE_OK)
			rc = person_delete(db, id);
	}
	return rc;
}

static int do_write(struct lape_db *db, double seconds, const char *tag)
{
	double end = now() + seconds;
	long n = 0;
	int rc;

	while (now() < end) {
		rc = db_begin(db);
		if (rc == LAPE_BUSY)
			continue;
		if (rc != LAPE_OK)
			return fail(db, "begin");
		rc = add_unit(db, tag, n);
		if (rc == LAPE_OK && n >= KEEP)
			rc = drop_unit(db, tag, n - KEEP);
		if (rc == LAPE_OK)
			rc = db_commit(db);
		else
			db_rollback(db);
		if (rc == LAPE_BUSY)
			continue;
		if (rc != LAPE_OK)
			return fail(db, "save");
		n++;
	}
	printf("%ld\n", n);
	return 0;
}

static int count_cb(const struct group *g, const struct membership *m, size_t n,
                    void *ctx)
{
	(void)g;
	(void)m;
	(void)n;
	++*(long *)ctx;
	return 0;
}

static int do_read(struct lape_db *db, double seconds)
{
	struct group_filter all = GROUP_FILTER_ALL;
	struct timespec pause = {0, 50 * 1000 * 1000};
	double end = now() + seconds;
	long reads = 0;

	while (now() < end) {
		long groups = 0;
		size_t people = 0;
		int rc = group_walk(db, &all, count_cb, &groups);

		if (rc == LAPE_OK)
			rc = person_count(db, NULL, &people);
		if (rc != LAPE_OK && rc != LAPE_BUSY)
			return fail(db, "read");
		reads++;
		nanosleep(&pause, NULL);
	}
	printf("%ld\n", reads);
	return 0;
}

/* The groups by name prefix "... N", with their members and the people
 * named after them. */
static int do_check(struct lape_db *db)
{
	static const char *const sql[] = {
	    /* a group of the writers without all its members */
	    "SELECT g.name FROM lape_group g WHERE g.name GLOB '* [0-9]*' "
	    "AND g.name NOT GLOB '* person *' AND (SELECT count(*) FROM "
	    "membership m JOIN person p ON p.id = m.person_id WHERE "
	    "m.group_id = g.id AND p.surname GLOB g.name || ' person *') <> 4",
	    /* a person of the writers without the group */
	    "SELECT p.surname FROM person p WHERE p.organisation = 'Crash Test "
	    "Oy' AND NOT EXISTS (SELECT 1 FROM membership m JOIN lape_group g "
	    "ON g.id = m.group_id WHERE m.person_id = p.id AND p.surname GLOB "
	    "g.name || ' person *')",
	};
	sqlite3_stmt *st;
	long groups = 0;
	int bad = 0;

	for (size_t i = 0; i < 2; i++) {
		st = db_prepare(db, sql[i], NULL);
		if (!st)
			return fail(db, "check");
		while (db_step(db, st) == SQLITE_ROW) {
			printf("not whole: %s\n", sqlite3_column_text(st, 0));
			bad++;
		}
		sqlite3_finalize(st);
	}
	st = db_prepare(db,
	                "SELECT count(*) FROM lape_group WHERE name IN (SELECT "
	                "name FROM lape_group WHERE name GLOB '* [0-9]*')",
	                NULL);
	if (!st || db_step(db, st) != SQLITE_ROW)
		return fail(db, "count");
	groups = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	printf("%ld\n", groups);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct lape_db *db;
	char err[1024];
	int rc;

	if (argc < 3 || (strcmp(argv[1], "check") != 0 && argc < 4) ||
	    (strcmp(argv[1], "write") == 0 && argc < 5)) {
		fprintf(stderr, "usage: dbwriter write FILE SECONDS TAG | "
		                "read FILE SECONDS | check FILE\n");
		return 2;
	}
	if (db_open(argv[2], DB_OPEN_EXISTING, &db, err, sizeof err) !=
	    LAPE_OK) {
		fprintf(stderr, "dbwriter: %s\n", err);
		return 2;
	}
	if (strcmp(argv[1], "write") == 0)
		rc = do_write(db, atof(argv[3]), argv[4]);
	else if (strcmp(argv[1], "read") == 0)
		rc = do_read(db, atof(argv[3]));
	else
		rc = do_check(db);
	db_close(db);
	return rc < 0 ? 2 : rc;
}
