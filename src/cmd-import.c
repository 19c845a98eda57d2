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
/* cmd-import.c -- `lape import FILE [--group GROUP] [--dry-run] [--apply]`:
 * people and memberships from a spreadsheet's CSV.  A dry run (the
 * default) says what would be added and changed and which rows are wrong;
 * --apply writes it in one transaction, and only when no row is wrong. */

#include <stdio.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/import.h"
#include "lape/store.h"

static void import_print_action(const struct import_action *a)
{
	switch (a->what) {
	case IMPORT_ADD_PERSON:
		cmd_printf(_("  line %zu: new person %s\n"), a->line,
		           a->person);
		break;
	case IMPORT_CHANGE_PERSON:
		cmd_printf(_("  line %zu: %s: changes %s\n"), a->line,
		           a->person, a->detail);
		break;
	case IMPORT_ADD_MEMBERSHIP:
		cmd_printf(_("  line %zu: %s joins %s\n"), a->line, a->person,
		           a->group);
		break;
	case IMPORT_CHANGE_MEMBERSHIP:
		cmd_printf(_("  line %zu: %s in %s: changes %s\n"), a->line,
		           a->person, a->group, a->detail);
		break;
	}
}

static void import_print_problem(const struct import_problem *p)
{
	if (p->line && p->column)
		cmd_printf(_("  line %zu, column '%s': %s\n"), p->line,
		           p->column, p->reason);
	else if (p->line)
		cmd_printf(_("  line %zu: %s\n"), p->line, p->reason);
	else
		cmd_printf("  %s\n", p->reason);
}

static void import_report(const char *path, const struct import_file *f,
                          const struct import_result *res, bool apply)
{
	const char *delim = f->delimiter == '\t'  ? _("tab")
	                    : f->delimiter == ';' ? ";"
	                                          : ",";

	cmd_printf(ngettext("%s: %zu row, read as %s, columns separated by "
	                    "'%s'\n",
	                    "%s: %zu rows, read as %s, columns separated by "
	                    "'%s'\n",
	                    f->n_rows),
	           path, f->n_rows, import_encoding_name(f->encoding), delim);
	if (f->encoding == IMPORT_CP1252)
		cmd_printf(
		    "%s\n",
		    _("  (not UTF-8: taken as Windows-1252, as a Finnish "
		      "Excel saves CSV)"));
	if (res->n_actions) {
		cmd_printf("%s\n", res->applied ? _("Written:")
		                   : res->n_errors
		                       ? _("Would be written once the wrong "
		                           "rows are fixed:")
		                       : _("Would be written:"));
		for (size_t i = 0; i < res->n_actions; i++)
			import_print_action(&res->actions[i]);
	}
	if (res->n_errors) {
		cmd_printf("%s\n", _("Wrong rows:"));
		for (size_t i = 0; i < res->n_problems; i++)
			if (res->problems[i].error)
				import_print_problem(&res->problems[i]);
	}
	if (res->n_warnings) {
		cmd_printf("%s\n", _("To look at:"));
		for (size_t i = 0; i < res->n_problems; i++)
			if (!res->problems[i].error)
				import_print_problem(&res->problems[i]);
	}
	cmd_printf(_("People: %zu new, %zu changed.  Memberships: %zu new, "
	             "%zu changed.  Rows that change nothing: %zu.\n"),
	           res->n_people_added, res->n_people_changed,
	           res->n_members_added, res->n_members_changed,
	           res->n_unchanged);
	if (!res->n_actions && !res->n_errors)
		cmd_printf("%s\n", _("Nothing to write: the data file already "
		                     "holds all of it."));
	else if (res->applied)
		cmd_printf("%s\n", _("Done: written in one transaction."));
	else if (res->n_errors)
		cmd_printf(ngettext("Nothing written: %zu problem to fix "
		                    "first.\n",
		                    "Nothing written: %zu problems to fix "
		                    "first.\n",
		                    res->n_errors),
		           res->n_errors);
	else if (!apply)
		cmd_printf("%s\n",
		           _("Dry run: nothing written.  Run again with "
		             "--apply to write it."));
}

static int import_check(const struct cmd_args *a)
{
	if (cmd_has(a, 'n') && cmd_has(a, 'a'))
		return cmd_error(EXIT_FAILURE_LAPE, "import", "%s",
		                 _("--dry-run or --apply, not both"));
	return 0;
}

static int import_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct import_options opt = {0};
	struct import_file f;
	struct import_result res;
	const char *path;
	char err[512];
	int rc;

	opt.apply = cmd_has(a, 'a');
	path = a->argv[0];
	rc = import_read_file(path, &f, err, sizeof err);
	if (rc != LAPE_OK)
		return cmd_error(
		    rc == LAPE_ERROR ? EXIT_FAILURE_LAPE : EXIT_INCOMPLETE,
		    path, "%s", rc == LAPE_ERROR ? _("out of memory") : err);
	opt.group_id = a->group;
	rc = import_run(ctx->db, ctx->rules, &f, &opt, &res);
	if (rc != LAPE_OK) {
		import_file_clear(&f);
		import_result_clear(&res);
		return cmd_db_error(ctx);
	}
	import_report(path, &f, &res, opt.apply);
	rc = res.n_errors ? EXIT_INCOMPLETE : EXIT_OK;
	import_result_clear(&res);
	import_file_clear(&f);
	return rc;
}

static const struct cmd_option import_options[] = {
    {"group", 'g', N_("GROUP"), N_("the group the rows' seats are in"), 0},
    {"dry-run", 'n', NULL,
     N_("say what would be written, and write nothing (the default)"), 0},
    {"apply", 'a', NULL, N_("write it, when no row is wrong"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_import_entry = {
    .name = "import",
    .usage = N_("FILE"),
    .summary = N_("Bring in people and memberships from a spreadsheet's CSV"),
    .options = import_options,
    .needs = CMD_NEED_DB | CMD_NEED_RULES | CMD_NEED_GROUP_OPTION,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which file?"),
    .check = import_check,
    .exec = import_exec,
};
