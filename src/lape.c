#include <config.h>
/* lape.c -- the program: global options (accepted before or after the
 * command name), the configuration, then one command from cmd_table or,
 * without a command, the screens. */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/tui.h"
#include "lape/utf8.h"

struct lape_args {
	const char *db;
	const char *config;
	const char *lang;
	const char *output; /* -o FILE */
	bool excel;         /* --excel */
	bool read_only;
	bool help;
	bool version;
	const char *command; /* NULL: the screens */
	int argc;            /* the command's arguments, argv[0] = "lape" */
	char **argv;
};

static void lape_help(void)
{
	size_t width = 0;

	printf(_("Usage: lape [OPTION...] [COMMAND [ARG...]]\n"));
	printf(_("Set up and check the LAPE groups of municipalities and "
	         "regions.\n"));
	printf(_("Without a command, lape opens its screens.\n"));
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
	printf("%s\n", _("  -o FILE          write the output to FILE (or --output)"));
	printf("%s\n", _("  --excel          CSV for spreadsheets: BOM, ';', "
	                 "your language"));
	printf("%s\n", _("  --read-only      only read the data file, change "
	                 "nothing"));
	printf("%s\n", _("  -h, --help       show this help and exit"));
	printf("%s\n", _("  -V, --version    show the version and exit"));
	printf("\n");
	printf(_("Run 'lape COMMAND --help' for the options of a command.\n"));
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
	char msg[512];

	snprintf(msg, sizeof msg, fmt, arg);
	cmd_errorf("lape: %s\n", msg);
	cmd_errorf(_("Try 'lape --help' for more information.\n"));
	return EXIT_FAILURE_LAPE;
}

/* If ARGV[*I] is the global option NAME ("--db"), store its value (given
 * as "--db=FILE" or as the next argument) and advance *I.  Returns 1 when
 * it matched, 0 when not, -1 when its value is missing. */
static int take_global(int argc, char **argv, int *i, const char *name,
                       const char **value)
{
	const char *a = argv[*i];
	size_t len = strlen(name);

	if (strncmp(a, name, len) != 0)
		return 0;
	if (a[len] == '=') {
		*value = a + len + 1;
		return 1;
	}
	if (a[len] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

/* Take the global options out of ARGV wherever they stand (up to "--"),
 * find the command and keep its own arguments.  Returns 0 or an exit
 * status. */
static int lape_parse(int argc, char **argv, struct lape_args *a)
{
	static const char *const globals[] = {"--db", "--config", "--lang",
	                                      "--output", "-o"};
	bool dashdash = false;

	a->argv = calloc((size_t)argc + 1, sizeof(*a->argv));
	if (!a->argv)
		return EXIT_FAILURE_LAPE;
	a->argv[a->argc++] = (char *)"lape";
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char **slot[] = {&a->db, &a->config, &a->lang,
		                       &a->output, &a->output};
		int took = 0;

		if (!dashdash && strcmp(arg, "--") == 0 && a->command) {
			dashdash = true;
			a->argv[a->argc++] = argv[i];
			continue;
		}
		if (!dashdash && strcmp(arg, "--excel") == 0) {
			a->excel = true;
			continue;
		}
		for (size_t g = 0; !dashdash && !took && g < 5; g++) {
			took = take_global(argc, argv, &i, globals[g], slot[g]);
			if (took < 0)
				return lape_bad_option(
				    _("option '%s' requires an argument"),
				    globals[g]);
		}
		if (took)
			continue;
		if (!dashdash && strcmp(arg, "--read-only") == 0) {
			a->read_only = true;
			continue;
		}
		if (a->command) {
			a->argv[a->argc++] = argv[i];
		} else if (strcmp(arg, "-h") == 0 ||
		           strcmp(arg, "--help") == 0) {
			a->help = true;
		} else if (strcmp(arg, "-V") == 0 ||
		           strcmp(arg, "--version") == 0) {
			a->version = true;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return lape_bad_option(_("unrecognized option '%s'"),
			                       arg);
		} else {
			a->command = arg;
		}
	}
	a->argv[a->argc] = NULL;
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
			cmd_errorf(_("lape: write error: %s\n"),
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

int main(int argc, char **argv)
{
	struct lape_args args = {0};
	struct lape_ctx ctx = {0};
	const struct cmd_entry *cmd = NULL;
	char err[1024];
	int status, cfg_status;

	/* Past the file size limit (ulimit -f) a write fails with EFBIG,
	 * which is reported and rolled back, instead of killing lape. */
	signal(SIGXFSZ, SIG_IGN);
	/* Messages about the options themselves are already in the language
	 * asked for, so find --lang before the options are parsed. */
	if (i18n_init(early_lang(argc, argv)) != 0)
		i18n_init(NULL);
	status = lape_parse(argc, argv, &args);
	if (i18n_init(args.lang) != 0) {
		i18n_init(NULL);
		cmd_errorf(_("lape: --lang: '%s' is not one of fi, sv, en\n"),
		           args.lang);
		status = EXIT_FAILURE_LAPE;
	}
	if (status != 0)
		goto out;
	/* The config file may name the language, so read it before any
	 * output; --help and --version still work when it is broken. */
	err[0] = '\0';
	cfg_status = config_load(&ctx.cfg, args.config, args.db, args.lang, err,
	                         sizeof(err));
	if (cfg_status == 0 && ctx.cfg.lang && !args.lang)
		i18n_init(ctx.cfg.lang); /* config_load checked the value */
	if (args.help || args.version) {
		if (args.help)
			lape_help();
		else
			lape_version();
		status = lape_flush(EXIT_OK);
		goto out;
	}
	if (args.command && !(cmd = cmd_find(args.command))) {
		cmd_errorf(_("lape: '%s' is not a lape command; see 'lape "
		             "--help'\n"),
		           args.command);
		status = EXIT_FAILURE_LAPE;
		goto out;
	}
	if (cfg_status != 0) {
		cmd_errorf("lape: %s\n", err);
		status = EXIT_FAILURE_LAPE;
		goto out;
	}
	ctx.cfg.read_only = args.read_only;
	date_today(ctx.today);
	ctx.output_path = args.output;
	ctx.excel = args.excel || ctx.cfg.csv_excel;
	if (cmd) {
		struct cmd_output out;

		if (cmd_output_begin(&out, &ctx, &cmd, args.argc, args.argv))
			status = EXIT_FAILURE_LAPE;
		else
			status = cmd_output_end(
			    &out, &ctx, cmd->exec(&ctx, args.argc, args.argv));
	} else if (args.output || args.excel) {
		cmd_errorf("%s\n", _("lape: -o and --excel go with a command"));
		status = EXIT_FAILURE_LAPE;
	} else
		status = lape_screens(&ctx);
	status = lape_flush(status);
out:
	ctx_clear(&ctx);
	free(args.argv);
	return status;
}
