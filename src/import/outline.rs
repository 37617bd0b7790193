//! The cleaned-up blocks shaped into the book: level-1 headings open chapters, level-2 and
//! level-3 headings sections; consecutive list items form a list.

use super::report::{ImportReport, quote};
use super::source::{Block, Inline, Loc, Piece, Table, plain};

#[derive(Debug)]
pub struct Chapter {
    pub number: u32,
    pub title: Inline,
    pub at: Loc,
    pub intro: Vec<Item>,
    pub sections: Vec<Section>,
}

#[derive(Debug)]
pub struct Section {
    pub title: Inline,
    pub at: Loc,
    pub blocks: Vec<Item>,
}

#[derive(Debug)]
pub struct Item {
    pub content: Content,
    pub at: Loc,
}

#[derive(Debug)]
pub enum Content {
    Para { text: Inline, quote: bool },
    List { ordered: bool, start: u64, items: Vec<Inline> },
    Table(Table),
    Figure { path: String, caption: Option<Inline> },
    Chart { chart: super::chart::WordChart, alt: String },
    Math(crate::model::math::MathRow),
}

/// The chapters of the document. `fallback_title` names the one chapter of a document
/// without chapter headings.
pub fn outline(pieces: Vec<Piece>, fallback_title: &Inline, report: &mut ImportReport) -> Vec<Chapter> {
    let has_level_one = pieces.iter().any(|p| matches!(p.block, Block::Chapter { .. } | Block::Heading { level: 1, .. }));
    let shift = if !has_level_one && pieces.iter().any(|p| matches!(p.block, Block::Heading { level: 2, .. })) {
        report.approximated(pieces[0].at, "the document has no level-1 heading: its level-2 headings are the chapters");
        1
    } else {
        0
    };
    let mut chapters: Vec<Chapter> = Vec::new();
    // Blocks before the first chapter heading.
    let mut before: Vec<Item> = Vec::new();
    let mut list: Option<(usize, Item)> = None;
    for piece in pieces {
        if !matches!(piece.block, Block::Item { .. }) {
            close_list(&mut list, &mut chapters, &mut before);
        }
        let at = piece.at;
        match piece.block {
            Block::Chapter { number, title } => chapters.push(chapter(Some(number), title, at, &chapters)),
            Block::Heading { level, text } => match level - shift.min(level - 1) {
                1 => chapters.push(chapter(None, text, at, &chapters)),
                2 | 3 => match chapters.last_mut() {
                    Some(c) => c.sections.push(Section { title: text, at, blocks: Vec::new() }),
                    None => {
                        report.approximated(at, format!("a section heading before the first chapter kept as a paragraph: {}", quote(&plain(&text))));
                        before.push(Item { content: Content::Para { text, quote: false }, at });
                    }
                },
                n => {
                    report.approximated(at, format!("a level-{n} heading kept as a paragraph: {}", quote(&plain(&text))));
                    push(&mut chapters, &mut before, Item { content: Content::Para { text, quote: false }, at });
                }
            },
            Block::Para { text, quote } => push(&mut chapters, &mut before, Item { content: Content::Para { text, quote }, at }),
            Block::Item { list: id, ordered, number, text } => {
                match &mut list {
                    Some((open, Item { content: Content::List { items, .. }, .. })) if *open == id => items.push(text),
                    _ => {
                        close_list(&mut list, &mut chapters, &mut before);
                        list = Some((id, Item { content: Content::List { ordered, start: number, items: vec![text] }, at }));
                    }
                }
            }
            Block::Table(table) => push(&mut chapters, &mut before, Item { content: Content::Table(table), at }),
            Block::Image { path, alt } => {
                let caption = (!alt.trim().is_empty()).then(|| vec![super::source::Span::Text(alt)]);
                push(&mut chapters, &mut before, Item { content: Content::Figure { path, caption }, at });
            }
            Block::Chart { chart, alt } => push(&mut chapters, &mut before, Item { content: Content::Chart { chart, alt }, at }),
            Block::Math(row) => push(&mut chapters, &mut before, Item { content: Content::Math(row), at }),
            Block::NoteDef { .. } | Block::Rule => {}
        }
    }
    close_list(&mut list, &mut chapters, &mut before);
    if chapters.is_empty() {
        let at = before.first().map_or(Loc::Line(1), |i| i.at);
        report.approximated(at, "the document has no chapter heading: it is one chapter, named after the report");
        chapters.push(chapter(Some(1), fallback_title.clone(), at, &chapters));
    }
    if !before.is_empty() {
        report.approximated(before[0].at, format!("{} block(s) before the first chapter heading put at the start of chapter 1", before.len()));
        let first = &mut chapters[0];
        before.append(&mut first.intro);
        first.intro = before;
    }
    chapters
}

/// A new chapter: its own number, else the one after the highest so far (also when its
/// own is taken: chapter numbers are unique).
fn chapter(number: Option<u32>, title: Inline, at: Loc, chapters: &[Chapter]) -> Chapter {
    let next = chapters.iter().map(|c| c.number).max().unwrap_or(0) + 1;
    let number = number.filter(|n| !chapters.iter().any(|c| c.number == *n)).unwrap_or(next);
    Chapter { number, title, at, intro: Vec::new(), sections: Vec::new() }
}

fn push(chapters: &mut [Chapter], before: &mut Vec<Item>, item: Item) {
    match chapters.last_mut() {
        Some(chapter) => match chapter.sections.last_mut() {
            Some(section) => section.blocks.push(item),
            None => chapter.intro.push(item),
        },
        None => before.push(item),
    }
}

fn close_list(list: &mut Option<(usize, Item)>, chapters: &mut [Chapter], before: &mut Vec<Item>) {
    if let Some((_, item)) = list.take() {
        push(chapters, before, item);
    }
}
