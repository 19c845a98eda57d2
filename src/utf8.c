/* utf8.c -- the one place that decodes, encodes, measures and case-folds
 * UTF-8 text.  Invalid bytes are never fatal: each decodes as U+FFFD.
 *
 * Widths come from wcwidth(), so the caller must run in a UTF-8 locale
 * (i18n_init() sees to it); folding needs no locale for the scripts lape's
 * data is written in. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <wchar.h>
#include <wctype.h>

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

/* ---- case folding ------------------------------------------------------ */

unsigned utf8_fold_char(unsigned c)
{
	wint_t w;

	/* By table: ASCII, Latin-1 and Latin Extended-A (so that å, ä, ö
	 * fold whatever the locale), basic Greek and Cyrillic. */
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c < 0x100)
		return c;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xff;
	if ((c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f))
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return c;
	/* The rest as the locale says; a result that is no character (a
	 * C library may return anything) leaves the character as it is. */
	w = towlower((wint_t)c);
	if ((unsigned long)w > 0x10ffff || (w >= 0xd800 && w <= 0xdfff))
		return c;
	return (unsigned)w;
}

/* The output bound: a character of N bytes folds to at most 3 * N bytes.
 * A 1-byte unit is ASCII (folds to 1 byte) or an invalid byte (U+FFFD, 3
 * bytes); a unit of 2 to 4 bytes folds to at most UTF8_CHAR_MAX (4) bytes,
 * which is at most 2 * N.  utf8_encode() never writes more than 4. */
char *utf8_fold(const char *s, size_t len, size_t *outlen)
{
	char *out;
	size_t o = 0, n;
	unsigned cp;

	if (outlen)
		*outlen = 0;
	if (len > (SIZE_MAX - 1) / UTF8_FOLD_GROWTH)
		return NULL;
	out = malloc(len * UTF8_FOLD_GROWTH + 1);
	if (!out)
		return NULL;
	while ((n = utf8_decode_n(s, len, &cp)) > 0) {
		o += utf8_encode(utf8_fold_char(cp), out + o);
		s += n;
		len -= n;
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
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
