/* merge.h -- bringing another copy's work into this data file: a laptop's
 * into the server's, or the server's into a laptop's.
 *
 * The other file's journal entries that this file has not seen are
 * replayed field by field, in their order.  Changes to different records,
 * or to different fields of one record, go in without a question.  The
 * same field changed on both sides, a record changed on one side and
 * removed on the other, a row added on both with different values, or a
 * reference to a record that is gone are conflicts: each is listed with
 * both values, who made each and when, and is resolved one by one (keep
 * this file's, take the other's).  The merge is one transaction; entries
 * keep their authors and times, so merging the same file again changes
 * nothing.
 *
 *   merge_open()      open the other file, check that it is a copy of
 *                     this one's family; the entries to bring
 *   merge_plan()      compute the changes and the conflicts; writes
 *                     nothing (a dry run)
 *   merge_resolve()   decide a conflict
 *   merge_apply()     write it all in one transaction
 *   merge_free()
 *
 * "Here" is this data file, "there" the file merged in.  The server is the
 * family's first file (the one copies are made from): merge_server_is_here()
 * says which side it is, for the words "server" and "laptop". */

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
#ifndef LAPE_MERGE_H
#define LAPE_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lape/db.h"

enum merge_conflict_kind {
	MERGE_BOTH_CHANGED,  /* the same field changed on both sides */
	MERGE_REMOVED_HERE,  /* changed there, removed here */
	MERGE_REMOVED_THERE, /* removed there, changed here */
	MERGE_DUPLICATE,     /* added on both sides, different values */
	MERGE_MISSING_REF,   /* refers to a record removed here */
	MERGE_IN_USE         /* removed there, still used here */
};

enum merge_choice {
	MERGE_UNDECIDED = 0,
	MERGE_KEEP_HERE, /* keep this file's value (or its removal) */
	MERGE_TAKE_THERE /* take the other file's */
};

/* One side of a conflict or change: the value, who made it and when. */
struct merge_side {
	char *value; /* as text; NULL: empty, or the record is removed */
	char *user;  /* NULL when unknown (made before the journal) */
	char *at;    /* ISO 8601 UTC, or NULL */
};

struct merge_conflict {
	enum merge_conflict_kind kind;
	const char *table; /* "person", "lape_group", ... */
	char *record;      /* the record as people name it ("Henna Salo") */
	char *field;       /* the column, or NULL for the whole record */
	struct merge_side here, there;
	enum merge_choice choice;
	/* identity, so that a decision survives merge_plan() again */
	char entry_uuid[37];
	char *pk;
};

enum merge_change_kind { MERGE_ADD, MERGE_CHANGE, MERGE_REMOVE };

/* One change the merge makes here (for --dry-run and the screens). */
struct merge_change {
	enum merge_change_kind kind;
	const char *table;
	char *record;
	char *field;     /* with MERGE_CHANGE */
	char *old_value; /* with MERGE_CHANGE */
	char *new_value; /* with MERGE_CHANGE */
	char *user;      /* who made it there */
	char *at;
};

struct merge;

/* Open PATH, the file to merge into DB: migrated first when older, refused
 * when newer (LAPE_ERROR), when it is not a copy of DB's family, is DB
 * itself or a plain copy of it (LAPE_INVALID).  Message in db_errmsg(DB),
 * naming PATH.  *OUT is freed with merge_free(). */
int merge_open(struct lape_db *db, const char *path, struct merge **out);
void merge_free(struct merge *m);

/* The number of entries of the other file not yet seen here. */
size_t merge_entry_count(const struct merge *m);
/* Whether DB is the server's file (the family's first), else PATH is. */
bool merge_server_is_here(const struct merge *m);

/* Compute the changes and conflicts in a transaction that is rolled back:
 * nothing is written.  Decisions made so far are kept for the conflicts
 * found again.  LAPE_OK or an error (message in db_errmsg()). */
int merge_plan(struct merge *m);
size_t merge_conflict_count(const struct merge *m);
const struct merge_conflict *merge_conflict(const struct merge *m, size_t i);
size_t merge_change_count(const struct merge *m);
const struct merge_change *merge_change(const struct merge *m, size_t i);

void merge_resolve(struct merge *m, size_t i, enum merge_choice choice);
/* Every conflict still undecided gets CHOICE. */
void merge_resolve_all(struct merge *m, enum merge_choice choice);
/* Conflicts found from now on that have no decision get CHOICE (the
 * command line's --prefer): merge_apply() then needs no plan first. */
void merge_set_default(struct merge *m, enum merge_choice choice);
/* Conflicts not decided yet. */
size_t merge_undecided(const struct merge *m);

/* Write the merge in one transaction, the conflicts as decided.
 * LAPE_CONFLICT, writing nothing, when a conflict is undecided (also one
 * that appeared since merge_plan(): the list is then fresh, to show);
 * else LAPE_OK or an error. */
int merge_apply(struct merge *m);

/* Write a copy of DB at PATH (which must not exist) for a laptop: a
 * consistent snapshot while others write, mode 0600, with its own file
 * uuid and id range and the point it was copied at.  LAPE_INVALID when
 * PATH exists. */
int merge_copy(struct lape_db *db, const char *path);

/* A table's and a column's names as people read them, translated. */
const char *merge_table_label(const char *table);
const char *merge_field_label(const char *field);

/* The words of conflicts, translated ("changed on both sides", ...). */
const char *merge_conflict_label(enum merge_conflict_kind kind);

#endif
