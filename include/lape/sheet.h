/* sheet.h -- spreadsheets out.  lape's plain CSV (header keys, ISO dates,
 * true/false) stays the form for programs; this module turns tables into
 * what a person opens in a spreadsheet:
 *
 *   the Excel flavour of CSV: UTF-8 with a BOM, ';' between fields, CRLF,
 *   headers and values in the user's language, codes kept as text
 *   (="049"), and a field that a spreadsheet would run as a formula
 *   (starting with = + - @, a tab or a CR) neutralised with a leading
 *   apostrophe, as OWASP advises;
 *
 *   xlsx (libxlsxwriter): one worksheet per table with a bold, frozen
 *   header row and an autofilter, column widths fitted to the content,
 *   codes as text, dates as dates, and the data file and the date in the
 *   workbook's properties.
 *
 * A table is read from lape's own CSV (sheet_from_csv()), so that every
 * --format csv output of every command gets both, or built row by row
 * (the meeting report). */

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
#ifndef LAPE_SHEET_H
#define LAPE_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "lape/rules.h"

struct sheet_table {
	char *name;  /* the worksheet's name (at most 31 characters used) */
	char *title; /* a line above the header row, or NULL */
	size_t n_cols;
	char **keys; /* the machine keys of the columns (CSV header) */
	size_t n_rows;
	char ***rows; /* n_rows arrays of n_cols strings (never NULL) */
};

struct sheet_book {
	size_t n;
	struct sheet_table *tables;
};

/* A new table named NAME with the N_COLS column KEYS in BOOK.  Returns it,
 * or NULL when out of memory. */
struct sheet_table *sheet_add_table(struct sheet_book *book, const char *name,
                                    const char *const *keys, size_t n_cols);
/* Append a row of T->n_cols cells (NULL = empty).  0, or -1. */
int sheet_add_row(struct sheet_table *t, const char *const *cells);
void sheet_book_clear(struct sheet_book *book);

/* Parse the LEN bytes of lape's plain CSV at CSV (header line of keys,
 * then rows) into one table named NAME.  0, or -1 when it is not CSV or
 * out of memory. */
int sheet_from_csv(const char *csv, size_t len, const char *name,
                   struct sheet_book *out);

/* The header of column KEY in the user's language ("Sukunimi" for
 * "surname"); KEY itself when there is none. */
const char *sheet_header(const char *key);
/* The value S of column KEY as a person reads it, in the user's language:
 * level, status and role keys as labels, sector keys as their labels in R
 * (may be NULL), true/false as yes/no, ISO dates in the user's form.
 * Caller frees; NULL when out of memory. */
char *sheet_value(const char *key, const char *s, const struct rules *r);

/* Whether S is a code or number a spreadsheet would change (a leading
 * zero, or more digits than it keeps): to be stored as text. */
bool sheet_is_code(const char *s);
/* Whether S would start a formula: = + - @ tab CR first. */
bool sheet_is_formula(const char *s);

/* Write BOOK's first table to F as the Excel flavour of CSV.  0, or -1 on
 * a write error. */
int sheet_write_excel_csv(const struct sheet_book *book, const struct rules *r,
                          FILE *f);

struct sheet_props {
	const char *title;   /* e.g. "lape list people" */
	const char *db_path; /* the data file */
	const char *today;   /* ISO date */
};

/* Write BOOK to PATH as xlsx (mode 0600: it holds personal data).  0, or
 * -1 with ERR holding what is wrong. */
int sheet_write_xlsx(const struct sheet_book *book, const struct rules *r,
                     const struct sheet_props *props, const char *path,
                     char *err, size_t errlen);

#endif
