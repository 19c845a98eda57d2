/* tui-edit.c -- the record forms the screens share: group, person,
 * membership (with a new person created in the same flow and the same
 * transaction) and change agent.  Each form turns its fields into a store
 * record, lets the store validate and save it, and handles "busy" and
 * "changed by someone else" the same way. */

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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "tui-priv.h"


static void setstr(char **dst, const char *v)
{
	free(*dst);
	*dst = v && *v ? strdup(v) : NULL;
}

static void setdate(char **dst, const char *iso)
{
	setstr(dst, iso);
}

static const char *showdate(const char *iso, char buf[11])
{
	date_show(iso, buf);
	return buf;
}

static int64_t key_id(const struct tui_field *fd)
{
	return fd && fd->key && *fd->key ? strtoll(fd->key, NULL, 10) : 0;
}

static void id_key(char buf[24], int64_t id)
{
	tui_fmt(buf, 24, "%lld", (long long)id);
}

/* ---- small fixed lists ------------------------------------------------- */

static int fill_fixed(struct tui_pick *p, const char *f,
                      const char *const *labels, size_t n)
{
	char key[24];

	for (size_t i = 0; i < n; i++) {
		if (!tui_match(_(labels[i]), f))
			continue;
		tui_fmt(key, sizeof key, "%zu", i);
		tui_pick_add(p, _(labels[i]), key);
	}
	return 0;
}

static const char *const level_labels[] = {N_("municipal"), N_("regional")};
static const char *const status_labels[] = {N_("active"), N_("dissolved")};
static const char *const yesno_labels[] = {N_("no"), N_("yes")};
/* In the order of enum person_gender. */
static const char *const gender_labels[] = {N_("not stated"), N_("woman"),
                                            N_("man"), N_("other")};

static int fill_level(struct tui *t, struct tui_pick *p, const char *f)
{
	(void)t;
	return fill_fixed(p, f, level_labels, 2);
}

static int fill_gender(struct tui *t, struct tui_pick *p, const char *f)
{
	(void)t;
	return fill_fixed(p, f, gender_labels, 4);
}

static int fill_status(struct tui *t, struct tui_pick *p, const char *f)
{
	(void)t;
	return fill_fixed(p, f, status_labels, 2);
}

static int fill_yesno(struct tui *t, struct tui_pick *p, const char *f)
{
	(void)t;
	return fill_fixed(p, f, yesno_labels, 2);
}

static int fill_agent_status(struct tui *t, struct tui_pick *p, const char *f)
{
	char key[24];

	(void)t;
	for (int s = AGENT_PLANNED; s <= AGENT_ENDED; s++) {
		if (!tui_match(agent_status_label(s), f))
			continue;
		tui_fmt(key, sizeof key, "%d", s);
		tui_pick_add(p, agent_status_label(s), key);
	}
	return 0;
}

static void set_fixed(struct tui_field *fd, const char *const *labels, int i)
{
	char key[24];

	tui_fmt(key, sizeof key, "%d", i);
	tui_field_set(fd, _(labels[i]), key);
}

/* ---- saving: busy, invalid, changed by someone else --------------------- */

struct save_ops {
	/* Write the record: a store status. */
	int (*write)(void *arg);
	/* Fill TMP (the form's fields, empty) from the saved record and give
	 * its version: LAPE_OK or LAPE_NOTFOUND. */
	int (*theirs)(struct tui *t, struct tui_form *tmp, void *arg,
	              int64_t *version);
	void (*set_version)(void *arg, int64_t version);
	const char *table; /* as the journal names it */
	int64_t (*id)(void *arg);
};

/* "Saved by anna on 2017-03-02 14:05." for the last change of record ID
 * of TABLE, from the journal; "" when it does not know. */
static void save_who(struct tui *t, const char *table, int64_t id, char *buf,
                     size_t len)
{
	char pk[24], uuid[37], when[20];
	char *user = NULL, *at = NULL;
	int64_t entry = 0;

	buf[0] = '\0';
	tui_fmt(pk, sizeof pk, "%lld", (long long)id);
	if (journal_last_writer(t->db, table, pk, -1, 0, uuid, &user, &at,
	                        &entry) == LAPE_OK &&
	    uuid[0] && user) {
		journal_time_show(at, when);
		tui_fmt(buf, len, _("%s saved it on %s."), user, when);
	}
	free(user);
	free(at);
}

static int save_record(struct tui *t, struct tui_form *f,
                       const struct save_ops *ops, void *arg)
{
	for (;;) {
		int rc = tui_retry(t, ops->write, arg);
		if (rc == LAPE_OK) {
			tui_changed(t);
			return SAVE_OK;
		}
		if (rc == LAPE_INVALID) {
			tui_form_error(t, f, db_errfield(t->db),
			               db_errmsg(t->db));
			return SAVE_AGAIN;
		}
		if (rc != LAPE_CONFLICT) {
			if (rc != LAPE_BUSY)
				tui_report(t, rc);
			return SAVE_AGAIN;
		}
		/* someone else saved it since the form opened */
		struct tui_field *tmp = calloc(f->n, sizeof *tmp);
		char **theirs = calloc(f->n, sizeof *theirs);
		struct tui_form tf = *f;
		int64_t version = 0;
		int choice = 0;

		if (!tmp || !theirs) {
			free(tmp);
			free(theirs);
			tui_report(t, LAPE_ERROR);
			return SAVE_AGAIN;
		}
		for (size_t i = 0; i < f->n; i++) {
			tmp[i] = f->fields[i];
			tmp[i].value = tmp[i].key = NULL;
		}
		tf.fields = tmp;
		rc = ops->theirs(t, &tf, arg, &version);
		if (rc == LAPE_OK) {
			for (size_t i = 0; i < f->n; i++)
				theirs[i] = tmp[i].value;
			char who[256];
			save_who(t, ops->table, ops->id(arg), who, sizeof who);
			choice = tui_conflict(t, f, theirs, who);
		} else if (rc == LAPE_NOTFOUND) {
			tui_msg(t, MSG_ERROR,
			        _("Someone else deleted this record; nothing "
			          "was saved."));
		} else {
			tui_report(t, rc);
		}
		tui_form_free(&tf);
		free(tmp);
		free(theirs);
		tui_changed(t); /* the screens below show the record anew */
		if (choice == 'd')
			return SAVE_DISCARD;
		if (choice != 'o')
			return SAVE_AGAIN;
		ops->set_version(arg, version);
	}
}

/* Validation by the store, before the write: the message beside the
 * field. */
static int validated(struct tui *t, struct tui_form *f, int rc,
                     const char *field, const char *msg)
{
	if (rc == LAPE_OK)
		return 1;
	tui_form_error(t, f, field && *field ? field : NULL,
	               msg ? msg : db_errmsg(t->db));
	return 0;
}

/* ---- groups ------------------------------------------------------------ */

struct group_edit {
	struct lape_db *db;
	struct group g;
};

static const struct tui_field group_tmpl[] = {
    {.name = "name",
     .label = N_("Name"),
     .kind = TF_TEXT,
     .width = 34,
     .required = true},
    {.name = "level",
     .label = N_("Level"),
     .kind = TF_PICK,
     .width = 14,
     .required = true,
     .fill = fill_level},
    {.name = "region",
     .label = N_("Region (regional group)"),
     .kind = TF_PICK,
     .width = 26,
     .fill = tui_pick_fill_region},
    {.name = "municipalities",
     .label = N_("Municipalities"),
     .kind = TF_MULTI,
     .width = 34,
     .fill = tui_pick_fill_municipality},
    {.name = "mandate_body",
     .label = N_("Mandate given by"),
     .kind = TF_TEXT,
     .width = 30},
    {.name = "mandate_date",
     .label = N_("Mandate date"),
     .kind = TF_DATE,
     .width = 12},
    {.name = "existing_body",
     .label = N_("Existing body"),
     .kind = TF_PICK,
     .width = 6,
     .fill = fill_yesno},
    {.name = "start_date",
     .label = N_("Start date"),
     .kind = TF_DATE,
     .width = 12},
    {.name = "end_date", .label = N_("End date"), .kind = TF_DATE, .width = 12},
    {.name = "status",
     .label = N_("Status"),
     .kind = TF_PICK,
     .width = 12,
     .required = true,
     .fill = fill_status},
    {.name = "regional_group",
     .label = N_("Regional group"),
     .kind = TF_PICK,
     .width = 30,
     .fill = tui_pick_fill_regional_group},
    {.name = "notes", .label = N_("Notes"), .kind = TF_TEXT, .width = 34},
};

static void group_to_form(struct tui *t, struct tui_form *f,
                          const struct group *g)
{
	char d[11], key[24];
	char *codes = NULL, *labels = NULL;
	size_t clen = 1, llen = 1;

	tui_field_set(tui_form_field(f, "name"), g->name, NULL);
	set_fixed(tui_form_field(f, "level"), level_labels, g->level);
	if (g->level == LEVEL_REGIONAL && g->region_code[0])
		tui_field_set(tui_form_field(f, "region"),
		              tui_region_name(t, g->region_code),
		              g->region_code);
	else
		tui_field_set(tui_form_field(f, "region"), "", NULL);
	for (size_t i = 0; i < g->n_municipalities; i++) {
		struct municipality m = {0};
		char *l = NULL;
		if (municipality_get(t->db, g->municipalities[i], &m) == 0)
			l = tui_municipality_label(&m);
		const char *lab = l ? l : g->municipalities[i];
		char *nc =
		    realloc(codes, clen + strlen(g->municipalities[i]) + 1);
		char *nl = realloc(labels, llen + strlen(lab) + 2);
		if (nc) {
			if (!codes)
				nc[0] = '\0';
			codes = nc;
			if (*codes)
				strcat(codes, ",");
			strcat(codes, g->municipalities[i]);
			clen += strlen(g->municipalities[i]) + 1;
		}
		if (nl) {
			if (!labels)
				nl[0] = '\0';
			labels = nl;
			if (*labels)
				strcat(labels, ", ");
			strcat(labels, lab);
			llen += strlen(lab) + 2;
		}
		free(l);
		municipality_clear(&m);
	}
	tui_field_set(tui_form_field(f, "municipalities"), labels ? labels : "",
	              codes);
	free(codes);
	free(labels);
	tui_field_set(tui_form_field(f, "mandate_body"), g->mandate_body, NULL);
	tui_field_set(tui_form_field(f, "mandate_date"),
	              showdate(g->mandate_date, d), NULL);
	set_fixed(tui_form_field(f, "existing_body"), yesno_labels,
	          g->existing_body ? 1 : 0);
	tui_field_set(tui_form_field(f, "start_date"),
	              showdate(g->start_date, d), NULL);
	tui_field_set(tui_form_field(f, "end_date"), showdate(g->end_date, d),
	              NULL);
	set_fixed(tui_form_field(f, "status"), status_labels,
	          g->status == STATUS_DISSOLVED ? 1 : 0);
	if (g->regional_group_id) {
		struct group rg = {0};
		id_key(key, g->regional_group_id);
		if (group_get(t->db, g->regional_group_id, &rg) == 0)
			tui_field_set(tui_form_field(f, "regional_group"),
			              rg.name, key);
		else
			tui_field_set(tui_form_field(f, "regional_group"), key,
			              key);
		group_clear(&rg);
	} else {
		tui_field_set(tui_form_field(f, "regional_group"), "", NULL);
	}
	tui_field_set(tui_form_field(f, "notes"), g->notes, NULL);
}

/* Build the record from the form into G (which holds the record as read,
 * or a new one).  False when a date is malformed. */
static bool group_from_form(struct tui *t, struct tui_form *f, struct group *g)
{
	char mandate[11], start[11], end[11];
	struct tui_field *fd;
	bool ok = true;

	ok &= tui_form_date(t, f, "mandate_date", mandate);
	ok &= tui_form_date(t, f, "start_date", start);
	ok &= tui_form_date(t, f, "end_date", end);
	if (!ok)
		return false;
	setstr(&g->name, tui_form_text(f, "name"));
	g->level = key_id(tui_form_field(f, "level")) == 1 ? LEVEL_REGIONAL
	                                                   : LEVEL_MUNICIPAL;
	fd = tui_form_field(f, "region");
	if (g->level == LEVEL_REGIONAL)
		tui_fmt(g->region_code, sizeof g->region_code, "%s",
		        fd->key ? fd->key : "");
	for (size_t i = 0; i < g->n_municipalities; i++)
		free(g->municipalities[i]);
	free(g->municipalities);
	g->municipalities = NULL;
	g->n_municipalities = 0;
	fd = tui_form_field(f, "municipalities");
	if (g->level == LEVEL_MUNICIPAL && fd->key) {
		char *keys = strdup(fd->key), *save = NULL;
		for (char *k = keys ? strtok_r(keys, ",", &save) : NULL; k;
		     k = strtok_r(NULL, ",", &save))
			group_add_municipality(g, k);
		free(keys);
	}
	setstr(&g->mandate_body, tui_form_text(f, "mandate_body"));
	setdate(&g->mandate_date, mandate);
	g->existing_body = key_id(tui_form_field(f, "existing_body")) == 1;
	setdate(&g->start_date, start);
	setdate(&g->end_date, end);
	g->status = key_id(tui_form_field(f, "status")) == 1 ? STATUS_DISSOLVED
	                                                     : STATUS_ACTIVE;
	g->regional_group_id = key_id(tui_form_field(f, "regional_group"));
	setstr(&g->notes, tui_form_text(f, "notes"));
	return true;
}

static int group_write(void *arg)
{
	struct group_edit *e = arg;

	return group_save(e->db, &e->g);
}

static int group_theirs(struct tui *t, struct tui_form *tmp, void *arg,
                        int64_t *version)
{
	struct group_edit *e = arg;
	struct group th = {0};
	int rc = group_get(t->db, e->g.id, &th);

	if (rc == LAPE_OK) {
		group_to_form(t, tmp, &th);
		*version = th.version;
	}
	group_clear(&th);
	return rc;
}

static void group_set_version(void *arg, int64_t v)
{
	((struct group_edit *)arg)->g.version = v;
}

static int64_t group_id(void *arg)
{
	return ((struct group_edit *)arg)->g.id;
}

static const struct save_ops group_save_ops = {
    group_write, group_theirs, group_set_version, "lape_group", group_id};

static int group_form_save(struct tui *t, struct tui_form *f)
{
	struct group_edit *e = f->ctx;
	const char *field, *msg;

	if (!group_from_form(t, f, &e->g))
		return SAVE_AGAIN;
	if (e->g.level == LEVEL_REGIONAL && !e->g.region_code[0]) {
		tui_form_error(t, f, "region",
		               _("a regional group needs its region"));
		return SAVE_AGAIN;
	}
	if (e->g.level == LEVEL_MUNICIPAL && e->g.n_municipalities == 0) {
		tui_form_error(t, f, "municipalities",
		               _("choose at least one municipality"));
		return SAVE_AGAIN;
	}
	/* the validator first: it sets FIELD and MSG */
	int rc = group_validate(&e->g, &field, &msg);
	if (!validated(t, f, rc, field, msg))
		return SAVE_AGAIN;
	return save_record(t, f, &group_save_ops, e);
}

int tui_edit_group(struct tui *t, int64_t id, const char *region,
                   int64_t *new_id)
{
	struct tui_field fields[ARRAY_LEN(group_tmpl)];
	struct group_edit e = {.db = t->db};
	struct tui_form f = {0};
	int rc;

	memcpy(fields, group_tmpl, sizeof fields);
	if (id) {
		rc = group_get(t->db, id, &e.g);
		if (rc < 0) {
			tui_report(t, rc);
			return FORM_CANCEL;
		}
	} else {
		e.g.level = LEVEL_MUNICIPAL;
		e.g.status = STATUS_ACTIVE;
		if (region)
			tui_fmt(e.g.region_code, sizeof e.g.region_code, "%s",
			        region);
	}
	f.title = id ? _("Edit group") : _("New group");
	f.record = "group";
	f.fields = fields;
	f.n = ARRAY_LEN(fields);
	f.save = group_form_save;
	f.ctx = &e;
	group_to_form(t, &f, &e.g);
	if (!id && region) /* a new group in a region: offer the region */
		tui_field_set(tui_form_field(&f, "region"),
		              tui_region_name(t, region), region);
	rc = tui_form_run(t, &f);
	if (rc == FORM_SAVED && new_id)
		*new_id = e.g.id;
	tui_form_free(&f);
	group_clear(&e.g);
	return rc;
}

void tui_new_group(struct tui *t, const char *region)
{
	int64_t id = 0;

	if (tui_edit_group(t, 0, region, &id) != FORM_SAVED)
		return;
	tui_msg(t, MSG_INFO, "%s",
	        _("Group saved. Press n to add its members."));
	if (id)
		tui_push(t, &screen_group, &id);
}

/* ---- people ------------------------------------------------------------ */

static const struct tui_field person_tmpl[] = {
    {.name = "surname",
     .label = N_("Surname"),
     .kind = TF_TEXT,
     .width = 34,
     .required = true},
    {.name = "given_names",
     .label = N_("Given names"),
     .kind = TF_TEXT,
     .width = 34},
    {.name = "gender",
     .label = N_("Gender"),
     .kind = TF_PICK,
     .width = 12,
     .fill = fill_gender},
    {.name = "organisation",
     .label = N_("Organisation"),
     .kind = TF_TEXT,
     .width = 34},
    {.name = "email", .label = N_("E-mail"), .kind = TF_EMAIL, .width = 34},
    {.name = "phone", .label = N_("Phone"), .kind = TF_TEXT, .width = 20},
    {.name = "notes", .label = N_("Notes"), .kind = TF_TEXT, .width = 34},
};

struct person_edit {
	struct lape_db *db;
	struct person p;
	bool deferred; /* only collect; the caller saves */
};

static void person_to_form(struct tui_form *f, const struct person *p)
{
	tui_field_set(tui_form_field(f, "surname"), p->surname, NULL);
	tui_field_set(tui_form_field(f, "given_names"), p->given_names, NULL);
	set_fixed(tui_form_field(f, "gender"), gender_labels, (int)p->gender);
	tui_field_set(tui_form_field(f, "organisation"), p->organisation, NULL);
	tui_field_set(tui_form_field(f, "email"), p->email, NULL);
	tui_field_set(tui_form_field(f, "phone"), p->phone, NULL);
	tui_field_set(tui_form_field(f, "notes"), p->notes, NULL);
}

static void person_from_form(struct tui_form *f, struct person *p)
{
	int64_t g = key_id(tui_form_field(f, "gender"));

	setstr(&p->surname, tui_form_text(f, "surname"));
	setstr(&p->given_names, tui_form_text(f, "given_names"));
	p->gender = g >= GENDER_UNSTATED && g <= GENDER_OTHER
	                ? (enum person_gender)g
	                : GENDER_UNSTATED;
	setstr(&p->organisation, tui_form_text(f, "organisation"));
	setstr(&p->email, tui_form_text(f, "email"));
	setstr(&p->phone, tui_form_text(f, "phone"));
	setstr(&p->notes, tui_form_text(f, "notes"));
}

static int person_write(void *arg)
{
	struct person_edit *e = arg;

	return person_save(e->db, &e->p);
}

static int person_theirs(struct tui *t, struct tui_form *tmp, void *arg,
                         int64_t *version)
{
	struct person_edit *e = arg;
	struct person th = {0};
	int rc = person_get(t->db, e->p.id, &th);

	if (rc == LAPE_OK) {
		person_to_form(tmp, &th);
		*version = th.version;
	}
	person_clear(&th);
	return rc;
}

static void person_set_version(void *arg, int64_t v)
{
	((struct person_edit *)arg)->p.version = v;
}

static int64_t person_id(void *arg)
{
	return ((struct person_edit *)arg)->p.id;
}

static const struct save_ops person_save_ops = {
    person_write, person_theirs, person_set_version, "person", person_id};

static int person_form_save(struct tui *t, struct tui_form *f)
{
	struct person_edit *e = f->ctx;
	const char *field, *msg;

	person_from_form(f, &e->p);
	/* the validator first: it sets FIELD and MSG */
	int rc = person_validate(&e->p, &field, &msg);
	if (!validated(t, f, rc, field, msg))
		return SAVE_AGAIN;
	if (e->deferred)
		return SAVE_OK;
	return save_record(t, f, &person_save_ops, e);
}

static int person_form(struct tui *t, struct person_edit *e, const char *title)
{
	struct tui_field fields[ARRAY_LEN(person_tmpl)];
	struct tui_form f = {0};
	int rc;

	memcpy(fields, person_tmpl, sizeof fields);
	f.title = title;
	f.record = "person";
	f.fields = fields;
	f.n = ARRAY_LEN(fields);
	f.save = person_form_save;
	f.ctx = e;
	person_to_form(&f, &e->p);
	rc = tui_form_run(t, &f);
	tui_form_free(&f);
	return rc;
}

int tui_edit_person(struct tui *t, int64_t id, int64_t *new_id)
{
	struct person_edit e = {.db = t->db};
	int rc;

	if (id) {
		rc = person_get(t->db, id, &e.p);
		if (rc < 0) {
			tui_report(t, rc);
			return FORM_CANCEL;
		}
	}
	rc = person_form(t, &e, id ? _("Edit person") : _("New person"));
	if (rc == FORM_SAVED && new_id)
		*new_id = e.p.id;
	person_clear(&e.p);
	return rc;
}

/* A new person typed in a membership or agent form: collected here and
 * saved with that record, in the same transaction. */
struct new_person {
	bool pending;
	struct person p;
};

static bool new_person_flow(struct tui *t, struct tui_field *fd,
                            struct new_person *np, const char *typed)
{
	struct person_edit e = {.db = t->db, .deferred = true};
	int rc;

	bool clear;

	if (np->pending)
		person_copy(&e.p, &np->p);
	else if (typed && *typed)
		schema_name_split(typed, &e.p.surname, &e.p.given_names,
		                  &clear);
	rc = person_form(t, &e, _("New person (saved with this form)"));
	if (rc == FORM_SAVED) {
		char *label = NULL, *name;
		person_clear(&np->p);
		np->p = e.p;
		np->pending = true;
		name = person_display_name(&np->p);
		if (name && asprintf(&label, _("%s (new)"), name) < 0)
			label = NULL;
		tui_field_set(fd, label ? label : name ? name : "?", "new");
		free(label);
		free(name);
		return true;
	}
	person_clear(&e.p);
	return false;
}

/* Save the pending new person, then run WRITE(ARG) with *PERSON_ID set,
 * all in one transaction. */
static int with_new_person(struct lape_db *db, struct new_person *np,
                           int64_t *person_id, int (*write)(void *), void *arg)
{
	int rc;

	if (!np->pending)
		return write(arg);
	rc = db_begin(db);
	if (rc < 0)
		return rc;
	np->p.id = 0;
	np->p.version = 0;
	np->p.uuid[0] = '\0';
	rc = person_save(db, &np->p);
	if (rc < 0) {
		char msg[sizeof db->errmsg];
		tui_fmt(msg, sizeof msg, "%s", db_errmsg(db));
		db_fail(db, rc, "person", "%s", msg);
		goto fail;
	}
	*person_id = np->p.id;
	rc = write(arg);
	if (rc < 0)
		goto fail;
	rc = db_commit(db);
	if (rc < 0)
		goto fail;
	np->pending = false;
	return LAPE_OK;
fail:
	db_rollback(db);
	np->p.id = 0;
	*person_id = 0;
	return rc;
}

/* ---- memberships ------------------------------------------------------- */

struct member_edit {
	struct lape_db *db;
	struct membership m;
	int level; /* of the group: which sectors come first */
	struct new_person np;
};

static bool member_on_new(struct tui *t, struct tui_form *f,
                          struct tui_field *fd, const char *typed)
{
	struct member_edit *e = f->ctx;

	return new_person_flow(t, fd, &e->np, typed);
}

/* A person chosen for a membership: its organisation is the person's
 * unless one was typed already. */
static void member_person_picked(struct tui *t, struct tui_form *f,
                                 struct tui_field *fd)
{
	struct member_edit *e = f->ctx;
	struct tui_field *org = tui_form_field(f, "organisation");
	struct person p = {0};

	if (!org || (org->value && *org->value) || !fd->key)
		return;
	if (strcmp(fd->key, "new") == 0) {
		if (e->np.pending && e->np.p.organisation)
			tui_field_set(org, e->np.p.organisation, NULL);
		return;
	}
	if (person_get(t->db, key_id(fd), &p) == LAPE_OK && p.organisation)
		tui_field_set(org, p.organisation, NULL);
	person_clear(&p);
}

static int fill_deputy(struct tui *t, struct tui_pick *p, const char *f)
{
	const struct membership *self = p->ctx;
	struct membership *m = NULL;
	size_t n = 0;
	char key[24];
	int rc = membership_list_group(t->db, self->group_id, &m, &n);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (m[i].id == self->id || !m[i].person_name)
			continue;
		if (!tui_match(m[i].person_name, f))
			continue;
		id_key(key, m[i].id);
		tui_pick_add(p, m[i].person_name, key);
	}
	membership_free_array(m, n);
	return 0;
}

static const struct tui_field member_tmpl[] = {
    {.name = "person",
     .label = N_("Person"),
     .kind = TF_PICK,
     .width = 30,
     .fill = tui_pick_fill_person,
     .new_label = N_("+ New person..."),
     .on_new = member_on_new,
     .picked = member_person_picked},
    {.name = "sectors",
     .label = N_("Sectors"),
     .kind = TF_MULTI,
     .width = 34,
     .required = true,
     .fill = tui_pick_fill_sector},
    {.name = "role",
     .label = N_("Role"),
     .kind = TF_PICK,
     .width = 16,
     .required = true,
     .fill = tui_pick_fill_role},
    {.name = "deputy_of",
     .label = N_("Deputy of"),
     .kind = TF_PICK,
     .width = 30,
     .fill = fill_deputy},
    {.name = "organisation",
     .label = N_("Organisation"),
     .kind = TF_TEXT,
     .width = 34},
    {.name = "start_date",
     .label = N_("Term starts"),
     .kind = TF_DATE,
     .width = 12},
    {.name = "end_date",
     .label = N_("Term ends"),
     .kind = TF_DATE,
     .width = 12},
};

static void member_to_form(struct tui *t, struct tui_form *f,
                           const struct membership *m)
{
	char d[11], key[24], buf[512];
	size_t klen = 1;
	char *keys;

	if (m->person_id) {
		id_key(key, m->person_id);
		tui_field_set(tui_form_field(f, "person"), m->person_name, key);
	} else {
		tui_field_set(tui_form_field(f, "person"), "", NULL);
	}
	for (size_t i = 0; i < m->n_sectors; i++)
		klen += strlen(m->sectors[i]) + 1;
	keys = calloc(klen, 1);
	for (size_t i = 0; keys && i < m->n_sectors; i++) {
		if (i)
			strcat(keys, ",");
		strcat(keys, m->sectors[i]);
	}
	tui_sectors(t, m->sectors, m->n_sectors, buf, sizeof buf);
	tui_field_set(tui_form_field(f, "sectors"), buf,
	              keys && *keys ? keys : NULL);
	free(keys);
	tui_fmt(key, sizeof key, "%d", (int)m->role);
	tui_field_set(tui_form_field(f, "role"), role_label(m->role), key);
	if (m->deputy_of) {
		struct membership dm = {0};
		id_key(key, m->deputy_of);
		if (membership_get(t->db, m->deputy_of, &dm) == 0)
			tui_field_set(tui_form_field(f, "deputy_of"),
			              dm.person_name ? dm.person_name : key,
			              key);
		membership_clear(&dm);
	} else {
		tui_field_set(tui_form_field(f, "deputy_of"), "", NULL);
	}
	tui_field_set(tui_form_field(f, "organisation"), m->organisation, NULL);
	tui_field_set(tui_form_field(f, "start_date"),
	              showdate(m->start_date, d), NULL);
	tui_field_set(tui_form_field(f, "end_date"), showdate(m->end_date, d),
	              NULL);
}

static bool member_from_form(struct tui *t, struct tui_form *f,
                             struct member_edit *e)
{
	struct membership *m = &e->m;
	char start[11], end[11];
	struct tui_field *fd;
	bool ok = true;

	ok &= tui_form_date(t, f, "start_date", start);
	ok &= tui_form_date(t, f, "end_date", end);
	if (!ok)
		return false;
	fd = tui_form_field(f, "person");
	m->person_id = fd->key && strcmp(fd->key, "new") != 0 ? key_id(fd) : 0;
	if (!(fd->key && strcmp(fd->key, "new") == 0))
		e->np.pending = false;
	for (size_t i = 0; i < m->n_sectors; i++)
		free(m->sectors[i]);
	m->n_sectors = 0;
	fd = tui_form_field(f, "sectors");
	if (fd->key) {
		char *keys = strdup(fd->key), *save = NULL;
		for (char *k = keys ? strtok_r(keys, ",", &save) : NULL; k;
		     k = strtok_r(NULL, ",", &save))
			membership_add_sector(m, k);
		free(keys);
	}
	m->role = (enum member_role)key_id(tui_form_field(f, "role"));
	m->deputy_of = key_id(tui_form_field(f, "deputy_of"));
	setstr(&m->organisation, tui_form_text(f, "organisation"));
	setdate(&m->start_date, start);
	setdate(&m->end_date, end);
	return true;
}

static int member_write1(void *arg)
{
	struct member_edit *e = arg;

	return membership_save(e->db, &e->m);
}

static int member_write(void *arg)
{
	struct member_edit *e = arg;

	return with_new_person(e->db, &e->np, &e->m.person_id, member_write1,
	                       e);
}

static int member_theirs(struct tui *t, struct tui_form *tmp, void *arg,
                         int64_t *version)
{
	struct member_edit *e = arg;
	struct membership th = {0};
	int rc = membership_get(t->db, e->m.id, &th);

	if (rc == LAPE_OK) {
		member_to_form(t, tmp, &th);
		*version = th.version;
	}
	membership_clear(&th);
	return rc;
}

static void member_set_version(void *arg, int64_t v)
{
	((struct member_edit *)arg)->m.version = v;
}

static int64_t member_id(void *arg)
{
	return ((struct member_edit *)arg)->m.id;
}

static const struct save_ops member_save_ops = {
    member_write, member_theirs, member_set_version, "membership", member_id};

static int member_form_save(struct tui *t, struct tui_form *f)
{
	struct member_edit *e = f->ctx;
	const char *field, *msg;
	int64_t pid;

	if (!member_from_form(t, f, e))
		return SAVE_AGAIN;
	pid = e->m.person_id;
	if (e->np.pending)
		e->m.person_id = 1; /* saved with it: any valid id to check */
	int rc = membership_validate(&e->m, &field, &msg);
	e->m.person_id = pid;
	if (!validated(t, f, rc, field, msg))
		return SAVE_AGAIN;
	return save_record(t, f, &member_save_ops, e);
}

int tui_edit_membership(struct tui *t, int64_t group_id, int64_t id)
{
	struct tui_field fields[ARRAY_LEN(member_tmpl)];
	struct member_edit e = {.db = t->db};
	struct tui_form f = {0};
	struct group g = {0};
	int rc;

	memcpy(fields, member_tmpl, sizeof fields);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if (fields[i].new_label)
			fields[i].new_label = _(fields[i].new_label);
	if (id) {
		rc = membership_get(t->db, id, &e.m);
		if (rc < 0) {
			tui_report(t, rc);
			return FORM_CANCEL;
		}
		group_id = e.m.group_id;
	} else {
		e.m.group_id = group_id;
		e.m.role = ROLE_MEMBER;
	}
	rc = group_get(t->db, group_id, &g);
	if (rc < 0) {
		tui_report(t, rc);
		membership_clear(&e.m);
		return FORM_CANCEL;
	}
	e.level = g.level;
	tui_form_field(
	    &(struct tui_form){.fields = fields, .n = ARRAY_LEN(fields)},
	    "sectors")
	    ->pick_ctx = &e.level;
	tui_form_field(
	    &(struct tui_form){.fields = fields, .n = ARRAY_LEN(fields)},
	    "deputy_of")
	    ->pick_ctx = &e.m;
	char title[1536];
	tui_fmt(title, sizeof title,
	        id ? _("Edit membership in %s") : _("New member of %s"),
	        g.name);
	group_clear(&g);
	f.title = title;
	f.record = "membership";
	f.fields = fields;
	f.n = ARRAY_LEN(fields);
	f.save = member_form_save;
	f.ctx = &e;
	member_to_form(t, &f, &e.m);
	rc = tui_form_run(t, &f);
	tui_form_free(&f);
	membership_clear(&e.m);
	person_clear(&e.np.p);
	return rc;
}

struct end_edit {
	struct lape_db *db;
	struct membership m;
};

static int end_write(void *arg)
{
	struct end_edit *e = arg;

	return membership_save(e->db, &e->m);
}

int tui_end_membership(struct tui *t, int64_t id)
{
	struct end_edit e = {.db = t->db};
	char d[11], iso[11];
	char *s;
	int rc;

	rc = membership_get(t->db, id, &e.m);
	if (rc < 0) {
		tui_report(t, rc);
		return FORM_CANCEL;
	}
	s = tui_prompt(t, _("Term ends on:"), showdate(t->today, d), NULL,
	               NULL);
	if (!s) {
		membership_clear(&e.m);
		return FORM_CANCEL;
	}
	if (date_parse(s, iso) != 0) {
		tui_msg(t, MSG_ERROR,
		        _("not a date: write 2016-10-01 or 1.10.2016"));
		free(s);
		membership_clear(&e.m);
		return FORM_CANCEL;
	}
	free(s);
	setdate(&e.m.end_date, iso);
	rc = tui_retry(t, end_write, &e);
	if (rc == LAPE_OK) {
		tui_changed(t);
		tui_msg(t, MSG_INFO, _("Membership ends on %s."),
		        showdate(iso, d));
	} else if (rc != LAPE_BUSY) {
		if (rc == LAPE_INVALID)
			tui_msg(t, MSG_ERROR, "%s", db_errmsg(t->db));
		else
			tui_report(t, rc);
	}
	membership_clear(&e.m);
	return rc == LAPE_OK ? FORM_SAVED : FORM_CANCEL;
}

/* ---- change agents ----------------------------------------------------- */

struct agent_edit {
	struct lape_db *db;
	struct agent a;
	struct new_person np;
};

static bool agent_on_new(struct tui *t, struct tui_form *f,
                         struct tui_field *fd, const char *typed)
{
	struct agent_edit *e = f->ctx;

	return new_person_flow(t, fd, &e->np, typed);
}

static const struct tui_field agent_tmpl[] = {
    {.name = "region",
     .label = N_("Region"),
     .kind = TF_PICK,
     .width = 26,
     .required = true,
     .fill = tui_pick_fill_region},
    {.name = "person",
     .label = N_("Change agent"),
     .kind = TF_PICK,
     .width = 30,
     .required = true,
     .fill = tui_pick_fill_person,
     .new_label = N_("+ New person..."),
     .on_new = agent_on_new},
    {.name = "employer", .label = N_("Employer"), .kind = TF_TEXT, .width = 34},
    {.name = "start_date",
     .label = N_("Start date"),
     .kind = TF_DATE,
     .width = 12},
    {.name = "end_date", .label = N_("End date"), .kind = TF_DATE, .width = 12},
    {.name = "funding_share",
     .label = N_("Funding by STM %"),
     .kind = TF_NUMBER,
     .width = 5},
    {.name = "status",
     .label = N_("Status"),
     .kind = TF_PICK,
     .width = 14,
     .required = true,
     .fill = fill_agent_status},
};

static void agent_to_form(struct tui *t, struct tui_form *f,
                          const struct agent *a)
{
	char d[11], key[24];

	tui_field_set(tui_form_field(f, "region"),
	              tui_region_name(t, a->region_code), a->region_code);
	if (a->person_id) {
		id_key(key, a->person_id);
		tui_field_set(tui_form_field(f, "person"), a->person_name, key);
	} else {
		tui_field_set(tui_form_field(f, "person"), "", NULL);
	}
	tui_field_set(tui_form_field(f, "employer"), a->employer, NULL);
	tui_field_set(tui_form_field(f, "start_date"),
	              showdate(a->start_date, d), NULL);
	tui_field_set(tui_form_field(f, "end_date"), showdate(a->end_date, d),
	              NULL);
	tui_fmt(key, sizeof key, "%d", a->funding_share);
	tui_field_set(tui_form_field(f, "funding_share"), key, NULL);
	tui_fmt(key, sizeof key, "%d", (int)a->status);
	tui_field_set(tui_form_field(f, "status"),
	              agent_status_label(a->status), key);
}

static bool agent_from_form(struct tui *t, struct tui_form *f,
                            struct agent_edit *e)
{
	struct agent *a = &e->a;
	char start[11], end[11];
	struct tui_field *fd;
	bool ok = true;

	ok &= tui_form_date(t, f, "start_date", start);
	ok &= tui_form_date(t, f, "end_date", end);
	if (!ok)
		return false;
	fd = tui_form_field(f, "region");
	tui_fmt(a->region_code, sizeof a->region_code, "%s",
	        fd->key ? fd->key : "");
	fd = tui_form_field(f, "person");
	a->person_id = fd->key && strcmp(fd->key, "new") != 0 ? key_id(fd) : 0;
	if (!(fd->key && strcmp(fd->key, "new") == 0))
		e->np.pending = false;
	setstr(&a->employer, tui_form_text(f, "employer"));
	setdate(&a->start_date, start);
	setdate(&a->end_date, end);
	a->funding_share = atoi(tui_form_text(f, "funding_share"));
	a->status = (enum agent_status)key_id(tui_form_field(f, "status"));
	return true;
}

static int agent_write1(void *arg)
{
	struct agent_edit *e = arg;

	return agent_save(e->db, &e->a);
}

static int agent_write(void *arg)
{
	struct agent_edit *e = arg;

	return with_new_person(e->db, &e->np, &e->a.person_id, agent_write1, e);
}

static int agent_theirs(struct tui *t, struct tui_form *tmp, void *arg,
                        int64_t *version)
{
	struct agent_edit *e = arg;
	struct agent th = {0};
	int rc = agent_get(t->db, e->a.id, &th);

	if (rc == LAPE_OK) {
		agent_to_form(t, tmp, &th);
		*version = th.version;
	}
	agent_clear(&th);
	return rc;
}

static void agent_set_version(void *arg, int64_t v)
{
	((struct agent_edit *)arg)->a.version = v;
}

static int64_t agent_id(void *arg)
{
	return ((struct agent_edit *)arg)->a.id;
}

static const struct save_ops agent_save_ops = {
    agent_write, agent_theirs, agent_set_version, "change_agent", agent_id};

static int agent_form_save(struct tui *t, struct tui_form *f)
{
	struct agent_edit *e = f->ctx;
	const char *field, *msg;
	int64_t pid;

	if (!agent_from_form(t, f, e))
		return SAVE_AGAIN;
	pid = e->a.person_id;
	if (e->np.pending)
		e->a.person_id = 1; /* saved with it: any valid id to check */
	int rc = agent_validate(&e->a, &field, &msg);
	e->a.person_id = pid;
	if (!validated(t, f, rc, field, msg))
		return SAVE_AGAIN;
	return save_record(t, f, &agent_save_ops, e);
}

int tui_edit_agent(struct tui *t, const char *region)
{
	struct tui_field fields[ARRAY_LEN(agent_tmpl)];
	struct agent_edit e = {.db = t->db};
	struct tui_form f = {0};
	struct region_summary sum = {0};
	char title[1536];
	int rc;

	memcpy(fields, agent_tmpl, sizeof fields);
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		if (fields[i].new_label)
			fields[i].new_label = _(fields[i].new_label);
	rc = agent_get_region(t->db, region, &e.a);
	if (rc == LAPE_NOTFOUND) {
		memset(&e.a, 0, sizeof e.a);
		tui_fmt(e.a.region_code, sizeof e.a.region_code, "%s", region);
		e.a.funding_share = 100;
		e.a.status = AGENT_PLANNED;
		/* say so when the region is not yet eligible */
		if (region_summarize(t->db, t->rules, region, t->today, &sum) ==
		        0 &&
		    !sum.eligible) {
			char q[1536];
			tui_fmt(
			    q, sizeof q,
			    _("%s is not yet eligible for a change agent: "
			      "its groups are not in place (regional group "
			      "complete, municipalities covered). Assign one "
			      "anyway?"),
			    tui_region_name(t, region));
			if (!tui_confirm(t, q)) {
				region_summary_clear(&sum);
				return FORM_CANCEL;
			}
		}
		region_summary_clear(&sum);
	} else if (rc < 0) {
		tui_report(t, rc);
		return FORM_CANCEL;
	}
	tui_fmt(title, sizeof title, _("Change agent of %s"),
	        tui_region_name(t, region));
	f.title = title;
	f.record = "agent";
	f.fields = fields;
	f.n = ARRAY_LEN(fields);
	f.save = agent_form_save;
	f.ctx = &e;
	f.cur = 1; /* the region is known: start at the person */
	agent_to_form(t, &f, &e.a);
	rc = tui_form_run(t, &f);
	tui_form_free(&f);
	agent_clear(&e.a);
	person_clear(&e.np.p);
	return rc;
}
