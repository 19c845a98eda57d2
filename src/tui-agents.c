/* tui-agents.c -- change agents: one row per LAPE region with its agent,
 * employer, term and status, or why it has none (not yet eligible: its
 * groups are not in place).  Enter assigns or edits. */

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

struct agents {
	struct tui *t;
	struct region_summary *sum;
	size_t n;
	struct tui_list list;
	int region_w, name_w, employer_w; /* the status and term: the rest */
	bool end_only; /* the term by its end: the employer did not fit */
};

static void agents_free(struct agents *a)
{
	region_summary_free_array(a->sum, a->n);
	a->sum = NULL;
	a->n = 0;
}

static int agents_load(struct tui *t, struct agents *a)
{
	int rc;

	agents_free(a);
	rc = region_summarize_all(t->db, t->rules, t->today, &a->sum, &a->n);
	if (rc < 0)
		return rc;
	tui_list_reset(&a->list, a->n);
	return 0;
}

/* "active 1.10.2016–31.12.2018" into BUF, marked "!" when the region
 * has an agent but is not eligible for one (see the legend). */
static void agents_status(struct agents *a, const struct region_summary *s,
                          char *buf, size_t len)
{
	char term[64];

	char end[11];

	/* "–31.12.2018", its end, when the whole term would cut the
	 * employer */
	if (a->end_only && s->agent.end_date && *s->agent.end_date)
		tui_fmt(term, sizeof term, "–%s",
		        tui_date(s->agent.end_date, end));
	else
		tui_term(a->t, s->agent.start_date, s->agent.end_date, term,
		         sizeof term);
	tui_fmt(buf, len, "%s%s %s", s->eligible ? "" : "! ",
	        agent_status_label(s->agent.status), term);
}

/* Whether some region has an agent though its groups are not in place. */
static bool agents_any_ineligible(const struct agents *a)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->sum[i].has_agent && !a->sum[i].eligible)
			return true;
	return false;
}

/* Region and status-and-term as wide as what they show; the agent and
 * the employer share the rest. */
static void agents_widths(struct agents *a, int w)
{
	const char *h[] = {_("Region")};
	int rw = tui_col_width(h, 1, 12, 24);
	const char *sh[] = {_("Status and term")};
	int sw = tui_col_width(sh, 1, 10, 36);
	char buf[128];

	for (size_t i = 0; i < a->n; i++) {
		const char *name = tui_region_name(a->t, a->sum[i].region.code);
		int x = tui_col_width(&name, 1, 0, 24);
		if (x > rw)
			rw = x;
		if (!a->sum[i].has_agent)
			continue;
		agents_status(a, &a->sum[i], buf, sizeof buf);
		const char *b = buf;
		x = tui_col_width(&b, 1, 0, 36);
		if (x > sw)
			sw = x;
	}
	a->region_w = rw;
	sw--; /* the last column needs no blank after it */
	const char *nh[] = {_("Change agent")};
	int nw = tui_col_width(nh, 1, 12, 24);
	for (size_t i = 0; i < a->n; i++) {
		const char *name =
		    a->sum[i].has_agent ? a->sum[i].agent.person_name : NULL;
		int x = name ? tui_col_width(&name, 1, 0, 24) : 0;
		if (x > nw)
			nw = x;
	}
	/* the employer whole if it can be: else the term gives way (its
	 * end is what matters), and only then the employer is cut */
	int ew = 0;
	for (size_t i = 0; i < a->n; i++) {
		const char *e =
		    a->sum[i].has_agent ? a->sum[i].agent.employer : NULL;
		int x = e ? tui_col_width(&e, 1, 0, 36) : 0;
		if (x > ew)
			ew = x;
	}
	const char *eh[] = {_("Employer")};
	int ehw = tui_col_width(eh, 1, 0, 36);
	if (ehw > ew)
		ew = ehw;
	if (!a->end_only && w - rw - sw < nw + ew) {
		a->end_only = true;
		agents_widths(a, w);
		return;
	}
	/* still too wide: the status and term give way first (shortened
	 * at a word, "! planned…"), down to their heading and the widest
	 * status; only then the agent and the employer */
	int smin = (int)utf8_width(sh[0]);
	for (size_t i = 0; i < a->n; i++) {
		if (!a->sum[i].has_agent)
			continue;
		int x = (int)utf8_width(
		            agent_status_label(a->sum[i].agent.status)) +
		        (a->sum[i].eligible ? 0 : 2);
		if (x > smin)
			smin = x;
	}
	if (sw < smin)
		smin = sw;
	if (w - rw - nw - ew >= smin) {
		a->name_w = nw;
		a->employer_w = ew;
		return;
	}
	int rest = w - rw - smin;
	a->name_w = nw < rest - 8 ? nw : rest / 2;
	a->employer_w = rest - a->name_w;
}

static void agents_row(void *owner, size_t i, int y, int x, int w)
{
	struct agents *a = owner;
	const struct region_summary *s = &a->sum[i];
	char buf[128];

	tui_put(stdscr, y, x, a->region_w - 1,
	        tui_region_name(a->t, s->region.code), false);
	x += a->region_w;
	w -= a->region_w;
	if (!s->has_agent) {
		tui_put(stdscr, y, x, w,
		        s->eligible
		            ? _("- none yet (eligible)")
		            : _("- not yet eligible: groups not in place"),
		        false);
		return;
	}
	tui_put(stdscr, y, x, a->name_w - 1, s->agent.person_name, false);
	x += a->name_w;
	w -= a->name_w;
	tui_put(stdscr, y, x, a->employer_w - 1, s->agent.employer, false);
	x += a->employer_w;
	w -= a->employer_w;
	agents_status(a, s, buf, sizeof buf);
	tui_put(stdscr, y, x, w, buf, false);
}

static int agents_open(struct tui *t, struct screen *s, const void *arg)
{
	struct agents *a = calloc(1, sizeof *a);
	int rc;

	(void)arg;
	if (!a)
		return -1;
	s->data = a;
	a->t = t;
	tui_list_init(&a->list, NULL, agents_row, a);
	rc = agents_load(t, a);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	return 0;
}

static void agents_reload(struct tui *t, struct screen *s)
{
	int rc = agents_load(t, s->data);

	if (rc < 0)
		tui_report(t, rc);
}

static void agents_draw(struct tui *t, struct screen *s)
{
	struct agents *a = s->data;
	int x = 2;

	tui_title(t, _("Change agents — one per region"));
	a->end_only = false;
	agents_widths(a, COLS - 2);
	attron(A_BOLD);
	tui_put(stdscr, 2, x, a->region_w - 1, _("Region"), false);
	x += a->region_w;
	tui_put(stdscr, 2, x, a->name_w - 1, _("Change agent"), false);
	x += a->name_w;
	tui_put(stdscr, 2, x, a->employer_w - 1, _("Employer"), false);
	x += a->employer_w;
	tui_put(stdscr, 2, x, COLS - x - 1, _("Status and term"), false);
	attroff(A_BOLD);
	/* The legend of the "!" mark takes the last row when there is one. */
	bool legend = agents_any_ineligible(a);
	tui_list_place(&a->list, 3, 0, tui_bottom() - 3 - legend, COLS);
	tui_list_draw(t, &a->list);
	if (legend)
		tui_put(stdscr, tui_bottom() - 1, 2, COLS - 3,
		        _("! not yet eligible: the region's groups are not in "
		          "place"),
		        true);
}

struct adel {
	struct lape_db *db;
	int64_t id;
};

static int agents_delete_fn(void *arg)
{
	struct adel *d = arg;

	return agent_delete(d->db, d->id);
}

static void agents_remove(struct tui *t, const struct region_summary *cur)
{
	char q[1536];

	if (!cur || !cur->has_agent)
		return;
	tui_fmt(q, sizeof q, _("Remove %s as the change agent of %s?"),
	        cur->agent.person_name, tui_region_name(t, cur->region.code));
	if (!tui_confirm(t, q))
		return;
	struct adel d = {t->db, cur->agent.id};
	int rc = tui_retry(t, agents_delete_fn, &d);
	if (rc < 0) {
		tui_report(t, rc);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO, "%s", _("Change agent removed."));
}

static bool agents_act(struct tui *t, struct screen *s, int action, int k)
{
	struct agents *a = s->data;
	const struct region_summary *cur;

	(void)k;
	if (tui_list_act(&a->list, action))
		return true;
	cur = a->n ? &a->sum[a->list.sel] : NULL;
	switch (action) {
	case ACT_EDIT:
		if (cur && tui_edit_agent(t, cur->region.code) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Change agent saved."));
		return true;
	case ACT_GROUPS:
		if (cur)
			tui_push(t, &screen_groups, cur->region.code);
		return true;
	case ACT_DELETE:
		agents_remove(t, cur);
		return true;
	}
	return false;
}

static void agents_close(struct tui *t, struct screen *s)
{
	struct agents *a = s->data;

	(void)t;
	if (!a)
		return;
	agents_free(a);
	free(a);
	s->data = NULL;
}

static const struct tui_binding agents_keys[] = {
    TUI_BIND_MOVE,
    {ACT_EDIT,
     {'\r', 'e', 'n'},
     N_("assign or edit the region's change agent"),
     N_("assign or edit"),
     false},
    {ACT_DELETE,
     {'d'},
     N_("remove the change agent (asks first)"),
     N_("remove"),
     false},
    {ACT_GROUPS, {'o'}, N_("the region's groups"), N_("groups"), false},
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_agents = {
    .name = N_("Change agents"),
    .open = agents_open,
    .draw = agents_draw,
    .act = agents_act,
    .reload = agents_reload,
    .close = agents_close,
    .keymap = agents_keys,
};
