/* date.c -- dates typed as 2016-10-01 or the Finnish 1.10.2016 (or
 * 1.10.16), stored as ISO 8601, shown in the user's language. */

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
#include <time.h>

#include "lape/date.h"
#include "lape/i18n.h"

static bool valid_ymd(int y, int m, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= (m == 2 && leap ? 29 : days[m - 1]);
}

/* Write a valid date as "YYYY-MM-DD" (exactly 10 characters). */
static void format_iso(int y, int m, int d, char out[11])
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Read 1..MAX decimal digits at *P into *OUT and advance. */
static bool digits(const char **p, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (**p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*out = v;
	return n >= min && !(**p >= '0' && **p <= '9');
}

int date_parse(const char *s, char out[11])
{
	const char *p = s;
	int y, m, d;

	if (s == NULL)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strchr(p, '-') != NULL) {
		if (!digits(&p, 4, 4, &y) || *p++ != '-' ||
		    !digits(&p, 2, 2, &m) || *p++ != '-' ||
		    !digits(&p, 2, 2, &d))
			return -1;
	} else {
		const char *year;

		if (!digits(&p, 1, 2, &d) || *p++ != '.' ||
		    !digits(&p, 1, 2, &m) || *p++ != '.')
			return -1;
		year = p;
		if (!digits(&p, 2, 4, &y) || p - year == 3)
			return -1;
		/* 31.12.17 as Finns and Swedes write it: lape's years are
		 * this century's (the programme began in 2016) */
		if (p - year == 2)
			y += 2000;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' || !valid_ymd(y, m, d))
		return -1;
	format_iso(y, m, d, out);
	return 0;
}

void date_today(char out[11])
{
	const char *env = getenv("LAPE_TODAY");
	time_t now;
	struct tm tm;

	if (env != NULL && date_parse(env, out) == 0)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void date_show(const char *iso, char out[11])
{
	int y, m, d;

	out[0] = '\0';
	if (iso == NULL || *iso == '\0')
		return;
	if (strcmp(i18n_lang(), "en") == 0 ||
	    sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    !valid_ymd(y, m, d)) {
		snprintf(out, 11, "%s", iso);
		return;
	}
	snprintf(out, 11, "%u.%u.%u", (unsigned)d % 32, (unsigned)m % 13,
	         (unsigned)y % 10000);
}
