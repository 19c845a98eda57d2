/* tui.h -- the screens: menus and forms over the core.  The only part of
 * lape that uses curses. */
#ifndef LAPE_TUI_H
#define LAPE_TUI_H

#include "lape/cmd.h"

/* Run the application on CTX (data file opened, created if need be, and
 * rules loaded by the caller).  Returns the process exit status. */
int tui_run(struct lape_ctx *ctx);

#endif
