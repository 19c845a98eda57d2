/* test-app.c -- the use cases both front ends share: a checked group in
 * one call, pages of groups in one walk, names of codes and the shared
 * formats, on the example data in memory. */

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

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lape/app.h"
#include "lape/ctx.h"
#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/report.h"
#include "lape/rules.h"
#include "lape/store.h"

#define TODAY "2017-06-01"

static struct lape_db *db;
static struct rules *rules;

static int setup(void **state)
{
	char err[512];

	(void)state;
	if (i18n_init("en") != 0 ||
	    db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) !=
	        LAPE_OK ||
	    refdata_load(db, SHARE_SRCDIR, 2016) != LAPE_OK ||
	    demo_load(db) != LAPE_OK ||
	    rules_load(SHARE_SRCDIR "/rules.ini", &rules, err, sizeof err) != 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(db);
	rules_free(rules);
	return 0;
}

static void test_names_and_formats(void **state)
{
	struct app_names *n = app_names_load(db);
	char *codes[] = {(char *)"049", (char *)"235", (char *)"999"};
	struct membership m[2] = {{0}};
	char *s;

	(void)state;
	assert_non_null(n);
	assert_string_equal(app_region_name(n, "01"), "Uusimaa");
	assert_string_equal(app_municipality_name(n, "049"), "Espoo");
	assert_string_equal(app_municipality_name(n, "999"), "999");
	assert_string_equal(app_region_name(n, NULL), "");
	s = app_municipality_list(n, codes, 3);
	assert_string_equal(s, "Espoo, Kauniainen, 999");
	free(s);
	app_names_free(n);
	/* Swedish names in Swedish */
	assert_int_equal(i18n_init("sv"), 0);
	n = app_names_load(db);
	assert_string_equal(app_municipality_name(n, "049"), "Esbo");
	app_names_free(n);
	assert_int_equal(i18n_init("en"), 0);

	{
		const char *items[] = {"a", NULL, "ccc"};

		s = app_join(items, 3, ", ");
		assert_string_equal(s, "a, , ccc");
		free(s);
		s = app_join(items, 0, ", ");
		assert_string_equal(s, "");
		free(s);
		s = app_municipality_list(n = app_names_load(db), codes, 0);
		assert_string_equal(s, "");
		free(s);
		app_names_free(n);
	}

	s = app_date_range("2016-10-01", "2018-12-31", true);
	assert_string_equal(s,
	                    "2016-10-01 \xE2\x80\x93 2018-12-31"); /* en: ISO */
	free(s);
	s = app_date_range("2016-10-01", NULL, false);
	assert_string_equal(s, "2016-10-01 -");
	free(s);
	s = app_date_range(NULL, "2018-12-31", false);
	assert_string_equal(s, "- 2018-12-31");
	free(s);
	s = app_date_range(NULL, NULL, true);
	assert_string_equal(s, "");
	free(s);

	m[0].id = 7;
	m[0].person_name = (char *)"Aino Virtanen";
	m[0].role = ROLE_CHAIR;
	m[1].id = 8;
	m[1].deputy_of = 7;
	s = app_role_text(&m[1], m, 2);
	assert_string_equal(s, "member, deputy of Aino Virtanen");
	free(s);
	s = app_role_text(&m[0], m, 2);
	assert_string_equal(s, "chair");
	free(s);
	assert_ptr_equal(app_deputy_of(&m[1], m, 2), &m[0]);
	assert_null(app_deputy_of(&m[0], m, 2));
	/* the seat deputised for is not among these: the role alone */
	assert_null(app_deputy_of(&m[1], m + 1, 1));
	s = app_role_text(&m[1], m + 1, 1);
	assert_string_equal(s, "member");
	free(s);
	/* a vacant seat */
	m[0].person_name = NULL;
	s = app_role_text(&m[1], m, 2);
	assert_string_equal(s, "member, deputy of (vacant seat)");
	free(s);
}

static void test_group_load(void **state)
{
	struct app_group g;
	int64_t id;

	(void)state;
	assert_int_equal(group_find(db, "kirkko", &id), LAPE_OK);
	assert_int_equal(app_group_load(db, rules, TODAY, NULL, id, &g),
	                 LAPE_OK);
	assert_string_equal(g.group.name,
	                    "Kirkkonummen LAPE-ryhmä – Kyrkslätts LAPE-grupp");
	assert_string_equal(g.region_name, "Uusimaa");
	assert_string_equal(g.municipalities, "Kirkkonummi");
	assert_true(g.n_members > 0);
	assert_false(g.check.complete);
	assert_int_equal(g.check.n_missing, 2);
	assert_string_equal(g.linked_name, "Uudenmaan LAPE-ryhmä");
	app_group_clear(&g);
	assert_int_equal(app_group_load(db, rules, TODAY, NULL, 99999, &g),
	                 LAPE_NOTFOUND);
}

struct seen {
	char names[16][128];
	size_t n;
	size_t checked_members;
};

static int seen_cb(const struct group *g, const struct membership *m, size_t n,
                   const struct check_result *check, void *ctx)
{
	struct seen *s = ctx;

	(void)m;
	assert_true(s->n < 16);
	snprintf(s->names[s->n++], sizeof s->names[0], "%s", g->name);
	s->checked_members += n;
	assert_int_equal(check->n_sectors > 0, 1);
	return 0;
}

static void test_group_page(void **state)
{
	struct seen all = {0}, page = {0};

	(void)state;
	assert_int_equal(app_group_page(db, rules, TODAY, NULL, 0, 0,
	                                CHECK_WALK_CODES, seen_cb, &all),
	                 LAPE_OK);
	assert_int_equal(all.n, 9);
	assert_int_equal(app_group_page(db, rules, TODAY, NULL, 3, 4,
	                                CHECK_WALK_CODES, seen_cb, &page),
	                 LAPE_OK);
	assert_int_equal(page.n, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(page.names[i], all.names[3 + i]);
	memset(&page, 0, sizeof page);
	assert_int_equal(app_group_page(db, rules, TODAY, NULL, 8, 5,
	                                CHECK_WALK_CODES, seen_cb, &page),
	                 LAPE_OK);
	assert_int_equal(page.n, 1);
	assert_string_equal(page.names[0], all.names[8]);
}

static void test_matches_text(void **state)
{
	struct lookup_matches lm;
	int64_t id;
	char *s;

	(void)state;
	assert_int_equal(group_lookup(db, "kauniai", &id, &lm), LAPE_AMBIGUOUS);
	s = app_matches_text(&lm);
	assert_non_null(strstr(s, "  Espoon ja Kauniaisten LAPE-ryhmä\n"));
	assert_non_null(strstr(s, "  Kauniaisten LAPE-työryhmä\n"));
	free(s);
	lookup_matches_clear(&lm);
}

/* ---- the context ------------------------------------------------------- */

static char told[1024];
static int n_told;

static void tell(const char *what, const char *msg)
{
	snprintf(told, sizeof told, "%s: %s", what ? what : "-", msg);
	n_told++;
}

static void ctx_setup(struct lape_ctx *ctx, const char *path)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->cfg.db_path = strdup(path);
	ctx->cfg.share_dir = strdup(SHARE_SRCDIR);
	ctx->report = tell;
	n_told = 0;
	told[0] = '\0';
}

static void test_ctx_open(void **state)
{
	char dir[] = "/tmp/lape-test-app.XXXXXX", path[256];
	struct lape_ctx ctx;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/lape.db", dir);
	/* a file that is not there is not made unless asked */
	ctx_setup(&ctx, path);
	assert_int_equal(ctx_open_db(&ctx, DB_OPEN_EXISTING), -1);
	assert_null(ctx.db);
	assert_int_equal(n_told, 1);
	assert_string_not_equal(ctx.error, "");
	assert_int_not_equal(access(path, F_OK), 0);
	/* made, with the newest reference data, and its names read once */
	assert_int_equal(ctx_open_db(&ctx, DB_OPEN_CREATE), 0);
	assert_non_null(ctx.db);
	assert_int_equal(ctx_open_db(&ctx, DB_OPEN_EXISTING), 0);
	assert_int_equal(access(path, F_OK), 0);
	assert_ptr_equal(ctx_names(&ctx), ctx_names(&ctx));
	assert_string_equal(app_region_name(ctx_names(&ctx), "01"), "Uusimaa");
	assert_int_equal(ctx_load_rules(&ctx), 0);
	assert_non_null(ctx.rules);
	assert_int_equal(db_exec(ctx.db, "CREATE TABLE t_rw(a)", NULL),
	                 LAPE_OK);
	ctx_clear(&ctx);
	assert_null(ctx.db);
	assert_null(ctx.names);

	/* read-only: it opens, and refuses a write */
	ctx_setup(&ctx, path);
	ctx.cfg.read_only = true;
	assert_int_equal(ctx_open_db(&ctx, DB_OPEN_EXISTING), 0);
	assert_int_not_equal(db_exec(ctx.db, "CREATE TABLE t_ro(a)", NULL),
	                     LAPE_OK);
	assert_int_equal(db_status(ctx.db), LAPE_READONLY);
	assert_int_equal(n_told, 0);
	ctx_clear(&ctx);

	/* an empty name is refused before SQLite makes a temporary file */
	ctx_setup(&ctx, "");
	assert_int_equal(ctx_open_db(&ctx, DB_OPEN_CREATE), -1);
	assert_string_equal(told, "-: the name of the data file is empty");
	ctx_clear(&ctx);

	/* rules that cannot be read: told, and none loaded */
	ctx_setup(&ctx, path);
	ctx.cfg.rules_path = strdup("/nonexistent/rules.ini");
	assert_int_equal(ctx_load_rules(&ctx), -1);
	assert_null(ctx.rules);
	assert_int_equal(n_told, 1);
	assert_non_null(strstr(ctx.error, "/nonexistent/rules.ini"));
	/* without a reporter the error is only kept */
	ctx.report = NULL;
	n_told = 0;
	assert_int_equal(ctx_load_rules(&ctx), -1);
	assert_int_equal(n_told, 0);
	assert_string_not_equal(ctx.error, "");
	/* no file open: no names, and a region is its code */
	assert_null(ctx_names(&ctx));
	assert_string_equal(app_region_name(ctx_names(&ctx), "01"), "01");
	ctx_clear(&ctx);

	unlink(path);
	rmdir(dir);
}

/* ---- a page walk gives what loading each group gives ------------------- */

struct walked {
	size_t n;
	int failures;
};

static int same_as_load_cb(const struct group *g, const struct membership *m,
                           size_t n, const struct check_result *check,
                           void *ctx)
{
	struct walked *w = ctx;
	struct app_group ag;

	w->n++;
	assert_int_equal(app_group_load(db, rules, TODAY, NULL, g->id, &ag),
	                 LAPE_OK);
	assert_string_equal(ag.group.name, g->name);
	assert_int_equal(ag.group.version, g->version);
	assert_int_equal(ag.group.linked_group_id, g->linked_group_id);
	assert_int_equal(ag.group.n_municipalities, g->n_municipalities);
	assert_int_equal(ag.n_members, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ag.members[i].id, m[i].id);
		assert_int_equal(ag.members[i].role, m[i].role);
		assert_int_equal(ag.members[i].n_sectors, m[i].n_sectors);
		assert_int_equal(ag.members[i].name_withheld,
		                 m[i].name_withheld);
	}
	assert_int_equal(ag.check.complete, check->complete);
	assert_int_equal(ag.check.n_missing, check->n_missing);
	assert_int_equal(ag.check.n_sectors, check->n_sectors);
	assert_int_equal(ag.check.n_warnings, check->n_warnings);
	for (size_t i = 0; i < check->n_sectors; i++) {
		assert_int_equal(ag.check.sectors[i].present,
		                 check->sectors[i].present);
		assert_int_equal(ag.check.sectors[i].n_cover,
		                 check->sectors[i].n_cover);
	}
	for (size_t i = 0; i < check->n_warnings; i++)
		assert_int_equal(ag.check.warnings[i].kind,
		                 check->warnings[i].kind);
	app_group_clear(&ag);
	return 0;
}

static void test_page_equals_load(void **state)
{
	struct walked w = {0};
	size_t count = 0;

	(void)state;
	assert_int_equal(group_count(db, NULL, &count), LAPE_OK);
	assert_int_equal(app_group_page(db, rules, TODAY, NULL, 0, 0,
	                                CHECK_WALK_CODES, same_as_load_cb, &w),
	                 LAPE_OK);
	assert_int_equal(w.n, count);
	assert_true(w.n >= 9);
	/* page by page, the same */
	for (size_t off = 0; off < count; off += 2) {
		struct walked p = {0};

		assert_int_equal(app_group_page(db, rules, TODAY, NULL, off, 2,
		                                CHECK_WALK_CODES,
		                                same_as_load_cb, &p),
		                 LAPE_OK);
		assert_int_equal(p.n, count - off < 2 ? count - off : 2);
	}
}

/* The report of all groups has each in full, as of one group: whom a
 * deputy stands for, organisations, terms (it once copied the check's
 * lean walk, which has none of them). */
static void test_report_in_full(void **state)
{
	struct report_request req = {NULL, 0, NULL, true};
	struct report rep;
	size_t deputies = 0, organisations = 0, count = 0;

	(void)state;
	assert_int_equal(
	    report_build(db, rules, TODAY, "lape.db", "rules.ini", &req, &rep),
	    LAPE_OK);
	assert_int_equal(group_count(db, NULL, &count), LAPE_OK);
	assert_int_equal(rep.n_groups, count);
	for (size_t i = 0; i < rep.n_groups; i++) {
		const struct app_group *g = &rep.groups[i].ag;
		struct app_group one;

		assert_int_equal(
		    app_group_load(db, rules, TODAY, NULL, g->group.id, &one),
		    LAPE_OK);
		assert_string_equal(g->region_name, one.region_name);
		assert_string_equal(g->municipalities, one.municipalities);
		assert_int_equal(g->n_members, one.n_members);
		for (size_t k = 0; k < g->n_members; k++) {
			const struct membership *a = &g->members[k],
			                        *b = &one.members[k];

			assert_int_equal(a->deputy_of, b->deputy_of);
			assert_true((a->organisation == NULL) ==
			            (b->organisation == NULL));
			assert_true((a->start_date == NULL) ==
			            (b->start_date == NULL));
			deputies += a->deputy_of != 0;
			organisations += a->organisation != NULL;
		}
		app_group_clear(&one);
	}
	assert_true(deputies > 0);
	assert_true(organisations > 0);
	report_clear(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names_and_formats),
	    cmocka_unit_test(test_group_load),
	    cmocka_unit_test(test_group_page),
	    cmocka_unit_test(test_matches_text),
	    cmocka_unit_test(test_ctx_open),
	    cmocka_unit_test(test_page_equals_load),
	    cmocka_unit_test(test_report_in_full),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
