/* test-record.c -- the record descriptors: kinds and fields by key, one
 * limit per field (the store's), typed text parsed field by field with
 * the store's messages, and validation naming the field at fault. */

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

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lape/db.h"
#include "lape/i18n.h"
#include "lape/record.h"
#include "lape/store.h"

static void test_kinds_and_keys(void **state)
{
	const struct record_kind *p = record_kind("person");
	const struct record_field *f;

	(void)state;
	assert_non_null(p);
	assert_ptr_equal(record_kind("member"), record_kind("membership"));
	assert_null(record_kind("nothing"));
	/* by the option's key, the store's name or the column */
	f = record_field(p, "given-names");
	assert_non_null(f);
	assert_ptr_equal(record_field(p, "given_names"), f);
	assert_string_equal(f->label, "Given names");
	assert_null(record_field(p, "name"));
	/* every option key the command line takes is a field */
	{
		static const char *const keys[][2] = {
		    {"group", "name"},          {"group", "level"},
		    {"group", "municipality"},  {"group", "region"},
		    {"group", "mandate-body"},  {"group", "mandate-date"},
		    {"group", "existing-body"}, {"group", "start"},
		    {"group", "notes"},         {"person", "surname"},
		    {"person", "given-names"},  {"person", "organisation"},
		    {"person", "email"},        {"person", "phone"},
		    {"person", "gender"},       {"person", "notes"},
		    {"member", "sector"},       {"member", "role"},
		    {"member", "organisation"}, {"member", "deputy-of"},
		    {"member", "start"},        {"member", "end"},
		    {"agent", "employer"},      {"agent", "start"},
		    {"agent", "end"},           {"agent", "funding-share"},
		    {"agent", "status"},
		};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			assert_non_null(
			    record_field(record_kind(keys[i][0]), keys[i][1]));
	}
}

static void test_limits(void **state)
{
	(void)state;
	assert_int_equal(store_text_max("person", "surname"), DB_TEXT_SHORT);
	assert_int_equal(store_text_max("person", "notes"), DB_TEXT_LONG);
	assert_int_equal(store_text_max("group", "mandate_body"),
	                 DB_TEXT_SHORT);
	assert_int_equal(store_text_max("membership", "organisation"),
	                 DB_TEXT_SHORT);
	assert_int_equal(store_text_max("agent", "employer"), DB_TEXT_SHORT);
	assert_int_equal(store_text_max("agent", "funding_share"), 0);
	assert_int_equal(store_text_max("person", "nothing"), 0);
	assert_int_equal(
	    field_limit(record_field(record_kind("group"), "notes")),
	    DB_TEXT_LONG);
}

/* Parse TEXT for KIND's KEY: the status, the message in *ERR. */
static int parse(const char *kind, const char *key, const char *text,
                 struct field_value *v, const char **err)
{
	const struct record_field *f = record_field(record_kind(kind), key);

	assert_non_null(f);
	return field_parse(f, text, v, err);
}

static void test_parse(void **state)
{
	struct field_value v;
	const char *err;
	char *big;

	(void)state;
	assert_int_equal(
	    parse("person", "surname", "  Ahlstro\xcc\x88m ", &v, &err),
	    LAPE_OK);
	assert_string_equal(v.text, "Ahlstr\xc3\xb6m");
	field_value_clear(&v);
	assert_int_equal(parse("person", "surname", "  ", &v, &err),
	                 LAPE_INVALID);
	assert_non_null(err);
	big = malloc(DB_TEXT_SHORT + 2);
	assert_non_null(big);
	memset(big, 'a', DB_TEXT_SHORT + 1);
	big[DB_TEXT_SHORT + 1] = '\0';
	assert_int_equal(parse("person", "phone", big, &v, &err), LAPE_INVALID);
	assert_non_null(strstr(err, "too long"));
	big[DB_TEXT_SHORT] = '\0';
	assert_int_equal(parse("person", "phone", big, &v, &err), LAPE_OK);
	field_value_clear(&v);
	free(big);
	assert_int_equal(parse("person", "email", "a at b", &v, &err),
	                 LAPE_INVALID);
	assert_non_null(strstr(err, "e-mail"));
	assert_int_equal(parse("member", "start", "1.10.2016", &v, &err),
	                 LAPE_OK);
	assert_string_equal(v.text, "2016-10-01");
	field_value_clear(&v);
	/* shorter typed than in ISO form: the text is not overrun (ASan) */
	assert_int_equal(parse("member", "start", " 1.1.2016 ", &v, &err),
	                 LAPE_OK);
	assert_string_equal(v.text, "2016-01-01");
	field_value_clear(&v);
	assert_int_equal(parse("member", "start", "31.2.2016", &v, &err),
	                 LAPE_INVALID);
	assert_int_equal(parse("member", "end", "", &v, &err), LAPE_OK);
	assert_null(v.text);
	assert_int_equal(parse("agent", "funding-share", "80 %", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, 80);
	field_value_clear(&v);
	assert_int_equal(parse("agent", "funding-share", "101", &v, &err),
	                 LAPE_INVALID);
	assert_int_equal(parse("agent", "funding-share", "x", &v, &err),
	                 LAPE_INVALID);
	assert_int_equal(parse("group", "existing-body", "KYLLÄ", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, 1);
	field_value_clear(&v);
	assert_int_equal(parse("group", "existing-body", "nej", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, 0);
	field_value_clear(&v);
	/* choices by key or label in any language */
	assert_int_equal(parse("group", "level", "landskap", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, LEVEL_REGIONAL);
	field_value_clear(&v);
	assert_int_equal(parse("group", "level", "Kunta", &v, &err), LAPE_OK);
	assert_int_equal(v.num, LEVEL_MUNICIPAL);
	field_value_clear(&v);
	assert_int_equal(parse("member", "role", "ORDFÖRANDE", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, ROLE_CHAIR);
	field_value_clear(&v);
	assert_int_equal(parse("person", "gender", "nainen", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, GENDER_WOMAN);
	field_value_clear(&v);
	assert_int_equal(parse("agent", "status", "avslutad", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, AGENT_ENDED);
	field_value_clear(&v);
	assert_int_equal(parse("member", "role", "kuningas", &v, &err),
	                 LAPE_INVALID);
	assert_non_null(err);
	assert_int_equal(parse("group", "status", "lakkautettu", &v, &err),
	                 LAPE_OK);
	assert_int_equal(v.num, STATUS_DISSOLVED);
	field_value_clear(&v);
}

static void test_validate(void **state)
{
	struct person p = {0};
	const char *field, *msg;

	(void)state;
	assert_int_equal(
	    record_validate(record_kind("person"), &p, &field, &msg),
	    LAPE_INVALID);
	assert_string_equal(field, "surname");
	p.surname = (char *)"Virtanen";
	p.email = (char *)"bad";
	assert_int_equal(
	    record_validate(record_kind("person"), &p, &field, &msg),
	    LAPE_INVALID);
	assert_string_equal(field, "email");
	p.email = (char *)"a@b.fi";
	assert_int_equal(
	    record_validate(record_kind("person"), &p, &field, &msg), LAPE_OK);
	assert_string_equal(field, "");
}

/* Each stored choice's key is read back as its value: what the store
 * writes for a field, the field's parser takes. */
static void test_store_keys(void **state)
{
	static const char *const names[] = {"group", "person", "membership",
	                                    "agent"};

	(void)state;
	for (size_t k = 0; k < 4; k++) {
		const struct record_kind *kind = record_kind(names[k]);

		for (size_t i = 0; i < kind->n_fields; i++) {
			const struct record_field *f = &kind->fields[i];

			if (f->slot != SLOT_ENUM)
				continue;
			assert_int_equal(f->type, FIELD_CHOICE);
			for (int v = f->min; v <= f->max; v++) {
				int back = -1;

				assert_int_equal(
				    f->parse(f->store_key(v), &back), LAPE_OK);
				assert_int_equal(back, v);
			}
		}
	}
}

/* record_value() gives each field as the store keeps it: what lape list
 * prints in its machine columns. */
static void test_values(void **state)
{
	const struct record_kind *pk = record_kind("person");
	const struct record_kind *ak = record_kind("agent");
	struct person p = {0};
	struct agent a = {0};
	char buf[24];

	(void)state;
	p.surname = (char *)"Virtanen";
	p.given_names = (char *)"Aino";
	p.email = (char *)"aino@example.org";
	p.gender = GENDER_WOMAN;
	assert_string_equal(
	    record_value(record_field(pk, "surname"), &p, buf, sizeof buf),
	    "Virtanen");
	assert_string_equal(
	    record_value(record_field(pk, "given_names"), &p, buf, sizeof buf),
	    "Aino");
	assert_string_equal(
	    record_value(record_field(pk, "email"), &p, buf, sizeof buf),
	    "aino@example.org");
	assert_null(
	    record_value(record_field(pk, "phone"), &p, buf, sizeof buf));
	assert_string_equal(
	    record_value(record_field(pk, "gender"), &p, buf, sizeof buf),
	    "woman");

	memcpy(a.region_code, "01", 3);
	a.funding_share = 80;
	a.status = AGENT_ACTIVE;
	a.person_id = 42;
	assert_string_equal(
	    record_value(record_field(ak, "region"), &a, buf, sizeof buf),
	    "01");
	assert_string_equal(record_value(record_field(ak, "funding_share"), &a,
	                                 buf, sizeof buf),
	                    "80");
	assert_string_equal(
	    record_value(record_field(ak, "status"), &a, buf, sizeof buf),
	    "active");
	assert_string_equal(
	    record_value(record_field(ak, "person"), &a, buf, sizeof buf),
	    "42");
	a.person_id = 0;
	assert_null(
	    record_value(record_field(ak, "person"), &a, buf, sizeof buf));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds_and_keys),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_validate),
	    cmocka_unit_test(test_store_keys),
	    cmocka_unit_test(test_values),
	};

	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
