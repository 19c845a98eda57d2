/* utf8.h -- UTF-8 text decoded, encoded and case-folded in one place,
 * measured in terminal columns, never cut inside a character.  Invalid
 * bytes are never an error here: each one decodes as U+FFFD. */

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
#ifndef LAPE_UTF8_H
#define LAPE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* What an invalid byte decodes as. */
#define UTF8_REPLACEMENT 0xfffdu
/* The most bytes one character takes. */
#define UTF8_CHAR_MAX 4

/* Whether the LEN bytes at S are valid UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Display width of S in columns (wcwidth); a character of unknown width
 * counts as one column. */
size_t utf8_width(const char *s);

/* Number of bytes of S that fit in COLS columns without cutting a
 * character.  *WIDTH (may be NULL) receives the columns those bytes use. */
size_t utf8_fit(const char *s, size_t cols, size_t *width);

/* The same at a word boundary: the bytes of S up to the end of its last
 * whole word that fits in COLS columns (blanks and a trailing ",", ";",
 * ":" or a lone dash after it left out), or up to a compound's hyphen
 * ("Laurea-"); all of S when it fits.  0 when not even the first word
 * fits.  *WIDTH (may be NULL) receives the
 * columns those bytes use. */
size_t utf8_fit_words(const char *s, size_t cols, size_t *width);

/* Decode one character at S into *CP; returns its length in bytes (1 for an
 * invalid byte, which decodes as U+FFFD), 0 at the end of the string. */
size_t utf8_decode(const char *s, unsigned *cp);

/* The same for the LEN bytes at S, which may hold NUL bytes (U+0000) and
 * need not be terminated: never reads past S + LEN, returns 0 only when LEN
 * is 0.  A sequence cut short by the end is invalid. */
size_t utf8_decode_n(const char *s, size_t len, unsigned *cp);

/* Write CP as UTF-8 into OUT (not terminated); returns its length, 1 to 4.
 * A surrogate or a value past U+10FFFF is written as U+FFFD. */
size_t utf8_encode(unsigned cp, char out[UTF8_CHAR_MAX]);

/* The matching key of the LEN bytes at S: case-folded (Unicode full case
 * folding) and without accents (decomposed, marks dropped; æ, ø, ł as
 * ae, o, l), so that "ÄIJÄLÄ", "äijälä" and "aijala" have one key.  The
 * one fold of lape: searches, lookups, pick-list filters and key or label
 * matches all use it.  Invalid bytes become U+FFFD and NUL bytes stay.
 * Returns new text with a terminating NUL (the caller frees), its length
 * without it in *OUTLEN (may be NULL); NULL when out of memory. */
char *utf8_key(const char *s, size_t len, size_t *outlen);

/* Whether NEEDLE's key is inside HAY's (an empty or NULL needle is in
 * everything). */
bool utf8_match(const char *hay, const char *needle);

/* Whether A and B have the same key (both NULL: true). */
bool utf8_same(const char *a, const char *b);

/* S without leading and trailing blanks (space, tab, newline, carriage
 * return) and in Unicode NFC, so that text typed with precomposed or
 * decomposed letters ("Zoë") is stored the same.  Invalid UTF-8 is only
 * trimmed.  Returns new text (the caller frees), NULL for a NULL S or when
 * out of memory. */
char *utf8_clean(const char *s);

#endif
