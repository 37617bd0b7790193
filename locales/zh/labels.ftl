### Shared labels: the words the layout adds around the report's own text.

label-contents = 目录
label-chapter = 第{ $number }章
# Numbers of figures (photos and charts share one sequence) and tables.
label-figure-number = 图{ $n }
label-table-number = 表{ $n }
# Between a figure's or table's number and its caption.
label-caption-separator = 　
label-notes = 注释
label-back-to-text = 返回正文
label-cover = 封面
label-title-page = 扉页
label-photo-placeholder = 图片待补
label-missing-value = 数据暂缺
label-chart-unavailable = 本版暂无此图数据
label-chart-data = 图表数据
# Above the part of a table that continues on a later page.
label-table-continued = 续表{ $n }
# Section numbers before section titles: （一）（二）…
section-number = （{ HANZI($n) }）
# Enumeration markers; the item's text follows directly.
list-arabic = { $n }.{" "}
list-bullet = •{" "}
list-yishi = { HANZI($n) }是
list-diyi = 第{ HANZI($n) }，
# A year in a table cell.
table-year = { $year }年
