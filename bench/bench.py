"""The measurements behind bench/run. Prints one line per figure with its goal."""
import os, re, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
RUNS = int(ARGS[0]) if ARGS else 5
ROOT = Path(__file__).resolve().parent.parent
FOLIO = ROOT / "target/release/folio"
OUT = ROOT / "bench/out"
LANGS = ["zh", "ru", "en"]


# Bare Typst: the `typst` package compiling the projects `--emit-typst` writes, one language
# after another.
BASELINE = (
    "import typst, sys\n"
    "for lang in sys.argv[2:]:\n"
    "    d = sys.argv[1] + '/' + lang\n"
    "    typst.compile(d + '/main.typ', output=d + '/out.pdf', root=d, font_paths=[%r], ignore_system_fonts=True)\n"
    % str(ROOT / "fonts")
)


def timed(cmd, **kw):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def median_of(fn):
    return statistics.median(fn() for _ in range(RUNS))


def folio(*args, out, project=ROOT):
    # --force: every run lays out and writes, even when the inputs have not changed.
    return [str(FOLIO), "--project", str(project), "render", "--lang", "all", "--out", str(out), "--force", *args]


def line(n, what, value, goal, ok):
    print(f"{n}. {what:<58} {value:<34} goal {goal:<14} {'ok' if ok else 'MISSED'}")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    # Baseline projects: what folio lays out, as plain Typst projects.
    subprocess.run(folio("--emit-typst", str(OUT / "typst"), out=OUT), check=True, stderr=subprocess.DEVNULL)

    # 1. folio vs bare Typst, three languages.
    t_folio = median_of(lambda: timed(folio("--format", "pdf", out=OUT / "pdf")))
    t_typst = median_of(lambda: timed([sys.executable, "-c", BASELINE, str(OUT / "typst"), *LANGS]))
    ratio = t_folio / t_typst
    line(1, "render --lang all --format pdf vs bare Typst (3 languages)",
         f"{t_folio:.2f} s vs {t_typst:.2f} s = {ratio:.2f}", "<= 1.10", ratio <= 1.10)

    # 2. EPUB overhead.
    t_both = median_of(lambda: timed(folio("--format", "pdf,epub", out=OUT / "both")))
    overhead = (t_both / t_folio - 1) * 100
    line(2, "--format pdf,epub vs pdf (EPUB overhead)", f"{t_both:.2f} s vs {t_folio:.2f} s = {overhead:+.0f} %",
         "<= 15 %", overhead <= 15)

    # 3. watch: edit one ru message, time until the new PDF is on disk. The figure is a
    # paragraph, a translator's usual edit; a chapter title (which also changes the running
    # heads, the contents and the bookmarks) is shown beside it as the worst case.
    latencies = watch_latencies(20, title=False)
    titles = watch_latencies(10, title=True)
    if latencies:
        med = statistics.median(latencies) * 1000
        worst = f"; a chapter title {statistics.median(titles) * 1000:.0f} ms" if titles else ""
        line(3, "watch: edit one ru paragraph -> new PDF on disk (median of 20)", f"{med:.0f} ms{worst}", "<= 200 ms", med <= 200)
    else:
        line(3, "watch: edit one ru message -> new PDF on disk", "not measured (watch failed)", "<= 200 ms", False)

    # 3b. preview: the same edit, until the browser is told and until it has the page.
    to_event, to_page = preview_latencies(20)
    if to_page:
        ev, pg = statistics.median(to_event) * 1000, statistics.median(to_page) * 1000
        line("3b", "preview: edit one ru paragraph -> event; -> changed page served", f"{ev:.0f} ms; {pg:.0f} ms", "<= 200 ms", pg <= 200)
    else:
        line("3b", "preview: edit one ru paragraph -> changed page served", "not measured (preview failed)", "<= 200 ms", False)

    # 4. peak memory.
    res = subprocess.run(["/usr/bin/time", "-v", *folio("--format", "pdf,epub", out=OUT / "rss")],
                         capture_output=True, text=True)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr).group(1)) / 1024
    line(4, "peak RSS of --lang all --format pdf,epub", f"{rss:.0f} MB", "<= 600 MB", rss <= 600)

    # 5. sizes.
    sizes = {p.name: p.stat().st_size / 1e6 for p in sorted((OUT / "both").glob("*.*")) if not p.name.startswith(".")}
    ok = all(v <= 3 for k, v in sizes.items() if "-zh." in k)
    line(5, "sizes (MB)", ", ".join(f"{k.split('-')[-1]} {v:.2f}" for k, v in sizes.items()), "zh <= 3 MB", ok)

    # 6. the web edition: time for all languages, and the zh site without photographs
    # (pages, assets, drawings, web fonts).
    t_html = median_of(lambda: timed(folio("--format", "html", out=OUT / "html")))
    site = next((OUT / "html").glob("*-html"))
    zh = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()
             and (p.relative_to(site).parts[0] in ("assets",) or p.parent == site
                  or (p.relative_to(site).parts[0] == "zh" and "images" not in p.relative_to(site).parts)))
    line(6, "web edition: render --format html; zh site without photos", f"{t_html:.2f} s; {zh / 1e6:.2f} MB",
         "zh <= 2 MB", zh <= 2e6)

    # 7. render only what changed: one ru message edited, then every edition of every
    # language; against a cold render of the same; the result byte-identical to a forced one.
    incremental_line()


def incremental_line():
    (cold, warm), (cold_cpu, warm_cpu), same = incremental()
    ratio = warm / cold
    line(7, "one ru message edited -> render all pdf,epub,html (vs cold)",
         f"{warm:.2f} s vs {cold:.2f} s = {ratio:.2f} (CPU {warm_cpu / cold_cpu:.2f}){'' if same else ' DIFFERS'}",
         "<= 0.40", ratio <= 0.40 and same)


def scratch_copy():
    scratch = Path(tempfile.mkdtemp(prefix="folio-bench-"))
    for part in ["report", "locales", "layouts"]:
        shutil.copytree(ROOT / part, scratch / part)
    link_fonts(scratch / "fonts")
    return scratch


def link_fonts(to):
    """The fonts hard-linked (copied where links cannot be made): folio reads nothing
    through a link that leads out of the project."""
    to.mkdir()
    for font in (ROOT / "fonts").iterdir():
        try:
            os.link(font, to / font.name)
        except OSError:
            shutil.copy2(font, to / font.name)


def tree(dir):
    return {p.relative_to(dir): p.read_bytes() for p in sorted(dir.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def timed_cpu(cmd):
    """Wall time and CPU time (user + system, all threads) of a command."""
    import resource
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def incremental():
    """Medians of a cold render of every format and of the render after one ru edit, in
    wall time and in CPU time, and whether the kept and remade outputs equal a forced
    render's."""
    scratch = scratch_copy()
    try:
        out = scratch / "out"
        formats = ("--format", "pdf,epub,html")
        cold = [timed_cpu(folio(*formats, out=out, project=scratch)) for _ in range(RUNS)]
        ftl = scratch / "locales/ru/01-foreword.ftl"
        text = ftl.read_text()
        lines = text.split("\n")
        target = next(i for i, l in enumerate(lines) if l.startswith("ch01-") and "=" in l and not l.split("=")[0].strip().endswith("-title"))
        warm = []
        for i in range(RUNS):
            edited = lines.copy()
            edited[target] += f" ({i})"
            ftl.write_text("\n".join(edited))
            warm.append(timed_cpu([a for a in folio(*formats, out=out, project=scratch) if a != "--force"]))
        forced = scratch / "forced"
        subprocess.run(folio(*formats, out=forced, project=scratch), check=True, stderr=subprocess.DEVNULL)
        med = lambda runs, k: statistics.median(r[k] for r in runs)
        return (med(cold, 0), med(warm, 0)), (med(cold, 1), med(warm, 1)), tree(out) == tree(forced)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def watch_latencies(edits, title):
    """Runs `folio watch` on a scratch copy of the project and edits a ru message: the
    chapter title, or the first paragraph."""
    scratch = scratch_copy()
    out = scratch / "out"
    pdf = out / "china-russia-new-era-ru.pdf"
    proc = subprocess.Popen([str(FOLIO), "--project", str(scratch), "watch", "--lang", "ru",
                             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_for(lambda: pdf.exists(), 120):
            return []
        ftl = scratch / "locales/ru/01-foreword.ftl"
        text = ftl.read_text()
        lines = text.split("\n")
        target = next(i for i, l in enumerate(lines)
                      if l.startswith("ch01-") and "=" in l and l.split("=")[0].strip().endswith("-title") == title)
        latencies = []
        for i in range(edits):
            before = pdf.stat().st_mtime_ns
            time.sleep(0.3)
            start = time.perf_counter()
            edited = lines.copy()
            edited[target] += f" ({i})"
            ftl.write_text("\n".join(edited))
            if not wait_for(lambda: pdf.stat().st_mtime_ns != before, 30):
                return []
            latencies.append(time.perf_counter() - start)
        return latencies
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def preview_latencies(edits):
    """Runs `folio preview` on a scratch copy and edits the first ru paragraph: the time
    until the server-sent event arrives, and until the first changed page is served."""
    import json, socket
    scratch = scratch_copy()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(FOLIO), "--project", str(scratch), "preview", "--lang", "ru", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def get(path):
        with socket.create_connection(("127.0.0.1", port), timeout=30) as c:
            c.sendall(f"GET {path} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
            data = b""
            while chunk := c.recv(65536):
                data += chunk
            return data

    try:
        def serving():
            try:
                return b"200 OK" in get("/pages/1.svg")[:20]
            except OSError:
                return False

        if not wait_for(serving, 120):
            return [], []
        events = socket.create_connection(("127.0.0.1", port), timeout=30)
        events.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream = events.makefile("rb")

        def next_event():
            while True:
                line = stream.readline()
                if line.startswith(b"data: "):
                    return json.loads(line[6:])

        next_event()
        ftl = scratch / "locales/ru/01-foreword.ftl"
        lines = ftl.read_text().split("\n")
        target = next(i for i, l in enumerate(lines) if l.startswith("ch01-") and not l.split("=")[0].strip().endswith("-title"))
        to_event, to_page = [], []
        for i in range(edits):
            time.sleep(0.3)
            start = time.perf_counter()
            edited = lines.copy()
            edited[target] += f" ({i})"
            ftl.write_text("\n".join(edited))
            event = next_event()
            to_event.append(time.perf_counter() - start)
            if event["changed"]:
                get(f"/pages/{event['changed'][0]}.svg?v={event['version']}")
                to_page.append(time.perf_counter() - start)
        events.close()
        return to_event, to_page
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def wait_for(cond, timeout):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if cond():
                return True
        except FileNotFoundError:
            pass
        time.sleep(0.005)
    return False


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    if "--large" in sys.argv:
        large()
    elif "--curve" in sys.argv:
        curve()
    elif "--incremental" in sys.argv:
        incremental_line()
    else:
        main()
