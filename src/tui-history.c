/* tui-history.c -- who changed what: the history of a group (and its
 * members) or of a person, newest first, from the journal (history.h);
 * and undo and redo of the user's own changes since lape started. */

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

#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/utf8.h"
#include "tui-priv.h"

struct hrow {
	char *head; /* "2017-03-02 14:05 anna · Vantaan LAPE-ryhmä" */
	char *what; /* "chair Henna Salo → Pekka Järvinen" */
	/* a value changed: WHAT is what comes before "old → new", TAIL what
	 * after (" (undo)"); the old value gives way first */
	char *old, *new, *tail;
};

struct historyscr {
	struct tui *t;
	struct history_filter f;
	char *name;
	struct hrow *rows;
	size_t n, cap;
	struct tui_list list;
};

static void historyscr_rows_free(struct historyscr *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].head);
		free(s->rows[i].what);
		free(s->rows[i].old);
		free(s->rows[i].new);
		free(s->rows[i].tail);
	}
	free(s->rows);
	s->rows = NULL;
	s->n = s->cap = 0;
}

static const char *shown(const char *v)
{
	return v ? v : _("(empty)");
}

/* Whether change C's head line names its record (a value of a record
 * that is no group's, or of the group itself): its second line then has
 * the room for the values. */
static bool history_record_on_head(const struct history_change *c)
{
	return c->op == HISTORY_CHANGE && c->record &&
	       strcmp(c->table, "membership") != 0 &&
	       (!c->group || strcmp(c->group, c->record) == 0);
}

/* What change C did, in the command line's words (lape log), into R. */
static void history_what(struct tui *t, const struct history_change *c,
                         struct hrow *r)
{
	const char *arrow = t->utf8 ? "→" : "->";
	char what[2048], tail[256];

	tui_fmt(tail, sizeof tail, "%s%s",
	        strcmp(c->kind, "undo") == 0 ? _(" (undo)") : "",
	        c->merged_from ? _(" (merged)") : "");
	r->old = r->new = r->tail = NULL;
	if (c->op == HISTORY_CHANGE && !(strcmp(c->table, "membership") == 0 &&
	                                 strcmp(c->field, "person_id") == 0)) {
		/* the record is on the head line when the group is not */
		if (history_record_on_head(c))
			tui_fmt(what, sizeof what,
			        "%s: ", merge_field_label(c->field));
		else
			tui_fmt(what, sizeof what, "%s: %s: ", c->record,
			        merge_field_label(c->field));
		r->what = strdup(what);
		r->old = strdup(shown(c->old_value));
		r->new = strdup(shown(c->new_value));
		r->tail = strdup(tail);
		return;
	}
	if (c->op != HISTORY_CHANGE && strcmp(c->table, "membership") == 0)
		tui_fmt(what, sizeof what,
		        c->op == HISTORY_ADD ? _("added %s") : _("removed %s"),
		        c->record);
	else if (c->op == HISTORY_ADD)
		tui_fmt(what, sizeof what, _("added %s %s"),
		        merge_table_label(c->table), c->record);
	else if (c->op == HISTORY_REMOVE)
		tui_fmt(what, sizeof what, _("removed %s %s"),
		        merge_table_label(c->table), c->record);
	else if (strcmp(c->table, "membership") == 0 &&
	         strcmp(c->field, "person_id") == 0)
		tui_fmt(what, sizeof what, "%s %s %s %s", c->record,
		        shown(c->old_value), arrow, shown(c->new_value));
	size_t len = strlen(what);
	tui_fmt(what + len, sizeof what - len, "%s", tail);
	r->what = strdup(what);
}

static int historyscr_cb(const struct history_change *c, void *ctx)
{
	struct historyscr *s = ctx;
	char when[20], head[1024];

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct hrow *r = realloc(s->rows, cap * sizeof *r);
		if (!r)
			return LAPE_ERROR;
		s->rows = r;
		s->cap = cap;
	}
	journal_time_show(c->at, when);
	if (history_record_on_head(c))
		tui_fmt(head, sizeof head, "%s %s · %s", when, c->user,
		        c->record);
	else if (c->group)
		tui_fmt(head, sizeof head, "%s %s · %s", when, c->user,
		        c->group);
	else
		tui_fmt(head, sizeof head, "%s %s", when, c->user);
	s->rows[s->n].head = strdup(head);
	history_what(s->t, c, &s->rows[s->n]);
	s->n++;
	return 0;
}

static int historyscr_load(struct tui *t, struct historyscr *s)
{
	int rc;

	historyscr_rows_free(s);
	rc = history_walk(t->db, &s->f, historyscr_cb, s);
	tui_list_reset(&s->list, s->n);
	return rc < 0 ? rc : 0;
}

/* Newest first: row I of the list is change N-1-I. */
static void historyscr_row(void *owner, size_t i, int y, int x, int w)
{
	struct historyscr *s = owner;
	const struct hrow *r = &s->rows[s->n - 1 - i];

	attron(A_BOLD);
	tui_put(stdscr, y, x, w, r->head, false);
	attroff(A_BOLD);
	x += 2;
	w -= 2;
	int used = tui_put(stdscr, y + 1, x, w, r->what, false);
	if (!r->old || used >= w)
		return;
	/* "old → new (undo)": the new value whole if it can be, else the
	 * two halves of the room (the shorter gives the other what it
	 * does not use) */
	const char *arrow = s->t->utf8 ? " → " : " -> ";
	int rest = w - used, aw = (int)utf8_width(arrow);
	int nw = (int)utf8_width(r->new) + (int)utf8_width(r->tail);
	int ow = (int)utf8_width(r->old);
	if (ow + aw + nw > rest) /* the two share the room */
		ow = rest - aw - nw > 8     ? rest - aw - nw
		     : ow < (rest - aw) / 2 ? ow
		                            : (rest - aw) / 2;
	used += tui_put(stdscr, y + 1, x + used, ow, r->old, false);
	used += tui_put(stdscr, y + 1, x + used, w - used, arrow, false);
	used += tui_put(stdscr, y + 1, x + used, w - used, r->new, false);
	tui_put(stdscr, y + 1, x + used, w - used, r->tail, false);
}

static int historyscr_open(struct tui *t, struct screen *scr, const void *arg)
{
	const struct tui_history_arg *a = arg;
	struct historyscr *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return -1;
	scr->data = s;
	s->t = t;
	s->f.group_id = a->group_id;
	s->f.person_id = a->person_id;
	s->name = strdup(a->name ? a->name : "");
	tui_list_init(&s->list, NULL, historyscr_row, s);
	s->list.rh = 2;
	rc = historyscr_load(t, s);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	return 0;
}

static void historyscr_reload(struct tui *t, struct screen *scr)
{
	int rc = historyscr_load(t, scr->data);

	if (rc < 0)
		tui_report(t, rc);
}

static void historyscr_draw(struct tui *t, struct screen *scr)
{
	struct historyscr *s = scr->data;
	char buf[1024];

	tui_fmt(buf, sizeof buf, _("History: %s"), s->name);
	tui_title(t, buf);
	tui_fmt(buf, sizeof buf,
	        ngettext("%zu change, the newest first",
	                 "%zu changes, the newest first", s->n),
	        s->n);
	tui_put(stdscr, 1, 2, COLS - 4, buf, false);
	tui_list_place(&s->list, 3, 0, tui_bottom() - 3, COLS);
	tui_list_draw(t, &s->list);
	if (s->n == 0)
		tui_put(stdscr, 3, 2, COLS - 4,
		        _("No changes recorded yet (changes made before the "
		          "history was kept are not known)."),
		        false);
}

static bool historyscr_act(struct tui *t, struct screen *scr, int action, int k)
{
	struct historyscr *s = scr->data;

	(void)t;
	(void)k;
	return tui_list_act(&s->list, action);
}

static void historyscr_close(struct tui *t, struct screen *scr)
{
	struct historyscr *s = scr->data;

	(void)t;
	if (!s)
		return;
	historyscr_rows_free(s);
	free(s->name);
	free(s);
	scr->data = NULL;
}

static const struct tui_binding historyscr_keys[] = {
    TUI_BIND_MOVE,
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_history = {
    .name = N_("History"),
    .open = historyscr_open,
    .draw = historyscr_draw,
    .act = historyscr_act,
    .reload = historyscr_reload,
    .close = historyscr_close,
    .keymap = historyscr_keys,
};

/* ---- undo and redo ------------------------------------------------------- */

struct undo_arg {
	struct lape_db *db;
	const struct history_undo *u;
};

static int undo_fn(void *arg)
{
	struct undo_arg *a = arg;

	return history_undo_apply(a->db, a->u);
}

void tui_undo(struct tui *t, bool redo)
{
	struct history_undo u = {0};
	int rc = history_undo_find(t->db, NULL, t->undo_after, redo, &u);

	if (rc == LAPE_NOTFOUND) {
		tui_msg(t, MSG_INFO, "%s",
		        redo ? _("Nothing to redo.")
		             : _("Nothing of yours to undo since lape "
		                 "started."));
		return;
	}
	if (rc != LAPE_OK) {
		tui_report(t, rc);
		return;
	}
	struct undo_arg a = {t->db, &u};
	rc = tui_retry(t, undo_fn, &a);
	if (rc == LAPE_CONFLICT)
		tui_msg(t, MSG_ERROR,
		        redo ? _("Redo refused: %s") : _("Undo refused: %s"),
		        db_errmsg(t->db));
	else if (rc != LAPE_OK && rc != LAPE_BUSY)
		tui_report(t, rc);
	else if (rc == LAPE_OK) {
		tui_changed(t);
		tui_msg(t, MSG_INFO, redo ? _("Redone: %s") : _("Undone: %s"),
		        u.what);
	}
	history_undo_clear(&u);
}
