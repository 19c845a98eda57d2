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
/* lape.c -- the program: global options (accepted before or after the
 * command name), the configuration, then one command from cmd_table or,
 * without a command, the screens. */

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#ifdef __linux__
#include <stdio_ext.h>
#endif
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lape/cmd.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/tui.h"
#include "lape/utf8.h"

struct lape_args {
	struct cmd_globals g; /* --db, --config, --lang, -o, --excel */
	bool help;
	bool version;
	const char *command; /* NULL: the screens */
	int argc;            /* the command's arguments, argv[0] its name */
	char **argv;
};

static void lape_help(void)
{
	size_t width = 0;

	printf("%s", _("Usage: lape [OPTION...] [COMMAND [ARG...]]\n"));
	printf("%s", _("Set up and check the LAPE groups of municipalities and "
	               "regions.\n"));
	printf("%s", _("Without a command, lape opens its screens.\n"));
	printf("\n%s\n", _("Commands:"));
	for (size_t i = 0; cmd_table[i]; i++) {
		size_t w = utf8_width(cmd_table[i]->name);

		if (w > width)
			width = w;
	}
	for (size_t i = 0; cmd_table[i]; i++) {
		fputs("  ", stdout);
		output_text_pad(stdout, cmd_table[i]->name, width + 2, 0);
		printf("%s\n", _(cmd_table[i]->summary));
	}
	printf("\n%s\n", _("Options:"));
	printf("%s\n", _("  --db FILE        use the data file FILE"));
	printf("%s\n", _("  --config FILE    read the settings from FILE"));
	printf("%s\n", _("  --lang LANG      language: fi, sv or en"));
	printf("%s\n",
	       _("  -o FILE          write the output to FILE (or --output)"));
	printf("%s\n", _("  --excel          CSV for spreadsheets: BOM, ';', "
	                 "your language"));
	printf("%s\n", _("  --read-only      only read the data file, change "
	                 "nothing"));
	printf("%s\n", _("  -h, --help       show this help and exit"));
	printf("%s\n", _("  -V, --version    show the version and exit"));
	printf("\n");
	printf("%s",
	       _("Run 'lape COMMAND --help' for the options of a command.\n"));
	if (PACKAGE_BUGREPORT[0] != '\0')
		printf(_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
}

/* The GNU form: name and version, copyright (not translated), licence,
 * no warranty; then the attribution the reference data's licence asks. */
static void lape_version(void)
{
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	printf("Copyright (C) 2026 The lape developers\n");
	printf("%s\n", _("License GPLv3+: GNU GPL version 3 or later "
	                 "<https://gnu.org/licenses/gpl.html>."));
	printf("%s\n", _("This is free software: you are free to change and "
	                 "redistribute it."));
	printf("%s\n", _("There is NO WARRANTY, to the extent permitted by "
	                 "law."));
	printf("\n%s\n", _("Reference data: Statistics Finland, CC BY 4.0"));
}

static int lape_bad_option(const char *fmt, const char *arg)
{
	cmd_error(EXIT_FAILURE_LAPE, NULL, fmt, arg);
	cmd_errorf("%s", _("Try 'lape --help' for more information.\n"));
	return EXIT_FAILURE_LAPE;
}

/* The global options up to the command's name (getopt_long: "--vers",
 * "-hV" and "--" work); the command's own arguments, with global options
 * among them, are parsed by cmd_parse().  Returns 0 or an exit status. */
static int lape_parse(int argc, char **argv, struct lape_args *a)
{
	static const struct option opts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"config", required_argument, NULL, 'c'},
	    {"lang", required_argument, NULL, 'l'},
	    {"output", required_argument, NULL, 'o'},
	    {"excel", no_argument, NULL, 'x'},
	    {"read-only", no_argument, NULL, 'R'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	char bad[64];
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:hVo:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			a->g.db = optarg;
			break;
		case 'c':
			a->g.config = optarg;
			break;
		case 'l':
			a->g.lang = optarg;
			break;
		case 'o':
			a->g.output = optarg;
			break;
		case 'x':
			a->g.excel = true;
			break;
		case 'R':
			a->g.read_only = true;
			break;
		case 'h':
			a->help = true;
			break;
		case 'V':
			a->version = true;
			break;
		default:
			if (c == '?' && optopt && optopt < 0x80)
				snprintf(bad, sizeof(bad), "-%c", optopt);
			else
				snprintf(bad, sizeof(bad), "%.*s",
				         (int)strcspn(argv[optind - 1], "="),
				         argv[optind - 1]);
			return lape_bad_option(
			    c == ':' ? _("option '%s' requires an argument")
			             : _("unrecognized option '%s'"),
			    bad);
		}
	}
	if (optind < argc) {
		a->command = argv[optind];
		a->argc = argc - optind;
		a->argv = argv + optind;
	}
	return 0;
}

static int lape_screens(struct lape_ctx *ctx)
{
	/* Only the default file is made by opening the screens: a file named
	 * by --db, LAPE_DB or the configuration must exist, so that a typo in
	 * a shared path does not start an empty registry. */
	int flags = ctx_default_db(ctx) ? DB_OPEN_CREATE : DB_OPEN_EXISTING;

	if (ctx_open_db(ctx, flags) != 0 || ctx_load_rules(ctx) != 0)
		return EXIT_FAILURE_LAPE;
	return tui_run(ctx);
}

/* Make sure what was printed reached its file (a full disk, a closed
 * pipe): otherwise the exit status must say so. */
static int lape_flush(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)
			cmd_error(EXIT_FAILURE_LAPE, NULL, _("write error: %s"),
			          strerror(errno));
		return EXIT_FAILURE_LAPE;
	}
	return status;
}

/* The value of the first --lang option, or NULL. */
static const char *early_lang(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

/* What a process of lape sets up before anything else. */
static void lape_setup(void)
{
	/* Past the file size limit (ulimit -f) a write fails with EFBIG,
	 * which is reported and rolled back, instead of killing lape. */
	signal(SIGXFSZ, SIG_IGN);
	/* lape runs one thread: SQLite needs no mutexes, and no count of its
	 * memory (which takes a mutex on every allocation of every row). */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
#ifdef __linux__
	/* Nor stdout a lock per write: a check writes a few per line. */
	__fsetlocking(stdout, FSETLOCKING_BYCALLER);
#endif
}

/* The global options, then the command's (into *CMD and *CARGS) and the
 * language they ask for.  0, or the exit status said. */
static int lape_options(int argc, char **argv, struct lape_args *args,
                        const struct cmd_entry **cmd, struct cmd_args *cargs)
{
	int status;

	/* Messages about the options themselves are already in the language
	 * asked for, so find --lang before the options are parsed. */
	if (i18n_init(early_lang(argc, argv)) != 0)
		i18n_init(NULL);
	status = lape_parse(argc, argv, args);
	if (status == 0 && args->command && !args->help && !args->version) {
		if (!(*cmd = cmd_find(args->command)))
			status = cmd_error(EXIT_FAILURE_LAPE, NULL,
			                   _("'%s' is not a lape command; see "
			                     "'lape --help'"),
			                   args->command);
		else
			status = cmd_parse(*cmd, args->argc, args->argv, cargs,
			                   &args->g);
	}
	if (args->g.lang && i18n_init(args->g.lang) != 0) {
		i18n_init(NULL);
		status =
		    cmd_error(EXIT_FAILURE_LAPE, "--lang",
		              _("'%s' is not one of fi, sv, en"), args->g.lang);
	}
	return status;
}

/* Run the command, or open the screens. */
static int lape_start(struct lape_ctx *ctx, const struct lape_args *args,
                      const struct cmd_entry *cmd, struct cmd_args *cargs)
{
	struct cmd_output out;

	date_today(ctx->today);
	ctx->report = cmd_report; /* the context's errors on stderr */
	ctx->output_path = args->g.output;
	ctx->excel = args->g.excel || ctx->cfg.csv_excel;
	ctx->cfg.read_only = args->g.read_only;
	if (cmd) {
		if (cmd_output_begin(&out, ctx, cargs))
			return EXIT_FAILURE_LAPE;
		return cmd_output_end(&out, ctx, cmd_run(ctx, cargs));
	}
	if (args->g.output || args->g.excel)
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("-o and --excel go with a command"));
	return lape_screens(ctx);
}

int main(int argc, char **argv)
{
	struct lape_args args = {0};
	struct lape_ctx ctx = {0};
	struct cmd_args cargs = {0};
	const struct cmd_entry *cmd = NULL;
	char err[1024];
	int status, cfg_status;

	lape_setup();
	status = lape_options(argc, argv, &args, &cmd, &cargs);
	if (status != 0)
		goto out;
	/* The config file may name the language, so read it before any
	 * output; --help and --version still work when it is broken. */
	err[0] = '\0';
	cfg_status = config_load(&ctx.cfg, args.g.config, args.g.db,
	                         args.g.lang, err, sizeof(err));
	if (cfg_status == 0 && ctx.cfg.lang && !args.g.lang)
		i18n_init(ctx.cfg.lang); /* config_load checked the value */
	if (args.help || args.version || cargs.help) {
		if (args.help)
			lape_help();
		else if (args.version)
			lape_version();
		else
			cmd_help(&cargs);
		status = lape_flush(EXIT_OK);
	} else if (cfg_status != 0) {
		status = cmd_error(EXIT_FAILURE_LAPE, NULL, "%s", err);
	} else {
		status = lape_flush(lape_start(&ctx, &args, cmd, &cargs));
	}
out:
	cmd_args_clear(&cargs);
	ctx_clear(&ctx);
	return status;
}
