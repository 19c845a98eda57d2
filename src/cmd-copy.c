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
/* cmd-copy.c -- `lape copy FILE`: a copy of the data file to take along
 * (a laptop), consistent while others write, that `lape merge` can bring
 * back. */

#include <stdio.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/merge.h"

static int copy_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	const char *file = a->argv[0];
	int rc;

	if (ctx_open_plain(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	rc = merge_copy(ctx->db, file);
	if (rc == LAPE_INVALID) {
		return cmd_error(EXIT_REFUSED, NULL, "%s", db_errmsg(ctx->db));
	}
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	cmd_printf(_("Copied %s to %s; bring it back with: lape merge %s\n"),
	           ctx->db->path, file, file);
	return EXIT_OK;
}

const struct cmd_entry cmd_copy_entry = {
    .name = "copy",
    .usage = N_("FILE"),
    .summary =
        N_("Write a copy of the data file to work on elsewhere (a laptop)"),
    .min_args = 1,
    .max_args = 1,
    .missing = N_("name the file to write"),
    .exec = copy_exec,
};
