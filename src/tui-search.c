/* tui-search.c -- / on the overview: the groups and the people whose
 * names (or municipalities, organisation, e-mail) match, from the first
 * screen; Enter opens the one marked. */

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
#include "tui-priv.h"

/* At most this many of each kind are listed: a search narrows. */
#define SEARCH_MAX 200

struct srow {
	bool person;
	int64_t id;
	char *label;
};

struct searchscr {
	char *text;
	struct srow *rows;
	size_t n, cap;
	size_t n_groups;
	struct tui_list list;
};

static void search_add(struct searchscr *s, bool person, int64_t id,
                       const char *label)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct srow *r = realloc(s->rows, cap * sizeof *r);
		if (!r)
			return;
		s->rows = r;
		s->cap = cap;
	}
	s->rows[s->n].person = person;
	s->rows[s->n].id = id;
	s->rows[s->n].label = strdup(label ? label : "");
	s->n++;
}

static int search_group_cb(const struct group *g, void *ctx)
{
	search_add(ctx, false, g->id, g->name);
	return 0;
}

static int search_person_cb(const struct person *p, void *ctx)
{
	char label[600];
	char *name = person_display_name(p);

	if (!name)
		return -1;
	if (p->organisation && *p->organisation)
		tui_fmt(label, sizeof label, "%s — %s", name, p->organisation);
	else
		tui_fmt(label, sizeof label, "%s", name);
	free(name);
	search_add(ctx, true, p->id, label);
	return 0;
}

static void searchscr_free_rows(struct searchscr *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->rows[i].label);
	free(s->rows);
	s->rows = NULL;
	s->n = s->cap = 0;
}

static int searchscr_load(struct tui *t, struct searchscr *s)
{
	struct group_filter f = GROUP_FILTER_ALL;
	int rc;

	searchscr_free_rows(s);
	f.search = s->text;
	rc = group_list(t->db, &f, 0, SEARCH_MAX, search_group_cb, s);
	s->n_groups = s->n;
	if (rc >= 0)
		rc = person_list(t->db, s->text, 0, SEARCH_MAX,
		                 search_person_cb, s);
	tui_list_reset(&s->list, s->n);
	return rc < 0 ? rc : 0;
}

static void searchscr_row(void *owner, size_t i, int y, int x, int w)
{
	struct searchscr *s = owner;
	const struct srow *r = &s->rows[i];
	const char *kind = r->person ? _("Person") : _("Group");
	int kw =
	    tui_col_width((const char *[]){_("Person"), _("Group")}, 2, 8, 20);

	tui_put(stdscr, y, x, kw - 1, kind, false);
	tui_put(stdscr, y, x + kw, w - kw, r->label, false);
}

static int searchscr_open(struct tui *t, struct screen *scr, const void *arg)
{
	struct searchscr *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return -1;
	scr->data = s;
	s->text = strdup(arg);
	tui_list_init(&s->list, NULL, searchscr_row, s);
	rc = searchscr_load(t, s);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	return 0;
}

static void searchscr_reload(struct tui *t, struct screen *scr)
{
	int rc = searchscr_load(t, scr->data);

	if (rc < 0)
		tui_report(t, rc);
}

static void searchscr_draw(struct tui *t, struct screen *scr)
{
	struct searchscr *s = scr->data;
	char buf[1024];

	tui_fmt(buf, sizeof buf, _("Search: %s"), s->text);
	tui_title(t, buf);
	size_t np = s->n - s->n_groups;
	char g[128], p[128], line[300];
	tui_fmt(g, sizeof g, ngettext("%zu group", "%zu groups", s->n_groups),
	        s->n_groups);
	tui_fmt(p, sizeof p, ngettext("%zu person", "%zu people", np), np);
	tui_fmt(line, sizeof line, "%s, %s", g, p);
	tui_put(stdscr, 1, 2, COLS - 4, line, false);
	tui_list_place(&s->list, 3, 0, tui_bottom() - 3, COLS);
	tui_list_draw(t, &s->list);
	if (s->n == 0)
		tui_put(stdscr, 3, 2, COLS - 4, _("Nothing matches."), false);
}

static bool searchscr_act(struct tui *t, struct screen *scr, int action, int k)
{
	struct searchscr *s = scr->data;

	(void)k;
	if (tui_list_act(&s->list, action))
		return true;
	if (action == ACT_OPEN && s->n) {
		const struct srow *r = &s->rows[s->list.sel];
		int64_t id = r->id;
		tui_push(t, r->person ? &screen_person : &screen_group, &id);
		return true;
	}
	return false;
}

static void searchscr_close(struct tui *t, struct screen *scr)
{
	struct searchscr *s = scr->data;

	(void)t;
	if (!s)
		return;
	searchscr_free_rows(s);
	free(s->text);
	free(s);
	scr->data = NULL;
}

static const struct tui_binding searchscr_keys[] = {
    TUI_BIND_MOVE,
    {ACT_OPEN,
     {'\r', 'o'},
     N_("open the group or the person"),
     N_("open"),
     false},
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_search = {
    .name = N_("Search"),
    .open = searchscr_open,
    .draw = searchscr_draw,
    .act = searchscr_act,
    .reload = searchscr_reload,
    .close = searchscr_close,
    .keymap = searchscr_keys,
};

void tui_search_start(struct tui *t)
{
	char *text =
	    tui_prompt(t, _("Search groups and people:"), "", NULL, NULL);

	if (text && *text)
		tui_push(t, &screen_search, text);
	free(text);
}
