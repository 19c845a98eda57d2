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
/* store-row.c -- a record's row as its kind's descriptors say
 * (store-priv.h): the column list, reading, binding, copying and freeing,
 * and the save, get, delete and list steps every record kind takes. */

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "lape/utf8.h"
#include "store-priv.h"

/* The head every record's struct starts with. */
struct store_head {
	int64_t id;
	char uuid[UUID_LEN + 1];
	int64_t version;
};
#define SAME_HEAD(type)                                                        \
	static_assert(offsetof(struct type, uuid) ==                           \
	                      offsetof(struct store_head, uuid) &&             \
	                  offsetof(struct type, version) ==                    \
	                      offsetof(struct store_head, version),            \
	              #type " starts with id, uuid, version")
SAME_HEAD(group);
SAME_HEAD(person);
SAME_HEAD(membership);
SAME_HEAD(agent);
static_assert(sizeof(enum member_role) == sizeof(int) &&
                  sizeof(enum person_gender) == sizeof(int),
              "an enum slot is an int");

#define FIELD_AT(rec, off, type) ((type *)((char *)(rec) + (off)))
#define CFIELD_AT(rec, off, type) ((const type *)((const char *)(rec) + (off)))
/* The head's members of a record, by their place (not through a struct
 * store_head, which the record is not). */
#define REC_ID(rec) (*FIELD_AT(rec, offsetof(struct store_head, id), int64_t))
#define REC_UUID(rec) FIELD_AT(rec, offsetof(struct store_head, uuid), char)
#define REC_VERSION(rec)                                                       \
	(*FIELD_AT(rec, offsetof(struct store_head, version), int64_t))

/* Whether F has a column in its kind's row. */
static bool in_row(const struct record_field *f)
{
	return f->offset != RECORD_NO_OFFSET || f->slot != SLOT_NONE;
}

static bool is_text(const struct record_field *f)
{
	return f->offset != RECORD_NO_OFFSET;
}

static void build(struct store_table *t);

/* The columns of T's row, in their order: the kind's fields stored in the
 * row, T's own columns (these two written), then the extra columns. */
static size_t n_cols(struct store_table *t)
{
	if (!t->k)
		build(t);
	return t->k->n_fields + t->n_own + t->n_extra;
}

static const struct record_field *col_field(const struct store_table *t,
                                            size_t i)
{
	if (i < t->k->n_fields)
		return &t->k->fields[i];
	i -= t->k->n_fields;
	return i < t->n_own ? &t->own[i] : &t->extra[i - t->n_own];
}

static bool written(const struct store_table *t, size_t i)
{
	return i < t->k->n_fields + t->n_own;
}

/* Append S to BUF of SIZE (the buffers are sized for the tables). */
static void put(char *buf, size_t size, const char *s)
{
	size_t len = strlen(buf);

	assert(len + strlen(s) < size);
	snprintf(buf + len, size - len, "%s", s);
}

/* Column I of T in the column list, the INSERT and the UPDATE. */
static void build_col(struct store_table *t, size_t i, char *vals, size_t vs)
{
	const struct record_field *f = col_field(t, i);
	char *c = t->columns;
	size_t cs = sizeof t->columns;

	put(c, cs, ", ");
	if (!written(t, i)) {
		put(c, cs, f->column);
		return;
	}
	put(c, cs, t->alias);
	put(c, cs, ".");
	put(c, cs, f->column);
	put(t->insert, sizeof t->insert, ", ");
	put(t->insert, sizeof t->insert, f->column);
	put(vals, vs, ", ?");
	put(t->update, sizeof t->update, f->column);
	put(t->update, sizeof t->update, " = ?, ");
}

static void build(struct store_table *t)
{
	char vals[128] = "";

	t->k = record_kind(t->kind);
	assert(t->k && t->table && t->alias && t->from);
	snprintf(t->columns, sizeof t->columns, "%s.id, %s.uuid, %s.version",
	         t->alias, t->alias, t->alias);
	snprintf(t->insert, sizeof t->insert, "INSERT INTO %s(id", t->table);
	snprintf(t->update, sizeof t->update, "UPDATE %s SET ", t->table);
	for (size_t i = 0; i < n_cols(t); i++)
		if (in_row(col_field(t, i)) || !written(t, i))
			build_col(t, i, vals, sizeof vals);
	put(t->insert, sizeof t->insert, ") VALUES (lape_new_id('");
	put(t->insert, sizeof t->insert, t->table);
	put(t->insert, sizeof t->insert, "')");
	put(t->insert, sizeof t->insert, vals);
	put(t->insert, sizeof t->insert, ")");
	put(t->update, sizeof t->update,
	    "version = version + 1, "
	    "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	    "WHERE id = ? AND version = ?");
	snprintf(t->inserted, sizeof t->inserted,
	         "SELECT uuid, version FROM %s WHERE id = ?", t->table);
	snprintf(t->exists, sizeof t->exists, "SELECT 1 FROM %s WHERE id = ?",
	         t->table);
}

/* Whether column I of T is in the row's column list. */
static bool listed(const struct store_table *t, size_t i)
{
	return in_row(col_field(t, i)) || !written(t, i);
}

const char *store_columns(struct store_table *t)
{
	if (!t->k)
		build(t);
	return t->columns;
}

const char *store_sql(struct store_table *t, char *sql, size_t size,
                      const char *rest)
{
	int n = snprintf(sql, size, "SELECT %s FROM %s %s", store_columns(t),
	                 t->from, rest);

	assert(n > 0 && (size_t)n < size);
	(void)n;
	return sql;
}

int store_col(struct store_table *t, const char *name)
{
	int col = 3;

	for (size_t i = 0; i < n_cols(t); i++) {
		if (!listed(t, i))
			continue;
		if (strcmp(col_field(t, i)->name, name) == 0)
			return col;
		col++;
	}
	return -1;
}

/* ---- reading ----------------------------------------------------------- */

/* The value of an enum stored as TEXT: the key of one of its values, else
 * what the field's parser makes of it, else the first value. */
static int enum_value(const struct record_field *f, const char *text)
{
	int v;

	if (!text)
		return f->min;
	for (v = f->min; v <= f->max; v++)
		if (strcmp(f->store_key(v), text) == 0)
			return v;
	if (f->parse && f->parse(text, &v) == LAPE_OK)
		return v;
	return f->min;
}

static int read_text(sqlite3_stmt *st, int col, char **dst, bool copy)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	*dst = (char *)s;
	if (!copy || !s)
		return LAPE_OK;
	*dst = strdup(s);
	return *dst ? LAPE_OK : LAPE_ERROR;
}

static int read_field(struct store_table *t, sqlite3_stmt *st, int col,
                      const struct record_field *f, void *rec, bool copy)
{
	const char *s;

	if (is_text(f))
		return read_text(st, col, FIELD_AT(rec, f->offset, char *),
		                 copy);
	switch (f->slot) {
	case SLOT_ENUM:
		s = (const char *)sqlite3_column_text(st, col);
		*FIELD_AT(rec, f->at, int) = enum_value(f, s);
		break;
	case SLOT_INT:
		*FIELD_AT(rec, f->at, int) = sqlite3_column_int(st, col);
		break;
	case SLOT_BOOL:
		*FIELD_AT(rec, f->at, bool) = sqlite3_column_int(st, col) != 0;
		break;
	case SLOT_REF:
		*FIELD_AT(rec, f->at, int64_t) = sqlite3_column_int64(st, col);
		break;
	case SLOT_CODE:
		store_copy_code(FIELD_AT(rec, f->at, char), (size_t)f->max + 1,
		                st, col);
		break;
	case SLOT_HOOK:
		return t->read_hook(st, col, f, rec, copy);
	default:
		break;
	}
	return LAPE_OK;
}

int store_read(struct store_table *t, sqlite3_stmt *st, void *rec, bool copy)
{
	int col = 3, rc = LAPE_OK;

	if (!t->k)
		build(t);
	memset(rec, 0, t->size);
	REC_ID(rec) = sqlite3_column_int64(st, 0);
	store_copy_code(REC_UUID(rec), UUID_LEN + 1, st, 1);
	REC_VERSION(rec) = sqlite3_column_int64(st, 2);
	for (size_t i = 0; rc == LAPE_OK && i < n_cols(t); i++) {
		const struct record_field *f = col_field(t, i);

		if (listed(t, i) && in_row(f))
			rc = read_field(t, st, col, f, rec, copy);
		col += listed(t, i);
	}
	return rc;
}

/* ---- writing ----------------------------------------------------------- */

static int bind_field(struct store_table *t, sqlite3_stmt *st, int i,
                      const struct record_field *f, const void *rec)
{
	const char *s;

	if (is_text(f)) {
		s = *CFIELD_AT(rec, f->offset, char *);
		if (!s && f->slot == SLOT_TEXT_SET)
			s = "";
		return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
		         : sqlite3_bind_null(st, i);
	}
	switch (f->slot) {
	case SLOT_ENUM:
		s = f->store_key(*CFIELD_AT(rec, f->at, int));
		return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	case SLOT_INT:
		return sqlite3_bind_int(st, i, *CFIELD_AT(rec, f->at, int));
	case SLOT_BOOL:
		return sqlite3_bind_int(st, i, *CFIELD_AT(rec, f->at, bool));
	case SLOT_REF:
		if (!*CFIELD_AT(rec, f->at, int64_t))
			return sqlite3_bind_null(st, i);
		return sqlite3_bind_int64(st, i,
		                          *CFIELD_AT(rec, f->at, int64_t));
	case SLOT_CODE:
		return sqlite3_bind_text(st, i, CFIELD_AT(rec, f->at, char), -1,
		                         SQLITE_STATIC);
	case SLOT_HOOK:
		return t->bind_hook(st, i, f, rec);
	default:
		return SQLITE_MISUSE;
	}
}

/* Run SQL with REC's fields bound, then (for an UPDATE) its id and
 * version. */
static int run(struct lape_db *db, struct store_table *t, const char *sql,
               const void *rec, bool update)
{
	sqlite3_stmt *st = db_prepare_cached(db, sql, NULL);
	int rc = SQLITE_OK, i = 1;

	if (!st)
		return LAPE_ERROR;
	for (size_t k = 0; rc == SQLITE_OK && written(t, k); k++)
		if (in_row(col_field(t, k)))
			rc = bind_field(t, st, i++, col_field(t, k), rec);
	if (rc == SQLITE_OK && update)
		rc = sqlite3_bind_int64(st, i++, REC_ID(rec));
	if (rc == SQLITE_OK && update)
		rc = sqlite3_bind_int64(st, i, REC_VERSION(rec));
	if (rc != SQLITE_OK) {
		db_release(db, st);
		return db_fail_sqlite(db, rc);
	}
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		;
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

int store_write(struct lape_db *db, struct store_table *t, void *rec)
{
	int rc;

	if (!t->k)
		build(t);
	if (REC_ID(rec) == 0) {
		rc = run(db, t, t->insert, rec, false);
		if (rc == LAPE_OK)
			rc = db_inserted(db, t->inserted, &REC_ID(rec),
			                 REC_UUID(rec), &REC_VERSION(rec));
		return rc;
	}
	rc = run(db, t, t->update, rec, true);
	if (rc == LAPE_OK)
		rc = db_updated(db, t->exists, REC_ID(rec));
	if (rc == LAPE_OK)
		REC_VERSION(rec)++;
	return rc;
}

/* ---- the struct's texts ------------------------------------------------ */

/* The strings of T's fields and extra columns in REC: FN on each. */
static int each_text(struct store_table *t, void *dst, const void *src,
                     int (*fn)(char **dst, const char *const *src))
{
	int bad = 0;

	for (size_t i = 0; i < n_cols(t); i++) {
		const struct record_field *f = col_field(t, i);

		if (is_text(f))
			bad |= fn(FIELD_AT(dst, f->offset, char *),
			          src ? (const char *const *)CFIELD_AT(
			                    src, f->offset, char *)
			              : NULL);
	}
	return bad;
}

static int free_text(char **dst, const char *const *src)
{
	(void)src;
	free(*dst);
	return 0;
}

static int copy_text(char **dst, const char *const *src)
{
	return db_strdup(dst, *src);
}

void store_free_texts(struct store_table *t, void *rec)
{
	each_text(t, rec, NULL, free_text);
}

int store_copy_texts(struct store_table *t, void *dst, const void *src)
{
	memcpy(dst, src, t->size);
	return each_text(t, dst, src, copy_text) ? -1 : 0;
}

int store_norm(struct store_table *t, void *rec, bool texts)
{
	if (!t->k)
		build(t);
	for (size_t i = 0; i < t->k->n_fields; i++) {
		const struct record_field *f = &t->k->fields[i];
		char **s;

		/* a field kept elsewhere has no place in REC */
		if (!is_text(f))
			continue;
		s = FIELD_AT(rec, f->offset, char *);
		if (f->type == FIELD_DATE && db_norm_date(s) != LAPE_OK)
			return LAPE_ERROR;
		if (f->type != FIELD_DATE && texts &&
		    db_norm_text(s) != LAPE_OK)
			return LAPE_ERROR;
	}
	return LAPE_OK;
}

/* ---- the steps of every kind ------------------------------------------- */

int store_save(struct lape_db *db, struct store_table *t, void *rec,
               bool norm_texts,
               int (*check)(const void *rec, const char **field,
                            const char **msg),
               int (*write)(struct lape_db *db, void *rec))
{
	int64_t old_id = REC_ID(rec), old_version = REC_VERSION(rec);
	const char *field, *msg;
	bool own;
	int rc;

	if (norm_texts && store_norm(t, rec, true) != LAPE_OK)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	if (check(rec, &field, &msg) != LAPE_OK)
		return db_fail(db, LAPE_INVALID, field, "%s", msg);
	if (!norm_texts && store_norm(t, rec, false) != LAPE_OK)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		return rc;
	rc = db_txn_end(db, own, write(db, rec));
	if (rc != LAPE_OK) {
		REC_ID(rec) = old_id;
		REC_VERSION(rec) = old_version;
		if (!old_id)
			REC_UUID(rec)[0] = '\0';
	}
	return rc;
}

int store_delete(struct lape_db *db, struct store_table *t, int64_t id,
                 const char *field, const char *notfound)
{
	char sql[96];
	bool own;
	int rc = db_txn_start(db, &own);

	if (rc != LAPE_OK)
		return rc;
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?", t->table);
	rc = db_exec(db, sql, "i", id);
	if (rc == LAPE_OK && sqlite3_changes(db->sql) == 0)
		rc = db_fail(db, LAPE_NOTFOUND, field, "%s", notfound);
	return db_txn_end(db, own, rc);
}

int store_get(struct lape_db *db, sqlite3_stmt *st,
              int (*row)(sqlite3_stmt *st, void *out), void *out, size_t size,
              const char *field, const char *notfound, const char *arg)
{
	int rc;

	memset(out, 0, size);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW && row(st, out) != LAPE_OK)
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	else if (rc == SQLITE_ROW)
		rc = LAPE_OK;
	else if (rc == SQLITE_DONE)
		rc = db_fail(db, LAPE_NOTFOUND, field, notfound, arg);
	db_release(db, st);
	return rc;
}

int store_get_id(struct lape_db *db, struct store_table *t, int64_t id,
                 int (*row)(sqlite3_stmt *st, void *out), void *out,
                 const char *field, const char *notfound)
{
	char sql[2048], where[64];

	snprintf(where, sizeof where, "WHERE %s.id = ?", t->alias);
	store_sql(t, sql, sizeof sql, where);
	return store_get(db, db_prepare_cached(db, sql, "i", id), row, out,
	                 t->size, field, "%s", notfound);
}

int store_int64(struct lape_db *db, sqlite3_stmt *st, int64_t *value,
                const char *field, const char *notfound)
{
	int rc;

	*value = 0;
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		*value = sqlite3_column_int64(st, 0);
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = notfound
		         ? db_fail(db, LAPE_NOTFOUND, field, "%s", notfound)
		         : LAPE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int store_count(struct lape_db *db, sqlite3_stmt *st, size_t *count)
{
	int64_t n;
	int rc = store_int64(db, st, &n, NULL, NULL);

	*count = (size_t)n;
	return rc;
}

int store_each(struct lape_db *db, sqlite3_stmt *st,
               int (*row)(sqlite3_stmt *st, void *ctx), void *ctx)
{
	int rc, stop = 0;

	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		if ((stop = row(st, ctx)) != 0)
			break;
	sqlite3_finalize(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

void store_copy_code(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	size_t n = t ? strlen(t) : 0;

	/* as snprintf("%s") cuts it, without its cost: a row of every
	 * group and municipality read has two or three */
	if (n >= size)
		n = size - 1;
	memcpy(dst, t ? t : "", n);
	dst[n] = '\0';
}

/* ---- choices ----------------------------------------------------------- */

static size_t choice_at(const struct store_choice *c, size_t n, int value)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].value == value)
			return i;
	return 0;
}

const char *choice_key(const struct store_choice *c, size_t n, int value)
{
	return c[choice_at(c, n, value)].key;
}

const char *choice_label(const struct store_choice *c, size_t n, int value)
{
	return _(c[choice_at(c, n, value)].label);
}

int choice_parse(const struct store_choice *c, size_t n, const char *text,
                 int *value)
{
	if (!text)
		return LAPE_INVALID;
	for (size_t i = 0; i < n; i++)
		if (utf8_same(text, c[i].key) || utf8_same(text, c[i].label) ||
		    utf8_same(text, c[i].fi) || utf8_same(text, c[i].sv) ||
		    utf8_same(text, _(c[i].label))) {
			*value = c[i].value;
			return LAPE_OK;
		}
	return LAPE_INVALID;
}
