/* summary.c -- a region at a glance: its regional group's state, how many
 * of its municipalities have a (complete) LAPE group, which have none, its
 * change agent, and whether it may have one. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lape/check.h"
#include "lape/i18n.h"

bool region_eligible(const struct rules *r, const struct region_facts *f)
{
	if (f->regional == REGIONAL_NONE)
		return false;
	if (r->agent_require_regional_complete &&
	    f->regional != REGIONAL_COMPLETE)
		return false;
	return f->n_covered * 100 >=
	       (size_t)r->agent_municipal_coverage * f->n_municipalities;
}

/* One municipality of the region while the summary is gathered. */
struct muni {
	char code[4];
	char *name; /* in the language in use; owned */
	bool covered;
	bool complete;
};

struct gather {
	const struct rules *r;
	const char *today;
	struct muni *munis;
	size_t n, cap;
	int64_t regional_id;
	bool regional_complete;
	int failed; /* out of memory inside a callback */
};

static int add_muni(const struct municipality *m, void *ctx)
{
	struct gather *G = ctx;
	const char *name;
	struct muni *u;

	if (G->n == G->cap) {
		size_t cap = G->cap ? G->cap * 2 : 32;
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
	name = i18n_pick(m->name_fi, m->name_sv);
	u->name = strdup(name ? name : m->code);
	if (!u->name)
		return LAPE_ERROR;
	G->n++;
	return 0;
}

static struct muni *find_muni(struct gather *G, const char *code)
{
	for (size_t i = 0; i < G->n; i++)
		if (strcmp(G->munis[i].code, code) == 0)
			return &G->munis[i];
	return NULL;
}

static int add_group(const struct group *g, const struct membership *m,
                     size_t n, void *ctx)
{
	struct gather *G = ctx;
	struct check_result res;

	if (g->status != STATUS_ACTIVE)
		return 0;
	if (group_check(G->r, g, m, n, G->today, &res) < 0) {
		G->failed = 1;
		return LAPE_ERROR;
	}
	if (g->level == LEVEL_REGIONAL) {
		if (G->regional_id == 0 || g->id < G->regional_id) {
			G->regional_id = g->id;
			G->regional_complete = res.complete;
		}
	} else {
		for (size_t i = 0; i < g->n_municipalities; i++) {
			struct muni *u = find_muni(G, g->municipalities[i]);
			if (!u)
				continue; /* another region's member of a joint
				             group */
			u->covered = true;
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

/* Move the names of the municipalities without a group into S. */
static int take_uncovered(struct gather *G, struct region_summary *s)
{
	size_t k = 0;

	for (size_t i = 0; i < G->n; i++)
		k += !G->munis[i].covered;
	if (k == 0)
		return LAPE_OK;
	s->uncovered = calloc(k, sizeof *s->uncovered);
	if (!s->uncovered)
		return LAPE_ERROR;
	for (size_t i = 0; i < G->n; i++) {
		if (G->munis[i].covered)
			continue;
		s->uncovered[s->n_uncovered++] = G->munis[i].name;
		G->munis[i].name = NULL;
	}
	return LAPE_OK;
}

int region_summarize(struct lape_db *db, const struct rules *r,
                     const char *code, const char *today,
                     struct region_summary *out)
{
	struct gather G = {.r = r, .today = today};
	struct group_filter f = {code, -1, STATUS_ACTIVE, NULL};
	struct region_facts *facts = &out->facts;
	int rc;

	memset(out, 0, sizeof *out);
	rc = region_get(db, code, &out->region);
	if (rc != LAPE_OK)
		goto fail;
	rc = municipality_list(db, code, NULL, add_muni, &G);
	if (rc != LAPE_OK)
		goto fail;
	rc = group_walk(db, &f, add_group, &G);
	if (rc != LAPE_OK)
		goto fail;

	facts->n_municipalities = G.n;
	for (size_t i = 0; i < G.n; i++) {
		facts->n_covered += G.munis[i].covered;
		facts->n_complete += G.munis[i].complete;
	}
	facts->regional = G.regional_id == 0    ? REGIONAL_NONE
	                  : G.regional_complete ? REGIONAL_COMPLETE
	                                        : REGIONAL_INCOMPLETE;
	out->regional_group_id = G.regional_id;
	rc = take_uncovered(&G, out);
	if (rc != LAPE_OK)
		goto fail;

	rc = agent_get_region(db, code, &out->agent);
	if (rc == LAPE_OK)
		out->has_agent = true;
	else if (rc != LAPE_NOTFOUND)
		goto fail;
	/* LAPE did not cover Åland: never eligible there. */
	out->eligible = out->region.in_lape && region_eligible(r, facts);
	gather_free(&G);
	return LAPE_OK;
fail:
	if (rc == LAPE_ERROR && (G.failed || !db_errmsg(db)[0]))
		db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
	gather_free(&G);
	region_summary_clear(out);
	return rc == LAPE_OK ? LAPE_ERROR : rc;
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
