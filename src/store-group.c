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

#include <config.h>
/* store-group.c -- LAPE groups (municipal and regional) with the
 * municipalities they cover and their link to the region's group; lists,
 * search, and a fast walk over many groups with their memberships. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/collate.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "store-priv.h"

#define AT(member) offsetof(struct group, member)

/* Read with the row: the regional group this one is linked to (the one
 * set by hand, else the lowest-numbered active regional group of its
 * region), the timestamps and the municipality codes (split by hand).
 * The linked group and the codes are kept in region_link and group_codes
 * from format 11 on (store.h): looked up here, not made again for each
 * group read. */
static const struct record_field group_extra[] = {
    {.name = "linked_group",
     .column = "CASE WHEN g.level = 'municipal' THEN "
               " coalesce(g.regional_group_id, (SELECT l.group_id "
               " FROM region_link l WHERE l.region_code = g.region_code)) "
               "END",
     .type = FIELD_REF,
     .offset = RECORD_NO_OFFSET,
     .slot = SLOT_REF,
     .at = AT(linked_group_id)},
    {.name = "created",
     .column = "g.created",
     .type = FIELD_TEXT,
     .offset = AT(created)},
    {.name = "updated",
     .column = "g.updated",
     .type = FIELD_TEXT,
     .offset = AT(updated)},
    {.name = "municipality_codes",
     .column = "(SELECT c.codes FROM group_codes c WHERE c.group_id = g.id)",
     .type = FIELD_LIST,
     .offset = RECORD_NO_OFFSET},
};

static struct store_table group_table = {.kind = "group",
                                         .table = "lape_group",
                                         .alias = "g",
                                         .from = "lape_group g",
                                         .size = sizeof(struct group),
                                         .extra = group_extra,
                                         .n_extra = sizeof group_extra /
                                                    sizeof group_extra[0]};

/* ?1 region, ?2 level, ?3 status, ?4 search. */
#define GROUP_WHERE                                                            \
	" WHERE (?1 IS NULL OR g.region_code = ?1) "                           \
	"AND (?2 < 0 OR g.level = CASE ?2 WHEN 1 THEN 'regional' "             \
	" ELSE 'municipal' END) "                                              \
	"AND (?3 < 0 OR g.status = CASE ?3 WHEN 1 THEN 'dissolved' "           \
	" ELSE 'active' END) "                                                 \
	"AND (?4 IS NULL OR instr(lape_key(g.name), lape_key(?4)) > 0 "        \
	" OR EXISTS (SELECT 1 FROM group_municipality gm JOIN "                \
	"  municipality mu ON mu.code = gm.municipality_code "                 \
	"  WHERE gm.group_id = g.id "                                          \
	"  AND (instr(lape_key(mu.name_fi), lape_key(?4)) > 0 "                \
	"   OR instr(lape_key(mu.name_sv), lape_key(?4)) > 0)))"
#define GROUP_FILTER " FROM lape_group g" GROUP_WHERE
#define GROUP_ORDER " ORDER BY g.name COLLATE FI, g.id"
/* The same in the lists' key order (store-page.c): read in the order of
 * an index, where sorting 300,000 groups by name spills to a temporary
 * file the size of the table. */
#define GROUP_KEYED                                                            \
	" FROM group_key k CROSS JOIN lape_group g ON g.id = "                 \
	"k.group_id" GROUP_WHERE " ORDER BY k.sort, k.group_id"

/* ---- the record ------------------------------------------------------ */

static void free_municipalities(struct group *g)
{
	for (size_t i = 0; i < g->n_municipalities; i++)
		free(g->municipalities[i]);
	free(g->municipalities);
	g->municipalities = NULL;
	g->n_municipalities = 0;
}

void group_clear(struct group *g)
{
	if (!g)
		return;
	free_municipalities(g);
	store_free_texts(&group_table, g);
	memset(g, 0, sizeof *g);
}

int group_copy(struct group *dst, const struct group *src)
{
	int bad = store_copy_texts(&group_table, dst, src);

	dst->municipalities = NULL;
	dst->n_municipalities = 0;
	for (size_t i = 0; !bad && i < src->n_municipalities; i++)
		bad |= group_add_municipality(dst, src->municipalities[i]) !=
		       LAPE_OK;
	if (bad) {
		group_clear(dst);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

int group_add_municipality(struct group *g, const char *code)
{
	char **a =
	    realloc(g->municipalities, (g->n_municipalities + 1) * sizeof *a);
	char *c;

	if (!a)
		return LAPE_ERROR;
	g->municipalities = a;
	c = strdup(code ? code : "");
	if (!c)
		return LAPE_ERROR;
	a[g->n_municipalities++] = c;
	return LAPE_OK;
}

/* ---- validation -------------------------------------------------------- */

static bool is_digits(const char *s, size_t n)
{
	return s && strlen(s) == n && strspn(s, "0123456789") == n;
}

static const char *check_municipalities(const struct group *g)
{
	if (g->level == LEVEL_MUNICIPAL && g->n_municipalities == 0)
		return _("a municipal group needs at least one municipality");
	for (size_t i = 0; i < g->n_municipalities; i++) {
		if (!is_digits(g->municipalities[i], 3))
			return _("a municipality code has three digits");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(g->municipalities[i], g->municipalities[j]))
				return _("a municipality is listed twice");
	}
	return NULL;
}

/* What the descriptors cannot say: a regional group's region, the
 * municipalities, the link to a regional group. */
static const char *group_check(const struct record_field *f, const void *rec)
{
	const struct group *g = rec;

	if (strcmp(f->name, "region") == 0 && g->level == LEVEL_REGIONAL &&
	    !is_digits(g->region_code, 2))
		return _("a regional group needs its region");
	if (strcmp(f->name, "municipalities") == 0)
		return check_municipalities(g);
	if (strcmp(f->name, "regional_group") != 0)
		return NULL;
	if (g->regional_group_id && g->level != LEVEL_MUNICIPAL)
		return _("only a municipal group is linked to a regional "
		         "group");
	return g->regional_group_id < 0 ? _("no such group") : NULL;
}

int group_validate(const struct group *g, const char **field, const char **msg)
{
	*msg = record_check(record_kind("group"), g, group_check, field);
	if (!*msg)
		*field = "";
	return *msg ? LAPE_INVALID : LAPE_OK;
}

/* ---- reading ----------------------------------------------------------- */

/* Reusable storage for the municipalities of borrowed rows. */
struct group_reader {
	char *buf;
	size_t bufcap;
	char **ptrs;
	size_t ptrcap;
};

static void reader_free(struct group_reader *r)
{
	free(r->buf);
	free(r->ptrs);
}

static int split_codes(struct group_reader *r, const char *codes,
                       struct group *g);

/* A row borrowed from ST; municipalities split into R's storage. */
static int group_row_borrow(sqlite3_stmt *st, struct group *g,
                            struct group_reader *r)
{
	static int col = -1;

	if (col < 0)
		col = store_col(&group_table, "municipality_codes");
	store_read(&group_table, st, g, false);
	return split_codes(r, (const char *)sqlite3_column_text(st, col), g);
}

/* CODES ("091 049", or NULL) split into R's storage as G's
 * municipalities. */
static int split_codes(struct group_reader *r, const char *codes,
                       struct group *g)
{
	size_t len = codes ? strlen(codes) : 0, n = 0;

	if (len + 1 > r->bufcap) {
		char *b = realloc(r->buf, len + 1);

		if (!b)
			return LAPE_ERROR;
		r->buf = b;
		r->bufcap = len + 1;
	}
	if (len / 2 + 2 > r->ptrcap) {
		char **p = realloc(r->ptrs, (len / 2 + 2) * sizeof *p);

		if (!p)
			return LAPE_ERROR;
		r->ptrs = p;
		r->ptrcap = len / 2 + 2;
	}
	if (codes)
		memcpy(r->buf, codes, len + 1);
	for (char *tok = codes ? strtok(r->buf, " ") : NULL; tok;
	     tok = strtok(NULL, " "))
		r->ptrs[n++] = tok;
	g->municipalities = r->ptrs;
	g->n_municipalities = n;
	return LAPE_OK;
}

/* A row copied into G, which then owns its strings. */
static int group_row_copy(sqlite3_stmt *st, struct group *g)
{
	struct group_reader r = {0};
	struct group tmp;
	int rc = group_row_borrow(st, &tmp, &r);

	if (rc == LAPE_OK)
		rc = group_copy(g, &tmp);
	else
		memset(g, 0, sizeof *g);
	reader_free(&r);
	return rc;
}

static int group_row(sqlite3_stmt *st, void *g)
{
	return group_row_copy(st, g);
}

int group_get(struct lape_db *db, int64_t id, struct group *out)
{
	return store_get_id(db, &group_table, id, group_row, out, "group",
	                    _("no such group"));
}

/* ---- writing ----------------------------------------------------------- */

/* A regional group's region exists. */
static int check_region(struct lape_db *db, const struct group *g)
{
	sqlite3_stmt *st;
	int rc;

	if (g->level != LEVEL_REGIONAL)
		return LAPE_OK;
	st = db_prepare_cached(db, "SELECT 1 FROM region WHERE code = ?", "t",
	                       g->region_code);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	db_release(db, st);
	if (rc == SQLITE_DONE)
		return db_fail(db, LAPE_INVALID, "region",
		               _("no such region: %s"), g->region_code);
	return rc == SQLITE_ROW ? LAPE_OK : rc;
}

/* The municipalities exist; a municipal group takes the region of its
 * first one; those a regional group lists (if any) lie in its region. */
static int resolve_region(struct lape_db *db, struct group *g)
{
	int rc = check_region(db, g);

	for (size_t i = 0; rc == LAPE_OK && i < g->n_municipalities; i++) {
		sqlite3_stmt *st = db_prepare_cached(
		    db, "SELECT region_code FROM municipality WHERE code = ?",
		    "t", g->municipalities[i]);
		const char *region;

		if (!st)
			return LAPE_ERROR;
		rc = db_step(db, st);
		region = rc == SQLITE_ROW
		             ? (const char *)sqlite3_column_text(st, 0)
		             : NULL;
		if (rc == SQLITE_DONE)
			rc = db_fail(db, LAPE_INVALID, "municipalities",
			             _("no such municipality: %s"),
			             g->municipalities[i]);
		else if (region && g->level == LEVEL_MUNICIPAL && i == 0)
			store_copy_code(g->region_code, sizeof g->region_code,
			                st, 0);
		else if (region && g->level == LEVEL_REGIONAL &&
		         strcmp(region, g->region_code) != 0)
			rc = db_fail(db, LAPE_INVALID, "municipalities",
			             _("municipality %s is not in the group's "
			               "region"),
			             g->municipalities[i]);
		if (rc == SQLITE_ROW)
			rc = LAPE_OK;
		db_release(db, st);
	}
	return rc;
}

/* An explicit link must point at a regional group. */
static int check_link(struct lape_db *db, const struct group *g)
{
	sqlite3_stmt *st;
	int rc;

	if (!g->regional_group_id)
		return LAPE_OK;
	st = db_prepare_cached(db,
	                       "SELECT level = 'regional' FROM lape_group "
	                       "WHERE id = ?",
	                       "i", g->regional_group_id);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0)
		         ? LAPE_OK
		         : db_fail(db, LAPE_INVALID, "regional_group", "%s",
		                   _("the linked group "
		                     "is not a regional "
		                     "group"));
	else if (rc == SQLITE_DONE)
		rc = db_fail(db, LAPE_INVALID, "regional_group", "%s",
		             _("the linked group does not exist"));
	db_release(db, st);
	return rc;
}

static bool has_code(const struct group *g, const char *code)
{
	for (size_t i = 0; i < g->n_municipalities; i++)
		if (!strcmp(g->municipalities[i], code))
			return true;
	return false;
}

/* Bring group_municipality in line with G, touching only what changed
 * (rows keep their uuids). */
static int sync_municipalities(struct lape_db *db, const struct group *g)
{
	sqlite3_stmt *st;
	int rc = LAPE_OK;

	st = db_prepare_cached(
	    db,
	    "SELECT municipality_code FROM group_municipality "
	    "WHERE group_id = ?",
	    "i", g->id);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);

		if (c && !has_code(g, c)) {
			rc = db_exec(
			    db,
			    "DELETE FROM group_municipality "
			    "WHERE group_id = ? AND municipality_code = ?",
			    "it", g->id, c);
			if (rc != LAPE_OK)
				break;
		}
	}
	db_release(db, st);
	if (rc != SQLITE_DONE && rc != LAPE_OK)
		return rc;
	for (size_t i = 0; i < g->n_municipalities; i++) {
		rc = db_exec(
		    db,
		    "INSERT INTO group_municipality(group_id, "
		    "municipality_code, pos) VALUES (?1, ?2, ?3) "
		    "ON CONFLICT(group_id, municipality_code) DO UPDATE "
		    "SET pos = excluded.pos, "
		    "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
		    "WHERE pos <> excluded.pos",
		    "iti", g->id, g->municipalities[i], (int64_t)i);
		if (rc != LAPE_OK)
			return rc;
	}
	return LAPE_OK;
}

const char *group_level_key(enum group_level level)
{
	return level == LEVEL_REGIONAL ? "regional" : "municipal";
}

const char *group_status_key(enum group_status status)
{
	return status == STATUS_DISSOLVED ? "dissolved" : "active";
}

const char *group_level_label(enum group_level level)
{
	return level == LEVEL_REGIONAL ? _("regional") : _("municipal");
}

const char *group_status_label(enum group_status status)
{
	return status == STATUS_DISSOLVED ? _("dissolved") : _("active");
}

static int group_write(struct lape_db *db, void *rec)
{
	struct group *g = rec;
	int rc = resolve_region(db, g);

	if (rc == LAPE_OK)
		rc = check_link(db, g);
	if (rc == LAPE_OK)
		rc = store_write(db, &group_table, g);
	if (rc == LAPE_OK)
		rc = sync_municipalities(db, g);
	return rc;
}

static int save_check(const void *g, const char **field, const char **msg)
{
	return group_validate(g, field, msg);
}

int group_save(struct lape_db *db, struct group *g)
{
	char region[sizeof g->region_code];
	int rc;

	/* a municipal group's region is derived on the way */
	memcpy(region, g->region_code, sizeof region);
	rc = store_save(db, &group_table, g, false, save_check, group_write);
	if (rc != LAPE_OK)
		memcpy(g->region_code, region, sizeof region);
	return rc;
}

int group_delete(struct lape_db *db, int64_t id)
{
	bool own;
	int rc = db_txn_start(db, &own);

	if (rc != LAPE_OK)
		return rc;
	rc = store_delete(db, &group_table, id, "group", _("no such group"));
	return db_txn_end(db, own, rc);
}

int group_lookup(struct lape_db *db, const char *ref, int64_t *id,
                 struct lookup_matches *lm)
{
	return db_lookup(db,
	                 "SELECT id, name FROM lape_group WHERE id = ?1 "
	                 "OR substr(uuid, 1, length(?2)) = ?2 "
	                 "OR lape_key(name) = lape_key(?3) "
	                 "OR instr(lape_key(name), lape_key(?4)) > 0 "
	                 "ORDER BY name COLLATE FI, id",
	                 ref, NULL, "group", id, NULL, 0, lm);
}

int group_find(struct lape_db *db, const char *ref, int64_t *id)
{
	return group_lookup(db, ref, id, NULL);
}

/* ---- lists ------------------------------------------------------------- */

static const struct group_filter all_groups = GROUP_FILTER_ALL;

static const char *filter_search(const struct group_filter *f)
{
	return db_blank(f->search) ? NULL : f->search;
}

struct group_page {
	struct lape_db *db;
	struct group_reader r;
	group_cb cb;
	void *ctx;
};

static int group_each(sqlite3_stmt *st, void *ctx)
{
	struct group_page *p = ctx;
	struct group g;

	if (group_row_borrow(st, &g, &p->r) != LAPE_OK)
		return db_fail(p->db, LAPE_ERROR, NULL, "%s",
		               _("out of memory"));
	return p->cb(&g, p->ctx);
}

/* A page read by its rows' keys (store-page.c): false when it cannot be,
 * else true with the result in *RC. */
static bool group_list_page(struct lape_db *db, const struct group_filter *f,
                            size_t offset, size_t limit, struct group_page *p,
                            int *rc)
{
	char sql[4096];
	int64_t *ids;
	size_t n;
	int stop = 0;

	*rc = page_group_ids(db, f, offset, limit, &ids, &n);
	if (*rc == PAGE_UNAVAILABLE)
		return false;
	snprintf(sql, sizeof sql, "SELECT %s FROM lape_group g WHERE g.id = ?",
	         store_columns(&group_table));
	for (size_t i = 0; *rc == LAPE_OK && !stop && i < n; i++) {
		sqlite3_stmt *st = db_prepare_cached(db, sql, "i", ids[i]);

		if (!st) {
			*rc = LAPE_ERROR;
			break;
		}
		*rc = db_step(db, st);
		if (*rc == SQLITE_ROW)
			stop = group_each(st, p);
		db_release(db, st);
		if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
			*rc = LAPE_OK;
	}
	free(ids);
	if (stop)
		*rc = stop;
	return true;
}

int group_list(struct lape_db *db, const struct group_filter *f, size_t offset,
               size_t limit, group_cb cb, void *ctx)
{
	struct group_page p = {db, {0}, cb, ctx};
	char sql[4096];
	int rc;

	if (!f)
		f = &all_groups;
	if (limit && group_list_page(db, f, offset, limit, &p, &rc)) {
		reader_free(&p.r);
		return rc;
	}
	/* where the keys cannot be made (a read-only file): sorted here */
	snprintf(sql, sizeof sql, "SELECT %s%s LIMIT ?5 OFFSET ?6",
	         store_columns(&group_table),
	         page_keys_refresh(db) == LAPE_OK ? GROUP_KEYED
	                                          : GROUP_FILTER GROUP_ORDER);
	rc = store_each(db,
	                db_prepare(db, sql, "tddtii", f->region, f->level,
	                           f->status, filter_search(f),
	                           limit ? (int64_t)limit : (int64_t)-1,
	                           (int64_t)offset),
	                group_each, &p);
	reader_free(&p.r);
	return rc;
}

/* What group_brief_list() reads of a group, as columns 0-9, and from
 * where: its linked regional group and its municipalities' codes by a
 * join each (as subqueries, 1,700 instructions a group more).  Without
 * the codes, no lookup of them either. */
#define GROUP_BRIEF(codes)                                                     \
	"SELECT g.id, g.uuid, g.name, g.level, g.region_code, g.status, "      \
	"g.regional_group_id, CASE WHEN g.level = 'municipal' THEN "           \
	"coalesce(g.regional_group_id, l.group_id) END, g.version, " codes
#define GROUP_BRIEF_LINK                                                       \
	" LEFT JOIN region_link l ON l.region_code = g.region_code"
#define GROUP_BRIEF_CODES_JOIN " LEFT JOIN group_codes c ON c.group_id = g.id"
#define GROUP_BRIEF_KEYED(codes, join)                                         \
	GROUP_BRIEF(codes)                                                     \
	" FROM group_key k CROSS JOIN lape_group g ON g.id = "                 \
	"k.group_id" GROUP_BRIEF_LINK join GROUP_WHERE                         \
	" ORDER BY k.sort, k.group_id"
#define GROUP_BRIEF_SORTED(codes, join)                                        \
	GROUP_BRIEF(codes)                                                     \
	" FROM lape_group g" GROUP_BRIEF_LINK join GROUP_WHERE GROUP_ORDER
#define GROUP_BRIEF_ID_ORDER(codes, join)                                      \
	GROUP_BRIEF(codes)                                                     \
	" FROM lape_group g" GROUP_BRIEF_LINK join GROUP_WHERE " ORDER BY "    \
	"g.id"

static int group_brief_each(sqlite3_stmt *st, void *ctx)
{
	struct group_page *p = ctx;
	struct group g;
	const char *s;

	memset(&g, 0, sizeof g);
	g.id = sqlite3_column_int64(st, 0);
	store_copy_code(g.uuid, sizeof g.uuid, st, 1);
	g.name = (char *)sqlite3_column_text(st, 2);
	s = (const char *)sqlite3_column_text(st, 3);
	g.level =
	    s && strcmp(s, "regional") == 0 ? LEVEL_REGIONAL : LEVEL_MUNICIPAL;
	store_copy_code(g.region_code, sizeof g.region_code, st, 4);
	s = (const char *)sqlite3_column_text(st, 5);
	g.status =
	    s && strcmp(s, "dissolved") == 0 ? STATUS_DISSOLVED : STATUS_ACTIVE;
	g.regional_group_id = sqlite3_column_int64(st, 6);
	g.linked_group_id = sqlite3_column_int64(st, 7);
	g.version = sqlite3_column_int64(st, 8);
	if (split_codes(&p->r, (const char *)sqlite3_column_text(st, 9), &g) !=
	    LAPE_OK)
		return db_fail(p->db, LAPE_ERROR, NULL, "%s",
		               _("out of memory"));
	return p->cb(&g, p->ctx);
}

int group_brief_list(struct lape_db *db, const struct group_filter *f,
                     unsigned flags, group_cb cb, void *ctx)
{
	/* sorted in SQL, by the keys, by id; without and with the codes */
	static const char *const sql[3][2] = {
	    {GROUP_BRIEF_SORTED("NULL", ""),
	     GROUP_BRIEF_SORTED("c.codes", GROUP_BRIEF_CODES_JOIN)},
	    {GROUP_BRIEF_KEYED("NULL", ""),
	     GROUP_BRIEF_KEYED("c.codes", GROUP_BRIEF_CODES_JOIN)},
	    {GROUP_BRIEF_ID_ORDER("NULL", ""),
	     GROUP_BRIEF_ID_ORDER("c.codes", GROUP_BRIEF_CODES_JOIN)}};
	struct group_page p = {db, {0}, cb, ctx};
	int order = (flags & GROUP_BRIEF_BY_ID)        ? 2
	            : page_keys_refresh(db) == LAPE_OK ? 1
	                                               : 0;
	int rc;

	if (!f)
		f = &all_groups;
	rc = store_each(
	    db,
	    db_prepare(db, sql[order][(flags & GROUP_BRIEF_CODES) != 0], "tddt",
	               f->region, f->level, f->status, filter_search(f)),
	    group_brief_each, &p);
	reader_free(&p.r);
	return rc;
}

int group_key_order(struct lape_db *db, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = page_keys_refresh(db);

	*ids = NULL;
	*n = 0;
	if (rc != LAPE_OK)
		return rc;
	st = db_prepare(
	    db, "SELECT group_id FROM group_key ORDER BY sort, group_id", NULL);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *a =
			    realloc(*ids, (cap ? cap * 2 : 1024) * sizeof *a);

			if (!a) {
				rc = db_fail(db, LAPE_ERROR, NULL, "%s",
				             _("out of memory"));
				break;
			}
			*ids = a;
			cap = cap ? cap * 2 : 1024;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return LAPE_OK;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return rc;
}

int group_count(struct lape_db *db, const struct group_filter *f, size_t *count)
{
	bool more;

	return group_count_upto(db, f, 0, count, &more);
}

int group_count_upto(struct lape_db *db, const struct group_filter *f,
                     size_t max, size_t *count, bool *more)
{
	size_t n;
	int rc;

	if (!f)
		f = &all_groups;
	rc = page_group_count(db, f, max, &n, more);
	if (rc != PAGE_UNAVAILABLE) {
		*count = rc == LAPE_OK ? n : 0;
		return rc;
	}
	*more = false;
	/* All groups: SQLite counts a btree's cells without reading rows. */
	if (!f->region && f->level < 0 && f->status < 0 && !filter_search(f))
		return store_count(
		    db, db_prepare(db, "SELECT count(*) FROM lape_group", NULL),
		    count);
	return store_count(db,
	                   db_prepare(db, "SELECT count(*)" GROUP_FILTER,
	                              "tddt", f->region, f->level, f->status,
	                              filter_search(f)),
	                   count);
}

/* ---- the walk ---------------------------------------------------------- */

/* One group's memberships, their strings in one growing arena; pointers
 * are set once the group is complete, since the arena may move. */
struct walk {
	struct membership *m;
	size_t n, cap;
	size_t (*off)[5 + MEMBERSHIP_MAX_SECTORS]; /* per row: strings */
	char *arena;
	size_t used, size;
};

#define NO_TEXT SIZE_MAX

static size_t arena_put(struct walk *w, const char *s, size_t len)
{
	size_t at;

	if (!s)
		return NO_TEXT;
	if (w->used + len + 1 > w->size) {
		size_t size = w->size ? w->size : 4096;
		char *a;

		while (w->used + len + 1 > size)
			size *= 2;
		a = realloc(w->arena, size);
		if (!a)
			return NO_TEXT - 1;
		w->arena = a;
		w->size = size;
	}
	at = w->used;
	memcpy(w->arena + at, s, len);
	w->arena[at + len] = '\0';
	w->used += len + 1;
	return at;
}

static const char *col_text(sqlite3_stmt *st, int col, size_t *len)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	*len = t ? (size_t)sqlite3_column_bytes(st, col) : 0;
	return t;
}

/* The columns of a walk's membership rows: only what a check and its
 * output read (no uuid, version, deputy, organisation or start), so a
 * row costs few column reads.  Column 0 is the group's id. */
#define WALK_MEMBER_COLUMNS                                                    \
	"m.group_id, m.id, m.person_id, "                                      \
	"ltrim(p.given_names || ' ' || p.surname), m.sectors, m.role, "        \
	"m.end_date, " PERSON_SORT_SQL("p") ", p.gender, "                     \
	                                    "m.name_withheld"

/* Append the membership row of ST (WALK_MEMBER_COLUMNS). */
static int walk_add(struct walk *w, sqlite3_stmt *st, int64_t group)
{
	struct membership *m;
	size_t *off, len;
	const char *t, *sectors;

	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 32;
		struct membership *a = realloc(w->m, cap * sizeof *a);
		void *o;

		if (!a)
			return LAPE_ERROR;
		w->m = a;
		o = realloc(w->off, cap * sizeof *w->off);
		if (!o)
			return LAPE_ERROR;
		w->off = o;
		w->cap = cap;
	}
	m = &w->m[w->n];
	off = w->off[w->n];
	memset(m, 0, sizeof *m);
	m->group_id = group;
	m->id = sqlite3_column_int64(st, 1);
	m->person_id = sqlite3_column_int64(st, 2);
	m->role = role_from_key((const char *)sqlite3_column_text(st, 5));
	m->name_withheld = sqlite3_column_int(st, 9) != 0;
	off[1] = off[2] = NO_TEXT; /* organisation, start */
	t = col_text(st, 3, &len);
	if ((off[0] = arena_put(w, t, len)) == NO_TEXT - 1)
		return LAPE_ERROR;
	t = col_text(st, 6, &len);
	if ((off[3] = arena_put(w, t, len)) == NO_TEXT - 1)
		return LAPE_ERROR;
	t = col_text(st, 7, &len);
	if ((off[4] = arena_put(w, t, len)) == NO_TEXT - 1)
		return LAPE_ERROR;
	gender_parse((const char *)sqlite3_column_text(st, 8),
	             &m->person_gender);
	/* The sectors, each its own string in the arena. */
	sectors = col_text(st, 4, &len);
	for (const char *p = sectors;
	     p && *p && m->n_sectors < MEMBERSHIP_MAX_SECTORS;) {
		size_t k = strcspn(p, " ");

		if (k) {
			off[5 + m->n_sectors] = arena_put(w, p, k);
			if (off[5 + m->n_sectors] == NO_TEXT - 1)
				return LAPE_ERROR;
			m->n_sectors++;
		}
		p += k;
		p += strspn(p, " ");
	}
	w->n++;
	return LAPE_OK;
}

static void walk_fix(struct walk *w)
{
	for (size_t i = 0; i < w->n; i++) {
		struct membership *m = &w->m[i];
		size_t *off = w->off[i];
		char **f[] = {&m->person_name, &m->organisation, &m->start_date,
		              &m->end_date, &m->person_sort};

		for (int k = 0; k < 5; k++)
			*f[k] = off[k] == NO_TEXT ? NULL : w->arena + off[k];
		for (size_t k = 0; k < m->n_sectors; k++)
			m->sectors[k] = w->arena + off[5 + k];
	}
}

static void walk_free(struct walk *w)
{
	free(w->m);
	free(w->off);
	free(w->arena);
}

/* The order of a group's memberships (MEMBERSHIP_ORDER), for sorting
 * each group's few rows here rather than all rows in SQL. */
static int role_rank(enum member_role r)
{
	return r == ROLE_MEMBER ? 3 : (int)r - 1;
}

static int member_cmp(const void *pa, const void *pb)
{
	const struct membership *a = pa, *b = pb;
	int c;

	if ((a->person_id == 0) != (b->person_id == 0))
		return a->person_id == 0 ? 1 : -1;
	if (role_rank(a->role) != role_rank(b->role))
		return role_rank(a->role) - role_rank(b->role);
	if (a->person_sort && b->person_sort) {
		c = person_sort_cmp(a->person_sort, b->person_sort);
		if (c)
			return c;
	}
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The page cache a walk asks for, in KiB: a walk in name order comes back
 * to the pages of its neighbours in the file; with SQLite's default 2 MiB
 * they are read again from the system at 100 times national size. */
#define WALK_CACHE_KIB "16384"

/* A group's few rows in member order: an insertion sort, which for the
 * 8-20 rows of a group costs less than qsort()'s merge buffers. */
static void walk_sort(struct walk *w)
{
	struct membership t;

	for (size_t i = 1; i < w->n; i++) {
		size_t j = i;

		if (member_cmp(&w->m[j - 1], &w->m[j]) <= 0)
			continue;
		t = w->m[i];
		while (j > 0 && member_cmp(&w->m[j - 1], &t) > 0) {
			w->m[j] = w->m[j - 1];
			j--;
		}
		w->m[j] = t;
	}
}

static int walk_end(struct lape_db *db, bool own, int rc)
{
	sqlite3_exec(db->sql, "DROP TABLE IF EXISTS temp.lape_walk", NULL, NULL,
	             NULL);
	sqlite3_exec(db->sql, "PRAGMA cache_size=-2000", NULL, NULL, NULL);
	if (own)
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* The matching groups are numbered once in name order (a temporary
 * table); the groups and all their memberships are then read in that
 * order, each group's few rows sorted here. */
static int walk_run(struct lape_db *db, sqlite3_stmt *gs, sqlite3_stmt *ms,
                    group_members_cb cb, void *ctx)
{
	struct group_reader r = {0};
	struct walk w = {0};
	int rc, mrc, stop = 0;
	int64_t mid;

	mrc = db_step(db, ms);
	mid = mrc == SQLITE_ROW ? sqlite3_column_int64(ms, 0) : 0;
	while ((rc = db_step(db, gs)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(gs, 0);
		struct group g;

		w.n = 0;
		w.used = 0;
		while (mrc == SQLITE_ROW && mid == id) {
			if (walk_add(&w, ms, id) != LAPE_OK)
				break;
			mrc = db_step(db, ms);
			mid =
			    mrc == SQLITE_ROW ? sqlite3_column_int64(ms, 0) : 0;
		}
		if (mrc != SQLITE_ROW && mrc != SQLITE_DONE) {
			rc = mrc;
			break;
		}
		if ((mrc == SQLITE_ROW && mid == id) ||
		    group_row_borrow(gs, &g, &r) != LAPE_OK) {
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
			break;
		}
		walk_fix(&w);
		walk_sort(&w);
		stop = cb(&g, w.m, w.n, ctx);
		if (stop)
			break;
	}
	walk_free(&w);
	reader_free(&r);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* A page's groups into temp.lape_walk by their keys (store-page.c), not
 * by sorting them all; PAGE_UNAVAILABLE when the keys cannot be used. */
static int walk_keyset(struct lape_db *db, const struct group_filter *f,
                       size_t offset, size_t limit)
{
	int64_t *ids;
	size_t n;
	int rc = page_group_ids(db, f, offset, limit, &ids, &n);

	if (rc == LAPE_OK)
		rc = db_exec(db, "CREATE TEMP TABLE lape_walk(id INTEGER)",
		             NULL);
	for (size_t i = 0; rc == LAPE_OK && i < n; i++)
		rc = db_exec(db, "INSERT INTO temp.lape_walk(id) VALUES (?)",
		             "i", ids[i]);
	free(ids);
	return rc;
}

int group_walk(struct lape_db *db, const struct group_filter *f,
               group_members_cb cb, void *ctx)
{
	return group_walk_page(db, f, 0, 0, cb, ctx);
}

int group_walk_page(struct lape_db *db, const struct group_filter *f,
                    size_t offset, size_t limit, group_members_cb cb, void *ctx)
{
	sqlite3_stmt *gs = NULL, *ms = NULL;
	char sql[2048];
	bool own;
	int rc;

	if (!f)
		f = &all_groups;
	/* One snapshot for all the queries. */
	own = sqlite3_get_autocommit(db->sql) != 0;
	if (own && (rc = db_exec(db, "BEGIN", NULL)) != LAPE_OK)
		return rc;
	/* The number is ours: PRAGMA takes no parameters. */
	sqlite3_exec(db->sql, "PRAGMA cache_size=-" WALK_CACHE_KIB, NULL, NULL,
	             NULL);
	rc = limit ? walk_keyset(db, f, offset, limit) : PAGE_UNAVAILABLE;
	if (rc == PAGE_UNAVAILABLE)
		rc = db_exec(
		    db,
		    "CREATE TEMP TABLE lape_walk AS SELECT g.id AS "
		    "id" GROUP_FILTER GROUP_ORDER " LIMIT ?5 OFFSET ?6",
		    "tddtii", f->region, f->level, f->status, filter_search(f),
		    limit ? (int64_t)limit : (int64_t)-1, (int64_t)offset);
	if (rc != LAPE_OK)
		return walk_end(db, own, rc);
	snprintf(sql, sizeof sql,
	         "SELECT %s FROM temp.lape_walk w "
	         "JOIN lape_group g ON g.id = w.id ORDER BY w.rowid",
	         store_columns(&group_table));
	gs = db_prepare(db, sql, NULL);
	ms = gs ? db_prepare(db,
	                     "SELECT " WALK_MEMBER_COLUMNS
	                     " FROM temp.lape_walk w JOIN membership m "
	                     "ON m.group_id = w.id LEFT JOIN person p "
	                     "ON p.id = m.person_id ORDER BY w.rowid",
	                     NULL)
	        : NULL;
	rc = gs && ms ? walk_run(db, gs, ms, cb, ctx) : LAPE_ERROR;
	sqlite3_finalize(gs);
	sqlite3_finalize(ms);
	return walk_end(db, own, rc);
}
