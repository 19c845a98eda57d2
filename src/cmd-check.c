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
/* cmd-check.c -- `lape check`: is each group complete, and what is missing?
 * Walks the groups in one pass over the file (app_group_page), prints text, CSV
 * or JSON, and exits 0 when all are complete, 1 when some are not. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lape/app.h"
#include "lape/check.h"
#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/utf8.h"

/* Where one group's text is in the file of a check in the file's order
 * (check_by_file()). */
struct check_piece {
	int64_t id;
	off_t at;
	size_t len;
};

struct check_run {
	struct lape_ctx *ctx;
	enum output_format fmt;
	struct output_json json;
	size_t n_groups, n_complete;
	size_t width; /* of the text, 0 for no limit */
	const struct app_names *names;
	struct output_check_heads *heads; /* the text's sector lines */
	FILE *pieces_file;                /* check_by_file()'s, or NULL */
	struct output_json piece_json;    /* a group's JSON into it */
	struct check_piece *pieces;
	size_t n_pieces, cap_pieces;
	bool pieces_failed; /* out of memory or a write failed */
};

/* ---- one group --------------------------------------------------------- */

static void check_csv_header(void)
{
	fputs("uuid,name,level,region,complete,missing,warnings\r\n", stdout);
}

/* The texts of RES's warnings joined by "; ".  Caller frees. */
static char *check_warnings_joined(const struct rules *r,
                                   const struct membership *m,
                                   const struct check_result *res)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (size_t i = 0; i < res->n_warnings; i++) {
		char *t = check_warning_text(&res->warnings[i], m, r);

		fprintf(f, "%s%s", i ? "; " : "", t ? t : "");
		free(t);
	}
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static void check_csv(struct check_run *run, const struct group *g,
                      const struct membership *m,
                      const struct check_result *res)
{
	const struct rules *r = run->ctx->rules;
	char *warnings;

	output_csv_field(stdout, g->uuid);
	fputc(',', stdout);
	output_csv_field(stdout, g->name);
	printf(",%s,%s,%s,", group_level_key(g->level), g->region_code,
	       res->complete ? "true" : "false");
	for (size_t i = 0, k = 0; i < res->n_sectors; i++) {
		if (res->sectors[i].present)
			continue;
		printf("%s%s", k++ ? " " : "",
		       r->sectors[res->sectors[i].sector].key);
	}
	fputc(',', stdout);
	/* Warnings as one field. */
	warnings = check_warnings_joined(r, m, res);
	if (warnings)
		output_csv_field(stdout, warnings);
	free(warnings);
	fputs("\r\n", stdout);
}

void cmd_check_json_missing(struct output_json *j, const struct rules *r,
                            const struct check_result *res)
{
	output_json_kbool(j, "complete", res->complete);
	output_json_key(j, "missing");
	output_json_array(j);
	for (size_t i = 0; i < res->n_sectors; i++)
		if (!res->sectors[i].present)
			output_json_str(j,
			                r->sectors[res->sectors[i].sector].key);
	output_json_end(j, ']');
}

void cmd_check_json_warnings(struct output_json *j, const struct rules *r,
                             const struct membership *m,
                             const struct check_result *res)
{
	output_json_key(j, "warnings");
	output_json_array(j);
	for (size_t i = 0; i < res->n_warnings; i++) {
		char *t = check_warning_text(&res->warnings[i], m, r);

		output_json_object(j);
		output_json_kstr(j, "kind",
		                 check_warning_key(res->warnings[i].kind));
		output_json_kstr(j, "text", t ? t : "");
		output_json_end(j, '}');
		free(t);
	}
	output_json_end(j, ']');
}

/* Each required sector: whether it is present and who covers it. */
static void check_json_sectors(struct output_json *j, const struct rules *r,
                               const struct membership *m, size_t n,
                               const struct check_result *res)
{
	output_json_key(j, "sectors");
	output_json_array(j);
	for (size_t i = 0; i < res->n_sectors; i++) {
		const struct check_sector *cs = &res->sectors[i];
		const char *key = r->sectors[cs->sector].key;

		output_json_object(j);
		output_json_kstr(j, "key", key);
		output_json_kstr(j, "label", rules_sector_label(r, key));
		output_json_kbool(j, "present", cs->present);
		output_json_key(j, "covered_by");
		output_json_array(j);
		for (size_t k = 0; k < cs->n_cover && k < 8; k++) {
			char buf[CHECK_NAME_MAX];
			const char *who =
			    cs->cover[k] < n
			        ? check_member_name(&m[cs->cover[k]], r, buf,
			                            sizeof buf)
			        : NULL;

			if (who)
				output_json_str(j, who);
		}
		output_json_end(j, ']');
		output_json_end(j, '}');
	}
	output_json_end(j, ']');
}

static void check_json(struct check_run *run, struct output_json *j,
                       const struct group *g, const struct membership *m,
                       size_t n, const struct check_result *res)
{
	const struct rules *r = run->ctx->rules;

	output_json_object(j);
	output_json_kint(j, "id", g->id);
	output_json_kstr(j, "uuid", g->uuid);
	output_json_kstr(j, "name", g->name);
	output_json_kstr(j, "level", group_level_key(g->level));
	output_json_kstr(j, "status", group_status_key(g->status));
	output_json_kstr(j, "region", g->region_code);
	output_json_kstr(j, "region_name",
	                 app_region_name(run->names, g->region_code));
	output_json_key(j, "municipalities");
	output_json_array(j);
	for (size_t i = 0; i < g->n_municipalities; i++)
		output_json_str(j, g->municipalities[i]);
	output_json_end(j, ']');
	cmd_check_json_missing(j, r, res);
	check_json_sectors(j, r, m, n, res);
	cmd_check_json_warnings(j, r, m, res);
	output_json_end(j, '}');
}

/* The text of one group, into the pieces' file. */
static void check_piece(struct check_run *run, const struct group *g,
                        const struct membership *m, size_t n,
                        const struct check_result *res)
{
	off_t at = ftello(run->pieces_file), end;

	if (run->n_pieces == run->cap_pieces) {
		size_t cap = run->cap_pieces ? run->cap_pieces * 2 : 4096;
		struct check_piece *p =
		    realloc(run->pieces, cap * sizeof *run->pieces);

		if (!p) {
			run->pieces_failed = true;
			return;
		}
		run->pieces = p;
		run->cap_pieces = cap;
	}
	if (run->fmt == OUTPUT_JSON) {
		/* an element of the groups' array, after another: it starts
		 * with its comma, which pieces_print() leaves out of the
		 * first */
		struct output_json *j = &run->piece_json;

		j->depth = run->json.depth;
		memcpy(j->first, run->json.first, sizeof j->first);
		j->first[j->depth] = false;
		j->after_key = false;
		check_json(run, j, g, m, n, res);
		output_json_flush(j);
	} else {
		output_check_text(run->pieces_file, run->heads, run->ctx->rules,
		                  g,
		                  app_region_name(run->names, g->region_code),
		                  m, n, res, run->width);
	}
	end = ftello(run->pieces_file);
	if (at < 0 || end < at) {
		run->pieces_failed = true;
		return;
	}
	run->pieces[run->n_pieces].id = g->id;
	run->pieces[run->n_pieces].at = at;
	run->pieces[run->n_pieces].len = (size_t)(end - at);
	run->n_pieces++;
}

/* One checked group, from app_group_page() or app_group_load(). */
static int check_one(const struct group *g, const struct membership *m,
                     size_t n, const struct check_result *res, void *arg)
{
	struct check_run *run = arg;

	run->n_groups++;
	if (res->complete)
		run->n_complete++;
	switch (run->fmt) {
	case OUTPUT_CSV:
		check_csv(run, g, m, res);
		break;
	case OUTPUT_JSON:
		if (run->pieces_file)
			check_piece(run, g, m, n, res);
		else
			check_json(run, &run->json, g, m, n, res);
		break;
	default:
		if (run->pieces_file) {
			check_piece(run, g, m, n, res);
			break;
		}
		if (run->n_groups > 1)
			fputc('\n', stdout);
		output_check_text(stdout, run->heads, run->ctx->rules, g,
		                  app_region_name(run->names, g->region_code),
		                  m, n, res, run->width);
	}
	return 0;
}

/* Check one group given by the user (by id, uuid or name). */
static int check_by_id(struct check_run *run, int64_t id)
{
	struct lape_ctx *ctx = run->ctx;
	struct app_group ag;

	if (app_group_load(ctx->db, ctx->rules, ctx->today, run->names, id,
	                   &ag) != LAPE_OK) {
		cmd_db_error(ctx);
		return -1;
	}
	check_one(&ag.group, ag.members, ag.n_members, &ag.check, run);
	app_group_clear(&ag);
	return 0;
}

/* ---- regions ----------------------------------------------------------- */

static const char *regional_state_key(enum regional_state s)
{
	return s == REGIONAL_COMPLETE     ? "complete"
	       : s == REGIONAL_INCOMPLETE ? "incomplete"
	                                  : "none";
}

/* "Name: state" of the region's group, or "none".  Caller frees. */
static char *regional_text(struct lape_ctx *ctx, const struct region_summary *s)
{
	struct group g;
	char *out = NULL;
	const char *state = s->facts.regional == REGIONAL_COMPLETE
	                        ? _("complete")
	                        : _("incomplete");

	if (!s->regional_group_id || s->facts.regional == REGIONAL_NONE)
		return strdup(_("none"));
	memset(&g, 0, sizeof(g));
	if (group_get(ctx->db, s->regional_group_id, &g) != LAPE_OK)
		return strdup(state);
	if (asprintf(&out, "%s: %s", g.name, state) < 0)
		out = NULL;
	group_clear(&g);
	return out;
}

/* "Name (employer), status", or "none".  Caller frees. */
static char *agent_text(const struct region_summary *s)
{
	char *out = NULL;

	if (!s->has_agent)
		return strdup(_("none"));
	if (asprintf(&out, "%s (%s), %s",
	             s->agent.person_name ? s->agent.person_name : "",
	             s->agent.employer ? s->agent.employer : "",
	             agent_status_label(s->agent.status)) < 0)
		out = NULL;
	return out;
}

/* The municipalities without a group as one comma-separated line.  Caller
 * frees. */
static char *uncovered_text(const struct region_summary *s)
{
	if (s->n_uncovered == 0)
		return strdup(_("none"));
	return cmd_join(s->uncovered, s->n_uncovered, ", ");
}

static void region_text(struct check_run *run, const struct region_summary *s)
{
	struct lape_ctx *ctx = run->ctx;
	const char *labels[5] = {_("Regional group:"), _("Municipalities:"),
	                         _("Without a group:"), _("Change agent:"),
	                         _("Eligible for a change agent:")};
	char *values[5], counts[256];
	size_t width = 0;

	snprintf(counts, sizeof(counts),
	         ngettext("%zu of %zu has a group, %zu a complete one",
	                  "%zu of %zu have a group, %zu a complete one",
	                  s->facts.n_covered),
	         s->facts.n_covered, s->facts.n_municipalities,
	         s->facts.n_complete);
	values[0] = regional_text(ctx, s);
	values[1] = strdup(counts);
	values[2] = uncovered_text(s);
	values[3] = agent_text(s);
	values[4] = strdup(s->eligible ? _("yes") : _("no"));
	for (size_t i = 0; i < 5; i++)
		if (utf8_width(labels[i]) > width)
			width = utf8_width(labels[i]);
	output_text_pad(stdout, i18n_pick(s->region.name_fi, s->region.name_sv),
	                0, 0);
	printf(" (%s)\n", s->region.code);
	for (size_t i = 0; i < 5; i++) {
		fputs("  ", stdout);
		output_text_pad(stdout, labels[i], width + 1, 0);
		output_text_wrap(stdout, values[i] ? values[i] : "", width + 3,
		                 run->width);
		fputc('\n', stdout);
		free(values[i]);
	}
	fputc('\n', stdout);
}

static void region_json(struct check_run *run, const struct region_summary *s)
{
	struct output_json *j = &run->json;

	output_json_key(j, "region");
	output_json_object(j);
	output_json_kstr(j, "code", s->region.code);
	output_json_kstr(j, "name_fi", s->region.name_fi);
	output_json_kstr(j, "name_sv", s->region.name_sv);
	output_json_key(j, "regional_group");
	output_json_object(j);
	output_json_kstr(j, "state", regional_state_key(s->facts.regional));
	output_json_key(j, "id");
	if (s->regional_group_id)
		output_json_int(j, s->regional_group_id);
	else
		output_json_null(j);
	output_json_end(j, '}');
	output_json_kint(j, "municipalities",
	                 (int64_t)s->facts.n_municipalities);
	output_json_kint(j, "with_group", (int64_t)s->facts.n_covered);
	output_json_kint(j, "complete", (int64_t)s->facts.n_complete);
	output_json_key(j, "without_group");
	output_json_array(j);
	for (size_t i = 0; i < s->n_uncovered; i++)
		output_json_str(j, s->uncovered[i]);
	output_json_end(j, ']');
	output_json_key(j, "change_agent");
	if (s->has_agent) {
		output_json_object(j);
		output_json_kstr(j, "name", s->agent.person_name);
		output_json_kstr(j, "employer", s->agent.employer);
		output_json_kstr(j, "status",
		                 agent_status_key(s->agent.status));
		output_json_kstr(j, "start_date", s->agent.start_date);
		output_json_kstr(j, "end_date", s->agent.end_date);
		output_json_end(j, '}');
	} else {
		output_json_null(j);
	}
	output_json_kbool(j, "eligible", s->eligible);
	output_json_end(j, '}');
}

/* ---- the command ------------------------------------------------------- */

static int check_region_summary(struct check_run *run, const char *code,
                                struct region_summary *s)
{
	memset(s, 0, sizeof(*s));
	if (region_summarize(run->ctx->db, run->ctx->rules, code,
	                     run->ctx->today, s) != LAPE_OK) {
		cmd_db_error(run->ctx);
		return -1;
	}
	return 0;
}

static void check_totals(const struct check_run *run)
{
	size_t bad = run->n_groups - run->n_complete;

	if (run->n_groups == 0) {
		printf("%s\n", _("No groups to check."));
		return;
	}
	printf("\n");
	printf(ngettext("%zu group checked: %zu complete, %zu incomplete\n",
	                "%zu groups checked: %zu complete, %zu incomplete\n",
	                run->n_groups),
	       run->n_groups, run->n_complete, bad);
}

/* ---- a check of many groups in the file's order ------------------------
 *
 * Read in the groups' name order, a check of hundreds of thousands of
 * groups touches a page of the file it has not read for each of their
 * rows and members: a third of its time at 1000 times national size.
 * From CHECK_BY_FILE groups on, the text and JSON checks read them in the
 * file's order instead, write each group's text to a temporary file (removed
 * as soon as it is made, the user's own: the names in it are theirs),
 * and then prints the texts in name order.  Where that cannot be done (no
 * room for the file, a file lape may only read, whose name order is out
 * of date), it checks in name order as before.  LAPE_CHECK_BY_FILE sets
 * the number, for the tests. */
#define CHECK_BY_FILE 100000

static int piece_cmp(const void *a, const void *b)
{
	const struct check_piece *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Whether the groups F picks are to be checked in the file's order. */
static bool check_wants_file(struct check_run *run)
{
	const char *env = getenv("LAPE_CHECK_BY_FILE");
	size_t min = env && *env ? strtoull(env, NULL, 10) : CHECK_BY_FILE;
	size_t n = 0;

	return (run->fmt == OUTPUT_TEXT || run->fmt == OUTPUT_JSON) &&
	       overview_group_count(run->ctx->db, &n) == LAPE_OK && n >= min;
}

static void pieces_clear(struct check_run *run)
{
	if (run->pieces_file)
		fclose(run->pieces_file);
	free(run->pieces);
	run->pieces_file = NULL;
	run->pieces = NULL;
	run->n_pieces = run->cap_pieces = 0;
	run->pieces_failed = false;
}

/* The pieces of the file in the order of IDS (N), a blank line between:
 * 0, or -1 with nothing printed when the file cannot be read back or the
 * order misses a piece. */
static int pieces_print(struct check_run *run, const int64_t *ids, size_t n)
{
	const struct check_piece **order;
	size_t shown = 0, size;
	off_t end;
	char *map;

	if (fflush(run->pieces_file) != 0 ||
	    (end = ftello(run->pieces_file)) < 0)
		return -1;
	for (size_t i = 1; i < run->n_pieces; i++)
		if (run->pieces[i - 1].id >= run->pieces[i].id) {
			qsort(run->pieces, run->n_pieces, sizeof *run->pieces,
			      piece_cmp);
			break;
		}
	if (!(order =
	          malloc((run->n_pieces ? run->n_pieces : 1) * sizeof *order)))
		return -1;
	for (size_t i = 0; i < n && shown < run->n_pieces; i++) {
		struct check_piece key = {ids[i], 0, 0};
		const struct check_piece *p =
		    bsearch(&key, run->pieces, run->n_pieces,
		            sizeof *run->pieces, piece_cmp);

		if (p) /* else not one F picked */
			order[shown++] = p;
	}
	size = (size_t)end;
	map = shown == run->n_pieces && size
	          ? mmap(NULL, size, PROT_READ, MAP_PRIVATE,
	                 fileno(run->pieces_file), 0)
	          : NULL;
	if (shown != run->n_pieces || map == MAP_FAILED) {
		free(order);
		return -1;
	}
	/* the text: a blank line between; the JSON: each piece's comma,
	 * but the first's, and the array told it has elements */
	output_json_flush(&run->json);
	for (size_t i = 0; i < shown; i++) {
		size_t skip = !i && run->fmt == OUTPUT_JSON && order[i]->len;

		if (i && run->fmt == OUTPUT_TEXT)
			fputc('\n', stdout);
		fwrite(map + order[i]->at + skip, 1, order[i]->len - skip,
		       stdout);
	}
	if (shown)
		run->json.first[run->json.depth] = false;
	if (map)
		munmap(map, size);
	free(order);
	return 0;
}

/* The check of the groups F picks in the file's order, printed in name
 * order: 0, 1 when it is to be done in name order instead (nothing
 * printed), -1 on an error (reported). */
static int check_by_file(struct check_run *run, const struct group_filter *f)
{
	struct lape_ctx *ctx = run->ctx;
	bool own = sqlite3_get_autocommit(ctx->db->sql) != 0;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if (!(run->pieces_file = tmpfile()))
		return 1;
	/* written in large blocks: hundreds of megabytes of JSON at 1000
	 * times national size, a system call a page otherwise */
	setvbuf(run->pieces_file, NULL, _IOFBF, 1 << 20);
	/* a position stdio knows: ftello() then needs no lseek() a group */
	fseeko(run->pieces_file, 0, SEEK_SET);
	output_json_init(&run->piece_json, run->pieces_file);
	/* the texts and the order from one snapshot */
	if (own && db_exec(ctx->db, "BEGIN", NULL) != LAPE_OK) {
		pieces_clear(run);
		return 1;
	}
	rc = group_key_order(ctx->db, &ids, &n);
	if (rc == LAPE_OK)
		rc = app_group_page(
		    ctx->db, ctx->rules, ctx->today, f, 0, 0,
		    CHECK_WALK_BY_ID |
		        (run->fmt == OUTPUT_JSON ? CHECK_WALK_CODES : 0),
		    check_one, run);
	if (own)
		sqlite3_exec(ctx->db->sql, "COMMIT", NULL, NULL, NULL);
	if (rc == LAPE_OK && !run->pieces_failed && !ferror(run->pieces_file) &&
	    pieces_print(run, ids, n) == 0)
		rc = 0;
	else if (rc == LAPE_OK || rc == PAGE_UNAVAILABLE)
		rc = 1;
	else
		rc = -1;
	free(ids);
	pieces_clear(run);
	if (rc == 1)
		run->n_groups = run->n_complete = 0;
	if (rc < 0)
		cmd_db_error(ctx);
	return rc;
}

static int check_groups(struct check_run *run, const struct cmd_args *a)
{
	struct lape_ctx *ctx = run->ctx;
	struct group_filter f = GROUP_FILTER_ALL;

	if (a->n_groups == 0) {
		f.region = a->region[0] ? a->region : NULL;
		f.status = cmd_has(a, 'a') ? -1 : STATUS_ACTIVE;
		if (check_wants_file(run)) {
			int rc = check_by_file(run, &f);

			if (rc <= 0)
				return rc;
		}
		/* the municipalities' codes only for the JSON */
		if (app_group_page(ctx->db, ctx->rules, ctx->today, &f, 0, 0,
		                   run->fmt == OUTPUT_JSON ? CHECK_WALK_CODES
		                                           : 0,
		                   check_one, run) != LAPE_OK) {
			cmd_db_error(ctx);
			return -1;
		}
		return 0;
	}
	for (size_t i = 0; i < a->n_groups; i++)
		if (check_by_id(run, a->groups[i]) != 0)
			return -1;
	return 0;
}

static int check_exec(struct lape_ctx *ctx, struct cmd_args *a)
{
	struct check_run run = {0};
	struct region_summary sum;
	bool have_sum = false;
	enum output_format fmt = (enum output_format)a->format;
	int status = EXIT_OK;

	/* Into a pipe or a file, in large blocks: a check of every group
	 * at 1000 times national size writes 170 MB of text, 550 MB of
	 * JSON, a system call per 4 KB otherwise.  Nothing is written to
	 * stdout before this. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	run.ctx = ctx;
	run.fmt = fmt;
	run.width = cmd_width();
	if (!(run.names = ctx_names(ctx)))
		return cmd_db_error(ctx);
	if (fmt == OUTPUT_TEXT && !(run.heads = output_check_heads_new()))
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	if (a->region[0]) {
		if (check_region_summary(&run, a->region, &sum) != 0)
			return EXIT_FAILURE_LAPE;
		have_sum = true;
	}
	output_json_init(&run.json, stdout);
	if (fmt == OUTPUT_CSV)
		check_csv_header();
	else if (fmt == OUTPUT_JSON && have_sum) {
		output_json_object(&run.json);
		region_json(&run, &sum);
		output_json_key(&run.json, "groups");
	}
	if (fmt == OUTPUT_JSON)
		output_json_array(&run.json);
	else if (fmt == OUTPUT_TEXT && have_sum)
		region_text(&run, &sum);
	if (check_groups(&run, a) != 0) {
		status = EXIT_FAILURE_LAPE;
		goto out;
	}
	if (fmt == OUTPUT_JSON) {
		output_json_end(&run.json, ']');
		if (have_sum)
			output_json_end(&run.json, '}');
	} else if (fmt == OUTPUT_TEXT) {
		check_totals(&run);
	}
	status = run.n_complete == run.n_groups ? EXIT_OK : EXIT_INCOMPLETE;
out:
	output_json_flush(&run.json); /* what was made before a failure */
	output_check_heads_free(run.heads);
	if (have_sum)
		region_summary_clear(&sum);
	return status;
}

static const struct cmd_option check_options[] = {
    {"region", 'r', N_("CODE|NAME"),
     N_("check the groups of one region and show its summary"), 0},
    {"all", 'a', NULL, N_("include dissolved groups"), 0},
    {NULL, 0, NULL, NULL, 0},
};

const struct cmd_entry cmd_check_entry = {
    .name = "check",
    .usage = N_("[GROUP...]"),
    .summary = N_("Check which groups are complete and what they miss"),
    .options = check_options,
    .needs = CMD_NEED_DB | CMD_NEED_RULES | CMD_NEED_REGION | CMD_NEED_GROUPS |
             CMD_NEED_FORMAT,
    .max_args = -1,
    .exec = check_exec,
};
