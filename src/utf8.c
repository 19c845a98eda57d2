/* utf8.c -- the one place that decodes, encodes, measures and case-folds
 * UTF-8 text.  Invalid bytes are never fatal: each decodes as U+FFFD.
 *
 * Widths come from wcwidth(), so the caller must run in a UTF-8 locale
 * (i18n_init() sees to it); matching keys (libunistring's case folding
 * and decomposition) need no locale. */

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

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <wchar.h>

#include "lape/utf8.h"

/* Decode one character of the AVAIL (>= 1) bytes at S; *LEN gets its
 * length.  Returns the code point or -1 for an invalid sequence (then *LEN
 * is 1), so that decoding goes on at the next byte. */
static long decode(const unsigned char *s, size_t avail, size_t *len)
{
	unsigned c = s[0];
	unsigned need, cp, min;

	*len = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1, cp = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2, cp = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3, cp = c & 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if (avail < need + 1)
		return -1;
	for (unsigned i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = need + 1;
	return cp;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (len > 0) {
		if (decode(p, len, &n) < 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

size_t utf8_decode_n(const char *s, size_t len, unsigned *cp)
{
	size_t n;
	long c;

	if (len == 0)
		return 0;
	c = decode((const unsigned char *)s, len < 4 ? len : 4, &n);
	*cp = c < 0 ? UTF8_REPLACEMENT : (unsigned)c;
	return n;
}

size_t utf8_decode(const char *s, unsigned *cp)
{
	size_t avail;

	if (*s == '\0')
		return 0;
	/* Never read past the terminating NUL: a truncated sequence stops at
	 * the first byte that is not a continuation byte anyway. */
	for (avail = 1; avail < 4 && s[avail] != '\0'; avail++)
		;
	return utf8_decode_n(s, avail, cp);
}

size_t utf8_encode(unsigned cp, char out[UTF8_CHAR_MAX])
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ---- matching keys ----------------------------------------------------- */

/* Letters that NFD does not take apart but a reader takes for a letter
 * with a mark: matched as the plain one ("Ærø" as "aero"). */
static const char *plain_letter(unsigned cp)
{
	switch (cp) {
	case 0xe6:
		return "ae"; /* æ */
	case 0xf8:
		return "o"; /* ø */
	case 0x111:
		return "d"; /* đ */
	case 0x142:
		return "l"; /* ł */
	case 0x131:
		return "i"; /* ı */
	case 0x153:
		return "oe"; /* œ */
	}
	return NULL;
}

/* The LEN bytes at S as valid UTF-8: each invalid byte as U+FFFD.  Sets
 * *N; NULL when out of memory. */
static uint8_t *valid_copy(const char *s, size_t len, size_t *n)
{
	uint8_t *out;
	size_t o = 0, k;
	unsigned cp;

	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	while ((k = utf8_decode_n(s, len, &cp)) > 0) {
		o += utf8_encode(cp, (char *)out + o);
		s += k;
		len -= k;
	}
	*n = o;
	return out;
}

/* Lower-case ASCII, most search terms and keys: its own key but for the
 * capitals. */
static char *ascii_key(const char *s, size_t len, size_t *outlen)
{
	char *out = malloc(len + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	out[len] = '\0';
	if (outlen)
		*outlen = len;
	return out;
}

/* The key by libunistring: case folded, decomposed, marks dropped. */
static char *general_key(const char *s, size_t len, size_t *outlen)
{
	uint8_t *valid, *folded;
	size_t n, m, o = 0, k;
	char *out;
	unsigned cp;

	if (outlen)
		*outlen = 0;
	valid = valid_copy(s, len, &n);
	if (!valid)
		return NULL;
	folded = u8_casefold(valid, n, NULL, UNINORM_NFD, NULL, &m);
	free(valid);
	if (!folded)
		return NULL;
	/* Marks dropped, so at most as long, plus the two-letter plain ones
	 * (each from at least two bytes). */
	out = malloc(m + 1);
	if (!out) {
		free(folded);
		return NULL;
	}
	for (const char *p = (const char *)folded; m > 0; p += k, m -= k) {
		const char *plain;

		k = utf8_decode_n(p, m, &cp);
		if (uc_is_general_category(cp, UC_CATEGORY_M))
			continue;
		plain = plain_letter(cp);
		if (plain) {
			memcpy(out + o, plain, strlen(plain));
			o += strlen(plain);
		} else {
			memcpy(out + o, p, k);
			o += k;
		}
	}
	free(folded);
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
}

/* The keys of U+00C0..U+00FF (UTF-8 C3 80..C3 BF), made once by the
 * general path, so that the quick path for Finnish and Swedish text gives
 * the same keys as libunistring. */
static char latin_key[64][4];

static bool latin_keys(void)
{
	static int ready; /* 0 not yet, 1 made, -1 out of memory */

	for (int i = 0; !ready && i < 64; i++) {
		char c[2] = {(char)0xc3, (char)(0x80 + i)};
		size_t n;
		char *k = general_key(c, 2, &n);

		if (!k || n >= sizeof latin_key[i]) {
			free(k);
			ready = -1;
			break;
		}
		memcpy(latin_key[i], k, n + 1);
		free(k);
		if (i == 63)
			ready = 1;
	}
	return ready == 1;
}

/* Text of ASCII and U+00C0..U+00FF only, the letters of Finnish and
 * Swedish names, keyed by table: no allocation of libunistring's. */
static char *latin_key_of(const char *s, size_t len, size_t *outlen)
{
	char *out = malloc(len * 2 + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) {
			*o++ = b >= 'A' && b <= 'Z' ? (char)(b + 32) : (char)b;
		} else {
			const char *k = latin_key[(unsigned char)s[++i] - 0x80];
			size_t n = strlen(k);

			memcpy(o, k, n);
			o += n;
		}
	}
	*o = '\0';
	if (outlen)
		*outlen = (size_t)(o - out);
	return out;
}

char *utf8_key(const char *s, size_t len, size_t *outlen)
{
	bool ascii = true, latin = true;

	if (outlen)
		*outlen = 0;
	for (size_t i = 0; i < len && latin; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80)
			continue;
		ascii = false;
		latin = b == 0xc3 && i + 1 < len &&
		        ((unsigned char)s[i + 1] & 0xc0) == 0x80;
		i++;
	}
	if (ascii)
		return ascii_key(s, len, outlen);
	if (latin && latin_keys())
		return latin_key_of(s, len, outlen);
	return general_key(s, len, outlen);
}

bool utf8_same(const char *a, const char *b)
{
	char *ka, *kb;
	bool same;

	if (!a || !b)
		return a == b;
	ka = utf8_key(a, strlen(a), NULL);
	kb = utf8_key(b, strlen(b), NULL);
	same = ka && kb && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

bool utf8_match(const char *hay, const char *needle)
{
	char *kh, *kn;
	bool found;

	if (!needle || !*needle)
		return true;
	if (!hay)
		return false;
	kh = utf8_key(hay, strlen(hay), NULL);
	kn = utf8_key(needle, strlen(needle), NULL);
	found = kh && kn && strstr(kh, kn) != NULL;
	free(kh);
	free(kn);
	return found;
}

/* ---- display width ----------------------------------------------------- */

static size_t char_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : (size_t)w;
}

size_t utf8_width(const char *s)
{
	size_t width = 0, n;
	unsigned cp;

	while ((n = utf8_decode(s, &cp)) > 0) {
		width += char_width(cp);
		s += n;
	}
	return width;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t utf8_fit(const char *s, size_t cols, size_t *width)
{
	size_t used = 0, bytes = 0, n, w;
	unsigned cp;

	while ((n = utf8_decode(s + bytes, &cp)) > 0) {
		w = char_width(cp);
		if (used + w > cols)
			break;
		used += w;
		bytes += n;
	}
	if (width)
		*width = used;
	return bytes;
}

/* Whether the LEN bytes at S are only punctuation that cannot end a
 * shortened text: a dash ("-", "–", "—"), "·", "/", "&" or "+". */
static bool lone_mark(const char *s, size_t len)
{
	static const char *const marks[] = {"-", "–", "—", "·", "/", "&", "+"};

	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strlen(marks[i]) == len && memcmp(s, marks[i], len) == 0)
			return true;
	return false;
}

/* The end of the last word of S (bytes [0, END)) without the blanks, a
 * trailing ",", ";" or ":" and lone dashes after it ("Socca –"). */
static size_t words_end(const char *s, size_t end)
{
	for (;;) {
		size_t start;
		while (end > 0 && blank(s[end - 1]))
			end--;
		while (end > 0 && strchr(",;:", s[end - 1]))
			end--;
		start = end;
		while (start > 0 && !blank(s[start - 1]))
			start--;
		if (start == end || !lone_mark(s + start, end - start))
			return end;
		end = start;
	}
}

size_t utf8_fit_words(const char *s, size_t cols, size_t *width)
{
	size_t n = utf8_fit(s, cols, NULL), end = 0, len;
	unsigned cp;

	if (s[n] == '\0' || blank(s[n])) {
		end = s[n] ? words_end(s, n) : n;
	} else {
		/* back to a blank, or to a compound's hyphen, which stays
		 * ("Laurea-" of "Laurea-ammattikorkeakoulu") */
		for (size_t i = n; i > 1 && !end; i--) {
			if (blank(s[i - 1]))
				end = words_end(s, i - 1);
			else if (s[i - 1] == '-' && !blank(s[i - 2]) &&
			         s[i - 2] != '-')
				end = i;
		}
	}
	if (width) {
		size_t w = 0;
		for (size_t i = 0; i < end; i += len) {
			len = utf8_decode_n(s + i, end - i, &cp);
			w += char_width(cp);
		}
		*width = w;
	}
	return end;
}

char *utf8_clean(const char *s)
{
	size_t len, n = 0;
	uint8_t *nfc;
	char *out;

	if (!s)
		return NULL;
	while (blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && blank(s[len - 1]))
		len--;
	/* ASCII, most text, is its own NFC */
	for (n = 0; n < len && (unsigned char)s[n] < 0x80; n++)
		;
	if (n == len)
		return strndup(s, len);
	nfc = utf8_valid(s, len)
	          ? u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n)
	          : NULL;
	if (nfc) {
		out = malloc(n + 1);
		if (out) {
			memcpy(out, nfc, n);
			out[n] = '\0';
		}
		free(nfc);
		return out;
	}
	return strndup(s, len);
}
