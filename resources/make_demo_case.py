"""Write the bundled demo planning case, `resources/demo_case.xlsx`.

Run from the repository root:

    python resources/make_demo_case.py            # writes resources/demo_case.xlsx
    python resources/make_demo_case.py OUT.xlsx   # writes elsewhere

The case is a fictional central-SOE industrial group, 华瑞能源装备集团, with
eight investing subsidiaries (new energy, power, heavy equipment, materials,
mining, digital, overseas, industrial investment) and 81 candidate projects for
the 2027-2031 plan. Money is in CNY 100m (亿元); headcount in persons.

Each project is written by hand below as a few planning facts (size, build
time, IRR, risk, flags); the rest follows from them, so the figures agree with
each other:

- the capex profile spreads the total over the build years;
- the annual after-tax operating cash flow F is the level annuity that gives
  the stated IRR over the sector's asset life after the build years;
- npv is that cash flow valued at the group's capital cost rate (5.5%) and
  discounted to the start of 2027; npv_low / npv_high widen with the risk grade;
- profit (pre-tax) = (F - straight-line depreciation) / (1 - tax rate);
- revenue, R&D spend, value added and headcount follow the sector's asset
  turnover, R&D rate, value-added rate and labour productivity;
- build_years is the build time: a project earns from the year after its last
  capex year.

The Outlook sheet forecasts the group's existing business for each plan year
(OUTLOOK below). The NegativeList sheet is the group's negative list
(NEGATIVE_LIST below): non-main real estate, quasi-financial business and
overseas coal power are prohibited; overseas investment and projects of 5
billion yuan or more are under special supervision. The plain targets bind the steady state after the plan
(kpi_check steady); the user guide's worked example adds a 2028 debt-ratio
ceiling to show the plan years at work.

Relations between projects (the Groups sheet, GROUPS below): offshore wind phase 2 starts at least two years
after phase 1 (NE04 requires NE03+2), the hydrogen trucks a year after the stack line (HE12 requires HE11+1); a
cathode base needs one of the group's lithium sources started first (NM09, NM10 requires_any MN02, IN05); the
smart mine's 5G network stands or falls with the mine's upgrade (DT05 together_with MN01); exactly one cathode
base is built, and exactly one of the two UHV sending-end wind bases.

The script is deterministic: the only randomness is a seeded numpy generator,
and the file is written with fixed timestamps, so two runs give the same bytes.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

OUT = Path(__file__).resolve().parent / "demo_case.xlsx"
SEED = 20270101
FIXED_TIME = datetime(2026, 9, 1, 9, 0, 0)
YEARS = (2027, 2028, 2029, 2030, 2031)
TAX_RATE = 0.25
DISCOUNT_RATE = 0.055  # the group's capital cost rate; also the Enterprise capital_cost_rate

ENTITIES = {
    "NE": "华瑞新能源有限公司",
    "PW": "华瑞电力股份有限公司",
    "HE": "华瑞重工装备有限公司",
    "NM": "华瑞新材料科技有限公司",
    "MN": "华瑞资源矿业有限公司",
    "DT": "华瑞数字科技有限公司",
    "IN": "华瑞国际投资有限公司",
    "CP": "华瑞产业投资有限公司",
}

OVERSEAS_REGIONS = {"东南亚", "中东", "中亚", "南美", "西非"}


@dataclass(frozen=True)
class Sector:
    """Typical run-rate economics of a sector, per unit of capex or revenue."""

    turnover: float  # annual revenue / total capex
    rd_rate: float  # R&D spend / revenue
    va_rate: float  # value added / revenue
    productivity: float  # value added per person, CNY 100m
    life: int  # operating years after the build
    equity_ratio: float  # share of capex funded by equity


SECTORS = {
    "新能源发电": Sector(0.13, 0.004, 0.75, 0.040, 25, 0.25),
    "储能与氢能": Sector(0.35, 0.040, 0.35, 0.015, 15, 0.30),
    "火电与热力": Sector(0.45, 0.006, 0.35, 0.020, 25, 0.25),
    "境外煤电": Sector(0.45, 0.006, 0.35, 0.020, 25, 0.25),
    "水电": Sector(0.18, 0.004, 0.70, 0.035, 30, 0.25),
    "新能源装备": Sector(0.90, 0.060, 0.28, 0.009, 12, 0.40),
    "装备制造": Sector(1.20, 0.025, 0.26, 0.006, 15, 0.35),
    "高端装备": Sector(0.85, 0.090, 0.32, 0.008, 15, 0.40),
    "航空航天": Sector(0.70, 0.120, 0.35, 0.008, 15, 0.50),
    "海工装备": Sector(0.80, 0.060, 0.25, 0.007, 18, 0.35),
    "汽车零部件": Sector(1.10, 0.055, 0.22, 0.006, 12, 0.40),
    "钢铁冶金": Sector(1.30, 0.015, 0.18, 0.008, 20, 0.30),
    "新材料": Sector(0.80, 0.070, 0.30, 0.009, 15, 0.40),
    "电池材料": Sector(1.00, 0.035, 0.20, 0.008, 12, 0.35),
    "生物制造": Sector(0.70, 0.100, 0.35, 0.008, 15, 0.50),
    "矿产资源": Sector(0.55, 0.008, 0.45, 0.010, 20, 0.35),
    "环保治理": Sector(0.30, 0.020, 0.40, 0.008, 20, 0.30),
    "信息技术": Sector(0.90, 0.150, 0.45, 0.009, 8, 0.50),
    "数据中心": Sector(0.35, 0.020, 0.50, 0.030, 10, 0.40),
    "股权投资": Sector(0.00, 0.000, 0.00, 0.500, 10, 1.00),
    "房地产与商业": Sector(0.25, 0.000, 0.30, 0.010, 20, 0.35),
    "金融服务": Sector(0.30, 0.010, 0.50, 0.030, 10, 1.00),
}

# Capex profile over the build years by build time (shares of the total).
PROFILES = {1: (1.0,), 2: (0.45, 0.55), 3: (0.3, 0.4, 0.3), 4: (0.2, 0.3, 0.3, 0.2)}


@dataclass(frozen=True)
class Spec:
    """The hand-written facts of one candidate project.

    flags: N non-main business, F future industry, T key core technology,
    S security, L livelihood, M mandatory, X excluded (overseas follows from the region).
    """

    id: str
    name: str
    sector: str
    region: str
    category: str  # Chinese name of the strategic emerging industry, "" = traditional
    capex: float  # total capex, CNY 100m
    build: int  # build years
    irr: float
    risk: int
    score: int
    start: int = 2027
    latest: int | None = None
    share: float = 1.0
    flags: str = ""
    requires: str = ""
    requires_any: str = ""
    together_with: str = ""
    group: str = ""
    note: str = ""

    @property
    def entity(self) -> str:
        return ENTITIES[self.id[:2]]


SPECS = [
    # --- 华瑞新能源: wind, solar, storage, hydrogen -----------------------------------------
    Spec("NE01", "西北风光储一体化基地二期", "新能源发电", "甘肃", "新能源", 120, 3, 0.068, 2, 82,
         latest=2028, share=0.5),
    Spec("NE02", "库布其沙漠光伏治沙基地", "新能源发电", "内蒙古", "新能源", 60, 3, 0.066, 2, 80,
         start=2028, latest=2030, share=0.6),
    Spec("NE03", "江苏如东海上风电一期", "新能源发电", "江苏", "新能源", 45, 3, 0.072, 3, 78),
    Spec("NE04", "江苏如东海上风电二期", "新能源发电", "江苏", "新能源", 55, 3, 0.074, 3, 76,
         start=2029, requires="NE03+2", note="依托一期送出工程"),
    Spec("NE05", "青海大型抽水蓄能电站", "水电", "青海", "新能源", 70, 4, 0.064, 2, 75,
         start=2028),
    Spec("NE06", "宁夏绿氢制储运一体化示范", "储能与氢能", "宁夏", "新能源", 28, 3, 0.045, 4, 86,
         start=2028, latest=2030, flags="FT"),
    Spec("NE07", "山东整县推进分布式光伏", "新能源发电", "山东", "新能源", 22, 2, 0.070, 1, 65,
         latest=2029, share=0.4, flags="L", note="整县推进，农户屋顶租金增收"),
    Spec("NE08", "新疆哈密特高压配套风电基地", "新能源发电", "新疆", "新能源", 40, 2, 0.071, 2, 72,
         start=2029, group="特高压外送配套电源"),
    Spec("NE09", "甘肃酒泉特高压配套风电基地", "新能源发电", "甘肃", "新能源", 44, 2, 0.069, 2, 72,
         start=2029, group="特高压外送配套电源"),
    Spec("NE10", "广东电网侧独立储能电站", "储能与氢能", "广东", "新能源", 18, 2, 0.058, 3, 70, start=2029),
    Spec("NE11", "钙钛矿叠层电池中试线", "新能源装备", "江苏", "新能源", 9, 2, 0.050, 5, 90,
         start=2028, flags="FT"),
    Spec("NE12", "青海海南州光伏基地（在建续建）", "新能源发电", "青海", "新能源", 14, 2, 0.065, 1, 70,
         flags="M", note="在建项目，续建资金"),
    Spec("NE13", "山东半岛海上光伏示范", "新能源发电", "山东", "新能源", 12, 2, 0.060, 4, 74,
         start=2028, flags="X", note="用海审批未获批，本轮不纳入"),
    # --- 华瑞电力: thermal, hydro, heat, CCUS --------------------------------------------
    Spec("PW01", "安徽2×660MW超超临界煤电扩建（保供）", "火电与热力", "安徽", "", 55, 3, 0.058, 2, 55,
         start=2028, flags="S", note="迎峰度夏电力保供"),
    Spec("PW02", "煤电机组灵活性改造", "火电与热力", "河北", "", 12, 2, 0.085, 1, 58, latest=2029),
    Spec("PW03", "燃煤电厂超低排放与节能改造", "火电与热力", "河北", "绿色环保", 8, 2, 0.030, 1, 60,
         flags="M", note="环保督察整改，2028年底前完成"),
    Spec("PW04", "沈阳热电联产供热管网扩建", "火电与热力", "辽宁", "", 15, 2, 0.075, 2, 50, flags="L",
         note="城市居民供热保障"),
    Spec("PW05", "四川水电站增容改造", "水电", "四川", "", 20, 3, 0.080, 2, 55, start=2029),
    Spec("PW06", "煤电CCUS全流程示范", "环保治理", "陕西", "绿色环保", 14, 3, 0.025, 5, 84,
         start=2028, flags="T"),
    Spec("PW07", "虚拟电厂与综合能源服务平台", "信息技术", "广东", "新一代信息技术", 4, 2, 0.110, 3, 72),
    Spec("PW08", "老旧煤电机组延寿改造", "火电与热力", "河南", "", 9, 2, 0.015, 2, 45,
         note="收益率低于基准收益率"),
    Spec("PW09", "城市燃气分布式能源站", "火电与热力", "浙江", "", 6, 2, 0.070, 2, 50, flags="L"),
    Spec("PW10", "生物质热电联产", "环保治理", "黑龙江", "绿色环保", 7, 2, 0.052, 3, 62),
    Spec("PW11", "特高压配套调峰燃机电站", "火电与热力", "江苏", "", 16, 2, 0.068, 2, 58, flags="S"),
    # --- 华瑞重工: equipment, aerospace, marine, hydrogen vehicles ---------------------
    Spec("HE01", "重型燃气轮机热端部件研制", "高端装备", "上海", "高端装备", 24, 3, 0.062, 4, 92,
         flags="TS"),
    Spec("HE02", "15兆瓦级海上风电机组总装基地", "新能源装备", "福建", "新能源", 22, 2, 0.095, 3, 74),
    Spec("HE03", "高端数控机床及功能部件产线", "高端装备", "辽宁", "高端装备", 12, 2, 0.070, 3, 85,
         start=2028, latest=2029, flags="TS"),
    Spec("HE04", "工业机器人精密减速器国产化", "高端装备", "江苏", "高端装备", 8, 2, 0.080, 3, 83,
         flags="TS"),
    Spec("HE05", "大型矿山装备再制造中心", "装备制造", "山西", "", 6, 2, 0.110, 2, 48),
    Spec("HE06", "输配电成套设备产能扩建", "装备制造", "河南", "", 15, 2, 0.120, 2, 45),
    Spec("HE07", "特高压换流变压器扩能", "装备制造", "湖南", "", 18, 2, 0.115, 2, 60),
    Spec("HE08", "深远海漂浮式风电平台示范", "海工装备", "广东", "海洋装备", 16, 3, 0.048, 5, 88,
         start=2028, flags="F", requires="HE02", note="配套自产15兆瓦机组"),
    Spec("HE09", "海洋油气水下生产系统国产化", "海工装备", "天津", "海洋装备", 14, 3, 0.065, 4, 87,
         flags="TS"),
    Spec("HE10", "氢燃料电池研发中心", "汽车零部件", "上海", "新能源汽车", 5, 2, 0.030, 4, 86,
         flags="FT"),
    Spec("HE11", "燃料电池电堆及系统产线", "汽车零部件", "上海", "新能源汽车", 12, 2, 0.070, 4, 80,
         start=2028, requires="HE10"),
    Spec("HE12", "氢能重卡示范运营", "汽车零部件", "河北", "新能源汽车", 9, 2, 0.055, 4, 75,
         start=2029, latest=2030, requires="HE11+1"),
    Spec("HE13", "新能源重卡电驱桥产线", "汽车零部件", "湖北", "新能源汽车", 10, 2, 0.090, 3, 70),
    Spec("HE14", "商用车传统变速箱产能扩建", "装备制造", "湖北", "", 7, 2, 0.018, 3, 40,
         note="收益率低于基准收益率"),
    Spec("HE15", "航空发动机单晶叶片精密铸造", "航空航天", "四川", "航空航天", 18, 3, 0.058, 4, 93,
         start=2028, flags="TS"),
    Spec("HE16", "商业航天液体火箭发动机试验台", "航空航天", "陕西", "航空航天", 11, 3, 0.040, 5, 89,
         start=2029, latest=2030, flags="F"),
    Spec("HE17", "大飞机复合材料结构件产线", "航空航天", "陕西", "航空航天", 15, 3, 0.065, 4, 86,
         start=2029, flags="T", requires="NM06", note="采用集团自产碳纤维"),
    # --- 华瑞新材料: special steel, advanced materials, battery and bio materials --------
    Spec("NM01", "高端轴承钢产线升级", "钢铁冶金", "江苏", "新材料", 16, 2, 0.085, 2, 80, flags="TS"),
    Spec("NM02", "钢铁产能超低排放改造", "钢铁冶金", "河北", "绿色环保", 14, 2, 0.025, 1, 58,
         flags="M", note="超低排放改造政策时限"),
    Spec("NM03", "电炉短流程炼钢产能置换（江苏）", "钢铁冶金", "江苏", "", 32, 3, 0.090, 3, 55,
         start=2028, group="短流程炼钢选址"),
    Spec("NM04", "电炉短流程炼钢产能置换（广西）", "钢铁冶金", "广西", "", 28, 3, 0.083, 3, 55,
         start=2029, group="短流程炼钢选址"),
    Spec("NM05", "高温合金及钛合金材料基地", "新材料", "陕西", "新材料", 20, 3, 0.070, 3, 88, flags="TS"),
    Spec("NM06", "万吨级碳纤维及复合材料产线", "新材料", "吉林", "新材料", 26, 3, 0.068, 4, 87,
         latest=2028, share=0.5, flags="T"),
    Spec("NM07", "电子级多晶硅及半导体硅片", "新材料", "四川", "新材料", 30, 3, 0.060, 4, 91, start=2029, flags="TS"),
    Spec("NM08", "LNG运输船殷瓦钢国产化", "海工装备", "辽宁", "海洋装备", 9, 2, 0.070, 4, 85, flags="TS"),
    Spec("NM09", "锂电正极材料基地（四川）", "电池材料", "四川", "新能源汽车", 24, 2, 0.088, 3, 70,
         start=2028, group="正极材料基地选址", requires_any="MN02, IN05"),
    Spec("NM10", "锂电正极材料基地（贵州）", "电池材料", "贵州", "新能源汽车", 21, 2, 0.082, 3, 70,
         start=2028, group="正极材料基地选址", requires_any="MN02, IN05"),
    Spec("NM11", "热轧板带产线智能化改造", "钢铁冶金", "湖北", "", 10, 2, 0.105, 1, 52),
    Spec("NM12", "建筑用螺纹钢产能扩建", "钢铁冶金", "河北", "", 12, 2, 0.012, 2, 40,
         note="收益率低于基准收益率"),
    Spec("NM13", "生物基可降解材料（PLA）产线", "生物制造", "安徽", "生物技术", 11, 2, 0.060, 4, 78,
         start=2028),
    Spec("NM14", "合成生物制造中试平台", "生物制造", "天津", "生物技术", 6, 2, 0.040, 5, 88,
         start=2028, flags="FT"),
    Spec("NM15", "高性能稀土永磁材料产线", "新材料", "内蒙古", "新材料", 13, 2, 0.090, 3, 82, flags="S"),
    # --- 华瑞资源矿业: coal, lithium, copper, rare earths --------------------------------
    Spec("MN01", "内蒙古煤矿智能化改造", "矿产资源", "内蒙古", "", 18, 2, 0.110, 2, 50, flags="S"),
    Spec("MN02", "青海盐湖战略性锂资源开发", "矿产资源", "青海", "", 26, 3, 0.100, 3, 78, start=2028, flags="S"),
    Spec("MN03", "云南铜矿深部开采扩能", "矿产资源", "云南", "", 22, 3, 0.095, 3, 55, start=2029),
    Spec("MN04", "尾矿综合利用与矿山生态修复", "环保治理", "江西", "绿色环保", 5, 2, 0.035, 2, 65, flags="L"),
    Spec("MN05", "稀土分离冶炼升级", "矿产资源", "内蒙古", "", 9, 2, 0.085, 3, 75, flags="S"),
    Spec("MN06", "煤矿瓦斯综合利用发电", "环保治理", "山西", "绿色环保", 4, 1, 0.080, 2, 60),
    Spec("MN07", "矿区光伏+储能", "新能源发电", "山西", "新能源", 8, 1, 0.067, 2, 62),
    Spec("MN08", "西非铁矿权益项目", "矿产资源", "西非", "", 40, 3, 0.120, 5, 60,
         flags="X", note="东道国政局不稳，董事会决定暂缓"),
    # --- 华瑞数字科技: industrial internet, computing, industrial software ----------------
    Spec("DT01", "工业互联网平台建设", "信息技术", "北京", "新一代信息技术", 7, 3, 0.090, 3, 84,
         flags="T"),
    Spec("DT02", "宁夏算力中心", "数据中心", "宁夏", "新一代信息技术", 20, 2, 0.075, 3, 80, start=2029),
    Spec("DT03", "电力工控系统国产化替代", "信息技术", "北京", "新一代信息技术", 5, 2, 0.018, 3, 90,
         flags="TS", note="安全保障项目，不适用基准收益率门槛"),
    Spec("DT04", "工业软件（CAE）联合攻关", "信息技术", "北京", "新一代信息技术", 4, 3, 0.040, 5, 92,
         flags="T"),
    Spec("DT05", "智慧矿山5G专网", "信息技术", "内蒙古", "新一代信息技术", 3, 1, 0.100, 2, 68,
         together_with="MN01", note="与煤矿智能化改造一体实施"),
    Spec("DT06", "工业大模型应用平台", "信息技术", "北京", "新一代信息技术", 6, 2, 0.070, 4, 85,
         start=2028, latest=2030, flags="F"),
    Spec("DT07", "量子保密通信专网示范", "信息技术", "安徽", "新一代信息技术", 5, 2, 0.030, 5, 83,
         start=2028, flags="FT"),
    # --- 华瑞国际: overseas -------------------------------------------------------------
    Spec("IN01", "沙特光伏电站", "新能源发电", "中东", "新能源", 25, 2, 0.085, 4, 68),
    Spec("IN02", "哈萨克斯坦风电项目", "新能源发电", "中亚", "新能源", 14, 2, 0.080, 4, 64),
    Spec("IN03", "印尼镍资源湿法冶炼", "矿产资源", "东南亚", "", 30, 3, 0.115, 4, 70, start=2029,
         share=0.51, flags="S", note="合资项目，至少控股51%"),
    Spec("IN04", "越南工程机械组装厂", "装备制造", "东南亚", "", 6, 2, 0.100, 3, 45),
    Spec("IN05", "智利锂矿权益收购", "矿产资源", "南美", "", 35, 1, 0.090, 5, 72, start=2030, flags="S"),
    # --- 华瑞产业投资: funds and non-main business ---------------------------------------
    Spec("CP01", "产业园区配套住宅及商业开发", "房地产与商业", "湖北", "", 30, 3, 0.085, 4, 40,
         start=2029, flags="N"),
    Spec("CP02", "康养酒店综合体", "房地产与商业", "海南", "", 12, 2, 0.060, 3, 42, flags="N"),
    Spec("CP03", "供应链金融平台增资", "金融服务", "上海", "", 8, 1, 0.090, 3, 45, flags="N"),
    Spec("CP04", "集成电路产业基金出资", "股权投资", "北京", "新一代信息技术", 15, 3, 0.075, 4, 76,
         share=0.4, note="基金按认缴额分期实缴"),
    # --- last, so that the figures drawn for the projects above stay as they were -------------------------
    Spec("IN06", "印尼爪哇燃煤电站股权收购", "境外煤电", "东南亚", "", 26, 1, 0.105, 4, 35, start=2028,
         note="收购在运燃煤电站70%股权"),
]


# --- project figures ------------------------------------------------------------------


def capex_profile(spec: Spec) -> dict[int, float]:
    """Planned spend by calendar year for a start in the earliest start year."""
    shares = PROFILES[spec.build]
    amounts = [round(spec.capex * s, 2) for s in shares[:-1]]
    amounts.append(round(spec.capex - sum(amounts), 2))
    if spec.start + len(amounts) - 1 > YEARS[-1]:
        raise ValueError(f"{spec.id}: the build runs past the plan horizon")
    return {spec.start + k: a for k, a in enumerate(amounts)}


def annual_cash_flow(spec: Spec, life: int) -> float:
    """The level after-tax operating cash flow that makes the project's IRR `spec.irr`."""
    r = spec.irr
    shares = PROFILES[spec.build]
    capex_pv = sum(spec.capex * s / (1 + r) ** k for k, s in enumerate(shares))
    annuity_pv = sum(1 / (1 + r) ** k for k in range(spec.build, spec.build + life))
    return capex_pv / annuity_pv


def npv_at(spec: Spec, flow: float, life: int, rate: float) -> float:
    """NPV at `rate` of the project started in its earliest year, discounted to the start of 2027."""
    shares = PROFILES[spec.build]
    value = sum(-spec.capex * s / (1 + rate) ** k for k, s in enumerate(shares))
    value += sum(flow / (1 + rate) ** k for k in range(spec.build, spec.build + life))
    return value / (1 + rate) ** (spec.start - YEARS[0])


def project_row(spec: Spec, rng: np.random.Generator) -> dict[str, object]:
    """The full Projects row of one candidate."""
    sector = SECTORS[spec.sector]
    flow = annual_cash_flow(spec, sector.life)
    npv = npv_at(spec, flow, sector.life, DISCOUNT_RATE)
    spread = spec.capex * 0.025 * spec.risk
    npv_low = npv - spread * rng.uniform(0.8, 1.3)
    npv_high = npv + spread * rng.uniform(0.6, 1.0)
    profit = (flow - spec.capex / sector.life) / (1 - TAX_RATE)
    revenue = spec.capex * sector.turnover * rng.uniform(0.9, 1.1)  # 0 for a fund stake
    value_added = max(revenue * sector.va_rate, profit)
    row: dict[str, object] = {
        "id": spec.id,
        "name": spec.name,
        "entity": spec.entity,
        "sector": spec.sector,
        "region": spec.region,
        "overseas": spec.region in OVERSEAS_REGIONS,
        "main_business": "N" not in spec.flags,
        "strategic_category": spec.category or None,
        "future_industry": "F" in spec.flags,
        "key_core_tech": "T" in spec.flags,
        "security": "S" in spec.flags,
        "livelihood": "L" in spec.flags,
        "mandatory": "M" in spec.flags,
        "excluded": "X" in spec.flags,
    }
    profile = capex_profile(spec)
    for year in YEARS:
        row[f"capex_{year}"] = profile.get(year, 0)
    row.update({
        "equity_ratio": sector.equity_ratio,
        "npv": round(npv, 2),
        "npv_low": round(npv_low, 2),
        "npv_high": round(npv_high, 2),
        "irr": spec.irr,
        "revenue": round(revenue, 2),
        "profit": round(profit, 2),
        "operating_cash_flow": round(flow, 2),
        "rd_spend": round(revenue * sector.rd_rate, 3),
        "value_added": round(value_added, 2),
        "headcount": int(round(value_added / sector.productivity, -1)),
        "risk": spec.risk,
        "strategic_score": spec.score,
        "requires": spec.requires or None,
        "requires_any": spec.requires_any or None,
        "together_with": spec.together_with or None,
        "exclusive_group": spec.group or None,
        "earliest_start": spec.start,
        "latest_start": spec.latest or spec.start,
        "min_share": spec.share,
        "build_years": spec.build,
        "note": spec.note or None,
    })
    return row


def project_rows() -> list[dict[str, object]]:
    rng = np.random.default_rng(SEED)
    return [project_row(spec, rng) for spec in SPECS]


# --- the group's baseline and the plan's limits ----------------------------------------

ENTERPRISE = {
    "revenue": 3000,
    "total_profit": 200,
    "net_profit": 150,
    "total_assets": 6000,
    "total_liabilities": 3800,
    "equity": 2200,
    "operating_cash_flow": 330,
    "rd_spend": 75,
    "headcount": 120000,
    "labour_output": 900,
    "tax_rate": TAX_RATE,
    "capital_cost_rate": DISCOUNT_RATE,
    "hurdle_rate": 0.02,
}

# The baseline business year by year without any new project (the Outlook sheet): it grows about 3% a year
# and pays down debt, its debt ratio falling from 63.3% in 2026 to 60.7% in 2031; its net assets are its
# assets less its liabilities (2,270 in 2027 ... 2,650 in 2031: the net profit less the dividends paid).
OUTLOOK = {
    "revenue": (3090, 3180, 3270, 3360, 3450),
    "total_profit": (204, 208, 212, 216, 220),
    "net_profit": (153, 156, 159, 162, 165),
    "total_assets": (6150, 6300, 6450, 6600, 6750),
    "total_liabilities": (3880, 3950, 4010, 4060, 4100),
    "operating_cash_flow": (340, 350, 360, 370, 380),
    "rd_spend": (78, 81, 84, 88, 92),
    "headcount": (119000, 118000, 117000, 116000, 115000),
    "labour_output": (920, 940, 960, 980, 1000),
}

SETTINGS = {
    "budget_2027": 160,
    "budget_2028": 210,
    "budget_2029": 200,
    "budget_2030": 160,
    "budget_2031": 90,
    "total_budget": 780,
    "min_strategic_share": 0.65,
    "max_non_main_share": 0.10,
    "max_overseas_share": 0.15,
    "min_security_investment": 150,
    "max_sector_share": 0.35,
    "max_entity_share": 0.40,
    "max_avg_risk": 3.2,
    "allow_supervised": "yes",
    "max_debt_ratio": 0.66,
    "min_roe": 0.07,
    "min_rd_intensity": 0.027,
    "min_operating_cash_ratio": 0.11,
    "min_labour_productivity": 0.0078,
    "min_profit_growth": 0.15,
    "objective": "npv",
    "weight_return": 0.40,
    "weight_strategic": 0.25,
    "weight_security": 0.15,
    "weight_innovation": 0.10,
    "weight_risk": 0.10,
    "currency_unit": "CNY 100m",
    "time_limit": 30,
    "mip_gap": 0.0001,
}

# The group's negative list (负面清单): class, field (a Projects column; `capex` is the total), match, reason.
NEGATIVE_LIST = [
    ("prohibited", "sector", "房地产与商业", "非主业房地产开发"),
    ("prohibited", "sector", "金融服务", "金融衍生品及供应链金融等类金融业务"),
    ("prohibited", "sector", "境外煤电", "境外新建或收购煤电项目"),
    ("supervised", "overseas", "是", "境外投资项目，报国资委特别监管"),
    ("supervised", "capex", ">=50", "单项投资50亿元及以上的重大项目"),
]

PERCENT_KEYS = {"min_strategic_share", "max_non_main_share", "max_overseas_share", "max_sector_share",
                "max_entity_share", "max_debt_ratio", "min_roe", "min_rd_intensity",
                "min_operating_cash_ratio", "min_profit_growth", "tax_rate", "capital_cost_rate",
                "hurdle_rate"}
PERCENT_COLUMNS = {"equity_ratio", "irr", "min_share"}


# --- writing -------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def style_header(ws, widths: dict[int, float]) -> None:
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    ws.freeze_panes = "A2"
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width


def write_projects(ws, rows: list[dict[str, object]]) -> None:
    headers = list(rows[0])
    ws.append(headers)
    for row in rows:
        ws.append([row[h] for h in headers])
    widths = {i + 1: max(9.0, len(h) + 2.0) for i, h in enumerate(headers)}
    widths[2] = 34.0
    widths[3] = 24.0
    widths[4] = widths[5] = widths[8] = 14.0
    widths[len(headers)] = 32.0
    style_header(ws, widths)
    ws.freeze_panes = "C2"
    for col, header in enumerate(headers, start=1):
        if header in PERCENT_COLUMNS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = "0.0%"


def write_pairs(ws, pairs: dict[str, object]) -> None:
    ws.append(["key", "value"])
    for key, value in pairs.items():
        ws.append([key, value])
        cell = ws.cell(ws.max_row, 2)
        if key in PERCENT_KEYS:
            cell.number_format = "0.0%"
        elif key == "min_labour_productivity":
            cell.number_format = "0.0000"
    style_header(ws, {1: 28.0, 2: 14.0})


def write_outlook(ws) -> None:
    ws.append(["key", *YEARS])
    for key, values in OUTLOOK.items():
        ws.append([key, *values])
    style_header(ws, {1: 22.0, **{column: 10.0 for column in range(2, len(YEARS) + 2)}})


def write_negative_list(ws) -> None:
    ws.append(["class", "field", "match", "reason"])
    for rule in NEGATIVE_LIST:
        ws.append(list(rule))
    style_header(ws, {1: 12.0, 2: 12.0, 3: 16.0, 4: 40.0})


# How many projects of an exclusive group are chosen (the Groups sheet): group -> (min_count, max_count).
GROUPS = {"正极材料基地选址": (1, 1), "特高压外送配套电源": (1, 1)}


def write_groups(ws) -> None:
    ws.append(["group", "min_count", "max_count"])
    for group, (low, high) in GROUPS.items():
        ws.append([group, low, high])
    style_header(ws, {1: 24.0, 2: 10.0, 3: 10.0})


def build_workbook() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    write_projects(ws, project_rows())
    write_pairs(wb.create_sheet("Enterprise"), ENTERPRISE)
    write_pairs(wb.create_sheet("Settings"), SETTINGS)
    write_outlook(wb.create_sheet("Outlook"))
    write_groups(wb.create_sheet("Groups"))
    write_negative_list(wb.create_sheet("NegativeList"))
    wb.properties.creator = "make_demo_case.py"
    wb.properties.title = "华瑞能源装备集团 2027-2031 投资计划（演示）"
    return wb


def save_reproducibly(wb: Workbook, path: Path) -> None:
    """Save with fixed document and zip timestamps, so that equal content gives equal bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps `modified` with the current time on save
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else OUT
    save_reproducibly(build_workbook(), path)
    print(f"wrote {path} ({len(SPECS)} projects)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
