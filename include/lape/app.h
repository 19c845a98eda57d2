/* app.h -- the use cases both front ends share, above the store: what
 * the command line and the screens each built by hand (a checked group
 * with its members, the lists of names they show, the formats of dates
 * and roles) in one place.  No curses here. */

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
#ifndef LAPE_APP_H
#define LAPE_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lape/check.h"
#include "lape/db.h"
#include "lape/rules.h"
#include "lape/store.h"

/* ---- names of codes ---------------------------------------------------- */

/* The names of every region and municipality in the language in use
 * (i18n_pick()), read once: what the lists and screens show for a code. */
struct app_names;
/* NULL when out of memory or the file cannot be read (db_errmsg()). */
struct app_names *app_names_load(struct lape_db *db);
void app_names_free(struct app_names *n);
/* The name of region or municipality CODE; CODE itself when unknown,
 * "" for NULL.  Valid until app_names_free(). */
const char *app_region_name(const struct app_names *n, const char *code);
const char *app_municipality_name(const struct app_names *n, const char *code);

/* ---- formats both front ends show ------------------------------------- */

/* "1.10.2016 – 31.12.2018", "1.10.2016 –", "– 31.12.2018" or "" (dates
 * as date_show() gives them; "-" for the dash when not UTF8).  Returns
 * new text (the caller frees), NULL when out of memory. */
char *app_date_range(const char *start, const char *end, bool utf8);
/* The N texts of ITEMS with SEP between (a NULL item as "").  Returns new
 * text (the caller frees), NULL when out of memory. */
char *app_join(const char *const *items, size_t n, const char *sep);
/* The municipalities CODES by name, ", " between.  Caller frees. */
char *app_municipality_list(const struct app_names *n, char *const *codes,
                            size_t count);
/* The seat MEMBER deputises for among ALL (N of them), or NULL. */
const struct membership *app_deputy_of(const struct membership *member,
                                       const struct membership *all, size_t n);
/* MEMBER's role as shown: "chair", or "member, deputy of Aino Virtanen"
 * when it deputises a seat among the group's ALL (N of them).  Caller
 * frees. */
char *app_role_text(const struct membership *member,
                    const struct membership *all, size_t n);

/* ---- a checked group --------------------------------------------------- */

/* A group with what showing it takes: its members (in the group's
 * order), its check, its region's and municipalities' names and the
 * regional group it works with. */
struct app_group {
	struct group group;
	struct membership *members;
	size_t n_members;
	struct check_result check;
	char *region_name;    /* "" when none */
	char *municipalities; /* joined names; "" for a regional group */
	char *linked_name;    /* the linked regional group's name, or NULL */
};

/* Load group ID and check it under rules R on TODAY: one call for the
 * whole view.  NAMES may be NULL (then read as needed).  LAPE_OK, or a
 * lape_status with the message in db_errmsg(). */
int app_group_load(struct lape_db *db, const struct rules *r, const char *today,
                   const struct app_names *names, int64_t id,
                   struct app_group *out);
void app_group_clear(struct app_group *g);

/* The groups matching F in name order, OFFSET of them skipped, at most
 * LIMIT (0: all) given to CB, each with its members and check, in one
 * walk over the file (two queries, whatever the number of groups): for a
 * screen's page.  The group, members and check are valid only during the
 * callback; CB returns nonzero to stop (returned as is).  The members
 * carry what the check reads (person, name, sectors, role, end date),
 * not whom they deputise, their organisation or start date: for those,
 * app_group_load().  FLAGS are check_walk()'s for a walk of all (LIMIT
 * 0): a page is in name order and has the municipalities. */
typedef int (*app_group_cb)(const struct group *g, const struct membership *m,
                            size_t n, const struct check_result *check,
                            void *ctx);
int app_group_page(struct lape_db *db, const struct rules *r, const char *today,
                   const struct group_filter *f, size_t offset, size_t limit,
                   unsigned flags, app_group_cb cb, void *ctx);

/* The records a lookup matched, one a line ("  12  Vantaan LAPE-ryhmä"),
 * the first LOOKUP_SHOWN of them and "  ... and N more" after, for the
 * user to choose one by its id or code.  Returns new text (the caller
 * frees), NULL when out of memory. */
char *app_matches_text(const struct lookup_matches *lm);

#endif
