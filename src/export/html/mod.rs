//! The web edition: the report as a static, multilingual website, from the same resolved
//! documents as the PDF and the EPUB and through the same block writer as the EPUB
//! (`markup::blocks`, flavor HTML). Per language: a front page (cover, blurb, contents), a
//! page per chapter with previous/next links and a switch to the same chapter in every
//! other language, a search index; at the top, a front door that picks the reader's
//! language. Every asset is in the folder: no request leaves the site.

mod assets;
mod fonts;
pub mod review;
mod search;

use std::sync::Arc;

use rayon::prelude::*;
use typst::foundations::Datetime;

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::{Block, BlockBody, Chapter, Document, Text};
use crate::export::markup::blocks::{ChartArt, Context, Flavor, Page, Picture, chapter_heading, plain_text};
use crate::export::markup::xml::Xml;
use crate::export::markup::{self, script, style};
use crate::layout::world::Fonts;
use crate::project::Project;
use crate::text::{Profile, Script};
use search::Entry;

/// The web edition of the report in some of its languages.
pub struct Site<'a> {
    pub project: &'a Project,
    /// One document per language, in the report's order.
    pub docs: &'a [Document],
    pub fonts: &'a Arc<Fonts>,
    pub timestamp: Datetime,
    /// Where the site will be published (`https://example.org/report/`): canonical and
    /// alternate links and the sitemap need absolute addresses.
    pub base_url: Option<String>,
    /// BCP 47 tags of all the report's languages, to tag passages quoted in another one.
    pub report_tags: Vec<String>,
}

/// A file of the site, relative to its folder.
pub struct SiteFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A language's name in itself, for the language switch: the one piece of text every
/// edition shows alike.
fn autonym(lang: &str) -> &str {
    match lang.split('-').next().unwrap_or(lang) {
        "zh" => "中文",
        "ru" => "Русский",
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "ar" => "العربية",
        "ja" => "日本語",
        "ko" => "한국어",
        "pt" => "Português",
        "it" => "Italiano",
        _ => lang,
    }
}

pub fn chapter_page(chapter: &Chapter) -> String {
    format!("chapter-{:02}.html", chapter.number)
}

/// Every file of the site, with the warnings of drawing its charts.
pub fn export(site: &Site) -> Result<(Vec<SiteFile>, Diagnostics), Diagnostics> {
    let editions: Vec<Result<(Vec<SiteFile>, Diagnostics), Diagnostics>> =
        site.docs.par_iter().map(|doc| edition(site, doc)).collect();
    let mut files = vec![
        SiteFile { path: "index.html".to_string(), bytes: front_door(site) },
        SiteFile { path: "assets/site.css".to_string(), bytes: assets::SITE_CSS.as_bytes().to_vec() },
        SiteFile { path: "assets/folio.js".to_string(), bytes: assets::SITE_JS.as_bytes().to_vec() },
    ];
    let mut warnings = Diagnostics::default();
    let mut errors = Diagnostics::default();
    for edition in editions {
        match edition {
            Ok((f, w)) => {
                files.extend(f);
                warnings.extend(w);
            }
            Err(d) => errors.extend(d),
        }
    }
    if errors.has_errors() {
        errors.extend(warnings);
        return Err(errors);
    }
    if let Some(sitemap) = sitemap(site) {
        files.push(SiteFile { path: "sitemap.xml".to_string(), bytes: sitemap });
    }
    Ok((files, warnings))
}

/// One language's pages, pictures, stylesheet and search index.
fn edition(site: &Site, doc: &Document) -> Result<(Vec<SiteFile>, Diagnostics), Diagnostics> {
    let (media, warnings) = markup::media(site.project, site.fonts, site.timestamp, doc)?;
    let lang = &doc.lang;
    let mut files = Vec::new();
    for file in media.files {
        files.push(SiteFile { path: format!("{lang}/{}", file.href), bytes: file.bytes });
    }
    // The cover as PNG for link previews (Open Graph wants a raster image).
    let preview = cover_png(&media.cover.svg, 600).map_err(|d| Diagnostics(vec![d]))?;
    files.push(SiteFile { path: format!("{lang}/cover.png"), bytes: preview });
    files.push(SiteFile { path: format!("{lang}/cover.svg"), bytes: media.cover.svg.into_bytes() });
    let cover = Picture { href: "cover.svg".to_string(), width: media.cover.width, height: media.cover.height };
    let charts = media
        .charts
        .into_iter()
        .enumerate()
        .map(|(i, (number, drawn))| (number, ChartArt::Inline(inline_svg(&drawn.svg, &format!("c{}-", i + 1)))))
        .collect();
    let foreign = script::ForeignTags::new(&doc.lang_tag, &site.report_tags);
    let ctx = Context { doc, flavor: Flavor::Html, images: media.images, charts, cover: Some(cover), foreign, terms: None };

    let pages = pages(site, &ctx);
    let mut chars = BTreeSet::new();
    for page in &pages {
        fonts::page_chars(&String::from_utf8_lossy(&page.bytes), &mut chars);
    }
    let (font_files, font_css) = web_fonts(site.project, lang, &doc.profile, &chars).map_err(|e| Diagnostics(vec![e]))?;
    files.extend(font_files);
    let css = format!("{}\n{font_css}", style::stylesheet(&doc.profile));
    files.push(SiteFile { path: format!("assets/{lang}.css"), bytes: css.into_bytes() });
    files.extend(pages);
    files.push(SiteFile { path: format!("{lang}/search.js"), bytes: search_index(doc) });
    Ok((files, warnings))
}

/// The edition's pages: its front page and a page per chapter.
pub fn pages(site: &Site, ctx: &Context) -> Vec<SiteFile> {
    let lang = &ctx.doc.lang;
    let mut pages = vec![SiteFile { path: format!("{lang}/index.html"), bytes: front_page(site, ctx) }];
    for (i, chapter) in ctx.doc.chapters.iter().enumerate() {
        pages.push(SiteFile { path: format!("{lang}/{}", chapter_page(chapter)), bytes: chapter_html(site, ctx, i) });
    }
    pages
}

/// The edition's search index (`search.js`).
pub fn search_index(doc: &Document) -> Vec<u8> {
    search::script(&search_entries(doc))
}

/// The edition's faces cut down to the characters of its pages, and the CSS that names
/// them ahead of the font stacks readers' systems offer.
fn web_fonts(project: &Project, lang: &str, profile: &Profile, chars: &BTreeSet<char>) -> Result<(Vec<SiteFile>, String), Diagnostic> {
    let han: BTreeSet<char> = chars.iter().copied().filter(|c| Script::of(*c) == Script::Han).collect();
    let mut files = Vec::new();
    let mut css = String::new();
    let mut families = Vec::new();
    for face in fonts::faces(profile) {
        // The Chinese face of another edition holds its Chinese passages only; the Chinese
        // edition's own faces are Chinese already.
        let wanted = match face.family {
            "folio-cjk" if profile.cjk => continue,
            "folio-cjk" => &han,
            _ => chars,
        };
        // A project with other fonts gets the system stacks for this face.
        let Some(bytes) = fonts::subset(project, face.file, wanted)? else { continue };
        let ext = if face.file.ends_with(".otf") { "otf" } else { "ttf" };
        let (file, format) = (format!("{}.{ext}", face.family), if ext == "otf" { "opentype" } else { "truetype" });
        css.push_str(&format!(
            "@font-face {{ font-family: \"{}\"; src: url(\"../{lang}/fonts/{file}\") format(\"{format}\"); font-display: swap; }}\n",
            face.family
        ));
        files.push(SiteFile { path: format!("{lang}/fonts/{file}"), bytes });
        let text = project.read(format!("fonts/{}", face.license))?;
        if !files.iter().any(|f| f.path.ends_with(face.license)) {
            files.push(SiteFile { path: format!("{lang}/fonts/{}", face.license), bytes: text.to_vec() });
        }
        families.push(face.family);
    }
    let t = style::typography(profile);
    let has = |f: &str| families.contains(&f);
    let stack = |own: &str, system: &str| {
        let mut names: Vec<String> = [own, "folio-cjk"].iter().filter(|f| has(f)).map(|f| format!("\"{f}\"")).collect();
        names.push(system.to_string());
        names.join(", ")
    };
    css.push_str(&format!(
        "body {{ font-family: {}; }}\nh1, h2, caption, figcaption, table, .source, .chart-note, .notes, nav, details, .site-header, .site-footer, .pager {{ font-family: {}; }}\n",
        stack("folio-serif", t.serif),
        stack("folio-sans", t.sans)
    ));
    Ok((files, css))
}

/// The cover drawing as a PNG `width` pixels wide. Its text is glyph outlines, so no font
/// is needed, and the same drawing gives the same pixels.
fn cover_png(svg: &str, width: u32) -> Result<Vec<u8>, Diagnostic> {
    use resvg::{tiny_skia, usvg};
    let fail = |e: String| Diagnostic::error(format!("the cover preview: {e}"));
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| fail(e.to_string()))?;
    let size = tree.size();
    let scale = width as f32 / size.width();
    let height = (size.height() * scale).round() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or_else(|| fail("the cover has no size".into()))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| fail(e.to_string()))
}

/// A chart's SVG inside a page: its ids (glyph definitions, the same in every chart) made
/// unique with `prefix`, and the XHTML namespace typst-svg declares for foreign objects
/// dropped, which HTML does not allow on `<svg>`.
fn inline_svg(svg: &str, prefix: &str) -> String {
    svg.replace(" xmlns:h5=\"http://www.w3.org/1999/xhtml\"", "")
        .replace("id=\"", &format!("id=\"{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
        .replace("url(#", &format!("url(#{prefix}"))
}

/// Where a page of a language is: relative to another page of the site, and absolute.
struct Address<'a> {
    site: &'a Site<'a>,
    lang: &'a str,
    /// `index.html`, `chapter-04.html`
    page: String,
}

impl Address<'_> {
    fn relative_from_lang(&self) -> String {
        format!("../{}/{}", self.lang, self.page)
    }

    fn absolute(&self) -> Option<String> {
        let base = self.site.base_url.as_deref()?;
        Some(format!("{}/{}/{}", base.trim_end_matches('/'), self.lang, self.page))
    }
}

/// A page of a language folder, up to the start of `<main>`: the head with its metadata,
/// the skip link, the header with the site's title, the language switch and the search.
/// `same_page` names the page in the other languages (the same chapter).
fn begin<'a>(site: &'a Site, ctx: &'a Context<'a>, title: &str, page: &str) -> Page<'a> {
    let doc = ctx.doc;
    let mut x = Xml::web_page(&doc.lang_tag, title);
    let description: String = doc.blurb.iter().map(plain_text).collect::<Vec<_>>().join(" ");
    x.empty("meta", &[("name", "description"), ("content", &description)]);
    x.newline();
    let here = Address { site, lang: &doc.lang, page: page.to_string() };
    if let Some(canonical) = here.absolute() {
        x.empty("link", &[("rel", "canonical"), ("href", &canonical)]);
        x.newline();
    }
    for other in site.docs {
        let there = Address { site, lang: &other.lang, page: page.to_string() };
        let href = there.absolute().unwrap_or_else(|| there.relative_from_lang());
        x.empty("link", &[("rel", "alternate"), ("hreflang", &other.lang_tag), ("href", &href)]);
        x.newline();
    }
    let door = site.base_url.as_deref().map_or("../index.html".to_string(), |b| format!("{}/index.html", b.trim_end_matches('/')));
    x.empty("link", &[("rel", "alternate"), ("hreflang", "x-default"), ("href", &door)]);
    x.newline();
    x.empty("meta", &[("property", "og:title"), ("content", title)]);
    x.empty("meta", &[("property", "og:description"), ("content", &description)]);
    x.empty("meta", &[("property", "og:type"), ("content", "book")]);
    let preview = Address { site, lang: &doc.lang, page: "cover.png".to_string() };
    x.empty("meta", &[("property", "og:image"), ("content", &preview.absolute().unwrap_or_else(|| "cover.png".to_string()))]);
    x.newline();
    x.empty("link", &[("rel", "stylesheet"), ("href", "../assets/site.css")]);
    x.empty("link", &[("rel", "stylesheet"), ("href", &format!("../assets/{}.css", doc.lang))]);
    x.newline();
    x.open("script", &[("src", "../assets/folio.js"), ("defer", "defer")]);
    x.close("script");
    x.newline();
    x.close("head");
    x.newline();
    x.open("body", &[]);
    x.newline();
    x.leaf("a", &[("class", "skip"), ("href", "#main")], ctx.label("label-skip"));
    x.newline();
    x.open("header", &[("class", "site-header")]);
    x.open("div", &[]);
    x.newline();
    x.leaf("a", &[("class", "site-title"), ("href", "index.html")], &doc.title);
    x.newline();
    x.open("nav", &[("class", "languages"), ("aria-label", ctx.label("label-languages"))]);
    x.open("ul", &[]);
    for other in site.docs {
        let href = Address { site, lang: &other.lang, page: page.to_string() }.relative_from_lang();
        let mut attrs = vec![("href", href.as_str()), ("hreflang", other.lang_tag.as_str()), ("lang", other.lang_tag.as_str())];
        if other.lang == doc.lang {
            attrs.push(("aria-current", "page"));
        }
        x.open("li", &[]);
        x.leaf("a", &attrs, autonym(&other.lang));
        x.close("li");
    }
    x.close("ul");
    x.close("nav");
    x.newline();
    let none = ctx.label("label-search-none");
    x.open("form", &[("class", "search"), ("role", "search"), ("data-index", "search.js"), ("data-none", none)]);
    x.leaf("label", &[("class", "visually-hidden"), ("for", "search-query")], ctx.label("label-search"));
    x.empty("input", &[("id", "search-query"), ("type", "search"), ("placeholder", ctx.label("label-search")), ("autocomplete", "off")]);
    x.open("ol", &[("class", "search-results"), ("aria-live", "polite")]);
    x.close("ol");
    x.close("form");
    x.newline();
    x.close("div");
    x.close("header");
    x.newline();
    x.open("main", &[("id", "main")]);
    x.newline();
    Page::new(ctx, x)
}

/// Closes `<main>`, adds the previous/next links (if any) and the footer.
fn end(mut page: Page, pager: &[(&str, &str, &str, &str)]) -> Vec<u8> {
    let doc = page.ctx.doc;
    let x = &mut page.x;
    x.close("main");
    x.newline();
    if !pager.is_empty() {
        x.open("nav", &[("class", "pager"), ("aria-label", page.ctx.label("label-contents"))]);
        for &(class, rel, href, text) in pager {
            x.leaf("a", &[("class", class), ("rel", rel), ("href", href)], text);
        }
        x.close("nav");
        x.newline();
    }
    x.open("footer", &[("class", "site-footer")]);
    x.open("p", &[]);
    x.text(&doc.institution);
    x.text(" · ");
    x.text(&doc.date);
    x.close("p");
    x.close("footer");
    x.newline();
    x.close("body");
    x.newline();
    x.close("html");
    x.newline();
    page.x.finish()
}

/// A language's front page: the cover, the blurb and the contents.
fn front_page(site: &Site, ctx: &Context) -> Vec<u8> {
    let doc = ctx.doc;
    let mut page = begin(site, ctx, &doc.title, "index.html");
    page.x.open("div", &[("class", "cover-page")]);
    page.x.newline();
    page.x.open("h1", &[]);
    page.text(&doc.title);
    page.x.close("h1");
    page.x.newline();
    if let Some(cover) = &ctx.cover {
        let (w, h) = (cover.width.to_string(), cover.height.to_string());
        page.x.empty("img", &[("class", "cover-image"), ("src", &cover.href), ("alt", ""), ("width", &w), ("height", &h)]);
        page.x.newline();
    }
    page.x.open("p", &[]);
    page.text(&doc.institution);
    page.x.text(" · ");
    page.text(&doc.date);
    page.x.close("p");
    page.x.close("div");
    page.x.newline();
    page.x.open("div", &[("class", "blurb")]);
    for paragraph in &doc.blurb {
        page.runs_in("p", None, paragraph);
    }
    page.x.close("div");
    page.x.newline();
    let contents = ctx.label("label-contents");
    page.x.open("nav", &[("class", "contents"), ("aria-labelledby", "contents-title")]);
    page.x.leaf("h2", &[("id", "contents-title")], contents);
    page.x.open("ol", &[]);
    for chapter in &doc.chapters {
        let file = chapter_page(chapter);
        page.x.open("li", &[]);
        page.x.open("a", &[("href", &file)]);
        chapter_heading(&mut page.x, chapter);
        page.x.close("a");
        if !chapter.sections.is_empty() {
            page.x.open("ol", &[]);
            for section in &chapter.sections {
                page.x.open("li", &[]);
                page.x.open("a", &[("href", &format!("{file}#section-{}", section.number))]);
                page.text(&section.marker);
                page.text(&section.title);
                page.x.close("a");
                page.x.close("li");
            }
            page.x.close("ol");
        }
        page.x.close("li");
        page.x.newline();
    }
    page.x.close("ol");
    page.x.close("nav");
    page.x.newline();
    // The blurb's notes, if it has any.
    page.footnotes();
    end(page, &[])
}

fn chapter_html(site: &Site, ctx: &Context, index: usize) -> Vec<u8> {
    let doc = ctx.doc;
    let chapter = &doc.chapters[index];
    let mut page = begin(site, ctx, &format!("{} · {}", chapter.title, doc.title), &chapter_page(chapter));
    page.x.open("article", &[("aria-labelledby", "chapter-title")]);
    page.x.newline();
    page.chapter(chapter);
    page.x.close("article");
    page.x.newline();
    let previous = index.checked_sub(1).and_then(|i| doc.chapters.get(i));
    let next = doc.chapters.get(index + 1);
    let (prev_href, prev_text, next_href, next_text) = (
        previous.map(chapter_page).unwrap_or_default(),
        previous.map(|c| format!("← {}: {}", ctx.label("label-previous"), c.title)).unwrap_or_default(),
        next.map(chapter_page).unwrap_or_default(),
        next.map(|c| format!("{}: {} →", ctx.label("label-next"), c.title)).unwrap_or_default(),
    );
    let mut pager = Vec::new();
    if previous.is_some() {
        pager.push(("previous", "prev", prev_href.as_str(), prev_text.as_str()));
    }
    if next.is_some() {
        pager.push(("next", "next", next_href.as_str(), next_text.as_str()));
    }
    end(page, &pager)
}

/// The site's front door: the languages, in each language; a small script takes the reader
/// to the one their browser asks for.
fn front_door(site: &Site) -> Vec<u8> {
    let first = &site.docs[0];
    let titles = site.docs.iter().map(|d| d.title.as_str()).collect::<Vec<_>>().join(" · ");
    let mut x = Xml::web_page(&first.lang_tag, &titles);
    for doc in site.docs {
        let there = Address { site, lang: &doc.lang, page: "index.html".to_string() };
        let href = there.absolute().unwrap_or_else(|| format!("{}/index.html", doc.lang));
        x.empty("link", &[("rel", "alternate"), ("hreflang", &doc.lang_tag), ("href", &href)]);
    }
    x.newline();
    x.empty("link", &[("rel", "stylesheet"), ("href", "assets/site.css")]);
    x.open("script", &[("src", "assets/folio.js")]);
    x.close("script");
    x.newline();
    x.close("head");
    x.newline();
    x.open("body", &[]);
    x.open("main", &[("class", "language-choice")]);
    x.newline();
    x.open("ul", &[]);
    for doc in site.docs {
        let href = format!("{}/index.html", doc.lang);
        x.open("li", &[("lang", &doc.lang_tag)]);
        x.open("a", &[("href", &href), ("hreflang", &doc.lang_tag)]);
        x.leaf("strong", &[], &doc.title);
        x.close("a");
        x.text(" · ");
        x.text(autonym(&doc.lang));
        x.close("li");
        x.newline();
    }
    x.close("ul");
    x.close("main");
    x.newline();
    x.close("body");
    x.newline();
    x.close("html");
    x.newline();
    x.finish()
}

/// `sitemap.xml`, with every page and its alternates in the other languages; only for a
/// site with a `--base-url` (a sitemap lists absolute addresses).
fn sitemap(site: &Site) -> Option<Vec<u8>> {
    site.base_url.as_ref()?;
    let mut x = Xml::new();
    x.open("urlset", &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"), ("xmlns:xhtml", "http://www.w3.org/1999/xhtml")]);
    x.newline();
    let first = &site.docs[0];
    let pages = std::iter::once("index.html".to_string()).chain(first.chapters.iter().map(chapter_page));
    for page in pages {
        for doc in site.docs {
            let here = Address { site, lang: &doc.lang, page: page.clone() };
            x.open("url", &[]);
            x.leaf("loc", &[], &here.absolute()?);
            for other in site.docs {
                let there = Address { site, lang: &other.lang, page: page.clone() };
                x.empty("xhtml:link", &[("rel", "alternate"), ("hreflang", &other.lang_tag), ("href", &there.absolute()?)]);
            }
            x.close("url");
            x.newline();
        }
    }
    x.close("urlset");
    x.newline();
    Some(x.finish())
}

/// The searchable parts of a language: each chapter's opening and each section.
fn search_entries(doc: &Document) -> Vec<Entry> {
    let mut entries = Vec::new();
    for chapter in &doc.chapters {
        let page = chapter_page(chapter);
        let mut opening = String::new();
        if let Some(summary) = &chapter.summary {
            opening.push_str(&text_of(summary));
        }
        chapter.intro.iter().for_each(|b| block_text(b, &mut opening));
        entries.push(Entry { title: format!("{} {}", chapter.label, chapter.title), url: page.clone(), text: opening });
        for section in &chapter.sections {
            let mut text = String::new();
            section.blocks.iter().for_each(|b| block_text(b, &mut text));
            entries.push(Entry {
                title: format!("{}{}", section.marker, section.title),
                url: format!("{page}#section-{}", section.number),
                text,
            });
        }
    }
    entries
}

/// The text of runs with their footnotes' text left out (they are found in their own
/// right through the notes list of the page).
fn text_of(runs: &Text) -> String {
    crate::export::markup::blocks::plain_text(runs)
}

fn block_text(block: &Block, out: &mut String) {
    let mut push = |s: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s);
    };
    match &block.body {
        BlockBody::Paragraph { content } | BlockBody::Quote { content } => push(&text_of(content)),
        BlockBody::List { items, .. } => items.iter().for_each(|i| push(&format!("{}{}", i.marker, text_of(&i.content)))),
        BlockBody::Callout { lead, items } => {
            push(&text_of(lead));
            items.iter().for_each(|i| push(&text_of(i)));
        }
        BlockBody::Table(t) => {
            push(&format!("{} {}", t.number, t.caption.as_ref().map(text_of).unwrap_or_default()));
            t.rows.iter().flatten().flatten().for_each(|cell| push(cell));
        }
        BlockBody::Chart(c) => push(&format!("{} {}", c.number, text_of(&c.title))),
        BlockBody::Figure { number, caption, .. } => push(&format!("{number} {}", text_of(caption))),
        BlockBody::Math { math } => push(&crate::model::math::plain(math)),
    }
}
