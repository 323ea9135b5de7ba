"""Which articles of 新疆维吾尔自治区平安建设条例 bind typical units — each expected article justified from the text.

Lists headed by 国家机关 and closing with 其他社会组织 (13, 18, 35, 48, 56) bind every organization,
the vocabulary's reading convention; so do 有关单位 (31, 34, 43) and the sanctions on 本地区本单位 /
各地、各部门和单位 (49, 52, 54, 55). A list headed by 企业事业单位 (37 "企业事业单位和其他社会组织")
binds the organizations that are not state organs. Objects of a duty (组织村民委员会…,
对金融机构…的监管) bind nobody, nor do parties only consulted (52 协商有关部门, 53 经…会商).
Measures on persons (49 "其单位主管人员和直接责任人", 54 "其主要负责人…") bind staff_member.
20's 举办大型活动应当依法采取有效措施……发生突发事件时,及时采取应急处置措施 binds the one holding
the event, a role any organization may hold: every organization lists 20, with its condition
(large_event()), as applies lists every duty that arises on an event. The venue's manager is
not named: a venue operator lists 20 only as one that may hold an event itself.
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
            13,  # "国家机关、武装力量、人民团体、企业事业单位和其他社会组织应当明确责任机构"
            18,  # "……企业事业单位及其他社会组织应当加强内部防范"
            20,  # "举办大型活动应当依法采取有效措施" (when it holds one)
            31,  # "各级人民政府及有关部门和单位应当做好群众工作" — 有关单位 read as every organization
            32,  # "向有关部门和单位提出……检察建议……被建议单位应当及时研究办理并反馈"
            34,  # "有关单位收集、使用相关信息时应当保障信息安全"
            35,  # "……企业事业单位和其他社会组织应当按照谁执法谁普法……的普法责任"
            36,  # "鼓励和支持企业事业单位、社会组织、志愿者等社会力量依法参与" (encouraged)
            37,  # "企业事业单位和其他社会组织应当履行社会责任"
            43,  # "有关行业主管部门和单位应当牵头开展……平安校园……创建活动"
            48,  # "……企业事业单位和其他社会组织应当根据工作职责,确定工作目标"
            49,  # sanction: "各地、各部门和单位经考核不合格的,不得授予综合性荣誉称号"
            52,  # sanction: "导致本地区本单位发生……的……实行一票否决"; "挂牌督办,限期整改"
            54,  # sanction: "受到一票否决处理的地方、部门、单位,取消……资格"
            55,  # "被一票否决处理的地方、部门和单位……可以……提出申诉"
            56,  # sanction: "……企业事业单位和其他社会组织未依法履行平安建设责任的……进行通报"
        ),
    ),
    "bank": (
        ("financial_institution", None),
        (
            13,  # "……企业事业单位和其他社会组织应当明确责任机构或者专兼职人员"
            18,  # "……企业事业单位及其他社会组织应当加强内部防范"
            20,  # "举办大型活动应当依法采取有效措施" (when it holds one)
            23,  # "电信、互联网、金融……等业务经营者、服务提供者,应当对客户身份信息进行查验"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "向有关部门和单位提出……建议……被建议单位应当及时研究办理并反馈"
            34,  # "有关单位……应当保障信息安全……及时向综治工作信息化平台提供信息数据资料"
            35,  # "……企业事业单位和其他社会组织应当……开展平安建设相关法律法规的宣传教育"
            36,  # "鼓励和支持企业事业单位、社会组织……依法参与平安建设工作" (encouraged)
            37,  # "企业事业单位和其他社会组织应当履行社会责任,参与所在地平安建设"
            43,  # "有关行业主管部门和单位应当牵头开展……平安企业……创建活动"
            48,  # "……企业事业单位和其他社会组织应当……落实目标管理责任"
            49,  # sanction: "各地、各部门和单位经考核不合格的,不得授予综合性荣誉称号"
            52,  # sanction: "本地区本单位……实行一票否决"
            54,  # sanction: "受到一票否决处理的地方、部门、单位,取消其本年度……资格"
            55,  # "被一票否决处理的地方、部门和单位……可以……提出申诉"
            56,  # sanction: "企业事业单位和其他社会组织未依法履行平安建设责任的……通报,责令限期整改"
            # not 28: "金融管理部门应当依法加强对……金融机构……的监管" — the bank is the object
        ),
    ),
    "county_public_security": (
        ("public_security", "county"),
        (
            7,  # "人民法院、人民检察院、公安机关……应当在平安建设中发挥专门机关作用"
            13,  # "国家机关……应当明确责任机构或者专兼职人员"
            15,  # "协同有关部门依靠专业力量开展心理辅导" — co-actor after 协同
            16,  # "人民法院、人民检察院、公安机关……应当充分发挥职能作用"
            18,  # "国家机关……应当加强内部防范"; "配合社会面专业巡控力量" (co-actor)
            20,  # "各级人民政府及有关部门应当健全重大决策社会稳定风险评估制度"
            21,  # "平安建设组织协调机构应当会同有关部门制定……工作方案" — co-actor
            22,  # "交通运输、邮政、公安、应急管理等部门应当……落实行业主管部门的监管责任"
            24,  # "公安、应急管理……等主管部门应当……加强……监督管理"
            25,  # "公安机关应当加强对实有人口和房屋租赁使用中的治安管理"
            26,  # "公安机关、司法行政部门应当会同相关部门……开展……帮助教育"
            28,  # "公安、网信、通信管理、金融管理部门应当依法加强……监管"
            30,  # "相关部门应当主动参与做好业务培训工作"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "公安机关办理案件中发现……应当……提出……公安提示"
            33,  # "各级国家机关……有关国家机关应当在职责范围内依法及时妥善处理"
            34,  # "各级人民政府及有关部门应当建立健全……信息资源共享机制"
            35,  # "国家机关……应当按照谁执法谁普法……的普法责任"
            # not 37: "企业事业单位和其他社会组织应当履行社会责任" — a list headed by non-state actors
            41,  # "各级平安建设组织协调机构和有关部门应当建立志愿服务组织和志愿者参与……的机制"
            43,  # "其他各行业主管部门根据工作职责开展平安创建活动"
            48,  # "国家机关……应当根据工作职责,确定工作目标"
            49,  # sanction: "各地、各部门和单位经考核不合格的,不得授予综合性荣誉称号"
            52,  # sanction: "本地区本单位……实行一票否决"; 协商有关部门共同研究决定 (co-actor)
            54,  # sanction: "受到一票否决处理的地方、部门、单位"
            55,  # "被一票否决处理的地方、部门……或者其上级主管部门有不同意见的,可以……提出申诉"
            56,  # sanction: "国家机关……未依法履行平安建设责任的……进行通报"; "其主管部门" imposes it
        ),
    ),
    "county_government": (
        ("people_government", "county"),
        (
            8,  # "县级以上人民政府应当建立平安建设规划发展……工作机制"
            10,  # "县(市、区)……应当设立平安建设组织协调机构" — place read as its government
            13,  # "国家机关……应当明确责任机构或者专兼职人员"
            14,  # "县(市、区)……设立社会治安综合治理中心" — place read as its government
            # not 16: "建立完善扫黑除恶常态化机制" has no subject of its own; it continues the
            # first paragraph's 人民法院……其他履行执法职责的部门, which name no government
            17,  # "各级人民政府应当完善立体化社会治安防控体系"
            18,  # "各级人民政府应当对辖区人员密集场所进行风险评估"
            19,  # "各级人民政府应当加强公共安全形势分析研判"
            20,  # "各级人民政府及有关部门应当健全重大决策社会稳定风险评估制度"
            26,  # "县级以上人民政府应当对……严重精神障碍……患者采取措施予以救助救治"
            27,  # "各级人民政府应当建立健全社会治安和公共安全隐患常态化排查整治机制"
            29,  # "各级人民政府应当加强对……新业态的安全监督管理"
            30,  # "各级人民政府应当做好网格管理员、联户长的选聘任用工作"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "向有关部门和单位提出……建议……被建议单位应当及时研究办理并反馈"
            33,  # "各级国家机关在受理来信、来访和网上投诉中……"
            34,  # "各级人民政府及有关部门应当建立健全跨部门……信息资源共享机制"
            35,  # "各级人民政府应当将平安建设相关法律法规纳入法治宣传教育规划"
            36,  # "各级人民政府应当组织、动员、鼓励和支持企业事业单位……参与"
            # not 37: "企业事业单位和其他社会组织应当履行社会责任" — a list headed by non-state actors does not reach governments
            39,  # "各级人民政府应当通过深入开展双联户创建活动"
            42,  # "对……见义勇为行为,应当……予以奖励和保护" — no subject, read as 人民政府
            43,  # "各州(市、地)、县(市、区)……应当开展平安创建活动"
            44,  # "各州(市、地)、县(市、区)应当结合实际,制定本辖区平安创建表彰奖励办法"
            45,  # "对平安建设工作实绩突出的……给予表彰和奖励" — no subject, read as 人民政府
            46,  # "……按照相关规定落实……劳动模范待遇" — no subject, read as 人民政府
            47,  # "自治区、州(市、地)、县(市、区)、乡镇(街道)每年对双联户先进集体……评选表彰"
            48,  # "国家机关……应当根据工作职责,确定工作目标"
            49,  # sanction: "各地……经考核不合格的,不得授予综合性荣誉称号"
            # (49's "考核工作纳入各级领导班子……考核范围" has no subject: the cadre assessment is
            # the Party organization department's, outside the vocabulary — it binds nobody)
            52,  # sanction: "导致本地区……发生……实行一票否决"
            54,  # sanction: "受到一票否决处理的地方……取消其本年度评选综合性荣誉称号的资格"
            55,  # "被一票否决处理的地方……可以……提出申诉"
            56,  # sanction: "国家机关……未依法履行平安建设责任的……进行通报,责令限期整改"
        ),
    ),
    "township_government": (
        ("people_government", "township"),
        (
            8,  # "各级人民政府应当为网格管理员、平安志愿者、双联户等群防群治队伍提供……保障"
            10,  # "乡镇(街道)应当设立平安建设组织协调机构" — place read as its government
            13,  # "国家机关……应当明确责任机构或者专兼职人员"
            14,  # "乡镇(街道)……设立社会治安综合治理中心" — place read as its government
            # not 16: "建立完善扫黑除恶常态化机制" continues the first paragraph's organs
            17,  # "各级人民政府应当完善立体化社会治安防控体系"
            18,  # "各级人民政府应当对辖区人员密集场所进行风险评估"
            19,  # "各级人民政府应当……制定应急处突工作预案……定期组织演练"
            20,  # "各级人民政府及有关部门应当健全重大决策社会稳定风险评估制度"
            26,  # "会同相关部门及乡镇人民政府、街道办事处" — co-actor after 会同
            27,  # "各级人民政府应当建立健全……常态化排查整治机制"
            29,  # "各级人民政府应当加强对……新业态的安全监督管理"
            30,  # "乡镇人民政府、街道办事处(片区管委会)应当……科学合理划分网格和联户单元"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "向有关部门和单位提出……建议……被建议单位应当及时研究办理并反馈"
            33,  # "各级国家机关在受理来信、来访和网上投诉中……"
            34,  # "各级人民政府及有关部门应当建立健全……信息资源共享机制"
            35,  # "各级人民政府应当将平安建设相关法律法规纳入法治宣传教育规划"
            36,  # "各级人民政府应当组织、动员、鼓励和支持……社会力量依法参与"
            # not 37: "企业事业单位和其他社会组织" — as for the county government
            39,  # "各级人民政府应当通过深入开展双联户创建活动"
            42,  # "对……见义勇为行为,应当……予以奖励和保护" — no subject, read as 人民政府
            43,  # "各州(市、地)、县(市、区)、乡镇(街道)和村(社区)应当开展平安创建活动"
            44,  # "优秀平安……乡镇(街道)……每年年底可获得一次性奖励" (may)
            45,  # "对平安建设工作实绩突出的……给予表彰和奖励" — no subject, read as 人民政府
            46,  # "……落实省部级先进工作者和劳动模范待遇" — no subject, read as 人民政府
            47,  # "……乡镇(街道)每年对双联户先进集体和先进个人开展评选表彰"
            48,  # "国家机关……应当根据工作职责,确定工作目标"
            49,  # sanction: "各地、各部门和单位经考核不合格的,不得授予综合性荣誉称号"
            52,  # sanction: "导致本地区……发生……实行一票否决"
            54,  # sanction: "受到一票否决处理的地方……取消……资格"
            55,  # "被一票否决处理的地方……可以……提出申诉"
            56,  # sanction: "国家机关……未依法履行平安建设责任的……进行通报"
            # not 38: "村民委员会、居民委员会应当协助乡镇人民政府" — the township is the object
        ),
    ),
    "villagers_committee": (
        ("villagers_committee", None),
        (
            13,  # "……和其他社会组织应当明确责任机构或者专兼职人员"
            14,  # "……和村(社区)设立社会治安综合治理中心" — 村 read as 村民委员会
            18,  # "……及其他社会组织应当加强内部防范"
            20,  # "举办大型活动应当依法采取有效措施" (when it holds one)
            25,  # "村民委员会、居民委员会……应当协助做好实有人口和房屋租赁使用中的治安管理"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "向有关部门和单位提出……建议……被建议单位应当及时研究办理并反馈"
            34,  # "有关单位收集、使用相关信息时应当保障信息安全"
            35,  # "……和其他社会组织应当按照……普法责任"
            37,  # "企业事业单位和其他社会组织应当履行社会责任" — a non-state organization
            38,  # "村民委员会、居民委员会应当协助乡镇人民政府、街道办事处……开展平安建设工作"
            43,  # "……乡镇(街道)和村(社区)应当开展平安创建活动" — 村 read as 村民委员会
            48,  # "……和其他社会组织应当根据工作职责,确定工作目标"
            49,  # sanction: "各地、各部门和单位经考核不合格的,不得授予综合性荣誉称号"
            52,  # sanction: "本地区本单位……实行一票否决"
            54,  # sanction: "受到一票否决处理的地方、部门、单位"
            55,  # "被一票否决处理的地方、部门和单位……可以……提出申诉"
            56,  # sanction: "……和其他社会组织未依法履行平安建设责任的……进行通报"
            # not 26: "组织村民委员会、居民委员会……开展……帮助教育" — the committee is the object
        ),
    ),
    "citizen": (
        ("citizen", None),
        (
            36,  # "鼓励和支持……志愿者等社会力量依法参与平安建设工作" — 志愿者 read as citizens
            40,  # "鼓励公民积极参与平安建设"; "公民应当遵守国家法律和社会公德"
            41,  # "鼓励各类志愿服务组织和志愿者参与平安建设" — 志愿者 read as citizens
            42,  # "鼓励公民举报违法犯罪行为,支持公民同违法犯罪行为作斗争"
            # not 56: "……工作人员拒不履行平安建设工作职责……依法给予处分" targets staff (staff_member)
            # not 49, 54: "其单位主管人员和直接责任人" / "其主要负责人……" are staff, not every citizen
            # not 26: "精神障碍患者的监护人应当……" binds guardians, not every citizen
        ),
    ),
    "staff_member": (
        ("staff_member", None),
        (
            36,  # a staff member is a citizen: "鼓励和支持……志愿者等社会力量" (encouraged)
            40,  # "公民应当遵守国家法律和社会公德"
            41,  # "鼓励……志愿者参与平安建设"
            42,  # "鼓励公民举报违法犯罪行为"
            49,  # sanction: "经考核不合格的……其单位主管人员和直接责任人,不得评为先进个人"
            54,  # sanction: "其主要负责人、主管人员、分管负责人和直接责任人不得评优评先和晋升职务职级,
            #      并按照国家和自治区有关规定予以处理"
            56,  # sanction: "……工作人员拒不履行平安建设工作职责……依法给予处分"
        ),
    ),
    "provincial_coordinating_body": (
        ("pingan_coordinating_body", "province"),
        (
            10,  # "平安建设组织协调机构应当配备专人负责日常工作"
            11,  # "平安建设组织协调机构履行下列职责"
            12,  # "平安建设组织协调机构应当根据工作需要,确定……成员单位"
            13,  # "国家机关……和其他社会组织应当明确责任机构" — every organization
            18,  # "国家机关……及其他社会组织应当加强内部防范" — every organization
            20,  # "举办大型活动应当依法采取有效措施" (when it holds one)
            21,  # "平安建设组织协调机构应当会同有关部门制定矛盾纠纷化解专项治理工作方案"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作" — 有关单位
            32,  # "被建议单位应当及时研究办理并反馈" (any organization)
            34,  # "自治区平安建设组织协调机构应当……建立全区统一的综治工作信息化平台"
            35,  # "国家机关……和其他社会组织应当按照……普法责任"
            41,  # "各级平安建设组织协调机构和有关部门应当建立志愿服务……的机制"
            43,  # "有关行业主管部门和单位应当牵头开展……平安细胞创建活动" — 有关单位
            44,  # "自治区平安建设组织协调机构定期开展……创建命名表彰工作"
            45,  # "……给予表彰和奖励" — no subject; art. 11(七) gives 表彰先进 to this body
            48,  # "国家机关……和其他社会组织应当……落实目标管理责任"
            49,  # "县级以上平安建设组织协调机构负责……监督、检查与考核"
            50,  # "各级平安建设组织协调机构……可以委托第三方机构"
            51,  # "由属地平安建设组织协调机构或者县级以上平安建设组织协调机构监督与考核"
            52,  # "由相应的上一级平安建设组织协调机构……实行一票否决"; "挂牌督办,限期整改"
            53,  # "一票否决权由县级以上平安建设组织协调机构行使"; "自治区……办事机构……可以直接……"
            54,  # sanction: "受到一票否决处理的地方、部门、单位" (every organization)
            55,  # "受理申诉的机构应当在接到申诉的30日内复查完毕"
            56,  # "平安建设组织协调机构……未依法履行平安建设责任的……通报"; "由上一级……通报"
            # not 37: "企业事业单位和其他社会组织" — a list headed by non-state actors
        ),
    ),
    "provincial_department": (
        ("government_department", "province"),
        (
            13,  # "国家机关……应当明确责任机构或者专兼职人员"
            15,  # "协同有关部门依靠专业力量开展心理辅导" — co-actor after 协同
            16,  # "……以及其他履行执法职责的部门,应当充分发挥职能作用"
            18,  # "国家机关……应当加强内部防范"
            20,  # "各级人民政府及有关部门应当健全重大决策社会稳定风险评估制度"
            21,  # "会同有关部门制定矛盾纠纷化解专项治理工作方案" — co-actor after 会同
            26,  # "会同相关部门及乡镇人民政府……开展……帮助教育" — co-actor after 会同
            30,  # "相关部门应当主动参与做好业务培训工作"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "向有关部门和单位提出……建议……被建议单位应当及时研究办理并反馈"
            33,  # "各级国家机关……有关国家机关应当在职责范围内依法及时妥善处理"
            34,  # "各级人民政府及有关部门应当建立健全……信息资源共享机制"
            35,  # "国家机关……应当按照……普法责任"
            41,  # "各级平安建设组织协调机构和有关部门应当建立志愿服务……的机制"
            43,  # "有关行业主管部门和单位应当牵头开展……平安细胞创建活动"
            48,  # "国家机关……应当根据工作职责,确定工作目标"
            49,  # sanction: "各地、各部门和单位经考核不合格的,不得授予综合性荣誉称号"
            52,  # sanction: "本地区本单位……实行一票否决" (not a co-actor: "协商有关部门" is consulted)
            54,  # sanction: "受到一票否决处理的地方、部门、单位"
            55,  # "其上级主管部门有不同意见的,可以……提出申诉"
            56,  # "……由上一级平安建设组织协调机构或者其主管部门以书面形式进行通报"
            # not 53: "经与自治区有关部门会商" — the departments are consulted, they share no veto
        ),
    ),
    "property_company": (
        ("property_management", None),
        (
            13,  # "……企业事业单位和其他社会组织应当明确责任机构"
            18,  # "……企业事业单位及其他社会组织应当加强内部防范"
            20,  # "举办大型活动应当依法采取有效措施" (when it holds one)
            25,  # "村民委员会、居民委员会、业主委员会和物业服务企业应当协助做好……治安管理"
            31,  # "各级人民政府及有关部门和单位应当做好群众工作"
            32,  # "被建议单位应当及时研究办理并反馈"
            34,  # "有关单位收集、使用相关信息时应当保障信息安全"
            35,  # "……企业事业单位和其他社会组织应当按照……普法责任"
            36,  # "鼓励和支持企业事业单位……依法参与平安建设工作" (encouraged)
            37,  # "企业事业单位和其他社会组织应当履行社会责任"; "物业服务企业应当协助公安机关"
            43,  # "有关行业主管部门和单位应当牵头开展……创建活动"
            48,  # "……企业事业单位和其他社会组织应当……落实目标管理责任"
            49,  # sanction: "各地、各部门和单位经考核不合格的"
            52,  # sanction: "本地区本单位……实行一票否决"
            54,  # sanction: "受到一票否决处理的地方、部门、单位"
            55,  # "被一票否决处理的地方、部门和单位……可以……提出申诉"
            56,  # sanction: "企业事业单位和其他社会组织未依法履行平安建设责任的"
        ),
    ),
    "venue_operator": (
        ("venue_operator", None),
        (
            13,  # "……和其他社会组织应当明确责任机构"
            18,  # "……及其他社会组织应当加强内部防范"
            20,  # "举办大型活动应当依法采取有效措施" (when it holds one)
            31,  # "有关部门和单位应当做好群众工作"
            32,  # "被建议单位应当及时研究办理并反馈"
            34,  # "有关单位……应当保障信息安全"
            35,  # "……和其他社会组织应当按照……普法责任"
            37,  # "企业事业单位和其他社会组织应当履行社会责任" — a non-state organization
            43,  # "有关行业主管部门和单位应当牵头开展……创建活动"
            48,  # "……和其他社会组织应当……落实目标管理责任"
            49,  # sanction: "各地、各部门和单位经考核不合格的"
            52,  # sanction: "本地区本单位"
            54,  # sanction: "受到一票否决处理的地方、部门、单位"
            55,  # "被一票否决处理的地方、部门和单位……可以……提出申诉"
            56,  # sanction: "……和其他社会组织未依法履行平安建设责任的"
            # not 28: "上网场所应当依法履行安全管理责任" — 上网场所 has no kind; no venue
            # operator stands in for it
        ),
    ),
}


@pytest.mark.parametrize("profile", CASES, ids=list(CASES))
def test_articles_binding(profile: str) -> None:
    (kind, level), expected = CASES[profile]
    answer = regulations.applies("xinjiang", kind, level, as_of=AS_OF)
    assert answer.article_numbers == expected


def rules_of(article: int) -> tuple[regulations.RuleView, ...]:
    (found,) = (a for a in regulations.articles("xinjiang").articles if a.article == article)
    return found.rules


def test_consulted_parties_are_not_co_actors() -> None:
    # 52 "协商有关部门共同研究决定"; 53 "经与自治区有关部门会商"
    for article in (52, 53):
        assert all(rule.role != "co_actor" for rule in rules_of(article))


def test_a_recurrence_belongs_to_its_clause() -> None:
    # 19 "制定应急处突工作预案……定期组织演练": the drill recurs, the plan does not;
    # 11(五) "掌握……动态,定期分析……形势,评估……风险,及时……报告": only the analysis recurs
    for article, recurring in ((19, "定期组织演练"), (11, "定期分析辖区内社会治安形势")):
        timed = [rule for rule in rules_of(article) if rule.due and "every" in rule.due]
        assert [rule.summary for rule in timed] == [recurring]
    assert any(rule.summary == "制定应急处突工作预案" and rule.due is None for rule in rules_of(19))


def test_open_handling_is_an_open_measure_on_whom_it_falls() -> None:
    # 54 "其主要负责人……不得评优评先和晋升职务职级,并按照国家和自治区有关规定予以处理"
    on_persons = [
        rule for rule in rules_of(54) if set(rule.measures) & {"no_promotion", "accountability"}
    ]
    assert {m for rule in on_persons for m in rule.measures} == {
        "no_commendation",
        "no_promotion",
        "accountability",
    }
    assert all(rule.who == ("staff_member",) for rule in on_persons)
    # 56 "对通报后仍未按期完成整改任务的,有权机关应当依法予以处理": open, and no body invented
    (handling,) = [rule for rule in rules_of(56) if "有权机关" in rule.summary]
    assert handling.measures == ("accountability",) and handling.by == ()
    assert "disciplinary_action" not in {
        m for rule in rules_of(56) if "staff_member" not in rule.who for m in rule.measures
    }


def test_conditions_of_a_refusal_are_kept() -> None:
    # 23 "对于身份不明或者拒绝身份查验的,不得提供服务"; 22 "发现可疑物品或者客户拒绝检查的,不予提供"
    for article, term in ((23, "identity_unverified"), (22, "check_refused")):
        (refusal,) = [rule for rule in rules_of(article) if rule.modality == "must_not"]
        assert refusal.condition is not None and term in refusal.condition


@pytest.mark.parametrize("kind", sorted(v.KIND_CODES))
def test_holding_a_large_event_binds_every_organization(kind: str) -> None:
    """20: "举办大型活动应当依法采取有效措施……发生突发事件时,及时采取应急处置措施" — the one
    holding the event, whatever its kind, on the condition that it holds one; no person."""
    level = v.levels_of(kind)[0] if v.levelled(kind) else None
    answer = regulations.applies("xinjiang", kind, level, as_of=AS_OF)
    ids = {r.id: r.condition for a in answer.articles if a.article == 20 for r in a.rules}
    if v.is_person(kind):
        assert ids == {}
    else:
        assert ids["xinjiang.20.3"] == "large_event()"
        assert ids["xinjiang.20.5"] is not None and "large_event() as e" in ids["xinjiang.20.5"]
