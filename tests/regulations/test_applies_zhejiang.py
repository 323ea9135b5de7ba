"""Which articles of 浙江省平安建设条例(草案) bind typical units — each expected article
justified from the text (seeds/zhejiang-draft.txt). The final law: test_applies_zhejiang_final.py."""

import datetime as dt

import pytest

import regulations

AS_OF = dt.date(2026, 11, 22)

# Draft: "各级" = province, prefecture, county, township; "县级以上" = county and up.
# 12 ("平安建设实行领导责任制和目标管理责任制…") states a system with no subject: it binds the
# coordinating body its context (article 8) names, not every government, department or unit.
# 25's list "企业事业单位和其他组织" begins with non-state actors and does not reach state organs.
# 57's 约谈、通报 reach the unit (through its 相关负责人); its 情节严重 handling and 58's
# 责任追究 fall on "负有责任的领导人员和直接责任人员" — staff, not the unit.
SCHOOL_DRAFT = (
    6,  # "国家机关、社会团体、企业事业单位和其他组织应当落实平安建设主体责任" — every organization
    25,  # "企业事业单位和其他组织应当落实社会风险防控主体责任"
    27,  # sanction: "对存在突出问题并严重影响平安建设的地区、部门和单位,实行挂牌专项治理"
    36,  # "鼓励、支持当事人选择非诉讼方式"; "双方当事人可以…申请司法确认" — any party
    48,  # "企业事业单位、社会团体作出…重大决策,应当事先组织风险评估"
    55,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    57,  # sanction: "有关地区、部门和单位…未履行或者未正确履行平安建设责任…约谈、通报"
    # not 58: "其直接负责的主管人员和其他直接责任人员的责任追究" falls on staff, not the school
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
)
# not 38, 54: "省有关部门" binds provincial departments only
COUNTY_PSB_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
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
    25,  # "各级人民政府及有关部门应当建立和落实社会风险防控监管责任" (not "企业事业单位和其他组织")
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
)
# not 12: a system sentence, the coordinating body's; not 58: 责任追究 falls on staff
# not 18, 20, 33, 46, 54: "本省" → the provincial government; not 30: binds the 社会治理中心
COUNTY_GOV_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
    9,  # "县级以上人民政府应当将平安建设纳入国民经济和社会发展规划"
    13,  # "各级人民政府及有关部门应当建立和完善…社会风险防控工作体系"
    14,  # "各级人民政府及有关部门应当…组织开展社会风险隐患排查工作"
    15,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    16,  # "…各级人民政府及有关部门应当及时总结…经验教训"
    17,  # "各级人民政府及有关部门应当加强本辖区…的平安形势分析"
    22,  # "…政府监管要求" — the government the sentence names, at no level (interpretation)
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
    57,  # sanction: "有关地区…约谈、通报"
)
# not 56: "…给予表彰、奖励" names no government; the coordinating body gives them (8 (五))
# not 29, 31: "县(市、区)"; not 9 ¶1, 40 ¶2: 县级以上 only
TOWNSHIP_GOV_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
    8,  # "乡镇(街道)应当明确负责平安建设有关工作机构及其职责"
    9,  # "乡(镇)人民政府、街道办事处应当…组织开展平安建设宣传教育"
    13,  # "各级人民政府及有关部门应当建立和完善…社会风险防控工作体系"
    14,  # "各级人民政府及有关部门应当…完善社会风险监测预警措施"
    15,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    16,  # "…各级人民政府及有关部门应当及时总结…"
    17,  # "各级人民政府及有关部门应当…及时消除社会风险隐患"
    22,  # "…政府监管要求" — the government the sentence names, at no level (interpretation)
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
)
VILLAGERS_DRAFT = (
    6,  # "…企业事业单位和其他组织应当落实平安建设主体责任" — every organization
    25,  # "企业事业单位和其他组织应当落实社会风险防控主体责任"
    27,  # sanction: "地区、部门和单位,实行挂牌专项治理"
    33,  # "村(居)民委员会协助开展平安建设工作"; "鼓励村(居)民委员会…纳入村规民约"
    36,  # "双方当事人可以…申请司法确认" — any party
    55,  # "有关部门、单位应当…负责"
    57,  # sanction: "有关地区、部门和单位…约谈、通报"
)
CITIZEN_DRAFT = (
    7,  # "公民应当遵守法律和公序良俗"; "鼓励公民参与平安建设"
    36,  # "鼓励、支持当事人选择非诉讼方式"; "双方当事人可以…申请司法确认"
)
STAFF_DRAFT = (
    7,  # a staff member is a citizen: "公民应当遵守法律和公序良俗"
    36,  # "双方当事人可以…申请司法确认" — any person
    57,  # "情节严重的,由有权机关对负有责任的领导人员和直接责任人员…给予处理"
    58,  # "其直接负责的主管人员和其他直接责任人员的责任追究,按照国家和省有关规定执行"
)
COUNTY_COORDINATING_DRAFT = (
    6,  # "国家机关、社会团体、企业事业单位和其他组织应当落实平安建设主体责任" — every organization
    8,  # "省、设区的市、县(市、区)平安建设组织协调机构…负责组织协调、督促推进…"
    11,  # "平安建设组织协调机构及其办事机构…应当建立工作协调机制"
    12,  # "实行领导责任制和目标管理责任制…强化督导检查,落实责任追究" — its own system (8 (三)(五))
    13,  # "平安建设组织协调机构及其办事机构、各级人民政府…应当建立和完善…社会风险防控工作体系"
    14,  # "平安建设组织协调机构及其办事机构应当建立健全…社会风险监测预警体系"
    16,  # "平安建设组织协调机构及其办事机构…应当及时总结社会风险发生的原因"
    17,  # "建立健全平安形势分析机制…定期分析研判社会风险隐患"
    19,  # "平安建设组织协调机构及其办事机构、公安、国家安全等部门应当落实…"
    26,  # "平安建设组织协调机构及其办事机构…可以…明查暗访,督导检查"
    27,  # "建立健全重点区域和突出问题挂牌整治机制"; a target too: "地区、部门和单位"
    28,  # "平安建设组织协调机构及其办事机构应当健全…社会治理体系"
    36,  # "平安建设组织协调机构及其办事机构应当组织协调人民法院…"; "双方当事人" — any party
    40,  # "平安建设组织协调机构及其办事机构…应当…形成…数字平安系统"
    41,  # "平安建设组织协调机构及其办事机构…应当…推进跨场景重大应用建设"
    44,  # "平安建设组织协调机构及其办事机构以及公安…应当推动公共视频监控…"
    45,  # "平安建设组织协调机构及其办事机构…应当加强数据分析、研判"
    48,  # "平安建设组织协调机构及其办事机构应当加强对重大决策风险评估工作的管理和监督"
    55,  # "实施平安建设考核评价,可以委托第三方机构…"; "有关部门、单位应当…负责"
    56,  # "…给予表彰、奖励" — the coordinating body's 表彰奖励工作 (8 (五))
    57,  # "可以由平安建设组织协调机构及其办事机构…进行约谈、通报"; a unit itself
    # not 25: "企业事业单位和其他组织" does not reach the 平安建设 bodies of the state
)
COURT_DRAFT = (
    6,  # "国家机关…应当落实平安建设主体责任"
    21,  # "人民法院、人民检察院、公安、网信等部门应当加强社会治安重点地区…排查整治"
    27,  # sanction: "地区、部门和单位" — any unit
    34,  # "…人民法院、人民检察院应当建立健全社会矛盾纠纷多元预防调处化解机制"
    36,  # "人民法院应当及时对调解协议进行审查"; "双方当事人可以…申请司法确认"
    49,  # "…人民法院、人民检察院应当严格规范公正文明执法和司法"
    55,  # "有关部门、单位应当对平安建设考核涉及的信息和资料…负责"
    57,  # sanction: "有关地区、部门和单位…约谈、通报"
    # not 25: "企业事业单位和其他组织应当落实社会风险防控主体责任" — a state organ is not in that list
)
DRAFT_CASES = {
    "school": (("school", None), SCHOOL_DRAFT),
    "bank": (("financial_institution", None), BANK_DRAFT),
    "county-public-security": (("public_security", "county"), COUNTY_PSB_DRAFT),
    "county-government": (("people_government", "county"), COUNTY_GOV_DRAFT),
    "township-government": (("people_government", "township"), TOWNSHIP_GOV_DRAFT),
    "villagers-committee": (("villagers_committee", None), VILLAGERS_DRAFT),
    "citizen": (("citizen", None), CITIZEN_DRAFT),
    "staff-member": (("staff_member", None), STAFF_DRAFT),
    "county-coordinating-body": (("pingan_coordinating_body", "county"), COUNTY_COORDINATING_DRAFT),
    "court": (("court", None), COURT_DRAFT),
}


@pytest.mark.parametrize("profile", DRAFT_CASES, ids=list(DRAFT_CASES))
def test_draft_articles_binding(profile: str) -> None:
    (kind, level), expected = DRAFT_CASES[profile]
    answer = regulations.applies("zhejiang@draft", kind, level, as_of=AS_OF)
    assert answer.article_numbers == expected
    assert answer.complete is True


def test_draft_responsibility_for_persons_is_theirs_and_58_is_left_to_other_rules() -> None:
    """57: "情节严重的,由有权机关对负有责任的领导人员和直接责任人员依照《公务员法》…给予处理";
    58: "…直接责任人员的责任追究,按照国家和省有关规定执行" — the measure is not named."""
    staff = regulations.applies("zhejiang@draft", "staff_member", as_of=AS_OF)
    measures = {
        a.article: [r.measures for r in a.rules] for a in staff.articles if a.article in (57, 58)
    }
    assert measures == {
        57: [("disciplinary_action",)],
        58: [("accountability",), ("accountability",)],
    }
    unit = regulations.applies("zhejiang@draft", "government_department", "county", as_of=AS_OF)
    (art57,) = [a for a in unit.articles if a.article == 57]
    assert [r.measures for r in art57.rules if r.modality == "sanction"] == [
        ("interview", "public_notice")
    ]
    assert not any(r.escalations for r in art57.rules)
