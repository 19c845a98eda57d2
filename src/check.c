/* check.c -- the composition check: which required sectors a group's
 * current members cover, whether it is complete, and what a coordinator
 * should be warned about.  Pure: no I/O, no state of its own. */

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
#include "lape/date.h"
#include "lape/i18n.h"

/* Whether an ISO date END is before TODAY: a term ending today still
 * counts.  ISO dates compare as strings. */
static bool ended(const char *end, const char *today)
{
	return end && *end && today && strcmp(end, today) < 0;
}

/* The current members of a group by gender, each person once. */
static void count_genders(const struct membership *m, size_t n,
                          const char *today, struct check_gender *g)
{
	size_t stated;

	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		if (m[i].person_id == 0 || ended(m[i].end_date, today))
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = m[j].person_id == m[i].person_id &&
			       !ended(m[j].end_date, today);
		if (seen)
			continue;
		switch (m[i].person_gender) {
		case GENDER_WOMAN:
			g->women++;
			break;
		case GENDER_MAN:
			g->men++;
			break;
		case GENDER_OTHER:
			g->other++;
			break;
		default:
			g->unstated++;
		}
	}
	stated = g->women + g->men + g->other;
	/* rounded for showing; balanced() decides on the counts */
	g->women_percent =
	    stated ? (int)((g->women * 100 + stated / 2) / stated) : -1;
	g->men_percent =
	    stated ? (int)((g->men * 100 + stated / 2) / stated) : -1;
}

/* Whether at least MIN percent of the stated are women and as many men
 * (exactly: women * 100 >= MIN * stated, no rounding in their favour). */
static bool balanced(const struct check_gender *g)
{
	size_t stated = g->women + g->men + g->other;

	return g->women * 100 >= (size_t)g->min_percent * stated &&
	       g->men * 100 >= (size_t)g->min_percent * stated;
}

static int warn(struct check_result *res, size_t *cap,
                enum check_warning_kind kind, size_t member, const char *sector)
{
	struct check_warning *w;

	if (res->n_warnings == *cap) {
		size_t n = *cap ? *cap * 2 : 8;
		w = realloc(res->warnings, n * sizeof *w);
		if (!w)
			return -1;
		res->warnings = w;
		*cap = n;
	}
	w = &res->warnings[res->n_warnings++];
	memset(w, 0, sizeof *w);
	w->kind = kind;
	w->member = member;
	w->sector = sector;
	return 0;
}

/* Whether the K-th sector of M repeats an earlier one. */
static bool repeated(const struct membership *m, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (m->sectors[j] && m->sectors[k] &&
		    strcmp(m->sectors[j], m->sectors[k]) == 0)
			return true;
	return false;
}

static size_t n_sectors(const struct membership *m)
{
	return m->n_sectors < MEMBERSHIP_MAX_SECTORS ? m->n_sectors
	                                             : MEMBERSHIP_MAX_SECTORS;
}

/* Count membership I for the required sectors it holds. */
static void cover(struct check_result *res, const struct rules *r,
                  const struct membership *m, size_t i, const int *pos)
{
	for (size_t k = 0; k < n_sectors(m); k++) {
		struct check_sector *s;
		int idx = rules_sector_index(r, m->sectors[k]);

		if (idx < 0 || pos[idx] < 0 || repeated(m, k))
			continue;
		s = &res->sectors[pos[idx]];
		if (s->n_cover < sizeof s->cover / sizeof s->cover[0])
			s->cover[s->n_cover] = i;
		s->n_cover++;
		s->present = true;
	}
}

/* Warnings about membership I. */
static int member_warnings(struct check_result *res, size_t *cap,
                           const struct rules *r, const struct membership *m,
                           size_t i, const char *today)
{
	if (r->warn_ended_term && ended(m->end_date, today) &&
	    warn(res, cap, WARN_TERM_ENDED, i, NULL) < 0)
		return -1;
	if (r->warn_vacant_seat && m->person_id == 0 &&
	    warn(res, cap, WARN_VACANT_SEAT, i,
	         m->n_sectors ? m->sectors[0] : NULL) < 0)
		return -1;
	for (size_t k = 0; k < n_sectors(m); k++)
		if (rules_sector_index(r, m->sectors[k]) < 0 &&
		    !repeated(m, k) &&
		    warn(res, cap, WARN_UNKNOWN_SECTOR, i, m->sectors[k]) < 0)
			return -1;
	return 0;
}

int group_check(const struct rules *r, const struct group *g,
                const struct membership *m, size_t n, const char *today,
                struct check_result *res)
{
	const struct rules_level *lv;
	int pos[RULES_MAX_SECTORS]; /* sector index -> place in res->sectors */
	size_t cap = 0;
	bool chair = false;

	memset(res, 0, sizeof *res);
	if (g->level != LEVEL_MUNICIPAL && g->level != LEVEL_REGIONAL)
		return -1;
	lv = &r->level[g->level];
	for (size_t i = 0; i < RULES_MAX_SECTORS; i++)
		pos[i] = -1;
	res->n_sectors = lv->n_required;
	for (size_t i = 0; i < lv->n_required; i++) {
		res->sectors[i].sector = lv->required[i];
		pos[lv->required[i]] = (int)i;
	}

	if (g->status == STATUS_DISSOLVED &&
	    warn(res, &cap, WARN_DISSOLVED, CHECK_NO_MEMBER, NULL) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		bool current =
		    m[i].person_id != 0 && !ended(m[i].end_date, today);
		if (current) {
			cover(res, r, &m[i], i, pos);
			chair = chair || m[i].role == ROLE_CHAIR;
		}
	}
	if (lv->require_chair && !chair &&
	    warn(res, &cap, WARN_NO_CHAIR, CHECK_NO_MEMBER, NULL) < 0)
		goto fail;
	if (g->level == LEVEL_MUNICIPAL && lv->require_link &&
	    g->linked_group_id == 0 &&
	    warn(res, &cap, WARN_NOT_LINKED, CHECK_NO_MEMBER, NULL) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (member_warnings(res, &cap, r, &m[i], i, today) < 0)
			goto fail;
	if (lv->gender_balance > 0) {
		res->gender.min_percent = lv->gender_balance;
		count_genders(m, n, today, &res->gender);
		if (res->gender.unstated > 0) {
			if (warn(res, &cap, WARN_GENDER_UNSTATED,
			         CHECK_NO_MEMBER, NULL) < 0)
				goto fail;
			res->warnings[res->n_warnings - 1].gender = res->gender;
		} else if (res->gender.women + res->gender.men +
		                   res->gender.other >
		               0 &&
		           !balanced(&res->gender)) {
			if (warn(res, &cap, WARN_GENDER_BALANCE,
			         CHECK_NO_MEMBER, NULL) < 0)
				goto fail;
			res->warnings[res->n_warnings - 1].gender = res->gender;
		}
	}

	for (size_t i = 0; i < res->n_sectors; i++)
		if (!res->sectors[i].present)
			res->n_missing++;
	res->complete = res->n_missing == 0;
	return 0;
fail:
	check_result_free(res);
	return -1;
}

/* The later of two "until" days ("" never, CHECK_FOREVER always). */
static const char *later(const char *a, const char *b)
{
	return strcmp(a, b) >= 0 ? a : b;
}

void group_check_until(const struct rules *r, const struct group *g,
                       const struct membership *m, size_t n,
                       struct check_until *out)
{
	const struct rules_level *lv;
	const char *best[RULES_MAX_SECTORS];
	const char *complete = CHECK_FOREVER, *staffed = "";
	int pos[RULES_MAX_SECTORS];

	memset(out, 0, sizeof *out);
	if (g->level != LEVEL_MUNICIPAL && g->level != LEVEL_REGIONAL)
		return;
	lv = &r->level[g->level];
	for (size_t i = 0; i < RULES_MAX_SECTORS; i++)
		pos[i] = -1;
	for (size_t i = 0; i < lv->n_required; i++) {
		pos[lv->required[i]] = (int)i;
		best[i] = "";
	}
	/* A membership is current until its end (ended() in group_check()),
	 * a sector covered until its latest current member's end. */
	for (size_t i = 0; i < n; i++) {
		const char *until = m[i].end_date && *m[i].end_date
		                        ? m[i].end_date
		                        : CHECK_FOREVER;

		if (m[i].person_id == 0)
			continue;
		staffed = later(staffed, until);
		for (size_t k = 0; k < n_sectors(&m[i]); k++) {
			int idx = rules_sector_index(r, m[i].sectors[k]);

			if (idx >= 0 && pos[idx] >= 0)
				best[pos[idx]] = later(best[pos[idx]], until);
		}
	}
	for (size_t i = 0; i < lv->n_required; i++)
		if (strcmp(best[i], complete) < 0)
			complete = best[i];
	snprintf(out->complete, sizeof out->complete, "%s", complete);
	snprintf(out->staffed, sizeof out->staffed, "%s", staffed);
}

void check_result_free(struct check_result *res)
{
	if (!res)
		return;
	free(res->warnings);
	memset(res, 0, sizeof *res);
}

const char *check_member_name(const struct membership *m, const struct rules *r,
                              char *buf, size_t size)
{
	char seat[CHECK_NAME_MAX];
	size_t len = 0;

	if (m->person_id == 0 || !m->person_name || !*m->person_name)
		return NULL;
	if (!m->name_withheld)
		return m->person_name;
	seat[0] = '\0';
	for (size_t i = 0; r && i < m->n_sectors; i++) {
		const char *l = rules_sector_label(r, m->sectors[i]);
		int k = snprintf(seat + len, sizeof seat - len, "%s%s",
		                 i ? ", " : "", l ? l : "");

		if (k < 0 || (size_t)k >= sizeof seat - len)
			break;
		len += (size_t)k;
	}
	if (!seat[0])
		snprintf(seat, sizeof seat, "%s", role_label(m->role));
	/* TRANSLATORS: %s is the seat, "youth representative". */
	snprintf(buf, size, _("%s (name withheld)"), seat);
	return buf;
}

/* The name to show for membership M in a warning, or "vacant seat". */
static const char *member_name(const struct membership *m,
                               const struct rules *r, char *buf)
{
	const char *s = check_member_name(m, r, buf, CHECK_NAME_MAX);

	return s ? s : _("vacant seat");
}

char *check_warning_text(const struct check_warning *w,
                         const struct membership *m, const struct rules *r)
{
	const struct membership *mm =
	    m && w->member != CHECK_NO_MEMBER ? &m[w->member] : NULL;
	char date[11], name[CHECK_NAME_MAX];
	char *s = NULL;
	int rc = -1;

	switch (w->kind) {
	case WARN_NO_CHAIR:
		return strdup(_("no chair"));
	case WARN_NOT_LINKED:
		return strdup(_("not linked to a regional group"));
	case WARN_DISSOLVED:
		return strdup(_("the group is dissolved"));
	case WARN_TERM_ENDED:
		if (!mm)
			return strdup(_("term ended"));
		date_show(mm->end_date, date);
		rc = asprintf(&s, _("%s: term ended %s"),
		              member_name(mm, r, name), date);
		break;
	case WARN_VACANT_SEAT:
		if (!w->sector)
			return strdup(_("vacant seat"));
		rc = asprintf(&s, _("vacant seat: %s"),
		              rules_sector_label(r, w->sector));
		break;
	case WARN_UNKNOWN_SECTOR:
		rc = asprintf(&s, _("%s: unknown sector \"%s\""),
		              mm ? member_name(mm, r, name) : _("member"),
		              w->sector ? w->sector : "");
		break;
	case WARN_GENDER_BALANCE:
	case WARN_GENDER_UNSTATED:
		return check_gender_text(&w->gender);
	}
	return rc < 0 ? NULL : s;
}

char *check_gender_text(const struct check_gender *g)
{
	char *s = NULL;
	int rc;

	if (g->min_percent <= 0)
		return NULL;
	if (g->unstated > 0)
		rc = asprintf(&s,
		              ngettext("gender not stated for %zu current "
		                       "member: the balance (at least %d %% "
		                       "each of women and men) cannot be "
		                       "checked",
		                       "gender not stated for %zu current "
		                       "members: the balance (at least %d %% "
		                       "each of women and men) cannot be "
		                       "checked",
		                       g->unstated),
		              g->unstated, g->min_percent);
	else if (g->women + g->men + g->other == 0)
		rc =
		    asprintf(&s, "%s", _("gender balance: no current members"));
	else {
		/* each count with its own plural ("1 woman", "1 nainen") */
		char w[64], m[64], o[64];
		snprintf(w, sizeof w,
		         ngettext("%zu woman", "%zu women", g->women),
		         g->women);
		snprintf(m, sizeof m, ngettext("%zu man", "%zu men", g->men),
		         g->men);
		snprintf(o, sizeof o,
		         ngettext("%zu other", "%zu other", g->other),
		         g->other);
		rc = asprintf(
		    &s,
		    _("gender balance: %s (%d %%), %s (%d %%), %s; at "
		      "least %d %% each of women and men: %s"),
		    w, g->women_percent, m, g->men_percent, o, g->min_percent,
		    balanced(g) ? _("met") : _("not met"));
	}
	return rc < 0 ? NULL : s;
}

const char *check_warning_key(enum check_warning_kind k)
{
	switch (k) {
	case WARN_NO_CHAIR:
		return "no_chair";
	case WARN_TERM_ENDED:
		return "term_ended";
	case WARN_NOT_LINKED:
		return "not_linked";
	case WARN_VACANT_SEAT:
		return "vacant_seat";
	case WARN_UNKNOWN_SECTOR:
		return "unknown_sector";
	case WARN_DISSOLVED:
		return "dissolved";
	case WARN_GENDER_BALANCE:
		return "gender_balance";
	case WARN_GENDER_UNSTATED:
		return "gender_not_stated";
	}
	return "unknown";
}
