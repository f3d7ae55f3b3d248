#ifndef REINSTATE_CNCURSESW_SHIM_H
#define REINSTATE_CNCURSESW_SHIM_H
// Wide-character ncurses: these must be defined before curses.h.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// Swift cannot reach C globals and macros safely under strict concurrency: small accessors.
static inline WINDOW *reinstate_stdscr(void) { return stdscr; }
static inline int reinstate_lines(void) { return LINES; }
static inline int reinstate_cols(void) { return COLS; }
#endif
