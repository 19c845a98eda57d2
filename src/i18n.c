/* i18n.c -- locale, message catalogue and the language of the data.
 *
 * Servers often have no locale but C.UTF-8, and users still expect Finnish
 * or Swedish: the language is chosen here (option, configuration, or the
 * environment) and handed to gettext through LANGUAGE, which gettext
 * honours in any locale but plain "C" -- hence the C.UTF-8 fallback. */

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

#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lape/path.h"
#include "lape/i18n.h"

static char current[3] = "en";

/* "fi", "sv" or "en" when VALUE (a locale name such as fi_FI.UTF-8)
 * names one of them; NULL when it says nothing (unset, empty, C, POSIX). */
static const char *lang_of(const char *value, size_t len)
{
	if (len == 0 || (len == 1 && value[0] == 'C') ||
	    (len >= 2 && strncmp(value, "C.", 2) == 0) ||
	    (len == 5 && strncmp(value, "POSIX", 5) == 0))
		return NULL;
	if (len >= 2 && strncmp(value, "fi", 2) == 0 &&
	    (len == 2 || strchr("_.@", value[2]) != NULL))
		return "fi";
	if (len >= 2 && strncmp(value, "sv", 2) == 0 &&
	    (len == 2 || strchr("_.@", value[2]) != NULL))
		return "sv";
	if (len >= 2 && strncmp(value, "en", 2) == 0 &&
	    (len == 2 || strchr("_.@", value[2]) != NULL))
		return "en";
	return "";
}

/* The first of fi, sv and en that LANGUAGE (a list such as "de:sv", read
 * as gettext does) names, or NULL.  Other languages are skipped: lape
 * has no catalogue for them. */
static const char *lang_of_list(const char *list)
{
	const char *p = list, *l;
	size_t n;

	for (; p != NULL && *p != '\0'; p += n + (p[n] == ':')) {
		n = strcspn(p, ":");
		if ((l = lang_of(p, n)) != NULL && *l != '\0')
			return l;
	}
	return NULL;
}

/* LANGUAGE first (any language of its list lape has), then the locale
 * variables in the order of POSIX; a locale of another language means
 * English. */
static const char *lang_from_environment(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v, *l;

	if ((l = lang_of_list(getenv("LANGUAGE"))) != NULL)
		return l;
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v != NULL && (l = lang_of(v, strlen(v))) != NULL)
			return *l != '\0' ? l : "en";
	}
	return "en";
}

static void bind_catalogue(void)
{
#if ENABLE_NLS
	const char *dir = getenv("LAPE_LOCALEDIR");
	char *rel = NULL;

	/* An uninstalled build keeps its catalogues in BUILDDIR/locale. */
	if (dir == NULL || *dir == '\0')
		dir = rel = path_exe_relative("../locale");
	if (dir == NULL)
		dir = LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE); /* also drops cached translations */
	free(rel);
#endif
}

/* Whether the environment names a locale for character handling. */
static bool locale_asked(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_CTYPE", "LANG"};
	const char *v;

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return true;
	return false;
}

/* Take the user's locale.  When it is not installed (fi_FI.UTF-8 asked
 * over SSH of a server that has only C.UTF-8) or none is set at all, use
 * C.UTF-8; an explicit C or POSIX means an ASCII terminal and is kept. */
static void set_locale(void)
{
	const char *got = setlocale(LC_ALL, "");

	if (got == NULL || (!locale_asked() && (strcmp(got, "C") == 0 ||
	                                        strcmp(got, "POSIX") == 0)))
		setlocale(LC_ALL, "C.UTF-8");
}

/* ---- translations remembered ------------------------------------------ */

/* gettext() costs some 1,500 instructions a call (it reads the
 * environment each time), and a check of every group asks it for the
 * same few words thousands of times.  The translations asked are kept
 * here by their text until the language changes.  Only the key is ours:
 * what is returned is gettext()'s own string, or the caller's MSGID where
 * there is no translation, so it lives as long as it would have. */
#define MEMO_SLOTS 512

#if ENABLE_NLS
static struct memo {
	char *msgid;
	const char *text; /* NULL: no translation, the caller's msgid */
} memo[MEMO_SLOTS];

static void memo_clear(void)
{
	for (size_t i = 0; i < MEMO_SLOTS; i++) {
		free(memo[i].msgid);
		memo[i].msgid = NULL;
	}
}

const char *i18n_gettext(const char *msgid)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	struct memo *m;
	const char *t;

	for (const unsigned char *p = (const unsigned char *)msgid; *p; p++)
		h = (h ^ *p) * 16777619u;
	m = &memo[h % MEMO_SLOTS];
	if (m->msgid && strcmp(m->msgid, msgid) == 0)
		return m->text ? m->text : msgid;
	t = gettext(msgid);
	free(m->msgid);
	m->msgid = strdup(msgid);
	m->text = t == msgid ? NULL : t;
	return t;
}
#else
static void memo_clear(void)
{
}
#endif

int i18n_init(const char *lang)
{
	static bool locale_set;
	const char *l;

	if (lang != NULL && strcmp(lang, "fi") != 0 &&
	    strcmp(lang, "sv") != 0 && strcmp(lang, "en") != 0)
		return -1;
	if (!locale_set) {
		set_locale();
		locale_set = true;
	}
	l = lang != NULL ? lang : lang_from_environment();
	memcpy(current, l, 3);
	setenv("LANGUAGE", current, 1);
	bind_catalogue();
	memo_clear();
	return 0;
}

const char *i18n_pgettext(const char *ctx, const char *msgid)
{
#if ENABLE_NLS
	char key[256];
	const char *t;

	/* gettext's own form of a context: "CTX\004MSGID" */
	if (snprintf(key, sizeof key, "%s\004%s", ctx, msgid) >=
	    (int)sizeof key)
		return msgid;
	t = gettext(key);
	return t == key ? msgid : t;
#else
	(void)ctx;
	return msgid;
#endif
}

const char *i18n_lang(void)
{
	return current;
}

const char *i18n_pick(const char *name_fi, const char *name_sv)
{
	if (strcmp(current, "sv") == 0 && name_sv != NULL && *name_sv != '\0')
		return name_sv;
	return name_fi != NULL ? name_fi : "";
}
