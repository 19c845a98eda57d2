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
/* sheet.c -- tables for spreadsheets: the Excel flavour of CSV and xlsx
 * (libxlsxwriter), with headers and values in the user's language, codes
 * kept as text and formulas neutralised. */

#include <csv.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/sheet.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- tables ------------------------------------------------------------ */

struct sheet_table *sheet_add_table(struct sheet_book *book, const char *name,
                                    const char *const *keys, size_t n_cols)
{
	struct sheet_table *t, *a;

	a = realloc(book->tables, (book->n + 1) * sizeof(*a));
	if (!a)
		return NULL;
	book->tables = a;
	t = &a[book->n];
	memset(t, 0, sizeof *t);
	t->name = strdup(name ? name : "lape");
	t->keys = calloc(n_cols ? n_cols : 1, sizeof(char *));
	if (!t->name || !t->keys) {
		free(t->name);
		free(t->keys);
		return NULL;
	}
	t->n_cols = n_cols;
	for (size_t i = 0; i < n_cols; i++)
		if (!(t->keys[i] = strdup(keys[i] ? keys[i] : ""))) {
			for (size_t j = 0; j < i; j++)
				free(t->keys[j]);
			free(t->keys);
			free(t->name);
			return NULL;
		}
	book->n++;
	return t;
}

int sheet_add_row(struct sheet_table *t, const char *const *cells)
{
	char **row;

	if (t->n_rows % 64 == 0) {
		char ***rows =
		    realloc(t->rows, (t->n_rows + 64) * sizeof(*rows));

		if (!rows)
			return -1;
		t->rows = rows;
	}
	row = calloc(t->n_cols ? t->n_cols : 1, sizeof(*row));
	if (!row)
		return -1;
	for (size_t i = 0; i < t->n_cols; i++)
		if (!(row[i] = strdup(cells[i] ? cells[i] : ""))) {
			for (size_t j = 0; j < i; j++)
				free(row[j]);
			free(row);
			return -1;
		}
	t->rows[t->n_rows++] = row;
	return 0;
}

void sheet_book_clear(struct sheet_book *book)
{
	for (size_t i = 0; i < book->n; i++) {
		struct sheet_table *t = &book->tables[i];

		for (size_t r = 0; r < t->n_rows; r++) {
			for (size_t c = 0; c < t->n_cols; c++)
				free(t->rows[r][c]);
			free(t->rows[r]);
		}
		free(t->rows);
		for (size_t c = 0; c < t->n_cols; c++)
			free(t->keys[c]);
		free(t->keys);
		free(t->name);
		free(t->title);
	}
	free(book->tables);
	memset(book, 0, sizeof *book);
}

/* ---- reading lape's own CSV ------------------------------------------- */

struct csv_read {
	struct sheet_book *book;
	struct sheet_table *t;
	const char *name;
	char **cells;
	size_t n, cap;
	bool failed;
};

static void read_field(void *data, size_t len, void *arg)
{
	struct csv_read *cr = arg;

	if (cr->failed)
		return;
	if (cr->n == cr->cap) {
		size_t cap = cr->cap ? cr->cap * 2 : 32;
		char **c = realloc(cr->cells, cap * sizeof(*c));

		if (!c) {
			cr->failed = true;
			return;
		}
		cr->cells = c;
		cr->cap = cap;
	}
	if (!(cr->cells[cr->n] = strndup(data ? data : "", data ? len : 0)))
		cr->failed = true;
	else
		cr->n++;
}

static void read_record(int c, void *arg)
{
	struct csv_read *cr = arg;

	(void)c;
	if (!cr->failed && !cr->t) {
		cr->t = sheet_add_table(cr->book, cr->name,
		                        (const char *const *)cr->cells, cr->n);
		cr->failed = !cr->t;
	} else if (!cr->failed) {
		const char **cells = calloc(cr->t->n_cols + 1, sizeof(*cells));

		if (!cells) {
			cr->failed = true;
		} else {
			for (size_t i = 0; i < cr->t->n_cols && i < cr->n; i++)
				cells[i] = cr->cells[i];
			cr->failed = sheet_add_row(cr->t, cells) != 0;
			free(cells);
		}
	}
	for (size_t i = 0; i < cr->n; i++)
		free(cr->cells[i]);
	cr->n = 0;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int sheet_from_csv(const char *csv, size_t len, const char *name,
                   struct sheet_book *out)
{
	struct csv_read cr = {0};
	struct csv_parser p;
	int rc = 0;

	cr.book = out;
	cr.name = name;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_space_func(&p, no_space);
	if (csv_parse(&p, csv, len, read_field, read_record, &cr) != len ||
	    csv_fini(&p, read_field, read_record, &cr) != 0 || cr.failed)
		rc = -1;
	for (size_t i = 0; i < cr.n; i++)
		free(cr.cells[i]);
	free(cr.cells);
	csv_free(&p);
	if (rc == 0 && !cr.t) /* no output at all: an empty table */
		rc = sheet_add_table(out, name, NULL, 0) ? 0 : -1;
	return rc;
}

/* ---- the user's language ------------------------------------------------ */

static const struct {
	const char *key;
	const char *label;
} headers[] = {
    {"id", N_("Id")},
    {"uuid", N_("UUID")},
    {"name", N_("Name")},
    {"surname", N_("Surname")},
    {"given_names", N_("Given names")},
    {"gender", N_("Gender")},
    {"level", N_("Level")},
    {"region", N_("Region code")},
    {"region_name", N_("Region")},
    {"municipalities", N_("Municipalities")},
    {"municipality_names", N_("Municipalities")},
    {"status", N_("Status")},
    {"mandate_body", N_("Mandate given by")},
    {"mandate_date", N_("Mandate date")},
    {"existing_body", N_("Existing body")},
    {"start_date", N_("Start")},
    {"end_date", N_("End")},
    {"linked_group_id", N_("Regional group id")},
    {"organisation", N_("Organisation")},
    {"email", N_("E-mail")},
    {"phone", N_("Phone")},
    {"employer", N_("Employer")},
    {"funding_share", N_("Funding %")},
    {"code", N_("Code")},
    {"name_fi", N_("Finnish name")},
    {"name_sv", N_("Swedish name")},
    {"in_lape", N_("In LAPE")},
    {"groups", N_("Groups")},
    {"complete", N_("Complete")},
    {"missing", N_("Missing")},
    {"warnings", N_("Warnings")},
    {"sectors", N_("Sectors")},
    {"role", N_("Role")},
    {"term", N_("Term")},
    {"person", N_("Person")},
    {"group", N_("Group")},
    {"deputy_of", N_("Deputy of")},
    {"covered_by", N_("Covered by")},
    {"sector", N_("Sector")},
    {"present", N_("Present")},
    {"regional_group", N_("Regional group")},
    {"complete_municipalities", N_("Municipalities with a complete group")},
    {"uncovered_municipalities", N_("Municipalities without a group")},
    {"change_agent", N_("Change agent")},
    {"eligible", N_("Eligible for a change agent")},
};

/* The header of column C of T: as sheet_header(), but the codes of a
 * list beside its names say so. */
static const char *table_header(const struct sheet_table *t, size_t c)
{
	if (strcmp(t->keys[c], "municipalities") == 0)
		for (size_t i = 0; i < t->n_cols; i++)
			if (strcmp(t->keys[i], "municipality_names") == 0)
				return _("Municipality codes");
	return sheet_header(t->keys[c]);
}

const char *sheet_header(const char *key)
{
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
		if (strcmp(headers[i].key, key) == 0)
			return _(headers[i].label);
	return key;
}

static bool is_iso_date(const char *s)
{
	char iso[11];

	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	       date_parse(s, iso) == 0 && strcmp(iso, s) == 0;
}

/* Sector keys separated by blanks or commas as their labels, ", ". */
static char *sector_labels(const char *s, const struct rules *r)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	bool first = true;

	if (!f)
		return NULL;
	while (*s) {
		size_t k = strcspn(s, " ,");
		char key[RULES_KEY_MAX];

		if (k && k < sizeof key) {
			memcpy(key, s, k);
			key[k] = '\0';
			fprintf(f, "%s%s", first ? "" : ", ",
			        r ? rules_sector_label(r, key) : key);
			first = false;
		} else if (k) {
			fprintf(f, "%s%.*s", first ? "" : ", ", (int)k, s);
			first = false;
		}
		s += k;
		s += strspn(s, " ,");
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

char *sheet_value(const char *key, const char *s, const struct rules *r)
{
	char buf[16];
	enum agent_status as;

	if (!s)
		return strdup("");
	if (strcmp(s, "true") == 0)
		return strdup(_("yes"));
	if (strcmp(s, "false") == 0)
		return strdup(_("no"));
	if (strcmp(key, "level") == 0) {
		if (strcmp(s, group_level_key(LEVEL_MUNICIPAL)) == 0)
			return strdup(group_level_label(LEVEL_MUNICIPAL));
		if (strcmp(s, group_level_key(LEVEL_REGIONAL)) == 0)
			return strdup(group_level_label(LEVEL_REGIONAL));
	}
	if (strcmp(key, "status") == 0) {
		if (strcmp(s, group_status_key(STATUS_DISSOLVED)) == 0)
			return strdup(group_status_label(STATUS_DISSOLVED));
		if (strcmp(s, group_status_key(STATUS_ACTIVE)) == 0)
			return strdup(group_status_label(STATUS_ACTIVE));
		if (agent_status_parse(s, &as) == LAPE_OK)
			return strdup(agent_status_label(as));
	}
	if (strcmp(key, "gender") == 0 && *s) {
		enum person_gender g;

		if (gender_parse(s, &g) == LAPE_OK)
			return strdup(gender_label(g));
	}
	if (strcmp(key, "role") == 0 && *s) {
		enum member_role role;

		if (role_parse(s, &role) == LAPE_OK)
			return strdup(role_label(role));
	}
	if (strcmp(key, "sectors") == 0 || strcmp(key, "missing") == 0)
		return sector_labels(s, r);
	if (is_iso_date(s)) {
		date_show(s, buf);
		return strdup(buf);
	}
	return strdup(s);
}

bool sheet_is_code(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && s[n] == '\0' && ((s[0] == '0' && n > 1) || n > 15);
}

bool sheet_is_formula(const char *s)
{
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

/* ---- CSV for spreadsheets ---------------------------------------------- */

/* One field of the Excel flavour: quoted when needed (always for a code,
 * written ="049" so that the zeros stay), a formula made text. */
static void excel_field(FILE *f, const char *s)
{
	bool quote = strpbrk(s, ";\"\r\n") != NULL;

	if (sheet_is_code(s)) {
		fprintf(f, "\"=\"\"%s\"\"\"", s);
		return;
	}
	if (sheet_is_formula(s))
		quote = true;
	if (quote)
		fputc('"', f);
	if (sheet_is_formula(s))
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	if (quote)
		fputc('"', f);
}

int sheet_write_excel_csv(const struct sheet_book *book, const struct rules *r,
                          FILE *f)
{
	const struct sheet_table *t = book->n ? &book->tables[0] : NULL;

	fputs("\xef\xbb\xbf", f);
	if (!t)
		return ferror(f) ? -1 : 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		if (c)
			fputc(';', f);
		excel_field(f, table_header(t, c));
	}
	fputs("\r\n", f);
	for (size_t i = 0; i < t->n_rows; i++) {
		for (size_t c = 0; c < t->n_cols; c++) {
			char *v = sheet_value(t->keys[c], t->rows[i][c], r);

			if (c)
				fputc(';', f);
			if (!v)
				return -1;
			excel_field(f, v);
			free(v);
		}
		fputs("\r\n", f);
	}
	return ferror(f) ? -1 : 0;
}

/* ---- xlsx ---------------------------------------------------------------- */

#define SHEET_MAX_WIDTH 60

/* A worksheet name Excel accepts: no []:*?/\\', at most 31 characters
 * (cut at a character); NUM > 0 appends " NUM" to make it unique. */
/* ---- libxlsxwriter, loaded when a spreadsheet is first written ------
 * It brings zlib, minizip and OpenSSL's libcrypto with it, and linking
 * them made every lape, a check or a screen, 2.5 ms slower to start. */

static struct {
	__typeof__(workbook_new_opt) *workbook_new_opt;
	__typeof__(workbook_close) *workbook_close;
	__typeof__(workbook_add_worksheet) *workbook_add_worksheet;
	__typeof__(workbook_add_format) *workbook_add_format;
	__typeof__(workbook_set_properties) *workbook_set_properties;
	__typeof__(worksheet_write_string) *worksheet_write_string;
	__typeof__(worksheet_write_number) *worksheet_write_number;
	__typeof__(worksheet_write_datetime) *worksheet_write_datetime;
	__typeof__(worksheet_set_column) *worksheet_set_column;
	__typeof__(worksheet_freeze_panes) *worksheet_freeze_panes;
	__typeof__(worksheet_autofilter) *worksheet_autofilter;
	__typeof__(format_set_num_format) *format_set_num_format;
	__typeof__(format_set_bold) *format_set_bold;
	__typeof__(lxw_strerror) *lxw_strerror;
} xlsx;

static const char *const xlsx_names[] = {
    "workbook_new_opt",        "workbook_close",
    "workbook_add_worksheet",  "workbook_add_format",
    "workbook_set_properties", "worksheet_write_string",
    "worksheet_write_number",  "worksheet_write_datetime",
    "worksheet_set_column",    "worksheet_freeze_panes",
    "worksheet_autofilter",    "format_set_num_format",
    "format_set_bold",         "lxw_strerror",
};

/* Load it once: 0, or -1 with what is wrong (dlerror()'s words) in ERR. */
static int xlsx_load(char *err, size_t errlen)
{
	static void *lib;
	void **fn = (void **)&xlsx;

	_Static_assert(sizeof xlsx == sizeof xlsx_names / sizeof xlsx_names[0] *
	                                  sizeof *fn,
	               "one name for each function");
	if (lib)
		return 0;
	lib = dlopen(LAPE_XLSXWRITER_SO, RTLD_NOW | RTLD_LOCAL);
	for (size_t i = 0; lib && i < sizeof xlsx_names / sizeof xlsx_names[0];
	     i++)
		if (!(fn[i] = dlsym(lib, xlsx_names[i]))) {
			dlclose(lib);
			lib = NULL;
		}
	if (!lib) {
		const char *why = dlerror();

		snprintf(err, errlen, "%s", why ? why : LAPE_XLSXWRITER_SO);
		return -1;
	}
	return 0;
}

static void sheet_name(const char *name, size_t num, char out[128])
{
	size_t n = 0, cut;
	char tail[24] = "";

	for (const char *p = name; *p && n < 120; p++)
		out[n++] = strchr("[]:*?/\\'", *p) ? ' ' : *p;
	out[n] = '\0';
	if (num)
		snprintf(tail, sizeof tail, " %zu", num);
	cut = utf8_fit(out, 31 - strlen(tail), NULL);
	out[cut] = '\0';
	strcat(out, tail);
	if (!out[0] || !strcmp(out, tail))
		snprintf(out, 128, "lape%s", tail);
}

/* Names for every table of BOOK, each unlike those before it (Excel
 * compares them case-insensitively).  Caller frees; NULL when out of
 * memory. */
static char (*sheet_names(const struct sheet_book *book))[128]
{
	char(*names)[128] = calloc(book->n ? book->n : 1, sizeof(*names));

	if (!names)
		return NULL;
	for (size_t i = 0; i < book->n; i++)
		for (size_t num = 0;; num++) {
			bool taken = false;

			sheet_name(book->tables[i].name, num, names[i]);
			for (size_t k = 0; k < i && !taken; k++)
				taken = strcasecmp(names[k], names[i]) == 0;
			if (!taken)
				break;
		}
	return names;
}

static bool is_number(const char *key, const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (!n || s[n] || sheet_is_code(s))
		return false;
	/* Digits that are not quantities stay text. */
	return strcmp(key, "phone") != 0 && strcmp(key, "code") != 0 &&
	       strcmp(key, "region") != 0 && strcmp(key, "uuid") != 0;
}

/* The workbook's formats: headings, dates and text kept as typed. */
struct sheet_formats {
	lxw_format *bold, *date, *text;
};

/* Write the value S of column KEY at ROW, COL as what it is: a date, a
 * number, or text (never a formula: write_string keeps "=1+1" and "049"
 * as they are).  Returns its width in columns as shown, or -1 when out of
 * memory. */
static long write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *key, const char *s, const struct rules *r,
                       const struct sheet_formats *fmt)
{
	char shown[11];
	char *v;
	size_t w;

	if (is_iso_date(s)) {
		lxw_datetime dt = {atoi(s), atoi(s + 5), atoi(s + 8), 0, 0, 0};

		xlsx.worksheet_write_datetime(ws, row, col, &dt, fmt->date);
		date_show(s, shown);
		return (long)strlen(shown);
	}
	if (is_number(key, s)) {
		xlsx.worksheet_write_number(ws, row, col, strtod(s, NULL),
		                            NULL);
		return (long)strlen(s);
	}
	v = sheet_value(key, s, r);
	if (!v)
		return -1;
	xlsx.worksheet_write_string(ws, row, col, v, fmt->text);
	w = utf8_width(v);
	free(v);
	return (long)w;
}

/* Column widths from the widest value, at most SHEET_MAX_WIDTH. */
static void set_widths(lxw_worksheet *ws, const size_t *width, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		size_t w =
		    width[c] > SHEET_MAX_WIDTH ? SHEET_MAX_WIDTH : width[c];

		xlsx.worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                          (double)w + 2, NULL);
	}
}

static int write_table(lxw_workbook *wb, const struct sheet_book *book,
                       size_t index, const char *name, const struct rules *r,
                       const struct sheet_formats *fmt)
{
	const struct sheet_table *t = &book->tables[index];
	lxw_worksheet *ws;
	size_t *width;
	lxw_row_t top = t->title ? 2 : 0;

	ws = xlsx.workbook_add_worksheet(wb, name);
	if (!ws)
		return -1;
	width = calloc(t->n_cols ? t->n_cols : 1, sizeof(*width));
	if (!width)
		return -1;
	if (t->title)
		xlsx.worksheet_write_string(ws, 0, 0, t->title, fmt->bold);
	for (size_t c = 0; c < t->n_cols; c++) {
		const char *h = table_header(t, c);

		xlsx.worksheet_write_string(ws, top, (lxw_col_t)c, h,
		                            fmt->bold);
		width[c] = utf8_width(h);
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		lxw_row_t row = top + 1 + (lxw_row_t)i;

		for (size_t c = 0; c < t->n_cols; c++) {
			const char *s = t->rows[i][c];
			long w;

			if (!*s)
				continue;
			w = write_cell(ws, row, (lxw_col_t)c, t->keys[c], s, r,
			               fmt);
			if (w < 0) {
				free(width);
				return -1;
			}
			if ((size_t)w > width[c])
				width[c] = (size_t)w;
		}
	}
	set_widths(ws, width, t->n_cols);
	free(width);
	xlsx.worksheet_freeze_panes(ws, top + 1, 0);
	if (t->n_cols)
		xlsx.worksheet_autofilter(ws, top, 0,
		                          top + (lxw_row_t)t->n_rows,
		                          (lxw_col_t)(t->n_cols - 1));
	return 0;
}

/* The document's title, subject, comments and date (noon of the day, so
 * that no time zone moves it to another day). */
static void set_props(lxw_workbook *wb, const struct sheet_props *props)
{
	lxw_doc_properties doc = {0};
	char comments[1024], title[256];
	struct tm tm = {0};

	snprintf(title, sizeof title, "%s",
	         props && props->title ? props->title : "lape");
	snprintf(comments, sizeof comments, _("Data file: %s; date: %s"),
	         props && props->db_path ? props->db_path : "",
	         props && props->today ? props->today : "");
	doc.title = title;
	doc.subject = (char *)_("LAPE groups");
	doc.comments = comments;
	doc.author = (char *)"lape";
	if (props && props->today && is_iso_date(props->today)) {
		tm.tm_year = atoi(props->today) - 1900;
		tm.tm_mon = atoi(props->today + 5) - 1;
		tm.tm_mday = atoi(props->today + 8);
		tm.tm_hour = 12;
		doc.created = timegm(&tm);
	}
	xlsx.workbook_set_properties(wb, &doc);
}

static void add_formats(lxw_workbook *wb, struct sheet_formats *fmt)
{
	fmt->bold = xlsx.workbook_add_format(wb);
	xlsx.format_set_bold(fmt->bold);
	fmt->date = xlsx.workbook_add_format(wb);
	xlsx.format_set_num_format(fmt->date, strcmp(i18n_lang(), "en") == 0
	                                          ? "yyyy-mm-dd"
	                                          : "d.m.yyyy");
	fmt->text = xlsx.workbook_add_format(wb);
	xlsx.format_set_num_format(fmt->text, "@");
}

int sheet_write_xlsx(const struct sheet_book *book, const struct rules *r,
                     const struct sheet_props *props, const char *path,
                     char *err, size_t errlen)
{
	lxw_workbook_options opt = {0};
	lxw_workbook *wb;
	struct sheet_formats fmt;
	char(*names)[128];
	lxw_error e;
	int fd;

	/* Made by us with mode 0600 first, so that libxlsxwriter's fopen()
	 * finds a private file: the sheet holds personal data. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	close(fd);
	if (xlsx_load(err, errlen) != 0) {
		unlink(path);
		return -1;
	}
	opt.constant_memory = LXW_FALSE;
	wb = xlsx.workbook_new_opt(path, &opt);
	if (!wb) {
		snprintf(err, errlen, "%s", _("cannot write the spreadsheet"));
		return -1;
	}
	set_props(wb, props);
	add_formats(wb, &fmt);
	names = sheet_names(book);
	for (size_t i = 0; i < book->n; i++)
		if (!names || write_table(wb, book, i, names[i], r, &fmt)) {
			snprintf(err, errlen, "%s", strerror(ENOMEM));
			free(names);
			xlsx.workbook_close(wb);
			unlink(path);
			return -1;
		}
	free(names);
	if (book->n == 0)
		xlsx.workbook_add_worksheet(wb, NULL);
	e = xlsx.workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		snprintf(err, errlen, "%s", xlsx.lxw_strerror(e));
		unlink(path);
		return -1;
	}
	return 0;
}
