//! The English and Russian editions against their Chinese source (issues 5 and 6), read
//! straight from locales/*/*.ftl with `fluent-syntax`:
//!
//!  a. no message outside the footnote citations (ids with `-note-`) holds Chinese characters;
//!     in a citation they appear only in an original title 《…》, which a translation `[…]`
//!     follows;
//!  b. every number of a zh message appears in its translation, converted where the unit
//!     changes (see `accepted_values`);
//!  c. footnote references (`$…-note-…`) and `$url` are those of the zh message;
//!  d. typography: no straight quotes; ru: no “ ” except as the closing half of „лапки“, a
//!     no-break space between a number and its unit; en: an en dash in year ranges.
//!
//! A message is read as it prints: term references resolve to the variant their arguments
//! ask for (the default otherwise), `NUMBER(…)` is a number whose literal, if any, counts, and
//! a variable is a gap. Selectors of a message (plurals) are read in all their variants.
//! The original titles 《…》 of cited Chinese sources are quoted as they are, so (a) and (d)
//! do not look inside them.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use fluent_syntax::unicode::unescape_unicode_to_string;

/// Where a `NUMBER(…)` call prints.
const NUMBER_MARK: char = '\u{E000}';
/// Where a variable or another function prints.
const GAP: char = '\u{E001}';
/// What stands for an original title 《…》 when the text outside the titles is checked.
const TITLE: char = '\u{E002}';

const TRANSLATIONS: [&str; 2] = ["en", "ru"];

struct Message {
    file: String,
    id: String,
    pattern: Pattern<String>,
}

struct Bundle {
    lang: &'static str,
    /// In file order, then source order.
    messages: Vec<Message>,
    terms: HashMap<String, (String, Pattern<String>)>,
}

impl Bundle {
    fn load(lang: &'static str) -> Bundle {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        paths.sort();
        let mut bundle = Bundle { lang, messages: Vec::new(), terms: HashMap::new() };
        for path in paths {
            let file = format!("locales/{lang}/{}", path.file_name().unwrap().to_string_lossy());
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
            let resource = parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{file}: {errors:?}"));
            for entry in resource.body {
                match entry {
                    Entry::Message(ast::Message { id, value: Some(pattern), .. }) => {
                        bundle.messages.push(Message { file: file.clone(), id: id.name, pattern });
                    }
                    Entry::Term(ast::Term { id, value, .. }) => {
                        bundle.terms.insert(id.name, (file.clone(), value));
                    }
                    _ => {}
                }
            }
        }
        assert!(!bundle.messages.is_empty(), "{lang}: no messages");
        bundle
    }

    fn message(&self, id: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.id == id)
    }

    fn print(&self, pattern: &Pattern<String>) -> Printed {
        let mut out = Printed::default();
        self.print_pattern(pattern, &Scope::Message, 0, &mut out);
        out
    }

    fn print_pattern(&self, pattern: &Pattern<String>, scope: &Scope, depth: usize, out: &mut Printed) {
        assert!(depth < 16, "references nest too deep (a cycle?)");
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => out.text.push_str(value),
                PatternElement::Placeable { expression } => self.print_expression(expression, scope, depth, out),
            }
        }
    }

    fn print_expression(&self, expression: &Expression<String>, scope: &Scope, depth: usize, out: &mut Printed) {
        match expression {
            Expression::Select { selector, variants } => {
                let chosen = match (scope, selector) {
                    (Scope::Term(args), InlineExpression::VariableReference { id }) => {
                        let wanted = args.get(&id.name);
                        variants
                            .iter()
                            .find(|v| wanted.is_some_and(|w| variant_key(&v.key) == w))
                            .or_else(|| variants.iter().find(|v| v.default))
                    }
                    _ => None,
                };
                match chosen {
                    Some(variant) => self.print_pattern(&variant.value, scope, depth + 1, out),
                    // A message's own selector: every variant may print.
                    None => {
                        for variant in variants {
                            self.print_pattern(&variant.value, scope, depth + 1, out);
                            out.text.push('\n');
                        }
                    }
                }
            }
            Expression::Inline(inline) => self.print_inline(inline, scope, depth, out),
        }
    }

    fn print_inline(&self, inline: &InlineExpression<String>, scope: &Scope, depth: usize, out: &mut Printed) {
        match inline {
            InlineExpression::StringLiteral { value } => out.text.push_str(&unescape_unicode_to_string(value)),
            InlineExpression::NumberLiteral { value } => out.text.push_str(value),
            InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                out.text.push(NUMBER_MARK);
                if let Some(InlineExpression::NumberLiteral { value }) = arguments.positional.first() {
                    out.numbers.push(value.parse().unwrap_or_else(|e| panic!("NUMBER({value}): {e}")));
                }
            }
            InlineExpression::FunctionReference { .. } => out.text.push(GAP),
            InlineExpression::MessageReference { id, .. } => match self.message(&id.name) {
                Some(m) => self.print_pattern(&m.pattern, &Scope::Message, depth + 1, out),
                None => panic!("{}: unknown message `{}`", self.lang, id.name),
            },
            InlineExpression::TermReference { id, arguments, .. } => {
                let (_, pattern) =
                    self.terms.get(&id.name).unwrap_or_else(|| panic!("{}: unknown term `-{}`", self.lang, id.name));
                let mut args = HashMap::new();
                for named in arguments.iter().flat_map(|a| &a.named) {
                    let value = match (&named.value, scope) {
                        (InlineExpression::StringLiteral { value } | InlineExpression::NumberLiteral { value }, _) => {
                            value.clone()
                        }
                        (InlineExpression::VariableReference { id }, Scope::Term(outer)) => {
                            outer.get(&id.name).cloned().unwrap_or_default()
                        }
                        _ => String::new(),
                    };
                    args.insert(named.name.name.clone(), value);
                }
                self.print_pattern(pattern, &Scope::Term(args), depth + 1, out);
            }
            InlineExpression::VariableReference { id } => {
                if let Scope::Message = scope {
                    out.variables.insert(id.name.clone());
                }
                out.text.push(GAP);
            }
            InlineExpression::Placeable { expression } => self.print_expression(expression, scope, depth, out),
        }
    }
}

/// What a `$variable` means where a pattern is read.
enum Scope {
    Message,
    /// Inside a term: its parameters, as the reference passed them.
    Term(HashMap<String, String>),
}

fn variant_key(key: &ast::VariantKey<String>) -> &str {
    match key {
        ast::VariantKey::Identifier { name } => name,
        ast::VariantKey::NumberLiteral { value } => value,
    }
}

/// A message as it prints, with what cannot be known before formatting set apart.
#[derive(Default)]
struct Printed {
    text: String,
    /// Literals of `NUMBER(…)` calls.
    numbers: Vec<f64>,
    /// Variables of the message itself (not a term's parameters).
    variables: BTreeSet<String>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn is_citation(id: &str) -> bool {
    id.contains("-note-")
}

/// The original titles 《…》 (with any 《…》 nested in them) as byte ranges, 《 and 》 included.
fn titles(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '《' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    found.push((start, i + c.len_utf8()));
                }
            }
            _ => {}
        }
    }
    found
}

/// The text with each original title replaced by one `TITLE` mark.
fn outside_titles(text: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (start, end) in titles(text) {
        out.push_str(&text[at..start]);
        out.push(TITLE);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Runs of Chinese characters, for a failure message.
fn cjk_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Up to `n` characters either side of byte `at`, marks shown as `#` (NUMBER) and `$` (gap).
fn excerpt(text: &str, at: usize, n: usize) -> String {
    let before: String = text[..at].chars().rev().take(n).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[at..].chars().take(n).collect();
    format!("…{before}⟦{after}…").replace(NUMBER_MARK, "#").replace(GAP, "$").replace(TITLE, "《…》").replace('\n', " ")
}

fn report(what: &str, failures: &[String]) {
    assert!(failures.is_empty(), "{what}: {} failure(s)\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------- (a) Chinese characters

#[test]
fn no_chinese_outside_citation_titles() {
    let mut failures = Vec::new();
    for lang in TRANSLATIONS {
        let bundle = Bundle::load(lang);
        let mut citations = 0;
        for m in &bundle.messages {
            let text = bundle.print(&m.pattern).text;
            let here = format!("{}: {}", m.file, m.id);
            if !is_citation(&m.id) {
                let runs = cjk_runs(&text);
                if !runs.is_empty() {
                    failures.push(format!("{here}: Chinese characters {runs:?}"));
                }
                continue;
            }
            citations += 1;
            let outside = cjk_runs(&outside_titles(&text));
            if !outside.is_empty() {
                failures.push(format!("{here}: Chinese characters outside an original title 《…》: {outside:?}"));
            }
            for (start, end) in titles(&text) {
                let translated = text[end..].trim_start().starts_with('[');
                if text[start..end].chars().any(is_cjk) && !translated {
                    failures.push(format!(
                        "{here}: original title without a translation `[…]` after it: {}",
                        &text[start..end]
                    ));
                }
            }
        }
        // Terms print wherever they are used; all their variants are checked here.
        for (name, (file, pattern)) in &bundle.terms {
            let runs = cjk_runs(&bundle.print(pattern).text);
            if !runs.is_empty() {
                failures.push(format!("{file}: -{name}: Chinese characters {runs:?}"));
            }
        }
        println!(
            "{lang}: {} messages ({citations} citations) and {} terms checked for Chinese characters",
            bundle.messages.len(),
            bundle.terms.len()
        );
    }
    report("Chinese characters in a translation", &failures);
}

// ---------------------------------------------------------------- (b) numbers

/// A number of a zh message and the word after it, which may change how it is written.
#[derive(Debug)]
struct SourceNumber {
    text: String,
    value: f64,
    unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Plain,
    /// 亿, a hundred million.
    Yi,
    /// 万, ten thousand.
    Wan,
    /// 万亿, a trillion.
    WanYi,
    /// 倍, “times”: 增长1.7倍 is “grew by 170%” or “grew 2.7-fold”.
    Bei,
    /// A month: 3月, or the month of a 5·9 day.
    Month,
}

/// ASCII numbers of a Chinese text (full-width digits and Chinese numerals are not numbers
/// a translation must repeat as digits).
fn source_numbers(text: &str) -> Vec<SourceNumber> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
        let digits: String = chars[start..i].iter().collect();
        let next = chars.get(i).copied();
        let unit = match next {
            Some('万') if chars.get(i + 1) == Some(&'亿') => Unit::WanYi,
            Some('亿') => Unit::Yi,
            Some('万') => Unit::Wan,
            Some('倍') => Unit::Bei,
            Some('月') => Unit::Month,
            Some('·') if chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => Unit::Month,
            _ => Unit::Plain,
        };
        found.push(SourceNumber { value: digits.parse().expect("ASCII digits"), text: digits, unit });
    }
    found
}

/// The values a translation may write for a source number.
fn accepted_values(n: &SourceNumber) -> Vec<f64> {
    let v = n.value;
    match n.unit {
        Unit::Plain | Unit::Month => vec![v],
        // 2401亿 = 240 100 million = 240.1 billion; also written out in full.
        Unit::Yi => vec![v * 100.0, v / 10.0, v * 1e8],
        // 99.79万 = 997 900 = 997.9 thousand; 2950万 = 29.5 million.
        Unit::Wan => vec![v * 1e4, v * 10.0, v / 100.0],
        Unit::WanYi => vec![v, v * 1000.0, v * 1e12],
        Unit::Bei => vec![v, v * 100.0, v + 1.0],
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// Numbers typed in a translation: digit runs, with the language's decimal separator and
/// digit grouping read both ways (`90 000` is 90 000, and also 90 and 0), so that a typed
/// grouping never hides a number.
fn typed_numbers(text: &str, lang: &str) -> Vec<f64> {
    let (decimal, groups): (char, &[char]) = match lang {
        "ru" => (',', &[' ', '\u{A0}', '\u{202F}']),
        _ => ('.', &[',']),
    };
    let chars: Vec<char> = text.chars().collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    let digits = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let next_run = |end: usize| runs.iter().find(|r| r.0 == end + 1).copied();
    let mut found: Vec<f64> = Vec::new();
    let mut push = |whole: &str, end: usize| {
        found.push(whole.parse().expect("digits"));
        if let Some(fraction) = next_run(end).filter(|_| chars.get(end) == Some(&decimal)) {
            found.push(format!("{whole}.{}", digits(fraction)).parse().expect("a decimal"));
        }
    };
    for &run in &runs {
        push(&digits(run), run.1);
        // Grouped: 1–3 digits, then groups of exactly three.
        if run.1 - run.0 <= 3 {
            let (mut whole, mut end) = (digits(run), run.1);
            while let Some(group) = next_run(end).filter(|g| groups.contains(&chars[end]) && g.1 - g.0 == 3) {
                whole.push_str(&digits(group));
                end = group.1;
            }
            if end != run.1 {
                push(&whole, end);
            }
        }
    }
    found
}

const EN_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Stems of the Russian month names, which take case endings (марта, июнем, майский).
const RU_MONTH_STEMS: [&str; 12] =
    ["январ", "феврал", "март", "апрел", "май", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];
/// The forms of май not on its stem (ма- alone would match any word).
const RU_MAY: [&str; 4] = ["мая", "мае", "маю", "маем"];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The months (1–12) named in a translation, in any case form.
fn named_months(text: &str, lang: &str) -> BTreeSet<usize> {
    let mut months = BTreeSet::new();
    for word in words(text) {
        let month = match lang {
            "ru" if RU_MAY.contains(&word.as_str()) => Some(4),
            "ru" => RU_MONTH_STEMS.iter().position(|s| word.starts_with(s)),
            _ => EN_MONTHS.iter().position(|m| *m == word),
        };
        months.extend(month.map(|m| m + 1));
    }
    months
}

const EN_NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
/// Russian cardinals 1–4 in all their forms; 5–20 are declined below.
const RU_ONE_TO_FOUR: [&[&str]; 4] = [
    &["один", "одна", "одно", "одни", "одного", "одной", "одному", "одним", "одном", "одну", "одних", "однажды"],
    &["два", "две", "двух", "двум", "двумя", "дважды"],
    &["три", "трёх", "трех", "трём", "трем", "тремя", "трижды"],
    &["четыре", "четырёх", "четырех", "четырём", "четырем", "четырьмя"],
];
const RU_FIVE_TO_TWENTY: [&str; 16] = [
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
    "двадцать",
];

/// Small numbers a translation spells out (“five member states”, «не реже одного раза»),
/// and Roman numerals (XXI век), as values.
fn spelled_numbers(text: &str, lang: &str) -> Vec<f64> {
    let mut found = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        // “I” alone is the English pronoun.
        if word != "I" || lang == "ru" {
            found.extend(roman(word));
        }
    }
    for word in words(text) {
        let value = match lang {
            "ru" => {
                RU_ONE_TO_FOUR.iter().position(|forms| forms.contains(&word.as_str())).map(|i| i + 1).or_else(|| {
                    RU_FIVE_TO_TWENTY
                        .iter()
                        .position(|base| {
                            let stem = base.strip_suffix('ь').unwrap_or(base);
                            // восемь declines on восьм-.
                            let stem = if *base == "восемь" { "восьм" } else { stem };
                            word == *base || word == format!("{stem}и") || word == format!("{stem}ью")
                        })
                        .map(|i| i + 5)
                })
            }
            _ => match word.as_str() {
                "once" => Some(1),
                "twice" => Some(2),
                _ => EN_NUMBER_WORDS.iter().position(|w| *w == word).map(|i| i + 1),
            },
        };
        found.extend(value.map(|v| v as f64));
    }
    found
}

/// The value of a Roman numeral written in capitals.
fn roman(word: &str) -> Option<f64> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<i32> = word.chars().map(digit).collect::<Option<_>>()?;
    let total: i32 =
        values.iter().enumerate().map(|(i, &v)| if values.get(i + 1).is_some_and(|&n| n > v) { -v } else { v }).sum();
    Some(f64::from(total))
}

#[test]
fn every_source_number_is_in_the_translation() {
    let source = Bundle::load("zh");
    let mut failures = Vec::new();
    for lang in TRANSLATIONS {
        let bundle = Bundle::load(lang);
        let (mut messages, mut numbers) = (0, 0);
        for zh in &source.messages {
            let Some(m) = bundle.message(&zh.id) else { continue };
            let wanted = source_numbers(&source.print(&zh.pattern).text);
            if wanted.is_empty() {
                continue;
            }
            let printed = bundle.print(&m.pattern);
            let mut have = typed_numbers(&printed.text, lang);
            have.extend(&printed.numbers);
            have.extend(spelled_numbers(&printed.text, lang));
            let months = named_months(&printed.text, lang);
            messages += 1;
            numbers += wanted.len();
            let missing: Vec<&str> = wanted
                .iter()
                .filter(|n| {
                    let as_month = n.unit == Unit::Month && months.contains(&(n.value as usize));
                    !as_month && !accepted_values(n).iter().any(|&v| have.iter().any(|&h| same(h, v)))
                })
                .map(|n| n.text.as_str())
                .collect();
            if !missing.is_empty() {
                let unique: BTreeSet<&str> = missing.into_iter().collect();
                failures.push(format!("{}: {}: zh numbers not in the translation: {unique:?}", m.file, m.id));
            }
        }
        println!("{lang}: {messages} messages with numbers checked, {numbers} zh numbers");
    }
    report("numbers lost in translation", &failures);
}

// ---------------------------------------------------------------- (c) footnotes and links

fn note_variables(printed: &Printed) -> BTreeSet<&str> {
    printed.variables.iter().map(String::as_str).filter(|v| is_citation(v) || *v == "url").collect()
}

#[test]
fn footnote_references_and_links_match_the_source() {
    let source = Bundle::load("zh");
    let mut failures = Vec::new();
    for lang in TRANSLATIONS {
        let bundle = Bundle::load(lang);
        let mut checked = 0;
        for zh in &source.messages {
            let Some(m) = bundle.message(&zh.id) else { continue };
            checked += 1;
            let (zh_printed, printed) = (source.print(&zh.pattern), bundle.print(&m.pattern));
            let (want, have) = (note_variables(&zh_printed), note_variables(&printed));
            if want != have {
                let missing: Vec<_> = want.difference(&have).collect();
                let extra: Vec<_> = have.difference(&want).collect();
                failures.push(format!("{}: {}: missing {missing:?}, not in zh {extra:?}", m.file, m.id));
            }
        }
        println!("{lang}: {checked} messages checked for footnote references and links");
    }
    report("footnote references and links", &failures);
}

// ---------------------------------------------------------------- (d) typography

/// Russian units bound to their number by a no-break space.
const RU_UNITS: [&str; 9] = ["млрд", "млн", "трлн", "тыс.", "км", "т", "%", "г.", "гг."];

fn typography_of(text: &str, lang: &str) -> Vec<String> {
    let text = outside_titles(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut open_low = 0usize;
    for (n, &(at, c)) in chars.iter().enumerate() {
        let show = || excerpt(&text, at, 20);
        if c == '"' {
            found.push(format!("straight quote: {}", show()));
        }
        let number_before = n > 0 && (chars[n - 1].1.is_ascii_digit() || chars[n - 1].1 == NUMBER_MARK);
        match lang {
            "ru" => match c {
                '„' => open_low += 1,
                '“' if open_low > 0 => open_low -= 1,
                '“' | '”' => found.push(format!("`{c}` outside „…“ and original titles: {}", show())),
                '%' if number_before => found.push(format!("no space before `%`: {}", show())),
                c if c.is_whitespace() && number_before && c != '\u{A0}' && c != '\u{202F}' => {
                    let rest = &text[at + c.len_utf8()..];
                    let unit = RU_UNITS.iter().find(|u| {
                        rest.starts_with(**u)
                            && (u.ends_with(['.', '%']) || !rest[u.len()..].starts_with(char::is_alphabetic))
                    });
                    if let Some(unit) = unit {
                        found.push(format!("no no-break space before `{unit}`: {}", show()));
                    }
                }
                _ => {}
            },
            _ => {
                // 2013-2023 or 2013—2023: a range of years takes an en dash.
                let year_at = |k: usize| {
                    k + 4 <= chars.len()
                        && chars[k..k + 4].iter().all(|(_, d)| d.is_ascii_digit())
                        && matches!(chars[k].1, '1' | '2')
                        && (k == 0 || !chars[k - 1].1.is_ascii_digit())
                        && chars.get(k + 4).is_none_or(|(_, d)| !d.is_ascii_digit())
                };
                if matches!(c, '-' | '‐' | '‑' | '—' | '−') && n >= 4 && year_at(n - 4) && year_at(n + 1) {
                    found.push(format!("`{c}` in a range of years (use –): {}", show()));
                }
            }
        }
    }
    found
}

/// A citation of a Russian or English source quotes its title as the zh citation does, with
/// the source's own typography (“Доля … достигла 90% …”): the text a citation shares with
/// the start of its zh message is not the translator's.
fn translators_part(text: &str, zh: Option<&str>) -> String {
    let Some(zh) = zh else { return text.to_owned() };
    let shared: usize = text.chars().zip(zh.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    if text[..shared].chars().count() < 10 {
        return text.to_owned();
    }
    format!("{TITLE}{}", &text[shared..])
}

#[test]
fn typography() {
    let source = Bundle::load("zh");
    let mut failures = Vec::new();
    for lang in TRANSLATIONS {
        let bundle = Bundle::load(lang);
        for m in &bundle.messages {
            let zh = source.message(&m.id).filter(|_| is_citation(&m.id)).map(|zh| source.print(&zh.pattern).text);
            let text = translators_part(&bundle.print(&m.pattern).text, zh.as_deref());
            for problem in typography_of(&text, lang) {
                failures.push(format!("{}: {}: {problem}", m.file, m.id));
            }
        }
        for (name, (file, pattern)) in &bundle.terms {
            for problem in typography_of(&bundle.print(pattern).text, lang) {
                failures.push(format!("{file}: -{name}: {problem}"));
            }
        }
        println!("{lang}: {} messages and {} terms checked for typography", bundle.messages.len(), bundle.terms.len());
    }
    report("typography", &failures);
}

// ---------------------------------------------------------------- the rules themselves

#[test]
fn rules_read_numbers_and_titles_as_intended() {
    let zh = source_numbers("贸易额从892亿美元增加到2401亿美元，增长近1.7倍；5·9庆典；99.79万人次");
    let as_text: Vec<(&str, Unit)> = zh.iter().map(|n| (n.text.as_str(), n.unit)).collect();
    assert_eq!(
        as_text,
        [
            ("892", Unit::Yi),
            ("2401", Unit::Yi),
            ("1.7", Unit::Bei),
            ("5", Unit::Month),
            ("9", Unit::Plain),
            ("99.79", Unit::Wan)
        ]
    );
    assert!(accepted_values(&zh[1]).iter().any(|&v| same(v, 240.1)));
    assert!(accepted_values(&zh[5]).iter().any(|&v| same(v, 997_900.0)));

    let ru = typed_numbers("рост на 26,3 % за 2013–2023 гг., 90\u{A0}000 поездов", "ru");
    for v in [26.3, 2013.0, 2023.0, 90_000.0, 90.0] {
        assert!(ru.iter().any(|&h| same(h, v)), "{v} in {ru:?}");
    }
    let en = typed_numbers("USD 1,109.72 billion, 2.91 million TEU", "en");
    for v in [1109.72, 2.91, 1.0] {
        assert!(en.iter().any(|&h| same(h, v)), "{v} in {en:?}");
    }
    assert_eq!(named_months("20 марта и в мае, 5 июня, май", "ru"), BTreeSet::from([3, 5, 6]));
    assert_eq!(spelled_numbers("в XXI веке, не реже одного раза, с пяти до десяти", "ru"), [21.0, 1.0, 5.0, 10.0]);
    assert_eq!(spelled_numbers("I saw nine of ten", "en"), [9.0, 10.0]);

    let cited = "《中国〈共同〉声明》 [A statement], 《人民日报》";
    assert_eq!(cjk_runs(&outside_titles(cited)), Vec::<String>::new());
    assert_eq!(titles(cited).len(), 2);

    assert!(typography_of("рост на 4 % и 26,3\u{A0}%", "ru").len() == 1);
    assert!(typography_of("«цитата „внутри“»", "ru").is_empty());
    assert_eq!(typography_of("in 2013-2023 and 2013–2023", "en").len(), 1);
}
