/* tui-groups.c -- the list of groups, all or one region's, filtered by
 * level, status and a search.  Rows are loaded a page at a time from
 * group_list(); each row's completeness comes from group_check(). */

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

struct grow {
	int64_t id;
	char *name;
	int level;
	int status;
	char region[3];
	bool complete;
	size_t missing;
};

struct groups {
	struct tui *t;
	char region[3];
	bool by_region;
	int level;  /* -1 all */
	int status; /* -1 all */
	char *search;
	struct tui_list list;
	bool more; /* more match than were counted (GROUP_COUNT_TYPED) */
	struct grow *rows;
	size_t n_rows;
	int mark_w, level_w, region_w, status_w; /* from the words shown */
};

static void groups_rows_free(struct groups *g)
{
	for (size_t i = 0; i < g->n_rows; i++)
		free(g->rows[i].name);
	free(g->rows);
	g->rows = NULL;
	g->n_rows = 0;
}

static void groups_filter(const struct groups *g, struct group_filter *f)
{
	*f = (struct group_filter)GROUP_FILTER_ALL;
	f->region = g->by_region ? g->region : NULL;
	f->level = g->level;
	f->status = g->status;
	f->search = g->search && *g->search ? g->search : NULL;
}

/* One row of the page app_group_page() walks: what the list shows. */
static int groups_row_cb(const struct group *gr, const struct membership *m,
                         size_t n, const struct check_result *res, void *ctx)
{
	struct groups *g = ctx;
	struct grow *r = &g->rows[g->n_rows];

	(void)m;
	(void)n;
	r->name = strdup(gr->name ? gr->name : "");
	if (!r->name)
		return LAPE_ERROR;
	r->id = gr->id;
	r->level = gr->level;
	r->status = gr->status;
	memcpy(r->region, gr->region_code, sizeof r->region);
	r->complete = res->complete;
	r->missing = res->n_missing;
	g->n_rows++;
	return 0;
}

/* The page of N rows from OFF: the groups, their members and checks in
 * one walk (two queries), not one query a row. */
static int groups_load_page(void *owner, size_t off, size_t n)
{
	struct groups *g = owner;
	struct group_filter f;

	groups_rows_free(g);
	g->rows = calloc(n ? n : 1, sizeof *g->rows);
	if (!g->rows)
		return LAPE_ERROR;
	if (n == 0)
		return 0;
	groups_filter(g, &f);
	return app_group_page(g->t->db, g->t->rules, g->t->today, &f, off, n, 0,
	                      groups_row_cb, g);
}

/* Count the list again: to GROUP_COUNT_TYPED (a search or a filter that
 * matches most of a large file is counted in the time it takes to find
 * that many, as the people screen does), or with ALL to the end (when
 * the selection goes there). */
static int groups_recount(struct groups *g, bool all)
{
	struct group_filter f;
	size_t count = 0;
	int rc;

	groups_filter(g, &f);
	rc = group_count_upto(g->t->db, &f, all ? 0 : GROUP_COUNT_TYPED, &count,
	                      &g->more);
	if (rc < 0)
		return rc;
	tui_list_reset(&g->list, count);
	return 0;
}

static int groups_count(struct groups *g)
{
	return groups_recount(g, false);
}

/* Before the selection moves by ACTION: where it would come near the end
 * of what was counted, the rest is counted. */
static void groups_count_ahead(struct tui *t, struct groups *g, int action)
{
	int rc;

	if (!g->more || !tui_list_nears_end(&g->list, action))
		return;
	rc = groups_recount(g, true);
	if (rc < 0)
		tui_report(t, rc);
}

enum { GR_MARK = 7 };

static void groups_widths(struct groups *g)
{
	const char *lv[] = {_("Level"), group_level_label(LEVEL_MUNICIPAL),
	                    group_level_label(LEVEL_REGIONAL)};
	const char *st[] = {_("Status"), group_status_label(STATUS_ACTIVE),
	                    group_status_label(STATUS_DISSOLVED)};
	int rw = tui_col_width((const char *[]){_("Region")}, 1, 8, 22);

	/* "Kunnossa", "Fullständig" over the marks */
	g->mark_w = tui_col_width((const char *[]){_("Done")}, 1, GR_MARK, 16);

	g->level_w = tui_col_width(lv, ARRAY_LEN(lv), 6, 16);
	g->status_w = tui_col_width(st, ARRAY_LEN(st), 6, 16) - 1;
	for (size_t i = 0; i < g->n_rows; i++) {
		const char *name = tui_region_name(g->t, g->rows[i].region);
		int w = tui_col_width(&name, 1, rw, 22);
		if (w > rw)
			rw = w;
	}
	g->region_w = rw;
}

static void groups_row(void *owner, size_t i, int y, int x, int w)
{
	struct groups *g = owner;
	struct tui *t = g->t;
	const struct grow *r = &g->rows[i];
	char mark[32];
	int name_w = w - g->mark_w - g->level_w - g->region_w - g->status_w;

	int mw = tui_mark(t, stdscr, y, x, r->complete);
	if (!r->complete) {
		tui_fmt(mark, sizeof mark, "%zu", r->missing);
		tui_put(stdscr, y, x + mw + 1, g->mark_w - mw - 2, mark, false);
	}
	x += g->mark_w;
	tui_put(stdscr, y, x, name_w - 1, r->name, false);
	x += name_w;
	tui_put(stdscr, y, x, g->level_w - 1, group_level_label(r->level),
	        false);
	x += g->level_w;
	tui_put(stdscr, y, x, g->region_w - 1, tui_region_name(t, r->region),
	        false);
	x += g->region_w;
	tui_put(stdscr, y, x, g->status_w, group_status_label(r->status),
	        false);
}

static int groups_open(struct tui *t, struct screen *s, const void *arg)
{
	struct groups *g = calloc(1, sizeof *g);
	int rc;

	if (!g)
		return -1;
	s->data = g;
	g->t = t;
	g->level = -1;
	g->status = -1;
	if (arg) {
		memcpy(g->region, arg, sizeof g->region);
		g->region[2] = '\0';
		g->by_region = true;
	}
	tui_list_init(&g->list, groups_load_page, groups_row, g);
	rc = groups_count(g);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	return 0;
}

static int64_t groups_row_id(void *owner, size_t i)
{
	struct groups *g = owner;

	return i < g->n_rows ? g->rows[i].id : 0;
}

/* Read anew (a change here or by someone else): the selection stays on
 * the group it was on while that group is listed. */
static void groups_reload(struct tui *t, struct screen *s)
{
	struct groups *g = s->data;
	long cur = tui_list_cur(&g->list);
	int64_t id = cur >= 0 ? g->rows[cur].id : 0;
	/* a list already counted to its end is counted so again: the
	 * selection may be past GROUP_COUNT_TYPED */
	int rc =
	    groups_recount(g, !g->more && g->list.count > GROUP_COUNT_TYPED);

	if (rc < 0) {
		tui_report(t, rc);
		return;
	}
	tui_list_follow(&g->list, id, groups_row_id);
}

static void groups_draw(struct tui *t, struct screen *s)
{
	struct groups *g = s->data;
	char buf[256];
	int y = 1, x = 2;

	if (g->by_region)
		tui_fmt(buf, sizeof buf, _("Groups — %s"),
		        tui_region_name(t, g->region));
	else
		tui_fmt(buf, sizeof buf, "%s", _("Groups — all regions"));
	tui_title(t, buf);
	tui_fmt(buf, sizeof buf,
	        g->more
	            ? _("Level: %s  Status: %s  Search: %s  (more than %zu)")
	            : _("Level: %s  Status: %s  Search: %s  (%zu)"),
	        g->level < 0 ? _("all") : group_level_label(g->level),
	        g->status < 0 ? _("all") : group_status_label(g->status),
	        g->search && *g->search ? g->search : "-", g->list.count);
	tui_put(stdscr, y, 2, COLS - 2, buf, false);
	y += 1;
	/* the rows first: the columns are as wide as the words shown, the
	 * name gets the rest */
	tui_list_place(&g->list, y + 1, 0, tui_bottom() - (y + 1), COLS);
	if (tui_list_fetch(&g->list) != 0)
		g->n_rows = 0;
	groups_widths(g);
	int name_w =
	    COLS - 2 - g->mark_w - g->level_w - g->region_w - g->status_w;
	attron(A_BOLD);
	tui_put(stdscr, y, x, g->mark_w - 1, _("Done"), false);
	x += g->mark_w;
	tui_put(stdscr, y, x, name_w - 1, _("Name"), false);
	x += name_w;
	tui_put(stdscr, y, x, g->level_w - 1, _("Level"), false);
	x += g->level_w;
	tui_put(stdscr, y, x, g->region_w - 1, _("Region"), false);
	x += g->region_w;
	tui_put(stdscr, y, x, g->status_w, _("Status"), false);
	attroff(A_BOLD);
	tui_list_draw(t, &g->list);
	if (g->list.count == 0)
		tui_put(stdscr, y + 2, 2, COLS - 4,
		        _("No groups here. Press n to create one."), false);
}

static void groups_search_changed(struct tui *t, const char *text, void *arg)
{
	struct groups *g = arg;

	free(g->search);
	g->search = strdup(text);
	g->list.sel = 0;
	if (groups_count(g) < 0)
		tui_report(t, LAPE_ERROR);
	tui_render(t);
}

static void groups_search(struct tui *t, struct groups *g)
{
	char *old = g->search ? strdup(g->search) : NULL;
	char *s = tui_prompt(t, _("Search:"), old, groups_search_changed, g);

	if (!s) { /* Esc: back to what it was */
		free(g->search);
		g->search = old;
		old = NULL;
		groups_count(g);
	} else {
		free(g->search);
		g->search = s;
		g->list.sel = 0;
		groups_count(g); /* Enter may come before the search ran */
	}
	free(old);
}

static struct grow *groups_cur(struct groups *g)
{
	long i = tui_list_cur(&g->list);

	return i < 0 ? NULL : &g->rows[i];
}

struct groups_del {
	struct lape_db *db;
	int64_t id;
};

static int groups_delete_fn(void *arg)
{
	struct groups_del *d = arg;

	return group_delete(d->db, d->id);
}

static void groups_delete(struct tui *t, struct groups *g)
{
	struct grow *r = groups_cur(g);
	char q[1536];
	int rc;

	if (!r)
		return;
	tui_fmt(q, sizeof q,
	        _("Delete the group \"%s\" and all its memberships?"), r->name);
	if (!tui_confirm(t, q))
		return;
	struct groups_del del = {t->db, r->id};
	rc = tui_retry(t, groups_delete_fn, &del);
	if (rc < 0) {
		tui_report(t, rc);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO, "%s", _("Group deleted."));
}

/* A filter's next value: all (-1), then A, then B, then all again. */
static int filter_next(int v, int a, int b)
{
	return v == -1 ? a : v == a ? b : -1;
}

/* The filters changed: count anew, the selection back on the first. */
static void groups_refilter(struct tui *t, struct groups *g)
{
	g->list.sel = 0;
	if (groups_count(g) < 0)
		tui_report(t, LAPE_ERROR);
}

static bool groups_act(struct tui *t, struct screen *s, int action, int k)
{
	struct groups *g = s->data;
	struct grow *r;

	(void)k;
	groups_count_ahead(t, g, action);
	if (tui_list_act(&g->list, action))
		return true;
	switch (action) {
	case ACT_OPEN:
		if ((r = groups_cur(g)))
			tui_push(t, &screen_group, &r->id);
		return true;
	case ACT_SEARCH:
		groups_search(t, g);
		return true;
	case ACT_LEVEL:
		g->level =
		    filter_next(g->level, LEVEL_MUNICIPAL, LEVEL_REGIONAL);
		groups_refilter(t, g);
		return true;
	case ACT_STATUS:
		g->status =
		    filter_next(g->status, STATUS_ACTIVE, STATUS_DISSOLVED);
		groups_refilter(t, g);
		return true;
	case ACT_CLEAR:
		g->level = g->status = -1;
		free(g->search);
		g->search = NULL;
		groups_refilter(t, g);
		return true;
	case ACT_NEW:
		tui_new_group(t, g->by_region ? g->region : NULL);
		return true;
	case ACT_EDIT:
		if ((r = groups_cur(g)) &&
		    tui_edit_group(t, r->id, NULL, NULL) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Group saved."));
		return true;
	case ACT_REPORT:
		if ((r = groups_cur(g)))
			tui_report_write(t, r->id, NULL);
		return true;
	case ACT_DELETE:
		groups_delete(t, g);
		return true;
	}
	return false;
}

static void groups_close(struct tui *t, struct screen *s)
{
	struct groups *g = s->data;

	(void)t;
	if (!g)
		return;
	groups_rows_free(g);
	free(g->search);
	free(g);
	s->data = NULL;
}

static const struct tui_binding groups_keys[] = {
    TUI_BIND_MOVE,
    {ACT_OPEN, {'\r', 'o'}, N_("open the group"), N_("open"), false},
    {ACT_SEARCH,
     {'/'},
     N_("search by name or municipality (as you type)"),
     N_("search"),
     false},
    {ACT_LEVEL,
     {'f'},
     N_("filter by level: all, municipal, regional"),
     N_("level"),
     false},
    {ACT_STATUS,
     {'s'},
     N_("filter by status: all, active, dissolved"),
     N_("status"),
     false},
    {ACT_CLEAR, {'c'}, N_("clear the filters"), NULL, false},
    {ACT_NEW, {'n'}, N_("new group"), N_("new"), false},
    {ACT_EDIT, {'e'}, N_("edit the group"), N_("edit"), false},
    {ACT_DELETE,
     {'d'},
     N_("delete the group (asks first)"),
     N_("delete"),
     false},
    {ACT_REPORT,
     {'R'},
     N_("write the group's meeting report to a file"),
     NULL,
     false},
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_groups = {
    .name = N_("Groups"),
    .open = groups_open,
    .draw = groups_draw,
    .act = groups_act,
    .reload = groups_reload,
    .close = groups_close,
    .keymap = groups_keys,
};
