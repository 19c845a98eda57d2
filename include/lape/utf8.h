/* utf8.h -- UTF-8 text decoded, encoded and case-folded in one place,
 * measured in terminal columns, never cut inside a character.  Invalid
 * bytes are never an error here: each one decodes as U+FFFD. */
#ifndef LAPE_UTF8_H
#define LAPE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* What an invalid byte decodes as. */
#define UTF8_REPLACEMENT 0xfffdu
/* The most bytes one character takes. */
#define UTF8_CHAR_MAX 4
/* utf8_fold() writes at most this many bytes per byte it reads. */
#define UTF8_FOLD_GROWTH 3

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

/* The same for the LEN bytes at S, which may hold NUL bytes (U+0000) and
 * need not be terminated: never reads past S + LEN, returns 0 only when LEN
 * is 0.  A sequence cut short by the end is invalid. */
size_t utf8_decode_n(const char *s, size_t len, unsigned *cp);

/* Write CP as UTF-8 into OUT (not terminated); returns its length, 1 to 4.
 * A surrogate or a value past U+10FFFF is written as U+FFFD. */
size_t utf8_encode(unsigned cp, char out[UTF8_CHAR_MAX]);

/* CP in lower case, for case-insensitive search: ASCII, Latin-1, Latin
 * Extended-A and basic Greek and Cyrillic by table (so å, ä, ö fold
 * whatever the locale), the rest by towlower(). */
unsigned utf8_fold_char(unsigned cp);

/* The LEN bytes at S in lower case, each character by utf8_fold_char();
 * invalid bytes become U+FFFD and NUL bytes stay.  Returns new text with a
 * terminating NUL (the caller frees), its length without it in *OUTLEN (may
 * be NULL), at most UTF8_FOLD_GROWTH * LEN; NULL when out of memory. */
char *utf8_fold(const char *s, size_t len, size_t *outlen);

#endif
