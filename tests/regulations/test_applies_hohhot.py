"""Which articles of 呼和浩特市市域社会治理促进条例 bind typical units — each expected article justified from the text.

Readings shared by several profiles (vocabulary conventions, spec/vocabulary.md):
- 11 closes its subject list with 其他社会组织, which binds every organization; 62's list
  (人民团体、企业事业单位、其他社会组织和个人) does not name 国家机关 — 61 deals with them — so its
  measures target organizations other than state organs, and persons.
- 42 (当事人) has no named addressee: 当事人 is read as any unit or person (an interpretation).
- 57 "社会治理工作实行目标管理责任制" states a system and names no bearer: it binds only the
  leading group that supervises and assesses the system (5, 58), not every unit; the units
  under 目标责任制 supervision are reached by 58's measures.
- Subjectless tasks (13–16, 17 first sentence, 40, 49 first sentence, 53) name no body and no
  level: they bind the people's government at any level. 52 says 本市: the city's government.
- 58 targets "下级人民政府、同级有关部门和单位"; its "其单位主管人员和直接责任人员不得评为先进个人"
  falls on persons (staff_member). 59 targets "存在社会治理隐患的单位" (any unit); its
  "社会治理工作应当接受…监督" has no bearer and binds nobody.
- 30's second sentence (精神障碍患者的服务管理) names no bearer and binds nobody; the departments
  of the first sentence are bound by that sentence only.
- 23's second sentence (大型群众性活动主办者、承办者、场所管理者依法负责活动的安全) names roles in an
  event, which any organization may hold — a school hosting a concert, a firm or a township
  holding a fair: every organization lists 23, with its condition (it holds, undertakes or
  hosts an event), as applies lists every duty that arises on an event; whether the unit
  holds the role is for evaluate. Persons are not bound.
"""

import datetime as dt

import pytest

import regulations
from regulations import vocabulary as v

AS_OF = dt.date(2026, 11, 22)

CASES = {
    "school": (
        ("school", None),
        (
            11,  # "国家机关、人民团体、企业事业单位和其他社会组织应当开展…宣传教育工作"
            17,  # "任何组织和个人不得利用网络从事危害国家安全…"
            22,  # "学校、医院、场馆…等区域的管理单位或者运营单位应当…每年至少组织一次应急演练"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            42,  # "鼓励、引导当事人选择非诉讼途径解决矛盾纠纷" — a school may be a party
            # not 57: "社会治理工作实行目标管理责任制" states a system; it binds the leading group
            58,  # sanction: "同级有关部门和单位"; "经考核不合格的单位不得授予综合性荣誉称号"
            59,  # sanction: "对存在社会治理隐患的单位应当及时提出…司法建议、检察建议"
            62,  # sanction: "企业事业单位…未依法履行社会治理职责…应当责令限期整改"
        ),
    ),
    "bank": (
        ("financial_institution", None),
        (
            11,  # "企业事业单位和其他社会组织应当开展与社会治理相关的宣传教育工作"
            17,  # "任何组织和个人不得…不得制造、散布、传播谣言"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            26,  # "金融机构、地方金融组织应当加强对资金异常流动情况…的监测"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            58,  # sanction: "同级有关部门和单位" under 目标责任制 supervision
            59,  # sanction: "存在社会治理隐患的单位" → 监察建议、司法建议、检察建议
            62,  # sanction: "企业事业单位…责令限期整改并可以通报批评"
        ),
    ),
    "county_public_security": (
        ("public_security", "county"),
        (
            11,  # "国家机关…应当开展与社会治理相关的宣传教育工作"
            12,  # "由有关部门按照规定给予表彰和奖励"
            17,  # "任何组织和个人不得…"; "公安机关、网信、通信管理等部门应当加强网络安全管理"
            21,  # "各级人民政府及相关部门应当完善立体化社会治安防控体系"
            23,  # "公安机关应当依法开展大型群众性活动的安全管理"
            24,  # "公安机关应当会同相关部门加强对…流动人口管理工作"
            25,  # "公安机关应当依法惩处电信网络诈骗等违法行为"
            27,  # "市、旗县区人民政府交通运输…公安机关等部门…做好物流寄递行业的监督管理工作"
            28,  # "公安机关应当依法维护医疗机构治安秩序"
            29,  # "人民法院、人民检察院、公安机关应当依法防范、惩处黑恶势力犯罪"
            30,  # "司法行政、公安机关、民政…等部门会同乡镇人民政府…帮助教育"
            31,  # "各级人民政府及相关部门应当落实公共安全属地责任、部门责任"
            32,  # "市、旗县区人民政府及相关部门应当建立市域重大危险源辨识、申报、监管制度"
            34,  # "各级人民政府及相关部门应当推进城市市政基础设施普查"
            35,  # "市、旗县区人民政府及相关部门应当实行消防安全责任制"
            36,  # "各级人民政府及相关部门应当建立风险沟通机制"
            # not 37: "会同相关部门确定年度购置计划" is the city's plan, made with the city's
            # 发展和改革、卫生健康、商务、农牧等相关部门
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以…进行行政调解"; "相关部门应当根据需要成立行政调解委员会"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现…应当依法及时处理"; "涉及两个以上部门的应当协商处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            49,  # "相关职能部门依法将部分职能下派网格"
            55,  # "各级人民政府及相关部门应当加强社会工作人才队伍和社会服务机构建设"
            56,  # "市、旗县区人民政府及相关部门应当将物业管理纳入社区治理体系"
            58,  # sanction: "同级有关部门和单位" → 通报、约谈、挂牌督办 (one of them), 责令限期整改
            59,  # sanction: "存在社会治理隐患的单位" (not "社会治理工作应当接受…监督": no bearer)
            62,  # "有关主管部门应当责令限期整改并可以通报批评" — the police as the competent department
        ),
    ),
    "county_government": (
        ("people_government", "county"),
        (
            5,  # "市、旗县区、乡镇街道应当成立平安建设社会治理领导小组"; "各级人民政府负责落实"
            6,  # "市、旗县区设立社会治安综合治理中心"
            7,  # "市、旗县区人民政府应当将社会治理纳入本级国民经济和社会发展规划"
            10,  # "市、旗县区人民政府应当推动企业事业单位开展平安创建活动"
            11,  # "国家机关…应当开展与社会治理相关的宣传教育工作"
            13,  # "落实意识形态工作责任制…" — no subject, no level: any people's government
            14,  # "…全面深入持久开展民族团结进步创建工作" — no subject, no level
            15,  # "依法管理宗教事务…" — no subject, no level
            16,  # "加强国家安全人民防线建设…" — no subject, no level
            17,  # "加强国家网络空间主权…的维护" (no subject, no level); "任何组织和个人不得…"
            21,  # "各级人民政府及相关部门应当完善立体化社会治安防控体系"
            22,  # "各级人民政府应当对本行政区域内人员密集场所进行风险评估和等级划分"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            26,  # "市、旗县区人民政府应当建立健全金融风险防范和处置工作机制"
            31,  # "各级人民政府及相关部门应当落实公共安全属地责任"
            32,  # "市、旗县区人民政府及相关部门应当建立市域重大危险源辨识…制度"
            33,  # "各级人民政府应当加强疾病预防控制、医疗救治…体系建设"
            34,  # "各级人民政府及相关部门应当推进城市市政基础设施普查"
            35,  # "市、旗县区人民政府及相关部门应当实行消防安全责任制"
            36,  # "各级人民政府及相关部门应当建立风险沟通机制"
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以根据当事人的申请依法进行行政调解"; "共同制定行政调解事项清单"
            40,  # "加强矛盾易发多发领域行业性、专业性调解委员会建设" — no subject, no level
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现可能影响社会稳定的事项…应当依法及时处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            46,  # "市、旗县区人民政府应当依法赋予乡镇人民政府、街道办事处综合管理权…"
            48,  # "构建市、旗县区、乡镇街道、村社区四级网格管理架构" — subjectless, each level's government
            49,  # "建立网格职能准入制度" — no subject, no level
            53,  # "倡导推动德治教化…开展创建全国文明城市…" — no subject, no level
            55,  # "各级人民政府及相关部门应当加强社会工作人才队伍…建设"
            56,  # "市、旗县区人民政府及相关部门应当将物业管理纳入社区治理体系"
            58,  # sanction: "下级人民政府" (a 旗县区 government under the city's leading group)
            59,  # sanction: "存在社会治理隐患的单位"
            # not 52: "本市建立…法治宣传教育制度" — 本市 is the city's government
            # not 62: its list (人民团体、企业事业单位、其他社会组织和个人) leaves state organs to 61
        ),
    ),
    "township_government": (
        ("people_government", "township"),
        (
            5,  # "乡镇街道应当成立平安建设社会治理领导小组"; "各级人民政府负责落实"
            11,  # "国家机关…应当开展与社会治理相关的宣传教育工作"
            13,  # "落实意识形态工作责任制…" — no subject, no level
            14,  # "…开展民族团结进步创建工作" — no subject, no level
            15,  # "依法管理宗教事务…" — no subject, no level
            16,  # "加强国家安全人民防线建设…" — no subject, no level
            17,  # "加强国家网络空间主权…的维护" (no subject, no level); "任何组织和个人不得…"
            21,  # "各级人民政府及相关部门应当完善立体化社会治安防控体系"
            22,  # "各级人民政府应当对本行政区域内人员密集场所进行风险评估"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            30,  # "…等部门会同乡镇人民政府、街道办事处…帮助教育" — as co-actor
            31,  # "各级人民政府及相关部门应当落实公共安全属地责任"
            32,  # "乡镇人民政府、街道办事处应当对易引发突发事件的风险隐患组织排查"
            33,  # "各级人民政府应当加强疾病预防控制…体系建设"
            34,  # "各级人民政府及相关部门应当推进城市市政基础设施普查"
            35,  # "乡镇人民政府、街道办事处应当建立消防安全组织"
            36,  # "各级人民政府及相关部门应当建立风险沟通机制"
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以…依法进行行政调解"; "共同制定行政调解事项清单"
            40,  # "加强…调解委员会建设" — no subject, no level
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现…应当依法及时处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            46,  # "乡镇人民政府、街道办事处应当统筹辖区资源"; "指导村居民委员会工作"
            48,  # "构建市、旗县区、乡镇街道、村社区四级网格管理架构" — each level's government
            49,  # "建立网格职能准入制度" — no subject, no level
            50,  # "乡镇人民政府、街道办事处应当建立网格员管理工作机制"
            53,  # "倡导推动德治教化…" — no subject, no level
            55,  # "乡镇人民政府、街道办事处应当鼓励和支持社会组织在村社区开展服务"
            58,  # sanction: "下级人民政府"
            59,  # sanction: "存在社会治理隐患的单位"
            # not 62: its list (人民团体、企业事业单位、其他社会组织和个人) leaves state organs to 61
        ),
    ),
    "villagers_committee": (
        ("villagers_committee", None),
        (
            11,  # "…企业事业单位和其他社会组织应当开展…宣传教育工作" — catch-all
            17,  # "任何组织和个人不得利用网络…"
            20,  # "引导基层组织和社会公众开展治安防范工作" — 基层组织 encouraged
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            47,  # "村居民委员会应当承担调解民间纠纷、协助维护社会治安…等社会治理任务"
            58,  # sanction: "同级有关部门和单位"
            59,  # sanction: "存在社会治理隐患的单位"
            62,  # sanction: "其他社会组织…未依法履行社会治理职责" — 其他社会组织 catch-all
        ),
    ),
    "citizen": (
        ("citizen", None),
        (
            17,  # "任何组织和个人不得…不得制造、散布、传播谣言"
            20,  # "引导基层组织和社会公众开展治安防范工作"
            28,  # "引导医患双方依法解决医疗纠纷" — the patient side
            42,  # "鼓励、引导当事人选择非诉讼途径解决矛盾纠纷"
            43,  # "引导公众依法依规合理表达利益诉求"
            47,  # "村居民应当配合做好疫情防控、防灾减灾、应急管理等社会治理工作"
            54,  # "鼓励各类志愿服务组织和志愿者参与社会治理"; "鼓励共产党员…参加村社区志愿服务"
            # not 61: "对直接负责的主管人员和其他直接责任人员依法给予处分" targets staff (staff_member)
            62,  # sanction: "人民团体、企业事业单位、其他社会组织和个人…责令限期整改"
        ),
    ),
    "staff_member": (
        ("staff_member", None),
        (
            17,  # "任何组织和个人不得…" — a staff member is a person, and a citizen
            20,  # "引导…社会公众开展治安防范工作"
            28,  # "引导医患双方依法解决医疗纠纷"
            42,  # "鼓励、引导当事人选择非诉讼途径"
            43,  # "引导公众依法依规合理表达利益诉求"
            47,  # "村居民应当配合做好疫情防控…"
            54,  # "鼓励…志愿者参与社会治理"
            58,  # sanction: "其单位主管人员和直接责任人员不得评为先进个人" — on persons
            61,  # sanction: "对直接负责的主管人员和其他直接责任人员依法给予处分"
            62,  # sanction: "…和个人…未依法履行社会治理职责…责令限期整改"
        ),
    ),
    "city_health_department": (
        ("health", "prefecture"),
        (
            11,  # "国家机关…应当开展与社会治理相关的宣传教育工作"
            12,  # "由有关部门按照规定给予表彰和奖励"
            17,  # "任何组织和个人不得利用网络…"
            21,  # "各级人民政府及相关部门应当完善立体化社会治安防控体系"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            24,  # "公安机关应当会同相关部门…" — as co-actor
            28,  # "卫生健康主管部门、医疗机构应当建立健全医疗纠纷预防和处置制度"
            29,  # "行业主管部门应当对行业领域内有组织犯罪情况进行监测分析"
            31,  # "各级人民政府及相关部门应当落实公共安全属地责任…定期组织演练"
            32,  # "市、旗县区人民政府及相关部门应当建立市域重大危险源辨识…制度"
            34,  # "各级人民政府及相关部门应当推进城市市政基础设施普查"
            35,  # "市、旗县区人民政府及相关部门应当实行消防安全责任制"
            36,  # "各级人民政府及相关部门应当建立风险沟通机制"
            37,  # "会同相关部门确定年度购置计划"; "发展和改革、卫生健康…按照各自职责负责储备…"
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以…进行行政调解"; "相关部门应当根据需要成立行政调解委员会"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现…"; "涉及两个以上部门的应当协商处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            49,  # "相关职能部门依法将部分职能下派网格"
            55,  # "各级人民政府及相关部门应当加强社会工作人才队伍…建设"
            56,  # "市、旗县区人民政府及相关部门应当将物业管理纳入社区治理体系"
            58,  # sanction: "同级有关部门和单位"
            59,  # sanction: "存在社会治理隐患的单位"
            62,  # "有关主管部门应当责令限期整改并可以通报批评"
            # not 30: "加强对易肇事肇祸精神障碍患者的服务管理" names no bearer; 卫生健康 is not in 30
        ),
    ),
    "government_without_level": (
        ("people_government", None),
        (
            11,  # "国家机关…应当开展与社会治理相关的宣传教育工作"
            13,  # "落实意识形态工作责任制…" — no level given, none read in
            14,  # "…开展民族团结进步创建工作"
            15,  # "依法管理宗教事务…"
            16,  # "加强国家安全人民防线建设…"
            17,  # "加强国家网络空间主权…的维护"; "任何组织和个人不得…"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            39,  # "行政机关…可以根据当事人的申请依法进行行政调解" — 行政机关, no level
            40,  # "加强…调解委员会建设"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现…应当依法及时处理" — no level
            49,  # "建立网格职能准入制度"
            53,  # "倡导推动德治教化…"
            58,  # sanction: "下级人民政府、同级有关部门和单位" — no level
            59,  # sanction: "存在社会治理隐患的单位"
        ),
    ),
    "county_leading_group": (
        ("pingan_coordinating_body", "county"),
        (
            5,  # "成立平安建设社会治理领导小组…负责组织协调、指导推动、督促落实、监督考核"
            11,  # "国家机关、人民团体、企业事业单位和其他社会组织应当开展…宣传教育工作"
            17,  # "任何组织和个人不得利用网络…"
            23,  # "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" (a role)
            38,  # "平安建设社会治理领导小组应当推动建立健全社会矛盾纠纷多元化解机制"
            42,  # "平安建设社会治理领导小组应当组织协调人民法院…建立健全…衔接机制"
            57,  # "社会治理工作实行目标管理责任制" — the group that assesses it; "建立…考核评价指标体系"
            58,  # "平安建设社会治理领导小组负责…监督、检查与考核"; "采取通报、约谈、挂牌督办等形式"
            59,  # sanction: "存在社会治理隐患的单位"
        ),
    ),
}


@pytest.mark.parametrize("profile", CASES, ids=list(CASES))
def test_articles_binding(profile: str) -> None:
    (kind, level), expected = CASES[profile]
    answer = regulations.applies("hohhot", kind, level, as_of=AS_OF)
    assert answer.article_numbers == expected


def test_article_58_measures_are_a_choice_plus_rectification() -> None:
    """58: "根据情节轻重采取通报、约谈、挂牌督办等形式进行督导并责令限期整改" — one of three, and rectification."""
    answer = regulations.applies("hohhot", "people_government", "county", as_of=AS_OF)
    (art,) = [a for a in answer.articles if a.article == 58]
    choice, rectification = art.rules[0], art.rules[1]
    assert (choice.id, choice.alternatives) == ("hohhot.58.4", True)
    assert choice.measures == ("public_notice", "interview", "listed_supervision")
    assert (rectification.id, rectification.alternatives) == ("hohhot.58.5", False)
    assert rectification.measures == ("rectification_order",)


def test_article_58_bar_on_advanced_individuals_falls_on_staff_not_units() -> None:
    """58: "其单位主管人员和直接责任人员不得评为先进个人" — the persons, not their unit."""
    staff = regulations.applies("hohhot", "staff_member", as_of=AS_OF)
    (art,) = [a for a in staff.articles if a.article == 58]
    assert [(r.id, r.measures) for r in art.rules] == [("hohhot.58.7", ("no_commendation",))]
    unit = regulations.applies("hohhot", "school", as_of=AS_OF)
    (art,) = [a for a in unit.articles if a.article == 58]
    assert "hohhot.58.7" not in {r.id for r in art.rules}


def test_drills_alone_carry_the_yearly_and_regular_cycles() -> None:
    """22: "制定突发事件应急预案每年至少组织一次应急演练"; 31: "制定应急处突工作预案…定期组织演练"
    — the cycle is the drill's; writing the plan has no deadline."""
    school = regulations.applies("hohhot", "school", as_of=AS_OF)
    (art22,) = [a for a in school.articles if a.article == 22]
    dues = {r.summary: r.due for r in art22.rules}
    assert dues["制定突发事件应急预案"] is None
    assert dues["每年至少组织一次应急演练提高防控能力"] is not None
    government = regulations.applies("hohhot", "people_government", "county", as_of=AS_OF)
    (art31,) = [a for a in government.articles if a.article == 31]
    dues = {r.summary: r.due for r in art31.rules}
    assert dues["制定应急处突工作预案"] is None
    assert dues["定期组织演练维护社会稳定"] is not None


@pytest.mark.parametrize("kind", sorted(v.KIND_CODES))
def test_large_event_safety_binds_every_organization_by_its_role(kind: str) -> None:
    """23: "大型群众性活动主办者、承办者、场所管理者依法负责活动的安全" — roles in an event, not kinds:
    every organization is bound when it holds or undertakes an event or manages its venue (the condition
    stays in the rule; evaluate decides it); no person is."""
    level = v.levels_of(kind)[0] if v.levelled(kind) else None
    answer = regulations.applies("hohhot", kind, level, as_of=AS_OF)
    found = [r for a in answer.articles if a.article == 23 for r in a.rules]
    role = [r for r in found if r.id == "hohhot.23.2"]
    if v.is_person(kind):
        assert role == []
    else:
        assert [(r.who, r.condition) for r in role] == [
            (
                ("organization",),
                "large_event() or large_event(undertaken_by = unit) or large_event(venue = unit)",
            )
        ]
