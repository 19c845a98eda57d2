/* fuzz-rules.c -- the rules file: rules_load() on any bytes, and the
 * promise of ini.h that a file ini_scan() accepts is read by iniparser
 * with exactly the sections and keys the scan saw. */

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

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iniparser/iniparser.h>

#include "fuzz.h"
#include "lape/i18n.h"
#include "lape/ini.h"
#include "lape/rules.h"

static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* The dictionary's name of entry E: "section" or "section:key". */
static void entry_name(const struct ini_entry *e, char *buf, size_t size)
{
	if (e->key)
		snprintf(buf, size, "%s:%s", e->section, e->key);
	else
		snprintf(buf, size, "%s", e->section);
}

static void check_scan(const char *path)
{
	struct ini_scan scan;
	char err[512], name[2100];
	dictionary *d;
	size_t n = 0;

	if (ini_scan(path, &scan, err, sizeof err) != INI_OK) {
		FUZZ_ASSERT(strchr(err, '\n') == NULL);
		ini_scan_free(&scan);
		return;
	}
	iniparser_set_error_callback(quiet);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	FUZZ_ASSERT(d != NULL);
	for (size_t i = 0; i < scan.n; i++) {
		const struct ini_entry *e = &scan.entries[i];
		const char *v;

		entry_name(e, name, sizeof name);
		FUZZ_ASSERT(iniparser_find_entry(d, name));
		v = iniparser_getstring(d, name, NULL);
		FUZZ_ASSERT(e->key ? v != NULL : v == NULL);
	}
	for (ssize_t i = 0; i < d->size; i++)
		n += d->key[i] != NULL;
	FUZZ_ASSERT(n == scan.n);
	iniparser_freedict(d);
	ini_scan_free(&scan);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[300];
	struct rules *r = NULL;
	char err[512];

	if (!path[0]) {
		snprintf(path, sizeof path, "%s/rules.ini", fuzz_tmpdir());
		i18n_init("en");
	}
	fuzz_write(path, data, size);
	memset(err, 'x', sizeof err);
	if (rules_load(path, &r, err, sizeof err) == 0) {
		FUZZ_ASSERT(r != NULL);
		FUZZ_ASSERT(r->n_sectors > 0 && r->level[0].n_required > 0 &&
		            r->level[1].n_required > 0);
		for (size_t i = 0; i < r->n_sectors; i++)
			FUZZ_ASSERT(rules_sector_find(r, r->sectors[i].key) ==
			            (int)i);
		rules_free(r);
	} else {
		FUZZ_ASSERT(r == NULL);
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
		FUZZ_ASSERT(strncmp(err, path, strlen(path)) == 0);
		FUZZ_ASSERT(strchr(err, '\n') == NULL);
	}
	check_scan(path);
	return 0;
}
