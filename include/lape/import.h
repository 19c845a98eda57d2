/* import.h -- people and their memberships from a spreadsheet's CSV.
 *
 * Two steps, so that the command line and the screens can both show what
 * would happen before anything is written:
 *
 *   import_read()  decodes the bytes (UTF-8 with or without a BOM, else
 *                  Windows-1252), finds the delimiter (; , or tab) from the
 *                  header line, parses RFC 4180 (libcsv: quotes, embedded
 *                  newlines) and maps the columns by their header in
 *                  Finnish, Swedish or English, in any order;
 *   import_run()   matches every row with the data file (people by e-mail,
 *                  then by name and organisation; memberships by person
 *                  and group) and says what it would add or change and
 *                  which rows are wrong, with line, column and reason.
 *                  With APPLY it writes it all in one transaction, and
 *                  only when no row is wrong; otherwise nothing.
 *
 * Every value is checked by the store's own validation (the *_validate()
 * functions and the saves themselves, run inside a transaction that a dry
 * run rolls back), so an import accepts exactly what the forms accept. */

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
#ifndef LAPE_IMPORT_H
#define LAPE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lape/db.h"
#include "lape/rules.h"

/* Refused above this size: a member list is a few hundred kilobytes. */
#define IMPORT_MAX_BYTES (64u * 1024 * 1024)
/* Columns beyond this are refused as not a member list. */
#define IMPORT_MAX_COLUMNS 256

enum import_encoding {
	IMPORT_UTF8,     /* valid UTF-8 without a BOM */
	IMPORT_UTF8_BOM, /* UTF-8 with a byte order mark */
	IMPORT_CP1252    /* not UTF-8: taken as Windows-1252 */
};

/* What a column holds, from its header. */
enum import_field {
	IMPORT_F_UNKNOWN = -1,
	IMPORT_F_SURNAME = 0,
	IMPORT_F_GIVEN_NAMES,
	IMPORT_F_NAME, /* the whole name in one column */
	IMPORT_F_GENDER,
	IMPORT_F_ORGANISATION,
	IMPORT_F_EMAIL,
	IMPORT_F_PHONE,
	IMPORT_F_GROUP,
	IMPORT_F_SECTORS,
	IMPORT_F_ROLE,
	IMPORT_F_START,
	IMPORT_F_END,
	IMPORT_F_COUNT
};

struct import_row {
	size_t line;  /* the line of the file the row starts on */
	char **cells; /* n_cols strings (UTF-8, trimmed), never NULL */
	bool extra;   /* it has text past the header's last column */
};

struct import_file {
	enum import_encoding encoding;
	char delimiter; /* ';', ',' or '\t' */
	size_t n_cols;
	char **headers;            /* as in the file (UTF-8) */
	enum import_field *fields; /* per column */
	int col[IMPORT_F_COUNT];   /* the column of each field, or -1 */
	size_t n_rows;
	struct import_row *rows;
};

/* Decode and parse the LEN bytes at DATA (the file's contents; NAME is only
 * for messages).  Returns LAPE_OK, or LAPE_INVALID with ERR holding what is
 * wrong ("line 3: a quote is not closed", "no header line"), or LAPE_ERROR
 * (out of memory).  Free OUT with import_file_clear(). */
int import_read(const char *data, size_t len, struct import_file *out,
                char *err, size_t errlen);
/* The same from the file PATH (ERR then also covers reading it). */
int import_read_file(const char *path, struct import_file *out, char *err,
                     size_t errlen);
void import_file_clear(struct import_file *f);

/* "UTF-8", "UTF-8 with BOM", "Windows-1252" (not translated). */
const char *import_encoding_name(enum import_encoding e);
/* The field a header names ("Sukunimi", "E-post", "Term start"), or
 * IMPORT_F_UNKNOWN.  Case, blanks and a trailing ':' or '*' do not
 * matter. */
enum import_field import_field_for_header(const char *header);
/* The machine key of a field ("surname", "email"). */
const char *import_field_key(enum import_field f);

/* ---- matching and writing --------------------------------------------- */

enum import_what {
	IMPORT_ADD_PERSON,
	IMPORT_CHANGE_PERSON,
	IMPORT_ADD_MEMBERSHIP,
	IMPORT_CHANGE_MEMBERSHIP
};

/* Something the import adds or changes. */
struct import_action {
	size_t line;
	enum import_what what;
	char *person; /* the person's name */
	char *group;  /* the group's name (memberships), else NULL */
	char *detail; /* what changes ("e-mail, phone"), or NULL */
};

/* A wrong row (error: nothing is written while there is one) or a thing
 * to look at (a possible duplicate: written as the file says). */
struct import_problem {
	size_t line;  /* 0: the file as a whole (e.g. an unknown column) */
	char *column; /* the header as in the file, or NULL */
	char *reason; /* translated */
	bool error;
};

struct import_result {
	size_t n_rows;
	size_t n_people_added, n_people_changed;
	size_t n_members_added, n_members_changed;
	size_t n_unchanged; /* rows that change nothing */
	size_t n_errors, n_warnings;
	struct import_action *actions;
	size_t n_actions;
	struct import_problem *problems;
	size_t n_problems;
	bool applied; /* written to the file */
};

struct import_options {
	int64_t group_id; /* every row into this group (0: the group column) */
	bool apply;       /* write, when no row is wrong */
};

/* Match F against the data file and, with OPT->apply and no error, write
 * it in one transaction.  R gives the sector labels.  Returns LAPE_OK
 * (see OUT for the rows that are wrong), or LAPE_ERROR / LAPE_BUSY etc.
 * with db_errmsg() when the file could not be read or written (nothing is
 * written then).  Free OUT with import_result_clear(). */
int import_run(struct lape_db *db, const struct rules *r,
               const struct import_file *f, const struct import_options *opt,
               struct import_result *out);
void import_result_clear(struct import_result *res);

#endif
