/* tui.c -- the screens' main loop: terminal set-up, the screen stack, the
 * message and key lines, resizing and the helpers every screen uses.  Each
 * screen lives in its own tui-*.c and fills a struct screen_ops; this file
 * only dispatches. */

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

#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "lape/date.h"
#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/tui.h"
#include "lape/utf8.h"
#include "tui-priv.h"

#include <term.h> /* setupterm(); after curses.h (it defines lines) */

/* ---- keys -------------------------------------------------------------- */

bool tui_key_enter(int k)
{
	return k == '\n' || k == '\r' || k == TK(KEY_ENTER);
}

bool tui_key_printable(int k)
{
	return k >= ' ' && !(k & TK_FN) && k != 127 && iswprint((wint_t)k);
}

/* ---- reference names ---------------------------------------------------- */

/* The region's name in the language in use (the context's names); the
 * code itself for an unknown one. */
const char *tui_region_name(struct tui *t, const char *code)
{
	if (!code || !*code)
		return "";
	return app_region_name(ctx_names(t->ctx), code);
}

/* ---- drawing helpers --------------------------------------------------- */

static struct tui *tui_self; /* for tui_put's ellipsis and ASCII */

/* ASCII stand-ins for what a non-UTF-8 terminal cannot show: letters
 * lose their accents, punctuation becomes its nearest ASCII, anything
 * else a '?'.  Never longer than the UTF-8 it replaces. */
static const struct {
	unsigned cp;
	const char *ascii;
} tui_ascii_map[] = {
    {0x00C4, "A"},   {0x00C5, "A"},   {0x00D6, "O"},  {0x00E4, "a"},
    {0x00E5, "a"},   {0x00F6, "o"},   {0x00C9, "E"},  {0x00E9, "e"},
    {0x00DC, "U"},   {0x00FC, "u"},   {0x00D8, "O"},  {0x00F8, "o"},
    {0x00C6, "AE"},  {0x00E6, "ae"},  {0x00C0, "A"},  {0x00E0, "a"},
    {0x00C1, "A"},   {0x00E1, "a"},   {0x00C8, "E"},  {0x00E8, "e"},
    {0x00D5, "O"},   {0x00F5, "o"},   {0x00DF, "ss"}, {0x0160, "S"},
    {0x0161, "s"},   {0x017D, "Z"},   {0x017E, "z"},  {0x00A0, " "},
    {0x00B7, "-"},   {0x2013, "-"},   {0x2014, "-"},  {0x2018, "'"},
    {0x2019, "'"},   {0x201C, "\""},  {0x201D, "\""}, {0x201E, "\""},
    {0x00AB, "\""},  {0x00BB, "\""},  {0x2026, "~"},  {0x2022, "*"},
    {0x2713, "[x]"}, {0x2717, "[ ]"}, {0x25B6, ">"},
};

/* S as ASCII, for a terminal that is not UTF-8.  Caller frees. */
static char *tui_ascii(const char *s)
{
	char *out = malloc(strlen(s) + 1);
	char *o = out;

	if (!out)
		return NULL;
	while (*s) {
		unsigned cp;
		size_t n;

		if ((unsigned char)*s < 0x80) {
			*o++ = *s++;
			continue;
		}
		n = utf8_decode(s, &cp);
		if (n == 0)
			n = 1;
		const char *rep = "?";
		for (size_t i = 0; i < ARRAY_LEN(tui_ascii_map); i++)
			if (tui_ascii_map[i].cp == cp) {
				rep = tui_ascii_map[i].ascii;
				break;
			}
		size_t rl = strlen(rep);
		if (rl > n) /* never happens with the table above */
			rl = n;
		memcpy(o, rep, rl);
		o += rl;
		s += n;
	}
	*o = '\0';
	return out;
}

static bool tui_need_ascii(const char *s)
{
	if (!tui_self || tui_self->utf8)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* Drop a character cut short at the end of S (after a truncation). */
static void tui_trim_cut(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char lead;

	while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	if (lead < 0xc0)
		return;
	need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

int tui_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	if (n >= 0 && len > 0 && (size_t)n >= len)
		tui_trim_cut(buf);
	return n;
}

const char *tui_tail(const char *s, int cols)
{
	size_t w = utf8_width(s);

	while (*s && w > (size_t)(cols > 0 ? cols : 0)) {
		size_t n = utf8_decode(s, &(unsigned){0});
		char c[5] = {0};
		memcpy(c, s, n < 4 ? n : 4);
		w -= utf8_width(c);
		s += n ? n : 1;
	}
	return s;
}

int tui_put(WINDOW *w, int y, int x, int width, const char *s, bool pad)
{
	size_t used = 0;
	size_t n;
	char *a = NULL;

	if (width <= 0)
		return 0;
	if (!s)
		s = "";
	if (tui_need_ascii(s) && (a = tui_ascii(s)))
		s = a;
	n = utf8_fit(s, (size_t)width, &used);
	wmove(w, y, x);
	if (s[n] != '\0' && width > 1) {
		/* cut: at the end of a word, with room for the ellipsis; in
		 * a word only when not even the first one fits (an e-mail
		 * address, a path) */
		n = utf8_fit_words(s, (size_t)width - 1, &used);
		if (n == 0)
			n = utf8_fit(s, (size_t)width - 1, &used);
		waddnstr(w, s, (int)n);
		waddstr(w, tui_self ? tui_self->ellipsis : "~");
		used++;
	} else {
		waddnstr(w, s, (int)n);
	}
	if (pad)
		for (; (int)used < width; used++)
			waddch(w, ' ');
	free(a);
	return (int)used;
}

size_t tui_wrap_next(const char *s, int width)
{
	size_t len = utf8_fit(s, width > 0 ? (size_t)width : 1, NULL);

	if (len == 0 && *s) /* a character wider than WIDTH: take it */
		len = utf8_decode(s, &(unsigned){0});
	if (s[len] != '\0' && s[len] != ' ') {
		size_t cut = len;
		while (cut > 0 && s[cut] != ' ')
			cut--;
		if (cut > 0)
			len = cut;
	}
	return len;
}

void tui_fit(char *buf, size_t len, const char *s, int cols)
{
	const char *ell = tui_self ? tui_self->ellipsis : "~";
	size_t n;

	if (!s)
		s = "";
	if (cols <= 0 || len == 0) {
		if (len)
			buf[0] = '\0';
		return;
	}
	if (utf8_width(s) <= (size_t)cols) {
		tui_fmt(buf, len, "%s", s);
		return;
	}
	n = utf8_fit_words(s, (size_t)cols - 1, NULL);
	if (n == 0)
		n = utf8_fit(s, (size_t)cols - 1, NULL);
	tui_fmt(buf, len, "%.*s%s", (int)n, s, ell);
}

void tui_pad(char *buf, size_t len, const char *s, int cols)
{
	size_t n = utf8_fit(s, cols > 0 ? (size_t)cols : 0, NULL);
	int w;

	snprintf(buf, len, "%.*s", (int)n, s);
	w = (int)utf8_width(buf);
	for (size_t off = strlen(buf); w < cols && off + 1 < len; w++) {
		buf[off++] = ' ';
		buf[off] = '\0';
	}
}

int tui_col_width(const char *const *labels, size_t n, int min, int max)
{
	int w = min;

	for (size_t i = 0; i < n; i++) {
		int lw = (int)utf8_width(labels[i] ? labels[i] : "") + 1;
		if (lw > w)
			w = lw;
	}
	return w > max ? max : w;
}

void tui_put_right(WINDOW *w, int y, int x, int width, const char *s)
{
	int sw = (int)utf8_width(s ? s : "");

	if (sw > width)
		sw = width;
	tui_put(w, y, x + width - sw, sw, s, false);
}

enum { PAIR_OK = 1, PAIR_BAD = 2 };

int tui_mark(struct tui *t, WINDOW *w, int y, int x, bool ok)
{
	const char *m = ok ? t->mark_ok : t->mark_bad;

	if (t->color)
		wattron(w, COLOR_PAIR(ok ? PAIR_OK : PAIR_BAD));
	mvwaddstr(w, y, x, m);
	if (t->color)
		wattroff(w, COLOR_PAIR(ok ? PAIR_OK : PAIR_BAD));
	return (int)utf8_width(m);
}

bool tui_read_only(const struct tui *t)
{
	return t->db && t->db->readonly_why != DB_RO_NONE;
}

bool tui_action_edits(const struct screen_ops *ops, int action)
{
	switch (action) {
	case ACT_NEW:
	case ACT_EDIT:
	case ACT_DELETE:
	case ACT_END:
	case ACT_LINK:
	case ACT_AGENT:
	case ACT_UNDO:
	case ACT_REDO:
	case ACT_ERASE:
	case ACT_IMPORT:
	case ACT_MERGE:
		return true;
	case ACT_OPEN: /* a member's line opens the membership's form */
		return ops == &screen_group;
	}
	return false;
}

void tui_title(struct tui *t, const char *s)
{
	const char *ro = tui_read_only(t) ? _("read-only") : NULL;
	int rw = ro ? (int)utf8_width(ro) + 2 : 0;

	attron(A_REVERSE);
	tui_put(stdscr, 0, 0, COLS - rw, s, true);
	if (ro) {
		tui_put(stdscr, 0, COLS - rw, rw, " ", true);
		tui_put(stdscr, 0, COLS - rw + 1, rw - 1, ro, true);
	}
	attroff(A_REVERSE);
}

const char *tui_date(const char *iso, char buf[11])
{
	date_show(iso, buf);
	return buf;
}

void tui_term(struct tui *t, const char *start, const char *end, char *buf,
              size_t len)
{
	char a[11], b[11];

	(void)t;
	tui_date(start, a);
	tui_date(end, b);
	if (*a && *b)
		snprintf(buf, len, "%s–%s", a, b);
	else if (*a)
		snprintf(buf, len, _("from %s"), a);
	else if (*b)
		snprintf(buf, len, _("until %s"), b);
	else
		snprintf(buf, len, "%s", "");
}

void tui_sectors(struct tui *t, char *const *keys, size_t n, char *buf,
                 size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && off < len; i++) {
		int w = snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		                 rules_sector_label(t->rules, keys[i]));
		if (w < 0)
			break;
		off += (size_t)w;
	}
}

bool tui_match(const char *hay, const char *needle)
{
	return utf8_match(hay, needle);
}

/* ---- messages ---------------------------------------------------------- */

static void tui_draw_bottom(struct tui *t);

void tui_msg(struct tui *t, int kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(t->msg, sizeof t->msg, fmt, ap) >= (int)sizeof t->msg)
		tui_trim_cut(t->msg);
	va_end(ap);
	t->msg_kind = kind;
}

void tui_report(struct tui *t, int rc)
{
	switch (rc) {
	case LAPE_OK:
		return;
	case LAPE_BUSY:
		tui_msg(t, MSG_ERROR, "%s",
		        _("The data file is busy (another coordinator is "
		          "saving); try again."));
		return;
	case LAPE_READONLY:
		/* db_errmsg() says "read-only" too: say it once */
		tui_msg(t, MSG_ERROR, "%s",
		        _("The data file is read-only; nothing was saved."));
		return;
	case LAPE_CONFLICT:
		tui_msg(t, MSG_ERROR, "%s",
		        _("Someone else changed this record; reload and try "
		          "again."));
		return;
	default:
		tui_msg(t, MSG_ERROR, "%s", db_errmsg(t->db));
	}
}

/* Drawn at once, from inside a wait for a key: the message line shows
 * it until the next key, the cursor stays where it was. */
void tui_note(const char *msg)
{
	struct tui *t = tui_self;
	int y, x;

	if (!t || tui_too_small())
		return;
	tui_msg(t, MSG_ERROR, "%s", msg);
	getyx(stdscr, y, x);
	tui_draw_bottom(t);
	move(y, x);
	wnoutrefresh(stdscr);
	tui_update_panels();
	doupdate();
}

void tui_resized(void)
{
	if (tui_self)
		tui_self->resizes++;
}

bool tui_utf8_locale(void)
{
	return !tui_self || tui_self->utf8;
}

void tui_changed(struct tui *t)
{
	t->generation++;
}

void tui_gone(struct tui *t, struct screen *s, const char *msg)
{
	s->gone = true;
	tui_msg(t, MSG_INFO, "%s", msg);
}

void tui_idle_check(void)
{
	struct tui *t = tui_self;
	sqlite3_stmt *st = NULL;

	if (!t || !t->db || !t->db->sql)
		return;
	/* A statement stepped and never reset holds a read transaction:
	 * a bug.  Under LAPE_CHECK_IDLE (the tests) it stops lape, naming
	 * the statement; otherwise it is reset here, so that the -wal file
	 * can still be reset while the screens sit open. */
	while ((st = sqlite3_next_stmt(t->db->sql, st)) != NULL) {
		if (!sqlite3_stmt_busy(st))
			continue;
		if (getenv("LAPE_CHECK_IDLE")) {
			endwin();
			fprintf(stderr,
			        "lape: a statement left open between "
			        "keys: %s\n",
			        sqlite3_sql(st));
			abort();
		}
		sqlite3_reset(st);
	}
	if (!sqlite3_get_autocommit(t->db->sql) && getenv("LAPE_CHECK_IDLE")) {
		endwin();
		fprintf(stderr, "lape: a transaction left open between keys\n");
		abort();
	}
}

static const char *tui_keyline(struct tui *t, char *buf, size_t len)
{
	struct screen *s = tui_top_screen(t);

	if (t->modal_keys)
		return t->modal_keys;
	if (!s)
		return "";
	tui_keyline_build(s->ops->keymap, COLS, buf, len);
	return buf;
}

static void tui_draw_bottom(struct tui *t)
{
	int y = LINES - 2;
	char line[1024];
	const char *keyline = tui_keyline(t, line, sizeof line);

	move(y, 0);
	clrtoeol();
	if (t->msg[0]) {
		const char *m = t->msg;
		size_t first = strlen(m);
		/* too long for one line (a translation, a path): its start
		 * goes on the row above, over the screen, until the next
		 * key */
		if ((int)utf8_width(m) > COLS)
			first = tui_wrap_next(m, COLS);
		if (t->msg_kind == MSG_ERROR)
			attron(A_BOLD);
		if (m[first]) {
			char *head = strndup(m, first);
			move(y - 1, 0);
			clrtoeol();
			tui_put(stdscr, y - 1, 0, COLS, head ? head : "",
			        false);
			free(head);
			m += first;
			while (*m == ' ')
				m++;
		}
		tui_put(stdscr, y, 0, COLS, m, false);
		if (t->msg_kind == MSG_ERROR)
			attroff(A_BOLD);
	}
	attron(A_REVERSE);
	tui_put(stdscr, LINES - 1, 0, COLS, keyline, true);
	attroff(A_REVERSE);
}

/* While the file is locked by another coordinator, each attempt waits
 * this long (the screens set a short busy timeout on their connection, so
 * they never sit frozen for the command line's five seconds) ... */
#define TUI_BUSY_MS 200
/* ... and this many attempts are made, the "busy" message shown between
 * them, before giving up; Esc gives up at once. */
#define TUI_BUSY_TRIES 25

int tui_retry(struct tui *t, int (*fn)(void *arg), void *arg)
{
	int rc;
	bool gave_up = false;

	for (int i = 0;; i++) {
		rc = fn(arg);
		if (rc != LAPE_BUSY || i + 1 >= TUI_BUSY_TRIES)
			break;
		tui_msg(t, MSG_INFO, "%s", _("busy, retrying… (Esc: give up)"));
		tui_draw_bottom(t);
		wnoutrefresh(stdscr);
		tui_update_panels();
		doupdate();
		int k = tui_getkey_wait(0);
		if (k == TK_ESC || k == TK_CTRL('c')) {
			gave_up = true;
			break;
		}
		napms(100);
	}
	if (rc == LAPE_BUSY || gave_up) {
		rc = LAPE_BUSY;
		tui_msg(t, MSG_ERROR, "%s",
		        _("The data file is busy: nothing was saved. Try "
		          "again in a moment."));
	} else if (t->msg[0] && t->msg_kind == MSG_INFO) {
		t->msg[0] = '\0';
	}
	tui_draw_bottom(t);
	wnoutrefresh(stdscr);
	return rc;
}

/* ---- size -------------------------------------------------------------- */

bool tui_too_small(void)
{
	return LINES < TUI_MIN_LINES || COLS < TUI_MIN_COLS;
}

static void tui_draw_too_small(void)
{
	char buf[128];
	const char *s;
	int w;

	snprintf(buf, sizeof buf, _("Enlarge the terminal (%dx%d needed)"),
	         TUI_MIN_COLS, TUI_MIN_LINES);
	s = buf;
	werase(stdscr);
	w = (int)utf8_width(s);
	if (w > COLS)
		w = COLS;
	tui_put(stdscr, LINES / 2, (COLS - w) / 2, w, s, false);
	move(LINES / 2, (COLS - w) / 2);
	wnoutrefresh(stdscr);
	doupdate();
}

void tui_wait_size(struct tui *t)
{
	(void)t;
	while (tui_too_small()) {
		tui_draw_too_small();
		int k = tui_getkey();
		if (k == TK(KEY_RESIZE))
			clearok(curscr, TRUE);
	}
}

/* ---- the screen stack -------------------------------------------------- */

struct screen *tui_top_screen(struct tui *t)
{
	return t->depth > 0 ? &t->stack[t->depth - 1] : NULL;
}

int tui_push(struct tui *t, const struct screen_ops *ops, const void *arg)
{
	struct screen *s;

	if (t->depth >= TUI_STACK_MAX) {
		tui_msg(t, MSG_ERROR, "%s",
		        _("Too many screens open; go back first."));
		return -1;
	}
	s = &t->stack[t->depth];
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->generation = t->generation;
	if (ops->open && ops->open(t, s, arg) != 0) {
		if (ops->close)
			ops->close(t, s);
		memset(s, 0, sizeof *s);
		return -1;
	}
	t->depth++;
	return 0;
}

void tui_pop(struct tui *t)
{
	struct screen *s = tui_top_screen(t);

	if (!s)
		return;
	if (s->ops->close)
		s->ops->close(t, s);
	memset(s, 0, sizeof *s);
	t->depth--;
}

void tui_update_panels(void)
{
	/* stdscr is not a panel: after it was copied out, the panels above
	 * must be copied again whole (curses sends only what differs) */
	for (PANEL *p = panel_above(NULL); p; p = panel_above(p))
		touchwin(panel_window(p));
	update_panels();
}

/* Draw the screen into stdscr with the bottom lines and the cursor. */
static void tui_draw(struct tui *t, struct screen *s)
{
	werase(stdscr);
	t->cur_y = LINES - 2;
	t->cur_x = 0;
	if (s)
		s->ops->draw(t, s);
	idlok(stdscr, FALSE); /* no help against scrolling: see tui_render */
	tui_draw_bottom(t);
	move(t->cur_y, t->cur_x);
	wnoutrefresh(stdscr);
	tui_update_panels();
}

void tui_render(struct tui *t)
{
	struct screen *s = tui_top_screen(t);

	if (tui_too_small()) {
		tui_draw_too_small();
		return;
	}
	t->marker_moved = t->list_scrolled = false;
	t->mark_mode = MARK_SEL;
	tui_draw(t, s);
	if (!t->marker_moved && !t->list_scrolled) {
		doupdate();
		return;
	}
	/* curses finds scrolling by matching rows by their text
	 * (idlok(FALSE) does not stop it).  Where rows look alike (the same
	 * name twice) that goes wrong both ways: moving the marker, the
	 * marked row of before matches the marked row of now and curses
	 * scrolls the list by a row (60-70 bytes) instead; scrolling the
	 * list, no row is unique and curses rewrites them all (500 bytes).
	 * So the terminal is updated in steps: the list scrolled with the
	 * marker still on the row it was on (a unique row to match), then
	 * the marker taken away, then drawn where it is now. */
	if (t->list_scrolled) {
		t->mark_mode = MARK_PREV;
		tui_draw(t, s);
		doupdate();
	}
	t->mark_mode = MARK_NONE;
	tui_draw(t, s);
	doupdate();
	t->mark_mode = MARK_SEL;
	tui_draw(t, s);
	doupdate();
}

void tui_repaint(struct tui *t)
{
	clearok(curscr, TRUE);
	tui_render(t);
}

/* ---- the main loop ----------------------------------------------------- */

const struct screen_ops *const tui_screens[] = {
    &screen_overview, &screen_groups, &screen_group,  &screen_people,
    &screen_person,   &screen_agents, &screen_help,   &screen_import,
    &screen_history,  &screen_merge,  &screen_search, NULL,
};

static void tui_dispatch(struct tui *t, int k)
{
	struct screen *s = tui_top_screen(t);

	if (k == TK(KEY_RESIZE)) {
		clearok(curscr, TRUE);
		return;
	}
	if (tui_too_small()) {
		if (k == TK_CTRL('c'))
			t->quit = true;
		return;
	}
	if (k == TK_NONE)
		return;
	int act = tui_keymap_action(s->ops->keymap, k);
	if (act == ACT_NONE)
		act = tui_keymap_action(tui_keys_everywhere, k);
	if (tui_action_edits(s->ops, act) && tui_read_only(t)) {
		tui_msg(t, MSG_ERROR, "%s",
		        _("The data file is read-only: nothing can be changed "
		          "here."));
		return;
	}
	if (act != ACT_NONE && s->ops->act && s->ops->act(t, s, act, k))
		return;
	switch (act) {
	case ACT_REDRAW: /* redraw, and read everything anew */
		tui_changed(t);
		clearok(curscr, TRUE);
		return;
	case ACT_QUIT:
		t->quit = true;
		return;
	case ACT_UNDO:
	case ACT_REDO:
		tui_undo(t, act == ACT_REDO);
		return;
	case ACT_HELP:
		if (s->ops != &screen_help)
			tui_push(t, &screen_help, s->ops);
		return;
	case ACT_BACK:
		tui_pop(t);
		return;
	case ACT_NONE:
		tui_msg(t, MSG_INFO, "%s",
		        _("No action on this key; ? lists the keys."));
		return;
	}
}

/* While the screens sit idle they look this often whether another
 * coordinator changed the file (PRAGMA data_version: no read of the data,
 * and nothing is sent to the terminal unless something changed). */
#define TUI_POLL_MS 1000

/* Whether someone else committed since we last looked: then every screen
 * reads its data anew when shown. */
static bool tui_poll(struct tui *t)
{
	int64_t v = db_data_version(t->db);

	if (v < 0 || v == t->data_version)
		return false;
	t->data_version = v;
	tui_changed(t);
	return true;
}

/* The top screen with current data: reloaded if need be, and popped
 * (saying so) when its record was deleted. */
static void tui_refresh_top(struct tui *t)
{
	struct screen *s;

	while ((s = tui_top_screen(t)) != NULL) {
		if (s->generation != t->generation) {
			if (s->ops->reload)
				s->ops->reload(t, s);
			s->generation = t->generation;
		}
		if (!s->gone)
			return;
		tui_pop(t);
	}
}

static void tui_loop(struct tui *t)
{
	bool dirty = true;

	t->data_version = db_data_version(t->db);
	while (!t->quit && t->depth > 0) {
		unsigned gen = t->generation;

		tui_poll(t);
		tui_refresh_top(t);
		if (t->depth == 0)
			break;
		if (dirty || gen != t->generation)
			tui_render(t);
		dirty = false;
		int k = tui_getkey_wait(TUI_POLL_MS);
		if (k == TK_NONE)
			continue; /* idle: look for changes, draw only those */
		/* the key acts on the data as it is now */
		t->msg[0] = '\0';
		tui_poll(t);
		tui_refresh_top(t);
		if (t->depth == 0)
			break;
		tui_dispatch(t, k);
		dirty = true;
	}
}

/* ---- set-up ------------------------------------------------------------ */

static bool tui_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void tui_setup_marks(struct tui *t)
{
	t->utf8 = tui_locale_utf8();
	t->mark_ok = t->utf8 ? "✓" : "[x]";
	t->mark_bad = t->utf8 ? "✗" : "[ ]";
	t->marker = ">";
	t->ellipsis = t->utf8 ? "…" : "~";
}

static SCREEN *tui_screen;

/* TERM as it may be shown: printable ASCII, anything else as '?'. */
static void tui_term_name(char *buf, size_t len, const char *term)
{
	size_t i = 0;

	for (; term[i] && i + 1 < len; i++)
		buf[i] = term[i] > ' ' && term[i] < 0x7f ? term[i] : '?';
	buf[i] = '\0';
}

/* Whether the terminal TERM names can show the screens: known to terminfo
 * and able to move its cursor (TERM=dumb cannot; it would show a blank
 * screen).  Says why not on stderr. */
static bool tui_term_ok(void)
{
	const char *term = getenv("TERM");
	char name[64];
	int err = 0;
	bool ok;

	if (!term || !*term) {
		fprintf(stderr, "lape: %s\n",
		        _("TERM is not set, so the screens cannot draw; set it "
		          "(export TERM=xterm-256color) or use the commands "
		          "(lape --help)"));
		return false;
	}
	tui_term_name(name, sizeof name, term);
	if (setupterm(term, 1, &err) != OK) {
		fprintf(stderr, "lape: TERM=%s: %s\n", name,
		        err == -1
		            ? _("no terminal descriptions (terminfo) "
		                "installed; use the commands (lape --help)")
		            : _("unknown terminal type; try "
		                "TERM=xterm-256color, or use the commands "
		                "(lape --help)"));
		return false;
	}
	const char *cup = tigetstr("cup");
	ok = cup && cup != (char *)-1 && tigetflag("hc") <= 0;
	del_curterm(cur_term);
	if (!ok)
		fprintf(stderr, "lape: TERM=%s: %s\n", name,
		        _("this terminal cannot show the screens; use the "
		          "commands (lape --help)"));
	return ok;
}

/* The terminal hung up (its connection dropped) while waiting for a key:
 * nothing more can be typed or shown.  What was saved is in the file
 * (every save is one transaction); leave instead of spinning on reads
 * that fail at once. */
void tui_hangup(void)
{
	if (tui_screen)
		endwin();
	exit(EXIT_FAILURE_LAPE);
}

static int tui_start_curses(struct tui *t)
{
	tui_screen = newterm(NULL, stdout, stdin);
	if (!tui_screen) {
		const char *term = getenv("TERM");
		fprintf(stderr, "lape: %s: %s\n", term ? term : "TERM",
		        _("unknown terminal type"));
		return -1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	tui_keys_init();
	curs_set(1);
	/* no-color.org: a NO_COLOR that is set and not empty turns colour off
	 */
	const char *no_color = getenv("NO_COLOR");
	t->color = false;
	if (has_colors() && (no_color == NULL || *no_color == '\0')) {
		start_color();
		use_default_colors();
		init_pair(PAIR_OK, COLOR_GREEN, -1);
		init_pair(PAIR_BAD, COLOR_RED, -1);
		t->color = true;
	}
	return 0;
}

int tui_run(struct lape_ctx *ctx)
{
	struct tui t;

	memset(&t, 0, sizeof t);
	t.ctx = ctx;
	t.db = ctx->db;
	t.rules = ctx->rules;
	t.today = ctx->today;
	tui_self = &t;
	tui_setup_marks(&t);
	/* undo takes back only what was done since lape started */
	t.undo_after = history_last_entry(t.db);
	/* short waits for a locked file: tui_retry() says "busy" between */
	db_set_busy_timeout(t.db, TUI_BUSY_MS);
	if (!isatty(0) || !isatty(1)) {
		fprintf(stderr, "lape: %s\n",
		        _("the screens need a terminal; see lape --help for "
		          "the commands"));
		return EXIT_FAILURE_LAPE;
	}
	if (!tui_term_ok())
		return EXIT_FAILURE_LAPE;
	/* the tests: every keymap holds each key and word once */
	if (getenv("LAPE_CHECK_KEYS") && !tui_keymaps_check())
		return EXIT_FAILURE_LAPE;
	/* the first screen's data before the terminal is touched, so that it
	 * appears in one piece */
	if (tui_push(&t, &screen_overview, NULL) != 0) {
		fprintf(stderr, "lape: %s: %s\n", t.db->path,
		        t.msg[0] ? t.msg : db_errmsg(t.db));
		return EXIT_FAILURE_LAPE;
	}
	if (tui_start_curses(&t) != 0) {
		while (t.depth > 0)
			tui_pop(&t);
		return EXIT_FAILURE_LAPE;
	}
	tui_loop(&t);
	while (t.depth > 0)
		tui_pop(&t);
	endwin();
	delscreen(tui_screen);
	tui_screen = NULL;
	tui_self = NULL;
	return EXIT_OK;
}
