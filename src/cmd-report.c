#include <config.h>
/* cmd-report.c -- `lape report [GROUP...] [--region CODE] [--all]
 * [--format text|html|xlsx] [-o FILE]`: the report to take to a meeting,
 * one group per page. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/report.h"
#include "lape/store.h"

static int report_lookup_error(struct lape_ctx *ctx, int rc, const char *ref)
{
	if (rc == LAPE_NOTFOUND)
		cmd_errorf(_("lape: %s: no such group\n"), ref);
	else if (rc == LAPE_AMBIGUOUS)
		cmd_errorf(_("lape: %s: several match; give the id or code "
		             "instead\n"),
		           ref);
	else
		return cmd_db_error(ctx);
	return EXIT_INCOMPLETE;
}

static int report_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"region", required_argument, NULL, 'r'},
	    {"all", no_argument, NULL, 'a'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct report_request req = {0};
	enum report_format fmt = REPORT_TEXT;
	struct report rep;
	const char *region = NULL;
	char code[3], err[512];
	int64_t *ids = NULL;
	int c, rc, status = EXIT_OK;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			region = optarg;
			break;
		case 'a':
			req.all = true;
			break;
		case 'f':
			if (report_format_parse(optarg, &fmt) != 0) {
				cmd_errorf(_("lape: --format: '%s' is not one "
				             "of text, html, xlsx\n"),
				           optarg);
				return EXIT_FAILURE_LAPE;
			}
			break;
		case 'h':
			return cmd_usage(&cmd_report_entry, EXIT_OK);
		default:
			return cmd_usage(&cmd_report_entry, EXIT_FAILURE_LAPE);
		}
	}
	if (fmt == REPORT_XLSX && !ctx->output_path) {
		cmd_errorf("%s\n", _("lape: --format xlsx: name the file with "
		                     "-o FILE"));
		return EXIT_FAILURE_LAPE;
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING) != 0 || ctx_load_rules(ctx) != 0)
		return EXIT_FAILURE_LAPE;
	if (region) {
		rc = region_find(ctx->db, region, code);
		if (rc == LAPE_NOTFOUND || rc == LAPE_AMBIGUOUS) {
			cmd_errorf(_("lape: %s: no such region\n"), region);
			return EXIT_INCOMPLETE;
		}
		if (rc != LAPE_OK)
			return cmd_db_error(ctx);
		req.region = code;
	}
	ids = calloc((size_t)(argc - optind) + 1, sizeof(*ids));
	if (!ids)
		return EXIT_FAILURE_LAPE;
	for (int i = optind; i < argc; i++) {
		rc = group_find(ctx->db, argv[i], &ids[req.n_ids]);
		if (rc != LAPE_OK) {
			free(ids);
			return report_lookup_error(ctx, rc, argv[i]);
		}
		req.n_ids++;
	}
	req.ids = ids;
	rc = report_build(ctx->db, ctx->rules, ctx->today, ctx->cfg.db_path,
	                  ctx->cfg.rules_path, &req, &rep);
	free(ids);
	if (rc != LAPE_OK) {
		report_clear(&rep);
		return cmd_db_error(ctx);
	}
	if (ctx->output_path) {
		if (report_write_file(&rep, fmt, ctx->output_path, err,
		                      sizeof err) != 0) {
			cmd_errorf("lape: %s: %s\n", ctx->output_path, err);
			status = EXIT_FAILURE_LAPE;
		}
	} else if (fmt == REPORT_HTML) {
		report_write_html(&rep, stdout);
	} else {
		report_write_text(&rep, stdout);
	}
	report_clear(&rep);
	return status;
}

const struct cmd_entry cmd_report_entry = {
    "report",
    "[GROUP...] [--region CODE] [--all] [--format text|html|xlsx] "
    "[-o FILE]",
    N_("The report for a meeting: each group on a page of its own"),
    report_exec,
};
