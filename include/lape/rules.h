/* rules.h -- the composition rules: which sectors each level of group must
 * include, their labels in Finnish, Swedish and English, and the further
 * checks.  They are data (share/lape/rules.ini, read with iniparser), so a
 * coordinator can point the configuration at a rules file of their own.
 *
 * File format (see share/lape/rules.ini):
 *
 *   [municipal]
 *   sectors = social_health education youth organisations parishes youth_rep
 *   require_chair = yes
 *   require_link = yes         ; warn when not linked to a regional group
 *   gender_balance = 40        ; at least 40 % each of women and men
 *                              ; (Act 609/1986, 4 a §); 0 or absent: off
 *
 *   [regional]
 *   sectors = municipalities hospital_district ...
 *   require_chair = yes
 *
 *   [warnings]
 *   ended_term = yes           ; a member whose term has ended
 *   vacant_seat = yes          ; a seat held by nobody
 *
 *   [agent]
 *   require_regional_complete = yes
 *   municipal_coverage = 100   ; percent of municipalities with a group
 *   municipal_groups = members ; a group counts with current members
 *                              ; ("members") or only when "complete"
 *
 *   [sector social_health]     ; one section per sector key
 *   fi = sosiaali- ja terveystoimi
 *   sv = social- och hälsovårdsväsendet
 *   en = social and health services
 */

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
#ifndef LAPE_RULES_H
#define LAPE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#define RULES_MAX_SECTORS 32
#define RULES_KEY_MAX 32

struct rules_sector {
	char key[RULES_KEY_MAX]; /* [a-z0-9_]+ */
	char *label_fi;
	char *label_sv;
	char *label_en;
};

struct rules_level {
	size_t n_required;
	int required[RULES_MAX_SECTORS]; /* indexes into rules.sectors */
	bool require_chair;
	bool require_link;  /* municipal only */
	int gender_balance; /* percent each of women and men, 0 = off */
};

/* What a municipal group must be to count for its region's agent. */
enum rules_agent_groups {
	AGENT_GROUPS_MEMBERS = 0, /* have current members */
	AGENT_GROUPS_COMPLETE = 1 /* be complete */
};

struct rules {
	char *path; /* the file read, for messages */
	size_t n_sectors;
	struct rules_sector sectors[RULES_MAX_SECTORS];
	struct rules_level level[2]; /* by enum group_level */
	bool warn_ended_term;
	bool warn_vacant_seat;
	bool agent_require_regional_complete;
	int agent_municipal_coverage; /* percent, 0..100 */
	enum rules_agent_groups agent_municipal_groups;
};

/* Load rules from PATH.  On error returns -1 with ERR (ERRLEN bytes) holding
 * "PATH: [section] key: what is wrong" (or "PATH: what is wrong").  The caller
 * frees with rules_free(). */
int rules_load(const char *path, struct rules **out, char *err, size_t errlen);
void rules_free(struct rules *r);

/* The index of sector KEY, or -1. */
int rules_sector_index(const struct rules *r, const char *key);
/* The label of sector KEY in the language in use (i18n_lang()); KEY itself
 * when it is unknown. */
const char *rules_sector_label(const struct rules *r, const char *key);
/* Find a sector by key or by a label in any language (case-insensitive). */
int rules_sector_find(const struct rules *r, const char *ref);

#endif
