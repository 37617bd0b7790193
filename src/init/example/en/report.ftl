### The report as a whole: title page, cover and back cover.

report-title = Example report
report-institution = Name of the institution
