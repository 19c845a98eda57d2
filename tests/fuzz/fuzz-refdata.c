/* fuzz-refdata.c -- the reference-data CSV reader.  The first byte picks
 * the file the rest becomes: regions.csv (beside the shipped
 * municipalities of 2016) or municipalities_2016.csv (beside the shipped
 * regions).  refdata_load() runs in a transaction rolled back after each
 * input, so every input starts from an empty file. */

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
#include <sys/stat.h>

#include "fuzz.h"
#include "lape/i18n.h"
#include "lape/store.h"

static struct lape_db *db;
static char share[2][256]; /* [0]: regions from the input, [1]: the other */

static void copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	char buf[4096];
	size_t n;
	FILE *out = fopen(to, "wb");

	FUZZ_ASSERT(in && out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		FUZZ_ASSERT(fwrite(buf, 1, n, out) == n);
	fclose(in);
	FUZZ_ASSERT(fclose(out) == 0);
}

static void setup(void)
{
	static const char *const names[] = {"regions.csv",
	                                    "municipalities_2016.csv"};
	char err[256], from[1024], to[1024];

	i18n_init("en");
	FUZZ_ASSERT(db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) ==
	            LAPE_OK);
	for (int i = 0; i < 2; i++) {
		snprintf(share[i], sizeof share[i], "%s/%c", fuzz_tmpdir(),
		         'a' + i);
		snprintf(to, sizeof to, "%s/refdata", share[i]);
		FUZZ_ASSERT(mkdir(share[i], 0700) == 0 && mkdir(to, 0700) == 0);
		/* the shipped copy of the file the input does not replace */
		snprintf(from, sizeof from, "%s/refdata/%s", fuzz_share(),
		         names[!i]);
		snprintf(to, sizeof to, "%s/refdata/%s", share[i], names[!i]);
		copy(from, to);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[1024];
	int which, rc;

	if (!db)
		setup();
	which = size > 0 && (data[0] & 1);
	snprintf(path, sizeof path, "%s/refdata/%s", share[which],
	         which ? "municipalities_2016.csv" : "regions.csv");
	fuzz_write(path, data + (size > 0), size - (size > 0));
	FUZZ_ASSERT(db_begin(db) == LAPE_OK);
	rc = refdata_load(db, share[which], 2016);
	if (rc == LAPE_OK) {
		FUZZ_ASSERT(refdata_year(db) == 2016);
	} else {
		const char *msg = db_errmsg(db);

		FUZZ_ASSERT(rc == LAPE_INVALID);
		FUZZ_ASSERT(*msg && strchr(msg, '\n') == NULL);
		FUZZ_ASSERT(strstr(msg, share[which]) == msg);
	}
	db_rollback(db);
	FUZZ_ASSERT(refdata_year(db) == 0);
	return 0;
}
