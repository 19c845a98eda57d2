/* i18n.h -- gettext macros and the user's language.
 *
 * Every user-visible string goes through _(); N_() marks strings kept in
 * tables and translated where they are shown.  The language ("fi", "sv" or
 * "en") also picks which name of a region or sector the data shows. */
#ifndef LAPE_I18N_H
#define LAPE_I18N_H

#include <config.h>

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((const char *)(s))
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) (s)

/* Set up the locale, the message catalogue and the language.  LANG may be
 * NULL (then the environment decides) or "fi", "sv", "en".  Falls back to
 * C.UTF-8 when the environment names no usable locale, so that UTF-8 text
 * and wcwidth() work on bare machines.  Returns 0, or -1 when LANG is not
 * one of the three. */
int i18n_init(const char *lang);

/* The language in use: "fi", "sv" or "en".  Never NULL. */
const char *i18n_lang(void);

/* Pick the Finnish or Swedish one of a pair of names by the language in use
 * (English shows the Finnish name, as Finland's English documents do). */
const char *i18n_pick(const char *name_fi, const char *name_sv);

#endif
