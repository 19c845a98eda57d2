/* cmd.h -- the command line: one small file per command (src/cmd-*.c),
 * each defining a struct cmd_entry; src/cmd.c lists them all. */

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
#ifndef LAPE_CMD_H
#define LAPE_CMD_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "lape/check.h"
#include "lape/ctx.h"
#include "lape/db.h"
#include "lape/rules.h"
#include "lape/store.h"

/* One option of a command.  KEY is what the command asks cmd_arg() for:
 * a letter, or a number from CMD_KEY up for options without one. */
struct cmd_option {
	const char *name; /* "region", without the dashes */
	int key;
	const char *metavar; /* N_() "CODE", or NULL for a flag */
	const char *help;    /* N_() one line */
	int flags;           /* enum cmd_option_flags */
};
#define CMD_KEY 0x100
enum cmd_option_flags {
	CMD_OPT_REQUIRED = 1 << 0, /* shown in the usage without brackets */
	CMD_OPT_REPEAT = 1 << 1    /* may be given several times */
};

/* What the driver gets ready before exec. */
enum cmd_needs {
	CMD_NEED_DB = 1 << 0,    /* the data file, existing */
	CMD_NEED_RULES = 1 << 1, /* the composition rules */
	/* --region CODE|NAME (key 'r') resolved into args->region */
	CMD_NEED_REGION = 1 << 2,
	/* every positional argument is a group, resolved into
	 * args->groups */
	CMD_NEED_GROUPS = 1 << 3,
	/* --format text|csv|json (key 'f') parsed into args->format */
	CMD_NEED_FORMAT = 1 << 4,
	/* the first positional argument is a person, resolved into
	 * args->person */
	CMD_NEED_PERSON = 1 << 5,
	/* --group GROUP (key 'g'), when given, resolved into args->group */
	CMD_NEED_GROUP_OPTION = 1 << 6
};

struct cmd_args;

struct cmd_entry {
	const char *name;    /* "check", or "group" for "add group" */
	const char *usage;   /* N_() the arguments after "lape NAME" ("GROUP
	                        PERSON"); the options are added from OPTIONS */
	const char *summary; /* N_() one line */
	const struct cmd_option *options; /* ends with a NULL name; --help
	                                     and the global options are
	                                     implied */
	int needs;                        /* enum cmd_needs */
	int min_args;                     /* positional arguments, at least */
	int max_args;                     /* at most; -1 no limit */
	const char *missing;              /* N_() the message when too few */
	/* A command of several ("add group", "add person"): their entries,
	 * NULL-terminated; exec is then NULL. */
	const struct cmd_entry *const *subs;
	/* Checks the arguments before anything is opened (may be NULL):
	 * 0, or an exit status after reporting. */
	int (*check)(const struct cmd_args *args);
	int (*exec)(struct lape_ctx *ctx, struct cmd_args *args);
};

/* An option given: its key and its value (NULL for a flag). */
struct cmd_value {
	int key;
	const char *value;
};

/* The command line of one command, parsed and resolved. */
struct cmd_args {
	const struct cmd_entry *entry;
	const struct cmd_entry *parent; /* "add" for "add group", or NULL */
	int argc;                       /* the positional arguments */
	char **argv;
	struct cmd_value *values; /* the options given, in order */
	size_t n_values;
	bool help;
	int format;      /* enum output_format, with CMD_NEED_FORMAT */
	char region[3];  /* with CMD_NEED_REGION and --region, else "" */
	int64_t *groups; /* with CMD_NEED_GROUPS: argc of them */
	size_t n_groups;
	int64_t person; /* with CMD_NEED_PERSON */
	int64_t group;  /* with CMD_NEED_GROUP_OPTION and --group, else 0 */
};

/* The last value of option KEY, or NULL when not given (a flag: its
 * name). */
const char *cmd_arg(const struct cmd_args *a, int key);
bool cmd_has(const struct cmd_args *a, int key);
/* "lape add group" into BUF. */
const char *cmd_name(const struct cmd_args *a, char *buf, size_t len);

/* The global options, taken before the command's name by lape.c and
 * after it by cmd_parse(). */
struct cmd_globals {
	const char *db, *config, *lang;
	const char *output; /* -o FILE */
	bool excel;         /* --excel */
	bool read_only;     /* --read-only */
};

/* Parse ARGV (ARGV[0] the command's name) for entry E (a command of
 * several takes its part from ARGV[1]).  The global options found are
 * stored in *G.  Returns 0, or reports and returns an exit status.  Free
 * with cmd_args_clear(). */
int cmd_parse(const struct cmd_entry *e, int argc, char **argv,
              struct cmd_args *out, struct cmd_globals *g);
/* Open and resolve what A's entry needs, then run it: an exit status. */
int cmd_run(struct lape_ctx *ctx, struct cmd_args *a);
void cmd_args_clear(struct cmd_args *a);

/* All commands, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry *cmd_find(const char *name);

extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_verify_entry;
extern const struct cmd_entry cmd_add_entry;
extern const struct cmd_entry cmd_edit_entry;
extern const struct cmd_entry cmd_end_entry;
extern const struct cmd_entry cmd_remove_entry;
extern const struct cmd_entry cmd_copy_entry;
extern const struct cmd_entry cmd_merge_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_log_entry;
extern const struct cmd_entry cmd_undo_entry;
extern const struct cmd_entry cmd_person_entry;

/* Where a command's output goes (src/cmd-output.c): -o FILE, the Excel
 * flavour of CSV and --format xlsx, for every command that writes CSV.
 * cmd_output_begin() looks at the command's parsed arguments A
 * (rewriting "--format xlsx" to the CSV it is made from, and making "show
 * --format xlsx" the report of that group) and catches the standard output
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
                     struct cmd_args *a);
int cmd_output_end(struct cmd_output *o, struct lape_ctx *ctx, int status);

/* Helpers shared by the commands (src/cmd.c). */
/* The help of command A (usage, summary, every option with its
 * metavariable and what it does) on stdout.  Returns EXIT_OK. */
int cmd_help(const struct cmd_args *a);
/* A hint to try the command's --help on stderr.  Returns
 * EXIT_FAILURE_LAPE. */
int cmd_usage(const struct cmd_args *a);
/* The one function that reports a command's error: "lape: WHAT: message"
 * (or "lape: message" when WHAT is NULL) on stderr, escaped as
 * cmd_errorf(); FMT is translated and has no newline.  Returns STATUS. */
int cmd_error(int status, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report the store's status RC on the open data file: an invalid field as
 * "lape: --OPTION: message" when an option of A sets it, else as "lape:
 * WHAT: message" (WHAT may be NULL); a conflict; or the file's error.
 * Returns the exit status for RC: 1 for invalid, a conflict or still
 * referenced, 2 else. */
int cmd_store_error(struct lape_ctx *ctx, const struct cmd_args *a, int rc,
                    const char *what);
/* Print the last error of the open data file as "lape: FILE: what is
 * wrong"; returns EXIT_FAILURE_LAPE (EXIT_INCOMPLETE, 1, for a write
 * refused because the file is read-only). */
int cmd_db_error(struct lape_ctx *ctx);
/* "lape: SHARE/refdata: no reference data found ..."; returns
 * EXIT_FAILURE_LAPE. */
int cmd_refdata_missing(struct lape_ctx *ctx);
/* Every message of the command line goes through these: FMT (translated,
 * starting "lape: " on stderr and ending with a newline) is filled in and
 * written with control characters, bytes that are not UTF-8 and, outside a
 * UTF-8 locale, every byte past ASCII shown as \xNN, so that an argument,
 * a file name or a value from a file cannot drive the terminal. */
void cmd_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cmd_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write S to F escaped as above. */
void cmd_escaped(FILE *f, const char *s);
/* A context's reporter (ctx.h) for the command line: "lape: WHAT:
 * message" on stderr, as cmd_error(). */
void cmd_report(const char *what, const char *msg);
/* The id of the Unix group NAME: 0, or -1 after reporting. */
int cmd_unix_group(const char *name, gid_t *gid);

/* Lookups of what the user names on the command line, as the core's
 * lookups accept it (an id, a uuid or its first 8 digits, a name).  Each
 * returns 0, or reports ("lape: REF: no such group"; several: which) and
 * returns the exit status. */
int cmd_lookup_group(struct lape_ctx *ctx, const char *ref, int64_t *id);
int cmd_lookup_person(struct lape_ctx *ctx, const char *ref, int64_t *id);
int cmd_lookup_region(struct lape_ctx *ctx, const char *ref, char code[3]);
int cmd_lookup_municipality(struct lape_ctx *ctx, const char *ref,
                            char code[4]);
/* A change agent: its id or uuid, its region or its person. */
int cmd_lookup_agent(struct lape_ctx *ctx, const char *ref, int64_t *id);
/* A seat: its id or uuid (PERSON NULL), or GROUP and PERSON. */
int cmd_lookup_member(struct lape_ctx *ctx, const char *ref, const char *person,
                      int64_t *id);

/* Which of N values INPUT names (src/cmd-parse.c): its key KEY(i) or its
 * label LABEL(i) in Finnish, Swedish or English, without regard to case
 * ('_', '-' and ' ' alike).  The index, or -1. */
int cmd_pick(const char *input, int n, const char *(*key)(int),
             const char *(*label)(int));
int cmd_pick_level(const char *s);        /* enum group_level, or -1 */
int cmd_pick_group_status(const char *s); /* enum group_status */
int cmd_pick_role(const char *s);         /* enum member_role */
int cmd_pick_agent_status(const char *s); /* enum agent_status */

/* The N strings of LIST joined with SEP.  Caller frees; NULL when out of
 * memory. */
char *cmd_join(char *const *list, size_t n, const char *sep);

struct output_json;
/* The fields of a record as the members of a JSON object being written
 * (src/cmd-write.c): what --format json prints of the record written, and
 * lape show of its group. */
void cmd_json_group_fields(struct lape_ctx *ctx, struct output_json *j,
                           const struct group *g);
/* A group's check as members of a JSON object (src/cmd-check.c), for
 * lape check and lape show: "complete" and "missing" (the keys of the
 * sectors missing), and "warnings" (their kind and text; M the group's
 * members the check was made on). */
void cmd_check_json_missing(struct output_json *j, const struct rules *r,
                            const struct check_result *res);
void cmd_check_json_warnings(struct output_json *j, const struct rules *r,
                             const struct membership *m,
                             const struct check_result *res);

/* The width text output is laid out for: with stdout a terminal, COLUMNS,
 * else the terminal's width, else 80; 0 (no limit) when stdout is not a
 * terminal, so that nothing is cut in a pipe or a file. */
size_t cmd_width(void);

#endif
