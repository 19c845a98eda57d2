/* rules.c -- loading the composition rules (share/lape/rules.ini) with
 * iniparser, strictly: every mistake in the file is refused with one line
 * naming the file, the section and key, and what is wrong. */

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

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include <iniparser/iniparser.h>

#include "lape/i18n.h"
#include "lape/ini.h"
#include "lape/rules.h"
#include "lape/utf8.h"

/* The sections a rules file may have, besides "sector KEY". */
enum section_kind {
	SEC_MUNICIPAL,
	SEC_REGIONAL,
	SEC_WARNINGS,
	SEC_AGENT,
	SEC_SECTOR,
	SEC_UNKNOWN
};

static const char *const section_names[] = {"municipal", "regional", "warnings",
                                            "agent"};

/* The keys each kind of section may hold; NULL-terminated. */
static const char *const keys_municipal[] = {
    "sectors", "require_chair", "require_link", "gender_balance", NULL};
static const char *const keys_regional[] = {"sectors", "require_chair",
                                            "gender_balance", NULL};
static const char *const keys_warnings[] = {"ended_term", "vacant_seat", NULL};
static const char *const keys_agent[] = {"require_regional_complete",
                                         "municipal_coverage",
                                         "municipal_groups", NULL};
static const char *const keys_sector[] = {"fi", "sv", "en", NULL};

static const char *const *const section_keys[] = {
    keys_municipal, keys_regional, keys_warnings, keys_agent, keys_sector};

struct loader {
	const char *path;
	char *err;
	size_t errlen;
	dictionary *d;
	struct rules *r;
	struct ini_scan scan; /* the lines of the sections and keys */
};

/* ---- messages ----------------------------------------------------------- */

/* S as a message shows it (ini_shown()). */
static const char *shown(const char *s, char *buf, size_t size)
{
	return ini_shown(s, buf, size);
}

/* Record "PATH: line LINE: [SECTION] KEY: what" (without the line when
 * LINE is 0; SECTION and KEY may be NULL) and return -1. */
static int vfail(struct loader *L, int line, const char *section,
                 const char *key, const char *fmt, va_list ap)
{
	char what[256], where[160] = "", at[32] = "", sec[64], k[64];

	if (!L->err || L->errlen == 0)
		return -1;
	vsnprintf(what, sizeof what, fmt, ap);
	if (line > 0)
		snprintf(at, sizeof at, _("line %d: "), line);
	if (section && key)
		snprintf(where, sizeof where,
		         "[%s] %s: ", shown(section, sec, sizeof sec),
		         shown(key, k, sizeof k));
	else if (section)
		snprintf(where, sizeof where,
		         "[%s]: ", shown(section, sec, sizeof sec));
	else if (key)
		snprintf(where, sizeof where, "%s: ", shown(key, k, sizeof k));
	snprintf(L->err, L->errlen, "%s: %s%s%s", L->path, at, where, what);
	return -1;
}

static int fail(struct loader *L, const char *section, const char *key,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail_at(struct loader *L, int line, const char *section,
                   const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(struct loader *L, const char *section, const char *key,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(L, 0, section, key, fmt, ap);
	va_end(ap);
	return -1;
}

static int fail_at(struct loader *L, int line, const char *section,
                   const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(L, line, section, key, fmt, ap);
	va_end(ap);
	return -1;
}

/* iniparser reports syntax errors through a callback (to stderr by
 * default): keep the first one here instead, so that the core never
 * prints and the message names the line in our own words. */
static struct {
	bool seen;
	bool too_long;
	int line;
	char text[256];
} ini_error;

static int ini_errback(const char *fmt, ...)
{
	va_list ap;

	if (ini_error.seen)
		return 0;
	ini_error.seen = true;
	va_start(ap, fmt);
	if (strstr(fmt, "syntax error") || strstr(fmt, "too long")) {
		(void)va_arg(ap, const char *); /* the file name */
		ini_error.line = va_arg(ap, int);
		ini_error.too_long = strstr(fmt, "too long") != NULL;
	} else {
		vsnprintf(ini_error.text, sizeof ini_error.text, fmt, ap);
		ini_error.text[strcspn(ini_error.text, "\n")] = '\0';
	}
	va_end(ap);
	return 0;
}

/* Scan the file's lines first (ini.h): iniparser would merge what is
 * given twice and has no line numbers for it.  Then let iniparser read
 * it. */
static dictionary *load_ini(struct loader *L)
{
	dictionary *d;
	int rc;

	rc = ini_scan(L->path, &L->scan, L->err, L->errlen);
	if (rc == INI_DIRECTORY)
		fail(L, NULL, NULL, "%s",
		     _("is a directory, not a rules file"));
	if (rc != INI_OK)
		return NULL;

	memset(&ini_error, 0, sizeof ini_error);
	iniparser_set_error_callback(ini_errback);
	d = iniparser_load(L->path);
	iniparser_set_error_callback(NULL);
	if (d)
		return d;
	if (ini_error.line > 0 && ini_error.too_long)
		fail(L, NULL, NULL, _("line %d: line too long"),
		     ini_error.line);
	else if (ini_error.line > 0)
		fail(L, NULL, NULL,
		     _("line %d: syntax error (expected [section], key = value "
		       "or a ; comment)"),
		     ini_error.line);
	else if (ini_error.text[0])
		fail(L, NULL, NULL, _("cannot read: %s"),
		     strncmp(ini_error.text, "iniparser: ", 11) == 0
		         ? ini_error.text + 11
		         : ini_error.text);
	else
		fail(L, NULL, NULL, _("cannot read: %s"), strerror(ENOMEM));
	return NULL;
}

/* ---- small parsers ------------------------------------------------------ */

/* Whether KEY (LEN bytes) is a valid sector key; else sets *WHY. */
static bool key_ok(const char *key, size_t len, const char **why)
{
	if (len == 0) {
		*why = _("empty sector key");
		return false;
	}
	if (len >= RULES_KEY_MAX) {
		*why = _("sector key longer than 31 characters");
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = key[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_')) {
			*why = _("a sector key may only hold a-z, 0-9 and _");
			return false;
		}
	}
	return true;
}

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "true", "1"};
	static const char *const no[] = {"no", "false", "0"};

	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static enum section_kind kind_of(const char *name)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(name, section_names[i]) == 0)
			return (enum section_kind)i;
	if (strncmp(name, "sector", 6) == 0 &&
	    (name[6] == ' ' || name[6] == '\t' || name[6] == '\0'))
		return SEC_SECTOR;
	return SEC_UNKNOWN;
}

/* ---- the passes over the file ------------------------------------------ */

/* [sector  KEY] after [sector KEY]: iniparser tells them apart, but they
 * name one sector. */
static int sector_twice(struct loader *L, const char *name, const char *key)
{
	const char *d;
	int line = ini_scan_line(&L->scan, name, NULL), first = 0;

	for (ssize_t i = 0; i < L->d->size && !first; i++) {
		d = L->d->key[i];
		if (d && !L->d->val[i] && d != name &&
		    kind_of(d) == SEC_SECTOR &&
		    strcmp(d + 6 + strspn(d + 6, " \t"), key) == 0)
			first = ini_scan_line(&L->scan, d, NULL);
	}
	return fail_at(L, line, name, NULL,
	               _("sector \"%s\" is defined twice (first at line %d)"),
	               key, first);
}

/* Every section: known, and each [sector KEY] a new valid key. */
static int read_sections(struct loader *L)
{
	dictionary *d = L->d;
	struct rules *r = L->r;

	for (ssize_t i = 0; i < d->size; i++) {
		const char *name = d->key[i], *key, *why;
		struct rules_sector *s;
		size_t len;

		if (!name || d->val[i])
			continue; /* empty slot or a key */
		switch (kind_of(name)) {
		case SEC_UNKNOWN:
			return fail(L, name, NULL, "%s", _("unknown section"));
		case SEC_SECTOR:
			break;
		default:
			continue;
		}
		key = name + 6;
		key += strspn(key, " \t");
		len = strlen(key);
		if (!key_ok(key, len, &why))
			return fail(L, name, NULL, "%s", why);
		if (rules_sector_index(r, key) >= 0)
			return sector_twice(L, name, key);
		if (r->n_sectors == RULES_MAX_SECTORS)
			return fail(L, name, NULL, _("more than %d sectors"),
			            RULES_MAX_SECTORS);
		s = &r->sectors[r->n_sectors++];
		memcpy(s->key, key, len + 1);
	}
	return 0;
}

/* The section entry KEY belongs to: the longest section name followed by
 * ':' at its start.  NULL when the key stands before any section. */
static const char *section_of(const dictionary *d, const char *key, size_t *len)
{
	const char *best = NULL;
	size_t best_len = 0;

	for (ssize_t i = 0; i < d->size; i++) {
		const char *s = d->key[i];
		size_t n;

		if (!s || d->val[i])
			continue;
		n = strlen(s);
		if (n >= best_len && strncmp(key, s, n) == 0 && key[n] == ':') {
			best = s;
			best_len = n;
		}
	}
	*len = best_len;
	return best;
}

/* Every key: in a section, and one that section may hold. */
static int read_keys(struct loader *L)
{
	const dictionary *d = L->d;

	for (ssize_t i = 0; i < d->size; i++) {
		const char *entry = d->key[i], *section, *key;
		const char *const *known;
		enum section_kind kind;
		size_t len;
		bool found = false;

		if (!entry || !d->val[i])
			continue; /* empty slot or a section */
		section = section_of(d, entry, &len);
		if (!section) {
			key = entry + (entry[0] == ':');
			return fail(L, NULL, key, "%s",
			            _("key outside any [section]"));
		}
		key = entry + len + 1;
		kind = kind_of(section);
		known = section_keys[kind];
		for (size_t k = 0; known[k] && !found; k++)
			found = strcmp(key, known[k]) == 0;
		if (found)
			continue;
		if (kind == SEC_REGIONAL && strcmp(key, "require_link") == 0)
			return fail(L, section, key, "%s",
			            _("only municipal groups are linked to a "
			              "regional group"));
		return fail(L, section, key, "%s", _("unknown key"));
	}
	return 0;
}

static int read_bool(struct loader *L, const char *section, const char *key,
                     bool def, bool *out)
{
	char entry[64];
	const char *v;

	snprintf(entry, sizeof entry, "%s:%s", section, key);
	v = iniparser_getstring(L->d, entry, NULL);
	if (!v) {
		*out = def;
		return 0;
	}
	if (parse_bool(v, out) < 0)
		return fail(L, section, key, "%s",
		            _("expected yes or no (or true, false, 1, 0)"));
	return 0;
}

/* The sectors list of a level: known keys, each once. */
static int read_level_sectors(struct loader *L, const char *section,
                              struct rules_level *lv)
{
	char entry[64], tok[RULES_KEY_MAX + 1], shownbuf[64];
	const char *v, *p, *why;

	snprintf(entry, sizeof entry, "%s:sectors", section);
	v = iniparser_getstring(L->d, entry, NULL);
	if (!v)
		return fail(L, section, "sectors", "%s", _("missing"));
	p = v;
	for (;;) {
		size_t len;
		int idx;

		p += strspn(p, " \t,");
		if (!*p)
			break;
		len = strcspn(p, " \t,");
		if (!key_ok(p, len, &why)) {
			char *bad = strndup(p, len);
			if (!bad)
				return fail(L, section, "sectors", "%s",
				            strerror(ENOMEM));
			fail(L, section, "sectors", "\"%s\": %s",
			     shown(bad, shownbuf, sizeof shownbuf), why);
			free(bad);
			return -1;
		}
		memcpy(tok, p, len);
		tok[len] = '\0';
		p += len;
		idx = rules_sector_index(L->r, tok);
		if (idx < 0)
			return fail(L, section, "sectors",
			            _("\"%s\" has no [sector %s] section"), tok,
			            tok);
		for (size_t i = 0; i < lv->n_required; i++)
			if (lv->required[i] == idx)
				return fail(L, section, "sectors",
				            _("\"%s\" is listed twice"), tok);
		if (lv->n_required == RULES_MAX_SECTORS)
			return fail(L, section, "sectors",
			            _("more than %d sectors"),
			            RULES_MAX_SECTORS);
		lv->required[lv->n_required++] = idx;
	}
	if (lv->n_required == 0)
		return fail(L, section, "sectors", "%s",
		            _("no sectors listed"));
	return 0;
}

/* SECTION:KEY as a whole number from 0 to 100 into *OUT (DEF when the
 * key is absent). */
static int read_percent(struct loader *L, const char *section, const char *key,
                        int def, int *out)
{
	char entry[64];
	const char *v;
	size_t len;
	long n;

	snprintf(entry, sizeof entry, "%s:%s", section, key);
	*out = def;
	v = iniparser_getstring(L->d, entry, NULL);
	if (!v)
		return 0;
	len = strlen(v);
	n = len >= 1 && len <= 3 && strspn(v, "0123456789") == len
	        ? strtol(v, NULL, 10)
	        : -1;
	if (n < 0 || n > 100)
		return fail(L, section, key, "%s",
		            _("expected a whole number from 0 to 100"));
	*out = (int)n;
	return 0;
}

static int read_levels(struct loader *L)
{
	struct rules *r = L->r;

	for (int level = 0; level < 2; level++) {
		const char *section = section_names[level];
		struct rules_level *lv = &r->level[level];

		if (iniparser_find_entry(L->d, section) == 0)
			return fail(L, section, NULL, "%s",
			            _("section missing"));
		if (read_level_sectors(L, section, lv) < 0 ||
		    read_bool(L, section, "require_chair", false,
		              &lv->require_chair) < 0)
			return -1;
		if (level == 0 && read_bool(L, section, "require_link", false,
		                            &lv->require_link) < 0)
			return -1;
		if (read_percent(L, section, "gender_balance", 0,
		                 &lv->gender_balance) < 0)
			return -1;
		if (lv->gender_balance > 50)
			return fail(L, section, "gender_balance",
			            /* TRANSLATORS: %d is 50. */
			            _("more than %d %% each of women and men "
			              "cannot be"),
			            50);
	}
	return 0;
}

static int read_labels(struct loader *L)
{
	static const char *const langs[] = {"fi", "sv", "en"};
	struct rules *r = L->r;
	const char *section = NULL;
	char entry[128];

	for (size_t i = 0; i < r->n_sectors; i++) {
		struct rules_sector *s = &r->sectors[i];
		char **labels[3] = {&s->label_fi, &s->label_sv, &s->label_en};

		/* the section's name as written in the dictionary */
		for (ssize_t k = 0; k < L->d->size; k++) {
			const char *n = L->d->key[k];
			if (n && !L->d->val[k] && kind_of(n) == SEC_SECTOR &&
			    strcmp(n + 6 + strspn(n + 6, " \t"), s->key) == 0)
				section = n;
		}
		for (size_t l = 0; l < 3; l++) {
			const char *v;

			snprintf(entry, sizeof entry, "%s:%s", section,
			         langs[l]);
			v = iniparser_getstring(L->d, entry, NULL);
			if (!v)
				return fail(L, section, langs[l], "%s",
				            _("missing"));
			if (!*v)
				return fail(L, section, langs[l], "%s",
				            _("empty"));
			if (!utf8_valid(v, strlen(v)))
				return fail(L, section, langs[l], "%s",
				            _("not valid UTF-8"));
			*labels[l] = strdup(v);
			if (!*labels[l])
				return fail(L, section, langs[l], "%s",
				            strerror(ENOMEM));
		}
	}
	return 0;
}

static int read_other(struct loader *L)
{
	struct rules *r = L->r;
	const char *v;

	if (read_bool(L, "warnings", "ended_term", true, &r->warn_ended_term) <
	        0 ||
	    read_bool(L, "warnings", "vacant_seat", true,
	              &r->warn_vacant_seat) < 0 ||
	    read_bool(L, "agent", "require_regional_complete", true,
	              &r->agent_require_regional_complete) < 0)
		return -1;
	if (read_percent(L, "agent", "municipal_coverage", 100,
	                 &r->agent_municipal_coverage) < 0)
		return -1;
	r->agent_municipal_groups = AGENT_GROUPS_MEMBERS;
	v = iniparser_getstring(L->d, "agent:municipal_groups", NULL);
	if (v && strcmp(v, "complete") == 0)
		r->agent_municipal_groups = AGENT_GROUPS_COMPLETE;
	else if (v && strcmp(v, "members") != 0)
		return fail(L, "agent", "municipal_groups", "%s",
		            _("expected members or complete"));
	return 0;
}

/* ---- the interface ------------------------------------------------------ */

int rules_load(const char *path, struct rules **out, char *err, size_t errlen)
{
	struct loader L = {path, err, errlen, NULL, NULL, {NULL, 0}};

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	L.r = calloc(1, sizeof *L.r);
	if (!L.r || !(L.r->path = strdup(path))) {
		fail(&L, NULL, NULL, "%s", strerror(ENOMEM));
		goto fail;
	}
	L.d = load_ini(&L);
	if (!L.d)
		goto fail;
	if (read_sections(&L) < 0 || read_keys(&L) < 0 || read_levels(&L) < 0 ||
	    read_labels(&L) < 0 || read_other(&L) < 0)
		goto fail;
	iniparser_freedict(L.d);
	ini_scan_free(&L.scan);
	*out = L.r;
	return 0;
fail:
	if (L.d)
		iniparser_freedict(L.d);
	ini_scan_free(&L.scan);
	rules_free(L.r);
	return -1;
}

void rules_free(struct rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_sectors; i++) {
		free(r->sectors[i].label_fi);
		free(r->sectors[i].label_sv);
		free(r->sectors[i].label_en);
	}
	free(r->path);
	free(r);
}

int rules_sector_index(const struct rules *r, const char *key)
{
	if (!r || !key)
		return -1;
	/* the first byte first: a check asks this for every seat */
	for (size_t i = 0; i < r->n_sectors; i++)
		if (r->sectors[i].key[0] == key[0] &&
		    strcmp(r->sectors[i].key, key) == 0)
			return (int)i;
	return -1;
}

const char *rules_sector_label(const struct rules *r, const char *key)
{
	const struct rules_sector *s;
	const char *lang = i18n_lang();
	int i = rules_sector_index(r, key);

	if (i < 0)
		return key;
	s = &r->sectors[i];
	if (strcmp(lang, "sv") == 0)
		return s->label_sv;
	if (strcmp(lang, "en") == 0)
		return s->label_en;
	return s->label_fi;
}

/* Whether A has the key of the LEN bytes at B (utf8_key(), the key of
 * every search). */
/* Whether A folds to the KB (NB bytes) that utf8_key() made. */
static bool key_equal(const char *a, const char *kb, size_t nb)
{
	size_t na;
	char *ka = a ? utf8_key(a, strlen(a), &na) : NULL;
	bool same = ka && na == nb && memcmp(ka, kb, na) == 0;

	free(ka);
	return same;
}

/* The sector whose key (first: a key always finds its own sector, even
 * where another's label reads the same) or label is KB. */
static int sector_of(const struct rules *r, const char *kb, size_t nb)
{
	for (size_t i = 0; i < r->n_sectors; i++)
		if (key_equal(r->sectors[i].key, kb, nb))
			return (int)i;
	for (size_t i = 0; i < r->n_sectors; i++) {
		const struct rules_sector *s = &r->sectors[i];

		if (key_equal(s->label_fi, kb, nb) ||
		    key_equal(s->label_sv, kb, nb) ||
		    key_equal(s->label_en, kb, nb))
			return (int)i;
	}
	return -1;
}

int rules_sector_find(const struct rules *r, const char *ref)
{
	size_t len, nb;
	char *kb;
	int i;

	if (!r || !ref)
		return -1;
	ref += strspn(ref, " \t");
	len = strlen(ref);
	while (len > 0 && (ref[len - 1] == ' ' || ref[len - 1] == '\t'))
		len--;
	if (len == 0 || !(kb = utf8_key(ref, len, &nb)))
		return -1;
	i = sector_of(r, kb, nb);
	free(kb);
	return i;
}
