//! `folio init DIR`: a new project that renders as it is (src/init/).

use std::path::Path;

use crate::diag::Failure;
use crate::init::{self, Options};

pub fn run(dir: &Path, source_lang: &str, langs: &[String]) -> Result<(), Failure> {
    init::check_empty(dir, "folio init creates a project in a new or empty directory; choose another one")?;
    let options = Options::new(dir, source_lang, langs)?;
    let staged = init::staging_dir(dir)?;
    init::populate(staged.path(), &options)?;
    init::move_into(staged, dir)?;
    let (published, pending) = options.published();
    let pending = if pending.is_empty() { String::new() } else { format!(", in progress {}", pending.join(", ")) };
    eprintln!(
        "created {}: report `{}`, languages {} (source {}){pending}, one example chapter",
        dir.display(),
        options.slug,
        published.join(", "),
        options.source_lang
    );
    eprintln!("next: cd {} && folio check && folio render --lang all --format pdf,epub", dir.display());
    Ok(())
}
