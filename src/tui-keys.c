/* tui-keys.c -- keys from real terminals: bytes read one at a time with
 * wgetch() under keypad(), UTF-8 assembled here (so that a byte from a
 * Latin-1 terminal is dropped with a message instead of blocking
 * get_wch() for good), and the escape sequences of xterm, PuTTY, rxvt,
 * the linux console and vt100/vt220 known whatever TERM says.  Any other
 * well-formed CSI or SS3 sequence is swallowed, never read as Esc. */

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

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "lape/i18n.h"
#include "tui-priv.h"

/* How long the rest of an escape sequence may take to follow its ESC
 * (ncurses' ESCDELAY) and each byte of it the one before.  A terminal
 * writes a sequence in one piece, but over SSH the ESC can arrive in one
 * packet and the rest in the next: 40 ms apart is ordinary on a slow
 * link, and 25 ms (what lape used to wait) turned an arrow key into Esc
 * plus typed letters.  200 ms covers those splits several times over
 * while a lone Esc still answers within a fifth of a second (ncurses
 * waits a whole second by default; vim's ttimeoutlen is 100 ms, tmux's
 * escape-time was 500 ms for years).  A split longer than that is caught
 * by the next delay. */
#define KEYS_ESC_MS 200
/* After a lone Esc, for this long, a '[' or 'O' that comes with the rest
 * of a sequence is that sequence arriving late: it is swallowed, neither
 * typed into a field nor run as a command.  (The Esc itself has acted;
 * a changed form asks before it is thrown away.) */
#define KEYS_LATE_MS 1000
/* The rest of a late sequence comes with its '[' or 'O': a person does
 * not type the next key within this. */
#define KEYS_TAIL_MS 15
/* The bytes of one UTF-8 character come together; a lead byte left alone
 * this long (a Latin-1 'ä' is a lead byte) is dropped. */
#define KEYS_UTF8_MS KEYS_ESC_MS

/* Read-ahead: what wgetch() returned that was not used yet. */
static int keys_q[64];
static size_t keys_nq;

/* After a lone Esc or a sequence cut short: what a late tail looks like
 * and until when it is taken for one. */
enum { LATE_NONE, LATE_INTRO, LATE_CSI, LATE_SS3 };
static int keys_late_kind;
static long long keys_late_until;

/* Internal: a byte was dropped, read on. */
#define KEYS_SKIP INT_MIN

static long long keys_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The terminal hung up (its SSH connection dropped): reads fail at once
 * from now on, so waiting for a key would spin.  Nobody can answer a
 * question any more: leave. */
static void keys_check_hangup(void)
{
	struct pollfd p = {.fd = 0, .events = POLLIN};

	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		tui_hangup();
}

/* A byte or a curses key code, waiting at most MS ms (-1: for ever);
 * ERR when none came. */
static int keys_read(int ms)
{
	int c;

	if (keys_nq > 0) {
		c = keys_q[0];
		memmove(keys_q, keys_q + 1, --keys_nq * sizeof *keys_q);
		return c;
	}
	wtimeout(stdscr, ms);
	errno = 0;
	c = wgetch(stdscr);
	if (c == ERR && ms != 0 && errno != EINTR)
		keys_check_hangup(); /* a timed wait ends at once too */
	return c;
}

/* Give C back: it is read next. */
static void keys_unread(int c)
{
	if (c == ERR || keys_nq == ARRAY_LEN(keys_q))
		return;
	memmove(keys_q + 1, keys_q, keys_nq++ * sizeof *keys_q);
	keys_q[0] = c;
}

static void keys_arm_late(int kind)
{
	keys_late_kind = kind;
	keys_late_until = keys_now_ms() + KEYS_LATE_MS;
}

/* ---- escape sequences --------------------------------------------------- */

/* The common sequences, for ncurses to assemble whatever TERM says: a
 * terminal that ignores keypad-transmit mode sends the normal-mode
 * arrows, PuTTY its own Home and End, rxvt its own, the linux console its
 * function keys, and a wrong TERM any of them.  keys_csi() below knows
 * them too (and the modified ones), for what ncurses did not assemble. */
static const struct {
	const char *seq;
	int code;
} keys_table[] = {
    {"\033[A", KEY_UP},      {"\033[B", KEY_DOWN},    {"\033[C", KEY_RIGHT},
    {"\033[D", KEY_LEFT},    {"\033OA", KEY_UP},      {"\033OB", KEY_DOWN},
    {"\033OC", KEY_RIGHT},   {"\033OD", KEY_LEFT},    {"\033[H", KEY_HOME},
    {"\033[F", KEY_END},     {"\033OH", KEY_HOME},    {"\033OF", KEY_END},
    {"\033[1~", KEY_HOME},   {"\033[4~", KEY_END},    {"\033[7~", KEY_HOME},
    {"\033[8~", KEY_END},    {"\033[2~", KEY_IC},     {"\033[3~", KEY_DC},
    {"\033[5~", KEY_PPAGE},  {"\033[6~", KEY_NPAGE},  {"\033[Z", KEY_BTAB},
    {"\033OP", KEY_F(1)},    {"\033OQ", KEY_F(2)},    {"\033OR", KEY_F(3)},
    {"\033OS", KEY_F(4)},    {"\033[11~", KEY_F(1)},  {"\033[12~", KEY_F(2)},
    {"\033[13~", KEY_F(3)},  {"\033[14~", KEY_F(4)},  {"\033[15~", KEY_F(5)},
    {"\033[[A", KEY_F(1)},   {"\033[[B", KEY_F(2)},   {"\033[[C", KEY_F(3)},
    {"\033[[D", KEY_F(4)},   {"\033[[E", KEY_F(5)},   {"\033[17~", KEY_F(6)},
    {"\033[18~", KEY_F(7)},  {"\033[19~", KEY_F(8)},  {"\033[20~", KEY_F(9)},
    {"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
};

/* In application keypad mode (keypad() turns it on) the numeric keypad
 * sends ESC O p .. ESC O y for its digits and ESC O j .. ESC O n for * + ,
 * - .; terminfo binds some of them by where they sit (xterm's ka1 is
 * ESC O w, the 7, read as Home) or as function keys (vt100's kf10 is
 * ESC O x, the 8, which would save a form).  They are what is printed on
 * them: unbound here, keys_ss3() reads them so. */
static void keys_pad_digits(void)
{
	char seq[4] = "\033O";

	for (char c = 'j'; c <= 'y'; c++) {
		seq[2] = c;
		if (key_defined(seq) != 0)
			define_key(seq, 0);
	}
}

void tui_keys_init(void)
{
	static const char arrows[] = "ABCDHF";
	static const int codes[] = {KEY_UP,   KEY_DOWN, KEY_RIGHT,
	                            KEY_LEFT, KEY_HOME, KEY_END};
	char seq[16];

	set_escdelay(KEYS_ESC_MS);
	for (size_t i = 0; i < ARRAY_LEN(keys_table); i++)
		if (key_defined(keys_table[i].seq) == 0)
			define_key(keys_table[i].seq, keys_table[i].code);
	/* xterm's modified arrows, Home and End: ESC [1;5C is Ctrl-Right */
	for (int mod = 2; mod <= 8; mod++)
		for (size_t i = 0; i < ARRAY_LEN(codes); i++) {
			snprintf(seq, sizeof seq, "\033[1;%d%c", mod,
			         arrows[i]);
			if (key_defined(seq) == 0)
				define_key(seq, codes[i]);
		}
	keys_pad_digits();
	keys_nq = 0;
	keys_late_kind = LATE_NONE;
}

/* The key a CSI or an SS3 final byte F names alike: the arrows (in
 * lower case as rxvt sends them with a modifier), Home, End and F1-F4;
 * 0 for none. */
static int keys_final_key(int f)
{
	static const char finals[] = "AaBbCcDdHFPQRS";
	static const int codes[] = {KEY_UP,    KEY_UP,    KEY_DOWN, KEY_DOWN,
	                            KEY_RIGHT, KEY_RIGHT, KEY_LEFT, KEY_LEFT,
	                            KEY_HOME,  KEY_END,   KEY_F(1), KEY_F(2),
	                            KEY_F(3),  KEY_F(4)};
	const char *at = f > 0 && f < 0x80 ? strchr(finals, f) : NULL;

	return at ? TK(codes[at - finals]) : 0;
}

/* A key from CSI parameters P and final byte F. */
static int keys_csi_key(const char *p, int f)
{
	int a = 0, k;

	for (; *p >= '0' && *p <= '9'; p++)
		a = a < 1000 ? a * 10 + (*p - '0') : a;
	/* ESC [a is rxvt's Shift-Up; ESC [1;2P xterm's modified F1 */
	if ((k = keys_final_key(f)) != 0)
		return k;
	switch (f) {
	case 'Z':
		return TK(KEY_BTAB);
	case '~':
	case '^': /* rxvt: Ctrl */
	case '$': /* rxvt: Shift */
	case '@': /* rxvt: Ctrl-Shift */
		break;
	default:
		return TK_IGNORED;
	}
	switch (a) {
	case 1:
	case 7:
		return TK(KEY_HOME);
	case 4:
	case 8:
		return TK(KEY_END);
	case 2:
		return TK(KEY_IC);
	case 3:
		return TK(KEY_DC);
	case 5:
		return TK(KEY_PPAGE);
	case 6:
		return TK(KEY_NPAGE);
	}
	if (a >= 11 && a <= 15)
		return TK(KEY_F(a - 10));
	if (a >= 17 && a <= 21)
		return TK(KEY_F(a - 11));
	if (a == 23 || a == 24)
		return TK(KEY_F(a - 12));
	return TK_IGNORED;
}

static bool keys_csi_param(int c)
{
	return c >= 0x30 && c <= 0x3f;
}

static bool keys_csi_inter(int c)
{
	return c >= 0x20 && c <= 0x2f;
}

static bool keys_csi_final(int c)
{
	return c >= 0x40 && c <= 0x7e;
}

/* The rest of ESC [ (read): parameters, intermediates, a final byte. */
static int keys_csi(void)
{
	char p[32];
	size_t np = 0;
	bool private = false, inter = false;

	for (;;) {
		int c = keys_read(KEYS_ESC_MS);

		if (c == ERR) { /* cut short: the rest may come late */
			keys_arm_late(LATE_CSI);
			return np == 0 && !inter ? TK_ESC : TK_IGNORED;
		}
		if (c >= KEY_MIN || c == 27 || c < 0x20 || c > 0x7e) {
			keys_unread(c); /* not part of it */
			return TK_IGNORED;
		}
		if (np == 0 && !inter && c == '[') { /* linux: ESC [[A is F1 */
			int d = keys_read(KEYS_ESC_MS);
			if (d >= 'A' && d <= 'E')
				return TK(KEY_F(1 + d - 'A'));
			keys_unread(d);
			return TK_IGNORED;
		}
		if (keys_csi_param(c) && !inter) {
			if (c >= '<')
			private = true; /* ESC [? ...: a report */
			if (np + 1 < sizeof p)
				p[np++] = (char)c;
			continue;
		}
		if (keys_csi_inter(c)) {
			inter = true;
			continue;
		}
		if (!keys_csi_final(c)) {
			keys_unread(c);
			return TK_IGNORED;
		}
		p[np] = '\0';
		return private || inter ? TK_IGNORED : keys_csi_key(p, c);
	}
}

/* What an SS3 final byte (ESC O x) means: arrows, Home, End, F1-F4 and the
 * keypad in application mode; 0 for none. */
static int keys_ss3_key(int c)
{
	static const char pad[] = "*+,-./0123456789"; /* ESC O j .. ESC O y */
	int k;

	/* ESC Oa is rxvt's Ctrl-Up */
	if ((k = keys_final_key(c)) != 0)
		return k;
	switch (c) {
	case 'M':
		return '\r';
	case 'X':
		return '=';
	}
	if (c >= 'j' && c <= 'y')
		return (unsigned char)pad[c - 'j'];
	return 0;
}

/* The rest of ESC O (read): a final byte, after parameters for the odd
 * terminal that sends ESC O 5 C. */
static int keys_ss3(void)
{
	for (;;) {
		int c = keys_read(KEYS_ESC_MS);

		if (c == ERR) {
			keys_arm_late(LATE_SS3);
			return TK_ESC;
		}
		if (c >= KEY_MIN || c == 27 || c < 0x20 || c > 0x7e) {
			keys_unread(c);
			return TK_IGNORED;
		}
		if (keys_csi_param(c))
			continue;
		int k = keys_ss3_key(c);
		return k ? k : TK_IGNORED;
	}
}

static int keys_escape(void)
{
	int c = keys_read(0); /* what came with it: ncurses waited already */

	if (c == ERR) {
		keys_arm_late(LATE_INTRO);
		return TK_ESC;
	}
	if (c == '[')
		return keys_csi();
	if (c == 'O')
		return keys_ss3();
	keys_unread(c); /* Esc, then that key (Alt-x is Esc, x) */
	return TK_ESC;
}

/* The finals a late SS3 tail may have: the keys' own, not the keypad's
 * (a late "Ou" is more likely "Oulu" typed than keypad 5). */
static bool keys_late_ss3(int c)
{
	return c >= 'A' && c <= 'Z' && keys_ss3_key(c) != 0;
}

/* C arrived after a lone Esc or a cut sequence: the late rest of it
 * (swallowed: KEYS_SKIP), or 0 to read C as it is. */
static int keys_late(int c)
{
	int kind = keys_late_kind;
	int n;

	keys_late_kind = LATE_NONE;
	if (c == ERR || c >= KEY_MIN || keys_now_ms() > keys_late_until)
		return 0;
	switch (kind) {
	case LATE_INTRO:
		if (c != '[' && c != 'O')
			return 0;
		n = keys_read(KEYS_TAIL_MS);
		if (n == ERR || n >= KEY_MIN)
			break;
		if (c == 'O' ? !keys_late_ss3(n)
		             : !keys_csi_param(n) && !keys_csi_final(n))
			break;
		keys_unread(n);
		(void)(c == '[' ? keys_csi() : keys_ss3());
		keys_late_kind = LATE_NONE;
		return KEYS_SKIP;
	case LATE_CSI:
		if (!keys_csi_param(c) && !keys_csi_inter(c) &&
		    !keys_csi_final(c))
			return 0;
		if (keys_csi_final(c))
			return KEYS_SKIP;
		keys_unread(c);
		(void)keys_csi();
		keys_late_kind = LATE_NONE;
		return KEYS_SKIP;
	case LATE_SS3:
		return keys_late_ss3(c) ? KEYS_SKIP : 0;
	default:
		return 0;
	}
	keys_unread(n);
	return 0;
}

/* ---- curses key codes ------------------------------------------------- */

/* Codes that mean a key lape knows by another code: the keypad's corners,
 * vt220's Find and Select (ESC [1~ and ESC [4~: PuTTY's Home and End),
 * PuTTY's scroll keys (its normal-mode arrows), shifted keys and xterm's
 * modified ones (kLFT5...). */
static int keys_code(int c)
{
	static const struct {
		const char *prefix;
		int code;
	} ext[] = {{"kLFT", KEY_LEFT}, {"kRIT", KEY_RIGHT}, {"kUP", KEY_UP},
	           {"kDN", KEY_DOWN},  {"kHOM", KEY_HOME},  {"kEND", KEY_END},
	           {"kDC", KEY_DC},    {"kIC", KEY_IC},     {"kNXT", KEY_NPAGE},
	           {"kPRV", KEY_PPAGE}};

	switch (c) {
	case KEY_FIND:
	case KEY_A1:
	case KEY_SHOME:
	case KEY_BEG:
		return TK(KEY_HOME);
	case KEY_SELECT:
	case KEY_C1:
	case KEY_SEND:
		return TK(KEY_END);
	case KEY_A3:
	case KEY_SPREVIOUS:
		return TK(KEY_PPAGE);
	case KEY_C3:
	case KEY_SNEXT:
		return TK(KEY_NPAGE);
	case KEY_SR: /* PuTTY's terminfo: ESC [A is "scroll back" */
		return TK(KEY_UP);
	case KEY_SF:
		return TK(KEY_DOWN);
	case KEY_SLEFT:
		return TK(KEY_LEFT);
	case KEY_SRIGHT:
		return TK(KEY_RIGHT);
	case KEY_SDC:
		return TK(KEY_DC);
	case KEY_SIC:
		return TK(KEY_IC);
	case KEY_B2:
		return TK_IGNORED;
	}
	if (c >= KEY_F(13) && c <= KEY_F(24)) /* Shift-F1..F12 */
		return TK(c - 12);
	if (c > KEY_MAX) {
		const char *name = keyname(c);
		for (size_t i = 0; name && i < ARRAY_LEN(ext); i++)
			if (strncmp(name, ext[i].prefix,
			            strlen(ext[i].prefix)) == 0)
				return TK(ext[i].code);
		return TK_IGNORED;
	}
	return TK(c);
}

/* ---- characters ---------------------------------------------------------- */

static void keys_bad_byte(void)
{
	tui_note(_("ignored a byte that is not UTF-8 (is the terminal set to "
	           "UTF-8?)"));
}

/* The rest of a UTF-8 character whose first byte is C. */
static int keys_utf8(int c)
{
	unsigned lo = 0x80, hi = 0xbf, cp;
	int need;

	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = (unsigned)c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = (unsigned)c & 0x0f;
		lo = c == 0xe0 ? 0xa0 : 0x80; /* no overlongs */
		hi = c == 0xed ? 0x9f : 0xbf; /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = (unsigned)c & 0x07;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf; /* up to U+10FFFF */
	} else { /* a continuation byte, C0, C1 or F5-FF: Latin-1 text */
		keys_bad_byte();
		return KEYS_SKIP;
	}
	while (need-- > 0) {
		int b = keys_read(KEYS_UTF8_MS);
		if (b == ERR || b < (int)lo || b > (int)hi) {
			keys_unread(b); /* the start of what comes next */
			keys_bad_byte();
			return KEYS_SKIP;
		}
		cp = cp << 6 | ((unsigned)b & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	return (int)cp;
}

/* A character of a locale that is not UTF-8, starting with byte C. */
static int keys_mb(int c)
{
	mbstate_t st;
	char buf[MB_LEN_MAX];
	size_t n = 0;
	wchar_t wc;

	memset(&st, 0, sizeof st);
	buf[n++] = (char)c;
	for (;;) {
		size_t r = mbrtowc(&wc, buf + n - 1, 1, &st);
		if (r != (size_t)-2)
			return r == (size_t)-1 ? (keys_bad_byte(), KEYS_SKIP)
			                       : (int)wc;
		int b = keys_read(KEYS_UTF8_MS);
		if (b == ERR || b >= KEY_MIN || n == sizeof buf) {
			keys_unread(b);
			keys_bad_byte();
			return KEYS_SKIP;
		}
		buf[n++] = (char)b;
	}
}

static int keys_decode(int c)
{
	if (keys_late_kind != LATE_NONE) {
		int k = keys_late(c);
		if (k)
			return k;
	}
	if (c == 27)
		return keys_escape();
	if (c == KEY_RESIZE)
		tui_resized();
	if (c >= KEY_MIN)
		return keys_code(c);
	if (c >= 0x80 && c <= 0xff)
		return tui_utf8_locale() ? keys_utf8(c) : keys_mb(c);
	return c;
}

int tui_getkey_wait(int ms)
{
	long long end = ms >= 0 ? keys_now_ms() + ms : 0;

	if (ms != 0)
		tui_idle_check();
	for (;;) {
		int c = keys_read(ms);
		if (c == ERR) {
			if (ms >= 0)
				return TK_NONE;
			continue; /* a signal */
		}
		int k = keys_decode(c);
		if (k != KEYS_SKIP)
			return k;
		if (ms >= 0) {
			long long left = end - keys_now_ms();
			if (left <= 0)
				return TK_NONE;
			ms = (int)left;
		}
	}
}

int tui_getkey(void)
{
	return tui_getkey_wait(-1);
}

bool tui_key_pending(void)
{
	int c;

	if (keys_nq > 0)
		return true;
	c = keys_read(0);
	if (c == ERR)
		return false;
	keys_unread(c);
	return true;
}

void tui_key_flush(void)
{
	keys_nq = 0;
	keys_late_kind = LATE_NONE;
	flushinp();
}
