#!/usr/bin/env python3
"""Run a command N times and print its wall time (median, min, max) and peak RSS.

    python3 bench/timeit.py --label "hello synth" --runs 20 --warmup 3 [--before CMD] -- CMD ARGS...

Each run is a fresh process, started without a shell, its stdout and stderr sent to /dev/null.
Wall time is measured around posix_spawn/wait4 with a monotonic clock (about 0.5 ms of Python's
own overhead per run, measured against hyperfine); user and system CPU come from wait4(2)'s rusage.
Peak RSS is measured on separate runs under GNU `/usr/bin/time -f %M` (the figure `time -v` prints
as "Maximum resident set size"), because a child spawned by Python reports Python's own RSS when
it is larger; without /usr/bin/time it is left out. For a `cargo build` it is the largest
process of the build (rustc). `--before` runs a shell command before each run, untimed (e.g.
`touch main.rs` before a rebuild). `--results FILE` appends one tab-separated row: label, runs,
median_s, min_s, max_s, peak_rss_kib (0 if unknown), median user_s, median sys_s. A failed run
stops everything and prints its output.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(cmd, cwd):
    """Wall seconds, user seconds, system seconds of one run."""
    with tempfile.TemporaryFile() as err, open(os.devnull, "r+b") as null:
        actions = [
            (os.POSIX_SPAWN_DUP2, null.fileno(), 0),
            (os.POSIX_SPAWN_DUP2, null.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        program = shutil.which(cmd[0]) or cmd[0]
        here = os.getcwd()
        if cwd:
            os.chdir(cwd)
        try:
            start = time.perf_counter()
            pid = os.posix_spawn(program, cmd, os.environ, file_actions=actions)
            _, status, usage = os.wait4(pid, 0)
            elapsed = time.perf_counter() - start
        finally:
            os.chdir(here)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            sys.exit(f"timeit: `{' '.join(cmd)}` failed with status {code}:\n{err.read().decode(errors='replace')}")
    return elapsed, usage.ru_utime, usage.ru_stime


def peak_rss_kib(cmd, cwd, before, runs=2):
    """Largest "Maximum resident set size" over `runs` runs under GNU time, or 0 without it."""
    if not os.access("/usr/bin/time", os.X_OK):
        return 0
    peak = 0
    with tempfile.NamedTemporaryFile("r") as report:
        for _ in range(runs):
            before()
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name, *cmd], cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            report.seek(0)
            peak = max(peak, int(report.read().split()[-1]))
    return peak


def fmt(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--before", help="shell command run (untimed) before every run")
    parser.add_argument("--cwd")
    parser.add_argument("--results", help="append a tab-separated row to this file")
    parser.add_argument("--no-rss", action="store_true", help="skip the extra runs that measure peak RSS")
    parser.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd or args.runs < 1:
        parser.error("give a command after `--` and --runs >= 1")

    def before():
        if args.before:
            subprocess.run(args.before, shell=True, check=True, cwd=args.cwd)

    for _ in range(args.warmup):
        before()
        run_once(cmd, args.cwd)
    times, user, system = [], [], []
    for _ in range(args.runs):
        before()
        elapsed, utime, stime = run_once(cmd, args.cwd)
        times.append(elapsed)
        user.append(utime)
        system.append(stime)
    rss = 0 if args.no_rss else peak_rss_kib(cmd, args.cwd, before)
    median, low, high = statistics.median(times), min(times), max(times)
    spread = (high - low) / median * 100 if median else 0.0
    rss_text = f"peak RSS {rss / 1024:.1f} MiB" if rss else "peak RSS not measured"
    print(
        f"  {args.label}: median {fmt(median)}, min {fmt(low)}, max {fmt(high)} (spread {spread:.0f}% of median; "
        f"CPU user {fmt(statistics.median(user))} + sys {fmt(statistics.median(system))}), {rss_text}, "
        f"{args.runs} runs after {args.warmup} warm-up"
    )
    if args.results:
        with open(args.results, "a") as out:
            out.write(
                f"{args.label}\t{args.runs}\t{median:.6f}\t{low:.6f}\t{high:.6f}\t{rss}"
                f"\t{statistics.median(user):.6f}\t{statistics.median(system):.6f}\n"
            )


if __name__ == "__main__":
    main()
