#include <config.h>
/* cmd-demo.c -- `lape demo`: load the example data set (src/demo.c) into
 * the data file, creating it with the 2016 classification of the LAPE years
 * when it does not exist yet. */

#include <getopt.h>
#include <stdio.h>

#include "lape/cmd.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/store.h"

#define DEMO_YEAR 2016

/* The year to load into an empty file: 2016 if shipped, else the newest. */
static int demo_year(struct lape_ctx *ctx)
{
	int years[32], n = refdata_years(ctx->cfg.share_dir, years, 32);

	for (int i = 0; i < n; i++)
		if (years[i] == DEMO_YEAR)
			return DEMO_YEAR;
	return n > 0 ? years[0] : 0;
}

static int demo_prepare(struct lape_ctx *ctx)
{
	int year;

	if (ctx_open_plain(ctx, DB_OPEN_CREATE) != 0)
		return -1;
	if (refdata_year(ctx->db) != 0)
		return 0;
	year = demo_year(ctx);
	if (year == 0) {
		cmd_errorf(_("lape: %s/refdata: no reference data found (is "
		             "LAPE_SHARE right?)\n"),
		           ctx->cfg.share_dir ? ctx->cfg.share_dir : "");
		ctx_discard_created(ctx);
		return -1;
	}
	if (refdata_load(ctx->db, ctx->cfg.share_dir, year) != LAPE_OK) {
		cmd_db_error(ctx);
		ctx_discard_created(ctx);
		return -1;
	}
	return 0;
}

static void demo_summary(struct lape_ctx *ctx)
{
	struct group_filter all = GROUP_FILTER_ALL;
	size_t groups = 0, people = 0;

	group_count(ctx->db, &all, &groups);
	person_count(ctx->db, NULL, &people);
	printf(_("Loaded the example into %s: %zu groups and %zu people in "
	         "Uusimaa and Ostrobothnia (reference data %d).\n"),
	       ctx->db->path, groups, people, refdata_year(ctx->db));
	printf(_("Some groups are complete, some are not.  Try:\n"));
	printf("  lape check\n");
	printf("  lape check --region 01\n");
	printf("  lape show \"Vantaan LAPE-ryhmä\"\n");
	printf("  lape list groups\n");
	printf("  lape\n");
}

static int demo_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	bool created;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_usage(&cmd_demo_entry, EXIT_OK);
		return cmd_usage(&cmd_demo_entry, EXIT_FAILURE_LAPE);
	}
	if (optind < argc) {
		cmd_errorf(_("lape: demo: unexpected argument '%s'\n"),
		           argv[optind]);
		return cmd_usage(&cmd_demo_entry, EXIT_FAILURE_LAPE);
	}
	if (demo_prepare(ctx) != 0)
		return EXIT_FAILURE_LAPE;
	created = ctx->db->created;
	if (demo_load(ctx->db) != LAPE_OK) {
		int status = cmd_db_error(ctx);

		if (created)
			ctx_discard_created(ctx);
		return status;
	}
	demo_summary(ctx);
	return EXIT_OK;
}

const struct cmd_entry cmd_demo_entry = {
    "demo",
    "",
    N_("Load an example: LAPE groups in Uusimaa and Ostrobothnia"),
    demo_exec,
};
