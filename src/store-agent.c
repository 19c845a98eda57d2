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
#include "store-priv.h"

static const struct store_choice statuses[] = {
    {AGENT_PLANNED, "planned", N_("planned"), "suunniteltu", "planerad"},
    {AGENT_ACTIVE, "active", N_("active"), "toiminnassa", "aktiv"},
    {AGENT_ENDED, "ended", N_("ended"), "päättynyt", "avslutad"},
};
#define N_STATUSES (sizeof statuses / sizeof statuses[0])

/* The name of the agent's person, read with the row. */
static const struct record_field agent_extra[] = {
    {.name = "person_name",
     .column = "ltrim(p.given_names || ' ' || p.surname)",
     .type = FIELD_TEXT,
     .offset = offsetof(struct agent, person_name)},
};

static struct store_table agent_table = {
    .kind = "agent",
    .table = "change_agent",
    .alias = "a",
    .from = "change_agent a LEFT JOIN person p ON p.id = a.person_id",
    .size = sizeof(struct agent),
    .extra = agent_extra,
    .n_extra = sizeof agent_extra / sizeof agent_extra[0]};

const char *agent_status_key(enum agent_status s)
{
	return choice_key(statuses, N_STATUSES, (int)s);
}

const char *agent_status_label(enum agent_status s)
{
	return choice_label(statuses, N_STATUSES, (int)s);
}

int agent_status_parse(const char *key, enum agent_status *out)
{
	int v;

	if (choice_parse(statuses, N_STATUSES, key, &v) != LAPE_OK)
		return LAPE_INVALID;
	*out = (enum agent_status)v;
	return LAPE_OK;
}

void agent_clear(struct agent *a)
{
	if (!a)
		return;
	store_free_texts(&agent_table, a);
	memset(a, 0, sizeof *a);
}

/* What the descriptors cannot say: an agent is a person of a region. */
static const char *agent_check(const struct record_field *f, const void *rec)
{
	const struct agent *a = rec;

	if (strcmp(f->name, "person") == 0 && a->person_id <= 0)
		return _("a change agent is a person: choose one");
	if (strcmp(f->name, "region") == 0 &&
	    (strlen(a->region_code) != 2 ||
	     strspn(a->region_code, "0123456789") != 2))
		return _("choose the region");
	return NULL;
}

int agent_validate(const struct agent *a, const char **field, const char **msg)
{
	*msg = record_check(record_kind("agent"), a, agent_check, field);
	if (!*msg)
		*field = "";
	return *msg ? LAPE_INVALID : LAPE_OK;
}

/* Fill A (owning its strings) from a row of the agent's columns. */
static int agent_row(sqlite3_stmt *st, void *rec)
{
	struct agent *a = rec;

	/* A period whose person was erased (lape person erase) stays. */
	if (store_read(&agent_table, st, a, true) != LAPE_OK ||
	    (!a->person_id && !a->person_name &&
	     !(a->person_name = strdup(_("(person erased)"))))) {
		agent_clear(a);
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

int agent_get(struct lape_db *db, int64_t id, struct agent *out)
{
	return store_get_id(db, &agent_table, id, agent_row, out, "agent",
	                    _("no such change agent"));
}

int agent_get_region(struct lape_db *db, const char *region, struct agent *out)
{
	char sql[1024];

	store_sql(&agent_table, sql, sizeof sql,
	          "WHERE a.region_code = ? AND a.status <> 'ended'");
	return store_get(db, db_prepare_cached(db, sql, "t", region), agent_row,
	                 out, sizeof *out, "agent", "%s",
	                 _("the region has no change agent"));
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

static int agent_write(struct lape_db *db, void *a)
{
	int rc = agent_refs(db, a);

	return rc == LAPE_OK ? store_write(db, &agent_table, a) : rc;
}

static int save_check(const void *a, const char **field, const char **msg)
{
	return agent_validate(a, field, msg);
}

int agent_save(struct lape_db *db, struct agent *a)
{
	return store_save(db, &agent_table, a, false, save_check, agent_write);
}

int agent_delete(struct lape_db *db, int64_t id)
{
	return store_delete(db, &agent_table, id, "agent",
	                    _("no such change agent"));
}

struct agent_walk {
	agent_cb cb;
	void *ctx;
	struct lape_db *db;
};

static int agent_each(sqlite3_stmt *st, void *ctx)
{
	struct agent_walk *w = ctx;
	struct agent a;
	int stop;

	if (agent_row(st, &a) != LAPE_OK)
		return db_fail(w->db, LAPE_ERROR, NULL, "%s",
		               _("out of memory"));
	stop = w->cb(&a, w->ctx);
	agent_clear(&a);
	return stop;
}

int agent_list(struct lape_db *db, agent_cb cb, void *ctx)
{
	struct agent_walk w = {cb, ctx, db};
	char sql[1024];

	store_sql(&agent_table, sql, sizeof sql,
	          "ORDER BY a.region_code, a.status = 'ended', a.start_date, "
	          "a.id");
	return store_each(db, db_prepare(db, sql, NULL), agent_each, &w);
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
	return store_int64(
	    db,
	    db_prepare(db,
	               "SELECT id FROM change_agent WHERE "
	               "person_id = ? ORDER BY status = 'ended', "
	               "id DESC LIMIT 1",
	               "i", person_id),
	    id, "agent", _("no such change agent"));
}
