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
/* store-agent.c -- change agents: one person per region, hired by a
 * municipality or joint authority and paid (in part) by the ministry; a
 * region has at most one planned or active agent. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

static const struct {
	enum agent_status status;
	const char *key;
	const char *label;
	const char *fi, *sv; /* also taken in a file or a script */
} statuses[] = {
    {AGENT_PLANNED, "planned", N_("planned"), "suunniteltu", "planerad"},
    {AGENT_ACTIVE, "active", N_("active"), "toiminnassa", "aktiv"},
    {AGENT_ENDED, "ended", N_("ended"), "päättynyt", "avslutad"},
};
#define N_STATUSES (sizeof statuses / sizeof statuses[0])

const char *agent_status_key(enum agent_status s)
{
	for (size_t i = 0; i < N_STATUSES; i++)
		if (statuses[i].status == s)
			return statuses[i].key;
	return "planned";
}

const char *agent_status_label(enum agent_status s)
{
	for (size_t i = 0; i < N_STATUSES; i++)
		if (statuses[i].status == s)
			return _(statuses[i].label);
	return _("planned");
}

int agent_status_parse(const char *key, enum agent_status *out)
{
	if (!key)
		return LAPE_INVALID;
	for (size_t i = 0; i < N_STATUSES; i++)
		if (utf8_same(key, statuses[i].key) ||
		    utf8_same(key, statuses[i].fi) ||
		    utf8_same(key, statuses[i].sv) ||
		    utf8_same(key, _(statuses[i].label))) {
			*out = statuses[i].status;
			return LAPE_OK;
		}
	return LAPE_INVALID;
}

void agent_clear(struct agent *a)
{
	if (!a)
		return;
	free(a->person_name);
	free(a->employer);
	free(a->start_date);
	free(a->end_date);
	memset(a, 0, sizeof *a);
}

static const char *agent_check(const struct agent *a, const char **field)
{
	char s[11], e[11];
	const char *m;

	*field = "person";
	if (a->person_id <= 0)
		return _("a change agent is a person: choose one");
	*field = "region";
	if (strlen(a->region_code) != 2 ||
	    strspn(a->region_code, "0123456789") != 2)
		return _("choose the region");
	*field = "employer";
	if ((m = db_check_text(a->employer, store_text_max("agent", "employer"),
	                       false)))
		return m;
	*field = "funding_share";
	if (a->funding_share < 0 || a->funding_share > 100)
		return _("the funding share is a percentage from 0 to 100");
	*field = "status";
	if (a->status < AGENT_PLANNED || a->status > AGENT_ENDED)
		return _("the status is planned, active or ended");
	*field = "start_date";
	if ((m = db_check_date(a->start_date)))
		return m;
	*field = "end_date";
	if ((m = db_check_date(a->end_date)))
		return m;
	if (!db_blank(a->start_date) && !db_blank(a->end_date) &&
	    date_parse(a->start_date, s) == 0 &&
	    date_parse(a->end_date, e) == 0 && strcmp(e, s) < 0)
		return _("ends before it starts");
	return NULL;
}

int agent_validate(const struct agent *a, const char **field, const char **msg)
{
	*msg = agent_check(a, field);
	if (!*msg)
		*field = "";
	return *msg ? LAPE_INVALID : LAPE_OK;
}

#define AGENT_SELECT                                                           \
	"SELECT a.id, a.uuid, a.version, a.person_id, "                        \
	"ltrim(p.given_names || ' ' || p.surname), "                           \
	"a.region_code, a.employer, a.start_date, a.end_date, "                \
	"a.funding_share, a.status FROM change_agent a "                       \
	"LEFT JOIN person p ON p.id = a.person_id "

/* Fill A from an AGENT_SELECT row; A owns its strings. */
static int agent_row(sqlite3_stmt *st, struct agent *a)
{
	const char *t;
	int cols[] = {4, 6, 7, 8};
	char **f[] = {&a->person_name, &a->employer, &a->start_date,
	              &a->end_date};

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	t = (const char *)sqlite3_column_text(st, 1);
	snprintf(a->uuid, sizeof a->uuid, "%s", t ? t : "");
	a->version = sqlite3_column_int64(st, 2);
	a->person_id = sqlite3_column_int64(st, 3);
	/* A period whose person was erased (lape person erase) stays. */
	if (sqlite3_column_type(st, 3) == SQLITE_NULL &&
	    !(a->person_name = strdup(_("(person erased)"))))
		return LAPE_ERROR;
	t = (const char *)sqlite3_column_text(st, 5);
	snprintf(a->region_code, sizeof a->region_code, "%s", t ? t : "");
	a->funding_share = sqlite3_column_int(st, 9);
	agent_status_parse((const char *)sqlite3_column_text(st, 10),
	                   &a->status);
	for (int i = 0; i < 4; i++) {
		if (sqlite3_column_type(st, cols[i]) == SQLITE_NULL)
			continue;
		*f[i] = db_column_dup(st, cols[i]);
		if (!*f[i]) {
			agent_clear(a);
			return LAPE_ERROR;
		}
	}
	return LAPE_OK;
}

static int agent_one(struct lape_db *db, sqlite3_stmt *st, struct agent *out,
                     const char *notfound)
{
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW)
		rc = agent_row(st, out);
	else if (rc == SQLITE_DONE)
		rc = db_fail(db, LAPE_NOTFOUND, "agent", "%s", notfound);
	db_release(db, st);
	return rc;
}

int agent_get(struct lape_db *db, int64_t id, struct agent *out)
{
	return agent_one(
	    db, db_prepare_cached(db, AGENT_SELECT "WHERE a.id = ?", "i", id),
	    out, _("no such change agent"));
}

int agent_get_region(struct lape_db *db, const char *region, struct agent *out)
{
	return agent_one(db,
	                 db_prepare_cached(db,
	                                   AGENT_SELECT
	                                   "WHERE a.region_code = ? "
	                                   "AND a.status <> 'ended'",
	                                   "t", region),
	                 out, _("the region has no change agent"));
}

/* The checks the constraints make, with messages naming the field. */
static int agent_refs(struct lape_db *db, const struct agent *a)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db,
	    "SELECT (SELECT count(*) FROM person WHERE id = ?1), "
	    "(SELECT count(*) FROM region WHERE code = ?2), "
	    "(SELECT count(*) FROM change_agent WHERE region_code = ?2 "
	    " AND status <> 'ended' AND id <> ?3)",
	    "iti", a->person_id, a->region_code, a->id);
	int rc;

	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		if (!sqlite3_column_int(st, 0))
			rc = db_fail(db, LAPE_INVALID, "person", "%s",
			             _("no such person"));
		else if (!sqlite3_column_int(st, 1))
			rc = db_fail(db, LAPE_INVALID, "region",
			             _("no such region: %s"), a->region_code);
		else if (a->status != AGENT_ENDED && sqlite3_column_int(st, 2))
			rc =
			    db_fail(db, LAPE_INVALID, "region", "%s",
			            _("the region already has a change agent"));
		else
			rc = LAPE_OK;
	}
	db_release(db, st);
	return rc;
}

static int agent_write(struct lape_db *db, struct agent *a)
{
	int rc = agent_refs(db, a);

	if (rc != LAPE_OK)
		return rc;
	if (a->id == 0) {
		rc = db_exec(
		    db,
		    "INSERT INTO change_agent(id, person_id, region_code, "
		    "employer, start_date, end_date, funding_share, "
		    "status) VALUES (lape_new_id('change_agent'), "
		    "?, ?, ?, ?, ?, ?, ?)",
		    "ittttdt", a->person_id, a->region_code, a->employer,
		    a->start_date, a->end_date, a->funding_share,
		    agent_status_key(a->status));
		if (rc == LAPE_OK)
			rc = db_inserted(
			    db,
			    "SELECT uuid, version FROM change_agent "
			    "WHERE id = ?",
			    &a->id, a->uuid, &a->version);
		return rc;
	}
	rc = db_exec(db,
	             "UPDATE change_agent SET person_id = ?, region_code = ?, "
	             "employer = ?, start_date = ?, end_date = ?, "
	             "funding_share = ?, status = ?, version = version + 1, "
	             "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	             "WHERE id = ? AND version = ?",
	             "ittttdtii", a->person_id, a->region_code, a->employer,
	             a->start_date, a->end_date, a->funding_share,
	             agent_status_key(a->status), a->id, a->version);
	if (rc == LAPE_OK)
		rc = db_updated(db, "SELECT 1 FROM change_agent WHERE id = ?",
		                a->id);
	if (rc == LAPE_OK)
		a->version++;
	return rc;
}

int agent_save(struct lape_db *db, struct agent *a)
{
	int64_t old_id = a->id, old_version = a->version;
	const char *field, *msg;
	bool own;
	int rc;

	if (agent_validate(a, &field, &msg) != LAPE_OK)
		return db_fail(db, LAPE_INVALID, field, "%s", msg);
	if (db_norm_date(&a->start_date) != LAPE_OK ||
	    db_norm_date(&a->end_date) != LAPE_OK)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	rc = db_txn_start(db, &own);
	if (rc == LAPE_OK)
		rc = db_txn_end(db, own, agent_write(db, a));
	if (rc != LAPE_OK) {
		a->id = old_id;
		a->version = old_version;
		if (!old_id)
			a->uuid[0] = '\0';
	}
	return rc;
}

int agent_delete(struct lape_db *db, int64_t id)
{
	bool own;
	int rc = db_txn_start(db, &own);

	if (rc != LAPE_OK)
		return rc;
	rc = db_exec(db, "DELETE FROM change_agent WHERE id = ?", "i", id);
	if (rc == LAPE_OK && sqlite3_changes(db->sql) == 0)
		rc = db_fail(db, LAPE_NOTFOUND, "agent", "%s",
		             _("no such change agent"));
	return db_txn_end(db, own, rc);
}

int agent_list(struct lape_db *db, agent_cb cb, void *ctx)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               AGENT_SELECT "ORDER BY a.region_code, "
	                            "a.status = 'ended', a.start_date, a.id",
	               NULL);
	int rc, stop = 0;

	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		struct agent a;

		if (agent_row(st, &a) != LAPE_OK) {
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
			break;
		}
		stop = cb(&a, ctx);
		agent_clear(&a);
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

int agent_find(struct lape_db *db, const char *ref, int64_t *id)
{
	/* an id or a uuid: an agent has no name of its own (?3 unused) */
	return db_find_ref(db,
	                   "SELECT id FROM change_agent WHERE id = ?1 "
	                   "OR substr(uuid, 1, length(?2)) = ?2 "
	                   "OR (?3 IS NOT NULL AND 0) ORDER BY id",
	                   ref, "agent", id);
}

int agent_find_person(struct lape_db *db, int64_t person_id, int64_t *id)
{
	/* the agent the person is now (planned or active), else the last */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT id FROM change_agent WHERE "
	               "person_id = ? ORDER BY status = 'ended', "
	               "id DESC LIMIT 1",
	               "i", person_id);
	int rc;

	*id = 0;
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = db_fail(db, LAPE_NOTFOUND, "agent", "%s",
		             _("no such change agent"));
	}
	sqlite3_finalize(st);
	return rc;
}
