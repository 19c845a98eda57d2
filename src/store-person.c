#include <config.h>
/* store-person.c -- people: the members of groups and the change agents,
 * with their contact details (personal data: nothing of it goes to logs or
 * the audit table). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/i18n.h"
#include "lape/store.h"

#define PERSON_COLUMNS                                                         \
	"id, uuid, version, name, organisation, email, phone, notes"

void person_clear(struct person *p)
{
	if (!p)
		return;
	free(p->name);
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
	bad |= db_strdup(&dst->name, src->name);
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

int person_validate(const struct person *p, const char **field,
                    const char **msg)
{
	static const char *no_field = "";
	const char *m;

	*field = no_field;
	*msg = NULL;
	if ((m = db_check_text(p->name, store_text_max("person", "name"),
	                       true)))
		*field = "name";
	else if ((m = db_check_text(p->organisation,
	                            store_text_max("person", "organisation"),
	                            false)))
		*field = "organisation";
	else if ((m = db_check_text(p->email, store_text_max("person", "email"),
	                            false)))
		*field = "email";
	else if (!db_blank(p->email) && !email_shape(p->email)) {
		m = _("not an e-mail address (name@example.fi)");
		*field = "email";
	} else if ((m = db_check_text(
	                p->phone, store_text_max("person", "phone"), false)))
		*field = "phone";
	else if ((m = db_check_text(p->notes, store_text_max("person", "notes"),
	                            false)))
		*field = "notes";
	*msg = m;
	return m ? LAPE_INVALID : LAPE_OK;
}

/* Fill P from a row of PERSON_COLUMNS; with COPY it owns its strings,
 * else they are borrowed from the statement. */
static int person_row(sqlite3_stmt *st, struct person *p, bool copy)
{
	const char *u = (const char *)sqlite3_column_text(st, 1);
	char **f[] = {&p->name, &p->organisation, &p->email, &p->phone,
	              &p->notes};

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	snprintf(p->uuid, sizeof p->uuid, "%s", u ? u : "");
	p->version = sqlite3_column_int64(st, 2);
	for (int i = 0; i < 5; i++) {
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
		rc = db_exec(db,
		             "INSERT INTO person(id, name, organisation, email, "
		             "phone, notes) VALUES (lape_new_id('person'), "
		             "?, ?, ?, ?, ?)",
		             "ttttt", p->name, p->organisation, p->email,
		             p->phone, p->notes);
		if (rc != LAPE_OK)
			return rc;
		return db_inserted(db,
		                   "SELECT uuid, version FROM person "
		                   "WHERE id = ?",
		                   &p->id, p->uuid, &p->version);
	}
	rc = db_exec(db,
	             "UPDATE person SET name = ?, organisation = ?, email = ?, "
	             "phone = ?, notes = ?, version = version + 1, "
	             "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	             "WHERE id = ? AND version = ?",
	             "tttttii", p->name, p->organisation, p->email, p->phone,
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

	if (person_validate(p, &field, &msg) != LAPE_OK)
		return db_fail(db, LAPE_INVALID, field, "%s", msg);
	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		return rc;
	rc = db_txn_end(db, own, person_write(db, p));
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
	sqlite3_stmt *st = db_prepare_cached(
	    db,
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

int person_find(struct lape_db *db, const char *ref, int64_t *id)
{
	return db_find_ref(db,
	                   "SELECT id FROM person WHERE id = ?1 "
	                   "OR substr(uuid, 1, length(?2)) = ?2 "
	                   "OR lape_fold(name) = lape_fold(?3) ORDER BY id",
	                   ref, "person", id);
}

#define PERSON_FILTER                                                          \
	" FROM person WHERE ?1 IS NULL "                                       \
	"OR instr(lape_fold(name), lape_fold(?1)) > 0 "                        \
	"OR instr(lape_fold(organisation), lape_fold(?1)) > 0 "                \
	"OR instr(lape_fold(email), lape_fold(?1)) > 0"

int person_list(struct lape_db *db, const char *search, size_t offset,
                size_t limit, person_cb cb, void *ctx)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT " PERSON_COLUMNS PERSON_FILTER
	               " ORDER BY name COLLATE FI, id LIMIT ?2 OFFSET ?3",
	               "tii", db_blank(search) ? NULL : search,
	               limit ? (int64_t)limit : (int64_t)-1, (int64_t)offset);
	int rc, stop = 0;

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
	sqlite3_stmt *st = db_prepare(db, "SELECT count(*)" PERSON_FILTER, "t",
	                              db_blank(search) ? NULL : search);
	int rc;

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
