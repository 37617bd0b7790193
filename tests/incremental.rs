//! Render only what changed (issue 26): the driver records in out/ what each output was
//! made from; an output whose inputs did not change is kept, `--force` makes it again, and a
//! kept output is byte for byte what a new render writes.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

const ARGS: [&str; 6] = ["render", "--lang", "all", "--format", "pdf,epub,html", "--out"];

fn render(project: &Path, out: &Path, extra: &[&str]) -> common::Run {
    let mut args: Vec<&str> = ARGS.to_vec();
    args.push(out.to_str().expect("a UTF-8 path"));
    args.extend(extra);
    let run = common::folio(project, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// Every file below `dir` (the site's too) with its bytes and inode, the stamps aside.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64)> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name() != common::STAMPS {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.insert(rel, (std::fs::read(&path).unwrap(), entry.metadata().unwrap().ino()));
            }
        }
    }
    files
}

fn line<'a>(stderr: &'a str, lang: &str, kind: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.split_whitespace().take(2).eq([lang, kind]))
        .unwrap_or_else(|| panic!("no `{lang} {kind}` line:\n{stderr}"))
}

#[test]
fn only_what_changed_is_made_again_and_kept_outputs_equal_a_new_render() {
    let project = common::shipped();
    let root = project.path();
    let out = root.join("out");
    let first = render(root, &out, &[]);
    assert!(first.stderr.contains("7 file(s) written"), "{}", first.stderr);
    let made = snapshot(&out);

    // Nothing changed: nothing is written, every output says so.
    let second = render(root, &out, &[]);
    assert!(second.stderr.contains("0 file(s) written") && second.stderr.contains("7 unchanged"), "{}", second.stderr);
    assert!(line(&second.stderr, "ru", "epub").contains("unchanged  (109 KB)"), "{}", second.stderr);
    assert!(snapshot(&out) == made, "an unchanged render rewrote a file");

    // One ru message: the ru PDF and EPUB and the website (all languages) are made again.
    let bundle = root.join("locales/ru/01-foreword.ftl");
    let text = std::fs::read_to_string(&bundle).unwrap();
    let (id, _) = text.lines().find_map(|l| l.split_once(" = ")).expect("a message");
    let edited = text.replacen(&format!("{id} = "), &format!("{id} = Правка. "), 1);
    std::fs::write(&bundle, edited).unwrap();
    let third = render(root, &out, &[]);
    assert!(third.stderr.contains("3 file(s) written to") && third.stderr.contains("4 unchanged"), "{}", third.stderr);
    for lang in ["zh", "en"] {
        assert!(line(&third.stderr, lang, "pdf").contains("unchanged"), "{}", third.stderr);
        assert!(line(&third.stderr, lang, "epub").contains("unchanged"), "{}", third.stderr);
    }
    assert!(!line(&third.stderr, "ru", "pdf").contains("unchanged"), "{}", third.stderr);
    assert!(!line(&third.stderr, "zh,ru,en", "html").contains("unchanged"), "{}", third.stderr);
    let partial = snapshot(&out);
    assert_ne!(partial["china-russia-new-era-ru.pdf"], made["china-russia-new-era-ru.pdf"]);
    assert_eq!(partial["china-russia-new-era-zh.pdf"].1, made["china-russia-new-era-zh.pdf"].1, "zh was written again");

    // --force makes everything, and what it makes is what the partial render kept.
    let forced = render(root, &out, &["--force"]);
    assert!(forced.stderr.contains("7 file(s) written"), "{}", forced.stderr);
    let all = snapshot(&out);
    assert_eq!(all.keys().collect::<Vec<_>>(), partial.keys().collect::<Vec<_>>());
    for (name, (bytes, inode)) in &all {
        assert!(*bytes == partial[name].0, "{name}: a kept output differs from a forced render");
        if !name.contains('/') {
            assert_ne!(*inode, partial[name].1, "{name} was not written again by --force");
        }
    }
}

#[test]
fn an_output_changed_or_removed_on_disk_is_made_again() {
    let project = common::renderable("minimal", common::Fonts::All);
    let root = project.path();
    let out = root.join("out");
    let out_arg = out.to_str().unwrap().to_string();
    let args = |extra: &'static str| vec!["render", "--lang", "zh", "--format", "pdf,epub", "--out", &out_arg, extra];
    let run = common::folio(root, &args("--jobs=1"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = out.join("minimal-zh.pdf");
    let epub = out.join("minimal-zh.epub");
    let good = std::fs::read(&pdf).unwrap();
    std::fs::write(&pdf, b"edited by hand").unwrap();
    std::fs::remove_file(&epub).unwrap();
    let run = common::folio(root, &args("--jobs=1"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 file(s) written"), "{}", run.stderr);
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
    assert!(epub.is_file());

    // Another layout is another output, with its own record.
    let run = common::folio(root, &["render", "--lang", "zh", "--layout", "print", "--out", &out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 file(s) written"), "{}", run.stderr);
}
