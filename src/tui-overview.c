/* tui-overview.c -- the first screen: one row per LAPE region with its
 * regional group, change agent, municipal groups and the municipalities
 * that have none.  Enter opens the region's groups. */

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
#include "lape/utf8.h"
#include "tui-priv.h"

struct overview {
	struct region_summary *sum;
	size_t n;
	struct tui_list list;
	struct tui *t;
	int err;
	size_t n_groups; /* in the whole file (0: say how to begin) */
	/* by the language's labels and names */
	int region_w, regional_w, agent_w, mun_w, none_w;
};

static void overview_free(struct overview *o)
{
	region_summary_free_array(o->sum, o->n);
	o->sum = NULL;
	o->n = 0;
}

static int overview_load(struct tui *t, struct overview *o)
{
	int rc;

	overview_free(o);
	rc = region_summarize_all(t->db, t->rules, t->today, &o->sum, &o->n);
	if (rc < 0)
		return rc;
	rc = overview_group_count(t->db, &o->n_groups);
	if (rc < 0)
		return rc;
	tui_list_reset(&o->list, o->n);
	return 0;
}

/* Every column as wide as its heading and its words in the language in
 * use (Swedish region names are long); the change agent gets the rest.
 * When the agent's heading would be cut, the column of municipalities
 * without a group gives way: the line above the table has their total. */
static void overview_widths(struct tui *t, struct overview *o, int w)
{
	char ok[64], bad[64], none[64];

	tui_fmt(ok, sizeof ok, "%s %s", t->mark_ok, _("complete"));
	tui_fmt(bad, sizeof bad, "%s %s", t->mark_bad, _("incomplete"));
	tui_fmt(none, sizeof none, "- %s", _("none"));
	const char *labels[] = {_("Regional"), ok, bad, none};
	o->regional_w = tui_col_width(labels, ARRAY_LEN(labels), 12, 22);
	const char *region[] = {_("Region")};
	o->region_w = tui_col_width(region, 1, 12, 24);
	for (size_t i = 0; i < o->n; i++) {
		const char *name[] = {i18n_pick(o->sum[i].region.name_fi,
		                                o->sum[i].region.name_sv)};
		int nw = tui_col_width(name, 1, 12, 24);
		if (nw > o->region_w)
			o->region_w = nw;
	}
	const char *mun[] = {_("Complete"), "999/999"};
	const char *nogroup[] = {_("No group")};
	const char *agent[] = {_("Change agent")};
	int agent_min = tui_col_width(agent, 1, 12, 30);
	o->mun_w = tui_col_width(mun, 2, 8, 16);
	o->none_w = tui_col_width(nogroup, 1, 8, 16);
	o->agent_w = w - o->region_w - o->regional_w - o->mun_w - o->none_w;
	if (o->agent_w < agent_min) {
		o->agent_w += o->none_w;
		o->none_w = 0;
	}
	if (o->agent_w < 12)
		o->agent_w = 12;
}

static void overview_row(void *owner, size_t i, int y, int x, int w)
{
	struct overview *o = owner;
	struct tui *t = o->t;
	const struct region_summary *s = &o->sum[i];
	char buf[64];
	int c = x;

	(void)w;
	tui_put(stdscr, y, c, o->region_w - 1,
	        i18n_pick(s->region.name_fi, s->region.name_sv), false);
	c += o->region_w;
	switch (s->facts.regional) {
	case REGIONAL_COMPLETE:
	case REGIONAL_INCOMPLETE: {
		bool ok = s->facts.regional == REGIONAL_COMPLETE;
		int mw = tui_mark(t, stdscr, y, c, ok);
		tui_put(stdscr, y, c + mw + 1, o->regional_w - mw - 2,
		        ok ? _("complete") : _("incomplete"), false);
		break;
	}
	default:
		tui_fmt(buf, sizeof buf, "- %s", _("none"));
		tui_put(stdscr, y, c, o->regional_w - 1, buf, false);
	}
	c += o->regional_w;
	if (s->has_agent) {
		/* marked as on the agents screen: an agent whose region is
		 * not (or no longer) eligible for one */
		tui_fmt(buf, sizeof buf, "%s%s", s->eligible ? "" : "! ",
		        s->agent.person_name ? s->agent.person_name : "?");
		tui_put(stdscr, y, c, o->agent_w - 1, buf, false);
	} else
		tui_put(stdscr, y, c, o->agent_w - 1,
		        s->eligible ? _("(none)") : _("(not eligible)"), false);
	c += o->agent_w;
	tui_fmt(buf, sizeof buf, "%zu/%zu", s->facts.n_complete,
	        s->facts.n_municipalities);
	tui_put_right(stdscr, y, c, o->mun_w - 1, buf);
	c += o->mun_w;
	tui_fmt(buf, sizeof buf, "%zu", s->n_uncovered);
	if (o->none_w > 0)
		tui_put_right(stdscr, y, c, o->none_w - 1, buf);
}

static int overview_open(struct tui *t, struct screen *s, const void *arg)
{
	struct overview *o = calloc(1, sizeof *o);
	int rc;

	(void)arg;
	if (!o)
		return -1;
	o->t = t;
	s->data = o;
	tui_list_init(&o->list, NULL, overview_row, o);
	rc = overview_load(t, o);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	return 0;
}

static void overview_reload(struct tui *t, struct screen *s)
{
	struct overview *o = s->data;
	int rc = overview_load(t, o);

	if (rc < 0)
		tui_report(t, rc);
}

static void overview_draw(struct tui *t, struct screen *s)
{
	struct overview *o = s->data;
	int c = 2, y = 2;
	size_t total = 0, complete = 0, uncovered = 0;

	tui_title(t, _("LAPE groups — overview by region"));
	overview_widths(t, o, COLS - 2);
	attron(A_BOLD);
	tui_put(stdscr, y, c, o->region_w - 1, _("Region"), false);
	c += o->region_w;
	tui_put(stdscr, y, c, o->regional_w - 1, _("Regional"), false);
	c += o->regional_w;
	tui_put(stdscr, y, c, o->agent_w - 1, _("Change agent"), false);
	c += o->agent_w;
	tui_put_right(stdscr, y, c, o->mun_w - 1, _("Complete"));
	c += o->mun_w;
	if (o->none_w > 0)
		tui_put_right(stdscr, y, c, o->none_w - 1, _("No group"));
	attroff(A_BOLD);
	bool legend = false;
	for (size_t i = 0; i < o->n; i++)
		legend |= o->sum[i].has_agent && !o->sum[i].eligible;
	tui_list_place(&o->list, y + 1, 0, tui_bottom() - (y + 1) - legend,
	               COLS);
	tui_list_draw(t, &o->list);
	if (legend)
		tui_put(stdscr, tui_bottom() - 1, 2, COLS - 3,
		        _("! not yet eligible: the region's groups are not in "
		          "place"),
		        true);
	for (size_t i = 0; i < o->n; i++) {
		total += o->sum[i].facts.n_municipalities;
		complete += o->sum[i].facts.n_complete;
		uncovered += o->sum[i].n_uncovered;
	}
	char buf[256];
	if (o->n_groups == 0)
		tui_fmt(buf, sizeof buf, "%s",
		        _("No groups yet: press n to create one, or run "
		          "'lape demo' for an example."));
	else
		tui_fmt(buf, sizeof buf,
		        _("Municipalities with a complete group: %zu of %zu; "
		          "with no group: %zu"),
		        complete, total, uncovered);
	/* the totals above the table, so that all 18 regions and the
	 * legend fit in 24 lines */
	tui_put(stdscr, 1, 2, COLS - 2, buf, false);
}

static bool overview_act(struct tui *t, struct screen *s, int action, int k)
{
	struct overview *o = s->data;

	(void)k;
	if (tui_list_act(&o->list, action))
		return true;
	switch (action) {
	case ACT_OPEN:
		if (o->n)
			tui_push(t, &screen_groups,
			         o->sum[o->list.sel].region.code);
		return true;
	case ACT_GROUPS:
		tui_push(t, &screen_groups, NULL);
		return true;
	case ACT_PEOPLE:
		tui_push(t, &screen_people, NULL);
		return true;
	case ACT_AGENTS:
		tui_push(t, &screen_agents, NULL);
		return true;
	case ACT_NEW:
		tui_new_group(t, o->n ? o->sum[o->list.sel].region.code : NULL);
		return true;
	case ACT_MERGE:
		tui_merge_start(t);
		return true;
	case ACT_SEARCH:
		tui_search_start(t);
		return true;
	case ACT_REPORT:
		if (o->n)
			tui_report_write(t, 0, o->sum[o->list.sel].region.code);
		return true;
	case ACT_BACK:
		if (tui_confirm(t, _("Quit lape?")))
			t->quit = true;
		return true;
	}
	return false;
}

static void overview_close(struct tui *t, struct screen *s)
{
	struct overview *o = s->data;

	(void)t;
	if (!o)
		return;
	overview_free(o);
	free(o);
	s->data = NULL;
}

static const struct tui_binding overview_keys[] = {
    TUI_BIND_MOVE,
    {ACT_OPEN, {'\r', 'o'}, N_("open the region's groups"), N_("open"), false},
    {ACT_GROUPS, {'l'}, N_("list all groups"), N_("groups"), false},
    {ACT_PEOPLE, {'p'}, N_("people"), N_("people"), false},
    {ACT_SEARCH, {'/'}, N_("search groups and people"), N_("search"), false},
    {ACT_AGENTS, {'a'}, N_("change agents"), N_("agents"), false},
    {ACT_NEW, {'n'}, N_("new group"), N_("new"), false},
    {ACT_MERGE,
     {'M'},
     N_("merge a laptop's copy into this file (shows what it brings first)"),
     NULL,
     false},
    {ACT_REPORT,
     {'R'},
     N_("write the region's meeting report to a file"),
     NULL,
     false},
    TUI_BIND_HELP,
    {ACT_BACK, {'q', TK_ESC}, N_("quit lape (asks first)"), N_("quit"), true},
    TUI_BIND_END,
};

const struct screen_ops screen_overview = {
    .name = N_("Overview"),
    .open = overview_open,
    .draw = overview_draw,
    .act = overview_act,
    .reload = overview_reload,
    .close = overview_close,
    .keymap = overview_keys,
};
