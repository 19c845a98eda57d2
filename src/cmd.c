#include <config.h>
/* cmd.c -- the table of commands and what they share: opening the data
 * file and the rules on demand, reporting their errors as one line, and
 * region names for display. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/store.h"

const struct cmd_entry *const cmd_table[] = {
    &cmd_init_entry, &cmd_demo_entry, &cmd_check_entry,
    &cmd_list_entry, &cmd_show_entry, NULL,
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
		fprintf(stderr,
		        _("Try 'lape %s --help' for more information.\n"),
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
	fprintf(stderr, "lape: %s: %s\n", ctx->db->path, db_errmsg(ctx->db));
	return EXIT_FAILURE_LAPE;
}

/* Remove a data file this run created and could not fill, so that a failed
 * start leaves nothing half-made behind. */
void ctx_discard_created(struct lape_ctx *ctx)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char *path;

	if (!ctx->db || !ctx->db->created)
		return;
	path = strdup(ctx->db->path);
	db_close(ctx->db);
	ctx->db = NULL;
	if (!path || strcmp(path, ":memory:") == 0) {
		free(path);
		return;
	}
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t len = strlen(path) + strlen(suffix[i]) + 1;
		char *name = malloc(len);

		if (!name)
			break;
		snprintf(name, len, "%s%s", path, suffix[i]);
		unlink(name);
		free(name);
	}
	free(path);
}

/* Load the newest reference data shipped into a file just created. */
static int ctx_load_newest(struct lape_ctx *ctx)
{
	int years[16];
	int n = refdata_years(ctx->cfg.share_dir, years, 16);

	if (n <= 0) {
		fprintf(stderr,
		        _("lape: %s/refdata: no reference data found (is "
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
		fprintf(stderr, _("lape: cannot find where to keep the data "
		                  "file; use --db FILE\n"));
		return -1;
	}
	if (!*path) {
		/* SQLite would open a private temporary file for "". */
		fprintf(stderr,
		        _("lape: the name of the data file is empty\n"));
		return -1;
	}
	err[0] = '\0';
	rc = db_open(path, flags, &ctx->db, err, sizeof(err));
	if (rc != LAPE_OK) {
		fprintf(stderr, "lape: %s\n", err[0] ? err : path);
		ctx->db = NULL;
	}
	free(fallback);
	return rc == LAPE_OK ? 0 : -1;
}

int ctx_open_db(struct lape_ctx *ctx, int flags)
{
	if (ctx->db)
		return 0;
	if (ctx_open_plain(ctx, flags) != 0)
		return -1;
	if ((flags & DB_OPEN_CREATE) && ctx->db->created &&
	    ctx_load_newest(ctx) != 0) {
		ctx_discard_created(ctx);
		return -1;
	}
	return 0;
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
			fprintf(stderr, "lape: %s\n", _("out of memory"));
			return -1;
		}
		snprintf(path, len, "%s/rules.ini", dir);
	}
	err[0] = '\0';
	rc = rules_load(path ? path : ctx->cfg.rules_path, &ctx->rules, err,
	                sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "lape: %s\n",
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
