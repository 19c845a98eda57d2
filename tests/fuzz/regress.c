/* regress.c -- make check's driver of one fuzz harness (FUZZ_NAME, set when
 * it is built): feeds LLVMFuzzerTestOneInput() every file of
 * tests/fuzz/corpus/NAME and tests/fuzz/regress/NAME (the inputs crashes
 * were found with), in name order, one TAP line each.  A crash or a broken
 * promise of the harness kills the program, which fails the test. */

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

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int n_tests;

/* Read PATH whole (a buffer even when empty); NULL when it cannot. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *more;
	size_t cap = 0, n;

	*size = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (*size == cap) {
			cap = cap ? cap * 2 : 4096;
			more = realloc(buf, cap);
			if (!more)
				break;
			buf = more;
		}
		n = fread(buf + *size, 1, cap - *size, f);
		*size += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_input(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Run every file of DIR; a missing directory holds no inputs. */
static int run_dir(const char *dir, const char *label)
{
	struct dirent **list;
	int n = scandir(dir, &list, is_input, by_name), failed = 0;

	for (int i = 0; i < n; i++) {
		char path[4096];
		size_t size;
		uint8_t *data;

		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		data = slurp(path, &size);
		if (!data) {
			printf("not ok %d - %s/%s: cannot read\n", ++n_tests,
			       label, list[i]->d_name);
			failed = 1;
		} else {
			fflush(stdout);
			LLVMFuzzerTestOneInput(data, size);
			printf("ok %d - %s/%s\n", ++n_tests, label,
			       list[i]->d_name);
		}
		free(data);
		free(list[i]);
	}
	if (n > 0)
		free(list);
	return failed;
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("TESTS_SRCDIR");
	char dir[4096];
	int failed = 0;

	(void)argc;
	(void)argv;
	if (!srcdir || !*srcdir)
		srcdir = TESTS_SRCDIR;
	snprintf(dir, sizeof dir, "%s/fuzz/corpus/%s", srcdir, FUZZ_NAME);
	failed |= run_dir(dir, "corpus/" FUZZ_NAME);
	snprintf(dir, sizeof dir, "%s/fuzz/regress/%s", srcdir, FUZZ_NAME);
	failed |= run_dir(dir, "regress/" FUZZ_NAME);
	printf("1..%d\n", n_tests);
	return failed;
}
