#!/usr/bin/env python3
"""Benchmark zongwu (check, builds with and without search, rebuilds) against Hugo on generated records.

Run from the repository root:

    python3 bench/run.py [--sizes 1000,10000,100000] [--runs N] [--zongwu PATH]

For each size N it writes N records with `bench/gen-records.py` (once; kept in the
work folder for later runs), converts them to a Hugo site with `bench/to-hugo.py`, and
measures with `/usr/bin/time` the median wall time and peak memory of several runs of:

  check    zongwu check RECORDS
  build    zongwu build RECORDS --out OUT --today 2026-11-25 --no-search, with no
           output beforehand (the site without its search index)
  search   zongwu build RECORDS --out OUT --today 2026-11-25, with no output
           beforehand (the site and its search index, as a user builds it)
  rebuild  the same command again with the output of the build in place
  edit     one record saved with a new title (the first repair: its page, its index
           part, its location and month, the figures), then the same command with the
           output in place: once after the build without search (`edit`), once after
           the build with it (`edit+search`, its search partition indexed again)
  next day the same command with --today a day later, then (timed) two days later: a
           morning's build over yesterday's site, with search. Every page says its day,
           so every page is written again; the search index, which does not, is kept;
           the site of the day before yesterday, moved aside, is deleted meanwhile
  floor    bench/floor.py, a plain writer of as many files and bytes as the site just
           built (two processes, 200 folders made first), right after deleting its own
           previous tree: once beside the build without search, once beside the build
           with it. What the disk allows; the ratios say how far a build is from it
  hugo     hugo --quiet -s HUGO -d HUGO_OUT, with no output or cache beforehand

It prints a Markdown table and the ratio of build time per record between the largest
and the smallest size (1.0 means the build scales linearly). Needs only Python 3.11+,
GNU time (/usr/bin/time), cargo unless --zongwu is given, and hugo for its columns.
Exits 1 if a zongwu command fails (or Hugo fails on the converted site), 2 on bad usage.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN_RECORDS = os.path.join(REPO, "bench", "gen-records.py")
TO_HUGO = os.path.join(REPO, "bench", "to-hugo.py")
FLOOR = os.path.join(REPO, "bench", "floor.py")
GNU_TIME = "/usr/bin/time"
TODAY = "2026-11-25"  # fixed, so that every build computes the same open/overdue items
# What gen-records.py's N counts: every kind of record but budgets and summaries.
KINDS = ["assets", "repairs", "purchases", "inspections", "events", "incidents", "projects",
         "contracts", "rules"]


class CommandFailed(Exception):
    """A measured command exited with a non-zero status."""


def log(msg):
    """Progress goes to stderr, so that stdout holds only the results."""
    print(msg, file=sys.stderr, flush=True)


def run_checked(cmd, cwd=None):
    """Run an untimed helper command, stopping the benchmark with its output if it fails."""
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        log(proc.stdout.rstrip())
        log(f"bench: failed (exit {proc.returncode}): {' '.join(cmd)}")
        sys.exit(1)
    return proc.stdout


def timed(cmd, cwd=None):
    """Run `cmd` under `/usr/bin/time -f "%e %M"`; return (wall seconds, peak KB).

    The command's own output is discarded (only its errors are shown if it fails); time
    writes to a file of its own (-o), so nothing the command prints can be mistaken for it.
    """
    with tempfile.NamedTemporaryFile("r", prefix="bench-time-", suffix=".txt") as out:
        proc = subprocess.run([GNU_TIME, "-f", "%e %M", "-o", out.name, *cmd], cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            raise CommandFailed(f"exit {proc.returncode}: {' '.join(cmd)}\n{proc.stderr.rstrip()[-4000:]}")
        # GNU time prefixes "Command exited with non-zero status" lines; the figures are last.
        wall, peak_kb = out.read().split()[-2:]
    return float(wall), int(peak_kb)


def remove(path):
    """Remove a file or folder if it exists."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def count_records(records):
    """Number of record files of the kinds that gen-records.py's N counts (budgets excluded)."""
    n = 0
    for kind in KINDS:
        for _, _, files in os.walk(os.path.join(records, kind)):
            n += sum(1 for f in files if f.endswith(".toml"))
    return n


def ensure_records(size_dir, n):
    """Return the records directory of size n, generating it unless a complete one is there.

    A marker file `records.n` beside the records holds N; it is written only after
    gen-records.py succeeded, so an interrupted generation is redone.
    """
    records = os.path.join(size_dir, "records")
    marker = os.path.join(size_dir, "records.n")
    try:
        with open(marker, encoding="utf-8") as f:
            marked = int(f.read().strip())
    except (OSError, ValueError):
        marked = None
    if marked == n and os.path.isfile(os.path.join(records, "zongwu.toml")) and count_records(records) == n:
        log(f"[{n}] records already generated in {records}")
        return records
    remove(marker)
    remove(records)
    os.makedirs(size_dir, exist_ok=True)
    log(f"[{n}] generating {n} records ...")
    run_checked([sys.executable, GEN_RECORDS, records, str(n)])
    with open(marker, "w", encoding="utf-8") as f:
        f.write(f"{n}\n")
    return records


def first_repair(records):
    """The first repair file (in name order): the record the one-edit rebuild saves."""
    for folder, dirs, files in sorted(os.walk(os.path.join(records, "repairs"))):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".toml"):
                return os.path.join(folder, name)
    raise SystemExit("bench: the generated records have no repair")


def tree_size(tree):
    """Number of files and their bytes in a folder tree."""
    files = size = 0
    for folder, _, names in os.walk(tree):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(folder, name)).st_size
    return files, size


def median_of(samples):
    """Median wall seconds and median peak MB of (seconds, KB) samples."""
    return statistics.median(s for s, _ in samples), statistics.median(kb for _, kb in samples) / 1024


def bench_size(n, runs, zongwu, hugo, work):
    """Measure one size; return {measure: (seconds, MB)} (hugo missing without Hugo).

    Raises CommandFailed if a zongwu command fails. A Hugo failure is reported and
    recorded as "failed" (None) instead.
    """
    size_dir = os.path.join(work, str(n))
    records = ensure_records(size_dir, n)
    # The zongwu output folder sits alone in a folder of its own, which a full build
    # removes as a whole: nothing zongwu keeps beside its output (such as a manifest of
    # the last build) survives into a build "from nothing".
    zongwu_dir = os.path.join(size_dir, "zongwu")
    site = os.path.join(zongwu_dir, "site")
    check_cmd = [zongwu, "check", records]
    build_cmd = [zongwu, "build", records, "--out", site, "--today", TODAY]

    def days_later(k):
        """The build with search, k days after TODAY."""
        return build_cmd[:-1] + [(date.fromisoformat(TODAY) + timedelta(days=k)).isoformat()]

    edited = first_repair(records)
    with open(edited, encoding="utf-8") as f:
        original = f.read()

    def from_nothing():
        remove(zongwu_dir)
        os.makedirs(zongwu_dir)
        os.sync()  # the deletion's write-back is not the next build's cost

    floor_tree = os.path.join(size_dir, "floor")

    def floor(site):
        """Times the plain writer of as many files and bytes as `site` holds."""
        files, size = tree_size(site)
        remove(floor_tree)
        os.sync()
        return timed([sys.executable, FLOOR, floor_tree, str(files), str(size)])

    def edit(run, cmd):
        """Saves the first repair with a new title and times `cmd`; puts it back after."""
        title = next(line for line in original.splitlines() if line.startswith("title = "))
        try:
            with open(edited, "w", encoding="utf-8") as f:
                f.write(original.replace(title, title[:-1] + f"（第 {run} 次修改）\"", 1))
            return timed(cmd)
        finally:
            with open(edited, "w", encoding="utf-8") as f:
                f.write(original)

    samples = {"check": [], "build": [], "floor": [], "edit": [], "search": [], "floor+search": [],
               "rebuild": [], "edit+search": [], "next day": []}
    for i in range(1, runs + 1):
        samples["check"].append(timed(check_cmd))
        from_nothing()
        samples["build"].append(timed(build_cmd + ["--no-search"]))
        samples["floor"].append(floor(site))
        samples["edit"].append(edit(i, build_cmd + ["--no-search"]))
        from_nothing()
        samples["search"].append(timed(build_cmd))
        samples["floor+search"].append(floor(site))
        samples["rebuild"].append(timed(build_cmd))  # nothing changed, output in place
        samples["edit+search"].append(edit(i, build_cmd))
        run_checked(days_later(1))  # yesterday's site, for the timed build to move aside
        samples["next day"].append(timed(days_later(2)))
        log(f"[{n}] run {i}/{runs}: " + ", ".join(
            f"{k} {v[-1][0]:.2f} s {v[-1][1] / 1024:.1f} MB" for k, v in samples.items()))
    remove(floor_tree)
    result = {k: median_of(v) for k, v in samples.items()}

    if hugo:
        hugo_src = os.path.join(size_dir, "hugo")
        hugo_out = os.path.join(size_dir, "hugo-out")  # absolute: hugo resolves -d against -s
        log(f"[{n}] converting to a Hugo site (not timed) ...")
        log("  " + run_checked([sys.executable, TO_HUGO, records, hugo_src]).strip())
        hugo_samples = []
        for i in range(1, runs + 1):
            # A build from nothing: no output, no resource cache, no lock from a previous run.
            for leftover in (hugo_out, os.path.join(hugo_src, "resources"),
                             os.path.join(hugo_src, ".hugo_build.lock")):
                remove(leftover)
            os.sync()
            try:
                hugo_samples.append(timed([hugo, "--quiet", "-s", hugo_src, "-d", hugo_out]))
            except CommandFailed as e:
                log(f"[{n}] hugo failed: {e}")
                result["hugo"] = None
                break
            log(f"[{n}] hugo run {i}/{runs}: {hugo_samples[-1][0]:.2f} s {hugo_samples[-1][1] / 1024:.1f} MB")
        else:
            result["hugo"] = median_of(hugo_samples)
    return result


def fmt_s(x):
    """Seconds with the 0.01 s resolution of GNU time."""
    return f"{x:.2f}"


def fmt_mb(x):
    """Megabytes (MiB) with one decimal."""
    return f"{x:.1f}"


def table(results, hugo_state):
    """The results as a Markdown table; hugo_state is "ok", "n/a" (not installed)."""
    head = ["size", "check s", "check MB", "build s", "build MB", "floor s", "build/floor",
            "with search s", "with search MB", "floor s", "with search/floor",
            "rebuild s", "rebuild MB", "one edit s", "one edit MB",
            "one edit with search s", "one edit with search MB",
            "next day with search s", "next day with search MB", "hugo s", "hugo MB", "hugo/zongwu build ratio"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" for _ in head) + "|"]
    for n, r in results:
        row = [f"{n:,}"]
        for k in ("check", "build", "search", "rebuild", "edit", "edit+search", "next day"):
            row += [fmt_s(r[k][0]), fmt_mb(r[k][1])]
            floor = {"build": "floor", "search": "floor+search"}.get(k)
            if floor:
                fs = r[floor][0]
                row += [fmt_s(fs), f"{r[k][0] / fs:.1f}×" if fs > 0 else "n/a"]
        if hugo_state == "n/a":
            row += ["n/a"] * 3
        elif r.get("hugo") is None:
            row += ["failed"] * 3
        else:
            hs, hmb = r["hugo"]
            bs = r["build"][0]
            row += [fmt_s(hs), fmt_mb(hmb), f"{hs / bs:.2f}" if bs > 0 else "n/a"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def linearity(results):
    """A line comparing build time per record at the largest and the smallest size."""
    (n0, r0), (n1, r1) = results[0], results[-1]
    t0, t1 = r0["build"][0], r1["build"][0]
    if t0 <= 0:
        return f"Linearity: the build at {n0:,} records took under the timer's 0.01 s resolution; no ratio."
    per0, per1 = t0 / n0 * 1000, t1 / n1 * 1000
    return (f"Linearity: build time per record {per0:.3f} ms at {n0:,} records, {per1:.3f} ms at {n1:,} "
            f"records; ratio {per1 / per0:.2f} (1.00 = linear, above 1 = worse than linear).")


def parse_sizes(text):
    """Parse "1000,10000" into sorted distinct positive integers."""
    try:
        sizes = sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}")
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return sizes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1000,10000,100000"),
                    help="comma-separated numbers of records (default 1000,10000,100000)")
    ap.add_argument("--runs", type=int, default=None,
                    help="runs per measure; the median is reported (default 5 up to 10,000 records, 3 above)")
    ap.add_argument("--zongwu", metavar="PATH", help="use this zongwu binary instead of cargo build --release")
    ap.add_argument("--work", default=os.path.join(REPO, "bench", "work"),
                    help="folder for generated records and outputs (default bench/work, git-ignored)")
    a = ap.parse_args()
    if a.runs is not None and a.runs < 1:
        ap.error("--runs must be at least 1")
    if not os.access(GNU_TIME, os.X_OK):
        ap.exit(2, f"bench: {GNU_TIME} (GNU time) is needed to measure; install the 'time' package\n")
    if not os.path.isfile(GEN_RECORDS):
        ap.exit(2, f"bench: the record generator is missing: {GEN_RECORDS}\n")

    if a.zongwu:
        zongwu = os.path.abspath(a.zongwu)
        if not os.access(zongwu, os.X_OK):
            ap.exit(2, f"bench: not an executable: {a.zongwu}\n")
    else:
        log("building zongwu: cargo build --release ...")
        run_checked(["cargo", "build", "--release"], cwd=REPO)
        zongwu = os.path.join(REPO, "target", "release", "zongwu")

    hugo = shutil.which("hugo")
    if hugo:
        log("using " + subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip())
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)

    results = []
    failed = False
    for n in a.sizes:
        runs = a.runs or (5 if n <= 10000 else 3)
        try:
            r = bench_size(n, runs, zongwu, hugo, work)
        except CommandFailed as e:
            log(f"bench: a zongwu command failed at {n} records: {e}")
            failed = True
            break
        failed = failed or (hugo is not None and r.get("hugo") is None)
        results.append((n, r))

    if results:
        if not hugo:
            print("hugo is not installed (not on PATH): its columns are n/a.")
        print(table(results, "ok" if hugo else "n/a"))
        if len(results) > 1:
            print()
            print(linearity(results))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
