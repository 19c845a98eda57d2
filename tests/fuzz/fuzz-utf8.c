/* fuzz-utf8.c -- UTF-8 text as anything may send it: validation,
 * decoding and encoding, width and cutting, case folding, collation and
 * the escaping of names in messages.  Checks the promises of utf8.h,
 * collate.h and ini_shown(), not only that nothing crashes. */

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

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lape/collate.h"
#include "lape/ini.h"
#include "lape/utf8.h"

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Decoding agrees with utf8_valid(), and a valid character encodes back
 * to its own bytes. */
static void check_decode(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t left = size, n;
	bool valid = true;
	unsigned cp;

	while ((n = utf8_decode_n(s, left, &cp)) > 0) {
		char out[UTF8_CHAR_MAX];

		FUZZ_ASSERT(n <= left && n <= UTF8_CHAR_MAX);
		if (n == 1 && cp == UTF8_REPLACEMENT) {
			valid = false;
		} else {
			FUZZ_ASSERT(utf8_encode(cp, out) == n);
			FUZZ_ASSERT(memcmp(out, s, n) == 0);
		}
		s += n;
		left -= n;
	}
	FUZZ_ASSERT(left == 0);
	FUZZ_ASSERT(utf8_valid((const char *)data, size) == valid);
}

/* utf8_fit() keeps within COLS, never cuts inside a character and
 * measures like utf8_width(). */
static void check_fit(const char *s, size_t cols)
{
	size_t fw, b = utf8_fit(s, cols, &fw), at = 0, n;
	unsigned cp;
	char *prefix;

	FUZZ_ASSERT(fw <= cols);
	FUZZ_ASSERT(b <= strlen(s));
	while (at < b && (n = utf8_decode(s + at, &cp)) > 0)
		at += n;
	FUZZ_ASSERT(at == b);
	prefix = strndup(s, b);
	FUZZ_ASSERT(prefix != NULL);
	FUZZ_ASSERT(utf8_width(prefix) == fw);
	FUZZ_ASSERT(fw <= utf8_width(s));
	free(prefix);
}

/* utf8_key(): valid UTF-8 out, and its own key. */
static void check_fold(const uint8_t *data, size_t size)
{
	size_t n, m;
	char *f = utf8_key((const char *)data, size, &n), *g;

	FUZZ_ASSERT(f != NULL);
	FUZZ_ASSERT(f[n] == '\0');
	FUZZ_ASSERT(utf8_valid(f, n));
	g = utf8_key(f, n, &m);
	FUZZ_ASSERT(g != NULL && m == n && memcmp(f, g, n) == 0);
	free(g);
	free(f);
}

/* collate_fi_n() is an order: reflexive, antisymmetric, transitive;
 * collate_fi_prefix() agrees with it. */
static void check_collate(const uint8_t *data, size_t size)
{
	const char *a = (const char *)data, *b = a + size / 3,
	           *c = a + 2 * size / 3;
	size_t al = size / 3, bl = 2 * size / 3 - size / 3,
	       cl = size - 2 * size / 3;
	int ab = collate_fi_n(a, al, b, bl), ba = collate_fi_n(b, bl, a, al);
	int bc = collate_fi_n(b, bl, c, cl), ac = collate_fi_n(a, al, c, cl);

	FUZZ_ASSERT(collate_fi_n(a, al, a, al) == 0);
	FUZZ_ASSERT(sign(ab) == -sign(ba));
	if (ab <= 0 && bc <= 0)
		FUZZ_ASSERT(ac <= 0);
	if (ab >= 0 && bc >= 0)
		FUZZ_ASSERT(ac >= 0);
	/* prefixes that differ order as the texts (collate_fi_prefix()) */
	{
		uint64_t pa = collate_fi_prefix(a, al),
		         pb = collate_fi_prefix(b, bl);

		if (pa != pb)
			FUZZ_ASSERT((pa < pb ? -1 : 1) == sign(ab));
	}
}

/* A name shown in a message: cut to SIZE, no control byte, valid UTF-8. */
static void check_shown(const char *s, size_t size)
{
	char buf[128];
	size_t len;

	memset(buf, 'x', sizeof buf);
	ini_shown(s, buf, size);
	if (size == 0) {
		FUZZ_ASSERT(buf[0] == 'x');
		return;
	}
	len = strlen(buf);
	FUZZ_ASSERT(len < size);
	FUZZ_ASSERT(utf8_valid(buf, len));
	for (size_t i = 0; i < len; i++)
		FUZZ_ASSERT((unsigned char)buf[i] >= 0x20 && buf[i] != 0x7f);
	FUZZ_ASSERT(utf8_width(buf) <= 40 + 3); /* and "..." */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	char *s;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = true;
	}
	s = fuzz_string(data, size);
	check_decode(data, size);
	(void)utf8_width(s);
	check_fit(s, size ? data[0] % 64 : 0);
	check_fold(data, size);
	check_collate(data, size);
	FUZZ_ASSERT(sign(collate_fi(s, s + strlen(s) / 2)) ==
	            sign(collate_fi_n(s, strlen(s), s + strlen(s) / 2,
	                              strlen(s) - strlen(s) / 2)));
	check_shown(s, size ? data[size - 1] % 128 : 0);
	free(s);
	return 0;
}
