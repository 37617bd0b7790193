### 报告整体：扉页、封面和封底。

report-title = 示例报告
report-institution = 机构名称
