### Glossary: names written once, used everywhere as { -term }.
# Conventions (en): British spelling in running text (-our, -ise: "neighbour", "organisation"),
# official titles keep their own spelling ("Good-Neighborliness"); curly quotes “ ” ‘ ’; en dash in ranges.

## People
-xi-jinping = Xi Jinping
-vladimir-putin = Vladimir Putin

## Treaties and partnership formulas
-treaty-2001 = Treaty of Good-Neighborliness and Friendly Cooperation between the People’s Republic of China and the Russian Federation
-treaty-2001-short = China–Russia Treaty of Good-Neighborliness and Friendly Cooperation
-partnership-new-era = Comprehensive Strategic Partnership of Coordination for a New Era
-partnership-coordination = comprehensive strategic partnership of coordination

## Organisations and forums
-un = United Nations
-unsc = UN Security Council
-sco = Shanghai Cooperation Organisation
-sco-short = SCO
-brics = BRICS
-cica = Conference on Interaction and Confidence-Building Measures in Asia
-cica-short = CICA
-bri = Belt and Road Initiative
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
-community-shared-future = community with a shared future for mankind
-new-type-international-relations = new type of international relations
-five-principles = Five Principles of Peaceful Coexistence

## Mechanisms, forums, institutions
-heads-of-government-meetings = regular meetings between the Chinese and Russian heads of government
-parliamentary-committee = China–Russia Parliamentary Cooperation Committee
-northeast-far-east = Northeast–Far East
-yangtze-volga = Yangtze–Volga
-eastern-economic-forum = Eastern Economic Forum
-spief = St Petersburg International Economic Forum
-belt-and-road-forum = Belt and Road Forum for International Cooperation
-cpc = Communist Party of China
-united-russia = United Russia
-mgimo = Moscow State Institute of International Relations
-mofcom = Ministry of Commerce
-customs = General Administration of Customs
-eaeu = Eurasian Economic Union

## Transport and places
-china-europe-railway-express = China–Europe Railway Express
-northern-sea-route = Northern Sea Route
-china-mongolia-russia-corridor = China–Mongolia–Russia Economic Corridor
-heihe-blagoveshchensk-bridge = Heihe–Blagoveshchensk road bridge
-tongjiang-bridge = Tongjiang–Nizhneleninskoye railway bridge

## Added by the translator of chapters 4–7
# Organisations, mechanisms, forums
-unga = UN General Assembly
-apec = Asia-Pacific Economic Cooperation
-conference-on-disarmament = Conference on Disarmament
-eurasian-economic-commission = Eurasian Economic Commission
-friendship-committee = China–Russia Committee of Friendship, Peace and Development
-humanities-committee = China–Russia Committee on Humanities Cooperation
-northeast-far-east-commission = Intergovernmental Commission for Cooperation between Northeast China and the Russian Far East
-yangtze-volga-council = Council for Local Cooperation between the Upper and Middle Reaches of the Yangtze River and the Volga Federal District
-global-security-initiative = Global Security Initiative
# Treaties, agreements, statements
-eaeu-agreement = Agreement on Economic and Trade Cooperation between the People’s Republic of China and the Eurasian Economic Union
-npt = Treaty on the Non-Proliferation of Nuclear Weapons
-npt-short = NPT
-bwc = Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on their Destruction
-bwc-short = Biological Weapons Convention
-cwc = Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical Weapons and on their Destruction
-ppwt = Treaty on the Prevention of the Placement of Weapons in Outer Space, the Threat or Use of Force against Outer Space Objects
-ppwt-short = PPWT
-strategic-stability-2016 = Joint Statement of the President of the People’s Republic of China and the President of the Russian Federation on Strengthening Global Strategic Stability
-strategic-stability-2019 = Joint Statement of the People’s Republic of China and the Russian Federation on Strengthening Contemporary Global Strategic Stability
