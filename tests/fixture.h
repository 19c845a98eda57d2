/* fixture.h -- what the unit tests of the data file share: a temporary
 * directory, data files opened on it or in memory with reference data,
 * one-row queries, saves through SQL, and a person, group or member added
 * through the store.  Every function asserts (cmocka) instead of
 * returning an error. */

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
#ifndef LAPE_TESTS_FIXTURE_H
#define LAPE_TESTS_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "lape/db.h"
#include "lape/store.h"

/* Assert that EXPR is LAPE_OK, showing DB's message and field when not. */
#define assert_ok(db, expr)                                                    \
	do {                                                                   \
		int rc_ = (expr);                                              \
		if (rc_ != LAPE_OK)                                            \
			print_message("# %d: %s [%s]\n", rc_, db_errmsg(db),   \
			              db_errfield(db));                        \
		assert_int_equal(rc_, LAPE_OK);                                \
	} while (0)

/* The temporary directory of a group of tests: make_tmpdir and
 * remove_tmpdir are its cmocka group setup and teardown. */
extern char tmpdir[64];
int make_tmpdir(void **state);
int remove_tmpdir(void **state);
/* NAME in tmpdir, in one of four static buffers used in turn. */
char *tmp_path(const char *name);

/* An in-memory data file, without and with the 2016 municipalities. */
struct lape_db *open_mem(void);
struct lape_db *open_ref(void);
/* The data file at PATH, made anew and published when CREATE, else the
 * one that is there. */
struct lape_db *open_file(const char *path, bool create);
/* A file NAME in tmpdir with the 2026 reference data and the example. */
struct lape_db *open_demo(const char *name);

/* The integer of the first column of the row that SQL gives. */
int64_t count(struct lape_db *db, const char *sql);
/* The text of the first column of the row that SQL gives with ?1 the id
 * ID, or NULL when there is no row; the caller frees it. */
char *text(struct lape_db *db, const char *sql, int64_t id);

/* Assert that region_link and group_codes (format 11) hold what they
 * stand for, as made afresh from the groups and their municipalities. */
void assert_group_reads_kept(struct lape_db *db);

/* Assert that the person ID's phone is WANT. */
void assert_phone(struct lape_db *db, int64_t id, const char *want);

/* One write transaction running SQL with the text A bound as ?1 (and B
 * as ?2), as one save. */
void change(struct lape_db *db, const char *sql, const char *a, const char *b);
/* As change(), with ?1 the id ID. */
void change_id(struct lape_db *db, const char *sql, int64_t id);

/* A person by plain SQL, as one save (so the triggers alone see it):
 * NAME is the surname.  Returns the id. */
int64_t add_person_sql(struct lape_db *db, const char *name);
/* Through the store: NAME is "Surname Given names" (or just a surname). */
int64_t add_person(struct lape_db *db, const char *name);
/* A municipal group NAME of the municipality code MUNI. */
int64_t add_group(struct lape_db *db, const char *name, const char *muni);
/* A member of GROUP in ROLE for the sector code SECTOR. */
int64_t add_member(struct lape_db *db, int64_t group, int64_t person,
                   enum member_role role, const char *sector);

#endif
