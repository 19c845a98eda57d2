/* tui-help.c -- the help screen: the keys of the screen it was opened
 * from, named in the language in use and read from that screen's keymap,
 * then the keys that work everywhere. */

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

#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

struct help_row {
	char keys[160];   /* named, in the language in use */
	const char *what; /* N_() */
	bool heading;
};

/* A row on the screen: a help line too long for one is wrapped. */
struct help_line {
	const char *keys;
	char what[200];
	bool heading;
};

struct help {
	const struct screen_ops *of;
	struct help_row rows[80];
	size_t n;
	int key_w;
	struct help_line lines[160];
	size_t n_lines;
	int cols; /* the width the lines were wrapped for */
	struct tui_list list;
};

/* The rows wrapped into lines for a screen COLS wide. */
static void help_wrap(struct help *h, int cols)
{
	int w = cols - 2 - h->key_w - 2;

	h->n_lines = 0;
	h->cols = cols;
	for (size_t i = 0; i < h->n; i++) {
		const struct help_row *r = &h->rows[i];
		const char *s = r->what && *r->what ? _(r->what) : "";
		int width = r->heading ? cols - 2 : w;
		bool first = true;
		do {
			struct help_line *l;
			size_t len = tui_wrap_next(s, width);
			if (h->n_lines >= ARRAY_LEN(h->lines))
				return;
			l = &h->lines[h->n_lines++];
			l->keys = first ? r->keys : "";
			l->heading = r->heading;
			tui_fmt(l->what, sizeof l->what, "%.*s", (int)len, s);
			s += len;
			while (*s == ' ')
				s++;
			first = false;
		} while (*s);
	}
	tui_list_reset(&h->list, h->n_lines);
}

static void help_add(struct help *h, const struct tui_binding *b,
                     const char *text, bool heading)
{
	struct help_row *r;

	if (h->n >= ARRAY_LEN(h->rows))
		return;
	r = &h->rows[h->n++];
	r->keys[0] = '\0';
	if (b)
		tui_binding_keys(b, r->keys, sizeof r->keys);
	r->what = b ? b->help : text;
	r->heading = heading;
}

static void help_row(void *owner, size_t i, int y, int x, int w)
{
	struct help *h = owner;
	const struct help_line *l = &h->lines[i];

	attron(A_BOLD);
	if (l->heading) {
		tui_put(stdscr, y, x, w, l->what, false);
		attroff(A_BOLD);
		return;
	}
	tui_put(stdscr, y, x, h->key_w, l->keys, false);
	attroff(A_BOLD);
	tui_put(stdscr, y, x + h->key_w + 2, w - h->key_w - 2, l->what, false);
}

static const char *const help_forms[] = {
    N_("In a form, F1 lists its keys."),
};

static int help_open(struct tui *t, struct screen *s, const void *arg)
{
	struct help *h = calloc(1, sizeof *h);

	(void)t;
	if (!h)
		return -1;
	s->data = h;
	h->of = arg;
	for (const struct tui_binding *b = h->of->keymap; b && b->action; b++)
		help_add(h, b, NULL, false);
	help_add(h, NULL, "", false);
	help_add(h, NULL, N_("Everywhere:"), true);
	for (const struct tui_binding *b = tui_keys_everywhere; b->action; b++)
		help_add(h, b, NULL, false);
	help_add(h, NULL, "", false);
	for (size_t i = 0; i < ARRAY_LEN(help_forms); i++)
		help_add(h, NULL, help_forms[i], true);
	/* the keys' column as wide as its widest (in this language) */
	h->key_w = 8;
	for (size_t i = 0; i < h->n; i++) {
		int w = (int)utf8_width(h->rows[i].keys);
		if (!h->rows[i].heading && w > h->key_w)
			h->key_w = w;
	}
	if (h->key_w > 34)
		h->key_w = 34;
	tui_list_init(&h->list, NULL, help_row, h);
	help_wrap(h, COLS);
	return 0;
}

static void help_draw(struct tui *t, struct screen *s)
{
	struct help *h = s->data;
	char buf[160];

	tui_fmt(buf, sizeof buf, _("Help: keys of the %s screen"),
	        _(h->of->name));
	tui_title(t, buf);
	if (h->cols != COLS)
		help_wrap(h, COLS);
	tui_list_place(&h->list, 2, 0, tui_bottom() - 2, COLS);
	tui_list_draw(t, &h->list);
}

static bool help_act(struct tui *t, struct screen *s, int action, int k)
{
	struct help *h = s->data;

	(void)k;
	if (tui_list_act(&h->list, action))
		return true;
	if (action == ACT_HELP) { /* ? again: close */
		tui_pop(t);
		return true;
	}
	return false;
}

static void help_close(struct tui *t, struct screen *s)
{
	(void)t;
	free(s->data);
	s->data = NULL;
}

static const struct tui_binding help_keys[] = {
    TUI_BIND_MOVE,
    {ACT_HELP,
     {'?', TK(KEY_F(1)), '\r'},
     N_("close the help"),
     N_("close"),
     true},
    TUI_BIND_BACK,
    TUI_BIND_END,
};

const struct screen_ops screen_help = {
    .name = N_("Help"),
    .open = help_open,
    .draw = help_draw,
    .act = help_act,
    .close = help_close,
    .keymap = help_keys,
};
