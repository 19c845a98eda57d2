/* path.h -- where lape's files are by default: the data file under the
 * XDG data directory, files next to the program.  Depends on no other
 * module of lape, so that configuration, messages and the data file can
 * all use it without depending on each other. */

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
#ifndef LAPE_PATH_H
#define LAPE_PATH_H

/* The absolute path of REL ("../share/lape") relative to the directory
 * the running program is in, if it exists.  Caller frees; NULL if not. */
char *path_exe_relative(const char *rel);

/* $XDG_DATA_HOME/lape/lape.db, or ~/.local/share/lape/lape.db.  Caller
 * frees; NULL when there is no home directory or out of memory. */
char *path_default_db(void);

#endif
