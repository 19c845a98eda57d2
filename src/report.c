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
/* report.c -- the meeting report: gathered once from the data file, then
 * written as 80-column text, as standalone HTML for A4 (one group per
 * page, marks that do not rest on colour, every name escaped) or as
 * xlsx. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lape/app.h"
#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/report.h"
#include "lape/sheet.h"
#include "lape/utf8.h"

#define REPORT_COLS 80

int report_format_parse(const char *s, enum report_format *out)
{
	static const char *const names[] = {"text", "html", "xlsx"};

	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum report_format)i;
			return 0;
		}
	return -1;
}

/* ---- gathering --------------------------------------------------------- */

/* TODAY + 3 months in OUT (the day kept within the month). */
static void report_soon(const char *today, char out[11])
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	int y = atoi(today), m = atoi(today + 5) + 3, d = atoi(today + 8);

	if (m > 12) {
		m -= 12;
		y++;
	}
	if (d > mdays[m - 1])
		d = mdays[m - 1];
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 || y % 400 == 0)))
		d = 28;
	char buf[32];

	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100,
	         d % 100);
	memcpy(out, buf, 11);
	out[10] = '\0';
}

/* Group ID in full (app_group_load()), the next of REP's groups. */
static int report_add(struct report *rep, struct lape_db *db, int64_t id)
{
	struct report_group *a;
	int rc;

	a = realloc(rep->groups, (rep->n_groups + 1) * sizeof(*a));
	if (!a)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	rep->groups = a;
	rc = app_group_load(db, rep->rules, rep->today, rep->names, id,
	                    &a[rep->n_groups].ag);
	if (rc == LAPE_OK)
		rep->n_groups++;
	return rc;
}

struct report_ids {
	int64_t *id;
	size_t n;
};

static int report_id_cb(const struct group *g, void *arg)
{
	struct report_ids *ids = arg;
	int64_t *a = realloc(ids->id, (ids->n + 1) * sizeof(*a));

	if (!a)
		return 1; /* out of memory */
	ids->id = a;
	a[ids->n++] = g->id;
	return 0;
}

/* The groups of REQ's region (or all), each in full: the members with
 * whom they deputise, their organisations and terms, which a walk for
 * the check leaves out. */
static int report_add_listed(struct report *rep, struct lape_db *db,
                             const struct report_request *req)
{
	struct group_filter f = GROUP_FILTER_ALL;
	struct report_ids ids = {NULL, 0};
	int rc;

	f.region = req->region;
	f.status = req->all ? -1 : STATUS_ACTIVE;
	rc = group_list(db, &f, 0, 0, report_id_cb, &ids);
	if (rc > 0)
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	for (size_t i = 0; rc == LAPE_OK && i < ids.n; i++)
		rc = report_add(rep, db, ids.id[i]);
	free(ids.id);
	return rc;
}

/* The region's municipalities with a complete active municipal group. */
static int report_complete_munis(struct report *rep)
{
	for (size_t i = 0; i < rep->n_groups; i++) {
		const struct report_group *rg = &rep->groups[i];

		if (rg->ag.group.level != LEVEL_MUNICIPAL ||
		    rg->ag.group.status != STATUS_ACTIVE ||
		    !rg->ag.check.complete)
			continue;
		for (size_t k = 0; k < rg->ag.group.n_municipalities; k++) {
			char **a =
			    realloc(rep->complete_munis,
			            (rep->n_complete_munis + 1) * sizeof(*a));
			bool seen = false;

			if (!a)
				return LAPE_ERROR;
			rep->complete_munis = a;
			const char *name = app_municipality_name(
			    rep->names, rg->ag.group.municipalities[k]);

			for (size_t j = 0; j < rep->n_complete_munis; j++)
				seen |= !strcmp(a[j], name);
			if (seen)
				continue;
			if (!(a[rep->n_complete_munis] = strdup(name)))
				return LAPE_ERROR;
			rep->n_complete_munis++;
		}
	}
	return LAPE_OK;
}

int report_build(struct lape_db *db, const struct rules *r, const char *today,
                 const char *db_path, const char *rules_path,
                 const struct report_request *req, struct report *out)
{
	int rc = LAPE_OK;

	memset(out, 0, sizeof *out);
	snprintf(out->today, sizeof out->today, "%s", today);
	report_soon(today, out->soon);
	out->db_path = db_path;
	out->rules_path = rules_path;
	out->rules = r;
	if (!(out->names = app_names_load(db)))
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	if (req->region) {
		rc = region_summarize(db, r, req->region, today, &out->region);
		if (rc != LAPE_OK)
			return rc;
		out->has_region = true;
	}
	if (req->n_ids)
		for (size_t i = 0; rc == LAPE_OK && i < req->n_ids; i++)
			rc = report_add(out, db, req->ids[i]);
	else
		rc = report_add_listed(out, db, req);
	if (rc == LAPE_OK && out->has_region)
		rc = report_complete_munis(out);
	return rc;
}

void report_clear(struct report *rep)
{
	for (size_t i = 0; i < rep->n_groups; i++)
		app_group_clear(&rep->groups[i].ag);
	free(rep->groups);
	for (size_t i = 0; i < rep->n_complete_munis; i++)
		free(rep->complete_munis[i]);
	free(rep->complete_munis);
	if (rep->has_region)
		region_summary_clear(&rep->region);
	app_names_free(rep->names);
	memset(rep, 0, sizeof *rep);
}

/* ---- pieces the formats share ---------------------------------------- */

/* The name shown for M (check_member_name()), valid while the next 15
 * calls: a line names a member and a deputy, a sector up to 8. */
static const char *member_name(const struct report *rep,
                               const struct membership *m)
{
	static char ring[16][CHECK_NAME_MAX];
	static unsigned next;
	const char *s =
	    check_member_name(m, rep->rules, ring[next++ % 16], CHECK_NAME_MAX);

	return s ? s : _("(vacant seat)");
}

/* The name of the member that M deputises for, or NULL. */
static const char *deputy_name(const struct report *rep,
                               const struct report_group *rg,
                               const struct membership *m)
{
	if (!m->deputy_of)
		return NULL;
	for (size_t i = 0; i < rg->ag.n_members; i++)
		if (rg->ag.members[i].id == m->deputy_of)
			return member_name(rep, &rg->ag.members[i]);
	return NULL;
}

static char *sectors_text(const struct report *rep, const struct membership *m)
{
	const char *labels[MEMBERSHIP_MAX_SECTORS];

	for (size_t i = 0; i < m->n_sectors && i < MEMBERSHIP_MAX_SECTORS; i++)
		labels[i] = rules_sector_label(rep->rules, m->sectors[i]);
	return app_join(labels, m->n_sectors, ", ");
}

static char *term_text(const struct membership *m)
{
	return app_date_range(m->start_date, m->end_date, output_utf8());
}

/* Who covers required sector CS, joined by ", " ("" for nobody). */
static char *cover_text(const struct report *rep, const struct report_group *rg,
                        const struct check_sector *cs)
{
	const char *names[8];
	size_t n = 0;

	for (size_t k = 0; k < cs->n_cover && k < 8; k++)
		if (cs->cover[k] < rg->ag.n_members)
			names[n++] =
			    member_name(rep, &rg->ag.members[cs->cover[k]]);
	return app_join(names, n, ", ");
}

static char *mandate_text(const struct group *g)
{
	char d[11], *out = NULL;

	date_show(g->mandate_date, d);
	if (asprintf(&out, "%s%s%s%s",
	             g->mandate_body ? g->mandate_body : _("not recorded"),
	             d[0] ? ", " : "", d,
	             g->existing_body ? _(" (an existing body authorised)")
	                              : "") < 0)
		return NULL;
	return out;
}

/* Whether M's term ends between today and three months from now. */
static bool ends_soon(const struct report *rep, const struct membership *m)
{
	char iso[11];

	if (db_blank(m->end_date) || date_parse(m->end_date, iso) != 0)
		return false;
	return strcmp(iso, rep->today) >= 0 && strcmp(iso, rep->soon) <= 0;
}

static const char *region_state(const struct region_summary *s)
{
	switch (s->facts.regional) {
	case REGIONAL_COMPLETE:
		return _("complete");
	case REGIONAL_INCOMPLETE:
		return _("incomplete");
	default:
		return _("none");
	}
}

/* ---- text -------------------------------------------------------------- */

/* "LABEL: VALUE" wrapped to 80 columns, indented by INDENT. */
static void text_line(FILE *f, size_t indent, const char *label,
                      const char *value)
{
	char *s = NULL;

	if (asprintf(&s, "%s%s%s", label, label[0] ? ": " : "",
	             value ? value : "") < 0)
		return;
	/* output_text_wrap() starts counting at the continuation indent,
	 * which is past this one: the first line only wraps sooner. */
	fprintf(f, "%*s", (int)indent, "");
	output_text_wrap(f, s, indent + 4, REPORT_COLS);
	fputc('\n', f);
	free(s);
}

static void text_rule(FILE *f, const char *c)
{
	for (int i = 0; i < REPORT_COLS; i++)
		fputs(c, f);
	fputc('\n', f);
}

static void text_header(const struct report *rep, FILE *f)
{
	char d[11];

	date_show(rep->today, d);
	text_line(f, 0, _("LAPE report"), d);
	text_line(f, 0, _("Data file"), rep->db_path);
	text_line(f, 0, _("Rules"), rep->rules_path);
}

static void text_region(const struct report *rep, FILE *f)
{
	const struct region_summary *s = &rep->region;
	char *list, buf[128];

	text_rule(f, "=");
	snprintf(buf, sizeof buf, "%s (%s)",
	         i18n_pick(s->region.name_fi, s->region.name_sv),
	         s->region.code);
	text_line(f, 0, _("Region"), buf);
	text_line(f, 2, _("Regional group"), region_state(s));
	snprintf(buf, sizeof buf, _("%zu of %zu"), s->facts.n_complete,
	         s->facts.n_municipalities);
	text_line(f, 2, _("Municipalities with a complete group"), buf);
	list = app_join((const char *const *)rep->complete_munis,
	                rep->n_complete_munis, ", ");
	if (list && *list)
		text_line(f, 4, "", list);
	free(list);
	list =
	    app_join((const char *const *)s->uncovered, s->n_uncovered, ", ");
	text_line(f, 2, _("Municipalities without a group"),
	          list && *list ? list : _("none"));
	free(list);
	if (s->has_agent)
		text_line(f, 2, _("Change agent"),
		          s->agent.person_name ? s->agent.person_name : "");
	else
		text_line(f, 2, _("Change agent"), _("none"));
	text_line(f, 2, _("Eligible for a change agent"),
	          s->eligible ? _("yes") : _("no"));
}

/* The group's facts: name, level, region, municipalities, mandate. */
static void text_group_facts(const struct report_group *rg, FILE *f)
{
	const struct group *g = &rg->ag.group;
	char *s;

	text_rule(f, "=");
	text_line(f, 0, "", g->name);
	text_line(f, 2, _("Level"), group_level_label(g->level));
	text_line(f, 2, _("Region"), rg->ag.region_name);
	if (g->n_municipalities)
		text_line(f, 2, _("Municipalities"), rg->ag.municipalities);
	s = mandate_text(g);
	text_line(f, 2, _("Mandate"), s);
	free(s);
	if (g->status == STATUS_DISSOLVED)
		text_line(f, 2, _("Status"), group_status_label(g->status));
}

/* The members, two lines each.  Returns how many terms end soon. */
static size_t text_group_members(const struct report *rep,
                                 const struct report_group *rg, FILE *f)
{
	char head[64];
	size_t soon = 0;

	fputc('\n', f);
	snprintf(head, sizeof head,
	         ngettext("%zu member", "%zu members", rg->ag.n_members),
	         rg->ag.n_members);
	text_line(f, 0, "", head);
	for (size_t i = 0; i < rg->ag.n_members; i++) {
		const struct membership *m = &rg->ag.members[i];
		const char *dep = deputy_name(rep, rg, m);
		char *sec = sectors_text(rep, m), *term = term_text(m);
		char *line = NULL;

		if (asprintf(&line, "%s, %s%s%s", member_name(rep, m),
		             role_label(m->role), m->organisation ? " – " : "",
		             m->organisation ? m->organisation : "") >= 0)
			text_line(f, 2, "", line);
		free(line);
		line = NULL;
		if (asprintf(&line, "%s%s%s", sec ? sec : "",
		             term && *term ? "; " : "", term ? term : "") >= 0)
			text_line(f, 6, "", line);
		free(line);
		if (dep)
			text_line(f, 6, _("Deputy of"), dep);
		free(sec);
		free(term);
		soon += ends_soon(rep, m);
	}
	return soon;
}

/* The checklist: each required sector and who covers it, the warnings. */
static void text_group_checklist(const struct report *rep,
                                 const struct report_group *rg, FILE *f)
{
	const struct check_result *res = &rg->ag.check;
	char head[128];

	fputc('\n', f);
	snprintf(head, sizeof head, "%s: %s", _("Checklist"),
	         res->complete ? _("complete") : _("incomplete"));
	text_line(f, 0, "", head);
	for (size_t i = 0; i < res->n_sectors; i++) {
		const struct check_sector *cs = &res->sectors[i];
		const char *label = rules_sector_label(
		    rep->rules, rep->rules->sectors[cs->sector].key);
		char *who = cover_text(rep, rg, cs), *line = NULL;

		if (asprintf(
		        &line, "%s %s: %s", output_mark(cs->present), label,
		        cs->present ? (who ? who : "") : _("missing")) >= 0)
			text_line(f, 2, "", line);
		free(line);
		free(who);
	}
	for (size_t i = 0; i < res->n_warnings; i++) {
		char *t = check_warning_text(&res->warnings[i], rg->ag.members,
		                             rep->rules);
		char *line = NULL;

		if (t && asprintf(&line, "! %s", t) >= 0)
			text_line(f, 2, "", line);
		free(line);
		free(t);
	}
}

/* The members whose terms end within three months. */
static void text_group_soon(const struct report *rep,
                            const struct report_group *rg, FILE *f)
{
	char d[11], head[128];

	date_show(rep->soon, d);
	fputc('\n', f);
	snprintf(head, sizeof head, _("Terms ending by %s"), d);
	text_line(f, 0, "", head);
	for (size_t i = 0; i < rg->ag.n_members; i++) {
		char e[11], *line = NULL;

		if (!ends_soon(rep, &rg->ag.members[i]))
			continue;
		date_show(rg->ag.members[i].end_date, e);
		if (asprintf(&line, "%s: %s",
		             member_name(rep, &rg->ag.members[i]), e) >= 0)
			text_line(f, 2, "", line);
		free(line);
	}
}

static void text_group(const struct report *rep, const struct report_group *rg,
                       FILE *f)
{
	size_t soon;

	text_group_facts(rg, f);
	soon = text_group_members(rep, rg, f);
	text_group_checklist(rep, rg, f);
	if (soon)
		text_group_soon(rep, rg, f);
}

int report_write_text(const struct report *rep, FILE *f)
{
	text_header(rep, f);
	if (rep->has_region)
		text_region(rep, f);
	if (!rep->n_groups) {
		fputc('\n', f);
		text_line(f, 0, "", _("No groups."));
	}
	for (size_t i = 0; i < rep->n_groups; i++) {
		/* a new page for each group when printed */
		if (i || rep->has_region)
			fputc('\f', f);
		text_group(rep, &rep->groups[i], f);
	}
	return ferror(f) ? -1 : 0;
}

/* ---- HTML -------------------------------------------------------------- */

/* S escaped for HTML text and attributes; invalid UTF-8 and control
 * characters cleaned as for a terminal. */
static void html(FILE *f, const char *s)
{
	char *clean = output_text_clean(s ? s : "");

	for (const char *p = clean ? clean : ""; *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*p, f);
		}
	}
	free(clean);
}

static void html_row(FILE *f, const char *label, const char *value)
{
	fputs("<tr><th scope=\"row\">", f);
	html(f, label);
	fputs("</th><td>", f);
	html(f, value);
	fputs("</td></tr>\n", f);
}

static const char html_style[] =
    "<style>\n"
    "@page { size: A4; margin: 16mm 14mm; }\n"
    "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt;"
    " color: #000; margin: 0; }\n"
    "section { break-after: page; page-break-after: always; }\n"
    "section:last-of-type { break-after: auto; page-break-after: auto; }\n"
    "header.report { font-size: 8pt; border-bottom: 1px solid #000;"
    " margin-bottom: 3mm; }\n"
    "header.report p { margin: 0; }\n"
    "h1 { font-size: 15pt; margin: 0 0 2mm 0; }\n"
    "h2 { font-size: 11pt; margin: 4mm 0 1mm 0; }\n"
    "table { border-collapse: collapse; width: 99%; table-layout: fixed; }\n"
    "th, td { text-align: left; vertical-align: top; padding: 1mm 1.5mm;"
    " border: 0.5pt solid #555; overflow-wrap: break-word;"
    " word-wrap: break-word; hyphens: auto; }\n"
    "table.facts th, table.facts td { border: none; padding: 0.5mm 1.5mm; }\n"
    "table.facts th { width: 30%; }\n"
    "thead th { background: #eee; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    ".mark { font-weight: bold; }\n"
    ".missing { font-weight: bold; text-decoration: underline; }\n"
    "ul { margin: 0; padding-left: 5mm; }\n"
    "@media screen { section { border-bottom: 2px dashed #999;"
    " padding: 8mm; max-width: 190mm; } }\n"
    "</style>\n";

static void html_header(const struct report *rep, FILE *f)
{
	char d[11];

	date_show(rep->today, d);
	fputs("<header class=\"report\"><p>", f);
	html(f, _("LAPE report"));
	fputs(" · ", f);
	html(f, d);
	fputs("</p><p>", f);
	html(f, _("Data file"));
	fputs(": ", f);
	html(f, rep->db_path);
	fputs(" · ", f);
	html(f, _("Rules"));
	fputs(": ", f);
	html(f, rep->rules_path);
	fputs("</p></header>\n", f);
}

static void html_region(const struct report *rep, FILE *f)
{
	const struct region_summary *s = &rep->region;
	char buf[128], *list;

	fputs("<section class=\"region\">\n", f);
	html_header(rep, f);
	fputs("<h1>", f);
	html(f, i18n_pick(s->region.name_fi, s->region.name_sv));
	fprintf(f, " (%s)</h1>\n<table class=\"facts\">\n", s->region.code);
	html_row(f, _("Regional group"), region_state(s));
	snprintf(buf, sizeof buf, _("%zu of %zu"), s->facts.n_complete,
	         s->facts.n_municipalities);
	html_row(f, _("Municipalities with a complete group"), buf);
	list = app_join((const char *const *)rep->complete_munis,
	                rep->n_complete_munis, ", ");
	if (list && *list)
		html_row(f, "", list);
	free(list);
	list =
	    app_join((const char *const *)s->uncovered, s->n_uncovered, ", ");
	html_row(f, _("Municipalities without a group"),
	         list && *list ? list : _("none"));
	free(list);
	html_row(f, _("Change agent"),
	         s->has_agent && s->agent.person_name ? s->agent.person_name
	                                              : _("none"));
	html_row(f, _("Eligible for a change agent"),
	         s->eligible ? _("yes") : _("no"));
	fputs("</table>\n</section>\n", f);
}

/* The group's heading and facts. */
static void html_group_facts(const struct report *rep,
                             const struct report_group *rg, FILE *f)
{
	const struct group *g = &rg->ag.group;
	char *s;

	fputs("<section class=\"group\">\n", f);
	html_header(rep, f);
	fputs("<h1>", f);
	html(f, g->name);
	fputs("</h1>\n<table class=\"facts\">\n", f);
	html_row(f, _("Level"), group_level_label(g->level));
	html_row(f, _("Region"), rg->ag.region_name);
	if (g->n_municipalities)
		html_row(f, _("Municipalities"), rg->ag.municipalities);
	s = mandate_text(g);
	html_row(f, _("Mandate"), s);
	free(s);
	if (g->status == STATUS_DISSOLVED)
		html_row(f, _("Status"), group_status_label(g->status));
	fputs("</table>\n", f);
}

/* One member's row of the members' table. */
static void html_member(const struct report *rep, const struct report_group *rg,
                        const struct membership *m, FILE *f)
{
	const char *dep = deputy_name(rep, rg, m);
	char *sec = sectors_text(rep, m), *term = term_text(m);

	fputs("<tr><td>", f);
	html(f, member_name(rep, m));
	if (dep) {
		fputs("<br>(", f);
		html(f, _("Deputy of"));
		fputs(" ", f);
		html(f, dep);
		fputs(")", f);
	}
	fputs("</td><td>", f);
	html(f, sec);
	fputs("</td><td>", f);
	html(f, role_label(m->role));
	fputs("</td><td>", f);
	html(f, m->organisation);
	fputs("</td><td>", f);
	html(f, term);
	fputs("</td></tr>\n", f);
	free(sec);
	free(term);
}

/* The members' table.  Returns how many terms end soon. */
static size_t html_group_members(const struct report *rep,
                                 const struct report_group *rg, FILE *f)
{
	const char *cols[] = {_("Name"), _("Sectors"), _("Role"),
	                      _("Organisation"), _("Term")};
	char head[128];
	size_t soon = 0;

	fputs("<h2>", f);
	snprintf(head, sizeof head,
	         ngettext("%zu member", "%zu members", rg->ag.n_members),
	         rg->ag.n_members);
	html(f, head);
	fputs("</h2>\n<table class=\"members\">\n<colgroup><col "
	      "style=\"width:21%\"><col style=\"width:21%\"><col "
	      "style=\"width:15%\"><col style=\"width:21%\"><col "
	      "style=\"width:22%\"></colgroup>\n<thead><tr>",
	      f);
	for (size_t i = 0; i < 5; i++) {
		fputs("<th scope=\"col\">", f);
		html(f, cols[i]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < rg->ag.n_members; i++) {
		html_member(rep, rg, &rg->ag.members[i], f);
		soon += ends_soon(rep, &rg->ag.members[i]);
	}
	fputs("</tbody></table>\n", f);
	return soon;
}

/* The checklist and the warnings. */
static void html_group_checklist(const struct report *rep,
                                 const struct report_group *rg, FILE *f)
{
	const struct check_result *res = &rg->ag.check;
	char head[128];

	fputs("<h2>", f);
	snprintf(head, sizeof head, "%s: %s", _("Checklist"),
	         res->complete ? _("complete") : _("incomplete"));
	html(f, head);
	fputs("</h2>\n<table class=\"checklist\">\n<colgroup><col "
	      "style=\"width:8%\"><col style=\"width:40%\"><col "
	      "style=\"width:52%\"></colgroup>\n<tbody>\n",
	      f);
	for (size_t i = 0; i < res->n_sectors; i++) {
		const struct check_sector *cs = &res->sectors[i];
		char *who = cover_text(rep, rg, cs);

		fprintf(f, "<tr><td class=\"mark\">%s</td><td>",
		        cs->present ? "[✓]" : "[✗]");
		html(f, rules_sector_label(
		            rep->rules, rep->rules->sectors[cs->sector].key));
		fputs(cs->present ? "</td><td>" : "</td><td class=\"missing\">",
		      f);
		html(f, cs->present ? who : _("missing"));
		fputs("</td></tr>\n", f);
		free(who);
	}
	fputs("</tbody></table>\n", f);
	if (!res->n_warnings)
		return;
	fputs("<h2>", f);
	html(f, _("Warnings"));
	fputs("</h2>\n<ul>\n", f);
	for (size_t i = 0; i < res->n_warnings; i++) {
		char *t = check_warning_text(&res->warnings[i], rg->ag.members,
		                             rep->rules);

		fputs("<li>! ", f);
		html(f, t);
		fputs("</li>\n", f);
		free(t);
	}
	fputs("</ul>\n", f);
}

/* The members whose terms end within three months. */
static void html_group_soon(const struct report *rep,
                            const struct report_group *rg, FILE *f)
{
	char d[11], head[128];

	date_show(rep->soon, d);
	snprintf(head, sizeof head, _("Terms ending by %s"), d);
	fputs("<h2>", f);
	html(f, head);
	fputs("</h2>\n<ul>\n", f);
	for (size_t i = 0; i < rg->ag.n_members; i++) {
		char e[11];

		if (!ends_soon(rep, &rg->ag.members[i]))
			continue;
		date_show(rg->ag.members[i].end_date, e);
		fputs("<li>", f);
		html(f, member_name(rep, &rg->ag.members[i]));
		fprintf(f, ": %s</li>\n", e);
	}
	fputs("</ul>\n", f);
}

static void html_group(const struct report *rep, const struct report_group *rg,
                       FILE *f)
{
	size_t soon;

	html_group_facts(rep, rg, f);
	soon = html_group_members(rep, rg, f);
	html_group_checklist(rep, rg, f);
	if (soon)
		html_group_soon(rep, rg, f);
	fputs("</section>\n", f);
}

int report_write_html(const struct report *rep, FILE *f)
{
	fprintf(f,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	        "<meta charset=\"utf-8\">\n<title>",
	        i18n_lang());
	html(f, _("LAPE report"));
	fputs("</title>\n", f);
	fputs(html_style, f);
	fputs("</head>\n<body>\n", f);
	if (rep->has_region)
		html_region(rep, f);
	if (!rep->n_groups) {
		fputs("<section>", f);
		html_header(rep, f);
		fputs("<p>", f);
		html(f, _("No groups."));
		fputs("</p></section>\n", f);
	}
	for (size_t i = 0; i < rep->n_groups; i++)
		html_group(rep, &rep->groups[i], f);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}

/* ---- xlsx -------------------------------------------------------------- */

/* The xlsx's sheets, each 0 or -1 when out of memory. */
static int xlsx_region(const struct report *rep, struct sheet_book *book)
{
	static const char *const keys[] = {"region_name",
	                                   "regional_group",
	                                   "complete_municipalities",
	                                   "uncovered_municipalities",
	                                   "change_agent",
	                                   "eligible"};
	const struct region_summary *s = &rep->region;
	struct sheet_table *t = sheet_add_table(book, _("Region"), keys, 6);
	char *done = app_join((const char *const *)rep->complete_munis,
	                      rep->n_complete_munis, ", ");
	char *none =
	    app_join((const char *const *)s->uncovered, s->n_uncovered, ", ");
	const char *cells[] = {i18n_pick(s->region.name_fi, s->region.name_sv),
	                       region_state(s),
	                       done,
	                       none,
	                       s->has_agent ? s->agent.person_name : NULL,
	                       s->eligible ? "true" : "false"};
	int bad = !t || !done || !none || sheet_add_row(t, cells);

	free(done);
	free(none);
	return bad ? -1 : 0;
}

static int xlsx_members(const struct report *rep, const struct report_group *rg,
                        struct sheet_book *book)
{
	static const char *const keys[] = {
	    "name",         "sectors",    "role",    "deputy_of",
	    "organisation", "start_date", "end_date"};
	struct sheet_table *t =
	    sheet_add_table(book, rg->ag.group.name, keys, 7);
	const char *munis = rg->ag.municipalities;

	if (!t)
		return -1;
	if (asprintf(&t->title, "%s (%s%s%s)", rg->ag.group.name,
	             group_level_label(rg->ag.group.level), *munis ? ": " : "",
	             munis) < 0)
		t->title = NULL;
	for (size_t k = 0; k < rg->ag.n_members; k++) {
		const struct membership *m = &rg->ag.members[k];
		char *sec = app_join((const char *const *)m->sectors,
		                     m->n_sectors, " ");
		const char *cells[] = {
		    member_name(rep, m), sec,
		    role_key(m->role),   deputy_name(rep, rg, m),
		    m->organisation,     m->start_date,
		    m->end_date};
		int bad = !sec || sheet_add_row(t, cells);

		free(sec);
		if (bad)
			return -1;
	}
	return 0;
}

static int xlsx_checks(const struct report *rep, struct sheet_book *book)
{
	static const char *const keys[] = {"group", "sector", "present",
	                                   "covered_by"};
	struct sheet_table *t = sheet_add_table(book, _("Checklist"), keys, 4);

	if (!t)
		return -1;
	for (size_t i = 0; i < rep->n_groups; i++) {
		const struct report_group *rg = &rep->groups[i];

		for (size_t k = 0; k < rg->ag.check.n_sectors; k++) {
			const struct check_sector *cs =
			    &rg->ag.check.sectors[k];
			char *who = cover_text(rep, rg, cs);
			const char *cells[] = {
			    rg->ag.group.name,
			    rep->rules->sectors[cs->sector].key,
			    cs->present ? "true" : "false", who};
			int bad = !who || sheet_add_row(t, cells);

			free(who);
			if (bad)
				return -1;
		}
	}
	/* "sectors" translates keys; the checklist's one sector too. */
	free(t->keys[1]);
	return (t->keys[1] = strdup("sectors")) ? 0 : -1;
}

static int xlsx_warnings(const struct report *rep, struct sheet_book *book)
{
	static const char *const keys[] = {"group", "warnings"};
	struct sheet_table *t = sheet_add_table(book, _("Warnings"), keys, 2);

	if (!t)
		return -1;
	for (size_t i = 0; i < rep->n_groups; i++) {
		const struct report_group *rg = &rep->groups[i];

		for (size_t k = 0; k < rg->ag.check.n_warnings; k++) {
			char *w =
			    check_warning_text(&rg->ag.check.warnings[k],
			                       rg->ag.members, rep->rules);
			const char *cells[] = {rg->ag.group.name, w};
			int bad = !w || sheet_add_row(t, cells);

			free(w);
			if (bad)
				return -1;
		}
	}
	return 0;
}

int report_write_xlsx(const struct report *rep, const char *path, char *err,
                      size_t errlen)
{
	struct sheet_book book = {0};
	struct sheet_props props = {"lape report", rep->db_path, rep->today};
	int rc = rep->has_region ? xlsx_region(rep, &book) : 0;

	for (size_t i = 0; rc == 0 && i < rep->n_groups; i++)
		rc = xlsx_members(rep, &rep->groups[i], &book);
	if (rc == 0)
		rc = xlsx_checks(rep, &book);
	if (rc == 0)
		rc = xlsx_warnings(rep, &book);
	if (rc != 0) {
		sheet_book_clear(&book);
		snprintf(err, errlen, "%s", strerror(ENOMEM));
		return -1;
	}
	rc = sheet_write_xlsx(&book, rep->rules, &props, path, err, errlen);
	sheet_book_clear(&book);
	return rc;
}

int report_write_file(const struct report *rep, enum report_format fmt,
                      const char *path, char *err, size_t errlen)
{
	FILE *f;
	int fd, rc;

	if (fmt == REPORT_XLSX)
		return report_write_xlsx(rep, path, err, errlen);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		snprintf(err, errlen, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = fmt == REPORT_HTML ? report_write_html(rep, f)
	                        : report_write_text(rep, f);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0)
		snprintf(err, errlen, "%s", strerror(errno));
	return rc;
}
