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
/* db.c -- the data file: opening and creating it safely, refusing files it
 * cannot read, migrating the schema, transactions, bound statements and the
 * mapping of SQLite errors to one-line messages. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#include "lape/collate.h"
#include "lape/date.h"
#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/path.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- errors ------------------------------------------------------------ */

/* A built file not written for this long, and not locked, was left by a
 * builder that died. */
#define DB_BUILD_STALE 60

#define DB_STR_(x) #x
#define DB_STR(x) DB_STR_(x)

static bool is_memory(const char *path);
static char *path_with(const char *path, const char *suffix);
static int make_parents(const char *path);

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
	db->errcode = code;
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
		         "malformed); lape verify tells where");
		return LAPE_CORRUPT;
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

/* The directory that holds PATH ("." when it names none).  Caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* The name of the user who owns UID, or "uid N", into BUF. */
static void owner_name(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);

	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "uid %ld", (long)uid);
}

/* A -wal or -shm file beside the data file that this user cannot open
 * for WANT (R_OK, W_OK), left by another user's lape: the message, or
 * LAPE_OK when there is none. */
static int sidecar_fail(struct lape_db *db, int code, int want)
{
	static const char *const suffix[] = {"-shm", "-wal"};
	char owner[64];
	struct stat sb;
	int rc = LAPE_OK;

	for (size_t i = 0; i < 2 && rc == LAPE_OK; i++) {
		char *name;

		if (asprintf(&name, "%s%s", db->path, suffix[i]) < 0)
			return LAPE_OK;
		if (stat(name, &sb) == 0 && access(name, want) != 0) {
			owner_name(sb.st_uid, owner, sizeof owner);
			rc = db_fail(db, code, NULL,
			             want == R_OK
			                 ? _("cannot read %s: it belongs to "
			                     "%s and is not readable by you")
			                 : _("cannot write %s: it belongs to "
			                     "%s and is read-only to you"),
			             name, owner);
		}
		free(name);
	}
	return rc;
}

/* A write refused: say what is read-only, the file or its directory. */
static int fail_readonly(struct lape_db *db, bool upgrade)
{
	char *dir;
	int rc;

	if (db->readonly_why == DB_RO_CHOSEN)
		return db_fail(db, LAPE_READONLY, NULL, "%s",
		               upgrade
		                   ? _("opened read-only (--read-only), and "
		                       "the data file needs an upgrade")
		                   : _("opened read-only (--read-only)"));
	if (db->readonly_why == DB_RO_FILE || db->readonly_why == DB_RO_NONE)
		return db_fail(db, LAPE_READONLY, NULL, "%s",
		               upgrade ? _("the data file is read-only and "
		                           "needs an upgrade")
		                       : _("the data file is read-only"));
	dir = dir_of(db->path);
	if (!dir)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	if (db->readonly_why == DB_RO_BOTH)
		rc = db_fail(db, LAPE_READONLY, NULL,
		             _("the data file and its directory %s are "
		               "read-only"),
		             dir);
	else
		rc = db_fail(db, LAPE_READONLY, NULL,
		             _("the directory %s is read-only"), dir);
	free(dir);
	return rc;
}

bool db_readonly(const struct lape_db *db)
{
	return db && (db->readonly_why != DB_RO_NONE ||
	              (db->sql && sqlite3_db_readonly(db->sql, "main") == 1));
}

const char *db_readonly_reason(const struct lape_db *db)
{
	static char reason[sizeof db->errmsg];
	struct lape_db *rw = (struct lape_db *)db;
	char msg[sizeof db->errmsg], field[sizeof db->errfield];
	int code;

	if (!db_readonly(db))
		return "";
	/* fail_readonly() words it; the last error stays as it was. */
	memcpy(msg, db->errmsg, sizeof msg);
	memcpy(field, db->errfield, sizeof field);
	code = db->errcode;
	fail_readonly(rw, false);
	memcpy(reason, db->errmsg, sizeof reason);
	memcpy(rw->errmsg, msg, sizeof msg);
	memcpy(rw->errfield, field, sizeof field);
	rw->errcode = code;
	return reason;
}

/* chgrp GID and chmod MODE one file or directory, if it is there.  0,
 * else -1 with errno. */
static int share_one(const char *name, gid_t gid, mode_t mode)
{
	struct stat sb;

	if (lstat(name, &sb) != 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISLNK(sb.st_mode)) {
		errno = ELOOP;
		return -1;
	}
	if (sb.st_gid != gid && chown(name, (uid_t)-1, gid) != 0)
		return -1;
	/* Only the owner may chmod: a directory the administrator made
	 * right is left as it is. */
	if ((sb.st_mode & 07777) == mode)
		return 0;
	return chmod(name, mode);
}

/* share_one() for a file beside the data file, NAME, which it frees.
 * LAPE_OK, or LAPE_ERROR with the message in ERR. */
static int share_file(char *name, gid_t gid, char *err, size_t errlen)
{
	int rc = LAPE_OK;

	if (share_one(name, gid, 0660) != 0) {
		snprintf(err, errlen, _("cannot share %s: %s"), name,
		         strerror(errno));
		rc = LAPE_ERROR;
	}
	free(name);
	return rc;
}

int db_share(const char *path, gid_t gid, char *err, size_t errlen)
{
	static const char *const beside[] = {"", "-wal", "-shm"};
	char *dir = dir_of(path), *name;
	const char *base = strrchr(path, '/');
	struct dirent *e;
	DIR *d;
	int rc = LAPE_OK;

	if (!dir) {
		snprintf(err, errlen, "%s", _("out of memory"));
		return LAPE_ERROR;
	}
	base = base ? base + 1 : path;
	if (make_parents(path) != 0 || share_one(dir, gid, 02770) != 0) {
		snprintf(err, errlen, _("cannot share the directory %s: %s"),
		         dir, strerror(errno));
		free(dir);
		return LAPE_ERROR;
	}
	for (size_t i = 0; i < 3 && rc == LAPE_OK; i++) {
		if (!(name = path_with(path, beside[i])))
			break;
		rc = share_file(name, gid, err, errlen);
	}
	/* The copies saved before upgrades: PATH.vN.bak[.K]. */
	d = rc == LAPE_OK ? opendir(dir) : NULL;
	while (d && rc == LAPE_OK && (e = readdir(d)) != NULL) {
		size_t len = strlen(base);

		if (strncmp(e->d_name, base, len) != 0 ||
		    strncmp(e->d_name + len, ".v", 2) != 0 ||
		    !strstr(e->d_name + len, ".bak"))
			continue;
		if (asprintf(&name, "%s/%s", dir, e->d_name) < 0)
			break;
		rc = share_file(name, gid, err, errlen);
	}
	if (d)
		closedir(d);
	free(dir);
	return rc;
}

/* Read-only or unopenable for a reason beside the data file itself: a
 * directory or another user's -wal or -shm.  The status, or LAPE_OK when
 * the general message fits. */
static int fail_beside(struct lape_db *db, int rc)
{
	if (!db || is_memory(db->path))
		return LAPE_OK;
	if (rc == SQLITE_READONLY_DIRECTORY) {
		if (db->readonly_why == DB_RO_NONE)
			db->readonly_why = DB_RO_DIR;
		return fail_readonly(db, false);
	}
	if ((rc & 0xff) == SQLITE_READONLY) {
		if (db->readonly_why != DB_RO_NONE)
			return fail_readonly(db, false);
		return sidecar_fail(db, LAPE_READONLY, W_OK);
	}
	if ((rc & 0xff) == SQLITE_CANTOPEN)
		return sidecar_fail(db, LAPE_ERROR, R_OK);
	return LAPE_OK;
}

/* What the system said when SQLite's I/O failed, when it tells more than
 * "input/output error": a full disk above all.  NULL otherwise. */
static const char *errno_message(int e)
{
	switch (e) {
	case ENOSPC:
		return _("the disk is full");
	case EDQUOT:
		return _("the disk quota is full");
	case EFBIG:
		return _("the file size limit (ulimit -f) was reached");
	case EROFS:
		return _("the file system is read-only");
	default:
		return NULL;
	}
}

/* Why SQLite's I/O on DB failed, when the system can tell: its errno
 * (SQLite keeps the last one of the connection, and of the main file), or
 * failing that, what is plainly so -- a file at the size limit, a disk
 * with no room left.  NULL when nothing is known. */
static const char *io_diagnosis(struct lape_db *db)
{
	static const char *const suffix[] = {"", "-wal", "-journal", "-shm"};
	struct rlimit lim;
	struct statvfs fs;
	struct stat sb;
	const char *base = db->build_path ? db->build_path : db->path;
	char *dir;
	int e = sqlite3_system_errno(db->sql);
	bool full;

	if (errno_message(e))
		return errno_message(e);
	if (sqlite3_file_control(db->sql, "main", SQLITE_FCNTL_LAST_ERRNO,
	                         &e) == SQLITE_OK &&
	    errno_message(e))
		return errno_message(e);
	if (getrlimit(RLIMIT_FSIZE, &lim) == 0 &&
	    lim.rlim_cur != RLIM_INFINITY) {
		for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
			char *name = path_with(base, suffix[i]);
			bool at = name && stat(name, &sb) == 0 &&
			          (rlim_t)sb.st_size + 65536 >= lim.rlim_cur;

			free(name);
			if (at)
				return errno_message(EFBIG);
		}
	}
	dir = dir_of(base);
	full = dir && statvfs(dir, &fs) == 0 &&
	       (uint64_t)fs.f_bavail * fs.f_frsize < 1024 * 1024;
	free(dir);
	return full ? errno_message(ENOSPC) : NULL;
}

int db_fail_sqlite(struct lape_db *db, int rc)
{
	const char *msg;
	int code = sqlite_status(rc, &msg), beside;

	beside = fail_beside(db, rc);
	if (beside != LAPE_OK)
		return beside;
	if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_FULL ||
	     (rc & 0xff) == SQLITE_CANTOPEN) &&
	    db && db->sql && !is_memory(db->path) && io_diagnosis(db))
		msg = io_diagnosis(db);
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

int db_status(const struct lape_db *db)
{
	return db ? db->errcode : LAPE_OK;
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

int db_found(struct lape_db *db, sqlite3_stmt *st, bool *found)
{
	int rc;

	*found = false;
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	db_release(db, st);
	*found = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? LAPE_OK : rc;
}

char *db_first_text(struct lape_db *db, sqlite3_stmt *st)
{
	char *v = NULL;

	if (!st)
		return NULL;
	if (db_step(db, st) == SQLITE_ROW)
		v = db_column_dup(st, 0);
	db_release(db, st);
	return v;
}

/* ---- transactions ------------------------------------------------------ */

int db_begin(struct lape_db *db)
{
	int rc;

	if (db->readonly_why != DB_RO_NONE ||
	    sqlite3_db_readonly(db->sql, "main") == 1)
		return fail_readonly(db, false);
	rc = db_exec(db, "BEGIN IMMEDIATE", NULL);
	/* What the transaction changes becomes one journal entry. */
	if (rc == LAPE_OK && (rc = journal_begin(db)) != LAPE_OK)
		db_rollback(db);
	return rc;
}

/* The -wal file is kept to a few MiB.  SQLite's own checkpoints after a
 * commit copy what they can back into the file without waiting; but while
 * several lapes write and read, the log only starts again from its
 * beginning when, by chance, no reader uses it -- under steady writes it
 * grew past 150 MiB.  So past DB_WAL_FRAMES pages a commit also runs a
 * checkpoint that waits a moment for the readers and writers (TRUNCATE:
 * the log is emptied and cut to nothing), and journal_size_limit cuts it
 * back whenever it starts again. */
#define DB_WAL_CKPT_FRAMES 256 /* a passive checkpoint: ~1 MiB */
#define DB_WAL_FRAMES 1024     /* wait for an empty log: ~4 MiB */
#define DB_WAL_LIMIT 4194304   /* journal_size_limit: 4 MiB */
#define DB_WAL_WAIT_MS 250     /* how long that checkpoint waits */

/* SQLite tells after each commit how many pages the log holds. */
static int wal_hook(void *arg, sqlite3 *sql, const char *name, int frames)
{
	(void)sql;
	(void)name;
	((struct lape_db *)arg)->wal_frames = frames;
	return SQLITE_OK;
}

/* While the checkpoint waits for a lock: look again every millisecond,
 * for up to DB_WAL_WAIT_MS.  SQLite's own handler sleeps up to 100 ms
 * between tries, and under steady writes another writer always takes the
 * lock first. */
static int wal_busy(void *arg, int tries)
{
	struct timespec ms = {0, 1000 * 1000};

	(void)arg;
	if (tries >= DB_WAL_WAIT_MS)
		return 0;
	nanosleep(&ms, NULL);
	return 1;
}

static double wal_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* A checkpoint that empties the log, tried for about DB_WAL_WAIT_MS:
 * another lape's checkpoint makes it fail at once, without waiting, so it
 * is tried again.  Whether it emptied the log. */
static bool wal_truncate(struct lape_db *db)
{
	struct timespec ms = {0, 1000 * 1000};
	double end = wal_clock() + DB_WAL_WAIT_MS;
	int rc;

	sqlite3_busy_handler(db->sql, wal_busy, NULL);
	while ((rc = sqlite3_wal_checkpoint_v2(db->sql, "main",
	                                       SQLITE_CHECKPOINT_TRUNCATE, NULL,
	                                       NULL)) == SQLITE_BUSY &&
	       wal_clock() < end)
		nanosleep(&ms, NULL);
	sqlite3_busy_timeout(db->sql, db->busy_ms);
	return rc == SQLITE_OK;
}

/* After a commit: keep the log short (see above). */
static void wal_tidy(struct lape_db *db)
{
	int frames = db->wal_frames;

	if (frames < DB_WAL_CKPT_FRAMES)
		return;
	db->wal_frames = 0;
	if (frames >= DB_WAL_FRAMES && wal_truncate(db))
		return;
	sqlite3_wal_checkpoint_v2(db->sql, "main", SQLITE_CHECKPOINT_PASSIVE,
	                          NULL, NULL);
}

int db_commit(struct lape_db *db)
{
	/* the lists' keys of every row the transaction wrote, then its
	 * journal entry */
	int rc = page_keys_write(db);

	if (rc == LAPE_OK)
		rc = journal_commit(db);

	if (rc == LAPE_OK)
		rc = db_exec(db, "COMMIT", NULL);

	if (rc != LAPE_OK)
		db_rollback(db);
	else
		wal_tidy(db);
	return rc;
}

void db_rollback(struct lape_db *db)
{
	journal_end(db);
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
	if (rc == LAPE_OK)
		return db_exec(db, "RELEASE lape_store", NULL);
	/* the error already said stays the message */
	sqlite3_exec(db->sql, "ROLLBACK TO lape_store", NULL, NULL, NULL);
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

int db_norm_text(char **s)
{
	char *n;

	if (!*s)
		return LAPE_OK;
	n = utf8_clean(*s);
	if (!n)
		return LAPE_ERROR;
	free(*s);
	*s = NULL;
	if (*n)
		*s = n;
	else
		free(n);
	return LAPE_OK;
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

/* lape_key(text): TEXT's matching key (utf8_key()), for searches and
 * lookups without regard to case or accents.  The text may be anything
 * another program stored: utf8_key() takes invalid bytes and NULs. */
static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	int len = sqlite3_value_bytes(argv[0]);
	size_t n;
	char *out;
	bool plain = true;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	/* Plain lower-case ASCII, most names' search keys, is its own key. */
	for (int i = 0; i < len && plain; i++)
		if ((unsigned char)s[i] >= 0x80 || (s[i] >= 'A' && s[i] <= 'Z'))
			plain = false;
	if (plain) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	out = utf8_key(s, (size_t)len, &n);
	if (!out) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text64(ctx, out, n, free, SQLITE_UTF8);
}

/* The FI collation: collate_fi_n() takes counted text, so NUL bytes and
 * invalid bytes in a column are safe. */
static int sql_collate_fi(void *arg, int alen, const void *a, int blen,
                          const void *b)
{
	(void)arg;
	return collate_fi_n(a, (size_t)alen, b, (size_t)blen);
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
	rc = sqlite3_create_function_v2(sql, "lape_key", 1,
	                                SQLITE_UTF8 | SQLITE_INNOCUOUS |
	                                    SQLITE_DETERMINISTIC,
	                                NULL, sql_key, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = schema_register_functions(sql);
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_create_collation_v2(sql, "FI", SQLITE_UTF8, NULL,
	                                   sql_collate_fi, NULL);
}

/* ---- meta -------------------------------------------------------------- */

char *db_meta_get(struct lape_db *db, const char *key)
{
	return db_first_text(
	    db, db_prepare_cached(db, "SELECT value FROM meta WHERE key=?", "t",
	                          key));
}

int db_meta_lookup(struct lape_db *db, const char *key, char **value)
{
	sqlite3_stmt *st = db_prepare_cached(
	    db, "SELECT value FROM meta WHERE key=?", "t", key);
	int rc;

	*value = NULL;
	if (!st)
		return LAPE_ERROR;
	rc = db_step(db, st);
	if (rc == SQLITE_ROW && !(*value = db_column_dup(st, 0)) &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	db_release(db, st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return LAPE_OK;
	return rc;
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

/* Create an empty file PATH with the mode and group of the data file
 * LIKE (0600, or 0660 for a shared one: never more); 0, or -1 with errno
 * (EEXIST...). */
static int create_private(const char *path, const char *like)
{
	struct stat sb;
	mode_t mode = 0600;
	int fd;

	if (stat(like, &sb) == 0 && (sb.st_mode & 0060) == 0060)
		mode = 0660;
	fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	/* The group of a shared file, if the directory did not give it. */
	if (mode == 0660 && fchown(fd, (uid_t)-1, sb.st_gid) != 0)
		mode = 0600;
	if (fchmod(fd, mode) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Copy the committed content of the data file into NAME with SQLite's
 * backup API, through a second connection: the first holds the write
 * lock, so nothing can be committed meanwhile, and a connection in a
 * write transaction cannot be the source of a backup. */
static int copy_file(struct lape_db *db, const char *name)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc;

	rc = sqlite3_open_v2(db->path, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_open_v2(name, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", src, "main");
		if (!b) {
			rc = sqlite3_extended_errcode(dst);
		} else {
			rc = sqlite3_backup_step(b, -1);
			if (rc == SQLITE_DONE)
				rc = SQLITE_OK;
			if (sqlite3_backup_finish(b) != SQLITE_OK &&
			    rc == SQLITE_OK)
				rc = sqlite3_extended_errcode(dst);
		}
	}
	sqlite3_close(dst);
	sqlite3_close(src);
	if (rc != SQLITE_OK)
		return db_fail(db, LAPE_ERROR, NULL,
		               _("cannot save a copy before upgrading: %s: %s"),
		               name, sqlite3_errstr(rc));
	return LAPE_OK;
}

/* Copy the file to PATH.vOLD.bak (or .bak.2, .3, ... when that exists) before
 * migrating it, mode 0600; *OUT gets the copy's name (caller frees).  The
 * caller holds the write lock. */
static int backup_before(struct lape_db *db, int old, char **out)
{
	size_t len = strlen(db->path) + 32;
	char *name = malloc(len);
	int rc = LAPE_ERROR;

	*out = NULL;
	if (!name)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(name, len, "%s.v%d.bak", db->path, old);
		else
			snprintf(name, len, "%s.v%d.bak.%d", db->path, old, i);
		if (create_private(name, db->path) == 0) {
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
	rc = copy_file(db, name);
	if (rc != LAPE_OK) {
		unlink(name);
		free(name);
		return rc;
	}
	*out = name;
	return LAPE_OK;
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
			int rc = db_fail_sqlite(
			    db, sqlite3_extended_errcode(db->sql));
			char why[sizeof db->errmsg];

			sqlite3_free(err);
			if (cur == 0) /* a new file: no upgrade */
				return rc;
			snprintf(why, sizeof why, "%s", db->errmsg);
			return db_fail(db, rc, NULL,
			               _("cannot upgrade the data file to "
			                 "format %d: %s"),
			               list[i].version, why);
		}
		target = list[i].version;
	}
	/* PRAGMA takes no parameters: the number is ours, not user input. */
	snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", target);
	return db_exec(db, pragma, NULL);
}

/* After the migrations, with foreign keys off: every reference still
 * points at a row. */
static int check_references(struct lape_db *db)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->sql, "PRAGMA foreign_key_check", -1, &st,
	                       NULL) != SQLITE_OK)
		return db_fail_sqlite(db, sqlite3_extended_errcode(db->sql));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return LAPE_OK;
	if (rc == SQLITE_ROW)
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("cannot upgrade the data file: a reference "
		                 "points at a missing row"));
	return db_fail_sqlite(db, sqlite3_extended_errcode(db->sql));
}

/* Upgrade from CUR to LAST in one transaction, which first looks again
 * at the version (another lape may have upgraded the file meanwhile) and
 * then saves a copy of the file as it is. */
static int migrate_from(struct lape_db *db, const struct db_migration *list,
                        int count, int cur, int last)
{
	char *bak = NULL;
	int rc;

	if (db->readonly_why != DB_RO_NONE ||
	    sqlite3_db_readonly(db->sql, "main") == 1)
		return fail_readonly(db, cur > 0);
	/* A migration may rebuild a table others refer to; the references
	 * are checked before the commit instead. */
	sqlite3_exec(db->sql, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
	rc = db_begin(db);
	if (rc != LAPE_OK)
		goto out;
	rc = user_version(db->sql, &cur);
	if (rc != SQLITE_OK) {
		rc = db_fail_sqlite(db, rc);
		goto fail;
	}
	if (cur >= last) {
		db_rollback(db);
		rc = LAPE_OK;
		goto out;
	}
	if (cur >= 1 && !is_memory(db->path)) {
		rc = backup_before(db, cur, &bak);
		if (rc != LAPE_OK)
			goto fail;
	}
	rc = run_migrations(db, list, count, cur);
	if (rc == LAPE_OK)
		rc = check_references(db);
	if (rc == LAPE_OK)
		rc = db_commit(db);
	if (rc != LAPE_OK)
		goto fail;
	free(bak);
	goto out;
fail:
	db_rollback(db);
	/* The file was not upgraded: this run's copy of it is not needed. */
	if (bak)
		unlink(bak);
	free(bak);
out:
	sqlite3_exec(db->sql, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	return rc;
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

/* PATH followed by SUFFIX, for the files beside it.  Caller frees. */
static char *path_with(const char *path, const char *suffix)
{
	char *p;

	if (asprintf(&p, "%s%s", path, suffix) < 0)
		return NULL;
	return p;
}

static int fail_create(struct lape_db *db, int e)
{
	char *dir;
	int rc;

	if (e != EACCES && e != EROFS)
		return db_fail(
		    db, LAPE_ERROR, NULL, _("cannot create the data file: %s"),
		    errno_message(e) ? errno_message(e) : strerror(e));
	dir = dir_of(db->path);
	rc = db_fail(db, LAPE_READONLY, NULL,
	             _("cannot create the data file: the directory %s is "
	               "read-only"),
	             dir ? dir : db->path);
	free(dir);
	return rc;
}

/* A file being built is locked by its builder from the moment it makes
 * it until it is published or thrown away: an open file description lock
 * on its first byte, which SQLite's own locks (POSIX ones, at 1 GiB into
 * the file) never meet, and which the kernel drops when the builder
 * dies.  0, or -1 when it is held elsewhere or cannot be taken. */
static int build_lock(int fd)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 1;
	return fcntl(fd, F_OFD_SETLK, &fl);
}

/* Remove NAME, a file a builder left, when that builder is gone: the file
 * is this user's, nobody holds its lock and it has not been written for a
 * while (so it is not one that was made a moment ago and not yet
 * locked).  Nobody else ever saw it: a built file is only seen once it is
 * renamed to the data file's name. */
static void clean_one(const char *name)
{
	struct stat a, b;
	int fd = open(name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &a) == 0 && S_ISREG(a.st_mode) && a.st_uid == geteuid() &&
	    time(NULL) - a.st_mtime > DB_BUILD_STALE && build_lock(fd) == 0 &&
	    stat(name, &b) == 0 && a.st_ino == b.st_ino &&
	    a.st_dev == b.st_dev) {
		char *journal = path_with(name, "-journal");

		unlink(name);
		if (journal)
			unlink(journal);
		free(journal);
	}
	close(fd);
}

/* What builders that were killed left beside PATH (PATH.new-XXXXXX). */
static void clean_builds(const char *path)
{
	const char *base = strrchr(path, '/');
	char *dir = dir_of(path);
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	while (d && (e = readdir(d)) != NULL) {
		char *name;

		if (strncmp(e->d_name, base, len) != 0 ||
		    strncmp(e->d_name + len, ".new-", 5) != 0 ||
		    strlen(e->d_name + len + 5) != 6)
			continue;
		if (asprintf(&name, "%s/%s", dir, e->d_name) < 0)
			break;
		clean_one(name);
		free(name);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* Start a new data file: an empty file mode 0600 under a temporary name
 * beside DB->path, which db_publish() puts in place once it is filled.
 * Until then nobody else sees it, so a creation that fails or is killed
 * halfway never leaves a half-made file at PATH, and nothing ever has to
 * be removed from there. */
static int start_build(struct lape_db *db, int flags)
{
	mode_t mode = (flags & DB_OPEN_SHARED) ? 0660 : 0600;
	char *tmp;
	int fd, e;

	if (make_parents(db->path) != 0)
		return fail_create(db, errno);
	clean_builds(db->path);
	tmp = path_with(db->path, ".new-XXXXXX");
	if (!tmp)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		free(tmp);
		return fail_create(db, e);
	}
	if (fchmod(fd, mode) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return fail_create(db, e);
	}
	/* Without the lock (a kernel before 3.15) no cleaner can take it
	 * either, and nothing is cleaned. */
	build_lock(fd);
	db->build_fd = fd; /* closed only after SQLite's own (POSIX locks) */
	db->build_path = tmp;
	db->created = true;
	return LAPE_OK;
}

/* Let go of the lock of the built file. */
static void end_build(struct lape_db *db)
{
	if (db->build_fd >= 0)
		close(db->build_fd);
	db->build_fd = -1;
	free(db->build_path);
	db->build_path = NULL;
}

/* What a name that stat() cannot follow is: a link to nowhere gets its
 * own message. */
static int missing_file(struct lape_db *db, int flags)
{
	struct stat sb;
	char target[PATH_MAX];
	ssize_t n;

	if (lstat(db->path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		n = readlink(db->path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		return db_fail(db, LAPE_NOTFOUND, NULL,
		               _("a link to %s, which does not exist"), target);
	}
	if (!(flags & DB_OPEN_CREATE) || (flags & DB_OPEN_READONLY))
		return db_fail(db, LAPE_NOTFOUND, NULL, "%s",
		               _("no such data file; create it with lape "
		                 "init"));
	return start_build(db, flags);
}

/* Whether FILE exists, with its size in *SIZE. */
static bool file_exists(const char *path, const char *suffix, off_t *size)
{
	struct stat sb;
	char *name = path_with(path, suffix);
	bool there = name && stat(name, &sb) == 0;

	*size = there ? sb.st_size : 0;
	free(name);
	return there;
}

/* How a file that is there can be opened, by what is writable: the file
 * (else *READONLY), its directory, and the -wal and -shm beside it.  In a
 * directory this user cannot write, SQLite cannot make the -wal and -shm
 * its WAL needs even to read.  When they are not there, no lape has the
 * file open and every change is in the file itself, so it is read as
 * immutable (SQLite then takes no locks and makes no files); a -wal left
 * with changes in it but no -shm could only be read by leaving those
 * changes out, so that is refused. */
static int pick_access(struct lape_db *db, const struct stat *sb,
                       bool *readonly, bool *immutable)
{
	char *dir = dir_of(db->path);
	bool dir_ro, wal, shm;
	off_t wal_size, shm_size;

	if (!dir)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	/* No write bit counts as read-only even for root. */
	*readonly = access(db->path, W_OK) != 0 || !(sb->st_mode & 0222);
	dir_ro = access(dir, W_OK) != 0;
	free(dir);
	db->readonly_why = *readonly ? (dir_ro ? DB_RO_BOTH : DB_RO_FILE)
	                             : (dir_ro ? DB_RO_DIR : DB_RO_NONE);
	*immutable = false;
	if (!dir_ro)
		return LAPE_OK;
	wal = file_exists(db->path, "-wal", &wal_size);
	shm = file_exists(db->path, "-shm", &shm_size);
	if (wal && shm) {
		/* SQLite uses them (read-only if it must) and can write
		 * through them. */
		if (!*readonly)
			db->readonly_why = DB_RO_NONE;
		return LAPE_OK;
	}
	if (wal && wal_size > 0)
		return fail_readonly(db, false);
	*readonly = *immutable = true;
	return LAPE_OK;
}

/* Whether the file SB is meant to be shared by a group: lape was told so
 * (DB_OPEN_SHARED: shared_group is set), its directory is setgid (lape
 * init --shared), or its group may read it and is not the owner's own
 * group. */
static bool shared_file(struct lape_db *db, const struct stat *sb, int flags)
{
	struct passwd *pw;
	struct stat dsb;
	char *dir;
	bool setgid;

	if (flags & DB_OPEN_SHARED)
		return true;
	dir = dir_of(db->path);
	setgid = dir && stat(dir, &dsb) == 0 && (dsb.st_mode & S_ISGID);
	free(dir);
	if (setgid)
		return true;
	if (!(sb->st_mode & (S_IRGRP | S_IWGRP)))
		return false;
	pw = getpwuid(sb->st_uid);
	return pw && pw->pw_gid != sb->st_gid;
}

/* Check PATH on disk, or start building it when missing and asked to.
 * Sets *READONLY, and *IMMUTABLE when it can only be read as such. */
static int prepare_file(struct lape_db *db, int flags, bool *readonly,
                        bool *immutable)
{
	struct stat sb;
	int rc;

	*readonly = *immutable = false;
	db->readonly_why = DB_RO_NONE;
	if (stat(db->path, &sb) != 0) {
		if (errno != ENOENT)
			return db_fail(db, LAPE_ERROR, NULL, "%s",
			               strerror(errno));
		return missing_file(db, flags);
	}
	if (!S_ISREG(sb.st_mode))
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("not a lape data file (not a regular file)"));
	if (access(db->path, R_OK) != 0)
		return db_fail(db, LAPE_ERROR, NULL,
		               _("cannot read the data file: %s"),
		               strerror(errno));
	/* Personal data shared by a group: only that group, never every
	 * user of the machine. */
	if ((sb.st_mode & (S_IROTH | S_IWOTH)) && shared_file(db, &sb, flags))
		return db_fail(
		    db, LAPE_ERROR, NULL,
		    (sb.st_mode & S_IWOTH)
		        ? _("refused: a shared data file, and every "
		            "user of this machine can write it (mode "
		            "%04o); chmod o-rwx it")
		        : _("refused: a shared data file, and every "
		            "user of this machine can read it (mode "
		            "%04o); chmod o-rwx it"),
		    (unsigned)(sb.st_mode & 07777));
	/* SQLite makes the -wal and -shm with the umask, then gives them the
	 * file's mode: a lape of the group that opens them in between would
	 * find them read-only.  So for a file the group writes, the group
	 * keeps its bits from the start. */
	if ((sb.st_mode & 0060) == 0060) {
		mode_t mask = umask(0);

		umask(mask & ~(mode_t)0060);
	}
	rc = pick_access(db, &sb, readonly, immutable);
	if (rc == LAPE_OK && (flags & DB_OPEN_READONLY)) {
		*readonly = true;
		if (db->readonly_why == DB_RO_NONE)
			db->readonly_why = DB_RO_CHOSEN;
	}
	return rc;
}

/* Opening a file that is there, but empty, is for those who fill it
 * (db_publish() reopening another lape's new file). */
#define DB_OPEN_EMPTY_OK (1 << 8)

/* Refuse what this lape cannot read, before anything writes to the file;
 * an empty one (an init that an older lape did not finish) only when
 * FLAGS say it will be filled. */
static int check_format(struct lape_db *db, int flags)
{
	/* One statement, so one snapshot: the version and the tables of a
	 * file that another lape is giving its schema right now must come
	 * from the same moment. */
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT (SELECT user_version FROM pragma_user_version), "
	               "(SELECT count(*) FROM sqlite_master)",
	               NULL);
	int v, tables, rc;

	if (!st)
		return db_status(db);
	rc = db_step(db, st);
	v = sqlite3_column_int(st, 0);
	tables = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc;
	if (v > LAPE_SCHEMA_VERSION)
		return db_fail(db, LAPE_ERROR, NULL,
		               _("written by a newer lape (data format %d; "
		                 "this lape reads up to %d)"),
		               v, LAPE_SCHEMA_VERSION);
	if (v > 0)
		return LAPE_OK;
	if (tables > 0)
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("not a lape data file (it holds other "
		                 "tables)"));
	if (!db->build_path && !is_memory(db->path) &&
	    !(flags & (DB_OPEN_CREATE | DB_OPEN_EMPTY_OK)))
		return db_fail(db, LAPE_NOTFOUND, NULL, "%s",
		               _("an empty data file without reference data; "
		                 "run lape init"));
	return LAPE_OK;
}

/* PRAGMA journal_mode=WAL on a file another lape is switching too gives
 * SQLITE_BUSY at once, without waiting (or leaves the old mode): so it
 * is tried again for as long as the busy timeout. */
static int set_wal(struct lape_db *db)
{
	struct timespec pause = {0, 5 * 1000 * 1000};
	double end = wal_clock() + db->busy_ms;
	int rc;

	for (;;) {
		sqlite3_stmt *st =
		    db_prepare(db, "PRAGMA journal_mode=WAL", NULL);
		bool wal;
		const char *mode;

		if (!st)
			return db_status(db);
		rc = db_step(db, st);
		mode = rc == SQLITE_ROW
		           ? (const char *)sqlite3_column_text(st, 0)
		           : NULL;
		wal = mode && strcmp(mode, "wal") == 0;
		sqlite3_finalize(st);
		if (wal)
			return LAPE_OK;
		if ((rc != SQLITE_ROW && rc != LAPE_BUSY) || wal_clock() >= end)
			break;
		nanosleep(&pause, NULL);
	}
	/* The rollback journal works too, only with less concurrency. */
	return rc == SQLITE_ROW ? LAPE_OK : rc;
}

static int setup_connection(struct lape_db *db, bool readonly)
{
	int rc;

	rc = db_exec(db, "PRAGMA foreign_keys=ON", NULL);
	/* Personal data that is deleted or changed is overwritten in the
	 * file and its -wal, not only unlinked from the tree (an erase must
	 * leave no bytes of it behind). */
	if (rc == LAPE_OK)
		rc = db_exec(db, "PRAGMA secure_delete=ON", NULL);
	/* A file being built keeps the rollback journal: its -wal and -shm
	 * would be named after the temporary file. */
	if (rc != LAPE_OK || readonly || is_memory(db->path) || db->build_path)
		return rc;
	rc = set_wal(db);
	if (rc == LAPE_OK)
		rc = db_exec(db, "PRAGMA synchronous=NORMAL", NULL);
	if (rc != LAPE_OK)
		return rc;
	/* The number is ours: PRAGMA takes no parameters. */
	rc = db_exec(db, "PRAGMA journal_size_limit=" DB_STR(DB_WAL_LIMIT),
	             NULL);
	/* Checkpoints are wal_tidy()'s, after the commit. */
	sqlite3_wal_hook(db->sql, wal_hook, db);
	db->wal = true;
	return rc;
}

/* "file:PATH?immutable=1", PATH escaped as a URI.  Caller frees. */
static char *immutable_uri(const char *path)
{
	static const char keep[] = "abcdefghijklmnopqrstuvwxyz"
	                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/";
	char *uri = malloc(strlen(path) * 3 + sizeof "file:?immutable=1");
	char *o = uri;

	if (!uri)
		return NULL;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (strchr(keep, *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	strcpy(o, "?immutable=1");
	return uri;
}

/* Connect to the file prepare_file() found or started, check it and bring
 * its schema up to date. */
static int connect_file(struct lape_db *db, bool readonly, bool immutable,
                        int flags)
{
	const char *file = db->build_path ? db->build_path : db->path;
	char *uri = NULL;
	int rc, oflags;

	oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	/* One thread per connection: no mutex around every column read. */
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (is_memory(db->path))
		oflags |= SQLITE_OPEN_CREATE;
	if (immutable) {
		if (!(file = uri = immutable_uri(file)))
			return db_fail(db, LAPE_ERROR, NULL, "%s",
			               _("out of memory"));
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(file, &db->sql, oflags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	sqlite3_extended_result_codes(db->sql, 1);
	db->busy_ms = (int)busy_timeout();
	sqlite3_busy_timeout(db->sql, db->busy_ms);
	rc = register_functions(db->sql);
	if (rc != SQLITE_OK)
		return db_fail_sqlite(db, rc);
	rc = check_format(db, flags);
	if (rc == LAPE_OK)
		rc = setup_connection(db, readonly);
	if (rc == LAPE_OK)
		rc = db_migrate(db, schema_migrations, schema_migration_count,
		                NULL, 0);
	if (rc == LAPE_OK)
		rc = journal_open(db);
	return rc;
}

int db_open(const char *path, int flags, struct lape_db **out, char *errbuf,
            size_t errlen)
{
	struct lape_db *db;
	bool readonly = false, immutable = false;
	int rc;

	*out = NULL;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	db = calloc(1, sizeof *db);
	if (db)
		db->build_fd = -1;
	if (!db || !(db->path = strdup(path ? path : ":memory:"))) {
		free(db);
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s: %s", path ? path : "",
			         _("out of memory"));
		return LAPE_ERROR;
	}
	if (!is_memory(db->path)) {
		rc = prepare_file(db, flags, &readonly, &immutable);
		if (rc != LAPE_OK)
			return open_fail(db, rc, errbuf, errlen);
	}
	rc = connect_file(db, readonly, immutable, flags);
	if (rc != LAPE_OK)
		return open_fail(db, rc, errbuf, errlen);
	*out = db;
	return LAPE_OK;
}

/* Close the connection, keeping the rest of DB. */
static void disconnect(struct lape_db *db)
{
	struct stat sb;
	char *wal;

	journal_close(db);
	cache_free(db->cache);
	db->cache = NULL;
	/* The last lape to close the file empties the log and removes it;
	 * one that is not the last empties it when it is long, so that the
	 * log left beside the file is short. */
	if (db->wal && (wal = path_with(db->path, "-wal")) != NULL) {
		if (stat(wal, &sb) == 0 && sb.st_size > DB_WAL_LIMIT)
			wal_truncate(db);
		free(wal);
	}
	db->wal = false;
	if (db->sql)
		sqlite3_close_v2(db->sql);
	db->sql = NULL;
}

/* Move the finished file TMP to PATH unless PATH exists.  1 when it was
 * put there, 0 when another file was there first, -1 with errno. */
static int place_file(const char *tmp, const char *path)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return 1;
	if (errno == EEXIST)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
	/* A file system without RENAME_NOREPLACE: link() never replaces
	 * either. */
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 1;
	}
	return errno == EEXIST ? 0 : -1;
}

/* Make the rename durable: sync the directory that holds PATH. */
static void sync_parent(const char *path)
{
	char *dir = strdup(path), *slash;
	int fd;

	if (!dir)
		return;
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int db_publish(struct lape_db *db)
{
	bool readonly = false, immutable = false;
	int placed, rc, e;

	if (!db->build_path)
		return LAPE_OK;
	if (!sqlite3_get_autocommit(db->sql))
		return db_fail(db, LAPE_ERROR, NULL, "%s",
		               _("a transaction is still open"));
	disconnect(db);
	placed = place_file(db->build_path, db->path);
	e = errno;
	if (placed != 1)
		unlink(db->build_path);
	end_build(db);
	if (placed < 0) {
		db->created = false;
		return fail_create(db, e);
	}
	if (placed == 1)
		sync_parent(db->path);
	/* Another lape put its file there first: work on that one. */
	db->created = placed == 1;
	rc = prepare_file(db, DB_OPEN_EMPTY_OK, &readonly, &immutable);
	if (rc == LAPE_OK)
		rc = connect_file(db, readonly, immutable, DB_OPEN_EMPTY_OK);
	return rc;
}

void db_set_busy_timeout(struct lape_db *db, int ms)
{
	db->busy_ms = ms;
	sqlite3_busy_timeout(db->sql, ms);
}

void db_close(struct lape_db *db)
{
	if (!db)
		return;
	disconnect(db);
	page_cache_free(db);
	/* A file built but never published was seen by nobody. */
	if (db->build_path) {
		char *journal = path_with(db->build_path, "-journal");

		unlink(db->build_path);
		if (journal)
			unlink(journal);
		free(journal);
	}
	end_build(db);
	free(db->path);
	free(db);
}

char *db_default_path(void)
{
	return path_default_db();
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

	if (sqlite3_prepare_v2(db->sql, "PRAGMA data_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- lookups with their matches --------------------------------------- */

void lookup_matches_clear(struct lookup_matches *lm)
{
	if (!lm)
		return;
	for (size_t i = 0; i < lm->shown; i++)
		free(lm->m[i].name);
	memset(lm, 0, sizeof *lm);
}

struct lookup_tier {
	const char *code, *prefix, *whole, *part;
	int64_t id;
};

/* Run SQL for one kind of reference; the matches go to *LM (counted in
 * lm->n, the first LOOKUP_SHOWN kept). */
static int lookup_tier(struct lape_db *db, const char *sql,
                       const struct lookup_tier *t, struct lookup_matches *lm)
{
	sqlite3_stmt *st;
	int rc;

	st = t->code ? db_prepare_cached(db, sql, "tttt", t->code, t->prefix,
	                                 t->whole, t->part)
	             : db_prepare_cached(db, sql, "Ittt", t->id, t->prefix,
	                                 t->whole, t->part);
	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		struct lookup_match *m;
		const char *code = (const char *)sqlite3_column_text(st, 0);

		if (lm->n++ >= LOOKUP_SHOWN)
			continue;
		m = &lm->m[lm->shown++];
		m->id = sqlite3_column_int64(st, 0);
		snprintf(m->code, sizeof m->code, "%s", code ? code : "");
		m->name = db_column_dup(st, 1);
	}
	db_release(db, st);
	return rc == SQLITE_DONE ? LAPE_OK : rc;
}

static size_t ref_chars(const char *s)
{
	size_t n = 0, k;
	unsigned cp;

	while ((k = utf8_decode(s, &cp)) > 0) {
		if (cp != ' ' && cp != '\t')
			n++;
		s += k;
	}
	return n;
}

int db_lookup(struct lape_db *db, const char *sql, const char *ref,
              const char *code_ref, const char *field, int64_t *id, char *code,
              size_t code_size, struct lookup_matches *lm)
{
	struct lookup_matches own = {0}, *out = lm ? lm : &own;
	char prefix[UUID_LEN + 1];
	int64_t num = 0;
	int rc = LAPE_OK;
	struct lookup_tier tiers[4] = {{0}};

	memset(out, 0, sizeof *out);
	out->by_code = code_ref != NULL;
	if (id)
		*id = 0;
	if (code && code_size)
		code[0] = '\0';
	if (db_blank(ref))
		return db_fail(db, LAPE_NOTFOUND, field, _("not found: %s"),
		               "");
	ref_kinds(ref, &num, prefix, sizeof prefix);
	tiers[0].id = code_ref ? 0 : num;
	tiers[0].code = code_ref;
	tiers[1].prefix = prefix[0] ? prefix : NULL;
	tiers[2].whole = ref;
	/* A part of a name: at least three characters, not a letter or two
	 * that half the names hold. */
	tiers[3].part = ref_chars(ref) >= 3 ? ref : NULL;
	for (int i = 0; i < 4 && out->n == 0; i++) {
		if (i == 0 && !tiers[0].id && !tiers[0].code)
			continue;
		if (i == 1 && !tiers[1].prefix)
			continue;
		if ((code_ref && i == 1) || (i == 3 && !tiers[3].part))
			continue;
		rc = lookup_tier(db, sql, &tiers[i], out);
		if (rc != LAPE_OK)
			break;
	}
	if (rc != LAPE_OK) {
		lookup_matches_clear(out);
		return rc;
	}
	if (out->n == 1) {
		if (id)
			*id = out->m[0].id;
		if (code && code_size)
			snprintf(code, code_size, "%s", out->m[0].code);
		lookup_matches_clear(out);
		return LAPE_OK;
	}
	if (out->n == 0) {
		lookup_matches_clear(out);
		return db_fail(db, LAPE_NOTFOUND, field, _("not found: %s"),
		               ref);
	}
	rc = db_fail(
	    db, LAPE_AMBIGUOUS, field,
	    ngettext("%zu record matches %s", "%zu records match %s", out->n),
	    out->n, ref);
	if (!lm)
		lookup_matches_clear(&own);
	return rc;
}
