/* store.h -- the records in the data file: reference data (regions and
 * municipalities), groups, people, memberships and change agents.
 *
 * Records are plain structs whose strings the struct owns; *_clear() frees
 * them and leaves the struct zeroed.  A record with id 0 is new: *_save()
 * inserts it (and sets id, uuid and version); otherwise it updates the row
 * only if its version is still the one read, else LAPE_CONFLICT.  Every
 * save or delete is one transaction (unless the caller already opened one
 * with db_begin()), validates its fields first (LAPE_INVALID with
 * db_errfield()), and is written to the audit table by triggers.
 *
 * Lists are sorted in Finnish/Swedish order by the database (collation
 * "FI") and paged with OFFSET/LIMIT (LIMIT 0 means all), so screens load one
 * page, not everything. */

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
#ifndef LAPE_STORE_H
#define LAPE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lape/db.h"
#include "lape/record.h"

#define UUID_LEN 36

/* ---- limits of the text fields ----------------------------------------- */

/* The most characters text field FIELD of a RECORD ("group", "person",
 * "membership" or "agent"; FIELD as *_validate() names it) takes:
 * DB_TEXT_SHORT for a line, DB_TEXT_LONG for notes; 0 for a field that is
 * not free text.  One limit per field: the *_validate() functions enforce
 * these, and the forms and the command line ask them to say so as soon as
 * a value goes over (with db_check_text()'s message), never to cut. */
static inline size_t store_text_max(const char *record, const char *field)
{
	return field_limit(record_field(record_kind(record), field));
}

/* ---- reference data ---------------------------------------------------- */

struct region {
	char code[3]; /* "01".."21" */
	char *name_fi;
	char *name_sv;
	bool in_lape; /* false for Åland, which LAPE did not cover */
};

struct municipality {
	char code[4]; /* "005" */
	char *name_fi;
	char *name_sv;
	char region_code[3];
};

void region_clear(struct region *r);
void municipality_clear(struct municipality *m);

typedef int (*region_cb)(const struct region *r, void *ctx);
typedef int (*municipality_cb)(const struct municipality *m, void *ctx);

/* A callback returning non-zero stops the walk; the walk returns that. */
int region_list(struct lape_db *db, bool lape_only, region_cb cb, void *ctx);
int region_get(struct lape_db *db, const char *code, struct region *out);
/* REGION may be NULL (all).  MATCH, if not NULL, keeps those whose Finnish or
 * Swedish name starts with it, case-insensitively (for pick lists). */
int municipality_list(struct lape_db *db, const char *region, const char *match,
                      municipality_cb cb, void *ctx);
/* Every municipality in the order of their codes: for a table by code or
 * a count, without the sort by name (a tenth of a `lape check` of the
 * national data). */
int municipality_all(struct lape_db *db, municipality_cb cb, void *ctx);
int municipality_get(struct lape_db *db, const char *code,
                     struct municipality *out);
/* Find a region or municipality by code or by Finnish or Swedish name
 * (case-insensitive): LAPE_NOTFOUND / LAPE_AMBIGUOUS. */
int region_find(struct lape_db *db, const char *ref, char code[3]);
/* A region by code, or by a part of its Finnish or Swedish name without
 * regard to case or accents (db_lookup()): several give LAPE_AMBIGUOUS
 * and, in *LM when not NULL, the list ("Uusimaa (Nyland)"). */
int region_lookup(struct lape_db *db, const char *ref, char code[3],
                  struct lookup_matches *lm);
int municipality_find(struct lape_db *db, const char *ref, char code[4]);

/* ---- groups ------------------------------------------------------------ */

enum group_level { LEVEL_MUNICIPAL = 0, LEVEL_REGIONAL = 1 };
enum group_status { STATUS_ACTIVE = 0, STATUS_DISSOLVED = 1 };

struct group {
	int64_t id;
	char uuid[UUID_LEN + 1];
	int64_t version;
	enum group_level level;
	char *name;
	/* Regional group: the region it covers (required).  Municipal group:
	 * derived from its first municipality on save (read-only). */
	char region_code[3];
	char **municipalities; /* codes; municipal groups need at least one
	                          (a regional group may list some of its
	                          region's) */
	size_t n_municipalities;
	char *mandate_body; /* which body decided, e.g. "Kunnanhallitus" */
	char *mandate_date; /* ISO date or NULL */
	bool existing_body; /* an existing body authorised to act */
	char *start_date;   /* ISO or NULL */
	char *end_date;     /* ISO or NULL */
	enum group_status status;
	int64_t regional_group_id; /* set by hand; 0 = derive from the region */
	/* Read-only, filled by group_get()/group_list(): the regional group
	 * this one is linked to (explicit or derived), 0 for none. */
	int64_t linked_group_id;
	char *notes;
	char *created; /* read-only timestamps */
	char *updated;
};

void group_clear(struct group *g);
/* Deep copy; returns LAPE_OK or LAPE_ERROR (out of memory). */
int group_copy(struct group *dst, const struct group *src);
/* Add a municipality code to G (a municipal group).  LAPE_OK/LAPE_ERROR. */
int group_add_municipality(struct group *g, const char *code);

/* Check the fields without touching the file: LAPE_OK, or LAPE_INVALID with
 * *FIELD and *MSG (translated, static) set. */
int group_validate(const struct group *g, const char **field, const char **msg);

/* Machine keys ("municipal", "active") and translated labels. */
const char *group_level_key(enum group_level level);
const char *group_status_key(enum group_status status);
const char *group_level_label(enum group_level level);
const char *group_status_label(enum group_status status);

int group_get(struct lape_db *db, int64_t id, struct group *out);
int group_save(struct lape_db *db, struct group *g);
/* Deleting a group deletes its memberships; groups linked to it fall back
 * to the derived link. */
int group_delete(struct lape_db *db, int64_t id);

/* Find a group by id ("12"), uuid (or a unique prefix of at least 8 hex
 * digits) or exact name (case-insensitive). */
int group_find(struct lape_db *db, const char *ref, int64_t *id);
/* A group by id, uuid prefix, whole name or a part of it (db_lookup()):
 * `kirkko` finds "Kirkkonummen LAPE-ryhmä – Kyrkslätts LAPE-grupp".  Several
 * give LAPE_AMBIGUOUS and, in *LM when not NULL, the list.  group_find()
 * is the same without the list. */
int group_lookup(struct lape_db *db, const char *ref, int64_t *id,
                 struct lookup_matches *lm);

struct group_filter {
	const char *region; /* region code, NULL for all */
	int level;          /* -1 all, else enum group_level */
	int status;         /* -1 all, else enum group_status */
	const char
	    *search; /* substring of the name or a municipality's
	                Finnish or Swedish name, case-insensitive; NULL */
};
#define GROUP_FILTER_ALL                                                       \
	{                                                                      \
		NULL, -1, -1, NULL                                             \
	}

typedef int (*group_cb)(const struct group *g, void *ctx);
int group_list(struct lape_db *db, const struct group_filter *f, size_t offset,
               size_t limit, group_cb cb, void *ctx);
/* group_list() of every group F picks, each with only what a check and
 * its output read: id, uuid, version, name, level, region, status,
 * regional and linked group, and with GROUP_BRIEF_CODES in FLAGS its
 * municipalities; the other fields are 0 or NULL.  The strings are
 * borrowed for the callback.  With GROUP_BRIEF_BY_ID in the order of
 * their ids (the file's), not the lists'. */
enum { GROUP_BRIEF_CODES = 1, GROUP_BRIEF_BY_ID = 2 };
int group_brief_list(struct lape_db *db, const struct group_filter *f,
                     unsigned flags, group_cb cb, void *ctx);
/* Every group's id in the lists' order, from their keys (made first
 * where they are out of date), in *IDS (the caller frees), their number
 * in *N: LAPE_OK, PAGE_UNAVAILABLE where the keys cannot be made (a
 * read-only file), or an error. */
int group_key_order(struct lape_db *db, int64_t **ids, size_t *n);
int group_count(struct lape_db *db, const struct group_filter *f,
                size_t *count);
/* group_count(), stopping at MAX as person_count_upto() does (the groups
 * screen counts a search or a filter at every key). */
int group_count_upto(struct lape_db *db, const struct group_filter *f,
                     size_t max, size_t *count, bool *more);

/* ---- people ------------------------------------------------------------ */

enum person_gender {
	GENDER_UNSTATED = 0,
	GENDER_WOMAN = 1,
	GENDER_MAN = 2,
	GENDER_OTHER = 3
};

struct person {
	int64_t id;
	char uuid[UUID_LEN + 1];
	int64_t version;
	char *surname;     /* required */
	char *given_names; /* may be empty: some people have one name */
	enum person_gender gender;
	char *organisation;
	char *email; /* checked for shape: local@domain.tld */
	char *phone;
	char *notes;
};

void person_clear(struct person *p);
int person_copy(struct person *dst, const struct person *src);
int person_validate(const struct person *p, const char **field,
                    const char **msg);
int person_get(struct lape_db *db, int64_t id, struct person *out);
int person_save(struct lape_db *db, struct person *p);
/* Refused (LAPE_INVALID, field "person") while the person holds a
 * membership or is a change agent. */
int person_delete(struct lape_db *db, int64_t id);
/* Whether person_delete() would remove ID: LAPE_OK, or LAPE_INVALID (field
 * "person", the same message) while the person holds a seat or is a change
 * agent; for asking before a question "delete?". */
int person_deletable(struct lape_db *db, int64_t id);
int person_find(struct lape_db *db, const char *ref, int64_t *id);
/* As group_lookup() for a person: by id, uuid prefix, the whole name
 * either way round ("Aino Virtanen", "Virtanen Aino") or a part of it. */
int person_lookup(struct lape_db *db, const char *ref, int64_t *id,
                  struct lookup_matches *lm);

/* "Given Surname" (just the surname when there are no given names): how
 * a person is shown.  Returns new text (the caller frees), NULL when out
 * of memory. */
char *person_display_name(const struct person *p);
/* "Surname Given": the order lists are sorted and printed in. Caller
 * frees. */
char *person_sort_name(const struct person *p);
/* Compare two "Surname\tGiven" texts as PERSON_ORDER_SQL() orders: the
 * surnames in collate_fi() order, then the given names. */
int person_sort_cmp(const char *a, const char *b);
/* The same text as an SQL expression on the person table aliased A. */
#define PERSON_SORT_SQL(a) a ".surname || char(9) || " a ".given_names"
/* The same as SQL expressions on the person table aliased A. */
#define PERSON_DISPLAY_SQL(a) "ltrim(" a ".given_names || ' ' || " a ".surname)"
#define PERSON_ORDER_SQL(a)                                                    \
	a ".surname COLLATE FI, " a ".given_names COLLATE FI"

const char *gender_key(enum person_gender g);   /* "", "woman", ... */
const char *gender_label(enum person_gender g); /* translated */
/* A key or a label in any language ("nainen", "kvinna"); "" and NULL are
 * GENDER_UNSTATED. */
int gender_parse(const char *text, enum person_gender *out);

typedef int (*person_cb)(const struct person *p, void *ctx);
/* Sorted by surname, then given names.  SEARCH: substring of either name
 * part, the whole name either way round, organisation or e-mail,
 * case-insensitive. */
int person_list(struct lape_db *db, const char *search, size_t offset,
                size_t limit, person_cb cb, void *ctx);
int person_count(struct lape_db *db, const char *search, size_t *count);
/* person_count(), stopping at MAX: where more than MAX match, *COUNT is
 * MAX and *MORE true.  A search that finds many people is counted in the
 * time it takes to find MAX of them (the people screen counts as the
 * search is typed, at every key). */
int person_count_upto(struct lape_db *db, const char *search, size_t max,
                      size_t *count, bool *more);
/* How far the people screen counts a search at each key. */
#define PERSON_COUNT_TYPED 1000
/* How far the groups screen counts a search or a filter at each key. */
#define GROUP_COUNT_TYPED 1000

/* ---- keyset paging (store-page.c) -------------------------------------- */

/* The lists of people and groups are read a page at a time from the edge
 * of the last page read, by each row's sort key and folded search text,
 * kept in side tables (person_key, group_key) indexed with BINARY.
 * person_list(), person_count(), group_list() and group_count() use them;
 * these return PAGE_UNAVAILABLE when the keys cannot be used (a read-only
 * file with rows changed by another program, or a needle holding U+0001),
 * and the callers then read the old way. */
#define PAGE_UNAVAILABLE 1

/* The ids of rows OFFSET .. OFFSET + LIMIT - 1 of the list (fewer at its
 * end) in *IDS (the caller frees), their number in *N. */
int page_person_ids(struct lape_db *db, const char *search, size_t offset,
                    size_t limit, int64_t **ids, size_t *n);
/* The number of rows; with MAX (not 0) as person_count_upto(). */
int page_person_count(struct lape_db *db, const char *search, size_t max,
                      size_t *count, bool *more);
int page_group_ids(struct lape_db *db, const struct group_filter *f,
                   size_t offset, size_t limit, int64_t **ids, size_t *n);
int page_group_count(struct lape_db *db, const struct group_filter *f,
                     size_t max, size_t *count, bool *more);
/* Make the keys of the rows written since they were last made (the
 * triggers of migration 8 mark them); a list makes them before it is
 * read.  LAPE_OK, PAGE_UNAVAILABLE (read-only) or an error. */
int page_keys_refresh(struct lape_db *db);
/* The same as the last step of a write transaction (db_commit() calls it,
 * so the keys are made once per transaction, however many rows it wrote):
 * LAPE_OK, also for a file older than migration 8, or an error. */
int page_keys_write(struct lape_db *db);
/* Make the keys of the rows written (page_keys_refresh()) and merge the
 * search index, so that no entry removed from it is left in the file
 * (privacy_erase(), before its transaction ends). */
int page_search_scrub(struct lape_db *db);
/* Every person's rank and search index entry made again from their keys
 * in person_key, for a program that wrote the keys itself (benchgen, in
 * bulk).  Part of the caller's write transaction. */
int page_person_index_all(struct lape_db *db);
/* lape_sort_key() for the SQL of the keys. */
int page_register_functions(sqlite3 *sql);

/* The keys as SQL on a person P or a group G: the sort key orders as
 * PERSON_ORDER_SQL() and "name COLLATE FI"; the search text holds, folded
 * (lape_key()) and apart by U+0001, the texts the searches matched: a
 * group's name and, from format 10, its municipalities' names. */
#define PAGE_PERSON_SORT_SQL(p)                                                \
	"lape_sort_key(" p ".surname, " p ".given_names)"
#define PAGE_PERSON_SEARCH_SQL(p)                                              \
	"lape_key(" p ".surname) || char(1) || lape_key(" p                    \
	".given_names) || char(1) || lape_key(" p ".given_names || ' ' || " p  \
	".surname) || char(1) || lape_key(" p ".surname || ' ' || " p          \
	".given_names) || char(1) || coalesce(lape_key(" p                     \
	".organisation), '') || char(1) || coalesce(lape_key(" p               \
	".email), '')"
#define PAGE_GROUP_SORT_SQL(g) "lape_sort_key(" g ".name)"

/* The people's search index (migration 10, store-page.c): each person's
 * rank, a number that orders as the list, in person_rank, and the search
 * text (lape_search_tail()) in person_search, an FTS5 trigram index whose
 * rowid is the rank.
 * Ranks are PAGE_RANK_GAP apart when made from the start; these make them
 * so for everyone (person_rank and person_search empty). */
#define PAGE_RANK_GAP 1048576
#define PAGE_RANK_GAP_SQL "1048576"
#define PAGE_RANKS_ALL_SQL                                                     \
	"INSERT INTO person_rank(rank, person_id) SELECT row_number() "        \
	"OVER (ORDER BY sort, person_id) * " PAGE_RANK_GAP_SQL ", person_id "  \
	"FROM person_key"
#define PAGE_RANK_INDEX_SQL                                                    \
	"CREATE UNIQUE INDEX person_rank_id ON person_rank(person_id)"
#define PAGE_SEARCH_ALL_SQL                                                    \
	"INSERT INTO person_search(rowid, search) SELECT row_number() "        \
	"OVER (ORDER BY sort, person_id) * " PAGE_RANK_GAP_SQL ", "            \
	"lape_search_tail(search) FROM person_key"
/* The groups' search index (migration 11): the search texts of
 * group_key in an FTS5 trigram index whose rowid is the group's id, read
 * for a search whose matches are few (store-page.c); this fills it
 * (group_search empty). */
#define PAGE_GROUP_INDEX_ALL_SQL                                               \
	"INSERT INTO group_search(rowid, search) SELECT group_id, "            \
	"lape_search_tail(search, 0) FROM group_key ORDER BY group_id"
#define PAGE_GROUP_SEARCH_SQL(g)                                               \
	"lape_key(" g ".name) || coalesce((SELECT group_concat(char(1) || "    \
	"lape_key(mu.name_fi) || char(1) || lape_key(mu.name_sv), '') FROM "   \
	"group_municipality gm JOIN municipality mu ON mu.code = "             \
	"gm.municipality_code WHERE gm.group_id = " g ".id), '')"

/* What every read of a group shows of other rows, kept by triggers from
 * format 11 on (schema.c) rather than looked up again for each group read
 * (two correlated subqueries were two thirds of reading a group):
 * - region_link: each region's lowest-numbered active regional group, the
 *   one a municipal group of the region is linked to when none is set;
 * - group_codes: a group's municipality codes in their order, joined by
 *   spaces (none: no row).
 * GROUP_LINKS_SQL(WHERE) makes region_link's rows of the regions WHERE
 * (" AND ..." on lape_group) picks; GROUP_CODES_OF(ID) is the codes of the
 * group ID, NULL when it has none, and GROUP_CODES_SQL(ID, FROM) makes
 * group_codes' rows of the groups ID, FROM (a FROM clause) has. */
#define GROUP_LINKS_SQL(where)                                                 \
	"INSERT INTO region_link(region_code, group_id) SELECT region_code, "  \
	"min(id) FROM lape_group WHERE level = 'regional' AND status = "       \
	"'active' AND region_code IS NOT NULL" where " GROUP BY region_code"
#define GROUP_CODES_OF(id)                                                     \
	"(SELECT group_concat(municipality_code, ' ') FROM (SELECT "           \
	"municipality_code FROM group_municipality WHERE group_id = " id       \
	" ORDER BY pos, municipality_code))"
#define GROUP_CODES_SQL(id, from)                                              \
	"INSERT INTO group_codes(group_id, codes) SELECT * FROM (SELECT " id   \
	" AS group_id, " GROUP_CODES_OF(id) " AS codes" from ") WHERE codes "  \
	                                    "IS NOT NULL"

/* ---- memberships ------------------------------------------------------- */

enum member_role {
	ROLE_MEMBER = 0,
	ROLE_CHAIR = 1,
	ROLE_VICE_CHAIR = 2,
	ROLE_SECRETARY = 3
};

/* Maximum sectors one membership may cover. */
#define MEMBERSHIP_MAX_SECTORS 8

struct membership {
	int64_t id;
	char uuid[UUID_LEN + 1];
	int64_t version;
	int64_t group_id;
	int64_t person_id; /* 0 = a vacant seat, held by nobody yet */
	char *person_name; /* read-only, from the person: "Given Surname" */
	char *person_sort; /* read-only: "Surname\tGiven", for sorting with
	                      person_sort_cmp() */
	enum person_gender person_gender; /* read-only, from the person */
	/* Sector keys from the rules ("education", "youth"): one person may
	 * sit for two sectors of a combined department.  At least one. */
	char *sectors[MEMBERSHIP_MAX_SECTORS];
	size_t n_sectors;
	enum member_role role;
	int64_t deputy_of;  /* membership id of the member deputised, or 0 */
	char *organisation; /* the organisation represented */
	char *start_date;   /* ISO or NULL */
	char *end_date;     /* ISO or NULL: the end of the term */
	/* The person's name is not shown outside the member's own screen
	 * (an experience expert, a minor as youth representative). */
	bool name_withheld;
	char *group_name; /* read-only, from the group (membership lists of a
	                     person) */
};

void membership_clear(struct membership *m);
int membership_copy(struct membership *dst, const struct membership *src);
int membership_add_sector(struct membership *m, const char *key);
int membership_validate(const struct membership *m, const char **field,
                        const char **msg);
int membership_get(struct lape_db *db, int64_t id, struct membership *out);
int membership_save(struct lape_db *db, struct membership *m);
int membership_delete(struct lape_db *db, int64_t id);
/* A seat by its id or uuid (a prefix of at least 8 digits). */
int membership_find(struct lape_db *db, const char *ref, int64_t *id);
/* The seat PERSON_ID holds in GROUP_ID: the current one (its term not
 * ended on TODAY, an ISO date), or the only one; LAPE_NOTFOUND, or
 * LAPE_AMBIGUOUS when several are current. */
int membership_find_seat(struct lape_db *db, int64_t group_id,
                         int64_t person_id, const char *today, int64_t *id);

/* All memberships of a group, chair first, then by role and name; the
 * caller frees with membership_free_array(). */
int membership_list_group(struct lape_db *db, int64_t group_id,
                          struct membership **out, size_t *n);
/* All memberships of a person (with group_name filled). */
int membership_list_person(struct lape_db *db, int64_t person_id,
                           struct membership **out, size_t *n);
void membership_free_array(struct membership *a, size_t n);

const char *role_key(enum member_role r);               /* "chair", ... */
const char *role_label(enum member_role r);             /* translated */
int role_parse(const char *key, enum member_role *out); /* key or label */

/* Every group matching F with its memberships, in one pass over the file
 * (two queries, not one per group): for checking many groups fast.  The
 * group and the array are only valid during the callback. */
typedef int (*group_members_cb)(const struct group *g,
                                const struct membership *m, size_t n,
                                void *ctx);
int group_walk(struct lape_db *db, const struct group_filter *f,
               group_members_cb cb, void *ctx);
/* The same for a page: OFFSET of them skipped, at most LIMIT (0: all).
 * A page (LIMIT > 0) is found by the rows' keys from the edge of the last
 * page read (store-page.c): its cost grows with the page, not the file. */
int group_walk_page(struct lape_db *db, const struct group_filter *f,
                    size_t offset, size_t limit, group_members_cb cb,
                    void *ctx);

/* Internal to the store modules: the order of a group's memberships
 * (FROM membership m LEFT JOIN person p ON p.id = m.person_id): vacant
 * seats last, then chair, vice-chair, secretary, members, each by name. */
#define MEMBERSHIP_ORDER                                                       \
	"m.person_id IS NULL, CASE m.role WHEN 'chair' THEN 0 "                \
	"WHEN 'vice_chair' THEN 1 WHEN 'secretary' THEN 2 ELSE 3 "             \
	"END, " PERSON_ORDER_SQL("p") ", m.id"
/* The role stored in the file ("vice_chair") as an enum; unknown: member. */
enum member_role role_from_key(const char *key);

/* ---- change agents ----------------------------------------------------- */

enum agent_status { AGENT_PLANNED = 0, AGENT_ACTIVE = 1, AGENT_ENDED = 2 };

struct agent {
	int64_t id;
	char uuid[UUID_LEN + 1];
	int64_t version;
	int64_t person_id; /* required */
	char *person_name; /* read-only */
	char region_code[3];
	char *employer;   /* the municipality or joint authority employing */
	char *start_date; /* ISO or NULL */
	char *end_date;
	int funding_share; /* percent paid by the ministry, 0..100 */
	enum agent_status status;
};

void agent_clear(struct agent *a);
int agent_validate(const struct agent *a, const char **field, const char **msg);
int agent_get(struct lape_db *db, int64_t id, struct agent *out);
/* The region's current agent (planned or active), LAPE_NOTFOUND if none. */
int agent_get_region(struct lape_db *db, const char *region, struct agent *out);
/* A region has at most one planned or active agent: saving a second gives
 * LAPE_INVALID with field "region". */
int agent_save(struct lape_db *db, struct agent *a);
int agent_delete(struct lape_db *db, int64_t id);
/* An agent by its id or uuid (a prefix of at least 8 digits). */
int agent_find(struct lape_db *db, const char *ref, int64_t *id);
/* The agent PERSON_ID is: the current one, else the latest. */
int agent_find_person(struct lape_db *db, int64_t person_id, int64_t *id);
typedef int (*agent_cb)(const struct agent *a, void *ctx);
int agent_list(struct lape_db *db, agent_cb cb, void *ctx);

const char *agent_status_key(enum agent_status s);
const char *agent_status_label(enum agent_status s);
int agent_status_parse(const char *key, enum agent_status *out);

/* ---- reference data loading ------------------------------------------- */

/* The classification years shipped in SHARE_DIR/refdata (newest first),
 * as found on disk.  Returns how many were stored in YEARS (at most MAX). */
int refdata_years(const char *share_dir, int *years, int max);

/* Load regions and the municipalities of YEAR from SHARE_DIR/refdata into
 * an empty file, in one transaction, and record the year.  A file that
 * already holds reference data of another year: LAPE_INVALID. */
int refdata_load(struct lape_db *db, const char *share_dir, int year);

/* The year loaded, or 0 if none. */
int refdata_year(struct lape_db *db);

#endif
