/* tui-pick.c -- lists to pick from (menu library) that filter as you type,
 * in Finnish or Swedish names: regions, municipalities, sectors, roles,
 * people and regional groups.  One or several items may be chosen. */

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

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

#define PICK_NEW_KEY "\001new"
/* The item that shows what a source left out ("show all sectors"). */
#define PICK_ALL_KEY "\001all"

void tui_pick_add(struct tui_pick *p, const char *label, const char *key)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 32;
		struct tui_pick_item *it = realloc(p->items, cap * sizeof *it);
		if (!it)
			return;
		p->items = it;
		p->cap = cap;
	}
	p->items[p->n].label = strdup(label ? label : "");
	p->items[p->n].key = strdup(key ? key : "");
	p->items[p->n].on = false;
	p->n++;
}

static void pick_clear_items(struct tui_pick *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].label);
		free(p->items[i].key);
	}
	p->n = 0;
}

static bool pick_is_chosen(const struct tui_pick *p, const char *key)
{
	for (size_t i = 0; i < p->n_chosen; i++)
		if (strcmp(p->chosen[i], key) == 0)
			return true;
	return false;
}

void tui_pick_preset(struct tui_pick *p, const char *key)
{
	char **c;

	if (!key || !*key || pick_is_chosen(p, key))
		return;
	c = realloc(p->chosen, (p->n_chosen + 1) * sizeof *c);
	if (!c)
		return;
	p->chosen = c;
	p->chosen[p->n_chosen++] = strdup(key);
}

static void pick_toggle(struct tui_pick *p, const char *key)
{
	for (size_t i = 0; i < p->n_chosen; i++)
		if (strcmp(p->chosen[i], key) == 0) {
			free(p->chosen[i]);
			p->chosen[i] = p->chosen[--p->n_chosen];
			return;
		}
	tui_pick_preset(p, key);
}

void tui_pick_free(struct tui_pick *p)
{
	free(p->filter);
	p->filter = NULL;
	p->filter_cap = 0;
	pick_clear_items(p);
	free(p->items);
	p->items = NULL;
	p->cap = 0;
	for (size_t i = 0; i < p->n_chosen; i++)
		free(p->chosen[i]);
	free(p->chosen);
	p->chosen = NULL;
	p->n_chosen = 0;
}

/* ---- the window -------------------------------------------------------- */

struct pickwin {
	WINDOW *win, *sub;
	PANEL *panel;
	MENU *menu;
	ITEM **items;
	char **names; /* what the menu shows, with [x] in multi mode */
	size_t n;
	int h, w;
};

static void pickwin_close(struct pickwin *pw)
{
	if (pw->menu) {
		unpost_menu(pw->menu);
		free_menu(pw->menu);
	}
	for (size_t i = 0; i < pw->n; i++) {
		if (pw->items)
			free_item(pw->items[i]);
		if (pw->names)
			free(pw->names[i]);
	}
	free(pw->items);
	free(pw->names);
	if (pw->sub)
		delwin(pw->sub);
	if (pw->panel)
		del_panel(pw->panel);
	if (pw->win)
		delwin(pw->win);
	memset(pw, 0, sizeof *pw);
}

static bool pick_prefix(const char *name, const char *prefix);

/* Items whose label starts with the filter first, the others after, each
 * in the source's order ("a" on statuses: active before planned). */
static void pick_rank(struct tui_pick *p)
{
	size_t first = p->new_label ? 1 : 0, k = first;
	struct tui_pick_item *tmp;

	if (!p->filter[0] || p->n <= first + 1)
		return;
	tmp = malloc(p->n * sizeof *tmp);
	if (!tmp)
		return;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = first; i < p->n; i++)
			if (pick_prefix(p->items[i].label, p->filter) == !pass)
				tmp[k++] = p->items[i];
	memcpy(p->items + first, tmp + first, (p->n - first) * sizeof *tmp);
	free(tmp);
}

static int pick_refill(struct tui *t, struct tui_pick *p)
{
	int rc;

	pick_clear_items(p);
	if (p->new_label)
		tui_pick_add(p, p->new_label, PICK_NEW_KEY);
	rc = p->fill(t, p, p->filter);
	pick_rank(p);
	return rc;
}

static int pickwin_open(struct tui *t, struct tui_pick *p, struct pickwin *pw,
                        int cur)
{
	int rows;

	(void)t;
	pw->w = COLS - 10 < 64 ? COLS - 10 : 64;
	rows = (int)p->n;
	if (rows > LINES - 10)
		rows = LINES - 10;
	if (rows < 1)
		rows = 1;
	pw->h = rows + 5;
	pw->win = newwin(pw->h, pw->w, (LINES - pw->h) / 2, (COLS - pw->w) / 2);
	if (!pw->win)
		return -1;
	pw->panel = new_panel(pw->win);
	box(pw->win, 0, 0);
	wattron(pw->win, A_BOLD);
	mvwaddch(pw->win, 0, 1, ' ');
	tui_put(pw->win, 0, 2, pw->w - 6, p->title, false);
	waddch(pw->win, ' ');
	wattroff(pw->win, A_BOLD);
	/* the filter line */
	tui_put(pw->win, 1, 2, pw->w - 4, _("Type to filter:"), false);
	int fx = 3 + (int)utf8_width(_("Type to filter:"));
	/* a long filter: its end, where the typing is */
	const char *shown = tui_tail(p->filter, pw->w - fx - 3);
	wattron(pw->win, A_UNDERLINE);
	tui_put(pw->win, 1, fx, pw->w - fx - 2, shown, true);
	wattroff(pw->win, A_UNDERLINE);
	char keys[256];
	tui_keyline_build(p->multi ? tui_pick_multi_keys : tui_pick_keys,
	                  pw->w - 4, keys, sizeof keys);
	tui_put(pw->win, pw->h - 2, 2, pw->w - 4, keys, false);
	if (p->n == 0) {
		tui_put(pw->win, 2, 4, pw->w - 6, _("(nothing matches)"),
		        false);
		wmove(pw->win, 1, fx + (int)utf8_width(shown));
		return 0;
	}
	pw->n = p->n;
	pw->items = calloc(p->n + 1, sizeof *pw->items);
	pw->names = calloc(p->n, sizeof *pw->names);
	if (!pw->items || !pw->names)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		const char *lab = p->items[i].label;
		size_t cut = utf8_fit(lab, (size_t)pw->w - 12, NULL);
		char *name = malloc(cut + 8);
		if (!name)
			return -1;
		if (p->multi && strcmp(p->items[i].key, PICK_NEW_KEY) != 0 &&
		    strcmp(p->items[i].key, PICK_ALL_KEY) != 0)
			tui_fmt(name, cut + 8, "%s %.*s",
			        pick_is_chosen(p, p->items[i].key) ? "[x]"
			                                           : "[ ]",
			        (int)cut, lab);
		else
			tui_fmt(name, cut + 8, "%.*s", (int)cut, lab);
		pw->names[i] = name;
		pw->items[i] = new_item(name, "");
		if (!pw->items[i])
			return -1;
	}
	pw->menu = new_menu(pw->items);
	if (!pw->menu)
		return -1;
	menu_opts_off(pw->menu, O_SHOWDESC);
	set_menu_win(pw->menu, pw->win);
	pw->sub = derwin(pw->win, rows, pw->w - 4, 2, 2);
	set_menu_sub(pw->menu, pw->sub);
	set_menu_format(pw->menu, rows, 1);
	set_menu_mark(pw->menu, "> ");
	post_menu(pw->menu);
	if (cur > 0 && (size_t)cur < p->n)
		set_current_item(pw->menu, pw->items[cur]);
	pos_menu_cursor(pw->menu);
	return 0;
}

static int pick_current(struct pickwin *pw)
{
	if (!pw->menu)
		return -1;
	ITEM *it = current_item(pw->menu);
	return it ? item_index(it) : -1;
}

/* Set the filter to S (copied); false when out of memory. */
static bool pick_set_filter(struct tui_pick *p, const char *s)
{
	size_t len = strlen(s);

	if (len + 1 > p->filter_cap) {
		size_t cap = len + 64;
		char *f = realloc(p->filter, cap);
		if (!f)
			return false;
		p->filter = f;
		p->filter_cap = cap;
	}
	memcpy(p->filter, s, len + 1);
	return true;
}

/* Drop the last character of the filter. */
static void pick_backspace(struct tui_pick *p)
{
	size_t len = strlen(p->filter);

	while (len > 0) {
		len--;
		if (((unsigned char)p->filter[len] & 0xC0) != 0x80)
			break;
	}
	p->filter[len] = '\0';
}

/* Add character K to the filter, however long it grows (a name typed
 * here becomes the new person's name: nothing is cut). */
static void pick_type(struct tui_pick *p, int k)
{
	char mb[MB_LEN_MAX + 1];
	mbstate_t st;
	size_t len = strlen(p->filter), n;

	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, (wchar_t)k, &st);
	if (n == (size_t)-1)
		return;
	if (len + n + 1 > p->filter_cap) {
		size_t cap = (len + n + 1) * 2;
		char *f = realloc(p->filter, cap);
		if (!f)
			return;
		p->filter = f;
		p->filter_cap = cap;
	}
	memcpy(p->filter + len, mb, n);
	p->filter[len + n] = '\0';
}

/* The first item that is not "new ..." when the filter matches some. */
static int pick_default(const struct tui_pick *p)
{
	if (p->new_label && p->n > 1 && p->filter[0])
		return 1;
	return 0;
}

/* Space in a multiple choice marks while the filter is empty (a filter
 * does not start with a blank) and is typed once it has text, so that
 * "representant för" can be searched. */
static bool pick_space_marks(const struct tui_pick *p, int k)
{
	return k == ' ' && p->multi && !p->filter[0];
}

/* Whether K edits the filter (typed, Backspace, ^U). */
static bool pick_filter_key(const struct tui_pick *p, int k)
{
	return k == TK(KEY_BACKSPACE) || k == 127 || k == TK_CTRL('h') ||
	       k == TK_CTRL('u') ||
	       (tui_key_printable(k) && !pick_space_marks(p, k));
}

/* clang-format off */
#define PICK_BIND_MOVE \
	{ACT_DOWN, {TK(KEY_DOWN), TK_CTRL('n')}, N_("move down"), NULL, false}, \
	{ACT_UP, {TK(KEY_UP), TK_CTRL('p')}, N_("move up"), NULL, false}, \
	{ACT_PGDN, {TK(KEY_NPAGE)}, N_("page down"), NULL, false}, \
	{ACT_PGUP, {TK(KEY_PPAGE)}, N_("page up"), NULL, false}, \
	{ACT_FIRST, {TK(KEY_HOME)}, N_("first"), NULL, false}, \
	{ACT_LAST, {TK(KEY_END)}, N_("last"), NULL, false}
/* clang-format on */

const struct tui_binding tui_pick_keys[] = {
    {ACT_CHOOSE, {'\r'}, N_("choose the item"), N_("choose"), true},
    {ACT_CANCEL, {TK_ESC, TK_CTRL('c')}, N_("cancel"), N_("cancel"), true},
    {ACT_REDRAW, {TK_CTRL('l')}, N_("redraw the screen"), NULL, false},
    PICK_BIND_MOVE,
    TUI_BIND_END,
};

const struct tui_binding tui_pick_multi_keys[] = {
    {ACT_MARK, {'\t'}, N_("mark or unmark the item"), N_("mark"), true},
    {ACT_CHOOSE, {'\r'}, N_("done"), N_("done"), true},
    {ACT_CANCEL, {TK_ESC, TK_CTRL('c')}, N_("cancel"), N_("cancel"), true},
    {ACT_REDRAW, {TK_CTRL('l')}, N_("redraw the screen"), NULL, false},
    PICK_BIND_MOVE,
    TUI_BIND_END,
};

/* Apply filter-editing key K. */
static void pick_edit(struct tui_pick *p, int k)
{
	if (k == TK_CTRL('u'))
		p->filter[0] = '\0';
	else if (k == TK(KEY_BACKSPACE) || k == 127 || k == TK_CTRL('h'))
		pick_backspace(p);
	else
		pick_type(p, k);
}

/* A movement action on the menu: true if ACTION was one. */
static bool pick_move(struct pickwin *pw, int action, int *cur)
{
	int req;

	switch (action) {
	case ACT_DOWN:
		req = REQ_DOWN_ITEM;
		break;
	case ACT_UP:
		req = REQ_UP_ITEM;
		break;
	case ACT_PGDN:
		req = REQ_SCR_DPAGE;
		break;
	case ACT_PGUP:
		req = REQ_SCR_UPAGE;
		break;
	case ACT_FIRST:
		req = REQ_FIRST_ITEM;
		break;
	case ACT_LAST:
		req = REQ_LAST_ITEM;
		break;
	default:
		return false;
	}
	if (pw->menu) {
		menu_driver(pw->menu, req);
		*cur = pick_current(pw);
	}
	return true;
}

int tui_pick_run(struct tui *t, struct tui_pick *p, const char *filter,
                 char **key, char **label)
{
	struct pickwin pw = {0};
	int result = PICK_CANCEL, cur;
	const char *saved_keys = t->modal_keys;
	bool stale = false; /* the filter changed since the items were read */

	if (key)
		*key = NULL;
	if (label)
		*label = NULL;
	if (!pick_set_filter(p, filter ? filter : "") ||
	    pick_refill(t, p) < 0) {
		tui_report(t, LAPE_ERROR);
		return PICK_CANCEL;
	}
	cur = pick_default(p);
	const struct tui_binding *map =
	    p->multi ? tui_pick_multi_keys : tui_pick_keys;
	char keyline[512];
	tui_keyline_build(map, COLS, keyline, sizeof keyline);
	t->modal_keys = keyline;
	tui_render(t);
	for (;;) {
		/* typed ahead (a paste): read it all before the items */
		if (stale && tui_key_pending())
			goto read;
		if (stale) {
			if (pick_refill(t, p) < 0)
				tui_report(t, LAPE_ERROR);
			cur = pick_default(p);
			stale = false;
		}
		pickwin_close(&pw);
		if (pickwin_open(t, p, &pw, cur) != 0)
			break;
		tui_update_panels();
		doupdate();
	read:;
		int k = tui_getkey();
		int act = tui_keymap_action(map, k);
		if (pick_space_marks(p, k))
			act = ACT_MARK;
		if (!stale)
			cur = pick_current(&pw);
		if (k == TK(KEY_RESIZE) || act == ACT_REDRAW) {
			pickwin_close(&pw);
			tui_wait_size(t);
			tui_repaint(t);
			continue;
		}
		if (act == ACT_CANCEL)
			break;
		if (act == ACT_NONE && pick_filter_key(p, k)) {
			pick_edit(p, k);
			stale = true;
			continue;
		}
		if (stale) { /* a choice right after typing: the items anew */
			if (pick_refill(t, p) < 0)
				tui_report(t, LAPE_ERROR);
			cur = pick_default(p);
			stale = false;
			pickwin_close(&pw);
			if (pickwin_open(t, p, &pw, cur) != 0)
				break;
		}
		if ((act == ACT_CHOOSE || act == ACT_MARK) && cur >= 0 &&
		    (size_t)cur < p->n &&
		    strcmp(p->items[cur].key, PICK_ALL_KEY) == 0) {
			p->show_all = true;
			stale = true;
			continue;
		}
		if (act == ACT_CHOOSE) {
			if (cur >= 0 && (size_t)cur < p->n &&
			    strcmp(p->items[cur].key, PICK_NEW_KEY) == 0) {
				result = PICK_NEW;
				break;
			}
			if (p->multi) {
				if (p->n_chosen == 0 && cur >= 0)
					pick_toggle(p, p->items[cur].key);
				result = PICK_CHOSEN;
				break;
			}
			if (cur < 0 || (size_t)cur >= p->n)
				continue;
			if (key)
				*key = strdup(p->items[cur].key);
			if (label)
				*label = strdup(p->items[cur].label);
			result = PICK_CHOSEN;
			break;
		}
		if (act == ACT_MARK) {
			if (cur >= 0 && (size_t)cur < p->n &&
			    strcmp(p->items[cur].key, PICK_NEW_KEY) != 0)
				pick_toggle(p, p->items[cur].key);
			continue;
		}
		pick_move(&pw, act, &cur);
	}
	pickwin_close(&pw);
	t->modal_keys = saved_keys;
	tui_render(t);
	return result;
}

/* ---- sources ----------------------------------------------------------- */

struct pick_walk {
	struct tui_pick *p;
	const char *filter;
	int pass; /* 0: names that start with the filter, 1: the others */
};

/* Whether NAME starts with PREFIX, by their utf8_key(): case and accents
 * aside, as the command line's lookups and tui_match() compare ("Ähtäri"
 * starts with "AHT"). */
static bool pick_prefix(const char *name, const char *prefix)
{
	size_t nlen = 0, plen = 0;
	char *nk, *pk;
	bool ok;

	if (!*prefix)
		return true;
	nk = utf8_key(name, strlen(name), &nlen);
	pk = utf8_key(prefix, strlen(prefix), &plen);
	ok = nk && pk && plen <= nlen && memcmp(nk, pk, plen) == 0;
	free(nk);
	free(pk);
	return ok;
}

static int pick_region_cb(const struct region *r, void *ctx)
{
	struct pick_walk *w = ctx;
	char label[160];
	bool prefix = pick_prefix(r->name_fi, w->filter) ||
	              pick_prefix(r->name_sv, w->filter) ||
	              strncmp(r->code, w->filter, strlen(w->filter)) == 0;

	if (w->pass == 0 ? !prefix
	                 : prefix || (!tui_match(r->name_fi, w->filter) &&
	                              !tui_match(r->name_sv, w->filter)))
		return 0;
	if (strcmp(r->name_fi, r->name_sv) != 0)
		tui_fmt(label, sizeof label, "%s (%s)",
		        i18n_pick(r->name_fi, r->name_sv),
		        i18n_pick(r->name_sv, r->name_fi));
	else
		tui_fmt(label, sizeof label, "%s", r->name_fi);
	tui_pick_add(w->p, label, r->code);
	return 0;
}

/* Regions whose Finnish or Swedish name starts with F first, then those
 * that contain it. */
int tui_pick_fill_region(struct tui *t, struct tui_pick *p, const char *f)
{
	struct pick_walk w = {p, f ? f : "", 0};
	int rc = region_list(t->db, true, pick_region_cb, &w);

	if (rc < 0 || !*w.filter)
		return rc;
	w.pass = 1;
	return region_list(t->db, true, pick_region_cb, &w);
}

char *tui_municipality_label(const struct municipality *m)
{
	char *s = NULL;
	const char *a = i18n_pick(m->name_fi, m->name_sv);
	const char *b = i18n_pick(m->name_sv, m->name_fi);

	if (strcmp(a, b) != 0) {
		if (asprintf(&s, "%s (%s)", a, b) < 0)
			s = NULL;
	} else {
		s = strdup(a);
	}
	return s;
}

static int pick_municipality_cb(const struct municipality *m, void *ctx)
{
	struct tui_pick *p = ctx;
	char *label = tui_municipality_label(m);

	tui_pick_add(p, label, m->code);
	free(label);
	return 0;
}

int tui_pick_fill_municipality(struct tui *t, struct tui_pick *p, const char *f)
{
	return municipality_list(t->db, p->ctx, f && *f ? f : NULL,
	                         pick_municipality_cb, p);
}

static void pick_sector(struct tui *t, struct tui_pick *p, const char *f, int i)
{
	const struct rules_sector *s = &t->rules->sectors[i];

	for (size_t j = 0; j < p->n; j++)
		if (strcmp(p->items[j].key, s->key) == 0)
			return;
	if (tui_match(s->label_fi, f) || tui_match(s->label_sv, f) ||
	    tui_match(s->label_en, f) || tui_match(s->key, f))
		tui_pick_add(p, rules_sector_label(t->rules, s->key), s->key);
}

int tui_pick_fill_sector(struct tui *t, struct tui_pick *p, const char *f)
{
	const int *level = p->ctx;

	/* the level's required sectors, and those already chosen; the
	 * others behind "show all" */
	if (level && *level >= 0 && *level <= 1) {
		const struct rules_level *l = &t->rules->level[*level];
		for (size_t i = 0; i < l->n_required; i++)
			pick_sector(t, p, f, l->required[i]);
		if (!p->show_all) {
			for (size_t i = 0; i < t->rules->n_sectors; i++)
				if (pick_is_chosen(p, t->rules->sectors[i].key))
					pick_sector(t, p, f, (int)i);
			if (p->n < t->rules->n_sectors)
				tui_pick_add(p, _("(show all sectors)"),
				             PICK_ALL_KEY);
			return 0;
		}
	}
	for (size_t i = 0; i < t->rules->n_sectors; i++)
		pick_sector(t, p, f, (int)i);
	return 0;
}

int tui_pick_fill_role(struct tui *t, struct tui_pick *p, const char *f)
{
	static const enum member_role roles[] = {
	    ROLE_MEMBER, ROLE_CHAIR, ROLE_VICE_CHAIR, ROLE_SECRETARY};
	char key[24];

	(void)t;
	for (size_t i = 0; i < 4; i++) {
		if (!tui_match(role_label(roles[i]), f) &&
		    !tui_match(role_key(roles[i]), f))
			continue;
		tui_fmt(key, sizeof key, "%d", (int)roles[i]);
		tui_pick_add(p, role_label(roles[i]), key);
	}
	return 0;
}

static int pick_person_cb(const struct person *pe, void *ctx)
{
	struct tui_pick *p = ctx;
	char *name = person_display_name(pe), *label = NULL, key[24];

	if (name && pe->organisation && *pe->organisation) {
		if (asprintf(&label, "%s — %s", name, pe->organisation) < 0)
			label = NULL;
	}
	tui_fmt(key, sizeof key, "%lld", (long long)pe->id);
	tui_pick_add(p, label ? label : name ? name : "?", key);
	free(label);
	free(name);
	return 0;
}

int tui_pick_fill_person(struct tui *t, struct tui_pick *p, const char *f)
{
	return person_list(t->db, f && *f ? f : NULL, 0, 200, pick_person_cb,
	                   p);
}

static int pick_group_cb(const struct group *g, void *ctx)
{
	struct tui_pick *p = ctx;
	char key[24];

	tui_fmt(key, sizeof key, "%lld", (long long)g->id);
	tui_pick_add(p, g->name, key);
	return 0;
}

int tui_pick_fill_regional_group(struct tui *t, struct tui_pick *p,
                                 const char *f)
{
	struct group_filter gf = GROUP_FILTER_ALL;

	gf.level = LEVEL_REGIONAL;
	gf.search = f && *f ? f : NULL;
	return group_list(t->db, &gf, 0, 200, pick_group_cb, p);
}
