### The report as a whole: title page, cover and back cover.

report-title = China–Russia Relations in the New Era
report-institution = China Institute of International Studies
# $year and $month are numbers from the model's date.
report-date = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { NUMBER($year, useGrouping: "false") }

blurb-anniversary = In 2024, the People’s Republic of China and the Russian Federation celebrated the 75th anniversary of their diplomatic relations with great ceremony. Over three quarters of a century, China–Russia relations have weathered many storms and grown ever more mature and stable. In the new era, under the joint strategic guidance of President { -xi-jinping } and President { -vladimir-putin }, and amid profound changes unseen in a century, the two countries have steadily deepened mutual political trust, achieved remarkable results in their cooperation and made lasting friendship take deep root among their peoples, contributing significantly to the well-being of both peoples and to international fairness and justice. China–Russia relations are at their best in history and have become a model of a { -new-type-international-relations } and of relations between major neighbouring countries.
blurb-about-report = The China Institute of International Studies assembled a dedicated research team which, building on an analysis of the logic of 75 years of China–Russia relations, systematically reviewed and studied the notable achievements of the two countries’ cooperation in the new era in the political, economic and trade, and people-to-people and cultural fields, together with their positive contributions to improving global governance. This report is the result.
