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
/* overview.c -- the overview's state kept in the data file, so that the
 * first screen costs the same however many groups there are: each group's
 * last day complete (group_check_until()), each municipality's best over
 * its active municipal groups.  Triggers (schema.c) mark what every write
 * touches, whoever writes; overview_refresh() recomputes only that, and
 * everything when the rules' fingerprint differs from the one kept. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/check.h"
#include "lape/db.h"
#include "lape/store.h"

/* Above this many marked groups one walk over all is cheaper. */
#define OVERVIEW_REBUILD_AT 2000

/* What the rules say about completeness, the only part the state rests
 * on: the required sectors of each level.  "" when it does not fit. */
static void rules_fingerprint(const struct rules *r, char *buf, size_t size)
{
	size_t used = 0;
	int n;

	n = snprintf(buf, size, "v1");
	used = n > 0 ? (size_t)n : 0;
	for (int lv = 0; lv < 2 && used < size; lv++) {
		n = snprintf(buf + used, size - used, ";%d:", lv);
		used += n > 0 ? (size_t)n : 0;
		for (size_t i = 0; i < r->level[lv].n_required && used < size;
		     i++) {
			n = snprintf(buf + used, size - used, "%s,",
			             r->sectors[r->level[lv].required[i]].key);
			used += n > 0 ? (size_t)n : 0;
		}
	}
	if (used >= size)
		buf[0] = '\0';
}

/* Whether the kept state is for FP (*SAME) and what is marked (*DIRTY). */
static int state_status(struct lape_db *db, const char *fp, bool *same,
                        bool *dirty)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT coalesce((SELECT value FROM overview_state "
	               "WHERE key = 'rules') = ?1, 0), "
	               "EXISTS (SELECT 1 FROM overview_dirty) "
	               "OR EXISTS (SELECT 1 FROM overview_dirty_muni), "
	               "(SELECT count(*) FROM overview_dirty)",
	               "t", fp);
	int rc;

	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		*same = sqlite3_column_int(st, 0) != 0;
		*dirty = sqlite3_column_int(st, 1) != 0;
		if (*same && sqlite3_column_int64(st, 2) > OVERVIEW_REBUILD_AT)
			*same = false;
		rc = LAPE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

static int put_group(struct lape_db *db, const struct rules *r,
                     const struct group *g, const struct membership *m,
                     size_t n)
{
	struct check_until u;

	group_check_until(r, g, m, n, &u);
	return db_exec(db,
	               "INSERT OR REPLACE INTO overview_group(group_id, "
	               "complete_until, staffed_until) VALUES (?, ?, ?)",
	               "itt", g->id, u.complete, u.staffed);
}

struct rebuild {
	struct lape_db *db;
	const struct rules *r;
	int rc;
};

static int rebuild_one(const struct group *g, const struct membership *m,
                       size_t n, void *arg)
{
	struct rebuild *b = arg;

	b->rc = put_group(b->db, b->r, g, m, n);
	return b->rc != LAPE_OK;
}

/* The best of every active municipal group that covers the municipality
 * (as summary.c's walk counts them). */
#define MUNI_AGGREGATE                                                         \
	"count(*), coalesce(max(o.complete_until), ''), "                      \
	"coalesce(max(o.staffed_until), '') FROM group_municipality gm "       \
	"JOIN lape_group g ON g.id = gm.group_id "                             \
	"JOIN overview_group o ON o.group_id = g.id "                          \
	"WHERE g.level = 'municipal' AND g.status = 'active'"

static int forget_marks(struct lape_db *db)
{
	int rc = db_exec(db, "DELETE FROM overview_dirty", NULL);

	return rc == LAPE_OK
	           ? db_exec(db, "DELETE FROM overview_dirty_muni", NULL)
	           : rc;
}

static int rebuild_all(struct lape_db *db, const struct rules *r,
                       const char *fp)
{
	struct group_filter all = GROUP_FILTER_ALL;
	struct rebuild b = {db, r, LAPE_OK};
	int rc;

	rc = forget_marks(db);
	if (rc == LAPE_OK)
		rc = db_exec(db, "DELETE FROM overview_group", NULL);
	if (rc == LAPE_OK)
		rc = db_exec(db, "DELETE FROM overview_muni", NULL);
	if (rc == LAPE_OK) {
		rc = check_walk(db, &all, 0, rebuild_one, &b);
		if (rc != LAPE_OK && b.rc != LAPE_OK)
			rc = b.rc;
	}
	if (rc == LAPE_OK)
		rc = db_exec(db,
		             "INSERT INTO overview_muni(code, n_active, "
		             "complete_until, staffed_until) SELECT "
		             "gm.municipality_code, " MUNI_AGGREGATE
		             " GROUP BY gm.municipality_code",
		             NULL);
	if (rc == LAPE_OK)
		rc =
		    db_exec(db,
		            "INSERT OR REPLACE INTO overview_state(key, value) "
		            "VALUES ('rules', ?)",
		            "t", fp);
	if (rc == LAPE_OK)
		rc =
		    db_exec(db,
		            "INSERT OR REPLACE INTO overview_state(key, value) "
		            "SELECT 'n_groups', count(*) FROM lape_group",
		            NULL);
	return rc;
}

/* Recompute the group ID, or forget it when it is gone. */
static int refresh_group(struct lape_db *db, const struct rules *r, int64_t id)
{
	struct group g;
	struct membership *m = NULL;
	size_t n = 0;
	int rc;

	rc = group_get(db, id, &g);
	if (rc == LAPE_NOTFOUND)
		return db_exec(db,
		               "DELETE FROM overview_group WHERE group_id = ?",
		               "i", id);
	if (rc != LAPE_OK)
		return rc;
	rc = membership_list_group(db, id, &m, &n);
	if (rc == LAPE_OK)
		rc = put_group(db, r, &g, m, n);
	membership_free_array(m, n);
	group_clear(&g);
	return rc;
}

/* The ids (column 0 of SQL) as an array the caller frees. */
static int id_list(struct lape_db *db, const char *sql, int64_t **out,
                   size_t *n)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *a;

			cap = cap ? cap * 2 : 16;
			if (!(a = realloc(*out, cap * sizeof *a))) {
				rc = LAPE_ERROR;
				break;
			}
			*out = a;
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

static int refresh_marked(struct lape_db *db, const struct rules *r)
{
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	/* The municipalities of the marked groups change with them. */
	rc = db_exec(db,
	             "INSERT OR IGNORE INTO overview_dirty_muni(code) "
	             "SELECT municipality_code FROM group_municipality "
	             "WHERE group_id IN (SELECT group_id FROM overview_dirty)",
	             NULL);
	if (rc == LAPE_OK)
		rc = id_list(db, "SELECT group_id FROM overview_dirty", &ids,
		             &n);
	for (size_t i = 0; rc == LAPE_OK && i < n; i++)
		rc = refresh_group(db, r, ids[i]);
	free(ids);
	if (rc == LAPE_OK)
		rc =
		    db_exec(db,
		            "INSERT OR REPLACE INTO overview_muni(code, "
		            "n_active, complete_until, staffed_until) SELECT "
		            "d.code, count(o.group_id), "
		            "coalesce(max(o.complete_until), ''), "
		            "coalesce(max(o.staffed_until), '') "
		            "FROM overview_dirty_muni d "
		            "LEFT JOIN group_municipality gm "
		            "ON gm.municipality_code = d.code "
		            "LEFT JOIN lape_group g ON g.id = gm.group_id "
		            "AND g.level = 'municipal' AND g.status = 'active' "
		            "LEFT JOIN overview_group o ON o.group_id = g.id "
		            "GROUP BY d.code",
		            NULL);
	if (rc == LAPE_OK)
		rc = forget_marks(db);
	return rc;
}

int overview_refresh(struct lape_db *db, const struct rules *r)
{
	char fp[RULES_MAX_SECTORS * 2 * (RULES_KEY_MAX + 1) + 16];
	bool same = false, dirty = true;
	int rc;

	rules_fingerprint(r, fp, sizeof fp);
	rc = state_status(db, fp, &same, &dirty);
	if (rc != LAPE_OK || (same && !dirty))
		return rc;
	rc = db_begin(db);
	if (rc != LAPE_OK)
		return rc;
	/* Again inside the transaction: another lape may have done it. */
	rc = state_status(db, fp, &same, &dirty);
	if (rc == LAPE_OK && !same)
		rc = rebuild_all(db, r, fp);
	else if (rc == LAPE_OK && dirty)
		rc = refresh_marked(db, r);
	if (rc != LAPE_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int overview_group_count(struct lape_db *db, size_t *n)
{
	struct group_filter all = GROUP_FILTER_ALL;
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT CAST(value AS INTEGER) FROM overview_state "
	               "WHERE key = 'n_groups' AND value IS NOT NULL",
	               NULL);
	int rc;

	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW && sqlite3_column_int64(st, 0) >= 0) {
		*n = (size_t)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		return LAPE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	return group_count(db, &all, n);
}
