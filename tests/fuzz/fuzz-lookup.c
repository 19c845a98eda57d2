/* fuzz-lookup.c -- finding records by what a user types: an id, a uuid
 * prefix or a name, case-insensitive, through lape_key and the FI
 * collation, on a :memory: file holding the demo.  The input is also
 * stored as a group's and a person's name, as another program could write
 * it (invalid bytes, NULs), and searched around. */

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

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/rules.h"
#include "lape/store.h"

static struct lape_db *db;
static struct rules *rules;

static void setup(void)
{
	char err[512], path[600];

	i18n_init("en");
	FUZZ_ASSERT(db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) ==
	            LAPE_OK);
	FUZZ_ASSERT(refdata_load(db, fuzz_share(), 2016) == LAPE_OK);
	FUZZ_ASSERT(demo_load(db) == LAPE_OK);
	snprintf(path, sizeof path, "%s/rules.ini", fuzz_share());
	FUZZ_ASSERT(rules_load(path, &rules, err, sizeof err) == 0);
}

/* A lookup either finds one record or says why not, in one line. */
static void check_find(int rc, int64_t id)
{
	FUZZ_ASSERT(rc == LAPE_OK || rc == LAPE_NOTFOUND ||
	            rc == LAPE_AMBIGUOUS);
	FUZZ_ASSERT(rc == LAPE_OK ? id > 0 : id == 0);
	if (rc != LAPE_OK)
		FUZZ_ASSERT(strchr(db_errmsg(db), '\n') == NULL);
}

static int count_group(const struct group *g, void *ctx)
{
	(void)g;
	(*(size_t *)ctx)++;
	return 0;
}

static int count_person(const struct person *p, void *ctx)
{
	(void)p;
	(*(size_t *)ctx)++;
	return 0;
}

/* How many people's search texts hold S's key. */
static int64_t texts_holding(const char *s)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	FUZZ_ASSERT(sqlite3_prepare_v2(db->sql,
	                               "SELECT count(*) FROM person_key WHERE "
	                               "instr(search, lape_key(?1)) > 0",
	                               -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Every way of looking S up. */
static void lookups(const char *s)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t n = 0, total = 0;
	char region[3], muni[4];
	int64_t id = -1;
	int rc;

	rc = group_find(db, s, &id);
	check_find(rc, id);
	id = -1;
	rc = person_find(db, s, &id);
	check_find(rc, id);
	rc = region_find(db, s, region);
	FUZZ_ASSERT(rc == LAPE_OK || rc == LAPE_NOTFOUND ||
	            rc == LAPE_AMBIGUOUS);
	rc = municipality_find(db, s, muni);
	FUZZ_ASSERT(rc == LAPE_OK || rc == LAPE_NOTFOUND ||
	            rc == LAPE_AMBIGUOUS);
	f.search = s;
	FUZZ_ASSERT(group_list(db, &f, 0, 0, count_group, &n) == LAPE_OK);
	FUZZ_ASSERT(group_count(db, &f, &total) == LAPE_OK);
	FUZZ_ASSERT(n == total);
	n = total = 0;
	FUZZ_ASSERT(person_list(db, s, 0, 0, count_person, &n) == LAPE_OK);
	FUZZ_ASSERT(person_count(db, s, &total) == LAPE_OK);
	FUZZ_ASSERT(n == total);
	/* the search index (a needle of three letters or more) finds what
	 * the search texts hold */
	if (!db_blank(s) && !strchr(s, '\x01'))
		FUZZ_ASSERT(total == (size_t)texts_holding(s));
	rc = rules_sector_find(rules, s);
	FUZZ_ASSERT(rc >= -1 && rc < (int)rules->n_sectors);
}

/* Store DATA as the name of group 1 and person 1, bytes as they are. */
static void store_names(const uint8_t *data, size_t size)
{
	static const char *const sql[] = {
	    "UPDATE lape_group SET name = CAST(?1 AS TEXT) WHERE id = 1",
	    "UPDATE person SET surname = CAST(?1 AS TEXT) WHERE id = 1"};

	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st;

		FUZZ_ASSERT(sqlite3_prepare_v2(db->sql, sql[i], -1, &st,
		                               NULL) == SQLITE_OK);
		sqlite3_bind_blob(st, 1, size ? data : (const void *)"",
		                  (int)size, SQLITE_STATIC);
		/* an empty name breaks a CHECK: then the old one stays */
		(void)sqlite3_step(st);
		sqlite3_finalize(st);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (!db)
		setup();
	if (size > 4096)
		return 0;
	s = fuzz_string(data, size);
	lookups(s);
	FUZZ_ASSERT(db_begin(db) == LAPE_OK);
	store_names(data, size);
	lookups(s);
	/* the stored name beside others: equality and substring search,
	 * sorted by the FI collation */
	lookups("Keravan LAPE-ryhmä");
	db_rollback(db);
	free(s);
	return 0;
}
