a = { NUMBER($n, minimumFractionDigits: 40000) }
b = { NUMBER($n, maximumFractionDigits: 32768) }
c = { NUMBER(1e308, minimumFractionDigits: 100) }
d = { HANZI(99999999999999999999999) }
