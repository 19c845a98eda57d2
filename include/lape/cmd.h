/* cmd.h -- the command line: one small file per command (src/cmd-*.c),
 * each defining a struct cmd_entry; src/cmd.c lists them all. */
#ifndef LAPE_CMD_H
#define LAPE_CMD_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

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
	int open_status; /* what the last ctx_open_*() got from db_open() */
	const char *output_path; /* -o FILE, or NULL: standard output */
	bool excel; /* --excel or "csv = excel": CSV for spreadsheets */
};

/* With ctx_open_plain(): report nothing when the file is damaged (the
 * status is left in ctx->open_status): lape verify says it its way. */
#define CTX_OPEN_DAMAGE_QUIET (1 << 16)

/* Open the data file named by the configuration (when FLAGS has
 * DB_OPEN_CREATE and it is missing: make it, with the newest reference
 * data).  Returns 0, or prints "lape: FILE: what is wrong" and returns
 * -1. */
int ctx_open_db(struct lape_ctx *ctx, int flags);
int ctx_load_rules(struct lape_ctx *ctx);
/* Open the data file without loading any reference data, for commands
 * that pick the year themselves.  With DB_OPEN_CREATE a missing file is
 * being built (ctx->db->created): fill it, then ctx_publish().  Errors as
 * ctx_open_db(). */
int ctx_open_plain(struct lape_ctx *ctx, int flags);
/* Put the file being built in its place (db_publish()).  Afterwards
 * ctx->db->created says whether it is this run's file or another lape's
 * that got there first.  Returns 0, or -1 after reporting (ctx->db is then
 * closed). */
int ctx_publish(struct lape_ctx *ctx);
/* The id of the Unix group NAME: 0, or -1 after reporting. */
int ctx_group(const char *name, gid_t *gid);
/* Whether the data file is the default one (no --db, LAPE_DB or database
 * in the configuration named another). */
bool ctx_default_db(const struct lape_ctx *ctx);
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
extern const struct cmd_entry cmd_verify_entry;
extern const struct cmd_entry cmd_copy_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_log_entry;
extern const struct cmd_entry cmd_undo_entry;
extern const struct cmd_entry cmd_person_entry;

/* All commands, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry *cmd_find(const char *name);

/* Where a command's output goes (src/cmd-output.c): -o FILE, the Excel
 * flavour of CSV and --format xlsx, for every command that writes CSV.
 * cmd_output_begin() looks at the command's arguments (rewriting
 * "--format xlsx" to the CSV it is made from, and making "show --format
 * xlsx" the report of that group in *CMD) and catches the standard output
 * if needed; cmd_output_end() writes what was caught where and how it
 * should go, and returns the exit status.  -1 / EXIT_FAILURE_LAPE after
 * reporting. */
struct cmd_output {
	bool active, excel, xlsx;
	int saved_fd;
	FILE *tmp;
	const char *title;
};
int cmd_output_begin(struct cmd_output *o, struct lape_ctx *ctx,
                     const struct cmd_entry **cmd, int argc, char **argv);
int cmd_output_end(struct cmd_output *o, struct lape_ctx *ctx, int status);

/* Helpers shared by the commands (src/cmd.c). */
/* With STATUS 0 (--help): "Usage: lape NAME USAGE" and the summary on
 * stdout; otherwise a hint to try --help on stderr.  Returns STATUS. */
int cmd_usage(const struct cmd_entry *e, int status);
/* Print the last error of the open data file as "lape: FILE: what is
 * wrong"; returns EXIT_FAILURE_LAPE (EXIT_INCOMPLETE, 1, for a write
 * refused because the file is read-only). */
int cmd_db_error(struct lape_ctx *ctx);
/* Every message of the command line goes through these: FMT (translated,
 * starting "lape: " on stderr and ending with a newline) is filled in and
 * written with control characters, bytes that are not UTF-8 and, outside a
 * UTF-8 locale, every byte past ASCII shown as \xNN, so that an argument,
 * a file name or a value from a file cannot drive the terminal. */
void cmd_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cmd_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write S to F escaped as above. */
void cmd_escaped(FILE *f, const char *s);
/* The name of region CODE in the language in use ("" if unknown); valid
 * until ctx_clear(). */
const char *cmd_region_name(struct lape_ctx *ctx, const char *code);

#endif
