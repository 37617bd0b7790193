//! The stylesheet of one edition: shared rules plus the language's typography (Chinese and
//! Japanese: first lines indented two characters, strict line breaking for CJK punctuation;
//! others: hyphenation). No fonts are embedded: the font lists name what readers commonly have and
//! end in a generic family, so the reader's own choice still wins.

use crate::text::{Profile, Script};

pub struct Typography {
    pub serif: &'static str,
    pub sans: &'static str,
    body: &'static str,
}

pub fn typography(profile: &Profile) -> Typography {
    match profile.script() {
        _ if profile.cjk => Typography {
            serif: r#""Noto Serif SC", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", serif"#,
            sans: r#""Noto Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif"#,
            body: "line-height: 1.8;
  text-align: justify;
  line-break: strict;
  word-break: normal;
  hyphens: none;",
        },
        Script::Cyrillic => Typography {
            serif: r#""Libertinus Serif", "PT Serif", "Charis SIL", "Georgia", "Times New Roman", serif"#,
            sans: r#""Noto Sans", "PT Sans", "Helvetica Neue", "Arial", sans-serif"#,
            body: HYPHENATED,
        },
        _ => Typography {
            serif: r#""Libertinus Serif", "Charis SIL", "Georgia", "Times New Roman", serif"#,
            sans: r#""Noto Sans", "Helvetica Neue", "Arial", sans-serif"#,
            body: HYPHENATED,
        },
    }
}

const HYPHENATED: &str = "line-height: 1.5;
  text-align: justify;
  -webkit-hyphens: auto;
  -epub-hyphens: auto;
  hyphens: auto;";

/// The stylesheet for an edition in the language of `profile`.
pub fn stylesheet(profile: &Profile) -> String {
    let t = typography(profile);
    // Chinese indents every paragraph; Russian and English not the first after a heading.
    let indent = if profile.cjk {
        "p { text-indent: 2em; }"
    } else {
        "p { text-indent: 1.5em; }\nh1 + p, h2 + p, .summary p, blockquote p:first-child { text-indent: 0; }"
    };
    format!(
        "@charset \"UTF-8\";

body {{
  font-family: {serif};
  {body}
}}
h1, h2, caption, figcaption, table, .source, .chart-note, .notes, nav, .cover, .title-page, details {{
  font-family: {sans};
}}
p {{ margin: 0 0 0.4em 0; }}
{indent}

h1 {{ font-size: 1.6em; line-height: 1.3; margin: 1.5em 0 1em 0; text-align: left; }}
h1 .chapter-label {{ display: block; font-size: 0.6em; color: #8c1d18; margin-bottom: 0.3em; }}
h2 {{ font-size: 1.15em; line-height: 1.4; color: #8c1d18; margin: 1.6em 0 0.8em 0; text-align: left;
  page-break-after: avoid; break-after: avoid; }}
.summary {{ margin: 0 0 2em 0; color: #3a3f45; }}
blockquote {{ margin: 1em 1.5em; }}
.callout {{ margin: 1em 0; padding: 0.6em 1em; background-color: #f3ece4; border-left: 0.25em solid #8c1d18; }}
.callout p {{ text-indent: 0; }}
.callout .lead {{ font-weight: bold; }}

figure {{ margin: 1.2em 0; page-break-inside: avoid; break-inside: avoid; }}
figure img {{ display: block; margin: 0 auto; max-width: 100%; height: auto; }}
figure.chart img {{ width: 100%; }}
figcaption, caption {{ font-size: 0.85em; line-height: 1.4; text-align: left; text-indent: 0; margin: 0.4em 0; }}
.number {{ font-weight: bold; }}
.placeholder-label {{ display: block; text-align: center; text-indent: 0; font-size: 0.85em; color: #5b6470; margin: 0.3em 0; }}
figure.placeholder img {{ border: 1px dashed #5b6470; }}
.chart-unavailable {{ margin: 0.5em 0; padding: 0.8em 1em; border: 1px dashed #5b6470; }}
.chart-unavailable p {{ text-indent: 0; }}
.chart-note, .source {{ font-size: 0.8em; line-height: 1.4; color: #5b6470; text-align: left; text-indent: 0; margin: 0.3em 0; }}
details {{ font-size: 0.85em; margin: 0.5em 0; }}
details p {{ text-indent: 0; }}

table {{ border-collapse: collapse; width: 100%; margin: 1em 0 0.3em 0; font-size: 0.85em; line-height: 1.4; }}
caption {{ caption-side: top; }}
th, td {{ padding: 0.25em 0.4em; border-bottom: 1px solid #c8ccd1; vertical-align: top; text-align: left; }}
thead th {{ background-color: #f3ece4; text-align: center; vertical-align: middle; }}
thead tr:first-child th {{ border-top: 2px solid #1a1a1a; }}
tbody tr:last-child th, tbody tr:last-child td {{ border-bottom: 2px solid #1a1a1a; }}
tbody th {{ font-weight: normal; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}

.noteref {{ font-size: 0.75em; line-height: 0; vertical-align: super; }}
.noteref a {{ text-decoration: none; }}
.notes {{ margin-top: 2.5em; border-top: 1px solid #5b6470; padding-top: 0.5em; font-size: 0.85em; }}
.notes p {{ text-indent: 0; text-align: left; }}
.note-number {{ font-weight: bold; margin-right: 0.4em; }}
.back-link {{ margin-left: 0.4em; }}
a {{ color: #1f4e79; }}
.url {{ word-break: break-all; }}

.untranslated {{ border-left: 3px solid #e0a000; padding-left: 0.5em; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}

.cover {{ text-align: center; padding: 25% 8% 0 8%; }}
.cover-with-image {{ padding: 0; }}
.cover-image {{ display: block; width: auto; height: auto; max-width: 100%; max-height: 100vh; margin: 0 auto; }}
.cover .cover-title {{ font-size: 2em; font-weight: bold; line-height: 1.3; color: #8c1d18; margin: 0 0 1.5em 0; text-indent: 0; }}
.cover p, .title-page p {{ text-indent: 0; text-align: center; }}
.title-page {{ text-align: center; padding-top: 20%; }}
.title-page h1 {{ text-align: center; }}
.back-cover {{ margin-top: 20%; }}
nav {{ text-align: left; }}
nav ol {{ list-style-type: none; padding-left: 0; }}
nav ol ol {{ padding-left: 1.5em; margin-bottom: 0.6em; }}
nav li {{ margin: 0.3em 0; }}
nav a {{ text-decoration: none; }}
nav > ol > li > a {{ font-weight: bold; }}
h1, h2, nav, caption, figcaption, th, .source, .chart-note {{ -webkit-hyphens: manual; -epub-hyphens: manual; hyphens: manual; }}
",
        serif = t.serif,
        sans = t.sans,
        body = t.body,
    )
}
