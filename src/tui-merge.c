/* tui-merge.c -- a laptop's file merged into this one from the screens
 * (merge.h): what the merge would bring (nothing is written yet), then
 * its conflicts resolved one by one -- keep the server's value or take the
 * laptop's, each shown with who made it and when -- and w writes it all in
 * one transaction once every conflict is decided. */

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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/utf8.h"
#include "tui-priv.h"

struct mergescr {
	struct tui *t;
	struct merge *m;
	char *path;
	bool server_here;
	size_t n_conflicts, n_changes;
	struct tui_list list;
};

static const char *merge_shown(const char *v)
{
	return v ? v : _("(empty)");
}

/* "value — anna, 2017-03-02 14:05" into BUF, in COLS columns: the value
 * gives way (shortened after a word), who and when stay whole. */
static void merge_side_text(const struct merge_side *s, char *buf, size_t len,
                            int cols)
{
	char when[20], who[160], value[900];

	journal_time_show(s->at, when);
	who[0] = '\0';
	if (s->user)
		tui_fmt(who, sizeof who, " — %s, %s", s->user, when);
	int room = cols - (int)utf8_width(who);
	if (room < 12)
		room = cols;
	tui_fit(value, sizeof value, merge_shown(s->value), room);
	tui_fmt(buf, len, "%s%s", value, who);
}

static void mergescr_conflict_row(struct mergescr *s, size_t i, int y, int x,
                                  int w)
{
	const struct merge_conflict *c = merge_conflict(s->m, i);
	const struct merge_side *srv = s->server_here ? &c->here : &c->there;
	const struct merge_side *lap = s->server_here ? &c->there : &c->here;
	enum merge_choice srv_choice =
	    s->server_here ? MERGE_KEEP_HERE : MERGE_TAKE_THERE;
	char buf[1024], side[900];

	tui_fmt(buf, sizeof buf, "%s %s%s%s · %s", merge_table_label(c->table),
	        c->record ? c->record : "", c->field ? ": " : "",
	        c->field ? merge_field_label(c->field) : "",
	        merge_conflict_label(c->kind));
	attron(A_BOLD);
	tui_put(stdscr, y, x, w, buf, false);
	attroff(A_BOLD);
	for (int k = 0; k < 2; k++) {
		const struct merge_side *sd = k == 0 ? srv : lap;
		bool chosen = c->choice != MERGE_UNDECIDED &&
		              (c->choice == srv_choice) == (k == 0);
		const char *name = k == 0 ? _("server") : _("laptop");
		merge_side_text(sd, side, sizeof side,
		                w - 2 - 4 - (int)utf8_width(name));
		tui_fmt(buf, sizeof buf, "%s %s: %s", chosen ? "*" : " ", name,
		        side);
		tui_put(stdscr, y + 1 + k, x + 2, w - 2, buf, false);
	}
}

static void mergescr_change_row(struct mergescr *s, size_t i, int y, int x,
                                int w)
{
	const struct merge_change *c = merge_change(s->m, i);
	char buf[1024], when[20];
	const char *arrow = s->t->utf8 ? " → " : " -> ";

	journal_time_show(c->at, when);
	if (c->kind != MERGE_CHANGE) {
		tui_fmt(buf, sizeof buf,
		        c->kind == MERGE_ADD ? _("added %s %s")
		                             : _("removed %s %s"),
		        merge_table_label(c->table), c->record);
		tui_put(stdscr, y, x, w, buf, false);
	} else {
		tui_fmt(buf, sizeof buf, "%s %s: %s",
		        merge_table_label(c->table), c->record,
		        merge_field_label(c->field));
		tui_put(stdscr, y, x, w, buf, false);
		/* old -> new: the old value gives way, the new one shows */
		const char *o = merge_shown(c->old_value);
		const char *n = merge_shown(c->new_value);
		int aw = (int)utf8_width(arrow), nw = (int)utf8_width(n);
		int ow = (int)utf8_width(o), room = w - 2 - aw - nw;
		if (ow > room)
			ow = room > 8 ? room : 8;
		int used = tui_put(stdscr, y + 1, x + 2, ow, o, false);
		used += tui_put(stdscr, y + 1, x + 2 + used, aw, arrow, false);
		tui_put(stdscr, y + 1, x + 2 + used, w - 2 - used, n, false);
	}
	tui_fmt(buf, sizeof buf, "%s, %s", c->user ? c->user : "?", when);
	tui_put(stdscr, y + (c->kind == MERGE_CHANGE ? 2 : 1), x + 2, w - 2,
	        buf, false);
}

/* The conflicts first, then the changes that go in without a question. */
static void mergescr_row(void *owner, size_t i, int y, int x, int w)
{
	struct mergescr *s = owner;

	if (i < s->n_conflicts)
		mergescr_conflict_row(s, i, y, x, w);
	else
		mergescr_change_row(s, i - s->n_conflicts, y, x, w);
}

static int mergescr_plan(struct tui *t, struct mergescr *s)
{
	int rc = merge_plan(s->m);

	if (rc != LAPE_OK) {
		tui_report(t, rc);
		return rc;
	}
	s->n_conflicts = merge_conflict_count(s->m);
	s->n_changes = merge_change_count(s->m);
	tui_list_reset(&s->list, s->n_conflicts + s->n_changes);
	return LAPE_OK;
}

static int mergescr_open(struct tui *t, struct screen *scr, const void *arg)
{
	struct mergescr *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return -1;
	scr->data = s;
	s->t = t;
	s->path = strdup(arg);
	tui_list_init(&s->list, NULL, mergescr_row, s);
	s->list.rh = 3;
	rc = merge_open(t->db, arg, &s->m);
	if (rc != LAPE_OK) {
		tui_msg(t, MSG_ERROR, "%s", db_errmsg(t->db));
		return -1;
	}
	s->server_here = merge_server_is_here(s->m);
	return mergescr_plan(t, s) == LAPE_OK ? 0 : -1;
}

/* Someone wrote meanwhile: the plan anew (decisions are kept). */
static void mergescr_reload(struct tui *t, struct screen *scr)
{
	mergescr_plan(t, scr->data);
}

static void mergescr_draw(struct tui *t, struct screen *scr)
{
	struct mergescr *s = scr->data;
	char buf[1024];

	tui_fmt(buf, sizeof buf, _("Merge: %s"), s->path);
	tui_title(t, buf);
	size_t undecided = merge_undecided(s->m);
	tui_fmt(buf, sizeof buf,
	        ngettext("%zu change goes in without a question; ",
	                 "%zu changes go in without a question; ",
	                 s->n_changes),
	        s->n_changes);
	size_t len = strlen(buf);
	tui_fmt(buf + len, sizeof buf - len,
	        ngettext("%zu conflict, %zu undecided.",
	                 "%zu conflicts, %zu undecided.", s->n_conflicts),
	        s->n_conflicts, undecided);
	tui_put(stdscr, 1, 2, COLS - 4, buf, false);
	/* what to do, on two lines when it needs them */
	const char *what =
	    undecided ? _("Nothing is written yet: decide each conflict "
	                  "(s or l), then press w.")
	              : _("Nothing is written yet: press w to merge.");
	size_t first = tui_wrap_next(what, COLS - 4);
	tui_fmt(buf, sizeof buf, "%.*s", (int)first, what);
	tui_put(stdscr, 2, 2, COLS - 4, buf, false);
	what += first;
	while (*what == ' ')
		what++;
	tui_put(stdscr, 3, 2, COLS - 4, what, false);
	int top = *what ? 5 : 4;
	tui_list_place(&s->list, top, 0, tui_bottom() - top, COLS);
	tui_list_draw(t, &s->list);
	if (s->n_conflicts + s->n_changes == 0)
		tui_put(stdscr, top, 2, COLS - 4,
		        _("Nothing to merge: this file already has all of it."),
		        false);
}

static int merge_fn(void *arg)
{
	return merge_apply(arg);
}

static void mergescr_write(struct tui *t, struct mergescr *s)
{
	size_t n = s->n_changes + s->n_conflicts;
	int rc;

	if (merge_undecided(s->m)) {
		tui_msg(t, MSG_ERROR,
		        ngettext("%zu conflict is not decided yet: nothing "
		                 "written.",
		                 "%zu conflicts are not decided yet: nothing "
		                 "written.",
		                 merge_undecided(s->m)),
		        merge_undecided(s->m));
		return;
	}
	rc = tui_retry(t, merge_fn, s->m);
	if (rc == LAPE_CONFLICT) { /* new ones appeared: the list anew */
		mergescr_plan(t, s);
		tui_msg(t, MSG_ERROR, "%s",
		        _("New conflicts appeared meanwhile: decide them, then "
		          "press w again."));
		return;
	}
	if (rc != LAPE_OK) {
		if (rc != LAPE_BUSY)
			tui_report(t, rc);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO,
	        ngettext("Merged: %zu change written in one transaction.",
	                 "Merged: %zu changes written in one transaction.", n),
	        n);
	tui_pop(t); /* S is gone */
}

static bool mergescr_act(struct tui *t, struct screen *scr, int action, int k)
{
	struct mergescr *s = scr->data;
	size_t i = s->list.sel;

	(void)k;
	if (tui_list_act(&s->list, action))
		return true;
	switch (action) {
	case ACT_SERVER:
	case ACT_LAPTOP: {
		bool server = action == ACT_SERVER;
		if (i >= s->n_conflicts) {
			tui_msg(
			    t, MSG_INFO, "%s",
			    _("Only a conflict is decided; this change goes "
			      "in as it is."));
			return true;
		}
		merge_resolve(s->m, i,
		              server == s->server_here ? MERGE_KEEP_HERE
		                                       : MERGE_TAKE_THERE);
		/* on to the next undecided one */
		for (size_t j = i + 1; j < s->n_conflicts; j++)
			if (merge_conflict(s->m, j)->choice ==
			    MERGE_UNDECIDED) {
				s->list.sel = j;
				break;
			}
		tui_list_reset(&s->list, s->n_conflicts + s->n_changes);
		return true;
	}
	case ACT_SAVE:
		mergescr_write(t, s);
		return true;
	}
	return false;
}

static void mergescr_close(struct tui *t, struct screen *scr)
{
	struct mergescr *s = scr->data;

	(void)t;
	if (!s)
		return;
	if (s->m)
		merge_free(s->m);
	free(s->path);
	free(s);
	scr->data = NULL;
}

static const struct tui_binding mergescr_keys[] = {
    TUI_BIND_MOVE,
    {ACT_SERVER, {'s'}, N_("keep the server's value"), N_("server's"), true},
    {ACT_LAPTOP, {'l'}, N_("take the laptop's value"), N_("laptop's"), true},
    {ACT_SAVE,
     {'w'},
     N_("write the merge (one transaction)"),
     N_("write"),
     true},
    TUI_BIND_HELP,
    {ACT_BACK, {'q', TK_ESC}, N_("back: nothing is written"), N_("back"), true},
    TUI_BIND_END,
};

const struct screen_ops screen_merge = {
    .name = N_("Merge"),
    .open = mergescr_open,
    .draw = mergescr_draw,
    .act = mergescr_act,
    .reload = mergescr_reload,
    .close = mergescr_close,
    .keymap = mergescr_keys,
};

void tui_merge_start(struct tui *t)
{
	char *path = tui_prompt(t, _("Merge the file (a laptop's copy):"), "",
	                        NULL, NULL);

	if (path && *path)
		tui_push(t, &screen_merge, path);
	free(path);
}
