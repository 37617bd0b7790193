### Tables: captions, headers, cells and source lines.

table-agreements-caption = Bilateral Economic and Trade Agreements Signed between China and Russia (Including FTAs)
table-agreements-name = Agreement
table-agreements-signed = Date signed
agreement-trade-1990 = Trade Agreement between the Government of the People’s Republic of China and the Government of the Union of Soviet Socialist Republics
agreement-economic-trade-1992 = Agreement between the Government of the People’s Republic of China and the Government of the Russian Federation on Economic and Trade Relations
agreement-government-loans-1998 = Agreement between the Government of the People’s Republic of China and the Government of the Russian Federation on the Settlement of Government Loan Debts
agreement-short-term-labour-2000 = Agreement between the Government of the People’s Republic of China and the Government of the Russian Federation on Short-Term Labour Activities of Citizens of the People’s Republic of China in the Russian Federation and of Citizens of the Russian Federation in the People’s Republic of China
agreement-forest-resources-2000 = Agreement between the Government of the People’s Republic of China and the Government of the Russian Federation on Cooperation in the Joint Development of Forest Resources
agreement-ecommerce-2018 = Memorandum of Understanding between the Ministry of Commerce of the People’s Republic of China and the Ministry of Economic Development of the Russian Federation on Cooperation in Electronic Commerce
agreement-eurasian-partnership-study-2018 = Joint Statement of the Ministry of Commerce of the People’s Republic of China and the Ministry of Economic Development of the Russian Federation on the Completion of the Joint Feasibility Study on a Eurasian Economic Partnership Agreement
agreement-far-east-plan-2018 = Programme for the Development of China–Russia Cooperation in the Russian Far East (2018–2024)
agreement-roadmap-drafting-2019 = Joint Statement on Drawing Up the Roadmap for the High-Quality Development of China–Russia Trade in Goods and Services up to 2024
agreement-roadmap-completed-2022 = Joint Statement on the Completion of the Roadmap for the High-Quality Development of China–Russia Trade in Goods and Services
agreement-green-investment-2022 = Memorandum of Understanding on Promoting Investment Cooperation in the Field of Sustainable (Green) Development
agreement-economic-priorities-2023 = { -economic-plan-2030 }
agreement-exhibitions-2023 = Memorandum of Understanding between the Ministry of Commerce of the People’s Republic of China and the Ministry of Industry and Trade of the Russian Federation on Strengthening Cooperation in the Field of Exhibitions and Conventions
agreement-soybeans-2023 = Memorandum of Understanding between the Ministry of Commerce of the People’s Republic of China and the Ministry of Economic Development of the Russian Federation on Deepening China–Russia Investment Cooperation in the Soybean Sector at the Regional Level
agreement-far-east-preferential-2023 = Memorandum of Understanding between the Ministry of Commerce of the People’s Republic of China and the Ministry for the Development of the Russian Far East and Arctic on Strengthening Cooperation in Industry and Infrastructure within the Framework of the Preferential Regimes of the Russian Far East
agreement-forest-investment-2023 = Memorandum of Understanding between the Ministry of Commerce of the People’s Republic of China and the Ministry of Industry and Trade of the Russian Federation on Deepening Investment Cooperation in the Development and Utilisation of Forest Resources
agreement-consumer-protection-2023 = Memorandum of Understanding on Cooperation in Consumer Rights Protection between the State Administration for Market Regulation of China and the Federal Service for Surveillance on Consumer Rights Protection and Human Wellbeing of the Russian Federation
agreement-trade-in-services-2023 = Memorandum of Understanding between the Ministry of Commerce of the People’s Republic of China and the Ministry of Economic Development of the Russian Federation on Cooperation in the Field of Trade in Services
table-agreements-source = Source: { -mofcom }, Country (Region) Guide for Outward Investment and Cooperation: Russia (2023 Edition)

table-investment-caption = China–Russia Two-Way Investment, 2018–2022 (Unit: USD 100 million)
table-investment-year = Year
table-investment-russia-to-china = Russian investment in China
table-investment-china-to-russia = Chinese investment in Russia
table-investment-annual-flow = Annual flow
table-investment-year-end-stock = Year-end stock
table-investment-source = Source: { -mofcom }, Country (Region) Guide for Outward Investment and Cooperation: Russia (2023 Edition)
