/* fuzz-import.c -- the member-list importer: import_read() on any bytes
 * (any encoding, delimiter and quoting), then a dry run of import_run()
 * against a file with one group.  Promises: every cell is valid UTF-8,
 * rows start on increasing lines, a message is one line, counts add up,
 * and a dry run leaves the data file as it was. */

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

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lape/i18n.h"
#include "lape/import.h"
#include "lape/store.h"
#include "lape/utf8.h"

static struct lape_db *db;
static struct rules *rules;
static int64_t group_id;

static void setup(void)
{
	struct group g = {0};
	char err[512], path[1024];

	i18n_init("en");
	FUZZ_ASSERT(db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) ==
	            LAPE_OK);
	FUZZ_ASSERT(refdata_load(db, fuzz_share(), 2016) == LAPE_OK);
	snprintf(path, sizeof path, "%s/rules.ini", fuzz_share());
	FUZZ_ASSERT(rules_load(path, &rules, err, sizeof err) == 0);
	g.level = LEVEL_MUNICIPAL;
	g.name = strdup("Espoon LAPE-ryhmä");
	FUZZ_ASSERT(g.name && group_add_municipality(&g, "049") == LAPE_OK);
	FUZZ_ASSERT(group_save(db, &g) == LAPE_OK);
	group_id = g.id;
	group_clear(&g);
}

static int64_t count(const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int64_t n;

	FUZZ_ASSERT(st && sqlite3_step(st) == SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_file f;
	struct import_result res;
	struct import_options opt = {0};
	char err[512];
	int64_t people, seats;
	int rc;

	if (!db)
		setup();
	rc = import_read((const char *)data, size, &f, err, sizeof err);
	if (rc != LAPE_OK) {
		FUZZ_ASSERT(rc == LAPE_INVALID);
		FUZZ_ASSERT(*err && strchr(err, '\n') == NULL);
		return 0;
	}
	FUZZ_ASSERT(f.delimiter == ';' || f.delimiter == ',' ||
	            f.delimiter == '\t');
	FUZZ_ASSERT(f.n_cols <= IMPORT_MAX_COLUMNS);
	for (size_t c = 0; c < f.n_cols; c++)
		FUZZ_ASSERT(utf8_valid(f.headers[c], strlen(f.headers[c])));
	for (size_t r = 0; r < f.n_rows; r++) {
		FUZZ_ASSERT(f.rows[r].line >= 2);
		FUZZ_ASSERT(r == 0 || f.rows[r].line > f.rows[r - 1].line);
		for (size_t c = 0; c < f.n_cols; c++)
			FUZZ_ASSERT(utf8_valid(f.rows[r].cells[c],
			                       strlen(f.rows[r].cells[c])));
	}
	/* the first byte's low bit: --group, or the group column */
	opt.group_id = size && (data[0] & 1) ? group_id : 0;
	people = count("SELECT count(*) FROM person");
	seats = count("SELECT count(*) FROM membership");
	rc = import_run(db, rules, &f, &opt, &res);
	FUZZ_ASSERT(rc == LAPE_OK);
	FUZZ_ASSERT(!res.applied);
	FUZZ_ASSERT(res.n_errors + res.n_warnings == res.n_problems);
	FUZZ_ASSERT(res.n_people_added + res.n_people_changed +
	                res.n_members_added + res.n_members_changed ==
	            res.n_actions);
	for (size_t i = 0; i < res.n_problems; i++)
		FUZZ_ASSERT(res.problems[i].reason &&
		            strchr(res.problems[i].reason, '\n') == NULL);
	FUZZ_ASSERT(count("SELECT count(*) FROM person") == people);
	FUZZ_ASSERT(count("SELECT count(*) FROM membership") == seats);
	import_result_clear(&res);
	import_file_clear(&f);
	return 0;
}
