/* check.h -- the composition check: a pure function from a group, its
 * memberships, the rules and today's date to a result.  No I/O, no
 * terminal, no file: testable with structs built in memory.
 *
 * A group is complete when every sector its level requires is covered by
 * at least one membership held by a person (not a vacant seat) whose term
 * has not ended.  Warnings do not make a group incomplete. */

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
#ifndef LAPE_CHECK_H
#define LAPE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "lape/rules.h"
#include "lape/store.h"

#define CHECK_NO_MEMBER ((size_t)-1)

struct check_sector {
	int sector; /* index into rules->sectors */
	bool present;
	size_t n_cover;
	size_t cover[8]; /* indexes into the memberships; the first few */
};

enum check_warning_kind {
	WARN_NO_CHAIR,       /* the level requires a chair and none is set */
	WARN_TERM_ENDED,     /* member: end_date before today */
	WARN_NOT_LINKED,     /* municipal group not linked to a regional one */
	WARN_VACANT_SEAT,    /* member: a seat held by nobody; sector set */
	WARN_UNKNOWN_SECTOR, /* member: a sector key the rules do not know */
	WARN_DISSOLVED,      /* the group is dissolved */
	/* the rules' gender_balance: women or men under its share among the
	 * current members (the shares in struct check_gender) */
	WARN_GENDER_BALANCE,
	/* ... and the gender of some current members is not stated, so the
	 * balance is not known: said, not guessed */
	WARN_GENDER_UNSTATED
};

/* The current members by gender (each person once), when the rules ask
 * for a balance (gender_balance > 0). */
struct check_gender {
	int min_percent; /* the rules' share, 0 = not checked */
	size_t women, men, other, unstated;
	int women_percent, men_percent; /* of those stated; -1 none */
};

struct check_warning {
	enum check_warning_kind kind;
	size_t member;      /* index into the memberships, or CHECK_NO_MEMBER */
	const char *sector; /* sector key concerned, or NULL (borrowed) */
	struct check_gender gender; /* WARN_GENDER_*: the shares */
};

struct check_result {
	bool complete;
	struct check_gender gender;
	size_t n_sectors; /* required sectors of the group's level */
	struct check_sector sectors[RULES_MAX_SECTORS];
	size_t n_missing;
	size_t n_warnings;
	struct check_warning *warnings; /* owned; check_result_free() */
};

/* Check group G with its N memberships M against rules R on day TODAY
 * (ISO).  Returns 0, or -1 when out of memory.  RES borrows from M and R:
 * keep them alive while reading it. */
int group_check(const struct rules *r, const struct group *g,
                const struct membership *m, size_t n, const char *today,
                struct check_result *res);
void check_result_free(struct check_result *res);

/* Until which day group_check() finds G complete, whatever the day: the
 * answer for every day at once, since days only end terms.  COMPLETE is
 * the last such day (ISO), "" when never, CHECK_FOREVER when on every
 * day; complete on day D exactly when strcmp(COMPLETE, D) >= 0.  STAFFED
 * is the same for "has a current member".  Pure; kept in the data file
 * for the overview (overview_refresh()). */
#define CHECK_FOREVER "9999-12-31"
struct check_until {
	char complete[16];
	char staffed[16];
};
void group_check_until(const struct rules *r, const struct group *g,
                       const struct membership *m, size_t n,
                       struct check_until *out);

/* One line, translated, describing warning W (e.g. "no chair", "Aino
 * Virtanen: term ended 31.12.2017").  M is the array of memberships given
 * to group_check() (W->member indexes it).  Caller frees; NULL when out of
 * memory. */
/* The name shown for seat M in lists, reports, exports and the check:
 * NULL for a vacant seat; for a member whose name is withheld (issue 10)
 * the seat instead, "youth representative (name withheld)", written in
 * BUF (SIZE bytes, CHECK_NAME_MAX is enough); else the person's name.
 * Only the member's own screen shows a withheld name. */
#define CHECK_NAME_MAX 256
const char *check_member_name(const struct membership *m, const struct rules *r,
                              char *buf, size_t size);
char *check_warning_text(const struct check_warning *w,
                         const struct membership *m, const struct rules *r);
/* One line, translated, with the shares of G ("gender balance: 3 women
 * (50 %), 3 men (50 %), 0 other; at least 40 % each of women and men:
 * met"), or what keeps them from being known.  Caller frees; NULL when
 * the rules ask for no balance or out of memory. */
char *check_gender_text(const struct check_gender *g);
/* Machine key of a warning kind: "no_chair", "term_ended", ... */
const char *check_warning_key(enum check_warning_kind k);

/* ---- regions ------------------------------------------------------------ */

enum regional_state { REGIONAL_NONE, REGIONAL_INCOMPLETE, REGIONAL_COMPLETE };

/* The facts a region's summary rests on, gathered by region_summarize(). */
struct region_facts {
	size_t n_municipalities;
	size_t n_covered;  /* municipalities with an active municipal group */
	size_t n_staffed;  /* ... with one that has current members */
	size_t n_complete; /* ... with a complete one */
	enum regional_state regional;
	bool regional_staffed; /* the regional group has current members */
};

/* Whether a region with facts F may have a change agent under rules R:
 * pure.  A group counts only with current members (or, with the rules'
 * [agent] municipal_groups = complete, only when complete): a group set
 * up on paper does not make a region eligible. */
bool region_eligible(const struct rules *r, const struct region_facts *f);

struct region_summary {
	struct region region;
	struct region_facts facts;
	int64_t regional_group_id; /* 0 if none */
	char **uncovered;          /* names of municipalities with no group */
	size_t n_uncovered;
	bool has_agent;
	struct agent agent; /* valid when has_agent */
	bool eligible;
};

/* Gather and compute the summary of region CODE (reads the file).  Caller
 * frees with region_summary_clear(). */
int region_summarize(struct lape_db *db, const struct rules *r,
                     const char *code, const char *today,
                     struct region_summary *out);
void region_summary_clear(struct region_summary *s);

/* The summaries of every LAPE region (Åland left out), in region code
 * order, gathered in one walk over the file: for the overview.  The caller
 * frees *OUT with region_summary_free_array(). */
int region_summarize_all(struct lape_db *db, const struct rules *r,
                         const char *today, struct region_summary **out,
                         size_t *n);
void region_summary_free_array(struct region_summary *a, size_t n);
/* The same by checking every group in one walk (what the overview did
 * before its state was kept): for a file lape may not write, and for the
 * tests that prove the kept state right. */
int region_summarize_all_walk(struct lape_db *db, const struct rules *r,
                              const char *today, struct region_summary **out,
                              size_t *n);

/* Bring the overview's state in the data file up to date (one write
 * transaction, only when something is marked or the rules changed):
 * region_summarize() and region_summarize_all() call it. */
int overview_refresh(struct lape_db *db, const struct rules *r);

/* As group_walk() (the same groups, members, order and stop), faster for
 * what a check reads: the members of many groups by one query, the names
 * joined here.  The members carry no uuid, version, deputy, organisation
 * or start date; the groups only what group_brief_list() reads, their
 * municipalities only with CHECK_WALK_CODES in FLAGS (a lookup a group,
 * 5 % of a check of every group at 100 times national size).  With
 * CHECK_WALK_BY_ID in the order of the groups' ids, the file's: for a
 * caller that puts what it makes in order itself. */
enum { CHECK_WALK_CODES = 1, CHECK_WALK_BY_ID = 2 };
int check_walk(struct lape_db *db, const struct group_filter *f, unsigned flags,
               group_members_cb cb, void *ctx);
/* The number of groups, kept with that state (counted when it is not). */
int overview_group_count(struct lape_db *db, size_t *n);

#endif
