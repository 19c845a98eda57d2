/* cmd.h -- the command line: one small file per command (src/cmd-*.c),
 * each defining a struct cmd_entry; src/cmd.c lists them all. */
#ifndef LAPE_CMD_H
#define LAPE_CMD_H

#include "lape/config.h"
#include "lape/db.h"
#include "lape/rules.h"

/* What a command (or the screens) works with.  lape.c fills cfg and today;
 * the data file and the rules are opened on demand by ctx_open_db() and
 * ctx_load_rules(), which report their own errors on stderr. */
struct lape_ctx {
	struct config cfg;
	struct lape_db *db;
	struct rules *rules;
	char today[11];
};

/* Open the data file named by the configuration (creating it and loading
 * the newest reference data when FLAGS has DB_OPEN_CREATE).  Returns 0, or
 * prints "lape: FILE: what is wrong" and returns -1. */
int ctx_open_db(struct lape_ctx *ctx, int flags);
int ctx_load_rules(struct lape_ctx *ctx);
void ctx_clear(struct lape_ctx *ctx);

/* Exit statuses of commands. */
enum { EXIT_OK = 0, EXIT_INCOMPLETE = 1, EXIT_FAILURE_LAPE = 2 };

struct cmd_entry {
	const char *name;
	const char *usage;   /* after "lape NAME ", untranslated options */
	const char *summary; /* N_() one line */
	int (*exec)(struct lape_ctx *ctx, int argc, char **argv);
};

extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_show_entry;

/* All commands, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry *cmd_find(const char *name);

#endif
