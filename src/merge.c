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
/* merge.c -- replay another copy's journal entries here, field by field.
 *
 * Each entry of the other file that this file has not seen is replayed in
 * the other file's order: first its additions and changes (parents before
 * the rows that refer to them, with foreign keys deferred), then the
 * references it leaves are checked, then its removals (rows that refer to
 * others first).  A change goes in when this file still has the value the
 * change started from; when this file has another value, the field was
 * changed here too: a conflict, unless the other file had already seen
 * this file's change (it merged it before), when the other file's value is
 * the decision already made.  The entry is then stored here under its own
 * uuid, author and time, with what it actually changed here. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"

/* A row's values, one per column (sqlite3_value_dup copies, or NULL). */
typedef sqlite3_value **row_t;

struct fk {
	int col;          /* the referring column */
	char *parent;     /* the table referred to */
	char *parent_col; /* its column */
	int parent_idx;   /* in journal_tables, or -1 (reference data) */
};

struct child {
	int table;   /* the referring table (journal_tables index) */
	int col;     /* its column */
	bool remove; /* ON DELETE CASCADE or RESTRICT: in use, not cleared */
};

struct mtable {
	const struct journal_table *jt;
	int version_col, updated_col, created_col;
	struct fk *fks;
	int nfk;
	struct child *children;
	int nchild;
	char *where_pk; /* "id = ?1" or "group_id = ?1 AND ..." */
	char *select_sql, *insert_sql, *replace_sql, *delete_sql;
	int npk;
	int *pk_cols;
};

struct merge {
	struct lape_db *db;    /* here */
	struct lape_db *other; /* there */
	char *path;
	bool server_here;
	struct journal_entry *entries;
	size_t nentries;
	struct mtable tables[JOURNAL_TABLES];
	struct merge_conflict *conflicts;
	size_t nconflicts, capconflicts;
	struct merge_change *changes;
	size_t nchanges, capchanges;
	/* the decisions of the last plan, by conflict identity */
	struct merge_conflict *decided;
	size_t ndecided;
	enum merge_choice default_choice; /* for conflicts not decided */
	/* The entry being replayed did not go in exactly as it was made
	 * there: what it changed here must be recorded as such. */
	bool deviated;
	const struct journal_entry *cur; /* the entry being replayed */
	char now[32];
};

/* ---- small helpers ----------------------------------------------------- */

static int oom(struct lape_db *db)
{
	return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
}

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* A value as people read it: NULL for SQL NULL. */
static char *value_text(sqlite3_value *v)
{
	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	return xstrdup((const char *)sqlite3_value_text(v));
}

static bool bookkeeping(const struct mtable *t, int c)
{
	return c == t->version_col || c == t->updated_col ||
	       c == t->created_col;
}

static int table_index(const char *name)
{
	for (int i = 0; i < JOURNAL_TABLES; i++)
		if (strcmp(journal_tables[i], name) == 0)
			return i;
	return -1;
}

/* ---- the tables' shape ------------------------------------------------- */

static int load_fks(struct merge *m, int k)
{
	struct mtable *t = &m->tables[k];
	sqlite3_stmt *st =
	    db_prepare(m->db,
	               "SELECT \"from\", \"table\", \"to\", on_delete "
	               "FROM pragma_foreign_key_list(?)",
	               "t", journal_tables[k]);
	int rc;

	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(m->db, st)) == SQLITE_ROW) {
		const char *from = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 1);
		const char *to = (const char *)sqlite3_column_text(st, 2);
		struct fk *f =
		    realloc(t->fks, (size_t)(t->nfk + 1) * sizeof *f);
		int col = -1;

		if (!f) {
			sqlite3_finalize(st);
			return oom(m->db);
		}
		t->fks = f;
		for (int c = 0; from && c < t->jt->ncol; c++)
			if (strcmp(t->jt->cols[c], from) == 0)
				col = c;
		if (col < 0 || !parent)
			continue;
		f = &t->fks[t->nfk++];
		f->col = col;
		f->parent = xstrdup(parent);
		f->parent_col = xstrdup(to ? to : "id");
		f->parent_idx = table_index(parent);
		if (!f->parent || !f->parent_col) {
			sqlite3_finalize(st);
			return oom(m->db);
		}
		if (f->parent_idx >= 0) {
			struct mtable *p = &m->tables[f->parent_idx];
			const char *act =
			    (const char *)sqlite3_column_text(st, 3);
			struct child *ch = realloc(
			    p->children, (size_t)(p->nchild + 1) * sizeof *ch);

			if (!ch) {
				sqlite3_finalize(st);
				return oom(m->db);
			}
			p->children = ch;
			ch[p->nchild].table = k;
			ch[p->nchild].col = col;
			ch[p->nchild].remove =
			    act && (strcmp(act, "CASCADE") == 0 ||
			            strcmp(act, "RESTRICT") == 0 ||
			            strcmp(act, "NO ACTION") == 0);
			p->nchild++;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LAPE_OK : LAPE_ERROR;
}

/* The statements run on every row, built once. */
static int build_sql(struct mtable *t)
{
	size_t len = 256 + strlen(t->where_pk), n;
	char *cols, *marks;

	for (int c = 0; c < t->jt->ncol; c++)
		len += strlen(t->jt->cols[c]) + 8;
	cols = malloc(len);
	marks = malloc(len);
	t->select_sql = malloc(len * 2);
	t->insert_sql = malloc(len * 2);
	t->replace_sql = malloc(len * 2);
	t->delete_sql = malloc(len);
	if (!cols || !marks || !t->select_sql || !t->insert_sql ||
	    !t->replace_sql || !t->delete_sql) {
		free(cols);
		free(marks);
		return -1;
	}
	cols[0] = marks[0] = '\0';
	n = 0;
	for (int c = 0; c < t->jt->ncol; c++)
		n += (size_t)sprintf(cols + n, "%s\"%s\"", c ? ", " : "",
		                     t->jt->cols[c]);
	n = 0;
	for (int c = 0; c < t->jt->ncol; c++)
		n += (size_t)sprintf(marks + n, "%s?", c ? ", " : "");
	sprintf(t->select_sql, "SELECT %s FROM \"%s\" WHERE %s", cols,
	        t->jt->name, t->where_pk);
	sprintf(t->insert_sql, "INSERT INTO \"%s\"(%s) VALUES (%s)",
	        t->jt->name, cols, marks);
	sprintf(t->replace_sql, "INSERT OR REPLACE INTO \"%s\"(%s) VALUES (%s)",
	        t->jt->name, cols, marks);
	sprintf(t->delete_sql, "DELETE FROM \"%s\" WHERE %s", t->jt->name,
	        t->where_pk);
	free(cols);
	free(marks);
	return 0;
}

static int load_tables(struct merge *m)
{
	for (int k = 0; k < JOURNAL_TABLES; k++) {
		struct mtable *t = &m->tables[k];
		const struct journal_table *there =
		    journal_table(m->other, journal_tables[k]);
		size_t len = 1;

		t->jt = journal_table(m->db, journal_tables[k]);
		if (!t->jt || !there || there->ncol != t->jt->ncol)
			return db_fail(m->db, LAPE_ERROR, NULL,
			               _("%s: its records are not laid out as "
			                 "this data file's"),
			               m->path);
		t->version_col = t->updated_col = t->created_col = -1;
		t->pk_cols = calloc((size_t)t->jt->ncol, sizeof *t->pk_cols);
		if (!t->pk_cols)
			return oom(m->db);
		for (int c = 0; c < t->jt->ncol; c++) {
			const char *n = t->jt->cols[c];

			if (strcmp(n, there->cols[c]) != 0)
				return db_fail(m->db, LAPE_ERROR, NULL,
				               _("%s: its records are not laid "
				                 "out as this data file's"),
				               m->path);
			if (strcmp(n, "version") == 0)
				t->version_col = c;
			else if (strcmp(n, "updated") == 0)
				t->updated_col = c;
			else if (strcmp(n, "created") == 0)
				t->created_col = c;
			if (t->jt->pk[c]) {
				t->pk_cols[t->npk++] = c;
				len += strlen(n) + 16;
			}
		}
		t->where_pk = malloc(len);
		if (!t->where_pk)
			return oom(m->db);
		t->where_pk[0] = '\0';
		for (int i = 0, n = 0; i < t->npk; i++)
			n += sprintf(t->where_pk + n, "%s\"%s\" = ?%d",
			             i ? " AND " : "",
			             t->jt->cols[t->pk_cols[i]], i + 1);
		if (build_sql(t) != 0)
			return oom(m->db);
	}
	for (int k = 0; k < JOURNAL_TABLES; k++) {
		int rc = load_fks(m, k);

		if (rc != LAPE_OK)
			return rc;
	}
	return LAPE_OK;
}

static void tables_free(struct merge *m)
{
	for (int k = 0; k < JOURNAL_TABLES; k++) {
		struct mtable *t = &m->tables[k];

		for (int i = 0; i < t->nfk; i++) {
			free(t->fks[i].parent);
			free(t->fks[i].parent_col);
		}
		free(t->fks);
		free(t->children);
		free(t->where_pk);
		free(t->select_sql);
		free(t->insert_sql);
		free(t->replace_sql);
		free(t->delete_sql);
		free(t->pk_cols);
	}
}

/* ---- rows -------------------------------------------------------------- */

/* The row of table K with the primary key in PK (values by column, only
 * the key's used) in DB: *OUT (NULL when there is none). */
static int row_get(struct merge *m, struct lape_db *db, int k, row_t pk,
                   row_t *out)
{
	struct mtable *t = &m->tables[k];
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	st = db_prepare_cached(db, t->select_sql, NULL);
	if (!st)
		return db == m->db ? LAPE_ERROR
		                   : db_fail(m->db, LAPE_ERROR, NULL, "%s: %s",
		                             m->path, db_errmsg(db));
	for (int i = 0; i < t->npk; i++)
		sqlite3_bind_value(st, i + 1, pk[t->pk_cols[i]]);
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		row_t r = journal_stmt_row(st, t->jt->ncol);

		if (!r) {
			db_release(db, st);
			return oom(m->db);
		}
		*out = r;
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = LAPE_OK;
	}
	db_release(db, st);
	if (rc != LAPE_OK && db != m->db)
		return db_fail(m->db, rc, NULL, "%s: %s", m->path,
		               db_errmsg(db));
	return rc;
}

/* Write the whole row ROW into table K here (insert, or replace). */
static int row_put(struct merge *m, int k, row_t row, bool replace)
{
	struct mtable *t = &m->tables[k];
	sqlite3_stmt *st;
	int rc;

	st = db_prepare_cached(m->db, replace ? t->replace_sql : t->insert_sql,
	                       NULL);
	if (!st)
		return LAPE_ERROR;
	for (int c = 0; c < t->jt->ncol; c++)
		sqlite3_bind_value(st, c + 1, row[c]);
	rc = db_step(m->db, st);
	db_release(m->db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* Set column C of the row PK of table K here to V. */
static int row_set(struct merge *m, int k, row_t pk, int c, sqlite3_value *v)
{
	struct mtable *t = &m->tables[k];
	char sql[512];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof sql, "UPDATE \"%s\" SET \"%s\" = ?%d WHERE %s",
	         t->jt->name, t->jt->cols[c], t->npk + 1, t->where_pk);
	st = db_prepare_cached(m->db, sql, NULL);
	if (!st)
		return LAPE_ERROR;
	for (int i = 0; i < t->npk; i++)
		sqlite3_bind_value(st, i + 1, pk[t->pk_cols[i]]);
	sqlite3_bind_value(st, t->npk + 1, v);
	rc = db_step(m->db, st);
	db_release(m->db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* After fields of a row changed: a new version (so that a form opened
 * before the merge says it changed), and the time of the change. */
static int row_bump(struct merge *m, int k, row_t pk)
{
	struct mtable *t = &m->tables[k];
	char sql[512];
	sqlite3_stmt *st;
	int rc;

	if (t->version_col < 0 && t->updated_col < 0)
		return LAPE_OK;
	if (t->version_col >= 0 && t->updated_col >= 0)
		snprintf(sql, sizeof sql,
		         "UPDATE \"%s\" SET version = version + 1, "
		         "updated = ?%d WHERE %s",
		         t->jt->name, t->npk + 1, t->where_pk);
	else if (t->updated_col >= 0)
		snprintf(sql, sizeof sql,
		         "UPDATE \"%s\" SET updated = ?%d WHERE %s",
		         t->jt->name, t->npk + 1, t->where_pk);
	else
		snprintf(sql, sizeof sql,
		         "UPDATE \"%s\" SET version = version + 1 WHERE %s",
		         t->jt->name, t->where_pk);
	st = db_prepare_cached(m->db, sql, NULL);
	if (!st)
		return LAPE_ERROR;
	for (int i = 0; i < t->npk; i++)
		sqlite3_bind_value(st, i + 1, pk[t->pk_cols[i]]);
	if (t->updated_col >= 0)
		sqlite3_bind_text(st, t->npk + 1, m->cur->at, -1,
		                  SQLITE_STATIC);
	rc = db_step(m->db, st);
	db_release(m->db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

static int row_delete(struct merge *m, int k, row_t pk)
{
	struct mtable *t = &m->tables[k];
	sqlite3_stmt *st;
	int rc;

	st = db_prepare_cached(m->db, t->delete_sql, NULL);
	if (!st)
		return LAPE_ERROR;
	for (int i = 0; i < t->npk; i++)
		sqlite3_bind_value(st, i + 1, pk[t->pk_cols[i]]);
	rc = db_step(m->db, st);
	db_release(m->db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* Whether a row of TABLE has COL = V in DB. */
static int exists(struct lape_db *db, const char *table, const char *col,
                  sqlite3_value *v, bool *found)
{
	char sql[256];
	sqlite3_stmt *st;

	snprintf(sql, sizeof sql, "SELECT 1 FROM \"%s\" WHERE \"%s\" = ?",
	         table, col);
	st = db_prepare_cached(db, sql, NULL);
	if (!st)
		return LAPE_ERROR;
	sqlite3_bind_value(st, 1, v);
	return db_found(db, st, found);
}

static char *pk_text(const struct mtable *t, row_t row)
{
	char buf[256];
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < t->npk; i++) {
		sqlite3_value *v = row[t->pk_cols[i]];
		const char *s = v ? (const char *)sqlite3_value_text(v) : NULL;

		n += (size_t)snprintf(buf + n,
		                      n < sizeof buf ? sizeof buf - n : 0,
		                      "%s%s", i ? "|" : "", s ? s : "");
	}
	return strdup(buf);
}

/* ---- how people name a record ------------------------------------------ */

static const char *col_text(const struct mtable *t, row_t row, const char *col)
{
	for (int c = 0; row && c < t->jt->ncol; c++)
		if (strcmp(t->jt->cols[c], col) == 0 && row[c])
			return (const char *)sqlite3_value_text(row[c]);
	return NULL;
}

static sqlite3_value *col_value(const struct mtable *t, row_t row,
                                const char *col)
{
	for (int c = 0; row && c < t->jt->ncol; c++)
		if (strcmp(t->jt->cols[c], col) == 0)
			return row[c];
	return NULL;
}

/* A person's name from a person row: "Given Surname", or the one name. */
static char *person_name(const struct mtable *t, row_t row)
{
	const char *name = col_text(t, row, "name");
	const char *sur = col_text(t, row, "surname");
	const char *given = col_text(t, row, "given_names");
	char *out;

	if (name && *name)
		return strdup(name);
	if (!sur)
		return NULL;
	if (!given || !*given)
		return strdup(sur);
	out = malloc(strlen(given) + strlen(sur) + 2);
	if (out)
		sprintf(out, "%s %s", given, sur);
	return out;
}

/* The row of K with id V, here or else there, for its name. */
static char *name_of(struct merge *m, int k, sqlite3_value *v)
{
	struct mtable *t = &m->tables[k];
	row_t key, row = NULL;
	char *out = NULL;

	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	key = calloc((size_t)t->jt->ncol, sizeof *key);
	if (!key)
		return NULL;
	key[t->pk_cols[0]] = v;
	if (row_get(m, m->db, k, key, &row) == LAPE_OK && !row)
		row_get(m, m->other, k, key, &row);
	free(key);
	if (!row)
		return NULL;
	if (k == table_index("person"))
		out = person_name(t, row);
	else
		out = xstrdup(col_text(t, row, "name"));
	journal_row_free(row, t->jt->ncol);
	return out;
}

static char *join2(const char *a, const char *sep, const char *b)
{
	char *out;

	if (!a)
		a = "?";
	if (!b)
		return strdup(a);
	out = malloc(strlen(a) + strlen(sep) + strlen(b) + 1);
	if (out)
		sprintf(out, "%s%s%s", a, sep, b);
	return out;
}

/* The record as people name it: a person's or group's name, a member as
 * "person, group", a municipality of a group, an agent by name. */
static char *record_label(struct merge *m, int k, row_t row)
{
	const char *name = journal_tables[k];
	struct mtable *t = &m->tables[k];
	int kp = table_index("person"), kg = table_index("lape_group");
	char *a = NULL, *b = NULL, *out;

	if (strcmp(name, "person") == 0)
		out = person_name(t, row);
	else if (strcmp(name, "lape_group") == 0)
		out = xstrdup(col_text(t, row, "name"));
	else if (strcmp(name, "membership") == 0) {
		a = name_of(m, kp, col_value(t, row, "person_id"));
		b = name_of(m, kg, col_value(t, row, "group_id"));
		out = a ? join2(a, ", ", b) : join2(_("vacant seat"), ", ", b);
	} else if (strcmp(name, "group_municipality") == 0) {
		b = name_of(m, kg, col_value(t, row, "group_id"));
		out = join2(b, ": ", col_text(t, row, "municipality_code"));
	} else {
		a = name_of(m, kp, col_value(t, row, "person_id"));
		out = join2(a, ", ", col_text(t, row, "region_code"));
	}
	free(a);
	free(b);
	return out ? out : pk_text(t, row);
}

/* ---- who last changed a field here ------------------------------------- */

struct writer {
	char uuid[37];
	char *user;
	char *at;
};

static void writer_clear(struct writer *w)
{
	free(w->user);
	free(w->at);
	memset(w, 0, sizeof *w);
}

/* The last entry of DB's journal that changed column C (-1: anything)
 * of the row PK of table K: *W, zeroed when none. */
static int last_writer(struct merge *m, struct lape_db *db, int k,
                       const char *pk, int c, struct writer *w)
{
	(void)m;
	return journal_last_writer(db, journal_tables[k], pk, c, 0, w->uuid,
	                           &w->user, &w->at, NULL);
}

/* ---- conflicts and changes --------------------------------------------- */

static void side_clear(struct merge_side *s)
{
	free(s->value);
	free(s->user);
	free(s->at);
}

static void conflict_clear(struct merge_conflict *c)
{
	free(c->record);
	free(c->field);
	free(c->pk);
	side_clear(&c->here);
	side_clear(&c->there);
}

static void change_clear(struct merge_change *c)
{
	free(c->record);
	free(c->field);
	free(c->old_value);
	free(c->new_value);
	free(c->user);
	free(c->at);
}

static bool same_conflict(const struct merge_conflict *a,
                          const struct merge_conflict *b)
{
	return a->kind == b->kind && strcmp(a->table, b->table) == 0 &&
	       strcmp(a->entry_uuid, b->entry_uuid) == 0 &&
	       strcmp(a->pk ? a->pk : "", b->pk ? b->pk : "") == 0 &&
	       strcmp(a->field ? a->field : "", b->field ? b->field : "") == 0;
}

/* A conflict found: listed, with the decision made for it before (in an
 * earlier plan) or MERGE_UNDECIDED.  *CHOICE gets what to do now: an
 * undecided conflict keeps this file's value while planning. */
static int conflict_add(struct merge *m, enum merge_conflict_kind kind, int k,
                        row_t row, const char *pk, int col,
                        struct merge_side here, sqlite3_value *there_value,
                        char *there_text, enum merge_choice *choice)
{
	struct merge_conflict c = {0};

	c.kind = kind;
	c.table = journal_tables[k];
	c.record = record_label(m, k, row);
	c.field = col >= 0 ? xstrdup(m->tables[k].jt->cols[col]) : NULL;
	c.here = here;
	c.there.value = there_text ? there_text : value_text(there_value);
	c.there.user = xstrdup(m->cur->os_user);
	c.there.at = xstrdup(m->cur->at);
	snprintf(c.entry_uuid, sizeof c.entry_uuid, "%s", m->cur->uuid);
	c.pk = xstrdup(pk);
	m->deviated = true;
	c.choice = m->default_choice;
	for (size_t i = 0; i < m->ndecided; i++)
		if (same_conflict(&m->decided[i], &c) &&
		    m->decided[i].choice != MERGE_UNDECIDED)
			c.choice = m->decided[i].choice;
	if (m->nconflicts == m->capconflicts) {
		size_t cap = m->capconflicts ? m->capconflicts * 2 : 16;
		struct merge_conflict *n =
		    realloc(m->conflicts, cap * sizeof *n);

		if (!n) {
			conflict_clear(&c);
			return oom(m->db);
		}
		m->conflicts = n;
		m->capconflicts = cap;
	}
	m->conflicts[m->nconflicts++] = c;
	*choice =
	    c.choice == MERGE_TAKE_THERE ? MERGE_TAKE_THERE : MERGE_KEEP_HERE;
	return LAPE_OK;
}

static int change_add(struct merge *m, enum merge_change_kind kind, int k,
                      row_t row, int col, sqlite3_value *old,
                      sqlite3_value *new)
{
	struct merge_change c = {0};

	c.kind = kind;
	c.table = journal_tables[k];
	c.record = record_label(m, k, row);
	if (col >= 0) {
		c.field = xstrdup(m->tables[k].jt->cols[col]);
		c.old_value = value_text(old);
		c.new_value = value_text(new);
	}
	c.user = xstrdup(m->cur->os_user);
	c.at = xstrdup(m->cur->at);
	if (m->nchanges == m->capchanges) {
		size_t cap = m->capchanges ? m->capchanges * 2 : 64;
		struct merge_change *n = realloc(m->changes, cap * sizeof *n);

		if (!n) {
			change_clear(&c);
			return oom(m->db);
		}
		m->changes = n;
		m->capchanges = cap;
	}
	m->changes[m->nchanges++] = c;
	return LAPE_OK;
}

/* This file's side of a conflict: value V of column C (or the record's
 * removal when REMOVED), with who last changed it here and when. */
static int here_side(struct merge *m, int k, const char *pk, int c,
                     sqlite3_value *v, const char *removed,
                     struct merge_side *s)
{
	struct writer w;
	int rc = last_writer(m, m->db, k, pk, c, &w);

	memset(s, 0, sizeof *s);
	if (rc != LAPE_OK)
		return rc;
	s->value = removed ? xstrdup(removed) : value_text(v);
	s->user = w.user;
	s->at = w.at;
	return LAPE_OK;
}

/* ---- replaying one entry ----------------------------------------------- */

/* The rows an entry added or changed here, for the reference check. */
struct touched {
	int k;
	row_t key; /* a copy of the row's values as written */
	bool inserted;
	int *cols; /* with an update: the columns it set (1) */
};

struct replay {
	struct touched *rows;
	size_t n, cap;
};

static void replay_clear(struct merge *m, struct replay *r)
{
	for (size_t i = 0; i < r->n; i++) {
		journal_row_free(r->rows[i].key,
		                 m->tables[r->rows[i].k].jt->ncol);
		free(r->rows[i].cols);
	}
	free(r->rows);
	memset(r, 0, sizeof *r);
}

static int touched_add(struct merge *m, struct replay *r, int k, row_t row,
                       bool inserted, const int *cols)
{
	int ncol = m->tables[k].jt->ncol;
	struct touched *t;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct touched *n = realloc(r->rows, cap * sizeof *n);

		if (!n)
			return oom(m->db);
		r->rows = n;
		r->cap = cap;
	}
	t = &r->rows[r->n];
	t->k = k;
	t->inserted = inserted;
	t->key = calloc((size_t)ncol, sizeof *t->key);
	t->cols = calloc((size_t)ncol, sizeof *t->cols);
	if (!t->key || !t->cols) {
		free(t->key);
		free(t->cols);
		return oom(m->db);
	}
	for (int c = 0; c < ncol; c++) {
		t->key[c] = row[c] ? sqlite3_value_dup(row[c]) : NULL;
		t->cols[c] = cols ? cols[c] : 1;
	}
	r->n++;
	return LAPE_OK;
}

/* Whether rows A and B hold the same record (bookkeeping aside). */
static bool rows_equal(const struct mtable *t, row_t a, row_t b)
{
	for (int c = 0; c < t->jt->ncol; c++)
		if (!bookkeeping(t, c) && a[c] && b[c] &&
		    !journal_value_equal(a[c], b[c]))
			return false;
	return true;
}

/* An addition there. */
static int replay_insert(struct merge *m, struct replay *r, int k, row_t new)
{
	struct mtable *t = &m->tables[k];
	row_t cur = NULL;
	char *pk = pk_text(t, new);
	enum merge_choice ch;
	struct merge_side here;
	int rc;

	if (!pk)
		return oom(m->db);
	rc = row_get(m, m->db, k, new, &cur);
	if (rc != LAPE_OK)
		goto out;
	if (cur && rows_equal(t, cur, new)) {
		m->deviated = true;
		goto out; /* added on both sides alike */
	}
	if (cur) {
		char *desc = record_label(m, k, cur);

		rc = here_side(m, k, pk, -1, NULL, desc, &here);
		free(desc);
		if (rc == LAPE_OK)
			rc = conflict_add(m, MERGE_DUPLICATE, k, new, pk, -1,
			                  here, NULL, record_label(m, k, new),
			                  &ch);
		if (rc != LAPE_OK || ch == MERGE_KEEP_HERE)
			goto out;
	}
	rc = row_put(m, k, new, cur != NULL);
	if (rc == LAPE_OK)
		rc = change_add(m, MERGE_ADD, k, new, -1, NULL, NULL);
	if (rc == LAPE_OK)
		rc = touched_add(m, r, k, new, true, NULL);
out:
	journal_row_free(cur, t->jt->ncol);
	free(pk);
	return rc;
}

/* The other file's current value of column C of the row PK of table K:
 * the decision it made when it had seen this file's change. */
static int there_now(struct merge *m, int k, row_t key, int c,
                     sqlite3_value **out)
{
	row_t row = NULL;
	int rc = row_get(m, m->other, k, key, &row);

	*out = NULL;
	if (rc == LAPE_OK && row) {
		*out = row[c];
		row[c] = NULL;
	}
	journal_row_free(row, m->tables[k].jt->ncol);
	return rc;
}

/* A record changed there that is gone here: bring it back as the other
 * file has it now, if it still has it. */
static int restore_from_there(struct merge *m, struct replay *r, int k,
                              row_t key)
{
	row_t row = NULL;
	int rc = row_get(m, m->other, k, key, &row);

	if (rc != LAPE_OK || !row)
		return rc;
	rc = row_put(m, k, row, false);
	if (rc == LAPE_OK)
		rc = change_add(m, MERGE_ADD, k, row, -1, NULL, NULL);
	if (rc == LAPE_OK)
		rc = touched_add(m, r, k, row, true, NULL);
	journal_row_free(row, m->tables[k].jt->ncol);
	return rc;
}

/* A change there, as replay_update() takes it field by field: the row
 * before and after it there (OLD, NEW), here now (CUR), and which fields
 * were set here (SET). */
struct update {
	int k, ncol;
	row_t old, new, cur;
	int *set;
	char *pk;
	bool changed;
};

/* Field C of the row here becomes V. */
static int update_take(struct merge *m, struct update *u, int c,
                       sqlite3_value *v)
{
	int rc = change_add(m, MERGE_CHANGE, u->k, u->cur, c, u->cur[c], v);

	if (rc == LAPE_OK)
		rc = row_set(m, u->k, u->old, c, v);
	u->set[c] = u->changed = true;
	return rc;
}

/* The row was changed there but removed here: a conflict, on its first
 * field that changed. */
static int update_removed_here(struct merge *m, struct replay *r,
                               struct update *u)
{
	const struct mtable *t = &m->tables[u->k];
	struct merge_side here;
	enum merge_choice ch;
	int first = -1, rc;

	for (int c = 0; c < u->ncol && first < 0; c++)
		if (u->new[c] && !bookkeeping(t, c))
			first = c;
	if (first < 0) {
		m->deviated = true;
		return LAPE_OK;
	}
	rc = here_side(m, u->k, u->pk, -1, NULL, _("(removed)"), &here);
	if (rc == LAPE_OK)
		rc = conflict_add(m, MERGE_REMOVED_HERE, u->k, u->old, u->pk,
		                  first, here, u->new[first], NULL, &ch);
	if (rc == LAPE_OK && ch == MERGE_TAKE_THERE)
		rc = restore_from_there(m, r, u->k, u->old);
	return rc;
}

/* Field C, changed here too since the copy: when the other file had seen
 * this change, the other file's value now; else a conflict. */
static int update_both(struct merge *m, struct update *u, int c)
{
	sqlite3_value *target = NULL;
	struct merge_side here;
	enum merge_choice ch;
	struct writer w;
	bool known = false;
	int rc;

	rc = last_writer(m, m->db, u->k, u->pk, c, &w);
	if (rc == LAPE_OK && w.uuid[0])
		rc = journal_has(m->other, w.uuid, &known);
	if (rc == LAPE_OK && known)
		rc = there_now(m, u->k, u->old, c, &target);
	if (rc == LAPE_OK && known) {
		m->deviated = true;
		if (target && !journal_value_equal(u->cur[c], target))
			rc = update_take(m, u, c, target);
	} else if (rc == LAPE_OK) {
		memset(&here, 0, sizeof here);
		here.value = value_text(u->cur[c]);
		here.user = w.user;
		here.at = w.at;
		w.user = w.at = NULL; /* the conflict's now */
		rc = conflict_add(m, MERGE_BOTH_CHANGED, u->k, u->cur, u->pk, c,
		                  here, u->new[c], NULL, &ch);
		if (rc == LAPE_OK && ch == MERGE_TAKE_THERE)
			rc = update_take(m, u, c, u->new[c]);
	}
	sqlite3_value_free(target);
	writer_clear(&w);
	return rc;
}

/* Field C of the change. */
static int update_field(struct merge *m, struct update *u, int c)
{
	const struct mtable *t = &m->tables[u->k];

	if (!u->new[c] || bookkeeping(t, c) || t->jt->pk[c])
		return LAPE_OK;
	if (journal_value_equal(u->cur[c], u->new[c])) {
		m->deviated = true;
		return LAPE_OK;
	}
	if (u->old[c] && journal_value_equal(u->cur[c], u->old[c]))
		return update_take(m, u, c, u->new[c]);
	return update_both(m, u, c);
}

/* A change there: field by field. */
static int replay_update(struct merge *m, struct replay *r, int k,
                         sqlite3_changeset_iter *it)
{
	int ncol = m->tables[k].jt->ncol, rc;
	struct update u = {.k = k, .ncol = ncol};

	u.old = journal_op_row(it, ncol, false);
	u.new = journal_op_row(it, ncol, true);
	u.set = calloc((size_t)ncol, sizeof *u.set);
	if (!u.old || !u.new || !u.set ||
	    !(u.pk = pk_text(&m->tables[k], u.old))) {
		rc = oom(m->db);
		goto out;
	}
	rc = row_get(m, m->db, k, u.old, &u.cur);
	if (rc != LAPE_OK)
		goto out;
	if (!u.cur) {
		rc = update_removed_here(m, r, &u);
		goto out;
	}
	for (int c = 0; c < ncol && rc == LAPE_OK; c++)
		rc = update_field(m, &u, c);
	if (rc == LAPE_OK && u.changed)
		rc = row_bump(m, k, u.old);
	if (rc == LAPE_OK && u.changed) {
		row_t now = NULL;

		rc = row_get(m, m->db, k, u.old, &now);
		if (rc == LAPE_OK && now)
			rc = touched_add(m, r, k, now, false, u.set);
		journal_row_free(now, ncol);
	}
out:
	journal_row_free(u.old, ncol);
	journal_row_free(u.new, ncol);
	journal_row_free(u.cur, ncol);
	free(u.set);
	free(u.pk);
	return rc;
}

/* This file's side of a reference to V, the row of FK's parent that is
 * not here: "(removed)", by whoever removed it. */
static void ref_here(struct merge *m, const struct fk *fk, sqlite3_value *v,
                     struct merge_side *here)
{
	struct writer w;
	char *ppk;

	memset(here, 0, sizeof *here);
	here->value = xstrdup(_("(removed)"));
	if (fk->parent_idx < 0)
		return;
	ppk = xstrdup((const char *)sqlite3_value_text(v));
	if (ppk &&
	    last_writer(m, m->db, fk->parent_idx, ppk, -1, &w) == LAPE_OK) {
		here->user = w.user;
		here->at = w.at;
	}
	free(ppk);
}

/* Bring back from the other file the row V of FK's parent: *BACK when it
 * came. */
static int ref_restore(struct merge *m, struct replay *r, const struct fk *fk,
                       sqlite3_value *v, bool *back)
{
	const struct mtable *pt = &m->tables[fk->parent_idx];
	row_t key = calloc((size_t)pt->jt->ncol, sizeof *key);
	size_t before = r->n;
	int rc;

	if (!key)
		return oom(m->db);
	key[pt->pk_cols[0]] = v;
	rc = restore_from_there(m, r, fk->parent_idx, key);
	free(key);
	*back = r->n > before;
	return rc;
}

/* Reference F of the touched row I, when it points at no row here. */
static int check_ref(struct merge *m, struct replay *r, size_t i, int f)
{
	struct touched *tr = &r->rows[i];
	struct mtable *t = &m->tables[tr->k];
	struct fk *fk = &t->fks[f];
	sqlite3_value *v = tr->key[fk->col];
	bool found = false, back = false;
	enum merge_choice ch;
	struct merge_side here;
	row_t now = NULL;
	char *pk;
	int rc;

	if (!tr->cols[fk->col] || !v || sqlite3_value_type(v) == SQLITE_NULL)
		return LAPE_OK;
	rc = exists(m->db, fk->parent, fk->parent_col, v, &found);
	if (rc != LAPE_OK || found)
		return rc;
	if (!(pk = pk_text(t, tr->key)))
		return oom(m->db);
	ref_here(m, fk, v, &here);
	rc = conflict_add(
	    m, MERGE_MISSING_REF, tr->k, tr->key, pk, fk->col, here, NULL,
	    fk->parent_idx >= 0 ? name_of(m, fk->parent_idx, v) : value_text(v),
	    &ch);
	free(pk);
	if (rc != LAPE_OK)
		return rc;
	if (ch == MERGE_TAKE_THERE && fk->parent_idx >= 0) {
		rc = ref_restore(m, r, fk, v, &back);
		tr = &r->rows[i]; /* r->rows may have moved */
	}
	if (rc != LAPE_OK || back)
		return rc;
	/* Keep this file's: the reference does not go in. */
	if (tr->inserted) {
		rc = row_delete(m, tr->k, tr->key);
		for (int c = 0; c < t->jt->ncol; c++)
			tr->cols[c] = 0;
		return rc;
	}
	rc = row_get(m, m->db, tr->k, tr->key, &now);
	if (rc == LAPE_OK && now)
		rc = row_set(m, tr->k, tr->key, fk->col, NULL);
	tr->cols[fk->col] = 0;
	journal_row_free(now, t->jt->ncol);
	return rc;
}

/* After an entry's additions and changes: every reference they make
 * points at a row here.  One that does not is a conflict: keep this
 * file's (the row is not added, the field keeps its value) or take the
 * other's (the record referred to comes back from the other file). */
static int check_refs(struct merge *m, struct replay *r)
{
	int rc = LAPE_OK;

	for (size_t i = 0; i < r->n && rc == LAPE_OK; i++)
		for (int f = 0;
		     f < m->tables[r->rows[i].k].nfk && rc == LAPE_OK; f++)
			rc = check_ref(m, r, i, f);
	return rc;
}

/* The rows here that refer to the row KEY of table K and would be removed
 * with it, or keep it from going: *COUNT. */
static int in_use(struct merge *m, int k, row_t key, int *count,
                  const char **child_table)
{
	struct mtable *t = &m->tables[k];
	int rc = LAPE_OK;

	*count = 0;
	for (int i = 0; i < t->nchild && rc == LAPE_OK; i++) {
		struct child *ch = &t->children[i];
		char sql[256];
		sqlite3_stmt *st;

		if (!ch->remove)
			continue;
		snprintf(sql, sizeof sql,
		         "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?",
		         journal_tables[ch->table],
		         m->tables[ch->table].jt->cols[ch->col]);
		st = db_prepare_cached(m->db, sql, NULL);
		if (!st)
			return LAPE_ERROR;
		sqlite3_bind_value(st, 1, key[t->pk_cols[0]]);
		rc = db_step(m->db, st);
		if (rc == SQLITE_ROW) {
			int n = sqlite3_column_int(st, 0);

			if (n > 0 && *count == 0)
				*child_table = journal_tables[ch->table];
			*count += n;
			rc = LAPE_OK;
		}
		db_release(m->db, st);
	}
	return rc;
}

/* Remove the rows here that refer to KEY of table K with ON DELETE
 * RESTRICT, before the record goes (the other file's removal taken). */
static int remove_referring(struct merge *m, int k, row_t key)
{
	struct mtable *t = &m->tables[k];

	for (int i = 0; i < t->nchild; i++) {
		struct child *ch = &t->children[i];
		char sql[256];

		if (!ch->remove)
			continue;
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\" WHERE \"%s\" = ?",
		         journal_tables[ch->table],
		         m->tables[ch->table].jt->cols[ch->col]);
		sqlite3_stmt *st = db_prepare_cached(m->db, sql, NULL);
		int rc;

		if (!st)
			return LAPE_ERROR;
		sqlite3_bind_value(st, 1, key[t->pk_cols[0]]);
		rc = db_step(m->db, st);
		db_release(m->db, st);
		if (rc != SQLITE_DONE)
			return rc;
	}
	return LAPE_OK;
}

/* A removal there. */
static int replay_delete(struct merge *m, int k, row_t old)
{
	struct mtable *t = &m->tables[k];
	row_t cur = NULL;
	char *pk = pk_text(t, old);
	enum merge_choice ch = MERGE_TAKE_THERE;
	struct merge_side here;
	const char *child = NULL;
	int rc, users = 0;

	if (!pk)
		return oom(m->db);
	rc = row_get(m, m->db, k, old, &cur);
	if (rc == LAPE_OK && !cur)
		m->deviated = true; /* gone here already */
	if (rc != LAPE_OK || !cur)
		goto out;
	if (!rows_equal(t, cur, old)) {
		int c = 0;

		while (c < t->jt->ncol &&
		       (bookkeeping(t, c) || !old[c] || !cur[c] ||
		        journal_value_equal(old[c], cur[c])))
			c++;
		rc = here_side(m, k, pk, c < t->jt->ncol ? c : -1,
		               c < t->jt->ncol ? cur[c] : NULL, NULL, &here);
		if (rc == LAPE_OK)
			rc = conflict_add(m, MERGE_REMOVED_THERE, k, cur, pk,
			                  c < t->jt->ncol ? c : -1, here, NULL,
			                  xstrdup(_("(removed)")), &ch);
		if (rc != LAPE_OK || ch == MERGE_KEEP_HERE)
			goto out;
	}
	rc = in_use(m, k, old, &users, &child);
	if (rc == LAPE_OK && users > 0) {
		char n[64];

		snprintf(n, sizeof n, "%s: %d", child, users);
		rc = here_side(m, k, pk, -1, NULL, n, &here);
		if (rc == LAPE_OK)
			rc = conflict_add(m, MERGE_IN_USE, k, cur, pk, -1, here,
			                  NULL, xstrdup(_("(removed)")), &ch);
		if (rc != LAPE_OK || ch == MERGE_KEEP_HERE)
			goto out;
		rc = remove_referring(m, k, old);
	}
	if (rc == LAPE_OK)
		rc = change_add(m, MERGE_REMOVE, k, cur, -1, NULL, NULL);
	if (rc == LAPE_OK)
		rc = row_delete(m, k, old);
out:
	journal_row_free(cur, t->jt->ncol);
	free(pk);
	return rc;
}

/* The additions and changes of entry E, parents first, into R; the
 * tables it removes rows of in DELETES.  LAPE_OK, a lape status, or an
 * SQLite code from the changeset iterator. */
static int replay_writes(struct merge *m, const struct journal_entry *e,
                         struct replay *r, bool *deletes)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, e->nchangeset, e->changeset);

	while (rc == SQLITE_OK &&
	       (rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *tn;
		int ncol, op, ind, k;

		rc = SQLITE_OK;
		sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
		if ((k = table_index(tn)) < 0 || ncol != m->tables[k].jt->ncol)
			continue;
		if (op == SQLITE_DELETE) {
			deletes[k] = true;
			continue;
		}
		if (op == SQLITE_INSERT) {
			row_t new = journal_op_row(it, ncol, true);

			rc = new ? replay_insert(m, r, k, new) : oom(m->db);
			journal_row_free(new, ncol);
		} else {
			rc = replay_update(m, r, k, it);
		}
		if (rc != LAPE_OK)
			break;
	}
	if (rc == SQLITE_DONE)
		rc = LAPE_OK;
	if (it)
		sqlite3changeset_finalize(it);
	return rc;
}

/* The removals of entry E from table K.  As replay_writes() returns. */
static int replay_deletes(struct merge *m, const struct journal_entry *e, int k)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, e->nchangeset, e->changeset);

	while (rc == SQLITE_OK &&
	       (rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *tn;
		int ncol, op, ind;
		row_t old;

		rc = SQLITE_OK;
		sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
		if (op != SQLITE_DELETE || strcmp(tn, journal_tables[k]) != 0 ||
		    ncol != m->tables[k].jt->ncol)
			continue;
		old = journal_op_row(it, ncol, false);
		rc = old ? replay_delete(m, k, old) : oom(m->db);
		journal_row_free(old, ncol);
	}
	if (rc == SQLITE_DONE)
		rc = LAPE_OK;
	sqlite3changeset_finalize(it);
	return rc;
}

static int replay_entry(struct merge *m, const struct journal_entry *e)
{
	struct replay r = {0};
	bool deletes[JOURNAL_TABLES] = {false};
	int rc;

	m->cur = e;
	if (e->nchangeset == 0)
		return LAPE_OK;
	rc = replay_writes(m, e, &r, deletes);
	if (rc == LAPE_OK)
		rc = check_refs(m, &r);
	replay_clear(m, &r);
	/* Removals, rows that refer to others first. */
	for (int k = JOURNAL_TABLES - 1; k >= 0 && rc == LAPE_OK; k--)
		if (deletes[k])
			rc = replay_deletes(m, e, k);
	if (rc > 0) /* an SQLite code from the changeset iterator */
		rc = db_fail_sqlite(m->db, rc);
	return rc;
}

/* ---- the whole merge --------------------------------------------------- */

static void results_clear(struct merge *m)
{
	for (size_t i = 0; i < m->nchanges; i++)
		change_clear(&m->changes[i]);
	free(m->changes);
	m->changes = NULL;
	m->nchanges = m->capchanges = 0;
}

/* Drop the conflicts and changes listed after the first N and C. */
static void results_truncate(struct merge *m, size_t n, size_t c)
{
	while (m->nconflicts > n)
		conflict_clear(&m->conflicts[--m->nconflicts]);
	while (m->nchanges > c)
		change_clear(&m->changes[--m->nchanges]);
}

/* Replay entry E and store it here under its own name, author and time
 * with what it changed here: its own changeset when it went in as it was
 * made, else (a conflict, a field already so, ...) it is replayed once
 * more under a session that records what it does.  An entry that changed
 * nothing is kept too, so that it is not brought again. */
static int replay_recorded(struct merge *m, const struct journal_entry *src)
{
	struct journal_entry e = *src;
	size_t nconf = m->nconflicts, nchg = m->nchanges;
	sqlite3_session *s = NULL;
	void *cs = NULL;
	int n = 0, rc;

	m->deviated = false;
	rc = db_exec(m->db, "SAVEPOINT lape_entry", NULL);
	if (rc == LAPE_OK)
		rc = replay_entry(m, src);
	if (rc == LAPE_OK && m->deviated) {
		rc = db_exec(m->db, "ROLLBACK TO lape_entry", NULL);
		results_truncate(m, nconf, nchg);
		if (rc == LAPE_OK)
			rc = sqlite3session_create(m->db->sql, "main", &s);
		for (int k = 0; rc == SQLITE_OK && k < JOURNAL_TABLES; k++)
			rc = sqlite3session_attach(s, journal_tables[k]);
		if (rc > 0)
			rc = db_fail_sqlite(m->db, rc);
		if (rc == LAPE_OK)
			rc = replay_entry(m, src);
		if (rc == LAPE_OK &&
		    (rc = sqlite3session_changeset(s, &n, &cs)) != SQLITE_OK)
			rc = db_fail_sqlite(m->db, rc);
		if (s)
			sqlite3session_delete(s);
		e.changeset = cs;
		e.nchangeset = n;
	}
	if (rc == LAPE_OK) {
		e.merged_at = m->now;
		e.merged_from = (char *)journal_file_uuid(m->other);
		rc = journal_insert(m->db, &e);
	}
	sqlite3_free(cs);
	if (rc == LAPE_OK)
		rc = db_exec(m->db, "RELEASE lape_entry", NULL);
	return rc;
}

/* Replay the entries in one transaction; kept when WRITE and nothing is
 * undecided, else rolled back. */
static int run(struct merge *m, bool write)
{
	int rc;

	/* The conflicts found now replace the list; their decisions stay. */
	for (size_t i = 0; i < m->ndecided; i++)
		conflict_clear(&m->decided[i]);
	free(m->decided);
	m->decided = m->conflicts;
	m->ndecided = m->nconflicts;
	m->conflicts = NULL;
	m->nconflicts = m->capconflicts = 0;
	results_clear(m);
	journal_now(m->now);

	journal_pause(m->db, true);
	rc = db_begin(m->db);
	journal_pause(m->db, false);
	if (rc != LAPE_OK)
		return rc;
	rc = db_exec(m->db, "PRAGMA defer_foreign_keys=ON", NULL);
	for (size_t i = 0; rc == LAPE_OK && i < m->nentries; i++)
		rc = write ? replay_recorded(m, &m->entries[i])
		           : replay_entry(m, &m->entries[i]);
	if (rc == LAPE_OK && write && merge_undecided(m) > 0)
		rc = db_fail(m->db, LAPE_CONFLICT, NULL, "%s",
		             _("conflicts not decided"));
	if (rc == LAPE_OK && write)
		return db_commit(m->db);
	db_rollback(m->db);
	return rc;
}

int merge_plan(struct merge *m)
{
	return run(m, false);
}

int merge_apply(struct merge *m)
{
	return run(m, true);
}

size_t merge_conflict_count(const struct merge *m)
{
	return m->nconflicts;
}

const struct merge_conflict *merge_conflict(const struct merge *m, size_t i)
{
	return i < m->nconflicts ? &m->conflicts[i] : NULL;
}

size_t merge_change_count(const struct merge *m)
{
	return m->nchanges;
}

const struct merge_change *merge_change(const struct merge *m, size_t i)
{
	return i < m->nchanges ? &m->changes[i] : NULL;
}

void merge_resolve(struct merge *m, size_t i, enum merge_choice choice)
{
	if (i < m->nconflicts)
		m->conflicts[i].choice = choice;
}

void merge_set_default(struct merge *m, enum merge_choice choice)
{
	m->default_choice = choice;
}

void merge_resolve_all(struct merge *m, enum merge_choice choice)
{
	for (size_t i = 0; i < m->nconflicts; i++)
		if (m->conflicts[i].choice == MERGE_UNDECIDED)
			m->conflicts[i].choice = choice;
}

size_t merge_undecided(const struct merge *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nconflicts; i++)
		n += m->conflicts[i].choice == MERGE_UNDECIDED;
	return n;
}

size_t merge_entry_count(const struct merge *m)
{
	return m->nentries;
}

bool merge_server_is_here(const struct merge *m)
{
	return m->server_here;
}

const char *merge_table_label(const char *table)
{
	if (strcmp(table, "person") == 0)
		return _("person");
	if (strcmp(table, "lape_group") == 0)
		return _("group");
	if (strcmp(table, "membership") == 0)
		return _("member");
	if (strcmp(table, "group_municipality") == 0)
		return _("municipality of a group");
	if (strcmp(table, "change_agent") == 0)
		return _("change agent");
	return table;
}

const char *merge_field_label(const char *field)
{
	static const struct {
		const char *col, *label;
	} labels[] = {
	    {"name", N_("name")},
	    {"surname", N_("surname")},
	    {"given_names", N_("given names")},
	    {"gender", N_("gender")},
	    {"organisation", N_("organisation")},
	    {"email", N_("e-mail")},
	    {"phone", N_("phone")},
	    {"notes", N_("notes")},
	    {"level", N_("level")},
	    {"region_code", N_("region")},
	    {"mandate_body", N_("mandate given by")},
	    {"mandate_date", N_("mandate date")},
	    {"existing_body", N_("existing body")},
	    {"start_date", N_("start")},
	    {"end_date", N_("end")},
	    {"status", N_("status")},
	    {"regional_group_id", N_("regional group")},
	    {"group_id", N_("group")},
	    {"person_id", N_("person")},
	    {"sectors", N_("sectors")},
	    {"role", N_("role")},
	    {"deputy_of", N_("deputy of")},
	    {"name_withheld", N_("name withheld")},
	    {"employer", N_("employer")},
	    {"funding_share", N_("funding share")},
	    {"pos", N_("order")},
	    {"municipality_code", N_("municipality")},
	};

	if (!field)
		return "";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].col, field) == 0)
			return _(labels[i].label);
	return field;
}

const char *merge_conflict_label(enum merge_conflict_kind kind)
{
	switch (kind) {
	case MERGE_BOTH_CHANGED:
		return _("changed on both sides");
	case MERGE_REMOVED_HERE:
		return _("changed there, removed here");
	case MERGE_REMOVED_THERE:
		return _("removed there, changed here");
	case MERGE_DUPLICATE:
		return _("added on both sides");
	case MERGE_MISSING_REF:
		return _("refers to a record removed here");
	case MERGE_IN_USE:
		return _("removed there, still used here");
	}
	return "";
}

/* ---- opening the other file -------------------------------------------- */

/* The other file's entries that this file has not seen, in its order. */
static int load_entries(struct merge *m)
{
	sqlite3_stmt *st = db_prepare(
	    m->other,
	    "SELECT uuid, at, os_user, origin, kind, note, changeset, undoes "
	    "FROM journal ORDER BY id",
	    NULL);
	size_t cap = 0;
	int rc;

	if (!st)
		return db_fail(m->db, LAPE_ERROR, NULL, "%s: %s", m->path,
		               db_errmsg(m->other));
	while ((rc = db_step(m->other, st)) == SQLITE_ROW) {
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		struct journal_entry *e;
		bool seen = false;
		int n;

		if (!uuid)
			continue;
		if ((rc = journal_has(m->db, uuid, &seen)) != LAPE_OK)
			break;
		if (seen)
			continue;
		if (m->nentries == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct journal_entry *ne =
			    realloc(m->entries, ncap * sizeof *ne);

			if (!ne) {
				rc = oom(m->db);
				break;
			}
			m->entries = ne;
			cap = ncap;
		}
		e = &m->entries[m->nentries];
		memset(e, 0, sizeof *e);
		snprintf(e->uuid, sizeof e->uuid, "%s", uuid);
		snprintf(e->at, sizeof e->at, "%s",
		         (const char *)sqlite3_column_text(st, 1));
		e->os_user = db_column_dup(st, 2);
		e->origin = db_column_dup(st, 3);
		e->kind = db_column_dup(st, 4);
		e->note = db_column_dup(st, 5);
		e->undoes = db_column_dup(st, 7);
		n = sqlite3_column_bytes(st, 6);
		e->changeset = malloc(n > 0 ? (size_t)n : 1);
		m->nentries++;
		if (!e->os_user || !e->origin || !e->kind || !e->changeset) {
			rc = oom(m->db);
			break;
		}
		if (n > 0)
			memcpy(e->changeset, sqlite3_column_blob(st, 6),
			       (size_t)n);
		e->nchangeset = n;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return LAPE_OK;
	if (rc < 0 && db_status(m->db) == LAPE_OK)
		return db_fail(m->db, rc, NULL, "%s: %s", m->path,
		               db_errmsg(m->other));
	return rc < 0 ? rc : LAPE_ERROR;
}

/* Every entry to bring describes rows as this file lays them out.  One
 * made before a change of a table's columns cannot be replayed field by
 * field: refused, rather than lost in silence. */
static int check_shapes(struct merge *m)
{
	size_t old = 0;

	for (size_t i = 0; i < m->nentries; i++) {
		sqlite3_changeset_iter *it;
		bool bad = false;

		if (m->entries[i].nchangeset <= 0)
			continue;
		if (sqlite3changeset_start(&it, m->entries[i].nchangeset,
		                           m->entries[i].changeset) !=
		    SQLITE_OK)
			return db_fail(m->db, LAPE_ERROR, NULL,
			               _("%s: its journal is damaged"),
			               m->path);
		while (!bad && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *tn;
			int ncol, op, ind, k;

			sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
			k = table_index(tn);
			bad = k < 0 || ncol != m->tables[k].jt->ncol;
		}
		if (sqlite3changeset_finalize(it) != SQLITE_OK)
			return db_fail(m->db, LAPE_ERROR, NULL,
			               _("%s: its journal is damaged"),
			               m->path);
		old += bad;
	}
	if (old == 0)
		return LAPE_OK;
	return db_fail(m->db, LAPE_ERROR, NULL,
	               ngettext("%s: %zu of its changes was made before the "
	                        "data format changed and cannot be merged; "
	                        "nothing merged",
	                        "%s: %zu of its changes were made before the "
	                        "data format changed and cannot be merged; "
	                        "nothing merged",
	                        old),
	               m->path, old);
}

/* Whether PATH names the very file of DB. */
static bool same_file(struct lape_db *db, const char *path)
{
	struct stat a, b;

	return stat(db->path, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int merge_open(struct lape_db *db, const char *path, struct merge **out)
{
	struct merge *m;
	char err[600];
	int rc;

	*out = NULL;
	if (same_file(db, path))
		return db_fail(db, LAPE_INVALID, NULL,
		               _("%s: this is the data file itself"), path);
	m = calloc(1, sizeof *m);
	if (!m || !(m->path = strdup(path))) {
		free(m);
		return oom(db);
	}
	m->db = db;
	rc = db_open(path, DB_OPEN_EXISTING, &m->other, err, sizeof err);
	if (rc != LAPE_OK) {
		/* err is "PATH: what is wrong" */
		db_fail(db, rc == LAPE_INVALID ? LAPE_ERROR : rc, NULL, "%s",
		        err);
		merge_free(m);
		return rc == LAPE_INVALID ? LAPE_ERROR : rc;
	}
	if (!journal_table(db, "person") || !journal_table(m->other, "person"))
		rc = db_fail(db, LAPE_INVALID, NULL,
		             _("%s: not a copy of this data file"), path);
	else if (strcmp(journal_family(db), journal_family(m->other)) != 0)
		rc = db_fail(db, LAPE_INVALID, NULL,
		             _("%s: not a copy of this data file (make one "
		               "with lape copy)"),
		             path);
	else if (strcmp(journal_file_uuid(db), journal_file_uuid(m->other)) ==
	         0)
		rc = db_fail(db, LAPE_INVALID, NULL,
		             _("%s: a plain copy of this data file, not one "
		               "made with lape copy"),
		             path);
	if (rc == LAPE_OK)
		rc = load_tables(m);
	if (rc == LAPE_OK)
		rc = load_entries(m);
	if (rc == LAPE_OK)
		rc = check_shapes(m);
	if (rc != LAPE_OK) {
		merge_free(m);
		return rc;
	}
	/* The server is the family's first file; on a laptop, FILE. */
	m->server_here = journal_origin(db) == 0;
	*out = m;
	return LAPE_OK;
}

void merge_free(struct merge *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nentries; i++)
		journal_entry_clear(&m->entries[i]);
	free(m->entries);
	for (size_t i = 0; i < m->nconflicts; i++)
		conflict_clear(&m->conflicts[i]);
	free(m->conflicts);
	for (size_t i = 0; i < m->ndecided; i++)
		conflict_clear(&m->decided[i]);
	free(m->decided);
	results_clear(m);
	tables_free(m);
	if (m->other)
		db_close(m->other);
	free(m->path);
	free(m);
}

/* ---- copies ------------------------------------------------------------ */

/* The origin number for a new copy: the next in the family's first file;
 * a copy of a copy draws one at random above those. */
static int copy_origin(struct lape_db *db, int64_t *origin)
{
	char *v = NULL, buf[32];
	int rc;

	if (journal_origin(db) != 0) {
		uint32_t r;

		sqlite3_randomness(sizeof r, &r);
		*origin = (int64_t)(1u << 20) +
		          (int64_t)(r % ((1u << 31) - (1u << 20) - 1));
		return LAPE_OK;
	}
	rc = db_begin(db);
	if (rc != LAPE_OK)
		return rc;
	rc = db_meta_lookup(db, "next_origin", &v);
	*origin = v ? strtoll(v, NULL, 10) : 1;
	free(v);
	if (*origin < 1)
		*origin = 1;
	snprintf(buf, sizeof buf, "%lld", (long long)(*origin + 1));
	if (rc == LAPE_OK)
		rc = db_meta_set(db, "next_origin", buf);
	if (rc == LAPE_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}

/* Give the copy at PATH its own identity. */
static int copy_identity(struct lape_db *db, const char *path, int64_t origin)
{
	static const char set[] =
	    "INSERT INTO meta(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = ?2";
	struct {
		const char *key;
		char value[64];
	} kv[] = {{"file_uuid", ""},   {"origin", ""},    {"next_origin", ""},
	          {"copied_from", ""}, {"copied_at", ""}, {"copy_point", ""}};
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	char *point = NULL;
	int rc;

	journal_uuid(kv[0].value);
	snprintf(kv[1].value, sizeof kv[1].value, "%lld", (long long)origin);
	snprintf(kv[2].value, sizeof kv[2].value, "1");
	snprintf(kv[3].value, sizeof kv[3].value, "%s", journal_file_uuid(db));
	journal_now(kv[4].value);
	rc = sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(
		    c, "SELECT uuid FROM journal ORDER BY id DESC LIMIT 1", -1,
		    &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		point = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	st = NULL;
	snprintf(kv[5].value, sizeof kv[5].value, "%s", point ? point : "");
	free(point);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c, set, -1, &st, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof kv / sizeof kv[0];
	     i++) {
		sqlite3_bind_text(st, 1, kv[i].key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, kv[i].value, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK
		                                     : sqlite3_errcode(c);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		db_fail(db, LAPE_ERROR, NULL, "%s: %s", path,
		        c ? sqlite3_errmsg(c) : sqlite3_errstr(rc));
	sqlite3_close(c);
	return rc == SQLITE_OK ? LAPE_OK : LAPE_ERROR;
}

int merge_copy(struct lape_db *db, const char *path)
{
	char *tmp = malloc(strlen(path) + 16);
	sqlite3_stmt *st;
	int64_t origin;
	int fd, rc;

	if (!tmp)
		return oom(db);
	if (access(path, F_OK) == 0) {
		free(tmp);
		return db_fail(db, LAPE_INVALID, NULL,
		               _("%s: a file of that name exists already"),
		               path);
	}
	if (!journal_table(db, "person")) {
		free(tmp);
		return db_fail(db, LAPE_READONLY, NULL, "%s",
		               _("this data file is of an older format and "
		                 "cannot be upgraded here"));
	}
	sprintf(tmp, "%s.new-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = db_fail(db, LAPE_ERROR, NULL, "%s: %s", path,
		             strerror(errno));
		free(tmp);
		return rc;
	}
	fchmod(fd, 0600);
	close(fd);
	rc = copy_origin(db, &origin);
	/* One read transaction: a consistent copy while others write. */
	if (rc == LAPE_OK &&
	    (st = db_prepare(db, "VACUUM INTO ?", "t", tmp)) != NULL) {
		rc = db_step(db, st);
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? LAPE_OK : rc;
	} else if (rc == LAPE_OK) {
		rc = LAPE_ERROR;
	}
	if (rc == LAPE_OK)
		rc = copy_identity(db, tmp, origin);
	if (rc == LAPE_OK && link(tmp, path) != 0)
		rc = db_fail(db, errno == EEXIST ? LAPE_INVALID : LAPE_ERROR,
		             NULL, "%s: %s", path,
		             errno == EEXIST
		                 ? _("a file of that name exists already")
		                 : strerror(errno));
	unlink(tmp);
	free(tmp);
	return rc;
}
