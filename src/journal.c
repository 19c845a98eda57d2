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
/* journal.c -- one changeset per write transaction, kept in the file with
 * its author, time and origin, and the ids of new rows allocated in this
 * file's own range.  db.c calls the hooks; the merge, the history and undo
 * read the entries. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lape/i18n.h"
#include "lape/journal.h"

const char *const journal_tables[JOURNAL_TABLES] = {
    "person", "lape_group", "group_municipality", "membership", "change_agent",
};

struct journal {
	sqlite3_session *session;
	bool paused;
	bool ready; /* the file has a journal (schema with journal table) */
	int64_t origin;
	char file_uuid[37];
	char family[37];
	char *note;
	char undoes[37];
	struct journal_table tables[JOURNAL_TABLES];
	sqlite3_stmt *new_id[JOURNAL_TABLES];
};

static struct journal *jr(struct lape_db *db)
{
	return db->journal;
}

/* ---- small helpers ----------------------------------------------------- */

void journal_uuid(char buf[37])
{
	unsigned char r[16];

	sqlite3_randomness(sizeof r, r);
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(buf, 37,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	         "%02x%02x%02x%02x%02x%02x",
	         r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9],
	         r[10], r[11], r[12], r[13], r[14], r[15]);
}

void journal_now(char buf[32])
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + strlen(buf), 32 - strlen(buf), ".%03dZ",
	         (int)(ts.tv_nsec / 1000000));
}

void journal_time_show(const char *at, char buf[20])
{
	struct tm tm = {0};
	time_t t;

	buf[0] = '\0';
	if (!at ||
	    sscanf(at, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
	           &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	if (!localtime_r(&t, &tm))
		return;
	strftime(buf, 20, "%Y-%m-%d %H:%M", &tm);
}

bool journal_value_equal(sqlite3_value *a, sqlite3_value *b)
{
	int ta, tb;

	if (!a || !b)
		return a == b;
	ta = sqlite3_value_type(a);
	tb = sqlite3_value_type(b);
	if (ta != tb)
		return false;
	switch (ta) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		const void *pa = ta == SQLITE_TEXT
		                     ? (const void *)sqlite3_value_text(a)
		                     : sqlite3_value_blob(a);
		const void *pb = ta == SQLITE_TEXT
		                     ? (const void *)sqlite3_value_text(b)
		                     : sqlite3_value_blob(b);
		int na = sqlite3_value_bytes(a), nb = sqlite3_value_bytes(b);

		return na == nb && (na == 0 || memcmp(pa, pb, (size_t)na) == 0);
	}
	}
}

void journal_entry_clear(struct journal_entry *e)
{
	free(e->os_user);
	free(e->origin);
	free(e->kind);
	free(e->note);
	free(e->undoes);
	free(e->merged_at);
	free(e->merged_from);
	free(e->changeset);
	memset(e, 0, sizeof *e);
}

/* ---- tables ------------------------------------------------------------ */

static void table_clear(struct journal_table *t)
{
	for (int i = 0; i < t->ncol; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->pk);
	memset(t, 0, sizeof *t);
}

static int col_index(const struct journal_table *t, const char *name)
{
	for (int i = 0; i < t->ncol; i++)
		if (strcmp(t->cols[i], name) == 0)
			return i;
	return -1;
}

static int table_load(struct lape_db *db, struct journal_table *t,
                      const char *name)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT name, pk FROM pragma_table_info(?)", "t", name);
	int rc, cap = 0;

	if (!st)
		return LAPE_ERROR;
	t->name = name;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (t->ncol == cap) {
			int ncap = cap ? cap * 2 : 16;
			char **c = realloc(t->cols, (size_t)ncap * sizeof *c);
			unsigned char *p;

			if (c)
				t->cols = c;
			p = c ? realloc(t->pk, (size_t)ncap) : NULL;
			if (!p) {
				rc = db_fail(db, LAPE_ERROR, NULL, "%s",
				             _("out of memory"));
				break;
			}
			t->pk = p;
			cap = ncap;
		}
		t->cols[t->ncol] = db_column_dup(st, 0);
		t->pk[t->ncol] = sqlite3_column_int(st, 1) > 0;
		if (!t->cols[t->ncol]) {
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
			break;
		}
		t->ncol++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc < 0 ? rc : LAPE_ERROR;
	if (strcmp(name, "person") == 0)
		t->person_col = col_index(t, "id");
	else
		t->person_col = col_index(t, "person_id");
	if (strcmp(name, "lape_group") == 0)
		t->group_col = col_index(t, "id");
	else
		t->group_col = col_index(t, "group_id");
	return LAPE_OK;
}

const struct journal_table *journal_table(struct lape_db *db, const char *name)
{
	struct journal *j = jr(db);

	if (!j || !j->ready)
		return NULL;
	for (int i = 0; i < JOURNAL_TABLES; i++)
		if (strcmp(journal_tables[i], name) == 0)
			return &j->tables[i];
	return NULL;
}

const char *journal_file_uuid(struct lape_db *db)
{
	return jr(db) ? jr(db)->file_uuid : "";
}

const char *journal_family(struct lape_db *db)
{
	return jr(db) ? jr(db)->family : "";
}

int64_t journal_origin(struct lape_db *db)
{
	return jr(db) ? jr(db)->origin : 0;
}

/* ---- ids in this file's range ----------------------------------------- */

/* lape_new_id(TABLE): the next free id of TABLE in this file's range, so
 * that rows made in different copies of a file never share an id. */
static void sql_new_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct journal *j = sqlite3_user_data(ctx);
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	sqlite3 *sql = sqlite3_context_db_handle(ctx);
	int64_t lo, hi, id;
	int k = -1;

	(void)argc;
	for (int i = 0; t && i < JOURNAL_TABLES; i++)
		if (strcmp(journal_tables[i], t) == 0)
			k = i;
	if (k < 0 || strcmp(t, "group_municipality") == 0) {
		sqlite3_result_error(ctx, "lape_new_id: not a table with ids",
		                     -1);
		return;
	}
	if (!j->new_id[k]) {
		char q[128];

		snprintf(q, sizeof q,
		         "SELECT max(id) FROM \"%s\" WHERE id BETWEEN ? AND ?",
		         journal_tables[k]);
		if (sqlite3_prepare_v3(sql, q, -1, SQLITE_PREPARE_PERSISTENT,
		                       &j->new_id[k], NULL) != SQLITE_OK) {
			sqlite3_result_error(ctx, sqlite3_errmsg(sql), -1);
			return;
		}
	}
	lo = j->origin == 0 ? 1 : j->origin << 32;
	hi = (j->origin << 32) | INT64_C(0xffffffff);
	sqlite3_bind_int64(j->new_id[k], 1, lo);
	sqlite3_bind_int64(j->new_id[k], 2, hi);
	if (sqlite3_step(j->new_id[k]) != SQLITE_ROW) {
		sqlite3_result_error(ctx, sqlite3_errmsg(sql), -1);
		sqlite3_reset(j->new_id[k]);
		return;
	}
	id = sqlite3_column_type(j->new_id[k], 0) == SQLITE_NULL
	         ? lo
	         : sqlite3_column_int64(j->new_id[k], 0) + 1;
	sqlite3_reset(j->new_id[k]);
	if (id > hi) {
		sqlite3_result_error(ctx, "lape_new_id: range full", -1);
		return;
	}
	sqlite3_result_int64(ctx, id);
}

/* ---- opening ----------------------------------------------------------- */

static int load_identity(struct lape_db *db, struct journal *j)
{
	char *v = NULL;
	int rc;

	rc = db_meta_lookup(db, "file_uuid", &v);
	if (rc != LAPE_OK)
		return rc;
	if (!v) /* an older file opened read-only: no journal */
		return LAPE_OK;
	snprintf(j->file_uuid, sizeof j->file_uuid, "%s", v);
	free(v);
	if ((rc = db_meta_lookup(db, "family", &v)) != LAPE_OK)
		return rc;
	snprintf(j->family, sizeof j->family, "%s", v ? v : "");
	free(v);
	if ((rc = db_meta_lookup(db, "origin", &v)) != LAPE_OK)
		return rc;
	j->origin = v ? strtoll(v, NULL, 10) : 0;
	free(v);
	if (j->origin < 0 || j->origin > INT32_MAX)
		j->origin = 0;
	for (int i = 0; i < JOURNAL_TABLES; i++) {
		rc = table_load(db, &j->tables[i], journal_tables[i]);
		if (rc != LAPE_OK)
			return rc;
	}
	j->ready = true;
	return LAPE_OK;
}

int journal_open(struct lape_db *db)
{
	struct journal *j = calloc(1, sizeof *j);
	int rc;

	if (!j)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	db->journal = j;
	rc = sqlite3_create_function_v2(db->sql, "lape_new_id", 1,
	                                SQLITE_UTF8 | SQLITE_DIRECTONLY, j,
	                                sql_new_id, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	return load_identity(db, j);
}

void journal_close(struct lape_db *db)
{
	struct journal *j = jr(db);

	if (!j)
		return;
	journal_end(db); /* the session and the note */
	for (int i = 0; i < JOURNAL_TABLES; i++) {
		sqlite3_finalize(j->new_id[i]);
		table_clear(&j->tables[i]);
	}
	free(j);
	db->journal = NULL;
}

void journal_pause(struct lape_db *db, bool paused)
{
	if (jr(db))
		jr(db)->paused = paused;
}

int journal_set_note(struct lape_db *db, const char *note)
{
	struct journal *j = jr(db);

	if (!j)
		return LAPE_OK;
	free(j->note);
	j->note = NULL;
	if (note && !(j->note = strdup(note)))
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	return LAPE_OK;
}

int journal_set_undo(struct lape_db *db, const char *uuid)
{
	struct journal *j = jr(db);

	if (j)
		snprintf(j->undoes, sizeof j->undoes, "%s", uuid ? uuid : "");
	return LAPE_OK;
}

/* ---- the session of one transaction ------------------------------------ */

int journal_begin(struct lape_db *db)
{
	struct journal *j = jr(db);
	int rc;

	if (!j || !j->ready || j->paused)
		return LAPE_OK;
	if (j->session) {
		sqlite3session_delete(j->session);
		j->session = NULL;
	}
	rc = sqlite3session_create(db->sql, "main", &j->session);
	for (int i = 0; rc == SQLITE_OK && i < JOURNAL_TABLES; i++)
		rc = sqlite3session_attach(j->session, journal_tables[i]);
	if (rc != SQLITE_OK) {
		journal_end(db);
		return db_fail_sqlite(db, rc);
	}
	return LAPE_OK;
}

void journal_end(struct lape_db *db)
{
	struct journal *j = jr(db);

	if (!j)
		return;
	if (j->session)
		sqlite3session_delete(j->session);
	j->session = NULL;
	free(j->note);
	j->note = NULL;
	j->undoes[0] = '\0';
}

/* The primary key of a changed row as text ("12", "12|091"), and the group
 * and person it is about, for the history's look-ups. */
static void row_keys(sqlite3_changeset_iter *it, const struct journal_table *t,
                     int op, char *pk, size_t pklen, sqlite3_value **group,
                     sqlite3_value **person)
{
	size_t n = 0;

	pk[0] = '\0';
	*group = *person = NULL;
	for (int c = 0; c < t->ncol; c++) {
		sqlite3_value *v = NULL;

		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, c, &v);
		else
			sqlite3changeset_old(it, c, &v);
		if (op == SQLITE_UPDATE && !v)
			sqlite3changeset_new(it, c, &v);
		if (t->pk[c] && v) {
			const char *s = (const char *)sqlite3_value_text(v);

			n += (size_t)snprintf(pk + n, n < pklen ? pklen - n : 0,
			                      "%s%s", n ? "|" : "", s ? s : "");
		}
		if (c == t->group_col)
			*group = v;
		if (c == t->person_col)
			*person = v;
	}
}

/* The value of column COL of the row with primary key PK (an integer id)
 * as it is now, for an update that did not change it. */
static int64_t current_ref(struct lape_db *db, const struct journal_table *t,
                           int col, const char *pk)
{
	char q[160];
	sqlite3_stmt *st;
	int64_t v = 0;

	if (strchr(pk, '|') || col < 0)
		return 0;
	snprintf(q, sizeof q, "SELECT \"%s\" FROM \"%s\" WHERE id = ?",
	         t->cols[col], t->name);
	st = db_prepare_cached(db, q, "i", (int64_t)strtoll(pk, NULL, 10));
	if (!st)
		return 0;
	if (db_step(db, st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	db_release(db, st);
	return v;
}

/* Index the rows changed by entry ID so that the history of a group or a
 * person finds it without reading every changeset. */
static int index_rows(struct lape_db *db, int64_t id, const void *cs, int n)
{
	sqlite3_changeset_iter *it;
	int rc;

	if (n <= 0)
		return LAPE_OK;
	rc = sqlite3changeset_start(&it, n, (void *)cs);
	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *tname;
		int ncol, op, ind;
		const struct journal_table *t;
		sqlite3_value *g, *p;
		char pk[128];
		int64_t gid, pid;

		sqlite3changeset_op(it, &tname, &ncol, &op, &ind);
		t = journal_table(db, tname);
		if (!t || t->ncol != ncol)
			continue;
		row_keys(it, t, op, pk, sizeof pk, &g, &p);
		gid = g ? sqlite3_value_int64(g) : 0;
		pid = p ? sqlite3_value_int64(p) : 0;
		if (op == SQLITE_UPDATE && !g && t->group_col >= 0)
			gid = current_ref(db, t, t->group_col, pk);
		if (op == SQLITE_UPDATE && !p && t->person_col >= 0)
			pid = current_ref(db, t, t->person_col, pk);
		rc = db_exec(db,
		             "INSERT INTO journal_row(entry_id, tbl, pk, "
		             "group_id, person_id) VALUES (?, ?, ?, ?, ?)",
		             "ittII", id, tname, pk, gid, pid);
		/* A seat given to another person, a member moved to another
		 * group: in the history of both. */
		if (rc == LAPE_OK && op == SQLITE_UPDATE) {
			sqlite3_value *ng = NULL, *np = NULL;

			if (t->group_col >= 0)
				sqlite3changeset_new(it, t->group_col, &ng);
			if (t->person_col >= 0)
				sqlite3changeset_new(it, t->person_col, &np);
			if ((ng && sqlite3_value_int64(ng) != gid) ||
			    (np && sqlite3_value_int64(np) != pid))
				rc =
				    db_exec(db,
				            "INSERT INTO journal_row(entry_id, "
				            "tbl, pk, "
				            "group_id, person_id) VALUES (?, "
				            "?, ?, ?, ?)",
				            "ittII", id, tname, pk,
				            ng ? sqlite3_value_int64(ng) : gid,
				            np ? sqlite3_value_int64(np) : pid);
		}
		if (rc != LAPE_OK) {
			sqlite3changeset_finalize(it);
			return rc;
		}
	}
	rc = sqlite3changeset_finalize(it);
	return rc == SQLITE_OK ? LAPE_OK : db_fail_sqlite(db, rc);
}

int journal_insert(struct lape_db *db, const struct journal_entry *e)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	st = db_prepare_cached(
	    db,
	    "INSERT INTO journal(uuid, at, os_user, origin, kind, note, "
	    "merged_at, merged_from, undoes, changeset) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "ttttttttt", e->uuid, e->at, e->os_user, e->origin,
	    e->kind ? e->kind : "change", e->note, e->merged_at, e->merged_from,
	    e->undoes);
	if (!st)
		return LAPE_ERROR;
	if (e->nchangeset > 0)
		sqlite3_bind_blob(st, 10, e->changeset, e->nchangeset,
		                  SQLITE_STATIC);
	else /* an entry that changed nothing here: known, not NULL */
		sqlite3_bind_zeroblob(st, 10, 0);
	rc = db_step(db, st);
	db_release(db, st);
	if (rc != SQLITE_DONE)
		return rc < 0 ? rc : LAPE_ERROR;
	id = sqlite3_last_insert_rowid(db->sql);
	return index_rows(db, id, e->changeset, e->nchangeset);
}

int journal_has(struct lape_db *db, const char *uuid, bool *found)
{
	return db_found(
	    db,
	    db_prepare_cached(db, "SELECT 1 FROM journal WHERE uuid = ?", "t",
	                      uuid),
	    found);
}

char *journal_user(struct lape_db *db)
{
	return db_first_text(db,
	                     db_prepare_cached(db, "SELECT lape_user()", NULL));
}

int journal_commit(struct lape_db *db)
{
	struct journal *j = jr(db);
	struct journal_entry e = {0};
	void *cs = NULL;
	sqlite3_int64 last;
	int n = 0, rc;

	if (!j || !j->session)
		return LAPE_OK;
	if (sqlite3session_isempty(j->session)) {
		journal_end(db);
		return LAPE_OK;
	}
	rc = sqlite3session_changeset(j->session, &n, &cs);
	if (rc != SQLITE_OK) {
		journal_end(db);
		return db_fail_sqlite(db, rc);
	}
	/* The session stops recording: the journal rows are not records. */
	sqlite3session_enable(j->session, 0);
	if (n == 0) { /* changes that undid themselves */
		sqlite3_free(cs);
		journal_end(db);
		return LAPE_OK;
	}
	/* The caller may still ask for its last insert's id. */
	last = sqlite3_last_insert_rowid(db->sql);
	journal_uuid(e.uuid);
	journal_now(e.at);
	e.os_user = journal_user(db);
	e.origin = j->file_uuid;
	e.note = j->note;
	if (j->undoes[0]) {
		e.kind = "undo";
		e.undoes = j->undoes;
	}
	e.changeset = cs;
	e.nchangeset = n;
	rc = e.os_user
	         ? journal_insert(db, &e)
	         : db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	free(e.os_user);
	sqlite3_free(cs);
	journal_end(db);
	sqlite3_set_last_insert_rowid(db->sql, last);
	return rc;
}

void journal_row_pk(sqlite3_changeset_iter *it, const struct journal_table *t,
                    char *pk, size_t len)
{
	sqlite3_value *g, *p;
	const char *tn;
	int ncol, op, ind;

	sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
	row_keys(it, t, op, pk, len, &g, &p);
}

/* Whether the op at IT touches column C (-1: the row at all). */
static bool op_touches(sqlite3_changeset_iter *it, int op, int c)
{
	sqlite3_value *v = NULL;

	if (c < 0 || op != SQLITE_UPDATE)
		return true;
	sqlite3changeset_new(it, c, &v);
	return v != NULL;
}

int journal_last_writer(struct lape_db *db, const char *table, const char *pk,
                        int col, int64_t before, char uuid[37], char **user,
                        char **at, int64_t *entry_id)
{
	const struct journal_table *t = journal_table(db, table);
	sqlite3_stmt *st;
	int rc;

	uuid[0] = '\0';
	*user = *at = NULL;
	if (entry_id)
		*entry_id = 0;
	if (!t)
		return LAPE_OK;
	st =
	    db_prepare(db,
	               "SELECT j.uuid, j.os_user, j.at, j.changeset, j.id "
	               "FROM journal_row r JOIN journal j ON j.id = r.entry_id "
	               "WHERE r.tbl = ? AND r.pk = ? AND (?3 = 0 OR j.id < ?3) "
	               "ORDER BY r.entry_id DESC",
	               "tti", table, pk, before);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		sqlite3_changeset_iter *it;
		bool hit = false;

		if (sqlite3changeset_start(
		        &it, sqlite3_column_bytes(st, 3),
		        (void *)sqlite3_column_blob(st, 3)) != SQLITE_OK)
			continue;
		while (!hit && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *tn;
			int ncol, op, ind;
			char p[128];

			sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
			if (strcmp(tn, table) != 0 || ncol != t->ncol)
				continue;
			journal_row_pk(it, t, p, sizeof p);
			hit = strcmp(p, pk) == 0 && op_touches(it, op, col);
		}
		sqlite3changeset_finalize(it);
		if (hit) {
			snprintf(uuid, 37, "%s",
			         (const char *)sqlite3_column_text(st, 0));
			*user = db_column_dup(st, 1);
			*at = db_column_dup(st, 2);
			if (entry_id)
				*entry_id = sqlite3_column_int64(st, 4);
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? LAPE_OK : rc;
}

sqlite3_value **journal_op_row(sqlite3_changeset_iter *it, int ncol, bool new)
{
	sqlite3_value **r = calloc((size_t)ncol, sizeof *r);

	for (int c = 0; r && c < ncol; c++) {
		sqlite3_value *v = NULL;

		if (new)
			sqlite3changeset_new(it, c, &v);
		else
			sqlite3changeset_old(it, c, &v);
		r[c] = v ? sqlite3_value_dup(v) : NULL;
	}
	return r;
}

sqlite3_value **journal_stmt_row(sqlite3_stmt *st, int ncol)
{
	sqlite3_value **r = calloc((size_t)ncol, sizeof *r);

	for (int c = 0; r && c < ncol; c++)
		r[c] = sqlite3_value_dup(sqlite3_column_value(st, c));
	return r;
}

void journal_row_free(sqlite3_value **row, int ncol)
{
	if (!row)
		return;
	for (int i = 0; i < ncol; i++)
		sqlite3_value_free(row[i]);
	free(row);
}
