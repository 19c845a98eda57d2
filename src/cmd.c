#include <config.h>
/* cmd.c -- the table of commands and what they share: opening the data
 * file and the rules on demand, reporting their errors as one line, and
 * region names for display. */

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/store.h"
#include "lape/utf8.h"

const struct cmd_entry *const cmd_table[] = {
    &cmd_init_entry,
    &cmd_demo_entry,
    &cmd_check_entry,
    &cmd_list_entry,
    &cmd_show_entry,
    &cmd_verify_entry,
    &cmd_copy_entry,
    &cmd_merge_entry,
    &cmd_import_entry,
    &cmd_report_entry,
    &cmd_log_entry,
    &cmd_undo_entry,
    &cmd_person_entry,
    NULL,
};

/* Region names by code ("01" -> 1), filled on first use. */
#define REGION_CODES 100
static char *region_names[REGION_CODES];
static bool region_names_loaded;

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; cmd_table[i]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

int cmd_usage(const struct cmd_entry *e, int status)
{
	if (status != 0) {
		cmd_errorf(_("Try 'lape %s --help' for more information.\n"),
		           e->name);
		return status;
	}
	printf(_("Usage: lape %s %s\n"), e->name, e->usage);
	printf("%s\n", _(e->summary));
	printf(_("Global options (--db, --config, --lang): see 'lape "
	         "--help'.\n"));
	return status;
}

int cmd_db_error(struct lape_ctx *ctx)
{
	cmd_errorf("lape: %s: %s\n", ctx->db->path, db_errmsg(ctx->db));
	/* A write to a file this user may only read is refused, not an
	 * error of the file. */
	return db_status(ctx->db) == LAPE_READONLY ? EXIT_INCOMPLETE
	                                           : EXIT_FAILURE_LAPE;
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
			for (size_t i = 0; i < n; i++)
				fprintf(f, "\\x%02x", (unsigned char)s[i]);
		} else {
			fwrite(s, 1, n, f);
		}
		s += n;
	}
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

/* Load the newest reference data shipped into a file just created. */
static int ctx_load_newest(struct lape_ctx *ctx)
{
	int years[16];
	int n = refdata_years(ctx->cfg.share_dir, years, 16);

	if (n <= 0) {
		cmd_errorf(_("lape: %s/refdata: no reference data found (is "
		             "LAPE_SHARE right?)\n"),
		           ctx->cfg.share_dir ? ctx->cfg.share_dir : "");
		return -1;
	}
	if (refdata_load(ctx->db, ctx->cfg.share_dir, years[0]) != LAPE_OK) {
		cmd_db_error(ctx);
		return -1;
	}
	return 0;
}

/* Every command that opens the file this way needs its regions and
 * municipalities: a file without them was left by an init that did not
 * finish, and is no file with nothing to check. */
static int ctx_need_refdata(struct lape_ctx *ctx)
{
	char *year = NULL;

	if (db_meta_lookup(ctx->db, "refdata_year", &year) != LAPE_OK) {
		cmd_db_error(ctx);
		return -1;
	}
	if (year) {
		free(year);
		return 0;
	}
	cmd_errorf("lape: %s: %s\n", ctx->db->path,
	           _("an empty data file without reference data; run lape "
	             "init"));
	return -1;
}

int ctx_group(const char *name, gid_t *gid)
{
	if (config_group_id(name, gid) == 0)
		return 0;
	cmd_errorf(_("lape: %s: no such Unix group\n"), name);
	return -1;
}

/* A data file about to be made with shared_group set: its directory
 * first belongs to the group, setgid (db_share()), and the file is made
 * 0660 (DB_OPEN_SHARED).  Nothing to do for a file that is there. */
static int ctx_share_new(struct lape_ctx *ctx, const char *path)
{
	char err[512];
	struct stat sb;
	gid_t gid;

	if (stat(path, &sb) == 0 || errno != ENOENT)
		return 0;
	if (ctx_group(ctx->cfg.shared_group, &gid) != 0)
		return -1;
	if (db_share(path, gid, err, sizeof err) != LAPE_OK) {
		cmd_errorf("lape: %s: %s\n", path, err);
		return -1;
	}
	return 0;
}

int ctx_open_plain(struct lape_ctx *ctx, int flags)
{
	char err[1024];
	char *fallback = NULL;
	const char *path = ctx->cfg.db_path;
	int rc;

	if (ctx->db)
		return 0;
	if (!path)
		path = fallback = db_default_path();
	if (!path) {
		cmd_errorf(_("lape: cannot find where to keep the data "
		             "file; use --db FILE\n"));
		return -1;
	}
	if (!*path) {
		/* SQLite would open a private temporary file for "". */
		cmd_errorf(_("lape: the name of the data file is empty\n"));
		return -1;
	}
	if (ctx->cfg.read_only)
		flags |= DB_OPEN_READONLY;
	if (ctx->cfg.shared_group)
		flags |= DB_OPEN_SHARED;
	if ((flags & DB_OPEN_CREATE) && !ctx->cfg.read_only &&
	    ctx->cfg.shared_group && ctx_share_new(ctx, path) != 0)
		goto out;
	err[0] = '\0';
	rc = db_open(path, flags & ~CTX_OPEN_DAMAGE_QUIET, &ctx->db, err,
	             sizeof(err));
	ctx->open_status = rc;
	if (rc != LAPE_OK) {
		if (!(flags & CTX_OPEN_DAMAGE_QUIET) || rc != LAPE_CORRUPT)
			cmd_errorf("lape: %s\n", err[0] ? err : path);
		ctx->db = NULL;
	}
	free(fallback);
	return rc == LAPE_OK ? 0 : -1;
out:
	free(fallback);
	return -1;
}

bool ctx_default_db(const struct lape_ctx *ctx)
{
	char *def = db_default_path();
	bool same =
	    def && ctx->cfg.db_path && strcmp(def, ctx->cfg.db_path) == 0;

	free(def);
	return same;
}

int ctx_publish(struct lape_ctx *ctx)
{
	if (db_publish(ctx->db) == LAPE_OK)
		return 0;
	cmd_db_error(ctx);
	db_close(ctx->db);
	ctx->db = NULL;
	return -1;
}

int ctx_open_db(struct lape_ctx *ctx, int flags)
{
	if (ctx->db)
		return 0;
	if (ctx_open_plain(ctx, flags) != 0)
		return -1;
	/* A new file gets its reference data before anyone sees it. */
	if (ctx->db->created &&
	    (ctx_load_newest(ctx) != 0 || ctx_publish(ctx) != 0)) {
		db_close(ctx->db);
		ctx->db = NULL;
		return -1;
	}
	return ctx_need_refdata(ctx);
}

int ctx_load_rules(struct lape_ctx *ctx)
{
	char err[1024];
	char *path = NULL;
	int rc;

	if (ctx->rules)
		return 0;
	if (!ctx->cfg.rules_path) {
		const char *dir = ctx->cfg.share_dir ? ctx->cfg.share_dir : ".";
		size_t len = strlen(dir) + sizeof("/rules.ini");

		path = malloc(len);
		if (!path) {
			cmd_errorf("lape: %s\n", _("out of memory"));
			return -1;
		}
		snprintf(path, len, "%s/rules.ini", dir);
	}
	err[0] = '\0';
	rc = rules_load(path ? path : ctx->cfg.rules_path, &ctx->rules, err,
	                sizeof(err));
	if (rc != 0) {
		cmd_errorf("lape: %s\n",
		           err[0] ? err : (path ? path : ctx->cfg.rules_path));
		ctx->rules = NULL;
	}
	free(path);
	return rc == 0 ? 0 : -1;
}

static int region_name_cb(const struct region *r, void *unused)
{
	int code = atoi(r->code);

	(void)unused;
	if (code <= 0 || code >= REGION_CODES)
		return 0;
	free(region_names[code]);
	region_names[code] = strdup(i18n_pick(r->name_fi, r->name_sv));
	return 0;
}

const char *cmd_region_name(struct lape_ctx *ctx, const char *code)
{
	int n;

	if (!code || !ctx->db)
		return "";
	if (!region_names_loaded) {
		region_names_loaded = true;
		region_list(ctx->db, false, region_name_cb, NULL);
	}
	n = atoi(code);
	if (n <= 0 || n >= REGION_CODES || !region_names[n])
		return "";
	return region_names[n];
}

void ctx_clear(struct lape_ctx *ctx)
{
	for (size_t i = 0; i < REGION_CODES; i++) {
		free(region_names[i]);
		region_names[i] = NULL;
	}
	region_names_loaded = false;
	if (ctx->db)
		db_close(ctx->db);
	ctx->db = NULL;
	if (ctx->rules)
		rules_free(ctx->rules);
	ctx->rules = NULL;
	config_clear(&ctx->cfg);
}
