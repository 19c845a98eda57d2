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
/* app-ctx.c -- the application context (ctx.h): opening the data file and
 * the rules on demand, the names of codes, and the errors on the way kept
 * for the front end to tell. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lape/app.h"
#include "lape/ctx.h"
#include "lape/i18n.h"
#include "lape/store.h"

int ctx_fail(struct lape_ctx *ctx, const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->error, sizeof ctx->error, fmt, ap);
	va_end(ap);
	if (ctx->report)
		ctx->report(what, ctx->error);
	return -1;
}

/* The file's last error, named by its path. */
static int ctx_db_fail(struct lape_ctx *ctx)
{
	return ctx_fail(ctx, ctx->db->path, "%s", db_errmsg(ctx->db));
}

/* Load the newest reference data shipped into a file just created. */
static int ctx_load_newest(struct lape_ctx *ctx)
{
	int years[16];
	int n = refdata_years(ctx->cfg.share_dir, years, 16);
	char what[1024];

	if (n <= 0) {
		snprintf(what, sizeof what, "%s/refdata",
		         ctx->cfg.share_dir ? ctx->cfg.share_dir : "");
		return ctx_fail(
		    ctx, what, "%s",
		    _("no reference data found (is LAPE_SHARE right?)"));
	}
	if (refdata_load(ctx->db, ctx->cfg.share_dir, years[0]) != LAPE_OK)
		return ctx_db_fail(ctx);
	return 0;
}

/* Every command that opens the file this way needs its regions and
 * municipalities: a file without them was left by an init that did not
 * finish, and is no file with nothing to check. */
static int ctx_need_refdata(struct lape_ctx *ctx)
{
	char *year = NULL;

	if (db_meta_lookup(ctx->db, "refdata_year", &year) != LAPE_OK)
		return ctx_db_fail(ctx);
	if (year) {
		free(year);
		return 0;
	}
	return ctx_fail(ctx, ctx->db->path, "%s",
	                _("an empty data file without reference data; run "
	                  "lape init"));
}

/* A data file about to be made with shared_group set: its directory
 * first belongs to the group, setgid (db_share()), and the file is made
 * 0660 (DB_OPEN_SHARED).  Nothing to do for a file that is there. */
static int ctx_share_new(struct lape_ctx *ctx, const char *path)
{
	char err[512];
	struct stat sb;
	gid_t gid;

	if (stat(path, &sb) == 0 || errno != ENOENT)
		return 0;
	if (config_group_id(ctx->cfg.shared_group, &gid) != 0)
		return ctx_fail(ctx, ctx->cfg.shared_group, "%s",
		                _("no such Unix group"));
	if (db_share(path, gid, err, sizeof err) != LAPE_OK)
		return ctx_fail(ctx, path, "%s", err);
	return 0;
}

/* The path of the data file (*FALLBACK: the default one, to free), or
 * NULL after reporting. */
static const char *ctx_db_path(struct lape_ctx *ctx, char **fallback)
{
	const char *path = ctx->cfg.db_path;

	*fallback = NULL;
	if (!path)
		path = *fallback = db_default_path();
	if (!path) {
		ctx_fail(ctx, NULL, "%s",
		         _("cannot find where to keep the data file; use --db "
		           "FILE"));
		return NULL;
	}
	if (!*path) {
		/* SQLite would open a private temporary file for "". */
		ctx_fail(ctx, NULL, "%s",
		         _("the name of the data file is empty"));
		return NULL;
	}
	return path;
}

int ctx_open_plain(struct lape_ctx *ctx, int flags)
{
	char err[1024];
	char *fallback;
	const char *path;
	int rc;

	if (ctx->db)
		return 0;
	if (!(path = ctx_db_path(ctx, &fallback)))
		return -1;
	if (ctx->cfg.read_only)
		flags |= DB_OPEN_READONLY;
	if (ctx->cfg.shared_group)
		flags |= DB_OPEN_SHARED;
	if ((flags & DB_OPEN_CREATE) && !ctx->cfg.read_only &&
	    ctx->cfg.shared_group && ctx_share_new(ctx, path) != 0) {
		free(fallback);
		return -1;
	}
	err[0] = '\0';
	rc = db_open(path, flags & ~CTX_OPEN_DAMAGE_QUIET, &ctx->db, err,
	             sizeof(err));
	ctx->open_status = rc;
	if (rc != LAPE_OK) {
		ctx->db = NULL;
		if (!(flags & CTX_OPEN_DAMAGE_QUIET) || rc != LAPE_CORRUPT)
			ctx_fail(ctx, NULL, "%s", err[0] ? err : path);
		else
			snprintf(ctx->error, sizeof ctx->error, "%s",
			         err[0] ? err : path);
	}
	free(fallback);
	return rc == LAPE_OK ? 0 : -1;
}

bool ctx_default_db(const struct lape_ctx *ctx)
{
	char *def = db_default_path();
	bool same =
	    def && ctx->cfg.db_path && strcmp(def, ctx->cfg.db_path) == 0;

	free(def);
	return same;
}

int ctx_publish(struct lape_ctx *ctx)
{
	if (db_publish(ctx->db) == LAPE_OK)
		return 0;
	ctx_db_fail(ctx);
	db_close(ctx->db);
	ctx->db = NULL;
	return -1;
}

int ctx_open_db(struct lape_ctx *ctx, int flags)
{
	if (ctx->db)
		return 0;
	if (ctx_open_plain(ctx, flags) != 0)
		return -1;
	/* A new file gets its reference data before anyone sees it. */
	if (ctx->db->created &&
	    (ctx_load_newest(ctx) != 0 || ctx_publish(ctx) != 0)) {
		db_close(ctx->db);
		ctx->db = NULL;
		return -1;
	}
	return ctx_need_refdata(ctx);
}

int ctx_load_rules(struct lape_ctx *ctx)
{
	char err[1024];
	char *path = NULL;
	const char *dir = ctx->cfg.share_dir ? ctx->cfg.share_dir : ".";
	int rc;

	if (ctx->rules)
		return 0;
	if (!ctx->cfg.rules_path && asprintf(&path, "%s/rules.ini", dir) < 0)
		return ctx_fail(ctx, NULL, "%s", _("out of memory"));
	err[0] = '\0';
	rc = rules_load(path ? path : ctx->cfg.rules_path, &ctx->rules, err,
	                sizeof(err));
	if (rc != 0) {
		ctx->rules = NULL;
		ctx_fail(ctx, NULL, "%s",
		         err[0] ? err : (path ? path : ctx->cfg.rules_path));
	}
	free(path);
	return rc == 0 ? 0 : -1;
}

const struct app_names *ctx_names(struct lape_ctx *ctx)
{
	if (!ctx->names && ctx->db)
		ctx->names = app_names_load(ctx->db);
	return ctx->names;
}

void ctx_clear(struct lape_ctx *ctx)
{
	app_names_free(ctx->names);
	ctx->names = NULL;
	if (ctx->db)
		db_close(ctx->db);
	ctx->db = NULL;
	if (ctx->rules)
		rules_free(ctx->rules);
	ctx->rules = NULL;
	config_clear(&ctx->cfg);
}
