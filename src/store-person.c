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

#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

#define PERSON_COLUMNS                                                         \
	"id, uuid, version, surname, given_names, organisation, email, "       \
	"phone, notes, gender"
#define PERSON_TEXTS 6 /* surname .. notes */

static const struct {
	enum person_gender gender;
	const char *key, *label;
	const char *fi, *sv; /* labels in any language are taken */
} genders[] = {
    {GENDER_UNSTATED, "", N_("not stated"), "ei ilmoitettu", "inte angivet"},
    {GENDER_WOMAN, "woman", N_("woman"), "nainen", "kvinna"},
    {GENDER_MAN, "man", N_("man"), "mies", "man"},
    {GENDER_OTHER, "other", N_("other"), "muu", "annat"},
};
#define N_GENDERS (sizeof genders / sizeof genders[0])

const char *gender_key(enum person_gender g)
{
	for (size_t i = 0; i < N_GENDERS; i++)
		if (genders[i].gender == g)
			return genders[i].key;
	return "";
}

const char *gender_label(enum person_gender g)
{
	for (size_t i = 0; i < N_GENDERS; i++)
		if (genders[i].gender == g)
			return _(genders[i].label);
	return _(genders[0].label);
}

int gender_parse(const char *text, enum person_gender *out)
{
	if (db_blank(text)) {
		*out = GENDER_UNSTATED;
		return LAPE_OK;
	}
	for (size_t i = 0; i < N_GENDERS; i++)
		if (utf8_same(text, genders[i].key) ||
		    utf8_same(text, genders[i].label) ||
		    utf8_same(text, genders[i].fi) ||
		    utf8_same(text, genders[i].sv) ||
		    utf8_same(text, _(genders[i].label))) {
			*out = genders[i].gender;
			return LAPE_OK;
		}
	if (utf8_same(text, "unstated") || utf8_same(text, "none")) {
		*out = GENDER_UNSTATED;
		return LAPE_OK;
	}
	return LAPE_INVALID;
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

void person_clear(struct person *p)
{
	if (!p)
		return;
	free(p->surname);
	free(p->given_names);
	free(p->organisation);
	free(p->email);
	free(p->phone);
	free(p->notes);
	memset(p, 0, sizeof *p);
}

int person_copy(struct person *dst, const struct person *src)
{
	int bad = 0;

	memset(dst, 0, sizeof *dst);
	dst->id = src->id;
	memcpy(dst->uuid, src->uuid, sizeof dst->uuid);
	dst->version = src->version;
	dst->gender = src->gender;
	bad |= db_strdup(&dst->surname, src->surname);
	bad |= db_strdup(&dst->given_names, src->given_names);
	bad |= db_strdup(&dst->organisation, src->organisation);
	bad |= db_strdup(&dst->email, src->email);
	bad |= db_strdup(&dst->phone, src->phone);
	bad |= db_strdup(&dst->notes, src->notes);
	if (bad) {
		person_clear(dst);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

int person_validate(const struct person *p, const char **field,
                    const char **msg)
{
	static const char *no_field = "";

	*field = no_field;
	*msg = record_check_texts(record_kind("person"), p, field);
	if (!*msg &&
	    (p->gender < GENDER_UNSTATED || p->gender > GENDER_OTHER)) {
		*msg = _("not one of: not stated, woman, man, other");
		*field = "gender";
	}
	return *msg ? LAPE_INVALID : LAPE_OK;
}

/* Fill P from a row of PERSON_COLUMNS; with COPY it owns its strings,
 * else they are borrowed from the statement. */
static int person_row(sqlite3_stmt *st, struct person *p, bool copy)
{
	const char *u = (const char *)sqlite3_column_text(st, 1);
	char **f[PERSON_TEXTS] = {&p->surname,      &p->given_names,
	                          &p->organisation, &p->email,
	                          &p->phone,        &p->notes};

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	snprintf(p->uuid, sizeof p->uuid, "%s", u ? u : "");
	p->version = sqlite3_column_int64(st, 2);
	gender_parse((const char *)sqlite3_column_text(st, 3 + PERSON_TEXTS),
	             &p->gender);
	for (int i = 0; i < PERSON_TEXTS; i++) {
		if (!copy) {
			*f[i] = (char *)sqlite3_column_text(st, 3 + i);
			continue;
		}
		if (sqlite3_column_type(st, 3 + i) == SQLITE_NULL)
			continue;
		*f[i] = db_column_dup(st, 3 + i);
		if (!*f[i]) {
			person_clear(p);
			return LAPE_ERROR;
		}
	}
	return LAPE_OK;
}

int person_get(struct lape_db *db, int64_t id, struct person *out)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db, "SELECT " PERSON_COLUMNS " FROM person WHERE id = ?", "i", id);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW)
		rc = person_row(st, out, true);
	else if (rc == SQLITE_DONE)
		rc = db_fail(db, LAPE_NOTFOUND, "person", "%s",
		             _("no such person"));
	db_release(db, st);
	return rc;
}

static int person_write(struct lape_db *db, struct person *p)
{
	int rc;

	if (p->id == 0) {
		rc = db_exec(
		    db,
		    "INSERT INTO person(id, surname, given_names, gender, "
		    "organisation, email, phone, notes) "
		    "VALUES (lape_new_id('person'), ?, ?, ?, ?, ?, ?, ?)",
		    "ttttttt", p->surname, p->given_names ? p->given_names : "",
		    gender_key(p->gender), p->organisation, p->email, p->phone,
		    p->notes);
		if (rc != LAPE_OK)
			return rc;
		return db_inserted(db,
		                   "SELECT uuid, version FROM person "
		                   "WHERE id = ?",
		                   &p->id, p->uuid, &p->version);
	}
	rc = db_exec(db,
	             "UPDATE person SET surname = ?, given_names = ?, "
	             "gender = ?, organisation = ?, email = ?, phone = ?, "
	             "notes = ?, version = version + 1, "
	             "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	             "WHERE id = ? AND version = ?",
	             "tttttttii", p->surname,
	             p->given_names ? p->given_names : "",
	             gender_key(p->gender), p->organisation, p->email, p->phone,
	             p->notes, p->id, p->version);
	if (rc == LAPE_OK)
		rc = db_updated(db, "SELECT 1 FROM person WHERE id = ?", p->id);
	if (rc == LAPE_OK)
		p->version++;
	return rc;
}

int person_save(struct lape_db *db, struct person *p)
{
	const char *field, *msg;
	int64_t old_id = p->id, old_version = p->version;
	bool own;
	int rc;

	char **texts[PERSON_TEXTS] = {&p->surname,      &p->given_names,
	                              &p->organisation, &p->email,
	                              &p->phone,        &p->notes};

	for (int i = 0; i < PERSON_TEXTS; i++)
		if (db_norm_text(texts[i]) != LAPE_OK)
			return db_fail(db, LAPE_ERROR, NULL, "%s",
			               _("out of memory"));
	if (person_validate(p, &field, &msg) != LAPE_OK)
		return db_fail(db, LAPE_INVALID, field, "%s", msg);
	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		return rc;
	rc = person_write(db, p);
	rc = db_txn_end(db, own, rc == LAPE_OK ? page_keys_write(db) : rc);
	if (rc != LAPE_OK) {
		p->id = old_id;
		p->version = old_version;
		if (!old_id)
			p->uuid[0] = '\0';
	}
	return rc;
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
	return db_txn_end(db, own, rc == LAPE_OK ? page_keys_write(db) : rc);
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
#define PERSON_FILTER                                                          \
	" FROM person WHERE ?1 IS NULL "                                       \
	"OR instr(lape_key(surname), lape_key(?1)) > 0 "                       \
	"OR instr(lape_key(given_names), lape_key(?1)) > 0 "                   \
	"OR instr(lape_key(given_names || ' ' || surname), "                   \
	"lape_key(?1)) > 0 "                                                   \
	"OR instr(lape_key(surname || ' ' || given_names), "                   \
	"lape_key(?1)) > 0 "                                                   \
	"OR instr(lape_key(organisation), lape_key(?1)) > 0 "                  \
	"OR instr(lape_key(email), lape_key(?1)) > 0"

/* A page read by its rows' keys (store-page.c): false when it cannot be,
 * else true with the result in *RC. */
static bool person_list_page(struct lape_db *db, const char *search,
                             size_t offset, size_t limit, person_cb cb,
                             void *ctx, int *rc)
{
	int64_t *ids;
	size_t n;
	int stop = 0;

	*rc = page_person_ids(db, search, offset, limit, &ids, &n);
	if (*rc == PAGE_UNAVAILABLE)
		return false;
	for (size_t i = 0; *rc == LAPE_OK && !stop && i < n; i++) {
		sqlite3_stmt *st = db_prepare_cached(
		    db, "SELECT " PERSON_COLUMNS " FROM person WHERE id = ?",
		    "i", ids[i]);
		struct person p;

		if (!st) {
			*rc = LAPE_ERROR;
			break;
		}
		*rc = db_step(db, st);
		if (*rc == SQLITE_ROW) {
			person_row(st, &p, false);
			stop = cb(&p, ctx);
		}
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
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (limit && person_list_page(db, search, offset, limit, cb, ctx, &rc))
		return rc;
	st = db_prepare(
	    db,
	    "SELECT " PERSON_COLUMNS PERSON_FILTER
	    " ORDER BY " PERSON_ORDER_SQL("person") ", id LIMIT ?2 OFFSET ?3",
	    "tii", db_blank(search) ? NULL : search,
	    limit ? (int64_t)limit : (int64_t)-1, (int64_t)offset);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		struct person p;

		person_row(st, &p, false);
		stop = cb(&p, ctx);
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

int person_count(struct lape_db *db, const char *search, size_t *count)
{
	sqlite3_stmt *st;
	int rc = page_person_count(db, search, count);

	if (rc != PAGE_UNAVAILABLE)
		return rc;
	st = db_prepare(db, "SELECT count(*)" PERSON_FILTER, "t",
	                db_blank(search) ? NULL : search);
	*count = 0;
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		*count = (size_t)sqlite3_column_int64(st, 0);
		rc = LAPE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}
