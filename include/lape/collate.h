/* collate.h -- Finnish and Swedish alphabetical order, independent of the
 * machine's locales: case and accents are ignored (é as e, ü as y), and å, ä,
 * ö come after z, in that order (æ as ä, ø as ö). */
#ifndef LAPE_COLLATE_H
#define LAPE_COLLATE_H

#include <stddef.h>

/* Compare two NUL-terminated UTF-8 strings: <0, 0 or >0. */
int collate_fi(const char *a, const char *b);

/* The same for counted strings (as SQLite hands them to a collation). */
int collate_fi_n(const char *a, size_t alen, const char *b, size_t blen);

#endif
