/* test-check.c -- the composition check on groups built in memory (every
 * rule, both levels, the edge cases), the warnings' texts, the change-agent
 * eligibility of a region, and a region's summary from a real data file. */

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
#include <time.h>

#include <cmocka.h>

#include "lape/check.h"
#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/rules.h"
#include "lape/store.h"

#define TODAY "2017-06-01"

static struct rules *rules;       /* the shipped rules */
static struct rules *small_rules; /* tests/data/rules-small.ini */

static struct rules *load(const char *path)
{
	struct rules *r = NULL;
	char err[512];

	if (rules_load(path, &r, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return NULL;
	}
	return r;
}

static int group_setup(void **state)
{
	(void)state;
	if (i18n_init("en") != 0)
		return -1;
	rules = load(SHARE_SRCDIR "/rules.ini");
	small_rules = load(TESTS_SRCDIR "/data/rules-small.ini");
	return rules && small_rules ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	rules_free(rules);
	rules_free(small_rules);
	return 0;
}

/* ---- building groups in memory ---------------------------------------- */

static struct group municipal(void)
{
	struct group g = {.id = 1,
	                  .level = LEVEL_MUNICIPAL,
	                  .name = (char *)"Kotkan LAPE-ryhmä",
	                  .status = STATUS_ACTIVE,
	                  .linked_group_id = 9};
	return g;
}

static struct group regional(void)
{
	struct group g = {.id = 9,
	                  .level = LEVEL_REGIONAL,
	                  .name = (char *)"Kymenlaakson LAPE-ryhmä",
	                  .status = STATUS_ACTIVE};
	memcpy(g.region_code, "08", 3);
	return g;
}

/* Fill M: person PID (0: a vacant seat) called NAME in ROLE, term ending
 * END (or NULL), for the sectors that follow, up to a NULL.  The strings
 * are borrowed: nothing here is freed. */
static void mem(struct membership *m, int64_t pid, const char *name,
                enum member_role role, const char *end, ...)
{
	const char *s;
	va_list ap;

	memset(m, 0, sizeof *m);
	m->id = pid ? pid : 1000;
	m->person_id = pid;
	m->person_name = (char *)name;
	m->role = role;
	m->end_date = (char *)end;
	va_start(ap, end);
	while ((s = va_arg(ap, const char *)) != NULL)
		m->sectors[m->n_sectors++] = (char *)s;
	va_end(ap);
}

/* A complete municipal group: six members, one per sector, the first the
 * chair.  Returns how many were filled (6); M must have room for more. */
static size_t full_municipal(struct membership *m)
{
	mem(&m[0], 1, "Aino Virtanen", ROLE_CHAIR, NULL, "social_health", NULL);
	mem(&m[1], 2, "Bertil Åberg", ROLE_MEMBER, NULL, "education", NULL);
	mem(&m[2], 3, "Cecilia Öhman", ROLE_MEMBER, NULL, "youth", NULL);
	mem(&m[3], 4, "Daniel Ek", ROLE_SECRETARY, NULL, "organisations", NULL);
	mem(&m[4], 5, "Eeva Mäki", ROLE_MEMBER, NULL, "parishes", NULL);
	mem(&m[5], 6, "Fanni Niemi", ROLE_MEMBER, NULL, "youth_rep", NULL);
	return 6;
}

static size_t full_regional(struct membership *m)
{
	mem(&m[0], 11, "Kalle Kunta", ROLE_CHAIR, NULL, "municipalities", NULL);
	mem(&m[1], 12, "Liisa Laakso", ROLE_MEMBER, NULL, "hospital_district",
	    NULL);
	mem(&m[2], 13, "Matti Järvi", ROLE_MEMBER, NULL, "organisations", NULL);
	mem(&m[3], 14, "Nina Opisto", ROLE_MEMBER, NULL,
	    "education_institutions", NULL);
	mem(&m[4], 15, "Olli Socca", ROLE_MEMBER, NULL, "competence_centre",
	    NULL);
	mem(&m[5], 16, "Pia Pappi", ROLE_VICE_CHAIR, NULL, "parishes", NULL);
	mem(&m[6], 17, "Roosa Nuori", ROLE_MEMBER, NULL, "youth_rep", NULL);
	return 7;
}

/* The result's entry for sector KEY (which must be required). */
static const struct check_sector *sector(const struct check_result *res,
                                         const char *key)
{
	int idx = rules_sector_index(rules, key);

	for (size_t i = 0; i < res->n_sectors; i++)
		if (res->sectors[i].sector == idx)
			return &res->sectors[i];
	fail_msg("sector %s not required", key);
	return NULL;
}

static size_t count(const struct check_result *res, enum check_warning_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < res->n_warnings; i++)
		n += res->warnings[i].kind == k;
	return n;
}

static const struct check_warning *warning(const struct check_result *res,
                                           enum check_warning_kind k)
{
	for (size_t i = 0; i < res->n_warnings; i++)
		if (res->warnings[i].kind == k)
			return &res->warnings[i];
	fail_msg("no %s warning", check_warning_key(k));
	return NULL;
}

static void check(const struct rules *r, const struct group *g,
                  const struct membership *m, size_t n,
                  struct check_result *res)
{
	assert_int_equal(group_check(r, g, m, n, TODAY, res), 0);
}

/* ---- complete groups --------------------------------------------------- */

static void test_municipal_complete(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	check(rules, &g, m, n, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_sectors, 6);
	assert_int_equal(res.n_missing, 0);
	assert_int_equal(res.n_warnings, 0);
	assert_null(res.warnings);
	for (size_t i = 0; i < 6; i++) {
		/* required sectors in the order of the rules; member i covers
		 * sector i */
		assert_int_equal(res.sectors[i].sector,
		                 rules->level[LEVEL_MUNICIPAL].required[i]);
		assert_true(res.sectors[i].present);
		assert_int_equal(res.sectors[i].n_cover, 1);
		assert_int_equal(res.sectors[i].cover[0], i);
	}
	check_result_free(&res);
	assert_null(res.warnings);
	assert_int_equal(res.n_warnings, 0);
}

static void test_regional_complete(void **state)
{
	struct group g = regional();
	struct membership m[8];
	struct check_result res;
	size_t n = full_regional(m);

	(void)state;
	check(rules, &g, m, n, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_sectors, 7);
	assert_int_equal(res.n_warnings, 0);
	assert_int_equal(sector(&res, "competence_centre")->cover[0], 4);
	check_result_free(&res);

	/* a regional group's members for municipal sectors do not help */
	mem(&m[4], 15, "Olli Socca", ROLE_MEMBER, NULL, "social_health",
	    "education", NULL);
	check(rules, &g, m, n, &res);
	assert_false(res.complete);
	assert_int_equal(res.n_missing, 1);
	assert_false(sector(&res, "competence_centre")->present);
	assert_int_equal(sector(&res, "competence_centre")->n_cover, 0);
	assert_int_equal(res.n_warnings, 0);
	check_result_free(&res);
}

/* ---- the text ---------------------------------------------------------- */

/* G's check as text, its sector lines' starts made by HEADS (NULL: made
 * for this group alone).  Caller frees. */
static char *check_text(const struct rules *r, const struct group *g,
                        const struct membership *m, size_t n,
                        struct output_check_heads *heads)
{
	struct check_result res;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	check(r, g, m, n, &res);
	output_check_text(f, heads, r, g, "Kymenlaakso", m, n, &res, 0);
	check_result_free(&res);
	assert_int_equal(fclose(f), 0);
	return text;
}

/* A run of checks keeps its sector lines' starts (one set a level): the
 * text is the same as each group's made alone, whichever groups and
 * rules come in between. */
static void test_text_heads(void **state)
{
	struct output_check_heads *heads = output_check_heads_new();
	struct group mg = municipal(), rg = regional();
	struct membership m[8], rm[8];
	size_t n = full_municipal(m), rn = full_regional(rm);
	struct {
		const struct rules *r;
		const struct group *g;
		const struct membership *m;
		size_t n;
	} run[] = {
	    {rules, &mg, m, n},         {rules, &rg, rm, rn},
	    {rules, &mg, m, 2},         {small_rules, &mg, m, n},
	    {small_rules, &rg, rm, rn}, {rules, &rg, rm, 3},
	    {rules, &mg, m, n},
	};

	(void)state;
	assert_non_null(heads);
	for (size_t i = 0; i < sizeof run / sizeof run[0]; i++) {
		char *alone =
		    check_text(run[i].r, run[i].g, run[i].m, run[i].n, NULL);
		char *kept =
		    check_text(run[i].r, run[i].g, run[i].m, run[i].n, heads);

		assert_string_equal(kept, alone);
		free(alone);
		free(kept);
		/* the labels in Finnish, then back */
		if (i == 1 || i == 2)
			assert_int_equal(i18n_init(i == 1 ? "fi" : "en"), 0);
	}
	/* a missing sector's label padded to the widest of the level's,
	 * after the regional group's wider ones were made */
	{
		char *text = check_text(rules, &mg, m, 2, heads);
		char line[256];

		snprintf(line, sizeof line, "\n  %s %-*s  missing\n",
		         output_mark(false),
		         (int)strlen("social and health services"),
		         "youth services");
		assert_non_null(strstr(text, line));
		free(text);
	}
	output_check_heads_free(heads);
}

/* ---- edge cases -------------------------------------------------------- */

static void test_no_members(void **state)
{
	struct group g = municipal();
	struct check_result res;

	(void)state;
	g.linked_group_id = 0;
	check(rules, &g, NULL, 0, &res);
	assert_false(res.complete);
	assert_int_equal(res.n_sectors, 6);
	assert_int_equal(res.n_missing, 6);
	for (size_t i = 0; i < 6; i++)
		assert_false(res.sectors[i].present);
	assert_int_equal(res.n_warnings, 2);
	assert_int_equal(count(&res, WARN_NO_CHAIR), 1);
	assert_int_equal(count(&res, WARN_NOT_LINKED), 1);
	assert_int_equal(warning(&res, WARN_NO_CHAIR)->member, CHECK_NO_MEMBER);
	check_result_free(&res);

	g = regional();
	check(rules, &g, NULL, 0, &res);
	assert_false(res.complete);
	assert_int_equal(res.n_missing, 7);
	assert_int_equal(res.n_warnings, 1);
	assert_int_equal(count(&res, WARN_NO_CHAIR), 1);
	check_result_free(&res);
}

static void test_combined_department(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	/* one person for a combined education-and-youth department */
	mem(&m[1], 2, "Bertil Åberg", ROLE_MEMBER, NULL, "education", "youth",
	    NULL);
	mem(&m[2], 3, "Cecilia Öhman", ROLE_MEMBER, NULL, "parishes", NULL);
	check(rules, &g, m, n, &res);
	assert_true(res.complete);
	assert_int_equal(sector(&res, "education")->n_cover, 1);
	assert_int_equal(sector(&res, "education")->cover[0], 1);
	assert_int_equal(sector(&res, "youth")->n_cover, 1);
	assert_int_equal(sector(&res, "youth")->cover[0], 1);
	assert_int_equal(sector(&res, "parishes")->n_cover, 2);
	assert_int_equal(sector(&res, "parishes")->cover[0], 2);
	assert_int_equal(sector(&res, "parishes")->cover[1], 4);
	check_result_free(&res);

	/* the same sector twice in one membership counts once */
	mem(&m[1], 2, "Bertil Åberg", ROLE_MEMBER, NULL, "education",
	    "education", NULL);
	check(rules, &g, m, n, &res);
	assert_false(res.complete); /* youth now missing */
	assert_int_equal(sector(&res, "education")->n_cover, 1);
	assert_false(sector(&res, "youth")->present);
	check_result_free(&res);
}

static void test_term_ended(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	/* ended yesterday: does not cover, and warns */
	m[2].end_date = (char *)"2017-05-31";
	check(rules, &g, m, n, &res);
	assert_false(res.complete);
	assert_int_equal(res.n_missing, 1);
	assert_false(sector(&res, "youth")->present);
	assert_int_equal(res.n_warnings, 1);
	assert_int_equal(res.warnings[0].kind, WARN_TERM_ENDED);
	assert_int_equal(res.warnings[0].member, 2);
	check_result_free(&res);

	/* ending today still counts; so does a term ending later */
	m[2].end_date = (char *)TODAY;
	m[3].end_date = (char *)"2018-12-31";
	check(rules, &g, m, n, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_warnings, 0);
	check_result_free(&res);

	/* an ended member next to a current one for the same sector */
	m[6] = m[2];
	m[6].person_id = 7;
	m[6].end_date = (char *)"2016-12-31";
	check(rules, &g, m, 7, &res);
	assert_true(res.complete);
	assert_int_equal(sector(&res, "youth")->n_cover, 1);
	assert_int_equal(count(&res, WARN_TERM_ENDED), 1);
	assert_int_equal(warning(&res, WARN_TERM_ENDED)->member, 6);
	check_result_free(&res);
}

static void test_vacant_youth_rep(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);
	const struct check_warning *w;

	(void)state;
	/* the youth representative's seat held by nobody */
	mem(&m[5], 0, NULL, ROLE_MEMBER, NULL, "youth_rep", NULL);
	check(rules, &g, m, n, &res);
	assert_false(res.complete);
	assert_int_equal(res.n_missing, 1);
	assert_false(sector(&res, "youth_rep")->present);
	assert_int_equal(sector(&res, "youth_rep")->n_cover, 0);
	assert_int_equal(res.n_warnings, 1);
	w = warning(&res, WARN_VACANT_SEAT);
	assert_int_equal(w->member, 5);
	assert_string_equal(w->sector, "youth_rep");
	check_result_free(&res);

	/* the same in a regional group */
	g = regional();
	n = full_regional(m);
	mem(&m[6], 0, NULL, ROLE_MEMBER, NULL, "youth_rep", "parishes", NULL);
	check(rules, &g, m, n, &res);
	assert_false(res.complete);
	assert_false(sector(&res, "youth_rep")->present);
	assert_int_equal(sector(&res, "parishes")->n_cover, 1);
	assert_int_equal(count(&res, WARN_VACANT_SEAT), 1);
	assert_string_equal(warning(&res, WARN_VACANT_SEAT)->sector,
	                    "youth_rep");
	check_result_free(&res);
}

static void test_chair(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	/* the chair's term has ended: no chair (and not complete) */
	m[0].end_date = (char *)"2017-01-31";
	check(rules, &g, m, n, &res);
	assert_int_equal(count(&res, WARN_NO_CHAIR), 1);
	assert_int_equal(count(&res, WARN_TERM_ENDED), 1);
	assert_false(res.complete);
	check_result_free(&res);

	/* a vacant chair's seat is no chair either */
	mem(&m[0], 0, NULL, ROLE_CHAIR, NULL, "social_health", NULL);
	check(rules, &g, m, n, &res);
	assert_int_equal(count(&res, WARN_NO_CHAIR), 1);
	assert_int_equal(count(&res, WARN_VACANT_SEAT), 1);
	check_result_free(&res);

	/* no one in the chair role; a vice-chair does not count */
	mem(&m[0], 1, "Aino Virtanen", ROLE_VICE_CHAIR, NULL, "social_health",
	    NULL);
	check(rules, &g, m, n, &res);
	assert_true(res.complete); /* a warning, not a missing sector */
	assert_int_equal(res.n_warnings, 1);
	assert_int_equal(res.warnings[0].kind, WARN_NO_CHAIR);
	check_result_free(&res);

	/* the chair may sit anywhere in the list */
	m[4].role = ROLE_CHAIR;
	check(rules, &g, m, n, &res);
	assert_int_equal(res.n_warnings, 0);
	check_result_free(&res);
}

static void test_unknown_and_other_sectors(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);
	const struct check_warning *w;

	(void)state;
	/* a sector the rules do not know: warned, complete all the same */
	mem(&m[6], 7, "Gunnar Grön", ROLE_MEMBER, NULL, "choir", "youth", NULL);
	check(rules, &g, m, 7, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_warnings, 1);
	w = warning(&res, WARN_UNKNOWN_SECTOR);
	assert_int_equal(w->member, 6);
	assert_string_equal(w->sector, "choir");
	assert_int_equal(sector(&res, "youth")->n_cover, 2);
	check_result_free(&res);

	/* a known sector the level does not require: fine, no warning */
	mem(&m[6], 7, "Gunnar Grön", ROLE_MEMBER, NULL, "hospital_district",
	    NULL);
	check(rules, &g, m, 7, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_warnings, 0);
	check_result_free(&res);

	/* a member with only an unknown sector does not cover anything */
	mem(&m[2], 3, "Cecilia Öhman", ROLE_MEMBER, NULL, "youth services",
	    NULL);
	check(rules, &g, m, n, &res);
	assert_false(res.complete);
	assert_false(sector(&res, "youth")->present);
	assert_int_equal(count(&res, WARN_UNKNOWN_SECTOR), 1);
	check_result_free(&res);
}

static void test_dissolved(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	g.status = STATUS_DISSOLVED;
	check(rules, &g, m, n, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_warnings, 1);
	assert_int_equal(res.warnings[0].kind, WARN_DISSOLVED);
	assert_int_equal(res.warnings[0].member, CHECK_NO_MEMBER);
	assert_null(res.warnings[0].sector);
	check_result_free(&res);
}

static void test_link(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	g.linked_group_id = 0;
	check(rules, &g, m, n, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_warnings, 1);
	assert_int_equal(res.warnings[0].kind, WARN_NOT_LINKED);
	check_result_free(&res);

	/* linked by hand counts the same as derived */
	g.regional_group_id = 9;
	g.linked_group_id = 9;
	check(rules, &g, m, n, &res);
	assert_int_equal(res.n_warnings, 0);
	check_result_free(&res);

	/* a regional group is never "not linked" */
	g = regional();
	n = full_regional(m);
	check(rules, &g, m, n, &res);
	assert_int_equal(count(&res, WARN_NOT_LINKED), 0);
	check_result_free(&res);
}

static void test_many_members(void **state)
{
	struct group g = municipal();
	struct membership m[20];
	struct check_result res;
	size_t n = full_municipal(m);

	(void)state;
	/* ten more for organisations: all counted, the first 8 listed */
	for (size_t i = 0; i < 10; i++)
		mem(&m[n + i], (int64_t)(100 + i), "Org Rep", ROLE_MEMBER, NULL,
		    "organisations", NULL);
	check(rules, &g, m, n + 10, &res);
	assert_int_equal(sector(&res, "organisations")->n_cover, 11);
	assert_int_equal(sector(&res, "organisations")->cover[0], 3);
	assert_int_equal(sector(&res, "organisations")->cover[7], 12);
	check_result_free(&res);
}

static void test_custom_rules(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;

	(void)state;
	/* fewer sectors: two members make a complete group, and the
	 * warnings this file turns off stay off */
	g.linked_group_id = 0;
	mem(&m[0], 1, "Aino Virtanen", ROLE_MEMBER, NULL, "social_health",
	    NULL);
	mem(&m[1], 2, "Bertil Åberg", ROLE_MEMBER, NULL, "education", NULL);
	mem(&m[2], 0, NULL, ROLE_MEMBER, NULL, "youth_rep", NULL);
	mem(&m[3], 4, "Daniel Ek", ROLE_MEMBER, "2016-12-31", "education",
	    NULL);
	check(small_rules, &g, m, 4, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_sectors, 2);
	/* youth_rep is not in this file: unknown, still reported */
	assert_int_equal(res.n_warnings, 1);
	assert_int_equal(res.warnings[0].kind, WARN_UNKNOWN_SECTOR);
	check_result_free(&res);

	/* the same group under the shipped rules */
	check(rules, &g, m, 4, &res);
	assert_false(res.complete);
	assert_int_equal(res.n_missing, 4);
	assert_int_equal(count(&res, WARN_NO_CHAIR), 1);
	assert_int_equal(count(&res, WARN_NOT_LINKED), 1);
	assert_int_equal(count(&res, WARN_VACANT_SEAT), 1);
	assert_int_equal(count(&res, WARN_TERM_ENDED), 1);
	assert_int_equal(count(&res, WARN_UNKNOWN_SECTOR), 0);
	check_result_free(&res);

	/* a regional group under the small rules */
	g = regional();
	mem(&m[0], 11, "Kalle Kunta", ROLE_MEMBER, NULL, "municipalities",
	    NULL);
	check(small_rules, &g, m, 1, &res);
	assert_true(res.complete);
	assert_int_equal(res.n_sectors, 1);
	assert_int_equal(res.n_warnings, 0);
	check_result_free(&res);
}

static void test_bad_level(void **state)
{
	struct group g = municipal();
	struct check_result res;

	(void)state;
	g.level = (enum group_level)7;
	assert_int_equal(group_check(rules, &g, NULL, 0, TODAY, &res), -1);
	assert_int_equal(res.n_warnings, 0);
	assert_null(res.warnings);
}

/* ---- warning texts ----------------------------------------------------- */

static char *text(const struct check_warning *w, const struct membership *m)
{
	char *s = check_warning_text(w, m, rules);
	assert_non_null(s);
	return s;
}

static void test_warning_texts(void **state)
{
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	char *s;

	(void)state;
	g.status = STATUS_DISSOLVED;
	g.linked_group_id = 0;
	mem(&m[0], 1, "Aino Virtanen", ROLE_MEMBER, "2017-01-31",
	    "social_health", NULL);
	mem(&m[1], 0, NULL, ROLE_MEMBER, NULL, "youth_rep", NULL);
	mem(&m[2], 3, "Cecilia Öhman", ROLE_MEMBER, NULL, "choir", NULL);
	check(rules, &g, m, 3, &res);
	assert_int_equal(res.n_warnings, 6);

	s = text(warning(&res, WARN_NO_CHAIR), m);
	assert_string_equal(s, "no chair");
	free(s);
	s = text(warning(&res, WARN_NOT_LINKED), m);
	assert_string_equal(s, "not linked to a regional group");
	free(s);
	s = text(warning(&res, WARN_DISSOLVED), m);
	assert_string_equal(s, "the group is dissolved");
	free(s);
	s = text(warning(&res, WARN_TERM_ENDED), m);
	assert_string_equal(s, "Aino Virtanen: term ended 2017-01-31");
	free(s);
	s = text(warning(&res, WARN_VACANT_SEAT), m);
	assert_string_equal(s, "vacant seat: youth representative");
	free(s);
	s = text(warning(&res, WARN_UNKNOWN_SECTOR), m);
	assert_string_equal(s, "Cecilia Öhman: unknown sector \"choir\"");
	free(s);

	/* in Finnish: Finnish dates and labels */
	assert_int_equal(i18n_init("fi"), 0);
	s = text(warning(&res, WARN_TERM_ENDED), m);
	assert_non_null(strstr(s, "Aino Virtanen"));
	assert_non_null(strstr(s, "31.1.2017"));
	free(s);
	s = text(warning(&res, WARN_VACANT_SEAT), m);
	assert_non_null(strstr(s, "nuorten edustaja"));
	free(s);
	assert_int_equal(i18n_init("sv"), 0);
	s = text(warning(&res, WARN_VACANT_SEAT), m);
	assert_non_null(strstr(s, "representant för de unga"));
	free(s);
	assert_int_equal(i18n_init("en"), 0);
	check_result_free(&res);
}

static void test_warning_keys(void **state)
{
	(void)state;
	assert_string_equal(check_warning_key(WARN_NO_CHAIR), "no_chair");
	assert_string_equal(check_warning_key(WARN_TERM_ENDED), "term_ended");
	assert_string_equal(check_warning_key(WARN_NOT_LINKED), "not_linked");
	assert_string_equal(check_warning_key(WARN_VACANT_SEAT), "vacant_seat");
	assert_string_equal(check_warning_key(WARN_UNKNOWN_SECTOR),
	                    "unknown_sector");
	assert_string_equal(check_warning_key(WARN_DISSOLVED), "dissolved");
}

/* Fast enough for every group of a 100x national data set. */
static void test_speed(void **state)
{
	struct group g = municipal();
	struct membership m[14];
	struct check_result res;
	size_t n = full_municipal(m), complete = 0;
	struct timespec t0, t1;
	double secs;

	(void)state;
	for (size_t i = n; i < 14; i++)
		mem(&m[i], (int64_t)i + 1, "X", ROLE_MEMBER,
		    i % 3 ? NULL : "2016-01-01", "organisations", "choir",
		    NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 31000; i++) {
		assert_int_equal(group_check(rules, &g, m, 14, TODAY, &res), 0);
		complete += res.complete;
		check_result_free(&res);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_int_equal(complete, 31000);
	if (secs >= 1.0)
		fail_msg("31,000 groups took %.3f s", secs);
}

/* ---- gender balance ---------------------------------------------------- */

static const struct check_warning *find_warning(const struct check_result *res,
                                                enum check_warning_kind k)
{
	for (size_t i = 0; i < res->n_warnings; i++)
		if (res->warnings[i].kind == k)
			return &res->warnings[i];
	return NULL;
}

static void test_gender_balance(void **state)
{
	static const enum person_gender two_four[] = {
	    GENDER_WOMAN, GENDER_WOMAN, GENDER_MAN,
	    GENDER_MAN,   GENDER_MAN,   GENDER_MAN};
	struct rules r = *rules;
	struct group g = municipal();
	struct membership m[8];
	struct check_result res;
	const struct check_warning *w;
	size_t n = full_municipal(m);
	char *t;

	(void)state;
	/* off by default: no shares, no warning */
	assert_int_equal(rules->level[LEVEL_MUNICIPAL].gender_balance, 0);
	assert_int_equal(group_check(rules, &g, m, n, "2017-06-01", &res), 0);
	assert_int_equal(res.gender.min_percent, 0);
	assert_null(find_warning(&res, WARN_GENDER_UNSTATED));
	check_result_free(&res);

	r.level[LEVEL_MUNICIPAL].gender_balance = 40;
	/* not stated for everyone: said so, not guessed */
	assert_int_equal(group_check(&r, &g, m, n, "2017-06-01", &res), 0);
	w = find_warning(&res, WARN_GENDER_UNSTATED);
	assert_non_null(w);
	assert_null(find_warning(&res, WARN_GENDER_BALANCE));
	assert_int_equal(res.gender.unstated, 6);
	t = check_warning_text(w, m, &r);
	assert_non_null(strstr(t, "not stated for 6 current members"));
	free(t);
	assert_true(res.complete); /* a warning: the sectors are covered */
	check_result_free(&res);

	/* 2 women, 4 men: 33 % women, under 40 % */
	for (size_t i = 0; i < n; i++)
		m[i].person_gender = two_four[i];
	assert_int_equal(group_check(&r, &g, m, n, "2017-06-01", &res), 0);
	w = find_warning(&res, WARN_GENDER_BALANCE);
	assert_non_null(w);
	assert_int_equal(res.gender.women, 2);
	assert_int_equal(res.gender.men, 4);
	assert_int_equal(res.gender.women_percent, 33);
	t = check_warning_text(w, m, &r);
	assert_string_equal(t, "gender balance: 2 women (33 %), 4 men (67 %), "
	                       "0 other; at least 40 % each of women and "
	                       "men: not met");
	free(t);
	check_result_free(&res);

	/* 3 and 3: met, no warning, the shares still reported */
	m[2].person_gender = GENDER_WOMAN;
	assert_int_equal(group_check(&r, &g, m, n, "2017-06-01", &res), 0);
	assert_null(find_warning(&res, WARN_GENDER_BALANCE));
	t = check_gender_text(&res.gender);
	assert_non_null(strstr(t, "3 women (50 %), 3 men (50 %)"));
	assert_non_null(strstr(t, ": met"));
	free(t);
	/* one of each: the singular, each count its own */
	res.gender.women = res.gender.men = res.gender.other = 1;
	t = check_gender_text(&res.gender);
	assert_non_null(strstr(t, "1 woman (50 %), 1 man (50 %), 1 other;"));
	free(t);
	check_result_free(&res);

	/* an ended term and a second seat of the same person do not count */
	m[0].end_date = (char *)"2016-12-31"; /* a woman leaves: 2 of 5 */
	mem(&m[6], 3, "Cecilia Öhman", ROLE_MEMBER, NULL, "youth_rep", NULL);
	m[6].person_gender = GENDER_WOMAN;
	assert_int_equal(group_check(&r, &g, m, 7, "2017-06-01", &res), 0);
	assert_int_equal(res.gender.women, 2);
	assert_int_equal(res.gender.men, 3);
	assert_null(find_warning(&res, WARN_GENDER_BALANCE)); /* 40 % */
	check_result_free(&res);
}

/* ---- region eligibility ----------------------------------------------- */

static void test_region_eligible(void **state)
{
	static const struct {
		bool need_complete;
		int coverage;
		size_t n_munis, n_covered;
		enum regional_state regional;
		bool eligible;
	} cases[] = {
	    /* the shipped rules: complete regional group, all covered */
	    {true, 100, 7, 7, REGIONAL_COMPLETE, true},
	    {true, 100, 7, 6, REGIONAL_COMPLETE, false},
	    {true, 100, 7, 7, REGIONAL_INCOMPLETE, false},
	    {true, 100, 7, 7, REGIONAL_NONE, false},
	    /* "nearly all" of the municipalities */
	    {true, 90, 10, 9, REGIONAL_COMPLETE, true},
	    {true, 90, 10, 8, REGIONAL_COMPLETE, false},
	    {true, 90, 7, 6, REGIONAL_COMPLETE, false}, /* 85.7 % */
	    {true, 85, 7, 6, REGIONAL_COMPLETE, true},
	    /* a regional group that merely exists */
	    {false, 100, 7, 7, REGIONAL_INCOMPLETE, true},
	    {false, 100, 7, 7, REGIONAL_NONE, false},
	    {false, 0, 7, 0, REGIONAL_INCOMPLETE, true},
	    /* no municipalities at all */
	    {true, 100, 0, 0, REGIONAL_COMPLETE, true},
	    {true, 100, 0, 0, REGIONAL_NONE, false},
	};
	struct rules r = *rules;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* here every group with a group has current members */
		struct region_facts f = {
		    .n_municipalities = cases[i].n_munis,
		    .n_covered = cases[i].n_covered,
		    .n_staffed = cases[i].n_covered,
		    .regional = cases[i].regional,
		    .regional_staffed = cases[i].regional != REGIONAL_NONE};
		r.agent_require_regional_complete = cases[i].need_complete;
		r.agent_municipal_coverage = cases[i].coverage;
		r.agent_municipal_groups = AGENT_GROUPS_MEMBERS;
		if (region_eligible(&r, &f) != cases[i].eligible)
			fail_msg("case %zu: expected %s", i,
			         cases[i].eligible ? "eligible"
			                           : "not eligible");
	}
}

/* A group counts only with current members: Kymenlaakso's seven
 * municipal groups without members made it eligible. */
static void test_region_eligible_members(void **state)
{
	struct rules r = *rules;
	struct region_facts f = {.n_municipalities = 7,
	                         .n_covered = 7,
	                         .n_staffed = 0,
	                         .n_complete = 0,
	                         .regional = REGIONAL_INCOMPLETE,
	                         .regional_staffed = true};

	(void)state;
	r.agent_require_regional_complete = false;
	r.agent_municipal_coverage = 100;
	r.agent_municipal_groups = AGENT_GROUPS_MEMBERS;
	assert_false(region_eligible(&r, &f));
	f.n_staffed = 7;
	assert_true(region_eligible(&r, &f));
	/* with municipal_groups = complete, having members is not enough */
	r.agent_municipal_groups = AGENT_GROUPS_COMPLETE;
	assert_false(region_eligible(&r, &f));
	f.n_complete = 7;
	assert_true(region_eligible(&r, &f));
	/* a regional group without current members does not count either */
	f.regional_staffed = false;
	assert_false(region_eligible(&r, &f));
}

/* ---- a region's summary from a data file ------------------------------ */

static int64_t add_person(struct lape_db *db, const char *name)
{
	struct person p = {0};

	p.surname = strdup(name);
	assert_int_equal(person_save(db, &p), LAPE_OK);
	int64_t id = p.id;
	person_clear(&p);
	return id;
}

/* A group of LEVEL for the municipalities CODES ("285 075"), or the
 * region 08 when regional, with PERSON as its chair for SECTORS ("a b").
 * Returns its id. */
static int64_t add_group(struct lape_db *db, enum group_level level,
                         const char *name, const char *codes,
                         const char *sectors, int64_t person)
{
	struct group g = {0};
	struct membership m = {0};
	char buf[256], *save = NULL, *tok;
	int64_t id;

	g.level = level;
	g.name = strdup(name);
	g.status = STATUS_ACTIVE;
	if (level == LEVEL_REGIONAL)
		memcpy(g.region_code, "08", 3);
	snprintf(buf, sizeof buf, "%s", codes);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		assert_int_equal(group_add_municipality(&g, tok), LAPE_OK);
	if (group_save(db, &g) != LAPE_OK)
		fail_msg("group_save %s: %s", name, db_errmsg(db));
	id = g.id;
	group_clear(&g);

	/* one member, the chair, for all the sectors */
	m.group_id = id;
	m.person_id = person;
	m.role = ROLE_CHAIR;
	snprintf(buf, sizeof buf, "%s", sectors);
	for (tok = strtok_r(buf, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		assert_int_equal(membership_add_sector(&m, tok), LAPE_OK);
	if (membership_save(db, &m) != LAPE_OK)
		fail_msg("membership_save: %s", db_errmsg(db));
	membership_clear(&m);
	return id;
}

static void dissolve(struct lape_db *db, int64_t id)
{
	struct group g;

	assert_int_equal(group_get(db, id, &g), LAPE_OK);
	g.status = STATUS_DISSOLVED;
	assert_int_equal(group_save(db, &g), LAPE_OK);
	group_clear(&g);
}

#define MUNICIPAL_ALL                                                          \
	"social_health education youth organisations parishes youth_rep"
#define REGIONAL_ALL                                                           \
	"municipalities hospital_district organisations "                      \
	"education_institutions competence_centre parishes youth_rep"

/* A group of the municipality CODE with no members at all. */
static int64_t add_empty_group(struct lape_db *db, const char *name,
                               const char *code)
{
	struct group g = {0};
	int64_t id;

	g.level = LEVEL_MUNICIPAL;
	g.name = strdup(name);
	assert_int_equal(group_add_municipality(&g, code), LAPE_OK);
	if (group_save(db, &g) != LAPE_OK)
		fail_msg("group_save %s: %s", name, db_errmsg(db));
	id = g.id;
	group_clear(&g);
	return id;
}

/* Kymenlaakso in the example had "7/7 have a group, 0 complete" and was
 * eligible: its municipal groups had no members.  A group counts only
 * with current members, in the kept state and in the walk alike. */
static void test_region_needs_members(void **state)
{
	static const char *const codes[] = {"075", "142", "285", "286",
	                                    "489", "624", "935"};
	struct lape_db *db = NULL;
	struct region_summary s, *all;
	struct rules r = *rules;
	char err[512], name[64];
	size_t n;
	int64_t p;

	(void)state;
	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) !=
	    LAPE_OK)
		fail_msg("db_open: %s", err);
	if (refdata_load(db, SHARE_SRCDIR, 2016) != LAPE_OK)
		fail_msg("refdata_load: %s", db_errmsg(db));
	p = add_person(db, "Aino Virtanen");
	add_group(db, LEVEL_REGIONAL, "Kymenlaakson LAPE", "", REGIONAL_ALL, p);
	for (size_t i = 0; i < 7; i++) {
		snprintf(name, sizeof name, "Tyhjä %s", codes[i]);
		add_empty_group(db, name, codes[i]);
	}
	r.agent_require_regional_complete = true;
	assert_int_equal(region_summarize(db, &r, "08", TODAY, &s), LAPE_OK);
	assert_int_equal(s.facts.n_covered, 7);
	assert_int_equal(s.facts.n_staffed, 0);
	assert_int_equal(s.facts.regional, REGIONAL_COMPLETE);
	assert_true(s.facts.regional_staffed);
	assert_false(s.eligible);
	region_summary_clear(&s);
	assert_int_equal(region_summarize_all_walk(db, &r, TODAY, &all, &n),
	                 LAPE_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].region.code, "08") == 0) {
			assert_int_equal(all[i].facts.n_staffed, 0);
			assert_false(all[i].eligible);
		}
	region_summary_free_array(all, n);

	/* with a member each (not complete): eligible by "members" ... */
	for (size_t i = 0; i < 7; i++) {
		snprintf(name, sizeof name, "Jäsen %s", codes[i]);
		add_group(db, LEVEL_MUNICIPAL, name, codes[i], "education", p);
	}
	assert_int_equal(region_summarize(db, &r, "08", TODAY, &s), LAPE_OK);
	assert_int_equal(s.facts.n_staffed, 7);
	assert_int_equal(s.facts.n_complete, 0);
	assert_true(s.eligible);
	region_summary_clear(&s);
	/* ... not by "complete" */
	r.agent_municipal_groups = AGENT_GROUPS_COMPLETE;
	assert_int_equal(region_summarize(db, &r, "08", TODAY, &s), LAPE_OK);
	assert_false(s.eligible);
	region_summary_clear(&s);
	assert_int_equal(region_summarize_all_walk(db, &r, TODAY, &all, &n),
	                 LAPE_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].region.code, "08") == 0) {
			assert_int_equal(all[i].facts.n_staffed, 7);
			assert_false(all[i].eligible);
		}
	region_summary_free_array(all, n);
	db_close(db);
}

static void test_region_summary(void **state)
{
	struct lape_db *db = NULL;
	struct region_summary s;
	char err[512];
	int64_t p, reg1, reg2;
	struct rules r = *rules;

	(void)state;
	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) !=
	    LAPE_OK)
		fail_msg("db_open: %s", err);
	if (refdata_load(db, SHARE_SRCDIR, 2016) != LAPE_OK)
		fail_msg("refdata_load: %s", db_errmsg(db));
	p = add_person(db, "Aino Virtanen");

	/* Kymenlaakso (08), 2016: Hamina 075, Iitti 142, Kotka 285,
	 * Kouvola 286, Miehikkälä 489, Pyhtää 624, Virolahti 935. */
	assert_int_equal(region_summarize(db, rules, "08", TODAY, &s), LAPE_OK);
	assert_string_equal(s.region.code, "08");
	assert_string_equal(s.region.name_fi, "Kymenlaakso");
	assert_int_equal(s.facts.n_municipalities, 7);
	assert_int_equal(s.facts.n_covered, 0);
	assert_int_equal(s.facts.regional, REGIONAL_NONE);
	assert_int_equal(s.regional_group_id, 0);
	assert_int_equal(s.n_uncovered, 7);
	assert_false(s.has_agent);
	assert_false(s.eligible);
	region_summary_clear(&s);

	/* the lowest-id regional group is the region's: incomplete here */
	reg1 = add_group(db, LEVEL_REGIONAL, "Kymenlaakson LAPE", "",
	                 "municipalities parishes", p);
	reg2 = add_group(db, LEVEL_REGIONAL, "Kymenlaakson LAPE 2", "",
	                 REGIONAL_ALL, p);
	add_group(db, LEVEL_MUNICIPAL, "Kotkan LAPE", "285", MUNICIPAL_ALL, p);
	/* a joint group covers each of its municipalities */
	add_group(db, LEVEL_MUNICIPAL, "Itäinen LAPE", "075 935 489",
	          "social_health education", p);
	add_group(db, LEVEL_MUNICIPAL, "Kouvolan LAPE", "286", MUNICIPAL_ALL,
	          p);
	/* a dissolved group covers nothing */
	dissolve(db, add_group(db, LEVEL_MUNICIPAL, "Iitin LAPE", "142",
	                       MUNICIPAL_ALL, p));
	/* another region's group does not count */
	add_group(db, LEVEL_MUNICIPAL, "Kokkolan LAPE", "272", MUNICIPAL_ALL,
	          p);

	assert_int_equal(region_summarize(db, rules, "08", TODAY, &s), LAPE_OK);
	assert_int_equal(s.facts.n_municipalities, 7);
	assert_int_equal(s.facts.n_covered, 5);
	assert_int_equal(s.facts.n_complete, 2);
	assert_int_equal(s.facts.regional, REGIONAL_INCOMPLETE);
	assert_int_equal(s.regional_group_id, reg1);
	assert_int_equal(s.n_uncovered, 2);
	assert_string_equal(s.uncovered[0], "Iitti");
	assert_string_equal(s.uncovered[1], "Pyhtää");
	assert_false(s.eligible);
	region_summary_clear(&s);

	/* Swedish names in Swedish */
	assert_int_equal(i18n_init("sv"), 0);
	assert_int_equal(region_summarize(db, rules, "08", TODAY, &s), LAPE_OK);
	assert_int_equal(s.n_uncovered, 2);
	assert_string_equal(s.uncovered[1], "Pyttis");
	region_summary_clear(&s);
	assert_int_equal(i18n_init("en"), 0);

	/* with the first regional group dissolved, the second counts; and
	 * with 5 of 7 covered the region is eligible at 70 % but not 75 % */
	dissolve(db, reg1);
	r.agent_municipal_coverage = 70;
	assert_int_equal(region_summarize(db, &r, "08", TODAY, &s), LAPE_OK);
	assert_int_equal(s.facts.regional, REGIONAL_COMPLETE);
	assert_int_equal(s.regional_group_id, reg2);
	assert_true(s.eligible);
	region_summary_clear(&s);
	r.agent_municipal_coverage = 75;
	assert_int_equal(region_summarize(db, &r, "08", TODAY, &s), LAPE_OK);
	assert_false(s.eligible);
	region_summary_clear(&s);

	/* every municipality covered: eligible under the shipped rules */
	add_group(db, LEVEL_MUNICIPAL, "Iitin ja Pyhtään LAPE", "142 624",
	          MUNICIPAL_ALL, p);
	assert_int_equal(region_summarize(db, rules, "08", TODAY, &s), LAPE_OK);
	assert_int_equal(s.facts.n_covered, 7);
	assert_int_equal(s.facts.n_complete, 4);
	assert_int_equal(s.n_uncovered, 0);
	assert_null(s.uncovered);
	assert_true(s.eligible);
	assert_false(s.has_agent);
	region_summary_clear(&s);

	/* the region's change agent */
	{
		struct agent a = {0};
		a.person_id = add_person(db, "Muutos Agentti");
		memcpy(a.region_code, "08", 3);
		a.employer = strdup("Kotka");
		a.funding_share = 100;
		a.status = AGENT_ACTIVE;
		if (agent_save(db, &a) != LAPE_OK)
			fail_msg("agent_save: %s", db_errmsg(db));
		agent_clear(&a);
	}
	assert_int_equal(region_summarize(db, rules, "08", TODAY, &s), LAPE_OK);
	assert_true(s.has_agent);
	assert_string_equal(s.agent.person_name, "Muutos Agentti");
	assert_string_equal(s.agent.region_code, "08");
	region_summary_clear(&s);

	/* Åland: LAPE did not cover it, never eligible */
	assert_int_equal(region_summarize(db, rules, "21", TODAY, &s), LAPE_OK);
	assert_false(s.region.in_lape);
	assert_false(s.eligible);
	region_summary_clear(&s);

	/* no such region */
	assert_int_equal(region_summarize(db, rules, "99", TODAY, &s),
	                 LAPE_NOTFOUND);
	assert_int_equal(s.n_uncovered, 0);
	assert_null(s.uncovered);

	/* all regions in one pass: the same as one by one */
	{
		struct region_summary *all;
		size_t n;

		assert_int_equal(
		    region_summarize_all(db, rules, TODAY, &all, &n), LAPE_OK);
		assert_int_equal(n, 18); /* Åland left out */
		for (size_t i = 0; i < n; i++) {
			const struct region_summary *a = &all[i];

			if (i > 0)
				assert_true(strcmp(all[i - 1].region.code,
				                   a->region.code) < 0);
			assert_int_equal(region_summarize(db, rules,
			                                  a->region.code, TODAY,
			                                  &s),
			                 LAPE_OK);
			assert_string_equal(a->region.name_sv,
			                    s.region.name_sv);
			assert_memory_equal(&a->facts, &s.facts,
			                    sizeof s.facts);
			assert_int_equal(a->regional_group_id,
			                 s.regional_group_id);
			assert_int_equal(a->n_uncovered, s.n_uncovered);
			for (size_t k = 0; k < s.n_uncovered; k++)
				assert_string_equal(a->uncovered[k],
				                    s.uncovered[k]);
			assert_int_equal(a->has_agent, s.has_agent);
			assert_int_equal(a->eligible, s.eligible);
			region_summary_clear(&s);
		}
		assert_string_equal(all[6].region.code, "08");
		assert_true(all[6].eligible);
		assert_true(all[6].has_agent);
		assert_int_equal(all[0].facts.n_municipalities,
		                 26); /* Uusimaa */
		assert_int_equal(all[0].facts.n_covered, 0);
		region_summary_free_array(all, n);
	}
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_municipal_complete),
	    cmocka_unit_test(test_regional_complete),
	    cmocka_unit_test(test_text_heads),
	    cmocka_unit_test(test_no_members),
	    cmocka_unit_test(test_combined_department),
	    cmocka_unit_test(test_term_ended),
	    cmocka_unit_test(test_vacant_youth_rep),
	    cmocka_unit_test(test_chair),
	    cmocka_unit_test(test_unknown_and_other_sectors),
	    cmocka_unit_test(test_dissolved),
	    cmocka_unit_test(test_link),
	    cmocka_unit_test(test_many_members),
	    cmocka_unit_test(test_custom_rules),
	    cmocka_unit_test(test_bad_level),
	    cmocka_unit_test(test_warning_texts),
	    cmocka_unit_test(test_warning_keys),
	    cmocka_unit_test(test_speed),
	    cmocka_unit_test(test_gender_balance),
	    cmocka_unit_test(test_region_eligible),
	    cmocka_unit_test(test_region_eligible_members),
	    cmocka_unit_test(test_region_needs_members),
	    cmocka_unit_test(test_region_summary),
	};

	return cmocka_run_group_tests_name("check", tests, group_setup,
	                                   group_teardown);
}
