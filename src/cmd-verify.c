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
/* cmd-verify.c -- `lape verify`: is the data file whole?  SQLite's
 * integrity_check (every page, every index) and foreign_key_check, one
 * line per problem.  Too slow to run on every open (6 ms on national data
 * for quick_check alone), so the commands that meet a damaged page point
 * here instead. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"

/* One problem: "FILE: what is wrong" on stdout. */
static void verify_problem(const char *path, const char *what)
{
	cmd_printf("%s: %s\n", path, what);
}

/* The rows of integrity_check other than "ok", one problem per line of
 * theirs.  Returns the number of problems, or -1 when it could not run. */
static int verify_integrity(struct lape_db *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA integrity_check", NULL);
	int rc, n = 0;

	if (!st)
		return -1;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		const char *row = (const char *)sqlite3_column_text(st, 0);
		char *copy, *line, *save = NULL;

		if (!row || strcmp(row, "ok") == 0)
			continue;
		if (!(copy = strdup(row)))
			break;
		for (line = strtok_r(copy, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			if (strncmp(line, "*** ", 4) == 0)
				continue; /* "*** in database main ***" */
			verify_problem(db->path, line);
			n++;
		}
		free(copy);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : -1;
}

/* A row that refers to one that is not there. */
static int verify_foreign_keys(struct lape_db *db)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA foreign_key_check", NULL);
	char line[512];
	int rc, n = 0;

	if (!st)
		return -1;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);

		snprintf(line, sizeof line,
		         _("%s row %lld refers to a %s row that does not "
		           "exist"),
		         table ? table : "?",
		         (long long)sqlite3_column_int64(st, 1),
		         parent ? parent : "?");
		verify_problem(db->path, line);
		n++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? n : -1;
}

static int verify_exec(struct lape_ctx *ctx, struct cmd_args *args)
{
	int a, b;

	(void)args;
	/* A file damaged where SQLite must read to open it is a finding,
	 * not a failure to look. */
	if (ctx_open_plain(ctx, DB_OPEN_EXISTING | CTX_OPEN_DAMAGE_QUIET) !=
	    0) {
		if (ctx->open_status != LAPE_CORRUPT)
			return EXIT_FAILURE_LAPE;
		verify_problem(ctx->cfg.db_path,
		               _("damaged where it must be read to open it"));
		return EXIT_INCOMPLETE;
	}
	/* The references are looked at only in a file whose pages are
	 * sound: in a damaged one they cannot be read. */
	a = verify_integrity(ctx->db);
	b = a == 0 ? verify_foreign_keys(ctx->db) : 0;
	if (a < 0 || b < 0) {
		if (db_status(ctx->db) != LAPE_CORRUPT)
			return cmd_db_error(ctx);
		verify_problem(ctx->db->path,
		               _("damaged so that SQLite cannot read on"));
		return EXIT_INCOMPLETE;
	}
	if (a + b > 0)
		return EXIT_INCOMPLETE;
	cmd_printf(_("%s: no problems found\n"), ctx->db->path);
	return EXIT_OK;
}

const struct cmd_entry cmd_verify_entry = {
    .name = "verify",
    .summary = N_("Check that the data file is whole: every page, index and "
                  "reference"),
    .max_args = 0,
    .exec = verify_exec,
};
