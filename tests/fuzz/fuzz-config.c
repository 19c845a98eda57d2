/* fuzz-config.c -- lape.ini: config_load() on any bytes names the file in
 * one line when it refuses them, and gives every setting when not. */

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

#include "fuzz.h"
#include "lape/config.h"
#include "lape/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[300];
	struct config cfg;
	char err[512];

	if (!path[0]) {
		snprintf(path, sizeof path, "%s/lape.ini", fuzz_tmpdir());
		i18n_init("en");
		/* no settings from the environment of whoever runs this */
		unsetenv("LAPE_DB");
		unsetenv("LAPE_SHARE");
		setenv("HOME", fuzz_tmpdir(), 1);
		unsetenv("XDG_DATA_HOME");
	}
	fuzz_write(path, data, size);
	memset(err, 'x', sizeof err);
	if (config_load(&cfg, path, NULL, NULL, err, sizeof err) == 0) {
		FUZZ_ASSERT(cfg.db_path && cfg.rules_path && cfg.share_dir);
		FUZZ_ASSERT(!cfg.lang || strcmp(cfg.lang, "fi") == 0 ||
		            strcmp(cfg.lang, "sv") == 0 ||
		            strcmp(cfg.lang, "en") == 0);
	} else {
		FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
		FUZZ_ASSERT(strncmp(err, path, strlen(path)) == 0);
		FUZZ_ASSERT(strchr(err, '\n') == NULL);
		for (const char *p = err; *p; p++)
			FUZZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f);
	}
	config_clear(&cfg);
	return 0;
}
