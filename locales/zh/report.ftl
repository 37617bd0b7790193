### The report as a whole: title page, cover and back cover.

report-title = 新时代的中俄关系
report-institution = 中国国际问题研究院
# $year and $month are numbers from the model's date.
report-date = { HANZI($year, style: "digits") }年{ HANZI($month) }月

blurb-anniversary = 2024年，中华人民共和国和俄罗斯联邦隆重庆祝建交75周年。四分之三个世纪以来，中俄关系历经风雨，日臻成熟与稳定。进入新时代，在习近平主席和普京总统的共同战略引领下，面对百年未有之大变局，中俄两国政治互信持续加深，务实合作成果显著，世代友好深入人心，为增进两国人民福祉、推动国际公平正义作出重要贡献。中俄关系处于历史最好时期，并已成为新型国际关系和相邻大国关系的典范。
blurb-about-report = 中国国际问题研究院组织专门力量，在分析中俄关系75年发展逻辑基础上，对新时代两国在政治、经贸、人文等领域合作取得的显著成绩以及对完善全球治理所做的积极贡献进行了系统梳理和研究，形成此篇研究报告。
