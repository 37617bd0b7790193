### 第1章：示例，请换成报告自己的内容。

ch01-title = 示例章节
ch01-intro = 本章展示一份报告由哪些部分组成。章节结构写在report/chapters/01-example.toml中；读到的每一个字都是locales/中的一条消息，每种语言一个文件夹。
ch01-s1-title = 注释、表格和图片
ch01-footnote = 注释的标记放在它所属的位置{ $ch01-note-fluent }，注释的链接来自模型。
ch01-note-fluent = Project Fluent：《Fluent语法指南》，{ $url }。
ch01-table-caption = 示例表格
ch01-table-source = 资料来源：示例数据。
ch01-table-year = 年份
ch01-table-value = 数值（单位）
ch01-figure-caption = 占位图：请用照片替换report/images/example.png，并删去章节文件中的“placeholder = true”。
