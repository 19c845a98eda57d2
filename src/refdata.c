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
/* refdata.c -- loading the shipped reference data (regions and the
 * municipalities of one classification year) from the CSV files in
 * SHARE_DIR/refdata into the data file, in one transaction. */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- the years on disk ------------------------------------------------- */

static int year_of(const char *name)
{
	int y = 0;

	if (strncmp(name, "municipalities_", 15) != 0)
		return 0;
	for (int i = 15; i < 19; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		y = y * 10 + (name[i] - '0');
	}
	return strcmp(name + 19, ".csv") == 0 ? y : 0;
}

int refdata_years(const char *share_dir, int *years, int max)
{
	char path[4096];
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (!share_dir || max <= 0)
		return 0;
	snprintf(path, sizeof path, "%s/refdata", share_dir);
	d = opendir(path);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		int y = year_of(e->d_name), at;

		if (!y)
			continue;
		/* Keep the largest MAX, newest first (insertion sort). */
		for (at = 0; at < n && years[at] > y; at++)
			;
		if (at < n && years[at] == y)
			continue;
		if (at >= max)
			continue;
		if (n < max)
			n++;
		memmove(years + at + 1, years + at,
		        (size_t)(n - 1 - at) * sizeof *years);
		years[at] = y;
	}
	closedir(d);
	return n;
}

int refdata_year(struct lape_db *db)
{
	char *v = db_meta_get(db, "refdata_year");
	int y = v ? atoi(v) : 0;

	free(v);
	return y;
}

/* ---- CSV --------------------------------------------------------------- */

/* A record holds at most this many fields and bytes: the files have 3 to
 * 5 short fields, and a bound keeps a broken file (a quote never closed, a
 * binary file) from filling the memory. */
#define CSV_MAX_FIELDS 16
#define CSV_MAX_BYTES 16384

struct csv {
	FILE *f;
	const char *path;
	long line;  /* the line being read */
	long start; /* the line the last record started on */
	char *buf;  /* the fields, each NUL-terminated */
	size_t len, cap;
	size_t off[CSV_MAX_FIELDS]; /* where each of the N fields starts */
	int n;
	const char *error; /* translated, static */
};

static int csv_put(struct csv *c, int ch)
{
	if (c->len + 1 >= CSV_MAX_BYTES) {
		c->error = _("too long (at most 16384 bytes)");
		return -1;
	}
	if (c->len + 1 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		char *b = realloc(c->buf, cap);

		if (!b)
			return -1;
		c->buf = b;
		c->cap = cap;
	}
	c->buf[c->len++] = (char)ch;
	return 0;
}

/* End the field being read; when MORE, another one starts. */
static int csv_end_field(struct csv *c, bool more)
{
	if (csv_put(c, '\0') != 0)
		return -1;
	c->n++;
	if (!more)
		return 0;
	if (c->n == CSV_MAX_FIELDS) {
		c->error = _("too many fields (at most 16)");
		return -1;
	}
	c->off[c->n] = c->len;
	return 0;
}

/* A byte outside quotes: 1 when it ended the record, 0 to go on, -1 on
 * error.  *QUOTED is set when it opened a quoted field. */
static int csv_plain(struct csv *c, int ch, bool *after_quote, bool *quoted)
{
	if (ch == '\r') {
		if (getc(c->f) != '\n') {
			c->error = _("a carriage return inside a line");
			return -1;
		}
		ch = '\n';
	}
	if (ch == '\n') {
		c->line++;
		return csv_end_field(c, false) == 0 ? 1 : -1;
	}
	if (ch == ',') {
		*after_quote = false;
		return csv_end_field(c, true);
	}
	if (*after_quote) {
		c->error = _("text after a closing quote");
		return -1;
	}
	if (ch == '"') {
		if (c->len != c->off[c->n]) {
			c->error = _("a quote inside an unquoted field");
			return -1;
		}
		*quoted = true;
		return 0;
	}
	return csv_put(c, ch);
}

/* A byte inside quotes: 0 to go on, -1 on error.  *QUOTED is cleared
 * when it closed the field. */
static int csv_quoted(struct csv *c, int ch, bool *after_quote, bool *quoted)
{
	if (ch == '"') {
		int next = getc(c->f);

		if (next == '"')
			return csv_put(c, '"');
		if (next != EOF)
			ungetc(next, c->f);
		*quoted = false;
		*after_quote = true;
		return 0;
	}
	if (ch == '\n')
		c->line++;
	return csv_put(c, ch);
}

/* Read one record: 1, 0 at the end of the file, -1 on error (c->error set
 * for malformed input).  Quoted fields may hold commas, quotes ("") and
 * line breaks; CRLF line ends are accepted, and so is a last line without
 * one. */
static int csv_read(struct csv *c)
{
	bool quoted = false, after_quote = false, any = false;
	int ch, rc;

	c->len = 0;
	c->n = 0;
	c->off[0] = 0;
	c->start = c->line;
	while ((ch = getc(c->f)) != EOF) {
		any = true;
		if (ch == '\0') {
			c->error = _("contains a NUL byte");
			return -1;
		}
		rc = quoted ? csv_quoted(c, ch, &after_quote, &quoted)
		            : csv_plain(c, ch, &after_quote, &quoted);
		if (rc != 0)
			return rc;
	}
	if (ferror(c->f)) {
		c->error = strerror(errno);
		return -1;
	}
	if (quoted) {
		c->error = _("a quoted field is not closed");
		return -1;
	}
	if (!any)
		return 0;
	return csv_end_field(c, false) == 0 ? 1 : -1;
}

static const char *csv_field(const struct csv *c, int i)
{
	return i < c->n ? c->buf + c->off[i] : "";
}

static int csv_open(struct lape_db *db, struct csv *c, const char *path)
{
	int b1, b2, b3;

	memset(c, 0, sizeof *c);
	c->path = path;
	c->line = 1;
	c->f = fopen(path, "r");
	if (!c->f)
		return db_fail(db, LAPE_ERROR, "refdata", "%s: %s", path,
		               strerror(errno));
	/* Skip a UTF-8 byte order mark. */
	b1 = getc(c->f);
	b2 = b1 == 0xef ? getc(c->f) : EOF;
	b3 = b2 == 0xbb ? getc(c->f) : EOF;
	if (!(b1 == 0xef && b2 == 0xbb && b3 == 0xbf))
		rewind(c->f);
	return LAPE_OK;
}

static void csv_close(struct csv *c)
{
	if (c->f)
		fclose(c->f);
	free(c->buf);
}

static int csv_fail(struct lape_db *db, const struct csv *c, const char *msg)
{
	return db_fail(db, LAPE_INVALID, "refdata", "%s:%ld: %s", c->path,
	               c->start, msg ? msg : _("out of memory"));
}

/* Read the header, which must start with the columns NAMES. */
static int csv_header(struct lape_db *db, struct csv *c, const char *names[],
                      int n)
{
	int rc = csv_read(c);

	if (rc < 0)
		return csv_fail(db, c, c->error);
	if (rc == 0)
		return db_fail(db, LAPE_INVALID, "refdata", "%s: %s", c->path,
		               _("the file is empty"));
	for (int i = 0; i < n; i++)
		if (i >= c->n || strcmp(csv_field(c, i), names[i]) != 0)
			return csv_fail(db, c,
			                _("the header does not start with the "
			                  "expected columns"));
	return LAPE_OK;
}

static bool digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

/* Check the fields of a data record: a code of CODELEN digits, two names
 * and, when REGION, a region code.  The caller has checked their number. */
static const char *record_problem(const struct csv *c, size_t codelen,
                                  bool region)
{
	for (int i = 0; i < c->n; i++)
		if (!utf8_valid(csv_field(c, i), strlen(csv_field(c, i))))
			return _("not valid UTF-8 text");
	if (!digits(csv_field(c, 0), codelen))
		return codelen == 2 ? _("a region code has two digits")
		                    : _("a municipality code has three digits");
	if (!*csv_field(c, 1) || !*csv_field(c, 2))
		return _("a name is empty");
	if (db_check_text(csv_field(c, 1), DB_TEXT_SHORT, true) ||
	    db_check_text(csv_field(c, 2), DB_TEXT_SHORT, true))
		return _("a name is not one line of text");
	if (region && !digits(csv_field(c, 3), 2))
		return _("a region code has two digits");
	return NULL;
}

/* Check and insert one data record. */
static int load_record(struct lape_db *db, const struct csv *c, int fields,
                       int cols, size_t codelen, const char *insert_sql)
{
	const char *problem;
	int rc;

	/* A record of another length than the header is a field shifted,
	 * e.g. by a comma in a name that is not quoted. */
	if (c->n != fields)
		return db_fail(db, LAPE_INVALID, "refdata",
		               _("%s:%ld: the header has %d fields, this line "
		                 "%d"),
		               c->path, c->start, fields, c->n);
	problem = record_problem(c, codelen, cols == 4);
	if (problem)
		return csv_fail(db, c, problem);
	rc =
	    db_exec(db, insert_sql, cols == 4 ? "tttt" : "ttt", csv_field(c, 0),
	            csv_field(c, 1), csv_field(c, 2), csv_field(c, 3));
	if (rc == LAPE_INVALID)
		rc = csv_fail(db, c,
		              cols == 4 ? _("a duplicate code or an unknown "
		                            "region")
		                        : _("a duplicate code"));
	return rc;
}

/* Load one file; INSERT_SQL takes the first COLS fields.  *COUNT gets
 * the records loaded. */
static int load_file(struct lape_db *db, const char *path, const char *names[],
                     int cols, size_t codelen, const char *insert_sql,
                     int *count)
{
	struct csv c;
	int rc = csv_open(db, &c, path), fields, r;

	*count = 0;
	if (rc != LAPE_OK)
		return rc;
	rc = csv_header(db, &c, names, cols);
	fields = c.n;
	while (rc == LAPE_OK && (r = csv_read(&c)) != 0) {
		if (r < 0)
			rc = csv_fail(db, &c, c.error);
		else if (c.n == 1 && !*csv_field(&c, 0))
			continue; /* a blank line */
		else
			rc = load_record(db, &c, fields, cols, codelen,
			                 insert_sql);
		if (rc == LAPE_OK)
			(*count)++;
	}
	csv_close(&c);
	return rc;
}

static int load_all(struct lape_db *db, const char *share_dir, int year)
{
	static const char *region_cols[] = {"code", "name_fi", "name_sv"};
	static const char *muni_cols[] = {"code", "name_fi", "name_sv",
	                                  "region_code"};
	char path[4096], value[16];
	int rc, n;

	snprintf(path, sizeof path, "%s/refdata/regions.csv", share_dir);
	rc = load_file(db, path, region_cols, 3, 2,
	               "INSERT INTO region(code, name_fi, name_sv, in_lape) "
	               "VALUES (?1, ?2, ?3, ?1 <> '21')",
	               &n);
	if (rc != LAPE_OK)
		return rc;
	if (n == 0)
		return db_fail(db, LAPE_INVALID, "refdata", "%s: %s", path,
		               _("no regions"));
	snprintf(path, sizeof path, "%s/refdata/municipalities_%d.csv",
	         share_dir, year);
	rc = load_file(db, path, muni_cols, 4, 3,
	               "INSERT INTO municipality(code, name_fi, name_sv, "
	               "region_code) VALUES (?, ?, ?, ?)",
	               &n);
	if (rc != LAPE_OK)
		return rc;
	if (n == 0)
		return db_fail(db, LAPE_INVALID, "refdata", "%s: %s", path,
		               _("no municipalities"));
	snprintf(value, sizeof value, "%d", year);
	return db_meta_set(db, "refdata_year", value);
}

int refdata_load(struct lape_db *db, const char *share_dir, int year)
{
	int have, rc;
	bool own;

	if (year < 1000 || year > 9999)
		return db_fail(db, LAPE_INVALID, "year", "%s",
		               _("the year has four digits"));
	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		return rc;
	/* Look inside the transaction: another lape may have loaded the
	 * file since this one last looked. */
	have = refdata_year(db);
	if (have == year)
		rc = LAPE_OK;
	else if (have)
		rc = db_fail(db, LAPE_INVALID, "year",
		             _("the file already holds the municipalities "
		               "of %d, not %d"),
		             have, year);
	else
		rc = load_all(db, share_dir, year);
	return db_txn_end(db, own, rc);
}
