/* report.h -- the report to take to a meeting: for each group its title,
 * level, municipalities and mandate, its members with sectors, roles,
 * deputies and terms, the checklist of required sectors (who covers each,
 * what is missing, the warnings) and the terms ending within three months;
 * for a region also its summary (the regional group, municipalities with
 * and without a complete group, the change agent and eligibility).
 *
 * Built once (report_build(), which reads the file), then written as text
 * that fits 80 columns (one group per page: a form feed between), as one
 * standalone HTML file for A4 printing (one group per page), or as xlsx.
 * The screens use the same calls. */

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
#ifndef LAPE_REPORT_H
#define LAPE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lape/app.h"
#include "lape/check.h"
#include "lape/db.h"
#include "lape/rules.h"
#include "lape/store.h"

enum report_format { REPORT_TEXT, REPORT_HTML, REPORT_XLSX };

/* "text", "html" or "xlsx": 0, else -1. */
int report_format_parse(const char *s, enum report_format *out);

/* A group of the report, in full (app_group_load()). */
struct report_group {
	struct app_group ag;
};

struct report {
	char today[11];
	char soon[11]; /* today + 3 months: terms ending by then are listed */
	const char *db_path, *rules_path; /* borrowed */
	const struct rules *rules;        /* borrowed */
	bool has_region;
	struct region_summary region;
	char **complete_munis; /* region: municipalities with a complete
	                          group */
	size_t n_complete_munis;
	struct report_group *groups;
	size_t n_groups;
	struct app_names *names; /* owned: the names of codes */
};

struct report_request {
	const int64_t *ids; /* these groups, in this order */
	size_t n_ids;
	const char *region; /* region code: its summary and its groups */
	bool all;           /* dissolved groups too (without IDS) */
};

/* Gather the report of REQ from DB under rules R on day TODAY.  DB_PATH
 * and RULES_PATH are named in its header.  Returns LAPE_OK, or a
 * lape_status (message in db_errmsg()).  Free with report_clear(). */
int report_build(struct lape_db *db, const struct rules *r, const char *today,
                 const char *db_path, const char *rules_path,
                 const struct report_request *req, struct report *out);
void report_clear(struct report *rep);

/* Write REP to F.  0, or -1 on a write error. */
int report_write_text(const struct report *rep, FILE *f);
int report_write_html(const struct report *rep, FILE *f);
/* Write REP to PATH as xlsx: 0, or -1 with ERR. */
int report_write_xlsx(const struct report *rep, const char *path, char *err,
                      size_t errlen);

/* Write REP in FMT to PATH (mode 0600), for the screens and -o FILE.
 * 0, or -1 with ERR. */
int report_write_file(const struct report *rep, enum report_format fmt,
                      const char *path, char *err, size_t errlen);

#endif
