/* tui-group.c -- one group: its details, its members and, beside them, the
 * composition checklist (every required sector with a mark and who covers
 * it) and the warnings, all from group_check().  Members are added,
 * edited, ended and removed here. */
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

enum { GS_CHECK_W = 30, GS_NAME = 18, GS_ROLE = 11 };

/* Two rows a member: name, role and sectors; then the organisation
 * represented and the term. */
static void groupscr_member_row(void *owner, size_t i, int y, int x, int w)
{
	struct groupscr *s = owner;
	const struct membership *m = &s->m[i];
	char buf[512], term[64];

	tui_put(stdscr, y, x, GS_NAME - 1,
	        m->person_name ? m->person_name : _("(vacant)"), false);
	tui_put(stdscr, y, x + GS_NAME, GS_ROLE - 1, role_label(m->role),
	        false);
	tui_sectors(s->t, m->sectors, m->n_sectors, buf, sizeof buf);
	tui_put(stdscr, y, x + GS_NAME + GS_ROLE, w - GS_NAME - GS_ROLE, buf,
	        false);
	tui_term(s->t, m->start_date, m->end_date, term, sizeof term);
	snprintf(
	    buf, sizeof buf, "%s%s%s", m->organisation ? m->organisation : "",
	    m->organisation && *m->organisation && *term ? " · " : "", term);
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
		int w = snprintf(buf + off, len - off, "%s%s", j ? ", " : "",
		                 m->person_name ? m->person_name : "?");
		if (w < 0 || (size_t)w >= len - off)
			break;
		off += (size_t)w;
	}
}

static void groupscr_checklist(struct tui *t, struct groupscr *s, int y0,
                               int y1, int x, int w)
{
	const struct check_result *r = &s->res;
	int need2 =
	    (int)r->n_sectors * 2 + (s->n_warn ? 1 + (int)s->n_warn : 0);
	bool two = need2 <= y1 - y0;
	int y = y0;
	char buf[512], line[600];

	for (size_t i = 0; i < r->n_sectors && y < y1; i++) {
		const struct check_sector *cs = &r->sectors[i];
		const char *key = t->rules->sectors[cs->sector].key;
		const char *label = rules_sector_label(t->rules, key);
		int mw =
		    (int)utf8_width(cs->present ? t->mark_ok : t->mark_bad) + 1;

		groupscr_cover(s, cs, buf, sizeof buf);
		if (!cs->present && !buf[0])
			snprintf(buf, sizeof buf, "%s", _("missing"));
		else if (!cs->present) {
			snprintf(line, sizeof line, "%s", buf);
			snprintf(buf, sizeof buf, _("%s (not valid)"), line);
		}
		tui_mark(t, stdscr, y, x, cs->present);
		if (two) {
			tui_put(stdscr, y++, x + mw, w - mw, label, false);
			if (y < y1)
				tui_put(stdscr, y++, x + mw, w - mw, buf,
				        false);
		} else {
			int lw = (w - mw) / 2;
			tui_put(stdscr, y, x + mw, lw - 1, label, false);
			tui_put(stdscr, y++, x + mw + lw, w - mw - lw, buf,
			        false);
		}
	}
	if (s->n_warn && y < y1) {
		snprintf(buf, sizeof buf, _("Warnings (%zu):"), s->n_warn);
		attron(A_BOLD);
		tui_put(stdscr, y++, x, w, buf, false);
		attroff(A_BOLD);
		for (size_t i = 0; i < s->n_warn && y < y1; i++) {
			if (y == y1 - 1 && i + 1 < s->n_warn) {
				snprintf(buf, sizeof buf,
				         _("%zu more: press w"), s->n_warn - i);
				tui_put(stdscr, y++, x, w, buf, false);
				break;
			}
			tui_put(stdscr, y++, x, w, s->warn[i] ? s->warn[i] : "",
			        false);
		}
	}
}

static void groupscr_details(struct tui *t, struct groupscr *s)
{
	const struct group *g = &s->g;
	char buf[600], term[64], d[11];

	snprintf(buf, sizeof buf, "%s · %s · %s",
	         g->level == LEVEL_REGIONAL ? _("regional group")
	                                    : _("municipal group"),
	         s->places ? s->places : "",
	         g->status == STATUS_DISSOLVED ? _("dissolved") : _("active"));
	tui_put(stdscr, 1, 2, COLS - 4, buf, false);
	tui_term(t, g->start_date, g->end_date, term, sizeof term);
	date_show(g->mandate_date, d);
	snprintf(buf, sizeof buf, "%s %s %s%s%s%s%s", _("Mandate:"),
	         g->mandate_body && *g->mandate_body ? g->mandate_body : "-", d,
	         g->existing_body ? " · " : "",
	         g->existing_body ? _("existing body authorised") : "",
	         *term ? " · " : "", term);
	tui_put(stdscr, 2, 2, COLS - 4, buf, false);
	if (g->level == LEVEL_MUNICIPAL)
		snprintf(
		    buf, sizeof buf, "%s %s%s · %s %s", _("Regional group:"),
		    s->linked ? s->linked : _("none"),
		    g->regional_group_id ? "" : _(" (by region)"),
		    _("Change agent:"),
		    s->has_agent && s->agent.person_name ? s->agent.person_name
		                                         : _("none"));
	else
		snprintf(buf, sizeof buf, "%s %s", _("Change agent:"),
		         s->has_agent && s->agent.person_name
		             ? s->agent.person_name
		             : _("none"));
	tui_put(stdscr, 3, 2, COLS - 4, buf, false);
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
	snprintf(buf, sizeof buf, _("Group: %s"), s->g.name);
	tui_title(t, buf);
	groupscr_details(t, s);
	attron(A_BOLD);
	snprintf(buf, sizeof buf, _("Members (%zu)"), s->n);
	tui_put(stdscr, 4, 2, left - 3, buf, false);
	int mw = tui_mark(t, stdscr, 4, left + 1, s->res.complete);
	if (s->res.complete)
		snprintf(buf, sizeof buf, "%s", _("Complete"));
	else
		snprintf(buf, sizeof buf, _("Missing (%zu)"), s->res.n_missing);
	tui_put(stdscr, 4, left + 2 + mw, GS_CHECK_W - 2 - mw, buf, false);
	attroff(A_BOLD);
	groupscr_checklist(t, s, top, bottom, left + 1, GS_CHECK_W - 1);
	tui_list_place(&s->list, top, 0, bottom - top, left);
	tui_list_draw(t, &s->list);
	if (s->n == 0) {
		tui_put(stdscr, top, 2, left - 3,
		        _("No members yet: press a to add one."), false);
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
	char q[512];

	if (!m)
		return;
	snprintf(q, sizeof q, _("Remove %s from the group \"%s\"?"),
	         m->person_name ? m->person_name : _("(vacant)"), s->g.name);
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

static bool groupscr_key(struct tui *t, struct screen *scr, int k)
{
	struct groupscr *s = scr->data;
	const struct membership *m;

	if (s->gone)
		return false;
	if (tui_list_key(&s->list, k))
		return true;
	if (tui_key_enter(k) || k == 'm') {
		if ((m = groupscr_cur(s)) &&
		    tui_edit_membership(t, s->id, m->id) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Membership saved."));
		return true;
	}
	switch (k) {
	case 'a':
	case 'n':
		if (tui_edit_membership(t, s->id, 0) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Member added."));
		return true;
	case 'x':
		if ((m = groupscr_cur(s)))
			tui_end_membership(t, m->id);
		return true;
	case 'd':
		groupscr_remove(t, s);
		return true;
	case 'e':
		if (tui_edit_group(t, s->id, NULL) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Group saved."));
		return true;
	case 'r':
		groupscr_link(t, s);
		return true;
	case 'c':
		if (tui_edit_agent(t, s->g.region_code) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Change agent saved."));
		return true;
	case 'w':
		groupscr_warnings(t, s);
		return true;
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
	return 0;
}

static void groupscr_reload(struct tui *t, struct screen *scr)
{
	int rc = groupscr_load(t, scr->data);

	if (rc < 0)
		tui_report(t, rc);
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

static const struct tui_keyhelp groupscr_help[] = {
    {"j k Down Up", N_("move among the members")},
    {"a n", N_("add a member (choose a person or create one)")},
    {"Enter m", N_("edit the membership")},
    {"x", N_("end the membership (term ends on a date)")},
    {"d", N_("remove the member (asks first)")},
    {"e", N_("edit the group")},
    {"r", N_("set its regional group")},
    {"c", N_("see or change the region's change agent")},
    {"w", N_("all warnings")},
    {"^L", N_("redraw the screen")},
    {"? h F1", N_("this help")},
    {"q Esc", N_("back")},
    {NULL, NULL},
};

const struct screen_ops screen_group = {
    .name = N_("Group"),
    .open = groupscr_open,
    .draw = groupscr_draw,
    .key = groupscr_key,
    .reload = groupscr_reload,
    .close = groupscr_close,
    .help = groupscr_help,
    .keyline = N_("a:add Enter:edit x:end d:remove e:group r:link "
                  "c:agent ?:help q:back"),
};
