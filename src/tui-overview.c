/* tui-overview.c -- the first screen: one row per LAPE region with its
 * regional group, change agent, municipal groups and the municipalities
 * that have none.  Enter opens the region's groups. */
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
	int regional_w, agent_w; /* by the language's labels */
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
	struct group_filter f = GROUP_FILTER_ALL;
	rc = group_count(t->db, &f, &o->n_groups);
	if (rc < 0)
		return rc;
	tui_list_reset(&o->list, o->n);
	return 0;
}

/* Column layout, in display columns after the marker. */
enum { OV_REGION = 20, OV_MUN = 10, OV_NONE = 10 };

/* The Regional column as wide as its words in the language in use; the
 * change agent gets the rest. */
static void overview_widths(struct tui *t, struct overview *o, int w)
{
	char ok[64], bad[64], none[64];

	tui_fmt(ok, sizeof ok, "%s %s", t->mark_ok, _("complete"));
	tui_fmt(bad, sizeof bad, "%s %s", t->mark_bad, _("incomplete"));
	tui_fmt(none, sizeof none, "- %s", _("none"));
	const char *labels[] = {_("Regional"), ok, bad, none};
	o->regional_w = tui_col_width(labels, ARRAY_LEN(labels), 12, 22);
	o->agent_w = w - OV_REGION - o->regional_w - OV_MUN - OV_NONE;
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
	tui_put(stdscr, y, c, OV_REGION - 1,
	        i18n_pick(s->region.name_fi, s->region.name_sv), false);
	c += OV_REGION;
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
	if (s->has_agent)
		tui_put(stdscr, y, c, o->agent_w - 1,
		        s->agent.person_name ? s->agent.person_name : "?",
		        false);
	else
		tui_put(stdscr, y, c, o->agent_w - 1,
		        s->eligible ? _("(none)") : _("(not eligible)"), false);
	c += o->agent_w;
	tui_fmt(buf, sizeof buf, "%zu/%zu", s->facts.n_complete,
	        s->facts.n_municipalities);
	tui_put_right(stdscr, y, c, OV_MUN - 1, buf);
	c += OV_MUN;
	tui_fmt(buf, sizeof buf, "%zu", s->n_uncovered);
	tui_put_right(stdscr, y, c, OV_NONE - 1, buf);
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
	tui_put(stdscr, y, c, OV_REGION - 1, _("Region"), false);
	c += OV_REGION;
	tui_put(stdscr, y, c, o->regional_w - 1, _("Regional"), false);
	c += o->regional_w;
	tui_put(stdscr, y, c, o->agent_w - 1, _("Change agent"), false);
	c += o->agent_w;
	tui_put_right(stdscr, y, c, OV_MUN - 1, _("Complete"));
	c += OV_MUN;
	tui_put_right(stdscr, y, c, OV_NONE - 1, _("No group"));
	attroff(A_BOLD);
	tui_list_place(&o->list, y + 1, 0, tui_bottom() - (y + 2), COLS);
	tui_list_draw(t, &o->list);
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
	tui_put(stdscr, tui_bottom() - 1, 2, COLS - 2, buf, false);
}

static bool overview_key(struct tui *t, struct screen *s, int k)
{
	struct overview *o = s->data;

	if (tui_list_key(&o->list, k))
		return true;
	if (tui_key_enter(k) || k == 'o') {
		if (o->n)
			tui_push(t, &screen_groups,
			         o->sum[o->list.sel].region.code);
		return true;
	}
	switch (k) {
	case 'l':
		tui_push(t, &screen_groups, NULL);
		return true;
	case 'p':
		tui_push(t, &screen_people, NULL);
		return true;
	case 'a':
		tui_push(t, &screen_agents, NULL);
		return true;
	case 'n':
		tui_new_group(t, o->n ? o->sum[o->list.sel].region.code : NULL);
		return true;
	case 'q':
	case TK_ESC:
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

static const struct tui_keyhelp overview_help[] = {
    {"j k Down Up", N_("move")},
    {"PgDn PgUp ^F ^B", N_("page down, page up")},
    {"g G Home End", N_("first, last")},
    {"Enter o", N_("open the region's groups")},
    {"l", N_("list all groups")},
    {"p", N_("people")},
    {"a", N_("change agents")},
    {"n", N_("new group")},
    {"^L", N_("redraw the screen")},
    {"? h F1", N_("this help")},
    {"q Esc", N_("quit")},
    {NULL, NULL},
};

const struct screen_ops screen_overview = {
    .name = N_("Overview"),
    .open = overview_open,
    .draw = overview_draw,
    .key = overview_key,
    .reload = overview_reload,
    .close = overview_close,
    .help = overview_help,
    .keyline = N_("Enter:open l:groups p:people a:agents n:new ?:help "
                  "q:quit"),
};
