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
/* record.c -- the field tables of the record kinds (record.h) and what is
 * done field by field: limits, parsing typed text, the text checks. */

#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/date.h"
#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/record.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- choices: a key or a label in any of the three languages ----------- */

static int parse_pair(const char *text, const char *const keys[2][4])
{
	for (int v = 0; v < 2; v++)
		for (int i = 0; i < 4 && keys[v][i]; i++)
			if (utf8_same(text, keys[v][i]) ||
			    (i == 1 && utf8_same(text, _(keys[v][1]))))
				return v;
	return -1;
}

static int parse_level(const char *text, int *value)
{
	static const char *const k[2][4] = {
	    {"municipal", N_("municipal"), "kunta", "kommun"},
	    {"regional", N_("regional"), "maakunta", "landskap"}};
	int v = parse_pair(text, k);

	if (v < 0)
		return LAPE_INVALID;
	*value = v == 1 ? LEVEL_REGIONAL : LEVEL_MUNICIPAL;
	return LAPE_OK;
}

static int parse_group_status(const char *text, int *value)
{
	static const char *const k[2][4] = {
	    {"active", N_("active"), "toiminnassa", "aktiv"},
	    {"dissolved", N_("dissolved"), "lakkautettu", "upplöst"}};
	int v = parse_pair(text, k);

	if (v < 0)
		return LAPE_INVALID;
	*value = v == 1 ? STATUS_DISSOLVED : STATUS_ACTIVE;
	return LAPE_OK;
}

static int parse_role(const char *text, int *value)
{
	enum member_role r;
	int rc = role_parse(text, &r);

	*value = (int)r;
	return rc;
}

static int parse_gender(const char *text, int *value)
{
	enum person_gender g;
	int rc = gender_parse(text, &g);

	*value = (int)g;
	return rc;
}

static int parse_agent_status(const char *text, int *value)
{
	enum agent_status s;
	int rc = agent_status_parse(text, &s);

	*value = (int)s;
	return rc;
}

static int parse_bool(const char *text, int *value)
{
	static const char *const k[2][4] = {{"no", N_("no"), "ei", "nej"},
	                                    {"yes", N_("yes"), "kyllä", "ja"}};
	int v = parse_pair(text, k);

	if (v < 0) {
		if (utf8_same(text, "0") || utf8_same(text, "false"))
			v = 0;
		else if (utf8_same(text, "1") || utf8_same(text, "true"))
			v = 1;
		else
			return LAPE_INVALID;
	}
	*value = v;
	return LAPE_OK;
}

/* ---- the tables -------------------------------------------------------- */

/* The keys the store writes for an enum's values. */
static const char *key_level(int v)
{
	return group_level_key((enum group_level)v);
}

static const char *key_group_status(int v)
{
	return group_status_key((enum group_status)v);
}

static const char *key_gender(int v)
{
	return gender_key((enum person_gender)v);
}

static const char *key_role(int v)
{
	return role_key((enum member_role)v);
}

static const char *key_agent_status(int v)
{
	return agent_status_key((enum agent_status)v);
}

#define S DB_TEXT_SHORT
#define L DB_TEXT_LONG
#define NO RECORD_NO_OFFSET
#define AT(type, member) offsetof(struct type, member)
/* A text or a date at its offset; the store's slot of a field that is
 * not. */
#define TEXT(type, member) AT(type, member), .slot = SLOT_NONE
#define SLOT(kind, type, member) .slot = kind, .at = AT(type, member)
#define ENUM(type, member, keyfn, msg)                                         \
	SLOT(SLOT_ENUM, type, member), .store_key = keyfn, .invalid = msg

static const struct record_field group_fields[] = {
    {"name", "name", "name", FIELD_TEXT, N_("Name"), 34, S, PICK_NONE, true, 0,
     0, NULL, TEXT(group, name)},
    {"level", "level", "level", FIELD_CHOICE, N_("Level"), 14, 0, PICK_LEVEL,
     true, LEVEL_MUNICIPAL, LEVEL_REGIONAL, parse_level, NO,
     ENUM(group, level, key_level, N_("the level is municipal or regional"))},
    {"region", "region", "region_code", FIELD_REF,
     N_("Region (regional group)"), 26, 0, PICK_REGION, false, 0, 2, NULL, NO,
     SLOT(SLOT_CODE, group, region_code)},
    {"municipality", "municipalities", "municipality_code", FIELD_LIST,
     N_("Municipalities"), 34, 0, PICK_MUNICIPALITY, false, 0, 0, NULL, NO,
     .slot = SLOT_NONE},
    {"mandate-body", "mandate_body", "mandate_body", FIELD_TEXT,
     N_("Mandate given by"), 30, S, PICK_NONE, false, 0, 0, NULL,
     TEXT(group, mandate_body)},
    {"mandate-date", "mandate_date", "mandate_date", FIELD_DATE,
     N_("Mandate date"), 12, 0, PICK_NONE, false, 0, 0, NULL,
     TEXT(group, mandate_date)},
    {"existing-body", "existing_body", "existing_body", FIELD_BOOL,
     N_("Existing body"), 6, 0, PICK_NONE, false, 0, 1, parse_bool, NO,
     SLOT(SLOT_BOOL, group, existing_body)},
    {"start", "start_date", "start_date", FIELD_DATE, N_("Start date"), 12, 0,
     PICK_NONE, false, 0, 0, NULL, TEXT(group, start_date)},
    {"end", "end_date", "end_date", FIELD_DATE, N_("End date"), 12, 0,
     PICK_NONE, false, 0, 0, NULL, TEXT(group, end_date)},
    {"status", "status", "status", FIELD_CHOICE, N_("Status"), 12, 0,
     PICK_GROUP_STATUS, true, STATUS_ACTIVE, STATUS_DISSOLVED,
     parse_group_status, NO,
     ENUM(group, status, key_group_status,
          N_("the status is active or dissolved"))},
    {"regional-group", "regional_group", "regional_group_id", FIELD_REF,
     N_("Regional group"), 30, 0, PICK_REGIONAL_GROUP, false, 0, 0, NULL, NO,
     SLOT(SLOT_REF, group, regional_group_id)},
    {"notes", "notes", "notes", FIELD_NOTES, N_("Notes"), 34, L, PICK_NONE,
     false, 0, 0, NULL, TEXT(group, notes)},
};

static const struct record_field person_fields[] = {
    {"surname", "surname", "surname", FIELD_TEXT, N_("Surname"), 34, S,
     PICK_NONE, true, 0, 0, NULL, TEXT(person, surname)},
    {"given-names", "given_names", "given_names", FIELD_TEXT, N_("Given names"),
     34, S, PICK_NONE, false, 0, 0, NULL, AT(person, given_names),
     .slot = SLOT_TEXT_SET},
    {"gender", "gender", "gender", FIELD_CHOICE, N_("Gender"), 12, 0,
     PICK_GENDER, false, GENDER_UNSTATED, GENDER_OTHER, parse_gender, NO,
     ENUM(person, gender, key_gender,
          N_("not one of: not stated, woman, man, other"))},
    {"organisation", "organisation", "organisation", FIELD_TEXT,
     N_("Organisation"), 34, S, PICK_NONE, false, 0, 0, NULL,
     TEXT(person, organisation)},
    {"email", "email", "email", FIELD_EMAIL, N_("E-mail"), 34, S, PICK_NONE,
     false, 0, 0, NULL, TEXT(person, email)},
    {"phone", "phone", "phone", FIELD_TEXT, N_("Phone"), 20, S, PICK_NONE,
     false, 0, 0, NULL, TEXT(person, phone)},
    {"notes", "notes", "notes", FIELD_NOTES, N_("Notes"), 34, L, PICK_NONE,
     false, 0, 0, NULL, TEXT(person, notes)},
};

static const struct record_field membership_fields[] = {
    {"person", "person", "person_id", FIELD_REF, N_("Person"), 34, 0,
     PICK_PERSON, false, 0, 0, NULL, NO, SLOT(SLOT_REF, membership, person_id)},
    {"sector", "sectors", "sectors", FIELD_LIST, N_("Sectors"), 34, 0,
     PICK_SECTOR, true, 0, 0, NULL, NO, .slot = SLOT_HOOK},
    {"role", "role", "role", FIELD_CHOICE, N_("Role"), 16, 0, PICK_ROLE, false,
     ROLE_MEMBER, ROLE_SECRETARY, parse_role, NO,
     ENUM(membership, role, key_role,
          N_("the role is chair, vice-chair, secretary or member"))},
    {"deputy-of", "deputy_of", "deputy_of", FIELD_REF, N_("Deputy of"), 30, 0,
     PICK_MEMBER, false, 0, 0, NULL, NO, SLOT(SLOT_REF, membership, deputy_of)},
    {"organisation", "organisation", "organisation", FIELD_TEXT,
     N_("Organisation"), 34, S, PICK_NONE, false, 0, 0, NULL,
     TEXT(membership, organisation)},
    {"start", "start_date", "start_date", FIELD_DATE, N_("Start date"), 12, 0,
     PICK_NONE, false, 0, 0, NULL, TEXT(membership, start_date)},
    {"end", "end_date", "end_date", FIELD_DATE, N_("End date"), 12, 0,
     PICK_NONE, false, 0, 0, NULL, TEXT(membership, end_date)},
    {"name-withheld", "name_withheld", "name_withheld", FIELD_BOOL,
     N_("Name withheld"), 6, 0, PICK_NONE, false, 0, 1, parse_bool, NO,
     SLOT(SLOT_BOOL, membership, name_withheld)},
};

static const struct record_field agent_fields[] = {
    {"region", "region", "region_code", FIELD_REF, N_("Region"), 26, 0,
     PICK_REGION, true, 0, 2, NULL, NO, SLOT(SLOT_CODE, agent, region_code)},
    {"person", "person", "person_id", FIELD_REF, N_("Person"), 34, 0,
     PICK_PERSON, true, 0, 0, NULL, NO, SLOT(SLOT_REF, agent, person_id)},
    {"employer", "employer", "employer", FIELD_TEXT, N_("Employer"), 34, S,
     PICK_NONE, false, 0, 0, NULL, TEXT(agent, employer)},
    {"start", "start_date", "start_date", FIELD_DATE, N_("Start date"), 12, 0,
     PICK_NONE, false, 0, 0, NULL, TEXT(agent, start_date)},
    {"end", "end_date", "end_date", FIELD_DATE, N_("End date"), 12, 0,
     PICK_NONE, false, 0, 0, NULL, TEXT(agent, end_date)},
    {"funding-share", "funding_share", "funding_share", FIELD_INT,
     N_("Funding share (%)"), 6, 0, PICK_NONE, false, 0, 100, NULL, NO,
     SLOT(SLOT_INT, agent, funding_share),
     .invalid = N_("the funding share is a percentage from 0 to 100")},
    {"status", "status", "status", FIELD_CHOICE, N_("Status"), 12, 0,
     PICK_AGENT_STATUS, false, AGENT_PLANNED, AGENT_ENDED, parse_agent_status,
     NO,
     ENUM(agent, status, key_agent_status,
          N_("the status is planned, active or ended"))},
};

#define N(a) (sizeof a / sizeof a[0])

static const struct record_kind kinds[] = {
    {"group", N_("group"), group_fields, N(group_fields)},
    {"person", N_("person"), person_fields, N(person_fields)},
    {"membership", N_("member"), membership_fields, N(membership_fields)},
    {"agent", N_("change agent"), agent_fields, N(agent_fields)},
};

const struct record_kind *record_kind(const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "member") == 0)
		name = "membership";
	for (size_t i = 0; i < N(kinds); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

const struct record_field *record_field(const struct record_kind *kind,
                                        const char *key)
{
	if (!kind || !key)
		return NULL;
	for (size_t i = 0; i < kind->n_fields; i++) {
		const struct record_field *f = &kind->fields[i];

		if (strcmp(f->key, key) == 0 || strcmp(f->name, key) == 0 ||
		    strcmp(f->column, key) == 0)
			return f;
	}
	return NULL;
}

const char *record_value(const struct record_field *f, const void *record,
                         char *buf, size_t len)
{
	const char *r = record;
	int64_t id;

	switch (f->slot) {
	case SLOT_NONE:
	case SLOT_TEXT_SET:
		if (f->offset == RECORD_NO_OFFSET)
			return NULL;
		return *(char *const *)(r + f->offset);
	case SLOT_ENUM:
		return f->store_key ? f->store_key(*(const int *)(r + f->at))
		                    : NULL;
	case SLOT_INT:
		snprintf(buf, len, "%d", *(const int *)(r + f->at));
		return buf;
	case SLOT_BOOL:
		return *(const bool *)(r + f->at) ? "1" : "0";
	case SLOT_REF:
		memcpy(&id, r + f->at, sizeof id);
		if (id == 0)
			return NULL;
		snprintf(buf, len, "%" PRId64, id);
		return buf;
	case SLOT_CODE:
		return r + f->at;
	case SLOT_HOOK:
		break;
	}
	return NULL;
}

size_t field_limit(const struct record_field *field)
{
	return field ? field->limit : 0;
}

void field_value_clear(struct field_value *v)
{
	if (!v)
		return;
	free(v->text);
	memset(v, 0, sizeof *v);
}

/* local@domain.tld: one @, no blanks, a dot inside the domain. */
static bool email_shape(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '\t' || (unsigned char)*p < 0x20)
			return false;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

static int parse_number(const struct record_field *f, const char *t,
                        struct field_value *v, const char **err)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(t, &end, 10);
	while (*end == ' ' || *end == '%')
		end++;
	if (errno || end == t || *end || n < f->min || n > f->max) {
		*err = _("not a whole number from 0 to 100");
		return LAPE_INVALID;
	}
	v->num = n;
	return LAPE_OK;
}

int field_parse(const struct record_field *f, const char *text,
                struct field_value *v, const char **err)
{
	char iso[11];
	int n = 0;

	memset(v, 0, sizeof *v);
	*err = NULL;
	v->text = utf8_clean(text ? text : "");
	if (!v->text)
		return LAPE_ERROR;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_NOTES:
	case FIELD_EMAIL:
		*err = db_check_text(v->text, f->limit, f->required);
		if (!*err && f->type == FIELD_EMAIL && *v->text &&
		    !email_shape(v->text))
			*err = _("not an e-mail address (name@example.fi)");
		break;
	case FIELD_DATE:
		if (!*v->text) {
			free(v->text);
			v->text = NULL;
		} else if (date_parse(v->text, iso) != 0) {
			*err = db_check_date(v->text);
			if (!*err)
				*err = _("not a date");
		} else {
			/* 1.1.2016 is shorter than its 2016-01-01 */
			free(v->text);
			v->text = strdup(iso);
			if (!v->text)
				return LAPE_ERROR;
		}
		break;
	case FIELD_INT:
		parse_number(f, v->text, v, err);
		break;
	case FIELD_BOOL:
		if (parse_bool(v->text, &n) != LAPE_OK)
			*err = _("not yes or no");
		v->num = n;
		break;
	case FIELD_CHOICE:
		if (f->parse(v->text, &n) != LAPE_OK)
			*err = _("not one of the choices");
		v->num = n;
		break;
	case FIELD_REF:
	case FIELD_LIST:
		if (f->required && !*v->text)
			*err = _("required");
		break;
	}
	if (*err) {
		field_value_clear(v);
		return LAPE_INVALID;
	}
	return LAPE_OK;
}

const char *record_check_field(const struct record_field *f, const void *record)
{
	const char *base = record, *s, *m;
	int v;

	if (f->slot == SLOT_ENUM || f->slot == SLOT_INT) {
		v = *(const int *)(base + f->at);
		if (v >= f->min && v <= f->max)
			return NULL;
		return f->invalid ? _(f->invalid) : _("not one of the choices");
	}
	if (f->offset == RECORD_NO_OFFSET)
		return NULL;
	s = *(char *const *)(base + f->offset);
	if (f->type == FIELD_DATE)
		return db_check_date(s);
	m = db_check_text(s, f->limit, f->required);
	if (!m && f->type == FIELD_EMAIL && !db_blank(s) && !email_shape(s))
		m = _("not an e-mail address (name@example.fi)");
	return m;
}

const char *record_check_texts(const struct record_kind *kind,
                               const void *record, const char **field)
{
	for (size_t i = 0; i < kind->n_fields; i++) {
		const struct record_field *f = &kind->fields[i];
		const char *m;

		if (f->offset == RECORD_NO_OFFSET || !f->limit)
			continue;
		if ((m = record_check_field(f, record))) {
			*field = f->name;
			return m;
		}
	}
	return NULL;
}

/* The date of the field of KIND named NAME in RECORD, NULL if none. */
static const char *date_of(const struct record_kind *kind, const void *record,
                           const char *name)
{
	const struct record_field *f = record_field(kind, name);

	if (!f || f->type != FIELD_DATE || f->offset == RECORD_NO_OFFSET)
		return NULL;
	return *(char *const *)((const char *)record + f->offset);
}

const char *record_check(const struct record_kind *kind, const void *record,
                         record_check_fn check, const char **field)
{
	const char *start, *end;
	char a[11], b[11];

	for (size_t i = 0; i < kind->n_fields; i++) {
		const struct record_field *f = &kind->fields[i];
		const char *m = record_check_field(f, record);

		if (!m && check)
			m = check(f, record);
		if (m) {
			*field = f->name;
			return m;
		}
	}
	start = date_of(kind, record, "start_date");
	end = date_of(kind, record, "end_date");
	if (!db_blank(start) && !db_blank(end) && date_parse(start, a) == 0 &&
	    date_parse(end, b) == 0 && strcmp(b, a) < 0) {
		*field = "end_date";
		return _("ends before it starts");
	}
	return NULL;
}

int record_validate(const struct record_kind *kind, const void *record,
                    const char **field, const char **msg)
{
	static const char *none = "";

	*field = none;
	*msg = NULL;
	if (!kind || !record)
		return LAPE_INVALID;
	if (strcmp(kind->name, "group") == 0)
		return group_validate(record, field, msg);
	if (strcmp(kind->name, "person") == 0)
		return person_validate(record, field, msg);
	if (strcmp(kind->name, "membership") == 0)
		return membership_validate(record, field, msg);
	return agent_validate(record, field, msg);
}
