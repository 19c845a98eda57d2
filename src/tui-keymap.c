/* tui-keymap.c -- the screens' keymaps (tig's model): each screen has one
 * table of bindings (keys, action, help text, key-line word), and its
 * dispatch, its help screen and its key line all come from it.  Key names
 * are shown in the language in use. */

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
#include <wchar.h>

#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

const struct tui_binding tui_keys_everywhere[] = {
    {ACT_REDRAW,
     {TK_CTRL('l')},
     N_("redraw the screen, read the data anew"),
     NULL,
     false},
    {ACT_UNDO,
     {'u'},
     N_("undo your last change since lape started (again: the one before)"),
     NULL,
     false},
    {ACT_REDO, {TK_CTRL('r')}, N_("redo what undo took back"), NULL, false},
    {ACT_QUIT, {'Q', TK_CTRL('c')}, N_("quit lape"), NULL, false},
    TUI_BIND_END,
};

const struct tui_binding *const tui_modal_keymaps[] = {
    tui_form_keys,
    tui_pick_keys,
    tui_pick_multi_keys,
    NULL,
};

static bool keymap_has(const struct tui_binding *b, int k)
{
	for (size_t i = 0; i < TUI_BIND_KEYS && b->keys[i]; i++)
		if (b->keys[i] == k)
			return true;
	return false;
}

/* Enter comes as \r, \n or KEY_ENTER; Backspace as 127, ^H or
 * KEY_BACKSPACE: a binding names one of each, all of them work. */
static int keymap_canon(int k)
{
	if (k == '\n' || k == TK(KEY_ENTER))
		return '\r';
	if (k == 127 || k == TK_CTRL('h'))
		return TK(KEY_BACKSPACE);
	return k;
}

int tui_keymap_action(const struct tui_binding *map, int k)
{
	k = keymap_canon(k);
	for (const struct tui_binding *b = map; b && b->action; b++)
		if (keymap_has(b, k))
			return b->action;
	return ACT_NONE;
}

const struct tui_binding *tui_keymap_find(const struct tui_binding *map,
                                          int action)
{
	for (const struct tui_binding *b = map; b && b->action; b++)
		if (b->action == action)
			return b;
	return NULL;
}

/* The keys that have a name of their own in the help and key lines. */
static const struct {
	int key;
	const char *name;
} key_names[] = {
    {'\r', NC_("key", "Enter")},
    {TK_ESC, NC_("key", "Esc")},
    {'\t', NC_("key", "Tab")},
    {' ', NC_("key", "Space")},
    {TK(KEY_BTAB), NC_("key", "Shift-Tab")},
    {TK(KEY_BACKSPACE), NC_("key", "Backspace")},
    {TK(KEY_DC), NC_("key", "Delete")},
    {TK(KEY_UP), NC_("key", "Up")},
    {TK(KEY_DOWN), NC_("key", "Down")},
    {TK(KEY_LEFT), NC_("key", "Left")},
    {TK(KEY_RIGHT), NC_("key", "Right")},
    {TK(KEY_NPAGE), NC_("key", "PgDn")},
    {TK(KEY_PPAGE), NC_("key", "PgUp")},
    {TK(KEY_HOME), NC_("key", "Home")},
    {TK(KEY_END), NC_("key", "End")},
};

const char *tui_key_name(int k, char *buf, size_t len)
{
	const char *name = NULL;
	int canon = keymap_canon(k);

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == canon)
			name = C_("key", key_names[i].name);
	if (name) {
		tui_fmt(buf, len, "%s", name);
	} else if (k & TK_FN) {
		int c = k & ~TK_FN;
		if (c >= KEY_F(1) && c <= KEY_F(12))
			tui_fmt(buf, len, "F%d", c - KEY_F(0));
		else
			tui_fmt(buf, len, "%s", keyname(c) ? keyname(c) : "?");
	} else if (k > 0 && k < ' ') {
		tui_fmt(buf, len, "^%c", k + '@');
	} else {
		mbstate_t st;
		char mb[8];
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)k, &st);
		if (n == (size_t)-1)
			n = 0;
		mb[n] = '\0';
		tui_fmt(buf, len, "%s", mb);
	}
	return buf;
}

void tui_binding_keys(const struct tui_binding *b, char *buf, size_t len)
{
	size_t off = 0;
	char name[64];

	buf[0] = '\0';
	for (size_t i = 0; i < TUI_BIND_KEYS && b->keys[i] && off < len; i++) {
		tui_key_name(b->keys[i], name, sizeof name);
		int w =
		    tui_fmt(buf + off, len - off, "%s%s", i ? ", " : "", name);
		if (w < 0)
			break;
		off += (size_t)w;
	}
}

/* "KEY:word" of binding B into BUF. */
static void keyline_item(const struct tui_binding *b, char *buf, size_t len)
{
	char name[64];

	tui_key_name(b->keys[0], name, sizeof name);
	tui_fmt(buf, len, "%s:%s", name, _(b->word));
}

void tui_keyline_build(const struct tui_binding *map, int cols, char *buf,
                       size_t len)
{
	const struct tui_binding *items[64];
	size_t n = 0, width = 0;
	char item[128];

	for (const struct tui_binding *b = map; b && b->action && n < 64; b++)
		if (b->word)
			items[n++] = b;
	/* drop the last bindings that may give way until the rest fits */
	for (;;) {
		width = 0;
		for (size_t i = 0; i < n; i++) {
			keyline_item(items[i], item, sizeof item);
			width += utf8_width(item) + (i ? 1 : 0);
		}
		if ((int)width <= cols)
			break;
		size_t drop = n;
		while (drop > 0 && items[drop - 1]->keep)
			drop--;
		if (drop == 0)
			break;
		memmove(items + drop - 1, items + drop,
		        (n - drop) * sizeof *items);
		n--;
	}
	size_t off = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && off < len; i++) {
		keyline_item(items[i], item, sizeof item);
		int w =
		    tui_fmt(buf + off, len - off, "%s%s", i ? " " : "", item);
		if (w < 0)
			break;
		off += (size_t)w;
	}
}

/* ---- answers to a question --------------------------------------------- */

/* TRANSLATORS: the key that answers yes to a question: one letter that no
 * list uses for moving (j, k, g, G) and that cannot be typed by accident;
 * the English y is always accepted too.  Uppercase asks for Shift: "K" for
 * kyllä, "J" for ja. */
#define YES_KEY N_("y")

static int yes_key(void)
{
	const char *yes = _(YES_KEY);
	wchar_t wc = 0;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	if (mbrtowc(&wc, yes, strlen(yes), &st) > 4)
		return 'y';
	return (int)wc;
}

bool tui_key_yes(int k)
{
	return k == 'y' || k == 'Y' || k == yes_key();
}

bool tui_key_no(int k)
{
	return k == 'n' || k == 'N' || k == TK_ESC || k == 'q';
}

/* ---- the check ----------------------------------------------------------- */

static bool keymap_check_map(const struct tui_binding *map, const char *of,
                             bool screen)
{
	bool ok = true;
	char name[64];

	for (const struct tui_binding *a = map; a && a->action; a++) {
		for (size_t i = 0; i < TUI_BIND_KEYS && a->keys[i]; i++) {
			int k = keymap_canon(a->keys[i]);
			int act = tui_keymap_action(map, k);
			if (act != a->action) {
				fprintf(stderr,
				        "lape: keymap of %s: %s does two "
				        "things\n",
				        of, tui_key_name(k, name, sizeof name));
				ok = false;
			}
		}
		for (const struct tui_binding *e = tui_keys_everywhere;
		     screen && e->action; e++)
			for (size_t i = 0; i < TUI_BIND_KEYS && a->keys[i]; i++)
				if (keymap_has(e, keymap_canon(a->keys[i]))) {
					fprintf(stderr,
					        "lape: keymap of %s: a key "
					        "that works everywhere\n",
					        of);
					ok = false;
				}
		if (!a->word)
			continue;
		for (const struct tui_binding *b = a + 1; b->action; b++)
			if (b->word && strcmp(_(a->word), _(b->word)) == 0) {
				fprintf(stderr,
				        "lape: keymap of %s: two keys say "
				        "\"%s\"\n",
				        of, _(a->word));
				ok = false;
			}
	}
	return ok;
}

bool tui_keymaps_check(void)
{
	bool ok = true;
	int yes = yes_key();
	char name[64];

	for (size_t i = 0; tui_screens[i]; i++)
		ok &= keymap_check_map(tui_screens[i]->keymap,
		                       tui_screens[i]->name, true);
	/* a key that moves in a list never answers yes */
	int act = tui_keymap_action(screen_groups.keymap, yes);
	for (size_t i = 0; tui_modal_keymaps[i]; i++)
		ok &= keymap_check_map(tui_modal_keymaps[i], "a form or list",
		                       false);
	if (act >= ACT_DOWN && act <= ACT_LAST) {
		fprintf(stderr, "lape: the yes key %s moves in lists\n",
		        tui_key_name(yes, name, sizeof name));
		ok = false;
	}
	if (tui_key_no(yes)) {
		fprintf(stderr, "lape: the yes key %s also says no\n",
		        tui_key_name(yes, name, sizeof name));
		ok = false;
	}
	return ok;
}
