"""Region names: the English key used in every data file, the Chinese label used in figures.

The 31 provincial-level divisions carry their GB/T 2260 two-digit code. `China` is the national
total; `Shenzhen` is a sub-provincial city (part of Guangdong), so it is never pooled with provinces.
"""
from __future__ import annotations

PROVINCES = {  # English key: (GB code, Chinese name)
    "Beijing": (11, "北京"), "Tianjin": (12, "天津"), "Hebei": (13, "河北"),
    "Shanxi": (14, "山西"), "Inner Mongolia": (15, "内蒙古"), "Liaoning": (21, "辽宁"),
    "Jilin": (22, "吉林"), "Heilongjiang": (23, "黑龙江"), "Shanghai": (31, "上海"),
    "Jiangsu": (32, "江苏"), "Zhejiang": (33, "浙江"), "Anhui": (34, "安徽"),
    "Fujian": (35, "福建"), "Jiangxi": (36, "江西"), "Shandong": (37, "山东"),
    "Henan": (41, "河南"), "Hubei": (42, "湖北"), "Hunan": (43, "湖南"),
    "Guangdong": (44, "广东"), "Guangxi": (45, "广西"), "Hainan": (46, "海南"),
    "Chongqing": (50, "重庆"), "Sichuan": (51, "四川"), "Guizhou": (52, "贵州"),
    "Yunnan": (53, "云南"), "Tibet": (54, "西藏"), "Shaanxi": (61, "陕西"),
    "Gansu": (62, "甘肃"), "Qinghai": (63, "青海"), "Ningxia": (64, "宁夏"),
    "Xinjiang": (65, "新疆"),
}
MUNICIPALITIES = ("Beijing", "Tianjin", "Shanghai", "Chongqing")
OTHER_REGIONS = {"China": "全国", "Shenzhen": "深圳", "Hefei": "合肥", "Wuhu": "芜湖",
                 "World": "世界", "USA": "美国", "Japan": "日本"}
# The three regions Paper B compares, in its order (deep, medium, early digitalisation).
PAPER_B_REGIONS = ("Shenzhen", "Anhui", "Guizhou")
# The years of Paper B's figures 3–6, used for every province-year analysis.
PAPER_B_YEARS = range(2019, 2024)

# The four economic regions of the National Bureau of Statistics (东西中部和东北地区划分方法,
# 2011-06-13, http://www.stats.gov.cn/tjzs/t20110613_402731597.htm), used for statements about
# "the east" or "the centre and west".
GROUPS = {
    "East": ("东部", ("Beijing", "Tianjin", "Hebei", "Shanghai", "Jiangsu", "Zhejiang", "Fujian", "Shandong",
                     "Guangdong", "Hainan")),
    "Central": ("中部", ("Shanxi", "Anhui", "Jiangxi", "Henan", "Hubei", "Hunan")),
    "West": ("西部", ("Inner Mongolia", "Guangxi", "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet", "Shaanxi",
                     "Gansu", "Qinghai", "Ningxia", "Xinjiang")),
    "Northeast": ("东北", ("Liaoning", "Jilin", "Heilongjiang")),
}

# In the claims ledger, a statement about where a province stands among all 31 names them by this key.
ALL_PROVINCES = "provinces"

CHINESE = {en: zh for en, (_, zh) in PROVINCES.items()} | OTHER_REGIONS
ALL = tuple(CHINESE)


def chinese(region: str) -> str:
    return CHINESE[region]
