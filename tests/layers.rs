//! The crate's layers (src/lib.rs): a module uses only modules of the layers below its own.
//! Every `crate::…` path in src/ is checked, `use` lines and paths in code alike, so that
//! no import cycle between modules comes back.

use std::path::{Path, PathBuf};

/// The top-level modules, lowest layer first; modules of one layer do not use each other.
/// The same list, explained, is in src/lib.rs.
const LAYERS: &[&[&str]] = &[
    &["text"],
    &["diag"],
    &["files", "project", "schedule"],
    &["i18n"],
    &["model"],
    &["date"],
    &["document"],
    &["review"],
    &["layout"],
    &["export", "proof"],
    &["init", "exchange"],
    &["import"],
    &["render"],
    &["cli"],
    &["fuzz", "in_memory"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level modules a source text names in `crate::` paths, with their line numbers:
/// `crate::a::b`, and each of `crate::{a, b::c}`. Comment lines are left out.
fn used_modules(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//"));
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    while let Some((n, line)) = lines.next() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let preceded = rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
            rest = &rest[at + "crate::".len()..];
            if preceded {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // A group may span lines: read to its closing brace.
                let mut body = group.to_string();
                while body.matches('{').count() + 1 > body.matches('}').count() {
                    let Some((_, next)) = lines.next() else { break };
                    body.push_str(next);
                }
                let mut depth = 0;
                let mut item = String::new();
                for c in body.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            found.push((n + 1, ident(item.trim())));
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    item.push(c);
                }
                found.push((n + 1, ident(item.trim())));
            } else {
                found.push((n + 1, ident(rest)));
            }
        }
    }
    found.retain(|(_, m)| !m.is_empty() && m != "self");
    found
}

/// The breaches of the layers in one file of module `module`, as messages.
fn breaches(file: &str, module: &str, text: &str) -> Vec<String> {
    let Some(own) = layer_of(module) else {
        return vec![format!("{file}: module `{module}` is in no layer: add it to LAYERS here and in src/lib.rs")];
    };
    let mut out = Vec::new();
    for (line, used) in used_modules(text) {
        if used == module {
            continue;
        }
        match layer_of(&used) {
            None => out.push(format!("{file}:{line}: `crate::{used}` is in no layer: add it to LAYERS here and in src/lib.rs")),
            Some(layer) if layer > own => out.push(format!(
                "{file}:{line}: `{module}` (layer {}) uses `crate::{used}` (layer {}), a layer above it",
                own + 1,
                layer + 1
            )),
            Some(layer) if layer == own => {
                out.push(format!("{file}:{line}: `{module}` uses `crate::{used}`, a module of its own layer ({})", own + 1))
            }
            Some(_) => {}
        }
    }
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for path in &files {
        let rel = path.strip_prefix(&src).expect("under src/");
        let first = rel.components().next().expect("a component").as_os_str().to_string_lossy();
        let module = first.trim_end_matches(".rs");
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        problems.extend(breaches(&format!("src/{}", rel.display()), module, &text));
    }
    assert!(problems.is_empty(), "modules out of their layers:\n{}", problems.join("\n"));
    // Every module of the crate has its layer.
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("pub ").strip_prefix("mod "))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(declared.len() > 10, "{declared:?}");
    for module in declared {
        assert!(layer_of(module).is_some(), "`{module}` (src/lib.rs) is in no layer");
    }
}

#[test]
fn breaches_are_found() {
    let text = "use crate::diag::Failure;\n// crate::cli in a comment\nuse crate::{\n    text::Script,\n    render::{self, x},\n};\nfn f() { crate::schedule::go(); }\n";
    assert_eq!(
        used_modules(text),
        [(1, "diag".to_string()), (3, "text".to_string()), (3, "render".to_string()), (7, "schedule".to_string())]
    );
    assert_eq!(
        breaches("src/project.rs", "project", text),
        [
            "src/project.rs:3: `project` (layer 3) uses `crate::render` (layer 13), a layer above it",
            "src/project.rs:7: `project` uses `crate::schedule`, a module of its own layer (3)",
        ]
    );
    assert!(breaches("src/render.rs", "render", text).is_empty());
    assert_eq!(breaches("src/x.rs", "x", ""), ["src/x.rs: module `x` is in no layer: add it to LAYERS here and in src/lib.rs"]);
}
