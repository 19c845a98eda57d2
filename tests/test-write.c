/* test-write.c -- the write paths of the command line run in-process on a
 * :memory: file: each goes through the store's save or delete (one
 * transaction), a refusal leaves nothing written, --if-version refuses a
 * stale edit, and the lookups of seats and agents the commands use. */

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
#include "lape/store.h"

static struct lape_ctx ctx;

static int setup(void **state)
{
	char err[512];

	(void)state;
	memset(&ctx, 0, sizeof ctx);
	ctx.cfg.share_dir = strdup(SHARE_SRCDIR);
	snprintf(ctx.today, sizeof ctx.today, "2017-06-01");
	if (db_open(":memory:", 0, &ctx.db, err, sizeof err) != LAPE_OK)
		return -1;
	if (refdata_load(ctx.db, SHARE_SRCDIR, 2016) != LAPE_OK)
		return -1;
	return ctx_load_rules(&ctx);
}

static int teardown(void **state)
{
	(void)state;
	ctx_clear(&ctx);
	return 0;
}

/* The commands' messages are not TAP: stderr goes to /dev/null while a
 * command runs, and only then, so that what the sanitizers report (a leak
 * at exit) is still seen. */
static int quiet_begin(void)
{
	int saved, nul;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	nul = open("/dev/null", O_WRONLY);
	assert_true(saved >= 0 && nul >= 0);
	dup2(nul, STDERR_FILENO);
	close(nul);
	return saved;
}

static void quiet_end(int saved)
{
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
}

/* Run the command LINE (words separated by '|', so that values may hold
 * spaces) on the file: its exit status. */
static int run(const char *line)
{
	static char buf[2048];
	char *argv[48];
	struct cmd_globals g = {0};
	struct cmd_args a;
	int argc = 0, status, saved;

	snprintf(buf, sizeof buf, "%s", line);
	for (char *w = strtok(buf, "|"); w && argc < 47; w = strtok(NULL, "|"))
		argv[argc++] = w;
	argv[argc] = NULL;
	saved = quiet_begin();
	status = cmd_parse(cmd_find(argv[0]), argc, argv, &a, &g);
	if (status == 0)
		status = cmd_run(&ctx, &a);
	cmd_args_clear(&a);
	fflush(stdout);
	quiet_end(saved);
	return status;
}

static size_t n_groups(void)
{
	struct group_filter f = GROUP_FILTER_ALL;
	size_t n = 0;

	assert_int_equal(group_count(ctx.db, &f, &n), LAPE_OK);
	return n;
}

static void test_add_edit(void **state)
{
	struct group g;
	int64_t id;

	(void)state;
	assert_int_equal(run("add|group|--level|kunta|--name|Vantaan "
	                     "LAPE-ryhmä|--municipality|Vanda|--start|1.11."
	                     "2016"),
	                 EXIT_OK);
	assert_int_equal(group_find(ctx.db, "Vantaan LAPE-ryhmä", &id),
	                 LAPE_OK);
	memset(&g, 0, sizeof g);
	assert_int_equal(group_get(ctx.db, id, &g), LAPE_OK);
	assert_int_equal(g.level, LEVEL_MUNICIPAL);
	assert_int_equal(g.n_municipalities, 1);
	assert_string_equal(g.municipalities[0], "092");
	assert_string_equal(g.start_date, "2016-11-01");
	assert_int_equal(g.version, 1);
	group_clear(&g);

	/* refused by the store's validation: nothing written */
	assert_int_equal(run("add|group|--level|municipal|--name|X"),
	                 EXIT_REFUSED);
	assert_string_equal(db_errfield(ctx.db), "municipalities");
	assert_int_equal(n_groups(), 1);

	/* edit: the fields given, a new version */
	assert_int_equal(run("edit|group|1|--notes|n|--end|2016-01-01"),
	                 EXIT_REFUSED);
	assert_string_equal(db_errfield(ctx.db), "end_date");
	assert_int_equal(run("edit|group|1|--notes|n|--if-version|1"), EXIT_OK);
	memset(&g, 0, sizeof g);
	assert_int_equal(group_get(ctx.db, 1, &g), LAPE_OK);
	assert_string_equal(g.notes, "n");
	assert_int_equal(g.version, 2);
	group_clear(&g);

	/* a stale version: refused, nothing written */
	assert_int_equal(run("edit|group|1|--notes|m|--if-version|1"),
	                 EXIT_REFUSED);
	memset(&g, 0, sizeof g);
	assert_int_equal(group_get(ctx.db, 1, &g), LAPE_OK);
	assert_string_equal(g.notes, "n");
	assert_int_equal(g.version, 2);
	group_clear(&g);
}

static void test_seats(void **state)
{
	struct person p = {0};
	struct membership m;
	int64_t id;

	(void)state;
	p.surname = strdup("Salo");
	p.given_names = strdup("Anna");
	assert_int_equal(person_save(ctx.db, &p), LAPE_OK);
	assert_int_equal(person_deletable(ctx.db, p.id), LAPE_OK);
	assert_int_equal(
	    run("add|member|1|Anna Salo|--sector|youth|--role|ordförande"),
	    EXIT_OK);
	assert_int_equal(membership_find_seat(ctx.db, 1, p.id, ctx.today, &id),
	                 LAPE_OK);
	memset(&m, 0, sizeof m);
	assert_int_equal(membership_get(ctx.db, id, &m), LAPE_OK);
	assert_int_equal(m.role, ROLE_CHAIR);
	assert_string_equal(m.sectors[0], "youth");
	membership_clear(&m);
	assert_int_equal(membership_find(ctx.db, "1", &id), LAPE_OK);
	assert_int_equal(membership_find(ctx.db, "Anna Salo", &id),
	                 LAPE_NOTFOUND);

	/* a person in a group cannot be removed, and says so first */
	assert_int_equal(person_deletable(ctx.db, p.id), LAPE_INVALID);
	assert_string_equal(db_errfield(ctx.db), "person");
	assert_int_equal(run("remove|person|Anna Salo|--yes"), EXIT_REFUSED);
	id = p.id;
	person_clear(&p);
	assert_int_equal(person_get(ctx.db, id, &p), LAPE_OK);

	/* two current seats: GROUP PERSON is ambiguous */
	assert_int_equal(run("add|member|1|Anna Salo|--sector|parishes"),
	                 EXIT_OK);
	assert_int_equal(membership_find_seat(ctx.db, 1, p.id, ctx.today, &id),
	                 LAPE_AMBIGUOUS);
	assert_int_equal(run("end|member|1|Anna Salo"), EXIT_FAILURE_LAPE);
	/* one ended: the other is the current one */
	assert_int_equal(run("end|member|2|--date|2017-01-31"), EXIT_OK);
	assert_int_equal(membership_find_seat(ctx.db, 1, p.id, ctx.today, &id),
	                 LAPE_OK);
	assert_int_equal(id, 1);
	assert_int_equal(run("remove|member|1|Anna Salo|--yes"), EXIT_OK);
	assert_int_equal(membership_get(ctx.db, 1, &m), LAPE_NOTFOUND);
	person_clear(&p);
}

static void test_agents(void **state)
{
	struct agent a;
	int64_t id;

	(void)state;
	assert_int_equal(run("add|agent|Nyland|Anna Salo|--funding-share|101"),
	                 EXIT_REFUSED);
	assert_string_equal(db_errfield(ctx.db), "funding_share");
	assert_int_equal(agent_find(ctx.db, "1", &id), LAPE_NOTFOUND);
	assert_int_equal(run("add|agent|Nyland|Anna Salo|--status|aktiv"),
	                 EXIT_OK);
	assert_int_equal(agent_find(ctx.db, "1", &id), LAPE_OK);
	assert_int_equal(agent_find_person(ctx.db, 1, &id), LAPE_OK);
	/* the second current agent of the region: refused */
	assert_int_equal(run("add|agent|01|Anna Salo"), EXIT_REFUSED);
	assert_string_equal(db_errfield(ctx.db), "region");
	/* ended by its region */
	assert_int_equal(run("end|agent|Uusimaa"), EXIT_OK);
	memset(&a, 0, sizeof a);
	assert_int_equal(agent_get(ctx.db, id, &a), LAPE_OK);
	assert_int_equal(a.status, AGENT_ENDED);
	assert_string_equal(a.end_date, "2017-06-01");
	agent_clear(&a);
	assert_int_equal(run("remove|agent|1|--yes"), EXIT_OK);
	assert_int_equal(agent_find_person(ctx.db, 1, &id), LAPE_NOTFOUND);
	/* the ended seat still holds the person */
	assert_int_equal(run("remove|person|Anna Salo|--yes"), EXIT_REFUSED);
	assert_int_equal(run("remove|member|2|--yes"), EXIT_OK);
	/* nobody references the person now */
	assert_int_equal(run("remove|person|Anna Salo|--yes"), EXIT_OK);
	assert_int_equal(person_find(ctx.db, "Anna Salo", &id), LAPE_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_edit),
	    cmocka_unit_test(test_seats),
	    cmocka_unit_test(test_agents),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, setup, teardown);
}
