#include <config.h>
/* cmd-show.c -- `lape show GROUP`: one group in full -- its details and
 * mandate, the regional group it works with, its members and its check. */

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/check.h"
#include "lape/cmd.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/utf8.h"

#define N_FIELDS 10

/* "FROM – TO", "FROM –" or "– TO" with dates as the user reads them; ""
 * when neither is set. */
static void show_span(const char *from, const char *to, char *buf, size_t len)
{
	const char *dash = output_utf8() ? "\xE2\x80\x93" : "-";
	char a[11], b[11];

	date_show(from, a);
	date_show(to, b);
	if (*a && *b)
		snprintf(buf, len, "%s %s %s", a, dash, b);
	else if (*a)
		snprintf(buf, len, "%s %s", a, dash);
	else if (*b)
		snprintf(buf, len, "%s %s", dash, b);
	else
		buf[0] = '\0';
}

/* The group's municipalities by name, comma-separated.  Caller frees. */
static char *show_municipalities(struct lape_ctx *ctx, const struct group *g)
{
	size_t len = 1;
	char *out;
	struct municipality *m = calloc(g->n_municipalities + 1, sizeof(*m));

	if (!m)
		return NULL;
	for (size_t i = 0; i < g->n_municipalities; i++) {
		if (municipality_get(ctx->db, g->municipalities[i], &m[i]) !=
		    LAPE_OK)
			memset(&m[i], 0, sizeof(m[i]));
		len += strlen(g->municipalities[i]) + 64;
		if (m[i].name_fi)
			len += strlen(m[i].name_fi) + strlen(m[i].name_sv);
	}
	out = malloc(len);
	if (out) {
		out[0] = '\0';
		for (size_t i = 0; i < g->n_municipalities; i++) {
			if (i)
				strcat(out, ", ");
			strcat(out, m[i].name_fi
			                ? i18n_pick(m[i].name_fi, m[i].name_sv)
			                : g->municipalities[i]);
		}
	}
	for (size_t i = 0; i < g->n_municipalities; i++)
		municipality_clear(&m[i]);
	free(m);
	return out;
}

/* The regional group G works with, and how the link was made.  Caller
 * frees. */
static char *show_link(struct lape_ctx *ctx, const struct group *g)
{
	struct group r;
	char *out = NULL;

	if (g->level == LEVEL_REGIONAL)
		return NULL;
	if (!g->linked_group_id)
		return strdup(_("none"));
	memset(&r, 0, sizeof(r));
	if (group_get(ctx->db, g->linked_group_id, &r) != LAPE_OK)
		return NULL;
	if (asprintf(&out, "%s (%s)", r.name,
	             g->regional_group_id ? _("set by hand") : _("by region")) <
	    0)
		out = NULL;
	group_clear(&r);
	return out;
}

static void show_details(struct lape_ctx *ctx, const struct group *g)
{
	const char *labels[N_FIELDS] = {
	    _("Level:"),   _("Region:"),         _("Municipalities:"),
	    _("Mandate:"), _("Existing body:"),  _("Dates:"),
	    _("Status:"),  _("Regional group:"), _("Notes:"),
	    _("UUID:")};
	char *values[N_FIELDS] = {NULL};
	char span[64], mdate[11];
	size_t width = 0;

	values[0] = strdup(group_level_label(g->level));
	if (asprintf(&values[1], "%s (%s)",
	             cmd_region_name(ctx, g->region_code), g->region_code) < 0)
		values[1] = NULL;
	if (g->level == LEVEL_MUNICIPAL)
		values[2] = show_municipalities(ctx, g);
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
	show_span(g->start_date, g->end_date, span, sizeof(span));
	values[5] = *span ? strdup(span) : NULL;
	values[6] = strdup(group_status_label(g->status));
	values[7] = show_link(ctx, g);
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

/* The name of the person whose seat membership ID is, among M. */
static const char *show_seat_name(const struct membership *m, size_t n,
                                  int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (m[i].id == id)
			return m[i].person_name ? m[i].person_name : "";
	return "";
}

static int show_member_row(struct lape_ctx *ctx, struct output_table *t,
                           const struct membership *m, size_t n, size_t i)
{
	const struct membership *x = &m[i];
	const char *labels[MEMBERSHIP_MAX_SECTORS];
	char *sectors, *role = NULL, term[64];
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
	if (x->deputy_of) {
		if (asprintf(&role, _("%s, deputy of %s"), role_label(x->role),
		             show_seat_name(m, n, x->deputy_of)) < 0)
			role = NULL;
	}
	show_span(x->start_date, x->end_date, term, sizeof(term));
	{
		const char *cells[] = {
		    x->person_id ? x->person_name : _("(vacant seat)"),
		    sectors,
		    role ? role : role_label(x->role),
		    x->organisation,
		    term,
		};
		rc = output_table_add(t, cells);
	}
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

static int show_check(struct lape_ctx *ctx, const struct group *g,
                      const struct membership *m, size_t n)
{
	struct check_result res;

	memset(&res, 0, sizeof(res));
	if (group_check(ctx->rules, g, m, n, ctx->today, &res) != 0)
		return -1;
	printf("\n");
	output_check_text(stdout, ctx->rules, g,
	                  cmd_region_name(ctx, g->region_code), m, n, &res);
	check_result_free(&res);
	return 0;
}

static int show_group(struct lape_ctx *ctx, int64_t id)
{
	struct group g;
	struct membership *m = NULL;
	size_t n = 0;
	int status = EXIT_OK;

	memset(&g, 0, sizeof(g));
	if (group_get(ctx->db, id, &g) != LAPE_OK ||
	    membership_list_group(ctx->db, id, &m, &n) != LAPE_OK) {
		group_clear(&g);
		return cmd_db_error(ctx);
	}
	show_details(ctx, &g);
	if (show_members(ctx, m, n) != 0 || show_check(ctx, &g, m, n) != 0) {
		cmd_errorf("lape: %s\n", _("out of memory"));
		status = EXIT_FAILURE_LAPE;
	}
	membership_free_array(m, n);
	group_clear(&g);
	return status;
}

static int show_exec(struct lape_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
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
	rc = group_find(ctx->db, argv[optind], &id);
	if (rc == LAPE_NOTFOUND) {
		cmd_errorf(_("lape: %s: no such group\n"), argv[optind]);
		return EXIT_FAILURE_LAPE;
	}
	if (rc == LAPE_AMBIGUOUS) {
		cmd_errorf(_("lape: %s: several match; give the id or code "
		             "instead\n"),
		           argv[optind]);
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
