/* test-cmd.c -- the command line's driver: parsing a command's options
 * from its cmd_entry (repeated, abbreviated, missing, unknown, global
 * options among them), parts of a command, the number of arguments, the
 * values picked by key or by label in three languages, and the width of
 * text. */

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

#include <setjmp.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lape/cmd.h"
#include "lape/i18n.h"
#include "lape/output.h"

/* Parse the command line LINE (words separated by spaces) into *A. */
static int parse(const char *line, struct cmd_args *a, const char **db,
                 const char **lang)
{
	static char buf[512];
	static char *argv[32];
	const struct cmd_entry *e;
	struct cmd_globals g = {0};
	int argc = 0, rc, saved, nul;

	snprintf(buf, sizeof buf, "%s", line);
	for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	e = cmd_find(argv[0]);
	assert_non_null(e);
	/* the messages of the refusals go to stderr: out of the TAP, but only
	 * while the command is parsed, so that what the sanitizers report (a
	 * leak at exit) is still seen */
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	nul = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && nul >= 0);
	dup2(nul, STDERR_FILENO);
	close(nul);
	rc = cmd_parse(e, argc, argv, a, &g);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	*db = g.db;
	*lang = g.lang;
	return rc;
}

static void test_options(void **state)
{
	struct cmd_args a;
	const char *db = NULL, *lang = NULL;

	(void)state;
	assert_int_equal(parse("check --region 01 kirkko --all --db x.db "
	                       "--format=json vantaa",
	                       &a, &db, &lang),
	                 0);
	assert_string_equal(cmd_arg(&a, 'r'), "01");
	assert_true(cmd_has(&a, 'a'));
	assert_false(cmd_has(&a, 'z'));
	assert_string_equal(cmd_arg(&a, 'f'), "json");
	assert_string_equal(db, "x.db");
	/* the arguments, whatever stood between them */
	assert_int_equal(a.argc, 2);
	assert_string_equal(a.argv[0], "kirkko");
	assert_string_equal(a.argv[1], "vantaa");
	cmd_args_clear(&a);

	/* an unambiguous abbreviation; "--" ends the options */
	assert_int_equal(parse("check --reg 02 -- --all", &a, &db, &lang), 0);
	assert_string_equal(cmd_arg(&a, 'r'), "02");
	assert_false(cmd_has(&a, 'a'));
	assert_int_equal(a.argc, 1);
	assert_string_equal(a.argv[0], "--all");
	cmd_args_clear(&a);

	assert_int_equal(parse("list people --lang sv -h", &a, &db, &lang), 0);
	assert_true(a.help);
	assert_string_equal(lang, "sv");
	cmd_args_clear(&a);
}

static void test_refusals(void **state)
{
	struct cmd_args a;
	const char *db = NULL, *lang = NULL;

	(void)state;
	assert_int_equal(parse("check --frobnicate", &a, &db, &lang),
	                 EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	assert_int_equal(parse("check --region", &a, &db, &lang),
	                 EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	/* an option that is not repeated, given twice */
	assert_int_equal(parse("check --region 01 --region 02", &a, &db, &lang),
	                 EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	/* arguments: too few, too many */
	assert_int_equal(parse("show", &a, &db, &lang), EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	assert_int_equal(parse("show a b", &a, &db, &lang), EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	assert_int_equal(parse("list", &a, &db, &lang), EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	/* an option of another command */
	assert_int_equal(parse("show 1 --all", &a, &db, &lang),
	                 EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
}

static void test_parts(void **state)
{
	struct cmd_args a;
	const char *db = NULL, *lang = NULL;
	char name[64];

	(void)state;
	assert_int_equal(parse("add member vantaa salo --sector youth "
	                       "--sector education --role chair",
	                       &a, &db, &lang),
	                 0);
	assert_non_null(a.parent);
	assert_string_equal(a.parent->name, "add");
	assert_string_equal(a.entry->name, "member");
	assert_string_equal(cmd_name(&a, name, sizeof name), "lape add member");
	assert_int_equal(a.argc, 2);
	/* a repeated option keeps every value, in order */
	assert_int_equal(a.n_values, 3);
	assert_string_equal(a.values[0].value, "youth");
	assert_string_equal(a.values[1].value, "education");
	assert_int_equal(a.values[0].key, a.values[1].key);
	cmd_args_clear(&a);

	assert_int_equal(parse("add --help", &a, &db, &lang), 0);
	assert_true(a.help);
	assert_string_equal(a.entry->name, "add");
	cmd_args_clear(&a);

	assert_int_equal(parse("add", &a, &db, &lang), EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	assert_int_equal(parse("add frog", &a, &db, &lang), EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	/* add member needs the group and the person */
	assert_int_equal(parse("add member vantaa --sector x", &a, &db, &lang),
	                 EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
	/* --existing-body is a flag: it takes no value */
	assert_int_equal(parse("add group --existing-body=yes", &a, &db, &lang),
	                 EXIT_FAILURE_LAPE);
	cmd_args_clear(&a);
}

/* Every option of every command has its help line, and a value has its
 * metavariable. */
static void test_table(void **state)
{
	(void)state;
	for (size_t i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *e = cmd_table[i];
		const struct cmd_entry *one[] = {e, NULL};
		const struct cmd_entry *const *subs = e->subs ? e->subs : one;

		assert_non_null(e->summary);
		for (size_t s = 0; subs[s]; s++) {
			const struct cmd_entry *x = subs[s];

			assert_non_null(x->summary);
			assert_non_null(x->exec);
			for (size_t k = 0; x->options && x->options[k].name;
			     k++) {
				assert_non_null(x->options[k].help);
				assert_true(x->options[k].help[0] != '\0');
			}
		}
	}
}

static void test_pick(void **state)
{
	(void)state;
	assert_int_equal(i18n_init("en"), 0);
	assert_int_equal(cmd_pick_level("municipal"), LEVEL_MUNICIPAL);
	assert_int_equal(cmd_pick_level("Regional"), LEVEL_REGIONAL);
	/* labels of the other languages, in any case */
	assert_int_equal(cmd_pick_level("maakunta"), LEVEL_REGIONAL);
	assert_int_equal(cmd_pick_level("KOMMUN"), LEVEL_MUNICIPAL);
	assert_int_equal(cmd_pick_role("ORDFÖRANDE"), ROLE_CHAIR);
	assert_int_equal(cmd_pick_role("varapuheenjohtaja"), ROLE_VICE_CHAIR);
	assert_int_equal(cmd_pick_role("vice_chair"), ROLE_VICE_CHAIR);
	assert_int_equal(cmd_pick_role("vice-chair"), ROLE_VICE_CHAIR);
	assert_int_equal(cmd_pick_role("sekreterare"), ROLE_SECRETARY);
	assert_int_equal(cmd_pick_group_status("upplöst"), STATUS_DISSOLVED);
	assert_int_equal(cmd_pick_agent_status("päättynyt"), AGENT_ENDED);
	assert_int_equal(cmd_pick_role("boss"), -1);
	assert_int_equal(cmd_pick_level(""), -1);
	/* the language in use is left as it was */
	assert_string_equal(i18n_lang(), "en");
	assert_int_equal(i18n_init("sv"), 0);
	assert_int_equal(cmd_pick_role("puheenjohtaja"), ROLE_CHAIR);
	assert_string_equal(i18n_lang(), "sv");
	assert_string_equal(role_label(ROLE_CHAIR), "ordförande");
	i18n_init("en");
}

static void test_width(void **state)
{
	(void)state;
	/* stdout of a test is no terminal: no limit, nothing cut */
	if (!isatty(STDOUT_FILENO)) {
		setenv("COLUMNS", "40", 1);
		assert_int_equal(cmd_width(), 0);
		unsetenv("COLUMNS");
	}
}

static void test_join(void **state)
{
	char *list[] = {"a", "bc", "d"};
	char *s;

	(void)state;
	s = cmd_join(list, 3, ", ");
	assert_string_equal(s, "a, bc, d");
	free(s);
	s = cmd_join(list, 0, ", ");
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_options),  cmocka_unit_test(test_parts),
	    cmocka_unit_test(test_table),    cmocka_unit_test(test_pick),
	    cmocka_unit_test(test_width),    cmocka_unit_test(test_join),
	    cmocka_unit_test(test_refusals),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
