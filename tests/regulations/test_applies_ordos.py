"""Which articles of 鄂尔多斯市平安建设条例 bind typical units — each expected article justified from the text.

Readings shared by several profiles (spec/vocabulary.md, docs/encoding.md):
- 44/45 "单位" read as every organization;
- 7 "平安建设工作实行领导责任制。各单位主要负责人是平安建设第一责任人……" states a system; the
  persons it names (主要负责人, 分管负责人, 其他负责人) are staff_member, not the units;
- 36 "引导当事人选择非诉讼程序解决矛盾纠纷": 引导 addressed to the parties binds them as
  `encouraged` (当事人 = any organization or person);
- 37 "鼓励在…领域建立行业性、专业性调解组织" names no one to be encouraged: it binds nobody;
- 44 is a sanction whose targets are "旗区、部门和单位", 45 one whose targets are "有关部门和单位";
- none of these profiles carries the tag member_unit, so the 成员单位 duties of 8 and 11 bind
  none of them (the coordinating body is bound by its own duties there);
- the objects of a supervisor's duty are not bound (5 "协调和指导有关部门、单位", 21 "督促指导学校",
  12 "健全嘎查村(社区)法律顾问制度", 13 "进学校、进社区").
"""

import datetime as dt

import pytest

import regulations

AS_OF = dt.date(2026, 11, 22)

CASES = {
    "school": (
        ("school", None, ()),
        (
            # not 7: "各单位主要负责人是平安建设第一责任人" binds the persons named (staff_member)
            # not 37: "鼓励……建立行业性、专业性调解组织" names no one to be encouraged
            9,  # "企业事业单位……应当积极开展平安建设宣传教育"
            16,  # "企业事业单位……应当加强内部安全保卫工作"
            19,  # "学校、幼儿园……应当……定期组织应急演练"
            21,  # "学校应当建立完善校园欺凌发现和处置工作流程"; "学校、幼儿园应当加强法治教育"
            22,  # "企业事业单位……学校、家庭应当各负其责……依法做好未成年人保护工作"
            33,  # "企业事业单位……应当建立健全矛盾风险隐患排查……制度"
            35,  # "企业事业单位……应当严格落实守信激励和失信惩戒措施"
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged (当事人)
            44,  # sanction: "旗区、部门和单位有下列情形之一的……通报、约谈、挂牌督办"
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况" (+ sanction: 建议书、提示函)
        ),
    ),
    "bank": (
        ("financial_institution", None, ()),
        (
            9,  # "企业事业单位……应当积极开展平安建设宣传教育"
            16,  # "企业事业单位……应当加强内部安全保卫工作"
            22,  # "企业事业单位……应当各负其责……依法做好未成年人保护工作"
            25,  # "生产经营单位应当依法落实安全生产主体责任" — 生产经营单位 = enterprise
            28,  # "金融机构……应当加强电信网络诈骗风险监测"
            29,  # "金融机构、非银行支付机构应当对资金异常流动进行监管"
            33,  # "企业事业单位……应当建立健全矛盾风险隐患排查……制度"
            35,  # "企业事业单位……应当严格落实守信激励和失信惩戒措施"
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            44,  # sanction: "旗区、部门和单位有下列情形之一的"
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
        ),
    ),
    "county public security": (
        ("public_security", "county", ()),
        (
            9,  # "国家机关……应当积极开展平安建设宣传教育"
            13,  # "卫生健康部门应当会同公安机关……建立健全社会心理服务体系" — co-actor
            15,  # "平安建设组织协调机构和有关部门应当建立健全平安建设信息共享和管理机制"
            16,  # "公安机关依法指导、监督……内部治安保卫工作"; also "国家机关……应当加强内部安全保卫工作"
            20,  # "市、旗区人民政府司法行政、公安机关……应当加强对社区矫正对象……的服务与管理"
            21,  # "公安机关应当加强警校联动"; "会同公安机关……建立健全校园安全防范机制"
            22,  # "国家机关……应当各负其责……依法做好未成年人保护工作"
            23,  # "公安机关应当依法维护医疗机构治安秩序"
            24,  # "市场监督管理部门应当会同有关部门加强食品安全监督管理" — co-actor
            26,  # "市、旗区人民政府公安机关……应当依法加强对枪支弹药……的监督检查工作"
            27,  # "监察委员会、人民法院、人民检察院、公安机关应当加强常态化扫黑除恶工作"
            28,  # "市、旗区人民政府公安机关牵头负责反电信网络诈骗工作"
            29,  # "公安机关……等行业主管部门、监管部门应当……负责本行业、领域非法集资的防范"
            30,  # "公安机关、邮政管理、交通运输等相关部门应当加强对寄递物流企业……的监督检查"
            31,  # "市、旗区人民政府及其有关部门应当加强……新业态、新经济的安全监管"
            32,  # "市、旗区人民政府及其有关部门应当建立健全矛盾风险源头预防……机制"
            33,  # "国家机关……应当建立健全矛盾风险隐患排查……制度"
            34,  # "市、旗区人民政府及其有关部门在作出重大行政决策时,应当遵守……法定程序"
            35,  # "国家机关……应当严格落实守信激励和失信惩戒措施"
            36,  # "人民法院、人民检察院、公安机关……应当依法健全诉讼与非诉讼衔接机制"
            39,  # "国家机关应当落实普法责任制"
            40,  # "市、旗区人民政府及其有关部门……应当严格规范公正文明执法和司法"
            # not 41: "人民法院应当与人民检察院、公安机关……建立执行联动机制" — the police are the court's partner, not bound
            44,  # sanction: "旗区、部门和单位" — a 部门
            45,  # "公安机关发现……应当依法提出……公安提示函"; also a target ("有关部门和单位")
        ),
    ),
    "county government": (
        ("people_government", "county", ()),
        (
            6,  # "市、旗区人民政府应当将平安建设工作纳入国民经济和社会发展规划"
            9,  # "国家机关……应当积极开展平安建设宣传教育"
            14,  # "旗区人民政府应当建立健全基层网格化服务管理机制"
            15,  # "市、旗区人民政府应当推进公共安全视频监控系统建设"
            16,  # "国家机关……应当加强内部安全保卫工作"
            22,  # "国家机关……应当各负其责……依法做好未成年人保护工作"
            25,  # "市、旗区人民政府应当加强对安全生产工作的领导"
            28,  # "市、旗区人民政府应当建立健全打击治理电信网络诈骗工作协调机制"
            29,  # "市、旗区人民政府应当建立健全政府统一领导的防范和处置非法集资工作机制"
            31,  # "市、旗区人民政府及其有关部门应当加强……安全监管"
            32,  # "市、旗区人民政府及其有关部门应当建立健全矛盾风险源头预防……机制"
            33,  # "国家机关……应当建立健全矛盾风险隐患排查……制度"
            34,  # "市、旗区人民政府及其有关部门在作出重大行政决策时,应当遵守……法定程序"
            35,  # "国家机关……应当严格落实守信激励和失信惩戒措施"
            36,  # "市、旗区人民政府及其有关部门……应当做好矛盾纠纷即知即调"
            39,  # "国家机关应当落实普法责任制"
            40,  # "市、旗区人民政府及其有关部门……应当严格规范公正文明执法和司法"
            44,  # sanction: "旗区、部门和单位有下列情形之一的" — 旗区 = its government
            45,  # "行政复议机关……应当依法提出行政复议建议书" — 旗区人民政府 is a review organ
            # not 18: "本市推进政治安全体系" is the city's task (prefecture government)
        ),
    ),
    "township government": (
        ("people_government", "township", ()),
        (
            6,  # "苏木乡镇人民政府、街道办事处具体负责本辖区平安建设有关工作"
            9,  # "国家机关……应当积极开展平安建设宣传教育"
            16,  # "国家机关……应当加强内部安全保卫工作"
            22,  # "国家机关……应当各负其责……依法做好未成年人保护工作"
            32,  # "苏木乡镇人民政府、街道办事处做好本辖区矛盾风险排查、监测、预警、处置等工作"
            33,  # "国家机关……应当建立健全矛盾风险隐患排查……制度"
            35,  # "国家机关……应当严格落实守信激励和失信惩戒措施"
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            39,  # "国家机关应当落实普法责任制"
            44,  # sanction: "旗区、部门和单位" — a township government is a 单位
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
            # not 17: the township 社会治安综合治理中心 is bound, not the government
        ),
    ),
    "villagers committee": (
        ("villagers_committee", None, ()),
        (
            9,  # "基层群众性自治组织应当积极开展平安建设宣传教育"
            16,  # "基层群众性自治组织应当加强内部安全保卫工作"
            22,  # "基层群众性自治组织……应当各负其责……依法做好未成年人保护工作"
            32,  # "嘎查村(居)民委员会应当建立健全人民调解委员会"
            33,  # "基层群众性自治组织应当建立健全矛盾风险隐患排查……制度"
            35,  # "基层群众性自治组织应当严格落实守信激励和失信惩戒措施"
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            44,  # sanction: "旗区、部门和单位有下列情形之一的"
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
            # not 39: "国家机关应当落实普法责任制" — a villagers' committee is not a state organ
        ),
    ),
    "citizen": (
        ("citizen", None, ()),
        (
            # not 12: "鼓励法学专家、律师、公证员、人民调解员等法律工作者" — legal workers, not every citizen
            22,  # "学校、家庭应当各负其责……依法做好未成年人保护工作" — 家庭 read as its members
            23,  # "引导医患双方依法解决医疗纠纷" — encouraged; 患方 are citizens
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            39,  # "公民应当遵守法律、法规,尊重社会公德,自觉维护社会治安秩序"
            # not 47: "对直接负责的主管人员和其他直接责任人员依法给予处分" targets staff (staff_member)
            # not 30: "寄件人或者其委托人" is the kind sender, not a citizen
            # not 14: "网格员" binds grid workers (a kind of citizen), not every citizen
            # not 7: "各单位主要负责人是平安建设第一责任人" — leaders (staff_member), not every citizen
        ),
    ),
    "staff member": (
        ("staff_member", None, ()),
        (
            7,  # "各单位主要负责人是平安建设第一责任人,分管负责人是直接责任人,其他负责人承担……责任"
            22,  # a staff member is a citizen: "家庭应当各负其责" (read as its members)
            23,  # "引导医患双方依法解决医疗纠纷" — encouraged
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            39,  # "公民应当遵守法律、法规"
            47,  # sanction: "对直接负责的主管人员和其他直接责任人员依法给予处分"
        ),
    ),
    "county coordinating body": (
        ("pingan_coordinating_body", "county", ()),
        (
            5,  # "市、旗区平安建设组织协调机构负责统筹推进本行政区域内的平安建设工作"
            8,  # "平安建设组织协调机构应当根据工作需要,制定平安建设年度工作目标"
            10,  # "市、旗区平安建设组织协调机构应当建立健全基层平安创建工作机制"
            11,  # "平安建设组织协调机构以及成员单位应当开展平安文化建设"
            15,  # "平安建设组织协调机构和有关部门应当建立健全平安建设信息共享和管理机制"
            32,  # "市、旗区平安建设组织协调机构应当建立健全矛盾风险防范工作体系"
            36,  # "市、旗区平安建设组织协调机构应当健全矛盾纠纷多元化解综合协调工作体系"
            41,  # "市、旗区平安建设组织协调机构应当健全……执行难综合治理工作格局"
            42,  # "市、旗区平安建设组织协调机构应当建立健全平安建设考核评价机制"
            43,  # "……给予表彰、奖励" — no subject; art. 5(四) gives 表彰奖励 to this body
            44,  # "市、旗区平安建设组织协调机构应当……进行督导"; also a target ("单位")
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
            # not 9, 16, 33, 35: their lists (国家机关、人民团体、企业事业单位、社会组织和基层群众性
            # 自治组织) do not name the coordinating body, and close with no catch-all
        ),
    ),
    "key-site operator": (
        ("venue_operator", None, ("key_site",)),
        (
            19,  # "……车站、加油站……等重点区域、重要场所的管理或者运营单位,应当……定期组织应急演练"
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            44,  # sanction: "旗区、部门和单位有下列情形之一的"
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
        ),
    ),
    "logistics company": (
        ("logistics_delivery", None, ()),
        (
            9,  # "企业事业单位……应当积极开展平安建设宣传教育"
            16,  # "企业事业单位……应当加强内部安全保卫工作"
            22,  # "企业事业单位……应当各负其责……依法做好未成年人保护工作"
            25,  # "生产经营单位应当依法落实安全生产主体责任"
            30,  # "寄递物流企业应当建立安全管理制度……"; "寄递物流企业不得收寄" (when the sender refuses)
            31,  # "网约车、外卖餐饮、物流快递等相关互联网平台、企业应当加强对驾驶员、配送员的安全教育"
            33,  # "企业事业单位……应当建立健全矛盾风险隐患排查……制度"
            35,  # "企业事业单位……应当严格落实守信激励和失信惩戒措施"
            36,  # "引导当事人选择非诉讼程序解决矛盾纠纷" — encouraged
            44,  # sanction: "旗区、部门和单位"
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
        ),
    ),
    "county justice bureau": (
        ("justice_administration", "county", ()),
        (
            9,  # "国家机关……应当积极开展平安建设宣传教育"
            12,  # "市、旗区人民政府司法行政部门应当完善公共法律服务体系"
            13,  # "卫生健康部门应当会同公安机关、司法行政……建立健全社会心理服务体系" — co-actor
            15,  # "平安建设组织协调机构和有关部门应当建立健全……信息共享和管理机制"
            16,  # "国家机关……应当加强内部安全保卫工作"
            20,  # "市、旗区人民政府司法行政、公安机关……应当加强对社区矫正对象……的服务与管理"
            21,  # "教育体育部门应当会同有关部门依法建立校园欺凌防控制度" — co-actor
            22,  # "国家机关……应当各负其责……依法做好未成年人保护工作"
            24,  # "市场监督管理部门应当会同有关部门加强食品安全监督管理" — co-actor
            28,  # "公安机关……会同有关部门建立健全信息共享……等机制" — co-actor
            29,  # "……牵头部门……会同有关部门开展非法集资监测预警……" — co-actor
            31,  # "市、旗区人民政府及其有关部门应当加强……安全监管"
            32,  # "市、旗区人民政府及其有关部门应当建立健全矛盾风险源头预防……机制"
            33,  # "国家机关……应当建立健全矛盾风险隐患排查……制度"
            34,  # "市、旗区人民政府及其有关部门在作出重大行政决策时……"
            35,  # "国家机关……应当严格落实守信激励和失信惩戒措施"
            36,  # "人民法院、人民检察院、公安机关、司法行政部门……应当依法健全诉讼与非诉讼衔接机制"
            37,  # "市、旗区人民政府司法行政部门应当加强对人民调解委员会的指导"
            39,  # "国家机关应当落实普法责任制"
            40,  # "市、旗区人民政府及其有关部门……应当严格规范公正文明执法和司法"
            44,  # sanction: "旗区、部门和单位" — a 部门
            45,  # "有关部门和单位应当及时研究处理并反馈处理情况"
        ),
    ),
}


@pytest.mark.parametrize("profile", CASES, ids=list(CASES))
def test_articles_binding(profile: str) -> None:
    (kind, level, tags), expected = CASES[profile]
    answer = regulations.applies("ordos", kind, level, tags, as_of=AS_OF)
    assert answer.article_numbers == expected


def test_staff_sanctions_bind_staff_not_every_citizen() -> None:
    # Ordos 47, Hohhot 61, Xinjiang 56: 对直接负责的主管人员和其他直接责任人员 / 工作人员 依法给予处分
    for ref, article in (("ordos", 47), ("hohhot", 61), ("xinjiang", 56)):
        staff = regulations.applies(ref, "staff_member", as_of=AS_OF).article_numbers
        citizen = regulations.applies(ref, "citizen", as_of=AS_OF).article_numbers
        assert article in staff and article not in citizen
        assert set(citizen) <= set(staff)  # a staff member is still a citizen


def rule_ids(ref: str, kind: str, level: str | None = None, tags: tuple[str, ...] = ()) -> set[str]:
    answer = regulations.applies(ref, kind, level, tags, as_of=AS_OF)
    return {r.id for a in answer.articles for r in a.rules}


def test_readings_corrected_after_review() -> None:
    # Ordos 31: "网约车、外卖餐饮、物流快递等相关互联网平台、企业应当加强对驾驶员、配送员的安全教育"
    assert "ordos.31.3" in rule_ids("ordos", "internet_platform")
    # Ordos 12: the encouragement is to legal workers (人民调解员 among them), not every citizen
    assert "ordos.12.2" in rule_ids("ordos", "people_mediator")
    assert "ordos.12.2" not in rule_ids("ordos", "citizen")
    # Hohhot 32, 35, 56: "市、旗县区人民政府及相关部门应当…" — departments at those levels only
    for rule in ("hohhot.32.1", "hohhot.35.1", "hohhot.56.1"):
        assert rule in rule_ids("hohhot", "government_department", "county")
        assert rule not in rule_ids("hohhot", "government_department", "township")
    # Xinjiang 18, 37: bodies one must 配合 (assist) are not bound by that duty
    view = regulations.articles("xinjiang")
    for article in view.articles:
        if article.article in (18, 37):
            assert all(r.role != "co_actor" or "配合" not in r.summary for r in article.rules)


def rules_of(article: int) -> tuple[regulations.RuleView, ...]:
    (found,) = (a for a in regulations.articles("ordos").articles if a.article == article)
    return found.rules


def test_a_deadline_belongs_to_its_clause() -> None:
    # 19 "配备安防人员和设施设备,制定突发事件应急预案,定期组织应急演练": only the drill recurs
    drill, plan = rules_of(19)
    assert drill.summary == "定期组织应急演练" and drill.due is not None
    assert "制定突发事件应急预案" in plan.summary and plan.due is None and plan.who == drill.who
    # 28 "及时向客户作出风险提示,按照规定采取阻断措施并……报告": 及时 is the warning's only
    prompt = [rule for rule in rules_of(28) if rule.due and "immediately" in rule.due]
    assert [rule.summary for rule in prompt] == [
        "发现涉嫌违法犯罪信息的,应当及时向客户作出风险提示"
    ]


def test_every_condition_of_a_ground_is_kept() -> None:
    # 44(五) "对公众反映强烈的……问题等没有及时采取有效措施或者出现反弹的"
    fifth = [rule for rule in rules_of(44) if rule.summary.startswith("(五)")]
    assert len(fifth) == 2
    for rule in fifth:
        assert rule.condition is not None
        assert "strong_public_concern" in rule.condition and "problem_rebound" in rule.condition
    # 30 "拒绝接受验视或者安全检查的,寄递物流企业不得收寄"
    (refusal,) = [rule for rule in rules_of(30) if rule.modality == "must_not"]
    assert refusal.condition == "param check_refused"


def test_serious_circumstances_lead_to_an_open_measure() -> None:
    # 44 "情节严重的,按照有关规定予以处理": the measure is not named, so it is not 处分
    escalated = {m for rule in rules_of(44) for _, measures in rule.escalations for m in measures}
    assert escalated == {"accountability"}
