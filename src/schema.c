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
/* schema.c -- the numbered migrations that build the data file's schema.
 * Version N takes the file from N-1 to N; never edit a released one, add
 * the next.  db_open() runs them through db_migrate(). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* A random (version 4) UUID, lower case, built from randomblob(). */
#define UUID_EXPR                                                              \
	"lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "    \
	"substr(hex(randomblob(2)), 2) || '-' || "                             \
	"substr('89ab', 1 + (random() & 3), 1) || "                            \
	"substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

/* Every row can be told apart across files, for merging them later. */
#define ROW_COLS                                                               \
	"uuid TEXT NOT NULL UNIQUE DEFAULT (" UUID_EXPR "),\n"                 \
	"created TEXT NOT NULL DEFAULT (" NOW "),\n"                           \
	"updated TEXT NOT NULL DEFAULT (" NOW ")"

/* Every change of table T goes to the audit table: who, when, which row;
 * nothing personal. */
#define AUDIT_ACTION(t, when, action, row)                                     \
	"CREATE TRIGGER " t "_audit_" action " AFTER " when " ON " t           \
	" BEGIN INSERT INTO audit(os_user, action, tbl, row_uuid) VALUES "     \
	"(lape_user(), '" action "', '" t "', " row "); END;\n"
#define AUDIT(t)                                                               \
	AUDIT_ACTION(t, "INSERT", "insert", "NEW.uuid")                        \
	AUDIT_ACTION(t, "UPDATE", "update", "NEW.uuid")                        \
	AUDIT_ACTION(t, "DELETE", "delete", "OLD.uuid")

static const char schema_v1[] =
    "CREATE TABLE meta (\n"
    " key TEXT PRIMARY KEY,\n"
    " value TEXT,\n" ROW_COLS ");\n"

    "CREATE TABLE region (\n"
    " code TEXT PRIMARY KEY,\n"
    " name_fi TEXT NOT NULL,\n"
    " name_sv TEXT NOT NULL,\n"
    " in_lape INTEGER NOT NULL DEFAULT 1 CHECK (in_lape IN (0, 1)),\n" ROW_COLS
    ");\n"

    "CREATE TABLE municipality (\n"
    " code TEXT PRIMARY KEY,\n"
    " name_fi TEXT NOT NULL,\n"
    " name_sv TEXT NOT NULL,\n"
    " region_code TEXT NOT NULL REFERENCES region(code),\n" ROW_COLS ");\n"
    "CREATE INDEX municipality_region ON municipality(region_code);\n"

    "CREATE TABLE lape_group (\n"
    " id INTEGER PRIMARY KEY,\n"
    " level TEXT NOT NULL CHECK (level IN ('municipal', 'regional')),\n"
    " name TEXT NOT NULL CHECK (name <> ''),\n"
    " region_code TEXT REFERENCES region(code),\n"
    " mandate_body TEXT,\n"
    " mandate_date TEXT,\n"
    " existing_body INTEGER NOT NULL DEFAULT 0\n"
    "  CHECK (existing_body IN (0, 1)),\n"
    " start_date TEXT,\n"
    " end_date TEXT,\n"
    " status TEXT NOT NULL DEFAULT 'active'\n"
    "  CHECK (status IN ('active', 'dissolved')),\n"
    " regional_group_id INTEGER REFERENCES lape_group(id)\n"
    "  ON DELETE SET NULL,\n"
    " notes TEXT,\n"
    " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ",\n"
    " CHECK (level = 'municipal' OR regional_group_id IS NULL),\n"
    " CHECK (level = 'municipal' OR region_code IS NOT NULL),\n"
    " CHECK (end_date IS NULL OR start_date IS NULL\n"
    "  OR end_date >= start_date));\n"
    "CREATE INDEX lape_group_level_region\n"
    " ON lape_group(level, region_code, status);\n"
    "CREATE INDEX lape_group_regional ON lape_group(regional_group_id);\n"

    "CREATE TABLE group_municipality (\n"
    " group_id INTEGER NOT NULL REFERENCES lape_group(id)\n"
    "  ON DELETE CASCADE,\n"
    " municipality_code TEXT NOT NULL REFERENCES municipality(code),\n"
    " pos INTEGER NOT NULL DEFAULT 0,\n" ROW_COLS ",\n"
    " PRIMARY KEY (group_id, municipality_code));\n"
    "CREATE INDEX group_municipality_pos\n"
    " ON group_municipality(group_id, pos, municipality_code);\n"
    "CREATE INDEX group_municipality_code\n"
    " ON group_municipality(municipality_code);\n"

    "CREATE TABLE person (\n"
    " id INTEGER PRIMARY KEY,\n"
    " name TEXT NOT NULL CHECK (name <> ''),\n"
    " organisation TEXT,\n"
    " email TEXT,\n"
    " phone TEXT,\n"
    " notes TEXT,\n"
    " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ");\n"

    "CREATE TABLE membership (\n"
    " id INTEGER PRIMARY KEY,\n"
    " group_id INTEGER NOT NULL REFERENCES lape_group(id)\n"
    "  ON DELETE CASCADE,\n"
    " person_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
    " sectors TEXT NOT NULL CHECK (sectors <> ''),\n"
    " role TEXT NOT NULL DEFAULT 'member'\n"
    "  CHECK (role IN ('chair', 'vice_chair', 'secretary', 'member')),\n"
    " deputy_of INTEGER REFERENCES membership(id) ON DELETE SET NULL\n"
    "  CHECK (deputy_of IS NULL OR deputy_of <> id),\n"
    " organisation TEXT,\n"
    " start_date TEXT,\n"
    " end_date TEXT,\n"
    " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ",\n"
    " CHECK (end_date IS NULL OR start_date IS NULL\n"
    "  OR end_date >= start_date));\n"
    "CREATE INDEX membership_group ON membership(group_id);\n"
    "CREATE INDEX membership_person ON membership(person_id);\n"
    "CREATE INDEX membership_deputy ON membership(deputy_of);\n"

    "CREATE TABLE change_agent (\n"
    " id INTEGER PRIMARY KEY,\n"
    " person_id INTEGER NOT NULL REFERENCES person(id)\n"
    "  ON DELETE RESTRICT,\n"
    " region_code TEXT NOT NULL REFERENCES region(code),\n"
    " employer TEXT,\n"
    " start_date TEXT,\n"
    " end_date TEXT,\n"
    " funding_share INTEGER NOT NULL DEFAULT 100\n"
    "  CHECK (funding_share BETWEEN 0 AND 100),\n"
    " status TEXT NOT NULL DEFAULT 'planned'\n"
    "  CHECK (status IN ('planned', 'active', 'ended')),\n"
    " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ",\n"
    " CHECK (end_date IS NULL OR start_date IS NULL\n"
    "  OR end_date >= start_date));\n"
    "CREATE UNIQUE INDEX change_agent_current ON change_agent(region_code)\n"
    " WHERE status <> 'ended';\n"
    "CREATE INDEX change_agent_person ON change_agent(person_id);\n"

    "CREATE TABLE audit (\n"
    " id INTEGER PRIMARY KEY,\n"
    " at TEXT NOT NULL DEFAULT (" NOW "),\n"
    " os_user TEXT NOT NULL,\n"
    " action TEXT NOT NULL CHECK (action IN ('insert', 'update', "
    "'delete')),\n"
    " tbl TEXT NOT NULL,\n"
    " row_uuid TEXT);\n"

    AUDIT("meta") AUDIT("region") AUDIT("municipality") AUDIT("lape_group")
        AUDIT("group_municipality") AUDIT("person") AUDIT("membership")
            AUDIT("change_agent");

/* The overview's state, kept with the data so that the first screen costs
 * the same at any size: each group's last day complete and last day with
 * a current member, each municipality's best over its active municipal
 * groups, and what the triggers marked for recomputing since (overview.c,
 * overview_refresh()).  Derived data: no uuid, no audit.  The triggers
 * insert only what is not marked yet: a trigger fired by a foreign key's
 * action takes that action's conflict policy, not its own OR IGNORE. */
#define OVERVIEW_MARK(tbl, col, rows)                                          \
	" BEGIN INSERT INTO " tbl "(" col ") SELECT v FROM (" rows ")"         \
	" WHERE v NOT IN (SELECT " col " FROM " tbl "); END;\n"
#define OVERVIEW_DIRTY(t, when, rows)                                          \
	"CREATE TRIGGER overview_" t "_" when " AFTER " when                   \
	" ON " t OVERVIEW_MARK("overview_dirty", "group_id", rows)
#define OVERVIEW_DIRTY_MUNI(when, rows)                                        \
	"CREATE TRIGGER overview_gm_" when " AFTER " when                      \
	" ON group_municipality" OVERVIEW_MARK("overview_dirty_muni", "code",  \
	                                       rows)

static const char schema_v2_overview[] =
    "CREATE TABLE overview_state (\n"
    " key TEXT PRIMARY KEY,\n"
    " value TEXT);\n"
    "CREATE TABLE overview_group (\n"
    " group_id INTEGER PRIMARY KEY,\n"
    " complete_until TEXT NOT NULL,\n"
    " staffed_until TEXT NOT NULL);\n"
    "CREATE TABLE overview_muni (\n"
    " code TEXT PRIMARY KEY,\n"
    " n_active INTEGER NOT NULL,\n"
    " complete_until TEXT NOT NULL,\n"
    " staffed_until TEXT NOT NULL);\n"
    "CREATE TABLE overview_dirty (group_id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE overview_dirty_muni (code TEXT PRIMARY "
    "KEY);\n" OVERVIEW_DIRTY("membership", "INSERT", "SELECT NEW.group_id AS v")
        OVERVIEW_DIRTY("membership", "DELETE", "SELECT OLD.group_id AS v")
            OVERVIEW_DIRTY("membership", "UPDATE",
                           "SELECT OLD.group_id AS v UNION SELECT NEW.group_id")
                OVERVIEW_DIRTY("lape_group", "INSERT", "SELECT NEW.id AS v")
                    OVERVIEW_DIRTY("lape_group", "UPDATE", "SELECT NEW.id AS v")
                        OVERVIEW_DIRTY("lape_group", "DELETE",
                                       "SELECT OLD.id AS v")
                            OVERVIEW_DIRTY_MUNI(
                                "INSERT", "SELECT NEW.municipality_code AS v")
                                OVERVIEW_DIRTY_MUNI(
                                    "DELETE",
                                    "SELECT OLD.municipality_code AS v")
                                    OVERVIEW_DIRTY_MUNI(
                                        "UPDATE",
                                        "SELECT OLD.municipality_code AS v "
                                        "UNION SELECT NEW.municipality_code");

/* The journal (journal.c): one changeset per write transaction, with its
 * author, time and the file it was made in; its rows indexed by record,
 * group and person for the history.  The file gets its identity for
 * copies and merges.  The audit triggers go: they called lape_user(), so
 * the plain sqlite3 shell could not write to the file; the journal keeps
 * more, and the audit rows written so far stay. */
#define DROP_AUDIT(t)                                                          \
	"DROP TRIGGER IF EXISTS " t "_audit_insert;\n"                         \
	"DROP TRIGGER IF EXISTS " t "_audit_update;\n"                         \
	"DROP TRIGGER IF EXISTS " t "_audit_delete;\n"

static const char schema_journal[] = DROP_AUDIT("meta") DROP_AUDIT(
    "region") DROP_AUDIT("municipality") DROP_AUDIT("lape_group")
    DROP_AUDIT("group_municipality") DROP_AUDIT("person") DROP_AUDIT(
        "membership") DROP_AUDIT("change_agent")

        "CREATE TABLE journal (\n"
        " id INTEGER PRIMARY KEY,\n"
        " uuid TEXT NOT NULL UNIQUE,\n"
        " at TEXT NOT NULL,\n"
        " os_user TEXT NOT NULL,\n"
        " origin TEXT NOT NULL,\n"
        " kind TEXT NOT NULL DEFAULT 'change'\n"
        "  CHECK (kind IN ('change', 'undo')),\n"
        " note TEXT,\n"
        " undoes TEXT,\n"
        " merged_at TEXT,\n"
        " merged_from TEXT,\n"
        " changeset BLOB NOT NULL);\n"
        "CREATE TABLE journal_row (\n"
        " entry_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,\n"
        " tbl TEXT NOT NULL,\n"
        " pk TEXT NOT NULL,\n"
        " group_id INTEGER,\n"
        " person_id INTEGER);\n"
        "CREATE INDEX journal_row_entry ON journal_row(entry_id);\n"
        "CREATE INDEX journal_user ON journal(os_user, id);\n"
        "CREATE INDEX journal_undoes ON journal(undoes) WHERE undoes IS NOT "
        "NULL;\n"
        "CREATE INDEX journal_row_pk ON journal_row(tbl, pk, entry_id);\n"
        "CREATE INDEX journal_row_group ON journal_row(group_id, entry_id)\n"
        " WHERE group_id IS NOT NULL;\n"
        "CREATE INDEX journal_row_person ON journal_row(person_id, entry_id)\n"
        " WHERE person_id IS NOT NULL;\n"

        "INSERT INTO meta(key, value) VALUES ('file_uuid', " UUID_EXPR ");\n"
        "INSERT INTO meta(key, value)\n"
        " SELECT 'family', value FROM meta WHERE key = 'file_uuid';\n"
        "INSERT INTO meta(key, value) VALUES ('origin', '0');\n"
        "INSERT INTO meta(key, value) VALUES ('next_origin', '1');\n";

/* A person's rights (issue 10): a change-agent period outlives an erased
 * person (person_id may be NULL, as a vacant seat's is).  SQLite cannot
 * change a column's constraint, so the table is copied out and back. */
static const char schema_v4_privacy[] =
    "CREATE TEMP TABLE agent_copy AS SELECT * FROM change_agent;\n"
    "DROP TABLE change_agent;\n"
    "CREATE TABLE change_agent (\n"
    " id INTEGER PRIMARY KEY,\n"
    " person_id INTEGER REFERENCES person(id) ON DELETE RESTRICT,\n"
    " region_code TEXT NOT NULL REFERENCES region(code),\n"
    " employer TEXT,\n"
    " start_date TEXT,\n"
    " end_date TEXT,\n"
    " funding_share INTEGER NOT NULL DEFAULT 100\n"
    "  CHECK (funding_share BETWEEN 0 AND 100),\n"
    " status TEXT NOT NULL DEFAULT 'planned'\n"
    "  CHECK (status IN ('planned', 'active', 'ended')),\n"
    " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ",\n"
    " CHECK (end_date IS NULL OR start_date IS NULL\n"
    "  OR end_date >= start_date));\n"
    "INSERT INTO change_agent SELECT * FROM agent_copy;\n"
    "DROP TABLE agent_copy;\n"
    "CREATE UNIQUE INDEX change_agent_current ON change_agent(region_code)\n"
    " WHERE status <> 'ended';\n"
    "CREATE INDEX change_agent_person ON change_agent(person_id);\n";

/* A person's single name becomes a surname and given names (by
 * lape_name_part(), below), the old name kept in the notes when the split
 * is a guess; a gender is added, not stated.  The table is rebuilt (the
 * migrations run with foreign keys off) to put the new columns in place
 * and require a surname; its rows keep their ids and uuids, so the
 * journal's references to them hold. */
static const char schema_person_names[] =
    "CREATE TABLE person_v2 (\n"
    " id INTEGER PRIMARY KEY,\n"
    " surname TEXT NOT NULL CHECK (surname <> ''),\n"
    " given_names TEXT NOT NULL DEFAULT '',\n"
    " gender TEXT NOT NULL DEFAULT ''\n"
    "  CHECK (gender IN ('', 'woman', 'man', 'other')),\n"
    " organisation TEXT,\n"
    " email TEXT,\n"
    " phone TEXT,\n"
    " notes TEXT,\n"
    " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ");\n"
    "INSERT INTO person_v2(id, surname, given_names, organisation, email,\n"
    " phone, notes, version, uuid, created, updated)\n"
    " SELECT id, lape_name_part(name, 1), lape_name_part(name, 0),\n"
    " organisation, email, phone, lape_name_note(name, notes), version,\n"
    " uuid, created, updated FROM person;\n"
    "DROP TABLE person;\n"
    "ALTER TABLE person_v2 RENAME TO person;\n";

/* The number of groups, kept like the rest of the overview's state: the
 * first screen shows it, and counting 300,000 rows costs 10 ms. */
static const char schema_v6_group_count[] =
    "INSERT OR REPLACE INTO overview_state(key, value)\n"
    " SELECT 'n_groups', count(*) FROM lape_group;\n"
    "CREATE TRIGGER overview_count_INSERT AFTER INSERT ON lape_group BEGIN\n"
    " UPDATE overview_state SET value = value + 1 WHERE key = 'n_groups';\n"
    "END;\n"
    "CREATE TRIGGER overview_count_DELETE AFTER DELETE ON lape_group BEGIN\n"
    " UPDATE overview_state SET value = value - 1 WHERE key = 'n_groups';\n"
    "END;\n";

/* A member whose name is withheld (issue 10): an experience expert, a
 * minor as youth representative.  Outputs show the seat's role and
 * sector instead of the person; only the member's own screen shows who. */
static const char schema_v7_name_withheld[] =
    "ALTER TABLE membership ADD COLUMN name_withheld INTEGER NOT NULL\n"
    " DEFAULT 0 CHECK (name_withheld IN (0, 1));\n";

/* Keyset paging (issue 12, store-page.c): each person's and group's sort
 * key (a BLOB whose byte order is the FI collation's) and folded search
 * text, in side tables that only lape writes, kept in that order (so a
 * search reads them in order, not row by row), with BINARY; so an
 * index never needs lape's functions or collation, and the sqlite3 shell
 * can still write the file.  Plain-SQL triggers mark every row a write
 * touches, whoever writes; lape makes the marked rows' keys again
 * (page_keys_refresh()).  The lists' lengths are kept beside them. */
#define KEY_MARK(t, when, tbl, rows)                                           \
	"CREATE TRIGGER " t "_key_" when " AFTER " when " ON " tbl             \
	" BEGIN\n" rows "END;\n"
#define KEY_COUNT(t, kind)                                                     \
	"CREATE TRIGGER " t "_count_INSERT AFTER INSERT ON " t " BEGIN\n"      \
	" UPDATE list_count SET n = n + 1 WHERE kind = '" kind "';\nEND;\n"    \
	"CREATE TRIGGER " t "_count_DELETE AFTER DELETE ON " t " BEGIN\n"      \
	" UPDATE list_count SET n = n - 1 WHERE kind = '" kind "';\nEND;\n"
/* Not INSERT OR IGNORE: the statement that fires a trigger imposes its
 * own conflict policy on it (a foreign key's ON DELETE SET NULL, ABORT). */
#define KEY_DIRTY(t, col, v)                                                   \
	" INSERT INTO " t "(" col ") SELECT " v " WHERE NOT EXISTS (SELECT 1 " \
	"FROM " t " WHERE " col " = " v ");\n"
#define PERSON_DIRTY(v) KEY_DIRTY("person_key_dirty", "person_id", v)
#define GROUP_DIRTY(v) KEY_DIRTY("group_key_dirty", "group_id", v)

static const char schema_v8_list_keys[] =
    "CREATE TABLE person_key (\n"
    " sort BLOB NOT NULL,\n"
    " person_id INTEGER NOT NULL,\n"
    " search TEXT NOT NULL,\n"
    " PRIMARY KEY (sort, person_id)) WITHOUT ROWID;\n"
    "CREATE TABLE group_key (\n"
    " sort BLOB NOT NULL,\n"
    " group_id INTEGER NOT NULL,\n"
    " search TEXT NOT NULL,\n"
    " PRIMARY KEY (sort, group_id)) WITHOUT ROWID;\n"
    "CREATE TABLE person_key_dirty (person_id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE group_key_dirty (group_id INTEGER PRIMARY KEY);\n"
    "CREATE TABLE list_count (\n"
    " kind TEXT PRIMARY KEY,\n"
    " n INTEGER NOT NULL);\n"
    "INSERT INTO person_key(person_id, sort, search) SELECT p.id, "
    "" PAGE_PERSON_SORT_SQL("p") ", " PAGE_PERSON_SEARCH_SQL(
        "p") " FROM person p ORDER BY 2, 1;\n"
             "INSERT INTO group_key(group_id, sort, search) SELECT g.id, "
             "" PAGE_GROUP_SORT_SQL("g") ", " PAGE_GROUP_SEARCH_SQL(
                 "g") " FROM lape_group g ORDER BY 2, 1;\n"
                      "CREATE UNIQUE INDEX person_key_id ON "
                      "person_key(person_id);\n"
                      "CREATE UNIQUE INDEX group_key_id ON "
                      "group_key(group_id);\n"
                      "INSERT INTO list_count(kind, n) SELECT 'person', "
                      "count(*) "
                      "FROM person_key;\n"
                      "INSERT INTO list_count(kind, n) SELECT 'group', "
                      "count(*) "
                      "FROM group_key;\n" KEY_COUNT("person_key", "person")
                          KEY_COUNT("group_key", "group") KEY_MARK(
                              "person", "INSERT", "person",
                              PERSON_DIRTY(
                                  "NEW.id")) KEY_MARK("person", "UPDATE",
                                                      "person",
                                                      PERSON_DIRTY("OLD.id")
                                                          PERSON_DIRTY(
                                                              "NEW.id"))
                              KEY_MARK(
                                  "person", "DELETE", "person",
                                  PERSON_DIRTY(
                                      "OLD.id")) KEY_MARK("group", "INSERT",
                                                          "lape_group",
                                                          GROUP_DIRTY("NEW.id"))
                                  KEY_MARK("group", "UPDATE", "lape_group",
                                           GROUP_DIRTY("OLD.id")
                                               GROUP_DIRTY("NEW.id"))
                                      KEY_MARK("group", "DELETE", "lape_group",
                                               GROUP_DIRTY("OLD.id"))
                                          KEY_MARK("gm", "INSERT",
                                                   "group_municipality",
                                                   GROUP_DIRTY("NEW.group_id"))
                                              KEY_MARK(
                                                  "gm", "UPDATE",
                                                  "group_municipality",
                                                  GROUP_DIRTY("OLD.group_id")
                                                      GROUP_DIRTY(
                                                          "NEW.group_id"))
                                                  KEY_MARK("gm", "DELETE",
                                                           "group_municipality",
                                                           GROUP_DIRTY(
                                                               "OLD.group_id"));

/* "C IN (A, B, C, D)" without the temporary table SQLite makes for a
 * list of more than two, on every row written. */
#define ONE_OF4(c, a, b, d, e)                                                 \
	c " = " a " OR " c " = " b " OR " c " = " d " OR " c " = " e

/* Format 9, for speed.  The tables person and membership again, their
 * columns as they were, with CHECKs that need no temporary table; their
 * indexes, and a group's members in an index that holds all the check
 * reads of them (check_walk()), so that the check does not look each
 * membership up in the table as well (an eighth of its time at 100
 * times national size); it takes the place of the index on group_id
 * alone, so a write costs no more.  The triggers that mark rows
 * (migrations 2 and 8) again, each mark an upsert of one value: their
 * INSERT ... SELECT ... WHERE NOT EXISTS read the table they write, which
 * SQLite does through a temporary table made for every row written, a
 * fifth of an import's time.  Not INSERT OR IGNORE: a trigger fired by a
 * foreign key's action (ON DELETE SET NULL) takes that action's conflict
 * policy, ABORT, instead of its own; an upsert's DO NOTHING holds under any
 * policy. */
static const char schema_v9[] =
    "CREATE TABLE person_v9 (\n"
    " id INTEGER PRIMARY KEY,\n"
    " surname TEXT NOT NULL CHECK (surname <> ''),\n"
    " given_names TEXT NOT NULL DEFAULT '',\n"
    " gender TEXT NOT NULL DEFAULT ''\n"
    "  CHECK (" ONE_OF4(
        "gender", "''", "'woman'", "'man'",
        "'other'") "),\n"
                   " organisation TEXT,\n"
                   " email TEXT,\n"
                   " phone TEXT,\n"
                   " notes TEXT,\n"
                   " version INTEGER NOT NULL DEFAULT 1,\n" ROW_COLS ");\n"
                   "INSERT INTO person_v9 SELECT id, surname, given_names, "
                   "gender,\n"
                   " organisation, email, phone, notes, version, uuid, "
                   "created, updated\n"
                   " FROM person;\n"
                   "DROP TABLE person;\n"
                   "ALTER TABLE person_v9 RENAME TO person;\n"
                   "CREATE TABLE membership_v9 (\n"
                   " id INTEGER PRIMARY KEY,\n"
                   " group_id INTEGER NOT NULL REFERENCES lape_group(id)\n"
                   "  ON DELETE CASCADE,\n"
                   " person_id INTEGER REFERENCES person(id) ON DELETE "
                   "RESTRICT,\n"
                   " sectors TEXT NOT NULL CHECK (sectors <> ''),\n"
                   " role TEXT NOT NULL DEFAULT 'member'\n"
                   "  CHECK (" ONE_OF4(
                       "role", "'chair'", "'vice_chair'", "'secretary'",
                       "'member'") "),\n"
                                   " deputy_of INTEGER REFERENCES "
                                   "membership(id) ON DELETE SET NULL\n"
                                   "  CHECK (deputy_of IS NULL OR deputy_of <> "
                                   "id),\n"
                                   " organisation TEXT,\n"
                                   " start_date TEXT,\n"
                                   " end_date TEXT,\n"
                                   " version INTEGER NOT NULL DEFAULT "
                                   "1,\n" ROW_COLS ",\n"
                                   " name_withheld INTEGER NOT NULL\n"
                                   "  DEFAULT 0 CHECK (name_withheld IN (0, "
                                   "1)),\n"
                                   " CHECK (end_date IS NULL OR start_date IS "
                                   "NULL\n"
                                   "  OR end_date >= start_date));\n"
                                   "INSERT INTO membership_v9 SELECT id, "
                                   "group_id, person_id, sectors,\n"
                                   " role, deputy_of, organisation, "
                                   "start_date, end_date, version, uuid,\n"
                                   " created, updated, name_withheld FROM "
                                   "membership;\n"
                                   "DROP TABLE membership;\n"
                                   "ALTER TABLE membership_v9 RENAME TO "
                                   "membership;\n"
                                   "CREATE INDEX membership_walk ON "
                                   "membership(group_id, person_id,\n"
                                   " sectors, role, end_date, name_withheld);\n"
                                   "CREATE INDEX membership_person ON "
                                   "membership(person_id);\n"
                                   "CREATE INDEX membership_deputy ON "
                                   "membership(deputy_of);\n"
                                   "DROP TRIGGER IF EXISTS "
                                   "overview_membership_INSERT;\n"
                                   "CREATE TRIGGER overview_membership_INSERT "
                                   "AFTER INSERT ON membership "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (NEW.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER IF EXISTS "
                                   "overview_membership_UPDATE;\n"
                                   "CREATE TRIGGER overview_membership_UPDATE "
                                   "AFTER UPDATE ON membership "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (OLD.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (NEW.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER IF EXISTS "
                                   "overview_membership_DELETE;\n"
                                   "CREATE TRIGGER overview_membership_DELETE "
                                   "AFTER DELETE ON membership "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (OLD.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER overview_lape_group_INSERT;\n"
                                   "CREATE TRIGGER overview_lape_group_INSERT "
                                   "AFTER INSERT ON lape_group "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (NEW.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER overview_lape_group_UPDATE;\n"
                                   "CREATE TRIGGER overview_lape_group_UPDATE "
                                   "AFTER UPDATE ON lape_group "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (NEW.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER overview_lape_group_DELETE;\n"
                                   "CREATE TRIGGER overview_lape_group_DELETE "
                                   "AFTER DELETE ON lape_group "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty(group_id) "
                                   "VALUES (OLD.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER overview_gm_INSERT;\n"
                                   "CREATE TRIGGER overview_gm_INSERT AFTER "
                                   "INSERT ON group_municipality "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty_muni(code) "
                                   "VALUES (NEW.municipality_code) ON "
                                   "CONFLICT DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER overview_gm_UPDATE;\n"
                                   "CREATE TRIGGER overview_gm_UPDATE AFTER "
                                   "UPDATE ON group_municipality "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty_muni(code) "
                                   "VALUES (OLD.municipality_code) ON "
                                   "CONFLICT DO NOTHING;\n"
                                   " INSERT INTO overview_dirty_muni(code) "
                                   "VALUES (NEW.municipality_code) ON "
                                   "CONFLICT DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER overview_gm_DELETE;\n"
                                   "CREATE TRIGGER overview_gm_DELETE AFTER "
                                   "DELETE ON group_municipality "
                                   "BEGIN\n"
                                   " INSERT INTO overview_dirty_muni(code) "
                                   "VALUES (OLD.municipality_code) ON "
                                   "CONFLICT DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER IF EXISTS person_key_INSERT;\n"
                                   "CREATE TRIGGER person_key_INSERT AFTER "
                                   "INSERT ON person BEGIN\n"
                                   " INSERT INTO person_key_dirty(person_id) "
                                   "VALUES (NEW.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER IF EXISTS person_key_UPDATE;\n"
                                   "CREATE TRIGGER person_key_UPDATE AFTER "
                                   "UPDATE ON person BEGIN\n"
                                   " INSERT INTO person_key_dirty(person_id) "
                                   "VALUES (OLD.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   " INSERT INTO person_key_dirty(person_id) "
                                   "VALUES (NEW.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER IF EXISTS person_key_DELETE;\n"
                                   "CREATE TRIGGER person_key_DELETE AFTER "
                                   "DELETE ON person BEGIN\n"
                                   " INSERT INTO person_key_dirty(person_id) "
                                   "VALUES (OLD.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER group_key_INSERT;\n"
                                   "CREATE TRIGGER group_key_INSERT AFTER "
                                   "INSERT ON lape_group BEGIN\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (NEW.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER group_key_UPDATE;\n"
                                   "CREATE TRIGGER group_key_UPDATE AFTER "
                                   "UPDATE ON lape_group BEGIN\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (OLD.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (NEW.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER group_key_DELETE;\n"
                                   "CREATE TRIGGER group_key_DELETE AFTER "
                                   "DELETE ON lape_group BEGIN\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (OLD.id) ON CONFLICT DO "
                                   "NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER gm_key_INSERT;\n"
                                   "CREATE TRIGGER gm_key_INSERT AFTER INSERT "
                                   "ON group_municipality BEGIN\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (NEW.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER gm_key_UPDATE;\n"
                                   "CREATE TRIGGER gm_key_UPDATE AFTER UPDATE "
                                   "ON group_municipality BEGIN\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (OLD.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (NEW.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   "END;\n"
                                   "DROP TRIGGER gm_key_DELETE;\n"
                                   "CREATE TRIGGER gm_key_DELETE AFTER DELETE "
                                   "ON group_municipality BEGIN\n"
                                   " INSERT INTO group_key_dirty(group_id) "
                                   "VALUES (OLD.group_id) ON CONFLICT "
                                   "DO NOTHING;\n"
                                   "END;\n";

/* Format 10: the people's search index (store-page.c).  A search of
 * three letters or more reads its matches from an FTS5 trigram index of
 * the search texts, in the list's order, instead of reading everyone
 * before them: so a keystroke costs what the page shows, not what the
 * list holds.  The texts are folded already (lape_key()), so the index
 * folds nothing of its own.  Only lape writes these tables, with the list
 * keys; a row another program writes is marked, as before.  (No FTS5
 * setting is changed here for speed: an SQLite without it would refuse the
 * migration.)  The lists'
 * lengths are counted by page_keys_refresh(), by the rows it writes,
 * instead of a trigger run on every row of the keys.  A group's search
 * text holds its municipalities' names too (a trigger marks the groups of
 * a municipality renamed), so that a search of the groups reads one text
 * a group, not its municipalities as well. */
#define MUNI_KEY(when, row)                                                    \
	"CREATE TRIGGER municipality_key_" when " AFTER " when                 \
	" ON municipality BEGIN\n"                                             \
	" INSERT INTO group_key_dirty(group_id) SELECT group_id FROM\n"        \
	"  group_municipality WHERE municipality_code = " row ".code\n"        \
	"  ON CONFLICT DO NOTHING;\nEND;\n"
static const char schema_v10_search[] =
    "DROP TRIGGER person_key_count_INSERT;\n"
    "DROP TRIGGER person_key_count_DELETE;\n"
    "DROP TRIGGER group_key_count_INSERT;\n"
    "DROP TRIGGER group_key_count_DELETE;\n"
    "INSERT INTO group_key_dirty(group_id) SELECT id FROM lape_group\n"
    " WHERE true ON CONFLICT DO NOTHING;\n" MUNI_KEY("INSERT", "NEW")
        MUNI_KEY("UPDATE", "OLD") MUNI_KEY(
            "DELETE",
            "OLD") "CREATE TABLE person_rank (\n"
                   " rank INTEGER PRIMARY KEY,\n"
                   " person_id INTEGER NOT NULL);\n" PAGE_RANKS_ALL_SQL ";\n"
                   "" PAGE_RANK_INDEX_SQL ";\n"
                   "CREATE VIRTUAL TABLE person_search USING fts5(search, "
                   "content='',\n"
                   " tokenize='trigram case_sensitive 1', columnsize=0);\n"
                   "" PAGE_SEARCH_ALL_SQL ";\n";

/* Format 11: what a read of a group shows of other rows (store.h), kept
 * up to date by triggers in every write, whoever makes it: a group's
 * municipality codes and its region's first active regional group.  They
 * are not in the journal: a merge or an undo writes the rows they come
 * from, and the triggers follow.  And the groups' search index, kept with
 * their list keys (store-page.c), as the people's is from format 10. */
#define LINKS_OF(when, row, regions)                                           \
	"CREATE TRIGGER region_link_" when " AFTER " when " ON lape_group "    \
	"WHEN " row ".level = 'regional' BEGIN\n"                              \
	" DELETE FROM region_link WHERE region_code IN (" regions ");\n"       \
	" " GROUP_LINKS_SQL(" AND region_code IN (" regions ")") ";\nEND;\n"
#define CODES_OF(when, rows)                                                   \
	"CREATE TRIGGER group_codes_" when " AFTER " when                      \
	" ON group_municipality BEGIN\n" rows "END;\n"
#define CODES_ROW(id)                                                          \
	" DELETE FROM group_codes WHERE group_id = " id ";\n"                  \
	" " GROUP_CODES_SQL(id, "") ";\n"
#define LINKS_UPDATE                                                           \
	"CREATE TRIGGER region_link_UPDATE AFTER UPDATE ON lape_group\n"       \
	" WHEN OLD.level = 'regional' OR NEW.level = 'regional' BEGIN\n"       \
	" DELETE FROM region_link WHERE region_code IN\n"                      \
	"  (OLD.region_code, NEW.region_code);\n"                              \
	" " GROUP_LINKS_SQL(" AND region_code IN (OLD.region_code, "           \
	                    "NEW.region_code)") ";\nEND;\n"
/* clang-format off */
static const char schema_v11_group_reads[] =
    "CREATE TABLE region_link (\n"
    " region_code TEXT PRIMARY KEY,\n"
    " group_id INTEGER NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE group_codes (\n"
    " group_id INTEGER PRIMARY KEY,\n"
    " codes TEXT NOT NULL);\n"
    GROUP_LINKS_SQL("") ";\n"
    GROUP_CODES_SQL("g.id", " FROM lape_group g") ";\n"
    LINKS_OF("INSERT", "NEW", "NEW.region_code")
    LINKS_OF("DELETE", "OLD", "OLD.region_code")
    LINKS_UPDATE
    CODES_OF("INSERT", CODES_ROW("NEW.group_id"))
    CODES_OF("UPDATE", CODES_ROW("OLD.group_id") CODES_ROW("NEW.group_id"))
    CODES_OF("DELETE", CODES_ROW("OLD.group_id"))
    "CREATE VIRTUAL TABLE group_search USING fts5(search, content='',\n"
    " tokenize='trigram case_sensitive 1', columnsize=0);\n"
    PAGE_GROUP_INDEX_ALL_SQL ";\n";
/* clang-format on */

const struct db_migration schema_migrations[] = {
    {1, schema_v1},
    {2, schema_v2_overview},
    {3, schema_journal},
    {4, schema_v4_privacy},
    {5, schema_person_names},
    {6, schema_v6_group_count},
    {7, schema_v7_name_withheld},
    {8, schema_v8_list_keys},
    {9, schema_v9},
    {10, schema_v10_search},
    {11, schema_v11_group_reads},
};

const int schema_migration_count =
    (int)(sizeof schema_migrations / sizeof schema_migrations[0]);

/* ---- splitting a single name (migration 2) ----------------------------- */

/* Lower-case words that belong to the surname after them ("af Forselles",
 * "von Wright"). */
static bool name_particle(const char *w, size_t len)
{
	static const char *const particles[] = {
	    "af", "av", "von", "van", "de", "der", "den",
	    "da", "di", "du",  "la",  "le", "zu"};

	for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++)
		if (strlen(particles[i]) == len &&
		    memcmp(particles[i], w, len) == 0)
			return true;
	return false;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Copy the words [FROM, TO) of the N words at W (each LEN[i] bytes) into
 * new text joined by single spaces. */
static char *join_words(const char **w, const size_t *len, size_t from,
                        size_t to)
{
	size_t size = 1, at = 0;
	char *out;

	for (size_t i = from; i < to; i++)
		size += len[i] + 1;
	out = malloc(size);
	if (!out)
		return NULL;
	for (size_t i = from; i < to; i++) {
		if (at)
			out[at++] = ' ';
		memcpy(out + at, w[i], len[i]);
		at += len[i];
	}
	out[at] = '\0';
	return out;
}

static int split_comma(const char *t, char **surname, char **given)
{
	const char *comma = strchr(t, ',');
	char *a = strndup(t, (size_t)(comma - t)), *b = strdup(comma + 1);
	char *ca = a ? utf8_clean(a) : NULL, *cb = b ? utf8_clean(b) : NULL;

	free(a);
	free(b);
	if (!ca || !cb || !*ca) {
		free(ca);
		free(cb);
		return ca && cb ? LAPE_INVALID : LAPE_ERROR;
	}
	*surname = ca;
	*given = cb;
	return LAPE_OK;
}

#define NAME_WORDS_MAX 64

int schema_name_split(const char *name, char **surname, char **given,
                      bool *clear)
{
	const char *w[NAME_WORDS_MAX];
	size_t len[NAME_WORDS_MAX], n = 0, last;
	char *t = utf8_clean(name ? name : "");
	int rc = LAPE_OK;

	*surname = *given = NULL;
	*clear = false;
	if (!t)
		return LAPE_ERROR;
	if (strchr(t, ',') && !strchr(strchr(t, ',') + 1, ',') &&
	    split_comma(t, surname, given) == LAPE_OK) {
		free(t); /* "Surname, Given": a guess worth a note */
		return LAPE_OK;
	}
	for (const char *p = t; *p && n < NAME_WORDS_MAX;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		w[n] = p;
		while (*p && !is_blank(*p))
			p++;
		len[n] = (size_t)(p - w[n]);
		n++;
	}
	if (n == 0) { /* blank: the v1 schema allowed it */
		*surname = strdup("?");
		*given = strdup("");
	} else {
		last = n - 1;
		while (last > 0 && name_particle(w[last - 1], len[last - 1]))
			last--;
		*surname = join_words(w, len, last, n);
		*given = join_words(w, len, 0, last);
		*clear = n >= 2 && n <= 3 && last == n - 1 && !strchr(t, ',');
	}
	if (!*surname || !*given) {
		free(*surname);
		free(*given);
		*surname = *given = NULL;
		rc = LAPE_ERROR;
	}
	free(t);
	return rc;
}

/* lape_name_part(name, part): the surname (PART 1) or the given names
 * (PART 0) of a single name. */
static void sql_name_part(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char *surname, *given;
	bool clear;

	(void)argc;
	if (schema_name_split((const char *)sqlite3_value_text(argv[0]),
	                      &surname, &given, &clear) != LAPE_OK) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (sqlite3_value_int(argv[1])) {
		sqlite3_result_text(ctx, surname, -1, free);
		free(given);
	} else {
		sqlite3_result_text(ctx, given, -1, free);
		free(surname);
	}
}

/* lape_name_note(name, notes): NOTES, with the old NAME after them when
 * splitting it was a guess. */
static void sql_name_note(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *notes = (const char *)sqlite3_value_text(argv[1]);
	char *surname, *given, *out;
	bool clear;
	int n;

	(void)argc;
	if (schema_name_split(name, &surname, &given, &clear) != LAPE_OK) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	free(surname);
	free(given);
	if (clear) {
		sqlite3_result_value(ctx, argv[1]);
		return;
	}
	if (notes && *notes)
		n = asprintf(&out,
		             _("%s\nName before the split into surname "
		               "and given names: %s"),
		             notes, name ? name : "");
	else
		n = asprintf(&out,
		             _("Name before the split into surname and given "
		               "names: %s"),
		             name ? name : "");
	if (n < 0) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, out, -1, free);
}

int schema_register_functions(sqlite3 *sql)
{
	int rc = sqlite3_create_function_v2(
	    sql, "lape_name_part", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	    sql_name_part, NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(
		    sql, "lape_name_note", 2,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_name_note,
		    NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = page_register_functions(sql);
	return rc;
}
