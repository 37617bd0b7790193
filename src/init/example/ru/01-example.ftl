### Глава 1: пример, который заменяется собственным текстом доклада.

ch01-title = Пример главы
ch01-intro = Эта глава показывает, из чего состоит доклад. Его структура записана в report/chapters/01-example.toml; каждое слово, которое вы читаете, — это сообщение в locales/, по одной папке на язык.
ch01-s1-title = Сноски, таблицы и иллюстрации
ch01-footnote = Знак сноски ставится там, где ему место{ $ch01-note-fluent }, а ссылка берётся из модели.
ch01-note-fluent = Project Fluent, руководство по синтаксису, { $url }.
ch01-table-caption = Пример таблицы
ch01-table-source = Источник: пример данных.
ch01-table-year = Год
ch01-table-value = Значение (единицы)
ch01-figure-caption = Заглушка: замените report/images/example.png фотографией и удалите «placeholder = true» в файле главы.
