/* tui-form.c -- record forms on the form library: one row per field with
 * its label, the field (wide-character input with form_driver_w) and the
 * message beside it.  Values live in struct tui_field, not in the curses
 * fields, so the window can be torn down and rebuilt on a resize without
 * losing what was typed.  Esc leaves without writing anything, and asks
 * first when something was changed. */

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

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

enum { FORM_LABEL_X = 2, FORM_LABEL_W = 22, FORM_FIRST_ROW = 2 };

void tui_field_set(struct tui_field *fd, const char *value, const char *key)
{
	char *v = strdup(value ? value : "");
	char *k = key ? strdup(key) : NULL;

	free(fd->value);
	free(fd->key);
	fd->value = v;
	fd->key = k;
}

struct tui_field *tui_form_field(struct tui_form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

const char *tui_form_text(struct tui_form *f, const char *name)
{
	struct tui_field *fd = tui_form_field(f, name);

	return fd && fd->value ? fd->value : "";
}

/* Characters (not bytes) in the LEN bytes at S. */
static size_t form_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

void tui_form_error(struct tui *t, struct tui_form *f, const char *name,
                    const char *msg)
{
	struct tui_field *fd = name ? tui_form_field(f, name) : NULL;

	if (fd) {
		tui_fmt(fd->msg, sizeof fd->msg, "%s", msg);
		/* over its limit: the message goes once it is back under */
		fd->over = fd->max && fd->value &&
		           form_chars(fd->value, strlen(fd->value)) > fd->max;
	}
	if (!t->msg[0] || t->msg_kind != MSG_ERROR) {
		if (fd)
			tui_msg(t, MSG_ERROR, "%s: %s", _(fd->label), msg);
		else
			tui_msg(t, MSG_ERROR, "%s", msg);
	}
}

void tui_form_free(struct tui_form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->fields[i].value);
		free(f->fields[i].key);
		f->fields[i].value = f->fields[i].key = NULL;
	}
}

bool tui_form_date(struct tui *t, struct tui_form *f, const char *name,
                   char out[11])
{
	const char *s = tui_form_text(f, name);

	out[0] = '\0';
	if (!*s)
		return true;
	if (date_parse(s, out) == 0)
		return true;
	out[0] = '\0';
	tui_form_error(t, f, name,
	               _("not a date: write 2016-10-01 or 1.10.2016"));
	return false;
}

/* ---- the window -------------------------------------------------------- */

static bool form_is_pick(const struct tui_field *fd)
{
	return fd->kind == TF_PICK || fd->kind == TF_MULTI;
}

/* The labels' column: wide enough for the longest label in the language
 * in use (Finnish and Swedish ones are longer), so that none is cut, but
 * at most half the screen. */
static int form_label_w(const struct tui_form *f)
{
	int w = FORM_LABEL_W;

	for (size_t i = 0; i < f->n; i++) {
		int lw = (int)utf8_width(_(f->fields[i].label)) +
		         (f->fields[i].required ? 2 : 0) + 2;
		if (lw > w)
			w = lw;
	}
	return w > COLS / 2 ? COLS / 2 : w;
}

/* The field as wide as it is meant to be, or as its value (a long
 * organisation, a list of municipalities) so that the value shows whole;
 * at least 12 columns beside it for a message (also on the message line)
 * unless the value needs them and there is no message. */
static int form_field_width(const struct tui_form *f,
                            const struct tui_field *fd)
{
	int room = COLS - FORM_LABEL_X - form_label_w(f) - 1;
	int max = room - 1 - 12;
	int w = fd->width > 0 ? fd->width : 30;
	int vw = (int)utf8_width(fd->value ? fd->value : "") +
	         !form_is_pick(fd); /* a text: room for the cursor */

	if (vw > w)
		w = vw;
	/* past MAX only for a value that then shows whole (a list's shows
	 * whole items), and not over a message */
	if (w > max)
		w = vw > max && !fd->msg[0] && (vw <= room || form_is_pick(fd))
		        ? (vw < room ? vw : room)
		        : max;
	return w > 1 ? w : 1;
}

/* The width field I was built with (its value may have grown since). */
static int form_built_width(const struct tui_form *f, size_t i)
{
	int rows, cols, y, x, off, nbuf;

	if (f->cf && f->cf[i] &&
	    field_info(f->cf[i], &rows, &cols, &y, &x, &off, &nbuf) == E_OK)
		return cols;
	return form_field_width(f, &f->fields[i]);
}

/* Show a list field's value in the field's width: whole, or cut after the
 * last item that fits ("Espoo (Esbo), Kauniainen (Grankulla), …"), never
 * in the middle of a name unless the first one alone is too long. */
static void form_show_pick(struct tui_form *f, size_t i)
{
	const struct tui_field *fd = &f->fields[i];
	const char *v = fd->value ? fd->value : "";
	size_t cols = (size_t)form_built_width(f, i), keep, w;
	char buf[1024];

	if (utf8_width(v) <= cols || cols < 4) {
		set_field_buffer(f->cf[i], 0, v);
		return;
	}
	keep = utf8_fit(v, cols - 2, &w); /* room for " …" */
	for (size_t j = keep; j > 1; j--)
		if (v[j - 1] == ' ' && v[j - 2] == ',') {
			keep = j; /* after "name, " */
			break;
		}
	if (keep >= sizeof buf - 4)
		keep = sizeof buf - 4;
	memcpy(buf, v, keep);
	strcpy(buf + keep, keep > 0 && v[keep - 1] == ' ' ? "…" : " …");
	set_field_buffer(f->cf[i], 0, buf);
}

static void form_teardown(struct tui_form *f)
{
	if (f->form) {
		unpost_form(f->form);
		free_form(f->form);
		f->form = NULL;
	}
	if (f->cf) {
		for (size_t i = 0; i < f->n; i++)
			if (f->cf[i])
				free_field(f->cf[i]);
		free(f->cf);
		f->cf = NULL;
	}
	if (f->panel) {
		del_panel(f->panel);
		f->panel = NULL;
	}
	if (f->win) {
		delwin(f->win);
		f->win = NULL;
	}
}

static void form_draw_messages(struct tui *t, struct tui_form *f)
{
	(void)t;
	for (size_t i = 0; i < f->n; i++) {
		struct tui_field *fd = &f->fields[i];
		int y = FORM_FIRST_ROW + (int)i;
		int x =
		    FORM_LABEL_X + form_label_w(f) + form_built_width(f, i) + 2;
		int w = getmaxx(f->win) - x - 1;

		wmove(f->win, y, x);
		wclrtoeol(f->win);
		if (!fd->msg[0] || w <= 0)
			continue;
		wattron(f->win, A_BOLD);
		tui_put(f->win, y, x, w, fd->msg, false);
		wattroff(f->win, A_BOLD);
	}
}

static void form_draw_labels(struct tui_form *f)
{
	wattron(f->win, A_BOLD);
	tui_put(f->win, 0, FORM_LABEL_X, COLS - 4, f->title, false);
	wattroff(f->win, A_BOLD);
	for (size_t i = 0; i < f->n; i++) {
		struct tui_field *fd = &f->fields[i];
		char label[128];

		tui_fmt(label, sizeof label, "%s%s", _(fd->label),
		        fd->required ? " *" : "");
		tui_put_right(f->win, FORM_FIRST_ROW + (int)i, FORM_LABEL_X,
		              form_label_w(f) - 2, label);
	}
}

static int form_build(struct tui *t, struct tui_form *f)
{
	int h = LINES - 3;

	f->win = newwin(h, COLS, 1, 0);
	if (!f->win)
		return -1;
	f->panel = new_panel(f->win);
	keypad(f->win, TRUE);
	f->cf = calloc(f->n + 1, sizeof *f->cf);
	if (!f->cf)
		return -1;
	for (size_t i = 0; i < f->n; i++) {
		struct tui_field *fd = &f->fields[i];
		int y = FORM_FIRST_ROW + (int)i;

		f->cf[i] = new_field(1, form_field_width(f, fd), y,
		                     FORM_LABEL_X + form_label_w(f), 0, 0);
		if (!f->cf[i])
			return -1;
		/* O_BLANK would clear the whole field when a character is
		 * typed at its start after a validation (form_sync) */
		field_opts_off(f->cf[i], O_AUTOSKIP | O_BLANK);
		if (form_is_pick(fd)) {
			field_opts_off(f->cf[i], O_EDIT);
		} else {
			/* as long as it is typed: nothing is cut; over the
			 * store's limit the store's message says so */
			field_opts_off(f->cf[i], O_STATIC);
			set_max_field(f->cf[i], 0);
			fd->max =
			    f->record ? store_text_max(f->record, fd->name) : 0;
		}
		set_field_back(f->cf[i], A_UNDERLINE);
		set_field_buffer(f->cf[i], 0, fd->value ? fd->value : "");
		if (form_is_pick(fd))
			form_show_pick(f, i);
	}
	f->form = new_form(f->cf);
	if (!f->form)
		return -1;
	f->resizes = t->resizes;
	set_form_win(f->form, f->win);
	set_form_sub(f->form, f->win);
	if (post_form(f->form) != E_OK)
		return -1;
	form_draw_labels(f);
	if (f->cur < 0 || (size_t)f->cur >= f->n)
		f->cur = 0;
	set_current_field(f->form, f->cf[f->cur]);
	form_driver(f->form, REQ_END_LINE);
	form_draw_messages(t, f);
	return 0;
}

/* Copy what was typed from the curses fields into the tui_fields. */
static void form_sync(struct tui_form *f)
{
	if (!f->form)
		return;
	form_driver(f->form, REQ_VALIDATION);
	f->cur = field_index(current_field(f->form));
	for (size_t i = 0; i < f->n; i++) {
		struct tui_field *fd = &f->fields[i];
		if (form_is_pick(fd))
			continue;
		char *s = strdup(field_buffer(f->cf[i], 0));
		if (!s)
			continue;
		size_t len = strlen(s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n'))
			s[--len] = '\0';
		free(fd->value);
		fd->value = s;
	}
}

/* Text field I over its limit: the store's message beside it and on the
 * message line as soon as it goes over, gone when it is back under. */
static void form_limit(struct tui *t, struct tui_form *f, int i)
{
	struct tui_field *fd = &f->fields[i];
	const char *buf, *msg = NULL;
	size_t len, chars = 0;

	if (!fd->max || form_is_pick(fd))
		return;
	form_driver(f->form, REQ_VALIDATION);
	buf = field_buffer(f->cf[i], 0);
	len = strlen(buf);
	while (len > 0 && (buf[len - 1] == ' ' || buf[len - 1] == '\n'))
		len--;
	chars = form_chars(buf, len);
	if (chars > fd->max) {
		char *s = strndup(buf, len);
		msg = s ? db_check_text(s, fd->max, false) : NULL;
		free(s);
	}
	if (msg) {
		tui_fmt(fd->msg, sizeof fd->msg, "%s", msg);
		fd->over = true;
		tui_msg(t, MSG_ERROR, "%s: %s", _(fd->label), msg);
	} else if (fd->over) {
		fd->msg[0] = '\0';
		fd->over = false;
	}
}

static void form_show(struct tui *t, struct tui_form *f)
{
	(void)t;
	pos_form_cursor(f->form);
	tui_update_panels();
	doupdate();
}

/* Tear down, repaint the screen below at the new size, rebuild with the
 * cursor on field CUR (-1: where it was). */
static int form_rebuild_at(struct tui *t, struct tui_form *f, int cur)
{
	form_sync(f);
	if (cur >= 0)
		f->cur = cur;
	form_teardown(f);
	tui_wait_size(t);
	tui_repaint(t);
	return form_build(t, f);
}

static int form_rebuild(struct tui *t, struct tui_form *f)
{
	return form_rebuild_at(t, f, -1);
}

/* ---- checks made here: required, dates, e-mail shape, numbers ----------- */

static bool email_shape(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p))
			return false;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

static bool form_check(struct tui *t, struct tui_form *f)
{
	bool ok = true;
	char iso[11];

	for (size_t i = 0; i < f->n; i++) {
		struct tui_field *fd = &f->fields[i];
		const char *v = fd->value ? fd->value : "";

		if (fd->required && !*v) {
			tui_form_error(t, f, fd->name, _("required"));
			ok = false;
		} else if (!*v) {
			continue;
		} else if (fd->kind == TF_DATE && date_parse(v, iso) != 0) {
			tui_form_error(t, f, fd->name,
			               _("not a date: write 2016-10-01 or "
			                 "1.10.2016"));
			ok = false;
		} else if (fd->kind == TF_EMAIL && !email_shape(v)) {
			tui_form_error(t, f, fd->name,
			               _("not an e-mail address "
			                 "(name@example.fi)"));
			ok = false;
		} else if (fd->kind == TF_NUMBER &&
		           strspn(v, "0123456789") != strlen(v)) {
			tui_form_error(t, f, fd->name, _("not a number"));
			ok = false;
		}
	}
	return ok;
}

static int form_first_error(struct tui_form *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->fields[i].msg[0])
			return (int)i;
	return -1;
}

/* Returns true when the form is done (saved or discarded). */
static bool form_save(struct tui *t, struct tui_form *f, int *result)
{
	int rc, bad;

	form_sync(f);
	for (size_t i = 0; i < f->n; i++)
		f->fields[i].msg[0] = '\0';
	t->msg[0] = '\0';
	if (form_check(t, f)) {
		rc = f->save(t, f);
		if (rc == SAVE_OK) {
			*result = FORM_SAVED;
			return true;
		}
		if (rc == SAVE_DISCARD) {
			*result = FORM_CANCEL;
			return true;
		}
	}
	/* keep editing: repaint (a dialog may have covered us), go to the
	 * first field at fault */
	bad = form_first_error(f);
	if (form_rebuild_at(t, f, bad) != 0) {
		*result = FORM_CANCEL;
		return true;
	}
	return false;
}

/* FD was chosen: its PICKED fills in what follows from it, and the text
 * fields show what it filled in. */
static void form_picked(struct tui *t, struct tui_form *f, struct tui_field *fd)
{
	if (!fd->picked)
		return;
	fd->picked(t, f, fd);
	for (size_t j = 0; f->form && j < f->n; j++)
		if (!form_is_pick(&f->fields[j]))
			set_field_buffer(f->cf[j], 0,
			                 f->fields[j].value ? f->fields[j].value
			                                    : "");
}

/* Returns what tui_pick_run() returned (PICK_CANCEL after Esc). */
static int form_pick(struct tui *t, struct tui_form *f, int i,
                     const char *typed)
{
	struct tui_field *fd = &f->fields[i];
	struct tui_pick p = {0};
	char *key = NULL, *label = NULL;
	int rc;

	form_sync(f);
	p.title = _(fd->label);
	p.multi = fd->kind == TF_MULTI;
	p.fill = fd->fill;
	p.ctx = fd->pick_ctx;
	p.new_label = fd->new_label;
	if (p.multi && fd->key) {
		char *keys = strdup(fd->key), *save = NULL;
		for (char *k = keys ? strtok_r(keys, ",", &save) : NULL; k;
		     k = strtok_r(NULL, ",", &save))
			tui_pick_preset(&p, k);
		free(keys);
	}
	rc = tui_pick_run(t, &p, typed, &key, &label);
	if (rc == PICK_CHOSEN && !p.multi) {
		tui_field_set(fd, label, key);
		fd->msg[0] = '\0';
		form_picked(t, f, fd);
	} else if (rc == PICK_CHOSEN) {
		/* labels in the order of the current items, then the rest */
		size_t kcap = 1;
		for (size_t j = 0; j < p.n_chosen; j++)
			kcap += strlen(p.chosen[j]) + 1;
		char *keys = calloc(kcap, 1);
		char *labels = NULL;
		for (size_t j = 0; keys && j < p.n_chosen; j++) {
			if (j)
				strcat(keys, ",");
			strcat(keys, p.chosen[j]);
		}
		if (fd->fill == tui_pick_fill_sector) {
			char *arr[MEMBERSHIP_MAX_SECTORS * 4];
			size_t n = 0;
			for (size_t j = 0; j < p.n_chosen && n < 32; j++)
				arr[n++] = p.chosen[j];
			labels = malloc(1024);
			if (labels)
				tui_sectors(t, arr, n, labels, 1024);
		} else {
			/* municipality names: ask each by code */
			labels =
			    tui_municipality_labels(t, p.chosen, p.n_chosen);
		}
		tui_field_set(fd, labels ? labels : "", keys);
		fd->msg[0] = '\0';
		free(keys);
		free(labels);
	} else if (rc == PICK_NEW && fd->on_new) {
		char *typed_now = p.filter; /* whole, however long */
		p.filter = NULL;
		tui_pick_free(&p);
		form_teardown(f);
		if (fd->on_new(t, f, fd, typed_now ? typed_now : "")) {
			if (fd->picked)
				fd->picked(t, f, fd);
			if ((size_t)i + 1 < f->n)
				f->cur = i + 1;
		}
		free(typed_now);
		fd->msg[0] = '\0';
		free(key);
		free(label);
		return rc;
	}
	tui_pick_free(&p);
	free(key);
	free(label);
	/* the pick list covered us: show our values again, in a wider
	 * field when the value chosen needs it */
	if (f->form && form_is_pick(fd) &&
	    form_field_width(f, fd) != form_built_width(f, (size_t)i)) {
		if (form_rebuild(t, f) != 0)
			return PICK_CANCEL;
	} else if (f->form && form_is_pick(fd)) {
		form_show_pick(f, i);
	}
	if (f->form)
		form_draw_messages(t, f);
	return rc;
}

const struct tui_binding tui_form_keys[] = {
    {ACT_NEXT, {'\t', '\r', TK(KEY_DOWN)}, N_("next field"), N_("next"), false},
    {ACT_PREV, {TK(KEY_BTAB), TK(KEY_UP)}, N_("previous field"), NULL, false},
    {ACT_SAVE,
     {TK_CTRL('s'), TK(KEY_F(2)), TK(KEY_F(10))},
     N_("save (Enter on the last field too)"),
     N_("save"),
     true},
    {ACT_CANCEL,
     {TK_ESC, TK_CTRL('c')},
     N_("cancel: nothing is written (asks first if you changed something)"),
     N_("cancel"),
     true},
    {ACT_REDRAW, {TK_CTRL('l')}, N_("redraw the screen"), NULL, false},
    {ACT_HELP, {TK(KEY_F(1))}, N_("these keys"), N_("help"), true},
    TUI_BIND_END,
};

/* What the keymap does not say: the keys of a list field and of a text. */
static const char *const form_help_lines[] = {
    N_("On a list field (municipality, sector, role, person...): type or "
       "press %s to open its list; %s clears it"),
    N_("%s, %s, %s, %s move in a text; ^U clears it"),
    N_("Dates as 2016-10-01 or 1.10.2016"),
};

/* F1 in a form: its keys ('?' is typed into the fields). */
static void form_help(struct tui *t, struct tui_form *f)
{
	char lines[16][256], k[4][32];
	const char *ptr[16];
	size_t n = 0;

	for (const struct tui_binding *b = tui_form_keys; b->action && n < 12;
	     b++) {
		char keys[160];
		tui_binding_keys(b, keys, sizeof keys);
		tui_fmt(lines[n], sizeof lines[n], "%s: %s", keys, _(b->help));
		n++;
	}
	tui_fmt(lines[n++], sizeof lines[0], _(form_help_lines[0]),
	        tui_key_name('\r', k[0], sizeof k[0]),
	        tui_key_name(TK(KEY_BACKSPACE), k[1], sizeof k[1]));
	tui_fmt(lines[n++], sizeof lines[0], _(form_help_lines[1]),
	        tui_key_name(TK(KEY_LEFT), k[0], sizeof k[0]),
	        tui_key_name(TK(KEY_RIGHT), k[1], sizeof k[1]),
	        tui_key_name(TK(KEY_HOME), k[2], sizeof k[2]),
	        tui_key_name(TK(KEY_END), k[3], sizeof k[3]));
	tui_fmt(lines[n++], sizeof lines[0], "%s", _(form_help_lines[2]));
	for (size_t i = 0; i < n; i++)
		ptr[i] = lines[i];
	form_sync(f);
	form_teardown(f);
	tui_message(t, _("Keys in a form"), ptr, n, NULL);
}

static void form_move(struct tui_form *f, int req)
{
	form_driver(f->form, req);
	form_driver(f->form, REQ_END_LINE);
}

/* The values as the form opened (value and key of each field), to tell
 * whether leaving it throws anything away.  Caller frees with
 * form_snap_free(). */
static char **form_snap(const struct tui_form *f)
{
	char **s = calloc(2 * f->n + 1, sizeof *s);

	for (size_t i = 0; s && i < f->n; i++) {
		s[2 * i] = strdup(f->fields[i].value ? f->fields[i].value : "");
		s[2 * i + 1] = strdup(f->fields[i].key ? f->fields[i].key : "");
	}
	return s;
}

static void form_snap_free(char **s, size_t n)
{
	for (size_t i = 0; s && i < 2 * n; i++)
		free(s[i]);
	free(s);
}

static bool form_changed(const struct tui_form *f, char *const *s)
{
	if (!s)
		return true; /* out of memory: ask rather than lose */
	for (size_t i = 0; i < f->n; i++) {
		const char *v = f->fields[i].value ? f->fields[i].value : "";
		const char *k = f->fields[i].key ? f->fields[i].key : "";
		if (!s[2 * i] || !s[2 * i + 1] || strcmp(v, s[2 * i]) != 0 ||
		    strcmp(k, s[2 * i + 1]) != 0)
			return true;
	}
	return false;
}

int tui_form_run(struct tui *t, struct tui_form *f)
{
	int result = FORM_CANCEL;
	const char *saved_keys = t->modal_keys;
	char **snap = form_snap(f);
	char shown[sizeof t->msg] = ""; /* the message line as drawn */
	char keyline[512];

	tui_keyline_build(tui_form_keys, COLS, keyline, sizeof keyline);
	t->modal_keys = keyline;
	t->msg[0] = '\0';
	tui_render(t);
	if (form_build(t, f) != 0)
		goto out;
	for (;;) {
		/* no window yet, or one from before a resize that happened
		 * in a list or a question over the form */
		if ((!f->form || f->resizes != t->resizes) &&
		    form_rebuild(t, f) != 0)
			goto out;
		/* a paste comes as a burst of keys: take them all, then show
		 * the result once */
		if (!tui_key_pending()) {
			form_limit(t, f, field_index(current_field(f->form)));
			if (strcmp(t->msg, shown) != 0) {
				tui_render(t);
				tui_fmt(shown, sizeof shown, "%s", t->msg);
			}
			form_draw_messages(t, f);
			form_show(t, f);
		}
		int k = tui_getkey();
		int i = field_index(current_field(f->form));
		struct tui_field *fd = &f->fields[i];
		bool last = (size_t)i + 1 == f->n;

		t->msg[0] = '\0'; /* a message lasts until the next key */
		int act = tui_keymap_action(tui_form_keys, k);
		if (k == TK(KEY_RESIZE) || act == ACT_REDRAW) {
			if (form_rebuild(t, f) != 0)
				goto out;
			continue;
		}
		if (act == ACT_CANCEL) {
			/* one Esc never throws away what was typed */
			form_sync(f);
			if (!form_changed(f, snap) || tui_confirm_discard(t))
				break;
			continue;
		}
		if (act == ACT_HELP) {
			form_help(t, f); /* rebuilt at the top of the loop */
			continue;
		}
		if (act == ACT_SAVE ||
		    (tui_key_enter(k) && last && !form_is_pick(fd))) {
			if (form_save(t, f, &result))
				break;
			continue;
		}
		if (form_is_pick(fd) &&
		    (tui_key_enter(k) || tui_key_printable(k))) {
			char typed[8] = "";
			if (tui_key_printable(k) && k != ' ') {
				mbstate_t st;
				memset(&st, 0, sizeof st);
				size_t n = wcrtomb(typed, (wchar_t)k, &st);
				typed[n == (size_t)-1 ? 0 : n] = '\0';
			}
			int picked = form_pick(t, f, i, typed);
			if (!f->form)
				continue;
			/* after a choice, on to the next field; after Esc
			 * the cursor stays where it was */
			if (picked != PICK_CANCEL && !last && fd->value &&
			    *fd->value)
				form_move(f, REQ_NEXT_FIELD);
			continue;
		}
		if (form_is_pick(fd) &&
		    (k == TK(KEY_BACKSPACE) || k == 127 || k == TK(KEY_DC) ||
		     k == TK_CTRL('u'))) {
			tui_field_set(fd, "", NULL);
			set_field_buffer(f->cf[i], 0, "");
			continue;
		}
		if (act == ACT_NEXT) {
			form_move(f, REQ_NEXT_FIELD);
			continue;
		}
		if (act == ACT_PREV) {
			form_move(f, REQ_PREV_FIELD);
			continue;
		}
		if (!form_is_pick(fd))
			tui_form_edit_key(f->form, k);
	}
out:
	form_sync(f);
	form_teardown(f);
	form_snap_free(snap, f->n);
	t->modal_keys = saved_keys;
	return result;
}
