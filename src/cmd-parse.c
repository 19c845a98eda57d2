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
/* cmd-parse.c -- values of the command line's options as the user may
 * write them: a level, a role or a status by its key or by its label in
 * Finnish, Swedish or English, whatever the language in use, without
 * regard to case or accents (utf8_key(): "ORDFÖRANDE", "ordforande"). */

#include <stdlib.h>
#include <string.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/utf8.h"

/* S folded to lower case with '_' and ' ' as '-', for comparing.
 * Caller frees. */
static char *pick_norm(const char *s)
{
	char *f = utf8_key(s, strlen(s), NULL), *p;

	if (!f)
		return NULL;
	for (p = f; *p; p++)
		if (*p == '_' || *p == ' ')
			*p = '-';
	return f;
}

static bool pick_same(const char *norm, const char *s)
{
	char *t = s ? pick_norm(s) : NULL;
	bool same = t && strcmp(norm, t) == 0;

	free(t);
	return same;
}

int cmd_pick(const char *input, int n, const char *(*key)(int),
             const char *(*label)(int))
{
	static const char *const langs[] = {"en", "fi", "sv"};
	char saved[3];
	char *norm;
	int found = -1;

	if (!input || !(norm = pick_norm(input)))
		return -1;
	for (int i = 0; i < n && found < 0; i++)
		if (pick_same(norm, key(i)) || pick_same(norm, label(i)))
			found = i;
	if (found < 0) {
		/* the labels of the other languages: switch and back */
		memcpy(saved, i18n_lang(), sizeof(saved));
		for (size_t l = 0; l < 3 && found < 0; l++) {
			if (strcmp(langs[l], saved) == 0)
				continue;
			i18n_init(langs[l]);
			for (int i = 0; i < n && found < 0; i++)
				if (pick_same(norm, label(i)))
					found = i;
		}
		i18n_init(saved);
	}
	free(norm);
	return found;
}

/* ---- the lists ---------------------------------------------------------- */

/* pick_NAME_key(i) and pick_NAME_label(i): the key and the label of the value I
 * of enum TYPE, as cmd_pick() asks for them. */
#define PICK_LIST(name, type, key, label)                                      \
	static const char *pick_##name##_key(int i)                            \
	{                                                                      \
		return key((type)i);                                           \
	}                                                                      \
	static const char *pick_##name##_label(int i)                          \
	{                                                                      \
		return label((type)i);                                         \
	}

PICK_LIST(level, enum group_level, group_level_key, group_level_label)
PICK_LIST(gstatus, enum group_status, group_status_key, group_status_label)
PICK_LIST(role, enum member_role, role_key, role_label)
PICK_LIST(astatus, enum agent_status, agent_status_key, agent_status_label)

int cmd_pick_level(const char *s)
{
	return cmd_pick(s, 2, pick_level_key, pick_level_label);
}

int cmd_pick_group_status(const char *s)
{
	return cmd_pick(s, 2, pick_gstatus_key, pick_gstatus_label);
}

int cmd_pick_role(const char *s)
{
	return cmd_pick(s, 4, pick_role_key, pick_role_label);
}

int cmd_pick_agent_status(const char *s)
{
	return cmd_pick(s, 3, pick_astatus_key, pick_astatus_label);
}
