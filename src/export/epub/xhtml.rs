//! The EPUB's XHTML 5 content documents: cover, title page, navigation, one per chapter,
//! back cover, around the blocks the web edition shares (`markup::blocks`).

use crate::document::Chapter;
use crate::export::markup::blocks::{Context, Page, chapter_heading};
use crate::export::markup::xml::Xml;

pub const STYLESHEET: &str = "css/book.css";
pub const COVER: &str = "cover.xhtml";
pub const TITLE_PAGE: &str = "title.xhtml";
pub const NAV: &str = "nav.xhtml";
pub const BACK_COVER: &str = "back.xhtml";

pub fn chapter_file(chapter: &Chapter) -> String {
    format!("chapter-{:02}.xhtml", chapter.number)
}

/// An XHTML content document up to its `<body>`.
fn begin<'a>(ctx: &'a Context<'a>, title: &str, body_type: &str) -> Page<'a> {
    let tag = ctx.doc.lang_tag.as_str();
    let mut x = Xml::new();
    x.doctype_html();
    x.open(
        "html",
        &[
            ("xmlns", "http://www.w3.org/1999/xhtml"),
            ("xmlns:epub", "http://www.idpf.org/2007/ops"),
            ("lang", tag),
            ("xml:lang", tag),
        ],
    );
    x.newline();
    x.open("head", &[]);
    x.newline();
    x.leaf("title", &[], title);
    x.newline();
    x.empty("link", &[("rel", "stylesheet"), ("type", "text/css"), ("href", STYLESHEET)]);
    x.newline();
    x.close("head");
    x.newline();
    x.open("body", &[("epub:type", body_type)]);
    x.newline();
    Page::new(ctx, x)
}

fn end(mut page: Page) -> Vec<u8> {
    page.x.close("body");
    page.x.newline();
    page.x.close("html");
    page.x.newline();
    page.x.finish()
}

pub fn chapter<'a>(ctx: &'a Context<'a>, chapter: &'a Chapter) -> Vec<u8> {
    let mut page = begin(ctx, &chapter.title, "bodymatter");
    page.x.open("section", &[("epub:type", "chapter"), ("role", "doc-chapter"), ("aria-labelledby", "chapter-title")]);
    page.x.newline();
    page.chapter(chapter);
    page.x.close("section");
    page.x.newline();
    end(page)
}

pub fn cover(ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = begin(ctx, ctx.label("label-cover"), "cover");
    // With a cover image, its words stay in the text for assistive technology (the image's
    // alt is empty, so they are not read twice) but are hidden from sight.
    let (section_class, words_class) = match &ctx.cover {
        Some(_) => ("cover cover-with-image", "visually-hidden"),
        None => ("cover", "cover-words"),
    };
    page.x.open("section", &[("class", section_class)]);
    page.x.newline();
    if let Some(cover) = &ctx.cover {
        let (w, h) = (cover.width.to_string(), cover.height.to_string());
        page.x.empty("img", &[("class", "cover-image"), ("src", &cover.href), ("alt", ""), ("width", &w), ("height", &h)]);
        page.x.newline();
    }
    page.x.open("div", &[("class", words_class)]);
    page.x.open("p", &[("class", "cover-title")]);
    page.text(&doc.title);
    page.x.close("p");
    page.x.newline();
    page.x.open("p", &[]);
    page.text(&doc.institution);
    page.x.close("p");
    page.x.newline();
    page.x.leaf("p", &[], &doc.date);
    page.x.close("div");
    page.x.newline();
    page.x.close("section");
    page.x.newline();
    end(page)
}

pub fn title_page(ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = begin(ctx, ctx.label("label-title-page"), "frontmatter");
    page.x.open("section", &[("class", "title-page"), ("epub:type", "titlepage")]);
    page.x.newline();
    page.x.open("h1", &[]);
    page.text(&doc.title);
    page.x.close("h1");
    page.x.newline();
    page.x.open("p", &[]);
    page.text(&doc.institution);
    page.x.close("p");
    page.x.newline();
    page.x.leaf("p", &[], &doc.date);
    page.x.newline();
    page.x.close("section");
    page.x.newline();
    end(page)
}

/// The navigation document: the contents (chapters and their sections) and the landmarks.
pub fn nav(ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let contents = ctx.label("label-contents");
    let mut page = begin(ctx, contents, "frontmatter");
    let x = &mut page.x;
    x.open("nav", &[("epub:type", "toc"), ("role", "doc-toc"), ("id", "toc"), ("aria-labelledby", "toc-title")]);
    x.newline();
    x.leaf("h1", &[("id", "toc-title")], contents);
    x.newline();
    x.open("ol", &[]);
    x.newline();
    for chapter in &doc.chapters {
        let file = chapter_file(chapter);
        x.open("li", &[]);
        x.open("a", &[("href", &file)]);
        chapter_heading(x, chapter);
        x.close("a");
        if !chapter.sections.is_empty() {
            x.open("ol", &[]);
            for section in &chapter.sections {
                x.open("li", &[]);
                x.open("a", &[("href", &format!("{file}#section-{}", section.number))]);
                x.text(&section.marker);
                x.text(&section.title);
                x.close("a");
                x.close("li");
            }
            x.close("ol");
        }
        x.close("li");
        x.newline();
    }
    x.close("ol");
    x.newline();
    x.close("nav");
    x.newline();
    x.open("nav", &[("epub:type", "landmarks"), ("hidden", "hidden")]);
    x.newline();
    x.open("ol", &[]);
    x.newline();
    let mut landmark = |kind: &str, href: &str, label: &str| {
        x.open("li", &[]);
        x.leaf("a", &[("epub:type", kind), ("href", href)], label);
        x.close("li");
        x.newline();
    };
    landmark("cover", COVER, ctx.label("label-cover"));
    landmark("titlepage", TITLE_PAGE, ctx.label("label-title-page"));
    landmark("toc", &format!("{NAV}#toc"), contents);
    if let Some(first) = doc.chapters.first() {
        landmark("bodymatter", &chapter_file(first), &first.title);
    }
    x.close("ol");
    x.newline();
    x.close("nav");
    x.newline();
    end(page)
}

/// The back cover's text, after the last chapter.
pub fn back_cover<'a>(ctx: &'a Context<'a>) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = begin(ctx, &doc.title, "backmatter");
    page.x.open("section", &[("class", "back-cover"), ("aria-label", &doc.title)]);
    page.x.newline();
    for paragraph in &doc.blurb {
        page.runs_in("p", None, paragraph);
        page.x.newline();
    }
    page.footnotes();
    page.x.close("section");
    page.x.newline();
    end(page)
}
