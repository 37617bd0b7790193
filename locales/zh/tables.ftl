### Tables: captions, headers, cells and source lines.

table-agreements-caption = 中国与俄罗斯签署的双边经贸协定（包括FTA）
table-agreements-name = 协定名称
table-agreements-signed = 签署时间
agreement-trade-1990 = 《中苏政府贸易协定》
agreement-economic-trade-1992 = 《中俄政府间关于经济贸易关系的协定》
agreement-government-loans-1998 = 《中俄政府间关于解决政府贷款债务的协定》
agreement-short-term-labour-2000 = 《中俄政府间关于中华人民共和国公民在俄罗斯联邦和俄罗斯联邦公民在中华人民共和国的短期劳务协定》
agreement-forest-resources-2000 = 《中俄政府间关于共同开发森林资源合作的协定》
agreement-ecommerce-2018 = 《中华人民共和国商务部和俄罗斯联邦经济发展部关于电子商务合作的谅解备忘录》
agreement-eurasian-partnership-study-2018 = 《中华人民共和国商务部与俄罗斯联邦经济发展部关于完成欧亚经济伙伴关系协定联合可行性研究的联合声明》
agreement-far-east-plan-2018 = 《中俄在俄罗斯远东地区合作发展规划（2018-2024年）》
agreement-roadmap-drafting-2019 = 《关于编制〈至2024年中俄货物贸易和服务贸易高质量发展的路线图〉的联合声明》
agreement-roadmap-completed-2022 = 《关于完成制定〈中俄货物贸易和服务贸易高质量发展的路线图〉的联合声明》
agreement-green-investment-2022 = 《关于推动可持续（绿色）发展领域投资合作的谅解备忘录》
agreement-economic-priorities-2023 = 《关于2030年前中俄经济合作重点方向发展规划的联合声明》
agreement-exhibitions-2023 = 《中华人民共和国商务部与俄罗斯联邦工业和贸易部关于加强会展领域合作的谅解备忘录》
agreement-soybeans-2023 = 《中华人民共和国商务部与俄罗斯联邦经济发展部关于深化中俄地方法域大豆领域投资合作的谅解备忘录》
agreement-far-east-preferential-2023 = 《中华人民共和国商务部与俄罗斯联邦远东和北极发展部关于加强俄远东地区优惠制度框架内产业和基础设施领域合作的谅解备忘录》
agreement-forest-investment-2023 = 《中华人民共和国商务部和俄罗斯联邦工业和贸易部关于深化森林资源开发和利用领域投资合作的谅解备忘录》
agreement-consumer-protection-2023 = 《中国国家市场监督管理总局与俄罗斯联邦消费者保护和公益监督署消费者权益保护合作谅解备忘录》
agreement-trade-in-services-2023 = 《中华人民共和国商务部与俄罗斯联邦经济发展部关于服务贸易领域合作的谅解备忘录》
table-agreements-source = 资料来源：商务部《对外投资合作国别（地区）指南－俄罗斯（2023年）》

table-investment-caption = 2018-2022年中俄双向投资情况（单位：亿美元）
table-investment-year = 年度
table-investment-russia-to-china = 俄罗斯对中国
table-investment-china-to-russia = 中国对俄罗斯
table-investment-annual-flow = 年度流量
table-investment-year-end-stock = 年末存量
table-investment-source = 资料来源：商务部《对外投资合作国别（地区）指南－俄罗斯（2023年）》
