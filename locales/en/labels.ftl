### Shared labels: the words the layout adds around the report's own text.

label-contents = Contents
label-chapter = Chapter { $number }
# Numbers of figures (photos and charts share one sequence) and tables.
label-figure-number = Figure { $n }
label-table-number = Table { $n }
# Between a figure's or table's number and its caption.
label-caption-separator = {": "}
label-notes = Notes
label-back-to-text = Back to text
label-cover = Cover
label-title-page = Title page
label-photo-placeholder = Photo to be added
label-missing-value = Data not available
label-chart-unavailable = No data for this chart in this edition
label-chart-data = Chart data
# Above the part of a table that continues on a later page.
label-table-continued = Table { $n } (continued)
# The web edition: its navigation and search.
label-skip = Skip to the text
label-languages = Language
label-previous = Previous chapter
label-next = Next chapter
label-search = Search
label-search-none = Nothing found
# Section numbers before section titles: 1. 2. …
section-number = { $n }.{" "}
# Enumeration markers; the item's text follows directly.
list-arabic = { $n }.{" "}
list-bullet = •{" "}
list-yishi = { $n ->
    [1] First,{" "}
    [2] Second,{" "}
    [3] Third,{" "}
    [4] Fourth,{" "}
    [5] Fifth,{" "}
    [6] Sixth,{" "}
    [7] Seventh,{" "}
    [8] Eighth,{" "}
    [9] Ninth,{" "}
    [10] Tenth,{" "}
   *[other] { $n }.{" "}
}
list-diyi = { $n ->
    [1] First,{" "}
    [2] Second,{" "}
    [3] Third,{" "}
    [4] Fourth,{" "}
    [5] Fifth,{" "}
    [6] Sixth,{" "}
    [7] Seventh,{" "}
    [8] Eighth,{" "}
    [9] Ninth,{" "}
    [10] Tenth,{" "}
   *[other] { $n }.{" "}
}
# A year in a table cell.
table-year = { NUMBER($year, useGrouping: "false") }

# The review edition (a translation beside its source): its legend and summary.
review-title = Review edition
review-legend = Legend
review-translated = translated
review-outdated = source changed
review-untranslated = not translated
review-summary = Translation progress
review-file = File
review-messages = Messages
review-was = Source when translated
review-term = term from the glossary
review-approved = approved
review-unreviewed = not reviewed
