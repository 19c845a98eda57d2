/* fuzz-date.c -- dates as users type them: date_parse() accepts only real
 * calendar dates, its ISO output parses back to itself, and showing any
 * text as a date stays within its 11 bytes. */

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
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lape/date.h"
#include "lape/db.h"
#include "lape/i18n.h"

static void check_iso(const char *iso)
{
	char again[11], shown[11];
	int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);

	FUZZ_ASSERT(strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-');
	FUZZ_ASSERT(y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	            d <= 31);
	FUZZ_ASSERT(date_parse(iso, again) == 0);
	FUZZ_ASSERT(strcmp(iso, again) == 0);
	/* the Finnish form parses back to the same date */
	i18n_init("fi");
	date_show(iso, shown);
	FUZZ_ASSERT(date_parse(shown, again) == 0);
	FUZZ_ASSERT(strcmp(iso, again) == 0);
	FUZZ_ASSERT(db_check_date(iso) == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), out[11], shown[11];
	static bool init;

	if (!init) {
		i18n_init("en");
		init = true;
	}
	memset(out, 'x', sizeof out);
	if (date_parse(s, out) == 0)
		check_iso(out);
	else
		FUZZ_ASSERT(!db_blank(s) ? db_check_date(s) != NULL : true);
	/* any text shown as a date: cut, never overrun */
	i18n_init(size && data[0] & 1 ? "en" : "sv");
	date_show(s, shown);
	FUZZ_ASSERT(strlen(shown) <= 10);
	free(s);
	return 0;
}
