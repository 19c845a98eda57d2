/* config.h -- settings: command line, environment and the INI file.
 *
 * The data file is --db, then LAPE_DB, then [lape] database in the config
 * file, then the default under $XDG_DATA_HOME.  The config file is --config,
 * else $XDG_CONFIG_HOME/lape/lape.ini (~/.config/lape/lape.ini) if it exists:
 *
 *   [lape]
 *   database = /srv/lape/lape.db
 *   rules    = /etc/lape/rules.ini
 *   language = fi
 *   csv      = excel   ; --format csv as --excel (or plain, the default)
 *
 * The share directory (reference data, rules) is LAPE_SHARE, else the one
 * beside an uninstalled binary (src/../share/lape), else the installed one. */
#ifndef LAPE_CONFIG_H
#define LAPE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
	char *config_path; /* the file read, or NULL */
	char *db_path;
	char *rules_path;
	char *share_dir;
	char *lang; /* "fi", "sv", "en" or NULL (environment) */
	bool csv_excel; /* [lape] csv = excel: --format csv for spreadsheets */
};

/* Fill CFG from the command-line values (NULL when not given), the
 * environment and the config file.  On error returns -1 with ERR holding
 * "FILE: [section] key: what is wrong". */
int config_load(struct config *cfg, const char *opt_config, const char *opt_db,
                const char *opt_lang, char *err, size_t errlen);
void config_clear(struct config *cfg);

/* The path REL taken from the directory of the running program, if that
 * exists (so an uninstalled build finds its data); NULL otherwise.
 * Caller frees. */
char *config_exe_relative(const char *rel);

/* Expand a leading "~/" to $HOME.  Caller frees; NULL when out of memory. */
char *config_expand_home(const char *path);

#endif
