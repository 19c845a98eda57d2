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
/* cmd-demo.c -- `lape demo`: load the example data set (src/demo.c) into
 * the data file, creating it with the 2016 classification of the LAPE years
 * when it does not exist yet. */

#include <stdio.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/store.h"

#define DEMO_YEAR 2016

/* The year to load into an empty file: 2016 if shipped, else the newest. */
static int demo_year(struct lape_ctx *ctx)
{
	int years[32], n = refdata_years(ctx->cfg.share_dir, years, 32);

	for (int i = 0; i < n; i++)
		if (years[i] == DEMO_YEAR)
			return DEMO_YEAR;
	return n > 0 ? years[0] : 0;
}

static void demo_summary(struct lape_ctx *ctx)
{
	struct group_filter all = GROUP_FILTER_ALL;
	size_t groups = 0, people = 0;
	char g[64], p[64];

	group_count(ctx->db, &all, &groups);
	person_count(ctx->db, NULL, &people);
	snprintf(g, sizeof g, ngettext("%zu group", "%zu groups", groups),
	         groups);
	snprintf(p, sizeof p, ngettext("%zu person", "%zu people", people),
	         people);
	/* TRANSLATORS: the second and third %s are "N groups", "N people" */
	cmd_printf(_("Loaded the example into %s: %s and %s in Uusimaa and "
	             "Ostrobothnia (reference data %d).\n"),
	           ctx->db->path, g, p, refdata_year(ctx->db));
	printf("%s", _("Some groups are complete, some are not.  Try:\n"));
	printf("  lape check\n");
	printf("  lape check --region 01\n");
	printf("  lape show \"Vantaan LAPE-ryhmä\"\n");
	printf("  lape list groups\n");
	printf("  lape\n");
}

/* Reference data for the example when the file has none yet. */
static int demo_refdata(struct lape_ctx *ctx)
{
	int year;

	if (refdata_year(ctx->db) != 0)
		return LAPE_OK;
	year = demo_year(ctx);
	if (year == 0) {
		cmd_refdata_missing(ctx);
		return LAPE_NOTFOUND;
	}
	if (refdata_load(ctx->db, ctx->cfg.share_dir, year) != LAPE_OK) {
		cmd_db_error(ctx);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

/* The reference data if needed and the example, in one transaction that
 * also decides whether the file can take them: another lape may be
 * loading the same file.  *LOADED says whether this run loaded it.
 * Returns an exit status, after reporting. */
static int demo_fill(struct lape_ctx *ctx, bool *loaded)
{
	struct lape_db *db = ctx->db;
	int rc;

	*loaded = false;
	if (db_begin(db) != LAPE_OK)
		return cmd_db_error(ctx);
	if (demo_refdata(ctx) != LAPE_OK) {
		db_rollback(db);
		return EXIT_FAILURE_LAPE;
	}
	rc = demo_load(db);
	if (rc == LAPE_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc == LAPE_INVALID && strcmp(db_errfield(db), DEMO_META_KEY) == 0) {
		cmd_printf(_("The example is already loaded into %s.\n"),
		           db->path);
		return EXIT_OK;
	}
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	*loaded = true;
	return EXIT_OK;
}

static int demo_exec(struct lape_ctx *ctx, struct cmd_args *args)
{
	bool loaded;
	int status;

	(void)args;
	if (ctx_open_plain(ctx, DB_OPEN_CREATE) != 0)
		return EXIT_FAILURE_LAPE;
	status = demo_fill(ctx, &loaded);
	if (status == EXIT_OK && ctx->db->created) {
		/* A new file: complete before anyone sees it. */
		if (ctx_publish(ctx) != 0)
			return EXIT_FAILURE_LAPE;
		if (!ctx->db->created) /* another lape made it first */
			status = demo_fill(ctx, &loaded);
	}
	if (status == EXIT_OK && loaded)
		demo_summary(ctx);
	return status;
}

const struct cmd_entry cmd_demo_entry = {
    .name = "demo",
    .summary = N_("Load an example: LAPE groups in Uusimaa and Ostrobothnia"),
    .max_args = 0,
    .exec = demo_exec,
};
