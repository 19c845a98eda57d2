/* tui-dialog.c -- small modal windows: yes/no questions, messages, the
 * one-line prompt on the message line (form library) and the "changed by
 * someone else" comparison.  Each survives a resize by rebuilding its
 * window after the screen below is repainted. */

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

struct box {
	WINDOW *win;
	PANEL *panel;
	int h, w;
};

static void box_close(struct box *b)
{
	if (b->panel)
		del_panel(b->panel);
	if (b->win)
		delwin(b->win);
	b->panel = NULL;
	b->win = NULL;
}

static int box_open(struct box *b, int h, int w, const char *title)
{
	if (h > LINES - 2)
		h = LINES - 2;
	if (w > COLS - 2)
		w = COLS - 2;
	b->h = h;
	b->w = w;
	b->win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (!b->win)
		return -1;
	b->panel = new_panel(b->win);
	box(b->win, 0, 0);
	if (title && *title) {
		wattron(b->win, A_BOLD);
		mvwaddch(b->win, 0, 1, ' ');
		int n = tui_put(b->win, 0, 2, w - 4, title, false);
		waddch(b->win, ' ');
		(void)n;
		wattroff(b->win, A_BOLD);
	}
	return 0;
}

/* Split S into lines of at most WIDTH columns at blanks; returns how many
 * were stored (at most MAX), each a malloc'd string. */
static size_t wrap(const char *s, int width, char **out, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		size_t len = tui_wrap_next(s, width);
		out[n++] = strndup(s, len);
		s += len;
		while (*s == ' ')
			s++;
	}
	return n;
}

static void free_lines(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
}

/* Show LINES in a box with KEYS on its last row; return the key. */
static int box_run(struct tui *t, const char *title, char *const *lines,
                   size_t n, const char *keys, bool (*accept)(int k))
{
	struct box b = {0};
	int w = 20, k;

	for (size_t i = 0; i < n; i++)
		if ((int)utf8_width(lines[i]) + 4 > w)
			w = (int)utf8_width(lines[i]) + 4;
	if ((int)utf8_width(keys) + 4 > w)
		w = (int)utf8_width(keys) + 4;
	if (title && (int)utf8_width(title) + 6 > w)
		w = (int)utf8_width(title) + 6;
	for (;;) {
		if (box_open(&b, (int)n + 4, w, title) != 0)
			return TK_ESC;
		for (size_t i = 0; i < n && (int)i < b.h - 4; i++)
			tui_put(b.win, 1 + (int)i, 2, b.w - 4, lines[i], false);
		tui_put(b.win, b.h - 2, 2, b.w - 4, keys, false);
		wmove(b.win, b.h - 2, 2);
		tui_update_panels();
		doupdate();
		k = tui_getkey();
		box_close(&b);
		if (k == TK(KEY_RESIZE)) {
			tui_wait_size(t);
			tui_repaint(t);
			continue;
		}
		if (k == TK_CTRL('l')) {
			tui_repaint(t);
			continue;
		}
		if (!accept || accept(k))
			break;
	}
	tui_render(t);
	return k;
}

static bool confirm_accept(int k)
{
	return tui_key_yes(k) || tui_key_no(k);
}

bool tui_confirm(struct tui *t, const char *question)
{
	char *lines[16] = {0}; /* two 300-character names fit */
	size_t n = wrap(question, 56, lines, 16);
	int k;

	k = box_run(t, _("Confirm"), lines, n, _("y: yes   n, Esc: no"),
	            confirm_accept);
	free_lines(lines, n);
	return tui_key_yes(k);
}

bool tui_confirm_text(struct tui *t, const char *title, const char *text,
                      const char *question)
{
	char *lines[32] = {0};
	size_t n = 0;
	int k;

	/* never answered by what was typed ahead */
	tui_key_flush();
	for (const char *p = text ? text : ""; *p && n < 24;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		if (!line)
			break;
		n += wrap(line, 64, lines + n, 24 - n);
		free(line);
		p += len + (nl ? 1 : 0);
	}
	if (n < 31)
		lines[n++] = strdup("");
	n += wrap(question, 64, lines + n, 32 - n);
	k = box_run(t, title, lines, n, _("y: yes   n, Esc: no"),
	            confirm_accept);
	free_lines(lines, n);
	return tui_key_yes(k);
}

bool tui_confirm_discard(struct tui *t)
{
	char *lines[1] = {(char *)_("Discard your changes?")};
	int k;

	/* not answered by what was typed ahead: the rest of a paste, or an
	 * Alt-key's letter after its ESC */
	tui_key_flush();
	k = box_run(t, _("Discard"), lines, 1,
	            _("y: discard them   n, Esc: keep editing"),
	            confirm_accept);
	return tui_key_yes(k);
}

int tui_message(struct tui *t, const char *title, const char *const *text,
                size_t n, const char *keys)
{
	char *lines[32] = {0};
	size_t m = 0;
	int k;

	for (size_t i = 0; i < n && m < 32; i++) {
		if (!*text[i])
			lines[m++] = strdup("");
		else
			m += wrap(text[i], 70, lines + m, 32 - m);
	}
	k = box_run(t, title, lines, m, keys ? keys : _("Press any key"), NULL);
	free_lines(lines, m);
	return k;
}

/* ---- the prompt on the message line ------------------------------------ */

struct prompt {
	WINDOW *win;
	PANEL *panel;
	FIELD *fields[2];
	FORM *form;
};

static void prompt_close(struct prompt *p)
{
	if (p->form) {
		unpost_form(p->form);
		free_form(p->form);
	}
	if (p->fields[0])
		free_field(p->fields[0]);
	if (p->panel)
		del_panel(p->panel);
	if (p->win)
		delwin(p->win);
	memset(p, 0, sizeof *p);
}

/* The text of a form field without trailing blanks; caller frees. */
static char *field_text(FORM *form, FIELD *f)
{
	char *s;
	size_t len;

	form_driver(form, REQ_VALIDATION);
	s = strdup(field_buffer(f, 0));
	if (!s)
		return NULL;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		s[--len] = '\0';
	return s;
}

static int prompt_open(struct prompt *p, const char *label, const char *text)
{
	int lw = (int)utf8_width(label) + 1;

	p->win = newwin(1, COLS, LINES - 2, 0);
	if (!p->win)
		return -1;
	p->panel = new_panel(p->win);
	p->fields[0] = new_field(1, COLS - lw - 1, 0, lw, 0, 0);
	if (!p->fields[0])
		return -1;
	field_opts_off(p->fields[0], O_STATIC | O_AUTOSKIP | O_BLANK);
	set_max_field(p->fields[0], 0); /* as long as typed: nothing cut */
	set_field_back(p->fields[0], A_UNDERLINE);
	if (text)
		set_field_buffer(p->fields[0], 0, text);
	p->form = new_form(p->fields);
	if (!p->form)
		return -1;
	set_form_win(p->form, p->win);
	set_form_sub(p->form, p->win);
	post_form(p->form);
	tui_put(p->win, 0, 0, lw, label, true);
	form_driver(p->form, REQ_END_LINE);
	return 0;
}

/* Apply editing key K to a form: true if it was one. */
bool tui_form_edit_key(FORM *form, int k)
{
	int req = 0;

	switch (k) {
	case TK(KEY_LEFT):
		req = REQ_PREV_CHAR;
		break;
	case TK(KEY_RIGHT):
		req = REQ_NEXT_CHAR;
		break;
	case TK(KEY_HOME):
	case TK_CTRL('a'):
		req = REQ_BEG_LINE;
		break;
	case TK(KEY_END):
	case TK_CTRL('e'):
		req = REQ_END_LINE;
		break;
	case TK(KEY_BACKSPACE):
	case 127:
	case TK_CTRL('h'):
		req = REQ_DEL_PREV;
		break;
	case TK(KEY_DC):
	case TK_CTRL('d'):
		req = REQ_DEL_CHAR;
		break;
	case TK_CTRL('u'):
		req = REQ_CLR_FIELD;
		break;
	case TK_CTRL('k'):
		req = REQ_CLR_EOL;
		break;
	default:
		if (tui_key_printable(k)) {
			form_driver_w(form, OK, (wchar_t)k);
			return true;
		}
		return false;
	}
	form_driver(form, req);
	return true;
}

char *tui_prompt(struct tui *t, const char *label, const char *initial,
                 void (*changed)(struct tui *, const char *, void *), void *arg)
{
	struct prompt p = {0};
	char *text = strdup(initial ? initial : "");
	char *result = NULL;
	const char *saved_keys = t->modal_keys;

	t->modal_keys = _("Enter: done   Esc: cancel   ^U: clear");
	tui_render(t);
	if (!text || prompt_open(&p, label, text) != 0)
		goto out;
	for (;;) {
		/* a paste comes as a burst of keys: take them all, then
		 * search and show once */
		if (!tui_key_pending()) {
			char *now = field_text(p.form, p.fields[0]);
			if (!now)
				break;
			if (changed && strcmp(now, text) != 0)
				changed(t, now, arg);
			free(text);
			text = now;
			pos_form_cursor(p.form);
			tui_update_panels();
			doupdate();
		}
		int k = tui_getkey();
		if (k == TK(KEY_RESIZE) || k == TK_CTRL('l')) {
			free(text);
			text = field_text(p.form, p.fields[0]);
			prompt_close(&p);
			tui_wait_size(t);
			tui_repaint(t);
			if (!text || prompt_open(&p, label, text) != 0)
				goto out;
			continue;
		}
		if (k == TK_ESC || k == TK_CTRL('c'))
			break;
		if (tui_key_enter(k)) {
			result = field_text(p.form, p.fields[0]);
			break;
		}
		tui_form_edit_key(p.form, k);
	}
out:
	prompt_close(&p);
	free(text);
	t->modal_keys = saved_keys;
	return result;
}

/* ---- someone else changed the record ----------------------------------- */

/* Line L (0, 1...) of S wrapped in COLS columns at blanks, into BUF: the
 * last line allowed (L + 1 == MAX) ends with an ellipsis if more follows.
 * Returns how many lines S takes. */
static int conflict_wrap(const char *s, int cols, int l, int max, char *buf,
                         size_t len)
{
	int n = 0;

	buf[0] = '\0';
	while (*s) {
		size_t take = tui_wrap_next(s, cols);
		if (n == l) {
			if (n + 1 == max && s[take] != '\0')
				tui_fit(buf, len, s, cols); /* the rest cut */
			else
				tui_fmt(buf, len, "%.*s", (int)take, s);
		}
		n++;
		s += take;
		while (*s == ' ')
			s++;
	}
	return n;
}

int tui_conflict(struct tui *t, struct tui_form *f, char *const *theirs,
                 const char *who)
{
	char *lines[40];
	size_t n = 0;
	int col = 18, k;
	/* rows for the fields: the box is at most LINES - 2 high, with its
	 * frame, the key line and a blank above it, the text, who, a blank
	 * and the heading */
	int room = LINES - 2 - 4 - 3 - (who && *who ? 1 : 0);
	int rows = 0, spare;

	/* the labels whole ("Mandate given by", "Olemassa oleva toimielin"),
	 * within half of the screen; the two values share the rest */
	for (size_t i = 0; i < f->n; i++) {
		int lw = (int)utf8_width(_(f->fields[i].label)) + 3;
		if (lw > col)
			col = lw;
	}
	if (col > (COLS - 8) / 2)
		col = (COLS - 8) / 2;
	int vw = (COLS - 8 - col) / 2;

	/* a field empty on both sides says nothing: left out; a changed
	 * value too long takes more lines (up to three) while there is
	 * room */
	for (size_t i = 0; i < f->n; i++) {
		const char *mine = f->fields[i].value ? f->fields[i].value : "";
		const char *other = theirs[i] ? theirs[i] : "";
		if (*mine || *other)
			rows++;
	}
	spare = room - rows;

	lines[n++] = strdup(_("Someone else saved this record after you "
	                      "opened it."));
	if (who && *who)
		lines[n++] = strdup(who);
	lines[n++] = strdup("");
	char head[400], h1[160], h2[160];
	/* padded by display width, not bytes ("Kenttä", "Fält") */
	tui_pad(h1, sizeof h1, _("Field"), col - 2);
	tui_pad(h2, sizeof h2, _("Yours"), vw);
	tui_fmt(head, sizeof head, "  %s%s%s", h1, h2, _("Theirs (saved)"));
	lines[n++] = strdup(head);
	for (size_t i = 0; i < f->n && n < 37; i++) {
		const char *mine = f->fields[i].value ? f->fields[i].value : "";
		const char *other = theirs[i] ? theirs[i] : "";
		const char *label = _(f->fields[i].label);
		bool diff = strcmp(mine, other) != 0;
		char b[256], c[256], pa[160], pb[320], fb[320];
		int max = 1;

		if (!*mine && !*other)
			continue;
		if (!diff) { /* the same on both sides: shown once */
			char *line = malloc(768);
			if (!line)
				break;
			tui_fit(fb, sizeof fb, label, col - 3);
			tui_pad(pa, sizeof pa, fb, col - 2);
			tui_fit(b, sizeof b, mine, 2 * vw - 1);
			tui_pad(pb, sizeof pb, b, 2 * vw);
			tui_fmt(line, 768, "  %s%s", pa, pb);
			lines[n++] = line;
			continue;
		}
		if (spare > 0) {
			int la =
			    conflict_wrap(mine, vw - 1, 0, 99, b, sizeof b);
			int lb =
			    conflict_wrap(other, vw - 1, 0, 99, c, sizeof c);
			max = la > lb ? la : lb;
			if (max > 3)
				max = 3;
			if (max - 1 > spare)
				max = 1 + spare;
			spare -= max - 1;
		}
		for (int l = 0; l < max && n < 37; l++) {
			char *line = malloc(768);
			if (!line)
				break;
			conflict_wrap(mine, vw - 1, l, max, b, sizeof b);
			conflict_wrap(other, vw - 1, l, max, c, sizeof c);
			tui_fit(fb, sizeof fb, l == 0 ? label : "", col - 3);
			tui_pad(pa, sizeof pa, fb, col - 2);
			tui_pad(pb, sizeof pb, b, vw);
			tui_pad(fb, sizeof fb, c, vw);
			tui_fmt(line, 768, "%s %s%s%s", l == 0 ? "*" : " ", pa,
			        pb, fb);
			lines[n++] = line;
		}
	}
	k = box_run(t, _("Changed by someone else"), lines, n,
	            _("o: overwrite with yours   d: discard yours   Esc: keep "
	              "editing"),
	            NULL);
	free_lines(lines, n);
	if (k == 'o' || k == 'O')
		return 'o';
	if (k == 'd' || k == 'D')
		return 'd';
	return 0;
}
