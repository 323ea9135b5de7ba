"""Which articles of the final 浙江省平安建设条例 bind typical units, in both of its texts —
each expected article justified from the text (seeds/zhejiang-final-2023.md and
zhejiang-final-2025.md).

Readings shared by several profiles (spec/vocabulary.md, docs/encoding.md):
- "各级" = province, prefecture, county, township; "县级以上" = county and up; 有关部门 names
  departments at any level; 平安建设组织协调机构 is the body art. 7 defines (not a government);
- 5 "任何单位和个人都有维护社会安全的责任" binds every organization and person;
- 17 and 24 third paragraph begin with 企业事业单位 (non-state actors): they bind no state
  organ; 5 second paragraph begins with 国家机关 but names four kinds and no catch-all;
- 45 "引导、支持当事人通过非诉讼方式解决矛盾纠纷" binds the parties as `encouraged` (当事人 =
  any organization or person);
- 61, 62 "有关部门和单位" and 65 "有关地区、部门和单位" bind every department and organization
  (a government is the 地区's body and an organization);
- 6 first paragraph names no bearer: the coordinating body that art. 7(4) makes organise rewards;
  its second paragraph (见义勇为人员…予以奖励和保护) the people's government, no level given;
- the objects of a body's duty are not bound (23 "组织有关部门定期…", 25 "监督、指导学校、幼儿园",
  45 "组织协调人民法院、司法行政等单位", 53 and 64 "组织有关部门").
Only 48 differs between the two texts for these profiles: before 2025-03-28 the provincial
coordinating body and departments "可以" create (permissions); from then on "本省" organises
(the provincial government) and "鼓励有关部门和单位" (any department or organization).
"""

import datetime as dt

import pytest

import regulations

BEFORE = dt.date(2024, 6, 1)  # the 2023 text
AFTER = dt.date(2025, 6, 1)  # the text as amended 2025-03-28

SCHOOL = (
    5,  # "任何单位和个人都有维护社会安全的责任"; "企业事业单位…应当落实平安建设责任"
    17,  # "企业事业单位…应当依法开展社会风险隐患排查，定期排查、及时消除"
    18,  # "企业事业单位、社会团体作出…重大决策事项的，应当在决策前…进行社会风险评估"
    24,  # "企业事业单位和其他社会组织举办或者承办大型活动的，应当依法报经批准或者备案"
    25,  # "中小学校应当建立留守学生、困境学生档案"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — encouraged
    61,  # "有关部门和单位应当及时研究处理并反馈处理情况"; "…应当主动接受…监督"
    62,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责，不得瞒报"
    65,  # sanction: "有关地区、部门和单位…有下列情形之一的…约谈、通报、挂牌督办"
)
BANK = (
    5,  # "任何单位和个人…"; "企业事业单位应当落实平安建设责任"
    17,  # "企业事业单位…应当依法开展社会风险隐患排查"
    18,  # "企业事业单位…作出…重大决策事项的，应当…进行社会风险评估"
    24,  # "企业事业单位…举办或者承办大型活动的"
    28,  # "生产经营单位应当依法落实安全生产主体责任" — a bank is an enterprise
    29,  # "银行业金融机构、非银行支付机构应当加强对资金异常流动情况…的监测"
    31,  # "电信业务经营者、银行业金融机构…应当加强电信网络诈骗风险监测"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — encouraged
    61,  # "有关部门和单位应当及时研究处理并反馈处理情况"
    62,  # "有关部门、单位应当对…信息和资料的真实性…负责"
    65,  # sanction: "有关地区、部门和单位"
)
# not 48 in either text for the police: a department "可以" create (2023), is "鼓励" (2025)
COUNTY_PSB = (
    5,  # "国家机关…应当落实平安建设责任，健全内部风险防控责任制度"
    14,  # "…各级人民政府及有关部门应当及时分析社会风险隐患发生的原因"
    16,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    18,  # "各级人民政府及有关部门…作出…重大决策事项的，应当…进行社会风险评估"
    19,  # "卫生健康主管部门应当会同公安…建立健全社会心理服务体系" — co-actor
    22,  # "县级以上人民政府及有关部门应当…构建…社会治安整体防控体系"
    25,  # "各级人民政府及有关部门应当依法保障校园安全"; "教育主管部门应当会同公安…" — co-actor
    26,  # "公安、综合行政执法、市场监督管理、文化旅游等部门应当加强对学校周边巡查检查"
    28,  # "负有安全生产监督管理职责的部门应当加强…安全生产监管执法" (read as 有关部门)
    29,  # "金融监督管理部门应当会同网信、公安等部门建立健全金融风险监测防控体系" — co-actor
    30,  # "网信、公安、电信等部门应当加强…网络信息安全…监督管理"
    31,  # "公安机关牵头负责反电信网络诈骗工作"
    32,  # "食品安全监督管理部门应当会同有关部门加强食品安全监督管理" — co-actor
    33,  # "交通运输、邮政管理、公安等部门应当…做好物流寄递行业的监督管理工作"
    36,  # "沿海地区有关部门应当…加强对沿海船舶…的监督检查" (coastal: said in the rule)
    37,  # "公安机关应当会同有关部门建立健全涉黑涉恶案件线索举报奖励制度"
    38,  # "各级人民政府及有关部门应当推进自治、法治、德治、智治相融合的基层社会治理体系建设"
    43,  # "各级人民政府及有关部门应当将物业管理纳入社区治理体系"
    44,  # "各级人民政府及有关部门、人民法院、人民检察院应当建立健全社会矛盾纠纷多元预防调处化解机制"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — encouraged
    47,  # "各级人民政府及有关部门应当…做好刑满释放人员…的帮扶和信用修复等工作"
    48,  # 2023 "有关部门…可以开展本行业的平安单位创建工作"; 2025 "鼓励有关部门和单位…"
    49,  # "各级人民政府及有关部门应当…开展平安建设相关业务数据采集、交换、共享"
    51,  # "数据管理部门应当会同有关部门完善平安建设数据汇集共享机制" — co-actor
    54,  # "平安建设组织协调机构、各级人民政府及有关部门应当运用数字平安系统"
    55,  # "县级以上人民政府及公安…等部门应当…推进智慧平安社区网络建设"
    56,  # "国家机关应当落实普法责任制"
    57,  # "各级人民政府及有关部门…应当严格规范公正文明执法和司法"
    58,  # "各级人民政府及有关部门应当整合…公共法律服务资源"
    59,  # "各级人民政府及有关部门应当建立健全志愿服务组织和志愿者参与…的机制"
    61,  # "有关部门和单位应当及时研究处理并反馈处理情况"
    62,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    65,  # sanction: "有关地区、部门和单位" — a 部门
)
COUNTY_GOV = (
    5,  # "国家机关…应当落实平安建设责任"
    6,  # "对见义勇为人员应当按照有关法律法规予以奖励和保护" — no bearer named: the people's government
    9,  # "县级以上人民政府应当将平安建设纳入国民经济和社会发展规划纲要"
    14,  # "各级人民政府及有关部门应当及时分析社会风险隐患发生的原因"
    16,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    18,  # "各级人民政府…作出…重大决策事项的，应当…进行社会风险评估"
    21,  # "县级以上人民政府应当健全粮食、供水、能源等…安全保障体系"
    22,  # "县级以上人民政府及有关部门应当…构建…社会治安整体防控体系"
    23,  # "县级以上人民政府应当组织有关部门定期对人员密集场所和重要场所进行风险评估"
    24,  # "县级以上人民政府应当加强对大型活动安全管理工作的领导"
    25,  # "各级人民政府及有关部门应当依法保障校园安全"
    26,  # "各级人民政府及有关部门依法维护学校周边秩序"
    27,  # "县级以上人民政府应当根据需要合理设置专门学校"
    28,  # "县级以上人民政府应当加强对安全生产工作的领导"
    29,  # "县级以上人民政府应当建立金融风险防范和化解工作机制"
    30,  # "省、设区的市、县（市、区）应当建立健全网络综合治理体系" — a place: its government
    31,  # "县级以上人民政府应当建立健全打击治理电信网络诈骗工作协调机制"
    34,  # "县级以上人民政府应当建立健全突发公共卫生事件监测预警处置机制"
    35,  # "县级以上人民政府应当建立健全生态环境保护机制"
    36,  # "沿海县级以上人民政府应当…建立健全近岸海域管控协调机制" (coastal: said in the rule)
    37,  # "省、设区的市、县（市、区）应当建立健全常态化扫黑除恶工作机制"
    38,  # "各级人民政府及有关部门应当推进…基层社会治理体系建设"
    39,  # "县（市、区）设立社会治理综合机构"; "县（市、区）应当建立健全…运行管理机制"
    40,  # "县（市、区）应当按照规定明确平台管理责任主体及其职责"
    41,  # "县（市、区）人民政府和乡镇人民政府、街道办事处应当建立健全网格员招聘、管理、培训和考核制度"
    43,  # "各级人民政府及有关部门应当将物业管理纳入社区治理体系"
    44,  # "各级人民政府及有关部门…应当建立健全社会矛盾纠纷多元预防调处化解机制"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — encouraged
    47,  # "各级人民政府及有关部门应当…做好…帮扶和信用修复等工作"
    49,  # "各级人民政府及有关部门应当…开展平安建设相关业务数据采集"
    52,  # "县（市、区）人民政府和乡镇人民政府、街道办事处应当…加强…数字化建设"
    54,  # "…各级人民政府及有关部门应当运用数字平安系统加强数据分析、研判"
    55,  # "县级以上人民政府…应当…推进智慧平安社区网络建设"
    56,  # "国家机关应当落实普法责任制"
    57,  # "各级人民政府及有关部门…应当严格规范公正文明执法和司法"
    58,  # "各级人民政府及有关部门应当整合…公共法律服务资源"
    59,  # "各级人民政府及有关部门应当建立健全志愿服务组织和志愿者参与…的机制"
    61,  # "有关部门和单位应当及时研究处理并反馈处理情况"
    62,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    65,  # sanction: "有关地区、部门和单位" — 地区 read as its government
    # not 11, 20, 46: "本省…" is the provincial government's task
)
TOWNSHIP_GOV = (
    5,  # "国家机关…应当落实平安建设责任"
    6,  # "对见义勇为人员应当…予以奖励和保护" — the people's government, no level named
    7,  # "乡镇、街道应当明确负责平安建设有关工作机构及其职责"
    9,  # "乡镇人民政府、街道办事处负责本辖区平安建设有关工作"
    14,  # "各级人民政府及有关部门应当及时分析…" — 各级 includes townships
    16,  # "各级人民政府及有关部门应当加强社会风险隐患治理"
    18,  # "各级人民政府…作出…重大决策事项的"
    25,  # "各级人民政府及有关部门应当依法保障校园安全"
    26,  # "各级人民政府及有关部门依法维护学校周边秩序"
    38,  # "各级人民政府及有关部门应当推进…基层社会治理体系建设"
    41,  # "乡镇人民政府、街道办事处应当按照规定划分网格，配备网格管理人员"
    43,  # "各级人民政府及有关部门应当将物业管理纳入社区治理体系"
    44,  # "各级人民政府及有关部门…应当建立健全社会矛盾纠纷多元预防调处化解机制"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — encouraged
    47,  # "各级人民政府及有关部门应当…做好…帮扶和信用修复等工作"
    49,  # "各级人民政府及有关部门应当…开展平安建设相关业务数据采集"
    52,  # "…乡镇人民政府、街道办事处应当…加强…基层社会治理平台的数字化建设"
    54,  # "…各级人民政府及有关部门应当运用数字平安系统"
    56,  # "国家机关应当落实普法责任制"
    57,  # "各级人民政府及有关部门…应当严格规范公正文明执法和司法"
    58,  # "各级人民政府及有关部门应当整合…公共法律服务资源"
    59,  # "各级人民政府及有关部门应当建立健全志愿服务组织…的机制"
    61,  # "有关部门和单位应当及时研究处理并反馈处理情况"
    62,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    65,  # sanction: "有关地区、部门和单位"
)
VILLAGERS = (
    5,  # "基层群众性自治组织应当落实平安建设责任"
    17,  # "基层群众性自治组织…应当依法开展社会风险隐患排查"
    24,  # "其他社会组织举办或者承办大型活动的" — the non-state organizations
    42,  # "村（居）民委员会协助开展平安建设工作"; "鼓励和支持村、社区将平安建设有关内容依法纳入村规民约"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — encouraged
    61,  # "有关部门和单位应当及时研究处理并反馈处理情况"
    62,  # "有关部门、单位应当对平安建设考核涉及的信息和资料的真实性…负责"
    65,  # sanction: "有关地区、部门和单位"
)
CITIZEN = (
    5,  # "任何单位和个人都有维护社会安全的责任"; "公民应当遵守法律和社会公德"; "鼓励公民参与平安建设"
    45,  # "引导、支持当事人通过非诉讼方式解决矛盾纠纷" — a party may be a person
    56,  # "国家机关应当…引导群众依法维护自身合法权益" — encouraged
)


def _with(articles: tuple[int, ...], extra: int) -> tuple[int, ...]:
    return tuple(sorted({*articles, extra}))


CASES = {
    # profile: (kind, level), articles under the 2023 text, under the 2025 text
    "school": (("school", None), SCHOOL, _with(SCHOOL, 48)),
    "bank": (("financial_institution", None), BANK, _with(BANK, 48)),
    "county-public-security": (("public_security", "county"), COUNTY_PSB, COUNTY_PSB),
    "county-government": (("people_government", "county"), COUNTY_GOV, _with(COUNTY_GOV, 48)),
    "township-government": (
        ("people_government", "township"),
        TOWNSHIP_GOV,
        _with(TOWNSHIP_GOV, 48),
    ),
    "villagers-committee": (("villagers_committee", None), VILLAGERS, _with(VILLAGERS, 48)),
    "citizen": (("citizen", None), CITIZEN, CITIZEN),
}


@pytest.mark.parametrize("profile", CASES, ids=list(CASES))
def test_final_articles_binding_in_each_text(profile: str) -> None:
    (kind, level), before, after = CASES[profile]
    old = regulations.applies("zhejiang", kind, level, as_of=BEFORE)
    new = regulations.applies("zhejiang", kind, level, as_of=AFTER)
    assert old.article_numbers == before
    assert new.article_numbers == after
    assert old.complete is True and new.complete is True
    assert all(a.article is not None for a in (*old.articles, *new.articles))
    assert old.to_json()["edition"]["name"] == "2023"
    assert new.to_json()["edition"]["name"] == "2025"


def test_the_amendment_turns_48_from_permissions_into_a_task_and_an_encouragement() -> None:
    def modalities(kind: str, level: str | None, day: dt.date) -> tuple[str, ...]:
        answer = regulations.applies("zhejiang", kind, level, as_of=day)
        return next((a.modalities for a in answer.articles if a.article == 48), ())

    # "省平安建设组织协调机构可以组织开展平安市、平安县（市、区）示范创建活动"
    assert modalities("pingan_coordinating_body", "province", BEFORE) == ("may",)
    # "本省按照国家和省有关规定组织开展平安建设创建活动" — the provincial government
    assert modalities("people_government", "province", AFTER) == ("must", "encouraged")
    assert modalities("people_government", "province", BEFORE) == ()
    # "有关部门…可以开展本行业的平安单位创建工作" → "鼓励有关部门和单位…组织开展有特色的平安建设活动"
    assert modalities("public_security", "county", BEFORE) == ("may",)
    assert modalities("public_security", "county", AFTER) == ("encouraged",)


def test_staff_are_bound_by_the_sanctions_that_fall_on_persons() -> None:
    # 65: "由有权机关对负有责任的领导人员和直接责任人员…予以处理"; "其主要负责人、分管负责人和
    # 直接责任人员在整改期限内不得评优评先" — staff, not every citizen
    staff = regulations.applies("zhejiang", "staff_member", as_of=AFTER)
    sanctions = [r for a in staff.articles if a.article == 65 for r in a.rules]
    assert {m for r in sanctions for m in r.measures} == {"accountability", "no_commendation"}
    citizen = regulations.applies("zhejiang", "citizen", as_of=AFTER)
    assert 65 not in citizen.article_numbers
