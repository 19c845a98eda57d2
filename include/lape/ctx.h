/* ctx.h -- the application context both front ends work with: the
 * configuration, the data file and the rules, opened on demand, and the
 * names of codes read once.  No curses and no command line here: errors
 * are kept in the context and told to the front end's reporter. */

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
#ifndef LAPE_CTX_H
#define LAPE_CTX_H

#include <stdbool.h>

#include "lape/config.h"
#include "lape/db.h"
#include "lape/rules.h"

struct app_names;

/* Exit statuses of the program, from a command or the screens: 0 done
 * (or complete), 1 refused (invalid, a conflict, still referenced; check:
 * incomplete), 2 an error. */
enum { EXIT_OK = 0, EXIT_INCOMPLETE = 1, EXIT_FAILURE_LAPE = 2 };
#define EXIT_REFUSED EXIT_INCOMPLETE

/* What a command or the screens work with.  The front end fills cfg,
 * today and report; the data file and the rules are opened on demand by
 * ctx_open_db() and ctx_load_rules(). */
struct lape_ctx {
	struct config cfg;
	struct lape_db *db;
	struct rules *rules;
	char today[11];
	int open_status; /* what the last ctx_open_*() got from db_open() */
	const char *output_path; /* -o FILE, or NULL: standard output */
	bool excel; /* --excel or "csv = excel": CSV for spreadsheets */
	/* Told of each error of a ctx_*() function as it happens: WHAT (a
	 * file or a name, or NULL) and the message, translated.  NULL: the
	 * error is only kept in error[]. */
	void (*report)(const char *what, const char *msg);
	char error[1024];        /* the last error, "" for none */
	struct app_names *names; /* ctx_names(), read on first use */
};

/* With ctx_open_plain(): report nothing when the file is damaged (the
 * status is left in ctx->open_status): lape verify says it its way. */
#define CTX_OPEN_DAMAGE_QUIET (1 << 16)

/* Open the data file named by the configuration (when FLAGS has
 * DB_OPEN_CREATE and it is missing: make it, with the newest reference
 * data).  With cfg.read_only the file is opened only to read.  Returns
 * 0, or reports and returns -1. */
int ctx_open_db(struct lape_ctx *ctx, int flags);
/* The rules of cfg.rules_path, or SHARE/rules.ini: 0, or reports and
 * returns -1. */
int ctx_load_rules(struct lape_ctx *ctx);
/* Open the data file without loading any reference data, for commands
 * that pick the year themselves.  With DB_OPEN_CREATE a missing file is
 * being built (ctx->db->created): fill it, then ctx_publish().  Errors as
 * ctx_open_db(). */
int ctx_open_plain(struct lape_ctx *ctx, int flags);
/* Put the file being built in its place (db_publish()).  Afterwards
 * ctx->db->created says whether it is this run's file or another lape's
 * that got there first.  Returns 0, or -1 after reporting (ctx->db is then
 * closed). */
int ctx_publish(struct lape_ctx *ctx);
/* Whether the data file is the default one (no --db, LAPE_DB or database
 * in the configuration named another). */
bool ctx_default_db(const struct lape_ctx *ctx);
/* The names of the regions and municipalities of the open data file in
 * the language in use (app.h), read on first use; NULL when no file is
 * open or it cannot be read (app_region_name() then gives the code).
 * Valid until ctx_clear(). */
const struct app_names *ctx_names(struct lape_ctx *ctx);
/* Record the error WHAT: FMT in ctx->error and tell ctx->report.
 * Returns -1. */
int ctx_fail(struct lape_ctx *ctx, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ctx_clear(struct lape_ctx *ctx);

#endif
