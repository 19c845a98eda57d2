/* collate.h -- Finnish and Swedish alphabetical order, independent of the
 * machine's locales: case and accents are ignored (é as e, ü as y), and å, ä,
 * ö come after z, in that order (æ as ä, ø as ö). */

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
#ifndef LAPE_COLLATE_H
#define LAPE_COLLATE_H

#include <stddef.h>
#include <stdint.h>

/* Compare two NUL-terminated UTF-8 strings: <0, 0 or >0. */
int collate_fi(const char *a, const char *b);

/* The same for counted strings (as SQLite hands them to a collation). */
int collate_fi_n(const char *a, size_t alen, const char *b, size_t blen);

/* The sort key of the LEN bytes at S: bytes whose memcmp() order is
 * collate_fi_n()'s, so that a plain (BINARY) index can keep the order.
 * Keys of several texts put one after the other order as the texts do
 * column by column (each key ends itself).  OUT has room for
 * COLLATE_FI_KEY_MAX(LEN) bytes; returns the bytes written. */
#define COLLATE_FI_KEY_MAX(len) (8 * (len) + 2)
size_t collate_fi_key(const char *s, size_t len, unsigned char *out);

/* The first-level weights of the first 8 characters of the LEN bytes at
 * S, one byte each, most significant first (0 past the end, 0xff from a
 * character outside the letters collate.c knows).  Where two prefixes
 * differ they order as collate_fi_n() orders the texts; where they are
 * equal, nothing is known: compare the texts.  A cheap first test when
 * one text is compared many times (sorting a group's members). */
uint64_t collate_fi_prefix(const char *s, size_t len);

#endif
