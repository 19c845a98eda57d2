/* tui-agents.c -- change agents: one row per LAPE region with its agent,
 * employer, term and status, or why it has none (not yet eligible: its
 * groups are not in place).  Enter assigns or edits. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "tui-priv.h"

struct agents {
	struct tui *t;
	struct region_summary *sum;
	size_t n;
	struct tui_list list;
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

enum { AG_REGION = 20, AG_NAME = 22, AG_EMPLOYER = 18 };

static void agents_row(void *owner, size_t i, int y, int x, int w)
{
	struct agents *a = owner;
	const struct region_summary *s = &a->sum[i];
	char term[64], buf[128];

	tui_put(stdscr, y, x, AG_REGION - 1,
	        tui_region_name(a->t, s->region.code), false);
	x += AG_REGION;
	w -= AG_REGION;
	if (!s->has_agent) {
		tui_put(stdscr, y, x, w,
		        s->eligible
		            ? _("- none yet (eligible)")
		            : _("- not yet eligible: groups not in place"),
		        false);
		return;
	}
	tui_put(stdscr, y, x, AG_NAME - 1, s->agent.person_name, false);
	x += AG_NAME;
	w -= AG_NAME;
	tui_put(stdscr, y, x, AG_EMPLOYER - 1, s->agent.employer, false);
	x += AG_EMPLOYER;
	w -= AG_EMPLOYER;
	tui_term(a->t, s->agent.start_date, s->agent.end_date, term,
	         sizeof term);
	snprintf(buf, sizeof buf, "%s %s", agent_status_label(s->agent.status),
	         term);
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
	attron(A_BOLD);
	tui_put(stdscr, 2, x, AG_REGION - 1, _("Region"), false);
	x += AG_REGION;
	tui_put(stdscr, 2, x, AG_NAME - 1, _("Change agent"), false);
	x += AG_NAME;
	tui_put(stdscr, 2, x, AG_EMPLOYER - 1, _("Employer"), false);
	x += AG_EMPLOYER;
	tui_put(stdscr, 2, x, COLS - x - 1, _("Status and term"), false);
	attroff(A_BOLD);
	tui_list_place(&a->list, 3, 0, tui_bottom() - 3, COLS);
	tui_list_draw(t, &a->list);
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

static bool agents_key(struct tui *t, struct screen *s, int k)
{
	struct agents *a = s->data;
	const struct region_summary *cur;
	char q[256];

	if (tui_list_key(&a->list, k))
		return true;
	cur = a->n ? &a->sum[a->list.sel] : NULL;
	if (tui_key_enter(k) || k == 'e' || k == 'n') {
		if (cur && tui_edit_agent(t, cur->region.code) == FORM_SAVED)
			tui_msg(t, MSG_INFO, _("Change agent saved."));
		return true;
	}
	if (k == 'o') {
		if (cur)
			tui_push(t, &screen_groups, cur->region.code);
		return true;
	}
	if (k == 'd') {
		if (!cur || !cur->has_agent)
			return true;
		snprintf(q, sizeof q, _("Remove %s as the change agent of %s?"),
		         cur->agent.person_name,
		         tui_region_name(t, cur->region.code));
		if (tui_confirm(t, q)) {
			struct adel d = {t->db, cur->agent.id};
			int rc = tui_retry(t, agents_delete_fn, &d);
			if (rc < 0)
				tui_report(t, rc);
			else {
				tui_changed(t);
				tui_msg(t, MSG_INFO,
				        _("Change agent removed."));
			}
		}
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

static const struct tui_keyhelp agents_help[] = {
    {"j k Down Up", N_("move")},
    {"Enter e n", N_("assign or edit the region's change agent")},
    {"d", N_("remove the change agent (asks first)")},
    {"o", N_("the region's groups")},
    {"^L", N_("redraw the screen")},
    {"? h F1", N_("this help")},
    {"q Esc", N_("back")},
    {NULL, NULL},
};

const struct screen_ops screen_agents = {
    .name = N_("Change agents"),
    .open = agents_open,
    .draw = agents_draw,
    .key = agents_key,
    .reload = agents_reload,
    .close = agents_close,
    .help = agents_help,
    .keyline = N_("Enter:assign/edit d:remove o:groups ?:help q:back"),
};
