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
/* cmd-person.c -- `lape person export PERSON [--format json|text]` and
 * `lape person erase PERSON [--yes] [--remove-backups]`: a person's rights
 * of access, portability and erasure, over the core's privacy calls. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/privacy.h"
#include "lape/store.h"

/* --remove-backups has no letter. */
#define KEY_REMOVE_BACKUPS (CMD_KEY + 1)

/* --format json|text, before anything is opened. */
static int export_check(const struct cmd_args *a)
{
	const char *f = cmd_arg(a, 'f');
	enum output_format fmt = OUTPUT_TEXT;

	if (f && (output_format_parse(f, &fmt) != 0 || fmt == OUTPUT_CSV))
		return cmd_error(EXIT_FAILURE_LAPE, "--format",
		                 _("'%s' is not one of json, text"), f);
	return 0;
}

static int export_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	const char *f = cmd_arg(a, 'f');
	enum output_format fmt = OUTPUT_TEXT;
	int rc;

	if (f)
		output_format_parse(f, &fmt); /* export_check() checked it */
	rc = privacy_export(ctx->db, a->person, fmt, stdout);
	if (rc == LAPE_NOTFOUND)
		return cmd_error(EXIT_FAILURE_LAPE, a->argv[0], "%s",
		                 _("no such person"));
	return rc == LAPE_OK ? EXIT_OK : cmd_db_error(ctx);
}

/* Ask QUESTION on the terminal; whether the answer was yes (the word for
 * yes in the language in use, or y). */
static bool ask_yes(const char *question)
{
	char line[64];
	const char *yes = _("y");

	cmd_printf("%s [%s/%s] ", question, yes, _("N"));
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	return strcasecmp(line, yes) == 0 || strcasecmp(line, "y") == 0 ||
	       strcasecmp(line, _("yes")) == 0 || strcasecmp(line, "yes") == 0;
}

/* Remove the copies listed in PLAN; the number that could not be. */
static int remove_backups(const struct erase_plan *plan)
{
	int failed = 0;

	for (size_t i = 0; i < plan->n_backups; i++) {
		if (privacy_backup_remove(plan->backups[i]) == 0) {
			cmd_printf(_("Removed %s\n"), plan->backups[i]);
			continue;
		}
		cmd_error(EXIT_FAILURE_LAPE, plan->backups[i],
		          _("cannot remove: %s"), strerror(errno));
		failed++;
	}
	return failed;
}

/* Without --yes: say what will go and ask.  Whether to go on; *ASKED
 * when the question was put. */
static bool erase_confirm(const struct erase_plan *plan, bool *asked)
{
	char *text, *question = NULL;
	bool yes;

	*asked = false;
	if (!isatty(STDIN_FILENO)) {
		cmd_error(EXIT_REFUSED, "person erase", "%s",
		          _("nothing erased; give --yes to erase without being "
		            "asked"));
		return false;
	}
	if ((text = privacy_plan_describe(plan)) != NULL)
		cmd_printf("%s", text);
	free(text);
	if (asprintf(&question, _("Erase %s for good? This cannot be undone."),
	             plan->name) < 0)
		return false;
	*asked = true;
	yes = ask_yes(question);
	free(question);
	if (!yes)
		cmd_printf("%s", _("Nothing erased.\n"));
	return yes;
}

/* After the erase: the copies that still hold the person, removed when
 * asked (--remove-backups, or yes to the question).  An exit status. */
static int erase_backups(const struct erase_plan *plan, bool remove, bool asked)
{
	if (!plan->n_backups)
		return EXIT_OK;
	if (!remove && asked) {
		for (size_t i = 0; i < plan->n_backups; i++)
			cmd_printf("  %s\n", plan->backups[i]);
		remove = ask_yes(ngettext("Remove this copy saved before an "
		                          "upgrade too?",
		                          "Remove these copies saved before "
		                          "upgrades too?",
		                          plan->n_backups));
	}
	if (remove)
		return remove_backups(plan) ? EXIT_FAILURE_LAPE : EXIT_OK;
	cmd_printf("%s\n",
	           ngettext("This copy saved before an upgrade still holds "
	                    "the person's data; remove it with "
	                    "--remove-backups:",
	                    "These copies saved before upgrades still hold the "
	                    "person's data; remove them with --remove-backups:",
	                    plan->n_backups));
	for (size_t i = 0; i < plan->n_backups; i++)
		cmd_printf("  %s\n", plan->backups[i]);
	return EXIT_OK;
}

static int erase_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct erase_plan plan;
	struct erase_result res;
	bool asked = false;
	int64_t id = a->person;
	int status, rc;

	if (privacy_erase_plan(ctx->db, id, &plan) != LAPE_OK)
		return cmd_db_error(ctx);
	if (!cmd_has(a, 'y') && !erase_confirm(&plan, &asked)) {
		privacy_plan_clear(&plan);
		return EXIT_REFUSED;
	}
	rc = privacy_erase(ctx->db, id, &res);
	if (rc != LAPE_OK) {
		privacy_plan_clear(&plan);
		if (rc == LAPE_NOTFOUND)
			return cmd_error(EXIT_FAILURE_LAPE, a->argv[0], "%s",
			                 _("no such person"));
		return cmd_db_error(ctx);
	}
	cmd_printf(ngettext("Erased %s; %zu seat is now vacant.\n",
	                    "Erased %s; %zu seats are now vacant.\n",
	                    plan.n_seats),
	           plan.name, plan.n_seats);
	if (!res.scrubbed)
		cmd_error(EXIT_OK, ctx->db->path, "%s",
		          _("another lape has the file open: the erased data "
		            "leaves its -wal file when that one closes"));
	if (plan.n_mentions) {
		cmd_printf("%s",
		           _("The name also appears in the notes of (edit "
		             "them by hand):"));
		for (size_t i = 0; i < plan.n_mentions; i++)
			cmd_printf("%s%s", i ? ", " : " ", plan.mentions[i]);
		cmd_printf("\n");
	}
	status = erase_backups(&plan, cmd_has(a, KEY_REMOVE_BACKUPS), asked);
	privacy_plan_clear(&plan);
	return status;
}

static const struct cmd_option export_options[] = {
    {"format", 'f', N_("json|text"),
     N_("the output: text (the default) or JSON"), 0},
    {NULL, 0, NULL, NULL, 0},
};

static const struct cmd_option erase_options[] = {
    {"yes", 'y', NULL, N_("erase without a question"), 0},
    {"remove-backups", KEY_REMOVE_BACKUPS, NULL,
     N_("also overwrite and remove the copies saved before upgrades that "
        "hold the person"),
     0},
    {NULL, 0, NULL, NULL, 0},
};

static const struct cmd_entry person_export_entry = {
    .name = "export",
    .usage = N_("PERSON"),
    .summary = N_("Print everything lape holds about a person"),
    .options = export_options,
    .needs = CMD_NEED_DB | CMD_NEED_PERSON,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which person? Give a name, an id or a uuid"),
    .check = export_check,
    .exec = export_exec,
};

static const struct cmd_entry person_erase_entry = {
    .name = "erase",
    .usage = N_("PERSON"),
    .summary = N_("Erase a person's data everywhere; their seats stay vacant"),
    .options = erase_options,
    .needs = CMD_NEED_DB | CMD_NEED_PERSON,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which person? Give a name, an id or a uuid"),
    .exec = erase_exec,
};

static const struct cmd_entry *const person_subs[] = {
    &person_export_entry,
    &person_erase_entry,
    NULL,
};

const struct cmd_entry cmd_person_entry = {
    .name = "person",
    .summary = N_("A person's rights: export or erase everything about them"),
    .subs = person_subs,
};
