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
# The web edition: its navigation and search.
label-skip = 跳到正文
label-languages = 语言
label-previous = 上一章
label-next = 下一章
label-search = 搜索
label-search-none = 没有找到结果
# Section numbers before section titles: （一）（二）…
section-number = （{ HANZI($n) }）
# Enumeration markers; the item's text follows directly.
list-arabic = { $n }.{" "}
list-bullet = •{" "}
list-yishi = { HANZI($n) }是
list-diyi = 第{ HANZI($n) }，
# A year in a table cell.
table-year = { $year }年

# The review edition (a translation beside its source): its legend and summary.
review-title = 审校版
review-legend = 图例
review-translated = 已译
review-outdated = 原文已改
review-untranslated = 未译
review-summary = 翻译进度
review-file = 文件
review-messages = 条目
review-was = 翻译时的原文
review-term = 术语表中的术语
review-approved = 已审核
review-unreviewed = 未审核
