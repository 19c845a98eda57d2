/* record.h -- one table per record kind (group, person, membership,
 * agent) that says what its fields are: the key scripts and forms name it
 * by, the column it is stored in, its type, label, form width, limit,
 * where its choices come from and how a typed value is checked.  The
 * store's limits (store_text_max()) and validation, the forms, the
 * command line's --options and the output columns read it, so that a new
 * field is a migration, a line here and its tests. */

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
#ifndef LAPE_RECORD_H
#define LAPE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum field_type {
	FIELD_TEXT,   /* one line */
	FIELD_NOTES,  /* several lines */
	FIELD_EMAIL,  /* one line, local@domain.tld */
	FIELD_DATE,   /* date_parse(): 1.10.2016, 2016-10-01 ... */
	FIELD_INT,    /* a whole number in [min, max] */
	FIELD_BOOL,   /* yes/no in any of the three languages */
	FIELD_CHOICE, /* one of a fixed set: parsed by the field's parse() */
	FIELD_REF,    /* another record or reference data, by lookup */
	FIELD_LIST    /* several choices or references */
};

/* Where a field's choices come from (a pick list in a form, a lookup on
 * the command line). */
enum field_pick {
	PICK_NONE,
	PICK_LEVEL,
	PICK_GROUP_STATUS,
	PICK_REGION,
	PICK_MUNICIPALITY,
	PICK_REGIONAL_GROUP,
	PICK_GROUP,
	PICK_PERSON,
	PICK_SECTOR,
	PICK_ROLE,
	PICK_MEMBER, /* a membership of the same group (deputy of) */
	PICK_GENDER,
	PICK_AGENT_STATUS
};

struct record_field {
	const char *key;    /* as scripts and options name it: "given-names" */
	const char *name;   /* as the store's *_validate() names it:
	                       "given_names" */
	const char *column; /* the column in the data file */
	enum field_type type;
	const char *label; /* N_(): translate where shown */
	int width;         /* columns in a form */
	size_t limit;      /* most characters of a text field; 0 otherwise */
	enum field_pick pick;
	bool required;
	int min, max; /* FIELD_INT */
	/* FIELD_CHOICE: the value of TEXT (a key or a label in any of the
	 * three languages), LAPE_OK or LAPE_INVALID. */
	int (*parse)(const char *text, int *value);
	/* Offset of the field's char * in the record's struct, or
	 * RECORD_NO_OFFSET (for the store's row mapping and checks). */
	size_t offset;
	/* How the store keeps a value that is not a char * at OFFSET (the
	 * row mapping of store-row.c): SLOT_NONE with RECORD_NO_OFFSET is
	 * a field kept by hand outside the record's row (a list table). */
	enum field_slot {
		SLOT_NONE,     /* text or date at OFFSET, NULL stored as NULL */
		SLOT_TEXT_SET, /* text at OFFSET, NULL stored as '' */
		SLOT_ENUM,     /* an enum at AT, in [min, max], stored as
		                  key(value) */
		SLOT_INT,      /* an int at AT, in [min, max] */
		SLOT_BOOL,     /* a bool at AT, stored as 0 or 1 */
		SLOT_REF,      /* an int64_t id at AT, 0 stored as NULL */
		SLOT_CODE, /* a code of MAX characters, a char array at AT */
		SLOT_HOOK  /* in the row, read and bound by the kind's own
		              code (the sectors of a seat) */
	} slot;
	size_t at;
	const char *(*store_key)(int value); /* SLOT_ENUM */
	/* N_(): what is wrong with a SLOT_ENUM or SLOT_INT value out of
	 * [min, max] ("the status is active or dissolved"). */
	const char *invalid;
};

#define RECORD_NO_OFFSET ((size_t)-1)

struct record_kind {
	const char *name; /* "group", "person", "membership", "agent" */
	const char *label;
	const struct record_field *fields;
	size_t n_fields;
};

/* The kind named NAME ("member" is "membership"), NULL if none. */
const struct record_kind *record_kind(const char *name);

/* The field of KIND with KEY: its key ("given-names"), its store name
 * ("given_names") or its column; NULL if none. */
const struct record_field *record_field(const struct record_kind *kind,
                                        const char *key);

/* The most characters FIELD takes (DB_TEXT_SHORT for a line,
 * DB_TEXT_LONG for notes), 0 for a field that is not free text: the one
 * limit the store, the forms and the command line enforce. */
size_t field_limit(const struct record_field *field);

/* The value of FIELD in RECORD (a struct of the field's kind) as the
 * store keeps it, for output: text and dates as they are, a choice by its
 * key, a number or yes/no as digits (BUF of LEN holds them), a reference
 * as its id; NULL when empty or not kept in the record's struct. */
const char *record_value(const struct record_field *field, const void *record,
                         char *buf, size_t len);

/* The value of a field as typed, parsed. */
struct field_value {
	char *text;  /* FIELD_TEXT, NOTES, EMAIL, REF, LIST: trimmed, NFC;
	                FIELD_DATE: ISO (NULL when blank); owned */
	int64_t num; /* FIELD_INT, BOOL (0/1), CHOICE */
};
void field_value_clear(struct field_value *v);

/* Parse TEXT for FIELD into *VALUE (cleared first).  LAPE_OK, or
 * LAPE_INVALID with *ERR a translated message (the store's: "too long (at
 * most 300 characters)", "not a date", ...); LAPE_ERROR out of memory.
 * References (FIELD_REF, FIELD_LIST) are only cleaned: the caller looks
 * them up, which needs the data file. */
int field_parse(const struct record_field *field, const char *text,
                struct field_value *value, const char **err);

/* Check RECORD (a struct group, person, membership or agent, as KIND
 * says) with the store's validation: LAPE_OK, or LAPE_INVALID with
 * *FIELD the store name of the field at fault and *MSG the message. */
int record_validate(const struct record_kind *kind, const void *record,
                    const char **field, const char **msg);

/* The text fields of KIND stored at an offset of its struct, checked
 * against their limits and required flags; NULL when all are fine, else
 * the message, *FIELD naming the field. */
const char *record_check_texts(const struct record_kind *kind,
                               const void *record, const char **field);

/* What the descriptors can say of FIELD of RECORD: a text against its
 * limit, required flag and shape, a date as date_parse() takes it, an
 * enum or a number in [min, max] (the field's invalid message).  NULL
 * when fine, else the translated message. */
const char *record_check_field(const struct record_field *field,
                               const void *record);

/* A kind's own check of a field the descriptors cannot fully say
 * (references, lists): NULL when fine, else the message. */
typedef const char *(*record_check_fn)(const struct record_field *field,
                                       const void *record);

/* The validation of RECORD field by field in KIND's order:
 * record_check_field(), then CHECK (when not NULL) for each field; last,
 * an end date before the start date ("ends before it starts", field
 * end_date).  NULL when all is fine, else the message with *FIELD the
 * store name of the field at fault (the *_validate() functions). */
const char *record_check(const struct record_kind *kind, const void *record,
                         record_check_fn check, const char **field);

#endif
