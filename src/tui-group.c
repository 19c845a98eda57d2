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

#include "lape/app.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

struct groupscr {
	struct tui *t;
	int64_t id;
	bool gone;
	struct app_group v; /* the group, its members and its check */
	bool have_v;
	char **warn; /* the check's warnings as text */
	size_t n_warn;
	char **role;        /* each member's role as shown (app_role_text) */
	int name_w, role_w; /* the members' columns */
	int org_x, rest_x, one_w; /* a member a row: where the organisation
	                             and the sectors go, and the columns it
	                             takes */
	bool has_agent;
	struct agent agent;
	struct tui_list list;
};

static void groupscr_free(struct groupscr *s)
{
	for (size_t i = 0; s->role && i < s->v.n_members; i++)
		free(s->role[i]);
	free(s->role);
	s->role = NULL;
	for (size_t i = 0; i < s->n_warn; i++)
		free(s->warn[i]);
	free(s->warn);
	s->warn = NULL;
	s->n_warn = 0;
	if (s->have_v)
		app_group_clear(&s->v);
	s->have_v = false;
	if (s->has_agent)
		agent_clear(&s->agent);
	s->has_agent = false;
}

static void groupscr_columns(struct groupscr *s);
static int groupscr_member_row2(struct groupscr *s, const struct membership *m,
                                int y, int x, int w);

/* The texts the screen shows that the view does not hold: the warnings
 * and the roles (with whom a deputy stands in for). */
static int groupscr_texts(struct tui *t, struct groupscr *s)
{
	const struct app_group *v = &s->v;

	if (v->check.n_warnings &&
	    !(s->warn = calloc(v->check.n_warnings, sizeof *s->warn)))
		return LAPE_ERROR;
	for (; s->n_warn < v->check.n_warnings; s->n_warn++)
		s->warn[s->n_warn] = check_warning_text(
		    &v->check.warnings[s->n_warn], v->members, t->rules);
	if (v->n_members && !(s->role = calloc(v->n_members, sizeof *s->role)))
		return LAPE_ERROR;
	for (size_t i = 0; i < v->n_members; i++)
		if (!(s->role[i] = app_role_text(&v->members[i], v->members,
		                                 v->n_members)))
			return LAPE_ERROR;
	groupscr_columns(s);
	return LAPE_OK;
}

static int groupscr_load(struct tui *t, struct groupscr *s)
{
	int rc;

	groupscr_free(s);
	rc = app_group_load(t->db, t->rules, t->today, ctx_names(t->ctx), s->id,
	                    &s->v);
	if (rc == LAPE_NOTFOUND) {
		s->gone = true;
		tui_list_reset(&s->list, 0);
		return 0;
	}
	if (rc < 0)
		return rc;
	s->have_v = true;
	if ((rc = groupscr_texts(t, s)) < 0)
		return rc;
	rc = agent_get_region(t->db, s->v.group.region_code, &s->agent);
	s->has_agent = rc == LAPE_OK;
	if (rc < 0 && rc != LAPE_NOTFOUND)
		return rc;
	tui_list_reset(&s->list, s->v.n_members);
	return 0;
}

/* ---- drawing ----------------------------------------------------------- */

static int gs_width(const char *s)
{
	return (int)utf8_width(s ? s : "");
}

/* ---- a flow of parts --------------------------------------------------- */

/* Parts ("✓ education", "Mandate: …") laid out left to right in rows
 * [Y0, Y1): a part that does not fit on the row goes to the next one
 * (indented IND), one wider than a row wraps at its blanks.  With DRAW
 * false it only counts the rows.  FULL: something did not fit. */
struct gs_flow {
	struct tui *t;
	int y, y0, y1, x, w, ind; /* y0: the paragraph's first row */
	int col; /* columns used on row y; 0: the row is empty */
	bool draw, full;
};

static struct gs_flow gs_flow_at(struct tui *t, int y, int y1, int x, int w,
                                 bool draw)
{
	return (struct gs_flow){t, y, y, y1, x, w, 2, 0, draw, false};
}

/* End the paragraph: the next part starts a row of its own. */
static void gs_flow_break(struct gs_flow *f)
{
	if (f->col) {
		f->y++;
		f->col = 0;
	}
	f->y0 = f->y;
}

/* The rest of a part wider than a row, from column C of row y. */
static void gs_flow_wrap(struct gs_flow *f, const char *s, int c)
{
	int hang = c;

	while (*s) {
		if (f->y >= f->y1) {
			f->full = true;
			return;
		}
		if (f->y + 1 >= f->y1 && gs_width(s) > f->w - c) {
			if (f->draw)
				tui_put(stdscr, f->y, f->x + c, f->w - c, s,
				        false);
			f->col = f->w;
			f->full = true;
			return;
		}
		size_t len = tui_wrap_next(s, f->w - c);
		char *line = strndup(s, len);
		if (!line)
			return;
		if (f->draw)
			tui_put(stdscr, f->y, f->x + c, f->w - c, line, false);
		f->col = c + gs_width(line);
		free(line);
		s += len;
		while (*s == ' ')
			s++;
		if (*s) {
			f->y++;
			c = hang;
		}
	}
}

/* Add the part MARK (0: ✗, 1: ✓, -1: none) TEXT after SEP in ATTR. */
static void gs_flow_add(struct gs_flow *f, const char *sep, int mark,
                        const char *text, attr_t attr)
{
	const char *m = mark < 0 ? "" : mark ? f->t->mark_ok : f->t->mark_bad;
	int mw = mark < 0 ? 0 : gs_width(m) + 1;
	int sw = f->col ? gs_width(sep) : 0;

	if (f->col && f->col + sw + mw + gs_width(text) > f->w) {
		f->y++;
		f->col = 0;
		sw = 0;
	}
	if (f->y >= f->y1) {
		f->full = true;
		return;
	}
	int c = f->col ? f->col : f->y > f->y0 ? f->ind : 0;
	if (f->draw && sw)
		tui_put(stdscr, f->y, f->x + c, sw, sep, false);
	c += sw;
	if (f->draw && mark >= 0)
		tui_mark(f->t, stdscr, f->y, f->x + c, mark);
	c += mw;
	if (f->draw)
		attron(attr);
	gs_flow_wrap(f, text, c);
	if (f->draw)
		attroff(attr);
}

/* ---- the parts of the screen ------------------------------------------- */

/* The group's details: what it is and where, its mandate, and the
 * regional group and change agent it works with (each a row of its own
 * where they do not fit side by side). */
static void groupscr_details(struct groupscr *s, struct gs_flow *f)
{
	const struct group *g = &s->v.group;
	bool muni = g->level == LEVEL_MUNICIPAL;
	char buf[600], d[11];

	f->ind = 0; /* a part that moves down starts its row */
	gs_flow_add(f, "", -1,
	            muni ? _("municipal group") : _("regional group"), 0);
	gs_flow_add(f, " · ", -1,
	            muni && *s->v.municipalities ? s->v.municipalities
	                                         : s->v.region_name,
	            0);
	gs_flow_add(f, " · ", -1, group_status_label(g->status), 0);
	if (g->existing_body)
		gs_flow_add(f, " · ", -1, _("existing body authorised"), 0);
	gs_flow_break(f);
	date_show(g->mandate_date, d);
	tui_fmt(buf, sizeof buf, "%s %s%s%s", _("Mandate:"),
	        g->mandate_body && *g->mandate_body ? g->mandate_body : "-",
	        *d ? ", " : "", d);
	gs_flow_add(f, "", -1, buf, 0);
	char *span = app_date_range(g->start_date, g->end_date, f->t->utf8);
	if (span && *span) {
		tui_fmt(buf, sizeof buf, "%s %s", _("Dates:"), span);
		gs_flow_add(f, " · ", -1, buf, 0);
	}
	free(span);
	gs_flow_break(f);
	if (muni) {
		tui_fmt(buf, sizeof buf, "%s %s%s", _("Regional group:"),
		        s->v.linked_name ? s->v.linked_name : _("none"),
		        g->regional_group_id ? "" : _(" (by region)"));
		gs_flow_add(f, "", -1, buf, 0);
	}
	tui_fmt(buf, sizeof buf, "%s %s", _("Change agent:"),
	        s->has_agent && s->agent.person_name ? s->agent.person_name
	                                             : _("none"));
	gs_flow_add(f, " · ", -1, buf, 0);
	gs_flow_break(f);
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

/* Who covers sector CS, ", "-joined, "(not valid)" when they do not
 * count; "" when nobody. */
static void groupscr_cover(struct groupscr *s, const struct check_sector *cs,
                           char *buf, size_t len)
{
	char names[512], shown[CHECK_NAME_MAX];
	size_t off = 0;

	names[0] = buf[0] = '\0';
	for (size_t j = 0; j < cs->n_cover && j < 8; j++) {
		const struct membership *m = &s->v.members[cs->cover[j]];
		const char *name = group_member_name(m, shown, sizeof shown);
		int k = tui_fmt(names + off, sizeof names - off, "%s%s",
		                j ? ", " : "", name ? name : "?");
		if (k < 0 || (size_t)k >= sizeof names - off)
			break;
		off += (size_t)k;
	}
	if (names[0] && !cs->present)
		tui_fmt(buf, len, _("%s (not valid)"), names);
	else
		tui_fmt(buf, len, "%s", names);
}

/* The check: complete or how many sectors are missing, then every
 * required sector with its mark.  LONG: a sector a row, with who covers
 * it (when there is room for it); else the sectors side by side. */
static void groupscr_check(struct groupscr *s, struct gs_flow *f, bool lng)
{
	const struct check_result *r = &s->v.check;
	char head[200], buf[800], cover[600];

	if (r->complete)
		tui_fmt(head, sizeof head, "%s", _("Complete"));
	else
		tui_fmt(head, sizeof head, _("Missing (%zu)"), r->n_missing);
	if (!lng)
		strcat(head, ":");
	gs_flow_add(f, "", r->complete, head, A_BOLD);
	for (size_t i = 0; i < r->n_sectors; i++) {
		const struct check_sector *cs = &r->sectors[i];
		const char *label = rules_sector_label(
		    f->t->rules, f->t->rules->sectors[cs->sector].key);
		if (!lng) {
			gs_flow_add(f, "  ", cs->present, label, 0);
			continue;
		}
		groupscr_cover(s, cs, cover, sizeof cover);
		tui_fmt(buf, sizeof buf, "%s%s%s", label, *cover ? ": " : "",
		        cover);
		gs_flow_break(f);
		f->col = 2; /* under the heading, indented */
		gs_flow_add(f, "", cs->present, buf, 0);
	}
	gs_flow_break(f);
}

/* The warnings, side by side; those that do not fit in the rows given
 * are counted at the end ("w" shows them all). */
static void groupscr_warn(struct groupscr *s, struct gs_flow *f)
{
	char buf[200];

	if (!s->n_warn)
		return;
	tui_fmt(buf, sizeof buf, _("Warnings (%zu):"), s->n_warn);
	gs_flow_add(f, "", -1, buf, A_BOLD);
	for (size_t i = 0; i < s->n_warn; i++) {
		const char *sep = i ? " · " : " ";
		struct gs_flow d = *f;
		d.draw = false;
		gs_flow_add(&d, sep, -1, s->warn[i] ? s->warn[i] : "", 0);
		if (i + 1 < s->n_warn) {
			tui_fmt(buf, sizeof buf, _("+%zu more: press w"),
			        s->n_warn - i - 1);
			gs_flow_add(&d, " · ", -1, buf, A_BOLD);
		}
		if (d.full) {
			tui_fmt(buf, sizeof buf, _("+%zu more: press w"),
			        s->n_warn - i);
			gs_flow_add(f, sep, -1, buf, A_BOLD);
			break;
		}
		gs_flow_add(f, sep, -1, s->warn[i] ? s->warn[i] : "", 0);
	}
	gs_flow_break(f);
}

/* ---- the members ------------------------------------------------------- */

/* The name column as wide as the longest name (within limits), the role
 * column as the longest role in the language in use. */
static void groupscr_columns(struct groupscr *s)
{
	const char *r[] = {role_label(ROLE_MEMBER), role_label(ROLE_CHAIR),
	                   role_label(ROLE_VICE_CHAIR),
	                   role_label(ROLE_SECRETARY)};
	char buf[CHECK_NAME_MAX];
	int org = 0, rest = 0, role;

	s->role_w = role = tui_col_width(r, ARRAY_LEN(r), 6, 19);
	s->name_w = 10;
	for (size_t i = 0; i < s->v.n_members; i++) {
		const struct membership *m = &s->v.members[i];
		const char *n = group_member_name(m, buf, sizeof buf);
		int nw = n ? tui_col_width(&n, 1, 10, 24) : 10;
		if (nw > s->name_w)
			s->name_w = nw;
		if (gs_width(s->role[i]) + 1 > role)
			role = gs_width(s->role[i]) + 1;
		if (gs_width(m->organisation) + 2 > org)
			org = gs_width(m->organisation) + 2;
		int w = groupscr_member_row2(s, m, 0, 0, 0);
		if (w > rest)
			rest = w;
	}
	s->org_x = s->name_w + role;
	s->rest_x = s->org_x + org;
	s->one_w = s->rest_x + rest;
}

/* A member's sectors and term (the second row); the term shows whole,
 * the sectors give way at a word.  Returns the columns it takes whole;
 * with W 0 it only says so. */
static int groupscr_member_row2(struct groupscr *s, const struct membership *m,
                                int y, int x, int w)
{
	char sect[512], buf[600];
	char *term = app_date_range(m->start_date, m->end_date, s->t->utf8);
	int tw = gs_width(term), need;

	tui_sectors(s->t, m->sectors, m->n_sectors, sect, sizeof sect);
	need = gs_width(sect) + (*sect && tw ? 3 : 0) + tw;
	if (w <= 0) {
	} else if (!term || !*term || !*sect) {
		tui_put(stdscr, y, x, w, *sect ? sect : term, false);
	} else if (gs_width(sect) + 3 + tw <= w) {
		tui_fmt(buf, sizeof buf, "%s · %s", sect, term);
		tui_put(stdscr, y, x, w, buf, false);
	} else {
		int used = tui_put(stdscr, y, x, w - 3 - tw, sect, false);
		tui_fmt(buf, sizeof buf, " · %s", term);
		tui_put(stdscr, y, x + used, w - used, buf, false);
	}
	free(term);
	return need;
}

/* Two rows a member: name, role and the organisation represented; then
 * the sectors and the term.  What is too long gives way at a word.  On a
 * screen wide enough for all of it, a row a member. */
static void groupscr_member_row(void *owner, size_t i, int y, int x, int w)
{
	struct groupscr *s = owner;
	const struct membership *m = &s->v.members[i];
	char shown[CHECK_NAME_MAX];
	/* The group's screen shows a withheld name as the seat (issue 10):
	 * only the member's own form shows who it is. */
	const char *name = group_member_name(m, shown, sizeof shown);

	tui_put(stdscr, y, x, s->name_w - 1, name ? name : _("(vacant)"),
	        false);
	if (s->list.rh == 1) { /* wide enough for a member a row */
		tui_put(stdscr, y, x + s->name_w, s->org_x - s->name_w - 1,
		        s->role[i], false);
		tui_put(stdscr, y, x + s->org_x, s->rest_x - s->org_x - 2,
		        m->organisation, false);
		groupscr_member_row2(s, m, y, x + s->rest_x, w - s->rest_x);
		return;
	}
	/* a deputy's longer role pushes the organisation on */
	int rw = tui_put(stdscr, y, x + s->name_w, w - s->name_w - 1,
	                 s->role[i], false);
	int ox = s->name_w + (rw + 1 > s->role_w ? rw + 1 : s->role_w);
	if (ox < w && m->organisation)
		tui_put(stdscr, y, x + ox, w - ox, m->organisation, false);
	groupscr_member_row2(s, m, y + 1, x + 2, w - 2);
}

/* ---- the layout -------------------------------------------------------- */

enum { GS_X = 2 };

/* The rows a part of the screen takes in W columns. */
static int
groupscr_rows(struct tui *t, struct groupscr *s, int w,
              void (*part)(struct groupscr *, struct gs_flow *, bool), bool arg)
{
	struct gs_flow f = gs_flow_at(t, 0, 1 << 20, GS_X, w, false);

	part(s, &f, arg);
	return f.y;
}

static void gs_details_part(struct groupscr *s, struct gs_flow *f, bool a)
{
	(void)a;
	groupscr_details(s, f);
}

static void gs_warn_part(struct groupscr *s, struct gs_flow *f, bool a)
{
	(void)a;
	groupscr_warn(s, f);
}

/* Rows from the top: the details (at most a quarter of the screen), the
 * check (a sector a row when the members still fit whole beside it),
 * the warnings (fewer when they would leave room for fewer than three
 * members), the members' heading and their list, whose rows are the
 * screen's whole width so that scrolling it is a terminal scroll. */
struct gs_layout {
	int details, check, warn;
	bool lng, heading; /* HEADING: "Members (7)" has a row (else the
	                      title says it) */
};

static struct gs_layout groupscr_layout(struct tui *t, struct groupscr *s,
                                        int rows, int w)
{
	struct gs_layout l;
	int members = s->v.n_members ? (int)s->v.n_members * s->list.rh : 1;
	int few = members < 3 * s->list.rh ? members : 3 * s->list.rh;
	int max_d = rows / 4 > 3 ? rows / 4 : 3;

	l.details = groupscr_rows(t, s, w, gs_details_part, false);
	if (l.details > max_d)
		l.details = max_d;
	l.warn = groupscr_rows(t, s, w, gs_warn_part, false);
	l.check = groupscr_rows(t, s, w, groupscr_check, true);
	l.lng = l.details + l.check + l.warn + 1 + members <= rows;
	if (!l.lng)
		l.check = groupscr_rows(t, s, w, groupscr_check, false);
	int left = rows - l.details - l.check - 1 - few;
	if (l.warn > left)
		l.warn = left > 1 ? left : s->n_warn ? 1 : 0;
	l.heading = l.details + l.check + l.warn + 1 + members <= rows;
	return l;
}

static void groupscr_append(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	tui_fmt(buf + n, len - n, " · %s", s);
}

static void groupscr_draw(struct tui *t, struct screen *scr)
{
	struct groupscr *s = scr->data;
	char buf[600], head[100];
	int top = TUI_TOP, bottom = tui_bottom(), w = COLS - 2 * GS_X;

	if (s->gone) {
		tui_title(t, _("Group"));
		tui_put(stdscr, 2, 2, COLS - 4,
		        _("This group was deleted. Press q to go back."),
		        false);
		return;
	}
	int rh = s->one_w <= COLS - 2 * GS_X ? 1 : 2;
	if (rh != s->list.rh) {
		s->list.rh = rh;
		tui_list_reset(&s->list, s->v.n_members);
	}
	struct gs_layout l = groupscr_layout(t, s, bottom - top, w);
	tui_fmt(head, sizeof head, _("Members (%zu)"), s->v.n_members);
	tui_fmt(buf, sizeof buf, _("Group: %s"), s->v.group.name);
	if (!l.heading)
		groupscr_append(buf, sizeof buf, head);
	tui_title(t, buf);
	int y = top;
	struct gs_flow f = gs_flow_at(t, y, y + l.details, GS_X, w, true);
	groupscr_details(s, &f);
	y += l.details;
	f = gs_flow_at(t, y, y + l.check, GS_X, w, true);
	groupscr_check(s, &f, l.lng);
	y += l.check;
	f = gs_flow_at(t, y, y + l.warn, GS_X, w, true);
	groupscr_warn(s, &f);
	y += l.warn;
	if (l.heading) {
		attron(A_BOLD);
		tui_put(stdscr, y++, GS_X, w, head, false);
		attroff(A_BOLD);
	}
	tui_list_place(&s->list, y, 0, bottom - y, COLS - GS_X);
	tui_list_draw(t, &s->list);
	if (s->v.n_members == 0) {
		tui_put(stdscr, y, GS_X, w,
		        _("No members yet: press n to add one."), false);
		t->cur_y = y;
		t->cur_x = 0;
	}
}

/* ---- actions ----------------------------------------------------------- */

static const struct membership *groupscr_cur(struct groupscr *s)
{
	long i = tui_list_cur(&s->list);

	return i < 0 ? NULL : &s->v.members[i];
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
	        name ? name : _("(vacant)"), s->v.group.name);
	if (!tui_confirm(t, q))
		return;
	struct del_arg d = {t->db, m->id};
	int rc = tui_retry(t, member_delete_fn, &d);
	if (rc < 0) {
		tui_report(t, rc);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO, "%s", _("Member removed."));
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

	if (s->v.group.level != LEVEL_MUNICIPAL) {
		tui_msg(t, MSG_INFO, "%s",
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
		tui_msg(t, MSG_INFO, "%s", _("Regional group set."));
	}
}

static void groupscr_warnings(struct tui *t, struct groupscr *s)
{
	if (!s->n_warn) {
		tui_msg(t, MSG_INFO, "%s", _("No warnings."));
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
			tui_msg(t, MSG_INFO, "%s", _("Membership saved."));
		return true;
	case ACT_NEW:
		if (tui_edit_membership(t, s->id, 0) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Member added."));
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
			tui_msg(t, MSG_INFO, "%s", _("Group saved."));
		return true;
	case ACT_LINK:
		groupscr_link(t, s);
		return true;
	case ACT_AGENT:
		if (tui_edit_agent(t, s->v.group.region_code) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Change agent saved."));
		return true;
	case ACT_WARNINGS:
		groupscr_warnings(t, s);
		return true;
	case ACT_IMPORT:
		tui_import_into(t, s->id, s->v.group.name);
		return true;
	case ACT_REPORT:
		tui_report_write(t, s->id, NULL);
		return true;
	case ACT_HISTORY: {
		struct tui_history_arg h = {s->id, 0, s->v.group.name};
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

	return i < s->v.n_members ? s->v.members[i].id : 0;
}

/* Read anew (a change here or by someone else): the selection stays on
 * the same member while they are in the group; a group deleted meanwhile
 * says so and goes back. */
static void groupscr_reload(struct tui *t, struct screen *scr)
{
	struct groupscr *s = scr->data;
	long cur = tui_list_cur(&s->list);
	int64_t id = cur >= 0 && s->v.members ? s->v.members[cur].id : 0;
	char *name = s->v.group.name ? strdup(s->v.group.name) : NULL;
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
