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

/* ---- roles ------------------------------------------------------------- */

static const struct {
	enum member_role role;
	const char *key;
	const char *label;
	const char *fi, *sv; /* labels in any language are taken */
} roles[] = {
    {ROLE_MEMBER, "member", N_("member"), "jäsen", "medlem"},
    {ROLE_CHAIR, "chair", N_("chair"), "puheenjohtaja", "ordförande"},
    {ROLE_VICE_CHAIR, "vice_chair", N_("vice-chair"), "varapuheenjohtaja",
     "vice ordförande"},
    {ROLE_SECRETARY, "secretary", N_("secretary"), "sihteeri", "sekreterare"},
};
#define N_ROLES (sizeof roles / sizeof roles[0])

const char *role_key(enum member_role r)
{
	for (size_t i = 0; i < N_ROLES; i++)
		if (roles[i].role == r)
			return roles[i].key;
	return "member";
}

const char *role_label(enum member_role r)
{
	for (size_t i = 0; i < N_ROLES; i++)
		if (roles[i].role == r)
			return _(roles[i].label);
	return _("member");
}

int role_parse(const char *key, enum member_role *out)
{
	if (!key)
		return LAPE_INVALID;
	for (size_t i = 0; i < N_ROLES; i++)
		if (utf8_same(key, roles[i].key) ||
		    utf8_same(key, roles[i].label) ||
		    utf8_same(key, roles[i].fi) ||
		    utf8_same(key, roles[i].sv) ||
		    utf8_same(key, _(roles[i].label))) {
			*out = roles[i].role;
			return LAPE_OK;
		}
	if (utf8_same(key, "vice-chair") || utf8_same(key, "vicechair") ||
	    utf8_same(key, "viceordförande")) {
		*out = ROLE_VICE_CHAIR;
		return LAPE_OK;
	}
	return LAPE_INVALID;
}

enum member_role role_from_key(const char *key)
{
	enum member_role r = ROLE_MEMBER;

	/* The file holds keys (its CHECK says so): no labels, no gettext,
	 * once per membership of a walk. */
	for (size_t i = 0; key && i < N_ROLES; i++)
		if (strcmp(key, roles[i].key) == 0)
			return roles[i].role;
	if (key)
		role_parse(key, &r);
	return r;
}

/* ---- the record -------------------------------------------------------- */

void membership_clear(struct membership *m)
{
	if (!m)
		return;
	free(m->person_name);
	free(m->person_sort);
	for (size_t i = 0; i < m->n_sectors && i < MEMBERSHIP_MAX_SECTORS; i++)
		free(m->sectors[i]);
	free(m->organisation);
	free(m->start_date);
	free(m->end_date);
	free(m->group_name);
	memset(m, 0, sizeof *m);
}

int membership_copy(struct membership *dst, const struct membership *src)
{
	int bad = 0;

	*dst = *src;
	dst->n_sectors = 0;
	bad |= db_strdup(&dst->person_name, src->person_name);
	bad |= db_strdup(&dst->person_sort, src->person_sort);
	bad |= db_strdup(&dst->organisation, src->organisation);
	bad |= db_strdup(&dst->start_date, src->start_date);
	bad |= db_strdup(&dst->end_date, src->end_date);
	bad |= db_strdup(&dst->group_name, src->group_name);
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

static const char *membership_check(const struct membership *m,
                                    const char **field)
{
	char a[11], b[11];
	const char *msg;

	*field = "group";
	if (m->group_id <= 0)
		return _("a seat belongs to a group");
	*field = "person";
	if (m->person_id < 0)
		return _("no such person");
	*field = "sectors";
	if ((msg = check_sectors(m)))
		return msg;
	*field = "role";
	if (m->role < ROLE_MEMBER || m->role > ROLE_SECRETARY)
		return _("the role is chair, vice-chair, secretary or member");
	*field = "deputy_of";
	if (m->deputy_of < 0 || (m->deputy_of && m->deputy_of == m->id))
		return _("a member cannot deputise for themselves");
	*field = "organisation";
	if ((msg = db_check_text(m->organisation,
	                         store_text_max("membership", "organisation"),
	                         false)))
		return msg;
	*field = "start_date";
	if ((msg = db_check_date(m->start_date)))
		return msg;
	*field = "end_date";
	if ((msg = db_check_date(m->end_date)))
		return msg;
	if (!db_blank(m->start_date) && !db_blank(m->end_date) &&
	    date_parse(m->start_date, a) == 0 &&
	    date_parse(m->end_date, b) == 0 && strcmp(b, a) < 0)
		return _("ends before it starts");
	return NULL;
}

int membership_validate(const struct membership *m, const char **field,
                        const char **msg)
{
	*msg = membership_check(m, field);
	if (!*msg)
		*field = "";
	return *msg ? LAPE_INVALID : LAPE_OK;
}

/* ---- reading ----------------------------------------------------------- */

#define MEMBERSHIP_FROM                                                        \
	" FROM membership m LEFT JOIN person p ON "                            \
	"p.id = m.person_id JOIN lape_group g ON g.id = m.group_id"

/* Fill M from a row of MEMBERSHIP_COLUMNS followed by the group's name; M
 * owns its strings. */
static int membership_row(sqlite3_stmt *st, struct membership *m)
{
	const char *u = (const char *)sqlite3_column_text(st, 1);
	const char *sectors = (const char *)sqlite3_column_text(st, 6);
	int bad = 0;

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	snprintf(m->uuid, sizeof m->uuid, "%s", u ? u : "");
	m->version = sqlite3_column_int64(st, 2);
	m->group_id = sqlite3_column_int64(st, 3);
	m->person_id = sqlite3_column_int64(st, 4);
	m->role = role_from_key((const char *)sqlite3_column_text(st, 7));
	m->deputy_of = sqlite3_column_int64(st, 8);
	m->person_name = db_column_dup(st, 5);
	m->organisation = db_column_dup(st, 9);
	m->start_date = db_column_dup(st, 10);
	m->end_date = db_column_dup(st, 11);
	m->person_sort = db_column_dup(st, 12);
	gender_parse((const char *)sqlite3_column_text(st, 13),
	             &m->person_gender);
	m->name_withheld = sqlite3_column_int(st, 14) != 0;
	m->group_name = db_column_dup(st, 15);
	bad |=
	    (sqlite3_column_type(st, 5) != SQLITE_NULL && !m->person_name) ||
	    (sqlite3_column_type(st, 9) != SQLITE_NULL && !m->organisation) ||
	    (sqlite3_column_type(st, 10) != SQLITE_NULL && !m->start_date) ||
	    (sqlite3_column_type(st, 11) != SQLITE_NULL && !m->end_date) ||
	    (sqlite3_column_type(st, 12) != SQLITE_NULL && !m->person_sort) ||
	    (sqlite3_column_type(st, 15) != SQLITE_NULL && !m->group_name);
	for (const char *p = sectors; !bad && p && *p;) {
		size_t k = strcspn(p, " ");

		if (k && m->n_sectors < MEMBERSHIP_MAX_SECTORS) {
			m->sectors[m->n_sectors] = strndup(p, k);
			bad |= !m->sectors[m->n_sectors++];
		}
		p += k;
		p += strspn(p, " ");
	}
	if (bad) {
		membership_clear(m);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

int membership_get(struct lape_db *db, int64_t id, struct membership *out)
{
	sqlite3_stmt *st =
	    db_prepare_cached(db,
	                      "SELECT " MEMBERSHIP_COLUMNS
	                      ", g.name" MEMBERSHIP_FROM " WHERE m.id = ?",
	                      "i", id);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW)
		rc = membership_row(st, out);
	else if (rc == SQLITE_DONE)
		rc = db_fail(db, LAPE_NOTFOUND, "membership", "%s",
		             _("no such seat"));
	db_release(db, st);
	return rc;
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

int membership_list_group(struct lape_db *db, int64_t group_id,
                          struct membership **out, size_t *n)
{
	return list_rows(db,
	                 db_prepare(db,
	                            "SELECT " MEMBERSHIP_COLUMNS
	                            ", g.name" MEMBERSHIP_FROM
	                            " WHERE m.group_id = ? "
	                            "ORDER BY " MEMBERSHIP_ORDER,
	                            "i", group_id),
	                 out, n);
}

int membership_list_person(struct lape_db *db, int64_t person_id,
                           struct membership **out, size_t *n)
{
	return list_rows(db,
	                 db_prepare(db,
	                            "SELECT " MEMBERSHIP_COLUMNS
	                            ", g.name" MEMBERSHIP_FROM
	                            " WHERE m.person_id = ? "
	                            "ORDER BY g.name COLLATE FI, m.id",
	                            "i", person_id),
	                 out, n);
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

/* The sector keys as stored: separated by single spaces.  Caller frees. */
static char *join_sectors(const struct membership *m)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < m->n_sectors; i++)
		len += strlen(m->sectors[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < m->n_sectors; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, m->sectors[i]);
	}
	return s;
}

static int membership_write(struct lape_db *db, struct membership *m,
                            const char *sectors)
{
	int rc = check_refs(db, m);

	if (rc != LAPE_OK)
		return rc;
	if (m->id == 0) {
		rc = db_exec(db,
		             "INSERT INTO membership(id, group_id, person_id, "
		             "sectors, role, deputy_of, organisation, "
		             "start_date, end_date, name_withheld) "
		             "VALUES (lape_new_id('membership'), "
		             "?, ?, ?, ?, ?, ?, ?, ?, ?)",
		             "iIttItttd", m->group_id, m->person_id, sectors,
		             role_key(m->role), m->deputy_of, m->organisation,
		             m->start_date, m->end_date, (int)m->name_withheld);
		if (rc == LAPE_OK)
			rc = db_inserted(db,
			                 "SELECT uuid, version FROM membership "
			                 "WHERE id = ?",
			                 &m->id, m->uuid, &m->version);
		return rc;
	}
	rc = db_exec(db,
	             "UPDATE membership SET group_id = ?, person_id = ?, "
	             "sectors = ?, role = ?, deputy_of = ?, organisation = ?, "
	             "start_date = ?, end_date = ?, name_withheld = ?, "
	             "version = version + 1, "
	             "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	             "WHERE id = ? AND version = ?",
	             "iIttItttdii", m->group_id, m->person_id, sectors,
	             role_key(m->role), m->deputy_of, m->organisation,
	             m->start_date, m->end_date, (int)m->name_withheld, m->id,
	             m->version);
	if (rc == LAPE_OK)
		rc = db_updated(db, "SELECT 1 FROM membership WHERE id = ?",
		                m->id);
	if (rc == LAPE_OK)
		m->version++;
	return rc;
}

int membership_save(struct lape_db *db, struct membership *m)
{
	int64_t old_id = m->id, old_version = m->version;
	const char *field, *msg;
	char *sectors;
	bool own;
	int rc;

	if (membership_validate(m, &field, &msg) != LAPE_OK)
		return db_fail(db, LAPE_INVALID, field, "%s", msg);
	if (db_norm_date(&m->start_date) != LAPE_OK ||
	    db_norm_date(&m->end_date) != LAPE_OK ||
	    !(sectors = join_sectors(m)))
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	rc = db_txn_start(db, &own);
	if (rc == LAPE_OK)
		rc = db_txn_end(db, own, membership_write(db, m, sectors));
	free(sectors);
	if (rc != LAPE_OK) {
		m->id = old_id;
		m->version = old_version;
		if (!old_id)
			m->uuid[0] = '\0';
	}
	return rc;
}

int membership_delete(struct lape_db *db, int64_t id)
{
	bool own;
	int rc = db_txn_start(db, &own);

	if (rc != LAPE_OK)
		return rc;
	rc = db_exec(db, "DELETE FROM membership WHERE id = ?", "i", id);
	if (rc == LAPE_OK && sqlite3_changes(db->sql) == 0)
		rc = db_fail(db, LAPE_NOTFOUND, "membership", "%s",
		             _("no such seat"));
	return db_txn_end(db, own, rc);
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
