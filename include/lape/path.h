/* path.h -- where lape's files are by default: the data file under the
 * XDG data directory, files next to the program.  Depends on no other
 * module of lape, so that configuration, messages and the data file can
 * all use it without depending on each other. */
#ifndef LAPE_PATH_H
#define LAPE_PATH_H

/* The absolute path of REL ("../share/lape") relative to the directory
 * the running program is in, if it exists.  Caller frees; NULL if not. */
char *path_exe_relative(const char *rel);

/* $XDG_DATA_HOME/lape/lape.db, or ~/.local/share/lape/lape.db.  Caller
 * frees; NULL when there is no home directory or out of memory. */
char *path_default_db(void);

#endif
