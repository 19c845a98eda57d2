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
/* lapeedit.c -- change a data file the way a lape session does, for the
 * tests of copies and merges: one statement in one transaction through
 * db_begin()/db_commit(), so that it is journaled like a form's save.
 *
 *   lapeedit FILE SQL [ARG...]   run SQL with the ARGs bound as text
 *                                (?1, ?2, ...); prints the last insert's
 *                                id when it inserted
 *   lapeedit -n N FILE SQL [ARG...]
 *                                N changes, each its own transaction, ?1
 *                                the number of the change (0..N-1) and
 *                                the ARGs from ?2 (for make bench)
 *
 * LAPEEDIT_USER names the author in the journal (the OS user otherwise),
 * so that one test can play two coordinators. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/db.h"

static void sql_user(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, getenv("LAPEEDIT_USER"), -1, SQLITE_STATIC);
}

/* One change in one transaction; the statement's parameters from ARGV,
 * after K when K >= 0. */
static int change(struct lape_db *db, const char *sql, char **argv, int argc,
                  long k)
{
	sqlite3_stmt *st;
	int rc = db_begin(db), p = 1;

	if (rc != LAPE_OK)
		return rc;
	st = db_prepare(db, sql, NULL);
	if (!st)
		rc = LAPE_ERROR;
	if (st && k >= 0)
		sqlite3_bind_int64(st, p++, k);
	for (int i = 0; st && i < argc; i++)
		sqlite3_bind_text(st, p++, argv[i], -1, SQLITE_STATIC);
	if (st) {
		while ((rc = db_step(db, st)) == SQLITE_ROW)
			;
		rc = rc == SQLITE_DONE ? LAPE_OK : rc;
		sqlite3_finalize(st);
	}
	if (rc == LAPE_OK && k < 0 && sqlite3_changes(db->sql) > 0 &&
	    strncmp(sql, "INSERT", 6) == 0)
		printf("%" PRId64 "\n",
		       (int64_t)sqlite3_last_insert_rowid(db->sql));
	if (rc == LAPE_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

int main(int argc, char **argv)
{
	struct lape_db *db = NULL;
	char err[1024];
	long n = -1;
	int rc = LAPE_OK;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		n = strtol(argv[2], NULL, 10);
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: lapeedit FILE SQL [ARG...]\n");
		return 2;
	}
	if (db_open(argv[1], DB_OPEN_EXISTING, &db, err, sizeof err) !=
	    LAPE_OK) {
		fprintf(stderr, "lapeedit: %s\n", err);
		return 2;
	}
	if (getenv("LAPEEDIT_USER"))
		sqlite3_create_function(db->sql, "lape_user", 0, SQLITE_UTF8,
		                        NULL, sql_user, NULL, NULL);
	if (n < 0)
		rc = change(db, argv[2], argv + 3, argc - 3, -1);
	for (long k = 0; k < n && rc == LAPE_OK; k++)
		rc = change(db, argv[2], argv + 3, argc - 3, k);
	if (rc != LAPE_OK)
		fprintf(stderr, "lapeedit: %s: %s\n", argv[1], db_errmsg(db));
	db_close(db);
	return rc == LAPE_OK ? 0 : 1;
}
