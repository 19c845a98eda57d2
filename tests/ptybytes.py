#!/usr/bin/env python3
"""ptybytes.py -- how many bytes lape's screens write to a terminal.

Runs lape (no command: the screens) on a pseudo-terminal of 80x24 with
TERM=xterm-256color, waits until the first screen has settled and counts
its bytes and the time it took, then sends keys (by default 'j', one row
down) and counts the bytes of each update.  Prints one line per figure:

    first_screen_bytes 1834
    first_screen_ms 9.8
    key_bytes j 12

Usage: ptybytes.py [--lape PATH] [--db FILE] [--before KEYS] [--keys KEYS]
                   [--cols N] [--lines N] [--term TERM] [--settle MS]
                   [--runs N] [--max-first N] [--max-key N] [--max-ms MS]
                   [--paste N] [--idle SECONDS] [--hangup]

--before KEYS are sent (and their output discarded) before the keys that
are measured, e.g. --before l to measure the list of all groups.  KEYS are
characters, names in angle brackets (<Enter> <Down> <Esc> ...), raw bytes
(<x1b>, <xe4>) and pauses (<ms:40>: the next byte comes 40 ms later, as
over a slow link).  With --max-* the exit status is 1 when a figure is
over its limit.  With --runs the time is the median of N starts.

--paste N writes N characters (a-z over and over, 2-byte a-umlauts every
tenth) in one go after the keys, as a terminal does with pasted text, and
prints how long lape took to absorb them (until its output settled):

    paste_ms 183.2
    paste_bytes 2304

--idle SECONDS then counts what lape writes while nothing happens
(idle_bytes 0: its wake-ups to look for changes send nothing).
--quit KEYS are sent at the end to leave (Q by default).
--hangup closes the terminal at the end instead of quitting and prints
hangup_exit STATUS (or hangup_running when lape did not leave).
"""

import argparse
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time


def spawn(argv, env, cols, lines):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack("HHHH", lines, cols, 0, 0))

    # A session of its own (no preexec_fn: it would slow the start and so
    # the time measured); curses needs the terminal, not a controlling one.
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True, close_fds=True)
    os.close(slave)
    return proc, master


def read_burst(fd, settle, first_timeout=10.0):
    """Read until SETTLE seconds pass without output.  Returns (bytes,
    time of the last byte read or None)."""
    data = bytearray()
    last = None
    deadline = time.monotonic() + first_timeout
    while True:
        timeout = settle if data else max(0.0, deadline - time.monotonic())
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        last = time.monotonic()
    return bytes(data), last


def key_bytes(spec):
    """'j' -> b'j'; names in angle brackets: <Enter> <Down> <Esc>; <xNN>
    a raw byte; <ms:N> a pause of N ms (returned as an int)."""
    names = {"Enter": b"\r", "Down": b"\x1b[B", "Up": b"\x1b[A",
             "Esc": b"\x1b", "Tab": b"\t", "PgDn": b"\x1b[6~",
             "PgUp": b"\x1b[5~", "C-s": b"\x13", "C-u": b"\x15"}
    out = []
    i = 0
    while i < len(spec):
        if spec[i] == "<" and ">" in spec[i:]:
            j = spec.index(">", i)
            name = spec[i + 1:j]
            if name.startswith("ms:"):
                out.append(int(name[3:]))
            elif len(name) == 3 and name[0] == "x":
                out.append(bytes([int(name[1:], 16)]))
            else:
                out.append(names[name])
            i = j + 1
        else:
            out.append(spec[i].encode())
            i += 1
    return out


def send_keys(fd, keys, settle, measure):
    """Send KEYS; after each (but a pause) read the burst it causes.
    Returns [(key, output)] when MEASURE."""
    out = []
    for k in keys:
        if isinstance(k, int):
            time.sleep(k / 1000.0)
            continue
        os.write(fd, k)
        burst, _ = read_burst(fd, settle)
        if measure:
            out.append((k.decode(errors="replace"), burst))
    return out


def paste_text(n):
    """N characters as a terminal sends a paste: letters, some 2-byte."""
    chars = []
    for i in range(n):
        chars.append("\u00e4" if i % 10 == 9 else chr(ord("a") + i % 26))
    return "".join(chars).encode()


def write_all(fd, data, settle):
    """Write DATA whole although the terminal's buffer is smaller, reading
    what lape writes meanwhile.  Returns the output read."""
    got = bytearray()
    view = memoryview(data)
    while view:
        _, w, _ = select.select([], [fd], [], 5.0)
        if w:
            n = os.write(fd, view[:1024])
            view = view[n:]
        r, _, _ = select.select([fd], [], [], 0)
        if r:
            got += os.read(fd, 65536)
    return bytes(got)


def run_once(args, env):
    argv = [args.lape]
    start = time.monotonic()
    proc, fd = spawn(argv, env, args.cols, args.lines)
    settle = args.settle / 1000.0
    try:
        first, last = read_burst(fd, settle)
        ms = (last - start) * 1000.0 if last else float("nan")
        send_keys(fd, key_bytes(args.before), settle, False)
        moves = send_keys(fd, key_bytes(args.keys), settle, True)
        extra = {}
        if args.paste:
            t0 = time.monotonic()
            got = write_all(fd, paste_text(args.paste), settle)
            # lape draws only once the paste is read: a long silence
            # while it reads (under a sanitizer) is not the end of it;
            # the time is that of the last byte, not of the silence
            out, last = read_burst(fd, max(settle, 2.0))
            end = last if last else time.monotonic()
            extra["paste_ms"] = "%.1f" % ((end - t0) * 1000.0)
            extra["paste_bytes"] = "%d" % (len(got) + len(out))
        if args.idle:
            out, _ = read_burst(fd, args.idle, args.idle)
            extra["idle_bytes"] = "%d" % len(out)
        if args.hangup:
            os.close(fd)
            fd = None
            try:
                proc.wait(timeout=5)
                extra["hangup_exit"] = "%d" % proc.returncode
            except subprocess.TimeoutExpired:
                extra["hangup_running"] = "1"
        else:
            send_keys(fd, key_bytes(args.quit), settle, False)
            read_burst(fd, settle, 2.0)
    finally:
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            proc.wait()
        if fd is not None:
            os.close(fd)
    return first, ms, moves, proc.returncode, extra


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lape", default=os.environ.get("LAPE", "src/lape"))
    ap.add_argument("--db")
    ap.add_argument("--before", default="")
    ap.add_argument("--keys", default="j")
    ap.add_argument("--cols", type=int, default=80)
    ap.add_argument("--lines", type=int, default=24)
    ap.add_argument("--term", default="xterm-256color")
    ap.add_argument("--settle", type=float, default=150.0,
                    help="milliseconds without output that end a burst")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--max-first", type=int)
    ap.add_argument("--max-key", type=int)
    ap.add_argument("--max-ms", type=float)
    ap.add_argument("--paste", type=int, default=0)
    ap.add_argument("--idle", type=float, default=0.0)
    ap.add_argument("--hangup", action="store_true")
    ap.add_argument("--quit", default="Q",
                    help="keys that end lape (Q; from a form <Esc>yQ)")
    ap.add_argument("--dump", action="store_true",
                    help="print the bytes of each key update (repr)")
    args = ap.parse_args()

    env = dict(os.environ)
    env["TERM"] = args.term
    env.setdefault("LANG", "C.UTF-8")
    env.pop("LINES", None)  # the size comes from the pty (TIOCSWINSZ)
    env.pop("COLUMNS", None)
    if args.db:
        env["LAPE_DB"] = args.db

    times = []
    for _ in range(max(1, args.runs)):
        first, ms, moves, status, extra = run_once(args, env)
        times.append(ms)
    times.sort()
    ms = times[len(times) // 2]

    bad = False
    print("first_screen_bytes %d" % len(first))
    print("first_screen_ms %.1f" % ms)
    for k, out in moves:
        print("key_bytes %s %d" % (k.encode("unicode_escape").decode(),
                                   len(out)))
        if args.dump:
            print("  " + repr(out))
        if args.max_key is not None and len(out) > args.max_key:
            bad = True
    for name, value in extra.items():
        print("%s %s" % (name, value))
    if args.max_first is not None and len(first) > args.max_first:
        bad = True
    if args.max_ms is not None and ms > args.max_ms:
        bad = True
    if status not in (0, None) and not args.hangup:
        print("exit_status %d" % status)
        bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
