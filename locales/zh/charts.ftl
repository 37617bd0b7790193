### Charts: titles, axis labels, series, notes and source lines.

chart-trade-title = 2013-2023年中俄贸易发展图（单位：亿美元）
chart-trade-unit = 亿美元
chart-trade-axis = 年份
chart-trade-total = 贸易总额
chart-trade-exports = 中国对俄出口
chart-trade-imports = 中国自俄进口
chart-trade-note = 2015年数值各方来源不一，此处采用中国海关数据（680.6）；出口与进口的分项数值仅列出已核实的年份，其余年份本版暂缺。
chart-trade-source = 资料来源：中国海关总署网站

chart-fdi-flow-title = 2013-2022年中国对俄罗斯直接投资额（流量）（单位：亿美元）
chart-fdi-flow-unit = 亿美元
chart-fdi-flow-axis = 年份
chart-fdi-flow-series = 直接投资流量
chart-fdi-flow-note = 2013—2017年数值未能核实，本版暂缺；负值表示净撤资。
chart-fdi-flow-source = 资料来源：《2022年度中国对外直接投资统计公报》，商务部、国家统计局、国家外汇管理局联合发布，中国统计出版社，2023年版。

chart-fdi-sectors-title = 2019年中国对俄罗斯直接投资主要行业分布图
chart-fdi-sectors-unit = %
chart-fdi-sectors-series = 行业占比
chart-fdi-sectors-mining = 采矿业
chart-fdi-sectors-other = 其他行业
chart-fdi-sectors-note = 本版仅核实采矿业占比（接近45%），其余行业数据暂缺，故不绘制分布图。
chart-fdi-sectors-source = 资料来源：俄罗斯中国总商会：《中国企业在俄罗斯发展报告（2020年）》
