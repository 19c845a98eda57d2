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
/* output.c -- tables for people (aligned by display width), CSV and JSON for
 * programs, and the text block of a check.  Whatever bytes the data file
 * holds, text stays aligned and terminal-safe, CSV and JSON stay valid. */

#include <inttypes.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "lape/collate.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/utf8.h"

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

int output_format_parse(const char *s, enum output_format *out)
{
	static const char *const names[] = {"text", "csv", "json"};

	for (size_t i = 0; i < 3; i++) {
		if (s && strcmp(s, names[i]) == 0) {
			*out = (enum output_format)i;
			return 0;
		}
	}
	return -1;
}

bool output_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0 ||
	              strcmp(cs, "UTF8") == 0);
}

const char *output_mark(bool ok)
{
	if (output_utf8())
		return ok ? "\xE2\x9C\x93" : "\xE2\x9C\x97"; /* ✓ ✗ */
	return ok ? "[x]" : "[ ]";
}

/* Decode one strictly valid UTF-8 character at S: its length, or 0 when the
 * bytes there are not valid UTF-8 (overlongs, surrogates, past U+10FFFF). */
static size_t out_decode(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* ---- text -------------------------------------------------------------- */

char *output_text_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	bool utf8 = output_utf8();
	/* Each input byte becomes at most 3 output bytes (U+FFFD). */
	char *out = malloc(strlen((const char *)p) * 3 + 1), *o = out;

	if (!out)
		return NULL;
	while (*p) {
		unsigned cp;
		size_t len = out_decode(p, &cp);

		if (len == 0) {
			if (utf8) {
				memcpy(o, REPLACEMENT, 3);
				o += 3;
			} else {
				*o++ = '?';
			}
			p++;
			continue;
		}
		if (cp == '\t' || cp == '\n' || cp == '\r')
			*o++ = ' ';
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			*o++ = '?';
		else {
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

static void out_spaces(FILE *f, size_t n)
{
	static const char blanks[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;

		fwrite(blanks, 1, k, f);
		n -= k;
	}
}

/* Print the already clean S cut to MAX columns (0: no limit) with an
 * ellipsis; returns the columns printed. */
static size_t out_fit(FILE *f, const char *s, size_t max)
{
	size_t w = utf8_width(s), ellw, fw, bytes;
	const char *ell;

	if (max == 0 || w <= max) {
		fputs(s, f);
		return w;
	}
	ell = output_utf8() ? "\xE2\x80\xA6" : "...";
	ellw = output_utf8() ? 1 : 3;
	if (max <= ellw) {
		bytes = utf8_fit(s, max, &fw);
		fwrite(s, 1, bytes, f);
		return fw;
	}
	bytes = utf8_fit(s, max - ellw, &fw);
	fwrite(s, 1, bytes, f);
	fputs(ell, f);
	return fw + ellw;
}

/* Whether S is valid UTF-8 made only of printable Latin characters (below
 * U+0300, where every character is one column): the common case, which
 * needs no cleaning.  *LEN gets its bytes and *WIDTH its columns. */
static bool plain_latin(const char *s, size_t *len, size_t *width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		const unsigned char *run = p;

		/* printable ASCII, a column a byte */
		while ((unsigned)(*p - 0x20) < 0x7F - 0x20)
			p++;
		w += (size_t)(p - run);
		if (!*p)
			break;
		/* U+00A0..U+02FF in two bytes: C2 A0..BF, C3..CB 80..BF */
		if (!(p[0] == 0xC2 ? p[1] >= 0xA0 && p[1] <= 0xBF
		                   : p[0] >= 0xC3 && p[0] <= 0xCB &&
		                         (p[1] & 0xC0) == 0x80))
			return false;
		p += 2, w++;
	}
	*len = (size_t)(p - (const unsigned char *)s);
	*width = w;
	return true;
}

/* Display width of S, quickly for Latin text. */
static size_t text_width(const char *s)
{
	size_t len, w;

	return plain_latin(s, &len, &w) ? w : utf8_width(s);
}

void output_text_pad(FILE *f, const char *s, size_t width, size_t max)
{
	char *clean;
	size_t w, len;

	if (!s)
		s = "";
	if (plain_latin(s, &len, &w) && (max == 0 || w <= max)) {
		fwrite(s, 1, len, f);
	} else {
		clean = output_text_clean(s);
		if (!clean)
			return;
		w = out_fit(f, clean, max);
		free(clean);
	}
	if (w < width)
		out_spaces(f, width - w);
}

/* ---- a check's text, collected before stdio ----------------------------
 *
 * `lape check` writes a line per sector of every group: a few words
 * each, which were a stdio call each (a tenth of the whole check).  A
 * line's words are collected here and written by one fwrite(). */

struct out_w {
	FILE *f;
	size_t len;
	char buf[4096];
};

static void ow_flush(struct out_w *w)
{
	if (w->len)
		fwrite(w->buf, 1, w->len, w->f);
	w->len = 0;
}

/* Write to F from now on, what is collected to the stream before. */
static void ow_to(struct out_w *w, FILE *f)
{
	if (f != w->f)
		ow_flush(w);
	w->f = f;
}

static void ow_write(struct out_w *w, const char *s, size_t n)
{
	if (n > sizeof w->buf - w->len) {
		ow_flush(w);
		if (n > sizeof w->buf) {
			fwrite(s, 1, n, w->f);
			return;
		}
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void ow_puts(struct out_w *w, const char *s)
{
	ow_write(w, s, strlen(s));
}

static void ow_putc(struct out_w *w, char c)
{
	ow_write(w, &c, 1);
}

/* output_text_pad() to W: collected when S is plain (the common case),
 * else written by it. */
static void ow_pad(struct out_w *w, const char *s, size_t width, size_t max)
{
	size_t len, cols;

	if (!s)
		s = "";
	if (!plain_latin(s, &len, &cols) || (max != 0 && cols > max)) {
		ow_flush(w);
		output_text_pad(w->f, s, width, max);
		return;
	}
	ow_write(w, s, len);
	for (; cols < width; cols++)
		ow_putc(w, ' ');
}

/* Print WORD (clean, LEN bytes, W columns) at column *COL, breaking it
 * between characters when it is wider than a whole line (AVAIL columns
 * after INDENT). */
static void wrap_word(FILE *f, const char *word, size_t len, size_t w,
                      size_t indent, size_t avail, size_t *col)
{
	while (w > avail && *col == indent) {
		size_t fw, bytes = utf8_fit(word, avail, &fw);

		if (bytes == 0)
			break;
		fwrite(word, 1, bytes, f);
		fputc('\n', f);
		out_spaces(f, indent);
		word += bytes;
		len -= bytes;
		w -= fw;
	}
	fwrite(word, 1, len, f);
	*col += w;
}

void output_text_wrap(FILE *f, const char *s, size_t indent, size_t cols)
{
	char *clean = output_text_clean(s), *p, *word;
	size_t col = indent, avail = cols > indent + 10 ? cols - indent : 10;
	bool first = true;

	if (!clean)
		return;
	if (cols == 0) {
		fputs(clean, f);
		free(clean);
		return;
	}
	for (p = clean; *p;) {
		size_t len, w;
		char save;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		word = p;
		while (*p && *p != ' ')
			p++;
		len = (size_t)(p - word);
		save = *p;
		*p = '\0';
		w = utf8_width(word);
		if (!first && col + 1 + w > indent + avail) {
			fputc('\n', f);
			out_spaces(f, indent);
			col = indent;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		wrap_word(f, word, len, w, indent, avail, &col);
		first = false;
		*p = save;
	}
	free(clean);
}

/* ---- CSV --------------------------------------------------------------- */

/* Write S with invalid UTF-8 replaced, doubling quotes when QUOTE. */
static void out_csv_bytes(FILE *f, const char *s, bool quote)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned cp;
		size_t len = out_decode(p, &cp);

		if (len == 0) {
			fputs(REPLACEMENT, f);
			p++;
			continue;
		}
		if (quote && *p == '"')
			fputc('"', f);
		fwrite(p, 1, len, f);
		p += len;
	}
}

void output_csv_field(FILE *f, const char *s)
{
	bool quote;

	if (!s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', f);
	out_csv_bytes(f, s, quote);
	if (quote)
		fputc('"', f);
}

/* ---- JSON -------------------------------------------------------------- */

/* The JSON is collected in J's buffer and written a buffer at a time: a
 * check of every group writes it a few bytes at a time, and a stdio call
 * for each was a third of its instructions. */
void output_json_flush(struct output_json *j)
{
	if (j->len)
		fwrite(j->buf, 1, j->len, j->f);
	j->len = 0;
}

static void json_write(struct output_json *j, const void *s, size_t n)
{
	if (n > sizeof j->buf - j->len)
		output_json_flush(j);
	if (n >= sizeof j->buf) {
		fwrite(s, 1, n, j->f);
		return;
	}
	memcpy(j->buf + j->len, s, n);
	j->len += n;
}

static void json_putc(struct output_json *j, char c)
{
	if (j->len == sizeof j->buf)
		output_json_flush(j);
	j->buf[j->len++] = c;
}

static void json_puts(struct output_json *j, const char *s)
{
	json_write(j, s, strlen(s));
}

void output_json_init(struct output_json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
	j->first[0] = true;
}

/* A line break and the indent of the depth, in one write. */
static void json_newline(struct output_json *j)
{
	static const char indent[1 + 2 * OUTPUT_JSON_DEPTH + 1] =
	    "\n                                ";

	json_write(j, indent, 1 + 2 * (size_t)j->depth);
}

/* Before a value or a key: the comma and the line break it needs. */
static void json_prefix(struct output_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (!j->first[j->depth])
		json_putc(j, ',');
	j->first[j->depth] = false;
	json_newline(j);
}

static void json_open(struct output_json *j, char c)
{
	json_prefix(j);
	json_putc(j, c);
	if (j->depth < OUTPUT_JSON_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

void output_json_object(struct output_json *j)
{
	json_open(j, '{');
}

void output_json_array(struct output_json *j)
{
	json_open(j, '[');
}

void output_json_end(struct output_json *j, char close)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		json_newline(j);
	json_putc(j, close);
	if (j->depth == 0) {
		json_putc(j, '\n');
		output_json_flush(j);
	}
}

/* The escape of code point CP in a JSON string, or NULL when it is
 * written as it is. */
static const char *json_escape(unsigned cp)
{
	switch (cp) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	}
	return NULL;
}

static void json_unicode(struct output_json *j, unsigned cp)
{
	char u[8];

	snprintf(u, sizeof u, "\\u%04x", cp);
	json_puts(j, u);
}

/* S as a JSON string: the runs that need no escape copied whole, not a
 * character at a time. */
static void json_string(struct output_json *j, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	json_putc(j, '"');
	while (*p) {
		unsigned cp;
		size_t len;
		const char *esc;

		/* printable ASCII but for '"' and '\\', and two-byte
		 * characters from U+00A0 on (C2 A0..BF, C3..DF 80..BF): as
		 * they are, without the decoder */
		if (*p >= 0x20 && *p < 0x7F && *p != '"' && *p != '\\') {
			p++;
			continue;
		}
		if (p[0] == 0xC2 ? p[1] >= 0xA0 && p[1] <= 0xBF
		                 : p[0] >= 0xC3 && p[0] <= 0xDF &&
		                       (p[1] & 0xC0) == 0x80) {
			p += 2;
			continue;
		}
		len = out_decode(p, &cp);
		esc = len ? json_escape(cp) : NULL;
		if (len && !esc && cp >= 0x20 && cp != 0x7F) {
			p += len;
			continue;
		}
		json_write(j, run, (size_t)(p - run));
		if (len == 0)
			json_puts(j, "\\ufffd");
		else if (esc)
			json_puts(j, esc);
		else
			json_unicode(j, cp);
		p += len ? len : 1;
		run = p;
	}
	json_write(j, run, (size_t)(p - run));
	json_putc(j, '"');
}

void output_json_key(struct output_json *j, const char *key)
{
	json_prefix(j);
	json_string(j, key);
	json_puts(j, ": ");
	j->after_key = true;
}

void output_json_str(struct output_json *j, const char *s)
{
	json_prefix(j);
	if (s)
		json_string(j, s);
	else
		json_puts(j, "null");
}

void output_json_int(struct output_json *j, int64_t v)
{
	char num[24];

	json_prefix(j);
	snprintf(num, sizeof num, "%" PRId64, v);
	json_puts(j, num);
}

void output_json_bool(struct output_json *j, bool v)
{
	json_prefix(j);
	json_puts(j, v ? "true" : "false");
}

void output_json_null(struct output_json *j)
{
	json_prefix(j);
	json_puts(j, "null");
}

void output_json_kstr(struct output_json *j, const char *key, const char *s)
{
	output_json_key(j, key);
	output_json_str(j, s);
}

void output_json_kint(struct output_json *j, const char *key, int64_t v)
{
	output_json_key(j, key);
	output_json_int(j, v);
}

void output_json_kbool(struct output_json *j, const char *key, bool v)
{
	output_json_key(j, key);
	output_json_bool(j, v);
}

/* ---- tables ------------------------------------------------------------ */

struct output_table {
	const struct output_column *cols;
	size_t n_cols;
	char ***rows; /* n_rows arrays of n_cols strings (NULL = empty) */
	size_t n_rows, cap;
	size_t max_width; /* of a column, 0 none */
	size_t fit;       /* of a line, 0 none */
	/* Streamed (output_table_measure(), output_table_stream()): rows
	 * are measured or printed as they come, none kept. */
	enum { TABLE_KEEP, TABLE_MEASURE, TABLE_EMIT } mode;
	enum output_format fmt;
	FILE *out;
	size_t *width; /* text: each column's width, measured */
	size_t n_seen; /* rows measured or printed */
	struct output_json json;
	FILE *line; /* text: one line at a time, reused */
	char *line_buf;
	size_t line_len;
};

struct output_table *output_table_new(const struct output_column *cols,
                                      size_t n)
{
	struct output_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->cols = cols;
	t->n_cols = n;
	return t;
}

static void table_row_free(char **row, size_t n)
{
	if (!row)
		return;
	for (size_t i = 0; i < n; i++)
		free(row[i]);
	free(row);
}

void output_table_free(struct output_table *t)
{
	if (!t)
		return;
	if (t->line)
		fclose(t->line);
	free(t->line_buf);
	free(t->width);
	for (size_t i = 0; i < t->n_rows; i++)
		table_row_free(t->rows[i], t->n_cols);
	free(t->rows);
	free(t);
}

static int table_emit(struct output_table *t, const char *const *cells);
static void table_measure(struct output_table *t, const char *const *cells);

int output_table_add(struct output_table *t, const char *const *cells)
{
	char **row;

	if (t->mode == TABLE_MEASURE) {
		table_measure(t, cells);
		t->n_seen++;
		return 0;
	}
	if (t->mode == TABLE_EMIT) {
		t->n_seen++;
		return table_emit(t, cells);
	}

	if (t->n_rows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char ***rows = realloc(t->rows, cap * sizeof(*rows));

		if (!rows)
			return -1;
		t->rows = rows;
		t->cap = cap;
	}
	row = calloc(t->n_cols, sizeof(*row));
	if (!row)
		return -1;
	for (size_t i = 0; i < t->n_cols; i++) {
		if (!cells[i])
			continue;
		row[i] = strdup(cells[i]);
		if (!row[i]) {
			table_row_free(row, t->n_cols);
			return -1;
		}
	}
	t->rows[t->n_rows++] = row;
	return 0;
}

size_t output_table_rows(const struct output_table *t)
{
	return t->mode == TABLE_KEEP ? t->n_rows : t->n_seen;
}

void output_table_max_width(struct output_table *t, size_t cols)
{
	t->max_width = cols;
}

void output_table_fit(struct output_table *t, size_t cols)
{
	t->fit = cols;
}

/* A stable merge sort: qsort is not stable, and rows already in SQL order
 * must keep it among equals. */
static void table_msort(char ***a, char ***tmp, size_t n, size_t col)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	table_msort(a, tmp, mid, col);
	table_msort(a + mid, tmp, n - mid, col);
	while (i < mid && j < n) {
		const char *x = a[i][col] ? a[i][col] : "";
		const char *y = a[j][col] ? a[j][col] : "";

		tmp[k++] = collate_fi(y, x) < 0 ? a[j++] : a[i++];
	}
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof(*a));
}

void output_table_sort(struct output_table *t, size_t col)
{
	char ***tmp;

	if (col >= t->n_cols || t->n_rows < 2)
		return;
	tmp = malloc(t->n_rows * sizeof(*tmp));
	if (!tmp)
		return;
	table_msort(t->rows, tmp, t->n_rows, col);
	free(tmp);
}

/* The text of a cell of type TYPE as a person reads it.  Caller frees. */
static char *cell_text(enum output_type type, const char *s)
{
	char buf[16], *out, *p;

	if (!s)
		return strdup("");
	switch (type) {
	case OUT_BOOL:
		return strdup(strcmp(s, "1") == 0 ? _("yes") : _("no"));
	case OUT_DATE:
		date_show(s, buf);
		return strdup(buf);
	case OUT_LIST:
		out = malloc(strlen(s) * 2 + 1);
		if (!out)
			return NULL;
		for (p = out; *s; s++) {
			if (*s == '\n') {
				*p++ = ',';
				*p++ = ' ';
			} else {
				*p++ = *s;
			}
		}
		*p = '\0';
		return out;
	default:
		return strdup(s);
	}
}

static bool col_visible(const struct output_column *c, enum output_format fmt)
{
	if (fmt == OUTPUT_TEXT)
		return !(c->flags & OUT_MACHINE);
	return !(c->flags & OUT_HUMAN);
}

/* Narrow the widest columns of WIDTH by one column at a time while a line
 * (TOTAL columns) is wider than T's width; a column keeps its header (or
 * 8 columns when that is less) and numbers keep theirs, or with BELOW
 * each keeps 6 columns.  Returns the new total. */
static size_t table_narrow(const struct output_table *t, size_t *width,
                           size_t total, int below)
{
	while (total > t->fit) {
		size_t widest = t->n_cols, most = 0;

		for (size_t c = 0; c < t->n_cols; c++) {
			size_t h = utf8_width(_(t->cols[c].header));
			size_t min = below ? 6 : h > 8 ? h : 8;

			if (!col_visible(&t->cols[c], OUTPUT_TEXT) ||
			    (!below && t->cols[c].type == OUT_INT) ||
			    width[c] <= min)
				continue;
			if (width[c] > most) {
				most = width[c];
				widest = c;
			}
		}
		if (widest == t->n_cols)
			return total;
		width[widest]--;
		total--;
	}
	return total;
}

/* Narrow the widest columns of WIDTH (0 for those not shown) until a
 * line fits T's width. */
static void table_fit(const struct output_table *t, size_t *width)
{
	size_t total = 0, shown = 0;

	for (size_t c = 0; c < t->n_cols; c++)
		if (col_visible(&t->cols[c], OUTPUT_TEXT)) {
			total += width[c];
			shown++;
		}
	total += shown > 1 ? 2 * (shown - 1) : 0;
	/* first down to the headers, then, if need be, below them */
	for (int pass = 0; pass < 2 && t->fit && total > t->fit; pass++)
		total = table_narrow(t, width, total, pass);
}

/* The text of row CELLS (NULL: the headers) in the columns WIDTH, up to
 * column LAST, to OUT without trailing blanks; LINE holds the line on
 * its way (reused). */
static void text_line(const struct output_table *t, const size_t *width,
                      size_t last, const char *const *cells, FILE *line,
                      char **buf, size_t *len, FILE *out)
{
	bool sep = false;
	long n;

	rewind(line);
	for (size_t c = 0; c <= last; c++) {
		const struct output_column *col = &t->cols[c];
		char *s;
		size_t w;

		if (!col_visible(col, OUTPUT_TEXT))
			continue;
		if (sep)
			fputs("  ", line);
		sep = true;
		s = !cells ? strdup(_(col->header))
		           : cell_text(col->type, cells[c]);
		if (!s)
			continue;
		if (col->type == OUT_INT && cells) {
			w = utf8_width(s);
			if (w < width[c])
				out_spaces(line, width[c] - w);
			output_text_pad(line, s, 0, width[c]);
		} else {
			output_text_pad(line, s, c == last ? 0 : width[c],
			                width[c]);
		}
		free(s);
	}
	fflush(line);
	n = ftell(line);
	*len = n > 0 ? (size_t)n : 0;
	/* No trailing blanks when the last cells are empty. */
	while (*len > 0 && (*buf)[*len - 1] == ' ')
		(*len)--;
	fwrite(*buf, 1, *len, out);
	fputc('\n', out);
}

/* The last text column. */
static size_t text_last(const struct output_table *t)
{
	size_t last = 0;

	for (size_t c = 0; c < t->n_cols; c++)
		if (col_visible(&t->cols[c], OUTPUT_TEXT))
			last = c;
	return last;
}

/* Widen the columns of WIDTH to hold CELLS (NULL: the headers). */
static void text_widths(const struct output_table *t, size_t *width,
                        const char *const *cells)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		char *s, *clean;
		size_t w;

		if (!col_visible(&t->cols[c], OUTPUT_TEXT))
			continue;
		s = cells ? cell_text(t->cols[c].type, cells[c])
		          : strdup(_(t->cols[c].header));
		clean = output_text_clean(s);
		w = clean ? utf8_width(clean) : 0;
		if (w > width[c])
			width[c] = w;
		free(clean);
		free(s);
	}
}

/* Each column at most max_width, the line at most fit. */
static void text_cap(const struct output_table *t, size_t *width)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (t->max_width && width[c] > t->max_width)
			width[c] = t->max_width;
	table_fit(t, width);
}

static void table_text(const struct output_table *t, FILE *out)
{
	size_t *width = calloc(t->n_cols, sizeof(*width)), last = text_last(t);
	char *buf = NULL;
	size_t len = 0;
	FILE *line;

	if (!width)
		return;
	text_widths(t, width, NULL);
	for (size_t r = 0; r < t->n_rows; r++)
		text_widths(t, width, (const char *const *)t->rows[r]);
	text_cap(t, width);
	line = open_memstream(&buf, &len);
	if (line) {
		text_line(t, width, last, NULL, line, &buf, &len, out);
		for (size_t r = 0; r < t->n_rows; r++)
			text_line(t, width, last,
			          (const char *const *)t->rows[r], line, &buf,
			          &len, out);
		fclose(line);
	}
	free(buf);
	free(width);
}

static void csv_header(const struct output_table *t, FILE *f)
{
	bool sep = false;

	for (size_t c = 0; c < t->n_cols; c++) {
		if (!col_visible(&t->cols[c], OUTPUT_CSV))
			continue;
		if (sep)
			fputc(',', f);
		sep = true;
		output_csv_field(f, t->cols[c].key);
	}
	fputs("\r\n", f);
}

static void csv_row(const struct output_table *t, const char *const *row,
                    FILE *f)
{
	bool sep = false;

	for (size_t c = 0; c < t->n_cols; c++) {
		const char *s = row[c];
		char *text;

		if (!col_visible(&t->cols[c], OUTPUT_CSV))
			continue;
		if (sep)
			fputc(',', f);
		sep = true;
		if (!s)
			continue;
		switch (t->cols[c].type) {
		case OUT_BOOL:
			fputs(strcmp(s, "1") == 0 ? "true" : "false", f);
			break;
		case OUT_LIST:
			text = cell_text(OUT_LIST, s);
			output_csv_field(f, text);
			free(text);
			break;
		default:
			output_csv_field(f, s);
		}
	}
	fputs("\r\n", f);
}

static void table_csv(const struct output_table *t, FILE *f)
{
	csv_header(t, f);
	for (size_t r = 0; r < t->n_rows; r++)
		csv_row(t, (const char *const *)t->rows[r], f);
}

static bool is_integer(const char *s)
{
	char *end;

	if (!*s)
		return false;
	(void)strtoll(s, &end, 10);
	return *end == '\0';
}

static void table_json_cell(struct output_json *j, enum output_type type,
                            const char *s)
{
	if (!s) {
		if (type == OUT_LIST) {
			output_json_array(j);
			output_json_end(j, ']');
		} else {
			output_json_null(j);
		}
		return;
	}
	switch (type) {
	case OUT_INT:
		if (is_integer(s))
			output_json_int(j, strtoll(s, NULL, 10));
		else
			output_json_str(j, s);
		break;
	case OUT_BOOL:
		output_json_bool(j, strcmp(s, "1") == 0);
		break;
	case OUT_LIST:
		output_json_array(j);
		for (const char *p = s; *p;) {
			size_t len = strcspn(p, "\n");
			char *item = strndup(p, len);

			if (item)
				output_json_str(j, item);
			free(item);
			p += len;
			if (*p)
				p++;
		}
		output_json_end(j, ']');
		break;
	default:
		output_json_str(j, s);
	}
}

static void json_row(const struct output_table *t, struct output_json *j,
                     const char *const *row)
{
	output_json_object(j);
	for (size_t c = 0; c < t->n_cols; c++) {
		if (!col_visible(&t->cols[c], OUTPUT_JSON))
			continue;
		output_json_key(j, t->cols[c].key);
		table_json_cell(j, t->cols[c].type, row[c]);
	}
	output_json_end(j, '}');
}

void output_table_json(const struct output_table *t, struct output_json *j)
{
	output_json_array(j);
	for (size_t r = 0; r < t->n_rows; r++)
		json_row(t, j, (const char *const *)t->rows[r]);
	output_json_end(j, ']');
}

static void table_json(const struct output_table *t, FILE *f)
{
	struct output_json j;

	output_json_init(&j, f);
	output_table_json(t, &j);
}

/* ---- streamed tables ---------------------------------------------------- */

static void table_measure(struct output_table *t, const char *const *cells)
{
	if (t->width)
		text_widths(t, t->width, cells);
}

static int table_emit(struct output_table *t, const char *const *cells)
{
	switch (t->fmt) {
	case OUTPUT_CSV:
		csv_row(t, cells, t->out);
		break;
	case OUTPUT_JSON:
		json_row(t, &t->json, cells);
		break;
	default:
		if (!t->line || !t->width)
			return -1;
		text_line(t, t->width, text_last(t), cells, t->line,
		          &t->line_buf, &t->line_len, t->out);
	}
	return ferror(t->out) ? -1 : 0;
}

int output_table_measure(struct output_table *t)
{
	free(t->width);
	t->width = calloc(t->n_cols ? t->n_cols : 1, sizeof *t->width);
	if (!t->width)
		return -1;
	text_widths(t, t->width, NULL);
	t->mode = TABLE_MEASURE;
	t->n_seen = 0;
	return 0;
}

int output_table_stream(struct output_table *t, enum output_format fmt, FILE *f)
{
	t->fmt = fmt;
	t->out = f;
	t->n_seen = 0;
	switch (fmt) {
	case OUTPUT_CSV:
		csv_header(t, f);
		break;
	case OUTPUT_JSON:
		output_json_init(&t->json, f);
		output_json_array(&t->json);
		break;
	default:
		if (t->mode != TABLE_MEASURE || !t->width)
			return -1;
		text_cap(t, t->width);
		t->line = open_memstream(&t->line_buf, &t->line_len);
		if (!t->line)
			return -1;
		text_line(t, t->width, text_last(t), NULL, t->line,
		          &t->line_buf, &t->line_len, f);
	}
	t->mode = TABLE_EMIT;
	return 0;
}

void output_table_print(const struct output_table *t, enum output_format fmt,
                        FILE *f)
{
	if (t->mode == TABLE_EMIT) {
		/* Streamed: only the end is left. */
		if (t->fmt == OUTPUT_JSON)
			output_json_end((struct output_json *)&t->json, ']');
		return;
	}
	switch (fmt) {
	case OUTPUT_CSV:
		table_csv(t, f);
		break;
	case OUTPUT_JSON:
		table_json(t, f);
		break;
	default:
		table_text(t, f);
	}
}

/* ---- groups and checks ------------------------------------------------- */

#define LABEL_MAX 40

/* Print LINE (clean) and a newline; when it is wider than COLS (not 0),
 * its first INDENT columns as they are and the rest wrapped below them. */
static void out_line(FILE *f, const char *line, size_t indent, size_t cols)
{
	size_t fw, bytes;

	if (cols == 0 || utf8_width(line) <= cols) {
		fputs(line, f);
	} else {
		bytes = utf8_fit(line, indent, &fw);
		fwrite(line, 1, bytes, f);
		output_text_wrap(f, line + bytes, fw, cols);
	}
	fputc('\n', f);
}

/* A line being collected in memory to be wrapped (out_open()). */
struct out_buf {
	FILE *f;
	char *text;
	size_t len;
};

/* A line that may need wrapping to COLS is written to the stream this
 * returns, then out_close(): to memory when COLS is not 0, else straight
 * to OUT (no wrapping: no copy, as for a check of every group in a
 * pipe). */
static FILE *out_open(struct out_buf *b, FILE *out, size_t cols)
{
	b->text = NULL;
	b->len = 0;
	b->f = cols ? open_memstream(&b->text, &b->len) : NULL;
	return b->f ? b->f : out;
}

/* Holds the words of one name together when a line is wrapped; printed
 * as a space (U+E000, private use: never in a name). */
#define OUT_GLUE "\xEE\x80\x80"

static void out_close(struct out_buf *b, FILE *f, size_t indent, size_t cols)
{
	char *text = NULL, *p, *q;
	size_t len = 0;
	FILE *m;

	if (!b->f)
		return;
	fclose(b->f);
	m = open_memstream(&text, &len);
	if (m) {
		out_line(m, b->text, indent, cols);
		fclose(m);
		for (p = q = text; p && *p;) {
			if (strncmp(p, OUT_GLUE, 3) == 0) {
				*q++ = ' ';
				p += 3;
			} else {
				*q++ = *p++;
			}
		}
		fwrite(text, 1, (size_t)(q - text), f);
	}
	free(text);
	free(b->text);
}

/* S with its spaces as OUT_GLUE, so that a wrapped line keeps it whole.
 * Caller frees. */
static char *out_glued(const char *s)
{
	size_t n = 0;
	char *out, *o;

	for (const char *p = s; *p; p++)
		n += *p == ' ' ? 3 : 1;
	if (!(out = malloc(n + 1)))
		return NULL;
	for (o = out; *s; s++) {
		if (*s == ' ') {
			memcpy(o, OUT_GLUE, 3);
			o += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* The start of each of a group's sector lines, "  ✓ label  " and
 * "  ✗ label  ", the labels padded to the widest of the group's sectors
 * (at most LABEL_MAX).  A check of every group prints them on a line per
 * sector, so they are made once for each list of sectors (a level's) and
 * kept in the struct output_check_heads of the run. */
struct check_layout {
	size_t n;         /* sectors */
	int *sector;      /* their indexes in the rules */
	char **yes, **no; /* the lines' starts, clean */
	size_t indent;    /* the columns of either */
};

struct output_check_heads {
	const struct rules *r; /* what the layouts were made for */
	bool utf8;
	char lang[8];
	struct check_layout layout[2]; /* a municipal and a regional group's */
	size_t n_layouts;
};

struct output_check_heads *output_check_heads_new(void)
{
	return calloc(1, sizeof(struct output_check_heads));
}

static void layout_clear(struct check_layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->yes[i]);
		free(l->no[i]);
	}
	free(l->sector);
	free(l->yes);
	free(l->no);
	memset(l, 0, sizeof *l);
}

static void heads_clear(struct output_check_heads *h)
{
	for (size_t i = 0; i < h->n_layouts; i++)
		layout_clear(&h->layout[i]);
	h->n_layouts = 0;
}

void output_check_heads_free(struct output_check_heads *h)
{
	if (!h)
		return;
	heads_clear(h);
	free(h);
}

/* "  MARK " then LABEL padded to WIDTH + 2 columns, as a string. */
static char *head_make(bool present, const char *label, size_t width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fputs("  ", f);
	fputs(output_mark(present), f);
	fputc(' ', f);
	output_text_pad(f, label, width + 2, LABEL_MAX);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static bool layout_is(const struct check_layout *l,
                      const struct check_result *res)
{
	if (l->n != res->n_sectors)
		return false;
	for (size_t i = 0; i < l->n; i++)
		if (l->sector[i] != res->sectors[i].sector)
			return false;
	return true;
}

static int layout_make(struct check_layout *l, const struct rules *r,
                       const struct check_result *res)
{
	size_t width = 0, n = res->n_sectors;

	l->sector = calloc(n ? n : 1, sizeof *l->sector);
	l->yes = calloc(n ? n : 1, sizeof *l->yes);
	l->no = calloc(n ? n : 1, sizeof *l->no);
	if (!l->sector || !l->yes || !l->no)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t w = text_width(rules_sector_label(
		    r, r->sectors[res->sectors[i].sector].key));

		if (w > width)
			width = w;
	}
	if (width > LABEL_MAX)
		width = LABEL_MAX;
	for (size_t i = 0; i < n; i++) {
		const char *label = rules_sector_label(
		    r, r->sectors[res->sectors[i].sector].key);

		l->sector[i] = res->sectors[i].sector;
		l->yes[i] = head_make(true, label, width);
		l->no[i] = head_make(false, label, width);
		l->n = i + 1;
		if (!l->yes[i] || !l->no[i])
			return -1;
	}
	l->indent = utf8_width(output_mark(true)) + 3 + width + 2;
	return 0;
}

/* The layout of RES's sectors, made when H has none yet; NULL when out
 * of memory. */
static const struct check_layout *heads_layout(struct output_check_heads *h,
                                               const struct rules *r,
                                               const struct check_result *res)
{
	struct check_layout *l;

	if (h->r != r || h->utf8 != output_utf8() ||
	    strcmp(h->lang, i18n_lang()) != 0) {
		heads_clear(h);
		h->r = r;
		h->utf8 = output_utf8();
		snprintf(h->lang, sizeof h->lang, "%s", i18n_lang());
	}
	for (size_t i = 0; i < h->n_layouts; i++)
		if (layout_is(&h->layout[i], res))
			return &h->layout[i];
	if (h->n_layouts == sizeof h->layout / sizeof h->layout[0])
		heads_clear(h);
	l = &h->layout[h->n_layouts];
	if (layout_make(l, r, res) != 0) {
		layout_clear(l);
		return NULL;
	}
	h->n_layouts++;
	return l;
}

static void check_text_sector(struct out_w *w, FILE *out,
                              const struct check_sector *cs,
                              const struct membership *m, size_t n,
                              const struct rules *r, const char *head,
                              size_t indent, size_t cols)
{
	struct out_buf b;
	FILE *f = out_open(&b, out, cols);

	ow_to(w, f);
	ow_puts(w, head);
	if (!cs->present) {
		ow_puts(w, _("missing"));
	} else {
		for (size_t i = 0, shown = 0; i < cs->n_cover && i < 8; i++) {
			size_t k = cs->cover[i];
			char buf[CHECK_NAME_MAX];
			/* the sector is on the line: a withheld name as
			 * "(name withheld)", whole */
			const char *who =
			    k >= n ? NULL
			    : m[k].person_id && m[k].name_withheld
			        ? _("(name withheld)")
			        : check_member_name(&m[k], r, buf, sizeof buf);

			if (!who)
				continue;
			char *name = f != out ? out_glued(who) : NULL;

			if (shown++)
				ow_puts(w, ", ");
			ow_pad(w, name ? name : who, 0, LABEL_MAX);
			free(name);
		}
	}
	if (f == out)
		ow_putc(w, '\n');
	ow_to(w, out);
	out_close(&b, out, indent, cols);
}

void output_check_text(FILE *out, struct output_check_heads *heads,
                       const struct rules *r, const struct group *g,
                       const char *region_name, const struct membership *m,
                       size_t n, const struct check_result *res, size_t cols)
{
	struct output_check_heads *own =
	    heads ? NULL : output_check_heads_new();
	const struct check_layout *l;
	struct out_buf b;
	struct out_w w; /* not = {0}: a page of zeros per group */
	FILE *f = out_open(&b, out, cols);

	w.f = out;
	w.len = 0;
	ow_to(&w, f);
	ow_puts(&w, output_mark(res->complete));
	ow_putc(&w, ' ');
	ow_pad(&w, g->name, 0, 0);
	ow_puts(&w, "  (");
	ow_puts(&w, group_level_label(g->level));
	if (region_name && *region_name) {
		ow_puts(&w, ", ");
		ow_pad(&w, region_name, 0, 0);
	}
	ow_puts(&w, ")  ");
	if (res->complete) {
		ow_puts(&w, _("complete"));
	} else {
		ow_flush(&w);
		fprintf(f,
		        ngettext("incomplete: %zu missing",
		                 "incomplete: %zu missing", res->n_missing),
		        res->n_missing);
	}
	if (f == out)
		ow_putc(&w, '\n');
	ow_to(&w, out);
	out_close(&b, out, 2, cols);

	l = heads || own ? heads_layout(heads ? heads : own, r, res) : NULL;
	for (size_t i = 0; l && i < res->n_sectors; i++) {
		const struct check_sector *cs = &res->sectors[i];

		check_text_sector(&w, out, cs, m, n, r,
		                  cs->present ? l->yes[i] : l->no[i], l->indent,
		                  cols);
	}
	output_check_heads_free(own);
	for (size_t i = 0; i < res->n_warnings; i++) {
		char *text = check_warning_text(&res->warnings[i], m, r);

		f = out_open(&b, out, cols);
		ow_to(&w, f);
		ow_puts(&w, "  ! ");
		ow_pad(&w, text ? text : "", 0, 0);
		if (f == out)
			ow_putc(&w, '\n');
		ow_to(&w, out);
		out_close(&b, out, 4, cols);
		free(text);
	}
	ow_flush(&w);
}
