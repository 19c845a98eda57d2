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
/* cmd-merge.c -- `lape merge FILE [--dry-run] [--prefer server|laptop]`:
 * bring the work done in a copy of the data file (a laptop's, or the
 * server's) into this one.  Conflicts are listed with both values, who
 * made each and when; without --prefer lape stops at them and writes
 * nothing. */

#include <stdio.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/output.h"

/* " (anna 2017-03-02 14:05)", or "" when not known. */
static void who_when(const char *user, const char *at, char *buf, size_t len)
{
	char t[20];

	journal_time_show(at, t);
	if (user && *t)
		snprintf(buf, len, " (%s %s)", user, t);
	else if (user)
		snprintf(buf, len, " (%s)", user);
	else
		buf[0] = '\0';
}

static const char *shown(const char *value)
{
	return value ? value : _("(empty)");
}

static void print_change(const struct merge_change *c)
{
	char who[128];

	who_when(c->user, c->at, who, sizeof who);
	switch (c->kind) {
	case MERGE_ADD:
		cmd_printf(_("added: %s %s%s\n"), merge_table_label(c->table),
		           c->record, who);
		break;
	case MERGE_CHANGE:
		cmd_printf(_("changed: %s %s: %s: %s %s %s%s\n"),
		           merge_table_label(c->table), c->record,
		           merge_field_label(c->field), shown(c->old_value),
		           output_utf8() ? "\xE2\x86\x92" : "->",
		           shown(c->new_value), who);
		break;
	case MERGE_REMOVE:
		cmd_printf(_("removed: %s %s%s\n"), merge_table_label(c->table),
		           c->record, who);
		break;
	}
}

static void print_conflict(const struct merge *m,
                           const struct merge_conflict *c)
{
	const struct merge_side *server =
	    merge_server_is_here(m) ? &c->here : &c->there;
	const struct merge_side *laptop =
	    merge_server_is_here(m) ? &c->there : &c->here;
	char who[128];

	if (c->field)
		cmd_printf(_("conflict: %s %s: %s: %s\n"),
		           merge_table_label(c->table), c->record,
		           merge_field_label(c->field),
		           merge_conflict_label(c->kind));
	else
		cmd_printf(_("conflict: %s %s: %s\n"),
		           merge_table_label(c->table), c->record,
		           merge_conflict_label(c->kind));
	who_when(server->user, server->at, who, sizeof who);
	cmd_printf(_("  server: %s%s\n"), shown(server->value), who);
	who_when(laptop->user, laptop->at, who, sizeof who);
	cmd_printf(_("  laptop: %s%s\n"), shown(laptop->value), who);
}

static int merge_check(const struct cmd_args *a)
{
	const char *prefer = cmd_arg(a, 'p');

	if (prefer && strcmp(prefer, "server") != 0 &&
	    strcmp(prefer, "laptop") != 0)
		return cmd_error(EXIT_FAILURE_LAPE, "--prefer",
		                 _("'%s' is not one of %s"), prefer,
		                 "server, laptop");
	return 0;
}

/* What the merge of FILE did (NC conflicts decided), or with DRY what it
 * would do: a line. */
static void merge_summary(struct merge *m, const char *file, bool dry,
                          size_t nc)
{
	size_t n = merge_change_count(m);

	if (dry) {
		cmd_printf(ngettext("%zu change would be merged; nothing "
		                    "written (--dry-run)\n",
		                    "%zu changes would be merged; nothing "
		                    "written (--dry-run)\n",
		                    n),
		           n);
		return;
	}
	cmd_printf(
	    ngettext("Merged %s: %zu change", "Merged %s: %zu changes", n),
	    file, n);
	if (nc)
		cmd_printf(ngettext(", %zu conflict decided\n",
		                    ", %zu conflicts decided\n", nc),
		           nc);
	else
		cmd_printf("\n");
}

static int merge_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	const char *prefer = cmd_arg(a, 'p'), *file = a->argv[0];
	bool dry = cmd_has(a, 'n');
	struct merge *m = NULL;
	enum merge_choice choice = MERGE_UNDECIDED;
	size_t nc;
	int rc;

	if (ctx_open_plain(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	rc = merge_open(ctx->db, file, &m);
	if (rc != LAPE_OK)
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 db_errmsg(ctx->db));
	if (prefer) {
		bool server = strcmp(prefer, "server") == 0;

		choice = server == merge_server_is_here(m) ? MERGE_KEEP_HERE
		                                           : MERGE_TAKE_THERE;
	}
	merge_set_default(m, choice);
	/* A dry run plans; a merge goes straight at it and, if it meets an
	 * undecided conflict, writes nothing and has the list. */
	rc = dry ? merge_plan(m) : merge_apply(m);
	if (rc != LAPE_OK && rc != LAPE_CONFLICT)
		goto fail;
	nc = merge_conflict_count(m);
	if (dry) {
		for (size_t i = 0; i < merge_change_count(m); i++)
			print_change(merge_change(m, i));
	}
	for (size_t i = 0; i < nc; i++)
		print_conflict(m, merge_conflict(m, i));
	if (merge_undecided(m) > 0) {
		cmd_errorf(ngettext("lape: %s: %zu conflict; nothing merged "
		                    "(choose with --prefer server or "
		                    "--prefer laptop)\n",
		                    "lape: %s: %zu conflicts; nothing merged "
		                    "(choose with --prefer server or "
		                    "--prefer laptop)\n",
		                    nc),
		           file, nc);
		merge_free(m);
		return EXIT_INCOMPLETE;
	}
	if (rc != LAPE_OK)
		goto fail;
	merge_summary(m, file, dry, nc);
	merge_free(m);
	return EXIT_OK;
fail:
	cmd_db_error(ctx);
	merge_free(m);
	return EXIT_FAILURE_LAPE;
}

static const struct cmd_option merge_options[] = {
    {"dry-run", 'n', NULL, N_("list what would change and write nothing"), 0},
    {"prefer", 'p', N_("server|laptop"),
     N_("decide every conflict for the server's or the laptop's side"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_merge_entry = {
    .name = "merge",
    .usage = N_("FILE"),
    .summary =
        N_("Bring the work done in a copy (lape copy) into this data file"),
    .options = merge_options,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("name the copy to merge"),
    .check = merge_check,
    .exec = merge_exec,
};
