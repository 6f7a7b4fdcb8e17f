"""Target texts as published plans of every level write them (issue 10.1).

Each row: the text, the indicator's name and unit as the plan gives them, and the kind and
numbers expected — worked out by hand from the text, not copied from the parser's output. The
``src`` column names where the spelling was seen (see SOURCES). Annual plans and government work
reports use the same spellings as the five-year tables and are cited where a five-year table with
that spelling was not at hand. Most addresses are reposts of the government's text (the search
index holds few government pages); each is marked by the document it reposts, which is what an
official would cite.
"""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicator_forecast.exceptions import TargetParseError
from indicator_forecast.plan import parse_target
from indicator_forecast.plan.targets import KnownTarget, TargetBase

SOURCES = {
    # national
    "NAT14": "国家“十四五”规划纲要 主要指标表 (data/national-14th/plan.csv, from the outline)",
    "NAT14T": "国家“十四五”规划纲要 正文: 单位国内生产总值能源消耗和二氧化碳排放分别降低13.5%、18%",
    "NAT14C": "“十四五”规划纲要关键数据, http://shlanke.com/a/guoneizixun/2021/0720/274939.html",
    "NAT13": "“十三五”规划纲要草案 (2016年政府工作报告), https://wokee.net/5367.html",
    "NAT15": "“十五五”规划纲要草案, https://www.etnet.com.hk/www/tc/stocks/ah_news_detail.php"
             "?newsid=ETN360305773 and https://uniquemedia.hk/?p=167805",
    "GWR16": "2016年政府工作报告, https://tex.org.cn/news/fangzhiyaowen/43/213576.html",
    "GWR18": "2018年政府工作报告, https://j637.cn/politics/2018lh/2018-03/22/c_1122575453.htm",
    "GWR22": "2022年政府工作报告, http://925eat.com/a/601297.html",
    "GWR22B": "2022年政府工作报告 主要预期目标 (光明网, reposted), "
              "http://fubaore.com/shehui/20220305/1001120507.html",
    "GWR23": "2023年政府工作报告, http://neijiangzixun.com/2023-03/15/c_1310702754.htm",
    "GWR24": "2024年政府工作报告, http://big5.china.com.cn/gate/big5/finance.china.com.cn/news/"
             "special/lianghui2024/20240305/6088246.shtml",
    "GWR25": "2025年政府工作报告, http://m.igo9go.com/gn/2025/03-05/10377898.shtml",
    "AIR": "重污染天气消除攻坚行动方案, https://cmenhu.cn/tanwenku/2175.html",
    "ENV13": "“十三五”生态环境指标完成情况, http://www.xgzhdz.com/content/2020-10/21/"
             "content_1472579.html",
    # provincial
    "JS13": "江苏省“十三五”规划纲要, http://binuoshi.com/cj/content/2016-03/31/"
            "content_2673446.htm",
    "FJ26": "福建省2026年政府工作报告, https://reportify.ai/news/1213791688833765376",
    # city
    "XY23": "咸阳市2023年国民经济和社会发展计划, http://m.86917.com/baoji/4214.html",
    "HF25": "合肥市2025年国民经济和社会发展计划 主要预期目标, "
            "http://www.dingqianjf.com/news/show/8451e232bb34a978.html",
    "LY14": "临沂市2014年国民经济和社会发展计划 (a report of it), "
            "http://lyfff.com/news/2014-03-26/62598.html",
    # district
    "SEED": "普陀区“十四五”规划 附件2 (/work/shared/seed/000_9b08dcd25a871ca6.txt)",
    "LC": "温州市鹿城区委关于制定“十四五”规划的建议, "
          "https://www.lucheng.gov.cn/art/2021/1/20/art_1506270_59028240.html",
    "NAT11": "“十一五”规划纲要: 单位国内生产总值能源消耗降低20%左右 (as quoted in "
             "国函〔2006〕94号, "
             "https://zhonghuashu.com/wiki/%E5%9B%BD%E5%8A%A1%E9%99%A2%E5%85%B3%E4%BA%8E%E2%80%9C"
             "%E5%8D%81%E4%B8%80%E4%BA%94%E2%80%9D%E6%9C%9F%E9%97%B4%E5%90%84%E5%9C%B0%E5%8C%BA"
             "%E5%8D%95%E4%BD%8D%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC%E8%83%BD%E6%BA%90%E6%B6%88"
             "%E8%80%97%E9%99%8D%E4%BD%8E%E6%8C%87%E6%A0%87%E8%AE%A1%E5%88%92%E7%9A%84%E6%89%B9"
             "%E5%A4%8D)",
    "GWR06": "2006年政府工作报告: 单位GDP能耗下降4%左右 (新华社, reposted), "
             "https://www.lemofix.com/2h/2007-03/06/content_38551.htm",
    "ISSUE10": "issue 10: texts copied from published plans by the user who filed it",
    "DOMAIN": "DOMAIN.md: spellings of other plans (〔13.5〕, <5.5, 累计达到1000, 提高1岁)",
    "UNCITED": "uncited: variants found in the audit of issue 10 (round brackets around a form "
               "in words, another 左右 change); no published plan with this exact spelling was "
               "found in the search index",
}
# Not from a published plan: the issue's own texts, DOMAIN.md's and the audit's variants.
NOT_PUBLISHED = ("ISSUE10", "DOMAIN", "UNCITED")

N = None
H, L = "higher", "lower"

# (text, name, unit, kind, low, high, direction, extra fields, source)
SPELLINGS = [
    # ---- Putuo District (the seed's 附件2)
    ("与市保持同步", "地区生产总值年均增长率", "%", "parent_synced", N, N, H, {"parent": "市"},
     "SEED"),
    ("3-5", "区级一般公共预算收入年均增长率", "%", "annual_rate", 3, 5, H, {}, "SEED"),
    ("累计 1400", "新增固定资产投资总额", "亿元", "cumulative_total", 1400, 1400, H, {}, "SEED"),
    ("40", "重点培育产业税收占比", "%", "end_level", 40, 40, H, {}, "SEED"),
    ("16", "每万人口高价值发明专利拥有量", "件", "end_level", 16, 16, H, {}, "SEED"),
    ("累计 150", "新增高新技术企业数", "家", "cumulative_total", 150, 150, H, {}, "SEED"),
    ("累计 10-20", "新增企业上市数", "家", "cumulative_total", 10, 20, H, {}, "SEED"),
    ("4000", "重点楼宇单位面积税收产出", "元/平方米", "end_level", 4000, 4000, H, {}, "SEED"),
    ("完成市下达目标", "单位生产总值能耗降低率", "%", "parent_assigned", N, N, H,
     {"setter": "市"}, "SEED"),
    ("累计 15", "新增跨国公司地区总部数", "个", "cumulative_total", 15, 15, H, {}, "SEED"),
    ("累计 350", "旧住房综合修缮改造面积", "万平方米", "cumulative_total", 350, 350, H, {}, "SEED"),
    ("累计 36", "旧住房成套改造面积", "万平方米", "cumulative_total", 36, 36, H, {}, "SEED"),
    ("累计 10", "新增文化设施面积", "万平方米", "cumulative_total", 10, 10, H, {}, "SEED"),
    ("1.1", "人均体育场地面积", "平方米/人", "end_level", 1.1, 1.1, H, {}, "SEED"),
    ("累计 857", "新增养老床位数", "张", "cumulative_total", 857, 857, H, {}, "SEED"),
    ("累计 1000", "新增病床数", "张", "cumulative_total", 1000, 1000, H, {}, "SEED"),
    (">84", "居民平均预期寿命", "岁", "floor", 84, N, H, {"strict": True}, "SEED"),
    ("完成市下达目标", "城镇登记失业人数", "人", "parent_assigned", N, N, L, {}, "SEED"),
    ("85 左右", "空气质量优良率 AQI", "%", "band", 85, 85, H, {"tolerance": 1.7}, "SEED"),
    ("50", "主要河道水质断面优于 III 类 (含 III 类) 水体比例", "%", "end_level", 50, 50, H, {},
     "SEED"),
    ("累计 75", "新建绿地面积", "万平方米", "cumulative_total", 75, 75, H, {}, "SEED"),
    (">45", "生活垃圾回收利用率", "%", "floor", 45, N, H, {}, "SEED"),
    ("50 条(段)", "新增景观特色道路", "条(段)", "cumulative_total", 50, 50, H, {"implied": True},
     "SEED"),
    ("0.01", "单位生产总值生产安全事故死亡率", "人/亿元", "ceiling", N, 0.01, L, {}, "SEED"),
    ("80 左右", "生态环境满意度", "%", "band", 80, 80, H, {"tolerance": 1.6}, "SEED"),
    # ---- the national 14th plan's table
    ("保持在合理区间、各年度视情提出", "国内生产总值(GDP)增长", "%", "parent_assigned", N, N, H,
     {"setter": "年度计划"}, "NAT14"),
    ("高于GDP增长", "全员劳动生产率增长", "%", "relative_to_indicator", N, N, H,
     {"relation": "above", "reference": "GDP增长"}, "NAT14"),
    ("65", "常住人口城镇化率", "%", "end_level", 65, 65, H, {}, "NAT14"),
    ("＞7、力争投入强度高于“十三五”时期实际", "全社会研发经费投入增长", "%", "annual_rate", 7, N,
     H, {"aspiration_value": None}, "NAT14"),
    ("与GDP增长基本同步", "居民人均可支配收入增长", "%", "relative_to_indicator", N, N, H,
     {"relation": "in_step"}, "NAT14"),
    ("＜5.5", "城镇调查失业率", "%", "ceiling", N, 5.5, L, {"strict": True}, "NAT14"),
    ("11.3", "劳动年龄人口平均受教育年限", "年", "end_level", 11.3, 11.3, H, {}, "NAT14"),
    ("〔1〕(提高1岁)", "人均预期寿命", "岁", "cumulative_change", 1, 1, H,
     {"change": "increase", "compounding": False}, "NAT14"),
    ("〔13.5〕(五年累计)", "单位GDP能源消耗降低", "%", "cumulative_change", 13.5, 13.5, H,
     {"change": "reduction", "compounding": True}, "NAT14"),
    ("〔18〕(五年累计)", "单位GDP二氧化碳排放降低", "%", "cumulative_change", 18, 18, H,
     {"change": "reduction"}, "NAT14"),
    ("＞6.5", "粮食综合生产能力", "亿吨", "floor", 6.5, N, H, {"strict": True}, "NAT14"),
    ("＞46", "能源综合生产能力", "亿吨标准煤", "floor", 46, N, H, {}, "NAT14"),
    # ---- the national outline's text, and its commentary
    ("降低13.5%", "单位国内生产总值能源消耗降低", "%", "cumulative_change", 13.5, 13.5, H,
     {"change": "reduction", "compounding": True}, "NAT14T"),
    ("下降18%", "单位国内生产总值二氧化碳排放降低", "%", "cumulative_change", 18, 18, H,
     {"change": "reduction", "compounding": True}, "NAT14T"),
    ("提高到8%以上", "基础研究经费投入占研发经费投入比重", "%", "floor", 8, N, H,
     {"strict": False}, "NAT14C"),
    ("超过17%", "战略性新兴产业增加值占GDP比重", "%", "floor", 17, N, H, {"strict": True},
     "NAT14C"),
    # ---- the national 13th plan (base 2015, target 2020: see PERIODS)
    ("比2010年翻一番", "国内生产总值", "万亿元", "relative_to_year", N, N, H,
     {"reference_year": 2010, "multiple": 2.0}, "NAT13"),
    ("到2020年比2010年翻一番", "城乡居民人均收入", "元", "relative_to_year", N, N, H,
     {"reference_year": 2010, "multiple": 2.0}, "NAT13"),
    ("年均增长保持在6.5%以上", "国内生产总值", "万亿元", "annual_rate", 6.5, N, H, {}, "NAT13"),
    ("提高到12万元以上", "全员劳动生产率", "万元", "floor", 12, N, H, {}, "NAT13"),
    ("力争达到2.5%", "研发经费投入强度", "%", "end_level", 2.5, 2.5, H,
     {"aspiration_value": 2.5}, "NAT13"),
    ("达到60%", "常住人口城镇化率", "%", "end_level", 60, 60, H, {}, "NAT13"),
    # ---- the national 15th plan's draft
    ("年均增长7%以上", "全社会研发经费投入增长", "%", "annual_rate", 7, N, H, {}, "NAT15"),
    ("累计降低17%", "单位国内生产总值二氧化碳排放降低", "%", "cumulative_change", 17, 17, H,
     {"change": "reduction"}, "NAT15"),
    ("达到12.5%", "数字经济核心产业增加值占国内生产总值比重", "%", "end_level", 12.5, 12.5, H, {},
     "NAT15"),
    ("提高到11.7年", "劳动年龄人口平均受教育年限", "年", "end_level", 11.7, 11.7, H, {}, "NAT15"),
    ("提高到80岁", "人均预期寿命", "岁", "end_level", 80, 80, H, {}, "NAT15"),
    ("提高到73%", "养老机构护理型床位占比", "%", "end_level", 73, 73, H, {}, "NAT15"),
    # ---- national yearly targets (government work reports)
    ("6.5%-7%", "国内生产总值增长", "%", "annual_rate", 6.5, 7, H, {}, "GWR16"),
    ("下降3.4%以上", "单位国内生产总值能耗降低", "%", "cumulative_change", 3.4, N, H,
     {"change": "reduction"}, "GWR16"),
    ("6.5%左右", "国内生产总值增长", "%", "annual_rate", 6.5, 6.5, H, {"approximate": True},
     "GWR18"),
    ("1100万人以上", "城镇新增就业", "万人", "floor", 1100, N, H, {}, "GWR18"),
    ("5.5%以内", "城镇调查失业率", "%", "ceiling", N, 5.5, L, {"strict": False}, "GWR18"),
    ("4.5%以内", "城镇登记失业率", "%", "ceiling", N, 4.5, L, {}, "GWR18"),
    ("下降3%以上", "单位国内生产总值能耗降低", "%", "cumulative_change", 3, N, H,
     {"change": "reduction"}, "GWR18"),
    ("继续下降", "主要污染物排放量", "万吨", "direction", N, N, L, {"movement": "fall"}, "GWR18"),
    ("保持基本稳定", "宏观杠杆率", "%", "direction", N, N, H, {"movement": "stable"}, "GWR18"),
    ("控制在5.5%以内", "城镇调查失业率", "%", "ceiling", N, 5.5, L, {}, "GWR22"),
    ("保持在1.3万亿斤以上", "粮食产量", "亿斤", "floor", 13000, N, H, {}, "GWR22"),
    ("持续改善", "生态环境质量", None, "direction", N, N, H, {"movement": "rise"}, "GWR22"),
    ("1100万人以上", "城镇新增就业", "万人", "floor", 1100, N, H, {}, "GWR22B"),
    ("继续下降", "主要污染物排放量", "万吨", "direction", N, N, L, {"movement": "fall"},
     "GWR22B"),
    ("1200万人左右", "城镇新增就业", "万人", "band", 1200, 1200, H, {"tolerance": 24}, "GWR23"),
    ("5%左右", "国内生产总值增长", "%", "annual_rate", 5, 5, H, {"approximate": True}, "GWR24"),
    ("1200万人以上", "城镇新增就业", "万人", "floor", 1200, N, H, {}, "GWR24"),
    ("5.5%左右", "城镇调查失业率", "%", "band", 5.5, 5.5, L, {"tolerance": 0.11}, "GWR24"),
    ("3%左右", "居民消费价格涨幅", "%", "band", 3, 3, H, {"tolerance": 0.06}, "GWR24"),
    ("与经济增长同步", "居民收入增长", "%", "relative_to_indicator", N, N, H,
     {"relation": "in_step", "reference": "经济增长"}, "GWR24"),
    ("1.3万亿斤以上", "粮食产量", "斤", "floor", 1.3e12, N, H, {}, "GWR24"),
    # 左右 on a change is kept: approximate, as on an approximate rate
    ("降低2.5%左右", "单位国内生产总值能耗降低", "%", "cumulative_change", 2.5, 2.5, H,
     {"change": "reduction", "approximate": True}, "GWR24"),
    ("降低3%左右", "单位国内生产总值能耗降低", "%", "cumulative_change", 3, 3, H,
     {"approximate": True}, "GWR25"),
    ("下降4%左右", "单位国内生产总值能耗降低", "%", "cumulative_change", 4, 4, H,
     {"change": "reduction", "approximate": True}, "GWR06"),
    ("降低20%左右", "单位国内生产总值能源消耗降低", "%", "cumulative_change", 20, 20, H,
     {"change": "reduction", "approximate": True, "compounding": True}, "NAT11"),
    ("1.4万亿斤左右", "粮食产量", "亿斤", "band", 14000, 14000, H, {"tolerance": 280}, "GWR25"),
    ("2%左右", "居民消费价格涨幅", "%", "band", 2, 2, H, {"tolerance": 0.04}, "GWR25"),
    ("控制在1%以内", "重度及以上污染天数比率", "%", "ceiling", N, 1, L, {}, "AIR"),
    # 减少30%以上 of a count of days: 0.7 times the base year's figure at most.
    ("减少30%以上", "人为因素导致的重度及以上污染天数", "天", "relative_to_year", N, N, L,
     {"reference_year": 2020, "multiple": 0.7}, "AIR"),
    ("上升8.9个百分点", "地表水质量达到或好于Ⅲ类水体比例", "%", "cumulative_change", 8.9, 8.9,
     H, {"change": "increase", "in_points": True, "compounding": False}, "ENV13"),
    ("下降6.3个百分点", "地表水质量劣Ⅴ类水体比例", "%", "cumulative_change", 6.3, 6.3, H,
     {"change": "reduction", "in_points": True, "compounding": False}, "ENV13"),
    ("累计降低18.2%", "单位GDP二氧化碳排放降低", "%", "cumulative_change", 18.2, 18.2, H,
     {"change": "reduction"}, "ENV13"),
    # ---- provinces
    ("10万亿元左右", "地区生产总值", "亿元", "band", 100000, 100000, H, {"tolerance": 2000},
     "JS13"),
    ("18.5万元", "全员劳动生产率", "元", "end_level", 185000, 185000, H, {}, "JS13"),
    ("67%", "户籍人口城镇化率", "%", "end_level", 67, 67, H, {}, "JS13"),
    ("2.8%左右", "研发经费支出占地区生产总值比重", "%", "band", 2.8, 2.8, H,
     {"tolerance": 0.056}, "JS13"),
    ("90%以上", "现代农业发展水平", "%", "floor", 90, N, H, {}, "JS13"),
    ("4.2万元左右", "居民人均可支配收入", "元", "band", 42000, 42000, H, {"tolerance": 840},
     "JS13"),
    ("年均增长7.5%左右", "居民人均可支配收入", "元", "annual_rate", 7.5, 7.5, H,
     {"approximate": True}, "JS13"),
    ("12.2年", "劳动年龄人口平均受教育年限", "年", "end_level", 12.2, 12.2, H, {}, "JS13"),
    ("低于4%", "城镇登记失业率", "%", "ceiling", N, 4, L, {"strict": True}, "JS13"),
    ("在72%", "空气质量达到二级标准的天数比例", "%", "end_level", 72, 72, H, {}, "JS13"),
    ("年均下降20%", "PM2.5浓度", "微克/立方米", "annual_rate", -20, -20, L, {}, "JS13"),
    ("达24%", "森林覆盖率", "%", "end_level", 24, 24, H, {}, "JS13"),
    ("不低于90%", "公众安全感", "%", "floor", 90, N, H, {"strict": False}, "JS13"),
    ("大于15个", "每万人拥有社会组织数", "个", "floor", 15, N, H, {"strict": True}, "JS13"),
    ("增长5%左右", "全省地区生产总值增长", "%", "annual_rate", 5, 5, H, {"approximate": True},
     "FJ26"),
    ("控制在5%左右", "城镇调查失业率", "%", "band", 5, 5, L, {"tolerance": 0.1}, "FJ26"),
    ("50万人", "城镇新增就业", "万人", "end_level", 50, 50, H, {}, "FJ26"),
    ("513万吨以上", "粮食产量", "万吨", "floor", 513, N, H, {}, "FJ26"),
    ("完成国家下达的单位地区生产总值二氧化碳排放降低目标", "单位地区生产总值二氧化碳排放降低",
     "%", "parent_assigned", N, N, H, {"setter": "国家"}, "FJ26"),
    ("增长10%左右", "全社会研发经费投入增长", "%", "annual_rate", 10, 10, H, {}, "FJ26"),
    # ---- a city
    ("增长6%左右", "生产总值增长", "%", "annual_rate", 6, 6, H, {"approximate": True}, "XY23"),
    ("增长7%左右", "规模以上工业增加值增长", "%", "annual_rate", 7, 7, H, {}, "XY23"),
    ("增长8%左右", "全社会固定资产投资增长", "%", "annual_rate", 8, 8, H, {}, "XY23"),
    ("增长4%左右", "一般公共预算收入增长", "%", "annual_rate", 4, 4, H, {}, "XY23"),
    ("保持在180万吨以上", "粮食产量", "万吨", "floor", 180, N, H, {}, "XY23"),
    ("增长5.5%以上", "地区生产总值增长", "%", "annual_rate", 5.5, N, H, {}, "HF25"),
    ("增长10%左右", "规模以上工业增加值增长", "%", "annual_rate", 10, 10, H,
     {"approximate": True}, "HF25"),
    ("增长3%以上", "固定资产投资增长", "%", "annual_rate", 3, N, H, {}, "HF25"),
    ("增长2%左右", "一般公共预算收入增长", "%", "annual_rate", 2, 2, H, {"approximate": True},
     "HF25"),
    ("增长5%以上", "社会消费品零售总额增长", "%", "annual_rate", 5, N, H, {}, "HF25"),
    # 进出口总额增速高于全国平均水平: above the nation's rate
    ("增速高于全国平均水平", "进出口总额增长", "%", "parent_synced", N, N, H,
     {"parent": "国家", "relation": "above"}, "HF25"),
    # 居民人均可支配收入增速快于经济增速: the reference is named as written, 增速 kept
    ("快于经济增速", "居民人均可支配收入增长", "%", "relative_to_indicator", N, N, H,
     {"relation": "above", "reference": "经济增速"}, "HF25"),
    # a band of ±2 % of the value: 2 × 0.02 = 0.04
    ("2%左右", "居民消费价格涨幅", "%", "band", 2, 2, H, {"tolerance": 0.04}, "HF25"),
    ("完成省定目标", "城镇新增就业", "万人", "parent_assigned", N, N, H, {"setter": "省"}, "HF25"),
    ("完成省控目标", "单位地区生产总值能耗降低", "%", "parent_assigned", N, N, H,
     {"setter": "省"}, "HF25"),
    ("增长14%以上", "公共财政收入增长", "%", "annual_rate", 14, N, H, {}, "LY14"),
    # 3 × 0.02 = 0.06
    ("控制在3%左右", "居民消费价格涨幅", "%", "band", 3, 3, H, {"tolerance": 0.06}, "LY14"),
    ("确保完成省政府下达的任务", "万元GDP能耗降低", "%", "parent_assigned", N, N, H,
     {"setter": "省"}, "LY14"),
    ("增长11%", "城镇居民人均可支配收入增长", "%", "annual_rate", 11, 11, H, {}, "LY14"),
    ("增长20%", "固定资产投资增长", "%", "annual_rate", 20, 20, H, {}, "LY14"),
    ("14%以上", "进出口总额增长", "%", "annual_rate", 14, N, H, {}, "LY14"),
    # ---- another district
    ("1200亿元左右", "地区生产总值", "亿元", "band", 1200, 1200, H, {"tolerance": 24}, "LC"),
    ("超过9.3万元", "人均生产总值", "元", "floor", 93000, N, H, {"strict": True}, "LC"),
    # ---- the texts issue 10 found rejected or misread
    ("5%以上", "研发经费投入强度", "%", "floor", 5, N, H, {}, "ISSUE10"),
    ("年均增长7%左右", "一般公共预算收入", "亿元", "annual_rate", 7, 7, H,
     {"approximate": True}, "ISSUE10"),
    ("控制在3.5%以内", "城镇登记失业率", "%", "ceiling", N, 3.5, L, {}, "ISSUE10"),
    ("力争达到3", "每千人口拥有执业(助理)医师数", "人", "end_level", 3, 3, H,
     {"aspiration_value": 3.0}, "ISSUE10"),
    ("确保完成市下达任务", "单位生产总值能耗降低率", "%", "parent_assigned", N, N, H,
     {"setter": "市"}, "ISSUE10"),
    ("[确保完成国家要求]", "主要污染物排放总量减少", "%", "parent_assigned", N, N, H,
     {"setter": "国家"}, "ISSUE10"),
    ("[累计达到1000]", "病床数", "张", "running_level", 1000, 1000, H, {}, "ISSUE10"),
    ("累计新增5万", "城镇新增就业人数", "人", "cumulative_total", 50000, 50000, H, {},
     "ISSUE10"),
    ("-2", "人口自然增长率", "‰", "end_level", -2, -2, H, {}, "ISSUE10"),
    ("持续下降", "PM2.5年均浓度", "微克/立方米", "direction", N, N, L, {"movement": "fall"},
     "ISSUE10"),
    ("2.5左右，力争3", "研发经费投入强度", "%", "band", 2.5, 2.5, H,
     {"aspiration_value": 3.0, "aspiration": "力争3"}, "ISSUE10"),
    ("稳步提高", "居民人均可支配收入", "元", "direction", N, N, H, {"movement": "rise"},
     "ISSUE10"),
    ("逐年改善", "地表水达到或好于Ⅲ类水体比例", "%", "direction", N, N, H,
     {"movement": "rise"}, "ISSUE10"),
    ("保持稳定", "耕地保有量", "万亩", "direction", N, N, H, {"movement": "stable"},
     "ISSUE10"),
    # ---- uncited variants of the audit (see UNCITED)
    ("(确保完成国家要求)", "主要污染物排放总量减少", "%", "parent_assigned", N, N, H,
     {"setter": "国家", "note": None}, "UNCITED"),
    ("（确保完成国家要求）", "主要污染物排放总量减少", "%", "parent_assigned", N, N, H,
     {"setter": "国家"}, "UNCITED"),
    ("（累计达到1000）", "病床数", "张", "running_level", 1000, 1000, H, {}, "UNCITED"),
    ("降低5%左右", "单位地区生产总值能耗降低", "%", "cumulative_change", 5, 5, H,
     {"change": "reduction", "approximate": True}, "UNCITED"),
    # a change of a level by a %: 1 - 5/100 = 0.95 of the base year, 左右 kept
    ("下降5%左右", "单位地区生产总值能耗", "吨标准煤/万元", "relative_to_year", N, N, L,
     {"multiple": 0.95, "approximate": True}, "UNCITED"),
    # a round bracket after a form is still a note
    ("5.5（预期性）", "城镇调查失业率", "%", "ceiling", N, 5.5, L, {"note": "预期性"}, "UNCITED"),
    # ---- DOMAIN.md's other spellings
    ("<5.5", "城镇调查失业率", "%", "ceiling", N, 5.5, L, {"strict": True}, "DOMAIN"),
    ("累计达到1000", "病床数", "张", "running_level", 1000, 1000, H, {}, "DOMAIN"),
    ("提高1岁", "人均预期寿命", "岁", "cumulative_change", 1, 1, H,
     {"change": "increase", "compounding": False}, "DOMAIN"),
]

# The 13th plan's rows are judged in a 2016–2020 plan, the 11th plan's in a 2006–2010 one.
PERIODS = {"NAT13": (2015, 2020), "NAT11": (2005, 2010)}


def _approx(v):
    return None if v is None else pytest.approx(v)


def test_the_table_is_large_and_covers_every_level():
    assert len(SPELLINGS) >= 80
    assert {row[-1] for row in SPELLINGS} <= set(SOURCES)
    # national, provincial, city and district plans are all represented
    assert {"NAT14", "JS13", "XY23", "HF25", "LY14", "SEED", "LC"} <= {row[-1] for row in SPELLINGS}
    # at least 80 of the texts are from published plans, not from the issue or DOMAIN.md
    assert sum(row[-1] not in NOT_PUBLISHED for row in SPELLINGS) >= 80


@pytest.mark.parametrize(
    "text, name, unit, kind, low, high, direction, extra, src",
    SPELLINGS,
    ids=[f"{r[-1]}-{i}-{r[0]}" for i, r in enumerate(SPELLINGS)],
)
def test_spelling(text, name, unit, kind, low, high, direction, extra, src):
    years = {}
    if src in PERIODS:
        years = dict(base_year=PERIODS[src][0], target_year=PERIODS[src][1])
    t = parse_target(text, unit=unit, name=name, **years)
    assert (t.kind, t.direction) == (kind, direction)
    assert t.low == _approx(low)
    assert t.high == _approx(high)
    assert t.text == text
    for field, value in extra.items():
        got = getattr(t, field)
        assert got == (pytest.approx(value) if isinstance(value, float) else value), field


# ---------------------------------------------------------------- forms and their meaning


def test_stretch_target_is_judged_as_a_number():
    t = parse_target("2.5左右，力争3", unit="%", name="研发经费投入强度")
    assert (t.point, t.aspiration_value) == (2.5, 3.0)
    # a stretch in the wrong direction is an error, not a silent swap
    with pytest.raises(TargetParseError, match="stretch"):
        parse_target("80，力争75", unit="%", name="生态环境满意度")
    # a stretch in words keeps its text and has no number
    t2 = parse_target(
        "＞7、力争投入强度高于“十三五”时期实际", unit="%", name="全社会研发经费投入增长"
    )
    assert t2.aspiration_value is None and t2.aspiration.startswith("力争")


def test_multipliers_follow_the_unit():
    # 5万 is 50000 people, 5 万人, 0.0005 亿人
    assert parse_target("5万", unit="人", name="常住人口").low == 50000
    assert parse_target("5万", unit="万人", name="常住人口").low == 5
    assert parse_target("5万", unit="亿人", name="常住人口").low == pytest.approx(0.0005)
    assert parse_target("1.5亿元", unit="万元", name="税收").low == 15000
    with pytest.raises(TargetParseError, match="万/亿"):
        parse_target("5万", unit="%", name="覆盖率")


def test_percent_against_a_non_percent_unit_is_refused():
    with pytest.raises(TargetParseError, match="% sign"):
        parse_target("5%", unit="亿元", name="固定资产投资")
    # but a relative change of a level is read as one
    t = parse_target("下降18%", unit="吨标准煤/万元", name="单位GDP能耗")
    assert (t.kind, t.reference_year, t.direction) == ("relative_to_year", 2020, "lower")
    assert t.multiple == pytest.approx(0.82)


@pytest.mark.parametrize(
    "text, unit, name, match",
    [
        ("提高5%", "%", "常住人口城镇化率", "个百分点"),  # points or relative?
        ("增长5%", "亿元", "地区生产总值", "年均"),  # yearly or over the period?
        ("3个百分点", "%", "常住人口城镇化率", "direction"),  # up or down?
        ("到2035年比2020年翻一番", "元", "人均国内生产总值", "2035"),  # NAT15: not the plan's year
        ("比2022年翻一番", "亿元", "地区生产总值", "base year"),  # after the base year
        ("提高2个百分点", "岁", "人均预期寿命", "% unit"),
    ],
)
def test_ambiguous_texts_are_refused_with_the_way_out(text, unit, name, match):
    with pytest.raises(TargetParseError, match=match) as info:
        parse_target(text, unit=unit, name=name)
    assert info.value.text == text


@pytest.mark.parametrize("text", ["(13.5)", "（13.5）", "(>84)", "(5%)"])
def test_round_brackets_around_a_bare_number_are_refused(text):
    # square brackets around a number mean a five-year figure (〔13.5〕); round ones have no
    # such meaning, so the number is not guessed to be one
    with pytest.raises(TargetParseError, match="none of the accepted forms") as info:
        parse_target(text, unit="%", name="单位GDP能源消耗降低")
    assert "（确保完成国家要求）" in info.value.reason


def test_a_round_bracket_note_after_a_form_in_brackets_is_kept():
    # the national table's "〔13.5〕(五年累计)": the note stays a note, the figure a change
    t = parse_target("〔13.5〕（五年累计）", unit="%", name="单位GDP能源消耗降低")
    assert (t.kind, t.low, t.note) == ("cumulative_change", 13.5, "五年累计")
    # a form in words in round brackets, then a stretch clause
    t2 = parse_target("（确保完成国家要求），力争降低14%", unit="%", name="单位GDP能源消耗降低")
    assert (t2.kind, t2.setter, t2.aspiration) == ("parent_assigned", "国家", "力争降低14%")


def test_average_rate_whatever_the_name():
    # 年均 makes a rate even beside a level's name and unit
    t = parse_target("年均增长7%", unit="亿元", name="一般公共预算收入")
    assert (t.kind, t.low, t.high) == ("annual_rate", 7.0, 7.0)
    t2 = parse_target("年均提高1个百分点", unit="%", name="常住人口城镇化率")
    # five years of one point each
    assert (t2.kind, t2.low, t2.change, t2.in_points) == ("cumulative_change", 5.0, "increase",
                                                          True)


def test_direction_rules():
    # 脱贫/减贫 counts are higher-is-better although 贫困 is a lower-is-better word (issue 18.6)
    assert parse_target("30", unit="万人", name="农村贫困人口脱贫").direction == "higher"
    assert parse_target("10", unit="万人", name="减贫人数").direction == "higher"
    assert parse_target("0.5", unit="%", name="贫困发生率").kind == "ceiling"
    # a 方向 column overrides a name rule …
    t = parse_target("0.01", unit="人/亿元", name="单位生产总值生产安全事故死亡率",
                     direction="higher")
    assert (t.kind, t.direction) == ("end_level", "higher")
    # … but not what the text itself says: a floor with 越低越好 is a contradiction
    with pytest.raises(TargetParseError, match="方向"):
        parse_target(">84", unit="岁", name="居民平均预期寿命", direction="lower")
    with pytest.raises(TargetParseError, match="方向"):
        parse_target("持续下降", unit="微克/立方米", name="PM2.5浓度", direction="higher")
    # an improvement follows the direction
    t2 = parse_target("逐年改善", unit="微克/立方米", name="PM2.5浓度")
    assert (t2.movement, t2.direction) == ("fall", "lower")


def test_bracketed_five_year_figures():
    t = parse_target("〔>5000〕", unit="万人", name="城镇新增就业人数")
    assert (t.kind, t.low, t.high) == ("cumulative_total", 5000.0, None)
    t2 = parse_target("【累计新增5万】", unit="人", name="城镇新增就业人数")
    assert (t2.kind, t2.low) == ("cumulative_total", 50000.0)
    t3 = parse_target("〔13.5〕", unit="%", name="某指标", direction="lower")
    assert (t3.kind, t3.change) == ("cumulative_change", "reduction")


def test_accepted_forms_are_listed_for_unreadable_text():
    with pytest.raises(TargetParseError) as info:
        parse_target("显著增强并有所突破", unit="%", name="创新能力")
    for form in ("年均增长7%", "持续下降", "确保完成市下达任务", "力争"):
        assert form in info.value.reason


# ---------------------------------------------------------------- property

_TOKENS = [
    *"0123456789", *"０１２３４５６７８９", ".", ",", "，", "、", "-", "~", "至", "%", "％",
    ">", "<", "≥", "≤", "＞", "＜", "[", "]", "【", "】", "〔", "〕", "(", ")", "万", "亿",
    "以上", "以下", "以内", "不低于", "不超过", "控制在", "左右", "约", "年均", "增长", "提高",
    "降低", "下降", "个百分点", "力争", "达到", "累计", "新增", "确保完成", "市", "国家", "下达",
    "任务", "要求", "持续", "稳步", "逐年", "改善", "保持", "稳定", "比", "2010年", "到2025年",
    "翻一番", "倍", "与", "同步", "高于", "GDP",
]
_NAMES = [None, "地区生产总值增长", "新增病床数", "城镇调查失业率", "单位GDP能源消耗降低",
          "人均预期寿命", "农村贫困人口脱贫", "粮食产量"]
_UNITS = [None, "", "%", "人", "万人", "亿元", "岁", "张", "亿斤"]
_KINDS = {cls.model_fields["kind"].default for cls in get_args(get_args(KnownTarget)[0])}


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(st.sampled_from(_TOKENS), max_size=10).map("".join) | st.text(max_size=20),
    name=st.sampled_from(_NAMES),
    unit=st.sampled_from(_UNITS),
    direction=st.sampled_from([None, "higher", "lower"]),
)
def test_no_text_raises_anything_but_the_parsers_own_error(text, name, unit, direction):
    try:
        t = parse_target(text, unit=unit, name=name, direction=direction)
    except TargetParseError as err:
        assert err.text == str(text)
        return
    assert isinstance(t, TargetBase)
    assert t.kind in _KINDS
    if direction is not None:
        assert t.direction == direction or t.kind == "cumulative_change"
    if t.low is not None and t.high is not None:
        assert t.low <= t.high
