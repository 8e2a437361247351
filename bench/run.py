#!/usr/bin/env python3
"""`make bench`: whole-process timings of `digest build` at four archive sizes.

    run.py [--digest .build/release/digest] [--sizes 420,10000,54750,200000] [--runs 3]
           [--hugo-sizes 10000,54750] [--work bench/work] [--site-dir DIR] [--results bench/results]

For each size it generates a deterministic corpus (bench/generate.py; kept in --work and
made again only when the generator changes), then measures, as the median of --runs runs
(one run at 200,000 papers, where a run takes minutes):

- the baseline: Debian's `cmark-gfm` rendering all of the corpus's Markdown (summaries and
  highlights) in one process, with the extensions Digest enables;
- a full build into an empty output folder: wall time, CPU time (user + system), peak
  memory (the child's maximum resident set size), files and bytes written, and the
  largest page;
- three rebuilds over the site that build left: nothing changed, one new day of 100
  papers added, one paper's summary edited. For each it counts the files whose inode or
  modification time changed, which is what rsync or a static host would upload;
- `--full` over the unchanged site, which must change no file. It runs before the new day
  and the edit because, like the first rebuild after any full build, it makes the output's
  second tree (a hard link to every file): the rebuilds after it are timed as every
  later collector run is.

At the --hugo-sizes among them (10,000 and 54,750 by default; "" for none) it also times
Hugo building an equivalent site, for comparison: bench/hugo_site.py writes the Hugo
project (untimed, kept in --work and made again only when the corpus or hugo_site.py
changes), and one `hugo` run builds it into an empty folder in --site-dir, measured as a
whole process like Digest's builds. One run, not the median of --runs: at 54,750 papers a
Hugo build takes about two minutes and 9 GB of memory on two cores, and two more runs of
each size would add five minutes to `make bench`. Without a `hugo` command, or when its
build fails, the column shows —.

The results are printed and written to bench/results/latest.md (and a dated copy).
Sites are written to --site-dir: by default bench/work/sites, on the disk, as users build;
pass --site-dir /dev/shm/digest-bench to measure Digest without the disk. Every measured
run starts with the disk flushed (`sync`, untimed), and nothing is deleted until the last
run is over: a folder the bench is done with is moved aside (`Trash`) and removed at the end.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

import search_queries

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# (papers, days, papers a day) — the sizes issues 9 and 19 name; 200,000 is five and a
# half years of a busy digest.
SIZES = {420: (7, 60), 10000: (100, 100), 54750: (365, 150), 200000: (2000, 100)}
# Sizes measured once rather than --runs times.
ONE_RUN = {200000}
NEW_DAY_PAPERS = 100
CMARK = ["cmark-gfm", "-e", "footnotes", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]
# Targets from issues 9 and 19, as ratios so they hold across machines.
TARGET_FULL_RATIO = 2.0
TARGET_MEMORY_MB = 600
TARGET_NOOP_SHARE = 0.05
TARGET_CHANGE_SHARE = 0.15
TARGET_EDIT_SHARE = 0.10
TARGET_PAGE_BYTES = 1_000_000


class Run:
    """One process run: wall seconds, CPU seconds and peak memory in bytes."""

    def __init__(self, wall, cpu, peak, stderr=""):
        self.wall, self.cpu, self.peak, self.stderr = wall, cpu, peak, stderr


def measure(command, check=True, **kwargs):
    """Runs `command` to completion and takes its resources from wait4 (the child alone).

    A failure ends the benchmark; with `check=False` it is printed and gives None instead.
    The disk is flushed first, untimed, so no run pays for writing back the one before it
    (1.6 GB after a full build at 54,750 papers). No site is deleted before a run, either:
    see `Trash` (a rebuild's undo removes what a new day added, a few thousand files)."""
    os.sync()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        message = f"bench: {' '.join(command[:3])}… failed ({process.returncode}):\n{stderr}"
        if check:
            sys.exit(message)
        print(message, flush=True)
        return None
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, stderr)


def median(runs):
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               statistics.median(r.peak for r in runs))


def corpus(work, papers):
    """The corpus folder for a size, generated unless an identical one is there."""
    days, per_day = SIZES[papers]
    with open(os.path.join(HERE, "generate.py"), "rb") as file:
        stamp = hashlib.sha256(file.read() + f"{days}x{per_day}".encode()).hexdigest()
    folder = os.path.join(work, f"corpus-{papers}")
    stamp_path = os.path.join(work, f"corpus-{papers}.stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp and os.path.isdir(folder):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"  generating {papers:,} papers ({days} days × {per_day})…", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), folder, "--days", str(days), "--per-day", str(per_day)],
                   check=True)
    with open(stamp_path, "w") as file:
        file.write(stamp)
    return folder


def hugo_project(work, papers, content):
    """The Hugo project for a size's corpus (bench/hugo_site.py), written unless an identical one is there."""
    with open(os.path.join(HERE, "hugo_site.py"), "rb") as file, open(os.path.join(work, f"corpus-{papers}.stamp"), "rb") as corpus_stamp:
        stamp = hashlib.sha256(file.read() + corpus_stamp.read()).hexdigest()
    folder = os.path.join(work, f"hugo-{papers}")
    stamp_path = os.path.join(work, f"hugo-{papers}.stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp and os.path.isdir(folder):
        return folder
    print(f"  writing the Hugo project for {papers:,} papers…", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, "hugo_site.py"), content, folder], check=True, stdout=subprocess.DEVNULL)
    with open(stamp_path, "w") as file:
        file.write(stamp)
    return folder


def hugo_version():
    """`hugo version`'s line, or None without a hugo command."""
    if shutil.which("hugo") is None:
        return None
    return subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip() or None


def paper_files(folder):
    root = os.path.join(folder, "papers")
    return sorted(os.path.join(dirpath, name) for dirpath, _, names in os.walk(root) for name in names if name.endswith(".json"))


def records(document):
    """A paper file's records: the object form's `papers`, or the array form itself."""
    return document["papers"] if isinstance(document, dict) else document


def markdown_of(folder, out_path):
    """All the Markdown the build renders (summaries and highlights), as one document."""
    with open(out_path, "w") as out:
        for path in paper_files(folder):
            with open(path) as file:
                for record in records(json.load(file)):
                    out.write(record.get("summary", "") + "\n\n")
                    for highlight in record.get("highlights", []):
                        out.write(highlight + "\n\n")
    return os.path.getsize(out_path)


def phase_seconds(stderr, phase):
    """A phase's time from `digest build --timings` ("Indexing for search: 412 ms (peak …)")."""
    for line in stderr.splitlines():
        if line.startswith(phase + ": "):
            value, unit = line[len(phase) + 2:].split()[:2]
            return float(value.replace(",", "")) / (1000 if unit == "ms" else 1)
    return None


def snapshot(site):
    """Every file of the site, by path: (inode, modification time, size)."""
    files = {}
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            files[os.path.relpath(path, site)] = (info.st_ino, info.st_mtime_ns, info.st_size)
    return files


def changed_paths(before, after):
    return [path for path, state in after.items() if before.get(path) != state] + [path for path in before if path not in after]


def changed_files(before, after):
    return len(changed_paths(before, after))


def paper_pages(paths):
    return sum(1 for path in paths if path.startswith("papers" + os.sep) and path.endswith("index.html"))


def author_files(paths):
    return sum(1 for path in paths if path.startswith("authors" + os.sep))


def filesystem_type(path):
    """The type of the file system `path` is on ("ext4", "tmpfs", …), from /proc/mounts; "" if unknown."""
    path = os.path.realpath(path)
    best, kind = "", ""
    try:
        with open("/proc/mounts") as file:
            for line in file:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ")
                inside = path == point or path.startswith(point.rstrip("/") + "/")
                if inside and len(point) >= len(best):
                    best, kind = point, fields[2]
    except OSError:
        pass
    return kind


class Trash:
    """Folders the bench is done with, moved aside and deleted only when it ends.

    Deleting a site just before a measured build makes that build slow on a disk like ours:
    ext4 without a journal (as on the virtual machines we measure on) does not reuse an
    inode within 60 seconds of its deletion, 300 while its inode table block is unwritten,
    so every file created then first scans past the inodes freed before it. Creating 20,000
    folders of two files took 2.2-3.0 s on that disk, and 16-26 s within a minute of
    deleting a tree of 60,000 files (8.6 s after 65 s), flushed or not; most of that time
    was spent in the kernel's `recently_deleted`. A user's site is built into a folder that
    was not emptied a minute before, so the bench measures that: a folder it is done with
    is renamed into a `.bench-trash` folder beside it (a rename frees no inode), and the
    trash is deleted after the last measured run. The next run waits until that deletion
    is five minutes old. Kept to the end, the trash of a whole `make bench` takes about
    20 GB of disk. On tmpfs (`--site-dir /dev/shm/…`), where deleting costs the next run
    nothing and keeping would hold the memory, a folder is deleted at once."""

    RECENT = 300  # seconds: ext4's longest wait before it reuses a deleted inode

    def __init__(self):
        self.folders = set()
        self.count = 0

    def discard(self, path):
        """Moves `path` (a file or folder; nothing if it is missing) out of the way."""
        if not os.path.lexists(path):
            return
        if filesystem_type(path) in ("tmpfs", "ramfs"):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
            return
        folder = os.path.join(os.path.dirname(os.path.abspath(path)), ".bench-trash")
        os.makedirs(folder, exist_ok=True)
        self.folders.add(folder)
        self.count += 1
        os.rename(path, os.path.join(folder, f"{os.getpid()}-{self.count}"))

    def empty(self, stamp):
        """Deletes the trash and writes the time to `stamp`, which the next run waits on."""
        for folder in sorted(self.folders):
            shutil.rmtree(folder, ignore_errors=True)
        if self.folders:
            with open(stamp, "w") as file:
                file.write(f"{time.time()}\n")
        self.folders.clear()

    @staticmethod
    def wait(stamp):
        """Waits out the 300 seconds after the last run emptied its trash, if they have not passed."""
        try:
            with open(stamp) as file:
                left = float(file.read()) + Trash.RECENT - time.time()
        except (OSError, ValueError):
            return
        if left > 0:
            print(f"bench: waiting {left:.0f} s, until the last run's deleted files are five minutes old (see Trash)", flush=True)
            time.sleep(left)


class Bench:
    def __init__(self, args):
        self.args = args
        self.trash = Trash()
        self.digest = os.path.abspath(args.digest)
        self.layouts = os.path.join(ROOT, "Layouts")
        try:
            import websocket  # noqa: F401  (the DevTools client; make bench installs it)
            self.browser = shutil.which("chromium") is not None
        except ImportError:
            self.browser = False
        if not self.browser:
            print("bench: no chromium or websocket-client, so query costs are not measured (make bench installs them)")
        self.hugo_version = hugo_version()
        if args.hugo_sizes and not self.hugo_version:
            print("bench: no hugo command, so the Hugo column shows — (make bench installs Debian's hugo package)")

    def build(self, content, site, *extra):
        return measure([self.digest, "build", "--content", content, "--layouts", self.layouts, "--output", site, "--quiet", *extra])

    def queries(self, site):
        """What the queries cost, tried twice with a new browser; None (— in the table) when
        both fail, so one browser's failure does not cost the run the rest of its figures."""
        for attempt in (1, 2):
            try:
                return search_queries.measure(site)
            except Exception as error:  # the browser hung or died: say so, and try once more
                print(f"bench: measuring queries failed ({type(error).__name__}: {error}); "
                      + ("trying again" if attempt == 1 else "the table shows —"), flush=True)
        return None

    def size(self, papers):
        args = self.args
        print(f"{papers:,} papers", flush=True)
        content = corpus(args.work, papers)
        markdown = os.path.join(args.work, f"corpus-{papers}.md")
        markdown_bytes = markdown_of(content, markdown)
        site = os.path.join(args.site_dir, f"site-{papers}")
        cache = os.path.join(args.site_dir, f".site-{papers}.cache")
        row = {"papers": papers, "markdown_bytes": markdown_bytes}
        self.runs = 1 if papers in ONE_RUN else args.runs

        with open(markdown, "rb") as source:
            baseline = []
            for _ in range(self.runs):
                source.seek(0)
                baseline.append(measure(CMARK, stdin=source))
        row["baseline"] = median(baseline)
        print(f"  cmark-gfm baseline: {row['baseline'].wall:.3f} s", flush=True)

        full = []
        for _ in range(self.runs):
            self.trash.discard(site)
            self.trash.discard(cache)
            full.append(self.build(content, site, "--timings"))
        row["full"] = median(full)
        indexing = [phase_seconds(run.stderr, "Indexing for search") for run in full]
        row["index_time"] = statistics.median(indexing) if None not in indexing else None
        relating = [phase_seconds(run.stderr, "Finding related papers") for run in full]
        row["related_time"] = statistics.median(relating) if None not in relating else None
        row["index_files"], row["index_bytes"], row["index_gzip"] = search_queries.index_size(site)
        row["queries"] = self.queries(site) if self.browser else None
        tree = snapshot(site)
        row["files"] = len(tree)
        row["bytes"] = sum(size for _, _, size in tree.values())
        pages = [(size, path) for path, (_, _, size) in tree.items() if path.endswith(".html")]
        row["largest_page"] = max(pages)
        row["author_pages"] = sum(1 for path in tree if path.startswith("authors" + os.sep) and path.endswith("index.html"))
        row["author_bytes"] = sum(size for path, (_, _, size) in tree.items() if path.startswith("authors" + os.sep))
        row["without_authors"] = self.without_authors(content)
        print(f"  full build: {row['full'].wall:.3f} s, {row['full'].peak / 2**20:.0f} MB", flush=True)

        row["noop"], row["noop_changed"] = self.rebuilds(content, site, lambda i: None, lambda i: False)
        # `--full` over the site the full build left: every file is rendered again, none
        # should change. Like the first rebuild after any full build, it also makes the
        # output's second tree (a hard link to every file), so the rebuilds after it are
        # timed as a collector's every later run is, not with that one-time cost.
        before = snapshot(site)
        row["forced"] = self.build(content, site, "--full")
        row["forced_changed"] = changed_files(before, snapshot(site))
        row["new_day"], row["new_day_changed"] = self.new_day(content, site)
        row["new_day_search_bytes"] = statistics.median(self.search_changed)
        row["new_day_paper_pages"] = statistics.median(paper_pages(paths) for paths in self.changed)
        row["new_day_author_files"] = statistics.median(author_files(paths) for paths in self.changed)
        row["edit"], row["edit_changed"] = self.edit(content, site)
        print(f"  rebuilds: nothing changed {row['noop'].wall:.3f} s, new day {row['new_day'].wall:.3f} s, "
              f"one edit {row['edit'].wall:.3f} s", flush=True)

        self.trash.discard(site)
        self.trash.discard(cache)
        os.remove(markdown)
        # Last, after Digest's site is gone, so Hugo's files do not weigh on Digest's rebuilds.
        row["hugo"], row["hugo_files"] = None, None
        if papers in args.hugo_sizes and self.hugo_version:
            row["hugo"], row["hugo_files"] = self.hugo(papers, content)
        return row

    def hugo(self, papers, content):
        """One Hugo build of the equivalent site into an empty folder: (Run, files), or (None, None) if it failed."""
        try:
            project = hugo_project(self.args.work, papers, content)
        except subprocess.CalledProcessError:
            print("  writing the Hugo project failed (see above), so the Hugo column shows —", flush=True)
            return None, None
        site = os.path.join(self.args.site_dir, f"hugo-site-{papers}")
        self.trash.discard(site)
        try:
            run = measure(["hugo", "--quiet", "--source", project, "--destination", site], check=False)
            if run is None:
                print("  the Hugo build failed, so the Hugo column shows —", flush=True)
                return None, None
            if run.stderr.strip():
                print("  Hugo said:\n" + run.stderr.rstrip(), flush=True)
            files = len(snapshot(site))
        finally:
            self.trash.discard(site)
        print(f"  Hugo, equivalent site: {run.wall:.3f} s, {run.cpu:.1f} s CPU, {run.peak / 2**20:.0f} MB, {files:,} files", flush=True)
        return run, files

    def without_authors(self, content):
        """One full build of the same content with `authorPages: 0`: what author pages cost is the difference."""
        scratch = os.path.join(self.args.work, "no-authors")
        site = os.path.join(self.args.site_dir, "site-no-authors")
        self.trash.discard(scratch)
        self.trash.discard(site)
        shutil.copytree(content, scratch, symlinks=True)
        config_path = os.path.join(scratch, "site.json")
        with open(config_path) as file:
            config = json.load(file)
        config["authorPages"] = 0
        with open(config_path, "w") as file:
            json.dump(config, file, indent=2)
        try:
            return self.build(scratch, site)
        finally:
            self.trash.discard(scratch)
            self.trash.discard(site)
            self.trash.discard(os.path.join(self.args.site_dir, ".site-no-authors.cache"))

    def rebuilds(self, content, site, change, undo):
        """Median of `runs` rebuilds after `change(i)`; then `undo(i)`, built too (unmeasured) unless it returns False."""
        runs, changed = [], []
        self.search_changed = []
        self.changed = []
        for i in range(self.runs):
            change(i)
            before = snapshot(site)
            runs.append(self.build(content, site))
            after = snapshot(site)
            self.changed.append(changed_paths(before, after))
            changed.append(len(self.changed[-1]))
            self.search_changed.append(sum(size for path, (_, _, size) in after.items()
                                           if path.startswith("search" + os.sep) and before.get(path) != after[path]))
            if undo(i) is not False:
                self.build(content, site)
        return median(runs), statistics.median(changed)

    def new_day(self, content, site):
        """Adds a day of NEW_DAY_PAPERS papers after the corpus's last day, then takes it away."""
        last = paper_files(content)[-1]
        last_day = datetime.date.fromisoformat(os.path.basename(last)[:10])
        day = last_day + datetime.timedelta(days=1)
        scratch = os.path.join(self.args.work, "new-day")
        self.trash.discard(scratch)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), scratch, "--days", "1", "--per-day", str(NEW_DAY_PAPERS),
                        "--start", day.isoformat(), "--seed", "7", "--runs", "1"], check=True)
        source = paper_files(scratch)[0]
        with open(source) as file:
            document = json.load(file)
        # Numbers no corpus day uses (they restart at (day - 1) × papers a day each month).
        for index, record in enumerate(document["papers"]):
            record["id"] = f"{day:%y%m}.{90000 + index:05d}"
        folder = os.path.join(content, "papers", f"{day:%Y-%m}")
        target = os.path.join(folder, f"{day}.json")
        made_folder = not os.path.isdir(folder)

        def add(_):
            os.makedirs(folder, exist_ok=True)
            with open(target, "w") as file:
                json.dump(document, file, ensure_ascii=False, indent=1)

        def remove(_):
            os.remove(target)
            if made_folder:
                os.rmdir(folder)

        try:
            return self.rebuilds(content, site, add, remove)
        finally:
            if os.path.exists(target):
                remove(None)
            self.trash.discard(scratch)

    def edit(self, content, site):
        """Edits the summary of one paper in the middle of the archive, then puts it back: each
        run's edit adds words to a paper that had none of them, as a real edit does (edits one
        after another would differ only in the number after "Correction", which the index
        does not keep, and change a single page)."""
        files = paper_files(content)
        path = files[len(files) // 2]
        with open(path, "rb") as file:
            original = file.read()

        def change(i):
            edited = json.loads(original)
            record = records(edited)[len(records(edited)) // 2]
            record["summary"] += f"\n\nCorrection {i + 1}: the second table reports validation, not test, accuracy."
            with open(path, "w") as file:
                json.dump(edited, file, ensure_ascii=False, indent=1)

        def restore(_):
            with open(path, "wb") as file:
                file.write(original)

        try:
            return self.rebuilds(content, site, change, restore)
        finally:
            restore(None)


def seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def mark(ok):
    return "✓" if ok else "✗"


def hugo_label(version):
    """"Hugo 0.111" from `hugo version`'s "hugo v0.111.3+extended linux/amd64 …"."""
    match = re.search(r"v(\d+\.\d+)", version or "")
    return f"Hugo {match.group(1)}" if match else "Hugo"


def hugo_cells(row):
    """The Full build table's Hugo wall time and its ratio to the baseline, or — when not measured."""
    if row["hugo"] is None:
        return "—", "—"
    return seconds(row["hugo"].wall), f"{row['hugo'].wall / row['baseline'].wall:.1f}×"


def report(rows, args, hugo_version):
    cpu = ""
    try:
        with open("/proc/cpuinfo") as file:
            cpu = next((line.split(":", 1)[1].strip() for line in file if line.startswith("model name")), "")
    except OSError:
        pass
    cmark_version = subprocess.run(["cmark-gfm", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"# Digest benchmark, {datetime.date.today()}",
        "",
        f"Digest {commit or '(no git)'}, {os.cpu_count()} cores ({cpu or platform.machine()}), {platform.system()} {platform.release()}, "
        f"{cmark_version}, {hugo_version or 'no hugo'}. Median of {args.runs} runs of each (one at 200,000 papers, "
        f"and one Hugo build a size); sites written to `{args.site_dir}`.",
        "",
        "## Full build",
        "",
        f"| Papers | Markdown | cmark-gfm baseline | Digest wall | ÷ baseline (≤ {TARGET_FULL_RATIO:g}×) "
        f"| {hugo_label(hugo_version)}, equivalent site | Hugo ÷ baseline | CPU | CPU ÷ wall | Peak memory | Files | Output | Largest page |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        full, base = row["full"], row["baseline"]
        ratio = full.wall / base.wall
        memory_mb = full.peak / 2**20
        memory_mark = f" {mark(memory_mb < TARGET_MEMORY_MB)}" if row["papers"] == 54750 else ""
        page_size, page = row["largest_page"]
        hugo_wall, hugo_ratio = hugo_cells(row)
        lines.append(
            f"| {row['papers']:,} | {row['markdown_bytes'] / 2**20:.1f} MB | {seconds(base.wall)} | {seconds(full.wall)} "
            f"| {ratio:.1f}× {mark(ratio <= TARGET_FULL_RATIO)} | {hugo_wall} | {hugo_ratio} | {seconds(full.cpu)} | {full.cpu / full.wall:.2f} "
            f"| {memory_mb:.0f} MB{memory_mark} | {row['files']:,} | {row['bytes'] / 2**20:.0f} MB "
            f"| {page_size / 1000:.0f} kB {mark(page_size < TARGET_PAGE_BYTES)} (`{page}`) |")
    lines += [
        "",
        f"Targets: at most {TARGET_FULL_RATIO:g}× the baseline at 10,000 and 54,750 papers; peak memory under "
        f"{TARGET_MEMORY_MB} MB at 54,750; no page over 1 MB.",
    ]
    if measured := [row for row in rows if row["hugo"] is not None]:
        lines += ["", "Hugo: one build of the equivalent site bench/hugo_site.py writes (no math, search index, related "
                  "papers or citations); " + "; ".join(f"at {row['papers']:,} papers {seconds(row['hugo'].cpu)} CPU, "
                                                       f"{row['hugo'].peak / 2**20:.0f} MB peak memory, {row['hugo_files']:,} files"
                                                       for row in measured) + "."]
    lines += [
        "",
        "## Rebuilds over the last build's site",
        "",
        f"| Papers | Nothing changed | ÷ full (≤ {TARGET_NOOP_SHARE:.0%}) | New day of {NEW_DAY_PAPERS} papers | ÷ full (≤ {TARGET_CHANGE_SHARE:.0%}) "
        f"| Files changed | One summary edited | ÷ full (≤ {TARGET_EDIT_SHARE:.0%}) | Files changed |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        full = row["full"].wall
        noop, day, edit = row["noop"].wall / full, row["new_day"].wall / full, row["edit"].wall / full
        lines.append(
            f"| {row['papers']:,} | {seconds(row['noop'].wall)} ({row['noop_changed']:.0f} files changed) "
            f"| {noop:.1%} {mark(noop <= TARGET_NOOP_SHARE)} | {seconds(row['new_day'].wall)} "
            f"| {day:.1%} {mark(day <= TARGET_CHANGE_SHARE)} | {row['new_day_changed']:,.0f} of {row['files']:,} "
            f"| {seconds(row['edit'].wall)} | {edit:.1%} {mark(edit <= TARGET_EDIT_SHARE)} | {row['edit_changed']:,.0f} of {row['files']:,} |")
    lines += [
        "",
        "## Search",
        "",
        "The index is built inside the full build (its time is part of the figures above). Bytes are gzip-compressed, "
        "as a host serves them; a query's bytes are every file it fetched: the manifest, term chunks, doc groups and "
        "the result pages its snippets come from (docs/search.md).",
        "",
        "| Papers | Index time | ÷ full build (≤ 10%) | Index files | Index size | Compressed | New day rewrites |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        share = row["index_time"] / row["full"].wall if row["index_time"] is not None else None
        lines.append(
            f"| {row['papers']:,} | {seconds(row['index_time']) if share is not None else '?'} "
            f"| {f'{share:.1%} {mark(share <= 0.10)}' if share is not None else '?'} | {row['index_files']:,} "
            f"| {row['index_bytes'] / 2**20:.1f} MB | {row['index_gzip'] / 2**20:.1f} MB "
            f"| {row['new_day_search_bytes'] / 1000:,.0f} kB |")
    if any(row["queries"] for row in rows):
        queries = next(row["queries"] for row in rows if row["queries"])
        lines += ["", "| Papers | " + " | ".join(f"“{q}”" for q in queries) + " |", "|---:|" + "---:|" * len(queries)]
        for row in rows:
            cells = []
            for query in queries:
                q = (row["queries"] or {}).get(query)
                cells.append("?" if not q else f"{q['bytes'] / 1000:.0f} kB {mark(q['bytes'] <= 300_000)}, {q['files']} files, "
                             f"{q['ms']:.0f} ms {mark(q['ms'] <= 300)}")
            lines.append(f"| {row['papers']:,} | " + " | ".join(cells) + " |")
        lines += ["", "Each query: compressed bytes fetched (≤ 300 kB), files fetched, and the browser's time from the last "
                  "response to the first results (≤ 300 ms)."]
    lines += [
        "",
        "## Related papers and authors",
        "",
        "Related papers are found inside the full build (docs/related.md); author pages are measured as the full build "
        "against one build of the same content with `authorPages: 0` (docs/authors.md). A new day's paper pages "
        "changed: its own papers' pages, their neighbours', and the old pages whose related list really changed.",
        "",
        "| Papers | Related papers | ÷ full build (≤ 10%) | Author pages | Their files | Full build without them | Their cost "
        "| New day: paper pages changed | New day: author files changed |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        related = row["related_time"]
        share = related / row["full"].wall if related is not None else None
        cost = row["full"].wall - row["without_authors"].wall
        lines.append(
            f"| {row['papers']:,} | {seconds(related) if related is not None else '?'} "
            f"| {f'{share:.1%} {mark(share <= 0.10)}' if share is not None else '?'} | {row['author_pages']:,} "
            f"| {row['author_bytes'] / 2**20:.0f} MB | {seconds(row['without_authors'].wall)} "
            f"| {seconds(cost)} ({cost / row['full'].wall:.0%}) | {row['new_day_paper_pages']:,.0f} | {row['new_day_author_files']:,.0f} |")
    lines += [
        "",
        "## `--full` over an unchanged site",
        "",
        "Run before the new day and the edit: like the first rebuild after any full build, it also makes the output's "
        "second tree (a hard link to every file), which every later rebuild brings up to date.",
        "",
        "| Papers | Wall | Files changed |",
        "|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(f"| {row['papers']:,} | {seconds(row['forced'].wall)} | {row['forced_changed']:,} {mark(row['forced_changed'] == 0)} |")
    lines += [
        "",
        "Files changed: files whose inode or modification time differs after the rebuild (what rsync or a static host "
        "would upload); every other file kept its bytes and its modification time.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digest", default=os.path.join(ROOT, ".build/release/digest"))
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo-sizes", default="10000,54750", help='sizes also built with Hugo; "" for none')
    parser.add_argument("--work", default=os.path.join(HERE, "work"))
    parser.add_argument("--site-dir", default=None)
    parser.add_argument("--results", default=os.path.join(HERE, "results"))
    args = parser.parse_args()
    sizes = [int(size.replace(",", "").replace("_", "")) for size in args.sizes.split(",")]
    args.hugo_sizes = {int(size.replace("_", "")) for size in args.hugo_sizes.split(",") if size.strip()}
    if unknown := [size for size in [*sizes, *args.hugo_sizes] if size not in SIZES]:
        sys.exit(f"bench: unknown size {unknown[0]}; choose from {', '.join(map(str, SIZES))}")
    if shutil.which("cmark-gfm") is None:
        sys.exit("bench: the cmark-gfm command is missing; `make bench` installs Debian's cmark-gfm package")
    if not os.access(args.digest, os.X_OK):
        sys.exit(f"bench: {args.digest} is missing; `make bench` builds it (swift build -c release)")
    os.makedirs(args.work, exist_ok=True)
    if args.site_dir is None:
        args.site_dir = os.path.join(args.work, "sites")
    os.makedirs(args.site_dir, exist_ok=True)

    bench = Bench(args)
    stamp = os.path.join(args.work, ".trash-emptied")
    Trash.wait(stamp)
    try:
        rows = [bench.size(size) for size in sizes]
        text = report(rows, args, bench.hugo_version)
        print()
        print(text)
        os.makedirs(args.results, exist_ok=True)
        for name in ["latest.md", f"{datetime.date.today()}.md"]:
            with open(os.path.join(args.results, name), "w") as file:
                file.write(text)
        print(f"Written to {os.path.relpath(os.path.join(args.results, 'latest.md'))}")
    finally:
        print("bench: deleting the sites it built…", flush=True)
        bench.trash.empty(stamp)


if __name__ == "__main__":
    main()
