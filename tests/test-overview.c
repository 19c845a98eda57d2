/* test-overview.c -- the overview's state kept in the data file gives the
 * same answer as checking every group (region_summarize_all_walk(), what
 * `lape check` does), after every kind of write, a merge-like and an
 * undo-like write in plain SQL, and a change of the rules; on several
 * days.  On :memory: databases. */

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

#include "lape/check.h"
#include "lape/db.h"
#include "lape/rules.h"
#include "lape/store.h"

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

#define MUNICIPAL_ALL                                                          \
	"social_health education youth organisations parishes youth_rep"
#define REGIONAL_ALL                                                           \
	"municipalities hospital_district organisations "                      \
	"education_institutions competence_centre parishes youth_rep"

static int count(struct lape_db *db, const char *sql)
{
	sqlite3_stmt *st = db_prepare(db, sql, NULL);
	int n = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const char *const days[] = {"2016-01-01", "2017-06-01", "2017-12-31",
                                   "2018-01-01", "2030-01-01"};

/* The kept state and the walk agree on every region and every day. */
static void same(struct lape_db *db, const struct rules *r, const char *what)
{
	for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
		struct region_summary *a = NULL, *b = NULL;
		size_t na = 0, nb = 0;

		if (region_summarize_all(db, r, days[d], &a, &na) != LAPE_OK ||
		    region_summarize_all_walk(db, r, days[d], &b, &nb) !=
		        LAPE_OK)
			fail_msg("%s: %s", what, db_errmsg(db));
		assert_int_equal(na, nb);
		for (size_t i = 0; i < na; i++) {
			const struct region_summary *x = &a[i], *y = &b[i];

			if (x->facts.n_covered != y->facts.n_covered ||
			    x->facts.n_complete != y->facts.n_complete ||
			    x->facts.regional != y->facts.regional ||
			    x->regional_group_id != y->regional_group_id ||
			    x->eligible != y->eligible)
				fail_msg(
				    "%s, %s, region %s: kept %zu/%zu/%d/%lld,"
				    " walk %zu/%zu/%d/%lld",
				    what, days[d], x->region.code,
				    x->facts.n_covered, x->facts.n_complete,
				    (int)x->facts.regional,
				    (long long)x->regional_group_id,
				    y->facts.n_covered, y->facts.n_complete,
				    (int)y->facts.regional,
				    (long long)y->regional_group_id);
			assert_string_equal(x->region.code, y->region.code);
			assert_int_equal(x->facts.n_municipalities,
			                 y->facts.n_municipalities);
			assert_int_equal(x->n_uncovered, y->n_uncovered);
			for (size_t k = 0; k < x->n_uncovered; k++)
				assert_string_equal(x->uncovered[k],
				                    y->uncovered[k]);
		}
		region_summary_free_array(a, na);
		region_summary_free_array(b, nb);
	}
	/* The number of groups kept with it is the number in the file. */
	{
		size_t n = 0;

		assert_int_equal(overview_group_count(db, &n), LAPE_OK);
		assert_int_equal(n, count(db, "SELECT count(*) FROM "
		                              "lape_group"));
	}
	/* The kept state was read, not a walk in its stead. */
	assert_int_equal(count(db, "SELECT count(*) FROM overview_group"),
	                 count(db, "SELECT count(*) FROM lape_group"));
	assert_int_equal(count(db, "SELECT count(*) FROM overview_dirty"), 0);
}

static int64_t add_person(struct lape_db *db, const char *name)
{
	struct person p = {0};
	int64_t id;

	p.surname = strdup(name);
	assert_int_equal(person_save(db, &p), LAPE_OK);
	id = p.id;
	person_clear(&p);
	return id;
}

static int64_t add_member(struct lape_db *db, int64_t group, int64_t person,
                          const char *sectors, const char *end)
{
	struct membership m = {0};
	char buf[256], *save = NULL;
	int64_t id;

	m.group_id = group;
	m.person_id = person;
	snprintf(buf, sizeof buf, "%s", sectors);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save))
		assert_int_equal(membership_add_sector(&m, t), LAPE_OK);
	m.end_date = end ? strdup(end) : NULL;
	if (membership_save(db, &m) != LAPE_OK)
		fail_msg("membership_save: %s", db_errmsg(db));
	id = m.id;
	membership_clear(&m);
	return id;
}

/* A group of LEVEL in region REGION (regional) or for the municipalities
 * CODES (municipal). */
static int64_t add_group(struct lape_db *db, enum group_level level,
                         const char *name, const char *region,
                         const char *codes)
{
	struct group g = {0};
	char buf[256], *save = NULL;
	int64_t id;

	g.level = level;
	g.name = strdup(name);
	g.status = STATUS_ACTIVE;
	if (level == LEVEL_REGIONAL)
		snprintf(g.region_code, sizeof g.region_code, "%s", region);
	snprintf(buf, sizeof buf, "%s", codes);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save))
		assert_int_equal(group_add_municipality(&g, t), LAPE_OK);
	if (group_save(db, &g) != LAPE_OK)
		fail_msg("group_save %s: %s", name, db_errmsg(db));
	id = g.id;
	group_clear(&g);
	return id;
}

static void set_status(struct lape_db *db, int64_t id, enum group_status s)
{
	struct group g;

	assert_int_equal(group_get(db, id, &g), LAPE_OK);
	g.status = s;
	assert_int_equal(group_save(db, &g), LAPE_OK);
	group_clear(&g);
}

static void set_municipalities(struct lape_db *db, int64_t id,
                               const char *codes)
{
	struct group g;
	char buf[256], *save = NULL;

	assert_int_equal(group_get(db, id, &g), LAPE_OK);
	for (size_t i = 0; i < g.n_municipalities; i++)
		free(g.municipalities[i]);
	g.n_municipalities = 0;
	snprintf(buf, sizeof buf, "%s", codes);
	for (char *t = strtok_r(buf, " ", &save); t;
	     t = strtok_r(NULL, " ", &save))
		assert_int_equal(group_add_municipality(&g, t), LAPE_OK);
	if (group_save(db, &g) != LAPE_OK)
		fail_msg("group_save: %s", db_errmsg(db));
	group_clear(&g);
}

static void set_end(struct lape_db *db, int64_t id, const char *end)
{
	struct membership m;

	assert_int_equal(membership_get(db, id, &m), LAPE_OK);
	free(m.end_date);
	m.end_date = end ? strdup(end) : NULL;
	if (membership_save(db, &m) != LAPE_OK)
		fail_msg("membership_save: %s", db_errmsg(db));
	membership_clear(&m);
}

static struct lape_db *open_db(void)
{
	struct lape_db *db = NULL;
	char err[512];

	if (db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) !=
	    LAPE_OK)
		fail_msg("db_open: %s", err);
	if (refdata_load(db, SHARE_SRCDIR, 2016) != LAPE_OK)
		fail_msg("refdata_load: %s", db_errmsg(db));
	return db;
}

static void test_kept_equals_walk(void **state)
{
	struct lape_db *db = open_db();
	int64_t p = add_person(db, "Aino Virtanen");
	int64_t q = add_person(db, "Björn Åberg");
	int64_t reg, reg2, kotka, joint, kouvola, m1, m2, m3;

	(void)state;
	same(db, rules, "empty");
	/* Kymenlaakso (08): a regional group, complete until 2017-12-31. */
	reg = add_group(db, LEVEL_REGIONAL, "Kymenlaakson LAPE", "08", "");
	same(db, rules, "a regional group without members");
	m1 = add_member(db, reg, p, REGIONAL_ALL, "2017-12-31");
	same(db, rules, "a regional member");
	reg2 = add_group(db, LEVEL_REGIONAL, "Kymenlaakson LAPE 2", "08", "");
	add_member(db, reg2, q, REGIONAL_ALL, NULL);
	same(db, rules, "a second regional group");
	/* Municipal groups: one complete, one joint and partial, one
	 * complete while a term lasts. */
	kotka = add_group(db, LEVEL_MUNICIPAL, "Kotkan LAPE", "", "285");
	add_member(db, kotka, p, MUNICIPAL_ALL, NULL);
	joint =
	    add_group(db, LEVEL_MUNICIPAL, "Itäinen LAPE", "", "075 935 489");
	m2 = add_member(db, joint, p, "social_health education", NULL);
	kouvola = add_group(db, LEVEL_MUNICIPAL, "Kouvolan LAPE", "", "286");
	m3 = add_member(db, kouvola, q, MUNICIPAL_ALL, "2017-06-01");
	add_member(db, kouvola, p, "youth", "2030-01-01");
	same(db, rules, "municipal groups");
	/* Every kind of write. */
	add_member(db, joint, q, "youth organisations parishes youth_rep",
	           "2018-01-01");
	same(db, rules, "a member completes a joint group");
	set_end(db, m3, "2017-12-31");
	same(db, rules, "a term changed");
	set_end(db, m1, NULL);
	same(db, rules, "a term made open");
	assert_int_equal(membership_delete(db, m2), LAPE_OK);
	same(db, rules, "a member removed");
	set_status(db, kotka, STATUS_DISSOLVED);
	same(db, rules, "a group dissolved");
	set_status(db, kotka, STATUS_ACTIVE);
	same(db, rules, "a group active again");
	set_status(db, reg, STATUS_DISSOLVED);
	same(db, rules, "the region's group dissolved");
	set_municipalities(db, joint, "075 142");
	same(db, rules, "a group's municipalities changed");
	assert_int_equal(group_delete(db, kouvola), LAPE_OK);
	same(db, rules, "a group deleted");
	/* A seat left vacant, written as a merge or an undo would: in SQL,
	 * outside the store. */
	assert_int_equal(db_exec(db,
	                         "UPDATE membership SET person_id = NULL "
	                         "WHERE group_id = ?",
	                         "i", reg2),
	                 LAPE_OK);
	same(db, rules, "a seat vacated in SQL");
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO lape_group(level, name, region_code) "
	            "VALUES ('regional', 'Päijät-Hämeen LAPE', '07')",
	            NULL),
	    LAPE_OK);
	assert_int_equal(
	    db_exec(db,
	            "INSERT INTO membership(group_id, person_id, sectors) "
	            "SELECT max(id), ?, ? FROM lape_group",
	            "it", p, REGIONAL_ALL),
	    LAPE_OK);
	same(db, rules, "a group merged in SQL");
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET status = 'dissolved' "
	                         "WHERE name = 'Päijät-Hämeen LAPE'",
	                         NULL),
	                 LAPE_OK);
	same(db, rules, "a group dissolved in SQL");
	/* Other rules: rebuilt, and back. */
	same(db, small_rules, "other rules");
	same(db, rules, "the rules back");
	/* Nothing is left marked once the state is read. */
	assert_int_equal(count(db, "SELECT count(*) FROM overview_dirty"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM overview_dirty_muni"),
	                 0);
	db_close(db);
}

/* Many groups and random writes, each followed by the comparison. */
static void test_kept_random(void **state)
{
	struct lape_db *db = open_db();
	static const char *const munis[] = {"075", "142", "285", "286",
	                                    "489", "624", "935", "272"};
	static const char *const sectors[] = {
	    "social_health", "education", "youth", "organisations",
	    "parishes",      "youth_rep", "bogus", "municipalities"};
	static const char *const ends[] = {NULL, "2016-12-31", "2017-06-01",
	                                   "2017-12-31", "2020-01-01"};
	int64_t people[4], groups[12] = {0}, members[64] = {0};
	size_t n_members = 0;
	unsigned seed = 12345;

	(void)state;
	for (int i = 0; i < 4; i++) {
		char name[32];

		snprintf(name, sizeof name, "Person %d", i);
		people[i] = add_person(db, name);
	}
	for (int i = 0; i < 12; i++) {
		char name[32];

		snprintf(name, sizeof name, "Group %d", i);
		groups[i] = i % 4 == 0 ? add_group(db, LEVEL_REGIONAL, name,
		                                   i % 8 ? "08" : "16", "")
		                       : add_group(db, LEVEL_MUNICIPAL, name,
		                                   "", munis[i % 8]);
	}
	for (int step = 0; step < 120; step++) {
		unsigned k;

		seed = seed * 1103515245u + 12345u;
		k = (seed >> 16) % 5;
		if (k <= 1 && n_members < 64) {
			char sec[64];

			snprintf(sec, sizeof sec, "%s %s",
			         sectors[(seed >> 3) % 8],
			         sectors[(seed >> 7) % 8]);
			if (strcmp(sectors[(seed >> 3) % 8],
			           sectors[(seed >> 7) % 8]) == 0)
				snprintf(sec, sizeof sec, "%s",
				         sectors[(seed >> 3) % 8]);
			members[n_members++] =
			    add_member(db, groups[(seed >> 9) % 12],
			               people[(seed >> 5) % 4], sec,
			               ends[(seed >> 11) % 5]);
		} else if (k == 2 && n_members > 0) {
			set_end(db, members[(seed >> 4) % n_members],
			        ends[(seed >> 12) % 5]);
		} else if (k == 3) {
			int64_t g = groups[(seed >> 6) % 12];

			set_status(db, g,
			           (seed >> 10) % 2 ? STATUS_DISSOLVED
			                            : STATUS_ACTIVE);
		} else if (n_members > 0) {
			size_t i = (seed >> 8) % n_members;

			assert_int_equal(membership_delete(db, members[i]),
			                 LAPE_OK);
			members[i] = members[--n_members];
		}
		if (step % 3 == 0)
			same(db, step % 2 ? rules : small_rules, "random");
	}
	same(db, rules, "random, at the end");
	db_close(db);
}

/* ---- check_walk() against group_walk() --------------------------------- */

struct dump {
	char *text;
	size_t len;
	FILE *f;
	size_t groups, stop_after;
};

static const char *orz(const char *s)
{
	return s ? s : "(null)";
}

static int dump_group(const struct group *g, const struct membership *m,
                      size_t n, void *arg)
{
	struct dump *d = arg;

	fprintf(d->f, "group %lld %s v%lld %s %s %d %d %lld %lld [",
	        (long long)g->id, g->uuid, (long long)g->version, g->name,
	        g->region_code, (int)g->level, (int)g->status,
	        (long long)g->regional_group_id, (long long)g->linked_group_id);
	for (size_t i = 0; i < g->n_municipalities; i++)
		fprintf(d->f, " %s", g->municipalities[i]);
	fprintf(d->f, " ] %zu\n", n);
	for (size_t i = 0; i < n; i++) {
		fprintf(d->f, "  %lld %lld %lld <%s> <%s> %d %d %d %s |",
		        (long long)m[i].id, (long long)m[i].group_id,
		        (long long)m[i].person_id, orz(m[i].person_name),
		        orz(m[i].person_sort), (int)m[i].role,
		        (int)m[i].person_gender, (int)m[i].name_withheld,
		        orz(m[i].end_date));
		for (size_t k = 0; k < m[i].n_sectors; k++)
			fprintf(d->f, " %s", m[i].sectors[k]);
		fputc('\n', d->f);
	}
	return ++d->groups == d->stop_after ? 7 : 0;
}

/* The text of walking F with WALK; *RC its value. */
static char *dump_walk(struct lape_db *db, const struct group_filter *f,
                       int (*walk)(struct lape_db *,
                                   const struct group_filter *,
                                   group_members_cb, void *),
                       size_t stop_after, int *rc)
{
	struct dump d = {0};

	d.stop_after = stop_after;
	d.f = open_memstream(&d.text, &d.len);
	assert_non_null(d.f);
	*rc = walk(db, f, dump_group, &d);
	fclose(d.f);
	return d.text;
}

/* check_walk() with the groups' municipalities, as group_walk() gives
 * them, and without: then none at all. */
static int walk_codes(struct lape_db *db, const struct group_filter *f,
                      group_members_cb cb, void *ctx)
{
	return check_walk(db, f, CHECK_WALK_CODES, cb, ctx);
}

static int no_codes_group(const struct group *g, const struct membership *m,
                          size_t n, void *arg)
{
	struct group copy = *g;

	assert_int_equal(g->n_municipalities, 0);
	assert_null(g->municipalities);
	/* the rest as group_walk() gives it: compared without the codes */
	copy.n_municipalities = 0;
	return dump_group(&copy, m, n, arg);
}

static int without_codes(const struct group *g, const struct membership *m,
                         size_t n, void *arg)
{
	struct group copy = *g;

	copy.n_municipalities = 0;
	return dump_group(&copy, m, n, arg);
}

static int walk_no_codes(struct lape_db *db, const struct group_filter *f,
                         group_members_cb cb, void *ctx)
{
	(void)cb;
	return check_walk(db, f, 0, no_codes_group, ctx);
}

static int group_walk_no_codes(struct lape_db *db, const struct group_filter *f,
                               group_members_cb cb, void *ctx)
{
	(void)cb;
	return group_walk(db, f, without_codes, ctx);
}

static int64_t add_named(struct lape_db *db, const char *surname,
                         const char *given, const char *gender)
{
	int64_t id;

	assert_int_equal(db_exec(db,
	                         "INSERT INTO person(surname, given_names, "
	                         "gender) VALUES (?, ?, ?)",
	                         "ttt", surname, given, gender),
	                 LAPE_OK);
	id = sqlite3_last_insert_rowid(db->sql);
	return id;
}

static void add_seat(struct lape_db *db, int64_t group, int64_t person,
                     const char *sectors, const char *role, const char *end,
                     int withheld)
{
	assert_int_equal(db_exec(db,
	                         "INSERT INTO membership(group_id, person_id, "
	                         "sectors, role, end_date, name_withheld) "
	                         "VALUES (?, nullif(?, 0), ?, ?, ?, ?)",
	                         "iitttd", group, person, sectors, role, end,
	                         withheld),
	                 LAPE_OK);
}

/* The ids of each group's members in the order a walk gives them. */
struct order {
	int64_t group[16];
	char ids[16][512];
	size_t n;
};

static int order_group(const struct group *g, const struct membership *m,
                       size_t n, void *arg)
{
	struct order *o = arg;
	size_t used = 0;

	assert_true(o->n < 16);
	o->group[o->n] = g->id;
	o->ids[o->n][0] = '\0';
	for (size_t i = 0; i < n; i++)
		used += (size_t)snprintf(o->ids[o->n] + used,
		                         sizeof o->ids[0] - used, " %lld",
		                         (long long)m[i].id);
	o->n++;
	return 0;
}

/* A group's members come in the same order from SQL (lape check GROUP,
 * the screens) as from the walks (lape check): surnames that differ only
 * in case ("aho", "Aho") or accents decide before the given names, as
 * PERSON_ORDER_SQL() says. */
static void assert_member_order(struct lape_db *db,
                                int (*walk)(struct lape_db *,
                                            const struct group_filter *,
                                            group_members_cb, void *))
{
	struct group_filter all = GROUP_FILTER_ALL;
	struct order o = {0};

	assert_int_equal(walk(db, &all, order_group, &o), LAPE_OK);
	assert_true(o.n > 0);
	for (size_t g = 0; g < o.n; g++) {
		struct membership *m;
		size_t n, used = 0;
		char ids[512] = "";

		assert_int_equal(membership_list_group(db, o.group[g], &m, &n),
		                 LAPE_OK);
		for (size_t i = 0; i < n; i++)
			used += (size_t)snprintf(ids + used, sizeof ids - used,
			                         " %lld", (long long)m[i].id);
		membership_free_array(m, n);
		assert_string_equal(ids, o.ids[g]);
	}
}

static void test_member_order_same(void **state)
{
	struct lape_db *db = open_db();
	static const char *const names[][2] = {
	    {"aho", "Bertta"}, {"Aho", "Aino"},    {"Åberg", "Cecilia"},
	    {"Aberg", "Anna"}, {"aberg", "Berit"}, {"Aho", "aino"},
	    {"Ahola", ""},     {"Aho", "Ö"}};
	int64_t group = add_group(db, LEVEL_MUNICIPAL, "Ahon LAPE", "", "853");

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		add_seat(db, group, add_named(db, names[i][0], names[i][1], ""),
		         "parishes", "member", NULL, 0);
	assert_member_order(db, group_walk);
	assert_member_order(db, walk_codes);
	db_close(db);
}

/* Groups of both levels, people with names that sort alike, and 160
 * seats; into FILTERS, four filters that pick some of them. */
static void fill_walk(struct lape_db *db, struct group_filter filters[4])
{
	static const char *const roles[] = {"member", "chair", "vice_chair",
	                                    "secretary"};
	static const char *const surnames[] = {
	    "Virtanen",     "virtanen", "Åberg",    "Aberg",   "Öhman", "Ohman",
	    "van der Berg", "Wikström", "Vikström", "Ala-Aho", "Ala",   "Ä"};
	static const char *const given[] = {
	    "Aino", "", "Björn", "aino", "Matti Juhani", "Åsa", " Eva"};
	static const char *const genders[] = {"", "woman", "man", "other"};
	int64_t people[30], groups[10];
	unsigned seed = 777;

	for (int i = 0; i < 30; i++)
		people[i] = add_named(db, surnames[i % 12], given[i % 7],
		                      genders[i % 4]);
	for (int i = 0; i < 10; i++) {
		char name[32];

		snprintf(name, sizeof name, "%s LAPE %d",
		         i % 2 ? "Kotkan" : "Åbo", 10 - i);
		groups[i] = i % 3 == 0
		                ? add_group(db, LEVEL_REGIONAL, name,
		                            i % 2 ? "08" : "02", "")
		                : add_group(db, LEVEL_MUNICIPAL, name, "",
		                            i % 2 ? "285 075" : "853");
	}
	for (int k = 0; k < 160; k++) {
		seed = seed * 1103515245u + 12345u;
		add_seat(db, groups[(seed >> 4) % 10],
		         (seed >> 9) % 7 == 0 ? 0 : people[(seed >> 12) % 30],
		         (seed >> 3) % 2 ? "youth education" : "parishes",
		         roles[(seed >> 16) % 4],
		         (seed >> 20) % 3 ? NULL : "2017-06-01",
		         (int)((seed >> 22) % 5 == 0));
	}
	/* a municipal group linked by hand to another region's group */
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET regional_group_id = ? "
	                         "WHERE id = ?",
	                         "ii", groups[0], groups[1]),
	                 LAPE_OK);
	for (int i = 0; i < 4; i++)
		filters[i] = (struct group_filter)GROUP_FILTER_ALL;
	filters[1].region = "08";
	filters[2].status = STATUS_ACTIVE;
	filters[3].search = "kotka";
	set_status(db, groups[4], STATUS_DISSOLVED);
}

/* check_walk() and group_walk() on DB give the same for each filter. */
static void assert_walks_same(struct lape_db *db,
                              const struct group_filter filters[4])
{
	for (size_t i = 0; i < 4; i++)
		for (size_t stop = 0; stop < 4; stop += 3) {
			int ra, rb;
			char *a =
			    dump_walk(db, &filters[i], group_walk, stop, &ra);
			char *b =
			    dump_walk(db, &filters[i], walk_codes, stop, &rb);

			assert_int_equal(ra, rb);
			assert_string_equal(a, b);
			assert_true(strlen(a) > 0);
			free(a);
			free(b);
			a = dump_walk(db, &filters[i], group_walk_no_codes,
			              stop, &ra);
			b = dump_walk(db, &filters[i], walk_no_codes, stop,
			              &rb);
			assert_int_equal(ra, rb);
			assert_string_equal(a, b);
			free(a);
			free(b);
		}
}

/* check_walk() gives what group_walk() gives: the same groups, members,
 * order, texts and stop, for every filter. */
static void test_check_walk_same(void **state)
{
	struct lape_db *db = open_db();
	struct group_filter filters[4];

	(void)state;
	fill_walk(db, filters);
	assert_walks_same(db, filters);
	db_close(db);
}

/* More groups than check_walk() holds at a time (64), some without
 * members: the same as group_walk(), whole and stopped at a batch's
 * edges and inside one. */
static void test_check_walk_batches(void **state)
{
	static const size_t stops[] = {0, 1, 63, 64, 65, 128, 150, 151};
	struct group_filter all = GROUP_FILTER_ALL;
	struct lape_db *db = open_db();
	int64_t people[8];

	(void)state;
	for (int i = 0; i < 8; i++)
		people[i] = add_named(db, i % 2 ? "Öhman" : "Aalto",
		                      i % 3 ? "Aino" : "Björn", "woman");
	for (int i = 0; i < 151; i++) {
		char name[32];
		int64_t g;

		/* names out of the ids' order */
		snprintf(name, sizeof name, "Ryhmä %03d", (i * 37) % 151);
		g = add_group(db, LEVEL_MUNICIPAL, name, "",
		              i % 2 ? "853" : "285 075");
		for (int k = 0; k < i % 5; k++)
			add_seat(db, g, k == 3 ? 0 : people[(i + k) % 8],
			         k % 2 ? "youth" : "education",
			         k == 0 ? "chair" : "member", NULL, 0);
	}
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		int ra, rb;
		char *a = dump_walk(db, &all, group_walk, stops[i], &ra);
		char *b = dump_walk(db, &all, walk_codes, stops[i], &rb);

		assert_int_equal(ra, rb);
		assert_int_equal(ra, stops[i] && stops[i] <= 151 ? 7 : 0);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	db_close(db);
}

/* The same on a file lape may only read, whose lists' keys are out of
 * date: both walks sort in SQL then. */
static void test_check_walk_read_only(void **state)
{
	char dir[] = "/tmp/lape-overview-XXXXXX", path[64], err[512];
	struct group_filter filters[4];
	struct lape_db *db;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/lape.db", dir);
	assert_int_equal(db_open(path, DB_OPEN_CREATE, &db, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(db_publish(db), LAPE_OK);
	assert_int_equal(refdata_load(db, SHARE_SRCDIR, 2016), LAPE_OK);
	fill_walk(db, filters);
	/* renamed in plain SQL: the keys are marked out of date */
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET name = 'Aaa ' || name "
	                         "WHERE id % 2 = 1",
	                         NULL),
	                 LAPE_OK);
	db_close(db);
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &db, err, sizeof err),
	                 LAPE_OK);
	assert_int_equal(page_keys_refresh(db), PAGE_UNAVAILABLE);
	assert_walks_same(db, filters);
	db_close(db);
	unlink(path);
	rmdir(dir);
}

/* group_check_until() agrees with group_check() on every day. */
static void test_until_agrees(void **state)
{
	struct group g = {0};
	struct membership m[3] = {{0}};
	struct check_until u;
	static const char *const d[] = {"2016-01-01", "2017-01-01",
	                                "2017-06-30", "2017-07-01",
	                                "2018-12-31", "2019-01-01"};

	(void)state;
	g.level = LEVEL_MUNICIPAL;
	g.status = STATUS_ACTIVE;
	m[0].person_id = 1;
	m[0].n_sectors = 3;
	m[0].sectors[0] = (char *)"social_health";
	m[0].sectors[1] = (char *)"education";
	m[0].sectors[2] = (char *)"youth";
	m[0].end_date = (char *)"2018-12-31";
	m[1].person_id = 2;
	m[1].n_sectors = 3;
	m[1].sectors[0] = (char *)"organisations";
	m[1].sectors[1] = (char *)"parishes";
	m[1].sectors[2] = (char *)"youth_rep";
	m[1].end_date = (char *)"2017-06-30";
	m[2].person_id = 0; /* a vacant seat covers nothing */
	m[2].n_sectors = 1;
	m[2].sectors[0] = (char *)"youth_rep";
	group_check_until(rules, &g, m, 3, &u);
	assert_string_equal(u.complete, "2017-06-30");
	assert_string_equal(u.staffed, "2018-12-31");
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		struct check_result res;

		assert_int_equal(group_check(rules, &g, m, 3, d[i], &res), 0);
		assert_int_equal(res.complete, strcmp(u.complete, d[i]) >= 0);
		check_result_free(&res);
	}
	m[1].end_date = NULL;
	group_check_until(rules, &g, m, 3, &u);
	assert_string_equal(u.complete, "2018-12-31");
	group_check_until(rules, &g, m, 1, &u);
	assert_string_equal(u.complete, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_until_agrees),
	    cmocka_unit_test(test_kept_equals_walk),
	    cmocka_unit_test(test_kept_random),
	    cmocka_unit_test(test_check_walk_same),
	    cmocka_unit_test(test_check_walk_read_only),
	    cmocka_unit_test(test_check_walk_batches),
	    cmocka_unit_test(test_member_order_same),
	};

	return cmocka_run_group_tests_name("overview", tests, group_setup,
	                                   group_teardown);
}
