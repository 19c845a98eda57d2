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
/* store-page.c -- keyset paging for the lists of people and groups (issue
 * 12).  Each person and group has a sort key (collate_fi_key(): its bytes
 * order as the FI collation) and its folded search text in a side table
 * (schema.c, migration 8), indexed with the plain BINARY collation: so
 * any program, the sqlite3 shell too, can still write the file.  Plain-SQL
 * triggers mark the rows a write touched; page_keys_refresh() makes their
 * keys again, in the store's own writes and before a list is read.  A
 * page is read from a row of the last page read (its key and id), never
 * with OFFSET over the whole table; where no row is near, the index alone
 * is stepped over.  A file whose keys cannot be made (read-only, marked
 * rows) is listed the old way (PAGE_UNAVAILABLE to the callers). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/collate.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- the keys ---------------------------------------------------------- */

/* The sort key of one value, appended to *BUF: text by collate_fi_key(),
 * a BLOB (which SQLite sorts after all text, byte by byte) as 0xff, its
 * bytes with 0 written 0 0xff, and 0 0. */
static int value_key(sqlite3_value *v, unsigned char **buf, size_t *used,
                     size_t *size)
{
	bool blob = sqlite3_value_type(v) == SQLITE_BLOB;
	const char *s =
	    blob ? sqlite3_value_blob(v) : (const char *)sqlite3_value_text(v);
	size_t len = (size_t)sqlite3_value_bytes(v);
	size_t need = *used + COLLATE_FI_KEY_MAX(len) + 2 * len + 4;

	if (need > *size) {
		unsigned char *b = realloc(*buf, need * 2);

		if (!b)
			return -1;
		*buf = b;
		*size = need * 2;
	}
	if (!s)
		len = 0;
	if (!blob) {
		*used += collate_fi_key(s ? s : "", len, *buf + *used);
		return 0;
	}
	(*buf)[(*used)++] = 0xff;
	for (size_t i = 0; i < len; i++) {
		(*buf)[(*used)++] = (unsigned char)s[i];
		if (s[i] == 0)
			(*buf)[(*used)++] = 0xff;
	}
	(*buf)[(*used)++] = 0;
	(*buf)[(*used)++] = 0;
	return 0;
}

/* lape_sort_key(a, ...): the sort key of A, B, ... in turn, ordering as
 * ORDER BY a COLLATE FI, b COLLATE FI, ... (a BLOB). */
static void sql_sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	unsigned char *buf = NULL;
	size_t used = 0, size = 0;

	for (int i = 0; i < argc; i++)
		if (value_key(argv[i], &buf, &used, &size) != 0) {
			free(buf);
			sqlite3_result_error_nomem(ctx);
			return;
		}
	sqlite3_result_blob64(ctx, buf ? buf : (unsigned char *)"", used,
	                      buf ? free : SQLITE_TRANSIENT);
}

/* lape_search_tail(search[, parts]): a search text without its first
 * PARTS parts (2 when not given).  A person's first two, the surname and
 * the given names alone, are inside the parts after them ("given
 * surname", "surname given"): the same matches for the search index, with
 * a quarter fewer trigrams.  A group's text is indexed whole (0).  A NUL
 * byte (a name another program wrote) becomes U+0001: FTS5 reads no
 * further than a NUL, and no needle holds either. */
static void sql_search_tail(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	size_t len = (size_t)sqlite3_value_bytes(argv[0]);
	const char *p = s;
	int parts = argc > 1 ? sqlite3_value_int(argv[1]) : 2;
	char *out;

	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	for (int part = 0; part < parts; part++) {
		const char *sep = memchr(p, 1, len - (size_t)(p - s));

		if (!sep) {
			p = s;
			break;
		}
		p = sep + 1;
	}
	len -= (size_t)(p - s);
	if (!(out = malloc(len + 1))) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	for (size_t i = 0; i < len; i++)
		out[i] = p[i] ? p[i] : 1;
	out[len] = '\0';
	sqlite3_result_text64(ctx, out, len, free, SQLITE_UTF8);
}

int page_register_functions(sqlite3 *sql)
{
	int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC;
	int rc =
	    sqlite3_create_function_v2(sql, "lape_sort_key", -1, flags, NULL,
	                               sql_sort_key, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(sql, "lape_search_tail", -1,
		                                flags, NULL, sql_search_tail,
		                                NULL, NULL, NULL);
	return rc;
}

/* ---- the state of the last pages ----------------------------------------- */

enum { PAGE_PEOPLE, PAGE_GROUPS };

struct page_row {
	unsigned char *sort;
	size_t len;
	int64_t id;
};

/* One list as last read: its rows from OFF on, and its length. */
struct page_slot {
	int kind;
	char *sig;       /* the filter; NULL: the slot is free */
	int64_t version; /* db_data_version(): others' commits */
	int changes;     /* sqlite3_total_changes(): this connection's */
	unsigned gen;
	size_t off, n;
	struct page_row *rows;
	bool has_count;
	size_t count;
	unsigned used;
};

#define PAGE_SLOTS 4

struct page_cache {
	struct page_slot slot[PAGE_SLOTS];
	unsigned gen;   /* changed when keys are made or a transaction is
	                 * rolled back: the rows moved */
	unsigned clock; /* for the least recently used slot */
};

/* A rollback takes back rows a page may have been read from. */
static void rolled_back(void *arg)
{
	struct page_cache *c = arg;

	c->gen++;
}

/* The cache, its rollback hook set on the connection there is now (a
 * file may be connected again). */
static struct page_cache *cache_of(struct lape_db *db)
{
	if (!db->page)
		db->page = calloc(1, sizeof(struct page_cache));
	if (db->page)
		sqlite3_rollback_hook(db->sql, rolled_back, db->page);
	return db->page;
}

static void slot_rows_free(struct page_slot *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->rows[i].sort);
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
}

void page_cache_free(struct lape_db *db)
{
	struct page_cache *c = db ? db->page : NULL;

	if (!c)
		return;
	if (db->sql)
		sqlite3_rollback_hook(db->sql, NULL, NULL);
	for (int i = 0; i < PAGE_SLOTS; i++) {
		slot_rows_free(&c->slot[i]);
		free(c->slot[i].sig);
	}
	free(c);
	db->page = NULL;
}

/* The slot of KIND and SIG valid now, a fresh one when none is. */
static struct page_slot *slot_get(struct lape_db *db, int kind, const char *sig)
{
	struct page_cache *c = cache_of(db);
	struct page_slot *s, *old;
	int64_t version = db_data_version(db);
	int changes = sqlite3_total_changes(db->sql);

	if (!c)
		return NULL;
	old = &c->slot[0];
	for (int i = 0; i < PAGE_SLOTS; i++) {
		s = &c->slot[i];
		if (s->sig && s->kind == kind && strcmp(s->sig, sig) == 0) {
			if (s->version != version || s->changes != changes ||
			    s->gen != c->gen) {
				slot_rows_free(s);
				s->has_count = false;
			}
			goto found;
		}
		if (!s->sig || s->used < old->used)
			old = s;
	}
	s = old;
	slot_rows_free(s);
	free(s->sig);
	s->sig = strdup(sig);
	if (!s->sig)
		return NULL;
	s->kind = kind;
	s->has_count = false;
found:
	s->version = version;
	s->changes = changes;
	s->gen = c->gen;
	s->used = ++c->clock;
	return s;
}

static void rows_free(struct page_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].sort);
	free(rows);
}

/* ---- making the keys ------------------------------------------------------
 */

/* For each side table: whether rows are marked, then the statements
 * that make their keys again. */
static const char *const refresh_sql[2][4] = {
    {"SELECT EXISTS (SELECT 1 FROM person_key_dirty)",
     "DELETE FROM person_key WHERE person_id IN "
     "(SELECT person_id FROM person_key_dirty)",
     "INSERT INTO person_key(person_id, sort, search) SELECT p.id, "
     "" PAGE_PERSON_SORT_SQL("p") ", " PAGE_PERSON_SEARCH_SQL(
         "p") " FROM person_key_dirty d JOIN person p ON p.id = d.person_id",
     "DELETE FROM person_key_dirty"},
    {"SELECT EXISTS (SELECT 1 FROM group_key_dirty)",
     "DELETE FROM group_key WHERE group_id IN "
     "(SELECT group_id FROM group_key_dirty)",
     "INSERT INTO group_key(group_id, sort, search) SELECT g.id, "
     "" PAGE_GROUP_SORT_SQL("g") ", " PAGE_GROUP_SEARCH_SQL(
         "g") " FROM group_key_dirty d JOIN lape_group g ON g.id = d.group_id",
     "DELETE FROM group_key_dirty"},
};

/* Run the cached statement SQL to its end; with ROW, its first column
 * into *ROW. */
static int run_cached(struct lape_db *db, const char *sql, int *row)
{
	sqlite3_stmt *st = db_prepare_cached(db, sql, NULL);
	int rc;

	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		if (row)
			*row = sqlite3_column_int(st, 0);
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* Statement I (1: the keys taken out, 2: made again) of the side table
 * K.  From format 10 the lists' lengths are counted here, by the rows
 * each statement wrote, and no longer by a trigger on every row. */
static int run_key_sql(struct lape_db *db, int k, int i, bool counted)
{
	int rc = run_cached(db, refresh_sql[k][i], NULL);
	int n = sqlite3_changes(db->sql);

	if (rc != LAPE_OK || !counted || n == 0 || (i != 1 && i != 2))
		return rc;
	return db_exec(db, "UPDATE list_count SET n = n + ?1 WHERE kind = ?2",
	               "it", (int64_t)(i == 1 ? -n : n),
	               k == 0 ? "person" : "group");
}

/* ---- the people's ranks and search index ----------------------------------
 *
 * A search of three letters or more reads its matches from person_search
 * (migration 10), an FTS5 trigram index whose rowid is each person's rank:
 * a number that orders as the list (person_rank).  The matches come in
 * the list's order, so a page of them is read without stepping over
 * everyone before them.  A person whose key is made again takes a rank
 * between its new neighbours'; the ranks are all made again, PAGE_RANK_GAP
 * apart, when no number is left between two of them or when a quarter of
 * the people or more changed at once. */

/* Whether the file has the index (format 10 on). */
static bool has_search_index(struct lape_db *db)
{
	return sqlite3_table_column_metadata(db->sql, "main", "person_rank",
	                                     NULL, NULL, NULL, NULL, NULL,
	                                     NULL) == SQLITE_OK;
}

/* Whether it has the groups' (format 11 on).  Asked of the table alone:
 * a virtual table's columns are known only once it is first used. */
static bool has_group_index(struct lape_db *db)
{
	return sqlite3_table_column_metadata(db->sql, "main", "group_search",
	                                     NULL, NULL, NULL, NULL, NULL,
	                                     NULL) == SQLITE_OK;
}

/* Take the marked people out of the index, before their keys go.  The
 * statements on the marked rows go from them (CROSS JOIN): a file has no
 * statistics, and SQLite would otherwise read the whole list in its
 * order to find the few marked.  The index is written in rank order: FTS5
 * writes out what it holds whenever a rowid comes before the last one,
 * and a merge's 600 edits made 600 segments (1.3 s at 100 times national
 * size). */
static const char search_out_sql[] =
    "INSERT INTO person_search(person_search, rowid, search) "
    "SELECT 'delete', r.rank, lape_search_tail(k.search) "
    "FROM person_key_dirty d "
    "CROSS JOIN person_rank r ON r.person_id = d.person_id "
    "CROSS JOIN person_key k ON k.person_id = d.person_id ORDER BY r.rank";
static const char rank_out_sql[] = "DELETE FROM person_rank WHERE person_id IN "
                                   "(SELECT person_id FROM person_key_dirty)";
/* ... and in again, once they have their ranks. */
static const char search_in_sql[] =
    "INSERT INTO person_search(rowid, search) SELECT r.rank, "
    "lape_search_tail(k.search) FROM person_key_dirty d "
    "CROSS JOIN person_rank r ON r.person_id = d.person_id "
    "CROSS JOIN person_key k ON k.person_id = d.person_id ORDER BY r.rank";

/* FTS5's settings for writing the whole index (BULK: large segments, not
 * merged as they are written) or back to its own.  Only a matter of
 * speed: an SQLite that knows no such setting is left as it is. */
static void search_tune(struct lape_db *db, bool bulk)
{
	sqlite3_exec(db->sql,
	             bulk ? "INSERT INTO person_search(person_search, rank) "
	                    "VALUES ('automerge', 0); "
	                    "INSERT INTO person_search(person_search, rank) "
	                    "VALUES ('hashsize', 67108864)"
	                  : "INSERT INTO person_search(person_search, rank) "
	                    "VALUES ('automerge', 4); "
	                    "INSERT INTO person_search(person_search, rank) "
	                    "VALUES ('hashsize', 1048576)",
	             NULL, NULL, NULL);
}

/* Everyone's rank and index entry made again.  In bulk, the index on
 * person_id is made once after, not row by row in a random order, and
 * the search index is written in large segments left unmerged (its
 * settings then set back to FTS5's own). */
static int ranks_all(struct lape_db *db)
{
	static const char *const sql[] = {
	    "DELETE FROM person_rank",
	    PAGE_RANKS_ALL_SQL,
	    "INSERT INTO person_search(person_search) VALUES ('delete-all')",
	    PAGE_SEARCH_ALL_SQL,
	};
	sqlite3_stmt *st = db_prepare_cached(
	    db, "SELECT n >= 100000 FROM list_count WHERE kind = 'person'",
	    NULL);
	bool bulk =
	    st && db_step(db, st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	int rc = st ? LAPE_OK : LAPE_ERROR;

	db_release(db, st);
	if (rc == LAPE_OK && bulk)
		rc = db_exec(db, "DROP INDEX person_rank_id", NULL);
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && rc == LAPE_OK;
	     i++) {
		if (i == 3 && bulk)
			search_tune(db, true);
		rc = run_cached(db, sql[i], NULL);
		if (rc == LAPE_OK && i == 1 && bulk)
			rc = db_exec(db, PAGE_RANK_INDEX_SQL, NULL);
	}
	if (bulk)
		search_tune(db, false);
	return rc;
}

int page_person_index_all(struct lape_db *db)
{
	return ranks_all(db);
}

/* The marked people still there, in the list's order: their keys in
 * *ROWS, their number in *N. */
static int marked_rows(struct lape_db *db, struct page_row **rows, size_t *n)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db,
	    "SELECT k.sort, k.person_id FROM person_key_dirty d CROSS JOIN "
	    "person_key k ON k.person_id = d.person_id ORDER BY k.sort, "
	    "k.person_id",
	    NULL);
	size_t size = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		struct page_row *r;

		if (*n == size) {
			size_t want = size ? size * 2 : 16;
			struct page_row *p = realloc(*rows, want * sizeof *p);

			if (!p)
				break;
			*rows = p;
			size = want;
		}
		r = &(*rows)[*n];
		if (!(r->sort = malloc(len ? len : 1)))
			break;
		if (len)
			memcpy(r->sort, sqlite3_column_blob(st, 0), len);
		r->len = len;
		r->id = sqlite3_column_int64(st, 1);
		++*n;
	}
	db_release(db, st);
	if (rc == SQLITE_DONE)
		return LAPE_OK;
	if (rc == SQLITE_ROW)
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	rows_free(*rows, *n);
	*rows = NULL;
	*n = 0;
	return rc;
}

/* The cached statement SQL with ROW's key bound to ?1 and ?2; NULL on
 * error (recorded). */
static sqlite3_stmt *row_prepare(struct lape_db *db, const char *sql,
                                 const struct page_row *row)
{
	sqlite3_stmt *st = db_prepare_cached(db, sql, NULL);

	if (st && (sqlite3_bind_blob64(st, 1, row->sort, row->len,
	                               SQLITE_STATIC) != SQLITE_OK ||
	           sqlite3_bind_int64(st, 2, row->id) != SQLITE_OK)) {
		db_fail_sqlite(db, SQLITE_ERROR);
		db_release(db, st);
		st = NULL;
	}
	return st;
}

/* The rank of the nearest ranked person before ROW in *RANK (0 when
 * none). */
static int rank_before(struct lape_db *db, const struct page_row *row,
                       int64_t *rank)
{
	sqlite3_stmt *st = row_prepare(
	    db,
	    "SELECT r.rank FROM person_key k JOIN person_rank r ON "
	    "r.person_id = k.person_id WHERE (k.sort, k.person_id) < (?1, ?2) "
	    "ORDER BY k.sort DESC, k.person_id DESC LIMIT 1",
	    row);
	int rc;

	*rank = 0;
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW)
		*rank = sqlite3_column_int64(st, 0);
	db_release(db, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* From ROW on, the people with no rank yet (ROW the first of them): their
 * number in *RUN, and the rank of the first ranked person after them in
 * *NEXT (0 when none). */
static int rank_after(struct lape_db *db, const struct page_row *row,
                      size_t *run, int64_t *next)
{
	sqlite3_stmt *st = row_prepare(
	    db,
	    "SELECT r.rank FROM person_key k LEFT JOIN person_rank r ON "
	    "r.person_id = k.person_id WHERE (k.sort, k.person_id) >= (?1, ?2) "
	    "ORDER BY k.sort, k.person_id",
	    row);
	int rc;

	*run = 0;
	*next = 0;
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
			*next = sqlite3_column_int64(st, 0);
			break;
		}
		++*run;
	}
	db_release(db, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* Ranks for the marked people ROWS (N of them, in order), each run of
 * them between its neighbours' ranks, spread evenly; *ALL true when there
 * was no room and everyone's were made again instead. */
static int ranks_between(struct lape_db *db, const struct page_row *rows,
                         size_t n, bool *all)
{
	sqlite3_stmt *st = NULL;
	int rc = LAPE_OK;

	*all = false;
	for (size_t i = 0; i < n && rc == LAPE_OK;) {
		int64_t lo, hi, step;
		size_t run;

		rc = rank_before(db, &rows[i], &lo);
		if (rc == LAPE_OK)
			rc = rank_after(db, &rows[i], &run, &hi);
		if (rc != LAPE_OK)
			break;
		/* the people not ranked yet are the marked ones, in order */
		if (run < 1)
			run = 1;
		if (run > n - i)
			run = n - i;
		if (!hi)
			step = PAGE_RANK_GAP;
		else if (hi - lo > (int64_t)run)
			step = (hi - lo) / (int64_t)(run + 1);
		else
			step = 0;
		if (step <= 0 || INT64_MAX - lo <= step * (int64_t)(run + 1)) {
			*all = true;
			return ranks_all(db);
		}
		for (size_t j = 0; j < run && rc == LAPE_OK; j++, i++) {
			st = db_prepare_cached(
			    db,
			    "INSERT INTO person_rank(rank, "
			    "person_id) VALUES (?1, ?2)",
			    "ii", lo + step * (int64_t)(j + 1), rows[i].id);
			rc = st ? db_step(db, st) : LAPE_ERROR;
			db_release(db, st);
			rc = rc == SQLITE_DONE ? LAPE_OK : rc;
		}
	}
	return rc;
}

/* The ranks and index entries of the marked people, whose keys were just
 * made (their old ones taken out before).  MANY: make everyone's. */
static int ranks_make(struct lape_db *db, bool many)
{
	struct page_row *rows;
	size_t n;
	bool all = many;
	int rc;

	if (many)
		return ranks_all(db);
	rc = marked_rows(db, &rows, &n);
	if (rc == LAPE_OK)
		rc = ranks_between(db, rows, n, &all);
	rows_free(rows, n);
	if (rc == LAPE_OK && !all)
		rc = run_cached(db, search_in_sql, NULL);
	return rc;
}

/* Whether a quarter of the people or more are marked. */
static int many_marked(struct lape_db *db, bool *many)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db,
	    "SELECT (SELECT count(*) FROM person_key_dirty) * 4 >= "
	    "(SELECT n FROM list_count WHERE kind = 'person')",
	    NULL);
	int rc = st ? db_step(db, st) : LAPE_ERROR;

	*many = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	db_release(db, st);
	return rc == SQLITE_ROW ? LAPE_OK : rc;
}

/* The people's keys made again, and with INDEX (format 10 on) their
 * ranks and index entries. */
static int person_keys_make(struct lape_db *db, bool index)
{
	bool many = false;
	int rc = index ? many_marked(db, &many) : LAPE_OK;

	if (rc == LAPE_OK && index && !many)
		rc = run_cached(db, search_out_sql, NULL);
	if (rc == LAPE_OK && index && !many)
		rc = run_cached(db, rank_out_sql, NULL);
	for (int i = 1; i < 3 && rc == LAPE_OK; i++)
		rc = run_key_sql(db, 0, i, index);
	if (rc == LAPE_OK && index)
		rc = ranks_make(db, many);
	if (rc == LAPE_OK)
		rc = run_cached(db, refresh_sql[0][3], NULL);
	return rc;
}

/* ---- the groups' search index ------------------------------------------
 *
 * From format 11 a group's search text is also in group_search, an FTS5
 * trigram index whose rowid is the group's id.  A search whose matches
 * are few (GROUP_FEW) reads them from it, sorted into the list's order; a
 * search that matches many reads the list in its order, where the first
 * page of them is near.  There are a few hundred thousand groups at most,
 * not millions of people: no ranks are needed. */
#define GROUP_FEW 1000

/* The marked groups' entries, taken out before their keys go and put in
 * again once they are made, in the order of their ids (FTS5 writes out
 * what it holds whenever a rowid comes before the last one). */
static const char group_out_sql[] =
    "INSERT INTO group_search(group_search, rowid, search) "
    "SELECT 'delete', k.group_id, lape_search_tail(k.search, 0) "
    "FROM group_key_dirty d "
    "CROSS JOIN group_key k ON k.group_id = d.group_id ORDER BY k.group_id";
static const char group_in_sql[] =
    "INSERT INTO group_search(rowid, search) "
    "SELECT k.group_id, lape_search_tail(k.search, 0) "
    "FROM group_key_dirty d "
    "CROSS JOIN group_key k ON k.group_id = d.group_id ORDER BY k.group_id";

/* The groups' keys made again (COUNTED: format 10 on), and with INDEX
 * (format 11 on) their search index entries. */
static int group_keys_make(struct lape_db *db, bool counted, bool index)
{
	int rc = index ? run_cached(db, group_out_sql, NULL) : LAPE_OK;

	for (int i = 1; i < 3 && rc == LAPE_OK; i++)
		rc = run_key_sql(db, 1, i, counted);
	if (rc == LAPE_OK && index)
		rc = run_cached(db, group_in_sql, NULL);
	if (rc == LAPE_OK)
		rc = run_cached(db, refresh_sql[1][3], NULL);
	return rc;
}

int page_keys_refresh(struct lape_db *db)
{
	struct page_cache *c;
	int dirty[2] = {0, 0};
	sqlite3_int64 last;
	bool own, index;
	int rc = LAPE_OK;

	for (int k = 0; k < 2 && rc == LAPE_OK; k++)
		rc = run_cached(db, refresh_sql[k][0], &dirty[k]);
	if (rc != LAPE_OK || (!dirty[0] && !dirty[1]))
		return rc;
	if (db_readonly(db))
		return PAGE_UNAVAILABLE;
	/* the rows moved: what the lists knew of them is gone */
	if ((c = cache_of(db)))
		c->gen++;
	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		return rc;
	/* the ranks' rows are not the caller's last insert */
	last = sqlite3_last_insert_rowid(db->sql);
	index = has_search_index(db);
	if (dirty[0])
		rc = person_keys_make(db, index);
	if (dirty[1] && rc == LAPE_OK)
		rc = group_keys_make(db, index, has_group_index(db));
	sqlite3_set_last_insert_rowid(db->sql, last);
	return db_txn_end(db, own, rc);
}

int page_search_scrub(struct lape_db *db)
{
	int rc = page_keys_refresh(db);

	if (rc == PAGE_UNAVAILABLE)
		rc = LAPE_OK;
	/* a removed entry is only marked so until its segments are merged */
	if (rc == LAPE_OK && has_search_index(db))
		rc = run_cached(db,
		                "INSERT INTO person_search(person_search) "
		                "VALUES ('optimize')",
		                NULL);
	return rc;
}

int page_keys_write(struct lape_db *db)
{
	int rc;

	/* a migration's commit on the way to format 8 */
	if (sqlite3_table_column_metadata(db->sql, "main", "person_key_dirty",
	                                  NULL, NULL, NULL, NULL, NULL,
	                                  NULL) != SQLITE_OK)
		return LAPE_OK;
	rc = page_keys_refresh(db);

	return rc == PAGE_UNAVAILABLE ? LAPE_OK : rc;
}

/* ---- the queries ------------------------------------------------------- */

/* What a list of KIND is filtered by, as the queries take it. */
struct page_filter {
	int kind;
	char *needle; /* folded search text, NULL for none */
	const char *region;
	int level, status;
	char *match; /* the needle as a query of person_search, or NULL */
};

/* The needle of SEARCH (NULL for a blank one), in *OUT; PAGE_UNAVAILABLE
 * when it holds the parts' separator. */
static int page_needle(struct lape_db *db, const char *search, char **out)
{
	size_t n;

	*out = NULL;
	if (db_blank(search))
		return LAPE_OK;
	*out = utf8_key(search, strlen(search), &n);
	if (!*out)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	if (memchr(*out, 1, n) || strlen(*out) != n) {
		free(*out);
		*out = NULL;
		return PAGE_UNAVAILABLE;
	}
	return LAPE_OK;
}

/* For a needle of three characters or more (a trigram), the query of
 * person_search that finds it, in *MATCH: the needle as one phrase,
 * which the index matches as a substring of a part of the search text.
 * NULL when the index cannot be used. */
static int search_match(struct lape_db *db, const char *needle, char **match)
{
	size_t chars = 0, len = 0;
	char *m;

	*match = NULL;
	if (!needle)
		return LAPE_OK;
	for (const char *p = needle; *p; p++, len++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			chars++;
	if (chars < 3 || !has_search_index(db))
		return LAPE_OK;
	if (!(m = malloc(2 * len + 3)))
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	*match = m;
	*m++ = '"';
	for (const char *p = needle; *p; p++) {
		if (*p == '"')
			*m++ = '"';
		*m++ = *p;
	}
	*m++ = '"';
	*m = '\0';
	return LAPE_OK;
}

static char *filter_sig(const struct page_filter *f)
{
	char *sig;

	if (asprintf(&sig, "%s|%d|%d|%s", f->region ? f->region : "-", f->level,
	             f->status, f->needle ? f->needle : "") < 0)
		return NULL;
	return sig;
}

/* The rows from the edge, forward (after the edge, in order) or backward
 * (before it, nearest first); no edge: from the start or the end.
 * ?1 edge key, ?2 edge id, ?3 limit, ?4 rows stepped over, ?5 needle,
 * ?6 region, ?7 level, ?8 status. */
#define PEOPLE_FROM                                                            \
	" FROM person_key k WHERE (?5 IS NULL OR instr(k.search, ?5) > 0)"
#define GROUPS_WHERE                                                           \
	"(?6 IS NULL OR g.region_code = ?6) "                                  \
	"AND (?7 < 0 OR g.level = CASE ?7 WHEN 1 THEN 'regional' "             \
	" ELSE 'municipal' END) "                                              \
	"AND (?8 < 0 OR g.status = CASE ?8 WHEN 1 THEN 'dissolved' "           \
	" ELSE 'active' END) "
#define GROUPS_FROM                                                            \
	" FROM group_key k JOIN lape_group g ON g.id = k.group_id "            \
	"WHERE " GROUPS_WHERE "AND (?5 IS NULL OR instr(k.search, ?5) > 0)"
/* A search of the groups whose matches are few, from their index (?5 its
 * query of group_search), the index first. */
#define GROUPS_FOUND_FROM                                                      \
	" FROM group_search f CROSS JOIN group_key k ON k.group_id = f.rowid " \
	"CROSS JOIN lape_group g ON g.id = k.group_id "                        \
	"WHERE group_search MATCH ?5 AND " GROUPS_WHERE
#define PAGE_QUERIES(from, id)                                                 \
	{                                                                      \
		"SELECT k.sort, k." id from " ORDER BY k.sort, k." id          \
		" LIMIT ?3 OFFSET ?4",                                         \
		    "SELECT k.sort, k." id from " AND (k.sort, k." id          \
		    ") > (?1, ?2) "                                            \
		    "ORDER BY k.sort, k." id " LIMIT ?3 OFFSET ?4",            \
		    "SELECT k.sort, k." id from " ORDER BY k.sort DESC, k." id \
		    " DESC LIMIT ?3 OFFSET ?4",                                \
		    "SELECT k.sort, k." id from " AND (k.sort, k." id          \
		    ") < (?1, ?2) "                                            \
		    "ORDER BY k.sort DESC, k." id " DESC LIMIT ?3 OFFSET ?4"   \
	}

enum { FROM_START, AFTER_ROW, FROM_END, BEFORE_ROW };

static const char *const page_sql[2][4] = {
    PAGE_QUERIES(PEOPLE_FROM, "person_id"),
    PAGE_QUERIES(GROUPS_FROM, "group_id"),
};
static const char *const groups_found_sql[4] =
    PAGE_QUERIES(GROUPS_FOUND_FROM, "group_id");

static const char *const count_sql[2] = {
    "SELECT count(*)" PEOPLE_FROM,
    "SELECT count(*)" GROUPS_FROM,
};
static const char groups_found_count_sql[] =
    "SELECT count(*)" GROUPS_FOUND_FROM;

/* The same, stopping at ?9 rows. */
static const char *const count_upto_sql[2] = {
    "SELECT count(*) FROM (SELECT 1" PEOPLE_FROM " LIMIT ?9)",
    "SELECT count(*) FROM (SELECT 1" GROUPS_FROM " LIMIT ?9)",
};
static const char groups_found_upto_sql[] =
    "SELECT count(*) FROM (SELECT 1" GROUPS_FOUND_FROM " LIMIT ?9)";

/* The people matching a search, from its index in rank order, as
 * page_sql (?5 the query of person_search); the index first, whatever
 * SQLite would guess of the tables' sizes. */
#define SEARCH_FROM                                                            \
	" FROM person_search f CROSS JOIN person_rank r ON r.rank = f.rowid "  \
	"CROSS JOIN person_key k ON k.person_id = r.person_id "                \
	"WHERE person_search MATCH ?5"
#define SEARCH_EDGE "(SELECT rank FROM person_rank WHERE person_id = ?2)"

static const char *const search_sql[4] = {
    "SELECT k.sort, k.person_id" SEARCH_FROM " ORDER BY f.rowid "
    "LIMIT ?3 OFFSET ?4",
    "SELECT k.sort, k.person_id" SEARCH_FROM " AND f.rowid > " SEARCH_EDGE
    " ORDER BY f.rowid LIMIT ?3 OFFSET ?4",
    "SELECT k.sort, k.person_id" SEARCH_FROM " ORDER BY f.rowid DESC "
    "LIMIT ?3 OFFSET ?4",
    "SELECT k.sort, k.person_id" SEARCH_FROM " AND f.rowid < " SEARCH_EDGE
    " ORDER BY f.rowid DESC LIMIT ?3 OFFSET ?4",
};

static const char search_count_sql[] =
    "SELECT count(*) FROM person_search WHERE person_search MATCH ?5";
static const char search_count_upto_sql[] =
    "SELECT count(*) FROM (SELECT 1 FROM person_search WHERE "
    "person_search MATCH ?5 LIMIT ?9)";

static int bind_filter(struct lape_db *db, sqlite3_stmt *st,
                       const struct page_filter *f)
{
	const char *needle = f->match ? f->match : f->needle;
	int rc = needle ? sqlite3_bind_text(st, 5, needle, -1, SQLITE_STATIC)
	                : sqlite3_bind_null(st, 5);

	if (f->kind == PAGE_GROUPS) {
		if (rc == SQLITE_OK)
			rc = f->region ? sqlite3_bind_text(st, 6, f->region, -1,
			                                   SQLITE_STATIC)
			               : sqlite3_bind_null(st, 6);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int(st, 7, f->level);
		if (rc == SQLITE_OK)
			rc = sqlite3_bind_int(st, 8, f->status);
	}
	return rc == SQLITE_OK ? LAPE_OK : db_fail_sqlite(db, rc);
}

/* Run query HOW from ROW (NULL: none), stepping over SKIP rows, LIMIT
 * rows into OUT (in the query's order); *GOT receives how many. */
static int page_query(struct lape_db *db, const struct page_filter *f, int how,
                      const struct page_row *row, size_t skip, size_t limit,
                      struct page_row *out, size_t *got)
{
	sqlite3_stmt *st =
	    db_prepare_cached(db,
	                      !f->match                ? page_sql[f->kind][how]
	                      : f->kind == PAGE_PEOPLE ? search_sql[how]
	                                               : groups_found_sql[how],
	                      NULL);
	int rc;

	*got = 0;
	if (!st)
		return LAPE_ERROR;
	rc = bind_filter(db, st, f);
	if (rc == LAPE_OK && row) {
		if (sqlite3_bind_blob64(st, 1, row->sort, row->len,
		                        SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_int64(st, 2, row->id) != SQLITE_OK)
			rc = db_fail_sqlite(db, SQLITE_ERROR);
	}
	if (rc == LAPE_OK &&
	    (sqlite3_bind_int64(st, 3, (sqlite3_int64)limit) != SQLITE_OK ||
	     sqlite3_bind_int64(st, 4, (sqlite3_int64)skip) != SQLITE_OK))
		rc = db_fail_sqlite(db, SQLITE_ERROR);
	while (rc == LAPE_OK && *got < limit &&
	       (rc = db_step(db, st)) == SQLITE_ROW) {
		struct page_row *r = &out[*got];
		size_t len = (size_t)sqlite3_column_bytes(st, 0);

		r->sort = malloc(len ? len : 1);
		if (!r->sort) {
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
			break;
		}
		if (len)
			memcpy(r->sort, sqlite3_column_blob(st, 0), len);
		r->len = len;
		r->id = sqlite3_column_int64(st, 1);
		++*got;
		rc = LAPE_OK;
	}
	db_release(db, st);
	return rc == SQLITE_DONE || rc == LAPE_OK ? LAPE_OK : rc;
}

/* The nearest way to rows OFFSET .. OFFSET + LIMIT - 1 from what S knows:
 * *HOW, the row to start from in *ROW (or none) and *SKIP rows to step
 * over; backward, *LIMIT may shrink to the rows there are. */
static void page_plan(const struct page_slot *s, size_t offset, size_t *limit,
                      int *how, const struct page_row **row, size_t *skip)
{
	*how = FROM_START;
	*row = NULL;
	*skip = offset;
	if (s->has_count && offset < s->count) {
		if (offset + *limit > s->count)
			*limit = s->count - offset;
		if (s->count - offset - *limit < *skip) {
			*how = FROM_END;
			*skip = s->count - offset - *limit;
		}
	}
	for (size_t i = 0; i<s->n && * skip> 0; i++) {
		size_t q = s->off + i;

		if (q < offset && offset - q - 1 < *skip) {
			*how = AFTER_ROW;
			*row = &s->rows[i];
			*skip = offset - q - 1;
		} else if (q >= offset + *limit &&
		           q - offset - *limit < *skip) {
			*how = BEFORE_ROW;
			*row = &s->rows[i];
			*skip = q - offset - *limit;
		}
	}
}

/* Rows OFFSET on, at most LIMIT of them, into S (which keeps them). */
static int page_read(struct lape_db *db, struct page_slot *s,
                     const struct page_filter *f, size_t offset, size_t limit)
{
	struct page_row *rows = calloc(limit ? limit : 1, sizeof *rows);
	const struct page_row *row;
	size_t skip, got = 0, want = limit;
	int how, rc;

	if (!rows)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	page_plan(s, offset, &want, &how, &row, &skip);
	rc = page_query(db, f, how, row, skip, want, rows, &got);
	if (rc == LAPE_OK && (how == FROM_END || how == BEFORE_ROW)) {
		if (got == want) {
			for (size_t i = 0; i < got / 2; i++) {
				struct page_row t = rows[i];
				rows[i] = rows[got - 1 - i];
				rows[got - 1 - i] = t;
			}
		} else {
			/* fewer rows before it than thought: from the start */
			for (size_t i = 0; i < got; i++)
				free(rows[i].sort);
			rc = page_query(db, f, FROM_START, NULL, offset, limit,
			                rows, &got);
		}
	}
	if (rc != LAPE_OK) {
		rows_free(rows, got);
		return rc;
	}
	slot_rows_free(s);
	s->rows = rows;
	s->n = got;
	s->off = offset;
	return LAPE_OK;
}

/* The list F: its slot, the keys made first.  PAGE_UNAVAILABLE when they
 * cannot be. */
static int page_open(struct lape_db *db, struct page_filter *f,
                     struct page_slot **out)
{
	char *sig;
	/* the old way where the keys cannot be made (another writer) */
	int rc = page_keys_refresh(db);

	*out = NULL;
	if (rc != LAPE_OK)
		return PAGE_UNAVAILABLE;
	sig = filter_sig(f);
	if (!sig)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	*out = slot_get(db, f->kind, sig);
	free(sig);
	return *out ? LAPE_OK
	            : db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
}

static int page_ids(struct lape_db *db, struct page_filter *f, size_t offset,
                    size_t limit, int64_t **ids, size_t *n)
{
	struct page_slot *s;
	int rc = page_open(db, f, &s);

	*ids = NULL;
	*n = 0;
	if (rc == LAPE_OK)
		rc = page_read(db, s, f, offset, limit);
	if (rc != LAPE_OK)
		return rc;
	*ids = malloc((s->n ? s->n : 1) * sizeof **ids);
	if (!*ids)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	for (size_t i = 0; i < s->n; i++)
		(*ids)[i] = s->rows[i].id;
	*n = s->n;
	return LAPE_OK;
}

/* The statement that counts the list F (UPTO: to ?9 at most). */
static const char *count_query(const struct page_filter *f, bool upto)
{
	if (!f->match)
		return upto ? count_upto_sql[f->kind] : count_sql[f->kind];
	if (f->kind == PAGE_PEOPLE)
		return upto ? search_count_upto_sql : search_count_sql;
	return upto ? groups_found_upto_sql : groups_found_count_sql;
}

/* The length of the list F in *COUNT.  With MAX (not 0), at most MAX
 * rows are counted: where there are more, *COUNT is MAX and *MORE true. */
static int page_count(struct lape_db *db, struct page_filter *f, size_t max,
                      size_t *count, bool *more)
{
	struct page_slot *s;
	sqlite3_stmt *st;
	int rc = page_open(db, f, &s);
	bool all =
	    !f->needle && (f->kind == PAGE_PEOPLE ||
	                   (!f->region && f->level < 0 && f->status < 0));
	bool upto = max > 0 && !all;

	*more = false;
	if (rc != LAPE_OK)
		return rc;
	if (s->has_count) {
		*count = s->count;
		if (upto && *count > max) {
			*count = max;
			*more = true;
		}
		return LAPE_OK;
	}
	st = db_prepare_cached(db,
	                       all ? "SELECT n FROM list_count WHERE kind = ?1"
	                           : count_query(f, upto),
	                       NULL);
	if (!st)
		return LAPE_ERROR;
	if (all)
		rc = sqlite3_bind_text(
		         st, 1, f->kind == PAGE_PEOPLE ? "person" : "group", -1,
		         SQLITE_STATIC) == SQLITE_OK
		         ? LAPE_OK
		         : db_fail_sqlite(db, SQLITE_ERROR);
	else
		rc = bind_filter(db, st, f);
	if (rc == LAPE_OK && upto &&
	    sqlite3_bind_int64(st, 9, (sqlite3_int64)max + 1) != SQLITE_OK)
		rc = db_fail_sqlite(db, SQLITE_ERROR);
	if (rc == LAPE_OK)
		rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		*count = (size_t)sqlite3_column_int64(st, 0);
		if (upto && *count > max) {
			/* not the list's length: page_plan() must not
			 * count back from its end */
			*count = max;
			*more = true;
		} else {
			s->count = *count;
			s->has_count = true;
		}
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = PAGE_UNAVAILABLE;
	}
	db_release(db, st);
	return rc;
}

/* ---- the lists ---------------------------------------------------------- */

static int person_filter_of(struct lape_db *db, const char *search,
                            struct page_filter *f)
{
	int rc;

	*f = (struct page_filter){PAGE_PEOPLE, NULL, NULL, -1, -1, NULL};
	rc = page_needle(db, search, &f->needle);
	return rc == LAPE_OK ? search_match(db, f->needle, &f->match) : rc;
}

static void filter_clear(struct page_filter *f)
{
	free(f->needle);
	free(f->match);
}

int page_person_ids(struct lape_db *db, const char *search, size_t offset,
                    size_t limit, int64_t **ids, size_t *n)
{
	struct page_filter f;
	int rc = person_filter_of(db, search, &f);

	*ids = NULL;
	*n = 0;
	if (rc == LAPE_OK)
		rc = page_ids(db, &f, offset, limit, ids, n);
	filter_clear(&f);
	return rc;
}

int page_person_count(struct lape_db *db, const char *search, size_t max,
                      size_t *count, bool *more)
{
	struct page_filter f;
	int rc = person_filter_of(db, search, &f);

	*more = false;
	if (rc == LAPE_OK)
		rc = page_count(db, &f, max, count, more);
	filter_clear(&f);
	return rc;
}

/* Whether the groups' index holds more than GROUP_FEW texts matching
 * MATCH (a query of group_search). */
static int groups_found_many(struct lape_db *db, const char *match, bool *many)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db,
	    "SELECT count(*) > ?2 FROM (SELECT 1 FROM group_search WHERE "
	    "group_search MATCH ?1 LIMIT ?2 + 1)",
	    "ti", match, (int64_t)GROUP_FEW);
	int rc = st ? db_step(db, st) : LAPE_ERROR;

	*many = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	db_release(db, st);
	return rc == SQLITE_ROW ? LAPE_OK : rc;
}

static int group_filter_of(struct lape_db *db, const struct group_filter *gf,
                           struct page_filter *f)
{
	bool many = true;
	int rc;

	*f = (struct page_filter){PAGE_GROUPS, NULL, NULL, -1, -1, NULL};
	if (gf) {
		f->region = gf->region;
		f->level = gf->level;
		f->status = gf->status;
	}
	rc = page_needle(db, gf ? gf->search : NULL, &f->needle);
	if (rc == LAPE_OK && f->needle && has_group_index(db))
		rc = search_match(db, f->needle, &f->match);
	if (rc == LAPE_OK && f->match)
		rc = groups_found_many(db, f->match, &many);
	if (rc != LAPE_OK || many) {
		free(f->match);
		f->match = NULL;
	}
	return rc;
}

int page_group_ids(struct lape_db *db, const struct group_filter *gf,
                   size_t offset, size_t limit, int64_t **ids, size_t *n)
{
	struct page_filter f;
	int rc = group_filter_of(db, gf, &f);

	*ids = NULL;
	*n = 0;
	if (rc == LAPE_OK)
		rc = page_ids(db, &f, offset, limit, ids, n);
	filter_clear(&f);
	return rc;
}

int page_group_count(struct lape_db *db, const struct group_filter *gf,
                     size_t max, size_t *count, bool *more)
{
	struct page_filter f;
	int rc = group_filter_of(db, gf, &f);

	*more = false;
	if (rc == LAPE_OK)
		rc = page_count(db, &f, max, count, more);
	filter_clear(&f);
	return rc;
}
