/* demo.h -- the example data set of `lape demo`: the capital-region LAPE
 * project of 2016-2018 (seed 003: real municipalities and organisations,
 * invented people) and a lighter Ostrobothnian one, with some groups
 * complete and some not. */

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
#ifndef LAPE_DEMO_H
#define LAPE_DEMO_H

#include "lape/db.h"

/* The meta key that marks a file holding the example. */
#define DEMO_META_KEY "example"

/* Load the example into DB, which must hold reference data (any year that
 * has the municipalities; the LAPE year 2016 is meant) and no groups yet.
 * One transaction (a savepoint inside the caller's): all or nothing.
 * Returns LAPE_OK, or a lape_status with the message in db_errmsg():
 * LAPE_INVALID when the file already holds groups, with db_errfield()
 * DEMO_META_KEY when they are the example. */
int demo_load(struct lape_db *db);

#endif
