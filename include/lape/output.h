/* output.h -- what the command line prints: tables aligned by display width
 * for people, CSV (RFC 4180) and JSON for programs, and the text block of a
 * group's check.  Text never cuts inside a character; CSV and JSON are
 * always valid, whatever bytes the data file holds (invalid UTF-8 becomes
 * U+FFFD). */

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
#ifndef LAPE_OUTPUT_H
#define LAPE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lape/check.h"
#include "lape/rules.h"
#include "lape/store.h"

enum output_format { OUTPUT_TEXT, OUTPUT_CSV, OUTPUT_JSON };

/* "text", "csv" or "json": 0, else -1. */
int output_format_parse(const char *s, enum output_format *out);

/* Whether the terminal's character set is UTF-8 (nl_langinfo(CODESET)):
 * if not, text output uses ASCII marks. */
bool output_utf8(void);
/* The marks of a present and of a missing item: "✓" / "✗", or "[x]" /
 * "[ ]" without UTF-8. */
const char *output_mark(bool ok);

/* ---- tables ------------------------------------------------------------ */

enum output_type {
	OUT_STR,  /* text */
	OUT_INT,  /* decimal number: right-aligned, a JSON number */
	OUT_BOOL, /* "1"/"0": yes/no in text, true/false in CSV and JSON */
	OUT_DATE, /* ISO date: shown in the user's form in text */
	OUT_LIST  /* items separated by '\n': ", " in text and CSV, a JSON
	             array */
};

enum output_col_flags {
	OUT_MACHINE = 1 << 0, /* only in CSV and JSON, not in text */
	OUT_HUMAN = 1 << 1    /* only in text (e.g. a translated label) */
};

struct output_column {
	const char *key;    /* CSV header and JSON key: not translated */
	const char *header; /* N_() text header, translated when printed */
	enum output_type type;
	int flags;
};

struct output_table;

/* A table with the N columns COLS (borrowed: keep them alive, e.g. a static
 * array).  Returns NULL when out of memory.  Free with
 * output_table_free(). */
struct output_table *output_table_new(const struct output_column *cols,
                                      size_t n);
void output_table_free(struct output_table *t);
/* Append a row: CELLS holds one string per column (NULL for empty); they
 * are copied.  Returns 0, or -1 when out of memory. */
int output_table_add(struct output_table *t, const char *const *cells);
size_t output_table_rows(const struct output_table *t);
/* Sort the rows by column COL in Finnish/Swedish order (stable). */
void output_table_sort(struct output_table *t, size_t col);
/* Cap the text width of every column at COLS columns (longer cells end
 * with an ellipsis); 0 (the default) means no cap. */
void output_table_max_width(struct output_table *t, size_t cols);
/* Make each line of the text fit COLS columns (cmd_width()) by
 * narrowing the widest columns, whose cells then end with an ellipsis;
 * 0 (the default) leaves every cell whole. */
void output_table_fit(struct output_table *t, size_t cols);
/* Print the table in FMT to F.  Text: headers, then rows aligned in
 * columns by display width; CSV: a header line of keys, CRLF line ends;
 * JSON: an array of objects. */
void output_table_print(const struct output_table *t, enum output_format fmt,
                        FILE *f);
/* Streaming, for tables of any length in little memory: after
 * output_table_measure() the rows added only widen the text columns;
 * after output_table_stream() each row added is printed at once (CSV
 * and JSON need no measuring; text needs the same rows measured first),
 * and output_table_print() only ends the table.  No sorting then.
 * Return 0, or -1 when out of memory. */
int output_table_measure(struct output_table *t);
int output_table_stream(struct output_table *t, enum output_format fmt,
                        FILE *f);

struct output_json;
/* The rows as a JSON array of objects, a value in J. */
void output_table_json(const struct output_table *t, struct output_json *j);

/* ---- text -------------------------------------------------------------- */

/* S made safe for a terminal: invalid bytes become U+FFFD (or '?' without
 * UTF-8), control characters '?'.  Caller frees; NULL when out of memory.
 * NULL S gives "". */
char *output_text_clean(const char *s);
/* Print S (cleaned) padded with spaces to WIDTH display columns; when S is
 * wider than MAX (0 = no limit) it is cut before a character and ends with
 * an ellipsis. */
void output_text_pad(FILE *f, const char *s, size_t width, size_t max);
/* Print S (cleaned), then each following line indented by INDENT, so that
 * no line passes COLS display columns (words are kept whole when they
 * fit; a longer word is broken between characters); COLS 0 keeps S on
 * one line.  Used for long lists such as municipalities without a
 * group. */
void output_text_wrap(FILE *f, const char *s, size_t indent, size_t cols);

/* ---- CSV --------------------------------------------------------------- */

/* One field: quoted when it holds , " CR or LF (quotes doubled); invalid
 * UTF-8 becomes U+FFFD. */
void output_csv_field(FILE *f, const char *s);

/* ---- JSON -------------------------------------------------------------- */

/* A streaming writer that places commas and indentation itself. */
#define OUTPUT_JSON_DEPTH 16
struct output_json {
	FILE *f;
	int depth;
	bool first[OUTPUT_JSON_DEPTH];
	bool after_key;
	/* what is not written to F yet: written when full, when the
	 * outermost value ends, and by output_json_flush() */
	size_t len;
	char buf[8192];
};

void output_json_init(struct output_json *j, FILE *f);
void output_json_object(struct output_json *j);
void output_json_array(struct output_json *j);
/* Close the innermost object or array (and end the line at the top, and
 * write out what is held). */
void output_json_end(struct output_json *j, char close);
/* Write out what is held, for a caller that stops before the end or
 * writes F itself in between. */
void output_json_flush(struct output_json *j);
void output_json_key(struct output_json *j, const char *key);
/* A string value (NULL gives null), escaped, invalid UTF-8 as U+FFFD. */
void output_json_str(struct output_json *j, const char *s);
void output_json_int(struct output_json *j, int64_t v);
void output_json_bool(struct output_json *j, bool v);
void output_json_null(struct output_json *j);
/* Convenience: key and value. */
void output_json_kstr(struct output_json *j, const char *key, const char *s);
void output_json_kint(struct output_json *j, const char *key, int64_t v);
void output_json_kbool(struct output_json *j, const char *key, bool v);

/* ---- checks ------------------------------------------------------------ */

/* The text block of a group's check: a line with the mark, name, level,
 * region name (REGION_NAME, may be NULL) and state; a line per required
 * sector, present (with who covers it) or missing; then the warnings.
 * Long lines are wrapped to COLS columns (0: never). */
struct output_check_heads;
void output_check_text(FILE *f, struct output_check_heads *heads,
                       const struct rules *r, const struct group *g,
                       const char *region_name, const struct membership *m,
                       size_t n, const struct check_result *res, size_t cols);
/* What the lines of a run of checks begin with ("  ✓ label  "), made
 * once for each level's sectors and kept here: HEADS above, NULL for a
 * single check.  Made again when the rules, the language or the output
 * encoding change. */
struct output_check_heads *output_check_heads_new(void);
void output_check_heads_free(struct output_check_heads *h);

#endif
