#include <config.h>
/* cmd-copy.c -- `lape copy FILE`: a copy of the data file to take along
 * (a laptop), consistent while others write, that `lape merge` can bring
 * back. */

#include <getopt.h>
#include <stdio.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/merge.h"

static int copy_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_usage(&cmd_copy_entry, EXIT_OK);
		return cmd_usage(&cmd_copy_entry, EXIT_FAILURE_LAPE);
	}
	if (argc - optind != 1) {
		cmd_errorf("%s", _("lape: copy: name the file to write\n"));
		return cmd_usage(&cmd_copy_entry, EXIT_FAILURE_LAPE);
	}
	if (ctx_open_plain(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	rc = merge_copy(ctx->db, argv[optind]);
	if (rc == LAPE_INVALID) {
		cmd_errorf("lape: %s\n", db_errmsg(ctx->db));
		return EXIT_INCOMPLETE;
	}
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	cmd_printf(_("Copied %s to %s; bring it back with: lape merge %s\n"),
	           ctx->db->path, argv[optind], argv[optind]);
	return EXIT_OK;
}

const struct cmd_entry cmd_copy_entry = {
    "copy",
    "FILE",
    N_("Write a copy of the data file to work on elsewhere (a laptop)"),
    copy_exec,
};
