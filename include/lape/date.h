/* date.h -- calendar dates as the user types them and as they are stored. */

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
#ifndef LAPE_DATE_H
#define LAPE_DATE_H

#include <stddef.h>

/* Parse "2016-10-01" or the Finnish "1.10.2016" (also "01.10.2016", and
 * with a two-digit year "1.10.16", read as 2016) into ISO form in OUT (at
 * least 11 bytes).  Leading and trailing blanks are ignored.  Returns 0,
 * or -1 when S is not a real calendar date. */
int date_parse(const char *s, char out[11]);

/* Today's date in ISO form.  LAPE_TODAY in the environment overrides the
 * clock, so that tests are independent of the day they run. */
void date_today(char out[11]);

/* Format an ISO date for display in the language in use: "1.10.2016" in
 * Finnish and Swedish, "2016-10-01" in English.  Empty for NULL or "". */
void date_show(const char *iso, char out[11]);

#endif
