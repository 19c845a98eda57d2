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
/* cmd-output.c -- where a command's output goes and in which flavour, for
 * every command at once: -o FILE, the Excel flavour of CSV (--excel, or
 * "csv = excel" in the configuration) and --format xlsx.  The command
 * writes its plain CSV as always; that is caught and turned into the sheet
 * by the core (sheet.c), so no command needs to know about spreadsheets. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/sheet.h"

/* The value of the command's --format option in ARGV (and where it is),
 * or NULL. */
/* The value of the last --format given, to be rewritten, or NULL. */
static struct cmd_value *format_arg(struct cmd_args *a)
{
	struct cmd_value *v = NULL;

	for (size_t i = 0; i < a->n_values; i++)
		if (a->values[i].key == 'f')
			v = &a->values[i];
	return v;
}

int cmd_output_begin(struct cmd_output *o, struct lape_ctx *ctx,
                     struct cmd_args *a)
{
	struct cmd_value *v = format_arg(a);
	const char *fmt = v ? v->value : NULL;

	memset(o, 0, sizeof *o);
	o->saved_fd = -1;
	if (a->help)
		return 0;
	/* The report writes its own files; show's xlsx is the report of its
	 * group (details, members, check). */
	if (!a->parent && strcmp(a->entry->name, "show") == 0 && fmt &&
	    strcmp(fmt, "xlsx") == 0)
		a->entry = &cmd_report_entry;
	if (strcmp(a->entry->name, "report") == 0)
		return 0;
	if (fmt && strcmp(fmt, "xlsx") == 0) {
		if (!ctx->output_path) {
			cmd_errorf("%s\n", _("lape: --format xlsx: name the "
			                     "file with -o FILE"));
			return -1;
		}
		o->xlsx = true;
		/* The command writes CSV, which becomes the sheet. */
		v->value = "csv";
	} else if (fmt && strcmp(fmt, "csv") == 0 && ctx->excel) {
		o->excel = true;
	}
	if (!o->xlsx && !o->excel && !ctx->output_path)
		return 0;
	o->title = a->entry->name;
	fflush(stdout);
	o->tmp = tmpfile();
	if (!o->tmp || (o->saved_fd = dup(STDOUT_FILENO)) < 0 ||
	    dup2(fileno(o->tmp), STDOUT_FILENO) < 0) {
		cmd_errorf(_("lape: %s\n"), strerror(errno));
		if (o->tmp)
			fclose(o->tmp);
		if (o->saved_fd >= 0)
			close(o->saved_fd);
		o->tmp = NULL;
		o->saved_fd = -1;
		return -1;
	}
	o->active = true;
	return 0;
}

/* The caught output: its bytes in *BUF (caller frees). */
static int output_slurp(FILE *tmp, char **buf, size_t *len)
{
	long n;

	if (fseek(tmp, 0, SEEK_END) != 0 || (n = ftell(tmp)) < 0 ||
	    fseek(tmp, 0, SEEK_SET) != 0)
		return -1;
	*buf = malloc((size_t)n + 1);
	if (!*buf)
		return -1;
	*len = fread(*buf, 1, (size_t)n, tmp);
	(*buf)[*len] = '\0';
	return *len == (size_t)n ? 0 : -1;
}

/* Where the text goes: -o FILE (mode 0600) or the real standard
 * output. */
static FILE *output_open(const struct lape_ctx *ctx)
{
	int fd;
	FILE *f;

	if (!ctx->output_path)
		return fdopen(dup(STDOUT_FILENO), "w");
	fd = open(ctx->output_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	          0600);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (!f)
		close(fd);
	return f;
}

/* The table BOOK as a spreadsheet in -o FILE.  0, or -1 said. */
static int write_xlsx(const struct cmd_output *o, const struct lape_ctx *ctx,
                      const struct sheet_book *book)
{
	struct sheet_props props = {0};
	char title[64], err[512];

	snprintf(title, sizeof title, "lape %s", o->title);
	props.title = title;
	props.db_path = ctx->cfg.db_path;
	props.today = ctx->today;
	if (sheet_write_xlsx(book, ctx->rules, &props, ctx->output_path, err,
	                     sizeof err) == 0)
		return 0;
	cmd_errorf("lape: %s: %s\n", ctx->output_path, err);
	return -1;
}

/* The text BUF (or BOOK as CSV for spreadsheets) to -o FILE or standard
 * output.  0, or -1 said. */
static int write_text(const struct cmd_output *o, const struct lape_ctx *ctx,
                      const struct sheet_book *book, const char *buf,
                      size_t len)
{
	FILE *out = output_open(ctx);
	int rc = 0;

	if (!out) {
		rc = -1;
	} else {
		if (o->excel)
			rc = sheet_write_excel_csv(book, ctx->rules, out);
		else if (fwrite(buf, 1, len, out) != len)
			rc = -1;
		if (fclose(out) != 0)
			rc = -1;
	}
	if (rc != 0)
		cmd_errorf("lape: %s: %s\n",
		           ctx->output_path ? ctx->output_path
		                            : _("standard output"),
		           strerror(errno));
	return rc;
}

int cmd_output_end(struct cmd_output *o, struct lape_ctx *ctx, int status)
{
	struct sheet_book book = {0};
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (!o->active)
		return status;
	fflush(stdout);
	dup2(o->saved_fd, STDOUT_FILENO);
	close(o->saved_fd);
	o->active = false;
	if (output_slurp(o->tmp, &buf, &len) != 0) {
		fclose(o->tmp);
		free(buf);
		cmd_errorf(_("lape: %s\n"), strerror(errno));
		return EXIT_FAILURE_LAPE;
	}
	fclose(o->tmp);
	/* A command that failed wrote no complete table: nothing is made. */
	if (status == EXIT_FAILURE_LAPE) {
		free(buf);
		return status;
	}
	if ((o->xlsx || o->excel) &&
	    sheet_from_csv(buf, len, o->title, &book) != 0) {
		free(buf);
		cmd_errorf("%s\n", _("lape: out of memory"));
		return EXIT_FAILURE_LAPE;
	}
	if (o->xlsx)
		rc = write_xlsx(o, ctx, &book);
	else
		rc = write_text(o, ctx, &book, buf, len);
	sheet_book_clear(&book);
	free(buf);
	return rc != 0 ? EXIT_FAILURE_LAPE : status;
}
