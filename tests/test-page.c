/* test-page.c -- keyset paging (store-page.c, issue 12): the sort key
 * orders as the FI collation, and the lists read page by page from their
 * edges hold exactly the rows, in exactly the order, of the old ORDER BY
 * ... COLLATE FI LIMIT/OFFSET queries: forwards, backwards, a page at a
 * time, first and last, searched, and after writes that went around the
 * store (plain SQL, as the sqlite3 shell or a merge writes) or undo. */

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

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lape/collate.h"
#include "lape/db.h"
#include "lape/demo.h"
#include "lape/history.h"
#include "lape/i18n.h"
#include "lape/store.h"

#include "fixture.h"

/* ---- the sort key -------------------------------------------------------- */

static const char *const words[] = {
    "",       "a",      "A",       "á",      "Á",        "aa",     "ab",
    "Ab",     "åbo",    "Åbo",     "ähtäri", "Ähtäri",   "öja",    "Öja",
    "ø",      "æ",      "z",       "Z",      "zz",       "eura",   "Eura",
    "Éura",   "éura",   "Eura ",   "Eura-",  "Eura1",    "Eura 2", "1",
    "10",     "9",      " ",       "-",      "x\xff",    "x\xfe",  "x\xc3",
    "Mäkelä", "Makela", "Mäkelä ", "MÄKELÄ", "Mäkelä-K", "ß",      "ss",
    "Łódź",   "Lodz",   "Šavel",   "Savel",  "中文",     "中",     "ü",
    "y",      "Y",      "yy",      "v",      "w",        "Ö",      "O",
};
#define N_WORDS (sizeof words / sizeof words[0])

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static int key_cmp(const char *a, const char *b)
{
	unsigned char ka[COLLATE_FI_KEY_MAX(32)], kb[COLLATE_FI_KEY_MAX(32)];
	size_t na = collate_fi_key(a, strlen(a), ka);
	size_t nb = collate_fi_key(b, strlen(b), kb);
	int c = memcmp(ka, kb, na < nb ? na : nb);

	return c ? sign(c) : (na > nb) - (na < nb);
}

static void test_key_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_WORDS; i++)
		for (size_t j = 0; j < N_WORDS; j++) {
			int want = sign(collate_fi(words[i], words[j]));

			if (key_cmp(words[i], words[j]) != want)
				fail_msg(
				    "\"%s\" vs \"%s\": key %d, collation %d",
				    words[i], words[j],
				    key_cmp(words[i], words[j]), want);
		}
}

/* Two columns: the keys one after the other order as column by column. */
static void test_key_columns(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_WORDS; i += 3)
		for (size_t j = 0; j < N_WORDS; j += 2)
			for (size_t k = 1; k < N_WORDS; k += 3)
				for (size_t l = 0; l < N_WORDS; l += 4) {
					unsigned char a[512], b[512];
					size_t na, nb;
					int want = sign(
					    collate_fi(words[i], words[k]));
					int c;

					if (!want)
						want = sign(collate_fi(
						    words[j], words[l]));
					na = collate_fi_key(
					    words[i], strlen(words[i]), a);
					na += collate_fi_key(
					    words[j], strlen(words[j]), a + na);
					nb = collate_fi_key(
					    words[k], strlen(words[k]), b);
					nb += collate_fi_key(
					    words[l], strlen(words[l]), b + nb);
					c = memcmp(a, b, na < nb ? na : nb);
					c = c ? sign(c) : (na > nb) - (na < nb);
					assert_int_equal(c, want);
				}
}

/* ---- the lists against the old queries ------------------------------------
 */

static struct lape_db *db;

static int setup_demo(void **state)
{
	char err[512];

	(void)state;
	if (i18n_init("en") != 0 ||
	    db_open(":memory:", DB_OPEN_CREATE, &db, err, sizeof err) !=
	        LAPE_OK ||
	    refdata_load(db, SHARE_SRCDIR, 2016) != LAPE_OK ||
	    demo_load(db) != LAPE_OK)
		return -1;
	return 0;
}

static int close_db(void **state)
{
	(void)state;
	db_close(db);
	db = NULL;
	return 0;
}

/* The old queries, as person_list() and group_list() ran them. */
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
#define OLD_GROUPS                                                             \
	"SELECT g.id FROM lape_group g WHERE (?1 IS NULL OR g.region_code = "  \
	"?1) "                                                                 \
	"AND (?2 < 0 OR g.level = CASE ?2 WHEN 1 THEN 'regional' "             \
	" ELSE 'municipal' END) "                                              \
	"AND (?3 < 0 OR g.status = CASE ?3 WHEN 1 THEN 'dissolved' "           \
	" ELSE 'active' END) "                                                 \
	"AND (?4 IS NULL OR instr(lape_key(g.name), lape_key(?4)) > 0 "        \
	" OR EXISTS (SELECT 1 FROM group_municipality gm JOIN "                \
	"  municipality mu ON mu.code = gm.municipality_code "                 \
	"  WHERE gm.group_id = g.id "                                          \
	"  AND (instr(lape_key(mu.name_fi), lape_key(?4)) > 0 "                \
	"   OR instr(lape_key(mu.name_sv), lape_key(?4)) > 0))) "              \
	"ORDER BY g.name COLLATE FI, g.id"

struct ids {
	int64_t *v;
	size_t n, cap;
};

static void ids_add(struct ids *a, int64_t id)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = realloc(a->v, a->cap * sizeof *a->v);
		assert_non_null(a->v);
	}
	a->v[a->n++] = id;
}

static void old_ids(sqlite3_stmt *st, struct ids *out)
{
	assert_non_null(st);
	out->n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		ids_add(out, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
}

static int person_id_cb(const struct person *p, void *ctx)
{
	ids_add(ctx, p->id);
	return 0;
}

static int group_id_cb(const struct group *g, void *ctx)
{
	ids_add(ctx, g->id);
	return 0;
}

/* A list as the screens read it: a page of ROWS from OFFSET. */
struct lister {
	const char *search;
	const struct group_filter *gf; /* NULL: people */
};

static void read_page(const struct lister *l, size_t off, size_t rows,
                      struct ids *out)
{
	int rc;

	out->n = 0;
	if (l->gf)
		rc = group_list(db, l->gf, off, rows, group_id_cb, out);
	else
		rc = person_list(db, l->search, off, rows, person_id_cb, out);
	assert_int_equal(rc, LAPE_OK);
}

static void expect_page(const struct lister *l, const struct ids *want,
                        size_t off, size_t rows)
{
	struct ids got = {0};
	size_t n = off < want->n ? want->n - off : 0;

	if (n > rows)
		n = rows;
	read_page(l, off, rows, &got);
	if (got.n != n)
		fail_msg("page at %zu: %zu rows, not %zu", off, got.n, n);
	for (size_t i = 0; i < n; i++)
		if (got.v[i] != want->v[off + i])
			fail_msg("page at %zu, row %zu: id %lld, not %lld", off,
			         i, (long long)got.v[i],
			         (long long)want->v[off + i]);
	free(got.v);
}

/* Every way the list widget moves: a row at a time down and up, a page
 * at a time down and up (a row of the last page stays in sight), the
 * last page and the first. */
static void walk_list(const struct lister *l, const struct ids *want,
                      size_t rows)
{
	size_t count = 0, top, last, page = rows > 1 ? rows - 1 : 1;

	if (l->gf)
		assert_int_equal(group_count(db, l->gf, &count), LAPE_OK);

	else
		assert_int_equal(person_count(db, l->search, &count), LAPE_OK);
	assert_int_equal(count, want->n);
	last = count > rows ? count - rows : 0;
	expect_page(l, want, 0, rows);
	for (top = 1; top <= last; top++)
		expect_page(l, want, top, rows);
	for (top = last; top-- > 0;)
		expect_page(l, want, top, rows);
	for (top = 0; top <= last; top += page)
		expect_page(l, want, top, rows);
	expect_page(l, want, last, rows);
	for (top = last; top >= page; top -= page)
		expect_page(l, want, top, rows);
	expect_page(l, want, 0, rows);
	expect_page(l, want, last, rows);
	expect_page(l, want, last / 2, rows);
	expect_page(l, want, 0, rows);
}

static void check_people(const char *search, size_t rows)
{
	struct lister l = {search, NULL};
	struct ids want = {0};

	old_ids(db_prepare(db, OLD_PEOPLE, "t", search), &want);
	walk_list(&l, &want, rows);
	free(want.v);
}

static int list_id_cb(const struct group *g, void *ctx)
{
	ids_add(ctx, g->id);
	return 0;
}

/* The lists page by page, and group_list() all at once (the check's
 * walk, in the keys' order): the rows of the old query in its order. */
static void check_groups(const struct group_filter *f, size_t rows)
{
	struct lister l = {NULL, f};
	struct ids want = {0}, all = {0};

	old_ids(db_prepare(db, OLD_GROUPS, "tddt", f->region, f->level,
	                   f->status, f->search),
	        &want);
	walk_list(&l, &want, rows);
	assert_int_equal(group_list(db, f, 0, 0, list_id_cb, &all), LAPE_OK);
	assert_int_equal(all.n, want.n);
	for (size_t i = 0; i < all.n; i++)
		assert_int_equal(all.v[i], want.v[i]);
	free(want.v);
	free(all.v);
}

static void check_all(void)
{
	static const char *const searches[] = {NULL,
	                                       "a",
	                                       "ä",
	                                       "MÄK",
	                                       "virtanen",
	                                       "helena suominen",
	                                       "suominen helena",
	                                       "example",
	                                       "zzz",
	                                       "é",
	                                       " ",
	                                       "-"};
	struct group_filter f = GROUP_FILTER_ALL;

	for (size_t i = 0; i < sizeof searches / sizeof searches[0]; i++) {
		check_people(searches[i], 5);
		check_people(searches[i], 1);
		f.search = searches[i];
		check_groups(&f, 4);
	}
	f.search = NULL;
	f.level = LEVEL_MUNICIPAL;
	check_groups(&f, 3);
	f.level = -1;
	f.status = STATUS_ACTIVE;
	check_groups(&f, 3);
	f.status = -1;
	f.search = "espoo";
	check_groups(&f, 2);
}

static void test_demo(void **state)
{
	struct group_filter f = GROUP_FILTER_ALL;
	int64_t *ids;
	size_t n;

	(void)state;
	/* the keys are there: the lists are read by them */
	assert_int_equal(page_person_ids(db, NULL, 3, 5, &ids, &n), LAPE_OK);
	assert_int_equal(n, 5);
	free(ids);
	assert_int_equal(page_group_ids(db, &f, 0, 5, &ids, &n), LAPE_OK);
	assert_int_equal(n, 5);
	free(ids);
	check_all();
}

/* Many people of the same names (ties broken by id), in cases and with
 * accents, some written by the store and some by plain SQL. */
static void test_many(void **state)
{
	static const char *const sur[] = {"Mäkelä", "Makela", "MÄKELÄ",
	                                  "Åberg",  "Aberg",  "Öhman",
	                                  "Ohman",  "Éva",    "eva"};
	static const char *const giv[] = {"Aino", "aino",  "Åsa",
	                                  "",     "Östen", "Björn"};
	struct person p = {0};

	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	for (int i = 0; i < 300; i++) {
		p = (struct person){0};
		p.surname = strdup(sur[(i * 7) % 9]);
		p.given_names = strdup(giv[(i * 5) % 6]);
		assert_int_equal(person_save(db, &p), LAPE_OK);
		person_clear(&p);
	}
	assert_int_equal(db_commit(db), LAPE_OK);
	for (int i = 0; i < 200; i++)
		assert_int_equal(
		    db_exec(db,
		            "INSERT INTO person(id, surname, given_names) "
		            "VALUES (lape_new_id('person'), ?, ?)",
		            "tt", sur[(i * 4) % 9], giv[(i * 3) % 6]),
		    LAPE_OK);
	check_people(NULL, 7);
	check_people("mak", 6);
	check_people("aino", 9);
	/* renamed and removed around the store */
	assert_int_equal(db_exec(db,
	                         "UPDATE person SET surname = 'Zetterberg' "
	                         "WHERE id % 3 = 0",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "DELETE FROM person WHERE id % 7 = 0 AND NOT "
	                         "EXISTS (SELECT 1 FROM membership m WHERE "
	                         "m.person_id = person.id) AND NOT EXISTS "
	                         "(SELECT 1 FROM change_agent a WHERE "
	                         "a.person_id = person.id)",
	                         NULL),
	                 LAPE_OK);
	check_people(NULL, 7);
	check_people("zett", 4);
	check_all();
}

/* A search counted to a limit: the limit and "more" where more match,
 * the exact count where fewer do; and what was counted to the limit is
 * not taken for the list's length (the pages from its end are right). */
static void test_count_upto(void **state)
{
	struct person p = {0};
	size_t n, all;
	bool more;
	int64_t *ids;
	struct ids want = {0};

	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	for (int i = 0; i < 40; i++) {
		p = (struct person){0};
		p.surname = strdup(i % 2 ? "Mäkelä" : "Virtanen");
		p.given_names = strdup("Upto");
		assert_int_equal(person_save(db, &p), LAPE_OK);
		person_clear(&p);
	}
	assert_int_equal(db_commit(db), LAPE_OK);
	all = (size_t)count(db, "SELECT count(*) FROM person WHERE "
	                        "given_names = 'Upto' AND surname = 'Mäkelä'");
	assert_int_equal(all, 20);
	assert_int_equal(person_count_upto(db, "upto mäk", 5, &n, &more),
	                 LAPE_OK);
	assert_int_equal(n, 5);
	assert_true(more);
	assert_int_equal(person_count_upto(db, "upto mäk", 20, &n, &more),
	                 LAPE_OK);
	assert_int_equal(n, 20);
	assert_false(more);
	assert_int_equal(person_count_upto(db, "UPTO MAK", 19, &n, &more),
	                 LAPE_OK);
	assert_int_equal(n, 19);
	assert_true(more);
	/* the last page, read after a count to the limit, is the list's */
	old_ids(db_prepare(db, OLD_PEOPLE, "t", "upto mäk"), &want);
	assert_int_equal(want.n, 20);
	assert_int_equal(page_person_ids(db, "upto mäk", 15, 5, &ids, &n),
	                 LAPE_OK);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], want.v[15 + i]);
	free(ids);
	free(want.v);
	/* no search: the whole list, never cut */
	assert_int_equal(person_count_upto(db, NULL, 5, &n, &more), LAPE_OK);
	assert_false(more);
	assert_int_equal(n, (size_t)count(db, "SELECT count(*) FROM person"));
	assert_int_equal(person_count(db, "upto mäk", &n), LAPE_OK);
	assert_int_equal(n, 20);
}

/* The list read, then changed under it: the next pages are the new
 * list's, not the old one's. */
static void test_changed_under(void **state)
{
	struct lister l = {NULL, NULL};
	struct ids want = {0}, got = {0};
	struct group_filter f = GROUP_FILTER_ALL;
	struct group g;
	sqlite3_stmt *st;
	int64_t regional;

	(void)state;
	read_page(&l, 10, 5, &got);
	read_page(&l, 11, 5, &got);
	assert_int_equal(db_exec(db,
	                         "UPDATE person SET surname = 'Aaaa' "
	                         "WHERE id = ?",
	                         "i", got.v[2]),
	                 LAPE_OK);
	old_ids(db_prepare(db, OLD_PEOPLE, "t", NULL), &want);
	expect_page(&l, &want, 12, 5);
	expect_page(&l, &want, 11, 5);
	free(want.v);
	free(got.v);
	got = (struct ids){0};
	check_people(NULL, 5);
	/* a group renamed by the store */
	read_page(&(struct lister){NULL, &f}, 2, 3, &got);
	assert_int_equal(group_get(db, got.v[0], &g), LAPE_OK);
	free(g.name);
	g.name = strdup("Öööö");
	assert_int_equal(group_save(db, &g), LAPE_OK);
	group_clear(&g);
	free(got.v);
	check_groups(&f, 3);
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET status = "
	                         "'dissolved' WHERE id % 2 = 0",
	                         NULL),
	                 LAPE_OK);
	f.status = STATUS_ACTIVE;
	check_groups(&f, 3);
	f.status = -1;
	assert_int_equal(db_exec(db,
	                         "DELETE FROM group_municipality "
	                         "WHERE municipality_code = '049'",
	                         NULL),
	                 LAPE_OK);
	f.search = "espoo";
	check_groups(&f, 2);
	/* a foreign key's SET NULL fires the marking triggers under its
	 * own conflict policy: deleting a linked regional group works */
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET regional_group_id = "
	                         "(SELECT min(id) FROM lape_group WHERE level "
	                         "= 'regional') WHERE level = 'municipal'",
	                         NULL),
	                 LAPE_OK);
	st = db_prepare(db,
	                "SELECT min(id) FROM lape_group WHERE level = "
	                "'regional'",
	                NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	regional = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(group_delete(db, regional), LAPE_OK);
	f.search = NULL;
	check_groups(&f, 3);
}

/* An undo writes through the journal's changeset: the keys follow. */
static void test_undo(void **state)
{
	struct history_undo u = {0};
	struct person p;
	int64_t id = 0;
	struct ids all = {0};

	(void)state;
	old_ids(db_prepare(db, OLD_PEOPLE, "t", NULL), &all);
	id = all.v[0];
	free(all.v);
	assert_int_equal(person_get(db, id, &p), LAPE_OK);
	free(p.surname);
	p.surname = strdup("Ööpik");
	assert_int_equal(person_save(db, &p), LAPE_OK);
	person_clear(&p);
	check_people(NULL, 5);
	check_people("ööp", 5);
	assert_int_equal(history_undo_find(db, NULL, 0, false, &u), LAPE_OK);
	assert_int_equal(history_undo_apply(db, &u), LAPE_OK);
	history_undo_clear(&u);
	check_people(NULL, 5);
	check_people("ööp", 5);
	assert_int_equal(person_get(db, id, &p), LAPE_OK);
	assert_string_not_equal(p.surname, "Ööpik");
	person_clear(&p);
}

/* A transaction's writes only mark their rows; its commit makes the keys,
 * once for all of them. */
static void test_keys_at_commit(void **state)
{
	struct person p[3] = {0};

	(void)state;
	assert_int_equal(count(db, "SELECT count(*) FROM person_key_dirty"), 0);
	assert_int_equal(db_begin(db), LAPE_OK);
	for (int i = 0; i < 3; i++) {
		p[i].surname = strdup(i ? "Öhman" : "Aalto");
		p[i].given_names = strdup("Aino");
		assert_int_equal(person_save(db, &p[i]), LAPE_OK);
	}
	assert_int_equal(count(db, "SELECT count(*) FROM person_key_dirty"), 3);
	assert_int_equal(db_commit(db), LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM person_key_dirty"), 0);
	assert_int_equal(count(db, "SELECT n FROM list_count WHERE kind = "
	                           "'person'"),
	                 count(db, "SELECT count(*) FROM person"));
	for (int i = 0; i < 3; i++)
		person_clear(&p[i]);
	check_people(NULL, 5);
	check_people("aino", 2);
}

/* What a list counted inside a transaction that is rolled back is not
 * the list's any more (the fuzzer found the stale count). */
static void test_rolled_back(void **state)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t before, inside, after;

	(void)state;
	f.search = "zzqx";
	assert_int_equal(group_count(db, &f, &before), LAPE_OK);
	assert_int_equal(db_begin(db), LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET name = 'Zzqx' WHERE "
	                         "id = (SELECT min(id) FROM lape_group)",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(group_count(db, &f, &inside), LAPE_OK);
	assert_int_equal(inside, before + 1);
	db_rollback(db);
	assert_int_equal(group_count(db, &f, &after), LAPE_OK);
	assert_int_equal(after, before);
	check_groups(&f, 2);
}

/* Format 9's CHECKs without IN lists still hold what the schema
 * allows, for a writer that is not lape (the sqlite3 shell). */
static void test_checks_hold(void **state)
{
	static const char *const bad[] = {
	    "INSERT INTO person(surname, gender) VALUES ('A', 'x')",
	    "INSERT INTO person(surname, gender) VALUES ('A', NULL)",
	    "UPDATE membership SET role = 'boss' WHERE id = (SELECT min(id) "
	    "FROM membership)",
	    "UPDATE membership SET role = '' WHERE id = (SELECT min(id) "
	    "FROM membership)",
	};
	static const char *const good[] = {
	    "INSERT INTO person(surname, gender) VALUES ('A', '')",
	    "INSERT INTO person(surname, gender) VALUES ('B', 'other')",
	    "UPDATE membership SET role = 'vice_chair' WHERE id = (SELECT "
	    "min(id) FROM membership)",
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_not_equal(db_exec(db, bad[i], NULL), LAPE_OK);
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_int_equal(db_exec(db, good[i], NULL), LAPE_OK);
}

/* A foreign key's ON DELETE SET NULL (a deputy's seat removed) updates a
 * membership of a group the overview has marked already: the marking
 * triggers hold under the action's conflict policy. */
static void test_deputy_marked(void **state)
{
	int64_t seat, group;

	(void)state;
	seat = count(db, "SELECT min(id) FROM membership");
	group = count(db, "SELECT group_id FROM membership WHERE id = "
	                  "(SELECT min(id) FROM membership)");
	assert_int_equal(db_exec(db,
	                         "UPDATE membership SET deputy_of = ?1 WHERE "
	                         "id = (SELECT max(id) FROM membership WHERE "
	                         "group_id = ?2 AND id <> ?1)",
	                         "ii", seat, group),
	                 LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO overview_dirty(group_id) VALUES "
	                         "(?) ON CONFLICT DO NOTHING",
	                         "i", group),
	                 LAPE_OK);
	assert_int_equal(membership_delete(db, seat), LAPE_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM membership WHERE "
	                           "deputy_of IS NOT NULL AND deputy_of NOT IN "
	                           "(SELECT id FROM membership)"),
	                 0);
}

static int walk_id_cb(const struct group *g, const struct membership *m,
                      size_t n, void *ctx)
{
	(void)m;
	(void)n;
	ids_add(ctx, g->id);
	return 0;
}

/* The walk of a screen's page of groups with their members. */
static void test_walk_page(void **state)
{
	struct group_filter f = GROUP_FILTER_ALL;
	struct ids want = {0}, got = {0};

	(void)state;
	old_ids(db_prepare(db, OLD_GROUPS, "tddt", f.region, f.level, f.status,
	                   f.search),
	        &want);
	for (size_t off = 0; off < want.n; off++) {
		got.n = 0;
		assert_int_equal(
		    group_walk_page(db, &f, off, 3, walk_id_cb, &got), LAPE_OK);
		assert_int_equal(got.n, want.n - off < 3 ? want.n - off : 3);
		for (size_t i = 0; i < got.n; i++)
			assert_int_equal(got.v[i], want.v[off + i]);
	}
	free(want.v);
	free(got.v);
}

/* A needle the search texts cannot hold is looked for the old way. */
static void test_unavailable(void **state)
{
	size_t n;
	int64_t *ids;

	(void)state;
	assert_int_equal(page_person_ids(db, "a\x01", 0, 5, &ids, &n),
	                 PAGE_UNAVAILABLE);
	check_people("a\x01", 5);
}

/* ---- the search index (format 10) -----------------------------------------
 */

/* The ranks order as the list: person_rank by rank is person_key by key,
 * everyone in both; and the index's matches are the old query's. */
static void check_ranks(void)
{
	assert_int_equal(count(db, "SELECT count(*) FROM person_rank"),
	                 count(db, "SELECT count(*) FROM person"));
	assert_int_equal(
	    count(db, "SELECT count(*) FROM (SELECT person_id, row_number() "
	              "OVER (ORDER BY sort, person_id) AS n FROM person_key) "
	              "k JOIN (SELECT person_id, row_number() OVER (ORDER BY "
	              "rank) AS n FROM person_rank) r USING (person_id) "
	              "WHERE k.n <> r.n"),
	    0);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO person_search(person_search, "
	                         "rank) VALUES ('integrity-check', 0)",
	                         NULL),
	                 LAPE_OK);
}

static void save_person(const char *surname, const char *given, const char *org)
{
	struct person p = {0};

	p.surname = strdup(surname);
	p.given_names = strdup(given);
	p.organisation = org ? strdup(org) : NULL;
	assert_int_equal(person_save(db, &p), LAPE_OK);
	person_clear(&p);
}

/* A search of three letters or more reads the index: emptied behind
 * lape's back, it finds no one, while a shorter one still does. */
static void test_search_reads_index(void **state)
{
	size_t n;

	(void)state;
	assert_true(db_schema_version(db) >= 10);
	check_ranks();
	assert_int_equal(person_count(db, "mäk", &n), LAPE_OK);
	assert_true(n > 0);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO person_search(person_search) "
	                         "VALUES ('delete-all')",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(person_count(db, "mäk", &n), LAPE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(person_count(db, "mä", &n), LAPE_OK);
	assert_true(n > 0);
}

/* People added one at a time at one place of the list, until no number
 * is left between two ranks and all are made again; between, around and
 * after them; renamed and removed: the ranks and the searches hold. */
static void test_search_ranks(void **state)
{
	bool between = false, all_again = false;

	(void)state;
	for (int i = 0; i < 30; i++) {
		assert_int_equal(db_begin(db), LAPE_OK);
		save_person("Mäkelä", "Ranka", NULL);
		assert_int_equal(db_commit(db), LAPE_OK);
		if (count(db, "SELECT count(*) FROM person_rank WHERE rank % "
		              "1048576 <> 0") > 0)
			between = true;
		else if (between)
			all_again = true;
		check_ranks();
	}
	assert_true(between);
	assert_true(all_again);
	/* a run of them in one transaction, and one at the end */
	assert_int_equal(db_begin(db), LAPE_OK);
	for (int i = 0; i < 12; i++)
		save_person(i % 2 ? "Mäkelä" : "Makela", "Ranka", NULL);
	save_person("Öörni", "Ranka", NULL);
	assert_int_equal(db_commit(db), LAPE_OK);
	check_ranks();
	check_people("ranka", 5);
	check_people("mäkelä ranka", 4);
	check_people("ranka mäkelä", 4);
	assert_int_equal(db_exec(db,
	                         "UPDATE person SET surname = 'Aalto' WHERE "
	                         "given_names = 'Ranka' AND id % 2 = 0",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "DELETE FROM person WHERE given_names = "
	                         "'Ranka' AND id % 3 = 0",
	                         NULL),
	                 LAPE_OK);
	check_people("ranka", 5);
	check_people("aalto ran", 3);
	check_ranks();
}

/* page_person_index_all() makes every person's rank and search entry
 * from the keys alone, as benchgen needs after writing the keys of its
 * copies itself: the lists and searches then read as before. */
static void test_person_index_all(void **state)
{
	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	save_person("Mäkelä", "Ranka", NULL);
	save_person("Öörni", "Aino", "Oy Ranka Ab");
	assert_int_equal(db_commit(db), LAPE_OK);
	check_people("ranka", 2);
	/* the ranks and the index gone, the keys kept */
	assert_int_equal(db_begin(db), LAPE_OK);
	assert_int_equal(db_exec(db, "DELETE FROM person_rank", NULL), LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO person_search(person_search) "
	                         "VALUES ('delete-all')",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(page_person_index_all(db), LAPE_OK);
	assert_int_equal(db_commit(db), LAPE_OK);
	check_ranks();
	check_people("ranka", 2);
	check_people("örn", 1);
	check_people("mäk", 1);
}

/* Needles that mean something to FTS5's queries are only text. */
static void test_search_syntax(void **state)
{
	static const char *const needles[] = {
	    "\"hi\"", "say \"", "\"\"\"", "AND", "or ",   "NEAR(", "a*b",
	    "^ma",    "x:y",    "(oy)",   "-ki", "a b c", "oy\"",  "ää ö",
	};

	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	save_person("Sayer", "Hi", "Say \"hi\" Oy");
	save_person("Andersson", "Nora", "OR and AND (oy)");
	save_person("Near", "Ab", "NEAR(x:y) a*b ^ma");
	save_person("Kivi-Kiiski", "Ää Ö", "a b c");
	assert_int_equal(db_commit(db), LAPE_OK);
	for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++)
		check_people(needles[i], 3);
}

/* A group is found by its municipalities' names, kept in its search
 * text: a municipality renamed behind lape's back marks its groups. */
static void test_group_municipality_renamed(void **state)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t n;

	(void)state;
	f.search = "zyxkaupunki";
	assert_int_equal(group_count(db, &f, &n), LAPE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(db_exec(db,
	                         "UPDATE municipality SET name_fi = "
	                         "'Zyxkaupunki' WHERE code = (SELECT "
	                         "municipality_code FROM group_municipality "
	                         "ORDER BY group_id LIMIT 1)",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(group_count(db, &f, &n), LAPE_OK);
	assert_true(n > 0);
	check_groups(&f, 2);
	f.search = "ZYXKAUP";
	check_groups(&f, 1);
}

/* The groups' search (format 11): a search whose matches are few reads
 * them from the index, one that matches more than a thousand reads the
 * list; both give the old query's rows, after writes around the store
 * too.  Emptied behind lape's back, the index finds no one for a search
 * of few matches. */
static void test_group_search_index(void **state)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t n;

	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	for (int i = 0; i < 1100; i++)
		assert_int_equal(
		    db_exec(db,
		            "INSERT INTO lape_group(id, level, name, "
		            "region_code) VALUES (lape_new_id('lape_group'), "
		            "'regional', 'Monialainen ' || ?1, '01')",
		            "i", (int64_t)i),
		    LAPE_OK);
	assert_int_equal(db_commit(db), LAPE_OK);
	/* many: the list read in its order; few: the index */
	f.search = "monialainen";
	check_groups(&f, 25);
	assert_int_equal(group_count(db, &f, &n), LAPE_OK);
	assert_int_equal(n, 1100);
	/* counted as the screen counts at each key, and to the end */
	{
		bool more = false;

		assert_int_equal(group_count_upto(db, &f, 1000, &n, &more),
		                 LAPE_OK);
		assert_int_equal(n, 1000);
		assert_true(more);
		f.search = "monialainen 1";
		assert_int_equal(group_count_upto(db, &f, 1000, &n, &more),
		                 LAPE_OK);
		assert_int_equal(n, 1 + 10 + 100 + 100); /* 1, 1x, 1xx, 10xx */
		assert_false(more);
		f.search = NULL;
		f.level = LEVEL_REGIONAL;
		assert_int_equal(group_count_upto(db, &f, 1000, &n, &more),
		                 LAPE_OK);
		assert_true(more);
		f.level = -1;
		f.search = "monialainen";
	}
	f.search = "monialainen 10";
	check_groups(&f, 3);
	f.search = "espoo";
	check_groups(&f, 1);
	f.level = LEVEL_REGIONAL;
	f.search = "alainen 7";
	check_groups(&f, 4);
	f.level = -1;
	/* renamed, dissolved and removed around the store */
	assert_int_equal(db_exec(db,
	                         "UPDATE lape_group SET name = 'Qwerty ryhmä' "
	                         "WHERE name LIKE 'Monialainen 10%'",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "DELETE FROM lape_group WHERE name LIKE "
	                         "'Monialainen 2%'",
	                         NULL),
	                 LAPE_OK);
	f.search = "qwerty";
	check_groups(&f, 4);
	assert_int_equal(group_count(db, &f, &n), LAPE_OK);
	assert_int_equal(n, 111);
	f.search = "monialainen 2";
	check_groups(&f, 2);
	f.search = "monialainen 10"; /* the old names are out of the index */
	check_groups(&f, 2);
	f.search = "monialainen";
	check_groups(&f, 50);
	check_all();
	/* the index is what a search of few matches reads */
	assert_int_equal(db_exec(db,
	                         "INSERT INTO group_search(group_search) "
	                         "VALUES ('delete-all')",
	                         NULL),
	                 LAPE_OK);
	f.search = "qwerty";
	assert_int_equal(group_count(db, &f, &n), LAPE_OK);
	assert_int_equal(n, 0);
}

/* A file opened afresh reads the groups' index too: SQLite knows a
 * virtual table's columns only once it is used, and the first way of
 * asking whether the file has the index took it for missing. */
static void test_group_index_reopened(void **state)
{
	struct lape_db *d = open_demo("reopened.db");
	struct group_filter f = GROUP_FILTER_ALL;
	sqlite3 *raw;
	size_t n;

	(void)state;
	f.search = "espoo";
	assert_int_equal(group_count(d, &f, &n), LAPE_OK);
	assert_true(n > 0);
	db_close(d);
	/* emptied behind lape's back: the index, not the list, is read */
	assert_int_equal(sqlite3_open(tmp_path("reopened.db"), &raw),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw,
	                              "INSERT INTO group_search(group_search) "
	                              "VALUES ('delete-all')",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(raw);
	d = open_file(tmp_path("reopened.db"), false);
	assert_int_equal(group_count(d, &f, &n), LAPE_OK);
	assert_int_equal(n, 0);
	db_close(d);
}

static int vm_steps(void *arg)
{
	++*(long *)arg;
	return 0;
}

/* One person added to a list of 20,000: the keys, ranks and index
 * entries made for the marked row cost what that row costs, not a read
 * of the whole list (a file has no statistics; SQLite once chose to scan
 * every key to find the one marked).  Counted in SQLite's virtual
 * machine steps, by hundreds. */
static void test_write_cost(void **state)
{
	long hundreds = 0;

	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	                         "SELECT i + 1 FROM n WHERE i < 20000) "
	                         "INSERT INTO person(id, surname, given_names) "
	                         "SELECT (SELECT max(id) FROM person) + i, "
	                         "'Kustaa ' || i, 'Testi' FROM n",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(db_commit(db), LAPE_OK);
	check_ranks();
	sqlite3_progress_handler(db->sql, 100, vm_steps, &hundreds);
	assert_int_equal(db_begin(db), LAPE_OK);
	save_person("Kustaa 9999", "Välissä", NULL);
	assert_int_equal(db_commit(db), LAPE_OK);
	sqlite3_progress_handler(db->sql, 0, NULL, NULL);
	print_message("one person added: %ld hundred steps\n", hundreds);
	assert_true(hundreds < 200);
	check_ranks();
	check_people("kustaa 9999", 3);
}

/* The number of segments FTS5 has written to the search index, from its
 * structure record (rowid 10 of its data): a 4-byte cookie, then the
 * number of levels, of segments and the write counter, as SQLite's
 * varints. */
static int64_t search_segments_written(void)
{
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT block FROM person_search_data WHERE id = 10", NULL);
	const unsigned char *b;
	int64_t v[3] = {0, 0, 0};
	int n, at = 4;

	assert_non_null(st);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	b = sqlite3_column_blob(st, 0);
	n = sqlite3_column_bytes(st, 0);
	for (int k = 0; k < 3; k++)
		for (int len = 0; at < n && len < 9; len++) {
			unsigned char c = b[at++];

			if (len == 8) {
				v[k] = (v[k] << 8) | c;
				break;
			}
			v[k] = (v[k] << 7) | (c & 0x7f);
			if (!(c & 0x80))
				break;
		}
	sqlite3_finalize(st);
	return v[2];
}

/* Many people edited in one transaction, in an order that is not the
 * list's: their index entries are written in rank order, in a few
 * segments (5 here), not in one for nearly each edit (40 here).  FTS5
 * writes out what it holds whenever a rowid comes before the last one. */
static void test_search_written_in_order(void **state)
{
	int64_t before, after;

	(void)state;
	assert_int_equal(db_begin(db), LAPE_OK);
	assert_int_equal(db_exec(db,
	                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	                         "SELECT i + 1 FROM n WHERE i < 2000) "
	                         "INSERT INTO person(id, surname, given_names) "
	                         "SELECT (SELECT max(id) FROM person) + i, "
	                         "'Muu ' || i, 'Testi' FROM n",
	                         NULL),
	                 LAPE_OK);
	for (int i = 0; i < 60; i++) {
		char name[32];

		snprintf(name, sizeof name, "Järjestys %02d", (i * 37) % 60);
		save_person(name, "Testi", NULL);
	}
	assert_int_equal(db_commit(db), LAPE_OK);
	before = search_segments_written();
	assert_int_equal(db_exec(db,
	                         "UPDATE person SET phone = '1' WHERE surname "
	                         "LIKE 'Järjestys %'",
	                         NULL),
	                 LAPE_OK);
	assert_int_equal(page_keys_refresh(db), LAPE_OK);
	after = search_segments_written();
	print_message("60 edits: %lld segments written\n",
	              (long long)(after - before));
	assert_true(after - before <= 10);
	check_people("järjestys", 5);
	check_ranks();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_key_order),
	    cmocka_unit_test(test_key_columns),
	    cmocka_unit_test_setup_teardown(test_demo, setup_demo, close_db),
	    cmocka_unit_test_setup_teardown(test_many, setup_demo, close_db),
	    cmocka_unit_test_setup_teardown(test_count_upto, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_changed_under, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_undo, setup_demo, close_db),
	    cmocka_unit_test_setup_teardown(test_walk_page, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_unavailable, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_keys_at_commit, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_deputy_marked, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_checks_hold, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_rolled_back, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_search_reads_index, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_search_ranks, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_person_index_all, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_search_syntax, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_write_cost, setup_demo,
	                                    close_db),
	    cmocka_unit_test_setup_teardown(test_group_municipality_renamed,
	                                    setup_demo, close_db),
	    cmocka_unit_test_setup_teardown(test_search_written_in_order,
	                                    setup_demo, close_db),
	    cmocka_unit_test_setup_teardown(test_group_search_index, setup_demo,
	                                    close_db),
	    cmocka_unit_test(test_group_index_reopened),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
