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
/* privacy.c -- a person's rights: everything about one person exported
 * (every row, every column, so nothing is left out when the schema grows),
 * and erased with the seats kept vacant and the freed bytes overwritten. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/privacy.h"
#include "lape/store.h"

/* The rows about person ?1, by section of the export. */
#define SQL_PERSON "SELECT * FROM person WHERE id = ?1"
#define SQL_SEATS                                                              \
	"SELECT m.*, g.uuid AS group_uuid, g.name AS group_name "              \
	"FROM membership m JOIN lape_group g ON g.id = m.group_id "            \
	"WHERE m.person_id = ?1 ORDER BY m.id"
#define SQL_AGENTS                                                             \
	"SELECT a.*, r.name_fi AS region_name_fi, r.name_sv AS "               \
	"region_name_sv "                                                      \
	"FROM change_agent a LEFT JOIN region r ON r.code = a.region_code "    \
	"WHERE a.person_id = ?1 ORDER BY a.id"
/* The uuids whose history is about the person. */
#define SQL_UUIDS                                                              \
	"SELECT uuid FROM person WHERE id = ?1 "                               \
	"UNION SELECT uuid FROM membership WHERE person_id = ?1 "              \
	"UNION SELECT uuid FROM change_agent WHERE person_id = ?1"
/* The audit rows of the time before the journal (schema 3). */
#define SQL_AUDIT                                                              \
	"SELECT at, os_user, action, tbl, row_uuid FROM audit "                \
	"WHERE row_uuid IN (" SQL_UUIDS ") ORDER BY id"

void privacy_strv_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* Append a copy of S to *V (*N entries).  0, or -1 when out of memory. */
static int strv_push(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof **v);

	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(s)))
		return -1;
	(*n)++;
	return 0;
}

/* A read snapshot: every section of an export or a plan from the same
 * moment.  *OWN says whether this opened it. */
static int snapshot_begin(struct lape_db *db, bool *own)
{
	*own = sqlite3_get_autocommit(db->sql) != 0;
	return *own ? db_exec(db, "BEGIN", NULL) : LAPE_OK;
}

static void snapshot_end(struct lape_db *db, bool own)
{
	if (own)
		db_rollback(db);
}

static int person_exists(struct lape_db *db, int64_t id, char *uuid)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT uuid FROM person WHERE id = ?", "i", id);
	int rc;

	if (!st)
		return db_status(db);
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);

		if (uuid)
			snprintf(uuid, 37, "%s", u ? u : "");
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = db_fail(db, LAPE_NOTFOUND, "person", "%s",
		             _("no such person"));
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- export ------------------------------------------------------------ */

/* Labels of the columns in the text export; a column not named here is
 * shown by its key. */
static const struct {
	const char *key, *label;
} column_labels[] = {
    {"name", N_("Name")},
    {"surname", N_("Surname")},
    {"given_names", N_("Given names")},
    {"gender", N_("Gender")},
    {"organisation", N_("Organisation")},
    {"email", N_("E-mail")},
    {"phone", N_("Phone")},
    {"notes", N_("Notes")},
    {"group_name", N_("Group")},
    {"sectors", N_("Sectors")},
    {"role", N_("Role")},
    {"start_date", N_("Start")},
    {"end_date", N_("End")},
    {"employer", N_("Employer")},
    {"funding_share", N_("Funding share (%)")},
    {"status", N_("Status")},
    {"region_code", N_("Region")},
    {"created", N_("Created")},
    {"updated", N_("Updated")},
    {"at", N_("Time")},
    {"os_user", N_("User")},
    {"action", N_("Change")},
    {"tbl", N_("Record")},
    {"uuid", N_("Identifier")},
    {"row_uuid", N_("Identifier of the record")},
    {"group_uuid", N_("Identifier of the group")},
    {"name_withheld", N_("Name withheld")},
    {"region_name_fi", N_("Region (Finnish)")},
    {"region_name_sv", N_("Region (Swedish)")},
};

/* Row numbers and versions are the file's own bookkeeping: the text for
 * a person leaves them out (the JSON keeps every column). */
static bool column_internal(const char *key)
{
	size_t len = strlen(key);

	return strcmp(key, "id") == 0 || strcmp(key, "version") == 0 ||
	       strcmp(key, "deputy_of") == 0 ||
	       (len > 3 && strcmp(key + len - 3, "_id") == 0);
}

static const char *column_label(const char *key)
{
	for (size_t i = 0; i < sizeof column_labels / sizeof *column_labels;
	     i++)
		if (strcmp(column_labels[i].key, key) == 0)
			return _(column_labels[i].label);
	return key;
}

/* One row of ST as a JSON object, every column by its name. */
static void json_row(struct output_json *j, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);

	output_json_object(j);
	for (int c = 0; c < n; c++) {
		output_json_key(j, sqlite3_column_name(st, c));
		switch (sqlite3_column_type(st, c)) {
		case SQLITE_NULL:
			output_json_null(j);
			break;
		case SQLITE_INTEGER:
			output_json_int(j, sqlite3_column_int64(st, c));
			break;
		default:
			output_json_str(
			    j, (const char *)sqlite3_column_text(st, c));
		}
	}
	output_json_end(j, '}');
}

/* One row of ST as "  Label: value" lines, the lines of a long text
 * (notes) indented under the first; empty columns left out. */
static void text_row(FILE *f, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);

	for (int c = 0; c < n; c++) {
		const char *v = (const char *)sqlite3_column_text(st, c);
		bool first = true;

		if (!v || !*v || column_internal(sqlite3_column_name(st, c)))
			continue;
		fprintf(f, "  %s:", column_label(sqlite3_column_name(st, c)));
		while (*v) {
			size_t len = strcspn(v, "\r\n");
			char *line = strndup(v, len);
			char *clean = output_text_clean(line ? line : "");

			fprintf(f, first ? " %s\n" : "    %s\n",
			        clean ? clean : "");
			free(clean);
			free(line);
			first = false;
			v += len;
			v += strspn(v, "\r\n");
		}
	}
}

/* Write the rows of SQL (person ?1) as the JSON array KEY, or as a text
 * section TITLE with a blank line between rows.  LAPE_OK or an error. */
static int export_section(struct lape_db *db, int64_t id, const char *sql,
                          enum output_format fmt, struct output_json *j,
                          FILE *f, const char *key, const char *title, bool one)
{
	sqlite3_stmt *st = db_prepare(db, sql, "i", id);
	int rc, rows = 0;

	if (!st)
		return db_status(db);
	if (fmt == OUTPUT_JSON) {
		output_json_key(j, key);
		if (!one)
			output_json_array(j);
	} else {
		fprintf(f, "%s\n", title);
	}
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		if (fmt == OUTPUT_JSON) {
			json_row(j, st);
		} else {
			if (rows)
				fputc('\n', f);
			text_row(f, st);
		}
		rows++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	if (fmt == OUTPUT_JSON) {
		if (!one)
			output_json_end(j, ']');
		else if (rows == 0)
			output_json_null(j);
	} else {
		if (rows == 0)
			fprintf(f, "  %s\n", _("(none)"));
		fputc('\n', f);
	}
	return LAPE_OK;
}

struct export_history {
	enum output_format fmt;
	struct output_json *j;
	FILE *f;
	size_t n;
};

static const char *op_key(enum history_op op)
{
	return op == HISTORY_ADD      ? "add"
	       : op == HISTORY_REMOVE ? "remove"
	                              : "change";
}

/* One change about the person, as lape log shows it. */
static int export_history_cb(const struct history_change *c, void *arg)
{
	struct export_history *h = arg;
	const char *arrow = output_utf8() ? "\xE2\x86\x92" : "->";
	char when[20], *line = NULL, *clean;
	int len;

	h->n++;
	if (h->fmt == OUTPUT_JSON) {
		output_json_object(h->j);
		output_json_kstr(h->j, "at", c->at);
		output_json_kstr(h->j, "user", c->user);
		output_json_kstr(h->j, "kind", c->kind);
		output_json_kstr(h->j, "merged_from", c->merged_from);
		output_json_kstr(h->j, "table", c->table);
		output_json_kstr(h->j, "op", op_key(c->op));
		output_json_kstr(h->j, "group", c->group);
		output_json_kstr(h->j, "record", c->record);
		output_json_kstr(h->j, "field", c->field);
		output_json_kstr(h->j, "old", c->old_value);
		output_json_kstr(h->j, "new", c->new_value);
		output_json_end(h->j, '}');
		return 0;
	}
	journal_time_show(c->at, when);
	if (c->op == HISTORY_CHANGE)
		len = asprintf(
		    &line, "%s %s: %s%s%s %s: %s: %s %s %s", when, c->user,
		    c->group ? c->group : "", c->group ? ": " : "",
		    merge_table_label(c->table), c->record ? c->record : "",
		    merge_field_label(c->field),
		    c->old_value ? c->old_value : _("(empty)"), arrow,
		    c->new_value ? c->new_value : _("(empty)"));
	else
		len = asprintf(&line, "%s %s: %s%s%s %s %s", when, c->user,
		               c->group ? c->group : "", c->group ? ": " : "",
		               c->op == HISTORY_ADD ? _("added") : _("removed"),
		               merge_table_label(c->table),
		               c->record ? c->record : "");
	if (len < 0)
		return LAPE_ERROR;
	clean = output_text_clean(line);
	fprintf(h->f, "  %s\n", clean ? clean : "");
	free(clean);
	free(line);
	return 0;
}

/* The journal's changes about the person: "history". */
static int export_history(struct lape_db *db, int64_t id,
                          enum output_format fmt, struct output_json *j,
                          FILE *f)
{
	struct history_filter filt = {0, id, NULL};
	struct export_history h = {fmt, j, f, 0};
	int rc;

	if (fmt == OUTPUT_JSON) {
		output_json_key(j, "history");
		output_json_array(j);
	} else {
		fprintf(f, "%s\n", _("History"));
	}
	rc = history_walk(db, &filt, export_history_cb, &h);
	if (fmt == OUTPUT_JSON) {
		output_json_end(j, ']');
	} else {
		if (h.n == 0)
			fprintf(f, "  %s\n", _("(none)"));
		fputc('\n', f);
	}
	return rc;
}

int privacy_export(struct lape_db *db, int64_t person_id,
                   enum output_format fmt, FILE *f)
{
	static const struct {
		const char *sql, *key, *title;
		bool one;
	} sections[] = {
	    {SQL_PERSON, "person", N_("Person"), true},
	    {SQL_SEATS, "memberships", N_("Memberships"), false},
	    {SQL_AGENTS, "change_agent_periods", N_("Change-agent periods"),
	     false},
	    {SQL_AUDIT, "audit", N_("Older history (records changed)"), false},
	};
	struct output_json j = {0};
	char stamp[32];
	time_t now = time(NULL);
	bool own;
	int rc;

	if (fmt != OUTPUT_JSON && fmt != OUTPUT_TEXT)
		return db_fail(db, LAPE_INVALID, "format", "%s",
		               _("the export is json or text"));
	rc = snapshot_begin(db, &own);
	if (rc != LAPE_OK)
		return rc;
	rc = person_exists(db, person_id, NULL);
	if (rc != LAPE_OK)
		goto out;
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if (fmt == OUTPUT_JSON) {
		output_json_init(&j, f);
		output_json_object(&j);
		output_json_kstr(&j, "format", "lape-person-export");
		output_json_kint(&j, "format_version", 1);
		output_json_kstr(&j, "exported", stamp);
		output_json_kint(&j, "schema_version", db_schema_version(db));
	} else {
		fprintf(f, _("What lape holds about one person, %s\n\n"),
		        stamp);
	}
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
		rc = export_section(db, person_id, sections[i].sql, fmt, &j, f,
		                    sections[i].key, _(sections[i].title),
		                    sections[i].one);
		if (rc != LAPE_OK)
			goto out;
	}
	rc = export_history(db, person_id, fmt, &j, f);
	if (rc != LAPE_OK)
		goto out;
	if (fmt == OUTPUT_JSON)
		output_json_end(&j, '}');
out:
	if (j.f)
		output_json_flush(&j); /* what was made before a failure */
	snapshot_end(db, own);
	return rc;
}

/* ---- backups ----------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether NAME (the base name of a file beside BASE) is one of BASE's
 * copies: BASE.vN.bak or BASE.vN.bak.K. */
static bool is_backup_name(const char *name, const char *base)
{
	size_t len = strlen(base);
	const char *p;

	if (strncmp(name, base, len) != 0 || strncmp(name + len, ".v", 2) != 0)
		return false;
	p = name + len + 2;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (strncmp(p, ".bak", 4) != 0)
		return false;
	p += 4;
	if (*p == '\0')
		return true;
	if (*p++ != '.' || !*p)
		return false;
	return strspn(p, "0123456789") == strlen(p);
}

int privacy_backups(const char *path, char ***out, size_t *n)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir =
	    slash ? strndup(path, (size_t)(slash - path + (slash == path)))
	          : strdup(".");
	DIR *d;
	struct dirent *e;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (!dir)
		return -1;
	if (!(d = opendir(dir))) {
		free(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		char *name;

		if (!is_backup_name(e->d_name, base))
			continue;
		if (asprintf(&name, "%s%s%s", slash ? dir : "",
		             slash && slash != path ? "/" : "",
		             e->d_name) < 0) {
			rc = -1;
			break;
		}
		if (strv_push(out, n, name) != 0)
			rc = -1;
		free(name);
		if (rc)
			break;
	}
	closedir(d);
	free(dir);
	if (rc) {
		privacy_strv_free(*out, *n);
		*out = NULL;
		*n = 0;
		errno = ENOMEM;
		return -1;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_str);
	return 0;
}

/* Whether the copy NAME holds the person UUID: 1 yes, 0 no, -1 cannot
 * tell (then it is listed too). */
static int backup_holds(const char *name, const char *uuid)
{
	sqlite3 *sql = NULL;
	sqlite3_stmt *st = NULL;
	char *uri = sqlite3_mprintf("file:%s?immutable=1", name);
	int rc = -1;

	if (!uri)
		return -1;
	/* A name with '?' or '#' would cut the URI short: open it plainly. */
	if (strpbrk(name, "?#%"))
		rc = sqlite3_open_v2(name, &sql, SQLITE_OPEN_READONLY, NULL);
	else
		rc = sqlite3_open_v2(
		    uri, &sql, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	sqlite3_free(uri);
	if (rc == SQLITE_OK &&
	    sqlite3_prepare_v2(sql, "SELECT 1 FROM person WHERE uuid = ?", -1,
	                       &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC) == SQLITE_OK) {
		int s = sqlite3_step(st);

		rc = s == SQLITE_ROW ? 1 : s == SQLITE_DONE ? 0 : -1;
	} else {
		rc = -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(sql);
	return rc;
}

int privacy_backup_remove(const char *name)
{
	static const char zeros[65536];
	struct stat sb;
	int fd = open(name, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	off_t left;

	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	for (left = sb.st_size; left > 0;) {
		size_t chunk =
		    left > (off_t)sizeof zeros ? sizeof zeros : (size_t)left;
		ssize_t w = write(fd, zeros, chunk);

		if (w <= 0) {
			int e = errno;

			close(fd);
			errno = w < 0 ? e : EIO;
			return -1;
		}
		left -= w;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return -1;
	return unlink(name);
}

/* ---- erase ------------------------------------------------------------- */

void privacy_plan_clear(struct erase_plan *plan)
{
	if (!plan)
		return;
	free(plan->name);
	privacy_strv_free(plan->seat_groups, plan->n_seats);
	privacy_strv_free(plan->mentions, plan->n_mentions);
	privacy_strv_free(plan->backups, plan->n_backups);
	memset(plan, 0, sizeof *plan);
}

/* Run SQL (person ?1, name ?2) and push column 0 of each row to *V. */
static int collect(struct lape_db *db, const char *sql, int64_t id,
                   const char *name, char ***v, size_t *n)
{
	sqlite3_stmt *st = db_prepare(db, sql, "it", id, name);
	int rc;

	if (!st)
		return db_status(db);
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (strv_push(v, n, t ? t : "") != 0) {
			sqlite3_finalize(st);
			return db_fail(db, LAPE_ERROR, NULL, "%s",
			               _("out of memory"));
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

static int count_rows(struct lape_db *db, const char *sql, int64_t id,
                      size_t *n)
{
	sqlite3_stmt *st = db_prepare(db, sql, "i", id);
	int rc;

	if (!st)
		return db_status(db);
	rc = db_step(db, st);
	*n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? LAPE_OK : rc;
}

/* Free text elsewhere naming the person (?2 the name, folded). */
#define SQL_MENTIONS                                                           \
	"SELECT g.name FROM lape_group g WHERE ?2 <> '' AND ("                 \
	"instr(lape_key(g.notes), lape_key(?2)) > 0 OR "                       \
	"instr(lape_key(g.mandate_body), lape_key(?2)) > 0) "                  \
	"UNION ALL SELECT ltrim(p.given_names || ' ' || p.surname) FROM "      \
	"person p "                                                            \
	"WHERE ?2 <> '' AND p.id <> ?1 "                                       \
	"AND instr(lape_key(p.notes), lape_key(?2)) > 0"

/* What the plan counts: the person's seats, agent periods, history and
 * mentions in free text. */
static int plan_count(struct lape_db *db, int64_t person_id,
                      struct erase_plan *plan)
{
	size_t n = 0;
	int rc;

	rc = collect(db,
	             "SELECT g.name FROM membership m JOIN lape_group g ON "
	             "g.id = m.group_id WHERE m.person_id = ?1 AND ?2 IS NOT "
	             "NULL ORDER BY g.name COLLATE FI, m.id",
	             person_id, "", &plan->seat_groups, &plan->n_seats);
	if (rc == LAPE_OK)
		rc = count_rows(db,
		                "SELECT count(*) FROM change_agent WHERE "
		                "person_id = ?",
		                person_id, &plan->n_agents);
	if (rc == LAPE_OK)
		rc = count_rows(db,
		                "SELECT count(*) FROM audit WHERE row_uuid = "
		                "(SELECT uuid FROM person WHERE id = ?1)",
		                person_id, &plan->n_history);
	if (rc == LAPE_OK && journal_table(db, "person")) {
		rc = count_rows(
		    db,
		    "SELECT count(DISTINCT entry_id) FROM journal_row "
		    "WHERE (tbl = 'person' AND pk = CAST(?1 AS TEXT)) "
		    "OR person_id = ?1",
		    person_id, &n);
		plan->n_history += n;
	}
	if (rc == LAPE_OK)
		rc = collect(db, SQL_MENTIONS, person_id, plan->name,
		             &plan->mentions, &plan->n_mentions);
	return rc;
}

/* The data file's .bak copies that hold the person (by uuid). */
static int plan_backups(struct lape_db *db, struct erase_plan *plan)
{
	char **baks = NULL;
	size_t n_baks = 0;
	int rc = LAPE_OK;

	if (strcmp(db->path, ":memory:") == 0 ||
	    privacy_backups(db->path, &baks, &n_baks) != 0)
		return LAPE_OK;
	for (size_t i = 0; i < n_baks && rc == LAPE_OK; i++)
		if (backup_holds(baks[i], plan->uuid) != 0 &&
		    strv_push(&plan->backups, &plan->n_backups, baks[i]) != 0)
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
	privacy_strv_free(baks, n_baks);
	return rc;
}

int privacy_erase_plan(struct lape_db *db, int64_t person_id,
                       struct erase_plan *plan)
{
	struct person p;
	bool own;
	int rc;

	memset(plan, 0, sizeof *plan);
	plan->person_id = person_id;
	rc = snapshot_begin(db, &own);
	if (rc != LAPE_OK)
		return rc;
	rc = person_get(db, person_id, &p);
	if (rc != LAPE_OK)
		goto out;
	snprintf(plan->uuid, sizeof plan->uuid, "%s", p.uuid);
	plan->name = person_display_name(&p);
	person_clear(&p);
	if (!plan->name)
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	if (rc == LAPE_OK)
		rc = plan_count(db, person_id, plan);
	if (rc == LAPE_OK)
		rc = plan_backups(db, plan);
out:
	snapshot_end(db, own);
	if (rc != LAPE_OK)
		privacy_plan_clear(plan);
	return rc;
}

/* Append the formatted line to *BUF. */
static void add_line(char **buf, size_t *len, bool *oom, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void add_line(char **buf, size_t *len, bool *oom, const char *fmt, ...)
{
	va_list ap;
	char *line = NULL, *nb;
	int n;

	if (*oom)
		return;
	va_start(ap, fmt);
	n = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (n < 0 || !(nb = realloc(*buf, *len + (size_t)n + 1))) {
		free(line);
		*oom = true;
		return;
	}
	memcpy(nb + *len, line, (size_t)n + 1);
	*buf = nb;
	*len += (size_t)n;
	free(line);
}

char *privacy_plan_describe(const struct erase_plan *plan)
{
	char *buf = calloc(1, 1);
	size_t len = 0;
	bool oom = !buf;

	add_line(&buf, &len, &oom, "%s\n",
	         _("The person record goes: name, organisation, e-mail, "
	           "phone and notes."));
	if (plan->n_seats) {
		add_line(
		    &buf, &len, &oom,
		    ngettext("%zu seat stays as a vacant seat:",
		             "%zu seats stay as vacant seats:", plan->n_seats),
		    plan->n_seats);
		for (size_t i = 0; i < plan->n_seats; i++)
			add_line(&buf, &len, &oom, "%s%s", i ? ", " : " ",
			         plan->seat_groups[i]);
		add_line(&buf, &len, &oom, "\n");
	}
	if (plan->n_agents)
		add_line(&buf, &len, &oom, "%s\n",
		         ngettext("The change-agent period stays, without a "
		                  "person.",
		                  "The change-agent periods stay, without a "
		                  "person.",
		                  plan->n_agents));
	add_line(&buf, &len, &oom,
	         ngettext("%zu history entry about the person goes; the "
	                  "history keeps only that a person was erased, and "
	                  "by whom.\n",
	                  "%zu history entries about the person go; the "
	                  "history keeps only that a person was erased, and "
	                  "by whom.\n",
	                  plan->n_history),
	         plan->n_history);
	if (plan->n_mentions) {
		add_line(&buf, &len, &oom, "%s",
		         _("The name also appears in the notes of (edit them "
		           "by hand):"));
		for (size_t i = 0; i < plan->n_mentions; i++)
			add_line(&buf, &len, &oom, "%s%s", i ? ", " : " ",
			         plan->mentions[i]);
		add_line(&buf, &len, &oom, "\n");
	}
	if (plan->n_backups) {
		add_line(&buf, &len, &oom, "%s\n",
		         ngettext("This copy saved before an upgrade still "
		                  "holds the person's data:",
		                  "These copies saved before upgrades still "
		                  "hold the person's data:",
		                  plan->n_backups));
		for (size_t i = 0; i < plan->n_backups; i++)
			add_line(&buf, &len, &oom, "  %s\n", plan->backups[i]);
	}
	if (oom) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* A checkpoint that empties the -wal, waiting a moment for other lapes'
 * checkpoints: whether it did. */
static bool wal_empty(struct lape_db *db)
{
	struct timespec ms = {0, 1000 * 1000};
	int rc;

	for (int i = 0; i < 500; i++) {
		rc = sqlite3_wal_checkpoint_v2(
		    db->sql, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		nanosleep(&ms, NULL);
	}
	return rc == SQLITE_OK;
}

/* Rebuild the file so that no page freed before secure_delete was on
 * keeps an old copy, then empty the log.  Whether both were done. */
static bool scrub_file(struct lape_db *db)
{
	if (strcmp(db->path, ":memory:") == 0)
		return true;
	/* VACUUM's temporary copy stays in memory, not in a file that is
	 * removed without being overwritten. */
	sqlite3_exec(db->sql, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	if (sqlite3_exec(db->sql, "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
		return false;
	return db->wal ? wal_empty(db) : true;
}

/* ---- the journal ------------------------------------------------------ */

/* A changeset being written, in the session extension's format: per table
 * 'T', the column count, a byte per column (its place in the primary
 * key) and the name; per change the operation, the indirect flag and the
 * old and/or new values. */
struct csbuf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
};

static void cs_put(struct csbuf *b, const void *data, size_t len)
{
	if (b->oom)
		return;
	if (b->n + len > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		unsigned char *np;

		while (cap < b->n + len)
			cap *= 2;
		if (!(np = realloc(b->p, cap))) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, len);
	b->n += len;
}

static void cs_byte(struct csbuf *b, unsigned char c)
{
	cs_put(b, &c, 1);
}

/* SQLite's varint (sqlite3PutVarint). */
static void cs_varint(struct csbuf *b, uint64_t v)
{
	unsigned char buf[10], out[10];
	int n = 0;

	if (v & (UINT64_C(0xff000000) << 32)) {
		out[8] = (unsigned char)v;
		v >>= 8;
		for (int i = 7; i >= 0; i--) {
			out[i] = (unsigned char)((v & 0x7f) | 0x80);
			v >>= 7;
		}
		cs_put(b, out, 9);
		return;
	}
	do {
		buf[n++] = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	} while (v != 0);
	buf[0] &= 0x7f;
	for (int i = 0; i < n; i++)
		out[i] = buf[n - 1 - i];
	cs_put(b, out, (size_t)n);
}

static void cs_be64(struct csbuf *b, uint64_t v)
{
	unsigned char out[8];

	for (int i = 7; i >= 0; i--) {
		out[i] = (unsigned char)v;
		v >>= 8;
	}
	cs_put(b, out, 8);
}

/* One value; V NULL is "not given" (an update's unchanged column), NUL
 * writes SQL NULL. */
static void cs_value(struct csbuf *b, sqlite3_value *v, bool nul)
{
	double d;
	uint64_t bits;
	int len;

	if (nul) {
		cs_byte(b, 5);
		return;
	}
	if (!v) {
		cs_byte(b, 0);
		return;
	}
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		cs_byte(b, 1);
		cs_be64(b, (uint64_t)sqlite3_value_int64(v));
		break;
	case SQLITE_FLOAT:
		d = sqlite3_value_double(v);
		memcpy(&bits, &d, sizeof bits);
		cs_byte(b, 2);
		cs_be64(b, bits);
		break;
	case SQLITE_TEXT:
		len = sqlite3_value_bytes(v);
		cs_byte(b, 3);
		cs_varint(b, (uint64_t)len);
		cs_put(b, sqlite3_value_text(v), (size_t)len);
		break;
	case SQLITE_BLOB:
		len = sqlite3_value_bytes(v);
		cs_byte(b, 4);
		cs_varint(b, (uint64_t)len);
		if (len)
			cs_put(b, sqlite3_value_blob(v), (size_t)len);
		break;
	default:
		cs_byte(b, 5);
	}
}

/* Whether V is the integer ID. */
static bool is_id(sqlite3_value *v, int64_t id)
{
	return v && sqlite3_value_type(v) == SQLITE_INTEGER &&
	       sqlite3_value_int64(v) == id;
}

/* Whether V is the person ID or NULL. */
static bool id_or_null(sqlite3_value *v, int64_t id)
{
	return v && (is_id(v, id) || sqlite3_value_type(v) == SQLITE_NULL);
}

/* Write the values of the change at IT (old ones with OLD), the person
 * column PCOL rewritten: the person ID becomes NULL, and an update of it
 * that changes nothing any more becomes "not changed". */
static void cs_record(struct csbuf *b, sqlite3_changeset_iter *it, int ncol,
                      int op, bool old, int pcol, int64_t id)
{
	for (int c = 0; c < ncol; c++) {
		sqlite3_value *v = NULL, *o = NULL, *w = NULL;

		if (old)
			sqlite3changeset_old(it, c, &v);
		else
			sqlite3changeset_new(it, c, &v);
		if (c != pcol) {
			cs_value(b, v, false);
			continue;
		}
		if (op == SQLITE_UPDATE) {
			sqlite3changeset_old(it, c, &o);
			sqlite3changeset_new(it, c, &w);
			if (id_or_null(o, id) && id_or_null(w, id)) {
				cs_value(b, NULL, false);
				continue;
			}
		}
		cs_value(b, v, is_id(v, id));
	}
}

/* CS (N bytes) without the changes of the person row ID, and with every
 * reference to that person (a membership's or an agent's person_id)
 * written as NULL.  *OUT (caller frees; NULL with *NOUT 0 when nothing is
 * left).  LAPE_OK, else an error recorded in DB. */
static int changeset_without(struct lape_db *db, const void *cs, int n,
                             int64_t id, unsigned char **out, int *nout)
{
	struct csbuf b = {0};
	sqlite3_changeset_iter *it;
	char last[64] = "";
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = sqlite3changeset_start(&it, n, (void *)cs)) != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const struct journal_table *t;
		const char *tn;
		unsigned char *pks;
		int ncol, op, ind, npk, pcol;
		sqlite3_value *pk = NULL;

		sqlite3changeset_op(it, &tn, &ncol, &op, &ind);
		sqlite3changeset_pk(it, &pks, &npk);
		t = journal_table(db, tn);
		pcol = t && t->ncol == ncol ? t->person_col : -1;
		if (strcmp(tn, "person") == 0) {
			for (int c = 0; c < ncol && !pk; c++) {
				if (!pks[c])
					continue;
				if (op == SQLITE_INSERT)
					sqlite3changeset_new(it, c, &pk);
				else
					sqlite3changeset_old(it, c, &pk);
			}
			if (is_id(pk, id))
				continue;
		}
		if (strcmp(last, tn) != 0) {
			cs_byte(&b, 'T');
			cs_varint(&b, (uint64_t)ncol);
			cs_put(&b, pks, (size_t)ncol);
			cs_put(&b, tn, strlen(tn) + 1);
			snprintf(last, sizeof last, "%s", tn);
		}
		cs_byte(&b, (unsigned char)op);
		cs_byte(&b, (unsigned char)(ind ? 1 : 0));
		if (op != SQLITE_INSERT)
			cs_record(&b, it, ncol, op, true, pcol, id);
		if (op != SQLITE_DELETE)
			cs_record(&b, it, ncol, op, false, pcol, id);
	}
	sqlite3changeset_finalize(it);
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		free(b.p);
		return db_fail_sqlite(db, rc);
	}
	if (b.oom) {
		free(b.p);
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	}
	*out = b.p;
	*nout = (int)b.n;
	return LAPE_OK;
}

/* The ids of the journal entries about person ID (PK its key as text). */
static int scrub_entries(struct lape_db *db, int64_t id, const char *pk,
                         int64_t **ids, size_t *n)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT DISTINCT entry_id FROM journal_row "
	               "WHERE (tbl = 'person' AND pk = ?1) OR "
	               "person_id = ?2 ORDER BY entry_id",
	               "ti", pk, id);
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return db_status(db);
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		int64_t *ni = realloc(*ids, (*n + 1) * sizeof **ids);

		if (!ni) {
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
			break;
		}
		*ids = ni;
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

/* Entry EID rewritten by changeset_without(), or removed when nothing is
 * left of it. */
static int scrub_entry(struct lape_db *db, int64_t eid, int64_t id,
                       const char *pk)
{
	unsigned char *cs = NULL;
	int ncs = 0, rc;
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT changeset FROM journal WHERE id = ?", "i", eid);

	if (!st)
		return db_status(db);
	rc = db_step(db, st);
	if (rc == SQLITE_ROW)
		rc = changeset_without(db, sqlite3_column_blob(st, 0),
		                       sqlite3_column_bytes(st, 0), id, &cs,
		                       &ncs);
	else if (rc == SQLITE_DONE)
		rc = LAPE_OK;
	sqlite3_finalize(st);
	if (rc != LAPE_OK)
		return rc;
	if (ncs == 0) {
		free(cs);
		rc = db_exec(db, "DELETE FROM journal_row WHERE entry_id = ?",
		             "i", eid);
		if (rc == LAPE_OK)
			rc = db_exec(db, "DELETE FROM journal WHERE id = ?",
			             "i", eid);
		return rc;
	}
	st = db_prepare(db, "UPDATE journal SET changeset = ?1 WHERE id = ?2",
	                NULL);
	if (!st) {
		free(cs);
		return db_status(db);
	}
	sqlite3_bind_blob(st, 1, cs, ncs, free);
	sqlite3_bind_int64(st, 2, eid);
	rc = db_step(db, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc < 0 ? rc : LAPE_ERROR;
	rc = db_exec(db,
	             "DELETE FROM journal_row WHERE entry_id = ?1 "
	             "AND tbl = 'person' AND pk = ?2",
	             "it", eid, pk);
	if (rc == LAPE_OK)
		rc = db_exec(db,
		             "UPDATE journal_row SET person_id = NULL "
		             "WHERE entry_id = ?1 AND person_id = ?2",
		             "ii", eid, id);
	return rc;
}

/* Every journal entry that holds the person ID rewritten: their row's
 * changes go, references to them become NULL, an entry left with nothing
 * goes.  Inside the erase's transaction. */
static int journal_scrub(struct lape_db *db, int64_t id)
{
	char pk[32];
	int64_t *ids;
	size_t n;
	int rc;

	if (!journal_table(db, "person"))
		return LAPE_OK; /* a file without a journal */
	snprintf(pk, sizeof pk, "%lld", (long long)id);
	rc = scrub_entries(db, id, pk, &ids, &n);
	for (size_t i = 0; rc == LAPE_OK && i < n; i++)
		rc = scrub_entry(db, ids[i], id, pk);
	free(ids);
	return rc;
}

/* The one entry an erase leaves in the journal: who and when, the note
 * "erase", no changes (the history shows it as a person erased). */
static int journal_erased(struct lape_db *db)
{
	struct journal_entry e = {0};
	sqlite3_stmt *st;
	int rc;

	if (!journal_table(db, "person"))
		return LAPE_OK;
	st = db_prepare(db, "SELECT lape_user()", NULL);
	if (!st)
		return db_status(db);
	if (db_step(db, st) == SQLITE_ROW)
		e.os_user = db_column_dup(st, 0);
	sqlite3_finalize(st);
	if (!e.os_user)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	journal_uuid(e.uuid);
	journal_now(e.at);
	e.origin = (char *)journal_file_uuid(db);
	e.kind = "change";
	e.note = "erase";
	rc = journal_insert(db, &e);
	free(e.os_user);
	return rc;
}

static int erase_rows(struct lape_db *db, int64_t id, const char *uuid)
{
	static const char *const steps[] = {
	    /* Seats stay: a vacant seat keeps its group, sectors, role,
	     * organisation represented and term. */
	    "UPDATE membership SET person_id = NULL, version = version + 1, "
	    "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	    "WHERE person_id = ?1",
	    "UPDATE change_agent SET person_id = NULL, version = version + 1, "
	    "updated = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
	    "WHERE person_id = ?1",
	    "DELETE FROM person WHERE id = ?1",
	};
	int rc = LAPE_OK;

	for (size_t i = 0; rc == LAPE_OK && i < sizeof steps / sizeof *steps;
	     i++)
		rc = db_exec(db, steps[i], "i", id);
	/* The history about the person goes (the journal, and the audit
	 * rows of files older than it); one entry says that a person was
	 * erased, and by whom. */
	if (rc == LAPE_OK)
		rc = db_exec(db, "DELETE FROM audit WHERE row_uuid = ?", "t",
		             uuid);
	if (rc == LAPE_OK)
		rc = journal_scrub(db, id);
	if (rc == LAPE_OK)
		rc = journal_erased(db);
	return rc;
}

int privacy_erase(struct lape_db *db, int64_t person_id,
                  struct erase_result *res)
{
	char uuid[37];
	int rc;

	if (res)
		res->scrubbed = false;
	if (!sqlite3_get_autocommit(db->sql))
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("a transaction is still open"));
	/* The erase is not journaled as a change: its changeset would hold
	 * everything it removes.  journal_erased() writes its entry. */
	journal_pause(db, true);
	rc = db_begin(db);
	if (rc != LAPE_OK) {
		journal_pause(db, false);
		return rc;
	}
	rc = person_exists(db, person_id, uuid);
	if (rc == LAPE_OK)
		rc = erase_rows(db, person_id, uuid);
	/* the lists' keys, which hold the name and the e-mail address
	 * folded, made again, and the search index merged */
	if (rc == LAPE_OK)
		rc = page_search_scrub(db);
	if (rc == LAPE_OK)
		rc = db_commit(db);
	else
		db_rollback(db);
	journal_pause(db, false);
	if (rc != LAPE_OK)
		return rc;
	if (res)
		res->scrubbed = scrub_file(db);
	else
		scrub_file(db);
	return LAPE_OK;
}
