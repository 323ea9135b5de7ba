"""The shared vocabulary of spec/vocabulary.md: unit kinds (an is-a tree), levels, tags,
incident kinds and severities, modalities and sanction measures.

These codes are the public edge of the library: every one here is accepted by the API, the
CLI and fact files. Chinese terms are the words the regulation texts use for the same thing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class KindEntry:
    """A unit kind: its code, its parent in the is-a tree and the Chinese terms naming it."""

    code: str
    parent: str | None
    zh: str


@dataclass(frozen=True)
class Term:
    """A code with its Chinese terms."""

    code: str
    zh: str


KINDS: tuple[KindEntry, ...] = (
    KindEntry("organization", None, "单位, 组织"),
    KindEntry("state_organ", "organization", "国家机关"),
    KindEntry(
        "people_government",
        "state_organ",
        "人民政府, 各级人民政府, 县级以上人民政府, 乡镇人民政府, 街道办事处 (township), 片区管委会",
    ),
    KindEntry(
        "government_department",
        "state_organ",
        "有关部门, 政府部门, 主管部门, 行业主管部门, 行政机关 (with people_government)",
    ),
    KindEntry("public_security", "government_department", "公安机关, 公安"),
    KindEntry("state_security", "government_department", "国家安全机关"),
    KindEntry("justice_administration", "government_department", "司法行政部门"),
    KindEntry("health", "government_department", "卫生健康部门"),
    KindEntry("education", "government_department", "教育部门, 教育体育部门"),
    KindEntry("civil_affairs", "government_department", "民政部门"),
    KindEntry("market_regulation", "government_department", "市场监督管理部门"),
    KindEntry("emergency_management", "government_department", "应急管理部门"),
    KindEntry("transport", "government_department", "交通运输部门"),
    KindEntry("fire_rescue", "government_department", "消防救援机构"),
    KindEntry("cyberspace", "government_department", "网信部门"),
    KindEntry("telecom_regulation", "government_department", "通信管理部门"),
    KindEntry(
        "financial_regulation",
        "government_department",
        "金融监督管理, 地方金融监督管理, 金融管理, 金融工作机构",
    ),
    KindEntry("ecology_environment", "government_department", "生态环境部门"),
    KindEntry("drug_regulation", "government_department", "药品监督管理部门"),
    KindEntry("agriculture", "government_department", "农业农村, 农牧"),
    KindEntry("maritime", "government_department", "海事"),
    KindEntry("postal", "government_department", "邮政管理部门"),
    KindEntry("housing_construction", "government_department", "住房和城乡建设部门"),
    KindEntry("industry_it", "government_department", "工业和信息化部门"),
    KindEntry("commerce", "government_department", "商务部门"),
    KindEntry("human_resources", "government_department", "人力资源和社会保障部门"),
    KindEntry("development_reform", "government_department", "发展改革部门"),
    KindEntry("culture_tourism", "government_department", "文化部门, 文化旅游部门"),
    KindEntry("big_data", "government_department", "大数据发展管理部门"),
    KindEntry("petition", "government_department", "信访工作机构, 信访部门"),
    KindEntry("natural_resources", "government_department", "自然资源部门"),
    KindEntry("taxation", "government_department", "税务部门"),
    KindEntry("state_assets", "government_department", "国资监管部门"),
    KindEntry("customs", "government_department", "海关"),
    KindEntry("court", "state_organ", "人民法院"),
    KindEntry("procuratorate", "state_organ", "人民检察院"),
    KindEntry("supervisory_commission", "state_organ", "监察委员会, 监察机关"),
    KindEntry("people_congress_committee", "state_organ", "人民代表大会常务委员会"),
    KindEntry(
        "pingan_coordinating_body",
        "organization",
        "平安建设组织协调机构 (and its 办事机构), 平安建设社会治理领导小组, 乡镇平安建设办公室",
    ),
    KindEntry(
        "governance_center",
        "organization",
        "社会治安综合治理中心, 社会治理中心, 网格化服务中心, 基层治理平台",
    ),
    KindEntry("armed_forces", "organization", "武装力量"),
    KindEntry(
        "people_organization", "organization", "人民团体, 群团组织, 工会, 共青团, 妇联, 法学会"
    ),
    KindEntry("enterprise_or_institution", "organization", "企业事业单位"),
    KindEntry("enterprise", "enterprise_or_institution", "企业, 生产经营单位, 经营者"),
    KindEntry("public_institution", "enterprise_or_institution", "事业单位"),
    KindEntry("school", "public_institution", "学校, 校园"),
    KindEntry("kindergarten", "public_institution", "幼儿园"),
    KindEntry("hospital", "public_institution", "医疗机构, 医院"),
    KindEntry("elderly_care", "public_institution", "养老机构"),
    KindEntry("child_welfare", "public_institution", "儿童福利机构"),
    KindEntry("property_management", "enterprise", "物业服务企业, 物业服务人"),
    KindEntry("logistics_delivery", "enterprise", "寄递物流企业, 物流运营单位, 货运、邮政、快递"),
    KindEntry("internet_platform", "enterprise", "互联网平台企业, 网络平台"),
    KindEntry(
        "internet_service_provider",
        "enterprise",
        "互联网服务提供者, 信息网络接入单位, 服务提供者, 互联网企业",
    ),
    KindEntry("telecom_operator", "enterprise", "电信业务经营者, 电信企业"),
    KindEntry("financial_institution", "enterprise", "金融机构, 地方金融组织"),
    KindEntry("payment_institution", "enterprise", "非银行支付机构, 支付机构"),
    KindEntry("hotel", "enterprise", "宾馆, 旅馆业"),
    KindEntry("passenger_transport", "enterprise", "长途客运"),
    KindEntry("vehicle_rental", "enterprise", "机动车租赁"),
    KindEntry("ride_hailing", "enterprise", "网约车 (platform or company)"),
    KindEntry("food_delivery", "enterprise", "外卖餐饮"),
    KindEntry(
        "hazardous_goods",
        "enterprise",
        "危险物品/危险化学品/民用爆炸物品/烟花爆竹 生产、运输、储存、销售企业",
    ),
    KindEntry("large_commercial_center", "enterprise", "大型商业中心, 商场"),
    KindEntry("media", "organization", "新闻媒体, 广播、电视、报刊、网络等媒体"),
    KindEntry("social_organization", "organization", "社会组织"),
    KindEntry("industry_association", "social_organization", "行业协会, 商会"),
    KindEntry("volunteer_organization", "social_organization", "志愿服务组织"),
    KindEntry("social_work_agency", "social_organization", "社会工作服务机构, 专业社会组织"),
    KindEntry(
        "mediation_committee",
        "social_organization",
        "人民调解委员会, 调解组织, 行业性/专业性调解组织",
    ),
    KindEntry("arbitration_institution", "organization", "仲裁机构"),
    KindEntry("grassroots_autonomous_organization", "organization", "基层群众性自治组织"),
    KindEntry(
        "villagers_committee", "grassroots_autonomous_organization", "村民委员会, 嘎查村民委员会"
    ),
    KindEntry("residents_committee", "grassroots_autonomous_organization", "居民委员会"),
    KindEntry("owners_committee", "organization", "业主大会, 业主委员会"),
    KindEntry(
        "venue_operator",
        "organization",
        "重点区域、重要场所、人员密集场所 的管理或者运营单位 (generic; see tags)",
    ),
    KindEntry(
        "large_event_organizer", "organization", "大型群众性活动 主办者、承办者, 举办大型活动"
    ),
    KindEntry("person", None, "个人"),
    KindEntry("citizen", "person", "公民, 群众, 村居民"),
    KindEntry("grid_worker", "citizen", "网格员, 网格管理员"),
    KindEntry("household_head", "citizen", "联户长"),
    KindEntry("guardian", "citizen", "监护人 (of a patient with a severe mental disorder)"),
    KindEntry("sender", "person", "寄件人 or 其委托人"),
    KindEntry("people_mediator", "citizen", "人民调解员"),
    # added by the project: the staff a sanction names, so that it does not bind every citizen
    KindEntry(
        "staff_member",
        "citizen",
        "工作人员, 直接负责的主管人员和其他直接责任人员, 负有责任的领导干部",
    ),
)

PERSON_ROOT = "person"

ALL_LEVELS = ("province", "prefecture", "county", "township", "village")
GOVERNMENT_LEVELS = ALL_LEVELS[:4]
JUDICIAL_LEVELS = ALL_LEVELS[:3]

DECLARED_LEVELS: dict[str, tuple[str, ...]] = {
    "people_government": GOVERNMENT_LEVELS,  # a village has a committee, not a government
    "government_department": GOVERNMENT_LEVELS,  # with the township's 派出所, 司法所
    "court": JUDICIAL_LEVELS,  # 高级, 中级, 基层人民法院
    "procuratorate": JUDICIAL_LEVELS,
    "supervisory_commission": JUDICIAL_LEVELS,
    "people_congress_committee": JUDICIAL_LEVELS,  # a township's congress has no committee
    "pingan_coordinating_body": GOVERNMENT_LEVELS,  # down to 乡镇平安建设办公室
    "governance_center": ALL_LEVELS,  # 综治中心 at every level, down to the village
    "people_organization": GOVERNMENT_LEVELS,
    "grassroots_autonomous_organization": ("village",),  # 村民委员会, 居民委员会
}
"""The administrative levels a unit of a kind can have, where it has one; a kind below one
of these has its levels (a public-security organ, those of a government department). Other
kinds — a school, an enterprise, a person — have no administrative level."""

LEVELS: tuple[Term, ...] = (
    Term("province", "省、自治区 (省级)"),
    Term("prefecture", "设区的市、州、地区、盟"),
    Term("county", "县、县级市、市辖区、旗、旗县区"),
    Term("township", "乡、镇、街道、苏木"),
    Term("village", "村、社区、嘎查"),
)

TAGS: tuple[Term, ...] = (
    Term("member_unit", "平安建设成员单位"),
    Term("lead_unit", "牵头单位"),
    Term("crowded_place", "人员密集场所"),
    Term("key_site", "重点区域、重要场所"),
    Term("fire_high_risk", "火灾高风险 单位场所"),
    Term("new_business", "新业态 (共享单车, 网约车, 外卖, 电子商务, 网络直播…)"),
)

INCIDENT_KINDS: tuple[Term, ...] = (
    Term("criminal_case", "刑事案件"),
    Term("mass_incident", "群体性事件, 非法游行、聚众滋事"),
    Term("public_security_event", "公共安全事件"),
    Term("production_safety_accident", "生产安全事故"),
    Term("national_security_event", "危害国家安全事件"),
    Term("cybersecurity_event", "网络安全事件"),
    Term("terrorist_incident", "暴力恐怖事件"),
    Term("work_stoppage", "停工、停产、停课"),
    # added by the project: the other kinds a ground of the final Zhejiang law (art. 65) names
    Term("fire_accident", "火灾事故"),
    Term("road_traffic_accident", "道路交通事故"),
    Term("environmental_pollution_event", "生态环境污染事件"),
)

RISK_KINDS: tuple[Term, ...] = (  # added by the project: what the texts call 风险隐患
    Term("safety_hazard", "安全隐患 (消防、燃气、设施设备、建筑等)"),
    Term("campus_bullying", "可能导致校园欺凌行为的隐患"),
    Term("financial_risk", "金融风险"),
    Term("illegal_fundraising", "涉嫌非法集资 (资金异常流动)"),
    Term("fraud_information", "涉嫌电信网络诈骗等违法犯罪信息"),
    Term("prohibited_item", "违禁物品"),
    Term("suspicious_item", "可疑物品"),
    Term("dangerous_item", "存在重大安全隐患的物品 (运输、寄递中)"),
    Term("suspicious_person", "身份不符、形迹可疑人员"),
    Term("social_stability", "可能影响社会稳定的事项、不安定因素、矛盾纠纷"),
    Term("public_order", "社会治安问题、治安隐患"),
    Term("organized_crime", "涉黑涉恶违法犯罪线索"),
    Term("other", "其他风险隐患"),
)

SEVERITIES: tuple[Term, ...] = (
    Term("ordinary", "一般"),
    Term("larger", "较大"),
    Term("major", "重大"),
    Term("especially_major", "特别重大"),
)

MODALITIES: tuple[Term, ...] = (
    Term("must", "应当, 必须, 负责"),
    Term("must_not", "不得, 禁止, 不予"),
    Term("may", "可以, 有权"),
    Term("encouraged", "鼓励, 支持, 倡导, 引导"),
)

MEASURES: tuple[Term, ...] = (
    Term("interview", "约谈"),
    Term("public_notice", "通报, 通报批评, 书面通报"),
    Term("listed_supervision", "挂牌督办, 挂牌整治"),
    Term("rectification_order", "责令限期整改"),
    Term("one_vote_veto", "一票否决"),
    Term("honor_disqualification", "取消评选综合性荣誉称号资格, 不得授予综合性荣誉称号"),
    Term("no_commendation", "不得评优评先, 不得评为先进个人"),
    Term("no_promotion", "不得晋升职务职级"),
    Term("disciplinary_action", "处分, 政务处分, 依照公务员法处理"),
    Term("criminal_liability", "依法追究刑事责任"),
    Term("work_team", "派驻工作组"),
    Term("recommendation_letter", "监察建议, 司法建议, 检察建议, 公安提示(函), 行政复议建议书"),
    # added by the project: a measure the text leaves to other rules (依法予以处理), so that it is
    # not read as a named measure such as 处分
    Term("accountability", "依法予以处理, 按照有关规定予以处理, 责任追究按照有关规定执行"),
)

Level = Literal["province", "prefecture", "county", "township", "village"]

# the province-level divisions a region code starts with (lower-case pinyin)
PROVINCES: tuple[str, ...] = (
    "beijing",
    "tianjin",
    "hebei",
    "shanxi",
    "inner_mongolia",
    "liaoning",
    "jilin",
    "heilongjiang",
    "shanghai",
    "jiangsu",
    "zhejiang",
    "anhui",
    "fujian",
    "jiangxi",
    "shandong",
    "henan",
    "hubei",
    "hunan",
    "guangdong",
    "guangxi",
    "hainan",
    "chongqing",
    "sichuan",
    "guizhou",
    "yunnan",
    "tibet",
    "shaanxi",
    "gansu",
    "qinghai",
    "ningxia",
    "xinjiang",
    "hong_kong",
    "macao",
    "taiwan",
)


def require(code: str, codes: Collection[str], unknown: str, pointer: str = "") -> str:
    """``code`` if it is one of ``codes``; else ValueError saying ``unknown``, the close
    codes (did you mean) and ``pointer`` to the valid ones: the one message of a model's
    code fields."""
    if code in codes:
        return code
    from engine import suggest

    close = suggest(code, codes)
    also = f"; did you mean {', '.join(close)}?" if close else ""
    raise ValueError(f"{unknown}{also}{pointer}")


def check_region(code: str) -> str:
    """A region code must start with a province-level division; raises ValueError."""
    province = code.split("/", 1)[0]
    require(province, PROVINCES, f"{province!r} is not a province-level division")
    return code


KIND_CODES: frozenset[str] = frozenset(k.code for k in KINDS)
_PARENTS: dict[str, str | None] = {k.code: k.parent for k in KINDS}
LEVEL_CODES: tuple[str, ...] = tuple(t.code for t in LEVELS)
TAG_CODES: frozenset[str] = frozenset(t.code for t in TAGS)
INCIDENT_CODES: tuple[str, ...] = tuple(t.code for t in INCIDENT_KINDS)
RISK_CODES: tuple[str, ...] = tuple(t.code for t in RISK_KINDS)
SEVERITY_CODES: tuple[str, ...] = tuple(t.code for t in SEVERITIES)
MODALITY_CODES: tuple[str, ...] = tuple(t.code for t in MODALITIES)
MEASURE_CODES: frozenset[str] = frozenset(t.code for t in MEASURES)


@cache
def kind_tree() -> nx.DiGraph[str]:
    """The is-a tree as a directed graph, edges from parent to child."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    for entry in KINDS:
        graph.add_node(entry.code, zh=entry.zh)
        if entry.parent is not None:
            graph.add_edge(entry.parent, entry.code)
    return graph


@cache
def lineage(kind: str) -> frozenset[str]:
    """The kind itself and all its ancestors: every kind a unit of ``kind`` also is."""
    found = {kind}
    parent = _PARENTS[kind]
    while parent is not None:
        found.add(parent)
        parent = _PARENTS[parent]
    return frozenset(found)


@cache
def descendants(kind: str) -> frozenset[str]:
    """The kind itself and every kind below it."""
    return frozenset(k for k in KIND_CODES if kind in lineage(k))


def is_person(kind: str) -> bool:
    """Whether a unit of this kind is a natural person (and so carries no level or tags)."""
    return PERSON_ROOT in lineage(kind)


@cache
def levels_of(kind: str) -> tuple[str, ...]:
    """The levels a unit of ``kind`` can have: those declared for it or its nearest ancestor
    (`DECLARED_LEVELS`), and those of the kinds below it (an organization may be a people's
    government, so it may be at any level). None for a kind without administrative level."""
    found = set(_declared(kind))
    for below in descendants(kind):
        found.update(_declared(below))
    return tuple(level for level in ALL_LEVELS if level in found)


@cache
def levelled(kind: str) -> bool:
    """Whether every unit of ``kind`` has an administrative level: the kind and every kind
    below it have levels (a people's government does; an organization may not)."""
    return all(_declared(k) for k in descendants(kind))


def _declared(kind: str) -> tuple[str, ...]:
    for ancestor in _ancestors(kind):
        if ancestor in DECLARED_LEVELS:
            return DECLARED_LEVELS[ancestor]
    return ()


def _ancestors(kind: str) -> list[str]:
    """The kind, then its parent, up to the root."""
    chain: list[str] = []
    current: str | None = kind
    while current is not None:
        chain.append(current)
        current = _PARENTS[current]
    return chain
