### The minimal project's text.

report-title = 最小报告
report-institution = 测试研究院
report-date = { HANZI($year, style: "digits") }年{ HANZI($month) }月
blurb = 一段封底文字。

ch01-title = 唯一的一章
ch01-opening = 第一段，带一个注释{ $ch01-note-source }。
ch01-note-source = 《资料》，示例网站，{ $url }。
ch01-s1-title = 唯一的一节
ch01-body = 正文段落。
ch01-first = 第一项。
ch01-second = 第二项。
ch01-photo = 图片说明。

table-numbers-caption = 数字表（单位：个）
table-numbers-source = 资料来源：测试
table-numbers-year = 年度
table-numbers-value = 数值

chart-bars-title = 柱状图（单位：个）
chart-bars-source = 资料来源：测试
chart-bars-unit = 个
chart-bars-series = 数值
