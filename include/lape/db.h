/* db.h -- the data file: opening, creating, migrating, transactions and
 * error reporting.
 *
 * One SQLite file holds everything.  It is created mode 0600 in a 0700
 * directory, versioned with PRAGMA user_version, opened with foreign keys on,
 * the WAL journal and a busy timeout so that coordinators sharing a file wait
 * for each other instead of failing.  Every function that can fail returns a
 * lape_status and leaves a one-line message in db_errmsg(). */

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
#ifndef LAPE_DB_H
#define LAPE_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The schema version this lape writes. */
#define LAPE_SCHEMA_VERSION 11

enum lape_status {
	LAPE_OK = 0,
	LAPE_ERROR = -1,    /* I/O, SQLite or anything else; see db_errmsg() */
	LAPE_NOTFOUND = -2, /* no such record */
	LAPE_INVALID =
	    -3, /* a field is missing or malformed; see db_errfield() */
	LAPE_CONFLICT = -4, /* the record changed since it was read */
	LAPE_BUSY = -5, /* another process holds the lock past the timeout */
	LAPE_READONLY = -6,  /* the file or its directory is not writable */
	LAPE_AMBIGUOUS = -7, /* a name matched several records */
	LAPE_CORRUPT = -8    /* the file is damaged (lape verify tells more) */
};

enum db_open_flags {
	DB_OPEN_EXISTING = 0,    /* the file must exist */
	DB_OPEN_CREATE = 1 << 0, /* build it (and its directory) if missing */
	/* The file is shared by a group: one built is mode 0660, for the
	 * group of its directory (see db_share()), not 0600; one that every
	 * user may read or write is refused. */
	DB_OPEN_SHARED = 1 << 1,
	/* Read only, by choice (--read-only): every write is refused. */
	DB_OPEN_READONLY = 1 << 2
};

/* Why a file cannot be written, for the message: the file itself, its
 * directory (SQLite's WAL needs its -wal and -shm files beside it), both,
 * or the user's choice (DB_OPEN_READONLY). */
enum db_readonly {
	DB_RO_NONE,
	DB_RO_FILE,
	DB_RO_DIR,
	DB_RO_BOTH,
	DB_RO_CHOSEN
};

struct lape_db {
	sqlite3 *sql;
	char *path;       /* as given, for messages */
	bool created;     /* this run made the file (see db_publish()) */
	char *build_path; /* the file being built, until db_publish() */
	int build_fd;     /* its lock, or -1 */
	enum db_readonly readonly_why;
	bool wal;          /* in WAL mode, writable: the log is kept short */
	int wal_frames;    /* pages in the log after the last commit */
	int busy_ms;       /* the busy timeout set */
	char errmsg[512];  /* last error, one line, no trailing newline */
	int errcode;       /* its lape_status */
	char errfield[32]; /* with LAPE_INVALID: the field at fault, or "" */
	void *cache;       /* prepared statements kept for reuse (db.c) */
	void *journal;     /* the journal's state (journal.c) */
	void *page;        /* the lists' last pages (store-page.c) */
};

/* Free what store-page.c keeps for DB (db_close() does). */
void page_cache_free(struct lape_db *db);

/* Open the data file PATH (":memory:" for a private in-memory one), run the
 * migrations it needs and return it in *OUT.  On failure *OUT is NULL and
 * ERRBUF (ERRLEN bytes) holds "PATH: what is wrong".  A file newer than
 * LAPE_SCHEMA_VERSION is refused and left untouched.
 *
 * With DB_OPEN_CREATE and no file at PATH, a new one is built under a
 * temporary name beside it (PATH.new-XXXXXX, mode 0600) and *OUT has
 * created set: fill it, then db_publish() it.  Nobody else sees it before,
 * so a creation that fails or is killed halfway leaves nothing at PATH. */
int db_open(const char *path, int flags, struct lape_db **out, char *errbuf,
            size_t errlen);
/* Put a file built by DB_OPEN_CREATE at its PATH in one step, never
 * replacing a file there.  When another process made PATH meanwhile, its
 * file is opened instead and created is cleared: the caller then does its
 * work again on that file (checking inside its transaction what is there
 * already).  No transaction may be open.  LAPE_OK, else the message is in
 * db_errmsg() and DB is only good for db_close().  Nothing to do for a
 * file that was not built. */
int db_publish(struct lape_db *db);
/* Close DB; a file built and not published is removed (it was never seen
 * by anyone), a file at PATH never is. */
void db_close(struct lape_db *db);
/* How long a statement waits for another process's lock before
 * LAPE_BUSY (db_open sets 5 s, or LAPE_BUSY_TIMEOUT ms).  The screens
 * wait less and say "busy, retrying" in between. */
void db_set_busy_timeout(struct lape_db *db, int ms);

/* Whether DB can only be read (the file, its directory, or by choice):
 * every write gives LAPE_READONLY.  The screens say so on their top
 * line. */
bool db_readonly(const struct lape_db *db);
/* Why, as one translated line ("the data file is read-only", "opened
 * read-only (--read-only)"), or "" when it can be written. */
const char *db_readonly_reason(const struct lape_db *db);

/* Make the data file PATH shared by the Unix group GID: its directory
 * (made when missing) group GID, mode 2770 (setgid, so that the -wal, -shm
 * and backup files SQLite and lape make there get the group too), and
 * the file, when it exists, with the files beside it (-wal, -shm, .bak
 * copies) group GID, mode 0660.  LAPE_OK, else LAPE_ERROR with
 * "what is wrong" in ERR. */
int db_share(const char *path, gid_t gid, char *err, size_t errlen);

/* The last error as a line ("what is wrong", without the file name). */
const char *db_errmsg(const struct lape_db *db);
/* With LAPE_INVALID, the name of the field at fault ("name", "email", ...). */
const char *db_errfield(const struct lape_db *db);
/* The lape_status of the last error recorded. */
int db_status(const struct lape_db *db);

/* Record an error: used by the store modules.  Returns CODE. */
int db_fail(struct lape_db *db, int code, const char *field, const char *fmt,
            ...) __attribute__((format(printf, 4, 5)));
/* Translate an SQLite result code into a lape_status and record its message.
 * Returns the status. */
int db_fail_sqlite(struct lape_db *db, int rc);

/* One user action is one transaction (BEGIN IMMEDIATE, so that a writer
 * waits for the lock up front rather than failing at COMMIT). */
int db_begin(struct lape_db *db);
int db_commit(struct lape_db *db);
void db_rollback(struct lape_db *db);

/* A prepared statement with its parameters bound in order from FMT, one
 * letter each: 'i' int64_t, 'I' int64_t that binds NULL when 0 (optional
 * references), 'd' int, 't' const char * (NULL binds NULL).  Returns NULL
 * on error (message recorded).  The caller finalizes. */
sqlite3_stmt *db_prepare(struct lape_db *db, const char *sql, const char *fmt,
                         ...);

/* Run a statement that returns no rows, parameters as db_prepare(). */
int db_exec(struct lape_db *db, const char *sql, const char *fmt, ...);

/* The default path of the data file: $XDG_DATA_HOME/lape/lape.db, or
 * ~/.local/share/lape/lape.db.  Caller frees. */
char *db_default_path(void);

/* Schema version of the open file, and the migrations (for tests). */
int db_schema_version(struct lape_db *db);

/* A migration takes the schema from version N-1 to N.  The list must be in
 * order from 1.  Exposed so tests can exercise the mechanism with their own
 * list; db_open() uses the built-in one. */
struct db_migration {
	int version;
	const char *sql;
};
int db_migrate(struct lape_db *db, const struct db_migration *list, int count,
               char *errbuf, size_t errlen);
/* The built-in list (schema.c) that db_open() runs. */
extern const struct db_migration schema_migrations[];
extern const int schema_migration_count;
/* The SQL functions the migrations use (schema.c); db_open() registers
 * them on every connection. */
int schema_register_functions(sqlite3 *sql);
/* Split a single NAME (migration 2): trimmed and in NFC, the last word
 * (with "af", "von"... before it) is the surname, the rest the given
 * names; "Surname, Given" is read that way.  *CLEAR is false when the
 * split is a guess (one word, more than three, a comma, a particle), so
 * that the old name is kept.  The caller frees *SURNAME and *GIVEN;
 * LAPE_ERROR when out of memory. */
int schema_name_split(const char *name, char **surname, char **given,
                      bool *clear);

/* Meta values kept in the file (e.g. "refdata_year"). Caller frees. */
char *db_meta_get(struct lape_db *db, const char *key);
/* As db_meta_get(), telling a missing key (LAPE_OK, *VALUE NULL) from a
 * failure to read (a lape_status, message recorded). */
int db_meta_lookup(struct lape_db *db, const char *key, char **value);
int db_meta_set(struct lape_db *db, const char *key, const char *value);

/* ---- helpers for the store modules ------------------------------------ */

/* Open a transaction for one store operation: BEGIN IMMEDIATE when none is
 * open (*OWN = true), else a savepoint inside the caller's transaction
 * (*OWN = false), so that a failed save never leaves half a record. */
int db_txn_start(struct lape_db *db, bool *own);
/* End what db_txn_start() opened: keep it when RC is LAPE_OK, else undo it.
 * Returns RC, or the failure of the commit. */
int db_txn_end(struct lape_db *db, bool own, int rc);

/* As db_prepare(), but the statement is kept for reuse: give it back with
 * db_release() (never sqlite3_finalize()).  For statements run often. */
sqlite3_stmt *db_prepare_cached(struct lape_db *db, const char *sql,
                                const char *fmt, ...);
void db_release(struct lape_db *db, sqlite3_stmt *st);

/* Step ST once: SQLITE_ROW or SQLITE_DONE, or a lape_status (< 0, message
 * recorded) on error. */
int db_step(struct lape_db *db, sqlite3_stmt *st);

/* Column COL of ST as a new string, NULL for SQL NULL.  Caller frees. */
char *db_column_dup(sqlite3_stmt *st, int col);
/* The first column of the first row of ST (from db_prepare_cached(), and
 * given back here) as a new string; NULL for none, SQL NULL or an error
 * (recorded).  Caller frees. */
char *db_first_text(struct lape_db *db, sqlite3_stmt *st);
/* Whether ST (from db_prepare_cached(), and given back here; NULL for a
 * failed prepare) gives a row: LAPE_OK with *FOUND, or an error. */
int db_found(struct lape_db *db, sqlite3_stmt *st, bool *found);
/* *DST = a copy of SRC, or NULL when SRC is NULL (the record's copy
 * functions).  Returns 0, or -1 when out of memory. */
int db_strdup(char **dst, const char *src);

/* Find a record by REF: an integer id, a uuid or a unique prefix of at
 * least 8 of its hex digits, or a name (case-insensitive), tried in that
 * order.  SQL selects id with ?1 the id, ?2 the uuid prefix and ?3 the
 * name, each NULL when not tried.  LAPE_NOTFOUND or LAPE_AMBIGUOUS with
 * FIELD, else *ID. */
int db_find_ref(struct lape_db *db, const char *sql, const char *ref,
                const char *field, int64_t *id);

/* What a lookup found when several records matched, for the user to
 * choose from: the first LOOKUP_SHOWN of them (N counts all), each with
 * its id (or code, for regions) and name. */
#define LOOKUP_SHOWN 20
struct lookup_match {
	int64_t id;
	char code[8];
	char *name;
};
struct lookup_matches {
	size_t n, shown;
	bool by_code; /* records known by code (regions), not by id */
	struct lookup_match m[LOOKUP_SHOWN];
};
void lookup_matches_clear(struct lookup_matches *lm);

/* Look a record up by REF, tried in this order: an integer id, a uuid or
 * a prefix of at least 8 of its hex digits, the whole name, a part of the
 * name (of three characters or more); names are matched by their keys
 * (utf8_key(): no case, no accents), and a later kind is tried only when an
 * earlier found nothing. SQL selects "id, name" (or "code, name") with ?1 the
 * id (or code), ?2 the uuid prefix, ?3 the whole name and ?4 the part, each
 * NULL when not tried.  LAPE_OK with *ID (and CODE, of CODE_SIZE bytes, when
 * not NULL); LAPE_NOTFOUND; or LAPE_AMBIGUOUS with the matches in *LM (when not
 * NULL; the caller clears it).  FIELD names the field at fault. */
int db_lookup(struct lape_db *db, const char *sql, const char *ref,
              const char *code_ref, const char *field, int64_t *id, char *code,
              size_t code_size, struct lookup_matches *lm);

/* After an INSERT: *ID from the last rowid, UUID (UUID_LEN + 1 bytes) and
 * *VERSION read with SQL ("SELECT uuid, version FROM t WHERE id = ?"). */
int db_inserted(struct lape_db *db, const char *sql, int64_t *id, char *uuid,
                int64_t *version);

/* After an UPDATE ... WHERE id = ? AND version = ?: LAPE_OK when a row
 * changed, else LAPE_CONFLICT (the row exists, EXISTS_SQL "SELECT 1 FROM t
 * WHERE id = ?" finds it) or LAPE_NOTFOUND. */
int db_updated(struct lape_db *db, const char *exists_sql, int64_t id);

/* Field checks shared by the *_validate() functions.  Each returns NULL
 * when S is acceptable, else a translated static message.  MAX is 300
 * (DB_TEXT_SHORT) or 10000 (DB_TEXT_LONG) characters; short text must be one
 * line; NULL or blank text is refused only when REQUIRED. */
#define DB_TEXT_SHORT 300
#define DB_TEXT_LONG 10000
const char *db_check_text(const char *s, size_t max, bool required);
/* A date as date_parse() accepts it, or NULL/blank. */
const char *db_check_date(const char *s);
/* Whether S is NULL or only blanks. */
bool db_blank(const char *s);
/* Replace *S by its ISO form (a valid date), or by NULL when blank.
 * LAPE_OK or LAPE_ERROR (out of memory). */
int db_norm_date(char **s);
/* *S (owned) without leading and trailing blanks, in Unicode NFC; blank
 * becomes NULL.  LAPE_OK, or LAPE_ERROR when out of memory (*S kept). */
int db_norm_text(char **s);

/* A number that changes whenever another process commits to the file
 * (PRAGMA data_version; this connection's own writes leave it); -1 on
 * error.  Cheap: the screens ask it once a second. */
int64_t db_data_version(struct lape_db *db);

#endif
