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
/* store-ref.c -- the reference data: regions and municipalities, listed in
 * order and found by code or by Finnish or Swedish name. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "lape/store.h"
#include "store-priv.h"

void region_clear(struct region *r)
{
	if (!r)
		return;
	free(r->name_fi);
	free(r->name_sv);
	memset(r, 0, sizeof *r);
}

void municipality_clear(struct municipality *m)
{
	if (!m)
		return;
	free(m->name_fi);
	free(m->name_sv);
	memset(m, 0, sizeof *m);
}

/* Fill R from a row (code, name_fi, name_sv, in_lape); with COPY the
 * strings are the struct's own, else borrowed from the statement. */
static int region_row(sqlite3_stmt *st, struct region *r, bool copy)
{
	memset(r, 0, sizeof *r);
	store_copy_code(r->code, sizeof r->code, st, 0);
	r->in_lape = sqlite3_column_int(st, 3) != 0;
	if (!copy) {
		r->name_fi = (char *)sqlite3_column_text(st, 1);
		r->name_sv = (char *)sqlite3_column_text(st, 2);
		return LAPE_OK;
	}
	r->name_fi = db_column_dup(st, 1);
	r->name_sv = db_column_dup(st, 2);
	if (!r->name_fi || !r->name_sv) {
		region_clear(r);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

/* The same for a municipality (code, name_fi, name_sv, region_code). */
static int municipality_row(sqlite3_stmt *st, struct municipality *m, bool copy)
{
	struct region r;
	int rc = region_row(st, &r, copy);

	memset(m, 0, sizeof *m);
	if (rc != LAPE_OK)
		return rc;
	store_copy_code(m->code, sizeof m->code, st, 0);
	store_copy_code(m->region_code, sizeof m->region_code, st, 3);
	m->name_fi = r.name_fi;
	m->name_sv = r.name_sv;
	return LAPE_OK;
}

struct ref_walk {
	region_cb region;
	municipality_cb municipality;
	void *ctx;
};

static int region_each(sqlite3_stmt *st, void *ctx)
{
	struct ref_walk *w = ctx;
	struct region r;

	region_row(st, &r, false);
	return w->region(&r, w->ctx);
}

static int municipality_each(sqlite3_stmt *st, void *ctx)
{
	struct ref_walk *w = ctx;
	struct municipality m;

	municipality_row(st, &m, false);
	return w->municipality(&m, w->ctx);
}

static int region_copy(sqlite3_stmt *st, void *r)
{
	return region_row(st, r, true);
}

static int municipality_copy(sqlite3_stmt *st, void *m)
{
	return municipality_row(st, m, true);
}

int region_list(struct lape_db *db, bool lape_only, region_cb cb, void *ctx)
{
	struct ref_walk w = {cb, NULL, ctx};

	return store_each(db,
	                  db_prepare(db,
	                             "SELECT code, name_fi, name_sv, in_lape "
	                             "FROM region WHERE ?1 = 0 OR in_lape = 1 "
	                             "ORDER BY code",
	                             "d", (int)lape_only),
	                  region_each, &w);
}

int region_get(struct lape_db *db, const char *code, struct region *out)
{
	return store_get(db,
	                 db_prepare_cached(db,
	                                   "SELECT code, name_fi, name_sv, "
	                                   "in_lape FROM region WHERE code = ?",
	                                   "t", code),
	                 region_copy, out, sizeof *out, "region",
	                 _("no such region: %s"), code);
}

int municipality_list(struct lape_db *db, const char *region, const char *match,
                      municipality_cb cb, void *ctx)
{
	struct ref_walk w = {NULL, cb, ctx};

	return store_each(
	    db,
	    db_prepare(
	        db,
	        "SELECT code, name_fi, name_sv, region_code "
	        "FROM municipality WHERE (?1 IS NULL OR region_code = ?1) "
	        "AND (?2 IS NULL "
	        " OR instr(lape_key(name_fi), lape_key(?2)) = 1 "
	        " OR instr(lape_key(name_sv), lape_key(?2)) = 1) "
	        "ORDER BY CASE WHEN ?3 = 'sv' THEN name_sv "
	        "ELSE name_fi END COLLATE FI, code",
	        "ttt", region, match, i18n_lang()),
	    municipality_each, &w);
}

int municipality_all(struct lape_db *db, municipality_cb cb, void *ctx)
{
	struct ref_walk w = {NULL, cb, ctx};

	return store_each(db,
	                  db_prepare(db,
	                             "SELECT code, name_fi, name_sv, "
	                             "region_code FROM municipality ORDER BY "
	                             "code",
	                             NULL),
	                  municipality_each, &w);
}

int municipality_get(struct lape_db *db, const char *code,
                     struct municipality *out)
{
	return store_get(db,
	                 db_prepare_cached(db,
	                                   "SELECT code, name_fi, name_sv, "
	                                   "region_code FROM municipality "
	                                   "WHERE code = ?",
	                                   "t", code),
	                 municipality_copy, out, sizeof *out, "municipalities",
	                 _("no such municipality: %s"), code);
}

/* REF as a code of WIDTH digits when it is a shorter number ("5" is
 * "005"), else REF itself. */
static const char *pad_code(const char *ref, size_t width, char *buf)
{
	size_t len = strlen(ref);

	if (len == 0 || len >= width || strspn(ref, "0123456789") != len)
		return ref;
	memset(buf, '0', width - len);
	memcpy(buf + width - len, ref, len + 1);
	return buf;
}

/* The one code that SQL (selecting codes for ?1 and ?2) finds for REF. */
static int find_code(struct lape_db *db, const char *sql, const char *ref,
                     size_t width, char *code, const char *field,
                     const char *notfound, const char *ambiguous)
{
	char buf[8];
	sqlite3_stmt *st;
	int rc, n = 0;

	if (!ref || !*ref)
		return db_fail(db, LAPE_NOTFOUND, field, notfound, "");
	st = db_prepare(db, sql, "tt", pad_code(ref, width, buf), ref);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (n++ == 0)
			store_copy_code(code, width + 1, st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	if (n == 0)
		return db_fail(db, LAPE_NOTFOUND, field, notfound, ref);
	if (n > 1)
		return db_fail(db, LAPE_AMBIGUOUS, field, ambiguous, ref);
	return LAPE_OK;
}

int region_lookup(struct lape_db *db, const char *ref, char code[3],
                  struct lookup_matches *lm)
{
	char buf[8];

	return db_lookup(db,
	                 "SELECT code, name_fi || ' (' || name_sv || ')' "
	                 "FROM region WHERE code = ?1 "
	                 "OR lape_key(name_fi) = lape_key(?3) "
	                 "OR lape_key(name_sv) = lape_key(?3) "
	                 "OR instr(lape_key(name_fi), lape_key(?4)) > 0 "
	                 "OR instr(lape_key(name_sv), lape_key(?4)) > 0 "
	                 "ORDER BY code",
	                 ref, ref ? pad_code(ref, 2, buf) : NULL, "region",
	                 NULL, code, 3, lm);
}

int region_find(struct lape_db *db, const char *ref, char code[3])
{
	return region_lookup(db, ref, code, NULL);
}

int municipality_find(struct lape_db *db, const char *ref, char code[4])
{
	return find_code(db,
	                 "SELECT code FROM municipality WHERE code = ?1 "
	                 "OR lape_key(name_fi) = lape_key(?2) "
	                 "OR lape_key(name_sv) = lape_key(?2)",
	                 ref, 3, code, "municipalities",
	                 _("no such municipality: %s"),
	                 _("several municipalities match: %s"));
}
