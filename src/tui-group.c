/* tui-group.c -- one group: its details, its members and, beside them, the
 * composition checklist (every required sector with a mark and who covers
 * it) and the warnings, all from group_check().  Members are added,
 * edited, ended and removed here. */

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

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

struct groupscr {
	struct tui *t;
	int64_t id;
	bool gone;
	struct group g;
	struct membership *m;
	size_t n;
	struct check_result res;
	bool have_res;
	char **warn;
	size_t n_warn;
	char *linked; /* name of the regional group linked to, or NULL */
	char *places; /* municipality names, or the region */
	bool has_agent;
	struct agent agent;
	struct tui_list list;
};

static void groupscr_free(struct groupscr *s)
{
	group_clear(&s->g);
	membership_free_array(s->m, s->n);
	s->m = NULL;
	s->n = 0;
	if (s->have_res)
		check_result_free(&s->res);
	s->have_res = false;
	for (size_t i = 0; i < s->n_warn; i++)
		free(s->warn[i]);
	free(s->warn);
	s->warn = NULL;
	s->n_warn = 0;
	free(s->linked);
	s->linked = NULL;
	free(s->places);
	s->places = NULL;
	if (s->has_agent)
		agent_clear(&s->agent);
	s->has_agent = false;
}

static char *groupscr_places(struct tui *t, const struct group *g)
{
	char *out = NULL;
	size_t len = 1;

	if (g->level == LEVEL_REGIONAL || g->n_municipalities == 0)
		return strdup(tui_region_name(t, g->region_code));
	for (size_t i = 0; i < g->n_municipalities; i++) {
		struct municipality m = {0};
		char *l = NULL;
		if (municipality_get(t->db, g->municipalities[i], &m) == 0)
			l = tui_municipality_label(&m);
		const char *s = l ? l : g->municipalities[i];
		char *n = realloc(out, len + strlen(s) + 2);
		if (n) {
			if (!out)
				n[0] = '\0';
			out = n;
			if (*out)
				strcat(out, ", ");
			strcat(out, s);
			len += strlen(s) + 2;
		}
		free(l);
		municipality_clear(&m);
	}
	return out;
}

static int groupscr_load(struct tui *t, struct groupscr *s)
{
	int rc;

	groupscr_free(s);
	rc = group_get(t->db, s->id, &s->g);
	if (rc == LAPE_NOTFOUND) {
		s->gone = true;
		tui_list_reset(&s->list, 0);
		return 0;
	}
	if (rc < 0)
		return rc;
	rc = membership_list_group(t->db, s->id, &s->m, &s->n);
	if (rc < 0)
		return rc;
	if (group_check(t->rules, &s->g, s->m, s->n, t->today, &s->res) != 0)
		return LAPE_ERROR;
	s->have_res = true;
	if (s->res.n_warnings) {
		s->warn = calloc(s->res.n_warnings, sizeof *s->warn);
		if (!s->warn)
			return LAPE_ERROR;
		for (size_t i = 0; i < s->res.n_warnings; i++) {
			s->warn[i] = check_warning_text(&s->res.warnings[i],
			                                s->m, t->rules);
			s->n_warn++;
		}
	}
	if (s->g.linked_group_id) {
		struct group lg = {0};
		if (group_get(t->db, s->g.linked_group_id, &lg) == 0)
			s->linked = strdup(lg.name);
		group_clear(&lg);
	}
	s->places = groupscr_places(t, &s->g);
	rc = agent_get_region(t->db, s->g.region_code, &s->agent);
	s->has_agent = rc == LAPE_OK;
	if (rc < 0 && rc != LAPE_NOTFOUND)
		return rc;
	tui_list_reset(&s->list, s->n);
	return 0;
}

/* ---- drawing ----------------------------------------------------------- */

enum { GS_CHECK_W = 30 };

/* The role column as wide as the longest role in the language in use,
 * the name as its longest member's (within limits); the sectors get the
 * rest. */
static int groupscr_role_w(void)
{
	const char *r[] = {role_label(ROLE_MEMBER), role_label(ROLE_CHAIR),
	                   role_label(ROLE_VICE_CHAIR),
	                   role_label(ROLE_SECRETARY)};
	return tui_col_width(r, ARRAY_LEN(r), 6, 19);
}

/* The name shown for M on the group's screen: a withheld name (issue 10)
 * as "(name withheld)", the seat's sectors being on the row below.  NULL
 * for a vacant seat. */
static const char *group_member_name(const struct membership *m, char *buf,
                                     size_t size)
{
	if (m->person_id && m->name_withheld) {
		snprintf(buf, size, "%s", _("(name withheld)"));
		return buf;
	}
	return m->person_id ? m->person_name : NULL;
}

static int groupscr_name_w(const struct groupscr *s)
{
	int w = 10;

	for (size_t i = 0; i < s->n; i++) {
		char buf[CHECK_NAME_MAX];
		const char *n = group_member_name(&s->m[i], buf, sizeof buf);
		int nw = n ? tui_col_width(&n, 1, 10, 20) : 10;
		if (nw > w)
			w = nw;
	}
	return w;
}

/* Two rows a member: name, role and the organisation represented; then
 * the sectors and the term, on a row of their own so that the sectors'
 * names show whole ("sosiaali- ja terveystoimi"). */
static void groupscr_member_row(void *owner, size_t i, int y, int x, int w)
{
	struct groupscr *s = owner;
	const struct membership *m = &s->m[i];
	char buf[512], sect[512], term[64], shown[CHECK_NAME_MAX];
	int name_w = groupscr_name_w(s), role_w = groupscr_role_w();
	/* The group's screen shows a withheld name as the seat (issue 10):
	 * only the member's own form shows who it is. */
	const char *name = group_member_name(m, shown, sizeof shown);

	tui_put(stdscr, y, x, name_w - 1, name ? name : _("(vacant)"), false);
	tui_put(stdscr, y, x + name_w, role_w - 1, role_label(m->role), false);
	tui_put(stdscr, y, x + name_w + role_w, w - name_w - role_w,
	        m->organisation ? m->organisation : "", false);
	tui_sectors(s->t, m->sectors, m->n_sectors, sect, sizeof sect);
	tui_term(s->t, m->start_date, m->end_date, term, sizeof term);
	tui_fmt(buf, sizeof buf, "%s%s%s", sect, *sect && *term ? " · " : "",
	        term);
	tui_put(stdscr, y + 1, x + 2, w - 2, buf, false);
}

/* Names of the members covering sector CS, ", "-joined. */
static void groupscr_cover(struct groupscr *s, const struct check_sector *cs,
                           char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t j = 0; j < cs->n_cover && j < 8; j++) {
		const struct membership *m = &s->m[cs->cover[j]];
		char shown[CHECK_NAME_MAX];
		const char *name = group_member_name(m, shown, sizeof shown);
		int w = tui_fmt(buf + off, len - off, "%s%s", j ? ", " : "",
		                name ? name : "?");
		if (w < 0 || (size_t)w >= len - off)
			break;
		off += (size_t)w;
	}
}

/* Lines S takes wrapped in W columns, later lines indented by IND. */
static int groupscr_wrap_count(const char *s, int w, int ind)
{
	int n = 0;

	while (*s) {
		s += tui_wrap_next(s, n ? w - ind : w);
		while (*s == ' ')
			s++;
		n++;
	}
	return n ? n : 1;
}

/* Draw S wrapped from row *Y (at most to Y1), later lines indented 2.
 * Returns false when it did not fit whole. */
static bool groupscr_wrap_put(const char *s, int *y, int y1, int x, int w)
{
	int n = 0;

	while (*s) {
		if (*y >= y1)
			return false;
		size_t len = tui_wrap_next(s, n ? w - 2 : w);
		char *line = strndup(s, len);
		tui_put(stdscr, (*y)++, n ? x + 2 : x, n ? w - 2 : w,
		        line ? line : "", false);
		free(line);
		s += len;
		while (*s == ' ')
			s++;
		n++;
	}
	return true;
}

/* The checklist: every required sector with its mark, then the
 * warnings, in rows [Y0, Y1).  A missing sector takes a line (the mark
 * says missing); who covers a sector goes on a line of its own when
 * everything fits so, else after the label.  Warnings wrap.  Whatever
 * still does not fit is counted on the last line ("w" shows it). */
static void groupscr_checklist(struct tui *t, struct groupscr *s, int y0,
                               int y1, int x, int w)
{
	const struct check_result *r = &s->res;
	char buf[512], line[600];
	int rows = y1 - y0, covered = 0, warn_lines = 0;
	int y = y0;

	int label_lines = 0, mw0 = (int)utf8_width(t->mark_ok) + 1;
	for (size_t i = 0; i < r->n_sectors; i++) {
		const char *key = t->rules->sectors[r->sectors[i].sector].key;
		label_lines += groupscr_wrap_count(
		    rules_sector_label(t->rules, key), w - mw0, 0);
		if (r->sectors[i].present || r->sectors[i].n_cover)
			covered++;
	}
	if (s->n_warn) {
		warn_lines = 1;
		for (size_t i = 0; i < s->n_warn; i++)
			warn_lines += groupscr_wrap_count(
			    s->warn[i] ? s->warn[i] : "", w, 2);
	}
	bool two = label_lines + covered + warn_lines <= rows;
	bool all = label_lines + warn_lines <= rows;
	/* when not all fits, the last row says how much more there is */
	int last = all ? y1 : y1 - 1;
	size_t shown_s = 0, shown_w = 0;

	for (size_t i = 0; i < r->n_sectors && y < last; i++, shown_s++) {
		const struct check_sector *cs = &r->sectors[i];
		const char *key = t->rules->sectors[cs->sector].key;
		const char *label = rules_sector_label(t->rules, key);
		int mw = tui_mark(t, stdscr, y, x, cs->present) + 1;

		groupscr_cover(s, cs, buf, sizeof buf);
		if (buf[0] && !cs->present) {
			tui_fmt(line, sizeof line, "%s", buf);
			tui_fmt(buf, sizeof buf, _("%s (not valid)"), line);
		}
		/* a long label wraps (under itself) */
		int lw = 0;
		for (const char *l = label; *l && y < last;) {
			size_t len = tui_wrap_next(l, w - mw);
			char *part = strndup(l, len);
			lw = tui_put(stdscr, y, x + mw, w - mw,
			             part ? part : "", false);
			free(part);
			l += len;
			while (*l == ' ')
				l++;
			if (*l)
				y++;
		}
		if (!buf[0]) {
			y++;
			continue;
		}
		if (two) {
			tui_put(stdscr, y + 1, x + mw, w - mw, buf, false);
			y += 2;
			continue;
		}
		if (w - mw - lw - 2 >= 4) {
			tui_fmt(line, sizeof line, ": %s", buf);
			tui_put(stdscr, y, x + mw + lw, w - mw - lw, line,
			        false);
		}
		y++;
	}
	if (s->n_warn && shown_s == r->n_sectors && y < last) {
		tui_fmt(buf, sizeof buf, _("Warnings (%zu):"), s->n_warn);
		attron(A_BOLD);
		tui_put(stdscr, y++, x, w, buf, false);
		attroff(A_BOLD);
		for (size_t i = 0; i < s->n_warn; i++) {
			const char *wt = s->warn[i] ? s->warn[i] : "";
			if (y + groupscr_wrap_count(wt, w, 2) > last)
				break;
			groupscr_wrap_put(wt, &y, last, x, w);
			shown_w++;
		}
	}
	size_t hidden = (r->n_sectors - shown_s) + (s->n_warn - shown_w);
	if (hidden) {
		tui_fmt(buf, sizeof buf, _("+%zu more: press w"), hidden);
		attron(A_BOLD);
		tui_put(stdscr, y1 - 1, x, w, buf, false);
		attroff(A_BOLD);
	}
}

/* "A · B" on row Y in W columns from column 2: when too wide, A is cut
 * so that B shows whole (if B alone fits), or B when KEEP_A. */
static void groupscr_put2(int y, int w, const char *a, const char *b,
                          bool keep_a)
{
	int aw = (int)utf8_width(a), bw = (int)utf8_width(b);

	if (keep_a && aw + 3 + bw > w && aw <= w - 3 - 12) {
		tui_put(stdscr, y, 2, aw, a, false);
		tui_put(stdscr, y, 2 + aw, w - aw, " · ", false);
		tui_put(stdscr, y, 2 + aw + 3, w - aw - 3, b, false);
		return;
	}

	if (!*b) {
		tui_put(stdscr, y, 2, w, a, false);
		return;
	}
	if (aw + 3 + bw > w) {
		if (bw <= (w - 3) / 2)
			aw = w - 3 - bw; /* A gives way */
		else if (aw > (w - 3) / 2)
			aw = (w - 3) / 2; /* both do */
	}
	int used = tui_put(stdscr, y, 2, aw, a, false);
	tui_put(stdscr, y, 2 + used, w - used, " · ", false);
	tui_put(stdscr, y, 2 + used + 3, w - used - 3, b, false);
}

static int groupscr_w(const char *s)
{
	return (int)utf8_width(s);
}

/* Append " · PART" to ROW when it fits in W columns. */
static bool groupscr_append(char *row, size_t len, const char *part, int w)
{
	if (groupscr_w(row) + 3 + groupscr_w(part) > w)
		return false;
	size_t n = strlen(row);
	tui_fmt(row + n, len - n, " · %s", part);
	return true;
}

/* Three rows of details, fitted by display width: what does not fit on
 * its row moves up to the first row when there is room there; the
 * mandating body's name gives way first, "existing body authorised" is
 * left out last of all. */
static void groupscr_details(struct tui *t, struct groupscr *s)
{
	const struct group *g = &s->g;
	char row1[600], a[600], b[200], term[64], d[11];
	int w = COLS - 4;

	tui_fmt(row1, sizeof row1, "%s · %s · %s",
	        g->level == LEVEL_REGIONAL ? _("regional group")
	                                   : _("municipal group"),
	        s->places ? s->places : "", group_status_label(g->status));
	/* row 3: the regional group and the change agent */
	char agent[200];
	tui_fmt(agent, sizeof agent, "%s %s", _("Change agent:"),
	        s->has_agent && s->agent.person_name ? s->agent.person_name
	                                             : _("none"));
	char row3[600];
	if (g->level == LEVEL_MUNICIPAL) {
		tui_fmt(row3, sizeof row3, "%s %s%s", _("Regional group:"),
		        s->linked ? s->linked : _("none"),
		        g->regional_group_id ? "" : _(" (by region)"));
		if (!groupscr_append(row3, sizeof row3, agent, w) &&
		    !groupscr_append(row1, sizeof row1, agent, w))
			groupscr_put2(3, w, row3, agent, true);
		else
			tui_put(stdscr, 3, 2, w, row3, false);
	} else {
		tui_put(stdscr, 3, 2, w, agent, false);
	}
	/* row 2: the mandate */
	tui_term(t, g->start_date, g->end_date, term, sizeof term);
	date_show(g->mandate_date, d);
	tui_fmt(a, sizeof a, "%s %s", _("Mandate:"),
	        g->mandate_body && *g->mandate_body ? g->mandate_body : "-");
	tui_fmt(b, sizeof b, "%s%s%s", d, *d && *term ? " · " : "", term);
	if (g->existing_body) {
		const char *ex = _("existing body authorised");
		if (groupscr_w(a) + 3 + groupscr_w(b) + 3 + groupscr_w(ex) <= w)
			groupscr_append(b, sizeof b, ex, w);
		else
			groupscr_append(row1, sizeof row1, ex, w);
	}
	groupscr_put2(2, w, a, b, false);
	tui_put(stdscr, 1, 2, w, row1, false);
}

static void groupscr_draw(struct tui *t, struct screen *scr)
{
	struct groupscr *s = scr->data;
	char buf[600];
	int left = COLS - GS_CHECK_W - 1;
	int top = 5, bottom = tui_bottom();

	if (s->gone) {
		tui_title(t, _("Group"));
		tui_put(stdscr, 2, 2, COLS - 4,
		        _("This group was deleted. Press q to go back."),
		        false);
		return;
	}
	tui_fmt(buf, sizeof buf, _("Group: %s"), s->g.name);
	tui_title(t, buf);
	groupscr_details(t, s);
	attron(A_BOLD);
	tui_fmt(buf, sizeof buf, _("Members (%zu)"), s->n);
	tui_put(stdscr, 4, 2, left - 3, buf, false);
	int mw = tui_mark(t, stdscr, 4, left + 1, s->res.complete);
	if (s->res.complete)
		tui_fmt(buf, sizeof buf, "%s", _("Complete"));
	else
		tui_fmt(buf, sizeof buf, _("Missing (%zu)"), s->res.n_missing);
	tui_put(stdscr, 4, left + 2 + mw, GS_CHECK_W - 2 - mw, buf, false);
	attroff(A_BOLD);
	groupscr_checklist(t, s, top, bottom, left + 1, GS_CHECK_W - 1);
	tui_list_place(&s->list, top, 0, bottom - top, left);
	tui_list_draw(t, &s->list);
	if (s->n == 0) {
		tui_put(stdscr, top, 2, left - 3,
		        _("No members yet: press n to add one."), false);
		t->cur_y = top;
		t->cur_x = 0;
		return;
	}
}

/* ---- actions ----------------------------------------------------------- */

static const struct membership *groupscr_cur(struct groupscr *s)
{
	long i = tui_list_cur(&s->list);

	return i < 0 ? NULL : &s->m[i];
}

struct del_arg {
	struct lape_db *db;
	int64_t id;
};

static int member_delete_fn(void *arg)
{
	struct del_arg *d = arg;

	return membership_delete(d->db, d->id);
}

static void groupscr_remove(struct tui *t, struct groupscr *s)
{
	const struct membership *m = groupscr_cur(s);
	char q[1536], shown[CHECK_NAME_MAX];
	const char *name;

	if (!m)
		return;
	name = group_member_name(m, shown, sizeof shown);
	tui_fmt(q, sizeof q, _("Remove %s from the group \"%s\"?"),
	        name ? name : _("(vacant)"), s->g.name);
	if (!tui_confirm(t, q))
		return;
	struct del_arg d = {t->db, m->id};
	int rc = tui_retry(t, member_delete_fn, &d);
	if (rc < 0) {
		tui_report(t, rc);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO, _("Member removed."));
}

struct link_arg {
	struct lape_db *db;
	int64_t id;
	int64_t regional;
};

static int link_fn(void *arg)
{
	struct link_arg *l = arg;
	struct group g = {0};
	int rc = group_get(l->db, l->id, &g);

	if (rc == LAPE_OK) {
		g.regional_group_id = l->regional;
		rc = group_save(l->db, &g);
	}
	group_clear(&g);
	return rc;
}

static void groupscr_link(struct tui *t, struct groupscr *s)
{
	struct tui_pick p = {0};
	char *key = NULL, *label = NULL;

	if (s->g.level != LEVEL_MUNICIPAL) {
		tui_msg(t, MSG_INFO,
		        _("Only a municipal group links to a regional group."));
		return;
	}
	p.title = _("Regional group");
	p.fill = tui_pick_fill_regional_group;
	p.new_label = _("(the one of its region)");
	int rc = tui_pick_run(t, &p, NULL, &key, &label);
	tui_pick_free(&p);
	if (rc == PICK_CANCEL) {
		free(key);
		free(label);
		return;
	}
	struct link_arg l = {t->db, s->id,
	                     rc == PICK_CHOSEN && key ? strtoll(key, NULL, 10)
	                                              : 0};
	free(key);
	free(label);
	rc = tui_retry(t, link_fn, &l);
	if (rc == LAPE_INVALID)
		tui_msg(t, MSG_ERROR, "%s", db_errmsg(t->db));
	else if (rc < 0)
		tui_report(t, rc);
	else {
		tui_changed(t);
		tui_msg(t, MSG_INFO, _("Regional group set."));
	}
}

static void groupscr_warnings(struct tui *t, struct groupscr *s)
{
	if (!s->n_warn) {
		tui_msg(t, MSG_INFO, _("No warnings."));
		return;
	}
	tui_message(t, _("Warnings"), (const char *const *)s->warn, s->n_warn,
	            NULL);
}

static bool groupscr_act(struct tui *t, struct screen *scr, int action, int k)
{
	struct groupscr *s = scr->data;
	const struct membership *m;

	(void)k;
	if (s->gone)
		return false;
	if (tui_list_act(&s->list, action))
		return true;
	switch (action) {
	case ACT_OPEN:
		if ((m = groupscr_cur(s)) &&
		    tui_edit_membership(t, s->id, m->id) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Membership saved."));
		return true;
	case ACT_NEW:
		if (tui_edit_membership(t, s->id, 0) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Member added."));
		return true;
	case ACT_END:
		if ((m = groupscr_cur(s)))
			tui_end_membership(t, m->id);
		return true;
	case ACT_DELETE:
		groupscr_remove(t, s);
		return true;
	case ACT_EDIT:
		if (tui_edit_group(t, s->id, NULL, NULL) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Group saved."));
		return true;
	case ACT_LINK:
		groupscr_link(t, s);
		return true;
	case ACT_AGENT:
		if (tui_edit_agent(t, s->g.region_code) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Change agent saved."));
		return true;
	case ACT_WARNINGS:
		groupscr_warnings(t, s);
		return true;
	case ACT_IMPORT:
		tui_import_into(t, s->id, s->g.name);
		return true;
	case ACT_REPORT:
		tui_report_write(t, s->id, NULL);
		return true;
	case ACT_HISTORY: {
		struct tui_history_arg h = {s->id, 0, s->g.name};
		tui_push(t, &screen_history, &h);
		return true;
	}
	}
	return false;
}

static int groupscr_open(struct tui *t, struct screen *scr, const void *arg)
{
	struct groupscr *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return -1;
	scr->data = s;
	s->t = t;
	s->id = *(const int64_t *)arg;
	tui_list_init(&s->list, NULL, groupscr_member_row, s);
	s->list.rh = 2;
	rc = groupscr_load(t, s);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	if (s->gone) {
		tui_msg(t, MSG_INFO, "%s", _("This group was deleted."));
		return -1;
	}
	return 0;
}

static int64_t groupscr_row_id(void *owner, size_t i)
{
	struct groupscr *s = owner;

	return i < s->n ? s->m[i].id : 0;
}

/* Read anew (a change here or by someone else): the selection stays on
 * the same member while they are in the group; a group deleted meanwhile
 * says so and goes back. */
static void groupscr_reload(struct tui *t, struct screen *scr)
{
	struct groupscr *s = scr->data;
	long cur = tui_list_cur(&s->list);
	int64_t id = cur >= 0 && s->m ? s->m[cur].id : 0;
	char *name = s->g.name ? strdup(s->g.name) : NULL;
	char msg[1536];
	int rc = groupscr_load(t, s);

	if (rc < 0) {
		tui_report(t, rc);
	} else if (s->gone) {
		tui_fmt(msg, sizeof msg, _("The group \"%s\" was deleted."),
		        name ? name : "");
		tui_gone(t, scr, msg);
	} else {
		tui_list_follow(&s->list, id, groupscr_row_id);
	}
	free(name);
}

static void groupscr_close(struct tui *t, struct screen *scr)
{
	struct groupscr *s = scr->data;

	(void)t;
	if (!s)
		return;
	groupscr_free(s);
	free(s);
	scr->data = NULL;
}

static const struct tui_binding groupscr_keys[] = {
    TUI_BIND_MOVE,
    {ACT_NEW,
     {'n', 'a'},
     N_("add a member (choose a person or create one)"),
     N_("new member"),
     false},
    {ACT_OPEN, {'\r', 'm'}, N_("edit the membership"), N_("edit"), false},
    {ACT_END,
     {'x'},
     N_("end the membership (its term ends on a date)"),
     N_("end term"),
     false},
    {ACT_DELETE,
     {'d'},
     N_("remove the member (asks first)"),
     N_("remove"),
     false},
    {ACT_EDIT, {'e'}, N_("edit the group"), N_("group"), false},
    {ACT_LINK,
     {'r'},
     N_("set its regional group"),
     N_("regional group"),
     false},
    {ACT_AGENT,
     {'c'},
     N_("see or change the region's change agent"),
     N_("agent"),
     false},
    {ACT_WARNINGS, {'w'}, N_("all warnings"), NULL, false},
    {ACT_IMPORT,
     {'i'},
     N_("import members from a CSV file (shows what it would do first)"),
     NULL,
     false},
    {ACT_REPORT,
     {'R'},
     N_("write the group's meeting report to a file"),
     NULL,
     false},
    {ACT_HISTORY,
     {'h'},
     N_("who changed the group and its members, and when"),
     N_("history"),
     false},
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_group = {
    .name = N_("Group"),
    .open = groupscr_open,
    .draw = groupscr_draw,
    .act = groupscr_act,
    .reload = groupscr_reload,
    .close = groupscr_close,
    .keymap = groupscr_keys,
};
