/* tui-list.c -- the list widget: a window onto COUNT rows that loads only
 * the visible page from its source and marks the selected row with a
 * marker in the first column (moving it costs a few bytes, unlike a
 * reverse-video bar that rewrites whole rows). */

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

#include "tui-priv.h"

void tui_list_init(struct tui_list *l, int (*load)(void *, size_t, size_t),
                   void (*draw_row)(void *, size_t, int, int, int), void *owner)
{
	*l = (struct tui_list){0};
	l->rh = 1;
	l->load = load;
	l->draw_row = draw_row;
	l->owner = owner;
}

/* How many items fit. */
static size_t tui_list_rows(const struct tui_list *l)
{
	int n = l->h / (l->rh > 0 ? l->rh : 1);

	return n > 0 ? (size_t)n : 1;
}

static void tui_list_clamp(struct tui_list *l)
{
	size_t h = tui_list_rows(l);

	if (l->count == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* no empty space below the last row when the list is long enough */
	if (l->count >= h && l->top + h > l->count)
		l->top = l->count - h;
	if (l->count < h)
		l->top = 0;
}

void tui_list_place(struct tui_list *l, int y, int x, int h, int w)
{
	if (h < 1)
		h = 1;
	l->y = y;
	l->x = x;
	l->w = w;
	if (l->h != h) {
		l->h = h;
		tui_list_clamp(l);
	}
}

void tui_list_reset(struct tui_list *l, size_t count)
{
	l->count = count;
	l->page_valid = false;
	tui_list_clamp(l);
}

int tui_list_fetch(struct tui_list *l)
{
	size_t n;
	int rc;

	tui_list_clamp(l);
	n = l->count - l->top;
	if (n > tui_list_rows(l))
		n = tui_list_rows(l);
	if (l->page_valid && l->top >= l->page_off &&
	    l->top + n <= l->page_off + l->page_n)
		return 0;
	if (!l->load) {
		l->page_off = 0;
		l->page_n = l->count;
		l->page_valid = true;
		return 0;
	}
	rc = l->load(l->owner, l->top, n);
	if (rc != 0) {
		l->page_valid = false;
		l->page_n = 0;
		return rc;
	}
	l->page_off = l->top;
	l->page_n = n;
	l->page_valid = true;
	return 0;
}

void tui_list_draw(struct tui *t, struct tui_list *l)
{
	if (tui_list_fetch(l) != 0) {
		tui_report(t, LAPE_ERROR);
		return;
	}
	for (size_t r = 0; r < tui_list_rows(l); r++) {
		size_t i = l->top + r;
		int y = l->y + (int)r * l->rh;
		if (i >= l->count || i < l->page_off ||
		    i >= l->page_off + l->page_n)
			break;
		if (i == (t->mark_mode == MARK_PREV ? l->prev_sel : l->sel) &&
		    t->mark_mode != MARK_NONE)
			mvaddstr(y, l->x, t->marker);
		l->draw_row(l->owner, i - l->page_off, y, l->x + 2, l->w - 2);
	}
	/* what changed since the last time: tui_render() updates the
	 * terminal in steps (see there) */
	if (t->mark_mode == MARK_SEL) {
		if (l->drawn && l->top == l->drawn_top &&
		    l->sel != l->drawn_sel)
			t->marker_moved = true;
		if (l->drawn && l->top != l->drawn_top)
			t->list_scrolled = true;
		l->prev_sel = l->drawn_sel;
		l->drawn_top = l->top;
		l->drawn_sel = l->sel;
		l->drawn = true;
	}
	if (l->count > 0) {
		t->cur_y = l->y + (int)(l->sel - l->top) * l->rh;
		t->cur_x = l->x;
	}
}

/* How far from where it was a row that moved is looked for: a record
 * renamed by someone else moves a few rows, not across the list. */
#define TUI_FOLLOW_ROWS 100

void tui_list_follow(struct tui_list *l, int64_t id,
                     int64_t (*row_id)(void *owner, size_t i))
{
	size_t off = 0, n = l->count;

	if (!id || l->count == 0)
		return;
	if (l->load) {
		off = l->sel > TUI_FOLLOW_ROWS ? l->sel - TUI_FOLLOW_ROWS : 0;
		n = l->count - off;
		if (n > 2 * TUI_FOLLOW_ROWS + 1)
			n = 2 * TUI_FOLLOW_ROWS + 1;
		l->page_valid = false; /* the visible page is loaded anew */
		if (l->load(l->owner, off, n) != 0)
			return;
	}
	for (size_t i = 0; i < n; i++)
		if (row_id(l->owner, i) == id) {
			l->sel = off + i;
			break;
		}
	tui_list_clamp(l);
}

long tui_list_cur(const struct tui_list *l)
{
	if (l->count == 0 || !l->page_valid || l->sel < l->page_off ||
	    l->sel >= l->page_off + l->page_n)
		return -1;
	return (long)(l->sel - l->page_off);
}

bool tui_list_nears_end(const struct tui_list *l, int action)
{
	size_t ahead = l->h > 0 ? 2 * (size_t)l->h : 2;

	return action == ACT_LAST ||
	       ((action == ACT_DOWN || action == ACT_PGDN) &&
	        l->sel + ahead >= l->count);
}

bool tui_list_act(struct tui_list *l, int action)
{
	size_t rows = tui_list_rows(l);
	size_t page = rows > 1 ? rows - 1 : 1;

	switch (action) {
	case ACT_DOWN:
		if (l->sel + 1 < l->count)
			l->sel++;
		break;
	case ACT_UP:
		if (l->sel > 0)
			l->sel--;
		break;
	case ACT_PGDN:
		l->sel += page;
		if (l->count && l->sel >= l->count)
			l->sel = l->count - 1;
		if (l->top + page + rows <= l->count)
			l->top += page;
		break;
	case ACT_PGUP:
		l->sel = l->sel > page ? l->sel - page : 0;
		l->top = l->top > page ? l->top - page : 0;
		break;
	case ACT_FIRST:
		l->sel = 0;
		break;
	case ACT_LAST:
		l->sel = l->count ? l->count - 1 : 0;
		break;
	default:
		return false;
	}
	tui_list_clamp(l);
	return true;
}
