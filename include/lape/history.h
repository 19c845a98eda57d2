/* history.h -- who changed what, and undo, from the journal (journal.h).
 *
 * The history is the journal read field by field: each change of a record
 * with its old and new value, who made it and when, and the file it came
 * from when it arrived by a merge.  Undo writes the inverse of one of the
 * user's entries as a new entry (kind "undo"), and is refused when someone
 * changed the same things since; redo is the undo of an undo. */

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
#ifndef LAPE_HISTORY_H
#define LAPE_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "lape/db.h"

enum history_op { HISTORY_ADD, HISTORY_CHANGE, HISTORY_REMOVE };

/* One change, as people read it.  Valid during the callback only. */
struct history_change {
	int64_t entry_id;
	const char *entry_uuid;
	const char *at;          /* UTC, ISO 8601 */
	const char *user;        /* the OS user who made it */
	const char *kind;        /* "change" or "undo" */
	const char *merged_from; /* the file uuid it came from, or NULL */
	const char *table;       /* "person", "lape_group", ... */
	enum history_op op;
	const char *group;  /* the group it is about, or NULL */
	const char *record; /* the record ("Henna Salo", "chair Henna Salo") */
	const char *field;  /* with HISTORY_CHANGE: the column; NULL for a
	                       change made before the table's columns
	                       changed (its values are not shown) */
	const char *old_value; /* references shown by name; NULL: empty */
	const char *new_value;
};

struct history_filter {
	int64_t group_id;  /* 0: any; else the group and its members */
	int64_t person_id; /* 0: any; else the person, memberships, agent */
	const char *since; /* ISO date or NULL: changes made on or after */
};

/* A callback returning non-zero stops the walk; the walk returns that. */
typedef int (*history_cb)(const struct history_change *c, void *ctx);
/* The changes matching F (NULL: all), oldest first. */
int history_walk(struct lape_db *db, const struct history_filter *f,
                 history_cb cb, void *ctx);

/* An entry that undo (or redo) would take back. */
struct history_undo {
	int64_t entry_id;
	char uuid[37];
	char at[32];
	char *what; /* what it changed, one line ("person Henna Salo: phone
	               040 → 050"), translated; caller frees with
	               history_undo_clear() */
	bool redo;  /* it is an undo: taking it back is a redo */
};
void history_undo_clear(struct history_undo *u);

/* The last entry of USER (the OS user when NULL) that undo would take
 * back: a change not undone yet, newer than entry AFTER (0: any; the
 * screens pass the last entry when they started).  With REDO, the last
 * undo not yet redone instead.  LAPE_NOTFOUND when there is none. */
int history_undo_find(struct lape_db *db, const char *user, int64_t after,
                      bool redo, struct history_undo *out);
/* Take entry U back in one transaction, itself an entry in the history.
 * LAPE_CONFLICT, writing nothing, when a later change touched the same
 * field or record: the message names it (who, when, what). */
int history_undo_apply(struct lape_db *db, const struct history_undo *u);

/* The id of the newest entry in the journal (0 when none). */
int64_t history_last_entry(struct lape_db *db);

#endif
