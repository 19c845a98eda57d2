#include <config.h>
/* cmd-merge.c -- `lape merge FILE [--dry-run] [--prefer server|laptop]`:
 * bring the work done in a copy of the data file (a laptop's, or the
 * server's) into this one.  Conflicts are listed with both values, who
 * made each and when; without --prefer lape stops at them and writes
 * nothing. */

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/journal.h"
#include "lape/merge.h"
#include "lape/output.h"

/* " (anna 2017-03-02 14:05)", or "" when not known. */
static void who_when(const char *user, const char *at, char *buf, size_t len)
{
	char t[20];

	journal_time_show(at, t);
	if (user && *t)
		snprintf(buf, len, " (%s %s)", user, t);
	else if (user)
		snprintf(buf, len, " (%s)", user);
	else
		buf[0] = '\0';
}

static const char *shown(const char *value)
{
	return value ? value : _("(empty)");
}

static void print_change(const struct merge_change *c)
{
	char who[128];

	who_when(c->user, c->at, who, sizeof who);
	switch (c->kind) {
	case MERGE_ADD:
		cmd_printf(_("added: %s %s%s\n"), merge_table_label(c->table),
		           c->record, who);
		break;
	case MERGE_CHANGE:
		cmd_printf(_("changed: %s %s: %s: %s %s %s%s\n"),
		           merge_table_label(c->table), c->record,
		           merge_field_label(c->field), shown(c->old_value),
		           output_utf8() ? "\xE2\x86\x92" : "->",
		           shown(c->new_value), who);
		break;
	case MERGE_REMOVE:
		cmd_printf(_("removed: %s %s%s\n"), merge_table_label(c->table),
		           c->record, who);
		break;
	}
}

static void print_conflict(const struct merge *m,
                           const struct merge_conflict *c)
{
	const struct merge_side *server =
	    merge_server_is_here(m) ? &c->here : &c->there;
	const struct merge_side *laptop =
	    merge_server_is_here(m) ? &c->there : &c->here;
	char who[128];

	if (c->field)
		cmd_printf(_("conflict: %s %s: %s: %s\n"),
		           merge_table_label(c->table), c->record,
		           merge_field_label(c->field),
		           merge_conflict_label(c->kind));
	else
		cmd_printf(_("conflict: %s %s: %s\n"),
		           merge_table_label(c->table), c->record,
		           merge_conflict_label(c->kind));
	who_when(server->user, server->at, who, sizeof who);
	cmd_printf(_("  server: %s%s\n"), shown(server->value), who);
	who_when(laptop->user, laptop->at, who, sizeof who);
	cmd_printf(_("  laptop: %s%s\n"), shown(laptop->value), who);
}

static int merge_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    {"prefer", required_argument, NULL, 'p'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *prefer = NULL;
	bool dry = false;
	struct merge *m = NULL;
	enum merge_choice choice = MERGE_UNDECIDED;
	size_t nc;
	int c, rc, status = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "np:h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_usage(&cmd_merge_entry, EXIT_OK);
		if (c == 'n')
			dry = true;
		else if (c == 'p')
			prefer = optarg;
		else
			return cmd_usage(&cmd_merge_entry, EXIT_FAILURE_LAPE);
	}
	if (prefer && strcmp(prefer, "server") != 0 &&
	    strcmp(prefer, "laptop") != 0) {
		cmd_errorf(_("lape: merge: --prefer takes server or laptop, "
		             "not '%s'\n"),
		           prefer);
		return EXIT_FAILURE_LAPE;
	}
	if (argc - optind != 1) {
		cmd_errorf("%s", _("lape: merge: name the copy to merge\n"));
		return cmd_usage(&cmd_merge_entry, EXIT_FAILURE_LAPE);
	}
	if (ctx_open_plain(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	rc = merge_open(ctx->db, argv[optind], &m);
	if (rc != LAPE_OK) {
		cmd_errorf("lape: %s\n", db_errmsg(ctx->db));
		return EXIT_FAILURE_LAPE;
	}
	if (prefer) {
		bool server = strcmp(prefer, "server") == 0;

		choice = server == merge_server_is_here(m) ? MERGE_KEEP_HERE
		                                           : MERGE_TAKE_THERE;
	}
	rc = merge_plan(m);
	if (rc != LAPE_OK)
		goto fail;
	if (choice != MERGE_UNDECIDED)
		merge_resolve_all(m, choice);
	nc = merge_conflict_count(m);
	if (dry) {
		for (size_t i = 0; i < merge_change_count(m); i++)
			print_change(merge_change(m, i));
	}
	for (size_t i = 0; i < nc; i++)
		print_conflict(m, merge_conflict(m, i));
	if (nc > 0 && choice == MERGE_UNDECIDED) {
		cmd_errorf(ngettext("lape: %s: %zu conflict; nothing merged "
		                    "(choose with --prefer server or "
		                    "--prefer laptop)\n",
		                    "lape: %s: %zu conflicts; nothing merged "
		                    "(choose with --prefer server or "
		                    "--prefer laptop)\n",
		                    nc),
		           argv[optind], nc);
		merge_free(m);
		return EXIT_INCOMPLETE;
	}
	if (dry) {
		cmd_printf(ngettext("%zu change would be merged; nothing "
		                    "written (--dry-run)\n",
		                    "%zu changes would be merged; nothing "
		                    "written (--dry-run)\n",
		                    merge_change_count(m)),
		           merge_change_count(m));
		merge_free(m);
		return EXIT_OK;
	}
	rc = merge_apply(m);
	if (rc == LAPE_CONFLICT) {
		/* Someone wrote meanwhile and made a new conflict. */
		merge_resolve_all(m, choice);
		rc = merge_apply(m);
	}
	if (rc != LAPE_OK)
		goto fail;
	cmd_printf(ngettext("Merged %s: %zu change", "Merged %s: %zu changes",
	                    merge_change_count(m)),
	           argv[optind], merge_change_count(m));
	if (nc)
		cmd_printf(ngettext(", %zu conflict decided\n",
		                    ", %zu conflicts decided\n", nc),
		           nc);
	else
		cmd_printf("\n");
	merge_free(m);
	return status;
fail:
	cmd_db_error(ctx);
	merge_free(m);
	return EXIT_FAILURE_LAPE;
}

const struct cmd_entry cmd_merge_entry = {
    "merge",
    "FILE [--dry-run] [--prefer server|laptop]",
    N_("Bring the work done in a copy (lape copy) into this data file"),
    merge_exec,
};
