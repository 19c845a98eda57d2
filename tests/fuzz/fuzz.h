/* fuzz.h -- what the fuzz harnesses of the core's parsers share.  Each
 * tests/fuzz/fuzz-NAME.c defines LLVMFuzzerTestOneInput(); make fuzz links
 * it with libFuzzer (clang), make check with tests/fuzz/regress.c, which
 * feeds it the seed corpus and every input a crash was found with. */

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
#ifndef LAPE_FUZZ_H
#define LAPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop at once on a broken promise: libFuzzer keeps the input, and make
 * check's driver dies (so the test fails) rather than counting on. */
#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail(__FILE__, __LINE__, #cond);                  \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what)
    __attribute__((noreturn));

/* A private directory for the harness's files, made once and removed at
 * exit. */
const char *fuzz_tmpdir(void);

/* Write the SIZE bytes at DATA to PATH (replacing it). */
void fuzz_write(const char *path, const void *data, size_t size);

/* A copy of the SIZE bytes at DATA with a NUL after them; free() it. */
char *fuzz_string(const uint8_t *data, size_t size);

/* share/lape of the source tree: $LAPE_SHARE, else the one built in. */
const char *fuzz_share(void);

#endif
