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
/* cmd-report.c -- `lape report [GROUP...] [--region CODE] [--all]
 * [--format text|html|xlsx] [-o FILE]`: the report to take to a meeting,
 * one group per page. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/report.h"
#include "lape/store.h"

static int report_check(const struct cmd_args *a)
{
	const char *f = cmd_arg(a, 'f');
	enum report_format fmt = REPORT_TEXT;

	if (f && report_format_parse(f, &fmt) != 0)
		return cmd_error(EXIT_FAILURE_LAPE, "--format",
		                 _("'%s' is not one of %s"), f,
		                 "text, html, xlsx");
	return 0;
}

static int report_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct report_request req = {0};
	enum report_format fmt = REPORT_TEXT;
	struct report rep;
	char err[512];
	int rc, status = EXIT_OK;

	if (cmd_arg(a, 'f'))
		report_format_parse(cmd_arg(a, 'f'), &fmt);
	req.all = cmd_has(a, 'a');
	if (fmt == REPORT_XLSX && !ctx->output_path)
		return cmd_error(EXIT_FAILURE_LAPE, "--format xlsx", "%s",
		                 _("name the file with -o FILE"));
	if (a->region[0])
		req.region = a->region;
	req.ids = a->groups;
	req.n_ids = a->n_groups;
	rc = report_build(ctx->db, ctx->rules, ctx->today, ctx->cfg.db_path,
	                  ctx->cfg.rules_path, &req, &rep);
	if (rc != LAPE_OK) {
		report_clear(&rep);
		return cmd_db_error(ctx);
	}
	if (ctx->output_path) {
		if (report_write_file(&rep, fmt, ctx->output_path, err,
		                      sizeof err) != 0)
			status = cmd_error(EXIT_FAILURE_LAPE, ctx->output_path,
			                   "%s", err);
	} else if (fmt == REPORT_HTML) {
		report_write_html(&rep, stdout);
	} else {
		report_write_text(&rep, stdout);
	}
	report_clear(&rep);
	return status;
}

static const struct cmd_option report_options[] = {
    {"region", 'r', N_("CODE|NAME"), N_("the groups of one region"), 0},
    {"all", 'a', NULL, N_("include dissolved groups"), 0},
    {"format", 'f', N_("text|html|xlsx"),
     N_("text (the default), HTML to print, or xlsx with -o FILE"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_report_entry = {
    .name = "report",
    .usage = N_("[GROUP...]"),
    .summary = N_("The report for a meeting: each group on a page of its own"),
    .options = report_options,
    .needs = CMD_NEED_DB | CMD_NEED_RULES | CMD_NEED_REGION | CMD_NEED_GROUPS,
    .max_args = -1,
    .check = report_check,
    .exec = report_exec,
};
