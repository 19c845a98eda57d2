/* config.h -- settings: command line, environment and the INI file.
 *
 * The data file is --db, then LAPE_DB, then [lape] database in the config
 * file, then the default under $XDG_DATA_HOME.  The system's config file,
 * $sysconfdir/lape/lape.ini (LAPE_SYSCONFDIR/lape/lape.ini; none when that
 * is empty), is read first when it exists; then the user's, --config, else
 * $XDG_CONFIG_HOME/lape/lape.ini (~/.config/lape/lape.ini) if it exists,
 * whose keys win:
 *
 *   [lape]
 *   database     = /srv/lape/lape.db
 *   rules        = /etc/lape/rules.ini
 *   language     = fi
 *   csv          = excel ; --format csv as --excel (or plain, the default)
 *   shared_group = lape  ; the Unix group that shares the data file
 *
 * The share directory (reference data, rules) is LAPE_SHARE, else the one
 * beside an uninstalled binary (src/../share/lape), else the installed one. */

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
#ifndef LAPE_CONFIG_H
#define LAPE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct config {
	char *config_path;        /* the user's file read, or NULL */
	char *system_config_path; /* the system's file read, or NULL */
	char *shared_group;       /* [lape] shared_group, or NULL */
	char *db_path;
	char *rules_path;
	char *share_dir;
	char *lang;     /* "fi", "sv", "en" or NULL (environment) */
	bool csv_excel; /* [lape] csv = excel: --format csv for spreadsheets */
	bool read_only; /* --read-only: open the data file only to read */
};

/* Fill CFG from the command-line values (NULL when not given), the
 * environment and the config file.  On error returns -1 with ERR holding
 * "FILE: [section] key: what is wrong". */
int config_load(struct config *cfg, const char *opt_config, const char *opt_db,
                const char *opt_lang, char *err, size_t errlen);
void config_clear(struct config *cfg);

/* The system's configuration file ($sysconfdir/lape/lape.ini, or under
 * $LAPE_SYSCONFDIR), whether or not it exists; NULL when LAPE_SYSCONFDIR
 * is empty.  Caller frees. */
char *config_system_path(void);

/* The id of the Unix group NAME: 0, or -1 when there is none. */
int config_group_id(const char *name, gid_t *gid);

/* Expand a leading "~/" to $HOME.  Caller frees; NULL when out of memory. */
char *config_expand_home(const char *path);

#endif
