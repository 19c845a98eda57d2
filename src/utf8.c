/* utf8.c -- decoding, validation and display width of UTF-8 text.
 *
 * Widths come from wcwidth(), so the caller must run in a UTF-8 locale
 * (i18n_init() sees to it). */
#include <config.h>

#include <wchar.h>

#include "lape/utf8.h"

/* Decode one character; *LEN gets its length.  Returns the code point or -1
 * for an invalid sequence (then *LEN is 1). */
static long
decode(const unsigned char *s, size_t avail, size_t *len)
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

bool
utf8_valid(const char *s, size_t len)
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

size_t
utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t avail, n;
	long c;

	if (*p == '\0')
		return 0;
	/* Never read past the terminating NUL: a truncated sequence stops at
	 * the first byte that is not a continuation byte anyway. */
	for (avail = 1; avail < 4 && p[avail] != '\0'; avail++)
		;
	c = decode(p, avail, &n);
	*cp = c < 0 ? 0xfffd : (unsigned)c;
	return n;
}

static size_t
char_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : (size_t)w;
}

size_t
utf8_width(const char *s)
{
	size_t width = 0, n;
	unsigned cp;

	while ((n = utf8_decode(s, &cp)) > 0) {
		width += char_width(cp);
		s += n;
	}
	return width;
}

size_t
utf8_fit(const char *s, size_t cols, size_t *width)
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
