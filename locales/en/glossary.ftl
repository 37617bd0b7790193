### Glossary: names written once, used everywhere as { -term }.
### A `# zh: …` line above a term lists its Chinese forms: where the source message contains one,
### `folio check` expects the translation to reference the term (docs/translators.md, “Glossary”).
# Conventions (en): British spelling in running text (-our, -ise: "neighbour", "organisation"),
# official titles keep their own spelling ("Good-Neighborliness"); curly quotes “ ” ‘ ’; en dash in ranges.

## People
# zh: 习近平
-xi-jinping = Xi Jinping
# zh: 普京
-vladimir-putin = Vladimir Putin

## Treaties and partnership formulas
-treaty-2001 = Treaty of Good-Neighborliness and Friendly Cooperation between the People’s Republic of China and the Russian Federation
-treaty-2001-short = China–Russia Treaty of Good-Neighborliness and Friendly Cooperation
# zh: 新时代全面战略协作伙伴关系, 全面战略协作伙伴关系
-partnership-new-era = Comprehensive Strategic Partnership of Coordination for a New Era
# zh: 全面战略协作伙伴关系
-partnership-coordination = comprehensive strategic partnership of coordination

## Organisations and forums
# zh: 联合国
-un = United Nations
# zh: 安理会, 联合国安理会
-unsc = UN Security Council
# zh: 上海合作组织, 上合组织
-sco = Shanghai Cooperation Organisation
# zh: 上海合作组织, 上合组织
-sco-short = SCO
# zh: 金砖
-brics = BRICS
# zh: 亚信
-cica = Conference on Interaction and Confidence-Building Measures in Asia
# zh: 亚信
-cica-short = CICA
# zh: 一带一路
-bri = Belt and Road Initiative
# zh: 二十国集团
-g20 = G20

## Joint statements and other bilateral documents (official English titles)
-joint-statement-1992 = Joint Statement on the Basis of Mutual Relations between the People’s Republic of China and the Russian Federation
-joint-statement-2013 = Joint Statement of the People’s Republic of China and the Russian Federation on Win-Win Cooperation and Deepening the Comprehensive Strategic Partnership of Coordination
-joint-statement-2019 = Joint Statement of the People’s Republic of China and the Russian Federation on Developing the Comprehensive Strategic Partnership of Coordination for a New Era
-joint-statement-2021 = Joint Statement of the People’s Republic of China and the Russian Federation on the 20th Anniversary of the Signing of the { -treaty-2001-short }
-joint-statement-2023 = Joint Statement of the People’s Republic of China and the Russian Federation on Deepening the Comprehensive Strategic Partnership of Coordination for the New Era
-joint-statement-2024 = Joint Statement of the People’s Republic of China and the Russian Federation on Deepening the Comprehensive Strategic Partnership of Coordination for the New Era in the Context of the 75th Anniversary of China–Russia Diplomatic Relations
-economic-plan-2030 = Joint Statement on the Pre-2030 Development Plan on Priorities in China–Russia Economic Cooperation

## Concepts and formulas
# zh: 人类命运共同体
-community-shared-future = community with a shared future for mankind
# zh: 新型国际关系
-new-type-international-relations = new type of international relations
# zh: 和平共处五项原则
-five-principles = Five Principles of Peaceful Coexistence

## Mechanisms, forums, institutions
-heads-of-government-meetings = regular meetings between the Chinese and Russian heads of government
-parliamentary-committee = China–Russia Parliamentary Cooperation Committee
# zh: 东北—远东
-northeast-far-east = Northeast–Far East
# zh: 长江—伏尔加河
-yangtze-volga = Yangtze–Volga
# zh: 东方经济论坛
-eastern-economic-forum = Eastern Economic Forum
# zh: 圣彼得堡国际经济论坛
-spief = St Petersburg International Economic Forum
-belt-and-road-forum = Belt and Road Forum for International Cooperation
# zh: 中国共产党
-cpc = Communist Party of China
# zh: 统一俄罗斯党
-united-russia = United Russia
# zh: 莫斯科国际关系学院
-mgimo = Moscow State Institute of International Relations
# zh: 商务部, 中国商务部
-mofcom = Ministry of Commerce
# zh: 海关总署, 中国海关总署
-customs = General Administration of Customs
# zh: 欧亚经济联盟
-eaeu = Eurasian Economic Union

## Transport and places
# zh: 中欧班列
-china-europe-railway-express = China–Europe Railway Express
# zh: 北方海航道
-northern-sea-route = Northern Sea Route
# zh: 中蒙俄经济走廊
-china-mongolia-russia-corridor = China–Mongolia–Russia Economic Corridor
-heihe-blagoveshchensk-bridge = Heihe–Blagoveshchensk road bridge
-tongjiang-bridge = Tongjiang–Nizhneleninskoye railway bridge

## Added by the translator of chapters 4–7
# Organisations, mechanisms, forums
# zh: 联大, 联合国大会
-unga = UN General Assembly
# zh: 亚太经合组织
-apec = Asia-Pacific Economic Cooperation
-conference-on-disarmament = Conference on Disarmament
# zh: 欧亚经济委员会
-eurasian-economic-commission = Eurasian Economic Commission
# zh: 中俄友好、和平与发展委员会
-friendship-committee = China–Russia Committee of Friendship, Peace and Development
# zh: 中俄人文合作委员会
-humanities-committee = China–Russia Committee on Humanities Cooperation
# zh: 中国东北地区和俄罗斯远东地区政府间合作委员会
-northeast-far-east-commission = Intergovernmental Commission for Cooperation between Northeast China and the Russian Far East
-yangtze-volga-council = Council for Local Cooperation between the Upper and Middle Reaches of the Yangtze River and the Volga Federal District
# zh: 全球安全倡议
-global-security-initiative = Global Security Initiative
# Treaties, agreements, statements
-eaeu-agreement = Agreement on Economic and Trade Cooperation between the People’s Republic of China and the Eurasian Economic Union
# zh: 不扩散核武器条约
-npt = Treaty on the Non-Proliferation of Nuclear Weapons
# zh: 不扩散核武器条约
-npt-short = NPT
-bwc = Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on their Destruction
-bwc-short = Biological Weapons Convention
-cwc = Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical Weapons and on their Destruction
-ppwt = Treaty on the Prevention of the Placement of Weapons in Outer Space, the Threat or Use of Force against Outer Space Objects
-ppwt-short = PPWT
-strategic-stability-2016 = Joint Statement of the President of the People’s Republic of China and the President of the Russian Federation on Strengthening Global Strategic Stability
-strategic-stability-2019 = Joint Statement of the People’s Republic of China and the Russian Federation on Strengthening Contemporary Global Strategic Stability
