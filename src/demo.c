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
/* demo.c -- the example data of `lape demo`: the capital-region project
 * "Lapsen parhaaksi – yhdessä enemmän" of seed 003 (its municipalities and
 * organisations are real, its people invented) and a smaller Ostrobothnian
 * picture, so that a newcomer sees complete and incomplete groups at once. */

#include <stdlib.h>
#include <string.h>

#include "lape/demo.h"
#include "lape/i18n.h"
#include "lape/store.h"

struct demo_person {
	const char *name;
	const char *organisation;
	const char *email;
	const char *phone;
};

struct demo_group {
	enum group_level level;
	const char *name;
	const char *region; /* regional groups */
	const char
	    *municipalities; /* municipal groups: codes, blank-separated */
	const char *mandate_body;
	const char *mandate_date;
	bool existing_body;
	const char *start_date;
	const char *end_date;
	enum group_status status;
	const char *notes;
};

struct demo_member {
	int group;          /* index into demo_groups */
	const char *person; /* name in demo_people; NULL for a vacant seat */
	const char *sectors;
	enum member_role role;
	const char *organisation;
	const char *start_date;
	const char *end_date;
	const char *deputy_of; /* person whose seat in the same group */
};

struct demo_agent {
	const char *person;
	const char *region;
	const char *employer;
	const char *start_date;
	const char *end_date;
	int funding_share;
	enum agent_status status;
};

static const struct demo_person demo_people[] = {
    {"Helena Suominen", "Helsingin kaupunki", "helena.suominen@hel.example",
     "+358 40 000 0101"},
    {"Jukka Hämäläinen", "Espoon kaupunki", "jukka.hamalainen@espoo.example",
     "+358 40 000 0102"},
    {"Matti Aaltonen", "HUS", "matti.aaltonen@hus.example", "+358 40 000 0103"},
    {"Linnea Dahlqvist", "Nicehearts ry", "linnea.dahlqvist@nicehearts.example",
     NULL},
    {"Päivi Kääriäinen", "Mannerheimin Lastensuojeluliitto, Uudenmaan piiri",
     "paivi.kaariainen@mll.example", "+358 40 000 0105"},
    {"Outi Kivelä", "Laurea-ammattikorkeakoulu", "outi.kivela@laurea.example",
     NULL},
    {"Oskar Wikström", "Diakonia-ammattikorkeakoulu",
     "oskar.wikstrom@diak.example", NULL},
    {"Eero Räsänen", "Helsingin yliopisto", "eero.rasanen@helsinki.example",
     NULL},
    {"Sara Holmström", "Socca – pääkaupunkiseudun sosiaalialan osaamiskeskus",
     "sara.holmstrom@socca.example", "+358 40 000 0109"},
    {"Kaisa Nyström", "Helsingin seurakuntayhtymä", "kaisa.nystrom@evl.example",
     NULL},
    {"Anni Zetterberg", "Helsingin nuorisoneuvosto", NULL, NULL},
    {"Mikko Väänänen", "Espoon kaupunki", "mikko.vaananen@espoo.example", NULL},
    {"Emilia Grönroos", "Kauniaisten kaupunki",
     "emilia.gronroos@kauniainen.example", NULL},
    {"Lotta Ekström", "Pelastakaa Lapset ry", "lotta.ekstrom@pela.example",
     NULL},
    {"Niklas Åström", "Espoon seurakuntayhtymä", "niklas.astrom@evl.example",
     NULL},
    {"Ville Ylönen", "Espoon nuorisovaltuusto", NULL, NULL},
    {"Teemu Ahonen", "Espoon kaupunki", "teemu.ahonen@espoo.example", NULL},
    {"Minna Pöyhönen", "Helsingin kaupunki", "minna.poyhonen@hel.example",
     NULL},
    {"Aino Mäkelä", "Helsingin kaupunki", "aino.makela@hel.example",
     "+358 40 000 0119"},
    {"Jari Lähteenmäki", "Helsingin kaupunki", "jari.lahteenmaki@hel.example",
     NULL},
    {"Ritva Öberg", "Helsinki Missio", "ritva.oberg@helsinkimissio.example",
     NULL},
    {"Tuula Äijälä", "kokemusasiantuntija", NULL, NULL},
    {"Henna Salo", "Vantaan kaupunki", "henna.salo@vantaa.example", NULL},
    {"Pekka Järvinen", "Vantaan kaupunki", "pekka.jarvinen@vantaa.example",
     NULL},
    {"Sanna Koskinen", "Vantaan kaupunki", "sanna.koskinen@vantaa.example",
     NULL},
    {"Marjatta Heikkilä", "Keravan kaupunki",
     "marjatta.heikkila@kerava.example", NULL},
    {"Antti Laaksonen", "Keravan kaupunki", "antti.laaksonen@kerava.example",
     NULL},
    {"Ilona Sjöberg", "Keravan kaupunki", "ilona.sjoberg@kerava.example", NULL},
    {"Johannes Lindroos", "Keravan seurakunta", NULL, NULL},
    {"Venla Öhman", "Keravan nuorisovaltuusto", NULL, NULL},
    {"Björn Åberg", "Kirkkonummen kunta", "bjorn.aberg@kirkkonummi.example",
     "+358 40 000 0131"},
    {"Åsa Lindholm", "Kirkkonummen kunta", "asa.lindholm@kirkkonummi.example",
     NULL},
    {"Sören Wallin", "Kyrkslätts ungdomsfullmäktige", NULL, NULL},
    {"Karin Björklund", "Vasa stad", "karin.bjorklund@vasa.example",
     "+358 40 000 0134"},
    {"Mats Nyholm", "Korsholms kommun", "mats.nyholm@korsholm.example", NULL},
    {"Anders Storbacka", "Vasa sjukvårdsdistrikt",
     "anders.storbacka@vshp.example", NULL},
    {"Hanna Kronqvist", "Folkhälsan", "hanna.kronqvist@folkhalsan.example",
     NULL},
    {"Frida Holmqvist", "Yrkeshögskolan Novia", "frida.holmqvist@novia.example",
     NULL},
    {"Ulla Sandvik", "FSKC", "ulla.sandvik@fskc.example", NULL},
    {"Gunnel Holm", "Vasa svenska församling", NULL, NULL},
    {"Maria Backlund", "Närpes stad", "maria.backlund@narpes.example",
     "+358 40 000 0141"},
    {"Peter Granqvist", "Närpes stad", "peter.granqvist@narpes.example", NULL},
    {"Jonna Ehrström", "Kristinestads stad",
     "jonna.ehrstrom@kristinestad.example", NULL},
    {"Erik Sundqvist", "Närpes församling", NULL, NULL},
    {"Elin Nylund", "Närpes ungdomsfullmäktige", NULL, NULL},
    {"Riikka Väisänen", "Helsingin kaupunki", "riikka.vaisanen@hel.example",
     "+358 40 000 0146"},
    {"Johanna Storm", "Vasa stad", "johanna.storm@vasa.example", NULL},
};

enum {
	G_UUSIMAA,
	G_ESPOO,
	G_HELSINKI,
	G_VANTAA,
	G_KERAVA,
	G_KIRKKONUMMI,
	G_KAUNIAINEN,
	G_POHJANMAA,
	G_SYDOSTERBOTTEN
};

static const struct demo_group demo_groups[] = {
    [G_UUSIMAA] = {LEVEL_REGIONAL, "Uudenmaan LAPE-ryhmä", "01", NULL,
                   "Uudenmaan liiton maakuntahallitus", "2016-10-24", false,
                   "2016-11-01", NULL, STATUS_ACTIVE,
                   "Pääkaupunkiseudun LAPE-hanke \"Lapsen parhaaksi – yhdessä "
                   "enemmän\", Socca vastuullisena toteuttajana."},
    [G_ESPOO] = {LEVEL_MUNICIPAL, "Espoon ja Kauniaisten LAPE-ryhmä", NULL,
                 "049 235", "Espoon kaupunginhallitus", "2016-11-14", false,
                 "2017-02-01", NULL, STATUS_ACTIVE,
                 "Yhteinen ryhmä Espoolle ja Kauniaisille."},
    [G_HELSINKI] = {LEVEL_MUNICIPAL,
                    "Helsingin lapsi- ja perhepalveluiden johtoryhmä", NULL,
                    "091", "Helsingin kaupunginhallitus", "2016-12-12", true,
                    "2017-01-01", NULL, STATUS_ACTIVE,
                    "Olemassa oleva johtoryhmä valtuutettu toimimaan "
                    "LAPE-ryhmänä."},
    [G_VANTAA] = {LEVEL_MUNICIPAL, "Vantaan LAPE-ryhmä", NULL, "092",
                  "Vantaan kaupunginhallitus", "2017-01-16", false,
                  "2017-02-01", NULL, STATUS_ACTIVE, NULL},
    [G_KERAVA] = {LEVEL_MUNICIPAL, "Keravan LAPE-ryhmä", NULL, "245",
                  "Keravan kaupunginhallitus", "2017-02-06", false,
                  "2017-03-01", NULL, STATUS_ACTIVE, NULL},
    [G_KIRKKONUMMI] = {LEVEL_MUNICIPAL,
                       "Kirkkonummen LAPE-ryhmä – Kyrkslätts LAPE-grupp", NULL,
                       "257", "Kirkkonummen kunnanhallitus", "2017-03-20",
                       false, "2017-04-01", NULL, STATUS_ACTIVE,
                       "Kaksikielinen ryhmä."},
    [G_KAUNIAINEN] = {LEVEL_MUNICIPAL, "Kauniaisten LAPE-työryhmä", NULL, "235",
                      "Kauniaisten kaupunginhallitus", "2016-09-26", false,
                      "2016-10-01", "2017-01-31", STATUS_DISSOLVED,
                      "Korvattu 1.2.2017 Espoon kanssa yhteisellä ryhmällä."},
    [G_POHJANMAA] = {LEVEL_REGIONAL, "Österbottens LAPE-grupp", "15", NULL,
                     "Österbottens förbunds landskapsstyrelse", "2016-11-28",
                     false, "2017-01-01", NULL, STATUS_ACTIVE, NULL},
    [G_SYDOSTERBOTTEN] = {LEVEL_MUNICIPAL, "Sydösterbottens LAPE-grupp", NULL,
                          "545 231 287", "Närpes stadsstyrelse", "2017-01-23",
                          false, "2017-02-15", NULL, STATUS_ACTIVE,
                          "Gemensam grupp för Närpes, Kaskö och Kristinestad."},
};

static const struct demo_member demo_members[] = {
    /* Uusimaa: complete */
    {G_UUSIMAA, "Helena Suominen", "municipalities", ROLE_CHAIR,
     "Helsingin kaupunki", "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Jukka Hämäläinen", "municipalities", ROLE_VICE_CHAIR,
     "Espoon kaupunki", "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Matti Aaltonen", "hospital_district", ROLE_MEMBER, "HUS",
     "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Linnea Dahlqvist", "organisations", ROLE_MEMBER,
     "Nicehearts ry", "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Päivi Kääriäinen", "organisations", ROLE_MEMBER,
     "Mannerheimin Lastensuojeluliitto, Uudenmaan piiri", "2016-11-01", NULL,
     NULL},
    {G_UUSIMAA, "Outi Kivelä", "education_institutions", ROLE_MEMBER,
     "Laurea-ammattikorkeakoulu", "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Oskar Wikström", "education_institutions", ROLE_MEMBER,
     "Diakonia-ammattikorkeakoulu", "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Eero Räsänen", "education_institutions", ROLE_MEMBER,
     "Helsingin yliopisto", "2017-01-01", NULL, NULL},
    {G_UUSIMAA, "Sara Holmström", "competence_centre", ROLE_SECRETARY, "Socca",
     "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Kaisa Nyström", "parishes", ROLE_MEMBER,
     "Helsingin seurakuntayhtymä", "2016-11-01", NULL, NULL},
    {G_UUSIMAA, "Anni Zetterberg", "youth_rep", ROLE_MEMBER,
     "Helsingin nuorisoneuvosto", "2017-01-01", NULL, NULL},
    /* Espoo and Kauniainen: complete */
    {G_ESPOO, "Jukka Hämäläinen", "social_health", ROLE_CHAIR,
     "Espoon kaupunki", "2017-02-01", NULL, NULL},
    {G_ESPOO, "Teemu Ahonen", "social_health", ROLE_SECRETARY,
     "Espoon kaupunki", "2017-02-01", NULL, NULL},
    {G_ESPOO, "Mikko Väänänen", "education", ROLE_MEMBER, "Espoon kaupunki",
     "2017-02-01", NULL, NULL},
    {G_ESPOO, "Emilia Grönroos", "youth", ROLE_MEMBER, "Kauniaisten kaupunki",
     "2017-02-01", NULL, NULL},
    {G_ESPOO, "Lotta Ekström", "organisations", ROLE_MEMBER,
     "Pelastakaa Lapset ry", "2017-02-01", NULL, NULL},
    {G_ESPOO, "Niklas Åström", "parishes", ROLE_MEMBER,
     "Espoon seurakuntayhtymä", "2017-02-01", NULL, NULL},
    {G_ESPOO, "Ville Ylönen", "youth_rep", ROLE_MEMBER,
     "Espoon nuorisovaltuusto", "2017-02-01", NULL, NULL},
    /* Helsinki: an existing body authorised; complete, with a deputy */
    {G_HELSINKI, "Helena Suominen", "social_health", ROLE_CHAIR,
     "Helsingin kaupunki", "2017-01-01", NULL, NULL},
    {G_HELSINKI, "Minna Pöyhönen", "social_health", ROLE_MEMBER,
     "Helsingin kaupunki", "2017-01-01", NULL, "Helena Suominen"},
    {G_HELSINKI, "Aino Mäkelä", "education", ROLE_VICE_CHAIR,
     "Helsingin kaupunki", "2017-01-01", NULL, NULL},
    {G_HELSINKI, "Jari Lähteenmäki", "youth", ROLE_MEMBER, "Helsingin kaupunki",
     "2017-01-01", NULL, NULL},
    {G_HELSINKI, "Ritva Öberg", "organisations", ROLE_MEMBER, "Helsinki Missio",
     "2017-01-01", NULL, NULL},
    {G_HELSINKI, "Kaisa Nyström", "parishes", ROLE_MEMBER,
     "Helsingin seurakuntayhtymä", "2017-01-01", NULL, NULL},
    {G_HELSINKI, "Tuula Äijälä", "youth_rep", ROLE_MEMBER,
     "kokemusasiantuntija", "2017-01-01", NULL, NULL},
    /* Vantaa: no parish, the youth representative's seat vacant */
    {G_VANTAA, "Henna Salo", "social_health", ROLE_CHAIR, "Vantaan kaupunki",
     "2017-02-01", NULL, NULL},
    {G_VANTAA, "Pekka Järvinen", "education", ROLE_MEMBER, "Vantaan kaupunki",
     "2017-02-01", NULL, NULL},
    {G_VANTAA, "Sanna Koskinen", "youth", ROLE_SECRETARY, "Vantaan kaupunki",
     "2017-02-01", NULL, NULL},
    {G_VANTAA, "Päivi Kääriäinen", "organisations", ROLE_MEMBER,
     "Mannerheimin Lastensuojeluliitto, Uudenmaan piiri", "2017-02-01", NULL,
     NULL},
    {G_VANTAA, NULL, "youth_rep", ROLE_MEMBER, "Vantaan nuorisovaltuusto", NULL,
     NULL, NULL},
    /* Kerava: no chair, the youth services member's term has ended */
    {G_KERAVA, "Marjatta Heikkilä", "social_health", ROLE_MEMBER,
     "Keravan kaupunki", "2017-03-01", NULL, NULL},
    {G_KERAVA, "Antti Laaksonen", "education", ROLE_SECRETARY,
     "Keravan kaupunki", "2017-03-01", NULL, NULL},
    {G_KERAVA, "Ilona Sjöberg", "youth", ROLE_MEMBER, "Keravan kaupunki",
     "2016-03-01", "2016-12-31", NULL},
    {G_KERAVA, "Linnea Dahlqvist", "organisations", ROLE_MEMBER,
     "Nicehearts ry", "2017-03-01", NULL, NULL},
    {G_KERAVA, "Johannes Lindroos", "parishes", ROLE_MEMBER,
     "Keravan seurakunta", "2017-03-01", NULL, NULL},
    {G_KERAVA, "Venla Öhman", "youth_rep", ROLE_MEMBER,
     "Keravan nuorisovaltuusto", "2017-03-01", NULL, NULL},
    /* Kirkkonummi: education and youth in one department; no
     * organisations, no parish */
    {G_KIRKKONUMMI, "Björn Åberg", "social_health", ROLE_CHAIR,
     "Kirkkonummen kunta", "2017-04-01", NULL, NULL},
    {G_KIRKKONUMMI, "Åsa Lindholm", "education youth", ROLE_MEMBER,
     "Kirkkonummen kunta, sivistystoimi", "2017-04-01", NULL, NULL},
    {G_KIRKKONUMMI, "Sören Wallin", "youth_rep", ROLE_MEMBER,
     "Kyrkslätts ungdomsfullmäktige", "2017-04-01", NULL, NULL},
    /* Kauniainen's first group, dissolved */
    {G_KAUNIAINEN, "Emilia Grönroos", "education youth", ROLE_CHAIR,
     "Kauniaisten kaupunki", "2016-10-01", "2017-01-31", NULL},
    /* Ostrobothnia: no youth representative */
    {G_POHJANMAA, "Karin Björklund", "municipalities", ROLE_CHAIR, "Vasa stad",
     "2017-01-01", NULL, NULL},
    {G_POHJANMAA, "Mats Nyholm", "municipalities", ROLE_MEMBER,
     "Korsholms kommun", "2017-01-01", NULL, NULL},
    {G_POHJANMAA, "Anders Storbacka", "hospital_district", ROLE_MEMBER,
     "Vasa sjukvårdsdistrikt", "2017-01-01", NULL, NULL},
    {G_POHJANMAA, "Hanna Kronqvist", "organisations", ROLE_MEMBER, "Folkhälsan",
     "2017-01-01", NULL, NULL},
    {G_POHJANMAA, "Frida Holmqvist", "education_institutions", ROLE_MEMBER,
     "Yrkeshögskolan Novia", "2017-01-01", NULL, NULL},
    {G_POHJANMAA, "Ulla Sandvik", "competence_centre", ROLE_SECRETARY, "FSKC",
     "2017-01-01", NULL, NULL},
    {G_POHJANMAA, "Gunnel Holm", "parishes", ROLE_MEMBER,
     "Vasa svenska församling", "2017-01-01", NULL, NULL},
    /* Sydösterbotten: three municipalities, complete */
    {G_SYDOSTERBOTTEN, "Maria Backlund", "social_health", ROLE_CHAIR,
     "Närpes stad", "2017-02-15", NULL, NULL},
    {G_SYDOSTERBOTTEN, "Peter Granqvist", "education", ROLE_MEMBER,
     "Närpes stad", "2017-02-15", NULL, NULL},
    {G_SYDOSTERBOTTEN, "Jonna Ehrström", "youth", ROLE_MEMBER,
     "Kristinestads stad", "2017-02-15", NULL, NULL},
    {G_SYDOSTERBOTTEN, "Hanna Kronqvist", "organisations", ROLE_MEMBER,
     "Folkhälsan", "2017-02-15", NULL, NULL},
    {G_SYDOSTERBOTTEN, "Erik Sundqvist", "parishes", ROLE_MEMBER,
     "Närpes församling", "2017-02-15", NULL, NULL},
    {G_SYDOSTERBOTTEN, "Elin Nylund", "youth_rep", ROLE_MEMBER,
     "Närpes ungdomsfullmäktige", "2017-02-15", NULL, NULL},
};

static const struct demo_agent demo_agents[] = {
    {"Riikka Väisänen", "01", "Helsingin kaupunki", "2016-10-01", "2018-12-31",
     100, AGENT_ACTIVE},
    {"Johanna Storm", "15", "Vasa stad", "2017-09-01", "2018-12-31", 100,
     AGENT_PLANNED},
};

#define N_PEOPLE (sizeof(demo_people) / sizeof(demo_people[0]))
#define N_GROUPS (sizeof(demo_groups) / sizeof(demo_groups[0]))
#define N_MEMBERS (sizeof(demo_members) / sizeof(demo_members[0]))
#define N_AGENTS (sizeof(demo_agents) / sizeof(demo_agents[0]))

struct demo_ids {
	int64_t person[N_PEOPLE];
	int64_t group[N_GROUPS];
	int64_t member[N_MEMBERS];
};

/* A strdup that keeps NULL as NULL; *OK becomes false when out of memory. */
static char *demo_dup(const char *s, bool *ok)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*ok = false;
	return d;
}

static int demo_oom(struct lape_db *db)
{
	return db_fail(db, LAPE_ERROR, NULL, "%s", _("out of memory"));
}

static int64_t demo_person_id(const struct demo_ids *ids, const char *name)
{
	for (size_t i = 0; i < N_PEOPLE; i++)
		if (strcmp(demo_people[i].name, name) == 0)
			return ids->person[i];
	return 0;
}

static int demo_load_people(struct lape_db *db, struct demo_ids *ids)
{
	for (size_t i = 0; i < N_PEOPLE; i++) {
		const struct demo_person *d = &demo_people[i];
		struct person p = {0};
		bool ok = true;
		int rc;

		const char *sp = strrchr(d->name, ' ');

		p.surname = demo_dup(sp ? sp + 1 : d->name, &ok);
		p.given_names =
		    sp ? strndup(d->name, (size_t)(sp - d->name)) : NULL;
		ok = ok && (!sp || p.given_names);
		p.organisation = demo_dup(d->organisation, &ok);
		p.email = demo_dup(d->email, &ok);
		p.phone = demo_dup(d->phone, &ok);
		rc = ok ? person_save(db, &p) : demo_oom(db);
		ids->person[i] = p.id;
		person_clear(&p);
		if (rc != LAPE_OK)
			return rc;
	}
	return LAPE_OK;
}

/* The next blank-separated word of *LIST (NULL: none) in BUF, of LEN
 * bytes; a word too long for it is passed over.  False at the end. */
static bool demo_next_word(const char **list, char *buf, size_t len)
{
	while (*list && **list) {
		size_t n = strcspn(*list, " ");
		bool fits = n > 0 && n < len;

		if (fits) {
			memcpy(buf, *list, n);
			buf[n] = '\0';
		}
		*list += n;
		*list += strspn(*list, " ");
		if (fits)
			return true;
	}
	return false;
}

/* Add the blank-separated codes of LIST to G. */
static int demo_add_municipalities(struct group *g, const char *list)
{
	char code[4];

	while (demo_next_word(&list, code, sizeof(code)))
		if (group_add_municipality(g, code) != LAPE_OK)
			return LAPE_ERROR;
	return LAPE_OK;
}

static int demo_load_groups(struct lape_db *db, struct demo_ids *ids)
{
	for (size_t i = 0; i < N_GROUPS; i++) {
		const struct demo_group *d = &demo_groups[i];
		struct group g = {0};
		bool ok = true;
		int rc;

		g.level = d->level;
		g.name = demo_dup(d->name, &ok);
		if (d->region)
			memcpy(g.region_code, d->region, 3);
		g.mandate_body = demo_dup(d->mandate_body, &ok);
		g.mandate_date = demo_dup(d->mandate_date, &ok);
		g.existing_body = d->existing_body;
		g.start_date = demo_dup(d->start_date, &ok);
		g.end_date = demo_dup(d->end_date, &ok);
		g.status = d->status;
		g.notes = demo_dup(d->notes, &ok);
		if (demo_add_municipalities(&g, d->municipalities) != LAPE_OK)
			ok = false;
		rc = ok ? group_save(db, &g) : demo_oom(db);
		ids->group[i] = g.id;
		group_clear(&g);
		if (rc != LAPE_OK)
			return rc;
	}
	return LAPE_OK;
}

/* The membership id of PERSON's seat in group GROUP, among those saved. */
static int64_t demo_seat(const struct demo_ids *ids, size_t before, int group,
                         const char *person)
{
	for (size_t i = 0; i < before; i++) {
		const struct demo_member *d = &demo_members[i];

		if (d->group == group && d->person &&
		    strcmp(d->person, person) == 0)
			return ids->member[i];
	}
	return 0;
}

static int demo_add_sectors(struct membership *m, const char *list)
{
	char key[32];

	while (demo_next_word(&list, key, sizeof(key)))
		if (membership_add_sector(m, key) != LAPE_OK)
			return LAPE_ERROR;
	return LAPE_OK;
}

static int demo_load_members(struct lape_db *db, struct demo_ids *ids)
{
	for (size_t i = 0; i < N_MEMBERS; i++) {
		const struct demo_member *d = &demo_members[i];
		struct membership m = {0};
		bool ok = true;
		int rc;

		m.group_id = ids->group[d->group];
		m.person_id = d->person ? demo_person_id(ids, d->person) : 0;
		m.role = d->role;
		m.organisation = demo_dup(d->organisation, &ok);
		m.start_date = demo_dup(d->start_date, &ok);
		m.end_date = demo_dup(d->end_date, &ok);
		if (d->deputy_of)
			m.deputy_of = demo_seat(ids, i, d->group, d->deputy_of);
		if (demo_add_sectors(&m, d->sectors) != LAPE_OK)
			ok = false;
		rc = ok ? membership_save(db, &m) : demo_oom(db);
		ids->member[i] = m.id;
		membership_clear(&m);
		if (rc != LAPE_OK)
			return rc;
	}
	return LAPE_OK;
}

static int demo_load_agents(struct lape_db *db, const struct demo_ids *ids)
{
	for (size_t i = 0; i < N_AGENTS; i++) {
		const struct demo_agent *d = &demo_agents[i];
		struct agent a = {0};
		bool ok = true;
		int rc;

		a.person_id = demo_person_id(ids, d->person);
		memcpy(a.region_code, d->region, 3);
		a.employer = demo_dup(d->employer, &ok);
		a.start_date = demo_dup(d->start_date, &ok);
		a.end_date = demo_dup(d->end_date, &ok);
		a.funding_share = d->funding_share;
		a.status = d->status;
		rc = ok ? agent_save(db, &a) : demo_oom(db);
		agent_clear(&a);
		if (rc != LAPE_OK)
			return rc;
	}
	return LAPE_OK;
}

/* Whether the file can take the example; asked inside the transaction
 * that loads it, so that two lapes loading at once cannot both see an
 * empty file. */
static int demo_check_empty(struct lape_db *db)
{
	struct group_filter all = GROUP_FILTER_ALL;
	char *mark = db_meta_get(db, DEMO_META_KEY);
	size_t n = 0;
	int rc;

	if (mark) {
		free(mark);
		return db_fail(db, LAPE_INVALID, DEMO_META_KEY, "%s",
		               _("the example is already loaded"));
	}
	rc = group_count(db, &all, &n);
	if (rc != LAPE_OK)
		return rc;
	if (n > 0)
		return db_fail(db, LAPE_INVALID, NULL, "%s",
		               _("the file already holds groups; lape demo "
		                 "needs a file without any"));
	return LAPE_OK;
}

int demo_load(struct lape_db *db)
{
	struct demo_ids *ids;
	bool own;
	int rc;

	ids = calloc(1, sizeof(*ids));
	if (!ids)
		return demo_oom(db);
	rc = db_txn_start(db, &own);
	if (rc != LAPE_OK)
		goto out;
	rc = demo_check_empty(db);
	if (rc == LAPE_OK)
		rc = demo_load_people(db, ids);
	if (rc == LAPE_OK)
		rc = demo_load_groups(db, ids);
	if (rc == LAPE_OK)
		rc = demo_load_members(db, ids);
	if (rc == LAPE_OK)
		rc = demo_load_agents(db, ids);
	if (rc == LAPE_OK)
		rc = db_meta_set(db, DEMO_META_KEY, "1");
	rc = db_txn_end(db, own, rc);
out:
	free(ids);
	return rc;
}
