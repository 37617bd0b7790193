//! The site's own stylesheet and script. The typography of each language is the EPUB's
//! (`markup::style`); this adds the page around the text: a readable column, header and
//! navigation, tables that scroll inside their own box, dark mode and print.

pub const SITE_CSS: &str = r#"@charset "UTF-8";

:root { --ink: #1a1a1a; --paper: #ffffff; --muted: #5b6470; --accent: #8c1d18; --tint: #f3ece4; --link: #1f4e79; --rule: #c8ccd1; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e6e6; --paper: #16181b; --muted: #a7aeb6; --accent: #e8877f; --tint: #2a2623; --link: #8fb8e0; --rule: #444a50; }
  .chart-drawing, figure img { background: #ffffff; border-radius: 2px; }
}
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--paper); font-size: 1.0625rem; overflow-wrap: break-word; }
a { color: var(--link); }
main, .site-header > div, .pager, .site-footer { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; box-sizing: border-box; }
main { padding-bottom: 2rem; }

.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: 0.5em 1em; z-index: 10; }
.skip:focus { left: 0.5rem; }

.site-header { border-bottom: 1px solid var(--rule); background: var(--paper); }
.site-header > div { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; justify-content: space-between; padding-top: 0.6rem; padding-bottom: 0.6rem; }
.site-title { font-weight: bold; text-decoration: none; color: var(--accent); }
.languages ul { display: flex; gap: 0.9rem; list-style: none; margin: 0; padding: 0; }
.languages a[aria-current] { color: var(--ink); font-weight: bold; text-decoration: none; }
.search { position: relative; flex: 1 1 12rem; max-width: 20rem; }
.search input { width: 100%; box-sizing: border-box; font: inherit; padding: 0.3em 0.5em; border: 1px solid var(--rule); border-radius: 3px; background: var(--paper); color: var(--ink); }
.search-results { position: absolute; z-index: 5; left: 0; right: 0; margin: 0.2em 0 0 0; padding: 0; list-style: none; background: var(--paper); border: 1px solid var(--rule); max-height: 70vh; overflow-y: auto; }
.search-results:empty { display: none; }
.search-results li { padding: 0.5em 0.7em; border-bottom: 1px solid var(--rule); font-size: 0.9em; line-height: 1.4; text-indent: 0; }
.search-results .snippet { display: block; color: var(--muted); font-size: 0.9em; }

h1, h2 { color: var(--accent); }
h1 .chapter-label { color: var(--accent); }
.callout, thead th { background-color: var(--tint); }
th, td { border-bottom-color: var(--rule); }
thead tr:first-child th, tbody tr:last-child th, tbody tr:last-child td { border-color: var(--ink); }
.source, .chart-note, .placeholder-label, .summary { color: var(--muted); }

/* A wide table scrolls inside its own box, never the page. */
.table { overflow-x: auto; max-width: 100%; }
.table table { min-width: 30rem; }
.chart-drawing svg { display: block; width: 100%; height: auto; }

.noteref { scroll-margin-top: 4rem; }
aside[role="doc-footnote"] { scroll-margin-top: 4rem; }
.note-popup { display: block; margin: 0.4em 0 0.6em 0; padding: 0.5em 0.8em; font-size: 0.85em; line-height: 1.45; text-indent: 0; text-align: left; background: var(--tint); border-left: 3px solid var(--accent); }

.cover-page { text-align: center; }
.cover-page .cover-image { max-width: min(100%, 22rem); height: auto; margin: 1.5rem auto; display: block; box-shadow: 0 1px 6px rgba(0,0,0,0.25); }
.blurb p, .cover-page p { text-indent: 0; }
.contents ol { list-style: none; padding-left: 0; }
.contents ol ol { padding-left: 1.5em; margin-bottom: 0.6em; }
.contents li { margin: 0.35em 0; text-indent: 0; }
.contents > ol > li > a { font-weight: bold; }
.language-choice ul { list-style: none; padding: 0; }
.language-choice li { margin: 0.8em 0; font-size: 1.2em; }

.pager { display: flex; justify-content: space-between; gap: 1rem; padding-top: 1rem; padding-bottom: 1rem; border-top: 1px solid var(--rule); }
.pager a { max-width: 48%; text-decoration: none; }
.pager .next { margin-left: auto; text-align: right; }
.site-footer { color: var(--muted); font-size: 0.85em; padding-top: 1rem; padding-bottom: 2rem; }

@media (max-width: 30rem) {
  body { font-size: 1rem; }
  /* A phone's line is too short to justify words without rivers; Chinese stays justified. */
  html:not(:lang(zh)) p { text-align: left; }
  main, .site-header > div, .pager, .site-footer { padding: 0 0.9rem; }
  h1 { font-size: 1.35em; }
  blockquote { margin: 1em 0.6em; }
}

@media print {
  .site-header, .pager, .skip, .search, .note-popup { display: none; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .table { overflow: visible; }
  h2, h1 { break-after: avoid; }
  figure, table { break-inside: avoid; }
}
"#;

/// Footnotes shown in the text when their mark is followed, the search box, and the
/// language choice of the site's front door. Text is always set as text (`textContent`),
/// never parsed as markup. Without the script every page still reads: the marks link to the
/// notes, the front door lists the languages.
pub const SITE_JS: &str = r##""use strict";
(function () {
  function notes() {
    var hover = window.matchMedia("(hover: hover)").matches;
    document.querySelectorAll("a.noteref").forEach(function (mark) {
      var id = mark.getAttribute("href").slice(1);
      // With a mouse the note shows while the pointer rests on its mark; a click keeps it.
      if (hover) {
        mark.addEventListener("mouseenter", function () { if (!document.getElementById("popup-" + id)) toggle(false); });
        mark.addEventListener("mouseleave", function () {
          var shown = document.getElementById("popup-" + id);
          if (shown && !shown.dataset.kept) { shown.remove(); mark.setAttribute("aria-expanded", "false"); }
        });
      }
      mark.addEventListener("click", function (event) {
        event.preventDefault();
        var shown = document.getElementById("popup-" + id);
        if (shown && !shown.dataset.kept) { shown.dataset.kept = "yes"; return; }
        toggle(true);
      });
      function toggle(keep) {
        var note = document.getElementById(id);
        if (!note) { location.hash = id; return; }
        var shown = document.getElementById("popup-" + id);
        if (shown) { shown.remove(); mark.setAttribute("aria-expanded", "false"); return; }
        var popup = document.createElement("span");
        popup.className = "note-popup";
        popup.id = "popup-" + id;
        popup.setAttribute("role", "note");
        note.querySelectorAll("p").forEach(function (p) {
          var copy = p.cloneNode(true);
          copy.querySelectorAll(".back-link").forEach(function (a) { a.remove(); });
          copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
          popup.append.apply(popup, Array.from(copy.childNodes));
        });
        if (keep) popup.dataset.kept = "yes";
        mark.setAttribute("aria-expanded", "true");
        mark.insertAdjacentElement("afterend", popup);
      }
    });
  }

  function isHan(c) { return /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(c); }
  // The same cutting as folio's index (src/export/html/search.rs).
  function terms(text) {
    var out = [], han = [], word = "";
    function flush() {
      if (han.length === 1) out.push(han[0]);
      for (var i = 0; i + 1 < han.length; i++) out.push(han[i] + han[i + 1]);
      han = [];
      if (word) { out.push(word); word = ""; }
    }
    Array.from(text).forEach(function (c) {
      if (isHan(c)) { if (word) { out.push(word); word = ""; } han.push(c); }
      else if (/[\p{L}\p{N}]/u.test(c)) { if (han.length) flush(); word += c.toLowerCase(); }
      else flush();
    });
    flush();
    return out;
  }

  function search() {
    var form = document.querySelector("form.search");
    if (!form) return;
    var input = form.querySelector("input");
    var list = form.querySelector(".search-results");
    var loading = null;
    function load(done) {
      if (window.folioSearch) return done();
      if (!loading) {
        loading = document.createElement("script");
        loading.src = form.getAttribute("data-index");
        document.head.appendChild(loading);
      }
      loading.addEventListener("load", done);
    }
    function show() {
      var query = input.value.trim();
      list.replaceChildren();
      if (!query) return;
      load(function () {
        if (input.value.trim() !== query) return;
        var index = window.folioSearch, wanted = terms(query), hits = null;
        if (wanted.length === 1 && wanted[0].length === 1 && isHan(wanted[0])) {
          // One character is indexed only where it stands alone: look through the text.
          hits = index.entries.map(function (e, i) { return e.text.indexOf(wanted[0]) >= 0 ? i : -1; }).filter(function (i) { return i >= 0; });
        }
        else wanted.forEach(function (t) {
          var found = index.terms[t] || [];
          hits = hits === null ? found.slice() : hits.filter(function (h) { return found.indexOf(h) >= 0; });
        });
        hits = hits || [];
        list.replaceChildren();
        if (hits.length === 0) {
          var none = document.createElement("li");
          none.textContent = form.getAttribute("data-none");
          list.appendChild(none);
          return;
        }
        hits.slice(0, 20).forEach(function (h) {
          var entry = index.entries[h], li = document.createElement("li"), a = document.createElement("a");
          a.href = entry.url;
          a.textContent = entry.title;
          li.appendChild(a);
          var at = entry.text.toLowerCase().indexOf(query.toLowerCase());
          var snippet = document.createElement("span");
          snippet.className = "snippet";
          snippet.textContent = (at > 20 ? "…" : "") + entry.text.slice(Math.max(0, at - 20), Math.max(0, at) + 60) + "…";
          li.appendChild(snippet);
          list.appendChild(li);
        });
      });
    }
    input.addEventListener("input", show);
    form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  }

  // The front door: go to the reader's language once; a reader who comes back to choose
  // (`#choose`) stays.
  function chooseLanguage() {
    var choice = document.querySelector(".language-choice");
    if (!choice || location.hash === "#choose") return;
    var offered = Array.from(choice.querySelectorAll("a[hreflang]"));
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var base = wanted[i].toLowerCase().split("-")[0];
      var match = offered.find(function (a) { return a.getAttribute("hreflang").toLowerCase().split("-")[0] === base; });
      if (match) { location.replace(match.getAttribute("href")); return; }
    }
  }

  chooseLanguage();
  notes();
  search();
})();
"##;
