#include <config.h>
/* cmd-person.c -- `lape person export PERSON [--format json|text]` and
 * `lape person erase PERSON [--yes] [--remove-backups]`: a person's rights
 * of access, portability and erasure, over the core's privacy calls. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/privacy.h"
#include "lape/store.h"

/* The person REF names: 0 with *ID, else an exit status after
 * reporting. */
static int person_lookup(struct lape_ctx *ctx, const char *ref, int64_t *id)
{
	int rc = person_find(ctx->db, ref, id);

	if (rc == LAPE_NOTFOUND) {
		cmd_errorf(_("lape: %s: no such person\n"), ref);
		return EXIT_INCOMPLETE;
	}
	if (rc == LAPE_AMBIGUOUS) {
		cmd_errorf(_("lape: %s: several people match; give the id or "
		             "the uuid instead\n"),
		           ref);
		return EXIT_INCOMPLETE;
	}
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	return EXIT_OK;
}

/* The one PERSON argument after the options, or an exit status. */
static int one_person(const struct cmd_entry *e, const char *what, int argc,
                      char **argv, const char **ref)
{
	if (optind >= argc) {
		cmd_errorf(_("lape: person %s: which person? Give a name, an "
		             "id or a uuid\n"),
		           what);
		return cmd_usage(e, EXIT_FAILURE_LAPE);
	}
	if (optind + 1 < argc) {
		cmd_errorf(_("lape: person %s: unexpected argument '%s'\n"),
		           what, argv[optind + 1]);
		return cmd_usage(e, EXIT_FAILURE_LAPE);
	}
	*ref = argv[optind];
	return EXIT_OK;
}

static const struct cmd_entry person_export_entry;
static const struct cmd_entry person_erase_entry;

static int export_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	enum output_format fmt = OUTPUT_TEXT;
	const char *ref;
	int64_t id;
	int c, status, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_usage(&person_export_entry, EXIT_OK);
		if (c != 'f')
			return cmd_usage(&person_export_entry,
			                 EXIT_FAILURE_LAPE);
		if (output_format_parse(optarg, &fmt) != 0 ||
		    fmt == OUTPUT_CSV) {
			cmd_errorf(_("lape: --format: '%s' is not one of json, "
			             "text\n"),
			           optarg);
			return EXIT_FAILURE_LAPE;
		}
	}
	if ((status = one_person(&person_export_entry, "export", argc, argv,
	                         &ref)) != EXIT_OK)
		return status;
	if (ctx_open_db(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	if ((status = person_lookup(ctx, ref, &id)) != EXIT_OK)
		return status;
	rc = privacy_export(ctx->db, id, fmt, stdout);
	if (rc == LAPE_NOTFOUND) {
		cmd_errorf(_("lape: %s: no such person\n"), ref);
		return EXIT_INCOMPLETE;
	}
	return rc == LAPE_OK ? EXIT_OK : cmd_db_error(ctx);
}

/* Ask QUESTION on the terminal; whether the answer was yes. */
static bool ask_yes(const char *question)
{
	char line[64];
	const char *yes = _("y");

	cmd_printf("%s [%s/%s] ", question, yes, _("N"));
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	return strcasecmp(line, yes) == 0 || strcasecmp(line, "y") == 0 ||
	       strcasecmp(line, _("yes")) == 0 || strcasecmp(line, "yes") == 0;
}

/* Remove the copies listed in PLAN; the number that could not be. */
static int remove_backups(const struct erase_plan *plan)
{
	int failed = 0;

	for (size_t i = 0; i < plan->n_backups; i++) {
		if (privacy_backup_remove(plan->backups[i]) == 0) {
			cmd_printf(_("Removed %s\n"), plan->backups[i]);
			continue;
		}
		cmd_errorf(_("lape: %s: cannot remove: %s\n"), plan->backups[i],
		           strerror(errno));
		failed++;
	}
	return failed;
}

static int erase_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"yes", no_argument, NULL, 'y'},
	    {"remove-backups", no_argument, NULL, 'B'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct erase_plan plan;
	struct erase_result res;
	bool yes = false, rm_backups = false, asked = false;
	char *text, *question = NULL;
	const char *ref;
	int64_t id;
	int c, status, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "yh", opts, NULL)) != -1) {
		if (c == 'y')
			yes = true;
		else if (c == 'B')
			rm_backups = true;
		else if (c == 'h')
			return cmd_usage(&person_erase_entry, EXIT_OK);
		else
			return cmd_usage(&person_erase_entry,
			                 EXIT_FAILURE_LAPE);
	}
	if ((status = one_person(&person_erase_entry, "erase", argc, argv,
	                         &ref)) != EXIT_OK)
		return status;
	if (ctx_open_db(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	if ((status = person_lookup(ctx, ref, &id)) != EXIT_OK)
		return status;
	if (privacy_erase_plan(ctx->db, id, &plan) != LAPE_OK)
		return cmd_db_error(ctx);
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			privacy_plan_clear(&plan);
			cmd_errorf(_("lape: person erase: nothing erased; give "
			             "--yes to erase without being asked\n"));
			return EXIT_INCOMPLETE;
		}
		if ((text = privacy_plan_describe(&plan)) != NULL)
			cmd_printf("%s", text);
		free(text);
		if (asprintf(&question,
		             _("Erase %s for good? This cannot be undone."),
		             plan.name) < 0)
			question = NULL;
		asked = true;
		if (!question || !ask_yes(question)) {
			free(question);
			privacy_plan_clear(&plan);
			cmd_printf(_("Nothing erased.\n"));
			return EXIT_INCOMPLETE;
		}
		free(question);
	}
	rc = privacy_erase(ctx->db, id, &res);
	if (rc != LAPE_OK) {
		privacy_plan_clear(&plan);
		if (rc == LAPE_NOTFOUND) {
			cmd_errorf(_("lape: %s: no such person\n"), ref);
			return EXIT_INCOMPLETE;
		}
		return cmd_db_error(ctx);
	}
	cmd_printf(ngettext("Erased %s; %zu seat is now vacant.\n",
	                    "Erased %s; %zu seats are now vacant.\n",
	                    plan.n_seats),
	           plan.name, plan.n_seats);
	if (!res.scrubbed)
		cmd_errorf(_("lape: %s: another lape has the file open: the "
		             "erased data leaves its -wal file when that one "
		             "closes\n"),
		           ctx->db->path);
	if (plan.n_mentions) {
		cmd_printf("%s",
		           _("The name also appears in the notes of (edit "
		             "them by hand):"));
		for (size_t i = 0; i < plan.n_mentions; i++)
			cmd_printf("%s%s", i ? ", " : " ", plan.mentions[i]);
		cmd_printf("\n");
	}
	status = EXIT_OK;
	if (plan.n_backups) {
		if (!rm_backups && asked) {
			for (size_t i = 0; i < plan.n_backups; i++)
				cmd_printf("  %s\n", plan.backups[i]);
			rm_backups = ask_yes(ngettext(
			    "Remove this copy saved before an "
			    "upgrade too?",
			    "Remove these copies saved before upgrades "
			    "too?",
			    plan.n_backups));
		}
		if (rm_backups) {
			if (remove_backups(&plan))
				status = EXIT_FAILURE_LAPE;
		} else {
			cmd_printf(
			    "%s\n",
			    ngettext("This copy saved before an upgrade "
			             "still holds the person's data; "
			             "remove it with --remove-backups:",
			             "These copies saved before upgrades "
			             "still hold the person's data; remove "
			             "them with --remove-backups:",
			             plan.n_backups));
			for (size_t i = 0; i < plan.n_backups; i++)
				cmd_printf("  %s\n", plan.backups[i]);
		}
	}
	privacy_plan_clear(&plan);
	return status;
}

static const struct cmd_entry person_export_entry = {
    "person export",
    "PERSON [--format json|text]",
    N_("Print everything lape holds about a person"),
    export_exec,
};

static const struct cmd_entry person_erase_entry = {
    "person erase",
    "PERSON [--yes] [--remove-backups]",
    N_("Erase a person's data everywhere; their seats stay vacant"),
    erase_exec,
};

static int person_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : NULL;

	if (what && strcmp(what, "export") == 0)
		return export_exec(ctx, argc - 1, argv + 1);
	if (what && strcmp(what, "erase") == 0)
		return erase_exec(ctx, argc - 1, argv + 1);
	if (what && (strcmp(what, "--help") == 0 || strcmp(what, "-h") == 0)) {
		cmd_usage(&cmd_person_entry, EXIT_OK);
		return EXIT_OK;
	}
	if (what)
		cmd_errorf(_("lape: person: '%s' is not export or erase\n"),
		           what);
	else
		cmd_errorf(_("lape: person: export or erase?\n"));
	return cmd_usage(&cmd_person_entry, EXIT_FAILURE_LAPE);
}

const struct cmd_entry cmd_person_entry = {
    "person",
    "export|erase PERSON [OPTION...]",
    N_("A person's rights: export or erase everything about them"),
    person_exec,
};
