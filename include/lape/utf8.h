/* utf8.h -- UTF-8 text measured in terminal columns, never cut inside a
 * character. */
#ifndef LAPE_UTF8_H
#define LAPE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the LEN bytes at S are valid UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Display width of S in columns (wcwidth); a character of unknown width
 * counts as one column. */
size_t utf8_width(const char *s);

/* Number of bytes of S that fit in COLS columns without cutting a
 * character.  *WIDTH (may be NULL) receives the columns those bytes use. */
size_t utf8_fit(const char *s, size_t cols, size_t *width);

/* Decode one character at S into *CP; returns its length in bytes (1 for an
 * invalid byte, which decodes as U+FFFD), 0 at the end of the string. */
size_t utf8_decode(const char *s, unsigned *cp);

#endif
