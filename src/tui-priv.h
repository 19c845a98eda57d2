/* tui-priv.h -- what the screen modules share: the application state, the
 * screen stack, keys, drawing helpers, the list widget, forms, pick lists
 * and dialogs.  Internal to src/tui*.c; nothing outside includes it. */

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
#ifndef LAPE_TUI_PRIV_H
#define LAPE_TUI_PRIV_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <form.h>
#include <menu.h>
#include <panel.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "lape/app.h"
#include "lape/check.h"
#include "lape/ctx.h"
#include "lape/rules.h"
#include "lape/store.h"

/* The design size: smaller terminals get "Enlarge the terminal". */
#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

/* ---- keys -------------------------------------------------------------- */

/* A key is a character (its wide value) or a curses key code with TK_FN
 * set, so that codes never collide with characters such as U+0102. */
#define TK_FN 0x40000000
#define TK(code) ((code) | TK_FN)
#define TK_CTRL(c) ((c)&0x1f)
#define TK_ESC 27
#define TK_NONE (-1)

/* A sequence lape has no use for (swallowed, never Esc). */
#define TK_IGNORED TK(0xffff)

/* tui-keys.c: set up the keys of the terminal just started (the escape
 * delay, the sequences of common terminals whatever TERM says). */
void tui_keys_init(void);
/* The next key, waiting at most MS ms (-1: until one comes): TK_NONE when
 * none came.  A byte that makes no character is dropped with a message
 * (tui_note), never blocks. */
int tui_getkey_wait(int ms);
int tui_getkey(void);
/* Whether input is waiting (a paste being absorbed): draw afterwards. */
bool tui_key_pending(void);
/* Drop what was typed ahead: before a question it must not answer. */
void tui_key_flush(void);
/* tui.c, for the keys: say MSG on the message line at once; whether the
 * locale is UTF-8; the terminal has gone (exit). */
void tui_note(const char *msg);
void tui_resized(void);
bool tui_utf8_locale(void);
void tui_hangup(void) __attribute__((noreturn));

bool tui_key_enter(int k);
bool tui_key_printable(int k);

/* ---- the application --------------------------------------------------- */

struct tui;
struct screen;

/* ---- keymaps (tig's model) --------------------------------------------- */

/* What a key does.  Each screen has ONE keymap, a table of bindings, from
 * which its dispatch, its help screen and its key line all come. */
enum tui_action {
	ACT_NONE = 0,
	/* the main loop's own */
	ACT_HELP,
	ACT_BACK,
	ACT_QUIT,
	ACT_REDRAW,
	/* moving in a list (tui_list_act) */
	ACT_DOWN,
	ACT_UP,
	ACT_PGDN,
	ACT_PGUP,
	ACT_FIRST,
	ACT_LAST,
	/* the screens' */
	ACT_OPEN,
	ACT_SEARCH,
	ACT_NEW,
	ACT_EDIT,
	ACT_DELETE,
	ACT_END,
	ACT_LEVEL,
	ACT_STATUS,
	ACT_CLEAR,
	ACT_GROUPS,
	ACT_PEOPLE,
	ACT_AGENTS,
	ACT_LINK,
	ACT_AGENT,
	ACT_WARNINGS,
	ACT_HISTORY,
	ACT_UNDO,
	ACT_REDO,
	ACT_ERASE,
	ACT_IMPORT,
	ACT_REPORT,
	ACT_MERGE,
	ACT_SERVER,
	ACT_LAPTOP,
	/* forms, pick lists and dialogs */
	ACT_NEXT,
	ACT_PREV,
	ACT_SAVE,
	ACT_CANCEL,
	ACT_CHOOSE,
	ACT_MARK,
	ACT_YES,
	ACT_NO,
	ACT_KEEP,
	ACT_OVERWRITE,
	ACT_DISCARD,
};

#define TUI_BIND_KEYS 6

struct tui_binding {
	int action;              /* ACT_NONE ends a table */
	int keys[TUI_BIND_KEYS]; /* the keys, 0-terminated; the first is
	                            the one the key line shows */
	const char *help;        /* N_(): the help screen's line */
	const char *word;        /* N_(): its word on the key line, or
	                            NULL: not on the key line */
	bool keep;               /* on the key line even when it is full */
};

/* The list movement bindings every screen with a list has. */
/* clang-format off */
#define TUI_BIND_MOVE \
	{ACT_DOWN, {'j', TK(KEY_DOWN), TK_CTRL('n')}, N_("move down"), NULL, false}, \
	{ACT_UP, {'k', TK(KEY_UP), TK_CTRL('p')}, N_("move up"), NULL, false}, \
	{ACT_PGDN, {TK(KEY_NPAGE), TK_CTRL('f'), ' '}, N_("page down"), NULL, false}, \
	{ACT_PGUP, {TK(KEY_PPAGE), TK_CTRL('b')}, N_("page up"), NULL, false}, \
	{ACT_FIRST, {'g', TK(KEY_HOME)}, N_("first"), NULL, false}, \
	{ACT_LAST, {'G', TK(KEY_END)}, N_("last"), NULL, false}
/* ? and F1: this screen's keys; q and Esc: back to the screen before. */
#define TUI_BIND_HELP {ACT_HELP, {'?', TK(KEY_F(1))}, N_("this help"), N_("help"), true}
#define TUI_BIND_BACK {ACT_BACK, {'q', TK_ESC}, N_("back"), N_("back"), true}
#define TUI_BIND_END {ACT_NONE, {0}, NULL, NULL, false}
/* clang-format on */

/* The bindings that work on every screen (after the screen's own). */
extern const struct tui_binding tui_keys_everywhere[];

/* The keymaps of the forms, pick lists and dialogs, NULL-terminated (for
 * tui_keymaps_check). */
extern const struct tui_binding *const tui_modal_keymaps[];

extern const struct tui_binding tui_form_keys[];
extern const struct tui_binding tui_pick_keys[];
extern const struct tui_binding tui_pick_multi_keys[];

/* The action of key K in MAP: ACT_NONE when it has none. */
int tui_keymap_action(const struct tui_binding *map, int k);
/* The binding of ACTION in MAP, or NULL. */
const struct tui_binding *tui_keymap_find(const struct tui_binding *map,
                                          int action);
/* The name of key K as the user reads it, in the language in use
 * ("Enter", "Space", "^L", "PgDn"), into BUF. */
const char *tui_key_name(int k, char *buf, size_t len);
/* The keys of binding B, named and joined with blanks, into BUF. */
void tui_binding_keys(const struct tui_binding *b, char *buf, size_t len);
/* The key line of MAP ("Enter:open /:search ... ?:help q:back") in at
 * most COLS columns: bindings without KEEP give way from the end. */
void tui_keyline_build(const struct tui_binding *map, int cols, char *buf,
                       size_t len);
/* Whether the keymaps of every screen hold no key twice and no key-line
 * word twice (in the language in use), and the dialogs' answer keys are
 * no list keys.  Prints what is wrong on stderr. */
bool tui_keymaps_check(void);
/* The keys that answer a question: yes (translated) and no. */
bool tui_key_yes(int k);
bool tui_key_no(int k);

struct screen_ops {
	const char *name; /* N_(), the title of the help screen */
	/* Load what the screen shows; ARG as given to tui_push().  0 or -1
	 * (then the screen is not pushed and a message says why). */
	int (*open)(struct tui *t, struct screen *s, const void *arg);
	/* Draw into stdscr from the loaded data (no queries): called after
	 * every key, so it must be cheap; curses sends only what changed. */
	void (*draw)(struct tui *t, struct screen *s);
	/* Do ACTION (from the keymap; K is the key that was pressed): true
	 * if done, false for the main loop's own handling. */
	bool (*act)(struct tui *t, struct screen *s, int action, int k);
	/* Reload after the data changed (a write here or deeper). */
	void (*reload)(struct tui *t, struct screen *s);
	void (*close)(struct tui *t, struct screen *s);
	const struct tui_binding *keymap; /* terminated by ACT_NONE */
};

struct screen {
	const struct screen_ops *ops;
	void *data;
	unsigned generation; /* of the data it shows */
	bool gone; /* reload found its record deleted: the loop pops it */
	char title[160];
};

#define TUI_STACK_MAX 16

enum tui_msg_kind { MSG_INFO, MSG_ERROR };

struct tui {
	struct lape_ctx *ctx;
	struct lape_db *db;
	const struct rules *rules;
	const char *today;
	struct screen stack[TUI_STACK_MAX];
	int depth;
	bool quit;
	unsigned generation;  /* bumped by every write */
	int64_t data_version; /* db_data_version() when last looked */
	unsigned resizes;     /* KEY_RESIZEs read: windows built before are
	                         stale (curses cut them to a smaller size) */
	char msg[512];
	int msg_kind;
	bool utf8;
	bool color;
	const char *mark_ok;    /* "✓" or "[x]" */
	const char *mark_bad;   /* "✗" or "[ ]" */
	const char *marker;     /* "▶" or ">" */
	const char *ellipsis;   /* "…" or "~" */
	int cur_y, cur_x;       /* where the hardware cursor goes */
	const char *modal_keys; /* key line of a form or dialog, or NULL */
	bool marker_moved;      /* a list's marker moved in this draw */
	bool list_scrolled;     /* a list scrolled in this draw */
	int mark_mode;          /* MARK_*: where lists draw their marker */
	int64_t undo_after;     /* the journal's last entry when lape
	                           started: undo goes no further back */
};

/* Where a list draws its marker (tui_render draws in steps). */
enum { MARK_SEL = 0, MARK_NONE = 1, MARK_PREV = 2 };

/* Content rows: between the title (row 0) and the two bottom lines. */
#define TUI_TOP 1
static inline int tui_bottom(void)
{
	return LINES - 2;
} /* exclusive */

bool tui_too_small(void);
int tui_push(struct tui *t, const struct screen_ops *ops, const void *arg);
void tui_pop(struct tui *t);
struct screen *tui_top_screen(struct tui *t);
/* Draw the current screen and the bottom lines into stdscr and update the
 * terminal (panels on top included). */
void tui_render(struct tui *t);
/* update_panels() after stdscr was refreshed. */
void tui_update_panels(void);
/* After KEY_RESIZE or Ctrl-L: repaint everything from scratch. */
void tui_repaint(struct tui *t);
/* Say something on the message line until the next key. */
void tui_msg(struct tui *t, int kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Report a store status on the message line (one place for errors). */
void tui_report(struct tui *t, int rc);
/* A write happened: every screen reloads when it is shown again. */
void tui_changed(struct tui *t);
/* A screen's record was deleted (by someone else, or below): say so and
 * go back (the main loop pops S). */
void tui_gone(struct tui *t, struct screen *s, const char *msg);
/* Before a wait for a key: no statement left un-reset, no transaction
 * open (an open read keeps the -wal file from being reset). */
void tui_idle_check(void);
/* Wait in a modal loop until the terminal is large enough again (after
 * KEY_RESIZE); the caller then rebuilds its windows. */
void tui_wait_size(struct tui *t);

/* Run FN(ARG) and, while it returns LAPE_BUSY, say "busy, retrying" and
 * try again a few times.  Returns FN's last status. */
int tui_retry(struct tui *t, int (*fn)(void *arg), void *arg);

/* ---- drawing helpers --------------------------------------------------- */

#ifndef ARRAY_LEN
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Write S at (Y, X) in at most W columns, padded with blanks to W when
 * PAD.  Text too long ends with an ellipsis after its last whole word
 * that fits (utf8_fit_words), inside a word only when it is a single
 * one too long (an e-mail address).  Returns columns. */
int tui_put(WINDOW *w, int y, int x, int width, const char *s, bool pad);
/* Bytes of S that make its next line of at most WIDTH columns, broken
 * at a blank when there is one (never inside a character); the caller
 * skips the blanks after it. */
size_t tui_wrap_next(const char *s, int width);
/* S into BUF, shortened as tui_put() shortens it to COLS columns
 * (after a whole word, with an ellipsis). */
void tui_fit(char *buf, size_t len, const char *s, int cols);
/* S cut or padded with blanks to COLS display columns, into BUF. */
void tui_pad(char *buf, size_t len, const char *s, int cols);
/* A column wide enough for the widest of LABELS (translated) and one
 * blank, at least MIN and at most MAX. */
int tui_col_width(const char *const *labels, size_t n, int min, int max);
/* The same, right-aligned in W columns. */
void tui_put_right(WINDOW *w, int y, int x, int width, const char *s);
/* Draw the mark of a complete (OK) or incomplete item at (Y, X): the
 * symbol carries the meaning, colour (if any) only repeats it.  Returns the
 * columns used. */
int tui_mark(struct tui *t, WINDOW *w, int y, int x, bool ok);
/* snprintf() that never cuts inside a UTF-8 character when BUF is too
 * small for the whole text. */
int tui_fmt(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The end of S that fits in COLS columns (the part being typed). */
const char *tui_tail(const char *s, int cols);
/* Whether the data file cannot be written (then the title says so and
 * the actions that edit say why they do nothing). */
bool tui_read_only(const struct tui *t);
bool tui_action_edits(const struct screen_ops *ops, int action);
/* Title bar text on row 0 ("read-only" at its end when it is). */
void tui_title(struct tui *t, const char *s);
/* A date for display ("1.10.2016"); empty for NULL. */
const char *tui_date(const char *iso, char buf[11]);
/* "1.10.2016–31.12.2018", "from 1.10.2016", or "" */
void tui_term(struct tui *t, const char *start, const char *end, char *buf,
              size_t len);
/* The name of a region by code in the language in use, or CODE. */
const char *tui_region_name(struct tui *t, const char *code);
/* Sector labels of KEYS joined with ", " into BUF. */
void tui_sectors(struct tui *t, char *const *keys, size_t n, char *buf,
                 size_t len);
/* utf8_match(): substring without regard to case or accents, as the
 * store searches. */
bool tui_match(const char *hay, const char *needle);

/* ---- the list widget --------------------------------------------------- */

/* A list shows rows [top, top+h) of COUNT rows, with a marker in its first
 * column on the selected one.  Rows come from a source that loads one
 * page at a time (PAGE rows from OFFSET), so long lists are never loaded
 * whole. */
struct tui_list {
	int y, x, h, w;
	int rh; /* screen rows per item (1 unless set) */
	size_t count;
	size_t top, sel;
	size_t page_off, page_n; /* rows loaded */
	size_t drawn_top;        /* top when last drawn */
	size_t drawn_sel;        /* sel when last drawn */
	size_t prev_sel;         /* sel the time before */
	bool drawn;
	bool page_valid;
	/* Load rows [off, off+n) into the owner's page; return 0 or status. */
	int (*load)(void *owner, size_t off, size_t n);
	/* Draw row I (loaded) at (y, x) in w columns (and rh rows). */
	void (*draw_row)(void *owner, size_t i, int y, int x, int w);
	void *owner;
};

void tui_list_init(struct tui_list *l, int (*load)(void *, size_t, size_t),
                   void (*draw_row)(void *, size_t, int, int, int),
                   void *owner);
void tui_list_place(struct tui_list *l, int y, int x, int h, int w);
/* New COUNT (after a reload): keeps the selection in range, drops the
 * page. */
void tui_list_reset(struct tui_list *l, size_t count);
/* Make sure the visible rows are loaded; 0 or a status. */
int tui_list_fetch(struct tui_list *l);
void tui_list_draw(struct tui *t, struct tui_list *l);
/* Movement actions (ACT_DOWN...): true when ACTION was one. */
bool tui_list_act(struct tui_list *l, int action);
/* Whether ACTION takes the selection to the end of the rows L knows of,
 * or within two screens of it: where a list counted only so far (the
 * people's and the groups' searches) counts the rest first. */
bool tui_list_nears_end(const struct tui_list *l, int action);
/* Index of the selected row within the loaded page, or -1. */
long tui_list_cur(const struct tui_list *l);
/* After a reload: the selection back on the row whose id is ID (ROW_ID
 * gives the id of row I of what load() last loaded), looked for around
 * where it was; where that row is gone the selection stays where it was,
 * on the nearest row. */
void tui_list_follow(struct tui_list *l, int64_t id,
                     int64_t (*row_id)(void *owner, size_t i));

/* ---- dialogs ----------------------------------------------------------- */

/* Ask a yes/no question; true for yes. */
bool tui_confirm(struct tui *t, const char *question);
/* The same after TEXT (lines split at '\n', each wrapped), in a box
 * titled TITLE; keys typed ahead do not answer it. */
bool tui_confirm_text(struct tui *t, const char *title, const char *text,
                      const char *question);
/* A changed form is being left: "Discard your changes? y/n", never
 * answered by keys typed ahead.  True for yes. */
bool tui_confirm_discard(struct tui *t);
/* Show lines of text in a box until a key; returns the key. */
int tui_message(struct tui *t, const char *title, const char *const *lines,
                size_t n, const char *keys);
/* Read a line of text on the message line (form library); CHANGED, if
 * not NULL, is called with the text after every edit (live search).
 * Returns a string the caller frees, or NULL on Esc. */
char *tui_prompt(struct tui *t, const char *label, const char *initial,
                 void (*changed)(struct tui *, const char *, void *),
                 void *arg);

/* Apply an editing key (characters, arrows, Backspace, ^U...) to FORM's
 * current field: true if K was one. */
bool tui_form_edit_key(FORM *form, int k);

/* ---- pick lists (menu library) ----------------------------------------- */

struct tui_pick_item {
	char *label;
	char *key;
	bool on; /* multi-select: chosen */
};

struct tui_pick {
	const char *title;
	bool multi;
	const char *new_label; /* if set, an item to create a new record */
	bool show_all; /* a source with a "show all" item: it was chosen */
	/* Fill the items for FILTER with tui_pick_add(). */
	int (*fill)(struct tui *t, struct tui_pick *p, const char *filter);
	void *ctx;
	/* internal */
	struct tui_pick_item *items;
	size_t n, cap;
	char **chosen; /* multi: keys chosen, kept across filters */
	size_t n_chosen;
	char *filter; /* as typed, however long (tui_pick_free frees it) */
	size_t filter_cap;
};

enum { PICK_CANCEL = 0, PICK_CHOSEN = 1, PICK_NEW = 2 };

void tui_pick_add(struct tui_pick *p, const char *label, const char *key);
/* Run the pick list.  Single: the item's key and label in KEY and LABEL (caller
 * frees) get the item. Multi: p->chosen (keys) holds the result, preset by the
 * caller with tui_pick_preset().  PICK_NEW: the user asked for a new record;
 * the filter typed is in p->filter. */
int tui_pick_run(struct tui *t, struct tui_pick *p, const char *filter,
                 char **key, char **label);
void tui_pick_preset(struct tui_pick *p, const char *key);
void tui_pick_free(struct tui_pick *p);

/* Ready-made sources. */
int tui_pick_fill_region(struct tui *t, struct tui_pick *p, const char *f);
int tui_pick_fill_municipality(struct tui *t, struct tui_pick *p,
                               const char *f); /* ctx: region code or NULL */
int tui_pick_fill_sector(struct tui *t, struct tui_pick *p, const char *f);
/* ctx: pointer to enum group_level */
int tui_pick_fill_role(struct tui *t, struct tui_pick *p, const char *f);
int tui_pick_fill_person(struct tui *t, struct tui_pick *p, const char *f);
int tui_pick_fill_regional_group(struct tui *t, struct tui_pick *p,
                                 const char *f);
/* A label for a municipality: "Närpiö (Närpes)". Caller frees. */
char *tui_municipality_label(const struct municipality *m);
/* The labels of the N municipality CODES (a code itself where the file
 * has no such municipality) joined with ", "; NULL for none.  Caller
 * frees. */
char *tui_municipality_labels(struct tui *t, char *const *codes, size_t n);

/* ---- forms (form library) ---------------------------------------------- */

enum tui_field_kind {
	TF_TEXT,
	TF_DATE, /* date_parse(); shown as typed, stored ISO */
	TF_EMAIL,
	TF_NUMBER,
	TF_PICK, /* chosen from a list: value is the label, key the code */
	TF_MULTI /* several keys, comma-separated in key */
};

struct tui_form;

struct tui_field {
	const char *name;  /* as the store names it in *_validate */
	const char *label; /* N_() */
	int kind;
	int width;
	bool required;
	/* TF_PICK/TF_MULTI: fill the pick list (with p->ctx = pick_ctx). */
	int (*fill)(struct tui *t, struct tui_pick *p, const char *f);
	void *pick_ctx;
	const char *new_label; /* pick: offer "new ..." */
	/* Called for PICK_NEW (e.g. create a person in the same flow):
	 * return true when it set value/key. */
	bool (*on_new)(struct tui *t, struct tui_form *f, struct tui_field *fd,
	               const char *typed);
	/* After an item was chosen (or a new record made): fill in what
	 * follows from it (a membership's organisation from the person's). */
	void (*picked)(struct tui *t, struct tui_form *f, struct tui_field *fd);
	/* state */
	char *value; /* text shown (owned) */
	char *key;   /* pick: code/id (owned) */
	char msg[160];
	size_t max; /* text: the store's limit (store_text_max), 0 none */
	bool over;  /* msg says the value is over it */
};

enum { FORM_CANCEL = 0, FORM_SAVED = 1 };
/* Return of save(): */
enum { SAVE_OK = 0, SAVE_AGAIN = 1, SAVE_DISCARD = 2 };

struct tui_form {
	const char *title;
	const char *record; /* "group", "person"...: for store_text_max() */
	struct tui_field *fields;
	size_t n;
	/* Build the record from the fields and write it: SAVE_OK, SAVE_AGAIN
	 * (messages set, keep editing) or SAVE_DISCARD (leave, nothing
	 * written). */
	int (*save)(struct tui *t, struct tui_form *f);
	void *ctx;
	/* internal */
	WINDOW *win;
	PANEL *panel;
	FORM *form;
	FIELD **cf;
	int cur;
	unsigned resizes; /* t->resizes when the window was built */
};

/* Set a field's value (and key); the strings are copied. */
void tui_field_set(struct tui_field *fd, const char *value, const char *key);
struct tui_field *tui_form_field(struct tui_form *f, const char *name);
/* The text of a field ("" if none), trimmed. */
const char *tui_form_text(struct tui_form *f, const char *name);
/* Put MSG beside field NAME (or on the message line if unknown). */
void tui_form_error(struct tui *t, struct tui_form *f, const char *name,
                    const char *msg);
int tui_form_run(struct tui *t, struct tui_form *f);
void tui_form_free(struct tui_form *f);
/* Parse date field NAME into ISO (OUT empty when blank): false (and a
 * message beside the field) when it is not a date. */
bool tui_form_date(struct tui *t, struct tui_form *f, const char *name,
                   char out[11]);

/* A record changed under us: show both versions (field label, yours,
 * theirs) and ask: 'o' overwrite, 'd' discard, Esc go on editing.
 * THEIRS holds the values in field order; WHO, if not empty, says who
 * saved them and when.  Returns 'o', 'd' or 0. */
int tui_conflict(struct tui *t, struct tui_form *f, char *const *theirs,
                 const char *who);

/* ---- record forms shared by screens (tui-edit.c) ------------------------ */

/* Each returns FORM_SAVED or FORM_CANCEL. */
/* NEW_ID, if not NULL, gets the id of the group saved. */
int tui_edit_group(struct tui *t, int64_t id, const char *region,
                   int64_t *new_id);
/* A new group: the form, then the new group's screen (to add its
 * members at once). */
void tui_new_group(struct tui *t, const char *region);
int tui_edit_person(struct tui *t, int64_t id, int64_t *new_id);
int tui_edit_membership(struct tui *t, int64_t group_id, int64_t id);
int tui_edit_agent(struct tui *t, const char *region);
/* End membership ID on a date asked for (default today). */
int tui_end_membership(struct tui *t, int64_t id);

/* ---- screens ----------------------------------------------------------- */

extern const struct screen_ops screen_overview;
extern const struct screen_ops screen_groups; /* arg: region code or NULL */
extern const struct screen_ops screen_group;  /* arg: int64_t * id */
extern const struct screen_ops screen_people;
extern const struct screen_ops screen_person; /* arg: int64_t * id */
extern const struct screen_ops screen_agents;
extern const struct screen_ops screen_help;    /* arg: screen ops */
extern const struct screen_ops screen_import;  /* arg: tui_import_arg */
extern const struct screen_ops screen_history; /* arg: tui_history_arg */
extern const struct screen_ops screen_merge;   /* arg: the file's path */
extern const struct screen_ops screen_search;  /* arg: the text */

/* tui-search.c: / on the overview: groups and people that match. */
void tui_search_start(struct tui *t);

/* tui-merge.c: ask for a laptop's file and show its merge. */
void tui_merge_start(struct tui *t);

/* tui-history.c: the history of a group or a person (one of the ids). */
struct tui_history_arg {
	int64_t group_id, person_id;
	const char *name;
};
/* u and ^R: undo (REDO: redo) the user's last change since lape
 * started, and say what it was. */
void tui_undo(struct tui *t, bool redo);

/* tui-import.c: ask for a CSV file and show its dry run into group
 * GROUP_ID, from which w writes it. */
void tui_import_into(struct tui *t, int64_t group_id, const char *group_name);
/* Ask where, then write the meeting report of group GROUP_ID (or, when
 * 0, of region REGION) there; the message line says where it went. */
void tui_report_write(struct tui *t, int64_t group_id, const char *region);

/* Every screen, for the keymap check. */
extern const struct screen_ops *const tui_screens[];

#endif
