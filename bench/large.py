"""Makes an N-times longer copy of the shipped report for benchmarks: every chapter (with
its tables and charts) repeated N times, each copy numbered on and with its message ids,
footnote ids, tables and charts renamed, in every language. Nothing of it is committed.

    python3 bench/large.py N DIR
"""
import os, re, shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ids_defined(ftl):
    return re.findall(r"^([a-zA-Z][\w-]*) =", ftl, flags=re.M)


def main(n, out):
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    for part in ["report", "locales", "layouts"]:
        shutil.copytree(ROOT / part, out / part)
    # Hard links: folio reads nothing through a link that leads out of the project.
    (out / "fonts").mkdir()
    for font in (ROOT / "fonts").iterdir():
        try:
            os.link(font, out / "fonts" / font.name)
        except OSError:
            shutil.copy2(font, out / "fonts" / font.name)
    langs = [d.name for d in (ROOT / "locales").iterdir() if d.is_dir()]
    meta = (ROOT / "report/report.toml").read_text()
    chapters = re.findall(r'"(chapters/[^"]+\.toml)"', meta)
    shared = {lang: "\n".join((ROOT / "locales" / lang / f).read_text() for f in ("tables.ftl", "charts.ftl"))
              for lang in langs}
    listed = []
    for copy in range(1, n + 1):
        for k, chapter in enumerate(chapters, 1):
            number = (copy - 1) * len(chapters) + k
            if copy == 1:
                listed.append(chapter)
                continue
            prefix = f"x{copy}-"
            src = (ROOT / "report" / chapter).read_text()
            ftl_name = Path(chapter).stem + ".ftl"
            ids = set()
            for lang in langs:
                ids.update(ids_defined((ROOT / "locales" / lang / ftl_name).read_text()))
            # Tables and charts of the chapter are copied under new names, with their ids.
            extra = {lang: [] for lang in langs}
            for kind in ("table", "chart"):
                for path in re.findall(kind + r' = "([^"]+)"', src):
                    new = path.replace(".toml", f"-{copy}.toml")
                    text = (ROOT / "report" / path).read_text()
                    for mid in set(re.findall(r'"([a-z][\w-]*)"', text)):
                        for lang in langs:
                            m = re.search(rf"^{re.escape(mid)} =.*$", shared[lang], flags=re.M)
                            if m:
                                extra[lang].append(prefix + m.group(0))
                                text = re.sub(rf'"{re.escape(mid)}"', f'"{prefix}{mid}"', text)
                    (out / "report" / new).write_text(text)
                    src = src.replace(f'"{path}"', f'"{new}"')
            src = re.sub(r"^number = \d+", f"number = {number}", src, flags=re.M)
            src = re.sub(r'"([a-z][\w-]*)"', lambda m: f'"{prefix}{m.group(1)}"' if m.group(1) in ids else m.group(0), src)
            name = f"chapters/{Path(chapter).stem}-{copy}.toml"
            (out / "report" / name).write_text(src)
            listed.append(name)
            for lang in langs:
                ftl = (ROOT / "locales" / lang / ftl_name).read_text()
                ftl = re.sub(r"^([a-zA-Z][\w-]*) =", lambda m: f"{prefix}{m.group(1)} =", ftl, flags=re.M)
                ftl = re.sub(r"\{ \$([\w-]+) \}", lambda m: "{ $" + (prefix + m.group(1) if m.group(1) in ids else m.group(1)) + " }", ftl)
                ftl += "\n" + "\n".join(extra[lang]) + "\n"
                (out / "locales" / lang / f"{Path(chapter).stem}-{copy}.ftl").write_text(ftl)
    meta = re.sub(r"chapters = \[[^\]]*\]", "chapters = [" + ", ".join(f'"{c}"' for c in listed) + "]", meta, flags=re.S)
    (out / "report/report.toml").write_text(meta)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
