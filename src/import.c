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
/* import.c -- member lists from a spreadsheet's CSV: decoding, parsing with
 * libcsv, columns by header in three languages, and matching the rows with
 * the data file.  Values are checked by the store's own validation; a dry
 * run does the whole import inside a transaction and rolls it back, so that
 * what it reports is exactly what --apply would write. */

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lape/date.h"
#include "lape/i18n.h"
#include "lape/import.h"
#include "lape/store.h"
#include "lape/utf8.h"

/* ---- decoding ---------------------------------------------------------- */

/* Windows-1252 0x80..0x9f; 0 where the code page leaves a hole. */
static const unsigned short cp1252_high[32] = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
    0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

/* DATA as UTF-8 (without a BOM) in *OUT, its length in *OUTLEN; *ENC says
 * what it was.  Returns 0, -1 when out of memory. */
static int import_decode(const char *data, size_t len, char **out,
                         size_t *outlen, enum import_encoding *enc)
{
	char *buf, *p;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		*enc = IMPORT_UTF8_BOM;
		data += 3;
		len -= 3;
	} else if (utf8_valid(data, len)) {
		*enc = IMPORT_UTF8;
	} else {
		*enc = IMPORT_CP1252;
	}
	/* A file that claims UTF-8 but holds bad bytes keeps them as U+FFFD
	 * (the store then refuses them as it would from a form). */
	buf = malloc(len * 3 + 1);
	if (!buf)
		return -1;
	p = buf;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)data[i];
		unsigned cp;

		if (c < 0x80) {
			*p++ = (char)c;
			i++;
			continue;
		}
		if (*enc == IMPORT_CP1252) {
			cp = c >= 0xa0 ? c : cp1252_high[c - 0x80];
			if (!cp)
				cp = UTF8_REPLACEMENT;
			i++;
		} else {
			i += utf8_decode_n(data + i, len - i, &cp);
		}
		p += utf8_encode(cp, p);
	}
	*p = '\0';
	*out = buf;
	*outlen = (size_t)(p - buf);
	return 0;
}

const char *import_encoding_name(enum import_encoding e)
{
	switch (e) {
	case IMPORT_UTF8_BOM:
		return "UTF-8 with BOM";
	case IMPORT_CP1252:
		return "Windows-1252";
	default:
		return "UTF-8";
	}
}

/* The delimiter of the header line: the most frequent of ; tab , outside
 * quotes (a tie goes to ';', as a Finnish Excel writes). */
static char import_delimiter(const char *s, size_t len)
{
	size_t semi = 0, tab = 0, comma = 0;
	bool quoted = false;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ';')
			semi++;
		else if (!quoted && c == '\t')
			tab++;
		else if (!quoted && c == ',')
			comma++;
	}
	if (semi >= tab && semi >= comma && semi > 0)
		return ';';
	if (tab >= comma && tab > 0)
		return '\t';
	return ',';
}

/* ---- headers ----------------------------------------------------------- */

static const struct {
	enum import_field field;
	const char *key;
	const char *names; /* '|'-separated, folded */
} header_names[] = {
    {IMPORT_F_SURNAME, "surname",
     "sukunimi|efternamn|släktnamn|surname|last name|family name|lastname"},
    {IMPORT_F_GIVEN_NAMES, "given_names",
     "etunimet|etunimi|förnamn|given names|given name|first name|first "
     "names|firstname"},
    {IMPORT_F_NAME, "name",
     "nimi|koko nimi|namn|fullständigt namn|name|full name"},
    {IMPORT_F_GENDER, "gender", "sukupuoli|kön|gender|sex"},
    {IMPORT_F_ORGANISATION, "organisation",
     "organisaatio|taho|edustettu taho|työnantaja|organisation|"
     "organization|employer|arbetsgivare"},
    {IMPORT_F_EMAIL, "email",
     "sähköposti|sähköpostiosoite|s-posti|e-post|e-postadress|epost|"
     "e-mail|email|e-mail address|email address|mail"},
    {IMPORT_F_PHONE, "phone",
     "puhelin|puhelinnumero|puh|puh.|matkapuhelin|telefon|telefonnummer|"
     "tfn|mobil|phone|telephone|phone number|mobile"},
    {IMPORT_F_GROUP, "group",
     "ryhmä|lape-ryhmä|työryhmä|grupp|lape-grupp|group|lape group"},
    {IMPORT_F_SECTORS, "sectors",
     "sektori|sektorit|toimiala|toimialat|edustaa|sektor|sektorer|"
     "representerar|sector|sectors|represents"},
    {IMPORT_F_ROLE, "role",
     "rooli|tehtävä|asema|roll|uppdrag|ställning|role|position"},
    {IMPORT_F_START, "start_date",
     "alkaa|alkupäivä|kausi alkaa|toimikausi alkaa|kauden alku|"
     "toimikauden alku|börjar|startdatum|mandatperiod börjar|"
     "mandatperiodens början|term start|start|start date|from"},
    {IMPORT_F_END, "end_date",
     "päättyy|loppupäivä|kausi päättyy|toimikausi päättyy|kauden loppu|"
     "toimikauden loppu|slutar|slutdatum|mandatperiod slutar|"
     "mandatperiodens slut|term end|end|end date|until|to"},
};
#define N_HEADER_NAMES (sizeof header_names / sizeof header_names[0])

/* S folded, without surrounding blanks, a trailing ':' or '*', and with
 * runs of blanks (and '_') as one space.  Caller frees. */
static char *header_fold(const char *s)
{
	size_t len, n = 0;
	char *f, *out;
	bool space = false;

	s += strspn(s, " \t\r\n");
	len = strlen(s);
	while (len > 0 && strchr(" \t\r\n:*", s[len - 1]))
		len--;
	f = utf8_key(s, len, &len);
	if (!f)
		return NULL;
	out = malloc(len + 1);
	if (!out) {
		free(f);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		char c = f[i];

		if (c == ' ' || c == '\t' || c == '_' || c == '\n' ||
		    c == '\r') {
			space = true;
			continue;
		}
		if (space && n > 0)
			out[n++] = ' ';
		space = false;
		out[n++] = c;
	}
	out[n] = '\0';
	free(f);
	return out;
}

enum import_field import_field_for_header(const char *header)
{
	char *h = header ? header_fold(header) : NULL;
	size_t hl;

	if (!h)
		return IMPORT_F_UNKNOWN;
	hl = strlen(h);
	for (size_t i = 0; hl && i < N_HEADER_NAMES; i++) {
		const char *p = header_names[i].names;

		while (*p) {
			size_t k = strcspn(p, "|"), nl;
			/* the names as written ("förnamn"), keyed as the header
			 */
			char *name = utf8_key(p, k, &nl);
			bool same =
			    name && nl == hl && memcmp(name, h, nl) == 0;

			free(name);
			if (same) {
				free(h);
				return header_names[i].field;
			}
			p += k;
			if (*p)
				p++;
		}
	}
	free(h);
	return IMPORT_F_UNKNOWN;
}

const char *import_field_key(enum import_field f)
{
	for (size_t i = 0; i < N_HEADER_NAMES; i++)
		if (header_names[i].field == f)
			return header_names[i].key;
	return "unknown";
}

/* ---- parsing ----------------------------------------------------------- */

struct parse_state {
	struct import_file *f;
	char **cells; /* the record being read */
	size_t n_cells, cap_cells;
	size_t line;        /* the line being fed */
	size_t record_line; /* where the record being read began */
	bool in_record;
	bool header_done;
	bool failed;   /* out of memory */
	bool too_wide; /* a record with too many fields */
	size_t wide_line;
};

static char *cell_trim(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	return strndup(s, len);
}

static void parse_field(void *data, size_t len, void *arg)
{
	struct parse_state *ps = arg;
	char *cell;

	if (ps->failed || ps->too_wide)
		return;
	if (!ps->in_record) {
		ps->in_record = true;
		ps->n_cells = 0;
	}
	if (ps->n_cells >= IMPORT_MAX_COLUMNS) {
		ps->too_wide = true;
		ps->wide_line = ps->record_line;
		return;
	}
	if (ps->n_cells == ps->cap_cells) {
		size_t cap = ps->cap_cells ? ps->cap_cells * 2 : 16;
		char **c = realloc(ps->cells, cap * sizeof(*c));

		if (!c) {
			ps->failed = true;
			return;
		}
		ps->cells = c;
		ps->cap_cells = cap;
	}
	cell = cell_trim(data ? data : "", data ? len : 0);
	if (!cell) {
		ps->failed = true;
		return;
	}
	ps->cells[ps->n_cells++] = cell;
}

/* ARR, N items of SIZE, with room for one more: grown CHUNK items at a
 * time, so ARR itself while it has room.  NULL when out of memory (ARR is
 * kept). */
static void *room_for_one(void *arr, size_t n, size_t chunk, size_t size)
{
	return n % chunk != 0 ? arr : realloc(arr, (n + chunk) * size);
}

static void parse_free_cells(struct parse_state *ps)
{
	for (size_t i = 0; i < ps->n_cells; i++)
		free(ps->cells[i]);
	ps->n_cells = 0;
}

static bool cells_blank(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cells[i][0])
			return false;
	return true;
}

static int parse_header(struct parse_state *ps)
{
	struct import_file *f = ps->f;

	f->n_cols = ps->n_cells;
	f->headers = ps->cells;
	ps->cells = NULL;
	ps->cap_cells = 0;
	ps->n_cells = 0;
	f->fields = calloc(f->n_cols ? f->n_cols : 1, sizeof(*f->fields));
	if (!f->fields)
		return -1;
	for (size_t i = 0; i < f->n_cols; i++) {
		enum import_field k = import_field_for_header(f->headers[i]);

		/* The first column of a kind counts; a second is unknown. */
		if (k != IMPORT_F_UNKNOWN && f->col[k] >= 0)
			k = IMPORT_F_UNKNOWN;
		f->fields[i] = k;
		if (k != IMPORT_F_UNKNOWN)
			f->col[k] = (int)i;
	}
	return 0;
}

static void parse_record(int c, void *arg)
{
	struct parse_state *ps = arg;
	struct import_file *f = ps->f;
	struct import_row *row;

	(void)c;
	if (!ps->in_record)
		return;
	ps->in_record = false;
	if (ps->failed || ps->too_wide) {
		parse_free_cells(ps);
		return;
	}
	if (!ps->header_done) {
		if (cells_blank(ps->cells, ps->n_cells)) {
			parse_free_cells(ps);
			return;
		}
		ps->header_done = true;
		if (parse_header(ps) != 0)
			ps->failed = true;
		return;
	}
	if (cells_blank(ps->cells, ps->n_cells)) {
		parse_free_cells(ps);
		return;
	}
	if (!(row = room_for_one(f->rows, f->n_rows, 256, sizeof(*row)))) {
		ps->failed = true;
		parse_free_cells(ps);
		return;
	}
	f->rows = row;
	row = &f->rows[f->n_rows];
	row->line = ps->record_line;
	row->extra = false;
	row->cells = calloc(f->n_cols ? f->n_cols : 1, sizeof(char *));
	if (!row->cells) {
		ps->failed = true;
		parse_free_cells(ps);
		return;
	}
	/* Missing cells are empty; cells past the header make the row wrong
	 * only when they hold something. */
	for (size_t i = 0; i < ps->n_cells; i++) {
		if (i < f->n_cols) {
			row->cells[i] = ps->cells[i];
			continue;
		}
		if (ps->cells[i][0])
			row->extra = true;
		free(ps->cells[i]);
	}
	for (size_t i = ps->n_cells; i < f->n_cols; i++)
		if (!(row->cells[i] = strdup("")))
			ps->failed = true;
	ps->n_cells = 0;
	if (ps->failed) {
		for (size_t i = 0; i < f->n_cols; i++)
			free(row->cells[i]);
		free(row->cells);
		return;
	}
	f->n_rows++;
}

static int is_blank_char(unsigned char c)
{
	return c == ' ';
}

/* The length of the line at POS of TEXT (TLEN bytes) with its end: LF,
 * CRLF or a lone CR (old Macs). */
static size_t line_length(const char *text, size_t tlen, size_t pos)
{
	size_t n = 0;

	while (pos + n < tlen && text[pos + n] != '\r' && text[pos + n] != '\n')
		n++;
	if (pos + n < tlen)
		n += text[pos + n] == '\r' && pos + n + 1 < tlen &&
		             text[pos + n + 1] == '\n'
		         ? 2
		         : 1;
	return n;
}

/* TEXT through P into PS, fed a line at a time so that each record knows
 * its first line.  LAPE_OK, or an error with the message in ERR. */
static int parse_lines(struct csv_parser *p, struct parse_state *ps,
                       const char *text, size_t tlen, char *err, size_t errlen)
{
	for (size_t pos = 0, n; pos < tlen && !ps->failed && !ps->too_wide;
	     pos += n, ps->line++) {
		n = line_length(text, tlen, pos);
		if (p->pstate == 0 && !ps->in_record)
			ps->record_line = ps->line;
		if (csv_parse(p, text + pos, n, parse_field, parse_record,
		              ps) == n)
			continue;
		if (csv_error(p) == CSV_ENOMEM)
			return LAPE_ERROR;
		snprintf(err, errlen, _("line %zu: %s"), ps->line,
		         _("a quote is misplaced or not closed"));
		return LAPE_INVALID;
	}
	if (!ps->failed && !ps->too_wide &&
	    csv_fini(p, parse_field, parse_record, ps) != 0) {
		snprintf(err, errlen, _("line %zu: %s"), ps->record_line,
		         _("a quote is not closed by the end of the file"));
		return LAPE_INVALID;
	}
	return LAPE_OK;
}

int import_read(const char *data, size_t len, struct import_file *out,
                char *err, size_t errlen)
{
	struct parse_state ps = {0};
	struct csv_parser p;
	char *text = NULL;
	size_t tlen = 0;
	int rc;

	memset(out, 0, sizeof *out);
	for (int i = 0; i < IMPORT_F_COUNT; i++)
		out->col[i] = -1;
	if (len >= 2 && (memcmp(data, "\xff\xfe", 2) == 0 ||
	                 memcmp(data, "\xfe\xff", 2) == 0)) {
		snprintf(
		    err, errlen, "%s",
		    _("UTF-16 is not read: save the sheet as CSV (UTF-8) or "
		      "CSV (semicolon-separated)"));
		return LAPE_INVALID;
	}
	if (import_decode(data, len, &text, &tlen, &out->encoding) != 0)
		return LAPE_ERROR;
	out->delimiter = import_delimiter(text, tlen);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(text);
		return LAPE_ERROR;
	}
	csv_set_delim(&p, (unsigned char)out->delimiter);
	csv_set_space_func(&p, is_blank_char);
	ps.f = out;
	ps.line = 1;
	rc = parse_lines(&p, &ps, text, tlen, err, errlen);
	if (rc != LAPE_OK)
		goto done;
	if (ps.failed) {
		rc = LAPE_ERROR;
	} else if (ps.too_wide) {
		snprintf(err, errlen,
		         _("line %zu: more than %d columns: not a member list"),
		         ps.wide_line, IMPORT_MAX_COLUMNS);
		rc = LAPE_INVALID;
	} else if (!ps.header_done) {
		snprintf(err, errlen, "%s",
		         _("no header line: the first line names the columns "
		           "(surname, given names, e-mail, ...)"));
		rc = LAPE_INVALID;
	}
done:
	parse_free_cells(&ps);
	free(ps.cells);
	csv_free(&p);
	free(text);
	if (rc != LAPE_OK)
		import_file_clear(out);
	return rc;
}

int import_read_file(const char *path, struct import_file *out, char *err,
                     size_t errlen)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t n;
	int rc;

	memset(out, 0, sizeof *out);
	if (!fp) {
		snprintf(err, errlen, "%s", strerror(errno));
		return LAPE_INVALID;
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s", _("not a regular file"));
		fclose(fp);
		return LAPE_INVALID;
	}
	if ((unsigned long long)st.st_size > IMPORT_MAX_BYTES) {
		snprintf(err, errlen,
		         _("larger than %u MiB: not a member list"),
		         IMPORT_MAX_BYTES / (1024 * 1024));
		fclose(fp);
		return LAPE_INVALID;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		fclose(fp);
		return LAPE_ERROR;
	}
	n = fread(buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		snprintf(err, errlen, "%s", strerror(errno));
		free(buf);
		fclose(fp);
		return LAPE_INVALID;
	}
	fclose(fp);
	rc = import_read(buf, n, out, err, errlen);
	free(buf);
	return rc;
}

void import_file_clear(struct import_file *f)
{
	if (!f)
		return;
	for (size_t r = 0; r < f->n_rows; r++) {
		for (size_t c = 0; c < f->n_cols; c++)
			free(f->rows[r].cells[c]);
		free(f->rows[r].cells);
	}
	free(f->rows);
	for (size_t c = 0; c < f->n_cols; c++)
		free(f->headers[c]);
	free(f->headers);
	free(f->fields);
	memset(f, 0, sizeof *f);
}

/* ---- matching ---------------------------------------------------------- */

/* A small map from text to a number, for the lookups of one import. */
struct smap_ent {
	char *key;
	int64_t val;
	struct smap_ent *next;
};

struct smap {
	struct smap_ent **b;
	size_t nb, n;
};

static size_t smap_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct smap_ent *smap_lookup(const struct smap *m, const char *key)
{
	if (!m->nb)
		return NULL;
	for (struct smap_ent *e = m->b[smap_hash(key) % m->nb]; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static bool smap_get(const struct smap *m, const char *key, int64_t *val)
{
	struct smap_ent *e = smap_lookup(m, key);

	if (e)
		*val = e->val;
	return e != NULL;
}

/* Set KEY to VAL (replacing).  0, or -1 when out of memory. */
static int smap_put(struct smap *m, const char *key, int64_t val)
{
	struct smap_ent *e = smap_lookup(m, key);
	size_t h;

	if (e) {
		e->val = val;
		return 0;
	}
	if (m->n >= m->nb * 2) {
		size_t nb = m->nb ? m->nb * 4 : 256;
		struct smap_ent **b = calloc(nb, sizeof(*b));

		if (!b)
			return -1;
		for (size_t i = 0; i < m->nb; i++)
			for (struct smap_ent *x = m->b[i], *next; x; x = next) {
				next = x->next;
				h = smap_hash(x->key) % nb;
				x->next = b[h];
				b[h] = x;
			}
		free(m->b);
		m->b = b;
		m->nb = nb;
	}
	e = malloc(sizeof(*e));
	if (!e || !(e->key = strdup(key))) {
		free(e);
		return -1;
	}
	e->val = val;
	h = smap_hash(key) % m->nb;
	e->next = m->b[h];
	m->b[h] = e;
	m->n++;
	return 0;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->nb; i++)
		for (struct smap_ent *e = m->b[i], *next; e; e = next) {
			next = e->next;
			free(e->key);
			free(e);
		}
	free(m->b);
	memset(m, 0, sizeof *m);
}

/* S folded with blanks squeezed, for matching ("" for NULL).  Caller
 * frees. */
static char *match_key(const char *s)
{
	return header_fold(s ? s : "");
}

/* "a\x1fb" of two folded texts.  Caller frees. */
static char *match_key2(const char *a, const char *b)
{
	char *x = match_key(a), *y = match_key(b), *out = NULL;

	if (x && y && asprintf(&out, "%s\x1f%s", x, y) < 0)
		out = NULL;
	free(x);
	free(y);
	return out;
}

struct import_run {
	struct lape_db *db;
	const struct rules *rules;
	const struct import_file *f;
	const struct import_options *opt;
	struct import_result *res;
	struct smap by_email, by_name_org, by_name; /* -> person id */
	struct smap groups; /* folded ref -> group id, or a lape_status */
	struct smap seats;  /* "group:person" -> membership id */
	struct smap loaded; /* "group" -> 1 when its seats are in seats */
	struct { /* names of the groups seen, by id: a sheet names a few */
		int64_t gid;
		char *name;
	} * names;
	size_t n_names;
	bool oom;
};

static int run_index_person(struct import_run *run, int64_t id,
                            const char *name, const char *org,
                            const char *email)
{
	char *k;
	int bad = 0;

	if (!db_blank(email)) {
		k = match_key(email);
		bad |= !k || smap_put(&run->by_email, k, id);
		free(k);
	}
	k = match_key2(name, org);
	bad |= !k || smap_put(&run->by_name_org, k, id);
	free(k);
	k = match_key(name);
	if (k && !smap_lookup(&run->by_name, k))
		bad |= smap_put(&run->by_name, k, id);
	bad |= !k;
	free(k);
	return bad ? -1 : 0;
}

static int run_person_cb(const struct person *p, void *arg)
{
	struct import_run *run = arg;

	char *name = person_display_name(p);

	if (!name ||
	    run_index_person(run, p->id, name, p->organisation, p->email))
		run->oom = true;
	free(name);
	return run->oom;
}

/* ---- the result -------------------------------------------------------- */

/* S (or NULL) with its line breaks and tabs as spaces. */
static void one_line(char *s)
{
	for (; s && *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
}

static void res_problem(struct import_run *run, size_t line,
                        enum import_field field, bool error, const char *fmt,
                        ...) __attribute__((format(printf, 5, 6)));

static void res_problem(struct import_run *run, size_t line,
                        enum import_field field, bool error, const char *fmt,
                        ...)
{
	struct import_result *res = run->res;
	struct import_problem *p;
	va_list ap;
	int col =
	    field >= 0 && field < IMPORT_F_COUNT ? run->f->col[field] : -1;

	if (!(p = room_for_one(res->problems, res->n_problems, 64,
	                       sizeof(*p)))) {
		run->oom = true;
		return;
	}
	res->problems = p;
	p = &res->problems[res->n_problems];
	memset(p, 0, sizeof *p);
	p->line = line;
	p->error = error;
	if (col >= 0 && !(p->column = strdup(run->f->headers[col])))
		run->oom = true;
	va_start(ap, fmt);
	if (vasprintf(&p->reason, fmt, ap) < 0) {
		p->reason = NULL;
		run->oom = true;
	}
	va_end(ap);
	if (!p->reason) {
		free(p->column);
		return;
	}
	/* A value quoted from the file may hold a line break: the reason
	 * stays one line wherever it is shown. */
	one_line(p->reason);
	one_line(p->column);
	res->n_problems++;
	if (error)
		res->n_errors++;
	else
		res->n_warnings++;
}

static void res_action(struct import_run *run, size_t line,
                       enum import_what what, const char *person,
                       const char *group, const char *detail)
{
	struct import_result *res = run->res;
	struct import_action *a;

	if (!(a = room_for_one(res->actions, res->n_actions, 256,
	                       sizeof(*a)))) {
		run->oom = true;
		return;
	}
	res->actions = a;
	a = &res->actions[res->n_actions];
	memset(a, 0, sizeof *a);
	a->line = line;
	a->what = what;
	if (db_strdup(&a->person, person) || db_strdup(&a->group, group) ||
	    db_strdup(&a->detail, detail)) {
		free(a->person);
		free(a->group);
		free(a->detail);
		run->oom = true;
		return;
	}
	res->n_actions++;
	switch (what) {
	case IMPORT_ADD_PERSON:
		res->n_people_added++;
		break;
	case IMPORT_CHANGE_PERSON:
		res->n_people_changed++;
		break;
	case IMPORT_ADD_MEMBERSHIP:
		res->n_members_added++;
		break;
	case IMPORT_CHANGE_MEMBERSHIP:
		res->n_members_changed++;
		break;
	}
}

void import_result_clear(struct import_result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->n_actions; i++) {
		free(res->actions[i].person);
		free(res->actions[i].group);
		free(res->actions[i].detail);
	}
	free(res->actions);
	for (size_t i = 0; i < res->n_problems; i++) {
		free(res->problems[i].column);
		free(res->problems[i].reason);
	}
	free(res->problems);
	memset(res, 0, sizeof *res);
}

/* ---- one row ----------------------------------------------------------- */

/* The cell of FIELD in ROW, or NULL when the file has no such column. */
static const char *row_cell(const struct import_run *run,
                            const struct import_row *row,
                            enum import_field field)
{
	int c = run->f->col[field];

	return c >= 0 ? row->cells[c] : NULL;
}

/* The cell of FIELD when the file gives it a value, else NULL. */
static const char *row_value(const struct import_run *run,
                             const struct import_row *row,
                             enum import_field field)
{
	const char *s = row_cell(run, row, field);

	return s && *s ? s : NULL;
}

/* Role labels in the languages other than the one in use: role_parse()
 * knows the keys and the labels of the language in use. */
static const struct {
	const char *label;
	const char *key;
} role_words[] = {
    {"jäsen", "member"},
    {"varsinainen jäsen", "member"},
    {"puheenjohtaja", "chair"},
    {"pj", "chair"},
    {"varapuheenjohtaja", "vice_chair"},
    {"vpj", "vice_chair"},
    {"sihteeri", "secretary"},
    {"medlem", "member"},
    {"ledamot", "member"},
    {"ordförande", "chair"},
    {"vice ordförande", "vice_chair"},
    {"viceordförande", "vice_chair"},
    {"sekreterare", "secretary"},
    {"member", "member"},
    {"chair", "chair"},
    {"chairperson", "chair"},
    {"vice-chair", "vice_chair"},
    {"vice chair", "vice_chair"},
    {"secretary", "secretary"},
};

static int import_role(const char *s, enum member_role *out)
{
	char *k;

	if (role_parse(s, out) == LAPE_OK)
		return 0;
	if (!(k = match_key(s)))
		return -1;
	for (size_t i = 0; i < sizeof role_words / sizeof role_words[0]; i++)
		if (strcmp(k, role_words[i].label) == 0) {
			free(k);
			return role_parse(role_words[i].key, out) == LAPE_OK
			           ? 0
			           : -1;
		}
	free(k);
	return -1;
}

/* The group of the row: --group, else the group column (looked up once
 * per name).  0 after reporting the problem. */
static int64_t row_group(struct import_run *run, const struct import_row *row)
{
	const char *ref = row_value(run, row, IMPORT_F_GROUP);
	int64_t id = 0;
	char *k;
	int rc;

	if (run->opt->group_id)
		return run->opt->group_id;
	if (!ref) {
		res_problem(run, row->line, IMPORT_F_GROUP, true, "%s",
		            _("no group: name the group in this column or give "
		              "--group"));
		return 0;
	}
	if (!(k = match_key(ref))) {
		run->oom = true;
		return 0;
	}
	if (!smap_get(&run->groups, k, &id)) {
		rc = group_find(run->db, ref, &id);
		if (rc != LAPE_OK)
			id = rc;
		if (smap_put(&run->groups, k, id))
			run->oom = true;
	}
	free(k);
	if (id == LAPE_NOTFOUND)
		res_problem(run, row->line, IMPORT_F_GROUP, true,
		            _("no group '%s'"), ref);
	else if (id == LAPE_AMBIGUOUS)
		res_problem(run, row->line, IMPORT_F_GROUP, true,
		            _("several groups are called '%s': use its id"),
		            ref);
	else if (id < 0)
		run->oom = run->oom || id == LAPE_ERROR;
	return id > 0 ? id : 0;
}

/* Fill M's sectors from the cell (keys or labels in any language,
 * separated by , ; / or +).  Returns false after reporting a problem. */
static bool row_sectors(struct import_run *run, const struct import_row *row,
                        struct membership *m)
{
	const char *s = row_value(run, row, IMPORT_F_SECTORS);
	bool ok = true;

	if (!s)
		return true;
	for (size_t i = 0; i < m->n_sectors; i++)
		free(m->sectors[i]);
	m->n_sectors = 0;
	while (*s) {
		size_t k = strcspn(s, ",;/+\n");
		char *item = cell_trim(s, k);
		int idx;

		if (!item) {
			run->oom = true;
			return false;
		}
		if (*item) {
			idx = rules_sector_find(run->rules, item);
			if (idx < 0) {
				res_problem(
				    run, row->line, IMPORT_F_SECTORS, true,
				    _("no sector '%s' in the rules"), item);
				ok = false;
			} else if (m->n_sectors >= MEMBERSHIP_MAX_SECTORS) {
				res_problem(run, row->line, IMPORT_F_SECTORS,
				            true, "%s",
				            _("too many sectors for one seat"));
				ok = false;
			} else {
				bool dup = false;

				for (size_t j = 0; j < m->n_sectors; j++)
					dup |= !strcmp(
					    m->sectors[j],
					    run->rules->sectors[idx].key);
				if (!dup &&
				    membership_add_sector(
				        m, run->rules->sectors[idx].key) !=
				        LAPE_OK)
					run->oom = true;
			}
		}
		free(item);
		s += k;
		if (*s)
			s++;
	}
	return ok;
}

/* Set *DST to VAL when VAL differs (a blank cell changes nothing).
 * Returns whether it changed; sets *OOM when out of memory. */
static bool set_text(char **dst, const char *val, bool *oom)
{
	char *copy;

	if (!val || (*dst && strcmp(*dst, val) == 0))
		return false;
	if (!(copy = strdup(val))) {
		*oom = true;
		return false;
	}
	free(*dst);
	*dst = copy;
	return true;
}

/* Like set_text() for a date: VAL in any accepted form; stored ISO, and a
 * value that is not a date is kept as typed for the validation to name. */
static bool set_date(char **dst, const char *val, bool *oom)
{
	char iso[11];

	if (!val)
		return false;
	if (date_parse(val, iso) == 0)
		val = iso;
	return set_text(dst, val, oom);
}

/* The store's fields that have a column of their own. */
static const struct {
	const char *field;
	enum import_field column;
} store_fields[] = {
    {"gender", IMPORT_F_GENDER},    {"organisation", IMPORT_F_ORGANISATION},
    {"email", IMPORT_F_EMAIL},      {"phone", IMPORT_F_PHONE},
    {"sectors", IMPORT_F_SECTORS},  {"role", IMPORT_F_ROLE},
    {"start_date", IMPORT_F_START}, {"end_date", IMPORT_F_END},
    {"group", IMPORT_F_GROUP},
};

/* Which column a store field of a person or membership came from. */
static enum import_field store_field(const struct import_run *run,
                                     const char *record, const char *field)
{
	if (!strcmp(field, "name") || !strcmp(field, "surname"))
		return run->f->col[IMPORT_F_SURNAME] >= 0 ? IMPORT_F_SURNAME
		                                          : IMPORT_F_NAME;
	if (!strcmp(field, "given_names"))
		return run->f->col[IMPORT_F_GIVEN_NAMES] >= 0
		           ? IMPORT_F_GIVEN_NAMES
		           : IMPORT_F_NAME;
	for (size_t i = 0; i < sizeof store_fields / sizeof *store_fields; i++)
		if (!strcmp(field, store_fields[i].field))
			return store_fields[i].column;
	(void)record;
	return IMPORT_F_UNKNOWN;
}

/* The name the row gives: the name column, or given names and surname.
 * Caller frees; NULL when the row gives none (or out of memory). */
static char *row_name(const struct import_run *run,
                      const struct import_row *row)
{
	const char *full = row_value(run, row, IMPORT_F_NAME);
	const char *sur = row_value(run, row, IMPORT_F_SURNAME);
	const char *given = row_value(run, row, IMPORT_F_GIVEN_NAMES);
	char *out = NULL;

	if (full)
		return strdup(full);
	if (!sur && !given)
		return NULL;
	if (asprintf(&out, "%s%s%s", given ? given : "",
	             given && sur ? " " : "", sur ? sur : "") < 0)
		return NULL;
	return out;
}

/* The surname and given names the row gives: its columns, or its one
 * name split as the upgrade to format 4 splits one (schema_name_split()).
 * The caller frees both; false when out of memory. */
static bool row_name_parts(const struct import_run *run,
                           const struct import_row *row, char **sur,
                           char **given)
{
	const char *full = row_value(run, row, IMPORT_F_NAME);
	const char *s = row_value(run, row, IMPORT_F_SURNAME);
	const char *g = row_value(run, row, IMPORT_F_GIVEN_NAMES);
	bool clear;

	*sur = *given = NULL;
	if (!full || s || g) {
		*sur = strdup(s ? s : "");
		*given = strdup(g ? g : "");
		return *sur && *given;
	}
	return schema_name_split(full, sur, given, &clear) == LAPE_OK;
}

/* Append NAME to the comma-separated list *LIST of what changed. */
static void note_change(char **list, const char *name, bool *oom)
{
	char *s = NULL;

	if (asprintf(&s, "%s%s%s", *list ? *list : "", *list ? ", " : "",
	             name) < 0) {
		*oom = true;
		return;
	}
	free(*list);
	*list = s;
}

/* Load the memberships of group GID into run->seats, once. */
static int run_load_seats(struct import_run *run, int64_t gid)
{
	char key[48];
	struct membership *m = NULL;
	size_t n = 0;
	int64_t dummy;
	int rc;

	snprintf(key, sizeof key, "%lld", (long long)gid);
	if (smap_get(&run->loaded, key, &dummy))
		return LAPE_OK;
	rc = membership_list_group(run->db, gid, &m, &n);
	if (rc != LAPE_OK)
		return rc;
	for (size_t i = n; i-- > 0;) { /* the first seat of a person wins */
		char k[48];

		if (!m[i].person_id)
			continue;
		snprintf(k, sizeof k, "%lld:%lld", (long long)gid,
		         (long long)m[i].person_id);
		if (smap_put(&run->seats, k, m[i].id))
			run->oom = true;
	}
	membership_free_array(m, n);
	return smap_put(&run->loaded, key, 1) ? LAPE_ERROR : LAPE_OK;
}

/* Find the person of the row: by e-mail, then by name and organisation. */
static int64_t row_match(struct import_run *run, const char *name,
                         const char *org, const char *email)
{
	int64_t id = 0;
	char *k;

	if (email) {
		k = match_key(email);
		if (k && smap_get(&run->by_email, k, &id)) {
			free(k);
			return id;
		}
		free(k);
	}
	k = match_key2(name, org);
	if (k && smap_get(&run->by_name_org, k, &id)) {
		free(k);
		return id;
	}
	free(k);
	return 0;
}

/* A copy of the name of group GID in *OUT (each group read once). */
static int group_get_name(struct import_run *run, int64_t gid, char **out)
{
	struct group g = {0};
	size_t i;
	int rc;

	for (i = 0; i < run->n_names && run->names[i].gid != gid; i++)
		;
	if (i == run->n_names) {
		void *more = realloc(run->names, (i + 1) * sizeof *run->names);

		if (!more) {
			run->oom = true;
			return LAPE_ERROR;
		}
		run->names = more;
		rc = group_get(run->db, gid, &g);
		if (rc != LAPE_OK)
			return rc;
		run->names[i].gid = gid;
		run->names[i].name = g.name;
		g.name = NULL;
		group_clear(&g);
		run->n_names++;
	}
	if (db_strdup(out, run->names[i].name)) {
		run->oom = true;
		return LAPE_ERROR;
	}
	return LAPE_OK;
}

/* One row while it is checked and written. */
struct row_work {
	const struct import_row *row;
	const char *org, *email, *phone, *gender_s, *role_s;
	enum person_gender gender;
	enum member_role role;
	struct person p;
	struct membership m;
	char *name, *sur, *given;
	char *pchanged, *mchanged; /* what changed, for the result */
	int64_t pid, gid, mid;
	bool new_person, new_seat, dup, sectors_ok;
	bool refused; /* the store refused the save: a problem of the row */
};

static void row_work_clear(struct row_work *w)
{
	free(w->pchanged);
	free(w->mchanged);
	free(w->name);
	free(w->sur);
	free(w->given);
	person_clear(&w->p);
	membership_clear(&w->m);
}

/* The person of the row: the one in the file, changed as the row says,
 * or a new one; checked by the store's validation. */
static int row_person(struct import_run *run, struct row_work *w)
{
	struct person *p = &w->p;
	const char *field, *msg;
	int rc;

	w->pid = row_match(run, w->name, w->org, w->email);
	w->new_person = w->pid == 0;
	if (!w->new_person) {
		rc = person_get(run->db, w->pid, p);
		if (rc != LAPE_OK)
			return rc;
		bool named = set_text(&p->surname, w->sur, &run->oom);

		named |= set_text(&p->given_names, w->given, &run->oom);
		if (named)
			note_change(&w->pchanged, _("name"), &run->oom);
		if (w->gender_s && p->gender != w->gender) {
			p->gender = w->gender;
			note_change(&w->pchanged, _("gender"), &run->oom);
		}
		if (set_text(&p->organisation, w->org, &run->oom))
			note_change(&w->pchanged, _("organisation"), &run->oom);
		if (set_text(&p->email, w->email, &run->oom))
			note_change(&w->pchanged, _("e-mail"), &run->oom);
		if (set_text(&p->phone, w->phone, &run->oom))
			note_change(&w->pchanged, _("phone"), &run->oom);
	} else {
		int64_t other;
		char *k = match_key(w->name);

		set_text(&p->surname, w->sur, &run->oom);
		set_text(&p->given_names, w->given, &run->oom);
		p->gender = w->gender;
		set_text(&p->organisation, w->org, &run->oom);
		set_text(&p->email, w->email, &run->oom);
		set_text(&p->phone, w->phone, &run->oom);
		w->dup = k && smap_get(&run->by_name, k, &other);
		free(k);
	}
	if (person_validate(p, &field, &msg) != LAPE_OK)
		res_problem(run, w->row->line,
		            store_field(run, "person", field), true, "%s", msg);
	return LAPE_OK;
}

/* Whether the seat's sectors are those it had BEFORE, in any order. */
static bool same_sectors(const struct membership *before,
                         const struct membership *m)
{
	bool same = before->n_sectors == m->n_sectors;

	for (size_t i = 0; same && i < m->n_sectors; i++) {
		bool found = false;

		for (size_t j = 0; j < before->n_sectors; j++)
			found |= !strcmp(m->sectors[i], before->sectors[j]);
		same = found;
	}
	return same;
}

/* The person's seat in the row's group: the one there is, or a new one. */
static int row_find_seat(struct import_run *run, struct row_work *w)
{
	char key[48];
	int rc;

	if (!w->gid)
		return LAPE_OK;
	rc = run_load_seats(run, w->gid);
	if (rc != LAPE_OK)
		return rc;
	snprintf(key, sizeof key, "%lld:%lld", (long long)w->gid,
	         (long long)w->pid);
	if (!w->new_person && smap_get(&run->seats, key, &w->mid))
		return membership_get(run->db, w->mid, &w->m);
	w->mid = 0;
	w->m.group_id = w->gid;
	w->m.role = w->role;
	return LAPE_OK;
}

/* The seat as the row gives it; checked by the store's validation. */
static int row_seat(struct import_run *run, struct row_work *w)
{
	struct membership *m = &w->m, before = {0};
	const char *field, *msg;
	int rc;

	if (w->role_s && import_role(w->role_s, &w->role) != 0)
		res_problem(
		    run, w->row->line, IMPORT_F_ROLE, true,
		    _("'%s' is not a role: chair, vice-chair, secretary "
		      "or member"),
		    w->role_s);
	if ((rc = row_find_seat(run, w)) != LAPE_OK)
		return rc;
	w->new_seat = w->mid == 0;
	if (!w->new_seat && membership_copy(&before, m) != LAPE_OK) {
		run->oom = true;
		return LAPE_OK;
	}
	w->sectors_ok = row_sectors(run, w->row, m);
	if (w->sectors_ok && !w->new_seat && !same_sectors(&before, m))
		note_change(&w->mchanged, _("sectors"), &run->oom);
	membership_clear(&before);
	if (!w->new_seat && w->role_s && m->role != w->role) {
		m->role = w->role;
		note_change(&w->mchanged, _("role"), &run->oom);
	}
	if (set_text(&m->organisation, w->org, &run->oom) && !w->new_seat)
		note_change(&w->mchanged, _("organisation"), &run->oom);
	if (set_date(&m->start_date, row_value(run, w->row, IMPORT_F_START),
	             &run->oom) &&
	    !w->new_seat)
		note_change(&w->mchanged, _("term start"), &run->oom);
	if (set_date(&m->end_date, row_value(run, w->row, IMPORT_F_END),
	             &run->oom) &&
	    !w->new_seat)
		note_change(&w->mchanged, _("term end"), &run->oom);
	if (w->gid && w->sectors_ok) {
		m->person_id =
		    w->pid ? w->pid : 1; /* a new person: no id yet */
		if (membership_validate(m, &field, &msg) != LAPE_OK)
			res_problem(run, w->row->line,
			            store_field(run, "membership", field), true,
			            "%s", msg);
	}
	return LAPE_OK;
}

/* Save what the row adds or changes.  A save that still fails is an
 * error of the row, and a file with an error is never committed, so what
 * the row wrote before it needs no savepoint of its own. */
static int row_save(struct import_run *run, struct row_work *w)
{
	const char *field;
	int rc = LAPE_OK;

	if (w->new_person || w->pchanged)
		rc = person_save(run->db, &w->p);
	if (rc == LAPE_OK) {
		w->m.person_id = w->p.id;
		if (w->new_seat || w->mchanged)
			rc = membership_save(run->db, &w->m);
	}
	if (rc == LAPE_INVALID || rc == LAPE_CONFLICT || rc == LAPE_NOTFOUND) {
		field = db_errfield(run->db);
		res_problem(run, w->row->line,
		            store_field(run, "membership", field ? field : ""),
		            true, "%s", db_errmsg(run->db));
		w->refused = true;
		return LAPE_OK;
	}
	return rc;
}

/* What the row did, into the result; and into the indexes, so that later
 * rows see it. */
static void row_report(struct import_run *run, struct row_work *w)
{
	size_t line = w->row->line;
	char *group_name = NULL, key[48];

	if (group_get_name(run, w->gid, &group_name) != LAPE_OK)
		return;
	if (w->new_person) {
		res_action(run, line, IMPORT_ADD_PERSON, w->name, NULL, NULL);
		if (w->dup)
			res_problem(
			    run, line, IMPORT_F_EMAIL, false,
			    _("%s: a person of the same name is already "
			      "in the file with another e-mail; added as "
			      "a new person: check that they are not the "
			      "same"),
			    w->name);
	} else if (w->pchanged) {
		res_action(run, line, IMPORT_CHANGE_PERSON, w->name, NULL,
		           w->pchanged);
	}
	if (w->new_seat)
		res_action(run, line, IMPORT_ADD_MEMBERSHIP, w->name,
		           group_name, NULL);
	else if (w->mchanged)
		res_action(run, line, IMPORT_CHANGE_MEMBERSHIP, w->name,
		           group_name, w->mchanged);
	if (!w->new_person && !w->pchanged && !w->new_seat && !w->mchanged)
		run->res->n_unchanged++;
	if (run_index_person(run, w->p.id, w->name, w->p.organisation,
	                     w->p.email))
		run->oom = true;
	snprintf(key, sizeof key, "%lld:%lld", (long long)w->gid,
	         (long long)w->p.id);
	if (smap_put(&run->seats, key, w->m.id))
		run->oom = true;
	free(group_name);
}

/* One row: check it whole with the store's validation, then save what it
 * adds or changes (the whole file is undone when any row fails).
 * Returns LAPE_OK (problems go to the result) or a failure of the file. */
static int import_row(struct import_run *run, const struct import_row *row)
{
	struct row_work w = {.row = row,
	                     .role = ROLE_MEMBER,
	                     .gender = GENDER_UNSTATED,
	                     .sectors_ok = true};
	size_t errors = run->res->n_errors;
	int rc = LAPE_OK;

	w.org = row_value(run, row, IMPORT_F_ORGANISATION);
	w.email = row_value(run, row, IMPORT_F_EMAIL);
	w.phone = row_value(run, row, IMPORT_F_PHONE);
	w.gender_s = row_value(run, row, IMPORT_F_GENDER);
	w.role_s = row_value(run, row, IMPORT_F_ROLE);
	w.name = row_name(run, row);
	if (row->extra)
		res_problem(run, row->line, IMPORT_F_UNKNOWN, true, "%s",
		            _("more fields than the header line has columns"));
	if (!w.name) {
		res_problem(run, row->line,
		            run->f->col[IMPORT_F_NAME] >= 0 ? IMPORT_F_NAME
		                                            : IMPORT_F_SURNAME,
		            true, "%s", _("no name"));
		goto out;
	}
	if (w.gender_s && gender_parse(w.gender_s, &w.gender) != LAPE_OK)
		res_problem(run, row->line, IMPORT_F_GENDER, true,
		            _("'%s' is not a gender: woman, man or other"),
		            w.gender_s);
	w.gid = row_group(run, row);
	if (!row_name_parts(run, row, &w.sur, &w.given)) {
		run->oom = true;
		goto out;
	}
	if ((rc = row_person(run, &w)) != LAPE_OK ||
	    (rc = row_seat(run, &w)) != LAPE_OK)
		goto out;
	if (run->res->n_errors > errors || run->oom)
		goto out;
	rc = row_save(run, &w);
	if (rc == LAPE_OK && !w.refused)
		row_report(run, &w);
out:
	row_work_clear(&w);
	if (run->oom)
		return LAPE_ERROR;
	return rc;
}

/* ---- the whole file ---------------------------------------------------- */

/* Problems of the file as a whole: columns not understood, no name, no
 * group.  Returns whether the rows can be read at all. */
static bool import_columns(struct import_run *run)
{
	const struct import_file *f = run->f;
	bool ok = true;

	for (size_t c = 0; c < f->n_cols; c++) {
		if (f->fields[c] != IMPORT_F_UNKNOWN)
			continue;
		if (!f->headers[c][0])
			continue; /* an empty column past the data */
		res_problem(run, 0, IMPORT_F_UNKNOWN, false,
		            _("column '%s' is not known: ignored"),
		            f->headers[c]);
	}
	if (f->col[IMPORT_F_NAME] < 0 && f->col[IMPORT_F_SURNAME] < 0) {
		res_problem(run, 0, IMPORT_F_UNKNOWN, true, "%s",
		            _("no surname column (sukunimi, efternamn, "
		              "surname) and no name column"));
		ok = false;
	}
	if (!run->opt->group_id && f->col[IMPORT_F_GROUP] < 0) {
		res_problem(run, 0, IMPORT_F_UNKNOWN, true, "%s",
		            _("no group column (ryhmä, grupp, group): give "
		              "--group"));
		ok = false;
	}
	return ok;
}

int import_run(struct lape_db *db, const struct rules *r,
               const struct import_file *f, const struct import_options *opt,
               struct import_result *out)
{
	struct import_run run = {0};
	int rc;

	memset(out, 0, sizeof *out);
	run.db = db;
	run.rules = r;
	run.f = f;
	run.opt = opt;
	run.res = out;
	out->n_rows = f->n_rows;
	if (!import_columns(&run))
		return run.oom ? LAPE_ERROR : LAPE_OK;
	/* A whole sheet is one transaction: room for its pages, so that they
	 * are not spilled to the -wal before the commit. */
	sqlite3_exec(db->sql, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
	rc = db_begin(db);
	if (rc != LAPE_OK)
		return rc;
	rc = person_list(db, NULL, 0, 0, run_person_cb, &run);
	if (run.oom)
		rc = LAPE_ERROR;
	for (size_t i = 0; rc == LAPE_OK && i < f->n_rows; i++)
		rc = import_row(&run, &f->rows[i]);
	if (rc == LAPE_OK && opt->apply && out->n_errors == 0) {
		rc = db_commit(db);
		out->applied = rc == LAPE_OK;
	} else {
		db_rollback(db);
	}
	if (rc == LAPE_ERROR && run.oom)
		db_fail(db, LAPE_ERROR, NULL, "%s", strerror(ENOMEM));
	smap_free(&run.by_email);
	smap_free(&run.by_name_org);
	smap_free(&run.by_name);
	smap_free(&run.groups);
	smap_free(&run.seats);
	smap_free(&run.loaded);
	for (size_t i = 0; i < run.n_names; i++)
		free(run.names[i].name);
	free(run.names);
	return rc;
}
