"""Which articles of 浙江省平安建设条例 (草案 and the final law) bind typical units — each
expected article justified from the text (seeds/zhejiang-draft.txt; for the final law our
paraphrase of articles 1-5 and 12-18 and the news summary, zhejiang-final-summary.txt)."""

import datetime as dt

import pytest

import regulations

AS_OF = dt.date(2026, 11, 22)

# Draft: "各级" = province, prefecture, county, township; "县级以上" = county and up.
SCHOOL_DRAFT = (
    6,  # "国家机关、社会团体、企业事业单位和其他组织应当落实平安建设主体责任" — every organization
    25,  # "企业事业单位和其他组织应当落实社会风险防控主体责任"
    27,  # sanction: "对存在突出问题并严重影响平安建设的地区、部门和单位,实行挂牌专项治理"
    36,  # "鼓励、支持当事人选择非诉讼方式"; "双方当事人可以…申请司法确认" — any party
    48,  # "企业事业单位、社会团体作出…重大决策,应当事先组织风险评估"
    55,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    57,  # sanction: "有关地区、部门和单位…未履行或者未正确履行平安建设责任…约谈、通报"
    58,  # sanction: "有关地区、部门和单位受到挂牌督办后未在规定期内完成整改目标"
)
BANK_DRAFT = (
    6,  # "企业事业单位和其他组织应当落实平安建设主体责任"
    22,  # "强化和落实生产经营单位主体责任" — a bank is a 生产经营单位 (enterprise); a school is not
    25,  # "企业事业单位和其他组织应当落实社会风险防控主体责任"
    27,  # sanction: "地区、部门和单位,实行挂牌专项治理,限期整改"
    36,  # "双方当事人可以…申请司法确认" — any party
    48,  # "企业事业单位…作出…重大决策,应当事先组织风险评估"
    55,  # "有关部门、单位应当…负责,不得瞒报、漏报、拒报"
    57,  # sanction: "有关地区、部门和单位…约谈、通报"
    58,  # sanction: "有关地区、部门和单位受到挂牌督办后…"
)
# not 38, 54: "省有关部门" binds provincial departments only
COUNTY_PSB_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
    12,  # "实行领导责任制…谁主管谁负责" — no subject; read as governments and 有关部门 (interpretation)
    13,  # "各级人民政府及有关部门应当建立和完善…社会风险防控工作体系"
    14,  # "各级人民政府及有关部门应当…完善社会风险监测预警措施"
    15,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    16,  # "…各级人民政府及有关部门应当及时总结社会风险发生的原因"
    17,  # "各级人民政府及有关部门应当加强本辖区、本行业、本系统的平安形势分析"
    19,  # "…公安、国家安全等部门应当落实反间谍、反恐怖主义…"
    21,  # "人民法院、人民检察院、公安、网信等部门应当加强社会治安重点地区…排查整治"
    22,  # "管行业必须管安全…政府监管要求" — no subject; governments and 主管部门 (interpretation)
    23,  # "公安、交通运输、应急管理…等部门和机构,应当加强…风险防控体系建设"
    24,  # "网信、公安、文化等部门应当加强关键信息基础设施…保护工作"
    25,  # "其他组织应当…"; "各级人民政府及有关部门应当建立和落实社会风险防控监管责任"
    26,  # "…各级人民政府及有关部门可以…明查暗访,督导检查"
    27,  # sanction: "地区、部门和单位,实行挂牌专项治理"
    34,  # "各级人民政府及有关部门、人民法院、人民检察院应当建立健全社会矛盾纠纷多元预防调处化解机制"
    36,  # "双方当事人可以…申请司法确认" — any party
    37,  # "卫生健康部门应当会同公安、司法行政、教育、民政等部门" — co-actor
    39,  # "各级人民政府及有关部门可以…支持…社会组织"; "应当…建立健全平安建设志愿者…制度"
    40,  # "…各级人民政府及有关部门应当…综合集成平安建设各领域数据"
    41,  # "…各级人民政府及有关部门应当…推进跨场景重大应用建设"; "会同有关部门" (co-actor)
    44,  # "…以及公安、大数据发展管理等部门应当推动公共视频监控…协同建设"
    45,  # "…各级人民政府及有关部门应当加强数据分析、研判"
    47,  # "各级人民政府及有关部门应当全面落实预防性法律制度"
    48,  # "各级人民政府及有关部门…作出…重大决策,应当事先组织风险评估"
    49,  # "各级人民政府及有关部门、人民法院、人民检察院应当严格规范公正文明执法"
    50,  # "各级人民政府及有关部门应当推进“大综合一体化”行政执法改革"
    51,  # "各级人民政府及有关部门应当整合…公共法律服务资源"
    52,  # "各级人民政府及有关部门应当加强法治宣传教育工作"
    55,  # "有关部门、单位应当对平安建设考核涉及的信息和资料…负责"
    57,  # sanction: "有关地区、部门和单位…约谈、通报"
    58,  # sanction: "有关地区、部门和单位受到挂牌督办后…"
)
# not 18, 20, 33, 46, 54: "本省" → the provincial government; not 30: binds the 社会治理中心
COUNTY_GOV_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
    9,  # "县级以上人民政府应当将平安建设纳入国民经济和社会发展规划"
    12,  # "实行领导责任制…按照属地管理" — no subject; read as governments (interpretation)
    13,  # "各级人民政府及有关部门应当建立和完善…社会风险防控工作体系"
    14,  # "各级人民政府及有关部门应当…组织开展社会风险隐患排查工作"
    15,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    16,  # "…各级人民政府及有关部门应当及时总结…经验教训"
    17,  # "各级人民政府及有关部门应当加强本辖区…的平安形势分析"
    22,  # "…政府监管要求" — no subject; governments (interpretation)
    25,  # "各级人民政府及有关部门应当建立和落实社会风险防控监管责任"
    26,  # "…各级人民政府及有关部门可以…明查暗访"
    27,  # sanction: "地区、部门和单位" — 地区 read as its government
    29,  # "县(市、区)应当坚持和发展新时代“枫桥经验”" — place as subject
    31,  # "县(市、区)应当推动基层治理平台…发挥支撑作用"
    32,  # "县(市、区)应当发挥基层网格…的基础功能"
    34,  # "各级人民政府及有关部门…应当建立健全社会矛盾纠纷多元预防调处化解机制"
    36,  # "双方当事人可以…申请司法确认" — any party
    39,  # "各级人民政府及有关部门可以依法通过政府购买服务等方式"
    40,  # "县级以上人民政府应当建立健全平安建设数字化项目的管理机制"
    41,  # "…各级人民政府及有关部门应当…梳理平安建设业务需求"
    43,  # "县(市、区)人民政府和乡(镇)人民政府、街道办事处应当依托县级社会治理中心"
    45,  # "…各级人民政府及有关部门应当加强数据分析、研判"
    47,  # "各级人民政府及有关部门应当全面落实预防性法律制度"
    48,  # "各级人民政府…作出…重大决策,应当事先组织风险评估"
    49,  # "各级人民政府…应当严格规范公正文明执法和司法"
    50,  # "各级人民政府…应当推进“大综合一体化”行政执法改革"
    51,  # "各级人民政府…应当整合…公共法律服务资源"
    52,  # "各级人民政府…应当加强法治宣传教育工作"
    55,  # "有关部门、单位应当…负责,不得瞒报"
    56,  # "…给予表彰、奖励" — no subject; coordinating bodies and 县级以上 governments (interpretation)
    57,  # sanction: "有关地区…约谈、通报"
    58,  # sanction: "有关地区…受到挂牌督办后…"
)
# not 29, 31: "县(市、区)"; not 9 ¶1, 40 ¶2, 56: 县级以上 only
TOWNSHIP_GOV_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
    8,  # "乡镇(街道)应当明确负责平安建设有关工作机构及其职责"
    9,  # "乡(镇)人民政府、街道办事处应当…组织开展平安建设宣传教育"
    12,  # "实行领导责任制…按照属地管理" — no subject; governments (interpretation)
    13,  # "各级人民政府及有关部门应当建立和完善…社会风险防控工作体系"
    14,  # "各级人民政府及有关部门应当…完善社会风险监测预警措施"
    15,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    16,  # "…各级人民政府及有关部门应当及时总结…"
    17,  # "各级人民政府及有关部门应当…及时消除社会风险隐患"
    22,  # "…政府监管要求" — no subject; governments (interpretation)
    25,  # "各级人民政府及有关部门应当建立和落实社会风险防控监管责任"
    26,  # "…各级人民政府及有关部门可以…督导检查"
    27,  # sanction: "地区、部门和单位,实行挂牌专项治理"
    32,  # "乡镇(街道)应当加强基层网格员的日常管理"
    34,  # "各级人民政府…应当建立健全社会矛盾纠纷多元预防调处化解机制"
    36,  # "双方当事人可以…申请司法确认" — any party
    39,  # "各级人民政府及有关部门应当…建立健全平安建设志愿者培训…制度"
    40,  # "…各级人民政府及有关部门应当…形成…数字平安系统"
    41,  # "…各级人民政府及有关部门应当…推进跨场景重大应用建设"
    43,  # "…乡(镇)人民政府、街道办事处应当依托县级社会治理中心和基层治理平台"
    45,  # "…各级人民政府及有关部门应当加强数据分析、研判"
    47,  # "各级人民政府…应当全面落实预防性法律制度"
    48,  # "各级人民政府…作出…重大决策,应当事先组织风险评估"
    49,  # "各级人民政府…应当严格规范公正文明执法"
    50,  # "各级人民政府…应当…推动执法力量和权限下沉"
    51,  # "各级人民政府…应当整合…公共法律服务资源"
    52,  # "各级人民政府…应当加强法治宣传教育工作"
    53,  # "乡镇(街道)应当加强基层法治建设"
    55,  # "有关部门、单位应当…负责"
    57,  # sanction: "有关地区…约谈、通报"
    58,  # sanction: "有关地区…受到挂牌督办后…"
)
VILLAGERS_DRAFT = (
    6,  # "…企业事业单位和其他组织应当落实平安建设主体责任" — every organization
    25,  # "企业事业单位和其他组织应当落实社会风险防控主体责任"
    27,  # sanction: "地区、部门和单位,实行挂牌专项治理"
    33,  # "村(居)民委员会协助开展平安建设工作"; "鼓励村(居)民委员会…纳入村规民约"
    36,  # "双方当事人可以…申请司法确认" — any party
    55,  # "有关部门、单位应当…负责"
    57,  # sanction: "有关地区、部门和单位…约谈、通报"
    58,  # sanction: "有关地区、部门和单位受到挂牌督办后…"
)
CITIZEN_DRAFT = (
    7,  # "公民应当遵守法律和公序良俗"; "鼓励公民参与平安建设"
    36,  # "鼓励、支持当事人选择非诉讼方式"; "双方当事人可以…申请司法确认"
)
DRAFT_CASES = {
    "school": (("school", None), SCHOOL_DRAFT),
    "bank": (("financial_institution", None), BANK_DRAFT),
    "county-public-security": (("public_security", "county"), COUNTY_PSB_DRAFT),
    "county-government": (("people_government", "county"), COUNTY_GOV_DRAFT),
    "township-government": (("people_government", "township"), TOWNSHIP_GOV_DRAFT),
    "villagers-committee": (("villagers_committee", None), VILLAGERS_DRAFT),
    "citizen": (("citizen", None), CITIZEN_DRAFT),
}

# Final law, provisions without an article number, bound to every organization:
ORG = (
    "assessment_data_integrity",  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    "accountability_measures",  # "未履行或未正确履行平安建设职责…约谈、通报、挂牌督办等追责手段"
    "listed_supervision_no_commendation",  # "受到挂牌督办的地区、部门和单位的主要负责人…不得评优评先"
)
# The summary's topic-only entries (e.g. campus_safety "校园安全的专项治理") have no rules:
# what they require and of whom is unknown, so they bind nobody.
SCHOOL_FINAL = (
    5,  # "一切单位和个人都负有协助维护社会治安的义务"; "企业事业单位…应当履行平安建设责任"
    17,  # "企业、事业单位、村(居)民委员会和其他社会组织应当依法定期排查风险隐患"
    18,  # "…企业事业单位和社会团体作出…重大事项决策前,应当…开展社会风险评估"
)
BANK_FINAL = (
    5,  # "一切单位…协助维护社会治安"; "企业事业单位…应当履行平安建设责任"
    17,  # "企业…应当依法定期排查风险隐患"
    18,  # "企业事业单位…重大事项决策前,应当…开展社会风险评估"
)
# not 13: "平安建设成员单位应当…" binds member units (tag member_unit) only
COUNTY_PSB_FINAL = (
    5,  # "一切单位…"; "国家机关…应当履行平安建设责任"
    14,  # "…各级人民政府及其有关部门应当及时分析风险隐患产生的原因"
    16,  # "人民政府及其有关部门应当加强风险隐患治理"
    17,  # "…和其他社会组织" after 企业、事业单位: every organization (vocabulary convention)
    18,  # "人民政府及其有关部门…重大事项决策前,应当…开展社会风险评估"
)
COUNTY_PSB_FINAL_PROVISIONS = (
    *ORG,
    "property_service_support",  # "政府部门可通过提供补贴等方式,支持物业服务企业"
)
# not property_service_support: "政府部门" names departments, not the government itself
COUNTY_GOV_FINAL = (
    5,  # "国家机关…应当履行平安建设责任"
    14,  # "…各级人民政府及其有关部门应当及时分析…总结处置工作的经验教训"
    16,  # "人民政府及其有关部门应当…对发现的风险隐患依法及时处置"
    17,  # "…和其他社会组织": every organization (vocabulary convention)
    18,  # "人民政府及其有关部门…应当…开展社会风险评估"
)
TOWNSHIP_GOV_FINAL = (
    5,  # "国家机关…应当履行平安建设责任"
    14,  # "…各级人民政府及其有关部门应当及时分析…" — 各级 includes townships
    16,  # "人民政府及其有关部门应当加强风险隐患治理" — no level named
    17,  # "…和其他社会组织": every organization (vocabulary convention)
    18,  # "人民政府及其有关部门…应当…开展社会风险评估" — no level named
)
# not 18: "企业事业单位和社会团体" does not name a villagers' committee
VILLAGERS_FINAL = (
    5,  # "国家机关、人民团体、企业事业单位和村(居)民委员会应当履行平安建设责任"
    17,  # "…村(居)民委员会和其他社会组织应当依法定期排查风险隐患"
)
CITIZEN_FINAL = (
    5,  # "一切单位和个人都负有协助维护社会治安的义务,并有权举报"
)
FINAL_CASES = {
    "school": (("school", None), SCHOOL_FINAL, ORG),
    "bank": (("financial_institution", None), BANK_FINAL, ORG),
    "county-public-security": (
        ("public_security", "county"),
        COUNTY_PSB_FINAL,
        COUNTY_PSB_FINAL_PROVISIONS,
    ),
    "county-government": (("people_government", "county"), COUNTY_GOV_FINAL, ORG),
    "township-government": (("people_government", "township"), TOWNSHIP_GOV_FINAL, ORG),
    "villagers-committee": (("villagers_committee", None), VILLAGERS_FINAL, ORG),
    "citizen": (("citizen", None), CITIZEN_FINAL, ()),
}


@pytest.mark.parametrize("profile", DRAFT_CASES, ids=list(DRAFT_CASES))
def test_draft_articles_binding(profile: str) -> None:
    (kind, level), expected = DRAFT_CASES[profile]
    answer = regulations.applies("zhejiang@draft", kind, level, as_of=AS_OF)
    assert answer.article_numbers == expected
    assert answer.complete is True


@pytest.mark.parametrize("profile", FINAL_CASES, ids=list(FINAL_CASES))
def test_final_articles_and_provisions_binding(profile: str) -> None:
    (kind, level), expected, provisions = FINAL_CASES[profile]
    answer = regulations.applies("zhejiang", kind, level, as_of=AS_OF)
    assert answer.article_numbers == expected
    assert tuple(a.provision for a in answer.articles if a.article is None) == provisions
    assert answer.complete is False
