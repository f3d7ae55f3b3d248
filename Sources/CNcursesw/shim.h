#ifndef REINSTATE_CNCURSESW_SHIM_H
#define REINSTATE_CNCURSESW_SHIM_H
// Wide-character ncurses: these must be defined before curses.h.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <errno.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot reach C globals and macros safely under strict concurrency: small accessors.
static inline WINDOW *reinstate_stdscr(void) { return stdscr; }
static inline WINDOW *reinstate_curscr(void) { return curscr; }
static inline int reinstate_lines(void) { return LINES; }
static inline int reinstate_cols(void) { return COLS; }
static inline int reinstate_colors(void) { return COLORS; }
static inline int reinstate_key_f0(void) { return KEY_F0; }
static inline int reinstate_cchar_max(void) { return CCHARW_MAX; }
static inline int reinstate_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

/// The attributes of a cell, from the flags Swift knows.
static inline attr_t reinstate_attributes(int bold, int reverse, int underline, int dim) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (reverse) a |= A_REVERSE;
    if (underline) a |= A_UNDERLINE;
    if (dim) a |= A_DIM;
    return a;
}

/// wcwidth(3) of the C library, which ncurses uses to place a character.
extern int wcwidth(wchar_t c);
static inline int reinstate_wcwidth(int c) { return wcwidth((wchar_t)c); }

/// Opens the terminal on stdin/stdout; NULL when there is none (no TERM, not a terminal).
static inline SCREEN *reinstate_newterm(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen != NULL) set_term(screen);
    return screen;
}

/// Mouse: clicks and the wheel.
static inline void reinstate_enable_mouse(void) {
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

/// Reads the pending mouse event: 1 click, 2 double click, 3 wheel up, 4 wheel down, 0 other.
static inline int reinstate_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) return 3;
    if (event.bstate & BUTTON5_PRESSED) return 4;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) return 2;
    if (event.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) return 1;
    return 0;
}

// MARK: - Signals: the terminal is restored on every way out.

static volatile sig_atomic_t reinstate_resumed_flag = 0;

// MARK: - Bracketed paste: a paste arrives between ESC [200~ and ESC [201~, never as keys.

/// Key codes for the paste markers, far above ncurses' own (it numbers extended keys from KEY_MAX up).
static inline int reinstate_paste_start_code(void) { return 0x6F00; }
static inline int reinstate_paste_end_code(void) { return 0x6F01; }

/// Asks the terminal to bracket pastes and teaches ncurses the two markers.
static inline void reinstate_enable_bracketed_paste(void) {
    define_key("\033[200~", 0x6F00);
    define_key("\033[201~", 0x6F01);
    fputs("\033[?2004h", stdout);
    fflush(stdout);
}

/// Turns bracketed paste off again (async-signal-safe: the fatal-signal handler calls it).
static inline void reinstate_disable_bracketed_paste(void) {
    static const char off[] = "\033[?2004l";
    ssize_t ignored = write(STDOUT_FILENO, off, sizeof off - 1);
    (void)ignored;
}

/// SIGINT, SIGTERM, SIGHUP, SIGQUIT and crashes: restore the terminal, then die of the same signal.
static void reinstate_fatal_signal(int sig) {
    reinstate_disable_bracketed_paste();
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

/// Ctrl-Z: restore the terminal, stop; on `fg` ask for a full redraw.
static void reinstate_stop_signal(int sig) {
    (void)sig;
    int saved = errno;
    reinstate_disable_bracketed_paste();
    endwin();
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    signal(SIGTSTP, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP);
    // Resumed here.
    signal(SIGTSTP, reinstate_stop_signal);
    reinstate_resumed_flag = 1;
    errno = saved;
}

static void reinstate_continue_signal(int sig) {
    (void)sig;
    reinstate_resumed_flag = 1;
}

static inline void reinstate_install_signal_handlers(void) {
    int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) signal(fatal[i], reinstate_fatal_signal);
    signal(SIGTSTP, reinstate_stop_signal);
    signal(SIGCONT, reinstate_continue_signal);
}

static inline void reinstate_restore_signal_handlers(void) {
    int all[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGTSTP, SIGCONT};
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
}

/// Whether the program came back from a stop since the last call.
static inline int reinstate_take_resumed(void) {
    int was = reinstate_resumed_flag;
    reinstate_resumed_flag = 0;
    return was;
}

// MARK: - The editor

extern char **environ;

/// Runs `/bin/sh -c '<command> "$1"' sh <path>` in the foreground and waits: Ctrl-C and Ctrl-\ go to
/// the editor, not to us; Ctrl-Z stops both. Returns the exit status, or -1 when it could not start.
static inline int reinstate_run_editor(const char *command, const char *path) {
    size_t length = strlen(command) + 8;
    char *script = malloc(length);
    if (script == NULL) return -1;
    snprintf(script, length, "%s \"$1\"", command);
    char *argv[] = {"sh", "-c", script, "sh", (char *)path, NULL};

    struct sigaction ignore, old_int, old_quit, old_tstp, dfl;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    sigaction(SIGTSTP, &dfl, &old_tstp);

    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t defaults, empty;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGQUIT);
    sigaddset(&defaults, SIGTSTP);
    sigemptyset(&empty);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    pid_t pid;
    int status = -1;
    if (posix_spawn(&pid, "/bin/sh", NULL, &attributes, argv, environ) == 0) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    posix_spawnattr_destroy(&attributes);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigaction(SIGTSTP, &old_tstp, NULL);
    free(script);
    return status;
}
#endif
