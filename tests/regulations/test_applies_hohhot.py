"""Which articles of 呼和浩特市市域社会治理促进条例 bind typical units — each expected article justified from the text.

Readings shared by several profiles (vocabulary conventions, spec/vocabulary.md):
- 11 closes its subject list with 其他社会组织, which binds every organization; 62's list
  (人民团体、企业事业单位、其他社会组织和个人) does not name 国家机关 — 61 deals with them — so its
  measures target organizations other than state organs, and persons.
- 42 (当事人) and 57 (目标管理责任制) have no named addressee: the encoding reads 当事人 as any
  unit or person and the subjectless 57 as every unit under 58's 目标责任制 assessment
  ("下级人民政府、同级有关部门和单位"). Both readings are marked as interpretations; the text
  allows them and nothing narrower is plainly meant, so the tests follow the encoding.
- Subjectless 本市-level tasks (13–16, 40, 49 first sentence, 52, 53) bind the 市人民政府 only.
- 58 targets "下级人民政府、同级有关部门和单位"; 59 targets "存在社会治理隐患的单位" (any unit).
"""

import datetime as dt

import pytest

import regulations

AS_OF = dt.date(2026, 11, 22)

CASES = {
    "school": (
        ("school", None),
        (
            11,  # "国家机关、人民团体、企业事业单位和其他社会组织应当开展…宣传教育工作"
            17,  # "任何组织和个人不得利用网络从事危害国家安全…"
            22,  # "学校、医院、场馆…等区域的管理单位或者运营单位应当…每年至少组织一次应急演练"
            42,  # "鼓励、引导当事人选择非诉讼途径解决矛盾纠纷" — a school may be a party
            57,  # "社会治理工作实行目标管理责任制" — read as binding every assessed unit
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
            26,  # "金融机构、地方金融组织应当加强对资金异常流动情况…的监测"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            57,  # "社会治理工作实行目标管理责任制" — every assessed unit
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
            37,  # "市人民政府应急管理部门…会同相关部门确定年度购置计划" — as co-actor
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以…进行行政调解"; "相关部门应当根据需要成立行政调解委员会"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现…应当依法及时处理"; "涉及两个以上部门的应当协商处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            49,  # "相关职能部门依法将部分职能下派网格"
            55,  # "各级人民政府及相关部门应当加强社会工作人才队伍和社会服务机构建设"
            56,  # "市、旗县区人民政府及相关部门应当将物业管理纳入社区治理体系"
            57,  # "社会治理工作实行目标管理责任制" — every assessed unit
            58,  # sanction: "同级有关部门和单位" → 通报、约谈、挂牌督办 (one of them), 责令限期整改
            59,  # sanction: "存在社会治理隐患的单位"; "社会治理工作应当接受人民政协的民主监督…"
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
            17,  # "任何组织和个人不得利用网络…"
            21,  # "各级人民政府及相关部门应当完善立体化社会治安防控体系"
            22,  # "各级人民政府应当对本行政区域内人员密集场所进行风险评估和等级划分"
            26,  # "市、旗县区人民政府应当建立健全金融风险防范和处置工作机制"
            31,  # "各级人民政府及相关部门应当落实公共安全属地责任"
            32,  # "市、旗县区人民政府及相关部门应当建立市域重大危险源辨识…制度"
            33,  # "各级人民政府应当加强疾病预防控制、医疗救治…体系建设"
            34,  # "各级人民政府及相关部门应当推进城市市政基础设施普查"
            35,  # "市、旗县区人民政府及相关部门应当实行消防安全责任制"
            36,  # "各级人民政府及相关部门应当建立风险沟通机制"
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以根据当事人的申请依法进行行政调解"; "共同制定行政调解事项清单"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现可能影响社会稳定的事项…应当依法及时处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            46,  # "市、旗县区人民政府应当依法赋予乡镇人民政府、街道办事处综合管理权…"
            48,  # "构建市、旗县区、乡镇街道、村社区四级网格管理架构" — subjectless, each level's government
            55,  # "各级人民政府及相关部门应当加强社会工作人才队伍…建设"
            56,  # "市、旗县区人民政府及相关部门应当将物业管理纳入社区治理体系"
            57,  # "社会治理工作实行目标管理责任制" — every assessed unit
            58,  # sanction: "下级人民政府" (a 旗县区 government under the city's leading group)
            59,  # sanction: "存在社会治理隐患的单位"; "社会治理工作应当接受…监督"
            # not 62: its list (人民团体、企业事业单位、其他社会组织和个人) leaves state organs to 61
        ),
    ),
    "township_government": (
        ("people_government", "township"),
        (
            5,  # "乡镇街道应当成立平安建设社会治理领导小组"; "各级人民政府负责落实"
            11,  # "国家机关…应当开展与社会治理相关的宣传教育工作"
            17,  # "任何组织和个人不得利用网络…"
            21,  # "各级人民政府及相关部门应当完善立体化社会治安防控体系"
            22,  # "各级人民政府应当对本行政区域内人员密集场所进行风险评估"
            30,  # "…等部门会同乡镇人民政府、街道办事处…帮助教育" — as co-actor
            31,  # "各级人民政府及相关部门应当落实公共安全属地责任"
            32,  # "乡镇人民政府、街道办事处应当对易引发突发事件的风险隐患组织排查"
            33,  # "各级人民政府应当加强疾病预防控制…体系建设"
            34,  # "各级人民政府及相关部门应当推进城市市政基础设施普查"
            35,  # "乡镇人民政府、街道办事处应当建立消防安全组织"
            36,  # "各级人民政府及相关部门应当建立风险沟通机制"
            38,  # "各级人民政府及相关部门应当按照各自职责承担矛盾纠纷化解责任"
            39,  # "行政机关…可以…依法进行行政调解"; "共同制定行政调解事项清单"
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            43,  # "在受理来信、来访和网上投诉中发现…应当依法及时处理"
            44,  # "各级人民政府及相关部门可以通过购买服务的方式支持社会组织"
            46,  # "乡镇人民政府、街道办事处应当统筹辖区资源"; "指导村居民委员会工作"
            48,  # "构建市、旗县区、乡镇街道、村社区四级网格管理架构" — each level's government
            50,  # "乡镇人民政府、街道办事处应当建立网格员管理工作机制"
            55,  # "乡镇人民政府、街道办事处应当鼓励和支持社会组织在村社区开展服务"
            57,  # "社会治理工作实行目标管理责任制" — every assessed unit
            58,  # sanction: "下级人民政府"
            59,  # sanction: "存在社会治理隐患的单位"; "社会治理工作应当接受…监督"
            # not 62: its list (人民团体、企业事业单位、其他社会组织和个人) leaves state organs to 61
        ),
    ),
    "villagers_committee": (
        ("villagers_committee", None),
        (
            11,  # "…企业事业单位和其他社会组织应当开展…宣传教育工作" — catch-all
            17,  # "任何组织和个人不得利用网络…"
            20,  # "引导基层组织和社会公众开展治安防范工作" — 基层组织 encouraged
            42,  # "鼓励、引导当事人选择非诉讼途径" — any party
            47,  # "村居民委员会应当承担调解民间纠纷、协助维护社会治安…等社会治理任务"
            57,  # "社会治理工作实行目标管理责任制" — every assessed unit
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
