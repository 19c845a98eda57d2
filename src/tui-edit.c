/* tui-edit.c -- the record forms the screens share: group, person,
 * membership (with a new person created in the same flow and the same
 * transaction) and change agent, all run by one record editor.  Its
 * fields come from the kind's descriptor (record.h): a new field is a
 * line there.  The editor turns the fields into a store record, lets the
 * store validate and save it, and handles "busy" and "changed by someone
 * else" the same way for every kind. */

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

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/record.h"
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

/* fill_NAME(): the pick list of the N LABELS, for a field's fill. */
#define FILL_FIXED(name, labels, n)                                            \
	static int fill_##name(struct tui *t, struct tui_pick *p,              \
	                       const char *f)                                  \
	{                                                                      \
		(void)t;                                                       \
		return fill_fixed(p, f, labels, n);                            \
	}

FILL_FIXED(level, level_labels, 2)
FILL_FIXED(gender, gender_labels, 4)
FILL_FIXED(status, status_labels, 2)
FILL_FIXED(yesno, yesno_labels, 2)

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

/* ---- the generic record editor ----------------------------------------- */

/* A new person typed in a membership or agent form: collected here and
 * saved with that record, in the same transaction. */
struct new_person {
	bool pending;
	struct person p;
};

enum edit_which { EDIT_GROUP, EDIT_PERSON, EDIT_MEMBER, EDIT_AGENT };

union edit_rec {
	struct group g;
	struct person p;
	struct membership m;
	struct agent a;
};

struct edit;

/* What differs between the record kinds.  The fields, their labels,
 * widths, kinds, pick lists and the text and date fields' values come
 * from the kind's descriptor (record.h); the hooks fill in only what a
 * descriptor cannot: choices, references and lists. */
struct edit_ops {
	enum edit_which which;
	const char *kind;  /* record_kind() */
	const char *table; /* as the journal names it */
	size_t person_off; /* of its int64_t person_id, or RECORD_NO_OFFSET */
	void (*to_form)(struct tui *t, struct tui_form *f,
	                const union edit_rec *r);
	void (*from_form)(struct tui_form *f, union edit_rec *r);
	/* The screens' own checks before the store's, or NULL: false when
	 * it set a message. */
	bool (*check)(struct tui *t, struct tui_form *f, union edit_rec *r);
};

struct edit {
	const struct edit_ops *ops;
	struct lape_db *db;
	union edit_rec r; /* the record as read, or a new one */
	bool deferred;    /* only collect; the caller saves (a new person) */
	int level;        /* a membership's group's: which sectors come first */
	struct new_person np;
};

/* The form's own words where they are not the descriptor's. */
static const struct {
	const char *kind, *name, *label;
	int width;
	bool required;
} edit_words[] = {
    {"membership", "person", NULL, 30, false},
    {"membership", "role", NULL, 0, true},
    {"membership", "start_date", N_("Term starts"), 0, false},
    {"membership", "end_date", N_("Term ends"), 0, false},
    {"agent", "person", N_("Change agent"), 30, false},
    {"agent", "funding_share", N_("Funding by STM %"), 5, false},
    {"agent", "status", NULL, 14, true},
};

_Static_assert(offsetof(struct group, version) ==
                       offsetof(struct person, version) &&
                   offsetof(struct group, version) ==
                       offsetof(struct membership, version) &&
                   offsetof(struct group, version) ==
                       offsetof(struct agent, version),
               "records start alike");

static int rec_get(struct edit *e, int64_t id, union edit_rec *r)
{
	switch (e->ops->which) {
	case EDIT_GROUP:
		return group_get(e->db, id, &r->g);
	case EDIT_PERSON:
		return person_get(e->db, id, &r->p);
	case EDIT_MEMBER:
		return membership_get(e->db, id, &r->m);
	default:
		return agent_get(e->db, id, &r->a);
	}
}

static int rec_save(void *arg)
{
	struct edit *e = arg;

	switch (e->ops->which) {
	case EDIT_GROUP:
		return group_save(e->db, &e->r.g);
	case EDIT_PERSON:
		return person_save(e->db, &e->r.p);
	case EDIT_MEMBER:
		return membership_save(e->db, &e->r.m);
	default:
		return agent_save(e->db, &e->r.a);
	}
}

static void rec_clear(const struct edit_ops *ops, union edit_rec *r)
{
	switch (ops->which) {
	case EDIT_GROUP:
		group_clear(&r->g);
		break;
	case EDIT_PERSON:
		person_clear(&r->p);
		break;
	case EDIT_MEMBER:
		membership_clear(&r->m);
		break;
	default:
		agent_clear(&r->a);
	}
}

static char **rec_text(union edit_rec *r, const struct record_field *rf)
{
	return (char **)((char *)r + rf->offset);
}

static int64_t *rec_person(struct edit *e)
{
	if (e->ops->person_off == RECORD_NO_OFFSET)
		return NULL;
	return (int64_t *)((char *)&e->r + e->ops->person_off);
}

/* The record's fields with a place in its struct, then the kind's. */
static void record_to_form(struct tui *t, struct tui_form *f,
                           const struct edit_ops *ops, const union edit_rec *r)
{
	const struct record_kind *k = record_kind(ops->kind);
	char d[11];

	for (size_t i = 0; i < k->n_fields; i++) {
		const struct record_field *rf = &k->fields[i];
		const char *s;

		if (rf->offset == RECORD_NO_OFFSET)
			continue;
		s = *rec_text((union edit_rec *)r, rf);
		if (rf->type == FIELD_DATE)
			s = showdate(s, d);
		tui_field_set(tui_form_field(f, rf->name), s, NULL);
	}
	ops->to_form(t, f, r);
}

/* Build the record from the form into E's record.  False when a date is
 * malformed (its message set). */
static bool record_from_form(struct tui *t, struct tui_form *f, struct edit *e)
{
	const struct record_kind *k = record_kind(e->ops->kind);
	int64_t *pid = rec_person(e);
	bool ok = true;
	char iso[11];

	for (size_t i = 0; i < k->n_fields; i++) {
		const struct record_field *rf = &k->fields[i];

		if (rf->offset == RECORD_NO_OFFSET)
			continue;
		if (rf->type != FIELD_DATE)
			setstr(rec_text(&e->r, rf), tui_form_text(f, rf->name));
		else if (tui_form_date(t, f, rf->name, iso))
			setdate(rec_text(&e->r, rf), iso);
		else
			ok = false;
	}
	if (!ok)
		return false;
	if (pid) {
		struct tui_field *fd = tui_form_field(f, "person");
		bool is_new = fd->key && strcmp(fd->key, "new") == 0;

		*pid = fd->key && !is_new ? key_id(fd) : 0;
		if (!is_new)
			e->np.pending = false;
	}
	e->ops->from_form(f, &e->r);
	return true;
}

static int edit_theirs(struct tui *t, struct tui_form *tmp, struct edit *e,
                       int64_t *version)
{
	union edit_rec th;
	int rc;

	memset(&th, 0, sizeof th);
	rc = rec_get(e, e->r.g.id, &th);
	if (rc == LAPE_OK) {
		record_to_form(t, tmp, e->ops, &th);
		*version = th.g.version;
	}
	rec_clear(e->ops, &th);
	return rc;
}

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

static int edit_write(void *arg)
{
	struct edit *e = arg;
	int64_t *pid = rec_person(e);

	if (!pid)
		return rec_save(e);
	return with_new_person(e->db, &e->np, pid, rec_save, e);
}

/* Write the record; busy, invalid and "changed by someone else" the same
 * way for every kind. */
static int save_record(struct tui *t, struct tui_form *f, struct edit *e)
{
	for (;;) {
		int rc = tui_retry(t, edit_write, e);
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
		rc = edit_theirs(t, &tf, e, &version);
		if (rc == LAPE_OK) {
			for (size_t i = 0; i < f->n; i++)
				theirs[i] = tmp[i].value;
			char who[256];
			save_who(t, e->ops->table, e->r.g.id, who, sizeof who);
			choice = tui_conflict(t, f, theirs, who);
		} else if (rc == LAPE_NOTFOUND) {
			tui_msg(t, MSG_ERROR, "%s",
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
		e->r.g.version = version;
	}
}

/* The form's save: the screens' checks, the store's validation (the
 * message beside the field), then the write. */
static int edit_form_save(struct tui *t, struct tui_form *f)
{
	struct edit *e = f->ctx;
	int64_t *pid = rec_person(e), was = 0;
	const char *field, *msg;
	int rc;

	if (!record_from_form(t, f, e))
		return SAVE_AGAIN;
	if (e->ops->check && !e->ops->check(t, f, &e->r))
		return SAVE_AGAIN;
	if (pid) {
		was = *pid;
		if (e->np.pending)
			*pid = 1; /* saved with it: any valid id to check */
	}
	rc = record_validate(record_kind(e->ops->kind), &e->r, &field, &msg);
	if (pid)
		*pid = was;
	if (rc != LAPE_OK) {
		tui_form_error(t, f, field && *field ? field : NULL,
		               msg ? msg : db_errmsg(t->db));
		return SAVE_AGAIN;
	}
	if (e->deferred)
		return SAVE_OK;
	return save_record(t, f, e);
}

static int fill_deputy(struct tui *t, struct tui_pick *p, const char *f);
static bool edit_on_new(struct tui *t, struct tui_form *f, struct tui_field *fd,
                        const char *typed);
static void member_person_picked(struct tui *t, struct tui_form *f,
                                 struct tui_field *fd);

static int (*const pick_fill[])(struct tui *, struct tui_pick *,
                                const char *) = {
    [PICK_LEVEL] = fill_level,
    [PICK_GROUP_STATUS] = fill_status,
    [PICK_REGION] = tui_pick_fill_region,
    [PICK_MUNICIPALITY] = tui_pick_fill_municipality,
    [PICK_REGIONAL_GROUP] = tui_pick_fill_regional_group,
    [PICK_PERSON] = tui_pick_fill_person,
    [PICK_SECTOR] = tui_pick_fill_sector,
    [PICK_ROLE] = tui_pick_fill_role,
    [PICK_MEMBER] = fill_deputy,
    [PICK_GENDER] = fill_gender,
    [PICK_AGENT_STATUS] = fill_agent_status,
};

static const int field_kind[] = {
    [FIELD_TEXT] = TF_TEXT,   [FIELD_NOTES] = TF_TEXT, [FIELD_EMAIL] = TF_EMAIL,
    [FIELD_DATE] = TF_DATE,   [FIELD_INT] = TF_NUMBER, [FIELD_BOOL] = TF_PICK,
    [FIELD_CHOICE] = TF_PICK, [FIELD_REF] = TF_PICK,   [FIELD_LIST] = TF_MULTI,
};

/* One form field from a descriptor line. */
static void field_from(struct tui_field *fd, const struct record_field *rf,
                       struct edit *e)
{
	fd->name = rf->name;
	fd->label = rf->label;
	fd->kind = field_kind[rf->type];
	fd->width = rf->width;
	fd->required = rf->required;
	fd->fill = rf->type == FIELD_BOOL ? fill_yesno : pick_fill[rf->pick];
	if (rf->pick == PICK_PERSON) {
		fd->new_label = _("+ New person...");
		fd->on_new = edit_on_new;
		if (e->ops->which == EDIT_MEMBER)
			fd->picked = member_person_picked;
	}
	if (rf->pick == PICK_SECTOR)
		fd->pick_ctx = &e->level;
	if (rf->pick == PICK_MEMBER)
		fd->pick_ctx = &e->r.m;
	for (size_t j = 0; j < ARRAY_LEN(edit_words); j++) {
		if (strcmp(edit_words[j].kind, e->ops->kind) != 0 ||
		    strcmp(edit_words[j].name, rf->name) != 0)
			continue;
		if (edit_words[j].label)
			fd->label = edit_words[j].label;
		if (edit_words[j].width)
			fd->width = edit_words[j].width;
		fd->required |= edit_words[j].required;
	}
}

/* Run the form of E's kind on E's record, starting at field CUR. */
static int edit_run(struct tui *t, struct edit *e, const char *title, int cur)
{
	const struct record_kind *k = record_kind(e->ops->kind);
	struct tui_field *fields = calloc(k->n_fields, sizeof *fields);
	struct tui_form f = {0};
	int rc;

	if (!fields) {
		tui_report(t, LAPE_ERROR);
		return FORM_CANCEL;
	}
	for (size_t i = 0; i < k->n_fields; i++)
		field_from(&fields[i], &k->fields[i], e);
	f.title = title;
	f.record = e->ops->kind;
	f.fields = fields;
	f.n = k->n_fields;
	f.save = edit_form_save;
	f.ctx = e;
	f.cur = cur;
	record_to_form(t, &f, e->ops, &e->r);
	rc = tui_form_run(t, &f);
	tui_form_free(&f);
	free(fields);
	return rc;
}

/* Read record ID into E (a message when it cannot). */
static bool edit_load(struct tui *t, struct edit *e, int64_t id)
{
	int rc = rec_get(e, id, &e->r);

	if (rc < 0)
		tui_report(t, rc);
	return rc >= 0;
}

static void edit_free(struct edit *e)
{
	rec_clear(e->ops, &e->r);
	person_clear(&e->np.p);
}

/* The person field of a membership or an agent. */
static void person_to_field(struct tui_form *f, int64_t id, const char *name)
{
	char key[24];

	id_key(key, id);
	tui_field_set(tui_form_field(f, "person"), id ? name : "",
	              id ? key : NULL);
}

/* Keys "a,b,c" into a record's list by ADD. */
static void keys_to_list(const struct tui_field *fd, void *rec,
                         int (*add)(void *rec, const char *key))
{
	char *keys, *save = NULL;

	if (!fd->key)
		return;
	keys = strdup(fd->key);
	for (char *k = keys ? strtok_r(keys, ",", &save) : NULL; k;
	     k = strtok_r(NULL, ",", &save))
		add(rec, k);
	free(keys);
}

/* ---- groups ------------------------------------------------------------ */

/* S appended to the string *LIST (NULL: none yet), after SEP unless the
 * list is still empty.  An entry is left out when out of memory. */
static void list_append(char **list, const char *sep, const char *s)
{
	size_t have = *list ? strlen(*list) : 0;
	size_t len = have + strlen(sep) + strlen(s) + 1;
	char *n = realloc(*list, len);

	if (!n)
		return;
	snprintf(n + have, len - have, "%s%s", have ? sep : "", s);
	*list = n;
}

char *tui_municipality_labels(struct tui *t, char *const *codes, size_t n)
{
	char *labels = NULL;

	for (size_t i = 0; i < n; i++) {
		struct municipality m = {0};
		char *l = NULL;

		if (municipality_get(t->db, codes[i], &m) == 0)
			l = tui_municipality_label(&m);
		list_append(&labels, ", ", l ? l : codes[i]);
		free(l);
		municipality_clear(&m);
	}
	return labels;
}

static void group_to_form(struct tui *t, struct tui_form *f,
                          const union edit_rec *r)
{
	const struct group *g = &r->g;
	char key[24], *codes, *labels;

	set_fixed(tui_form_field(f, "level"), level_labels, g->level);
	/* a new group in a region: offer the region */
	if ((g->level == LEVEL_REGIONAL || !g->id) && g->region_code[0])
		tui_field_set(tui_form_field(f, "region"),
		              tui_region_name(t, g->region_code),
		              g->region_code);
	else
		tui_field_set(tui_form_field(f, "region"), "", NULL);
	codes = NULL;
	for (size_t i = 0; i < g->n_municipalities; i++)
		list_append(&codes, ",", g->municipalities[i]);
	labels =
	    tui_municipality_labels(t, g->municipalities, g->n_municipalities);
	tui_field_set(tui_form_field(f, "municipalities"), labels ? labels : "",
	              codes);
	free(codes);
	free(labels);
	set_fixed(tui_form_field(f, "existing_body"), yesno_labels,
	          g->existing_body ? 1 : 0);
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
}

static int add_municipality(void *rec, const char *key)
{
	return group_add_municipality(rec, key);
}

static void group_from_form(struct tui_form *f, union edit_rec *r)
{
	struct group *g = &r->g;
	struct tui_field *fd = tui_form_field(f, "region");

	g->level = key_id(tui_form_field(f, "level")) == 1 ? LEVEL_REGIONAL
	                                                   : LEVEL_MUNICIPAL;
	if (g->level == LEVEL_REGIONAL)
		tui_fmt(g->region_code, sizeof g->region_code, "%s",
		        fd->key ? fd->key : "");
	for (size_t i = 0; i < g->n_municipalities; i++)
		free(g->municipalities[i]);
	free(g->municipalities);
	g->municipalities = NULL;
	g->n_municipalities = 0;
	if (g->level == LEVEL_MUNICIPAL)
		keys_to_list(tui_form_field(f, "municipalities"), g,
		             add_municipality);
	g->existing_body = key_id(tui_form_field(f, "existing_body")) == 1;
	g->status = key_id(tui_form_field(f, "status")) == 1 ? STATUS_DISSOLVED
	                                                     : STATUS_ACTIVE;
	g->regional_group_id = key_id(tui_form_field(f, "regional_group"));
}

static bool group_form_check(struct tui *t, struct tui_form *f,
                             union edit_rec *r)
{
	if (r->g.level == LEVEL_REGIONAL && !r->g.region_code[0]) {
		tui_form_error(t, f, "region",
		               _("a regional group needs its region"));
		return false;
	}
	if (r->g.level == LEVEL_MUNICIPAL && r->g.n_municipalities == 0) {
		tui_form_error(t, f, "municipalities",
		               _("choose at least one municipality"));
		return false;
	}
	return true;
}

static const struct edit_ops group_ops = {
    EDIT_GROUP,    "group",         "lape_group",    RECORD_NO_OFFSET,
    group_to_form, group_from_form, group_form_check};

int tui_edit_group(struct tui *t, int64_t id, const char *region,
                   int64_t *new_id)
{
	struct edit e = {.ops = &group_ops, .db = t->db};
	int rc;

	if (id && !edit_load(t, &e, id))
		return FORM_CANCEL;
	if (!id) {
		e.r.g.level = LEVEL_MUNICIPAL;
		e.r.g.status = STATUS_ACTIVE;
		if (region)
			tui_fmt(e.r.g.region_code, sizeof e.r.g.region_code,
			        "%s", region);
	}
	rc = edit_run(t, &e, id ? _("Edit group") : _("New group"), 0);
	if (rc == FORM_SAVED && new_id)
		*new_id = e.r.g.id;
	edit_free(&e);
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

static void person_to_form(struct tui *t, struct tui_form *f,
                           const union edit_rec *r)
{
	(void)t;
	set_fixed(tui_form_field(f, "gender"), gender_labels, (int)r->p.gender);
}

static void person_from_form(struct tui_form *f, union edit_rec *r)
{
	int64_t g = key_id(tui_form_field(f, "gender"));

	r->p.gender = g >= GENDER_UNSTATED && g <= GENDER_OTHER
	                  ? (enum person_gender)g
	                  : GENDER_UNSTATED;
}

static const struct edit_ops person_ops = {
    EDIT_PERSON,    "person",         "person", RECORD_NO_OFFSET,
    person_to_form, person_from_form, NULL};

int tui_edit_person(struct tui *t, int64_t id, int64_t *new_id)
{
	struct edit e = {.ops = &person_ops, .db = t->db};
	int rc;

	if (id && !edit_load(t, &e, id))
		return FORM_CANCEL;
	rc = edit_run(t, &e, id ? _("Edit person") : _("New person"), 0);
	if (rc == FORM_SAVED && new_id)
		*new_id = e.r.p.id;
	edit_free(&e);
	return rc;
}

/* "+ New person..." in a membership or agent form: the person form,
 * collecting only; the person is saved with that record. */
static bool edit_on_new(struct tui *t, struct tui_form *f, struct tui_field *fd,
                        const char *typed)
{
	struct new_person *np = &((struct edit *)f->ctx)->np;
	struct edit e = {.ops = &person_ops, .db = t->db, .deferred = true};
	bool clear;

	if (np->pending)
		person_copy(&e.r.p, &np->p);
	else if (typed && *typed)
		schema_name_split(typed, &e.r.p.surname, &e.r.p.given_names,
		                  &clear);
	if (edit_run(t, &e, _("New person (saved with this form)"), 0) ==
	    FORM_SAVED) {
		char *label = NULL, *name;
		person_clear(&np->p);
		np->p = e.r.p;
		np->pending = true;
		name = person_display_name(&np->p);
		if (name && asprintf(&label, _("%s (new)"), name) < 0)
			label = NULL;
		tui_field_set(fd, label ? label : name ? name : "?", "new");
		free(label);
		free(name);
		return true;
	}
	person_clear(&e.r.p);
	return false;
}

/* ---- memberships ------------------------------------------------------- */

/* A person chosen for a membership: its organisation is the person's
 * unless one was typed already. */
static void member_person_picked(struct tui *t, struct tui_form *f,
                                 struct tui_field *fd)
{
	struct edit *e = f->ctx;
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

static void member_to_form(struct tui *t, struct tui_form *f,
                           const union edit_rec *r)
{
	const struct membership *m = &r->m;
	char key[24], buf[512];
	size_t klen = 1;
	char *keys;

	person_to_field(f, m->person_id, m->person_name);
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
		char shown[CHECK_NAME_MAX];
		const char *name = NULL;

		if (membership_get(t->db, m->deputy_of, &dm) == 0)
			name = check_member_name(&dm, t->rules, shown,
			                         sizeof shown);
		tui_field_set(tui_form_field(f, "deputy_of"), name ? name : key,
		              key);
		membership_clear(&dm);
	} else {
		tui_field_set(tui_form_field(f, "deputy_of"), "", NULL);
	}
	set_fixed(tui_form_field(f, "name_withheld"), yesno_labels,
	          m->name_withheld ? 1 : 0);
}

static int add_sector(void *rec, const char *key)
{
	return membership_add_sector(rec, key);
}

static void member_from_form(struct tui_form *f, union edit_rec *r)
{
	struct membership *m = &r->m;

	for (size_t i = 0; i < m->n_sectors; i++)
		free(m->sectors[i]);
	m->n_sectors = 0;
	keys_to_list(tui_form_field(f, "sectors"), m, add_sector);
	m->role = (enum member_role)key_id(tui_form_field(f, "role"));
	m->deputy_of = key_id(tui_form_field(f, "deputy_of"));
	m->name_withheld = key_id(tui_form_field(f, "name_withheld")) == 1;
}

static const struct edit_ops member_ops = {
    EDIT_MEMBER,
    "membership",
    "membership",
    offsetof(struct membership, person_id),
    member_to_form,
    member_from_form,
    NULL};

int tui_edit_membership(struct tui *t, int64_t group_id, int64_t id)
{
	struct edit e = {.ops = &member_ops, .db = t->db};
	struct group g = {0};
	char title[1536];
	int rc;

	if (id) {
		if (!edit_load(t, &e, id))
			return FORM_CANCEL;
		group_id = e.r.m.group_id;
	} else {
		e.r.m.group_id = group_id;
		e.r.m.role = ROLE_MEMBER;
	}
	rc = group_get(t->db, group_id, &g);
	if (rc < 0) {
		tui_report(t, rc);
		edit_free(&e);
		return FORM_CANCEL;
	}
	e.level = g.level;
	tui_fmt(title, sizeof title,
	        id ? _("Edit membership in %s") : _("New member of %s"),
	        g.name);
	group_clear(&g);
	rc = edit_run(t, &e, title, 0);
	edit_free(&e);
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
		tui_msg(t, MSG_ERROR, "%s",
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

static void agent_to_form(struct tui *t, struct tui_form *f,
                          const union edit_rec *r)
{
	const struct agent *a = &r->a;
	char key[24];

	tui_field_set(tui_form_field(f, "region"),
	              tui_region_name(t, a->region_code), a->region_code);
	person_to_field(f, a->person_id, a->person_name);
	tui_fmt(key, sizeof key, "%d", a->funding_share);
	tui_field_set(tui_form_field(f, "funding_share"), key, NULL);
	tui_fmt(key, sizeof key, "%d", (int)a->status);
	tui_field_set(tui_form_field(f, "status"),
	              agent_status_label(a->status), key);
}

static void agent_from_form(struct tui_form *f, union edit_rec *r)
{
	struct agent *a = &r->a;
	struct tui_field *fd = tui_form_field(f, "region");

	tui_fmt(a->region_code, sizeof a->region_code, "%s",
	        fd->key ? fd->key : "");
	a->funding_share = atoi(tui_form_text(f, "funding_share"));
	a->status = (enum agent_status)key_id(tui_form_field(f, "status"));
}

static const struct edit_ops agent_ops = {EDIT_AGENT,
                                          "agent",
                                          "change_agent",
                                          offsetof(struct agent, person_id),
                                          agent_to_form,
                                          agent_from_form,
                                          NULL};

/* A region with no change agent yet: say so when it is not yet eligible;
 * false when the user does not want one after all. */
static bool agent_new(struct tui *t, struct edit *e, const char *region)
{
	struct region_summary sum = {0};
	bool ok = true;

	memset(&e->r.a, 0, sizeof e->r.a);
	tui_fmt(e->r.a.region_code, sizeof e->r.a.region_code, "%s", region);
	e->r.a.funding_share = 100;
	e->r.a.status = AGENT_PLANNED;
	if (region_summarize(t->db, t->rules, region, t->today, &sum) == 0 &&
	    !sum.eligible) {
		char q[1536];
		tui_fmt(q, sizeof q,
		        _("%s is not yet eligible for a change agent: "
		          "its groups are not in place (regional group "
		          "complete, municipalities covered). Assign one "
		          "anyway?"),
		        tui_region_name(t, region));
		ok = tui_confirm(t, q);
	}
	region_summary_clear(&sum);
	return ok;
}

int tui_edit_agent(struct tui *t, const char *region)
{
	struct edit e = {.ops = &agent_ops, .db = t->db};
	char title[1536];
	int rc;

	rc = agent_get_region(t->db, region, &e.r.a);
	if (rc == LAPE_NOTFOUND) {
		if (!agent_new(t, &e, region))
			return FORM_CANCEL;
	} else if (rc < 0) {
		tui_report(t, rc);
		return FORM_CANCEL;
	}
	tui_fmt(title, sizeof title, _("Change agent of %s"),
	        tui_region_name(t, region));
	/* the region is known: start at the person */
	rc = edit_run(t, &e, title, 1);
	edit_free(&e);
	return rc;
}
