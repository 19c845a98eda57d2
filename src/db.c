#include <config.h>
/* db.c -- the data file: opening and creating it safely, refusing files it
 * cannot read, migrating the schema, transactions, bound statements and the
 * mapping of SQLite errors to one-line messages. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <wctype.h>

#include "lape/collate.h"
#include "lape/date.h"
#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- errors ------------------------------------------------------------ */

int db_fail(struct lape_db *db, int code, const char *field, const char *fmt,
            ...)
{
	va_list ap;

	if (!db)
		return code;
	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
	va_end(ap);
	for (char *p = db->errmsg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	snprintf(db->errfield, sizeof db->errfield, "%s", field ? field : "");
	return code;
}

/* The status and the translated message for an SQLite result code. */
static int sqlite_status(int rc, const char **msg)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		*msg = _("the data file is busy (another lape is writing); "
		         "try again");
		return LAPE_BUSY;
	case SQLITE_READONLY:
		*msg = _("the data file is read-only");
		return LAPE_READONLY;
	case SQLITE_CORRUPT:
		*msg = _("the data file is damaged (database disk image is "
		         "malformed); restore it from a backup");
		return LAPE_ERROR;
	case SQLITE_NOTADB:
		*msg = _("not a lape data file (file is not a database)");
		return LAPE_ERROR;
	case SQLITE_FULL:
		*msg = _("the disk is full");
		return LAPE_ERROR;
	case SQLITE_CANTOPEN:
		*msg = _("cannot open the data file");
		return LAPE_ERROR;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		*msg = _("permission denied");
		return LAPE_ERROR;
	case SQLITE_IOERR:
		*msg = _("input/output error on the data file");
		return LAPE_ERROR;
	case SQLITE_NOMEM:
		*msg = _("out of memory");
		return LAPE_ERROR;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			*msg = _("refers to a record that does not exist, or "
			         "the record is still in use");
		else if (rc == SQLITE_CONSTRAINT_UNIQUE ||
		         rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			*msg = _("such a record already exists");
		else if (rc == SQLITE_CONSTRAINT_NOTNULL)
			*msg = _("a required field is missing");
		else
			*msg = _("a field has a value that is not allowed");
		return LAPE_INVALID;
	default:
		*msg = NULL;
		return LAPE_ERROR;
	}
}

int db_fail_sqlite(struct lape_db *db, int rc)
{
	const char *msg;
	int code = sqlite_status(rc, &msg);

	if (!msg)
		return db_fail(db, code, NULL, "%s",
		               db && db->sql ? sqlite3_errmsg(db->sql)
		                             : sqlite3_errstr(rc));
	return db_fail(db, code, NULL, "%s", msg);
}

const char *db_errmsg(const struct lape_db *db)
{
	return db ? db->errmsg : "";
}

const char *db_errfield(const struct lape_db *db)
{
	return db ? db->errfield : "";
}

/* ---- statements -------------------------------------------------------- */

/* Prepared statements kept for reuse: the store runs the same few
 * statements for every record it saves. */
#define STMT_CACHE_SIZE 64

struct stmt_cache {
	struct {
		char *sql;
		sqlite3_stmt *st;
		bool busy;
	} e[STMT_CACHE_SIZE];
	int n, next;
};

static void cache_free(struct stmt_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++) {
		sqlite3_finalize(c->e[i].st);
		free(c->e[i].sql);
	}
	free(c);
}

/* Keep ST for SQL, replacing an idle entry when the cache is full. */
static void cache_put(struct lape_db *db, const char *sql, sqlite3_stmt *st)
{
	struct stmt_cache *c = db->cache;
	char *copy;
	int at = -1;

	if (!c && !(c = db->cache = calloc(1, sizeof *c)))
		return;
	if (c->n < STMT_CACHE_SIZE) {
		at = c->n;
	} else {
		for (int k = 0; k < STMT_CACHE_SIZE && at < 0; k++) {
			int i = (c->next + k) % STMT_CACHE_SIZE;

			if (!c->e[i].busy)
				at = i;
		}
		if (at < 0)
			return;
		c->next = (at + 1) % STMT_CACHE_SIZE;
	}
	copy = strdup(sql);
	if (!copy)
		return;
	if (at < c->n) {
		sqlite3_finalize(c->e[at].st);
		free(c->e[at].sql);
	} else {
		c->n++;
	}
	c->e[at].sql = copy;
	c->e[at].st = st;
	c->e[at].busy = true;
}

/* A statement for SQL: an idle cached one, else a new one (cached when
 * CACHE).  NULL with *CODE on error. */
static sqlite3_stmt *get_stmt(struct lape_db *db, const char *sql, bool cache,
                              int *code)
{
	struct stmt_cache *c = db->cache;
	sqlite3_stmt *st = NULL;
	int rc;

	for (int i = 0; cache && c && i < c->n; i++)
		if (!c->e[i].busy && strcmp(c->e[i].sql, sql) == 0) {
			c->e[i].busy = true;
			return c->e[i].st;
		}
	rc = sqlite3_prepare_v3(
	    db->sql, sql, -1, cache ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		*code = db_fail_sqlite(db, sqlite3_extended_errcode(db->sql));
		return NULL;
	}
	if (cache)
		cache_put(db, sql, st);
	return st;
}

void db_release(struct lape_db *db, sqlite3_stmt *st)
{
	struct stmt_cache *c = db ? db->cache : NULL;

	if (!st)
		return;
	for (int i = 0; c && i < c->n; i++)
		if (c->e[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->e[i].busy = false;
			return;
		}
	sqlite3_finalize(st);
}

static sqlite3_stmt *prepare_va(struct lape_db *db, int *code, const char *sql,
                                bool cache, const char *fmt, va_list ap)
{
	sqlite3_stmt *st = get_stmt(db, sql, cache, code);
	int rc = SQLITE_OK, i = 1;

	if (!st)
		return NULL;
	for (const char *f = fmt ? fmt : ""; *f; f++, i++) {
		int64_t v;
		const char *t;

		switch (*f) {
		case 'i':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
			break;
		case 'I':
			v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(st, i, v)
			       : sqlite3_bind_null(st, i);
			break;
		case 'd':
			rc = sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 't':
			t = va_arg(ap, const char *);
			rc = t ? sqlite3_bind_text(st, i, t, -1,
			                           SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, i);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
		if (rc != SQLITE_OK) {
			*code = db_fail_sqlite(db, rc);
			if (cache)
				db_release(db, st);
			else
				sqlite3_finalize(st);
			return NULL;
		}
	}
	return st;
}

sqlite3_stmt *db_prepare(struct lape_db *db, const char *sql, const char *fmt,
                         ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int code;

	va_start(ap, fmt);
	st = prepare_va(db, &code, sql, false, fmt, ap);
	va_end(ap);
	return st;
}

sqlite3_stmt *db_prepare_cached(struct lape_db *db, const char *sql,
                                const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int code;

	va_start(ap, fmt);
	st = prepare_va(db, &code, sql, true, fmt, ap);
	va_end(ap);
	return st;
}

int db_step(struct lape_db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	rc = sqlite3_extended_errcode(db->sql);
	return db_fail_sqlite(db, rc);
}

int db_exec(struct lape_db *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc;

	va_start(ap, fmt);
	st = prepare_va(db, &rc, sql, true, fmt, ap);
	va_end(ap);
	if (!st)
		return rc;
	while ((rc = db_step(db, st)) == SQLITE_ROW)
		;
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

int db_strdup(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

char *db_column_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? strdup((const char *)t) : NULL;
}

/* ---- transactions ------------------------------------------------------ */

int db_begin(struct lape_db *db)
{
	if (sqlite3_db_readonly(db->sql, "main") == 1)
		return db_fail(db, LAPE_READONLY, NULL, "%s",
		               _("the data file is read-only"));
	return db_exec(db, "BEGIN IMMEDIATE", NULL);
}

int db_commit(struct lape_db *db)
{
	int rc = db_exec(db, "COMMIT", NULL);

	if (rc != LAPE_OK)
		db_rollback(db);
	return rc;
}

void db_rollback(struct lape_db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
}

int db_txn_start(struct lape_db *db, bool *own)
{
	*own = sqlite3_get_autocommit(db->sql) != 0;
	if (*own)
		return db_begin(db);
	return db_exec(db, "SAVEPOINT lape_store", NULL);
}

int db_txn_end(struct lape_db *db, bool own, int rc)
{
	if (own) {
		if (rc == LAPE_OK)
			return db_commit(db);
		db_rollback(db);
		return rc;
	}
	if (rc != LAPE_OK)
		sqlite3_exec(db->sql, "ROLLBACK TO lape_store", NULL, NULL,
		             NULL);
	sqlite3_exec(db->sql, "RELEASE lape_store", NULL, NULL, NULL);
	return rc;
}

/* ---- field checks ------------------------------------------------------ */

bool db_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

const char *db_check_text(const char *s, size_t max, bool required)
{
	size_t len, chars = 0;
	bool oneline = max <= DB_TEXT_SHORT;

	if (db_blank(s))
		return required ? _("is required") : NULL;
	len = strlen(s);
	if (!utf8_valid(s, len))
		return _("not valid UTF-8 text");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xc0) != 0x80)
			chars++;
		if (*p == 0x7f ||
		    (*p < 0x20 &&
		     (oneline || (*p != '\n' && *p != '\t' && *p != '\r'))))
			return oneline ? _("must be one line of text")
			               : _("contains control characters");
	}
	if (chars > max)
		return max <= DB_TEXT_SHORT
		           ? _("too long (at most 300 characters)")
		           : _("too long (at most 10000 characters)");
	return NULL;
}

const char *db_check_date(const char *s)
{
	char iso[11];

	if (db_blank(s))
		return NULL;
	if (!utf8_valid(s, strlen(s)))
		return _("not valid UTF-8 text");
	if (date_parse(s, iso) != 0)
		return _("not a date (write 2016-10-01 or 1.10.2016)");
	return NULL;
}

int db_norm_date(char **s)
{
	char iso[11];
	char *n;

	if (db_blank(*s)) {
		free(*s);
		*s = NULL;
		return LAPE_OK;
	}
	if (date_parse(*s, iso) != 0)
		return LAPE_INVALID;
	n = strdup(iso);
	if (!n)
		return LAPE_ERROR;
	free(*s);
	*s = n;
	return LAPE_OK;
}

/* ---- SQL functions and collation ------------------------------------- */

/* lape_user(): the OS user, for the audit triggers. */
static void sql_user(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_text(ctx, sqlite3_user_data(ctx), -1, SQLITE_STATIC);
}

static char *os_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	char buf[32];

	if (pw && pw->pw_name && *pw->pw_name)
		return strdup(pw->pw_name);
	snprintf(buf, sizeof buf, "uid %ld", (long)geteuid());
	return strdup(buf);
}

/* Lower case for searching: ASCII and Latin-1/Latin Extended-A by table
 * (so å, ä, ö fold whatever the locale), the rest by towlower(). */
static unsigned fold_cp(unsigned c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	return (unsigned)towlower((wint_t)c);
}

static size_t put_utf8(unsigned c, unsigned char *o)
{
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xc0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/* lape_fold(text): TEXT in lower case, for case-insensitive search. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	int len = sqlite3_value_bytes(argv[0]);
	unsigned char *out, *o;
	bool plain = true;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	for (int i = 0; i < len && plain; i++)
		if ((unsigned char)s[i] >= 0x80 || (s[i] >= 'A' && s[i] <= 'Z'))
			plain = false;
	if (plain) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	/* A folded character never needs more than 4 bytes. */
	out = sqlite3_malloc64((sqlite3_uint64)len * 2 + 4);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	o = out;
	for (const char *end = s + len; s < end;) {
		unsigned cp;
		size_t n = utf8_decode(s, &cp);

		if (n == 0)
			break;
		o += put_utf8(fold_cp(cp), o);
		s += n;
	}
	sqlite3_result_text(ctx, (char *)out, (int)(o - out), sqlite3_free);
}

static int sql_collate_fi(void *arg, int alen, const void *a, int blen,
                          const void *b)
{
	const unsigned char *x = a, *y = b;
	int i = 0, n = alen < blen ? alen : blen;

	(void)arg;
	/* A common prefix weighs the same on both sides: skip it (back to
	 * the start of a character), since sorting compares many names that
	 * begin alike. */
	while (i < n && x[i] == y[i])
		i++;
	while (i > 0 && i < n && (x[i] & 0xc0) == 0x80)
		i--;
	return collate_fi_n((const char *)x + i, (size_t)(alen - i),
	                    (const char *)y + i, (size_t)(blen - i));
}

static int register_functions(sqlite3 *sql)
{
	char *user = os_user();
	int rc;

	if (!user)
		return SQLITE_NOMEM;
	rc = sqlite3_create_function_v2(sql, "lape_user", 0,
	                                SQLITE_UTF8 | SQLITE_INNOCUOUS, user,
	                                sql_user, NULL, NULL, free);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_create_function_v2(sql, "lape_fold", 1,
	                                SQLITE_UTF8 | SQLITE_INNOCUOUS |
	                                    SQLITE_DETERMINISTIC,
	                                NULL, sql_fold, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_collation_v2(sql, "FI", SQLITE_UTF8, NULL,
	                                   sql_collate_fi, NULL);
}

/* ---- meta -------------------------------------------------------------- */

char *db_meta_get(struct lape_db *db, const char *key)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db, "SELECT value FROM meta WHERE key=?", "t", key);
	char *v = NULL;

	if (!st)
		return NULL;
	if (db_step(db, st) == SQLITE_ROW)
		v = db_column_dup(st, 0);
	db_release(db, st);
	return v;
}

int db_meta_set(struct lape_db *db, const char *key, const char *value)
{
	return db_exec(db,
	               "INSERT INTO meta(key, value) VALUES (?1, ?2) "
	               "ON CONFLICT(key) DO UPDATE SET value=?2, "
	               "updated=strftime('%Y-%m-%dT%H:%M:%fZ','now')",
	               "tt", key, value);
}

/* ---- schema version and migrations ----------------------------------- */

static int user_version(sqlite3 *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(sql, "PRAGMA user_version", -1, &st, NULL);

	if (rc != SQLITE_OK)
		return sqlite3_extended_errcode(sql);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	} else {
		rc = sqlite3_extended_errcode(sql);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_schema_version(struct lape_db *db)
{
	int v = -1;

	if (user_version(db->sql, &v) != SQLITE_OK)
		return -1;
	return v;
}

static bool is_memory(const char *path)
{
	return strcmp(path, ":memory:") == 0 || path[0] == '\0';
}

/* Create an empty file PATH mode 0600; 0, or -1 with errno (EEXIST...). */
static int create_private(const char *path)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

	if (fd < 0)
		return -1;
	if (fchmod(fd, 0600) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Copy the file to PATH.vOLD.bak (or .bak.2, .3, ... when that exists) before
 * migrating it, mode 0600. */
static int backup_before(struct lape_db *db, int old)
{
	size_t len = strlen(db->path) + 32;
	char *name = malloc(len);
	int rc = LAPE_ERROR;

	if (!name)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(name, len, "%s.v%d.bak", db->path, old);
		else
			snprintf(name, len, "%s.v%d.bak.%d", db->path, old, i);
		if (create_private(name) == 0) {
			rc = LAPE_OK;
			break;
		}
		if (errno != EEXIST) {
			rc = db_fail(db, LAPE_ERROR, NULL,
			             _("cannot save a copy before upgrading: "
			               "%s: %s"),
			             name, strerror(errno));
			free(name);
			return rc;
		}
	}
	if (rc != LAPE_OK) {
		free(name);
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("cannot save a copy before upgrading: too "
		                 "many old copies"));
	}
	rc = db_exec(db, "VACUUM INTO ?", "t", name);
	if (rc != LAPE_OK)
		unlink(name);
	free(name);
	return rc;
}

static void set_errbuf(struct lape_db *db, char *errbuf, size_t errlen)
{
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "%s: %s", db->path, db->errmsg);
}

static int run_migrations(struct lape_db *db, const struct db_migration *list,
                          int count, int cur)
{
	char pragma[64];
	int target = cur;

	for (int i = 0; i < count; i++) {
		char *err = NULL;

		if (list[i].version <= cur)
			continue;
		if (sqlite3_exec(db->sql, list[i].sql, NULL, NULL, &err) !=
		    SQLITE_OK) {
			int rc = sqlite3_extended_errcode(db->sql);
			const char *msg;

			sqlite_status(rc, &msg);
			db_fail(db, LAPE_ERROR, NULL,
			        _("cannot upgrade the data file to format %d: "
			          "%s"),
			        list[i].version,
			        msg   ? msg
			        : err ? err
			              : "?");
			sqlite3_free(err);
			return LAPE_ERROR;
		}
		target = list[i].version;
	}
	/* PRAGMA takes no parameters: the number is ours, not user input. */
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", target);
	return db_exec(db, pragma, NULL);
}

/* Upgrade from CUR to LAST: a copy first, then one transaction. */
static int migrate_from(struct lape_db *db, const struct db_migration *list,
                        int count, int cur, int last)
{
	int rc;

	if (sqlite3_db_readonly(db->sql, "main") == 1)
		return db_fail(db, LAPE_READONLY, NULL, "%s",
		               _("the data file is read-only and needs an "
		                 "upgrade"));
	if (cur >= 1 && !is_memory(db->path)) {
		rc = backup_before(db, cur);
		if (rc != LAPE_OK)
			return rc;
	}
	rc = db_begin(db);
	if (rc != LAPE_OK)
		return rc;
	/* Another lape may have upgraded it meanwhile. */
	rc = user_version(db->sql, &cur);
	if (rc != SQLITE_OK) {
		rc = db_fail_sqlite(db, rc);
		db_rollback(db);
		return rc;
	}
	if (cur >= last) {
		db_rollback(db);
		return LAPE_OK;
	}
	rc = run_migrations(db, list, count, cur);
	if (rc != LAPE_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int db_migrate(struct lape_db *db, const struct db_migration *list, int count,
               char *errbuf, size_t errlen)
{
	int cur, rc, last;

	if (count <= 0)
		return LAPE_OK;
	for (int i = 0; i < count; i++)
		if (list[i].version != i + 1 || !list[i].sql) {
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("the migrations are not numbered in "
			               "order"));
			goto fail;
		}
	last = list[count - 1].version;
	rc = user_version(db->sql, &cur);
	if (rc != SQLITE_OK) {
		rc = db_fail_sqlite(db, rc);
		goto fail;
	}
	if (cur >= last)
		return LAPE_OK;
	rc = migrate_from(db, list, count, cur, last);
	if (rc == LAPE_OK)
		return LAPE_OK;
fail:
	set_errbuf(db, errbuf, errlen);
	return rc;
}

/* ---- opening ----------------------------------------------------------- */

/* mkdir -p the directory part of PATH; directories it creates get 0700. */
static int make_parents(const char *path)
{
	char *dir = strdup(path);
	char *slash;
	int rc = 0;

	if (!dir)
		return -1;
	slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		bool end = *p == '\0';

		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == 0) {
			if (chmod(dir, 0700) != 0) {
				rc = -1;
				break;
			}
		} else if (errno != EEXIST) {
			rc = -1;
			break;
		}
		if (end)
			break;
		*p = '/';
	}
	free(dir);
	return rc;
}

static long busy_timeout(void)
{
	const char *e = getenv("LAPE_BUSY_TIMEOUT");
	char *end;
	long ms;

	if (!e || !*e)
		return 5000;
	errno = 0;
	ms = strtol(e, &end, 10);
	if (errno || *end || ms < 0 || ms > INT_MAX)
		return 5000;
	return ms;
}

static int open_fail(struct lape_db *db, int code, char *errbuf, size_t errlen)
{
	set_errbuf(db, errbuf, errlen);
	db_close(db);
	return code;
}

/* Check PATH on disk; create it when asked.  Sets *READONLY. */
static int prepare_file(struct lape_db *db, int flags, bool *readonly)
{
	struct stat sb;

	if (stat(db->path, &sb) != 0) {
		if (errno != ENOENT)
			return db_fail(db, LAPE_ERROR, NULL, "%s",
			               strerror(errno));
		if (!(flags & DB_OPEN_CREATE))
			return db_fail(db, LAPE_NOTFOUND, NULL, "%s",
			               _("no data file here; create it with "
			                 "'lape init'"));
		if (make_parents(db->path) != 0 ||
		    (create_private(db->path) != 0 && errno != EEXIST))
			return db_fail(
			    db,
			    errno == EACCES || errno == EROFS ? LAPE_READONLY
			                                      : LAPE_ERROR,
			    NULL, _("cannot create the data file: %s"),
			    strerror(errno));
		db->created = true;
		if (stat(db->path, &sb) != 0)
			return db_fail(db, LAPE_ERROR, NULL, "%s",
			               strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("not a lape data file (not a regular file)"));
	if (access(db->path, R_OK) != 0)
		return db_fail(db, LAPE_ERROR, NULL,
		               _("cannot read the data file: %s"),
		               strerror(errno));
	/* No write bit counts as read-only even for root. */
	*readonly = access(db->path, W_OK) != 0 || !(sb.st_mode & 0222);
	return LAPE_OK;
}

/* Refuse what this lape cannot read, before anything writes to the file. */
static int check_format(struct lape_db *db)
{
	int v = 0, rc = user_version(db->sql, &v);

	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	if (v > LAPE_SCHEMA_VERSION)
		return db_fail(db, LAPE_ERROR, NULL,
		               _("written by a newer lape (data format %d; "
		                 "this lape reads up to %d)"),
		               v, LAPE_SCHEMA_VERSION);
	if (v == 0) {
		sqlite3_stmt *st =
		    db_prepare(db, "SELECT count(*) FROM sqlite_master", NULL);

		if (!st)
			return LAPE_ERROR;
		rc = db_step(db, st);
		if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0)
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("not a lape data file (it holds other "
			               "tables)"));
		else
			rc = rc == SQLITE_ROW ? LAPE_OK : rc;
		sqlite3_finalize(st);
		return rc;
	}
	return LAPE_OK;
}

static int setup_connection(struct lape_db *db, bool readonly)
{
	int rc;

	rc = db_exec(db, "PRAGMA foreign_keys=ON", NULL);
	if (rc != LAPE_OK || readonly || is_memory(db->path))
		return rc;
	rc = db_exec(db, "PRAGMA journal_mode=WAL", NULL);
	if (rc != LAPE_OK)
		return rc;
	return db_exec(db, "PRAGMA synchronous=NORMAL", NULL);
}

int db_open(const char *path, int flags, struct lape_db **out, char *errbuf,
            size_t errlen)
{
	struct lape_db *db;
	bool readonly = false;
	int rc, oflags;

	*out = NULL;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path ? path : ":memory:"))) {
		free(db);
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s: %s", path ? path : "",
			         _("out of memory"));
		return LAPE_ERROR;
	}
	if (!is_memory(db->path)) {
		rc = prepare_file(db, flags, &readonly);
		if (rc != LAPE_OK)
			return open_fail(db, rc, errbuf, errlen);
	}
	oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (is_memory(db->path))
		oflags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(db->path, &db->sql, oflags, NULL);
	if (rc != SQLITE_OK)
		return open_fail(db, db_fail_sqlite(db, rc), errbuf, errlen);
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_busy_timeout(db->sql, (int)busy_timeout());
	rc = register_functions(db->sql);
	if (rc != SQLITE_OK)
		return open_fail(db, db_fail_sqlite(db, rc), errbuf, errlen);
	rc = check_format(db);
	if (rc == LAPE_OK)
		rc = setup_connection(db, readonly);
	if (rc != LAPE_OK)
		return open_fail(db, rc, errbuf, errlen);
	rc = db_migrate(db, schema_migrations, schema_migration_count, NULL, 0);
	if (rc != LAPE_OK)
		return open_fail(db, rc, errbuf, errlen);
	*out = db;
	return LAPE_OK;
}

void db_set_busy_timeout(struct lape_db *db, int ms)
{
	sqlite3_busy_timeout(db->sql, ms);
}

void db_close(struct lape_db *db)
{
	if (!db)
		return;
	cache_free(db->cache);
	if (db->sql)
		sqlite3_close_v2(db->sql);
	free(db->path);
	free(db);
}

char *db_default_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	const char *tail = "/lape/lape.db";
	char *p;

	if (xdg && xdg[0] == '/') {
		if (asprintf(&p, "%s%s", xdg, tail) < 0)
			return NULL;
		return p;
	}
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return NULL;
	if (asprintf(&p, "%s/.local/share%s", home, tail) < 0)
		return NULL;
	return p;
}

/* ---- helpers for the store modules ------------------------------------ */

/* How REF can be read: as an id, as a uuid prefix (lower-cased into
 * PREFIX), or only as a name. */
static void ref_kinds(const char *ref, int64_t *id, char *prefix, size_t size)
{
	size_t len = strlen(ref), hex = 0;
	char *end;

	*id = 0;
	prefix[0] = '\0';
	if (len > 0 && len < 19 && strspn(ref, "0123456789") == len)
		*id = strtoll(ref, &end, 10); /* also a uuid prefix */
	if (len >= 8 && len < size &&
	    strspn(ref, "0123456789abcdefABCDEF-") == len) {
		for (size_t i = 0; i < len; i++) {
			prefix[i] =
			    (char)(ref[i] >= 'A' && ref[i] <= 'F' ? ref[i] + 32
			                                          : ref[i]);
			hex += ref[i] != '-';
		}
		prefix[len] = '\0';
		if (hex < 8)
			prefix[0] = '\0';
	}
}

/* Run the find query with one kind of REF; *N gets the matches. */
static int find_tier(struct lape_db *db, const char *sql, int64_t id,
                     const char *prefix, const char *name, int64_t *out, int *n)
{
	sqlite3_stmt *st = db_prepare_cached(db, sql, "Itt", id, prefix, name);
	int rc;

	*n = 0;
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, 0);

		if (*n == 0 || v != *out)
			(*n)++;
		*out = v;
	}
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

int db_find_ref(struct lape_db *db, const char *sql, const char *ref,
                const char *field, int64_t *id)
{
	char prefix[UUID_LEN + 1];
	int64_t num;
	int rc, n = 0;

	*id = 0;
	if (db_blank(ref))
		return db_fail(db, LAPE_NOTFOUND, field, _("not found: %s"),
		               "");
	ref_kinds(ref, &num, prefix, sizeof prefix);
	if (num) {
		rc = find_tier(db, sql, num, NULL, NULL, id, &n);
		if (rc != LAPE_OK || n)
			goto done;
	}
	if (prefix[0]) {
		rc = find_tier(db, sql, 0, prefix, NULL, id, &n);
		if (rc != LAPE_OK || n)
			goto done;
	}
	rc = find_tier(db, sql, 0, NULL, ref, id, &n);
done:
	if (rc != LAPE_OK)
		return rc;
	if (n == 0) {
		*id = 0;
		return db_fail(db, LAPE_NOTFOUND, field, _("not found: %s"),
		               ref);
	}
	if (n > 1) {
		*id = 0;
		return db_fail(db, LAPE_AMBIGUOUS, field,
		               _("several records match: %s; use the number "
		                 "or the uuid"),
		               ref);
	}
	return LAPE_OK;
}

int db_inserted(struct lape_db *db, const char *sql, int64_t *id, char *uuid,
                int64_t *version)
{
	sqlite3_stmt *st;
	int rc;

	*id = sqlite3_last_insert_rowid(db->sql);
	st = db_prepare_cached(db, sql, "i", *id);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW) {
		const char *u = (const char *)sqlite3_column_text(st, 0);

		snprintf(uuid, UUID_LEN + 1, "%s", u ? u : "");
		*version = sqlite3_column_int64(st, 1);
		rc = LAPE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = db_fail(db, LAPE_ERROR, NULL, "%s",
		             _("the new record vanished"));
	}
	db_release(db, st);
	return rc;
}

int db_updated(struct lape_db *db, const char *exists_sql, int64_t id)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_changes(db->sql) > 0)
		return LAPE_OK;
	st = db_prepare_cached(db, exists_sql, "i", id);
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	db_release(db, st);
	if (rc == SQLITE_ROW)
		return db_fail(db, LAPE_CONFLICT, NULL, "%s",
		               _("someone else changed this record after you "
		                 "opened it; open it again"));
	if (rc == SQLITE_DONE)
		return db_fail(db, LAPE_NOTFOUND, NULL, "%s",
		               _("the record no longer exists"));
	return rc;
}

/* PRAGMA data_version: a number that changes when another connection
 * commits to the file (not this one's own writes), for the screens to
 * notice a change made elsewhere cheaply.  -1 on error.  Runs to the end,
 * so no read transaction is left open. */
int64_t db_data_version(struct lape_db *db)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db->sql, "PRAGMA data_version", -1, &st,
	                       NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}
