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
/* history.c -- the journal read as a history of field changes, and undo:
 * an entry taken back by writing its inverse as a new entry, refused when
 * a later change touched the same record. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/store.h"

typedef sqlite3_value **row_t;

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int col_of(const struct journal_table *t, const char *name)
{
	for (int c = 0; c < t->ncol; c++)
		if (strcmp(t->cols[c], name) == 0)
			return c;
	return -1;
}

static bool bookkeeping(const struct journal_table *t, int c)
{
	return strcmp(t->cols[c], "version") == 0 ||
	       strcmp(t->cols[c], "updated") == 0 ||
	       strcmp(t->cols[c], "created") == 0;
}

/* "WHERE a = ?1 AND b = ?2" for the primary key of T. */
static void where_pk(const struct journal_table *t, char *buf, size_t len)
{
	size_t n = 0;
	int k = 0;

	buf[0] = '\0';
	for (int c = 0; c < t->ncol; c++)
		if (t->pk[c])
			n += (size_t)snprintf(
			    buf + n, n < len ? len - n : 0, "%s\"%s\" = ?%d",
			    k ? " AND " : "", t->cols[c], k + 1),
			    k++;
}

static int bind_pk(sqlite3_stmt *st, const struct journal_table *t, row_t key)
{
	int k = 0;

	for (int c = 0; c < t->ncol; c++)
		if (t->pk[c])
			sqlite3_bind_value(st, ++k, key[c]);
	return k;
}

/* The current row of T with the key in KEY, or NULL. */
static row_t row_now(struct lape_db *db, const struct journal_table *t,
                     row_t key)
{
	char sql[1024], w[256];
	size_t n;
	sqlite3_stmt *st;
	row_t r = NULL;

	where_pk(t, w, sizeof w);
	n = (size_t)snprintf(sql, sizeof sql, "SELECT ");
	for (int c = 0; c < t->ncol; c++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"",
		                      c ? ", " : "", t->cols[c]);
	snprintf(sql + n, sizeof sql - n, " FROM \"%s\" WHERE %s", t->name, w);
	st = db_prepare_cached(db, sql, NULL);
	if (!st)
		return NULL;
	bind_pk(st, t, key);
	if (db_step(db, st) == SQLITE_ROW)
		r = journal_stmt_row(st, t->ncol);
	db_release(db, st);
	return r;
}

/* ---- names ------------------------------------------------------------- */

static char *lookup(struct lape_db *db, const char *sql, int64_t id)
{
	return db_first_text(db, db_prepare_cached(db, sql, "i", id));
}

static char *person_name(struct lape_db *db, int64_t id)
{
	const struct journal_table *t = journal_table(db, "person");
	char *v, buf[32];

	if (t && col_of(t, "name") >= 0)
		v = lookup(db, "SELECT name FROM person WHERE id = ?", id);
	else
		v = lookup(db,
		           "SELECT trim(given_names || ' ' || surname) "
		           "FROM person WHERE id = ?",
		           id);
	if (v)
		return v;
	snprintf(buf, sizeof buf, "#%lld", (long long)id);
	return strdup(buf);
}

static char *group_name(struct lape_db *db, int64_t id)
{
	char *v = lookup(db, "SELECT name FROM lape_group WHERE id = ?", id);
	char buf[32];

	if (v)
		return v;
	snprintf(buf, sizeof buf, "#%lld", (long long)id);
	return strdup(buf);
}

/* The person's name from a person row's values. */
static char *person_from_row(const struct journal_table *t, row_t r)
{
	int cn = col_of(t, "name"), cs = col_of(t, "surname"),
	    cg = col_of(t, "given_names");
	const char *s, *g;
	char *out;

	if (cn >= 0 && r[cn])
		return xstrdup((const char *)sqlite3_value_text(r[cn]));
	if (cs < 0 || !r[cs])
		return NULL;
	s = (const char *)sqlite3_value_text(r[cs]);
	g = cg >= 0 && r[cg] ? (const char *)sqlite3_value_text(r[cg]) : "";
	if (!s)
		return NULL;
	if (!g || !*g)
		return strdup(s);
	out = malloc(strlen(s) + strlen(g) + 2);
	if (out)
		sprintf(out, "%s %s", g, s);
	return out;
}

static int64_t int_col(const struct journal_table *t, row_t r, const char *name)
{
	int c = col_of(t, name);

	return c >= 0 && r[c] ? sqlite3_value_int64(r[c]) : 0;
}

static const char *text_col(const struct journal_table *t, row_t r,
                            const char *name)
{
	int c = col_of(t, name);

	return c >= 0 && r[c] ? (const char *)sqlite3_value_text(r[c]) : NULL;
}

/* A value as people read it: references by name, roles translated. */
static char *value_shown(struct lape_db *db, const char *table, const char *col,
                         sqlite3_value *v)
{
	int64_t id;

	if (!v || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	id = sqlite3_value_int64(v);
	if (strcmp(col, "person_id") == 0)
		return person_name(db, id);
	if (strcmp(col, "group_id") == 0 ||
	    strcmp(col, "regional_group_id") == 0)
		return group_name(db, id);
	if (strcmp(col, "deputy_of") == 0) {
		int64_t p = 0;
		char *s = lookup(
		    db, "SELECT person_id FROM membership WHERE id = ?", id);

		if (s)
			p = strtoll(s, NULL, 10);
		free(s);
		return p ? person_name(db, p) : xstrdup(_("vacant seat"));
	}
	if (strcmp(col, "existing_body") == 0 ||
	    strcmp(col, "name_withheld") == 0)
		return xstrdup(id ? _("yes") : _("no"));
	if (strcmp(table, "membership") == 0 && strcmp(col, "role") == 0)
		return xstrdup(role_label(
		    role_from_key((const char *)sqlite3_value_text(v))));
	return xstrdup((const char *)sqlite3_value_text(v));
}

/* The record and the group it belongs to, from the best values known:
 * the op's, else the row as it is now. */
static void record_names(struct lape_db *db, const struct journal_table *t,
                         row_t r, char **record, char **group)
{
	*record = *group = NULL;
	if (strcmp(t->name, "person") == 0) {
		*record = person_from_row(t, r);
		if (!*record)
			*record = person_name(db, int_col(t, r, "id"));
	} else if (strcmp(t->name, "lape_group") == 0) {
		*record = xstrdup(text_col(t, r, "name"));
		if (!*record)
			*record = group_name(db, int_col(t, r, "id"));
	} else if (strcmp(t->name, "membership") == 0) {
		const char *role = text_col(t, r, "role");
		int64_t p = int_col(t, r, "person_id");
		char *who = p ? person_name(db, p) : xstrdup(_("vacant seat"));
		const char *rl = role_label(role_from_key(role ? role : ""));

		*group = group_name(db, int_col(t, r, "group_id"));
		if (who && (*record = malloc(strlen(rl) + strlen(who) + 2)))
			sprintf(*record, "%s %s", rl, who);
		free(who);
	} else if (strcmp(t->name, "group_municipality") == 0) {
		const char *code = text_col(t, r, "municipality_code");
		char *name = NULL;
		sqlite3_stmt *st = db_prepare_cached(
		    db, "SELECT name_fi FROM municipality WHERE code = ?", "t",
		    code);

		if (st && db_step(db, st) == SQLITE_ROW)
			name = db_column_dup(st, 0);
		if (st)
			db_release(db, st);
		*group = group_name(db, int_col(t, r, "group_id"));
		*record = name ? name : xstrdup(code);
	} else {
		*record = person_name(db, int_col(t, r, "person_id"));
	}
	if (!*record)
		*record = strdup("?");
}

/* ---- walking the history ----------------------------------------------- */

struct walk {
	struct lape_db *db;
	history_cb cb;
	void *ctx;
	const char *only_pk; /* the rows of the entry to show, "tbl\tpk\n" */
};

/* An op on table TN made before its columns changed: its values cannot
 * be read by name, but that it happened is shown. */
static int emit_old_format(struct walk *w, const char *tn, int op,
                           struct history_change *hc)
{
	if (w->only_pk)
		return 0;
	hc->table = tn;
	hc->op = op == SQLITE_INSERT   ? HISTORY_ADD
	         : op == SQLITE_DELETE ? HISTORY_REMOVE
	                               : HISTORY_CHANGE;
	hc->record = _("(in an earlier data format)");
	hc->group = hc->field = hc->old_value = hc->new_value = NULL;
	return w->cb(hc, w->ctx);
}

/* Whether the op at IT on T is one of those W is to show. */
static bool op_wanted(const struct walk *w, sqlite3_changeset_iter *it,
                      const struct journal_table *t)
{
	char pk[128], key[200];

	if (!w->only_pk)
		return true;
	journal_row_pk(it, t, pk, sizeof pk);
	snprintf(key, sizeof key, "%s\t%s\n", t->name, pk);
	return strstr(w->only_pk, key) != NULL;
}

/* The fields of a change, one callback each; RECORD names the record and
 * BEST holds its values (new, else old, else now). */
static int emit_fields(struct walk *w, const struct journal_table *t, row_t old,
                       row_t new, row_t best, char *record,
                       struct history_change *hc)
{
	int rc = 0;

	hc->op = HISTORY_CHANGE;
	for (int c = 0; c < t->ncol && rc == 0; c++) {
		char *a, *b;

		if (!new[c] || bookkeeping(t, c) || t->pk[c])
			continue;
		a = value_shown(w->db, t->name, t->cols[c], old[c]);
		b = value_shown(w->db, t->name, t->cols[c], new[c]);
		hc->field = t->cols[c];
		hc->old_value = a;
		hc->new_value = b;
		/* A seat given to another person: "chair A → B". */
		hc->record = record;
		if (strcmp(t->name, "membership") == 0 &&
		    strcmp(t->cols[c], "person_id") == 0) {
			const char *role = text_col(t, best, "role");

			hc->record =
			    role_label(role_from_key(role ? role : ""));
		}
		rc = w->cb(hc, w->ctx);
		free(a);
		free(b);
	}
	return rc;
}

/* Show the op at IT as one or more changes. */
static int emit_op(struct walk *w, sqlite3_changeset_iter *it,
                   struct history_change *hc)
{
	const struct journal_table *t;
	const char *tn;
	int ncol, op, ind, rc = 0;
	row_t old = NULL, new = NULL, best = NULL, now = NULL;
	char *record = NULL, *group = NULL;

	sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
	t = journal_table(w->db, tn);
	if (!t)
		return 0;
	if (t->ncol != ncol)
		return emit_old_format(w, tn, op, hc);
	if (!op_wanted(w, it, t))
		return 0;
	old = journal_op_row(it, ncol, false);
	new = journal_op_row(it, ncol, true);
	best = calloc((size_t)ncol, sizeof *best);
	if (!old || !new || !best) {
		rc = LAPE_ERROR;
		goto out;
	}
	for (int c = 0; c < ncol; c++)
		best[c] = new[c] ? new[c] : old[c];
	if (op == SQLITE_UPDATE && (now = row_now(w->db, t, old)) != NULL)
		for (int c = 0; c < ncol; c++)
			if (!best[c])
				best[c] = now[c];
	record_names(w->db, t, best, &record, &group);
	hc->table = tn;
	hc->record = record;
	hc->group = group;
	hc->field = hc->old_value = hc->new_value = NULL;
	if (op != SQLITE_UPDATE) {
		hc->op = op == SQLITE_INSERT ? HISTORY_ADD : HISTORY_REMOVE;
		rc = w->cb(hc, w->ctx);
	} else {
		rc = emit_fields(w, t, old, new, best, record, hc);
	}
out:
	free(best);
	journal_row_free(old, ncol);
	journal_row_free(new, ncol);
	journal_row_free(now, ncol);
	free(record);
	free(group);
	return rc;
}

static int emit_entry(struct walk *w, sqlite3_stmt *st)
{
	struct history_change hc = {0};
	sqlite3_changeset_iter *it;
	int rc = 0, n = sqlite3_column_bytes(st, 7);

	hc.entry_id = sqlite3_column_int64(st, 0);
	hc.entry_uuid = (const char *)sqlite3_column_text(st, 1);
	hc.at = (const char *)sqlite3_column_text(st, 2);
	hc.user = (const char *)sqlite3_column_text(st, 3);
	hc.kind = (const char *)sqlite3_column_text(st, 4);
	hc.merged_from = (const char *)sqlite3_column_text(st, 5);
	/* A person erased (privacy.c): the entry says only that, and who. */
	if (n <= 0 && sqlite3_column_text(st, 8) &&
	    strcmp((const char *)sqlite3_column_text(st, 8), "erase") == 0) {
		if (w->only_pk)
			return 0;
		hc.table = "person";
		hc.op = HISTORY_REMOVE;
		hc.record = _("(erased)");
		return w->cb(&hc, w->ctx);
	}
	if (n <= 0)
		return 0;
	if (sqlite3changeset_start(
	        &it, n, (void *)sqlite3_column_blob(st, 7)) != SQLITE_OK)
		return 0;
	while (rc == 0 && sqlite3changeset_next(it) == SQLITE_ROW)
		rc = emit_op(w, it, &hc);
	sqlite3changeset_finalize(it);
	return rc;
}

int history_walk(struct lape_db *db, const struct history_filter *f,
                 history_cb cb, void *ctx)
{
	static const struct history_filter all = {0, 0, NULL};
	struct walk w = {db, cb, ctx, NULL};
	sqlite3_stmt *st;
	int rc;

	if (!f)
		f = &all;
	if (!journal_table(db, "person"))
		return LAPE_OK;
	st = db_prepare(
	    db,
	    "SELECT j.id, j.uuid, j.at, j.os_user, j.kind, j.merged_from, "
	    "(SELECT group_concat(r.tbl || char(9) || r.pk || char(10), '') "
	    " FROM journal_row r WHERE r.entry_id = j.id "
	    " AND (?1 = 0 OR r.group_id = ?1) "
	    " AND (?2 = 0 OR r.person_id = ?2)), j.changeset, j.note "
	    "FROM journal j WHERE (?3 IS NULL OR j.at >= ?3) "
	    "AND (?1 = 0 OR j.id IN (SELECT entry_id FROM journal_row "
	    "     WHERE group_id = ?1)) "
	    "AND (?2 = 0 OR j.id IN (SELECT entry_id FROM journal_row "
	    "     WHERE person_id = ?2)) "
	    "ORDER BY j.id",
	    "iit", f->group_id, f->person_id, f->since);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		char *rows = NULL;

		if (f->group_id || f->person_id) {
			/* Leading newline so that "tbl\tpk\n" is found as a
			 * whole line. */
			const char *r =
			    (const char *)sqlite3_column_text(st, 6);

			rows = malloc(strlen(r ? r : "") + 2);
			if (rows)
				sprintf(rows, "\n%s", r ? r : "");
			w.only_pk = rows;
		}
		rc = emit_entry(&w, st);
		free(rows);
		w.only_pk = NULL;
		if (rc != 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return LAPE_OK;
	return rc;
}

/* ---- undo -------------------------------------------------------------- */

void history_undo_clear(struct history_undo *u)
{
	free(u->what);
	memset(u, 0, sizeof *u);
}

int64_t history_last_entry(struct lape_db *db)
{
	sqlite3_stmt *st;
	int64_t id = 0;

	if (!journal_table(db, "person"))
		return 0;
	st = db_prepare(db, "SELECT max(id) FROM journal", NULL);
	if (!st)
		return 0;
	if (db_step(db, st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* One line for the first change of an entry, and how many more. */
struct first {
	char *line;
	int more;
};

static int first_cb(const struct history_change *c, void *ctx)
{
	struct first *f = ctx;
	char buf[1024];

	if (f->line) {
		f->more++;
		return 0;
	}
	if (c->op == HISTORY_CHANGE)
		snprintf(buf, sizeof buf, "%s %s: %s: %s \xE2\x86\x92 %s",
		         merge_table_label(c->table), c->record,
		         merge_field_label(c->field),
		         c->old_value ? c->old_value : _("(empty)"),
		         c->new_value ? c->new_value : _("(empty)"));
	else
		snprintf(buf, sizeof buf,
		         c->op == HISTORY_ADD ? _("added %s %s")
		                              : _("removed %s %s"),
		         merge_table_label(c->table), c->record);
	f->line = strdup(buf);
	return 0;
}

static char *describe_entry(struct lape_db *db, int64_t id)
{
	struct walk w = {db, first_cb, NULL, NULL};
	struct first f = {NULL, 0};
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT id, uuid, at, os_user, kind, merged_from, NULL, "
	               "changeset FROM journal WHERE id = ?",
	               "i", id);
	char *out;

	w.ctx = &f;
	if (!st)
		return NULL;
	if (db_step(db, st) == SQLITE_ROW)
		emit_entry(&w, st);
	sqlite3_finalize(st);
	if (!f.line)
		return strdup("");
	if (f.more == 0)
		return f.line;
	out = malloc(strlen(f.line) + 64);
	if (out)
		sprintf(out,
		        ngettext("%s (and %d more change)",
		                 "%s (and %d more changes)", f.more),
		        f.line, f.more);
	free(f.line);
	return out;
}

int history_undo_find(struct lape_db *db, const char *user, int64_t after,
                      bool redo, struct history_undo *out)
{
	/* An entry is in force unless an undo of it is, which is in force
	 * unless it was redone (undone in turn). */
	static const char change_sql[] =
	    "SELECT id, uuid, at FROM journal j WHERE os_user = ?1 "
	    "AND id > ?2 AND kind = 'change' AND merged_at IS NULL "
	    "AND length(changeset) > 0 AND NOT EXISTS (SELECT 1 FROM "
	    "journal u WHERE u.undoes = j.uuid AND NOT EXISTS (SELECT 1 "
	    "FROM journal r WHERE r.undoes = u.uuid)) "
	    "ORDER BY id DESC LIMIT 1";
	/* A redo only while the user has made no new change since. */
	static const char redo_sql[] =
	    "SELECT id, uuid, at FROM journal j WHERE os_user = ?1 "
	    "AND id > ?2 AND kind = 'undo' AND merged_at IS NULL "
	    "AND (SELECT t.kind FROM journal t WHERE t.uuid = j.undoes) = "
	    "'change' "
	    "AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.undoes = j.uuid) "
	    "AND NOT EXISTS (SELECT 1 FROM journal c WHERE c.os_user = ?1 "
	    " AND c.kind = 'change' AND c.merged_at IS NULL AND c.id > j.id) "
	    "ORDER BY id DESC LIMIT 1";
	char *me = user ? NULL : journal_user(db);
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if (!journal_table(db, "person")) {
		free(me);
		return db_fail(db, LAPE_NOTFOUND, NULL, "%s",
		               _("nothing to undo"));
	}
	st = db_prepare(db, redo ? redo_sql : change_sql, "ti",
	                user ? user : me, after);
	free(me);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		out->entry_id = sqlite3_column_int64(st, 0);
		snprintf(out->uuid, sizeof out->uuid, "%s",
		         (const char *)sqlite3_column_text(st, 1));
		snprintf(out->at, sizeof out->at, "%s",
		         (const char *)sqlite3_column_text(st, 2));
		out->redo = redo;
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc =
		    db_fail(db, LAPE_NOTFOUND, NULL, "%s",
		            redo ? _("nothing to redo") : _("nothing to undo"));
	}
	sqlite3_finalize(st);
	if (rc == LAPE_OK && !(out->what = describe_entry(db, out->entry_id)))
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	return rc;
}

/* Refuse the undo: the later change at the row PK (column COL, -1 the
 * record) of T is named. */
static int blocked(struct lape_db *db, const struct journal_table *t,
                   row_t best, const char *pk, int col, int64_t entry)
{
	char uuid[37], when[20], *user = NULL, *at = NULL, *record, *group;
	int64_t id = 0;
	int rc;

	journal_last_writer(db, t->name, pk, col, 0, uuid, &user, &at, &id);
	record_names(db, t, best, &record, &group);
	journal_time_show(at, when);
	if (id > entry && user)
		rc = db_fail(
		    db, LAPE_CONFLICT, NULL,
		    _("%s %s: %s was changed afterwards by %s at %s; undo "
		      "that first"),
		    merge_table_label(t->name), record,
		    col >= 0 ? merge_field_label(t->cols[col])
		             : _("the record"),
		    user, when);
	else
		rc = db_fail(db, LAPE_CONFLICT, NULL,
		             _("%s %s: %s was changed afterwards outside lape"),
		             merge_table_label(t->name), record,
		             col >= 0 ? merge_field_label(t->cols[col])
		                      : _("the record"));
	free(user);
	free(at);
	free(record);
	free(group);
	return rc;
}

static int exec_row(struct lape_db *db, const char *sql,
                    const struct journal_table *t, row_t key, int extra,
                    sqlite3_value **vals)
{
	sqlite3_stmt *st = db_prepare_cached(db, sql, NULL);
	int k, rc;

	if (!st)
		return LAPE_ERROR;
	k = bind_pk(st, t, key);
	for (int i = 0; i < extra; i++)
		sqlite3_bind_value(st, k + 1 + i, vals[i]);
	rc = db_step(db, st);
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* An update taken back: each field it changed back to its old value. */
static int undo_update(struct lape_db *db, const struct journal_table *t,
                       row_t old, row_t new, const char *pk, int64_t entry)
{
	row_t now = row_now(db, t, old);
	char w[256], sql[512];
	bool any = false;
	int rc = LAPE_OK;

	if (!now)
		return blocked(db, t, old, pk, -1, entry);
	where_pk(t, w, sizeof w);
	for (int c = 0; c < t->ncol && rc == LAPE_OK; c++) {
		if (!new[c] || bookkeeping(t, c) || t->pk[c])
			continue;
		if (!journal_value_equal(now[c], new[c])) {
			rc = blocked(db, t, now, pk, c, entry);
			break;
		}
	}
	for (int c = 0; c < t->ncol && rc == LAPE_OK; c++) {
		if (!new[c] || bookkeeping(t, c) || t->pk[c])
			continue;
		snprintf(sql, sizeof sql,
		         "UPDATE \"%s\" SET \"%s\" = ?%d WHERE %s", t->name,
		         t->cols[c], 20, w);
		{
			sqlite3_stmt *st = db_prepare_cached(db, sql, NULL);

			if (!st) {
				rc = LAPE_ERROR;
				break;
			}
			bind_pk(st, t, old);
			sqlite3_bind_value(st, 20, old[c]);
			rc = db_step(db, st);
			db_release(db, st);
			rc = rc == SQLITE_DONE ? LAPE_OK : rc;
		}
		any = true;
	}
	if (rc == LAPE_OK && any) {
		int cv = col_of(t, "version"), cu = col_of(t, "updated");

		if (cv >= 0) {
			snprintf(
			    sql, sizeof sql,
			    "UPDATE \"%s\" SET version = version + 1 WHERE %s",
			    t->name, w);
			rc = exec_row(db, sql, t, old, 0, NULL);
		}
		if (rc == LAPE_OK && cu >= 0) {
			snprintf(sql, sizeof sql,
			         "UPDATE \"%s\" SET updated = "
			         "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now') "
			         "WHERE %s",
			         t->name, w);
			rc = exec_row(db, sql, t, old, 0, NULL);
		}
	}
	journal_row_free(now, t->ncol);
	return rc;
}

/* Whether rows of other tables still refer to the row KEY of T (that
 * the removal would take with it or that keep it): *N. */
static int referring(struct lape_db *db, const struct journal_table *t,
                     row_t key, int *n)
{
	int rc = LAPE_OK, idc = col_of(t, "id");

	*n = 0;
	if (idc < 0)
		return LAPE_OK;
	for (int k = 0; k < JOURNAL_TABLES && rc == LAPE_OK; k++) {
		sqlite3_stmt *st = db_prepare(db,
		                              "SELECT \"from\", on_delete FROM "
		                              "pragma_foreign_key_list(?) "
		                              "WHERE \"table\" = ?",
		                              "tt", journal_tables[k], t->name);

		if (!st)
			return LAPE_ERROR;
		while ((rc = db_step(db, st)) == SQLITE_ROW) {
			const char *from =
			    (const char *)sqlite3_column_text(st, 0);
			const char *act =
			    (const char *)sqlite3_column_text(st, 1);
			char q[256];
			sqlite3_stmt *c;

			if (act && strcmp(act, "SET NULL") == 0)
				continue;
			snprintf(q, sizeof q,
			         "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?",
			         journal_tables[k], from);
			c = db_prepare(db, q, NULL);
			if (!c)
				continue;
			sqlite3_bind_value(c, 1, key[idc]);
			if (db_step(db, c) == SQLITE_ROW)
				*n += sqlite3_column_int(c, 0);
			sqlite3_finalize(c);
		}
		sqlite3_finalize(st);
		rc = rc == SQLITE_DONE ? LAPE_OK : rc;
	}
	return rc;
}

/* An addition taken back: the row goes, if nothing changed or uses it.
 * With CHECK, only whether it changed since: every row of the entry is
 * compared before any goes, as removing one clears the references of
 * the others to it (a deputy added with the member). */
static int undo_insert(struct lape_db *db, const struct journal_table *t,
                       row_t new, const char *pk, int64_t entry, bool check)
{
	row_t now = row_now(db, t, new);
	char w[256], sql[512];
	int rc = LAPE_OK, users = 0;

	if (!now)
		return LAPE_OK; /* gone already */
	for (int c = 0; check && c < t->ncol; c++)
		if (!bookkeeping(t, c) && new[c] &&
		    !journal_value_equal(now[c], new[c])) {
			rc = blocked(db, t, now, pk, c, entry);
			break;
		}
	if (check) {
		journal_row_free(now, t->ncol);
		return rc;
	}
	rc = referring(db, t, new, &users);
	if (rc == LAPE_OK && users > 0) {
		char *record, *group;

		record_names(db, t, now, &record, &group);
		rc = db_fail(db, LAPE_CONFLICT, NULL,
		             _("%s %s is used by records added afterwards; "
		               "remove them first"),
		             merge_table_label(t->name), record);
		free(record);
		free(group);
	}
	if (rc == LAPE_OK) {
		where_pk(t, w, sizeof w);
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\" WHERE %s",
		         t->name, w);
		rc = exec_row(db, sql, t, new, 0, NULL);
	}
	journal_row_free(now, t->ncol);
	return rc;
}

/* A removal taken back: the row comes back as it was. */
static int undo_delete(struct lape_db *db, const struct journal_table *t,
                       row_t old, const char *pk, int64_t entry)
{
	row_t now = row_now(db, t, old);
	char sql[1024];
	size_t n;
	sqlite3_stmt *st;
	int rc;

	if (now) {
		journal_row_free(now, t->ncol);
		return blocked(db, t, old, pk, -1, entry);
	}
	n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO \"%s\" VALUES (",
	                     t->name);
	for (int c = 0; c < t->ncol; c++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?",
		                      c ? ", " : "");
	snprintf(sql + n, sizeof sql - n, ")");
	st = db_prepare_cached(db, sql, NULL);
	if (!st)
		return LAPE_ERROR;
	for (int c = 0; c < t->ncol; c++)
		sqlite3_bind_value(st, c + 1, old[c]);
	rc = db_step(db, st);
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* Pass 0: changes and removals back (parents first); pass 2: additions
 * compared with the rows now; pass 1: additions removed (rows that refer
 * to others first). */
static int undo_pass(struct lape_db *db, const void *cs, int n, int pass,
                     int table, int64_t entry)
{
	sqlite3_changeset_iter *it;
	int rc = sqlite3changeset_start(&it, n, (void *)cs);

	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	while (rc == SQLITE_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const struct journal_table *t;
		const char *tn;
		int ncol, op, ind;
		row_t old, new;
		char pk[128];

		sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
		if (strcmp(tn, journal_tables[table]) != 0 ||
		    (pass == 0) == (op == SQLITE_INSERT))
			continue;
		t = journal_table(db, tn);
		if (!t || t->ncol != ncol)
			continue;
		journal_row_pk(it, t, pk, sizeof pk);
		old = journal_op_row(it, ncol, false);
		new = journal_op_row(it, ncol, true);
		if (!old || !new)
			rc = LAPE_ERROR;
		else if (op == SQLITE_UPDATE)
			rc = undo_update(db, t, old, new, pk, entry);
		else if (op == SQLITE_DELETE)
			rc = undo_delete(db, t, old, pk, entry);
		else
			rc = undo_insert(db, t, new, pk, entry, pass == 2);
		journal_row_free(old, ncol);
		journal_row_free(new, ncol);
	}
	sqlite3changeset_finalize(it);
	return rc;
}

/* Whether every row of changeset CS is laid out as the tables are now. */
static bool same_shape(struct lape_db *db, const void *cs, int n)
{
	sqlite3_changeset_iter *it;
	bool ok = true;

	if (sqlite3changeset_start(&it, n, (void *)cs) != SQLITE_OK)
		return false;
	while (ok && sqlite3changeset_next(it) == SQLITE_ROW) {
		const struct journal_table *t;
		const char *tn;
		int ncol, op, ind;

		sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
		t = journal_table(db, tn);
		ok = t && t->ncol == ncol;
	}
	return sqlite3changeset_finalize(it) == SQLITE_OK && ok;
}

int history_undo_apply(struct lape_db *db, const struct history_undo *u)
{
	sqlite3_stmt *st;
	void *cs = NULL;
	int n = 0, rc;

	rc = db_begin(db);
	if (rc != LAPE_OK)
		return rc;
	journal_set_undo(db, u->uuid);
	rc = db_exec(db, "PRAGMA defer_foreign_keys=ON", NULL);
	st = db_prepare(db, "SELECT changeset FROM journal WHERE uuid = ?", "t",
	                u->uuid);
	if (rc == LAPE_OK && st && db_step(db, st) == SQLITE_ROW) {
		n = sqlite3_column_bytes(st, 0);
		cs = malloc(n > 0 ? (size_t)n : 1);
		if (cs && n > 0)
			memcpy(cs, sqlite3_column_blob(st, 0), (size_t)n);
	}
	if (st)
		sqlite3_finalize(st);
	if (rc == LAPE_OK && (!cs || n <= 0))
		rc = db_fail(db, LAPE_NOTFOUND, NULL, "%s",
		             _("nothing to undo"));
	if (rc == LAPE_OK && !same_shape(db, cs, n))
		rc = db_fail(db, LAPE_CONFLICT, NULL, "%s",
		             _("it was made before the data format changed"));
	for (int k = 0; rc == LAPE_OK && k < JOURNAL_TABLES; k++)
		rc = undo_pass(db, cs, n, 0, k, u->entry_id);
	for (int k = 0; rc == LAPE_OK && k < JOURNAL_TABLES; k++)
		rc = undo_pass(db, cs, n, 2, k, u->entry_id);
	for (int k = JOURNAL_TABLES - 1; rc == LAPE_OK && k >= 0; k--)
		rc = undo_pass(db, cs, n, 1, k, u->entry_id);
	free(cs);
	/* A record it brings back may refer to one removed since. */
	if (rc == LAPE_OK) {
		st = db_prepare(db, "PRAGMA foreign_key_check", NULL);
		if (!st)
			rc = LAPE_ERROR;
		else if (db_step(db, st) == SQLITE_ROW)
			rc = db_fail(db, LAPE_CONFLICT, NULL, "%s",
			             _("a record it would bring back refers to "
			               "one removed afterwards"));
		if (st)
			sqlite3_finalize(st);
	}
	if (rc == LAPE_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}
