/* ini.c -- the scan of an INI file that runs before iniparser reads it:
 * line numbers, and the mistakes iniparser lets pass (see ini.h).  It
 * follows iniparser 4's iniparser_load() line for line, so that what it
 * accepts, iniparser reads the same way. */

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
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lape/i18n.h"
#include "lape/ini.h"
#include "lape/utf8.h"

/* iniparser's ASCIILINESZ: it reads with fgets(line + last, 1024 - last),
 * LAST being what continued lines have gathered. */
#define INI_LINE 1024
/* Columns of a name shown in a message. */
#define INI_SHOWN_COLS 40

struct scanner {
	const char *path;
	FILE *f;
	int line; /* physical lines read */
	char buf[INI_LINE + 1];
	struct ini_scan *out;
	const char *section; /* the current one (in OUT), NULL before any */
	char *err;
	size_t errlen;
};

static int scan_fail(struct scanner *S, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Record "PATH: what" and return INI_ERROR. */
static int scan_fail(struct scanner *S, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (S->err && S->errlen)
		snprintf(S->err, S->errlen, "%s: %s", S->path, what);
	return INI_ERROR;
}

/* ---- showing names ----------------------------------------------------- */

const char *ini_shown(const char *s, char *buf, size_t size)
{
	size_t o = 0, cols = 0, n;
	unsigned cp;

	if (size == 0)
		return buf;
	while ((n = utf8_decode(s, &cp)) > 0) {
		char piece[16];
		size_t plen, w;
		bool bad = (cp == UTF8_REPLACEMENT && n == 1) || cp < 0x20 ||
		           cp == 0x7f || (cp >= 0x80 && cp < 0xa0);

		if (bad) {
			plen = (size_t)snprintf(piece, sizeof piece, "\\x%02x",
			                        (unsigned char)*s);
			w = plen;
			n = 1;
		} else {
			memcpy(piece, s, n);
			piece[n] = '\0';
			plen = n;
			w = utf8_width(piece);
		}
		/* room for the piece, and for "..." should more follow */
		if (cols + w > INI_SHOWN_COLS || o + plen + 4 > size) {
			if (o + 4 <= size)
				memcpy(buf + o, "...", 3), o += 3;
			break;
		}
		memcpy(buf + o, piece, plen);
		o += plen;
		cols += w;
		s += n;
	}
	buf[o] = '\0';
	return buf;
}

/* ---- entries ----------------------------------------------------------- */

/* S trimmed of blanks at both ends (in place) and, when LOWER, in lower
 * case, as iniparser's strstrip() and strlwc() make it. */
static char *trim(char *s, bool lower)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	s[len] = '\0';
	for (char *p = s; lower && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static const struct ini_entry *find(const struct ini_scan *s,
                                    const char *section, const char *key)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct ini_entry *e = &s->entries[i];

		if (strcmp(e->section, section) != 0)
			continue;
		if (key ? e->key && strcmp(e->key, key) == 0 : !e->key)
			return e;
	}
	return NULL;
}

/* Add an entry given at LINE; KEY NULL for a section. */
static int add(struct scanner *S, int line, const char *section,
               const char *key)
{
	struct ini_scan *s = S->out;
	struct ini_entry *e;

	if (s->n == INI_MAX_ENTRIES)
		return scan_fail(S,
		                 _("line %d: more than %d sections and keys"),
		                 line, INI_MAX_ENTRIES);
	if (s->n % 32 == 0) {
		e = realloc(s->entries, (s->n + 32) * sizeof *e);
		if (!e)
			return scan_fail(S, "%s", strerror(ENOMEM));
		s->entries = e;
	}
	e = &s->entries[s->n];
	e->line = line;
	e->section = strdup(section);
	e->key = key ? strdup(key) : NULL;
	if (!e->section || (key && !e->key)) {
		free(e->section);
		free(e->key);
		return scan_fail(S, "%s", strerror(ENOMEM));
	}
	s->n++;
	if (!key)
		S->section = e->section;
	return INI_OK;
}

/* ---- lines ------------------------------------------------------------- */

/* "[name]": NAME is what stands between the brackets. */
static int scan_section(struct scanner *S, char *name, int line)
{
	char shown[256], *norm;
	const struct ini_entry *first;

	/* iniparser would cut the name at the first ']' */
	if (strchr(name, ']'))
		return scan_fail(S,
		                 _("line %d: syntax error (expected [section], "
		                   "key = value or a ; comment)"),
		                 line);
	name = trim(name, false);
	ini_shown(name, shown, sizeof shown);
	if (!*name)
		return scan_fail(S, _("line %d: a section name is empty"),
		                 line);
	/* iniparser names a key "section:key" */
	if (strchr(name, ':'))
		return scan_fail(S,
		                 _("line %d: [%s]: a section name cannot hold "
		                   "':'"),
		                 line, shown);
	norm = trim(name, true);
	first = find(S->out, norm, NULL);
	if (first)
		return scan_fail(S,
		                 _("line %d: [%s]: given twice (first at line "
		                   "%d)"),
		                 line, shown, first->line);
	return add(S, line, norm, NULL);
}

/* "key = value": KEY is what stands before the first '='. */
static int scan_key(struct scanner *S, char *key, int line)
{
	char shown[256], sec[256];
	const struct ini_entry *first;

	key = trim(key, true);
	ini_shown(key, shown, sizeof shown);
	if (!S->section)
		return scan_fail(S, _("line %d: %s: key outside any [section]"),
		                 line, shown);
	first = find(S->out, S->section, key);
	if (first)
		return scan_fail(S,
		                 _("line %d: [%s] %s: given twice (first at "
		                   "line %d)"),
		                 line, ini_shown(S->section, sec, sizeof sec),
		                 shown, first->line);
	return add(S, line, S->section, key);
}

/* One line as iniparser_line() reads it, continued lines joined (JOINED
 * when there were some); LINE is where it started. */
static int scan_logical(struct scanner *S, char *text, int line, bool joined)
{
	char *p = trim(text, false), *eq;
	size_t len = strlen(p);

	if (len == 0)
		return INI_OK;
	if (*p == ';' || *p == '#') {
		if (joined)
			return scan_fail(
			    S,
			    _("line %d: a comment ends in \\, which "
			      "joins the next line to it"),
			    line);
		return INI_OK;
	}
	if (p[0] == '[' && p[len - 1] == ']') {
		p[len - 1] = '\0';
		return scan_section(S, p + 1, line);
	}
	eq = strchr(p, '=');
	if (!eq || eq == p)
		return scan_fail(S,
		                 _("line %d: syntax error (expected [section], "
		                   "key = value or a ; comment)"),
		                 line);
	*eq = '\0';
	return scan_key(S, p, line);
}

/* Read one line into S->buf from LAST on, as iniparser's fgets() does: 1
 * with *LEN the bytes now in the buffer, 0 at the end of the file, or
 * INI_ERROR. */
static int read_physical(struct scanner *S, size_t last, size_t *len)
{
	size_t n = last;
	int ch = 0;

	while (n < INI_LINE - 1) {
		ch = getc(S->f);
		if (ch == EOF)
			break;
		if (ch == '\0')
			return scan_fail(S, _("line %d: contains a NUL byte"),
			                 S->line + 1);
		S->buf[n++] = (char)ch;
		if (ch == '\n')
			break;
	}
	if (ch == EOF && ferror(S->f))
		return scan_fail(S, _("cannot read: %s"), strerror(errno));
	if (n == last)
		return 0;
	S->line++;
	/* iniparser refuses a line that does not fit its buffer */
	if (S->buf[n - 1] != '\n' && ch != EOF)
		return scan_fail(S, _("line %d: line too long"), S->line);
	S->buf[n] = '\0';
	*len = n;
	return 1;
}

static int scan_lines(struct scanner *S)
{
	size_t last = 0, len = 0;
	int rc, start = 0;
	bool joined = false;

	while ((rc = read_physical(S, last, &len)) > 0) {
		if (S->line == 1 && len >= 3 &&
		    memcmp(S->buf, "\xEF\xBB\xBF", 3) == 0)
			return scan_fail(
			    S, "%s",
			    _("starts with a byte order mark: save it as UTF-8 "
			      "without one"));
		if (!joined)
			start = S->line;
		while (len > 0 && isspace((unsigned char)S->buf[len - 1]))
			len--;
		S->buf[len] = '\0';
		/* a backslash at the end continues the line: the next one
		 * is read over it */
		if (len > 0 && S->buf[len - 1] == '\\') {
			last = len - 1;
			joined = true;
			continue;
		}
		last = 0;
		rc = scan_logical(S, S->buf, start, joined);
		joined = false;
		if (rc != INI_OK)
			return rc;
	}
	if (rc != 0)
		return rc;
	/* iniparser drops a continued line that the file does not finish */
	if (joined)
		return scan_fail(S,
		                 _("line %d: the last line ends in \\, but no "
		                   "line follows"),
		                 start);
	return INI_OK;
}

/* ---- the interface ----------------------------------------------------- */

int ini_scan(const char *path, struct ini_scan *out, char *err, size_t errlen)
{
	struct scanner S = {
	    .path = path, .out = out, .err = err, .errlen = errlen};
	struct stat st;
	int rc;

	out->entries = NULL;
	out->n = 0;
	/* Before opening: opening a pipe waits for a writer, and iniparser
	 * reads the file again after the scan, which a pipe cannot give. */
	if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode))
		return scan_fail(&S, "%s", _("is a pipe, not a file"));
	S.f = fopen(path, "r");
	if (!S.f)
		return scan_fail(&S, _("cannot read: %s"), strerror(errno));
	if (fstat(fileno(S.f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(S.f);
		return INI_DIRECTORY;
	}
	rc = scan_lines(&S);
	fclose(S.f);
	return rc;
}

void ini_scan_free(struct ini_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->entries[i].section);
		free(s->entries[i].key);
	}
	free(s->entries);
	s->entries = NULL;
	s->n = 0;
}

int ini_scan_line(const struct ini_scan *s, const char *section,
                  const char *key)
{
	const struct ini_entry *e = find(s, section, key);

	return e ? e->line : 0;
}
