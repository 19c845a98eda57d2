#include <config.h>
/* path.c -- default places of lape's files (path.h). */

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lape/path.h"

char *path_exe_relative(const char *rel)
{
	char exe[PATH_MAX], *slash, *path, *real;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	if (asprintf(&path, "%s/%s", exe, rel) < 0)
		return NULL;
	real = realpath(path, NULL);
	free(path);
	return real;
}

char *path_default_db(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	const char *tail = "/lape/lape.db";
	char *p;

	if (xdg && xdg[0] == '/') {
		if (asprintf(&p, "%s%s", xdg, tail) < 0)
			return NULL;
		return p;
	}
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return NULL;
	if (asprintf(&p, "%s/.local/share%s", home, tail) < 0)
		return NULL;
	return p;
}
