#include <config.h>
/* cmd-import.c -- `lape import FILE [--group GROUP] [--dry-run] [--apply]`:
 * people and memberships from a spreadsheet's CSV.  A dry run (the
 * default) says what would be added and changed and which rows are wrong;
 * --apply writes it in one transaction, and only when no row is wrong. */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/import.h"
#include "lape/store.h"

static void import_print_action(const struct import_action *a)
{
	switch (a->what) {
	case IMPORT_ADD_PERSON:
		cmd_printf(_("  line %zu: new person %s\n"), a->line,
		           a->person);
		break;
	case IMPORT_CHANGE_PERSON:
		cmd_printf(_("  line %zu: %s: changes %s\n"), a->line,
		           a->person, a->detail);
		break;
	case IMPORT_ADD_MEMBERSHIP:
		cmd_printf(_("  line %zu: %s joins %s\n"), a->line, a->person,
		           a->group);
		break;
	case IMPORT_CHANGE_MEMBERSHIP:
		cmd_printf(_("  line %zu: %s in %s: changes %s\n"), a->line,
		           a->person, a->group, a->detail);
		break;
	}
}

static void import_print_problem(const struct import_problem *p)
{
	if (p->line && p->column)
		cmd_printf(_("  line %zu, column '%s': %s\n"), p->line,
		           p->column, p->reason);
	else if (p->line)
		cmd_printf(_("  line %zu: %s\n"), p->line, p->reason);
	else
		cmd_printf("  %s\n", p->reason);
}

static void import_report(const char *path, const struct import_file *f,
                          const struct import_result *res, bool apply)
{
	const char *delim = f->delimiter == '\t'  ? _("tab")
	                    : f->delimiter == ';' ? ";"
	                                          : ",";

	cmd_printf(ngettext("%s: %zu row, read as %s, columns separated by "
	                    "'%s'\n",
	                    "%s: %zu rows, read as %s, columns separated by "
	                    "'%s'\n",
	                    f->n_rows),
	           path, f->n_rows, import_encoding_name(f->encoding), delim);
	if (f->encoding == IMPORT_CP1252)
		cmd_printf(
		    "%s\n",
		    _("  (not UTF-8: taken as Windows-1252, as a Finnish "
		      "Excel saves CSV)"));
	if (res->n_actions) {
		cmd_printf("%s\n", res->applied ? _("Written:")
		                   : res->n_errors
		                       ? _("Would be written once the wrong "
		                           "rows are fixed:")
		                       : _("Would be written:"));
		for (size_t i = 0; i < res->n_actions; i++)
			import_print_action(&res->actions[i]);
	}
	if (res->n_errors) {
		cmd_printf("%s\n", _("Wrong rows:"));
		for (size_t i = 0; i < res->n_problems; i++)
			if (res->problems[i].error)
				import_print_problem(&res->problems[i]);
	}
	if (res->n_warnings) {
		cmd_printf("%s\n", _("To look at:"));
		for (size_t i = 0; i < res->n_problems; i++)
			if (!res->problems[i].error)
				import_print_problem(&res->problems[i]);
	}
	cmd_printf(_("People: %zu new, %zu changed.  Memberships: %zu new, "
	             "%zu changed.  Rows that change nothing: %zu.\n"),
	           res->n_people_added, res->n_people_changed,
	           res->n_members_added, res->n_members_changed,
	           res->n_unchanged);
	if (!res->n_actions && !res->n_errors)
		cmd_printf("%s\n", _("Nothing to write: the data file already "
		                     "holds all of it."));
	else if (res->applied)
		cmd_printf("%s\n", _("Done: written in one transaction."));
	else if (res->n_errors)
		cmd_printf(ngettext("Nothing written: %zu problem to fix "
		                    "first.\n",
		                    "Nothing written: %zu problems to fix "
		                    "first.\n",
		                    res->n_errors),
		           res->n_errors);
	else if (!apply)
		cmd_printf("%s\n",
		           _("Dry run: nothing written.  Run again with "
		             "--apply to write it."));
}

static int import_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"group", required_argument, NULL, 'g'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"apply", no_argument, NULL, 'a'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct import_options opt = {0};
	struct import_file f;
	struct import_result res;
	const char *group = NULL, *path;
	bool dry = false;
	char err[512];
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'g':
			group = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'a':
			opt.apply = true;
			break;
		case 'h':
			return cmd_usage(&cmd_import_entry, EXIT_OK);
		default:
			return cmd_usage(&cmd_import_entry, EXIT_FAILURE_LAPE);
		}
	}
	if (dry && opt.apply) {
		cmd_errorf("%s\n", _("lape: import: --dry-run or --apply, not "
		                     "both"));
		return EXIT_FAILURE_LAPE;
	}
	if (optind + 1 != argc) {
		cmd_errorf(optind == argc
		               ? _("lape: import: which file?\n")
		               : _("lape: import: one file at a time\n"));
		return cmd_usage(&cmd_import_entry, EXIT_FAILURE_LAPE);
	}
	path = argv[optind];
	rc = import_read_file(path, &f, err, sizeof err);
	if (rc != LAPE_OK) {
		cmd_errorf("lape: %s: %s\n", path,
		           rc == LAPE_ERROR ? _("out of memory") : err);
		return rc == LAPE_ERROR ? EXIT_FAILURE_LAPE : EXIT_INCOMPLETE;
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING) != 0 ||
	    ctx_load_rules(ctx) != 0) {
		import_file_clear(&f);
		return EXIT_FAILURE_LAPE;
	}
	if (group) {
		rc = group_find(ctx->db, group, &opt.group_id);
		if (rc != LAPE_OK) {
			import_file_clear(&f);
			if (rc == LAPE_NOTFOUND)
				cmd_errorf(_("lape: %s: no such group\n"),
				           group);
			else if (rc == LAPE_AMBIGUOUS)
				cmd_errorf(
				    _("lape: %s: several match; give the "
				      "id or code instead\n"),
				    group);
			else
				return cmd_db_error(ctx);
			return EXIT_INCOMPLETE;
		}
	}
	rc = import_run(ctx->db, ctx->rules, &f, &opt, &res);
	if (rc != LAPE_OK) {
		import_file_clear(&f);
		import_result_clear(&res);
		return cmd_db_error(ctx);
	}
	import_report(path, &f, &res, opt.apply);
	rc = res.n_errors ? EXIT_INCOMPLETE : EXIT_OK;
	import_result_clear(&res);
	import_file_clear(&f);
	return rc;
}

const struct cmd_entry cmd_import_entry = {
    "import",
    "FILE [--group GROUP] [--dry-run] [--apply]",
    N_("Bring in people and memberships from a spreadsheet's CSV"),
    import_exec,
};
