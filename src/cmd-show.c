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
/* cmd-show.c -- `lape show GROUP`: one group in full -- its details and
 * mandate, the regional group it works with, its members and its check. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/app.h"
#include "lape/check.h"
#include "lape/cmd.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/utf8.h"

#define N_FIELDS 10

/* The regional group G works with, and how the link was made.  Caller
 * frees. */
static char *show_link(const struct app_group *ag)
{
	const struct group *g = &ag->group;
	char *out = NULL;

	if (g->level == LEVEL_REGIONAL)
		return NULL;
	if (!g->linked_group_id)
		return strdup(_("none"));
	if (!ag->linked_name)
		return NULL;
	if (asprintf(&out, "%s (%s)", ag->linked_name,
	             g->regional_group_id ? _("set by hand") : _("by region")) <
	    0)
		out = NULL;
	return out;
}

static void show_details(const struct app_group *ag, size_t cols)
{
	const struct group *g = &ag->group;
	const char *labels[N_FIELDS] = {
	    _("Level:"),   _("Region:"),         _("Municipalities:"),
	    _("Mandate:"), _("Existing body:"),  _("Dates:"),
	    _("Status:"),  _("Regional group:"), _("Notes:"),
	    _("UUID:")};
	char *values[N_FIELDS] = {NULL};
	char *span, mdate[11];
	size_t width = 0;

	values[0] = strdup(group_level_label(g->level));
	if (asprintf(&values[1], "%s (%s)", ag->region_name, g->region_code) <
	    0)
		values[1] = NULL;
	if (g->level == LEVEL_MUNICIPAL)
		values[2] = strdup(ag->municipalities);
	date_show(g->mandate_date, mdate);
	if (g->mandate_body || *mdate) {
		if (asprintf(&values[3], "%s%s%s",
		             g->mandate_body ? g->mandate_body : "",
		             g->mandate_body && *mdate ? ", " : "", mdate) < 0)
			values[3] = NULL;
	}
	values[4] = strdup(g->existing_body
	                       ? _("yes: an existing body acts as the group")
	                       : _("no"));
	span = app_date_range(g->start_date, g->end_date, output_utf8());
	values[5] = span && *span ? span : NULL;
	if (!values[5])
		free(span);
	values[6] = strdup(group_status_label(g->status));
	values[7] = show_link(ag);
	values[8] = g->notes ? strdup(g->notes) : NULL;
	values[9] = strdup(g->uuid);
	for (size_t i = 0; i < N_FIELDS; i++)
		if (values[i] && utf8_width(labels[i]) > width)
			width = utf8_width(labels[i]);
	output_text_pad(stdout, g->name, 0, 0);
	fputc('\n', stdout);
	for (size_t i = 0; i < N_FIELDS; i++) {
		if (!values[i])
			continue;
		fputs("  ", stdout);
		output_text_pad(stdout, labels[i], width + 1, 0);
		output_text_wrap(stdout, values[i], width + 3, cols);
		fputc('\n', stdout);
		free(values[i]);
	}
}

static const struct output_column member_cols[] = {
    {"id", "", OUT_INT, OUT_MACHINE},
    {"uuid", "", OUT_STR, OUT_MACHINE},
    {"person_id", "", OUT_INT, OUT_MACHINE},
    {"name", N_("NAME"), OUT_STR, 0},
    {"sectors", "", OUT_LIST, OUT_MACHINE},
    {"sectors", N_("SECTORS"), OUT_LIST, OUT_HUMAN},
    {"role", "", OUT_STR, OUT_MACHINE},
    {"role", N_("ROLE"), OUT_STR, OUT_HUMAN},
    {"deputy_of", "", OUT_INT, OUT_MACHINE},
    {"organisation", N_("ORGANISATION"), OUT_STR, 0},
    {"start_date", "", OUT_DATE, OUT_MACHINE},
    {"end_date", "", OUT_DATE, OUT_MACHINE},
    {"term", N_("TERM"), OUT_STR, OUT_HUMAN},
};

static int show_member_row(struct lape_ctx *ctx, struct output_table *t,
                           const struct membership *m, size_t n, size_t i)
{
	const struct membership *x = &m[i];
	const char *labels[MEMBERSHIP_MAX_SECTORS];
	char *sectors, *role, *term, *keys, id[24], pid[24], dep[24];
	char shown[CHECK_NAME_MAX];
	const char *name =
	    check_member_name(x, ctx->rules, shown, sizeof shown);
	int rc;

	for (size_t k = 0; k < x->n_sectors; k++)
		labels[k] = rules_sector_label(ctx->rules, x->sectors[k]);
	/* OUT_LIST cells: one a line */
	sectors = cmd_join((char *const *)labels, x->n_sectors, "\n");
	if (!sectors)
		return -1;
	role = app_role_text(x, m, n);
	term = app_date_range(x->start_date, x->end_date, output_utf8());
	keys = cmd_join(x->sectors, x->n_sectors, "\n");
	snprintf(id, sizeof(id), "%" PRId64, x->id);
	snprintf(pid, sizeof(pid), "%" PRId64, x->person_id);
	snprintf(dep, sizeof(dep), "%" PRId64, x->deputy_of);
	{
		const char *cells[] = {
		    id,
		    x->uuid,
		    x->person_id ? pid : NULL,
		    name ? name : _("(vacant seat)"),
		    keys,
		    sectors,
		    role_key(x->role),
		    role ? role : role_label(x->role),
		    x->deputy_of ? dep : NULL,
		    x->organisation,
		    x->start_date,
		    x->end_date,
		    term ? term : "",
		};
		rc = output_table_add(t, cells);
	}
	free(keys);
	free(term);
	free(role);
	free(sectors);
	return rc;
}

/* The members of a group as a table.  Caller frees; NULL when out of
 * memory. */
static struct output_table *
show_member_table(struct lape_ctx *ctx, const struct membership *m, size_t n)
{
	struct output_table *t = output_table_new(
	    member_cols, sizeof(member_cols) / sizeof(member_cols[0]));

	for (size_t i = 0; t && i < n; i++) {
		if (show_member_row(ctx, t, m, n, i) != 0) {
			output_table_free(t);
			return NULL;
		}
	}
	return t;
}

/* The text: the details, the members' table T and the check. */
static void show_text(struct lape_ctx *ctx, const struct app_group *ag,
                      struct output_table *t, size_t width)
{
	show_details(ag, width);
	printf("\n");
	printf(ngettext("%zu member\n", "%zu members\n", ag->n_members),
	       ag->n_members);
	if (ag->n_members) {
		output_table_fit(t, width);
		output_table_print(t, OUTPUT_TEXT, stdout);
	}
	printf("\n");
	output_check_text(stdout, NULL, ctx->rules, &ag->group, ag->region_name,
	                  ag->members, ag->n_members, &ag->check, width);
}

/* --format json: the group, its members T and its check as one object. */
static void show_json(struct lape_ctx *ctx, const struct app_group *ag,
                      struct output_table *t)
{
	struct output_json j;

	output_json_init(&j, stdout);
	output_json_object(&j);
	cmd_json_group_fields(ctx, &j, &ag->group);
	output_json_key(&j, "members");
	output_table_json(t, &j);
	cmd_check_json_missing(&j, ctx->rules, &ag->check);
	cmd_check_json_warnings(&j, ctx->rules, ag->members, &ag->check);
	output_json_end(&j, '}');
}

static int show_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	enum output_format fmt = (enum output_format)a->format;
	struct app_group ag;
	struct output_table *t;

	if (app_group_load(ctx->db, ctx->rules, ctx->today, ctx_names(ctx),
	                   a->groups[0], &ag) != LAPE_OK)
		return cmd_db_error(ctx);
	t = show_member_table(ctx, ag.members, ag.n_members);
	if (!t) {
		app_group_clear(&ag);
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	}
	if (fmt == OUTPUT_CSV) /* the members, one row each */
		output_table_print(t, OUTPUT_CSV, stdout);
	else if (fmt == OUTPUT_JSON)
		show_json(ctx, &ag, t);
	else
		show_text(ctx, &ag, t, cmd_width());
	output_table_free(t);
	app_group_clear(&ag);
	return EXIT_OK;
}

const struct cmd_entry cmd_show_entry = {
    .name = "show",
    .usage = N_("GROUP"),
    .summary = N_("Show a group: details, members and its check"),
    .needs = CMD_NEED_DB | CMD_NEED_RULES | CMD_NEED_GROUPS | CMD_NEED_FORMAT,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which group?"),
    .exec = show_exec,
};
