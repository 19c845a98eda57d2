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
/* cmd-undo.c -- `lape undo [--yes]`: take back the user's last change.
 * Without --yes it says what it would undo and asks; an undo is itself a
 * change in the history, refused over someone else's later change. */

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lape/cmd.h"
#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/journal.h"

/* Whether the user answers yes on the terminal. */
static bool undo_confirm(void)
{
	char line[64];

	if (!isatty(STDIN_FILENO))
		return false;
	cmd_printf("%s", _("Undo it? [y/N] "));
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return false;
	/* The word for yes in the language in use, or y, in either case
	 * (the screens' yes key is a capital: K, J). */
	return line[0] == 'y' || line[0] == 'Y' ||
	       strncasecmp(line, _("y"), strlen(_("y"))) == 0;
}

static int undo_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct history_undo u;
	char when[20];
	bool yes = cmd_has(a, 'y');
	int rc;

	rc = history_undo_find(ctx->db, NULL, 0, false, &u);
	if (rc == LAPE_NOTFOUND) {
		cmd_errorf("lape: %s: %s\n", ctx->db->path, db_errmsg(ctx->db));
		return EXIT_INCOMPLETE;
	}
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	journal_time_show(u.at, when);
	cmd_printf(_("Your last change (%s): %s\n"), when, u.what);
	if (!yes && !undo_confirm()) {
		if (!isatty(STDIN_FILENO))
			cmd_errorf("%s", _("lape: undo: nothing undone; "
			                   "confirm with --yes\n"));
		history_undo_clear(&u);
		return EXIT_INCOMPLETE;
	}
	rc = history_undo_apply(ctx->db, &u);
	if (rc == LAPE_CONFLICT) {
		cmd_errorf(_("lape: undo refused: %s\n"), db_errmsg(ctx->db));
		history_undo_clear(&u);
		return EXIT_INCOMPLETE;
	}
	if (rc != LAPE_OK) {
		history_undo_clear(&u);
		return cmd_db_error(ctx);
	}
	cmd_printf(_("Undone: %s\n"), u.what);
	history_undo_clear(&u);
	return EXIT_OK;
}

static const struct cmd_option undo_options[] = {
    {"yes", 'y', NULL, N_("undo without a question"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_undo_entry = {
    .name = "undo",
    .summary = N_("Undo your last change"),
    .options = undo_options,
    .needs = CMD_NEED_DB,
    .max_args = 0,
    .exec = undo_exec,
};
