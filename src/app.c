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
/* app.c -- the use cases the command line and the screens share (app.h). */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/app.h"
#include "lape/date.h"
#include "lape/i18n.h"

char *app_matches_text(const struct lookup_matches *lm)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	for (size_t i = 0; i < lm->shown; i++) {
		const struct lookup_match *m = &lm->m[i];

		if (lm->by_code)
			fprintf(f, "  %s  %s\n", m->code,
			        m->name ? m->name : "");
		else
			fprintf(f, "  %" PRId64 "  %s\n", m->id,
			        m->name ? m->name : "");
	}
	if (lm->n > lm->shown)
		fprintf(f,
		        ngettext("  ... and %zu more\n", "  ... and %zu more\n",
		                 lm->n - lm->shown),
		        lm->n - lm->shown);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- names of codes ---------------------------------------------------- */

/* Codes are numbers of 2 (regions) and 3 (municipalities) digits: they
 * index the tables directly. */
struct app_names {
	char *region[100];
	char *municipality[1000];
};

static int code_index(const char *code, size_t digits)
{
	int v = 0;

	if (!code || strlen(code) != digits)
		return -1;
	for (size_t i = 0; i < digits; i++) {
		if (code[i] < '0' || code[i] > '9')
			return -1;
		v = v * 10 + code[i] - '0';
	}
	return v;
}

/* The name of CODE (DIGITS long) in TABLE, the first one given kept. */
static int names_put(char **table, const char *code, size_t digits,
                     const char *fi, const char *sv)
{
	int k = code_index(code, digits);

	if (k >= 0 && !table[k] && !(table[k] = strdup(i18n_pick(fi, sv))))
		return LAPE_ERROR;
	return 0;
}

static int names_region_cb(const struct region *r, void *ctx)
{
	struct app_names *n = ctx;

	return names_put(n->region, r->code, 2, r->name_fi, r->name_sv);
}

static int names_muni_cb(const struct municipality *m, void *ctx)
{
	struct app_names *n = ctx;

	return names_put(n->municipality, m->code, 3, m->name_fi, m->name_sv);
}

struct app_names *app_names_load(struct lape_db *db)
{
	struct app_names *n = calloc(1, sizeof *n);

	if (!n)
		return NULL;
	if (region_list(db, false, names_region_cb, n) != LAPE_OK ||
	    municipality_all(db, names_muni_cb, n) != LAPE_OK) {
		app_names_free(n);
		return NULL;
	}
	return n;
}

void app_names_free(struct app_names *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < 100; i++)
		free(n->region[i]);
	for (size_t i = 0; i < 1000; i++)
		free(n->municipality[i]);
	free(n);
}

const char *app_region_name(const struct app_names *n, const char *code)
{
	int k = code_index(code, 2);

	if (!code)
		return "";
	return n && k >= 0 && n->region[k] ? n->region[k] : code;
}

const char *app_municipality_name(const struct app_names *n, const char *code)
{
	int k = code_index(code, 3);

	if (!code)
		return "";
	return n && k >= 0 && n->municipality[k] ? n->municipality[k] : code;
}

/* ---- formats ----------------------------------------------------------- */

char *app_date_range(const char *start, const char *end, bool utf8)
{
	const char *dash = utf8 ? "\xE2\x80\x93" : "-";
	char a[11], b[11], *out = NULL;
	int rc;

	date_show(start, a);
	date_show(end, b);
	if (*a && *b)
		rc = asprintf(&out, "%s %s %s", a, dash, b);
	else if (*a)
		rc = asprintf(&out, "%s %s", a, dash);
	else if (*b)
		rc = asprintf(&out, "%s %s", dash, b);
	else
		rc = asprintf(&out, "%s", "");
	return rc < 0 ? NULL : out;
}

char *app_join(const char *const *items, size_t n, const char *sep)
{
	size_t len = 1, k = strlen(sep), at = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		len += (items[i] ? strlen(items[i]) : 0) + (i ? k : 0);
	if (!(out = malloc(len)))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t w = items[i] ? strlen(items[i]) : 0;

		if (i) {
			memcpy(out + at, sep, k);
			at += k;
		}
		if (w)
			memcpy(out + at, items[i], w);
		at += w;
	}
	out[at] = '\0';
	return out;
}

char *app_municipality_list(const struct app_names *n, char *const *codes,
                            size_t count)
{
	const char **names = malloc((count ? count : 1) * sizeof(*names));
	char *out;

	if (!names)
		return NULL;
	for (size_t i = 0; i < count; i++)
		names[i] = app_municipality_name(n, codes[i]);
	out = app_join(names, count, ", ");
	free(names);
	return out;
}

const struct membership *app_deputy_of(const struct membership *member,
                                       const struct membership *all, size_t n)
{
	if (!member->deputy_of)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (all[i].id == member->deputy_of)
			return &all[i];
	return NULL;
}

char *app_role_text(const struct membership *member,
                    const struct membership *all, size_t n)
{
	const struct membership *seat = app_deputy_of(member, all, n);
	const char *whom;
	char *out = NULL, buf[CHECK_NAME_MAX];

	if (!seat)
		return strdup(role_label(member->role));
	whom = !seat->person_name ? _("(vacant seat)")
	       : seat->name_withheld
	           ? check_member_name(seat, NULL, buf, sizeof buf)
	           : seat->person_name;
	if (asprintf(&out, _("%s, deputy of %s"), role_label(member->role),
	             whom) < 0)
		return NULL;
	return out;
}

/* ---- a checked group --------------------------------------------------- */

void app_group_clear(struct app_group *g)
{
	if (!g)
		return;
	check_result_free(&g->check);
	membership_free_array(g->members, g->n_members);
	group_clear(&g->group);
	free(g->region_name);
	free(g->municipalities);
	free(g->linked_name);
	memset(g, 0, sizeof *g);
}

int app_group_load(struct lape_db *db, const struct rules *r, const char *today,
                   const struct app_names *names, int64_t id,
                   struct app_group *out)
{
	struct app_names *own = NULL;
	struct group linked;
	int rc;

	memset(out, 0, sizeof *out);
	rc = group_get(db, id, &out->group);
	if (rc == LAPE_OK)
		rc = membership_list_group(db, id, &out->members,
		                           &out->n_members);
	if (rc == LAPE_OK && !names && !(names = own = app_names_load(db)))
		rc = LAPE_ERROR;
	if (rc == LAPE_OK &&
	    group_check(r, &out->group, out->members, out->n_members, today,
	                &out->check) != 0)
		rc = db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	if (rc == LAPE_OK) {
		out->region_name =
		    strdup(app_region_name(names, out->group.region_code));
		out->municipalities =
		    app_municipality_list(names, out->group.municipalities,
		                          out->group.n_municipalities);
		if (!out->region_name || !out->municipalities)
			rc = db_fail(db, LAPE_ERROR, NULL, "%s",
			             _("out of memory"));
	}
	if (rc == LAPE_OK && out->group.linked_group_id) {
		memset(&linked, 0, sizeof linked);
		rc = group_get(db, out->group.linked_group_id, &linked);
		if (rc == LAPE_OK) {
			out->linked_name = linked.name;
			linked.name = NULL;
		}
		group_clear(&linked);
	}
	app_names_free(own);
	if (rc != LAPE_OK)
		app_group_clear(out);
	return rc;
}

struct page_run {
	const struct rules *r;
	const char *today;
	app_group_cb cb;
	void *ctx;
	int failed;
};

static int page_cb(const struct group *g, const struct membership *m, size_t n,
                   void *arg)
{
	struct page_run *p = arg;
	struct check_result res;
	int rc;

	if (group_check(p->r, g, m, n, p->today, &res) != 0) {
		p->failed = 1;
		return LAPE_ERROR;
	}
	rc = p->cb(g, m, n, &res, p->ctx);
	check_result_free(&res);
	return rc;
}

int app_group_page(struct lape_db *db, const struct rules *r, const char *today,
                   const struct group_filter *f, size_t offset, size_t limit,
                   unsigned flags, app_group_cb cb, void *ctx)
{
	struct page_run p = {r, today, cb, ctx, 0};
	int rc;

	if (!cb)
		return LAPE_ERROR;
	/* The whole walk (lape check) reads only what a check needs; a
	 * screen's page is cut in SQL, the groups before it not read. */
	if (offset == 0 && limit == 0)
		rc = check_walk(db, f, flags, page_cb, &p);
	else
		rc = group_walk_page(db, f, offset, limit, page_cb, &p);
	if (p.failed)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	return rc;
}
