#include <config.h>
/* cmd-show.c -- `lape show GROUP`: one group in full -- its details and
 * mandate, the regional group it works with, its members and its check. */

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/app.h"
#include "lape/check.h"
#include "lape/cmd.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/utf8.h"

#define N_FIELDS 10

/* The regional group G works with, and how the link was made.  Caller
 * frees. */
static char *show_link(const struct app_group *ag)
{
	const struct group *g = &ag->group;
	char *out = NULL;

	if (g->level == LEVEL_REGIONAL)
		return NULL;
	if (!g->linked_group_id)
		return strdup(_("none"));
	if (!ag->linked_name)
		return NULL;
	if (asprintf(&out, "%s (%s)", ag->linked_name,
	             g->regional_group_id ? _("set by hand") : _("by region")) <
	    0)
		out = NULL;
	return out;
}

static void show_details(const struct app_group *ag)
{
	const struct group *g = &ag->group;
	const char *labels[N_FIELDS] = {
	    _("Level:"),   _("Region:"),         _("Municipalities:"),
	    _("Mandate:"), _("Existing body:"),  _("Dates:"),
	    _("Status:"),  _("Regional group:"), _("Notes:"),
	    _("UUID:")};
	char *values[N_FIELDS] = {NULL};
	char *span, mdate[11];
	size_t width = 0;

	values[0] = strdup(group_level_label(g->level));
	if (asprintf(&values[1], "%s (%s)", ag->region_name, g->region_code) <
	    0)
		values[1] = NULL;
	if (g->level == LEVEL_MUNICIPAL)
		values[2] = strdup(ag->municipalities);
	date_show(g->mandate_date, mdate);
	if (g->mandate_body || *mdate) {
		if (asprintf(&values[3], "%s%s%s",
		             g->mandate_body ? g->mandate_body : "",
		             g->mandate_body && *mdate ? ", " : "", mdate) < 0)
			values[3] = NULL;
	}
	values[4] = strdup(g->existing_body
	                       ? _("yes: an existing body acts as the group")
	                       : _("no"));
	span = app_date_range(g->start_date, g->end_date, output_utf8());
	values[5] = span && *span ? span : NULL;
	if (!values[5])
		free(span);
	values[6] = strdup(group_status_label(g->status));
	values[7] = show_link(ag);
	values[8] = g->notes ? strdup(g->notes) : NULL;
	values[9] = strdup(g->uuid);
	for (size_t i = 0; i < N_FIELDS; i++)
		if (values[i] && utf8_width(labels[i]) > width)
			width = utf8_width(labels[i]);
	output_text_pad(stdout, g->name, 0, 0);
	fputc('\n', stdout);
	for (size_t i = 0; i < N_FIELDS; i++) {
		if (!values[i])
			continue;
		fputs("  ", stdout);
		output_text_pad(stdout, labels[i], width + 1, 0);
		output_text_wrap(stdout, values[i], width + 3, 80);
		fputc('\n', stdout);
		free(values[i]);
	}
}

static const struct output_column member_cols[] = {
    {"name", N_("NAME"), OUT_STR, 0},
    {"sectors", N_("SECTORS"), OUT_LIST, 0},
    {"role", N_("ROLE"), OUT_STR, 0},
    {"organisation", N_("ORGANISATION"), OUT_STR, 0},
    {"term", N_("TERM"), OUT_STR, 0},
};

static int show_member_row(struct lape_ctx *ctx, struct output_table *t,
                           const struct membership *m, size_t n, size_t i)
{
	const struct membership *x = &m[i];
	const char *labels[MEMBERSHIP_MAX_SECTORS];
	char *sectors, *role, *term;
	size_t len = 1;
	int rc;

	for (size_t k = 0; k < x->n_sectors; k++) {
		labels[k] = rules_sector_label(ctx->rules, x->sectors[k]);
		len += strlen(labels[k]) + 1;
	}
	sectors = malloc(len);
	if (!sectors)
		return -1;
	sectors[0] = '\0';
	for (size_t k = 0; k < x->n_sectors; k++) {
		if (k)
			strcat(sectors, "\n");
		strcat(sectors, labels[k]);
	}
	role = app_role_text(x, m, n);
	term = app_date_range(x->start_date, x->end_date, output_utf8());
	{
		const char *cells[] = {
		    x->person_id ? x->person_name : _("(vacant seat)"),
		    sectors,
		    role ? role : role_label(x->role),
		    x->organisation,
		    term ? term : "",
		};
		rc = output_table_add(t, cells);
	}
	free(term);
	free(role);
	free(sectors);
	return rc;
}

static int show_members(struct lape_ctx *ctx, const struct membership *m,
                        size_t n)
{
	struct output_table *t;

	printf("\n");
	printf(ngettext("%zu member\n", "%zu members\n", n), n);
	if (n == 0)
		return 0;
	t = output_table_new(member_cols,
	                     sizeof(member_cols) / sizeof(member_cols[0]));
	if (!t)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (show_member_row(ctx, t, m, n, i) != 0) {
			output_table_free(t);
			return -1;
		}
	}
	output_table_print(t, OUTPUT_TEXT, stdout);
	output_table_free(t);
	return 0;
}

static int show_group(struct lape_ctx *ctx, int64_t id)
{
	struct app_group ag;
	int status = EXIT_OK;

	if (app_group_load(ctx->db, ctx->rules, ctx->today, NULL, id, &ag) !=
	    LAPE_OK)
		return cmd_db_error(ctx);
	show_details(&ag);
	if (show_members(ctx, ag.members, ag.n_members) != 0) {
		cmd_errorf("lape: %s\n", _("out of memory"));
		status = EXIT_FAILURE_LAPE;
	} else {
		printf("\n");
		output_check_text(stdout, ctx->rules, &ag.group, ag.region_name,
		                  ag.members, ag.n_members, &ag.check);
	}
	app_group_clear(&ag);
	return status;
}

static int show_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct lookup_matches lm;
	int64_t id = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return cmd_usage(&cmd_show_entry, EXIT_OK);
		return cmd_usage(&cmd_show_entry, EXIT_FAILURE_LAPE);
	}
	if (optind + 1 != argc) {
		cmd_errorf(optind == argc
		               ? _("lape: show: which group?\n")
		               : _("lape: show: one group at a time\n"));
		return cmd_usage(&cmd_show_entry, EXIT_FAILURE_LAPE);
	}
	if (ctx_open_db(ctx, DB_OPEN_EXISTING) != 0 || ctx_load_rules(ctx) != 0)
		return EXIT_FAILURE_LAPE;
	rc = group_lookup(ctx->db, argv[optind], &id, &lm);
	if (rc == LAPE_NOTFOUND) {
		cmd_errorf(_("lape: %s: no such group\n"), argv[optind]);
		return EXIT_FAILURE_LAPE;
	}
	if (rc == LAPE_AMBIGUOUS) {
		char *list = app_matches_text(&lm);

		cmd_errorf(_("lape: %s: several groups match; give the id of "
		             "one:\n"),
		           argv[optind]);
		/* one line each, escaped as every message is */
		for (char *l = list, *nl; l && *l; l = nl + 1) {
			nl = strchr(l, '\n');
			if (!nl)
				break;
			cmd_errorf("%.*s\n", (int)(nl - l), l);
		}
		free(list);
		lookup_matches_clear(&lm);
		return EXIT_FAILURE_LAPE;
	}
	if (rc != LAPE_OK)
		return cmd_db_error(ctx);
	return show_group(ctx, id);
}

const struct cmd_entry cmd_show_entry = {
    "show",
    "GROUP",
    N_("Show a group: details, members and its check"),
    show_exec,
};
