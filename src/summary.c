/* summary.c -- a region at a glance: its regional group's state, how many
 * of its municipalities have a (complete) LAPE group, which have none, its
 * change agent, and whether it may have one. */

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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lape/check.h"
#include "lape/collate.h"
#include "lape/db.h"
#include "lape/i18n.h"

bool region_eligible(const struct rules *r, const struct region_facts *f)
{
	if (f->regional == REGIONAL_NONE)
		return false;
	if (r->agent_require_regional_complete &&
	    f->regional != REGIONAL_COMPLETE)
		return false;
	if (!f->regional_staffed)
		return false;
	return (r->agent_municipal_groups == AGENT_GROUPS_COMPLETE
	            ? f->n_complete
	            : f->n_staffed) *
	           100 >=
	       (size_t)r->agent_municipal_coverage * f->n_municipalities;
}

/* One municipality while summaries are gathered. */
struct muni {
	char code[4];
	char *name;    /* in the language in use; owned */
	size_t region; /* index into the summaries */
	bool covered;
	bool staffed; /* an active group of it has current members */
	bool complete;
};

/* Summaries of one region or of all, gathered in one walk over the
 * groups.  Municipality and region codes are numbers of 3 and 2 digits,
 * so they index small tables directly. */
struct gather {
	const struct rules *r;
	const char *today;
	struct region_summary *sums;
	size_t n_sums, cap_sums;
	struct muni *munis;
	size_t n, cap;
	short region_at[100]; /* region code -> summary index + 1 */
	short muni_at[1000];  /* municipality code -> muni index + 1 */
	int failed;           /* out of memory inside a callback */
};

/* The number in CODE of exactly DIGITS digits, or -1. */
static int code_number(const char *code, int digits)
{
	int v = 0;

	for (int i = 0; i < digits; i++) {
		if (code[i] < '0' || code[i] > '9')
			return -1;
		v = v * 10 + (code[i] - '0');
	}
	return code[digits] == '\0' ? v : -1;
}

static int add_region(const struct region *rg, void *ctx)
{
	struct gather *G = ctx;
	struct region_summary *s;
	int k = code_number(rg->code, 2);

	if (k < 0)
		return 0;
	if (G->n_sums == G->cap_sums) {
		size_t cap = G->cap_sums ? G->cap_sums * 2 : 32;

		s = realloc(G->sums, cap * sizeof *s);
		if (!s)
			return LAPE_ERROR;
		G->sums = s;
		G->cap_sums = cap;
	}
	s = &G->sums[G->n_sums];
	memset(s, 0, sizeof *s);
	s->region = *rg;
	s->region.name_fi = strdup(rg->name_fi ? rg->name_fi : "");
	s->region.name_sv = strdup(rg->name_sv ? rg->name_sv : "");
	if (!s->region.name_fi || !s->region.name_sv) {
		region_clear(&s->region);
		return LAPE_ERROR;
	}
	G->region_at[k] = (short)++G->n_sums;
	return 0;
}

static int add_muni(const struct municipality *m, void *ctx)
{
	struct gather *G = ctx;
	const char *name;
	struct muni *u;
	int k = code_number(m->code, 3), rg = code_number(m->region_code, 2);

	if (k < 0 || rg < 0 || G->region_at[rg] == 0)
		return 0; /* a region left out (Åland) */
	if (G->n == G->cap) {
		size_t cap = G->cap ? G->cap * 2 : 64;
		u = realloc(G->munis, cap * sizeof *u);
		if (!u)
			return LAPE_ERROR;
		G->munis = u;
		G->cap = cap;
	}
	u = &G->munis[G->n];
	memset(u, 0, sizeof *u);
	memcpy(u->code, m->code, sizeof u->code);
	u->code[sizeof u->code - 1] = '\0';
	u->region = (size_t)G->region_at[rg] - 1;
	name = i18n_pick(m->name_fi, m->name_sv);
	u->name = strdup(name ? name : m->code);
	if (!u->name)
		return LAPE_ERROR;
	G->muni_at[k] = (short)++G->n;
	return 0;
}

static struct muni *find_muni(struct gather *G, const char *code)
{
	int k = code_number(code, 3);

	return k < 0 || G->muni_at[k] == 0 ? NULL
	                                   : &G->munis[G->muni_at[k] - 1];
}

static struct region_summary *find_region(struct gather *G, const char *code)
{
	int k = code_number(code, 2);

	return k < 0 || G->region_at[k] == 0 ? NULL
	                                     : &G->sums[G->region_at[k] - 1];
}

static int add_group(const struct group *g, const struct membership *m,
                     size_t n, void *ctx)
{
	struct gather *G = ctx;
	struct check_result res;
	struct check_until until;
	struct region_summary *s;
	bool staffed;

	if (g->status != STATUS_ACTIVE)
		return 0;
	if (group_check(G->r, g, m, n, G->today, &res) < 0) {
		G->failed = 1;
		return LAPE_ERROR;
	}
	group_check_until(G->r, g, m, n, &until);
	staffed = strcmp(until.staffed, G->today) >= 0;
	if (g->level == LEVEL_REGIONAL) {
		s = find_region(G, g->region_code);
		/* The region's oldest active regional group speaks for it. */
		if (s && (s->regional_group_id == 0 ||
		          g->id < s->regional_group_id)) {
			s->regional_group_id = g->id;
			s->facts.regional = res.complete ? REGIONAL_COMPLETE
			                                 : REGIONAL_INCOMPLETE;
			s->facts.regional_staffed = staffed;
		}
	} else {
		for (size_t i = 0; i < g->n_municipalities; i++) {
			struct muni *u = find_muni(G, g->municipalities[i]);
			if (!u)
				continue; /* another region's member of a joint
				             group */
			u->covered = true;
			u->staffed = u->staffed || staffed;
			u->complete = u->complete || res.complete;
		}
	}
	check_result_free(&res);
	return 0;
}

static void gather_free(struct gather *G)
{
	for (size_t i = 0; i < G->n; i++)
		free(G->munis[i].name);
	free(G->munis);
}

/* Count the facts of every region and move the names of municipalities
 * without a group into their summaries, in the order they were listed. */
static int tally(struct gather *G)
{
	for (size_t i = 0; i < G->n; i++) {
		struct region_facts *f = &G->sums[G->munis[i].region].facts;

		f->n_municipalities++;
		f->n_covered += G->munis[i].covered;
		f->n_staffed += G->munis[i].staffed;
		f->n_complete += G->munis[i].complete;
	}
	for (size_t k = 0; k < G->n_sums; k++) {
		struct region_facts *f = &G->sums[k].facts;
		size_t missing = f->n_municipalities - f->n_covered;

		if (missing > 0 &&
		    !(G->sums[k].uncovered = calloc(missing, sizeof(char *))))
			return LAPE_ERROR;
	}
	for (size_t i = 0; i < G->n; i++) {
		struct region_summary *s = &G->sums[G->munis[i].region];

		if (G->munis[i].covered)
			continue;
		s->uncovered[s->n_uncovered++] = G->munis[i].name;
		G->munis[i].name = NULL;
	}
	return LAPE_OK;
}

/* ---- the check's walk -------------------------------------------------- */

/* check_walk() holds CW_BATCH groups from the groups' statement, then
 * reads their members by one statement: one per group was set up, run and
 * put away (its registers freed and grown again) 300,000 times at 1000
 * times national size, 4 % of the check. */
#define CW_BATCH 64

/* A group held until its members are read: its strings in the groups'
 * arena, placed by offset until then (the arena may move). */
struct cw_held {
	struct group g;
	size_t name, codes, n_codes; /* offsets; codes one after another */
	size_t first, n;             /* its rows in cwalk's order */
};

/* The memberships of the held groups while check_walk() reads them: the
 * strings of all rows in one growing arena, placed by offset as well. */
struct cwalk {
	struct lape_db *db;
	sqlite3_stmt *ms; /* the members of up to CW_BATCH groups */
	group_members_cb cb;
	void *ctx;
	struct cw_held held[CW_BATCH];
	size_t n_held;
	char **codes; /* the held groups' municipalities, in turn */
	size_t held_codes, codes_cap;
	struct membership *m, *sorted;
	size_t *group;    /* the held group of each row */
	int *rank;        /* vacant seats last, then chair, vice-chair, ... */
	uint64_t *prefix; /* collate_fi_prefix() of the surname */
	size_t *order;    /* the rows, group by group, each in its order */
	size_t n, cap;
	size_t (*off)[3 + MEMBERSHIP_MAX_SECTORS]; /* name, end, sort, ... */
	char *arena;
	size_t used, size;
	char *garena; /* the held groups' names and codes */
	size_t gused, gsize;
	int rc; /* an error inside group_list()'s callback */
};

#define CW_NONE SIZE_MAX

/* Room for LEN more bytes in the arena A of *SIZE, *USED used; false when
 * out of memory. */
static bool cw_room(char **a, size_t *size, size_t used, size_t len)
{
	size_t n = *size ? *size : 4096;
	char *b;

	if (used + len <= *size)
		return true;
	while (used + len > n)
		n *= 2;
	if (!(b = realloc(*a, n)))
		return false;
	*a = b;
	*size = n;
	return true;
}

/* LEN bytes of S and then END at the end of the arena, which has room
 * for them (cw_room()): their offset. */
static size_t cw_cat(struct cwalk *w, const char *s, size_t len, char end)
{
	size_t at = w->used;

	memcpy(w->arena + at, s, len);
	w->arena[at + len] = end;
	w->used += len + 1;
	return at;
}

/* S (N bytes) into the groups' arena: its offset, CW_NONE when out of
 * memory. */
static size_t cw_gput(struct cwalk *w, const char *s, size_t n)
{
	size_t at = w->gused;

	if (!cw_room(&w->garena, &w->gsize, w->gused, n + 1))
		return CW_NONE;
	memcpy(w->garena + at, s, n);
	w->garena[at + n] = '\0';
	w->gused += n + 1;
	return at;
}

/* Room for twice as many rows. */
static int cw_grow(struct cwalk *w)
{
	size_t cap = w->cap ? w->cap * 2 : 256;
	void *a;

#define CW_GROW(field)                                                         \
	do {                                                                   \
		if (!(a = realloc(w->field, cap * sizeof *w->field)))          \
			return LAPE_ERROR;                                     \
		w->field = a;                                                  \
	} while (0)
	CW_GROW(m);
	CW_GROW(sorted);
	CW_GROW(off);
	CW_GROW(group);
	CW_GROW(rank);
	CW_GROW(prefix);
	CW_GROW(order);
#undef CW_GROW
	w->cap = cap;
	return LAPE_OK;
}

/* The columns check_walk() reads of a membership, after its group's id:
 * what a check and its output need, each name part once (joined here,
 * not in SQL). */
#define CW_COLUMNS                                                             \
	"m.id, m.person_id, p.given_names, p.surname, m.sectors, m.role, "     \
	"m.end_date, p.gender, m.name_withheld"

/* The row of ST as a member of held group B. */
static int cw_add(struct cwalk *w, sqlite3_stmt *st, size_t b)
{
	struct membership *m;
	size_t *off;
	const char *given, *surname, *end, *sectors;
	size_t gl, sl, el, secl;
	enum member_role role;

	if (w->n == w->cap && cw_grow(w) != LAPE_OK)
		return LAPE_ERROR;
	m = &w->m[w->n];
	off = w->off[w->n];
	memset(m, 0, sizeof *m);
	m->group_id = w->held[b].g.id;
	m->id = sqlite3_column_int64(st, 1);
	m->person_id = sqlite3_column_int64(st, 2);
	role = role_from_key((const char *)sqlite3_column_text(st, 6));
	m->role = role;
	m->name_withheld = sqlite3_column_int(st, 9) != 0;
	gender_parse((const char *)sqlite3_column_text(st, 8),
	             &m->person_gender);
	given = (const char *)sqlite3_column_text(st, 3);
	surname = (const char *)sqlite3_column_text(st, 4);
	sectors = (const char *)sqlite3_column_text(st, 5);
	end = (const char *)sqlite3_column_text(st, 7);
	gl = given ? strlen(given) : 0;
	sl = surname ? strlen(surname) : 0;
	secl = sectors ? strlen(sectors) : 0;
	el = end ? strlen(end) : 0;
	/* the row's texts in one piece of the arena */
	if (!cw_room(&w->arena, &w->size, w->used,
	             2 * (gl + sl + 2) + el + 1 + secl + 1))
		return LAPE_ERROR;
	/* "Given Surname" without leading blanks (SQL's ltrim()), and
	 * "Surname\tGiven" to sort by (person_sort_cmp()); NULL when a part
	 * is (SQL's ||). */
	off[0] = off[2] = CW_NONE;
	if (given && surname) {
		off[0] = cw_cat(w, given, gl, ' ');
		cw_cat(w, surname, sl, '\0');
		while (w->arena[off[0]] == ' ')
			off[0]++;
		off[2] = cw_cat(w, surname, sl, '\t');
		cw_cat(w, given, gl, '\0');
	}
	off[1] = end ? cw_cat(w, end, el, '\0') : CW_NONE;
	/* The sectors, each its own string. */
	for (const char *p = sectors;
	     p && *p && m->n_sectors < MEMBERSHIP_MAX_SECTORS;) {
		size_t k = strcspn(p, " ");

		if (k)
			off[3 + m->n_sectors++] = cw_cat(w, p, k, '\0');
		p += k;
		p += strspn(p, " ");
	}
	w->rank[w->n] =
	    (m->person_id == 0) * 4 + (role == ROLE_MEMBER ? 3 : (int)role - 1);
	w->prefix[w->n] = surname ? collate_fi_prefix(surname, sl) : 0;
	w->group[w->n] = b;
	w->held[b].n++;
	w->n++;
	return LAPE_OK;
}

/* Whether row A goes after row B: by rank, name (collate_fi(), tried on
 * the names' prefixes first), id. */
static bool cw_after(const struct cwalk *w, size_t a, size_t b)
{
	const struct membership *x = &w->m[a], *y = &w->m[b];
	int c;

	if (w->rank[a] != w->rank[b])
		return w->rank[a] > w->rank[b];
	if (x->person_sort && y->person_sort) {
		if (w->prefix[a] != w->prefix[b])
			return w->prefix[a] > w->prefix[b];
		if ((c = person_sort_cmp(x->person_sort, y->person_sort)) != 0)
			return c > 0;
	}
	return x->id > y->id;
}

/* Point the rows and the held groups at their texts, and put the rows in
 * w->order group by group, each group's in its order (an insertion sort:
 * a group has 8-20 rows). */
static void cw_finish(struct cwalk *w)
{
	size_t at = 0, k = 0;

	for (size_t i = 0; i < w->n; i++) {
		struct membership *m = &w->m[i];
		size_t *off = w->off[i];

		m->person_name = off[0] == CW_NONE ? NULL : w->arena + off[0];
		m->end_date = off[1] == CW_NONE ? NULL : w->arena + off[1];
		m->person_sort = off[2] == CW_NONE ? NULL : w->arena + off[2];
		for (size_t s = 0; s < m->n_sectors; s++)
			m->sectors[s] = w->arena + off[3 + s];
	}
	for (size_t b = 0; b < w->n_held; b++) {
		struct cw_held *h = &w->held[b];
		size_t code = h->codes;

		h->g.name = w->garena + h->name;
		h->g.municipalities = h->n_codes ? &w->codes[k] : NULL;
		for (size_t c = 0; c < h->n_codes; c++) {
			w->codes[k++] = w->garena + code;
			code += strlen(w->garena + code) + 1;
		}
		h->first = at;
		at += h->n;
		h->n = 0;
	}
	/* the rows into their groups' places, in the order read */
	for (size_t i = 0; i < w->n; i++) {
		struct cw_held *h = &w->held[w->group[i]];

		w->order[h->first + h->n++] = i;
	}
	for (size_t b = 0; b < w->n_held; b++) {
		size_t *o = w->order + w->held[b].first;

		for (size_t i = 1; i < w->held[b].n; i++) {
			size_t j, row = o[i];

			for (j = i; j > 0 && cw_after(w, o[j - 1], row); j--)
				o[j] = o[j - 1];
			o[j] = row;
		}
	}
}

/* Read the held groups' members and hand each group on, in turn; then
 * hold none.  The callback's value, when it stops the walk, or an
 * error. */
static int cw_flush(struct cwalk *w)
{
	size_t b = 0;
	int rc;

	if (w->n_held == 0)
		return 0;
	w->n = 0;
	w->used = 0;
	sqlite3_reset(w->ms);
	for (size_t i = 0; i < CW_BATCH; i++)
		if (i < w->n_held)
			sqlite3_bind_int64(w->ms, (int)i + 1, w->held[i].g.id);
		else
			sqlite3_bind_null(w->ms, (int)i + 1);
	while ((rc = db_step(w->db, w->ms)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(w->ms, 0);

		/* the rows come group by group: the last group first */
		if (w->held[b].g.id != id)
			for (b = 0; b < w->n_held && w->held[b].g.id != id; b++)
				;
		if (b == w->n_held) {
			b = 0;
			continue;
		}
		if (cw_add(w, w->ms, b) != LAPE_OK)
			return w->rc = db_fail(w->db, LAPE_ERROR, NULL, "%s",
			                       _("out of memory"));
	}
	if (rc != SQLITE_DONE)
		return w->rc = rc;
	cw_finish(w);
	rc = 0;
	for (b = 0; b < w->n_held && rc == 0; b++) {
		const struct cw_held *h = &w->held[b];

		for (size_t i = 0; i < h->n; i++)
			w->sorted[i] = w->m[w->order[h->first + i]];
		rc = w->cb(&h->g, w->sorted, h->n, w->ctx);
	}
	w->n_held = 0;
	w->held_codes = 0;
	w->gused = 0;
	return rc;
}

/* Hold group G (its strings copied) until CW_BATCH are held. */
static int cw_group(const struct group *g, void *arg)
{
	struct cwalk *w = arg;
	struct cw_held *h = &w->held[w->n_held];
	size_t need = w->held_codes + g->n_municipalities;
	bool ok;

	if (need > w->codes_cap) {
		char **c = realloc(w->codes, 2 * need * sizeof *c);

		if (!c)
			return w->rc = db_fail(w->db, LAPE_ERROR, NULL, "%s",
			                       _("out of memory"));
		w->codes = c;
		w->codes_cap = 2 * need;
	}
	h->g = *g;
	h->g.name = NULL;
	h->g.municipalities = NULL;
	h->n = 0;
	h->n_codes = g->n_municipalities;
	h->name = cw_gput(w, g->name, strlen(g->name));
	h->codes = w->gused;
	ok = h->name != CW_NONE;
	for (size_t c = 0; ok && c < g->n_municipalities; c++)
		ok = cw_gput(w, g->municipalities[c],
		             strlen(g->municipalities[c])) != CW_NONE;
	if (!ok)
		return w->rc = db_fail(w->db, LAPE_ERROR, NULL, "%s",
		                       _("out of memory"));
	w->held_codes = need;
	w->n_held++;
	return w->n_held == CW_BATCH ? cw_flush(w) : 0;
}

/* How much of the data file check_walk() maps, at most: 8 GiB, which
 * SQLite lowers to its own limit (SQLITE_MAX_MMAP_SIZE: 2 GiB in
 * Debian's build).  At 1000 times national size (2.9 GB) 1 GiB left
 * two thirds of the file to be read a page at a time, out of order:
 * 1.1 s of system time, 0.14 s with 2 GiB. */
#define CW_MMAP "8589934592"

int check_walk(struct lape_db *db, const struct group_filter *f, unsigned flags,
               group_members_cb cb, void *ctx)
{
	struct cwalk w = {0};
	bool own = sqlite3_get_autocommit(db->sql) != 0;
	char sql[512 + 4 * CW_BATCH];
	size_t len;
	int rc;

	/* One snapshot for the groups and their members.  They are read
	 * in the groups' order, not the file's: mapped, the file's pages
	 * are read from the system's cache without a copy each (a fifth of
	 * the time at 100 times national size).  SQLite maps only what
	 * the file has, read-only, and reads the WAL as before. */
	if (own && (rc = db_exec(db, "BEGIN", NULL)) != LAPE_OK)
		return rc;
	sqlite3_exec(db->sql, "PRAGMA mmap_size=" CW_MMAP, NULL, NULL, NULL);
	w.db = db;
	w.cb = cb;
	w.ctx = ctx;
	len = (size_t)snprintf(sql, sizeof sql,
	                       "SELECT m.group_id, " CW_COLUMNS
	                       " FROM membership m LEFT JOIN person p ON "
	                       "p.id = m.person_id WHERE m.group_id IN (?");
	for (size_t i = 1; i < CW_BATCH; i++)
		len += (size_t)snprintf(sql + len, sizeof sql - len, ", ?");
	snprintf(sql + len, sizeof sql - len, ")");
	w.ms = db_prepare(db, sql, NULL);
	rc = w.ms
	         ? group_brief_list(
	               db, f,
	               ((flags & CHECK_WALK_CODES) ? GROUP_BRIEF_CODES : 0) |
	                   ((flags & CHECK_WALK_BY_ID) ? GROUP_BRIEF_BY_ID : 0),
	               cw_group, &w)
	         : LAPE_ERROR;
	if (rc == LAPE_OK && !w.rc)
		rc = cw_flush(&w);
	if (w.rc)
		rc = w.rc;
	sqlite3_finalize(w.ms);
	free(w.m);
	free(w.sorted);
	free(w.off);
	free(w.group);
	free(w.rank);
	free(w.prefix);
	free(w.order);
	free(w.arena);
	free(w.garena);
	free(w.codes);
	sqlite3_exec(db->sql, "PRAGMA mmap_size=0", NULL, NULL, NULL);
	if (own)
		sqlite3_exec(db->sql, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* Whether UNTIL (group_check_until()) reaches TODAY. */
static bool until_today(const char *until, const char *today)
{
	return strcmp(until ? until : "", today ? today : "0") >= 0;
}

/* The municipalities' and regional groups' state from what the data file
 * keeps (overview_refresh()): a few hundred rows, whatever the number of
 * groups. */
static int gather_kept(struct lape_db *db, struct gather *G)
{
	sqlite3_stmt *st =
	    db_prepare(db,
	               "SELECT code, n_active, complete_until, staffed_until "
	               "FROM overview_muni",
	               NULL);
	int rc;

	if (!st)
		return LAPE_ERROR;
	while ((rc = db_step(db, st)) == SQLITE_ROW) {
		struct muni *u =
		    find_muni(G, (const char *)sqlite3_column_text(st, 0));

		if (!u || sqlite3_column_int64(st, 1) == 0)
			continue;
		u->covered = true;
		u->complete = until_today(
		    (const char *)sqlite3_column_text(st, 2), G->today);
		u->staffed = until_today(
		    (const char *)sqlite3_column_text(st, 3), G->today);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc;
	for (size_t k = 0; k < G->n_sums; k++) {
		struct region_summary *s = &G->sums[k];

		/* The region's oldest active regional group speaks for it. */
		st = db_prepare_cached(
		    db,
		    "SELECT g.id, o.complete_until, o.staffed_until "
		    "FROM lape_group g "
		    "JOIN overview_group o ON o.group_id = g.id "
		    "WHERE g.level = 'regional' AND g.region_code = ? "
		    "AND g.status = 'active' ORDER BY g.id LIMIT 1",
		    "t", s->region.code);
		if (!st)
			return LAPE_ERROR;
		rc = db_step(db, st);
		if (rc == SQLITE_ROW) {
			s->regional_group_id = sqlite3_column_int64(st, 0);
			s->facts.regional =
			    until_today(
			        (const char *)sqlite3_column_text(st, 1),
			        G->today)
			        ? REGIONAL_COMPLETE
			        : REGIONAL_INCOMPLETE;
			s->facts.regional_staffed = until_today(
			    (const char *)sqlite3_column_text(st, 2), G->today);
		}
		db_release(db, st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rc;
	}
	return LAPE_OK;
}

/* The same facts by checking every group: where the state cannot be kept
 * (a file lape may not write), and for the tests that prove it right. */
static int gather_walk(struct lape_db *db, struct gather *G, const char *code)
{
	struct group_filter f = {code, -1, STATUS_ACTIVE, NULL};

	return check_walk(db, &f, CHECK_WALK_CODES, add_group, G);
}

/* Summaries of region CODE, or of every LAPE region when CODE is NULL;
 * by a walk over the groups when WALK. */
static int summarize(struct lape_db *db, const struct rules *r,
                     const char *code, const char *today, bool walk,
                     struct region_summary **out, size_t *n)
{
	struct gather *G = calloc(1, sizeof *G);
	struct region rg = {0};
	int rc;

	*out = NULL;
	*n = 0;
	if (!G)
		return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	G->r = r;
	G->today = today;
	if (code) {
		rc = region_get(db, code, &rg);
		if (rc == LAPE_OK)
			rc = add_region(&rg, G) == 0 ? LAPE_OK : LAPE_ERROR;
		region_clear(&rg);
	} else {
		rc = region_list(db, true, add_region, G);
	}
	if (rc == LAPE_OK)
		rc = municipality_list(db, code, NULL, add_muni, G);
	if (rc == LAPE_OK && !walk && overview_refresh(db, r) == LAPE_OK)
		rc = gather_kept(db, G);
	else if (rc == LAPE_OK)
		rc = gather_walk(db, G, code);
	if (rc == LAPE_OK)
		rc = tally(G);
	for (size_t k = 0; rc == LAPE_OK && k < G->n_sums; k++) {
		struct region_summary *s = &G->sums[k];

		rc = agent_get_region(db, s->region.code, &s->agent);
		if (rc == LAPE_OK)
			s->has_agent = true;
		else if (rc == LAPE_NOTFOUND)
			rc = LAPE_OK;
		/* LAPE did not cover Åland: never eligible there. */
		s->eligible =
		    s->region.in_lape && region_eligible(r, &s->facts);
	}
	if (rc != LAPE_OK) {
		if (rc == LAPE_ERROR && (G->failed || !db_errmsg(db)[0]))
			db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
		region_summary_free_array(G->sums, G->n_sums);
	} else {
		*out = G->sums;
		*n = G->n_sums;
	}
	gather_free(G);
	free(G);
	return rc;
}

int region_summarize(struct lape_db *db, const struct rules *r,
                     const char *code, const char *today,
                     struct region_summary *out)
{
	struct region_summary *one;
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	rc = summarize(db, r, code, today, false, &one, &n);
	if (rc != LAPE_OK)
		return rc;
	if (n == 1)
		*out = one[0];
	free(one);
	return n == 1 ? LAPE_OK
	              : db_fail(db, LAPE_NOTFOUND, "region", "%s",
	                        _("no such region"));
}

int region_summarize_all(struct lape_db *db, const struct rules *r,
                         const char *today, struct region_summary **out,
                         size_t *n)
{
	return summarize(db, r, NULL, today, false, out, n);
}

int region_summarize_all_walk(struct lape_db *db, const struct rules *r,
                              const char *today, struct region_summary **out,
                              size_t *n)
{
	return summarize(db, r, NULL, today, true, out, n);
}

void region_summary_free_array(struct region_summary *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		region_summary_clear(&a[i]);
	free(a);
}

void region_summary_clear(struct region_summary *s)
{
	if (!s)
		return;
	region_clear(&s->region);
	for (size_t i = 0; i < s->n_uncovered; i++)
		free(s->uncovered[i]);
	free(s->uncovered);
	agent_clear(&s->agent);
	memset(s, 0, sizeof *s);
}
