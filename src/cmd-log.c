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
/* cmd-log.c -- `lape log [GROUP|PERSON] [--since DATE] [--format
 * text|csv|json]`: who changed what and when, from the journal, in the
 * user's language: "2017-03-02 14:05 anna: Vantaan LAPE-ryhmä: chair
 * Henna Salo → Pekka Järvinen". */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/date.h"
#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/output.h"
#include "lape/store.h"

static const struct output_column log_cols[] = {
    {"at", N_("When"), OUT_STR, OUT_MACHINE},
    {"user", N_("Who"), OUT_STR, 0},
    {"group", N_("Group"), OUT_STR, 0},
    {"table", N_("Record"), OUT_STR, OUT_MACHINE},
    {"record", N_("Record"), OUT_STR, 0},
    {"action", N_("Action"), OUT_STR, 0},
    {"field", N_("Field"), OUT_STR, 0},
    {"old", N_("Old"), OUT_STR, 0},
    {"new", N_("New"), OUT_STR, 0},
    {"kind", N_("Kind"), OUT_STR, OUT_MACHINE},
    {"merged_from", N_("Merged from"), OUT_STR, OUT_MACHINE},
};

struct log_ctx {
	enum output_format fmt;
	struct output_table *table;
	size_t n;
};

static const char *op_key(enum history_op op)
{
	return op == HISTORY_ADD      ? "add"
	       : op == HISTORY_REMOVE ? "remove"
	                              : "change";
}

static const char *shown(const char *v)
{
	return v ? v : _("(empty)");
}

static void log_text(const struct history_change *c)
{
	const char *arrow = output_utf8() ? "\xE2\x86\x92" : "->";
	char when[20], what[2048], where[600];

	journal_time_show(c->at, when);
	/* The group it is about first, as coordinators think of it. */
	if (c->group)
		snprintf(where, sizeof where, "%s: ", c->group);
	else
		where[0] = '\0';
	if (c->op != HISTORY_CHANGE && strcmp(c->table, "membership") == 0)
		/* The record is "chair Henna Salo" already. */
		snprintf(what, sizeof what,
		         c->op == HISTORY_ADD ? _("added %s") : _("removed %s"),
		         c->record);
	else if (c->op == HISTORY_ADD)
		snprintf(what, sizeof what, _("added %s %s"),
		         merge_table_label(c->table), c->record);
	else if (c->op == HISTORY_REMOVE)
		snprintf(what, sizeof what, _("removed %s %s"),
		         merge_table_label(c->table), c->record);
	else if (!c->field)
		snprintf(what, sizeof what, _("changed %s %s"),
		         merge_table_label(c->table), c->record);
	else if (strcmp(c->table, "membership") == 0 &&
	         strcmp(c->field, "person_id") == 0)
		snprintf(what, sizeof what, "%s %s %s %s", c->record,
		         shown(c->old_value), arrow, shown(c->new_value));
	else if (strcmp(c->table, "lape_group") == 0)
		snprintf(what, sizeof what, "%s: %s: %s %s %s", c->record,
		         merge_field_label(c->field), shown(c->old_value),
		         arrow, shown(c->new_value));
	else if (strcmp(c->table, "membership") == 0)
		snprintf(what, sizeof what, "%s: %s: %s %s %s", c->record,
		         merge_field_label(c->field), shown(c->old_value),
		         arrow, shown(c->new_value));
	else
		snprintf(what, sizeof what, "%s %s: %s: %s %s %s",
		         merge_table_label(c->table), c->record,
		         merge_field_label(c->field), shown(c->old_value),
		         arrow, shown(c->new_value));
	cmd_printf("%s %s: %s%s%s%s\n", when, c->user, where, what,
	           strcmp(c->kind, "undo") == 0 ? _(" (undo)") : "",
	           c->merged_from ? _(" (merged)") : "");
}

static int log_cb(const struct history_change *c, void *arg)
{
	struct log_ctx *l = arg;
	const char *cells[11];

	l->n++;
	if (l->fmt == OUTPUT_TEXT) {
		log_text(c);
		return 0;
	}
	cells[0] = c->at;
	cells[1] = c->user;
	cells[2] = c->group;
	cells[3] = c->table;
	cells[4] = c->record;
	cells[5] = op_key(c->op);
	cells[6] = c->field;
	cells[7] = c->old_value;
	cells[8] = c->new_value;
	cells[9] = c->kind;
	cells[10] = c->merged_from;
	return output_table_add(l->table, cells) == 0 ? 0 : LAPE_ERROR;
}

static int log_check(const struct cmd_args *a)
{
	const char *v = cmd_arg(a, 's');
	char since[11];

	if (v && date_parse(v, since) != 0)
		return cmd_error(EXIT_FAILURE_LAPE, "--since",
		                 _("not a date: '%s'"), v);
	return 0;
}

static int log_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct history_filter f = {0, 0, NULL};
	struct log_ctx l = {OUTPUT_TEXT, NULL, 0};
	char since[11];
	int rc;

	l.fmt = (enum output_format)a->format;
	if (cmd_arg(a, 's') && date_parse(cmd_arg(a, 's'), since) == 0)
		f.since = since;
	if (a->argc > 0) {
		const char *ref = a->argv[0];

		rc = group_find(ctx->db, ref, &f.group_id);
		if (rc == LAPE_NOTFOUND)
			rc = person_find(ctx->db, ref, &f.person_id);
		if (rc == LAPE_NOTFOUND)
			return cmd_error(EXIT_FAILURE_LAPE, ref, "%s",
			                 _("no such group or person"));
		if (rc != LAPE_OK)
			return cmd_db_error(ctx);
	}
	if (l.fmt != OUTPUT_TEXT &&
	    !(l.table = output_table_new(log_cols, sizeof log_cols /
	                                               sizeof log_cols[0]))) {
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	}
	rc = history_walk(ctx->db, &f, log_cb, &l);
	if (rc == LAPE_OK && l.table)
		output_table_print(l.table, l.fmt, stdout);
	output_table_free(l.table);
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	return EXIT_OK;
}

static const struct cmd_option log_options[] = {
    {"since", 's', N_("DATE"), N_("the changes from that day on"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_log_entry = {
    .name = "log",
    .usage = N_("[GROUP|PERSON]"),
    .summary = N_("Show who changed what and when"),
    .options = log_options,
    .needs = CMD_NEED_DB | CMD_NEED_FORMAT,
    .max_args = 1,
    .check = log_check,
    .exec = log_exec,
};
