### Chapter 1: an example, to be replaced by the report's own text.

ch01-title = An example chapter
ch01-intro = This chapter shows what a report is made of. Its structure is in report/chapters/01-example.toml; every word you read is a message in locales/, one folder per language.
ch01-s1-title = Footnotes, tables and figures
ch01-footnote = A footnote is referenced where its mark belongs{ $ch01-note-fluent }, and its link comes from the model.
ch01-note-fluent = Project Fluent, Syntax guide, { $url }.
ch01-table-caption = An example table
ch01-table-source = Source: example data.
ch01-table-year = Year
ch01-table-value = Value (units)
ch01-figure-caption = A placeholder: replace report/images/example.png by the photograph and delete “placeholder = true” in the chapter’s file.
