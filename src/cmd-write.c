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
/* cmd-write.c -- `lape add|edit|end|remove group|person|member|agent`:
 * the command line writes what the forms write, through the same store
 * calls, validation and messages (the field at fault named by its
 * option), one transaction each.  Exit 0 written, 1 refused (invalid, a
 * conflict, still referenced), 2 an error. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lape/app.h"
#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/record.h"
#include "lape/store.h"
#include "lape/utf8.h"

enum {
	O_LEVEL = CMD_KEY,
	O_NAME,
	O_MUNICIPALITY,
	O_REGION,
	O_MANDATE_BODY,
	O_MANDATE_DATE,
	O_EXISTING,
	O_NOT_EXISTING,
	O_START,
	O_END,
	O_NOTES,
	O_STATUS,
	O_REGIONAL_GROUP,
	O_SURNAME,
	O_GIVEN,
	O_ORGANISATION,
	O_EMAIL,
	O_PHONE,
	O_GENDER,
	O_SECTOR,
	O_ROLE,
	O_DEPUTY,
	O_PERSON,
	O_EMPLOYER,
	O_SHARE,
	O_IF_VERSION,
	O_DATE,
	O_YES,
	O_WITHHELD,
	O_WITHHELD_SET
};

#define OPT_END                                                                \
	{                                                                      \
		NULL, 0, NULL, NULL, 0                                         \
	}
#define OPT_IF_VERSION                                                         \
	{                                                                      \
		"if-version", O_IF_VERSION, N_("VERSION"),                     \
		    N_("write only if the record is still at VERSION (as "     \
		       "read)"),                                               \
		    0                                                          \
	}

/* ---- writing a value into a record -------------------------------------- */

/* Replace *DST by a copy of V ("" clears it).  0, or an exit status. */
static int set_text(char **dst, const char *v)
{
	char *copy = NULL;

	if (v && *v && !(copy = strdup(v)))
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	free(*dst);
	*dst = copy;
	return 0;
}

/* The option that was given as V with KEY, for messages. */
static const char *opt_name(const struct cmd_entry *e, int key, char *buf,
                            size_t len)
{
	for (size_t i = 0; e->options[i].name; i++)
		if (e->options[i].key == key) {
			snprintf(buf, len, "--%s", e->options[i].name);
			return buf;
		}
	return "";
}

/* A value that is not one of the choices. */
static int bad_choice(const struct cmd_args *a, int key, const char *v,
                      const char *choices)
{
	char opt[64];

	return cmd_error(EXIT_REFUSED,
	                 opt_name(a->entry, key, opt, sizeof(opt)),
	                 _("'%s' is not one of %s"), v, choices);
}

static int set_int(const struct cmd_args *a, int key, const char *v,
                   int64_t *out)
{
	char *end, opt[64];
	long long n;

	n = strtoll(v, &end, 10);
	if (!*v || *end)
		return cmd_error(EXIT_REFUSED,
		                 opt_name(a->entry, key, opt, sizeof(opt)),
		                 _("'%s' is not a whole number"), v);
	*out = n;
	return 0;
}

/* ---- JSON of what was written ------------------------------------------ */

/* KEY: ID, or null for none (0). */
static void json_kid(struct output_json *j, const char *key, int64_t id)
{
	output_json_key(j, key);
	if (id)
		output_json_int(j, id);
	else
		output_json_null(j);
}

/* KEY: the N strings of V as an array. */
static void json_kstrs(struct output_json *j, const char *key, char *const *v,
                       size_t n)
{
	output_json_key(j, key);
	output_json_array(j);
	for (size_t i = 0; i < n; i++)
		output_json_str(j, v[i]);
	output_json_end(j, ']');
}

/* ---- groups ------------------------------------------------------------- */

/* --municipality NAME: the first replaces the group's list, the rest
 * add to it. */
static int group_set_municipality(struct lape_ctx *ctx, const char *name,
                                  struct group *g, bool *munis_reset)
{
	char code[4];
	int status;

	if (!*munis_reset) {
		for (size_t k = 0; k < g->n_municipalities; k++)
			free(g->municipalities[k]);
		g->n_municipalities = 0;
		*munis_reset = true;
	}
	if ((status = cmd_lookup_municipality(ctx, name, code)))
		return status;
	return group_add_municipality(g, code) == LAPE_OK
	           ? 0
	           : cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
	                       _("out of memory"));
}

static int group_set(struct lape_ctx *ctx, const struct cmd_args *a,
                     const struct cmd_value *v, struct group *g,
                     bool *munis_reset)
{
	int64_t id;
	int i, status;

	switch (v->key) {
	case O_LEVEL:
		if ((i = cmd_pick_level(v->value)) < 0)
			return bad_choice(a, v->key, v->value,
			                  "municipal, regional");
		g->level = (enum group_level)i;
		return 0;
	case O_NAME:
		return set_text(&g->name, v->value);
	case O_MUNICIPALITY:
		return group_set_municipality(ctx, v->value, g, munis_reset);
	case O_REGION:
		if (!*v->value) {
			g->region_code[0] = '\0';
			return 0;
		}
		return cmd_lookup_region(ctx, v->value, g->region_code);
	case O_MANDATE_BODY:
		return set_text(&g->mandate_body, v->value);
	case O_MANDATE_DATE:
		return set_text(&g->mandate_date, v->value);
	case O_EXISTING:
		g->existing_body = true;
		return 0;
	case O_NOT_EXISTING:
		g->existing_body = false;
		return 0;
	case O_START:
		return set_text(&g->start_date, v->value);
	case O_END:
		return set_text(&g->end_date, v->value);
	case O_NOTES:
		return set_text(&g->notes, v->value);
	case O_STATUS:
		if ((i = cmd_pick_group_status(v->value)) < 0)
			return bad_choice(a, v->key, v->value,
			                  "active, dissolved");
		g->status = (enum group_status)i;
		return 0;
	case O_REGIONAL_GROUP:
		if (!*v->value) {
			g->regional_group_id = 0;
			return 0;
		}
		if ((status = cmd_lookup_group(ctx, v->value, &id)))
			return status;
		g->regional_group_id = id;
		return 0;
	}
	return 0;
}

void cmd_json_group_fields(struct lape_ctx *ctx, struct output_json *j,
                           const struct group *g)
{
	struct municipality m;

	output_json_kint(j, "id", g->id);
	output_json_kstr(j, "uuid", g->uuid);
	output_json_kint(j, "version", g->version);
	output_json_kstr(j, "name", g->name);
	output_json_kstr(j, "level", group_level_key(g->level));
	output_json_kstr(j, "status", group_status_key(g->status));
	output_json_kstr(j, "region", g->region_code);
	output_json_kstr(j, "region_name",
	                 app_region_name(ctx_names(ctx), g->region_code));
	json_kstrs(j, "municipalities", g->municipalities, g->n_municipalities);
	output_json_key(j, "municipality_names");
	output_json_array(j);
	for (size_t i = 0; i < g->n_municipalities; i++) {
		memset(&m, 0, sizeof(m));
		if (municipality_get(ctx->db, g->municipalities[i], &m) ==
		    LAPE_OK)
			output_json_str(j, i18n_pick(m.name_fi, m.name_sv));
		else
			output_json_str(j, g->municipalities[i]);
		municipality_clear(&m);
	}
	output_json_end(j, ']');
	output_json_kstr(j, "mandate_body", g->mandate_body);
	output_json_kstr(j, "mandate_date", g->mandate_date);
	output_json_kbool(j, "existing_body", g->existing_body);
	output_json_kstr(j, "start_date", g->start_date);
	output_json_kstr(j, "end_date", g->end_date);
	json_kid(j, "linked_group_id", g->linked_group_id);
	output_json_kstr(j, "notes", g->notes);
}

/* ---- people ------------------------------------------------------------- */

static int person_set(const struct cmd_args *a, const struct cmd_value *v,
                      struct person *p)
{
	enum person_gender g;

	switch (v->key) {
	case O_SURNAME:
		return set_text(&p->surname, v->value);
	case O_GIVEN:
		return set_text(&p->given_names, v->value);
	case O_GENDER:
		if (gender_parse(v->value, &g) != LAPE_OK)
			return bad_choice(a, v->key, v->value,
			                  "woman, man, other, \"\"");
		p->gender = g;
		return 0;
	case O_ORGANISATION:
		return set_text(&p->organisation, v->value);
	case O_EMAIL:
		return set_text(&p->email, v->value);
	case O_PHONE:
		return set_text(&p->phone, v->value);
	case O_NOTES:
		return set_text(&p->notes, v->value);
	}
	return 0;
}

static void json_person_fields(struct output_json *j, const struct person *p)
{
	char *name = person_display_name(p);

	output_json_kint(j, "id", p->id);
	output_json_kstr(j, "uuid", p->uuid);
	output_json_kint(j, "version", p->version);
	output_json_kstr(j, "name", name);
	output_json_kstr(j, "surname", p->surname);
	output_json_kstr(j, "given_names", p->given_names);
	output_json_kstr(j, "gender", gender_key(p->gender));
	output_json_kstr(j, "organisation", p->organisation);
	output_json_kstr(j, "email", p->email);
	output_json_kstr(j, "phone", p->phone);
	output_json_kstr(j, "notes", p->notes);
	free(name);
}

/* ---- members ------------------------------------------------------------ */

/* --sector V: the first replaces the seat's sectors, the rest add. */
static int member_set_sector(struct lape_ctx *ctx, const struct cmd_args *a,
                             const struct cmd_value *v, struct membership *m,
                             bool *sectors_reset)
{
	char opt[64];
	int i;

	if (!*sectors_reset) {
		for (size_t k = 0; k < m->n_sectors; k++)
			free(m->sectors[k]);
		m->n_sectors = 0;
		*sectors_reset = true;
	}
	if ((i = rules_sector_find(ctx->rules, v->value)) < 0)
		return cmd_error(
		    EXIT_REFUSED, opt_name(a->entry, v->key, opt, sizeof(opt)),
		    _("'%s' is not a sector of the rules"), v->value);
	if (m->n_sectors >= MEMBERSHIP_MAX_SECTORS)
		return cmd_error(EXIT_REFUSED, "--sector", "%s",
		                 _("too many sectors for one seat"));
	return membership_add_sector(m, ctx->rules->sectors[i].key) == LAPE_OK
	           ? 0
	           : cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
	                       _("out of memory"));
}

/* --deputy-of WHO: the seat of that person in the same group ("": none). */
static int member_set_deputy(struct lape_ctx *ctx, const struct cmd_args *a,
                             const char *who, struct membership *m)
{
	int64_t id;
	int status;

	if (!*who) {
		m->deputy_of = 0;
		return 0;
	}
	if ((status = cmd_lookup_person(ctx, who, &id)))
		return status;
	status = membership_find_seat(ctx->db, m->group_id, id, ctx->today,
	                              &m->deputy_of);
	if (status == LAPE_NOTFOUND)
		return cmd_error(EXIT_REFUSED, "--deputy-of",
		                 _("%s does not sit in this group"), who);
	return status == LAPE_OK
	           ? 0
	           : cmd_store_error(ctx, a, status, "--deputy-of");
}

/* --name-withheld=yes|no, read as the record's field reads it. */
static int member_set_withheld(const char *v, struct membership *m)
{
	const struct record_field *f =
	    record_field(record_kind("membership"), "name-withheld");
	struct field_value fv;
	const char *err;

	if (field_parse(f, v, &fv, &err) != LAPE_OK)
		return cmd_error(EXIT_REFUSED, "--name-withheld",
		                 _("'%s' is not yes or no"), v);
	m->name_withheld = fv.num != 0;
	field_value_clear(&fv);
	return 0;
}

static int member_set(struct lape_ctx *ctx, const struct cmd_args *a,
                      const struct cmd_value *v, struct membership *m,
                      bool *sectors_reset)
{
	int64_t id;
	int i, status;

	switch (v->key) {
	case O_SECTOR:
		return member_set_sector(ctx, a, v, m, sectors_reset);
	case O_ROLE:
		if ((i = cmd_pick_role(v->value)) < 0)
			return bad_choice(
			    a, v->key, v->value,
			    "chair, vice-chair, secretary, member");
		m->role = (enum member_role)i;
		return 0;
	case O_ORGANISATION:
		return set_text(&m->organisation, v->value);
	case O_DEPUTY:
		return member_set_deputy(ctx, a, v->value, m);
	case O_PERSON:
		if ((status = cmd_lookup_person(ctx, v->value, &id)))
			return status;
		m->person_id = id;
		return 0;
	case O_START:
		return set_text(&m->start_date, v->value);
	case O_END:
		return set_text(&m->end_date, v->value);
	case O_WITHHELD:
		m->name_withheld = true;
		return 0;
	case O_WITHHELD_SET:
		return member_set_withheld(v->value, m);
	}
	return 0;
}

static void json_member_fields(struct output_json *j,
                               const struct membership *m)
{
	output_json_kint(j, "id", m->id);
	output_json_kstr(j, "uuid", m->uuid);
	output_json_kint(j, "version", m->version);
	output_json_kint(j, "group_id", m->group_id);
	json_kid(j, "person_id", m->person_id);
	output_json_kstr(j, "name", m->person_name);
	json_kstrs(j, "sectors", m->sectors, m->n_sectors);
	output_json_kstr(j, "role", role_key(m->role));
	json_kid(j, "deputy_of", m->deputy_of);
	output_json_kstr(j, "organisation", m->organisation);
	output_json_kstr(j, "start_date", m->start_date);
	output_json_kstr(j, "end_date", m->end_date);
	output_json_kbool(j, "name_withheld", m->name_withheld);
}

/* ---- change agents ------------------------------------------------------ */

static int agent_set(struct lape_ctx *ctx, const struct cmd_args *a,
                     const struct cmd_value *v, struct agent *ag)
{
	int64_t n;
	int i, status;

	switch (v->key) {
	case O_EMPLOYER:
		return set_text(&ag->employer, v->value);
	case O_START:
		return set_text(&ag->start_date, v->value);
	case O_END:
		return set_text(&ag->end_date, v->value);
	case O_SHARE:
		if ((status = set_int(a, v->key, v->value, &n)))
			return status;
		/* out of range: the store says so in its words */
		ag->funding_share = n < -1 ? -1 : n > 1000 ? 1000 : (int)n;
		return 0;
	case O_STATUS:
		if ((i = cmd_pick_agent_status(v->value)) < 0)
			return bad_choice(a, v->key, v->value,
			                  "planned, active, ended");
		ag->status = (enum agent_status)i;
		return 0;
	case O_REGION:
		return cmd_lookup_region(ctx, v->value, ag->region_code);
	case O_PERSON:
		return cmd_lookup_person(ctx, v->value, &ag->person_id);
	}
	return 0;
}

static void json_agent_fields(struct lape_ctx *ctx, struct output_json *j,
                              const struct agent *ag)
{
	output_json_kint(j, "id", ag->id);
	output_json_kstr(j, "uuid", ag->uuid);
	output_json_kint(j, "version", ag->version);
	output_json_kint(j, "person_id", ag->person_id);
	output_json_kstr(j, "name", ag->person_name);
	output_json_kstr(j, "region", ag->region_code);
	output_json_kstr(j, "region_name",
	                 app_region_name(ctx_names(ctx), ag->region_code));
	output_json_kstr(j, "employer", ag->employer);
	output_json_kstr(j, "start_date", ag->start_date);
	output_json_kstr(j, "end_date", ag->end_date);
	output_json_kint(j, "funding_share", ag->funding_share);
	output_json_kstr(j, "status", agent_status_key(ag->status));
}

/* ---- the record kinds --------------------------------------------------- */

enum kind { K_GROUP, K_PERSON, K_MEMBER, K_AGENT };

static enum kind entry_kind(const struct cmd_args *a)
{
	const char *n = a->entry->name;

	return strcmp(n, "group") == 0    ? K_GROUP
	       : strcmp(n, "person") == 0 ? K_PERSON
	       : strcmp(n, "member") == 0 ? K_MEMBER
	                                  : K_AGENT;
}

/* One record of any kind, as read or being written. */
struct record {
	enum kind kind;
	struct group g;
	struct person p;
	struct membership m;
	struct agent ag;
	char title[700]; /* a person's name, for messages */
};

static void record_clear(struct record *r)
{
	group_clear(&r->g);
	person_clear(&r->p);
	membership_clear(&r->m);
	agent_clear(&r->ag);
}

static int record_get(struct lape_ctx *ctx, struct record *r, int64_t id)
{
	switch (r->kind) {
	case K_GROUP:
		return group_get(ctx->db, id, &r->g);
	case K_PERSON:
		return person_get(ctx->db, id, &r->p);
	case K_MEMBER:
		return membership_get(ctx->db, id, &r->m);
	default:
		return agent_get(ctx->db, id, &r->ag);
	}
}

static int record_set(struct lape_ctx *ctx, const struct cmd_args *a,
                      const struct cmd_value *v, struct record *r, bool *reset)
{
	switch (r->kind) {
	case K_GROUP:
		return group_set(ctx, a, v, &r->g, reset);
	case K_PERSON:
		return person_set(a, v, &r->p);
	case K_MEMBER:
		return member_set(ctx, a, v, &r->m, reset);
	default:
		return agent_set(ctx, a, v, &r->ag);
	}
}

/* The options given, in order, into R.  0, or an exit status. */
static int record_apply(struct lape_ctx *ctx, const struct cmd_args *a,
                        struct record *r)
{
	bool reset = false; /* a list given replaces the one there was */
	int status = 0;

	for (size_t i = 0; i < a->n_values && !status; i++)
		status = record_set(ctx, a, &a->values[i], r, &reset);
	return status;
}

/* Save R: one transaction in the store, validated there. */
static int record_save(struct lape_ctx *ctx, struct record *r)
{
	switch (r->kind) {
	case K_GROUP:
		return group_save(ctx->db, &r->g);
	case K_PERSON:
		return person_save(ctx->db, &r->p);
	case K_MEMBER:
		return membership_save(ctx->db, &r->m);
	default:
		return agent_save(ctx->db, &r->ag);
	}
}

static int64_t *record_version(struct record *r)
{
	switch (r->kind) {
	case K_GROUP:
		return &r->g.version;
	case K_PERSON:
		return &r->p.version;
	case K_MEMBER:
		return &r->m.version;
	default:
		return &r->ag.version;
	}
}

static int64_t record_id(const struct record *r)
{
	switch (r->kind) {
	case K_GROUP:
		return r->g.id;
	case K_PERSON:
		return r->p.id;
	case K_MEMBER:
		return r->m.id;
	default:
		return r->ag.id;
	}
}

/* What the user calls the record: its name, or whose seat or agent it
 * is. */
static const char *record_title(struct record *r)
{
	const char *s;

	switch (r->kind) {
	case K_GROUP:
		s = r->g.name;
		break;
	case K_PERSON:
		/* "Given Surname", as person_display_name() */
		snprintf(r->title, sizeof(r->title), "%s%s%s",
		         r->p.given_names ? r->p.given_names : "",
		         r->p.given_names && *r->p.given_names ? " " : "",
		         r->p.surname ? r->p.surname : "");
		s = r->title;
		break;
	case K_MEMBER:
		s = r->m.person_id ? r->m.person_name : _("(vacant seat)");
		break;
	default:
		s = r->ag.person_name;
	}
	return s ? s : "";
}

/* What was written: a line, or with --format json the record as read
 * back from the file. */
static int record_report(struct lape_ctx *ctx, const struct cmd_args *a,
                         struct record *r, const char *done_fmt)
{
	struct record back = {.kind = r->kind};
	struct output_json j;
	int rc;

	rc = record_get(ctx, &back, record_id(r));
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	if (a->format != OUTPUT_JSON) {
		cmd_printf(done_fmt, (long long)record_id(&back),
		           record_title(&back));
		record_clear(&back);
		return EXIT_OK;
	}
	output_json_init(&j, stdout);
	output_json_object(&j);
	switch (back.kind) {
	case K_GROUP:
		cmd_json_group_fields(ctx, &j, &back.g);
		break;
	case K_PERSON:
		json_person_fields(&j, &back.p);
		break;
	case K_MEMBER:
		json_member_fields(&j, &back.m);
		break;
	default:
		json_agent_fields(ctx, &j, &back.ag);
	}
	output_json_end(&j, '}');
	record_clear(&back);
	return EXIT_OK;
}

/* Find the record WHICH names (ARGV[0], for a member also ARGV[1]). */
static int record_lookup(struct lape_ctx *ctx, const struct cmd_args *a,
                         enum kind kind, int64_t *id)
{
	switch (kind) {
	case K_GROUP:
		return cmd_lookup_group(ctx, a->argv[0], id);
	case K_PERSON:
		return cmd_lookup_person(ctx, a->argv[0], id);
	case K_MEMBER:
		return cmd_lookup_member(ctx, a->argv[0],
		                         a->argc > 1 ? a->argv[1] : NULL, id);
	default:
		return cmd_lookup_agent(ctx, a->argv[0], id);
	}
}

/* ---- add ---------------------------------------------------------------- */

static const char *const added_fmt[] = {
    N_("Added group %lld: %s\n"),
    N_("Added person %lld: %s\n"),
    N_("Added member %lld: %s\n"),
    N_("Added change agent %lld: %s\n"),
};

static int add_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct record r = {.kind = entry_kind(a)};
	int status = 0, rc;

	r.g.level = LEVEL_MUNICIPAL;
	r.ag.funding_share = 100;
	if (r.kind == K_MEMBER &&
	    (!(status = cmd_lookup_group(ctx, a->argv[0], &r.m.group_id))))
		status = cmd_lookup_person(ctx, a->argv[1], &r.m.person_id);
	if (r.kind == K_AGENT &&
	    !(status = cmd_lookup_region(ctx, a->argv[0], r.ag.region_code)))
		status = cmd_lookup_person(ctx, a->argv[1], &r.ag.person_id);
	if (!status)
		status = record_apply(ctx, a, &r);
	if (!status) {
		rc = record_save(ctx, &r);
		if (rc != LAPE_OK)
			status = cmd_store_error(
			    ctx, a, rc,
			    r.kind == K_AGENT && a->argc > 0 ? a->argv[0]
			                                     : NULL);
		else
			status =
			    record_report(ctx, a, &r, _(added_fmt[r.kind]));
	}
	record_clear(&r);
	return status;
}

static const struct cmd_option add_group_options[] = {
    {"level", O_LEVEL, N_("municipal|regional"),
     N_("a municipality's group or a region's"), CMD_OPT_REQUIRED},
    {"name", O_NAME, N_("NAME"), N_("the group's name"), CMD_OPT_REQUIRED},
    {"municipality", O_MUNICIPALITY, N_("MUNICIPALITY"),
     N_("a municipality it covers, by code or name (again for more)"),
     CMD_OPT_REPEAT},
    {"region", O_REGION, N_("REGION"),
     N_("the region of a regional group, by code or name"), 0},
    {"mandate-body", O_MANDATE_BODY, N_("BODY"),
     N_("the body that gave the mandate"), 0},
    {"mandate-date", O_MANDATE_DATE, N_("DATE"),
     N_("the date of the mandate (2016-10-01 or 1.10.2016)"), 0},
    {"existing-body", O_EXISTING, NULL,
     N_("an existing body acts as the group"), 0},
    {"start", O_START, N_("DATE"), N_("the date it starts work"), 0},
    {"notes", O_NOTES, N_("TEXT"), N_("notes"), 0},
    OPT_END,
};

static const struct cmd_option add_person_options[] = {
    {"surname", O_SURNAME, N_("SURNAME"), N_("the surname"), CMD_OPT_REQUIRED},
    {"given-names", O_GIVEN, N_("NAMES"), N_("the given names"),
     CMD_OPT_REQUIRED},
    {"organisation", O_ORGANISATION, N_("ORGANISATION"),
     N_("the organisation the person works for"), 0},
    {"email", O_EMAIL, N_("ADDRESS"), N_("the e-mail address"), 0},
    {"phone", O_PHONE, N_("NUMBER"), N_("the telephone number"), 0},
    {"gender", O_GENDER, N_("GENDER"),
     N_("woman, man or other, in any of the three languages (not stated "
        "by default)"),
     0},
    {"notes", O_NOTES, N_("TEXT"), N_("notes"), 0},
    OPT_END,
};

static const struct cmd_option add_member_options[] = {
    {"sector", O_SECTOR, N_("SECTOR"),
     N_("a sector the member represents, by key or name (again for more)"),
     CMD_OPT_REQUIRED | CMD_OPT_REPEAT},
    {"role", O_ROLE, N_("ROLE"), N_("chair, vice-chair, secretary or member"),
     0},
    {"organisation", O_ORGANISATION, N_("ORGANISATION"),
     N_("the organisation represented"), 0},
    {"deputy-of", O_DEPUTY, N_("PERSON"),
     N_("the member of the group this one deputises"), 0},
    {"start", O_START, N_("DATE"), N_("the date the term starts"), 0},
    {"end", O_END, N_("DATE"), N_("the date the term ends"), 0},
    {"name-withheld", O_WITHHELD, NULL,
     N_("show the seat, not the person's name, outside the member's own "
        "screen"),
     0},
    OPT_END,
};

static const struct cmd_option add_agent_options[] = {
    {"employer", O_EMPLOYER, N_("EMPLOYER"),
     N_("the municipality or joint authority employing the agent"), 0},
    {"start", O_START, N_("DATE"), N_("the date the work starts"), 0},
    {"end", O_END, N_("DATE"), N_("the date the work ends"), 0},
    {"funding-share", O_SHARE, N_("PERCENT"),
     N_("the percentage the ministry pays (100 by default)"), 0},
    {"status", O_STATUS, N_("STATUS"), N_("planned, active or ended"), 0},
    OPT_END,
};

#define WRITE_NEEDS (CMD_NEED_DB | CMD_NEED_FORMAT)

static const struct cmd_entry add_group_entry = {
    .name = "group",
    .summary = N_("Add a group"),
    .options = add_group_options,
    .needs = WRITE_NEEDS,
    .max_args = 0,
    .exec = add_exec,
};

static const struct cmd_entry add_person_entry = {
    .name = "person",
    .summary = N_("Add a person"),
    .options = add_person_options,
    .needs = WRITE_NEEDS,
    .max_args = 0,
    .exec = add_exec,
};

static const struct cmd_entry add_member_entry = {
    .name = "member",
    .usage = N_("GROUP PERSON"),
    .summary = N_("Give a person a seat in a group"),
    .options = add_member_options,
    .needs = WRITE_NEEDS | CMD_NEED_RULES,
    .min_args = 2,
    .max_args = 2,
    .missing = N_("which group and which person?"),
    .exec = add_exec,
};

static const struct cmd_entry add_agent_entry = {
    .name = "agent",
    .usage = N_("REGION PERSON"),
    .summary = N_("Make a person the change agent of a region"),
    .options = add_agent_options,
    .needs = WRITE_NEEDS,
    .min_args = 2,
    .max_args = 2,
    .missing = N_("which region and which person?"),
    .exec = add_exec,
};

static const struct cmd_entry *const add_subs[] = {
    &add_group_entry,
    &add_person_entry,
    &add_member_entry,
    &add_agent_entry,
    NULL,
};

const struct cmd_entry cmd_add_entry = {
    .name = "add",
    .summary = N_("Add a group, a person, a member or a change agent"),
    .subs = add_subs,
};

/* ---- edit --------------------------------------------------------------- */

/* Whether A sets anything but --if-version and --format. */
static bool sets_fields(const struct cmd_args *a)
{
	for (size_t i = 0; i < a->n_values; i++)
		if (a->values[i].key != O_IF_VERSION && a->values[i].key != 'f')
			return true;
	return false;
}

static const char *const edited_fmt[] = {
    N_("Changed group %lld: %s\n"),
    N_("Changed person %lld: %s\n"),
    N_("Changed member %lld: %s\n"),
    N_("Changed change agent %lld: %s\n"),
};

/* Read the record WHICH names into R, at the version --if-version gives
 * when it is given (the store then refuses to write over a newer one). */
static int write_start(struct lape_ctx *ctx, struct cmd_args *a,
                       struct record *r)
{
	const char *ver = cmd_arg(a, O_IF_VERSION);
	int64_t id, want;
	int status, rc;

	if ((status = record_lookup(ctx, a, r->kind, &id)))
		return status;
	rc = record_get(ctx, r, id);
	if (rc != LAPE_OK)
		return cmd_store_error(ctx, a, rc, a->argv[0]);
	if (!ver)
		return 0;
	if ((status = set_int(a, O_IF_VERSION, ver, &want)))
		return status;
	if (want != *record_version(r))
		return cmd_error(EXIT_REFUSED, a->argv[0],
		                 _("changed since version %lld (it is at %lld "
		                   "now); nothing was written"),
		                 (long long)want,
		                 (long long)*record_version(r));
	return 0;
}

static int edit_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct record r = {.kind = entry_kind(a)};
	char name[64];
	int status, rc;

	if (!sets_fields(a)) {
		cmd_error(EXIT_FAILURE_LAPE,
		          cmd_name(a, name, sizeof(name)) + 5, "%s",
		          _("nothing to change: give the fields as "
		            "options"));
		return cmd_usage(a);
	}
	status = write_start(ctx, a, &r);
	if (!status)
		status = record_apply(ctx, a, &r);
	if (!status) {
		rc = record_save(ctx, &r);
		status = rc == LAPE_OK
		             ? record_report(ctx, a, &r, _(edited_fmt[r.kind]))
		             : cmd_store_error(ctx, a, rc, a->argv[0]);
	}
	record_clear(&r);
	return status;
}

static const struct cmd_option edit_group_options[] = {
    {"name", O_NAME, N_("NAME"), N_("the group's name"), 0},
    {"level", O_LEVEL, N_("municipal|regional"),
     N_("a municipality's group or a region's"), 0},
    {"municipality", O_MUNICIPALITY, N_("MUNICIPALITY"),
     N_("the municipalities it covers, by code or name: the ones given "
        "replace the list"),
     CMD_OPT_REPEAT},
    {"region", O_REGION, N_("REGION"),
     N_("the region of a regional group, by code or name"), 0},
    {"mandate-body", O_MANDATE_BODY, N_("BODY"),
     N_("the body that gave the mandate"), 0},
    {"mandate-date", O_MANDATE_DATE, N_("DATE"), N_("the date of the mandate"),
     0},
    {"existing-body", O_EXISTING, NULL,
     N_("an existing body acts as the group"), 0},
    {"no-existing-body", O_NOT_EXISTING, NULL,
     N_("the group is not an existing body"), 0},
    {"start", O_START, N_("DATE"), N_("the date it starts work"), 0},
    {"end", O_END, N_("DATE"), N_("the date it ends"), 0},
    {"status", O_STATUS, N_("active|dissolved"), N_("active or dissolved"), 0},
    {"regional-group", O_REGIONAL_GROUP, N_("GROUP"),
     N_("the regional group it works with (\"\" to follow its region)"), 0},
    {"notes", O_NOTES, N_("TEXT"), N_("notes"), 0},
    OPT_IF_VERSION,
    OPT_END,
};

static const struct cmd_option edit_person_options[] = {
    {"surname", O_SURNAME, N_("SURNAME"), N_("the surname"), 0},
    {"given-names", O_GIVEN, N_("NAMES"), N_("the given names"), 0},
    {"organisation", O_ORGANISATION, N_("ORGANISATION"),
     N_("the organisation the person works for"), 0},
    {"email", O_EMAIL, N_("ADDRESS"), N_("the e-mail address"), 0},
    {"phone", O_PHONE, N_("NUMBER"), N_("the telephone number"), 0},
    {"gender", O_GENDER, N_("GENDER"),
     N_("woman, man or other; \"\" for not stated"), 0},
    {"notes", O_NOTES, N_("TEXT"), N_("notes"), 0},
    OPT_IF_VERSION,
    OPT_END,
};

static const struct cmd_option edit_member_options[] = {
    {"person", O_PERSON, N_("PERSON"), N_("who holds the seat"), 0},
    {"sector", O_SECTOR, N_("SECTOR"),
     N_("the sectors represented: the ones given replace the list"),
     CMD_OPT_REPEAT},
    {"role", O_ROLE, N_("ROLE"), N_("chair, vice-chair, secretary or member"),
     0},
    {"organisation", O_ORGANISATION, N_("ORGANISATION"),
     N_("the organisation represented"), 0},
    {"deputy-of", O_DEPUTY, N_("PERSON"),
     N_("the member of the group this one deputises (\"\" for none)"), 0},
    {"start", O_START, N_("DATE"), N_("the date the term starts"), 0},
    {"end", O_END, N_("DATE"), N_("the date the term ends"), 0},
    {"name-withheld", O_WITHHELD_SET, N_("yes|no"),
     N_("whether the person's name is withheld outside the member's own "
        "screen"),
     0},
    OPT_IF_VERSION,
    OPT_END,
};

static const struct cmd_option edit_agent_options[] = {
    {"person", O_PERSON, N_("PERSON"), N_("who the agent is"), 0},
    {"region", O_REGION, N_("REGION"), N_("the region, by code or name"), 0},
    {"employer", O_EMPLOYER, N_("EMPLOYER"),
     N_("the municipality or joint authority employing the agent"), 0},
    {"start", O_START, N_("DATE"), N_("the date the work starts"), 0},
    {"end", O_END, N_("DATE"), N_("the date the work ends"), 0},
    {"funding-share", O_SHARE, N_("PERCENT"),
     N_("the percentage the ministry pays"), 0},
    {"status", O_STATUS, N_("STATUS"), N_("planned, active or ended"), 0},
    OPT_IF_VERSION,
    OPT_END,
};

static const struct cmd_entry edit_group_entry = {
    .name = "group",
    .usage = N_("GROUP"),
    .summary = N_("Change a group's fields"),
    .options = edit_group_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which group?"),
    .exec = edit_exec,
};

static const struct cmd_entry edit_person_entry = {
    .name = "person",
    .usage = N_("PERSON"),
    .summary = N_("Change a person's fields"),
    .options = edit_person_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which person?"),
    .exec = edit_exec,
};

static const struct cmd_entry edit_member_entry = {
    .name = "member",
    .usage = N_("SEAT|GROUP PERSON"),
    .summary = N_("Change a member's seat"),
    .options = edit_member_options,
    .needs = WRITE_NEEDS | CMD_NEED_RULES,
    .min_args = 1,
    .max_args = 2,
    .missing = N_("which seat? its id, or the group and the person"),
    .exec = edit_exec,
};

static const struct cmd_entry edit_agent_entry = {
    .name = "agent",
    .usage = N_("AGENT|REGION|PERSON"),
    .summary = N_("Change a change agent's fields"),
    .options = edit_agent_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which change agent?"),
    .exec = edit_exec,
};

static const struct cmd_entry *const edit_subs[] = {
    &edit_group_entry,
    &edit_person_entry,
    &edit_member_entry,
    &edit_agent_entry,
    NULL,
};

const struct cmd_entry cmd_edit_entry = {
    .name = "edit",
    .summary = N_("Change a group, a person, a member or a change agent"),
    .subs = edit_subs,
};

/* ---- end ---------------------------------------------------------------- */

static int end_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct record r = {.kind = entry_kind(a)};
	const char *date = cmd_arg(a, O_DATE);
	char **end;
	int status, rc;

	status = write_start(ctx, a, &r);
	if (status)
		goto out;
	end = r.kind == K_MEMBER ? &r.m.end_date : &r.ag.end_date;
	if ((status = set_text(end, date ? date : ctx->today)))
		goto out;
	if (r.kind == K_AGENT)
		r.ag.status = AGENT_ENDED;
	rc = record_save(ctx, &r);
	status = rc == LAPE_OK
	             ? record_report(ctx, a, &r,
	                             r.kind == K_MEMBER
	                                 ? _("Ended the term of member %lld: "
	                                     "%s\n")
	                                 : _("Ended change agent %lld: %s\n"))
	             : cmd_store_error(ctx, a, rc, a->argv[0]);
out:
	record_clear(&r);
	return status;
}

static const struct cmd_option end_options[] = {
    {"date", O_DATE, N_("DATE"), N_("the last day (today by default)"), 0},
    OPT_IF_VERSION,
    OPT_END,
};

static const struct cmd_entry end_member_entry = {
    .name = "member",
    .usage = N_("SEAT|GROUP PERSON"),
    .summary = N_("End a member's term"),
    .options = end_options,
    .needs = WRITE_NEEDS | CMD_NEED_RULES,
    .min_args = 1,
    .max_args = 2,
    .missing = N_("which seat? its id, or the group and the person"),
    .exec = end_exec,
};

static const struct cmd_entry end_agent_entry = {
    .name = "agent",
    .usage = N_("AGENT|REGION|PERSON"),
    .summary = N_("End a change agent's work"),
    .options = end_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which change agent?"),
    .exec = end_exec,
};

static const struct cmd_entry *const end_subs[] = {
    &end_member_entry,
    &end_agent_entry,
    NULL,
};

const struct cmd_entry cmd_end_entry = {
    .name = "end",
    .summary = N_("End a member's term or a change agent's work"),
    .subs = end_subs,
};

/* ---- remove ------------------------------------------------------------- */

/* Ask on the terminal whether to remove TITLE; true for yes. */
static bool remove_ask(const char *what, const char *title)
{
	char line[64];

	cmd_errorf(_("Remove %s %s? [y/N] "), what, title);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	line[strcspn(line, "\n")] = '\0';
	/* "y", or the word for yes in the language in use ("k", "j"), in
	 * either case (the screens' yes key is a capital: K, J) */
	return strcasecmp(line, "y") == 0 || strcasecmp(line, _("y")) == 0 ||
	       strcasecmp(line, _("yes")) == 0 || strcasecmp(line, "yes") == 0;
}

static int record_delete(struct lape_ctx *ctx, const struct record *r)
{
	switch (r->kind) {
	case K_GROUP:
		return group_delete(ctx->db, r->g.id);
	case K_PERSON:
		return person_delete(ctx->db, r->p.id);
	case K_MEMBER:
		return membership_delete(ctx->db, r->m.id);
	default:
		return agent_delete(ctx->db, r->ag.id);
	}
}

static int remove_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	static const char *const what[] = {N_("group"), N_("person"),
	                                   N_("member"), N_("change agent")};
	struct record r = {.kind = entry_kind(a)};
	int status, rc;

	status = write_start(ctx, a, &r);
	if (status)
		goto out;
	/* A person still in a group or an agent: said before asking. */
	if (r.kind == K_PERSON &&
	    (rc = person_deletable(ctx->db, r.p.id)) != LAPE_OK) {
		status = cmd_store_error(ctx, a, rc, a->argv[0]);
		goto out;
	}
	if (!cmd_has(a, O_YES)) {
		if (!isatty(STDIN_FILENO)) {
			status =
			    cmd_error(EXIT_REFUSED, a->argv[0], "%s",
			              _("not removed: give --yes to remove "
			                "without a question"));
			goto out;
		}
		if (!remove_ask(_(what[r.kind]), record_title(&r))) {
			status = cmd_error(EXIT_REFUSED, a->argv[0], "%s",
			                   _("not removed"));
			goto out;
		}
	}
	rc = record_delete(ctx, &r);
	if (rc != LAPE_OK) {
		status = cmd_store_error(ctx, a, rc, a->argv[0]);
		goto out;
	}
	if (a->format == OUTPUT_JSON) {
		struct output_json j;

		output_json_init(&j, stdout);
		output_json_object(&j);
		output_json_kstr(&j, "removed", a->entry->name);
		output_json_kint(&j, "id", record_id(&r));
		output_json_end(&j, '}');
	} else {
		cmd_printf(_("Removed %s %lld: %s\n"), _(what[r.kind]),
		           (long long)record_id(&r), record_title(&r));
	}
out:
	record_clear(&r);
	return status;
}

static const struct cmd_option remove_options[] = {
    {"yes", O_YES, NULL, N_("remove without a question"), 0},
    OPT_IF_VERSION,
    OPT_END,
};

static const struct cmd_entry remove_group_entry = {
    .name = "group",
    .usage = N_("GROUP"),
    .summary = N_("Remove a group and its members' seats"),
    .options = remove_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which group?"),
    .exec = remove_exec,
};

static const struct cmd_entry remove_person_entry = {
    .name = "person",
    .usage = N_("PERSON"),
    .summary = N_("Remove a person who sits in no group"),
    .options = remove_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which person?"),
    .exec = remove_exec,
};

static const struct cmd_entry remove_member_entry = {
    .name = "member",
    .usage = N_("SEAT|GROUP PERSON"),
    .summary = N_("Remove a seat from a group"),
    .options = remove_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 2,
    .missing = N_("which seat? its id, or the group and the person"),
    .exec = remove_exec,
};

static const struct cmd_entry remove_agent_entry = {
    .name = "agent",
    .usage = N_("AGENT|REGION|PERSON"),
    .summary = N_("Remove a change agent"),
    .options = remove_options,
    .needs = WRITE_NEEDS,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("which change agent?"),
    .exec = remove_exec,
};

static const struct cmd_entry *const remove_subs[] = {
    &remove_group_entry,
    &remove_person_entry,
    &remove_member_entry,
    &remove_agent_entry,
    NULL,
};

const struct cmd_entry cmd_remove_entry = {
    .name = "remove",
    .summary = N_("Remove a group, a person, a member or a change agent"),
    .subs = remove_subs,
};
