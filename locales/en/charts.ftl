### Charts: titles, axis labels, series, notes and source lines.

chart-trade-title = China–Russia Trade, 2013–2023 (Unit: USD 100 million)
chart-trade-unit = USD 100 million
chart-trade-axis = Year
chart-trade-total = Total trade
chart-trade-exports = China’s exports to Russia
chart-trade-imports = China’s imports from Russia
chart-trade-note = Sources differ on the 2015 figure; the Chinese customs figure ({ NUMBER(680.6) }) is used here. Export and import breakdowns are shown only for verified years; figures for the other years are not available in this edition.
chart-trade-source = Source: website of China’s { -customs }

chart-fdi-flow-title = China’s Direct Investment in Russia (Flows), 2013–2022 (Unit: USD 100 million)
chart-fdi-flow-unit = USD 100 million
chart-fdi-flow-axis = Year
chart-fdi-flow-series = Direct investment flows
chart-fdi-flow-note = Figures for 2013–2017 could not be verified and are not available in this edition; negative values indicate net divestment.
chart-fdi-flow-source = Source: 2022 Statistical Bulletin of China’s Outward Foreign Direct Investment, jointly released by the { -mofcom }, the National Bureau of Statistics and the State Administration of Foreign Exchange, China Statistics Press, 2023.

chart-fdi-sectors-title = Distribution of China’s Direct Investment in Russia by Main Sector, 2019
chart-fdi-sectors-unit = %
chart-fdi-sectors-series = Share by sector
chart-fdi-sectors-mining = Mining
chart-fdi-sectors-other = Other sectors
chart-fdi-sectors-note = In this edition only the share of mining (close to 45%) has been verified; data for the other sectors are not available, so the distribution chart is not drawn.
chart-fdi-sectors-source = Source: China General Chamber of Commerce in Russia, Report on the Development of Chinese Enterprises in Russia (2020)
