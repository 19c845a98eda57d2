/* tui-import.c -- a spreadsheet's CSV imported into a group from its
 * screen: the dry run first (what would be added and changed, the rows
 * that are wrong, in the command line's words), then w writes it in one
 * transaction, only when no row is wrong.  Also the report key: a group's
 * or a region's meeting report written to a file, which the message line
 * names. */

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

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lape/i18n.h"
#include "lape/import.h"
#include "lape/report.h"
#include "tui-priv.h"

struct importscr {
	struct tui *t;
	int64_t group_id;
	char *path;
	char *group_name;
	struct import_file f;
	bool have_file;
	struct import_result res;
	bool have_res;
	char **lines;
	size_t n, cap;
	bool *bold;
	/* the lines wrapped at blanks for the screen's width, a line's
	 * continuation indented: the list shows these */
	struct {
		size_t line; /* of lines[] */
		size_t off;  /* bytes into it */
		size_t len;
	} * wrap;
	size_t n_wrap;
	struct tui_list list;
};

static void importscr_lines_free(struct importscr *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->lines[i]);
	free(s->lines);
	free(s->bold);
	s->lines = NULL;
	s->bold = NULL;
	s->n = s->cap = 0;
}

/* Add a line: the text of FMT (a message of the command line's, its
 * indent and newline taken off). */
static void __attribute__((format(printf, 3, 4)))
importscr_add(struct importscr *s, bool bold, const char *fmt, ...)
{
	char *buf = NULL, *p;
	va_list ap;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **l = realloc(s->lines, cap * sizeof *l);
		bool *b = l ? realloc(s->bold, cap * sizeof *b) : NULL;
		if (l)
			s->lines = l;
		if (!l || !b)
			return;
		s->bold = b;
		s->cap = cap;
	}
	va_start(ap, fmt);
	if (vasprintf(&buf, fmt, ap) < 0)
		buf = NULL;
	va_end(ap);
	if (!buf)
		return;
	p = buf;
	size_t len = strlen(buf);
	while (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	while (*p == ' ')
		p++;
	s->bold[s->n] = bold;
	s->lines[s->n++] = strdup(p);
	free(buf);
}

static void importscr_action(struct importscr *s, const struct import_action *a)
{
	switch (a->what) {
	case IMPORT_ADD_PERSON:
		importscr_add(s, false, _("  line %zu: new person %s\n"),
		              a->line, a->person);
		break;
	case IMPORT_CHANGE_PERSON:
		importscr_add(s, false, _("  line %zu: %s: changes %s\n"),
		              a->line, a->person, a->detail);
		break;
	case IMPORT_ADD_MEMBERSHIP:
		importscr_add(s, false, _("  line %zu: %s joins %s\n"), a->line,
		              a->person, a->group);
		break;
	case IMPORT_CHANGE_MEMBERSHIP:
		importscr_add(s, false, _("  line %zu: %s in %s: changes %s\n"),
		              a->line, a->person, a->group, a->detail);
		break;
	}
}

static void importscr_problem(struct importscr *s,
                              const struct import_problem *p)
{
	if (p->line && p->column)
		importscr_add(s, false, _("  line %zu, column '%s': %s\n"),
		              p->line, p->column, p->reason);
	else if (p->line)
		importscr_add(s, false, _("  line %zu: %s\n"), p->line,
		              p->reason);
	else
		importscr_add(s, false, "%s", p->reason);
}

/* The dry run (or what was written) as lines. */
static void importscr_build(struct importscr *s)
{
	const struct import_file *f = &s->f;
	const struct import_result *res = &s->res;
	const char *delim = f->delimiter == '\t'  ? _("tab")
	                    : f->delimiter == ';' ? ";"
	                                          : ",";

	importscr_lines_free(s);
	importscr_add(s, false,
	              ngettext("%s: %zu row, read as %s, columns separated by "
	                       "'%s'\n",
	                       "%s: %zu rows, read as %s, columns separated by "
	                       "'%s'\n",
	                       f->n_rows),
	              s->path, f->n_rows, import_encoding_name(f->encoding),
	              delim);
	if (f->encoding == IMPORT_CP1252)
		importscr_add(s, false, "%s",
		              _("  (not UTF-8: taken as Windows-1252, as a "
		                "Finnish Excel saves CSV)"));
	importscr_add(s, true,
	              _("People: %zu new, %zu changed.  Memberships: %zu new, "
	                "%zu changed.  Rows that change nothing: %zu.\n"),
	              res->n_people_added, res->n_people_changed,
	              res->n_members_added, res->n_members_changed,
	              res->n_unchanged);
	if (res->n_errors) {
		importscr_add(s, true, "%s", _("Wrong rows:"));
		for (size_t i = 0; i < res->n_problems; i++)
			if (res->problems[i].error)
				importscr_problem(s, &res->problems[i]);
	}
	if (res->n_warnings) {
		importscr_add(s, true, "%s", _("To look at:"));
		for (size_t i = 0; i < res->n_problems; i++)
			if (!res->problems[i].error)
				importscr_problem(s, &res->problems[i]);
	}
	if (res->n_actions) {
		importscr_add(s, true, "%s",
		              res->n_errors
		                  ? _("Would be written once the wrong "
		                      "rows are fixed:")
		                  : _("Would be written:"));
		for (size_t i = 0; i < res->n_actions; i++)
			importscr_action(s, &res->actions[i]);
	}
	if (!res->n_actions && !res->n_errors)
		importscr_add(s, true, "%s",
		              _("Nothing to write: the data file already "
		                "holds all of it."));
	else if (res->n_errors)
		importscr_add(s, true,
		              ngettext("Nothing written: %zu problem to fix "
		                       "first.\n",
		                       "Nothing written: %zu problems to fix "
		                       "first.\n",
		                       res->n_errors),
		              res->n_errors);
	else
		importscr_add(
		    s, true, "%s",
		    _("Dry run: nothing written yet. Press w to write "
		      "it."));
	tui_list_reset(&s->list, s->n);
}

struct import_arg {
	struct lape_db *db;
	const struct rules *rules;
	const struct import_file *f;
	struct import_options opt;
	struct import_result *res;
};

static int import_fn(void *arg)
{
	struct import_arg *a = arg;

	import_result_clear(a->res);
	return import_run(a->db, a->rules, a->f, &a->opt, a->res);
}

/* Match the file against the data as it is now (nothing written). */
static int importscr_dry_run(struct tui *t, struct importscr *s)
{
	struct import_arg a = {t->db,
	                       t->rules,
	                       &s->f,
	                       {.group_id = s->group_id, .apply = false},
	                       &s->res};
	int rc;

	if (s->have_res)
		import_result_clear(&s->res);
	memset(&s->res, 0, sizeof s->res);
	s->have_res = true;
	rc = tui_retry(t, import_fn, &a);
	if (rc != LAPE_OK) {
		tui_report(t, rc);
		return rc;
	}
	importscr_build(s);
	return LAPE_OK;
}

/* Wrap the lines for W columns (a continuation in W - 2). */
static void importscr_wrap(struct importscr *s, int w)
{
	size_t cap = 0, n = 0;

	free(s->wrap);
	s->wrap = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const char *l = s->lines[i], *p = l;
		do {
			size_t len = tui_wrap_next(p, p == l ? w : w - 2);
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				void *nw =
				    realloc(s->wrap, nc * sizeof *s->wrap);
				if (!nw)
					goto out;
				s->wrap = nw;
				cap = nc;
			}
			s->wrap[n].line = i;
			s->wrap[n].off = (size_t)(p - l);
			s->wrap[n].len = len;
			n++;
			p += len;
			while (*p == ' ')
				p++;
		} while (*p);
	}
out:
	if (s->list.count != n)
		tui_list_reset(&s->list, n);
	s->n_wrap = n;
}

static void importscr_row(void *owner, size_t i, int y, int x, int w)
{
	struct importscr *s = owner;
	size_t l = s->wrap[i].line;
	int in = s->wrap[i].off ? 2 : 0;
	char buf[1024];

	tui_fmt(buf, sizeof buf, "%.*s", (int)s->wrap[i].len,
	        s->lines[l] + s->wrap[i].off);
	if (s->bold[l])
		attron(A_BOLD);
	tui_put(stdscr, y, x + in, w - in, buf, false);
	if (s->bold[l])
		attroff(A_BOLD);
}

struct tui_import_arg {
	int64_t group_id;
	const char *group_name;
	const char *path;
};

static void importscr_free(struct importscr *s)
{
	importscr_lines_free(s);
	free(s->wrap);
	if (s->have_res)
		import_result_clear(&s->res);
	if (s->have_file)
		import_file_clear(&s->f);
	free(s->path);
	free(s->group_name);
	free(s);
}

static int importscr_open(struct tui *t, struct screen *scr, const void *arg)
{
	const struct tui_import_arg *ia = arg;
	struct importscr *s = calloc(1, sizeof *s);
	char err[512];
	int rc;

	if (!s)
		return -1;
	scr->data = s;
	s->t = t;
	s->group_id = ia->group_id;
	s->path = strdup(ia->path);
	s->group_name = strdup(ia->group_name ? ia->group_name : "");
	tui_list_init(&s->list, NULL, importscr_row, s);
	rc = import_read_file(ia->path, &s->f, err, sizeof err);
	if (rc != LAPE_OK) {
		tui_msg(t, MSG_ERROR, "%s: %s", ia->path,
		        rc == LAPE_ERROR ? _("out of memory") : err);
		return -1;
	}
	s->have_file = true;
	if (importscr_dry_run(t, s) != LAPE_OK)
		return -1;
	return 0;
}

/* Someone changed the file meanwhile: the dry run anew. */
static void importscr_reload(struct tui *t, struct screen *scr)
{
	struct importscr *s = scr->data;

	importscr_dry_run(t, s);
}

static void importscr_draw(struct tui *t, struct screen *scr)
{
	struct importscr *s = scr->data;
	char buf[1024];

	tui_fmt(buf, sizeof buf, _("Import into %s"), s->group_name);
	tui_title(t, buf);
	importscr_wrap(s, COLS - 3);
	tui_list_place(&s->list, 2, 0, tui_bottom() - 2, COLS);
	tui_list_draw(t, &s->list);
}

static void importscr_write(struct tui *t, struct screen *scr)
{
	struct importscr *s = scr->data;
	struct import_result res = {0};
	struct import_arg a = {t->db,
	                       t->rules,
	                       &s->f,
	                       {.group_id = s->group_id, .apply = true},
	                       &res};
	int rc;

	if (s->res.n_errors) {
		tui_msg(
		    t, MSG_ERROR,
		    ngettext("Nothing written: %zu problem to fix first.\n",
		             "Nothing written: %zu problems to fix first.\n",
		             s->res.n_errors),
		    s->res.n_errors);
		return;
	}
	if (!s->res.n_actions) {
		tui_msg(t, MSG_INFO, "%s",
		        _("Nothing to write: the data file already holds all "
		          "of it."));
		return;
	}
	rc = tui_retry(t, import_fn, &a);
	if (rc != LAPE_OK || !res.applied) {
		if (rc != LAPE_OK && rc != LAPE_BUSY)
			tui_report(t, rc);
		else if (rc == LAPE_OK) /* changed meanwhile: see why */
			tui_changed(t);
		import_result_clear(&res);
		return;
	}
	tui_changed(t);
	tui_msg(t, MSG_INFO,
	        _("Imported: %zu people new, %zu changed; %zu memberships "
	          "new, %zu changed."),
	        res.n_people_added, res.n_people_changed, res.n_members_added,
	        res.n_members_changed);
	import_result_clear(&res);
	tui_pop(t); /* back to the group, which shows them (SCR is gone) */
}

static bool importscr_act(struct tui *t, struct screen *scr, int action, int k)
{
	struct importscr *s = scr->data;

	(void)k;
	if (tui_list_act(&s->list, action))
		return true;
	if (action == ACT_SAVE) {
		importscr_write(t, scr);
		return true;
	}
	return false;
}

static void importscr_close(struct tui *t, struct screen *scr)
{
	(void)t;
	if (scr->data)
		importscr_free(scr->data);
	scr->data = NULL;
}

static const struct tui_binding importscr_keys[] = {
    TUI_BIND_MOVE,
    {ACT_SAVE,
     {'w'},
     N_("write it into the group (one transaction)"),
     N_("write"),
     true},
    TUI_BIND_HELP,
    {ACT_BACK, {'q', TK_ESC}, N_("back: nothing is written"), N_("back"), true},
    TUI_BIND_END,
};

const struct screen_ops screen_import = {
    .name = N_("Import"),
    .open = importscr_open,
    .draw = importscr_draw,
    .act = importscr_act,
    .reload = importscr_reload,
    .close = importscr_close,
    .keymap = importscr_keys,
};

void tui_import_into(struct tui *t, int64_t group_id, const char *group_name)
{
	char *path = tui_prompt(t, _("Import a CSV file into the group:"), "",
	                        NULL, NULL);

	if (!path)
		return;
	if (*path) {
		struct tui_import_arg a = {group_id, group_name, path};
		tui_push(t, &screen_import, &a);
	}
	free(path);
}

/* ---- the report ---------------------------------------------------------- */

static enum report_format report_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && strcmp(dot, ".txt") == 0)
		return REPORT_TEXT;
	if (dot && strcmp(dot, ".xlsx") == 0)
		return REPORT_XLSX;
	return REPORT_HTML;
}

void tui_report_write(struct tui *t, int64_t group_id, const char *region)
{
	struct report_request req = {0};
	struct report rep = {0};
	char name[64], err[512], shown[PATH_MAX + 1];
	struct stat st;
	char *path;
	int rc;

	tui_fmt(name, sizeof name, "lape-report-%s.html", t->today);
	path = tui_prompt(t, _("Write the report (.html, .txt or .xlsx) to:"),
	                  name, NULL, NULL);
	if (!path)
		return;
	if (!*path) {
		free(path);
		return;
	}
	if (stat(path, &st) == 0) {
		char q[PATH_MAX + 64];
		tui_fmt(q, sizeof q, _("%s exists. Write over it?"), path);
		if (!tui_confirm(t, q)) {
			free(path);
			return;
		}
	}
	if (group_id) {
		req.ids = &group_id;
		req.n_ids = 1;
	} else {
		req.region = region;
	}
	rc = report_build(t->db, t->rules, t->today, t->ctx->cfg.db_path,
	                  t->ctx->cfg.rules_path, &req, &rep);
	if (rc != LAPE_OK) {
		tui_report(t, rc);
		report_clear(&rep);
		free(path);
		return;
	}
	if (report_write_file(&rep, report_format_of(path), path, err,
	                      sizeof err) != 0)
		tui_msg(t, MSG_ERROR, "%s: %s", path, err);
	else
		tui_msg(t, MSG_INFO, _("Report written to %s."),
		        realpath(path, shown) ? shown : path);
	report_clear(&rep);
	free(path);
}
