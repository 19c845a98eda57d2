/* config.c -- where lape finds its data file, rules, share directory and
 * language: command line first, then the environment, then the user's INI
 * file, then the system's ($sysconfdir/lape/lape.ini), then the
 * defaults. */

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

#include <errno.h>
#include <grp.h>
#include <iniparser/iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lape/config.h"
#include "lape/i18n.h"
#include "lape/ini.h"
#include "lape/path.h"

/* The keys a config file may hold, all in section [lape]. */
static const char *const known_keys[] = {
    "lape:database", "lape:rules", "lape:language",
    "lape:share",    "lape:csv",   "lape:shared_group",
};

/* Replace *SLOT by VALUE (owned: may be NULL when out of memory). */
static void take(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* iniparser reports syntax errors on stderr by itself; keep the first one
 * for our own message instead. */
static char ini_error[256];

static int ini_errback(const char *fmt, ...)
{
	va_list ap;

	if (ini_error[0] != '\0')
		return 0;
	va_start(ap, fmt);
	vsnprintf(ini_error, sizeof ini_error, fmt, ap);
	va_end(ap);
	ini_error[strcspn(ini_error, "\n")] = '\0';
	return 0;
}

char *config_expand_home(const char *path)
{
	const char *home = getenv("HOME");
	char *out;

	if (strncmp(path, "~/", 2) != 0 || home == NULL)
		return strdup(path);
	if (asprintf(&out, "%s/%s", home, path + 2) < 0)
		return NULL;
	return out;
}

/* The default config file, if it exists.  Caller frees. */
static char *default_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	char *path = NULL;

	if (xdg != NULL && *xdg == '/') {
		if (asprintf(&path, "%s/lape/lape.ini", xdg) < 0)
			return NULL;
	} else if (home != NULL) {
		if (asprintf(&path, "%s/.config/lape/lape.ini", home) < 0)
			return NULL;
	}
	if (path != NULL && access(path, F_OK) != 0) {
		free(path);
		path = NULL;
	}
	return path;
}

/* iniparser_load() after the scan of the lines (ini.h), which names the
 * line of a syntax error or of a section or key given twice. */
static dictionary *load(const char *path, char *err, size_t errlen)
{
	struct ini_scan scan;
	dictionary *ini;
	int rc = ini_scan(path, &scan, err, errlen);

	ini_scan_free(&scan);
	if (rc == INI_DIRECTORY)
		fail(err, errlen,
		     _("%s: is a directory, not a configuration file"), path);
	if (rc != INI_OK)
		return NULL;
	ini_error[0] = '\0';
	iniparser_set_error_callback(ini_errback);
	ini = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (ini == NULL)
		fail(err, errlen, _("%s: not a valid INI file (%s)"), path,
		     ini_error[0] ? ini_error : _("syntax error"));
	return ini;
}

/* Only [lape] is read: any other section is an error, so that a typo is
 * not silently ignored. */
static int check_sections(dictionary *ini, const char *path, char *err,
                          size_t errlen)
{
	char shown[256];
	int n = iniparser_getnsec(ini);

	for (int i = 0; i < n; i++) {
		const char *sec = iniparser_getsecname(ini, i);

		if (strcmp(sec, "lape") != 0) {
			fail(err, errlen,
			     _("%s: [%s]: unknown section (only [lape] is "
			       "read)"),
			     path, ini_shown(sec, shown, sizeof shown));
			return -1;
		}
	}
	return 0;
}

static bool known_key(const char *key)
{
	for (size_t k = 0; k < sizeof known_keys / sizeof known_keys[0]; k++)
		if (strcmp(key, known_keys[k]) == 0)
			return true;
	return false;
}

/* Every key of [lape] is one lape knows. */
static int check_keys(dictionary *ini, const char *path, char *err,
                      size_t errlen)
{
	char shown[256];
	const char **keys;
	int n = iniparser_getsecnkeys(ini, "lape");
	int rc = 0;

	if (n <= 0)
		return 0;
	keys = calloc((size_t)n, sizeof *keys);
	if (keys == NULL)
		return -1;
	iniparser_getseckeys(ini, "lape", keys);
	for (int i = 0; i < n && rc == 0; i++) {
		if (!known_key(keys[i])) {
			fail(err, errlen, _("%s: [lape] %s: unknown key"), path,
			     ini_shown(keys[i] + strlen("lape:"), shown,
			               sizeof shown));
			rc = -1;
		}
	}
	free(keys);
	return rc;
}

/* language and csv: one of a few words. */
static int read_choices(struct config *cfg, dictionary *ini, const char *path,
                        char *err, size_t errlen)
{
	char shown[256];
	const char *v;

	if ((v = iniparser_getstring(ini, "lape:language", NULL)) != NULL) {
		if (strcmp(v, "fi") != 0 && strcmp(v, "sv") != 0 &&
		    strcmp(v, "en") != 0) {
			fail(err, errlen,
			     _("%s: [lape] language: must be fi, sv or en, not "
			       "'%s'"),
			     path, ini_shown(v, shown, sizeof shown));
			return -1;
		}
		take(&cfg->lang, strdup(v));
	}
	if ((v = iniparser_getstring(ini, "lape:csv", NULL)) != NULL) {
		if (strcmp(v, "excel") != 0 && strcmp(v, "plain") != 0) {
			fail(err, errlen,
			     _("%s: [lape] csv: must be excel or plain, not "
			       "'%s'"),
			     path, ini_shown(v, shown, sizeof shown));
			return -1;
		}
		cfg->csv_excel = strcmp(v, "excel") == 0;
	}
	return 0;
}

/* The key KEY of [lape] as a path ("~/" expanded) into *SLOT, when set
 * and not empty. */
static void read_path(dictionary *ini, const char *key, char **slot)
{
	const char *v = iniparser_getstring(ini, key, NULL);

	if (v != NULL && *v != '\0')
		take(slot, config_expand_home(v));
}

static int read_file(struct config *cfg, const char *path, char *err,
                     size_t errlen)
{
	dictionary *ini;
	const char *v;
	int rc;

	ini = load(path, err, errlen);
	if (ini == NULL)
		return -1;
	rc = check_sections(ini, path, err, errlen);
	if (rc == 0)
		rc = check_keys(ini, path, err, errlen);
	if (rc == 0)
		rc = read_choices(cfg, ini, path, err, errlen);
	if (rc == 0) {
		read_path(ini, "lape:database", &cfg->db_path);
		read_path(ini, "lape:rules", &cfg->rules_path);
		read_path(ini, "lape:share", &cfg->share_dir);
		v = iniparser_getstring(ini, "lape:shared_group", NULL);
		if (v != NULL)
			take(&cfg->shared_group, *v ? strdup(v) : NULL);
	}
	iniparser_freedict(ini);
	return rc;
}

/* Replace *SLOT by a copy of VALUE. */
static void set(char **slot, const char *value)
{
	free(*slot);
	*slot = strdup(value);
}

char *config_system_path(void)
{
	const char *dir = getenv("LAPE_SYSCONFDIR");
	char *path = NULL;

	if (dir == NULL)
		dir = SYSCONFDIR;
	if (*dir == '\0' || asprintf(&path, "%s/lape/lape.ini", dir) < 0)
		return NULL;
	return path;
}

int config_load(struct config *cfg, const char *opt_config, const char *opt_db,
                const char *opt_lang, char *err, size_t errlen)
{
	const char *env;
	char *path;

	memset(cfg, 0, sizeof *cfg);
	/* The system's settings first, so that a coordinator on a shared
	 * server needs none of their own; theirs override key by key. */
	path = config_system_path();
	if (path != NULL && access(path, F_OK) == 0) {
		cfg->system_config_path = path;
		if (access(path, R_OK) != 0)
			return fail(err, errlen, "%s: %s", path,
			            strerror(errno));
		if (read_file(cfg, path, err, errlen) != 0)
			return -1;
	} else {
		free(path);
	}
	path = opt_config != NULL ? strdup(opt_config) : default_config_path();
	if (path != NULL) {
		cfg->config_path = path;
		if (read_file(cfg, path, err, errlen) != 0)
			return -1;
	}

	if (opt_lang != NULL)
		set(&cfg->lang, opt_lang);
	if (opt_db != NULL)
		set(&cfg->db_path, opt_db);
	else if ((env = getenv("LAPE_DB")) != NULL && *env != '\0')
		set(&cfg->db_path, env);
	if (cfg->db_path == NULL && (cfg->db_path = path_default_db()) == NULL)
		return fail(err, errlen,
		            _("cannot tell where the data file goes: set HOME "
		              "or use --db"));

	if ((env = getenv("LAPE_SHARE")) != NULL && *env != '\0')
		set(&cfg->share_dir, env);
	if (cfg->share_dir == NULL) {
		char *rel = path_exe_relative("../share/lape/rules.ini");

		if (rel != NULL) {
			rel[strlen(rel) - strlen("/rules.ini")] = '\0';
			cfg->share_dir = rel;
		} else {
			cfg->share_dir = strdup(PKGDATADIR);
		}
	}
	if (cfg->rules_path == NULL &&
	    asprintf(&cfg->rules_path, "%s/rules.ini", cfg->share_dir) < 0)
		cfg->rules_path = NULL;
	if (cfg->share_dir == NULL || cfg->rules_path == NULL ||
	    cfg->db_path == NULL)
		return fail(err, errlen, "%s", strerror(ENOMEM));
	return 0;
}

void config_clear(struct config *cfg)
{
	free(cfg->config_path);
	free(cfg->system_config_path);
	free(cfg->shared_group);
	free(cfg->db_path);
	free(cfg->rules_path);
	free(cfg->share_dir);
	free(cfg->lang);
	memset(cfg, 0, sizeof *cfg);
}

int config_group_id(const char *name, gid_t *gid)
{
	struct group *gr = name && *name ? getgrnam(name) : NULL;

	if (!gr)
		return -1;
	*gid = gr->gr_gid;
	return 0;
}
