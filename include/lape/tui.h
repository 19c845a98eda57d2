/* tui.h -- the screens: menus and forms over the core.  The only part of
 * lape that uses curses. */

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
#ifndef LAPE_TUI_H
#define LAPE_TUI_H

#include "lape/ctx.h"

/* Run the application on CTX (data file opened, created if need be, and
 * rules loaded by the caller).  Returns the process exit status. */
int tui_run(struct lape_ctx *ctx);

#endif
