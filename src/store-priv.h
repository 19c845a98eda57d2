/* store-priv.h -- what the store modules share: a record's row, mapped
 * from its record kind's descriptors (record.h).  The SELECT list, the
 * reading of a row into the struct, the INSERT and UPDATE with the
 * struct's fields bound, copying and freeing the struct's texts: all of it
 * follows the descriptor lines, so that a new field of a record is a
 * migration, a line in record.c and its tests.  Internal to src/store-*.c;
 * nothing outside includes it. */

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
#ifndef LAPE_STORE_PRIV_H
#define LAPE_STORE_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "lape/db.h"
#include "lape/record.h"
#include "lape/store.h"

/* The table a record kind is stored in and how its row is read. */
struct store_table {
	const char *kind;  /* record_kind(): "group", "person", ... */
	const char *table; /* "lape_group" */
	const char *alias; /* the table's name in the store's queries: "g" */
	const char *from;  /* what the rows are read FROM, with the joins
	                      the extra columns need */
	size_t size;       /* of the record's struct */
	/* Columns of the table that are no field of the kind (the group of
	 * a seat): read and written as the fields are. */
	const struct record_field *own;
	size_t n_own;
	/* Read-only columns after the fields (from joins, derived), each an
	 * SQL expression in COLUMN, read as the field says (a text at
	 * OFFSET, a SLOT), or by the kind's own code (SLOT_NONE with
	 * RECORD_NO_OFFSET; find its column with store_col()). */
	const struct record_field *extra;
	size_t n_extra;
	/* The SLOT_HOOK fields: read column COL of ST into REC (with COPY
	 * its own strings, else borrowed), bind parameter I from REC.
	 * LAPE_OK or LAPE_ERROR (out of memory, SQLite). */
	int (*read_hook)(sqlite3_stmt *st, int col,
	                 const struct record_field *f, void *rec, bool copy);
	int (*bind_hook)(sqlite3_stmt *st, int i, const struct record_field *f,
	                 const void *rec);
	/* Built on first use. */
	const struct record_kind *k;
	char columns[1024], insert[512], update[640];
	char inserted[96], exists[96];
};

/* The SELECT list of T's rows: ALIAS.id, ALIAS.uuid, ALIAS.version, the
 * fields stored in the row, the extra columns. */
const char *store_columns(struct store_table *t);
/* The index in store_columns() of the field or extra column NAME, -1. */
int store_col(struct store_table *t, const char *name);

/* "SELECT store_columns() FROM from REST" in SQL of SIZE bytes. */
const char *store_sql(struct store_table *t, char *sql, size_t size,
                      const char *rest);

/* Fill REC (zeroed first) from a row of store_columns(); with COPY the
 * strings are the record's own (free them with the kind's *_clear()),
 * else borrowed from the statement.  LAPE_OK, or LAPE_ERROR out of
 * memory (what REC holds then is freed by the kind's *_clear()). */
int store_read(struct store_table *t, sqlite3_stmt *st, void *rec, bool copy);

/* Insert REC (id 0: id, uuid and version set) or update it when its
 * version is still the one read (version incremented), with every field
 * stored in the row bound.  LAPE_OK, LAPE_CONFLICT, LAPE_NOTFOUND or an
 * error (recorded). */
int store_write(struct lape_db *db, struct store_table *t, void *rec);

/* Free the strings at the offsets of T's fields and extra columns (not
 * the lists, not the struct). */
void store_free_texts(struct store_table *t, void *rec);
/* DST = SRC, with copies of the strings at those offsets (the lists are
 * the caller's: DST still points at SRC's).  0, or -1 when out of memory
 * (the strings not copied are NULL). */
int store_copy_texts(struct store_table *t, void *dst, const void *src);
/* Dates of REC in their ISO form, blank ones NULL; with TEXTS also the
 * texts trimmed and in NFC (db_norm_text()).  LAPE_OK or LAPE_ERROR. */
int store_norm(struct store_table *t, void *rec, bool texts);

/* Save REC: CHECK (its *_validate()) first, then WRITE in one
 * transaction (or the caller's); on failure the id and version are put
 * back (and a new record's uuid emptied).  With NORM_TEXTS the texts are
 * trimmed and put in NFC before the check; dates are normalised after
 * it. */
int store_save(struct lape_db *db, struct store_table *t, void *rec,
               bool norm_texts,
               int (*check)(const void *rec, const char **field,
                            const char **msg),
               int (*write)(struct lape_db *db, void *rec));

/* Delete the row ID of T, LAPE_NOTFOUND with FIELD and NOTFOUND when there
 * is none; one transaction (or the caller's). */
int store_delete(struct lape_db *db, struct store_table *t, int64_t id,
                 const char *field, const char *notfound);

/* Step ST (from db_prepare_cached()) once and give it back: ROW fills OUT
 * (zeroed first) from the row; no row is LAPE_NOTFOUND with FIELD and
 * NOTFOUND (a format taking ARG).  LAPE_OK or an error. */
int store_get(struct lape_db *db, sqlite3_stmt *st,
              int (*row)(sqlite3_stmt *st, void *out), void *out, size_t size,
              const char *field, const char *notfound, const char *arg);

/* The record ID of T into OUT by ROW, as store_get(). */
int store_get_id(struct lape_db *db, struct store_table *t, int64_t id,
                 int (*row)(sqlite3_stmt *st, void *out), void *out,
                 const char *field, const char *notfound);

/* The first column of the first row ST (from db_prepare()) selects, into
 * *VALUE (0 when none); ST finalized.  No row: LAPE_NOTFOUND with FIELD
 * and NOTFOUND, or LAPE_OK when NOTFOUND is NULL. */
int store_int64(struct lape_db *db, sqlite3_stmt *st, int64_t *value,
                const char *field, const char *notfound);
/* The count ST (from db_prepare()) selects, into *COUNT; ST finalized. */
int store_count(struct lape_db *db, sqlite3_stmt *st, size_t *count);

/* Call ROW on each row of ST (from db_prepare()), then finalize it: the
 * first non-zero value ROW returns (a callback's stop), LAPE_OK, or an
 * error. */
int store_each(struct lape_db *db, sqlite3_stmt *st,
               int (*row)(sqlite3_stmt *st, void *ctx), void *ctx);

/* Copy column COL of ST (a code or a uuid) into DST of SIZE bytes. */
void store_copy_code(char *dst, size_t size, sqlite3_stmt *st, int col);

/* A fixed set of choices stored by key and shown by label, taken in a
 * file or a script as any of them (the roles, genders and statuses). */
struct store_choice {
	int value;
	const char *key;
	const char *label; /* N_() */
	const char *fi, *sv;
};
/* The key and translated label of VALUE, those of the first choice when
 * VALUE is none of them. */
const char *choice_key(const struct store_choice *c, size_t n, int value);
const char *choice_label(const struct store_choice *c, size_t n, int value);
/* The choice TEXT is (a key, a label in any language): LAPE_OK with *VALUE,
 * else LAPE_INVALID. */
int choice_parse(const struct store_choice *c, size_t n, const char *text,
                 int *value);

#endif
