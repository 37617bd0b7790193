### Общие подписи: слова, которые макет добавляет вокруг собственного текста доклада.

label-contents = Содержание
label-chapter = Глава { $number }
# Номера рисунков (фотографии и диаграммы нумеруются подряд) и таблиц.
label-figure-number = Рис. { $n }
label-table-number = Таблица { $n }
# Между номером рисунка или таблицы и подписью.
label-caption-separator = {". "}
label-notes = Примечания
label-back-to-text = Вернуться к тексту
label-cover = Обложка
label-title-page = Титульный лист
label-photo-placeholder = Иллюстрация будет добавлена
label-missing-value = Нет данных
label-chart-unavailable = Данные для этой диаграммы в настоящем издании отсутствуют
label-chart-data = Данные диаграммы
# Above the part of a table that continues on a later page.
label-table-continued = Продолжение таблицы { $n }
# The web edition: its navigation and search.
label-skip = Перейти к тексту
label-languages = Язык
label-previous = Предыдущая глава
label-next = Следующая глава
label-search = Поиск
label-search-none = Ничего не найдено
# Номера разделов перед заголовками: 1. 2. …
section-number = { $n }.{" "}
# Маркеры перечислений; текст пункта следует сразу за ними.
list-arabic = { $n }.{" "}
list-bullet = •{" "}
list-yishi = { $n ->
    [1] Во-первых,{" "}
    [2] Во-вторых,{" "}
    [3] В-третьих,{" "}
    [4] В-четвёртых,{" "}
    [5] В-пятых,{" "}
    [6] В-шестых,{" "}
    [7] В-седьмых,{" "}
    [8] В-восьмых,{" "}
    [9] В-девятых,{" "}
    [10] В-десятых,{" "}
   *[other] { $n }.{" "}
}
list-diyi = { $n ->
    [1] Во-первых,{" "}
    [2] Во-вторых,{" "}
    [3] В-третьих,{" "}
    [4] В-четвёртых,{" "}
    [5] В-пятых,{" "}
    [6] В-шестых,{" "}
    [7] В-седьмых,{" "}
    [8] В-восьмых,{" "}
    [9] В-девятых,{" "}
    [10] В-десятых,{" "}
   *[other] { $n }.{" "}
}
# Год в ячейке таблицы.
table-year = { NUMBER($year, useGrouping: "false") }

# The review edition (a translation beside its source): its legend and summary.
review-title = Экземпляр для редактора
review-legend = Обозначения
review-translated = переведено
review-outdated = оригинал изменён
review-untranslated = не переведено
review-summary = Ход перевода
review-file = Файл
review-messages = Сообщения
review-was = Оригинал на момент перевода
review-term = термин из глоссария
review-approved = проверено
review-unreviewed = не проверено
