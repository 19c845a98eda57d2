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
/* cmd.c -- the table of commands and what they share: parsing their
 * options, resolving what they need before they run, their help, and
 * reporting errors as one line. */

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lape/app.h"
#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"
#include "lape/store.h"
#include "lape/utf8.h"

const struct cmd_entry *const cmd_table[] = {
    &cmd_init_entry,   &cmd_demo_entry,   &cmd_check_entry,
    &cmd_list_entry,   &cmd_show_entry,   &cmd_verify_entry,
    &cmd_add_entry,    &cmd_edit_entry,   &cmd_end_entry,
    &cmd_remove_entry, &cmd_copy_entry,   &cmd_merge_entry,
    &cmd_import_entry, &cmd_report_entry, &cmd_log_entry,
    &cmd_undo_entry,   &cmd_person_entry, NULL,
};

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; cmd_table[i]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

/* ---- options ----------------------------------------------------------- */

/* The global options, also taken after the command's name. */
enum {
	CMD_G_DB = 0x80000,
	CMD_G_CONFIG,
	CMD_G_LANG,
	CMD_G_OUTPUT,
	CMD_G_EXCEL,
	CMD_G_READ_ONLY,
	CMD_G_HELP = 'h'
};

static const struct cmd_option format_option = {
    "format", 'f', N_("text|csv|json"),
    N_("the output: text (the default), CSV or JSON"), 0};

const char *cmd_arg(const struct cmd_args *a, int key)
{
	const char *v = NULL;

	for (size_t i = 0; i < a->n_values; i++)
		if (a->values[i].key == key)
			v = a->values[i].value ? a->values[i].value : "";
	return v;
}

bool cmd_has(const struct cmd_args *a, int key)
{
	return cmd_arg(a, key) != NULL;
}

const char *cmd_name(const struct cmd_args *a, char *buf, size_t len)
{
	if (a->parent)
		snprintf(buf, len, "lape %s %s", a->parent->name,
		         a->entry->name);
	else
		snprintf(buf, len, "lape %s", a->entry->name);
	return buf;
}

static size_t cmd_n_options(const struct cmd_entry *e)
{
	size_t n = 0;

	while (e->options && e->options[n].name)
		n++;
	return n;
}

/* The options of E for getopt_long: its own, --format if it needs it,
 * --help and the global ones.  Caller frees. */
static struct option *cmd_long_options(const struct cmd_entry *e, char *shorts,
                                       size_t len)
{
	size_t n = cmd_n_options(e), k = 0, s = 0;
	struct option *o = calloc(n + 8, sizeof(*o));

	if (!o)
		return NULL;
	/* Options and arguments may come in any order ("add member G P
	 * --sector x"): no '+', so getopt permutes. */
	shorts[s++] = ':';
	for (size_t i = 0; i <= n; i++) {
		const struct cmd_option *c =
		    i < n ? &e->options[i] : &format_option;

		if (i == n && !(e->needs & CMD_NEED_FORMAT))
			continue;
		o[k++] = (struct option){
		    c->name, c->metavar ? required_argument : no_argument, NULL,
		    c->key};
		if (c->key < 0x80 && s + 3 < len) {
			shorts[s++] = (char)c->key;
			if (c->metavar)
				shorts[s++] = ':';
		}
	}
	o[k++] = (struct option){"help", no_argument, NULL, CMD_G_HELP};
	o[k++] = (struct option){"db", required_argument, NULL, CMD_G_DB};
	o[k++] =
	    (struct option){"config", required_argument, NULL, CMD_G_CONFIG};
	o[k++] = (struct option){"lang", required_argument, NULL, CMD_G_LANG};
	o[k++] =
	    (struct option){"output", required_argument, NULL, CMD_G_OUTPUT};
	o[k++] = (struct option){"excel", no_argument, NULL, CMD_G_EXCEL};
	o[k++] =
	    (struct option){"read-only", no_argument, NULL, CMD_G_READ_ONLY};
	shorts[s++] = 'h';
	shorts[s] = '\0'; /* for strchr() */
	/* -o FILE, unless the command has an -o of its own */
	if (!strchr(shorts, 'o')) {
		shorts[s++] = 'o';
		shorts[s++] = ':';
	}
	shorts[s] = '\0';
	return o;
}

static int cmd_add_value(struct cmd_args *a, int key, const char *value)
{
	struct cmd_value *v =
	    realloc(a->values, (a->n_values + 1) * sizeof(*v));

	if (!v)
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	a->values = v;
	v[a->n_values++] = (struct cmd_value){key, value};
	return 0;
}

/* The option a failing getopt_long stopped at, as the user wrote it. */
static const char *cmd_bad_option(char **argv, int c, char *buf, size_t len)
{
	if (c == '?' && optopt && optopt < 0x80) {
		snprintf(buf, len, "-%c", optopt);
		return buf;
	}
	snprintf(buf, len, "%s", argv[optind - 1]);
	buf[strcspn(buf, "=")] = '\0';
	return buf;
}

static bool cmd_option_repeats(const struct cmd_entry *e, int key)
{
	for (size_t i = 0; i < cmd_n_options(e); i++)
		if (e->options[i].key == key)
			return e->options[i].flags & CMD_OPT_REPEAT;
	return true;
}

/* Take C when it is a global option (or --help): whether it was. */
static bool cmd_global(int c, struct cmd_args *a, struct cmd_globals *g)
{
	switch (c) {
	case CMD_G_HELP:
		a->help = true;
		return true;
	case CMD_G_DB:
		g->db = optarg;
		return true;
	case CMD_G_CONFIG:
		g->config = optarg;
		return true;
	case CMD_G_LANG:
		g->lang = optarg;
		return true;
	case 'o':
	case CMD_G_OUTPUT:
		g->output = optarg;
		return true;
	case CMD_G_EXCEL:
		g->excel = true;
		return true;
	case CMD_G_READ_ONLY:
		g->read_only = true;
		return true;
	}
	return false;
}

static int cmd_getopt(struct cmd_args *a, int argc, char **argv,
                      struct cmd_globals *g)
{
	const struct cmd_entry *e = a->entry;
	char shorts[128], bad[64];
	struct option *o = cmd_long_options(e, shorts, sizeof(shorts));
	int c, status = 0;

	if (!o)
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	optind = 0;
	opterr = 0;
	while (!status &&
	       (c = getopt_long(argc, argv, shorts, o, NULL)) != -1) {
		if (cmd_global(c, a, g))
			continue;
		switch (c) {
		case ':':
			cmd_error(EXIT_FAILURE_LAPE, NULL,
			          _("option '%s' requires an argument"),
			          cmd_bad_option(argv, c, bad, sizeof(bad)));
			status = cmd_usage(a);
			break;
		case '?':
			cmd_error(EXIT_FAILURE_LAPE, NULL,
			          _("unrecognized option '%s'"),
			          cmd_bad_option(argv, c, bad, sizeof(bad)));
			status = cmd_usage(a);
			break;
		default:
			if (!cmd_option_repeats(e, c) && cmd_has(a, c)) {
				status = cmd_error(
				    EXIT_FAILURE_LAPE, NULL,
				    _("option '%s' is given twice"),
				    cmd_bad_option(argv, c, bad, sizeof(bad)));
				break;
			}
			status = cmd_add_value(a, c, optarg);
		}
	}
	free(o);
	if (status)
		return status;
	a->argc = argc - optind;
	a->argv = argv + optind;
	return 0;
}

/* The names of E's parts, "group, person, member or agent". */
static void cmd_sub_names(const struct cmd_entry *e, char *buf, size_t len)
{
	size_t n = 0, used = 0;

	while (e->subs[n])
		n++;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s",
		                         i == 0       ? ""
		                         : i + 1 == n ? _(" or ")
		                                      : ", ",
		                         e->subs[i]->name);
}

static int cmd_parse_sub(const struct cmd_entry *e, int argc, char **argv,
                         struct cmd_args *out)
{
	char names[256];

	cmd_sub_names(e, names, sizeof(names));
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		                  strcmp(argv[1], "-h") == 0)) {
			out->help = true;
			return 0;
		}
		return cmd_error(EXIT_FAILURE_LAPE, e->name, _("%s what? %s"),
		                 e->name, names);
	}
	for (size_t i = 0; e->subs[i]; i++) {
		if (strcmp(e->subs[i]->name, argv[1]) == 0) {
			out->parent = e;
			out->entry = e->subs[i];
			return 0;
		}
	}
	return cmd_error(EXIT_FAILURE_LAPE, e->name, _("'%s' is not one of %s"),
	                 argv[1], names);
}

int cmd_parse(const struct cmd_entry *e, int argc, char **argv,
              struct cmd_args *out, struct cmd_globals *g)
{
	char name[64];
	int status;

	memset(out, 0, sizeof(*out));
	out->entry = e;
	if (e->subs) {
		status = cmd_parse_sub(e, argc, argv, out);
		if (status || out->help)
			return status;
		argc--;
		argv++;
	}
	e = out->entry;
	status = cmd_getopt(out, argc, argv, g);
	if (status || out->help)
		return status;
	cmd_name(out, name, sizeof(name));
	if (out->argc < e->min_args) {
		cmd_error(EXIT_FAILURE_LAPE, name + 5, "%s",
		          e->missing ? _(e->missing) : _("too few arguments"));
		return cmd_usage(out);
	}
	if (e->max_args >= 0 && out->argc > e->max_args) {
		cmd_error(EXIT_FAILURE_LAPE, name + 5,
		          _("unexpected argument '%s'"),
		          out->argv[e->max_args]);
		return cmd_usage(out);
	}
	return 0;
}

void cmd_args_clear(struct cmd_args *a)
{
	free(a->values);
	free(a->groups);
	memset(a, 0, sizeof(*a));
}

/* ---- help -------------------------------------------------------------- */

/* "--name METAVAR" of option C, translated, into BUF. */
static const char *cmd_option_text(const struct cmd_option *c, char *buf,
                                   size_t len)
{
	if (c->metavar)
		snprintf(buf, len, "--%s %s", c->name, _(c->metavar));
	else
		snprintf(buf, len, "--%s", c->name);
	return buf;
}

#define CMD_NBSP "\xc2\xa0" /* U+00A0 */

/* The width help is laid out for: the terminal's, or 80 in a pipe. */
static size_t cmd_help_width(void)
{
	size_t w = cmd_width();

	return w ? w : 80;
}

static void cmd_unglue(const char *s);

/* Print S wrapped from column INDENT, its words held together by
 * CMD_NBSP (shown as spaces). */
static void cmd_wrap_units(const char *s, size_t indent)
{
	char *copy = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&copy, &len);

	if (!f)
		return;
	output_text_wrap(f, s, indent, cmd_help_width());
	fclose(f);
	cmd_unglue(copy ? copy : "");
	free(copy);
}

/* Print S with CMD_NBSP as spaces. */
static void cmd_unglue(const char *s)
{
	for (const char *p = s; *p;) {
		if (strncmp(p, CMD_NBSP, 2) == 0) {
			fputc(' ', stdout);
			p += 2;
		} else {
			fputc(*p++, stdout);
		}
	}
}

static void cmd_print_usage(const struct cmd_args *a)
{
	const struct cmd_entry *e = a->entry;
	size_t n = cmd_n_options(e);
	char name[64], opt[128];

	char *line = NULL, *words = NULL;
	size_t len = 0, wlen = 0, lead;
	FILE *f = open_memstream(&line, &len), *w;

	if (!f)
		return;
	fprintf(f, _("Usage: %s"), cmd_name(a, name, sizeof(name)));
	fflush(f);
	lead = utf8_width(line);
	if (!(w = open_memstream(&words, &wlen))) {
		fclose(f);
		free(line);
		return;
	}
	if (e->subs) {
		for (size_t i = 0; e->subs[i]; i++)
			fprintf(w, "%s%s", i ? "|" : "", e->subs[i]->name);
		fputs(" ...", w);
	} else if (e->usage && *e->usage) {
		fputs(_(e->usage), w);
	}
	for (size_t i = 0; !e->subs && i <= n; i++) {
		const struct cmd_option *c =
		    i < n ? &e->options[i] : &format_option;

		if (i == n && !(e->needs & CMD_NEED_FORMAT))
			continue;
		cmd_option_text(c, opt, sizeof(opt));
		/* one option and its value are one word of the usage */
		fputc(' ', w);
		if (!(c->flags & CMD_OPT_REQUIRED))
			fputc('[', w);
		for (char *p = opt; *p; p++)
			if (*p == ' ')
				fputs(CMD_NBSP, w);
			else
				fputc(*p, w);
		if (!(c->flags & CMD_OPT_REQUIRED))
			fputc(']', w);
		if (c->flags & CMD_OPT_REPEAT)
			fputs("...", w);
	}
	fclose(w);
	fclose(f);
	fputs(line, stdout);
	fputc(' ', stdout);
	/* one line in a pipe: scripts (the bash completion) read it */
	if (cmd_width())
		cmd_wrap_units(words ? words : "", lead + 1);
	else
		cmd_unglue(words ? words : "");
	fputc('\n', stdout);
	free(words);
	free(line);
}

/* TEXT (translated, may end with a newline) wrapped to the help's
 * width, and a newline. */
static void cmd_help_text(const char *text)
{
	char *copy = strdup(text);

	if (!copy)
		return;
	copy[strcspn(copy, "\n")] = '\0';
	output_text_wrap(stdout, copy, 0, cmd_help_width());
	fputc('\n', stdout);
	free(copy);
}

/* One line of the option list: "  OPTION   what it does", wrapped. */
static void cmd_help_line(const char *opt, const char *help, size_t width)
{
	fputs("  ", stdout);
	output_text_pad(stdout, opt, width + 2, 0);
	output_text_wrap(stdout, help, width + 4, cmd_help_width());
	fputc('\n', stdout);
}

int cmd_help(const struct cmd_args *a)
{
	const struct cmd_entry *e = a->entry;
	size_t n = cmd_n_options(e), width = utf8_width("-h, --help");
	char opt[128];

	cmd_print_usage(a);
	cmd_help_text(_(e->summary));
	if (e->subs) {
		printf("\n");
		for (size_t i = 0; e->subs[i]; i++)
			if (utf8_width(e->subs[i]->name) > width)
				width = utf8_width(e->subs[i]->name);
		for (size_t i = 0; e->subs[i]; i++)
			cmd_help_line(e->subs[i]->name, _(e->subs[i]->summary),
			              width);
		printf("\n");
		printf(_("Run 'lape %s %s --help' for its options.\n"), e->name,
		       e->subs[0]->name);
		return EXIT_OK;
	}
	for (size_t i = 0; i <= n; i++) {
		const struct cmd_option *c =
		    i < n ? &e->options[i] : &format_option;
		size_t w = utf8_width(cmd_option_text(c, opt, sizeof(opt))) + 4;

		if ((i < n || (e->needs & CMD_NEED_FORMAT)) && w > width)
			width = w;
	}
	printf("\n%s\n", _("Options:"));
	for (size_t i = 0; i <= n; i++) {
		const struct cmd_option *c =
		    i < n ? &e->options[i] : &format_option;
		char line[160];

		if (i == n && !(e->needs & CMD_NEED_FORMAT))
			continue;
		cmd_option_text(c, opt, sizeof(opt));
		if (c->key < 0x80)
			snprintf(line, sizeof(line), "-%c, %s", c->key, opt);
		else
			snprintf(line, sizeof(line), "    %s", opt);
		cmd_help_line(line, _(c->help), width);
	}
	cmd_help_line("-h, --help", _("show this help and exit"), width);
	cmd_help_text(_("Global options (--db, --config, --lang, -o, --excel, "
	                "--read-only): see 'lape --help'.\n"));
	return EXIT_OK;
}

int cmd_usage(const struct cmd_args *a)
{
	char name[64];

	cmd_errorf(_("Try 'lape %s --help' for more information.\n"),
	           cmd_name(a, name, sizeof(name)) + 5);
	return EXIT_FAILURE_LAPE;
}

/* ---- running ----------------------------------------------------------- */

/* The targets A's entry names: its region, its groups, its person. */
static int cmd_resolve_targets(struct lape_ctx *ctx, struct cmd_args *a)
{
	int needs = a->entry->needs, status = 0;
	const char *v;

	if ((needs & CMD_NEED_REGION) && (v = cmd_arg(a, 'r')) &&
	    (status = cmd_lookup_region(ctx, v, a->region)) != 0)
		return status;
	if ((needs & CMD_NEED_GROUP_OPTION) && (v = cmd_arg(a, 'g')) &&
	    (status = cmd_lookup_group(ctx, v, &a->group)) != 0)
		return status;
	if ((needs & CMD_NEED_PERSON) && a->argc > 0 &&
	    (status = cmd_lookup_person(ctx, a->argv[0], &a->person)) != 0)
		return status;
	if (!(needs & CMD_NEED_GROUPS))
		return 0;
	a->groups = calloc((size_t)a->argc + 1, sizeof(*a->groups));
	if (!a->groups)
		return cmd_error(EXIT_FAILURE_LAPE, NULL, "%s",
		                 _("out of memory"));
	for (int i = 0; i < a->argc && !status; i++)
		if (!(status =
		          cmd_lookup_group(ctx, a->argv[i], &a->groups[i])))
			a->n_groups++;
	return status;
}

/* Open and resolve what A's entry declares it needs (enum cmd_needs),
 * before its exec. */
static int cmd_resolve(struct lape_ctx *ctx, struct cmd_args *a)
{
	int needs = a->entry->needs;
	const char *v;

	if ((needs & CMD_NEED_FORMAT) && (v = cmd_arg(a, 'f')) &&
	    output_format_parse(v, (enum output_format *)&a->format) != 0)
		return cmd_error(EXIT_FAILURE_LAPE, "--format",
		                 _("'%s' is not one of text, csv, json"), v);
	if ((needs & ~(CMD_NEED_FORMAT | CMD_NEED_RULES)) &&
	    ctx_open_db(ctx, DB_OPEN_EXISTING) != 0)
		return EXIT_FAILURE_LAPE;
	if ((needs & CMD_NEED_RULES) && ctx_load_rules(ctx) != 0)
		return EXIT_FAILURE_LAPE;
	return cmd_resolve_targets(ctx, a);
}

int cmd_run(struct lape_ctx *ctx, struct cmd_args *a)
{
	int status;

	if (a->help)
		return cmd_help(a);
	if (a->entry->check && (status = a->entry->check(a)) != 0)
		return status;
	if (!ctx->report)
		ctx->report = cmd_report;
	status = cmd_resolve(ctx, a);
	if (status)
		return status;
	return a->entry->exec(ctx, a);
}

int cmd_db_error(struct lape_ctx *ctx)
{
	/* A write to a file this user may only read is refused, not an
	 * error of the file. */
	return cmd_error(db_status(ctx->db) == LAPE_READONLY
	                     ? EXIT_REFUSED
	                     : EXIT_FAILURE_LAPE,
	                 ctx->db->path, "%s", db_errmsg(ctx->db));
}

/* ---- messages ---------------------------------------------------------- */

/* Whether the terminal takes UTF-8, as far as the locale tells. */
static bool cmd_utf8_terminal(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs &&
	       (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

/* Whether the character CP may reach the terminal as it is: no C0 or C1
 * control (ESC, CSI, BEL, newline ...), no DEL, nothing that reverses the
 * text or breaks the line. */
static bool cmd_printable(unsigned cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return false;
	if (cp == 0x200e || cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return false;
	return true;
}

void cmd_escaped(FILE *f, const char *s)
{
	bool utf8 = cmd_utf8_terminal();
	const char *run = s; /* the printable text not written yet */

	while (*s) {
		unsigned cp = (unsigned char)*s;
		size_t n = 1;
		bool bad = cp >= 0x80;

		if (utf8 && bad) {
			n = utf8_decode(s, &cp);
			/* U+FFFD stands for an invalid byte unless it is
			 * spelt out. */
			bad = cp == 0xfffd &&
			      !(n == 3 && memcmp(s, "\xef\xbf\xbd", 3) == 0);
		}
		if (bad || !cmd_printable(cp)) {
			fwrite(run, 1, (size_t)(s - run), f);
			for (size_t i = 0; i < n; i++)
				fprintf(f, "\\x%02x", (unsigned char)s[i]);
			run = s + n;
		}
		s += n;
	}
	fwrite(run, 1, (size_t)(s - run), f);
}

/* FMT filled in and written escaped to F; the one newline at its end is
 * kept as a newline. */
static void cmd_vprint(FILE *f, const char *fmt, va_list ap)
{
	char *text = NULL;
	size_t len;
	bool newline;

	if (vasprintf(&text, fmt, ap) < 0) {
		fprintf(f, "lape: %s\n", _("out of memory"));
		return;
	}
	len = strlen(text);
	newline = len > 0 && text[len - 1] == '\n';
	if (newline)
		text[len - 1] = '\0';
	cmd_escaped(f, text);
	if (newline)
		fputc('\n', f);
	free(text);
}

void cmd_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vprint(stderr, fmt, ap);
	va_end(ap);
}

void cmd_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cmd_vprint(stdout, fmt, ap);
	va_end(ap);
}

int cmd_error(int status, const char *what, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		msg = NULL;
	if (what)
		cmd_errorf("lape: %s: %s\n", what, msg ? msg : "");
	else
		cmd_errorf("lape: %s\n", msg ? msg : "");
	free(msg);
	return status;
}

/* ---- the store's answers ----------------------------------------------- */

/* The option of A that sets the store's field FIELD ("mandate_body" ->
 * "--mandate-body") into BUF, or NULL when none does. */
static const char *cmd_field_option(const struct cmd_args *a, const char *field,
                                    char *buf, size_t len)
{
	static const char *const alias[][2] = {
	    {"municipalities", "municipality"},
	    {"sectors", "sector"},
	    {"start_date", "start"},
	    {"end_date", "end"},
	};
	const struct cmd_entry *e = a->entry;
	const char *name = field;
	char opt[48];

	if (!field || !*field)
		return NULL;
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(alias[i][0], field) == 0)
			name = alias[i][1];
	snprintf(opt, sizeof(opt), "%s", name);
	for (char *p = opt; *p; p++)
		if (*p == '_')
			*p = '-';
	for (size_t i = 0; e->options && e->options[i].name; i++) {
		if (strcmp(e->options[i].name, opt) == 0) {
			snprintf(buf, len, "--%s", opt);
			return buf;
		}
	}
	return NULL;
}

int cmd_store_error(struct lape_ctx *ctx, const struct cmd_args *a, int rc,
                    const char *what)
{
	const char *field = db_errfield(ctx->db), *opt;
	char buf[64];

	switch (rc) {
	case LAPE_INVALID:
		opt = cmd_field_option(a, field, buf, sizeof(buf));
		return cmd_error(EXIT_REFUSED, opt ? opt : what, "%s",
		                 db_errmsg(ctx->db));
	case LAPE_CONFLICT:
		return cmd_error(EXIT_REFUSED, what, "%s",
		                 _("someone else changed it meanwhile; nothing "
		                   "was written"));
	case LAPE_NOTFOUND:
	case LAPE_AMBIGUOUS:
		return cmd_error(EXIT_FAILURE_LAPE, what, "%s",
		                 db_errmsg(ctx->db));
	default:
		return cmd_db_error(ctx);
	}
}

/* ---- lookups ----------------------------------------------------------- */

/* Report the failed lookup RC of REF: not found (NOTFOUND the message),
 * or several, listed one a line (exit 2 either way). */
static int cmd_lookup_failed(struct lape_ctx *ctx, int rc, const char *ref,
                             const char *notfound, struct lookup_matches *lm)
{
	char *list;

	if (rc == LAPE_NOTFOUND) {
		lookup_matches_clear(lm);
		return cmd_error(EXIT_FAILURE_LAPE, ref, "%s", notfound);
	}
	if (rc != LAPE_AMBIGUOUS) {
		lookup_matches_clear(lm);
		return cmd_db_error(ctx);
	}
	cmd_error(EXIT_FAILURE_LAPE, ref, "%s",
	          lm->by_code ? _("several match; give the code of one:")
	                      : _("several match; give the id of one:"));
	list = app_matches_text(lm);
	/* one line each, escaped as every message is */
	for (char *l = list, *nl; l && *l; l = nl + 1) {
		nl = strchr(l, '\n');
		if (!nl)
			break;
		cmd_errorf("%.*s\n", (int)(nl - l), l);
	}
	free(list);
	lookup_matches_clear(lm);
	return EXIT_FAILURE_LAPE;
}

int cmd_lookup_group(struct lape_ctx *ctx, const char *ref, int64_t *id)
{
	struct lookup_matches lm;
	int rc;

	memset(&lm, 0, sizeof(lm));
	rc = group_lookup(ctx->db, ref, id, &lm);
	return rc == LAPE_OK
	           ? 0
	           : cmd_lookup_failed(ctx, rc, ref, _("no such group"), &lm);
}

int cmd_lookup_person(struct lape_ctx *ctx, const char *ref, int64_t *id)
{
	struct lookup_matches lm;
	int rc;

	memset(&lm, 0, sizeof(lm));
	rc = person_lookup(ctx->db, ref, id, &lm);
	return rc == LAPE_OK
	           ? 0
	           : cmd_lookup_failed(ctx, rc, ref, _("no such person"), &lm);
}

int cmd_lookup_region(struct lape_ctx *ctx, const char *ref, char code[3])
{
	struct lookup_matches lm;
	int rc;

	memset(&lm, 0, sizeof(lm));
	rc = region_lookup(ctx->db, ref, code, &lm);
	return rc == LAPE_OK
	           ? 0
	           : cmd_lookup_failed(ctx, rc, ref, _("no such region"), &lm);
}

int cmd_lookup_municipality(struct lape_ctx *ctx, const char *ref, char code[4])
{
	struct lookup_matches lm;
	int rc = municipality_find(ctx->db, ref, code);

	memset(&lm, 0, sizeof(lm));
	return rc == LAPE_OK
	           ? 0
	           : cmd_lookup_failed(ctx, rc, ref, _("no such municipality"),
	                               &lm);
}

int cmd_lookup_agent(struct lape_ctx *ctx, const char *ref, int64_t *id)
{
	struct lookup_matches lm;
	struct agent a;
	char code[3];
	int64_t person;
	int rc = agent_find(ctx->db, ref, id);

	if (rc != LAPE_NOTFOUND)
		return rc == LAPE_OK ? 0 : cmd_db_error(ctx);
	/* the current agent of a region, or the agent a person is */
	memset(&a, 0, sizeof(a));
	memset(&lm, 0, sizeof(lm));
	if (region_find(ctx->db, ref, code) == LAPE_OK)
		rc = agent_get_region(ctx->db, code, &a);
	else if ((rc = person_lookup(ctx->db, ref, &person, &lm)) == LAPE_OK)
		rc = agent_find_person(ctx->db, person, id);
	else if (rc == LAPE_AMBIGUOUS)
		return cmd_lookup_failed(ctx, rc, ref, "", &lm);
	if (rc == LAPE_OK && a.id)
		*id = a.id;
	agent_clear(&a);
	if (rc == LAPE_OK)
		return 0;
	return cmd_lookup_failed(ctx, rc, ref, _("no such change agent"), &lm);
}

int cmd_lookup_member(struct lape_ctx *ctx, const char *ref, const char *person,
                      int64_t *id)
{
	int64_t group, who;
	int status, rc;

	if (!person) {
		struct lookup_matches lm = {0};

		rc = membership_find(ctx->db, ref, id);
		return rc == LAPE_OK
		           ? 0
		           : cmd_lookup_failed(ctx, rc, ref, _("no such seat"),
		                               &lm);
	}
	if ((status = cmd_lookup_group(ctx, ref, &group)) != 0 ||
	    (status = cmd_lookup_person(ctx, person, &who)) != 0)
		return status;
	rc = membership_find_seat(ctx->db, group, who, ctx->today, id);
	if (rc == LAPE_OK)
		return 0;
	if (rc == LAPE_NOTFOUND)
		return cmd_error(EXIT_FAILURE_LAPE, person,
		                 _("does not sit in %s"), ref);
	if (rc == LAPE_AMBIGUOUS)
		return cmd_error(EXIT_FAILURE_LAPE, person,
		                 _("holds several seats in %s; give the seat's "
		                   "id (lape show %s)"),
		                 ref, ref);
	return cmd_db_error(ctx);
}

char *cmd_join(char *const *list, size_t n, const char *sep)
{
	return app_join((const char *const *)list, n, sep);
}

/* ---- the width of text ------------------------------------------------- */

size_t cmd_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (env && *env) {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n < 10000)
			return (size_t)n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

int cmd_refdata_missing(struct lape_ctx *ctx)
{
	char what[1024];

	snprintf(what, sizeof(what), "%s/refdata",
	         ctx->cfg.share_dir ? ctx->cfg.share_dir : "");
	return cmd_error(EXIT_FAILURE_LAPE, what, "%s",
	                 _("no reference data found (is LAPE_SHARE right?)"));
}

void cmd_report(const char *what, const char *msg)
{
	cmd_error(EXIT_FAILURE_LAPE, what, "%s", msg);
}

int cmd_unix_group(const char *name, gid_t *gid)
{
	if (config_group_id(name, gid) == 0)
		return 0;
	cmd_error(EXIT_FAILURE_LAPE, name, "%s", _("no such Unix group"));
	return -1;
}
