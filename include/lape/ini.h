/* ini.h -- a line-by-line look at an INI file (lape.ini, rules.ini) before
 * iniparser reads it.  iniparser merges a section or key given twice (the
 * later wins), gives no line numbers and passes a few mistakes silently (a
 * comment ending in a backslash swallows the next line); the scan refuses
 * all of these, naming the line, so that every mistake stops lape.
 *
 * It reads the lines exactly as iniparser 4 does: ; and # comments, lines
 * continued by a backslash at their end, at most 1022 bytes a line,
 * section and key names trimmed and in lower case.  A file the scan
 * accepts is read by iniparser with the same sections and keys. */

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
#ifndef LAPE_INI_H
#define LAPE_INI_H

#include <stddef.h>

/* At most this many sections and keys (iniparser's dictionary is slow
 * past thousands; lape's files have a few dozen). */
#define INI_MAX_ENTRIES 1000

enum ini_status {
	INI_OK = 0,
	INI_ERROR = -1,    /* ERR holds "PATH: what is wrong" */
	INI_DIRECTORY = -2 /* PATH is a directory; ERR is left alone */
};

struct ini_entry {
	int line;      /* where it was given, from 1 */
	char *section; /* as iniparser names it: trimmed, lower case */
	char *key;     /* likewise; NULL for the section line itself */
};

struct ini_scan {
	struct ini_entry *entries; /* in the order of the file */
	size_t n;
};

/* Scan PATH into *OUT (freed with ini_scan_free(), also after an error).
 * Refused, with "PATH: line N: what" in ERR (ERRLEN bytes): a byte order
 * mark, a NUL byte, a line too long, a line that is neither a comment,
 * [section] nor key = value, an empty section name or one holding ':', a
 * key before any section, a section or a key in a section given twice, a
 * continuation that swallows a line or is never finished, and more than
 * INI_MAX_ENTRIES sections and keys.  A pipe is refused unopened. */
int ini_scan(const char *path, struct ini_scan *out, char *err, size_t errlen);
void ini_scan_free(struct ini_scan *s);

/* The line where SECTION (and KEY, if not NULL) was given, names as in
 * struct ini_entry; 0 when it was not. */
int ini_scan_line(const struct ini_scan *s, const char *section,
                  const char *key);

/* Copy S into BUF (SIZE bytes) to show in a message: at most 40 columns,
 * never cut inside a character ("..." when cut), control characters and
 * invalid bytes written as \xHH so that no byte from a file reaches the
 * terminal raw.  Returns BUF. */
const char *ini_shown(const char *s, char *buf, size_t size);

#endif
