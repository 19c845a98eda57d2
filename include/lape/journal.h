/* journal.h -- the journal: every write transaction to the records is kept
 * as one SQLite changeset (session extension) with who made it, when, and
 * in which file.  One journal serves the merge of laptop copies, the
 * history and undo.
 *
 * db_begin() starts a session on the tracked tables and db_commit() stores
 * what it recorded as one journal entry, inside the same transaction.
 * Every file belongs to a family (the uuid shared by a file and the copies
 * made of it with `lape copy`) and has its own file uuid and origin number:
 * new rows get ids in the range origin << 32, so rows made in two copies
 * never share a key. */

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
#ifndef LAPE_JOURNAL_H
#define LAPE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lape/db.h"

/* The tables whose rows are journaled and merged, parents before the
 * tables that refer to them. */
enum { JOURNAL_TABLES = 5 };
extern const char *const journal_tables[JOURNAL_TABLES];

/* A tracked table's columns, as the file has them (PRAGMA table_info), in
 * the order of a changeset's values. */
struct journal_table {
	const char *name;
	int ncol;
	char **cols;
	unsigned char *pk; /* 1 for a primary-key column */
	int group_col;     /* the column naming the group, or -1 */
	int person_col;    /* the column naming the person, or -1 */
};

/* The connection's state: db_open() makes it, db_close() frees it. */
int journal_open(struct lape_db *db);
void journal_close(struct lape_db *db);

/* Hooks of db_begin()/db_commit()/db_rollback(). */
int journal_begin(struct lape_db *db);
int journal_commit(struct lape_db *db);
void journal_end(struct lape_db *db);

/* While paused, transactions are not journaled: the merge writes its own
 * entries (those of the other file, with their authors and times). */
void journal_pause(struct lape_db *db, bool paused);
/* A note for the next entry; copied; NULL for none. */
int journal_set_note(struct lape_db *db, const char *note);
/* The next entry undoes the entry UUID (kind "undo"). */
int journal_set_undo(struct lape_db *db, const char *uuid);

/* The last entry of DB's journal that changed column COL (-1: anything) of
 * the row with primary key PK (as journal_row keeps it) of TABLE: its
 * uuid, author and time (caller frees *USER and *AT); UUID "" when none
 * (made before the journal, or outside lape).  BEFORE > 0 looks only at
 * entries with a smaller id. */
int journal_last_writer(struct lape_db *db, const char *table, const char *pk,
                        int col, int64_t before, char uuid[37], char **user,
                        char **at, int64_t *entry_id);
/* The primary key of the changed row at IT as journal_row keeps it. */
void journal_row_pk(sqlite3_changeset_iter *it, const struct journal_table *t,
                    char *pk, size_t len);

/* Table NAME's columns in DB, or NULL when it is not tracked. */
const struct journal_table *journal_table(struct lape_db *db, const char *name);

/* This file's identity (from meta): uuid, family and origin. */
const char *journal_file_uuid(struct lape_db *db);
const char *journal_family(struct lape_db *db);
int64_t journal_origin(struct lape_db *db);

/* One entry as stored. */
struct journal_entry {
	int64_t id; /* in this file */
	char uuid[37];
	char at[32];       /* when the change was made, UTC, ISO 8601 */
	char *os_user;     /* who made it */
	char *origin;      /* the file uuid where it was made */
	char *kind;        /* "change" or "undo" */
	char *note;        /* or NULL */
	char *undoes;      /* with "undo": the uuid of the entry it undid */
	char *merged_at;   /* when it came here by a merge, or NULL */
	char *merged_from; /* the file uuid it came from, or NULL */
	void *changeset;
	int nchangeset;
};
void journal_entry_clear(struct journal_entry *e);

/* Store entry E (changeset, author, time, origin as given; id ignored) as
 * it is, with its rows indexed: for the merge, which brings another file's
 * entries with their authors.  E->uuid must be new here. */
int journal_insert(struct lape_db *db, const struct journal_entry *e);
/* Whether the entry UUID is in DB's journal: *FOUND. */
int journal_has(struct lape_db *db, const char *uuid, bool *found);

/* The OS user, as lape_user() gives it to SQL.  Caller frees; NULL when
 * out of memory. */
char *journal_user(struct lape_db *db);
/* A new random uuid (version 4) in BUF (37 bytes). */
void journal_uuid(char buf[37]);
/* The current time as the journal writes it. */
void journal_now(char buf[32]);

/* AT (as the journal keeps it, UTC) in local time as people read it:
 * "2017-03-02 14:05"; "" when AT is not a time. */
void journal_time_show(const char *at, char buf[20]);

/* Two values of a column are the same (type and content; NULL pointers
 * mean "not given" and equal only each other). */
bool journal_value_equal(sqlite3_value *a, sqlite3_value *b);

/* A row as history and merge hold it: one sqlite3_value_dup() copy a
 * column (NULL: not given), freed with journal_row_free().  The NEW (or
 * OLD) values of the changeset op at IT, or NULL when out of memory. */
sqlite3_value **journal_op_row(sqlite3_changeset_iter *it, int ncol, bool new);
/* The NCOL columns of the row ST is on. */
sqlite3_value **journal_stmt_row(sqlite3_stmt *st, int ncol);
void journal_row_free(sqlite3_value **row, int ncol);

#endif
