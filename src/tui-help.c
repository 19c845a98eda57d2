/* tui-help.c -- the help screen: the keys of the screen it was opened
 * from (its screen_ops help table), then the keys that work everywhere. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "lape/i18n.h"
#include "lape/utf8.h"
#include "tui-priv.h"

struct help {
	const struct screen_ops *of;
	const struct tui_keyhelp *rows[64];
	size_t n;
	struct tui_list list;
};

static const struct tui_keyhelp help_common[] = {
    {"", ""},
    {"", N_("Everywhere:")},
    {"^L", N_("redraw the screen")},
    {"Q ^C", N_("quit lape")},
    {"", N_("In forms: Tab/Enter next field, ^S or F2 save, Esc cancel;")},
    {"", N_("on a list field Enter or a letter opens the list.")},
    {NULL, NULL},
};

static void help_row(void *owner, size_t i, int y, int x, int w)
{
	struct help *h = owner;
	const struct tui_keyhelp *r = h->rows[i];

	attron(A_BOLD);
	tui_put(stdscr, y, x, 16, r->key, false);
	attroff(A_BOLD);
	tui_put(stdscr, y, x + 18, w - 18, *r->what ? _(r->what) : "", false);
}

static int help_open(struct tui *t, struct screen *s, const void *arg)
{
	struct help *h = calloc(1, sizeof *h);

	(void)t;
	if (!h)
		return -1;
	s->data = h;
	h->of = arg;
	for (const struct tui_keyhelp *k = h->of->help;
	     k && k->key && h->n < 40; k++)
		h->rows[h->n++] = k;
	for (const struct tui_keyhelp *k = help_common; k->key && h->n < 64;
	     k++)
		h->rows[h->n++] = k;
	tui_list_init(&h->list, NULL, help_row, h);
	tui_list_reset(&h->list, h->n);
	return 0;
}

static void help_draw(struct tui *t, struct screen *s)
{
	struct help *h = s->data;
	char buf[160];

	tui_fmt(buf, sizeof buf, _("Help: keys of the %s screen"),
	        _(h->of->name));
	tui_title(t, buf);
	tui_list_place(&h->list, 2, 0, tui_bottom() - 2, COLS);
	tui_list_draw(t, &h->list);
}

static bool help_key(struct tui *t, struct screen *s, int k)
{
	struct help *h = s->data;

	if (tui_list_key(&h->list, k))
		return true;
	if (k == '?' || k == 'h' || k == TK(KEY_F(1)) || tui_key_enter(k)) {
		tui_pop(t);
		return true;
	}
	return false;
}

static void help_close(struct tui *t, struct screen *s)
{
	(void)t;
	free(s->data);
	s->data = NULL;
}

const struct screen_ops screen_help = {
    .name = N_("Help"),
    .open = help_open,
    .draw = help_draw,
    .key = help_key,
    .close = help_close,
    .keyline = N_("j/k:scroll q/Esc/?:close help"),
};
