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
/* benchpage.c -- for make bench: what the screens' lists ask of the store,
 * timed without a terminal (issue 12): opening the people and the groups
 * list (count and first page), one row of scroll in the middle of the
 * list and at its end, a page down, and each keystroke of a search typed
 * into the people list (counted as the screen counts them, to
 * PERSON_COUNT_TYPED), and one that finds no one.  Prints one line per figure,
 * in milliseconds (the median of RUNS), and exits 1 when a target is missed:
 *     benchpage FILE [RUNS] [OPEN_MS SCROLL_MS SEARCH_MS]
 * With --verify instead it compares every page the list widget reads
 * (row by row down and up, page by page, first and last) with the old
 * ORDER BY ... COLLATE FI query, and exits 1 when one differs. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lape/db.h"
#include "lape/store.h"

#define PAGE 20

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int person_nop(const struct person *p, void *ctx)
{
	(void)p;
	++*(size_t *)ctx;
	return 0;
}

static int group_nop(const struct group *g, void *ctx)
{
	(void)g;
	++*(size_t *)ctx;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	return t[n / 2];
}

static int missed;

static void report(const char *what, double ms, double max)
{
	bool ok = max <= 0 || ms <= max;

	printf("lists %-34s %9.2f ms", what, ms);
	if (max > 0)
		printf("  (<= %g)  %s", max, ok ? "ok" : "MISSED");
	printf("\n");
	if (!ok)
		missed = 1;
}

/* The people list opened: its count and its first page, as the screen
 * reads them (a search counted to PERSON_COUNT_TYPED). */
static double people_open(struct lape_db *db, const char *search)
{
	size_t count, n = 0;
	bool more;
	double t0;

	page_cache_free(db); /* a keystroke's needle is new to the lists */
	t0 = now_ms();
	person_count_upto(db, search, PERSON_COUNT_TYPED, &count, &more);
	person_list(db, search, 0, PAGE, person_nop, &n);
	return now_ms() - t0;
}

/* The list scrolled from row AT to AT + 1 (the page read anew, as the
 * list widget does when its top row moves). */
static double people_scroll(struct lape_db *db, size_t at, size_t step)
{
	size_t n = 0;
	double t0;

	person_list(db, NULL, at, PAGE, person_nop, &n);
	t0 = now_ms();
	person_list(db, NULL, at + step, PAGE, person_nop, &n);
	return now_ms() - t0;
}

static double groups_open(struct lape_db *db, const char *search)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t count, n = 0;
	bool more;
	double t0;

	page_cache_free(db); /* as people_open() */
	t0 = now_ms();
	f.search = search;
	group_count_upto(db, &f, GROUP_COUNT_TYPED, &count, &more);
	group_list(db, &f, 0, PAGE, group_nop, &n);
	return now_ms() - t0;
}

static double groups_scroll(struct lape_db *db, size_t at, size_t step)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t n = 0;
	double t0;

	group_list(db, &f, at, PAGE, group_nop, &n);
	t0 = now_ms();
	group_list(db, &f, at + step, PAGE, group_nop, &n);
	return now_ms() - t0;
}

/* ---- --verify: the pages against the old query ------------------------ */

#define OLD_PEOPLE                                                             \
	"SELECT id FROM person WHERE ?1 IS NULL "                              \
	"OR instr(lape_key(surname), lape_key(?1)) > 0 "                       \
	"OR instr(lape_key(given_names), lape_key(?1)) > 0 "                   \
	"OR instr(lape_key(given_names || ' ' || surname), "                   \
	"lape_key(?1)) > 0 "                                                   \
	"OR instr(lape_key(surname || ' ' || given_names), "                   \
	"lape_key(?1)) > 0 "                                                   \
	"OR instr(lape_key(organisation), lape_key(?1)) > 0 "                  \
	"OR instr(lape_key(email), lape_key(?1)) > 0 "                         \
	"ORDER BY surname COLLATE FI, given_names COLLATE FI, id"
#define OLD_GROUPS "SELECT id FROM lape_group ORDER BY name COLLATE FI, id"

struct idv {
	int64_t *v;
	size_t n, cap;
};

static int idv_add(struct idv *a, int64_t id)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 1024;
		int64_t *v = realloc(a->v, cap * sizeof *v);

		if (!v)
			return 1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = id;
	return 0;
}

static int person_idv(const struct person *p, void *ctx)
{
	return idv_add(ctx, p->id);
}

static int group_idv(const struct group *g, void *ctx)
{
	return idv_add(ctx, g->id);
}

/* Whether the page at OFF is the old query's rows there. */
static bool page_ok(struct lape_db *db, const char *search, bool groups,
                    const struct idv *want, size_t off)
{
	struct group_filter f = GROUP_FILTER_ALL;
	struct idv got = {0};
	size_t n = off < want->n ? want->n - off : 0;
	bool ok;

	if (groups)
		group_list(db, &f, off, PAGE, group_idv, &got);
	else
		person_list(db, search, off, PAGE, person_idv, &got);
	n = n < PAGE ? n : PAGE;
	ok = got.n == n &&
	     (n == 0 || memcmp(got.v, want->v + off, n * sizeof *got.v) == 0);
	if (!ok)
		fprintf(stderr, "benchpage: %s%s: the page at %zu differs\n",
		        groups ? "groups" : "people", search ? search : "",
		        off);
	free(got.v);
	return ok;
}

/* Every move of the list widget over the whole list. */
static int verify_one(struct lape_db *db, const char *search, bool groups)
{
	sqlite3_stmt *st = db_prepare(db, groups ? OLD_GROUPS : OLD_PEOPLE,
	                              groups ? NULL : "t", search);
	struct idv want = {0};
	size_t last, top;
	bool ok = true;

	while (st && sqlite3_step(st) == SQLITE_ROW)
		idv_add(&want, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	last = want.n > PAGE ? want.n - PAGE : 0;
	for (top = 0; ok && top <= last; top++)
		ok = page_ok(db, search, groups, &want, top);
	for (top = last; ok && top-- > 0;)
		ok = page_ok(db, search, groups, &want, top);
	for (top = 0; ok && top <= last; top += PAGE - 1)
		ok = page_ok(db, search, groups, &want, top);
	ok = ok && page_ok(db, search, groups, &want, last);
	for (top = last; ok && top >= PAGE - 1; top -= PAGE - 1)
		ok = page_ok(db, search, groups, &want, top);
	ok = ok && page_ok(db, search, groups, &want, 0) &&
	     page_ok(db, search, groups, &want, want.n / 2);
	printf("lists %-34s %9zu rows  %s\n",
	       groups   ? "groups: same as the old query"
	       : search ? "people: search, same as the old query"
	                : "people: same as the old query",
	       want.n, ok ? "ok" : "MISSED");
	free(want.v);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const char *const typed[] = {"m", "mä", "mäk", "mäke", "mäkel"};
	struct lape_db *db;
	char err[512];
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	double open_max = argc > 5 ? atof(argv[3]) : 0;
	double scroll_max = argc > 5 ? atof(argv[4]) : 0;
	double search_max = argc > 5 ? atof(argv[5]) : 0;
	double t[64], worst;
	size_t people = 0, groups = 0;
	struct group_filter all = GROUP_FILTER_ALL;
	char what[64];

	if (argc < 2) {
		fprintf(stderr, "usage: benchpage FILE [RUNS] [OPEN SCROLL "
		                "SEARCH]\n");
		return 2;
	}
	if (runs < 1 || runs > 64)
		runs = 5;
	if (db_open(argv[1], DB_OPEN_EXISTING, &db, err, sizeof err) !=
	    LAPE_OK) {
		fprintf(stderr, "benchpage: %s\n", err);
		return 2;
	}
	if (argc > 2 && strcmp(argv[2], "--verify") == 0) {
		int bad = verify_one(db, NULL, false) |
		          verify_one(db, "mäk", false) |
		          verify_one(db, NULL, true);

		db_close(db);
		return bad;
	}
	person_count(db, NULL, &people);
	group_count(db, &all, &groups);
	/* the first call prepares what is kept (statements, caches) */
	people_open(db, NULL);
	groups_open(db, NULL);

	for (int i = 0; i < runs; i++)
		t[i] = people_open(db, NULL);
	report("people: open", median(t, runs), open_max);
	for (int i = 0; i < runs; i++)
		t[i] = people_scroll(db, people / 2, 1);
	report("people: one row, middle", median(t, runs), scroll_max);
	for (int i = 0; i < runs; i++)
		t[i] = people_scroll(db, people - PAGE - 1, 1);
	report("people: one row, end", median(t, runs), scroll_max);
	for (int i = 0; i < runs; i++)
		t[i] = people_scroll(db, people / 2, PAGE - 1);
	report("people: page down, middle", median(t, runs), open_max);
	for (int i = 0; i < runs; i++)
		t[i] = people_scroll(db, people / 2 + 1, (size_t)-1);
	report("people: one row up, middle", median(t, runs), scroll_max);
	/* each keystroke a new search: the file opened again for each
	 * typing, so that nothing of the last one is kept */
	worst = 0;
	for (size_t k = 0; k < sizeof typed / sizeof typed[0]; k++) {
		for (int i = 0; i < runs; i++) {
			db_close(db);
			if (db_open(argv[1], DB_OPEN_EXISTING, &db, err,
			            sizeof err) != LAPE_OK) {
				fprintf(stderr, "benchpage: %s\n", err);
				return 2;
			}
			for (size_t j = 0; j < k; j++)
				people_open(db, typed[j]);
			t[i] = people_open(db, typed[k]);
		}
		snprintf(what, sizeof what, "people: search \"%s\"", typed[k]);
		t[0] = median(t, runs);
		report(what, t[0], 0);
		if (t[0] > worst)
			worst = t[0];
	}
	report("people: search, worst keystroke", worst, search_max);
	/* a search that finds no one, and one counted to its end (End) */
	for (int i = 0; i < runs; i++)
		t[i] = people_open(db, "xyzzy");
	report("people: search \"xyzzy\" (no one)", median(t, runs),
	       search_max);
	for (int i = 0; i < runs; i++) {
		size_t count;
		double t0;

		db_close(db);
		if (db_open(argv[1], DB_OPEN_EXISTING, &db, err, sizeof err) !=
		    LAPE_OK) {
			fprintf(stderr, "benchpage: %s\n", err);
			return 2;
		}
		t0 = now_ms();
		person_count(db, "mäk", &count);
		t[i] = now_ms() - t0;
	}
	report("people: \"mäk\" counted to its end (no target)",
	       median(t, runs), 0);
	/* the groups' search: names and municipalities, from the index
	 * when few match (format 11), else the list read in order ("lape":
	 * every group; "m": no trigram), with the count the screen shows */
	{
		static const char *const g_search[] = {"kera", "xyzzy", "lape",
		                                       "m"};
		double worst = 0;

		for (size_t k = 0; k < sizeof g_search / sizeof *g_search;
		     k++) {
			char what[64];

			for (int i = 0; i < runs; i++)
				t[i] = groups_open(db, g_search[k]);
			snprintf(what, sizeof what, "groups: search \"%s\"",
			         g_search[k]);
			report(what, median(t, runs), 0);
			if (median(t, runs) > worst)
				worst = median(t, runs);
		}
		report("groups: search, worst", worst, search_max);
	}
	for (int i = 0; i < runs; i++)
		t[i] = groups_open(db, NULL);
	report("groups: open", median(t, runs), open_max);
	for (int i = 0; i < runs; i++)
		t[i] = groups_scroll(db, groups / 2, 1);
	report("groups: one row, middle", median(t, runs), scroll_max);
	for (int i = 0; i < runs; i++)
		t[i] = groups_scroll(db, groups - PAGE - 1, 1);
	report("groups: one row, end", median(t, runs), scroll_max);
	db_close(db);
	return missed;
}
