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
/* benchgen.c -- make a data file for `make bench`: the 2026 reference data,
 * a municipal group for every municipality and a regional group for every
 * region, each with 8-20 members, SCALE times over: the first through
 * the store in one transaction, the copies in bulk SQL in another.
 * Deterministic: the same SCALE gives the same content. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/db.h"
#include "lape/journal.h"
#include "lape/store.h"

static const char *const first_names[] = {
    "Aino",   "Björn", "Elina",  "Jukka", "Kaisa", "Lotta", "Matti", "Minna",
    "Niklas", "Päivi", "Riikka", "Sören", "Tuula", "Ville", "Åsa",   "Östen",
};
static const char *const last_names[] = {
    "Aaltonen", "Åberg",    "Grönroos", "Hämäläinen", "Kääriäinen", "Lindholm",
    "Mäkelä",   "Nyström",  "Öhman",    "Pöyhönen",   "Räsänen",    "Sjöberg",
    "Väänänen", "Wikström", "Ylönen",   "Zetterberg",
};
static const char *const municipal_sectors[] = {
    "social_health", "education", "youth",
    "organisations", "parishes",  "youth_rep",
};
static const char *const regional_sectors[] = {
    "municipalities",    "hospital_district",
    "organisations",     "education_institutions",
    "competence_centre", "parishes",
    "youth_rep",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct gen {
	struct lape_db *db;
	unsigned long long rng;
	char (*munis)[2][64]; /* code and region of each municipality */
	size_t n_munis, cap_munis;
	char regions[32][3];
	char region_names[32][64];
	size_t n_regions;
	size_t n_groups, n_members;
	char *indexes[32], *names[32]; /* dropped while copying */
	size_t n_indexes;
};

static unsigned gen_rand(struct gen *g, unsigned n)
{
	/* xorshift64*: small, fast, the same on every machine. */
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return (unsigned)((g->rng * 2685821657736338717ULL) >> 33) % n;
}

static int fail(struct gen *g, const char *what)
{
	fprintf(stderr, "benchgen: %s: %s: %s\n", g->db->path, what,
	        db_errmsg(g->db));
	return -1;
}

static int add_member(struct gen *g, int64_t group, const char *sector,
                      enum member_role role)
{
	struct person p = {0};
	struct membership m = {0};
	int64_t person;
	int rc;

	/* the record owns its strings: person_save() normalises them */
	p.surname = strdup(last_names[gen_rand(g, N(last_names))]);
	p.given_names = strdup(first_names[gen_rand(g, N(first_names))]);
	p.organisation = strdup("Benchmark Oy");
	if (!p.surname || !p.given_names || !p.organisation) {
		person_clear(&p);
		return fail(g, "person");
	}
	rc = person_save(g->db, &p);
	person = p.id;
	person_clear(&p);
	if (rc != LAPE_OK)
		return fail(g, "person");
	m.group_id = group;
	m.person_id = person;
	m.role = role;
	if (membership_add_sector(&m, sector) != LAPE_OK)
		return fail(g, "sector");
	/* One term in twenty has ended, to give the check some work. */
	if (gen_rand(g, 20) == 0)
		m.end_date = strdup("2016-12-31");
	rc = membership_save(g->db, &m);
	membership_clear(&m);
	g->n_members++;
	return rc == LAPE_OK ? 0 : fail(g, "membership");
}

/* 8-20 members covering SECTORS in turn (one left out now and then). */
static int add_members(struct gen *g, int64_t group, const char *const *sectors,
                       size_t n_sectors)
{
	size_t n = 8 + gen_rand(g, 13);
	size_t skip =
	    gen_rand(g, 4) == 0 ? gen_rand(g, (unsigned)n_sectors) : n_sectors;

	for (size_t i = 0; i < n; i++) {
		size_t s = i % n_sectors;
		enum member_role role = i == 0   ? ROLE_CHAIR
		                        : i == 1 ? ROLE_SECRETARY
		                                 : ROLE_MEMBER;

		if (s == skip)
			s = (s + 1) % n_sectors;
		if (add_member(g, group, sectors[s], role) != 0)
			return -1;
	}
	return 0;
}

static int add_group(struct gen *g, enum group_level level, const char *code,
                     const char *name, size_t copy)
{
	struct group grp = {0};
	char full[160];
	int64_t id;
	int rc;

	(void)copy;
	snprintf(full, sizeof(full), "%s LAPE", name);
	grp.level = level;
	grp.name = full;
	if (level == LEVEL_REGIONAL)
		memcpy(grp.region_code, code, 3);
	else if (group_add_municipality(&grp, code) != LAPE_OK)
		return fail(g, "group");
	grp.mandate_body = (char *)"Hallitus";
	rc = group_save(g->db, &grp);
	id = grp.id;
	grp.name = NULL;
	grp.mandate_body = NULL;
	group_clear(&grp);
	if (rc != LAPE_OK)
		return fail(g, "group");
	g->n_groups++;
	if (level == LEVEL_REGIONAL)
		return add_members(g, id, regional_sectors,
		                   N(regional_sectors));
	return add_members(g, id, municipal_sectors, N(municipal_sectors));
}

static int keep_region(const struct region *r, void *arg)
{
	struct gen *g = arg;

	if (g->n_regions == N(g->regions))
		return 0;
	memcpy(g->regions[g->n_regions], r->code, 3);
	snprintf(g->region_names[g->n_regions], 64, "%s", r->name_fi);
	g->n_regions++;
	return 0;
}

static int keep_municipality(const struct municipality *m, void *arg)
{
	struct gen *g = arg;

	if (g->n_munis == g->cap_munis) {
		size_t cap = g->cap_munis ? g->cap_munis * 2 : 512;
		void *p = realloc(g->munis, cap * sizeof(*g->munis));

		if (!p)
			return 1;
		g->munis = p;
		g->cap_munis = cap;
	}
	snprintf(g->munis[g->n_munis][0], 64, "%s", m->code);
	snprintf(g->munis[g->n_munis][1], 64, "%s", m->name_fi);
	g->n_munis++;
	return 0;
}

static int64_t max_id(struct gen *g, const char *sql)
{
	sqlite3_stmt *st = db_prepare(g->db, sql, NULL);
	int64_t id = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* A copy's uuid, creation and change times, from its original's: the
 * copy's number C in the uuid's first eight digits instead of a random
 * uuid and a clock reading per row.  Still unique: the first copy's are
 * random, and no two copies share a number. */
#define COPY_COLS ", uuid, created, updated"
#define COPY_VALUES(c)                                                         \
	", printf('%08x', " #c ") || substr(uuid, 9), created, updated"

/* The first copy's rows of the tables the copies fill, in memory: a
 * table copied from itself is first copied aside by SQLite, at every
 * copy. */
static int copy_aside(struct gen *g, int64_t mg, int64_t mp, int64_t mm)
{
	return db_exec(g->db,
	               "CREATE TEMP TABLE g0 AS SELECT * FROM "
	               "lape_group WHERE id <= ?1",
	               "i", mg) == LAPE_OK &&
	               db_exec(g->db,
	                       "CREATE TEMP TABLE gm0 AS SELECT * FROM "
	                       "group_municipality WHERE group_id <= ?1",
	                       "i", mg) == LAPE_OK &&
	               db_exec(g->db,
	                       "CREATE TEMP TABLE p0 AS SELECT * FROM person "
	                       "WHERE id <= ?1",
	                       "i", mp) == LAPE_OK &&
	               db_exec(g->db,
	                       "CREATE TEMP TABLE m0 AS SELECT * FROM "
	                       "membership WHERE id <= ?1",
	                       "i", mm) == LAPE_OK
	           ? 0
	           : fail(g, "copy aside");
}

/* Copy number C (1-based) of the first copy's groups, people, memberships
 * and municipalities (copy_aside()), ids shifted past the first copy's. */
static int copy_once(struct gen *g, int64_t c, int64_t mg, int64_t mp,
                     int64_t mm)
{
	char suffix[24];

	snprintf(suffix, sizeof(suffix), " %" PRId64, c + 1);
	if (db_exec(g->db,
	            "INSERT INTO lape_group(id, level, name, region_code, "
	            "mandate_body, mandate_date, existing_body, start_date, "
	            "end_date, status, notes" COPY_COLS ") SELECT id + ?1, "
	            "level, name || ?2, region_code, mandate_body, "
	            "mandate_date, existing_body, start_date, end_date, "
	            "status, notes" COPY_VALUES(?3) " FROM temp.g0",
	            "iti", c * mg, suffix, c) != LAPE_OK ||
	    db_exec(g->db,
	            "INSERT INTO group_municipality(group_id, "
	            "municipality_code, pos" COPY_COLS ") SELECT "
	            "group_id + ?1, municipality_code, pos" COPY_VALUES(?2)
	            " FROM temp.gm0",
	            "ii", c * mg, c) != LAPE_OK ||
	    db_exec(g->db,
	            "INSERT INTO person(id, surname, given_names, gender, "
	            "organisation, email, phone, notes" COPY_COLS ") SELECT "
	            "id + ?1, surname, given_names, gender, organisation, "
	            "email, phone, notes" COPY_VALUES(?2) " FROM temp.p0",
	            "ii", c * mp, c) != LAPE_OK ||
	    db_exec(g->db,
	            "INSERT INTO membership(id, group_id, person_id, sectors, "
	            "role, organisation, start_date, end_date" COPY_COLS
	            ") SELECT id + ?1, group_id + ?2, person_id + ?3, "
	            "sectors, role, organisation, start_date, end_date"
	                COPY_VALUES(?4) " FROM temp.m0",
	            "iiii", c * mm, c * mg, c * mp, c) != LAPE_OK)
		return fail(g, "copy");
	(void)mm;
	return 0;
}

/* Drop the indexes (not the UNIQUE constraints') and the insert triggers
 * of the tables the copies fill, keeping their SQL to create them again
 * after (mark_copies() does what the triggers would have). */
static int drop_indexes(struct gen *g)
{
	sqlite3_stmt *st = db_prepare(
	    g->db,
	    "SELECT name, sql, type FROM sqlite_master WHERE "
	    "((type = 'index' AND sql IS NOT NULL) OR (type = 'trigger' AND "
	    "sql LIKE '%AFTER INSERT ON%')) AND tbl_name IN ('lape_group', "
	    "'group_municipality', 'person', 'membership') ORDER BY rowid",
	    NULL);
	int rc = st ? 0 : -1;

	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW &&
	       g->n_indexes < N(g->indexes)) {
		char drop[128];

		snprintf(
		    drop, sizeof drop, "DROP %s \"%s\"",
		    strcmp((const char *)sqlite3_column_text(st, 2), "index")
		        ? "TRIGGER"
		        : "INDEX",
		    (const char *)sqlite3_column_text(st, 0));
		g->indexes[g->n_indexes] =
		    strdup((const char *)sqlite3_column_text(st, 1));
		if (!g->indexes[g->n_indexes++])
			rc = -1;
		else
			g->names[g->n_indexes - 1] = strdup(drop);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; rc == 0 && i < g->n_indexes; i++)
		if (!g->names[i] ||
		    db_exec(g->db, g->names[i], NULL) != LAPE_OK)
			rc = -1;
	return rc;
}

/* The people's list keys of copies 2..SCALE, from the first copy's: a
 * person's keys are made of its names, organisation and e-mail, which a
 * copy shares with its original.  Computed, they were the longest step
 * at 1000 times national size (lape_sort_key() and six lape_key() per
 * person).  Written in the keys' own order, their id index made after;
 * then every person's rank and search entry, as the store makes them
 * when most people are new. */
static int copy_person_keys(struct gen *g, int64_t mp, size_t scale)
{
	sqlite3_stmt *st = db_prepare(
	    g->db, "SELECT sql FROM sqlite_master WHERE name = 'person_key_id'",
	    NULL);
	char *index = NULL;
	int rc = -1;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		index = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!index)
		return -1;
	/* the first copy's keys, made by its commit, are all there */
	if (max_id(g, "SELECT count(*) FROM person_key") == mp &&
	    max_id(g, "SELECT count(*) FROM person_key_dirty") == 0 &&
	    db_exec(g->db, "DROP INDEX person_key_id", NULL) == LAPE_OK &&
	    db_exec(g->db,
	            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 "
	            "FROM c WHERE n < ?2) INSERT INTO person_key(sort, "
	            "person_id, search) SELECT k.sort, k.person_id + c.n * ?1, "
	            "k.search FROM person_key k CROSS JOIN c",
	            "ii", mp, (int64_t)scale - 1) == LAPE_OK &&
	    db_exec(g->db, index, NULL) == LAPE_OK &&
	    db_exec(g->db,
	            "UPDATE list_count SET n = (SELECT count(*) FROM "
	            "person_key) WHERE kind = 'person'",
	            NULL) == LAPE_OK &&
	    page_person_index_all(g->db) == LAPE_OK)
		rc = 0;
	free(index);
	return rc;
}

/* What the overview's, the lists' and the group reads' insert triggers do
 * for each row copied, done once: every group after the first MG is to be
 * checked again, the municipalities of every group too, and the groups are
 * counted; every group after the first MG gets its list keys (db_commit()
 * makes them; the people's are copied, copy_person_keys()); the copies
 * get their municipality codes and the regions their first regional
 * group. */
static int mark_copies(struct gen *g, int64_t mg)
{
	if (db_exec(g->db,
	            "INSERT INTO group_key_dirty(group_id) SELECT id FROM "
	            "lape_group WHERE id > ?1 ON CONFLICT DO NOTHING",
	            "i", mg) != LAPE_OK ||
	    db_exec(
	        g->db,
	        GROUP_CODES_SQL("g.id", " FROM lape_group g WHERE g.id > ?1"),
	        "i", mg) != LAPE_OK ||
	    db_exec(g->db, "DELETE FROM region_link", NULL) != LAPE_OK ||
	    db_exec(g->db, GROUP_LINKS_SQL(""), NULL) != LAPE_OK)
		return -1;
	return db_exec(g->db,
	               "INSERT INTO overview_dirty(group_id) SELECT id FROM "
	               "lape_group WHERE id > ?1 AND id NOT IN "
	               "(SELECT group_id FROM overview_dirty)",
	               "i", mg) == LAPE_OK &&
	               db_exec(g->db,
	                       "INSERT INTO overview_dirty_muni(code) SELECT "
	                       "DISTINCT municipality_code FROM "
	                       "group_municipality WHERE municipality_code "
	                       "NOT IN (SELECT code FROM overview_dirty_muni)",
	                       NULL) == LAPE_OK &&
	               db_exec(
	                   g->db,
	                   "UPDATE overview_state SET value = value + "
	                   "(SELECT count(*) FROM lape_group WHERE id > ?1) "
	                   "WHERE key = 'n_groups'",
	                   "i", mg) == LAPE_OK
	           ? 0
	           : -1;
}

static int generate(struct gen *g, size_t scale)
{
	int64_t mg, mp, mm;
	size_t groups, members;

	if (region_list(g->db, false, keep_region, g) != LAPE_OK ||
	    municipality_list(g->db, NULL, NULL, keep_municipality, g) !=
	        LAPE_OK)
		return fail(g, "reference data");
	if (db_begin(g->db) != LAPE_OK)
		return fail(g, "begin");
	for (size_t i = 0; i < g->n_regions; i++)
		if (add_group(g, LEVEL_REGIONAL, g->regions[i],
		              g->region_names[i], 0) != 0)
			goto fail;
	for (size_t i = 0; i < g->n_munis; i++)
		if (add_group(g, LEVEL_MUNICIPAL, g->munis[i][0],
		              g->munis[i][1], 0) != 0)
			goto fail;
	mg = max_id(g, "SELECT max(id) FROM lape_group");
	mp = max_id(g, "SELECT max(id) FROM person");
	mm = max_id(g, "SELECT max(id) FROM membership");
	groups = g->n_groups;
	members = g->n_members;
	/* The first copy is in the history like any saved record; the
	 * others, written in bulk, are not (a journal of millions of rows
	 * would take most of the time). */
	if (db_commit(g->db) != LAPE_OK)
		return fail(g, "commit");
	journal_pause(g->db, true);
	/* The indexes of millions of rows in the cache, not read again from
	 * the system (256 MiB at most, used as they grow).  The file is
	 * being built, not yet published: a failure throws it away, so the
	 * copies need no rollback journal and no syncs. */
	if (db_exec(g->db, "PRAGMA cache_size=-262144", NULL) != LAPE_OK ||
	    db_exec(g->db, "PRAGMA journal_mode=OFF", NULL) != LAPE_OK ||
	    db_exec(g->db, "PRAGMA synchronous=OFF", NULL) != LAPE_OK ||
	    db_exec(g->db, "PRAGMA temp_store=MEMORY", NULL) != LAPE_OK ||
	    drop_indexes(g) != 0 || db_begin(g->db) != LAPE_OK ||
	    copy_aside(g, mg, mp, mm) != 0)
		return fail(g, "begin");
	for (size_t c = 1; c < scale; c++) {
		if (copy_once(g, (int64_t)c, mg, mp, mm) != 0)
			goto fail;
		g->n_groups += groups;
		g->n_members += members;
	}
	/* The indexes built once over all the rows and the triggers back,
	 * as the schema has them. */
	for (size_t i = 0; i < g->n_indexes; i++)
		if (db_exec(g->db, g->indexes[i], NULL) != LAPE_OK)
			goto fail;
	if (mark_copies(g, mg) != 0 ||
	    (scale > 1 && copy_person_keys(g, mp, scale) != 0))
		goto fail;
	if (db_commit(g->db) != LAPE_OK)
		return fail(g, "commit");
	if (db_exec(g->db, "PRAGMA journal_mode=DELETE", NULL) != LAPE_OK ||
	    db_exec(g->db, "PRAGMA synchronous=FULL", NULL) != LAPE_OK)
		return fail(g, "journal");
	return 0;
fail:
	db_rollback(g->db);
	return -1;
}

int main(int argc, char **argv)
{
	struct gen g = {0};
	const char *share = getenv("LAPE_SHARE");
	char err[1024];
	long scale;
	int rc;

	if (argc != 3 || (scale = strtol(argv[2], NULL, 10)) < 1) {
		fprintf(stderr, "usage: benchgen FILE SCALE (LAPE_SHARE names "
		                "share/lape)\n");
		return 2;
	}
	if (!share)
		share = PKGDATADIR;
	if (db_open(argv[1], DB_OPEN_CREATE, &g.db, err, sizeof(err)) !=
	    LAPE_OK) {
		fprintf(stderr, "benchgen: %s\n", err);
		return 2;
	}
	g.rng = 0x9E3779B97F4A7C15ULL;
	rc = refdata_load(g.db, share, 2026) == LAPE_OK
	         ? generate(&g, (size_t)scale)
	         : fail(&g, "reference data");
	if (rc == 0 && db_publish(g.db) != LAPE_OK)
		rc = fail(&g, "publish");
	if (rc == 0)
		printf("%s: %zu groups, %zu members\n", argv[1], g.n_groups,
		       g.n_members);
	free(g.munis);
	for (size_t i = 0; i < g.n_indexes; i++) {
		free(g.indexes[i]);
		free(g.names[i]);
	}
	db_close(g.db);
	return rc == 0 ? 0 : 1;
}
