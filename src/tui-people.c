/* tui-people.c -- people: a searchable list paged from person_list(), and
 * a person's screen with their details and every group they sit in. */

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
#include "lape/privacy.h"
#include "lape/utf8.h"
#include "tui-priv.h"

/* ---- the list ---------------------------------------------------------- */

struct prow {
	int64_t id;
	char *name, *org, *email;
};

struct people {
	struct tui *t;
	int name_w, org_w; /* columns, by the rows in view; e-mail: the rest */
	char *search;
	bool more; /* more match the search than list.count tells */
	struct tui_list list;
	struct prow *rows;
	size_t n_rows, cap;
};

static void people_rows_free(struct people *p)
{
	for (size_t i = 0; i < p->n_rows; i++) {
		free(p->rows[i].name);
		free(p->rows[i].org);
		free(p->rows[i].email);
	}
	free(p->rows);
	p->rows = NULL;
	p->n_rows = p->cap = 0;
}

static int people_row_cb(const struct person *pe, void *ctx)
{
	struct people *p = ctx;
	struct prow *r;

	if (p->n_rows >= p->cap)
		return 1;
	r = &p->rows[p->n_rows++];
	r->id = pe->id;
	r->name = person_display_name(pe);
	r->org = strdup(pe->organisation ? pe->organisation : "");
	r->email = strdup(pe->email ? pe->email : "");
	return 0;
}

static const char *people_search(struct people *p)
{
	return p->search && *p->search ? p->search : NULL;
}

static int people_load(void *owner, size_t off, size_t n)
{
	struct people *p = owner;
	int rc;

	people_rows_free(p);
	p->rows = calloc(n ? n : 1, sizeof *p->rows);
	if (!p->rows)
		return LAPE_ERROR;
	p->cap = n;
	rc = person_list(p->t->db, people_search(p), off, n, people_row_cb, p);
	return rc < 0 ? rc : 0;
}

/* Count the list again: a search to PERSON_COUNT_TYPED matches (one
 * that finds most of a large file stops early), or with ALL to the end
 * (when the selection goes there). */
static int people_recount(struct people *p, bool all)
{
	size_t count = 0;
	int rc =
	    person_count_upto(p->t->db, people_search(p),
	                      all ? 0 : PERSON_COUNT_TYPED, &count, &p->more);

	if (rc < 0)
		return rc;
	tui_list_reset(&p->list, count);
	return 0;
}

static int people_count(struct people *p)
{
	return people_recount(p, false);
}

/* Before the selection moves by ACTION: where it would come near the end
 * of what was counted, the rest is counted. */
static void people_count_ahead(struct tui *t, struct people *p, int action)
{
	int rc;

	if (!p->more || !tui_list_nears_end(&p->list, action))
		return;
	rc = people_recount(p, true);
	if (rc < 0)
		tui_report(t, rc);
}

enum { PE_NAME_MIN = 20, PE_ORG_MIN = 16 };

static int people_widest(const struct people *p, size_t field, const char *head)
{
	int w = (int)utf8_width(head);

	for (size_t i = 0; i < p->n_rows; i++) {
		const struct prow *r = &p->rows[i];
		const char *v = field == 0   ? r->name
		                : field == 1 ? r->org
		                             : r->email;
		int x = (int)utf8_width(v ? v : "");
		if (x > w)
			w = x;
	}
	return w;
}

/* The columns by what the rows in view hold: the name whole, then the
 * e-mail address whole (an address cut is no use), and the organisation
 * in what is left, shortened at a word; it gives its room to the address
 * only down to PE_ORG_MIN. */
static void people_widths(struct people *p, int w)
{
	int name = people_widest(p, 0, _("Name")) + 1;
	int org = people_widest(p, 1, _("Organisation")) + 1;
	int mail = people_widest(p, 2, _("E-mail"));
	int org_min = (int)utf8_width(_("Organisation")) + 1;

	if (org_min < PE_ORG_MIN)
		org_min = PE_ORG_MIN;
	if (name < PE_NAME_MIN)
		name = PE_NAME_MIN;
	if (name > w / 3)
		name = w / 3;
	if (org < org_min)
		org = org_min;
	if (name + org + mail > w) {
		org = w - name - mail;
		if (org < org_min)
			org = org_min;
	}
	p->name_w = name;
	p->org_w = org;
}

static void people_row(void *owner, size_t i, int y, int x, int w)
{
	struct people *p = owner;
	const struct prow *r = &p->rows[i];

	tui_put(stdscr, y, x, p->name_w - 1, r->name, false);
	if (!r->email || !*r->email) { /* the organisation has its room */
		tui_put(stdscr, y, x + p->name_w, w - p->name_w - 1, r->org,
		        false);
		return;
	}
	tui_put(stdscr, y, x + p->name_w, p->org_w - 1, r->org, false);
	tui_put(stdscr, y, x + p->name_w + p->org_w, w - p->name_w - p->org_w,
	        r->email, false);
}

static int people_open(struct tui *t, struct screen *s, const void *arg)
{
	struct people *p = calloc(1, sizeof *p);
	int rc;

	(void)arg;
	if (!p)
		return -1;
	s->data = p;
	p->t = t;
	tui_list_init(&p->list, people_load, people_row, p);
	rc = people_count(p);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	return 0;
}

static int64_t people_row_id(void *owner, size_t i)
{
	struct people *p = owner;

	return i < p->n_rows ? p->rows[i].id : 0;
}

/* Read anew: the selection stays on the person it was on. */
static void people_reload(struct tui *t, struct screen *s)
{
	struct people *p = s->data;
	long cur = tui_list_cur(&p->list);
	int64_t id = cur >= 0 ? p->rows[cur].id : 0;
	/* a search already counted to its end is counted so again: the
	 * selection may be past PERSON_COUNT_TYPED */
	int rc = people_recount(p, !p->more && people_search(p) &&
	                               p->list.count > PERSON_COUNT_TYPED);

	if (rc < 0) {
		tui_report(t, rc);
		return;
	}
	tui_list_follow(&p->list, id, people_row_id);
}

static void people_draw(struct tui *t, struct screen *s)
{
	struct people *p = s->data;
	char buf[256];

	tui_title(t, _("People"));
	if (p->more)
		tui_fmt(buf, sizeof buf, _("Search: %s  (more than %zu)"),
		        p->search, p->list.count);
	else
		tui_fmt(buf, sizeof buf, _("Search: %s  (%zu)"),
		        people_search(p) ? p->search : "-", p->list.count);
	tui_put(stdscr, 1, 2, COLS - 4, buf, false);
	tui_list_place(&p->list, 3, 0, tui_bottom() - 3, COLS);
	/* the rows in view first: the columns are sized by them */
	if (tui_list_fetch(&p->list) == 0)
		people_widths(p, COLS - 3);
	attron(A_BOLD);
	tui_put(stdscr, 2, 2, p->name_w - 1, _("Name"), false);
	tui_put(stdscr, 2, 2 + p->name_w, p->org_w - 1, _("Organisation"),
	        false);
	tui_put(stdscr, 2, 2 + p->name_w + p->org_w,
	        COLS - 3 - p->name_w - p->org_w, _("E-mail"), false);
	attroff(A_BOLD);
	tui_list_draw(t, &p->list);
	if (p->list.count == 0)
		tui_put(stdscr, 3, 2, COLS - 4,
		        _("Nobody here. Press n to add a person."), false);
}

static void people_search_changed(struct tui *t, const char *text, void *arg)
{
	struct people *p = arg;

	free(p->search);
	p->search = strdup(text);
	p->list.sel = 0;
	people_count(p);
	tui_render(t);
}

static struct prow *people_cur(struct people *p)
{
	long i = tui_list_cur(&p->list);

	return i < 0 ? NULL : &p->rows[i];
}

struct pdel {
	struct lape_db *db;
	int64_t id;
};

static int people_delete_fn(void *arg)
{
	struct pdel *d = arg;

	return person_delete(d->db, d->id);
}

static void people_search_run(struct tui *t, struct people *p)
{
	char *old = p->search ? strdup(p->search) : NULL;
	char *res = tui_prompt(t, _("Search:"), old, people_search_changed, p);

	free(p->search);
	p->search = res ? res : old;
	if (res)
		free(old);
	people_count(p);
}

struct agent_of {
	int64_t person_id;
	char region[3];
	bool found;
};

static int people_agent_cb(const struct agent *a, void *ctx)
{
	struct agent_of *ao = ctx;

	if (a->person_id != ao->person_id)
		return 0;
	memcpy(ao->region, a->region_code, sizeof ao->region);
	ao->found = true;
	return 1;
}

/* Whether person R may be deleted: a person who sits in a group or is a
 * change agent is not, and the message line says so before any question
 * is asked. */
static bool people_deletable(struct tui *t, const struct prow *r)
{
	struct membership *m = NULL;
	size_t n = 0;
	struct agent_of ao = {.person_id = r->id};
	int rc = agent_list(t->db, people_agent_cb, &ao);

	if (rc >= 0)
		rc = membership_list_person(t->db, r->id, &m, &n);
	if (rc < 0) {
		membership_free_array(m, n);
		tui_report(t, rc);
		return false;
	}
	if (ao.found)
		tui_msg(t, MSG_ERROR,
		        _("%s is the change agent of %s: remove that first; "
		          "nothing was deleted."),
		        r->name, tui_region_name(t, ao.region));
	else if (n > 0)
		tui_msg(
		    t, MSG_ERROR,
		    ngettext("%s still has %zu membership (%s): remove it "
		             "first; nothing was deleted.",
		             "%s still has %zu memberships (%s, ...): remove "
		             "them first; nothing was deleted.",
		             n),
		    r->name, n, m[0].group_name ? m[0].group_name : "?");
	membership_free_array(m, n);
	return n == 0 && !ao.found;
}

static void people_delete(struct tui *t, struct people *p)
{
	struct prow *r = people_cur(p);
	char q[1536];

	if (!r || !people_deletable(t, r))
		return;
	tui_fmt(q, sizeof q, _("Delete %s?"), r->name);
	if (!tui_confirm(t, q))
		return;
	struct pdel d = {t->db, r->id};
	int rc = tui_retry(t, people_delete_fn, &d);
	if (rc == LAPE_INVALID)
		tui_msg(t, MSG_ERROR, "%s", db_errmsg(t->db));
	else if (rc < 0)
		tui_report(t, rc);
	else {
		tui_changed(t);
		tui_msg(t, MSG_INFO, "%s", _("Person deleted."));
	}
}

static bool people_act(struct tui *t, struct screen *s, int action, int k)
{
	struct people *p = s->data;
	struct prow *r;

	(void)k;
	people_count_ahead(t, p, action);
	if (tui_list_act(&p->list, action))
		return true;
	switch (action) {
	case ACT_OPEN:
		if ((r = people_cur(p)))
			tui_push(t, &screen_person, &r->id);
		return true;
	case ACT_SEARCH:
		people_search_run(t, p);
		return true;
	case ACT_NEW:
		if (tui_edit_person(t, 0, NULL) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Person saved."));
		return true;
	case ACT_EDIT:
		if ((r = people_cur(p)) &&
		    tui_edit_person(t, r->id, NULL) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Person saved."));
		return true;
	case ACT_DELETE:
		people_delete(t, p);
		return true;
	}
	return false;
}

static void people_close(struct tui *t, struct screen *s)
{
	struct people *p = s->data;

	(void)t;
	if (!p)
		return;
	people_rows_free(p);
	free(p->search);
	free(p);
	s->data = NULL;
}

static const struct tui_binding people_keys[] = {
    TUI_BIND_MOVE,
    {ACT_OPEN, {'\r', 'o'}, N_("the person's groups"), N_("open"), false},
    {ACT_SEARCH,
     {'/'},
     N_("search by name, organisation or e-mail"),
     N_("search"),
     false},
    {ACT_NEW, {'n'}, N_("new person"), N_("new"), false},
    {ACT_EDIT, {'e'}, N_("edit the person"), N_("edit"), false},
    {ACT_DELETE,
     {'d'},
     N_("delete the person (only one in no group)"),
     N_("delete"),
     false},
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_people = {
    .name = N_("People"),
    .open = people_open,
    .draw = people_draw,
    .act = people_act,
    .reload = people_reload,
    .close = people_close,
    .keymap = people_keys,
};

/* ---- one person -------------------------------------------------------- */

struct personscr {
	struct tui *t;
	int64_t id;
	bool gone;
	struct person p;
	struct membership *m;
	size_t n;
	struct tui_list list;
	int group_w; /* the group's column; the role's after it */
};

static void personscr_free(struct personscr *s)
{
	person_clear(&s->p);
	membership_free_array(s->m, s->n);
	s->m = NULL;
	s->n = 0;
}

static int personscr_load(struct tui *t, struct personscr *s)
{
	int rc;

	personscr_free(s);
	rc = person_get(t->db, s->id, &s->p);
	if (rc == LAPE_NOTFOUND) {
		s->gone = true;
		tui_list_reset(&s->list, 0);
		return 0;
	}
	if (rc < 0)
		return rc;
	rc = membership_list_person(t->db, s->id, &s->m, &s->n);
	if (rc < 0)
		return rc;
	tui_list_reset(&s->list, s->n);
	return 0;
}

/* Role as wide as the longest role in the language in use. */
static int personscr_role_w(void)
{
	const char *r[] = {_("Role"), role_label(ROLE_MEMBER),
	                   role_label(ROLE_CHAIR), role_label(ROLE_VICE_CHAIR),
	                   role_label(ROLE_SECRETARY)};
	return tui_col_width(r, ARRAY_LEN(r), 6, 19);
}

/* A membership's sectors and term, "education · from 1.10.2016". */
static void personscr_sectors(struct personscr *s, const struct membership *m,
                              char *buf, size_t len)
{
	char term[64];

	tui_term(s->t, m->start_date, m->end_date, term, sizeof term);
	tui_sectors(s->t, m->sectors, m->n_sectors, buf, len);
	if (*term) {
		size_t n = strlen(buf);
		tui_fmt(buf + n, len - n, "%s%s", *buf ? " · " : "", term);
	}
}

/* The group's name as wide as the widest one; when the sectors and term
 * of a row do not fit beside it and the role, each row takes two lines,
 * the sectors and term on the second. */
static void personscr_widths(struct personscr *s, int w)
{
	char head[64], buf[512];
	int rw = personscr_role_w(), gw, sw = 0;

	tui_fmt(head, sizeof head, _("Groups (%zu)"), s->n);
	gw = (int)utf8_width(head) + 1;
	for (size_t i = 0; i < s->n; i++) {
		int x = (int)utf8_width(s->m[i].group_name ? s->m[i].group_name
		                                           : "") +
		        1;
		if (x > gw)
			gw = x;
		personscr_sectors(s, &s->m[i], buf, sizeof buf);
		x = (int)utf8_width(buf);
		if (x > sw)
			sw = x;
	}
	if (gw > w - rw)
		gw = w - rw;
	s->group_w = gw;
	s->list.rh = gw + rw + sw > w ? 2 : 1;
}

static void personscr_row(void *owner, size_t i, int y, int x, int w)
{
	struct personscr *s = owner;
	const struct membership *m = &s->m[i];
	char buf[512];
	int gw = s->group_w, rw = personscr_role_w();

	tui_put(stdscr, y, x, gw - 1, m->group_name, false);
	tui_put(stdscr, y, x + gw, rw - 1, role_label(m->role), false);
	personscr_sectors(s, m, buf, sizeof buf);
	if (s->list.rh > 1)
		tui_put(stdscr, y + 1, x + 2, w - 2, buf, false);
	else
		tui_put(stdscr, y, x + gw + rw, w - gw - rw, buf, false);
}

static int personscr_open(struct tui *t, struct screen *scr, const void *arg)
{
	struct personscr *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return -1;
	scr->data = s;
	s->t = t;
	s->id = *(const int64_t *)arg;
	tui_list_init(&s->list, NULL, personscr_row, s);
	rc = personscr_load(t, s);
	if (rc < 0) {
		tui_report(t, rc);
		return -1;
	}
	if (s->gone) {
		tui_msg(t, MSG_INFO, "%s", _("This person was deleted."));
		return -1;
	}
	return 0;
}

static int64_t personscr_row_id(void *owner, size_t i)
{
	struct personscr *s = owner;

	return i < s->n ? s->m[i].id : 0;
}

/* Read anew: the selection stays on the same membership; a person
 * deleted meanwhile (by someone else) says so and goes back. */
static void personscr_reload(struct tui *t, struct screen *scr)
{
	struct personscr *s = scr->data;
	long cur = tui_list_cur(&s->list);
	int64_t id = cur >= 0 ? s->m[cur].id : 0;
	char *name = s->p.surname ? person_display_name(&s->p) : NULL;
	char msg[1536];
	int rc = personscr_load(t, s);

	if (rc < 0) {
		tui_report(t, rc);
	} else if (s->gone) {
		if (name)
			tui_fmt(msg, sizeof msg, _("%s was deleted."), name);
		else
			tui_fmt(msg, sizeof msg, "%s",
			        _("This person was deleted."));
		tui_gone(t, scr, msg);
	} else {
		tui_list_follow(&s->list, id, personscr_row_id);
	}
	free(name);
}

static void personscr_draw(struct tui *t, struct screen *scr)
{
	struct personscr *s = scr->data;
	char buf[512], *name;

	if (s->gone) {
		tui_title(t, _("Person"));
		tui_put(stdscr, 2, 2, COLS - 4,
		        _("This person was deleted. Press q to go back."),
		        false);
		return;
	}
	name = person_display_name(&s->p);
	tui_fmt(buf, sizeof buf, _("Person: %s"), name ? name : "");
	free(name);
	tui_title(t, buf);
	tui_fmt(buf, sizeof buf, "%s: %s", _("Organisation"),
	        s->p.organisation ? s->p.organisation : "-");
	tui_put(stdscr, 1, 2, COLS - 4, buf, false);
	tui_fmt(buf, sizeof buf, "%s: %s   %s: %s", _("E-mail"),
	        s->p.email ? s->p.email : "-", _("Phone"),
	        s->p.phone ? s->p.phone : "-");
	tui_put(stdscr, 2, 2, COLS - 4, buf, false);
	if (s->p.notes && *s->p.notes) {
		tui_fmt(buf, sizeof buf, "%s: %s", _("Notes"), s->p.notes);
		tui_put(stdscr, 3, 2, COLS - 4, buf, false);
	}
	personscr_widths(s, COLS - 2);
	int gw = s->group_w, rw = personscr_role_w();
	int two = s->list.rh > 1;
	attron(A_BOLD);
	tui_fmt(buf, sizeof buf, _("Groups (%zu)"), s->n);
	tui_put(stdscr, 5, 2, gw - 1, buf, false);
	tui_put(stdscr, 5, 2 + gw, rw - 1, _("Role"), false);
	if (two) /* the second line of each row */
		tui_put(stdscr, 6, 4, COLS - 6, _("Sectors and term"), false);
	else
		tui_put(stdscr, 5, 2 + gw + rw, COLS - 4 - gw - rw,
		        _("Sectors and term"), false);
	attroff(A_BOLD);
	tui_list_place(&s->list, 6 + two, 0, tui_bottom() - 6 - two, COLS);
	tui_list_draw(t, &s->list);
	if (s->n == 0)
		tui_put(stdscr, 6 + two, 2, COLS - 4, _("Not in any group."),
		        false);
}

struct erase_arg {
	struct lape_db *db;
	int64_t id;
	struct erase_result res;
};

static int personscr_erase_fn(void *arg)
{
	struct erase_arg *e = arg;

	return privacy_erase(e->db, e->id, &e->res);
}

/* Erase the person everywhere, after a confirmation that says what will
 * go (privacy_plan_describe, the command line's words). */
static void personscr_erase(struct tui *t, struct screen *scr)
{
	struct personscr *s = scr->data;
	struct erase_plan plan;
	char q[1536];
	char *text;
	int rc = privacy_erase_plan(t->db, s->id, &plan);

	if (rc != LAPE_OK) {
		tui_report(t, rc);
		return;
	}
	text = privacy_plan_describe(&plan);
	tui_fmt(q, sizeof q, _("Erase %s for good? This cannot be undone."),
	        plan.name);
	bool yes = tui_confirm_text(t, _("Erase"), text, q);
	free(text);
	if (!yes) {
		privacy_plan_clear(&plan);
		tui_msg(t, MSG_INFO, "%s", _("Nothing erased."));
		return;
	}
	struct erase_arg e = {t->db, s->id, {0}};
	rc = tui_retry(t, personscr_erase_fn, &e);
	if (rc != LAPE_OK) {
		if (rc != LAPE_BUSY)
			tui_report(t, rc);
		privacy_plan_clear(&plan);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO,
	        ngettext("Erased %s; %zu seat is now vacant.",
	                 "Erased %s; %zu seats are now vacant.", plan.n_seats),
	        plan.name, plan.n_seats);
	privacy_plan_clear(&plan);
	tui_pop(t); /* the person is gone (S with it) */
}

static bool personscr_act(struct tui *t, struct screen *scr, int action, int k)
{
	struct personscr *s = scr->data;
	long i;

	(void)k;
	if (s->gone)
		return false;
	if (tui_list_act(&s->list, action))
		return true;
	switch (action) {
	case ACT_OPEN:
		if ((i = tui_list_cur(&s->list)) >= 0)
			tui_push(t, &screen_group, &s->m[i].group_id);
		return true;
	case ACT_EDIT:
		if (tui_edit_person(t, s->id, NULL) == FORM_SAVED)
			tui_msg(t, MSG_INFO, "%s", _("Person saved."));
		return true;
	case ACT_ERASE:
		personscr_erase(t, scr);
		return true;
	case ACT_HISTORY: {
		char *name = person_display_name(&s->p); /* copied on open */
		struct tui_history_arg h = {0, s->id, name};

		tui_push(t, &screen_history, &h);
		free(name);
		return true;
	}
	}
	return false;
}

static void personscr_close(struct tui *t, struct screen *scr)
{
	struct personscr *s = scr->data;

	(void)t;
	if (!s)
		return;
	personscr_free(s);
	free(s);
	scr->data = NULL;
}

static const struct tui_binding personscr_keys[] = {
    TUI_BIND_MOVE,
    {ACT_OPEN, {'\r', 'o'}, N_("open the group"), N_("open group"), false},
    {ACT_EDIT, {'e'}, N_("edit the person"), N_("edit"), false},
    {ACT_ERASE,
     {'E'},
     N_("erase the person's data everywhere (says what goes, asks first)"),
     NULL,
     false},
    {ACT_HISTORY,
     {'h'},
     N_("who changed the person's data, and when"),
     N_("history"),
     false},
    TUI_BIND_HELP,
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_person = {
    .name = N_("Person"),
    .open = personscr_open,
    .draw = personscr_draw,
    .act = personscr_act,
    .reload = personscr_reload,
    .close = personscr_close,
    .keymap = personscr_keys,
};
