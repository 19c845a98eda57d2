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
/* store-person.c -- people: the members of groups and the change agents,
 * with their contact details (personal data: nothing of it goes to logs or
 * the audit table). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lape/collate.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"
#include "store-priv.h"

static const struct store_choice genders[] = {
    {GENDER_UNSTATED, "", N_("not stated"), "ei ilmoitettu", "inte angivet"},
    {GENDER_WOMAN, "woman", N_("woman"), "nainen", "kvinna"},
    {GENDER_MAN, "man", N_("man"), "mies", "man"},
    {GENDER_OTHER, "other", N_("other"), "muu", "annat"},
};
#define N_GENDERS (sizeof genders / sizeof genders[0])

static struct store_table person_table = {.kind = "person",
                                          .table = "person",
                                          .alias = "person",
                                          .from = "person",
                                          .size = sizeof(struct person)};

const char *gender_key(enum person_gender g)
{
	return choice_key(genders, N_GENDERS, (int)g);
}

const char *gender_label(enum person_gender g)
{
	return choice_label(genders, N_GENDERS, (int)g);
}

int gender_parse(const char *text, enum person_gender *out)
{
	int v;

	if (db_blank(text) || utf8_same(text, "unstated") ||
	    utf8_same(text, "none")) {
		*out = GENDER_UNSTATED;
		return LAPE_OK;
	}
	if (choice_parse(genders, N_GENDERS, text, &v) != LAPE_OK)
		return LAPE_INVALID;
	*out = (enum person_gender)v;
	return LAPE_OK;
}

static char *join_names(const char *first, const char *second)
{
	char *out;

	if (db_blank(first))
		return strdup(second ? second : "");
	if (db_blank(second))
		return strdup(first);
	if (asprintf(&out, "%s %s", first, second) < 0)
		return NULL;
	return out;
}

char *person_display_name(const struct person *p)
{
	return join_names(p->given_names, p->surname);
}

char *person_sort_name(const struct person *p)
{
	return join_names(p->surname, p->given_names);
}

int person_sort_cmp(const char *a, const char *b)
{
	const char *ta = strchr(a, '\t'), *tb = strchr(b, '\t');
	size_t la = ta ? (size_t)(ta - a) : strlen(a);
	size_t lb = tb ? (size_t)(tb - b) : strlen(b);
	int c;

	/* the same surname (bulk data has many) decides nothing */
	if (la != lb || memcmp(a, b, la) != 0) {
		c = collate_fi_n(a, la, b, lb);
		if (c)
			return c;
	}
	return collate_fi(ta ? ta + 1 : "", tb ? tb + 1 : "");
}

void person_clear(struct person *p)
{
	if (!p)
		return;
	store_free_texts(&person_table, p);
	memset(p, 0, sizeof *p);
}

int person_copy(struct person *dst, const struct person *src)
{
	if (store_copy_texts(&person_table, dst, src) != 0) {
		person_clear(dst);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

int person_validate(const struct person *p, const char **field,
                    const char **msg)
{
	*msg = record_check(record_kind("person"), p, NULL, field);
	if (!*msg)
		*field = "";
	return *msg ? LAPE_INVALID : LAPE_OK;
}

static int person_row(sqlite3_stmt *st, void *p)
{
	if (store_read(&person_table, st, p, true) == LAPE_OK)
		return LAPE_OK;
	person_clear(p);
	return LAPE_ERROR;
}

int person_get(struct lape_db *db, int64_t id, struct person *out)
{
	return store_get_id(db, &person_table, id, person_row, out, "person",
	                    _("no such person"));
}

static int save_check(const void *p, const char **field, const char **msg)
{
	return person_validate(p, field, msg);
}

static int save_write(struct lape_db *db, void *p)
{
	return store_write(db, &person_table, p);
}

int person_save(struct lape_db *db, struct person *p)
{
	return store_save(db, &person_table, p, true, save_check, save_write);
}

int person_deletable(struct lape_db *db, int64_t id)
{
	sqlite3_stmt *st =
	    db_prepare_cached(db,
	                      "SELECT EXISTS (SELECT 1 FROM membership "
	                      "WHERE person_id = ?1) OR EXISTS (SELECT 1 FROM "
	                      "change_agent WHERE person_id = ?1)",
	                      "i", id);
	int rc;

	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 0))
		rc = db_fail(db, LAPE_INVALID, "person", "%s",
		             _("this person still sits in a group or is a "
		               "change agent; remove those first"));
	else
		rc = rc == SQLITE_ROW ? LAPE_OK : rc;
	db_release(db, st);
	return rc;
}

int person_delete(struct lape_db *db, int64_t id)
{
	bool own;
	int rc;

	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		return rc;
	rc = person_deletable(db, id);
	if (rc == LAPE_OK)
		rc = db_exec(db, "DELETE FROM person WHERE id = ?", "i", id);
	if (rc == LAPE_OK && sqlite3_changes(db->sql) == 0)
		rc = db_fail(db, LAPE_NOTFOUND, "person", "%s",
		             _("no such person"));
	return db_txn_end(db, own, rc);
}

int person_lookup(struct lape_db *db, const char *ref, int64_t *id,
                  struct lookup_matches *lm)
{
	/* Names are stored in NFC: so is what is looked for. */
	char *clean = utf8_clean(ref);
	int rc;

	if (!clean && ref)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	rc =
	    db_lookup(db,
	              "SELECT id, ltrim(given_names || ' ' || surname) "
	              "FROM person WHERE id = ?1 "
	              "OR substr(uuid, 1, length(?2)) = ?2 "
	              "OR lape_key(ltrim(given_names || ' ' || surname)) "
	              "= lape_key(?3) OR lape_key(rtrim(surname || ' ' || "
	              "given_names)) = lape_key(?3) "
	              "OR instr(lape_key(given_names || ' ' || surname), "
	              "lape_key(?4)) > 0 "
	              "OR instr(lape_key(surname || ' ' || given_names), "
	              "lape_key(?4)) > 0 "
	              "ORDER BY surname COLLATE FI, given_names COLLATE FI, id",
	              clean, NULL, "person", id, NULL, 0, lm);
	free(clean);
	return rc;
}

int person_find(struct lape_db *db, const char *ref, int64_t *id)
{
	return person_lookup(db, ref, id, NULL);
}

/* Either part of the name, the whole name either way round, the
 * organisation or the e-mail address. */
#define PERSON_WHERE                                                           \
	"WHERE ?1 IS NULL "                                                    \
	"OR instr(lape_key(surname), lape_key(?1)) > 0 "                       \
	"OR instr(lape_key(given_names), lape_key(?1)) > 0 "                   \
	"OR instr(lape_key(given_names || ' ' || surname), "                   \
	"lape_key(?1)) > 0 "                                                   \
	"OR instr(lape_key(surname || ' ' || given_names), "                   \
	"lape_key(?1)) > 0 "                                                   \
	"OR instr(lape_key(organisation), lape_key(?1)) > 0 "                  \
	"OR instr(lape_key(email), lape_key(?1)) > 0"

struct person_walk {
	person_cb cb;
	void *ctx;
};

static int person_each(sqlite3_stmt *st, void *ctx)
{
	struct person_walk *w = ctx;
	struct person p;

	store_read(&person_table, st, &p, false);
	return w->cb(&p, w->ctx);
}

/* A page read by its rows' keys (store-page.c): false when it cannot be,
 * else true with the result in *RC. */
static bool person_list_page(struct lape_db *db, const char *search,
                             size_t offset, size_t limit, struct person_walk *w,
                             int *rc)
{
	char sql[2048], where[64];
	int64_t *ids;
	size_t n;
	int stop = 0;

	*rc = page_person_ids(db, search, offset, limit, &ids, &n);
	if (*rc == PAGE_UNAVAILABLE)
		return false;
	snprintf(where, sizeof where, "WHERE %s.id = ?", person_table.alias);
	store_sql(&person_table, sql, sizeof sql, where);
	for (size_t i = 0; *rc == LAPE_OK && !stop && i < n; i++) {
		sqlite3_stmt *st = db_prepare_cached(db, sql, "i", ids[i]);

		if (!st) {
			*rc = LAPE_ERROR;
			break;
		}
		*rc = db_step(db, st);
		if (*rc == SQLITE_ROW)
			stop = person_each(st, w);
		db_release(db, st);
		if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
			*rc = LAPE_OK;
	}
	free(ids);
	if (stop)
		*rc = stop;
	return true;
}

int person_list(struct lape_db *db, const char *search, size_t offset,
                size_t limit, person_cb cb, void *ctx)
{
	struct person_walk w = {cb, ctx};
	char sql[2048];
	int rc;

	if (limit && person_list_page(db, search, offset, limit, &w, &rc))
		return rc;

	store_sql(&person_table, sql, sizeof sql,
	          PERSON_WHERE " ORDER BY " PERSON_ORDER_SQL(
	              "person") ", id LIMIT ?2 OFFSET ?3");
	return store_each(
	    db,
	    db_prepare(db, sql, "tii", db_blank(search) ? NULL : search,
	               limit ? (int64_t)limit : (int64_t)-1, (int64_t)offset),
	    person_each, &w);
}

int person_count_upto(struct lape_db *db, const char *search, size_t max,
                      size_t *count, bool *more)
{
	int rc = page_person_count(db, search, max, count, more);

	if (rc != PAGE_UNAVAILABLE)
		return rc;
	*more = false;
	return store_count(
	    db,
	    db_prepare(db, "SELECT count(*) FROM person " PERSON_WHERE, "t",
	               db_blank(search) ? NULL : search),
	    count);
}

int person_count(struct lape_db *db, const char *search, size_t *count)
{
	bool more;

	return person_count_upto(db, search, 0, count, &more);
}
