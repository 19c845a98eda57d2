/* privacy.h -- a person's rights under the GDPR: everything lape holds
 * about one person handed over (articles 15 and 20), and erased on request
 * (article 17), with the copies left beside the data file named.
 *
 * The command line (lape person export / erase) and the person's screen
 * use the same calls: privacy_erase_plan() says what an erase will remove,
 * for the confirmation, and privacy_erase() does it in one transaction.
 * No curses here. */

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
#ifndef LAPE_PRIVACY_H
#define LAPE_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lape/db.h"
#include "lape/output.h"

/* ---- export ------------------------------------------------------------ */

/* Write everything the file holds about person PERSON_ID to F: the person
 * record with every column, every membership (with its group's name and
 * uuid), every change-agent period and every history entry about the
 * person and those rows.  FMT is OUTPUT_JSON (one object, for another
 * program: article 20) or OUTPUT_TEXT (for the person to read, in the
 * language in use).  Read in one snapshot.  LAPE_OK, LAPE_NOTFOUND, or
 * an error recorded in DB. */
int privacy_export(struct lape_db *db, int64_t person_id,
                   enum output_format fmt, FILE *f);

/* ---- erase ------------------------------------------------------------- */

/* What erasing one person will remove, read in one snapshot.  Strings are
 * owned by the plan; free with privacy_plan_clear(). */
struct erase_plan {
	int64_t person_id;
	char uuid[37];
	char *name;         /* as shown in lists, for the confirmation */
	size_t n_seats;     /* memberships that become vacant seats */
	char **seat_groups; /* the group of each of those seats */
	size_t n_agents;    /* change-agent periods left without a person */
	size_t n_history;   /* history entries about the person removed */
	/* Free text elsewhere that mentions the name (a group's notes,
	 * another person's notes): lape cannot tell what it means there,
	 * so it is named for the user to edit, not changed. */
	char **mentions;
	size_t n_mentions;
	/* Copies saved before format upgrades (PATH.vN.bak) that still hold
	 * the person (or cannot be read to tell). */
	char **backups;
	size_t n_backups;
};

/* Fill PLAN for person PERSON_ID.  LAPE_OK, LAPE_NOTFOUND, or an error. */
int privacy_erase_plan(struct lape_db *db, int64_t person_id,
                       struct erase_plan *plan);
void privacy_plan_clear(struct erase_plan *plan);

/* The plan as lines for a confirmation ("Erase Anna Virtanen?" is the
 * caller's): what goes, what stays, which copies hold the data.  Each
 * line translated, ending in '\n'.  Caller frees; NULL when out of
 * memory. */
char *privacy_plan_describe(const struct erase_plan *plan);

/* How an erase went beyond its transaction. */
struct erase_result {
	/* The -wal file was emptied and the file rebuilt (VACUUM), so no
	 * old copy of a page is left in either.  False when another lape
	 * held the log: the erased bytes leave it when that one closes. */
	bool scrubbed;
};

/* Erase person PERSON_ID in one transaction: their memberships become
 * vacant seats (group, sectors, role, organisation represented and term
 * kept, so counts and checks stay true), their change-agent periods stay
 * without a person, the person record and every history entry about it
 * go, and one history entry says that a person was erased and by whom.
 * PRAGMA secure_delete (set on every connection by db_open()) overwrites
 * the freed bytes; afterwards the file is rebuilt and its -wal emptied.
 * The .bak copies are not touched: see privacy_backup_remove(). */
int privacy_erase(struct lape_db *db, int64_t person_id,
                  struct erase_result *res);

/* The copies saved before upgrades beside the data file PATH
 * (PATH.vN.bak, PATH.vN.bak.K), sorted.  *OUT (caller frees with
 * privacy_strv_free()) may be empty.  0, or -1 with errno. */
int privacy_backups(const char *path, char ***out, size_t *n);
/* Overwrite the copy NAME with zeros, then remove it.  0, or -1 with
 * errno. */
int privacy_backup_remove(const char *name);
void privacy_strv_free(char **v, size_t n);

#endif
