/* i18n.h -- gettext macros and the user's language.
 *
 * Every user-visible string goes through _(); N_() marks strings kept in
 * tables and translated where they are shown.  The language ("fi", "sv" or
 * "en") also picks which name of a region or sector the data shows. */

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
#ifndef LAPE_I18N_H
#define LAPE_I18N_H

#include <config.h>

#if ENABLE_NLS
#include <libintl.h>
#define _(s) i18n_gettext(s)
/* gettext(MSGID), remembered: see i18n.c. */
const char *i18n_gettext(const char *msgid);
#else
#define _(s) ((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)
/* A message with a context, for an English word with two meanings: "End"
 * the key and "End" of a term.  NC_() marks one in a table, C_()
 * translates it. */
#define NC_(ctx, s) (s)
#define C_(ctx, s) i18n_pgettext(ctx, s)
const char *i18n_pgettext(const char *ctx, const char *msgid);

/* Set up the locale, the message catalogue and the language.  LANG may be
 * NULL (then the environment decides) or "fi", "sv", "en".  Falls back to
 * C.UTF-8 when the environment names no usable locale, so that UTF-8 text
 * and wcwidth() work on bare machines.  Returns 0, or -1 when LANG is not
 * one of the three. */
int i18n_init(const char *lang);

/* The language in use: "fi", "sv" or "en".  Never NULL. */
const char *i18n_lang(void);

/* Pick the Finnish or Swedish one of a pair of names by the language in use
 * (English shows the Finnish name, as Finland's English documents do). */
const char *i18n_pick(const char *name_fi, const char *name_sv);

#endif
