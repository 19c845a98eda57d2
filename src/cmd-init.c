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
/* cmd-init.c -- `lape init [--year YYYY] [--shared GROUP]`: create the data
 * file and load the reference data of one classification year (the newest
 * by default); with --shared, for the coordinators of one Unix group. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/store.h"

#define MAX_YEARS 32

static int count_region(const struct region *r, void *ctx)
{
	(void)r;
	++*(size_t *)ctx;
	return 0;
}

static int count_municipality(const struct municipality *m, void *ctx)
{
	(void)m;
	++*(size_t *)ctx;
	return 0;
}

/* "2026, 2017, 2016" into BUF. */
static void years_text(const int *years, int n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%d",
		                         i ? ", " : "", years[i]);
}

/* The year to load: YEAR_ARG if shipped, else the newest.  Returns the
 * year, or 0 after reporting the error. */
static int init_pick_year(struct lape_ctx *ctx, const char *year_arg)
{
	int years[MAX_YEARS], n, year;
	char list[256], *end;

	n = refdata_years(ctx->cfg.share_dir, years, MAX_YEARS);
	if (n <= 0) {
		cmd_refdata_missing(ctx);
		return 0;
	}
	if (!year_arg)
		return years[0];
	year = (int)strtol(year_arg, &end, 10);
	for (int i = 0; *year_arg && *end == '\0' && i < n; i++)
		if (years[i] == year)
			return year;
	years_text(years, n, list, sizeof(list));
	cmd_error(EXIT_FAILURE_LAPE, NULL,
	          _("no reference data for the year '%s' (available: %s)"),
	          year_arg, list);
	return 0;
}

static int init_report(struct lape_ctx *ctx, int year)
{
	size_t regions = 0, municipalities = 0;

	if (region_list(ctx->db, false, count_region, &regions) != LAPE_OK ||
	    municipality_all(ctx->db, count_municipality, &municipalities) !=
	        LAPE_OK)
		return cmd_db_error(ctx);
	char r[64], m[64];

	snprintf(r, sizeof r, ngettext("%zu region", "%zu regions", regions),
	         regions);
	snprintf(
	    m, sizeof m,
	    ngettext("%zu municipality", "%zu municipalities", municipalities),
	    municipalities);
	/* TRANSLATORS: "N regions", "N municipalities", the year */
	if (ctx->db->created)
		cmd_printf(_("Created %s with %s and %s (%d)\n"), ctx->db->path,
		           r, m, year);
	else
		cmd_printf(_("Loaded %s and %s (%d) into %s\n"), r, m, year,
		           ctx->db->path);
	return EXIT_OK;
}

/* Load YEAR into the open file unless it holds reference data already
 * (of YEAR, or of any year when none was asked for), deciding inside the
 * transaction that loads it: another lape may be initialising the same
 * file.  *LOADED says whether this run loaded it.  Returns an exit
 * status, after reporting. */
static int init_fill(struct lape_ctx *ctx, int year, bool year_given,
                     bool *loaded)
{
	struct lape_db *db = ctx->db;
	int have, rc;

	*loaded = false;
	if (db_begin(db) != LAPE_OK)
		return cmd_db_error(ctx);
	have = refdata_year(db);
	if (have == year || (have && !year_given)) {
		db_rollback(db);
		cmd_printf(_("%s is already initialised with the reference "
		             "data of %d\n"),
		           db->path, have);
		return EXIT_OK;
	}
	if (have) {
		db_rollback(db);
		cmd_error(EXIT_FAILURE_LAPE, db->path,
		          _("already holds the reference data of %d; a data "
		            "file keeps the year it was created with"),
		          have);
		return EXIT_FAILURE_LAPE;
	}
	rc = refdata_load(db, ctx->cfg.share_dir, year);
	if (rc == LAPE_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	*loaded = true;
	return EXIT_OK;
}

/* Give the data file, its directory and the files beside it to the
 * group GROUP (db_share()).  0, or -1 after reporting. */
static int init_share(struct lape_ctx *ctx, const char *group, bool quiet)
{
	const char *path = ctx->cfg.db_path;
	char err[512];
	gid_t gid;

	if (cmd_unix_group(group, &gid) != 0)
		return -1;
	if (db_share(path, gid, err, sizeof err) != LAPE_OK) {
		cmd_error(EXIT_FAILURE_LAPE, path, "%s", err);
		return -1;
	}
	if (!quiet)
		cmd_printf(_("%s is shared by the group %s: the file mode "
		             "0660, its directory 2770\n"),
		           path, group);
	return 0;
}

static int init_exec(struct lape_ctx *ctx, struct cmd_args *args)
{
	const char *year_arg = cmd_arg(args, 'y');
	const char *shared = cmd_arg(args, 's');
	struct stat sb;
	bool loaded;
	int year, status;

	if (ctx->cfg.read_only)
		return cmd_error(EXIT_REFUSED, "init", "%s",
		                 _("nothing can be created with --read-only"));
	year = init_pick_year(ctx, year_arg);
	if (year == 0)
		return EXIT_FAILURE_LAPE;
	if (shared) {
		char *copy = strdup(shared);

		if (!copy)
			return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
			                 _("out of memory"));
		free(ctx->cfg.shared_group);
		ctx->cfg.shared_group = copy;
		/* A file that is there becomes the group's before it is
		 * opened (even one every user could read, which lape would
		 * otherwise refuse). */
		if (stat(ctx->cfg.db_path, &sb) == 0 &&
		    init_share(ctx, shared, true) != 0)
			return EXIT_FAILURE_LAPE;
	}
	/* Open without loading: this command chooses the year itself. */
	if (ctx_open_plain(ctx, DB_OPEN_CREATE) != 0)
		return EXIT_FAILURE_LAPE;
	status = init_fill(ctx, year, year_arg != NULL, &loaded);
	if (status == EXIT_OK && ctx->db->created) {
		/* A new file: complete before anyone sees it. */
		if (ctx_publish(ctx) != 0)
			return EXIT_FAILURE_LAPE;
		if (!ctx->db->created) /* another lape made it first */
			status =
			    init_fill(ctx, year, year_arg != NULL, &loaded);
	}
	if (status == EXIT_OK && shared && init_share(ctx, shared, false) != 0)
		return EXIT_FAILURE_LAPE;
	if (status != EXIT_OK || !loaded)
		return status;
	return init_report(ctx, year);
}

static const struct cmd_option init_options[] = {
    {"year", 'y', N_("YYYY"),
     N_("the classification year of the municipalities (the newest by "
        "default)"),
     0},
    {"shared", 's', N_("GROUP"),
     N_("for the Unix group GROUP: the file 0660, its directory 2770"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_init_entry = {
    .name = "init",
    .summary = N_("Create the data file and load the reference data"),
    .options = init_options,
    .max_args = 0,
    .exec = init_exec,
};
