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
/* store-membership.c -- seats in a group: who sits there (or nobody yet),
 * for which sectors, in which role, deputising whom, for which term. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"
#include "store-priv.h"

/* ---- roles ------------------------------------------------------------- */

static const struct store_choice roles[] = {
    {ROLE_MEMBER, "member", N_("member"), "jäsen", "medlem"},
    {ROLE_CHAIR, "chair", N_("chair"), "puheenjohtaja", "ordförande"},
    {ROLE_VICE_CHAIR, "vice_chair", N_("vice-chair"), "varapuheenjohtaja",
     "vice ordförande"},
    {ROLE_SECRETARY, "secretary", N_("secretary"), "sihteeri", "sekreterare"},
};
#define N_ROLES (sizeof roles / sizeof roles[0])

const char *role_key(enum member_role r)
{
	return choice_key(roles, N_ROLES, (int)r);
}

const char *role_label(enum member_role r)
{
	return choice_label(roles, N_ROLES, (int)r);
}

int role_parse(const char *key, enum member_role *out)
{
	int v;

	if (key &&
	    (utf8_same(key, "vice-chair") || utf8_same(key, "vicechair") ||
	     utf8_same(key, "viceordförande"))) {
		*out = ROLE_VICE_CHAIR;
		return LAPE_OK;
	}
	if (choice_parse(roles, N_ROLES, key, &v) != LAPE_OK)
		return LAPE_INVALID;
	*out = (enum member_role)v;
	return LAPE_OK;
}

enum member_role role_from_key(const char *key)
{
	enum member_role r = ROLE_MEMBER;

	/* The file holds keys (its CHECK says so): no labels, no gettext,
	 * once per membership of a walk. */
	for (size_t i = 0; key && i < N_ROLES; i++)
		if (strcmp(key, roles[i].key) == 0)
			return (enum member_role)roles[i].value;
	if (key)
		role_parse(key, &r);
	return r;
}

/* ---- the record -------------------------------------------------------- */

static const char *gender_of(int v)
{
	return gender_key((enum person_gender)v);
}

#define AT(member) offsetof(struct membership, member)

/* The seat's group: a column of its row, not a field of the form. */
static const struct record_field membership_own[] = {
    {.name = "group",
     .column = "group_id",
     .type = FIELD_REF,
     .offset = RECORD_NO_OFFSET,
     .slot = SLOT_REF,
     .at = AT(group_id)},
};

/* Read with the row: the person's name and gender, the group's name. */
static const struct record_field membership_extra[] = {
    {.name = "person_name",
     .column = "ltrim(p.given_names || ' ' || p.surname)",
     .type = FIELD_TEXT,
     .offset = AT(person_name)},
    {.name = "person_sort",
     .column = PERSON_SORT_SQL("p"),
     .type = FIELD_TEXT,
     .offset = AT(person_sort)},
    {.name = "person_gender",
     .column = "p.gender",
     .type = FIELD_CHOICE,
     .min = GENDER_UNSTATED,
     .max = GENDER_OTHER,
     .offset = RECORD_NO_OFFSET,
     .slot = SLOT_ENUM,
     .at = AT(person_gender),
     .store_key = gender_of},
    {.name = "group_name",
     .column = "g.name",
     .type = FIELD_TEXT,
     .offset = AT(group_name)},
};

static int read_sectors(sqlite3_stmt *st, int col, const struct record_field *f,
                        void *rec, bool copy);
static int bind_sectors(sqlite3_stmt *st, int i, const struct record_field *f,
                        const void *rec);

static struct store_table membership_table = {
    .kind = "membership",
    .table = "membership",
    .alias = "m",
    .from = "membership m LEFT JOIN person p ON p.id = m.person_id "
            "JOIN lape_group g ON g.id = m.group_id",
    .size = sizeof(struct membership),
    .own = membership_own,
    .n_own = 1,
    .extra = membership_extra,
    .n_extra = sizeof membership_extra / sizeof membership_extra[0],
    .read_hook = read_sectors,
    .bind_hook = bind_sectors};

static void free_sectors(struct membership *m)
{
	for (size_t i = 0; i < m->n_sectors && i < MEMBERSHIP_MAX_SECTORS; i++)
		free(m->sectors[i]);
	m->n_sectors = 0;
}

void membership_clear(struct membership *m)
{
	if (!m)
		return;
	free_sectors(m);
	store_free_texts(&membership_table, m);
	memset(m, 0, sizeof *m);
}

int membership_copy(struct membership *dst, const struct membership *src)
{
	int bad = store_copy_texts(&membership_table, dst, src);

	dst->n_sectors = 0;
	for (size_t i = 0; i < src->n_sectors && i < MEMBERSHIP_MAX_SECTORS;
	     i++) {
		bad |= db_strdup(&dst->sectors[i], src->sectors[i]);
		dst->n_sectors++;
	}
	if (bad) {
		membership_clear(dst);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

int membership_add_sector(struct membership *m, const char *key)
{
	char *k;

	if (!key)
		return LAPE_INVALID;
	for (size_t i = 0; i < m->n_sectors; i++)
		if (!strcmp(m->sectors[i], key))
			return LAPE_OK;
	if (m->n_sectors >= MEMBERSHIP_MAX_SECTORS)
		return LAPE_INVALID;
	k = strdup(key);
	if (!k)
		return LAPE_ERROR;
	m->sectors[m->n_sectors++] = k;
	return LAPE_OK;
}

/* ---- validation -------------------------------------------------------- */

static bool sector_key_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;

	return n > 0 && n <= 64 &&
	       strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static const char *check_sectors(const struct membership *m)
{
	if (m->n_sectors == 0)
		return _("choose at least one sector");
	if (m->n_sectors > MEMBERSHIP_MAX_SECTORS)
		return _("too many sectors for one seat");
	for (size_t i = 0; i < m->n_sectors; i++) {
		if (!sector_key_ok(m->sectors[i]))
			return _("a sector key is made of a-z, 0-9 and _");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(m->sectors[i], m->sectors[j]))
				return _("a sector is listed twice");
	}
	return NULL;
}

/* What the descriptors cannot say: the person, the sectors, the member
 * deputised. */
static const char *membership_check(const struct record_field *f,
                                    const void *rec)
{
	const struct membership *m = rec;

	if (strcmp(f->name, "person") == 0 && m->person_id < 0)
		return _("no such person");
	if (strcmp(f->name, "sectors") == 0)
		return check_sectors(m);
	if (strcmp(f->name, "deputy_of") == 0 &&
	    (m->deputy_of < 0 || (m->deputy_of && m->deputy_of == m->id)))
		return _("a member cannot deputise for themselves");
	return NULL;
}

int membership_validate(const struct membership *m, const char **field,
                        const char **msg)
{
	if (m->group_id <= 0) {
		*field = "group";
		*msg = _("a seat belongs to a group");
		return LAPE_INVALID;
	}
	*msg =
	    record_check(record_kind("membership"), m, membership_check, field);
	if (!*msg)
		*field = "";
	return *msg ? LAPE_INVALID : LAPE_OK;
}

/* ---- reading ----------------------------------------------------------- */

/* The sector keys of a seat, stored separated by single spaces. */
static int read_sectors(sqlite3_stmt *st, int col, const struct record_field *f,
                        void *rec, bool copy)
{
	struct membership *m = rec;
	const char *p = (const char *)sqlite3_column_text(st, col);

	(void)f;
	(void)copy; /* a seat's row is always copied */
	while (p && *p) {
		size_t k = strcspn(p, " ");

		if (k && m->n_sectors < MEMBERSHIP_MAX_SECTORS) {
			m->sectors[m->n_sectors] = strndup(p, k);
			if (!m->sectors[m->n_sectors++])
				return LAPE_ERROR;
		}
		p += k;
		p += strspn(p, " ");
	}
	return LAPE_OK;
}

static int bind_sectors(sqlite3_stmt *st, int i, const struct record_field *f,
                        const void *rec)
{
	const struct membership *m = rec;
	size_t len = 1;
	char *s;

	(void)f;
	for (size_t k = 0; k < m->n_sectors; k++)
		len += strlen(m->sectors[k]) + 1;
	s = malloc(len);
	if (!s)
		return SQLITE_NOMEM;
	s[0] = '\0';
	for (size_t k = 0; k < m->n_sectors; k++) {
		if (k)
			strcat(s, " ");
		strcat(s, m->sectors[k]);
	}
	return sqlite3_bind_text(st, i, s, -1, free);
}

static int membership_row(sqlite3_stmt *st, void *m)
{
	if (store_read(&membership_table, st, m, true) == LAPE_OK)
		return LAPE_OK;
	membership_clear(m);
	return LAPE_ERROR;
}

int membership_get(struct lape_db *db, int64_t id, struct membership *out)
{
	return store_get_id(db, &membership_table, id, membership_row, out,
	                    "membership", _("no such seat"));
}

void membership_free_array(struct membership *a, size_t n)
{
	if (!a)
		return;
	for (size_t i = 0; i < n; i++)
		membership_clear(&a[i]);
	free(a);
}

/* All rows of ST (bound to ID) into a new array. */
static int list_rows(struct lape_db *db, sqlite3_stmt *st,
                     struct membership **out, size_t *n)
{
	struct membership *a = NULL;
	size_t cap = 0, len = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t c = cap ? cap * 2 : 16;
			struct membership *b = realloc(a, c * sizeof *b);

			if (!b) {
				rc = LAPE_ERROR;
				break;
			}
			a = b;
			cap = c;
		}
		if (membership_row(st, &a[len]) != LAPE_OK) {
			rc = LAPE_ERROR;
			break;
		}
		len++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		membership_free_array(a, len);
		if (rc == LAPE_ERROR)
			db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
		return rc;
	}
	*out = a;
	*n = len;
	return LAPE_OK;
}

/* The seats REST (a WHERE with one id and an ORDER BY) selects. */
static int list_where(struct lape_db *db, const char *rest, int64_t id,
                      struct membership **out, size_t *n)
{
	char sql[2048];

	store_sql(&membership_table, sql, sizeof sql, rest);
	return list_rows(db, db_prepare(db, sql, "i", id), out, n);
}

int membership_list_group(struct lape_db *db, int64_t group_id,
                          struct membership **out, size_t *n)
{
	return list_where(db, "WHERE m.group_id = ? ORDER BY " MEMBERSHIP_ORDER,
	                  group_id, out, n);
}

int membership_list_person(struct lape_db *db, int64_t person_id,
                           struct membership **out, size_t *n)
{
	return list_where(
	    db, "WHERE m.person_id = ? ORDER BY g.name COLLATE FI, m.id",
	    person_id, out, n);
}

/* ---- writing ----------------------------------------------------------- */

/* Whether SQL (one id parameter) finds a row: LAPE_OK, LAPE_NOTFOUND or an
 * error. */
static int row_exists(struct lape_db *db, const char *sql, int64_t id,
                      int64_t id2)
{
	sqlite3_stmt *st = db_prepare_cached(db, sql, "ii", id, id2);
	int rc;

	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	db_release(db, st);
	if (rc == SQLITE_ROW)
		return LAPE_OK;
	return rc == SQLITE_DONE ? LAPE_NOTFOUND : rc;
}

static int check_refs(struct lape_db *db, const struct membership *m)
{
	int rc = row_exists(db,
	                    "SELECT 1 FROM lape_group WHERE id = ?1 "
	                    "AND ?2 = ?2",
	                    m->group_id, 0);

	if (rc == LAPE_NOTFOUND)
		return db_fail(db, LAPE_INVALID, "group", "%s",
		               _("no such group"));
	if (rc != LAPE_OK || !m->person_id)
		goto deputy;
	rc = row_exists(db, "SELECT 1 FROM person WHERE id = ?1 AND ?2 = ?2",
	                m->person_id, 0);
	if (rc == LAPE_NOTFOUND)
		return db_fail(db, LAPE_INVALID, "person", "%s",
		               _("no such person"));
deputy:
	if (rc != LAPE_OK || !m->deputy_of)
		return rc;
	rc = row_exists(db,
	                "SELECT 1 FROM membership WHERE id = ?1 "
	                "AND group_id = ?2",
	                m->deputy_of, m->group_id);
	if (rc == LAPE_NOTFOUND)
		return db_fail(db, LAPE_INVALID, "deputy_of", "%s",
		               _("the member deputised is not in this group"));
	return rc;
}

static int membership_write(struct lape_db *db, void *m)
{
	int rc = check_refs(db, m);

	return rc == LAPE_OK ? store_write(db, &membership_table, m) : rc;
}

static int save_check(const void *m, const char **field, const char **msg)
{
	return membership_validate(m, field, msg);
}

int membership_save(struct lape_db *db, struct membership *m)
{
	return store_save(db, &membership_table, m, false, save_check,
	                  membership_write);
}

int membership_delete(struct lape_db *db, int64_t id)
{
	return store_delete(db, &membership_table, id, "membership",
	                    _("no such seat"));
}

int membership_find(struct lape_db *db, const char *ref, int64_t *id)
{
	/* an id or a uuid: a seat has no name of its own (?3 unused) */
	return db_find_ref(db,
	                   "SELECT id FROM membership WHERE id = ?1 "
	                   "OR substr(uuid, 1, length(?2)) = ?2 "
	                   "OR (?3 IS NOT NULL AND 0) ORDER BY id",
	                   ref, "membership", id);
}

int membership_find_seat(struct lape_db *db, int64_t group_id,
                         int64_t person_id, const char *today, int64_t *id)
{
	/* a seat whose term has ended counts only when it is the only one */
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT id, end_date IS NULL OR end_date >= ?3 FROM membership "
	    "WHERE group_id = ?1 AND person_id = ?2 ORDER BY id",
	    "iit", group_id, person_id, today);
	int rc, n = 0, current = 0;
	int64_t any = 0, cur = 0;

	*id = 0;
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		n++;
		any = sqlite3_column_int64(st, 0);
		if (sqlite3_column_int(st, 1)) {
			current++;
			cur = any;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	if (n == 0)
		return db_fail(db, LAPE_NOTFOUND, "membership", "%s",
		               _("no such seat"));
	if (current > 1 || (current == 0 && n > 1))
		return db_fail(db, LAPE_AMBIGUOUS, "membership", "%s",
		               _("several seats match"));
	*id = current ? cur : any;
	return LAPE_OK;
}
