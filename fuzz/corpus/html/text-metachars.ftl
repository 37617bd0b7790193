### The minimal project's text.

report-title = 报告 #title $x$ *b* _i_ <t> @r [c] \ & 符号
report-institution = 测试研究院
report-date = { HANZI($year, style: "digits") }年{ HANZI($month) }月
blurb = 一段封底文字。

ch01-title = 章 #heading[H] *粗* & 标题
ch01-opening = 第一段，带一个注释{ $ch01-note-source }。
ch01-note-source = 《资料#1》，示例网站 [a](b) *c*，{ $url }。
ch01-s1-title = 唯一的一节
ch01-body = 正文：#set text(fill: red) $x^2$ *粗体* _斜体_ <label> @ref [方括号] 反斜杠\n\ 与&amp;号 #panic("boom") // 注释 /* 块 */ `raw`。
ch01-first = 第一项 [x] & y #{"{"} 1 + 1 {"}"}。
ch01-second = 第二项。
ch01-photo = 图片说明 <img> @fig #image("/etc/passwd")。

table-numbers-caption = 数字表 #table() $ \sum $（单位：个）
table-numbers-source = 资料来源：测试
table-numbers-year = 年度
table-numbers-value = 数值 #x

chart-bars-title = 柱状图 #box[] <b>（单位：个）
chart-bars-source = 资料来源：测试
chart-bars-unit = 个
chart-bars-series = 数值
