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
/* cmd-list.c -- `lape list groups|people|agents|regions|municipalities`:
 * the records as a table (text aligned by display width, CSV or JSON), in
 * Finnish/Swedish order. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/app.h"
#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/record.h"
#include "lape/store.h"

#define N_COLS(a) (sizeof(a) / sizeof((a)[0]))

struct list_run {
	struct lape_ctx *ctx;
	struct output_table *table;
	const char *region; /* code, or NULL */
	const struct app_names *names;
	enum output_format fmt;
	bool failed;
};

/* The rows of PASS printed as they come, in constant memory: CSV and
 * JSON at once, text after a first pass has measured the columns; both
 * passes in one read, so they see the same rows. */
static int list_streamed(struct list_run *run, int (*pass)(struct list_run *))
{
	struct lape_db *db = run->ctx->db;
	bool own = sqlite3_get_autocommit(db->sql) != 0;
	int rc;

	if (own && db_exec(db, "BEGIN", NULL) != LAPE_OK)
		return -1;
	if (run->fmt == OUTPUT_TEXT) {
		/* The width is known before the first line, not after. */
		output_table_fit(run->table, cmd_width());
		rc = output_table_measure(run->table);
		if (rc == 0)
			rc = pass(run);
		if (rc == 0 && !run->failed &&
		    output_table_rows(run->table) > 0) {
			rc = output_table_stream(run->table, OUTPUT_TEXT,
			                         stdout);
			if (rc == 0)
				rc = pass(run);
		}
	} else {
		rc = output_table_stream(run->table, run->fmt, stdout);
		if (rc == 0)
			rc = pass(run);
	}
	if (own)
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	return rc;
}

static void list_add(struct list_run *run, const char *const *cells)
{
	if (output_table_add(run->table, cells) != 0)
		run->failed = true;
}

/* The cells of COLS that are fields of KIND (by their store name: the
 * columns scripts read), from the record REC as the descriptors say;
 * the others (ids, names joined, labels shown to people) are left NULL
 * for the caller.  BUFS hold numbers. */
static void record_cells(const char *kind, const struct output_column *cols,
                         size_t n, const void *rec, const char **cells,
                         char (*bufs)[24])
{
	const struct record_kind *k = record_kind(kind);

	for (size_t i = 0; i < n; i++) {
		const struct record_field *f =
		    k && !(cols[i].flags & OUT_HUMAN)
		        ? record_field(k, cols[i].key)
		        : NULL;

		cells[i] = f && strcmp(f->name, cols[i].key) == 0
		               ? record_value(f, rec, bufs[i], sizeof bufs[i])
		               : NULL;
	}
}

/* ---- groups ------------------------------------------------------------ */

static const struct output_column group_cols[] = {
    {"id", N_("ID"), OUT_INT, 0},
    {"uuid", "", OUT_STR, OUT_MACHINE},
    {"name", N_("NAME"), OUT_STR, 0},
    {"level", "", OUT_STR, OUT_MACHINE},
    {"level", N_("LEVEL"), OUT_STR, OUT_HUMAN},
    {"region", "", OUT_STR, OUT_MACHINE},
    {"region_name", N_("REGION"), OUT_STR, 0},
    {"municipalities", "", OUT_LIST, OUT_MACHINE},
    {"municipality_names", N_("MUNICIPALITIES"), OUT_LIST, 0},
    {"status", "", OUT_STR, OUT_MACHINE},
    {"status", N_("STATUS"), OUT_STR, OUT_HUMAN},
    {"mandate_body", "", OUT_STR, OUT_MACHINE},
    {"mandate_date", "", OUT_DATE, OUT_MACHINE},
    {"existing_body", "", OUT_BOOL, OUT_MACHINE},
    {"start_date", "", OUT_DATE, OUT_MACHINE},
    {"end_date", "", OUT_DATE, OUT_MACHINE},
    {"linked_group_id", "", OUT_INT, OUT_MACHINE},
};

static int list_group_cb(const struct group *g, void *arg)
{
	struct list_run *run = arg;
	const char **names = calloc(g->n_municipalities + 1, sizeof(*names));
	const char *cells[N_COLS(group_cols)];
	char bufs[N_COLS(group_cols)][24], *codes, *munis;

	if (!names) {
		run->failed = true;
		return 1;
	}
	for (size_t i = 0; i < g->n_municipalities; i++)
		names[i] =
		    app_municipality_name(run->names, g->municipalities[i]);
	/* OUT_LIST cells: one a line */
	codes = cmd_join(g->municipalities, g->n_municipalities, "\n");
	munis = cmd_join((char *const *)names, g->n_municipalities, "\n");
	record_cells("group", group_cols, N_COLS(group_cols), g, cells, bufs);
	snprintf(bufs[0], sizeof bufs[0], "%" PRId64, g->id);
	cells[0] = bufs[0];
	cells[1] = g->uuid;
	cells[4] = group_level_label(g->level);
	cells[6] = app_region_name(run->names, g->region_code);
	cells[7] = codes;
	cells[8] = munis;
	cells[10] = group_status_label(g->status);
	snprintf(bufs[16], sizeof bufs[16], "%" PRId64, g->linked_group_id);
	cells[16] = g->linked_group_id ? bufs[16] : NULL;
	list_add(run, cells);
	free(codes);
	free(munis);
	free(names);
	return run->failed;
}

static int list_groups_pass(struct list_run *run)
{
	struct group_filter f = GROUP_FILTER_ALL;

	f.region = run->region;
	return group_list(run->ctx->db, &f, 0, 0, list_group_cb, run) < 0 ? -1
	                                                                  : 0;
}

static int list_groups(struct list_run *run)
{
	run->table = output_table_new(group_cols, N_COLS(group_cols));
	if (!run->table)
		return -1;
	return list_streamed(run, list_groups_pass);
}

/* ---- people ------------------------------------------------------------ */

static const struct output_column person_cols[] = {
    {"id", N_("ID"), OUT_INT, 0},
    {"uuid", "", OUT_STR, OUT_MACHINE},
    {"name", N_("NAME"), OUT_STR, 0},
    {"organisation", N_("ORGANISATION"), OUT_STR, 0},
    {"email", N_("E-MAIL"), OUT_STR, 0},
    {"phone", N_("PHONE"), OUT_STR, 0},
    /* the parts of the name, last so that scripts reading the columns
     * before them go on working */
    {"surname", "", OUT_STR, OUT_MACHINE},
    {"given_names", "", OUT_STR, OUT_MACHINE},
    {"gender", "", OUT_STR, OUT_MACHINE},
};

static int list_person_cb(const struct person *p, void *arg)
{
	struct list_run *run = arg;
	const char *cells[N_COLS(person_cols)];
	char bufs[N_COLS(person_cols)][24];
	char *name = person_display_name(p);

	record_cells("person", person_cols, N_COLS(person_cols), p, cells,
	             bufs);
	snprintf(bufs[0], sizeof bufs[0], "%" PRId64, p->id);
	cells[0] = bufs[0];
	cells[1] = p->uuid;
	cells[2] = name ? name : "";
	list_add(run, cells);
	free(name);
	return run->failed;
}

static int list_people_pass(struct list_run *run)
{
	return person_list(run->ctx->db, NULL, 0, 0, list_person_cb, run) < 0
	           ? -1
	           : 0;
}

static int list_people(struct list_run *run)
{
	run->table = output_table_new(person_cols, N_COLS(person_cols));
	if (!run->table)
		return -1;
	return list_streamed(run, list_people_pass);
}

/* ---- change agents ----------------------------------------------------- */

static const struct output_column agent_cols[] = {
    {"id", N_("ID"), OUT_INT, 0},
    {"uuid", "", OUT_STR, OUT_MACHINE},
    {"name", N_("NAME"), OUT_STR, 0},
    {"region", "", OUT_STR, OUT_MACHINE},
    {"region_name", N_("REGION"), OUT_STR, 0},
    {"employer", N_("EMPLOYER"), OUT_STR, 0},
    {"start_date", N_("START"), OUT_DATE, 0},
    {"end_date", N_("END"), OUT_DATE, 0},
    {"funding_share", N_("FUNDING %"), OUT_INT, 0},
    {"status", "", OUT_STR, OUT_MACHINE},
    {"status", N_("STATUS"), OUT_STR, OUT_HUMAN},
};

static int list_agent_cb(const struct agent *a, void *arg)
{
	struct list_run *run = arg;
	const char *cells[N_COLS(agent_cols)];
	char bufs[N_COLS(agent_cols)][24];

	if (run->region && strcmp(run->region, a->region_code) != 0)
		return 0;
	record_cells("agent", agent_cols, N_COLS(agent_cols), a, cells, bufs);
	snprintf(bufs[0], sizeof bufs[0], "%" PRId64, a->id);
	cells[0] = bufs[0];
	cells[1] = a->uuid;
	cells[2] = a->person_name;
	cells[4] = app_region_name(run->names, a->region_code);
	cells[10] = agent_status_label(a->status);
	list_add(run, cells);
	return run->failed;
}

static int list_agents(struct list_run *run)
{
	run->table = output_table_new(agent_cols, N_COLS(agent_cols));
	if (!run->table)
		return -1;
	if (agent_list(run->ctx->db, list_agent_cb, run) < 0)
		return -1;
	output_table_sort(run->table, 2);
	return 0;
}

/* ---- regions ----------------------------------------------------------- */

static const struct output_column region_cols[] = {
    {"code", N_("CODE"), OUT_STR, 0},
    {"name_fi", N_("FINNISH"), OUT_STR, 0},
    {"name_sv", N_("SWEDISH"), OUT_STR, 0},
    {"in_lape", N_("LAPE"), OUT_BOOL, 0},
    {"municipalities", N_("MUNICIPALITIES"), OUT_INT, 0},
    {"groups", N_("GROUPS"), OUT_INT, 0},
};

static int count_muni(const struct municipality *m, void *arg)
{
	(void)m;
	++*(size_t *)arg;
	return 0;
}

static int list_region_cb(const struct region *r, void *arg)
{
	struct list_run *run = arg;
	struct group_filter f = GROUP_FILTER_ALL;
	size_t munis = 0, groups = 0;
	char nm[24], ng[24];
	const char *cells[6];

	if (run->region && strcmp(run->region, r->code) != 0)
		return 0;
	f.region = r->code;
	f.status = STATUS_ACTIVE;
	if (municipality_list(run->ctx->db, r->code, NULL, count_muni,
	                      &munis) != LAPE_OK ||
	    group_count(run->ctx->db, &f, &groups) != LAPE_OK) {
		run->failed = true;
		return 1;
	}
	snprintf(nm, sizeof(nm), "%zu", munis);
	snprintf(ng, sizeof(ng), "%zu", groups);
	cells[0] = r->code;
	cells[1] = r->name_fi;
	cells[2] = r->name_sv;
	cells[3] = r->in_lape ? "1" : "0";
	cells[4] = nm;
	cells[5] = ng;
	list_add(run, cells);
	return run->failed;
}

static int list_regions(struct list_run *run)
{
	run->table = output_table_new(region_cols, N_COLS(region_cols));
	if (!run->table)
		return -1;
	return region_list(run->ctx->db, false, list_region_cb, run) < 0 ? -1
	                                                                 : 0;
}

/* ---- municipalities ---------------------------------------------------- */

static const struct output_column muni_cols[] = {
    {"code", N_("CODE"), OUT_STR, 0},
    {"name_fi", N_("FINNISH"), OUT_STR, 0},
    {"name_sv", N_("SWEDISH"), OUT_STR, 0},
    {"region", "", OUT_STR, OUT_MACHINE},
    {"region_name", N_("REGION"), OUT_STR, 0},
};

static int list_muni_cb(const struct municipality *m, void *arg)
{
	struct list_run *run = arg;
	const char *cells[5];

	cells[0] = m->code;
	cells[1] = m->name_fi;
	cells[2] = m->name_sv;
	cells[3] = m->region_code;
	cells[4] = app_region_name(run->names, m->region_code);
	list_add(run, cells);
	return run->failed;
}

static int list_municipalities(struct list_run *run)
{
	run->table = output_table_new(muni_cols, N_COLS(muni_cols));
	if (!run->table)
		return -1;
	if (municipality_list(run->ctx->db, run->region, NULL, list_muni_cb,
	                      run) < 0)
		return -1;
	/* by the name a reader of the language looks for, as the screens */
	output_table_sort(run->table, strcmp(i18n_lang(), "sv") == 0 ? 2 : 1);
	return 0;
}

/* ---- the command ------------------------------------------------------- */

struct list_kind {
	const char *name;
	int (*fill)(struct list_run *run);
	const char *empty; /* N_() */
};

static const struct list_kind list_kinds[] = {
    {"groups", list_groups, N_("No groups.")},
    {"people", list_people, N_("No people.")},
    {"agents", list_agents, N_("No change agents.")},
    {"regions", list_regions, N_("No regions.")},
    {"municipalities", list_municipalities, N_("No municipalities.")},
};

static const struct list_kind *list_kind_find(const char *name)
{
	for (size_t i = 0; i < N_COLS(list_kinds); i++)
		if (strcmp(list_kinds[i].name, name) == 0)
			return &list_kinds[i];
	return NULL;
}

static int list_check(const struct cmd_args *a)
{
	if (list_kind_find(a->argv[0]))
		return 0;
	return cmd_error(EXIT_FAILURE_LAPE, "list",
	                 _("'%s' is not one of groups, people, agents, "
	                   "regions, municipalities"),
	                 a->argv[0]);
}

static int list_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct list_run run;
	const struct list_kind *kind = list_kind_find(a->argv[0]);
	enum output_format fmt = (enum output_format)a->format;
	int status = EXIT_OK;

	memset(&run, 0, sizeof(run));
	run.ctx = ctx;
	run.fmt = fmt;
	run.region = a->region[0] ? a->region : NULL;
	if (!(run.names = ctx_names(ctx)))
		return cmd_db_error(ctx);
	if (kind->fill(&run) != 0 || run.failed) {
		status = cmd_db_error(ctx);
	} else if (fmt == OUTPUT_TEXT && output_table_rows(run.table) == 0) {
		printf("%s\n", _(kind->empty));
	} else {
		output_table_fit(run.table, cmd_width());
		output_table_print(run.table, fmt, stdout);
	}
	output_table_free(run.table);
	return status;
}

static const struct cmd_option list_options[] = {
    {"region", 'r', N_("CODE|NAME"), N_("only those of one region"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_list_entry = {
    .name = "list",
    .usage = N_("groups|people|agents|regions|municipalities"),
    .summary =
        N_("List groups, people, change agents, regions or municipalities"),
    .options = list_options,
    .needs = CMD_NEED_DB | CMD_NEED_REGION | CMD_NEED_FORMAT,
    .min_args = 1,
    .max_args = 1,
    .missing = N_("what to list? groups, people, agents, regions or "
                  "municipalities"),
    .check = list_check,
    .exec = list_exec,
};
