### The minimal project's text.

report-title = Минимальный доклад
report-institution = Испытательный институт
report-date = { $month }.{ NUMBER($year, useGrouping: "false") }
blurb = Абзац для задней обложки.

ch01-title = Единственная глава
ch01-opening = Первый абзац с примечанием{ $ch01-note-source }.
ch01-note-source = Источники, пример сайта, { $url }.
ch01-s1-title = Единственный раздел
ch01-body = Основной абзац.
ch01-first = первый пункт.
ch01-second = второй пункт.
ch01-photo = Подпись.

table-numbers-caption = Числа (единицы)
table-numbers-source = Источник: тест
table-numbers-year = Год
table-numbers-value = Значение

chart-bars-title = Столбчатая диаграмма (единицы)
chart-bars-source = Источник: тест
chart-bars-unit = ед.
chart-bars-series = Значение
