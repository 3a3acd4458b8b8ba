"""What each demo agency publishes: its own subject matter, not one list for all.

A district's 民政局 publishes 低保 standards and its 应急管理局 flood-season warnings; a
demo in which every agency publishes every kind of notice reads as generated. So each
agency here has its *matters*: the titles it issues, in which column, under which
information type, with which kind of body (:class:`~gongkai.demo.bodies.Genre`), and —
for what is tied to the calendar (春节值班, 汛期, 开学, 决算) — the months it is issued in.

Title patterns fill these slots:

* ``{a}`` the agency's short name, ``{y}`` the year, ``{py}`` the year before, ``{ny}``
  the year after (元旦 is announced in December);
* ``{item}`` one of the matter's items (one title per item, ever, when there is no
  ``{y}``: a 办法 is issued once, not every year);
* ``{street}`` one of the district's streets (news);
* ``{q}`` a quarter, issued in the month after it ends (第一季度 in April);
* ``{n}`` the next number of a series (决定书, 常务会议), given in date order.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.demo.bodies import Figure, Genre
from gongkai.rules.catalogue import InfoType

ALL_YEAR = tuple(range(1, 13))
# 第{q}季度: the quarter's name and the month its figures come out in.
QUARTERS = (("一", 4), ("二", 7), ("三", 10))
# The district's streets (硚口区's real ones), where news and inspections take place.
STREETS = (
    "宗关街",
    "汉水桥街",
    "宝丰街",
    "荣华街",
    "汉中街",
    "汉正街",
    "六角亭街",
    "易家墩街",
    "韩家墩街",
    "古田街",
    "长丰街",
)


@dataclass(frozen=True)
class Title:
    """A title pattern; ``months`` when it is only issued then (seasonal)."""

    pattern: str
    months: tuple[int, ...] = ALL_YEAR


def F(label: str, unit: str, low: float, high: float) -> Figure:
    return Figure(label, unit, low, high)


@dataclass(frozen=True)
class Matter:
    """One thing an agency publishes about, in one column under one information type."""

    column: str  # the Art. 20 column's key
    info_type: InfoType
    genre: Genre
    subject: str  # 主题分类 (its first level: the entry field's choices)
    topic: str  # what the body is about, in a phrase: 「城乡低保」
    titles: tuple[Title, ...]
    items: tuple[str, ...] = ()
    points: tuple[str, ...] = ()  # the work it involves, for the body's tasks
    figures: tuple[Figure, ...] = ()  # what a statistics or announcement body reports
    basis: str = ""  # the law or higher document the body cites
    repeat: int = 0  # titles with {n}: how many a year at most
    topic_column: str = ""  # slug of the 专题专栏 its entries join


@dataclass(frozen=True)
class Subject:
    """An agency's subject matter: its duties, its superior, its 机关代字 and matters."""

    code: str  # 机关代字 of its 文号: 硚民 → 硚民发〔2025〕3号, 硚民规〔2025〕1号
    upper: str  # the city body above it, cited in notices
    duties: str  # its main functions, in one clause
    addressee: str  # whom its notices are sent to (主送机关)
    matters: tuple[Matter, ...]
    normative: bool = True  # issues 行政规范性文件 (the big-data centre does not)


def T(pattern: str, *months: int) -> Title:
    return Title(pattern, months or ALL_YEAR)


N = InfoType
G = Genre

GENERAL = "综合政务"
ECONOMY = "国民经济管理、国有资产监管"
FINANCE = "财政、金融、审计"
MARKET = "市场监管、安全生产监管"
URBAN = "城乡建设、环境保护"
EDUCATION = "科技、教育"
HEALTH = "卫生、体育"
LABOUR = "劳动、人事、监察"
SECURITY = "公安、安全、司法"
WELFARE = "民政、扶贫、救灾"
DEFENCE = "国防"

# Topic columns (专题专栏) the operator runs; matters name the one their entries join.
BUSINESS = "yingshang-huanjing"
FLOODS = "fangxun-anquan"
TOPIC_COLUMNS: tuple[tuple[str, str, str], ...] = (
    (
        "优化营商环境专题",
        BUSINESS,
        "集中公开全区优化营商环境的政策文件、涉企许可和监管信息，方便市场主体一站查阅。",
    ),
    (
        "防汛抗旱与安全生产专题",
        FLOODS,
        "汇集全区防汛抗旱、地质灾害防范和安全生产的通知、预案与预警信息。",
    ),
)


def _budget() -> tuple[Matter, ...]:
    """What every agency publishes about its money (Art. 20 (七)), on the legal calendar:
    the budget within 20 days of approval (Feb–Mar), the final accounts in summer."""
    return (
        Matter(
            "budget",
            N.BUDGET,
            G.BUDGET,
            FINANCE,
            "部门预算",
            (T("{a}{y}年部门预算公开", 2, 3), T("{a}{y}年“三公”经费预算情况说明", 2, 3)),
            basis="《中华人民共和国预算法》",
        ),
        Matter(
            "budget",
            N.BUDGET,
            G.BUDGET,
            FINANCE,
            "部门决算",
            (T("{a}{py}年度部门决算公开", 7, 8, 9),),
            basis="《中华人民共和国预算法》",
        ),
    )


def _plans() -> tuple[Matter, ...]:
    return (
        Matter(
            "plans",
            N.PLAN,
            G.PLAN,
            GENERAL,
            "年度工作",
            (
                T("{a}{y}年工作要点", 1, 2, 3),
                T("{a}{py}年工作总结", 1, 2),
                T("{a}{y}年上半年工作总结", 7, 8),
            ),
        ),
        Matter(
            "regulations",
            N.OTHER_DOCUMENT,
            G.NOTICE,
            GENERAL,
            "政务公开",
            (T("{a}关于印发《{y}年政务公开工作要点》的通知", 3, 4),),
            points=(
                "围绕重点领域加大政策发布解读力度",
                "及时更新法定主动公开内容",
                "规范依申请公开办理流程",
                "加强政府网站和政务新媒体管理",
            ),
            basis="《中华人民共和国政府信息公开条例》",
        ),
    )


def _appointments() -> Matter:
    return Matter(
        "civil_service",
        N.PERSONNEL,
        G.PERSONNEL,
        LABOUR,
        "干部任前公示",
        (T("{a}{y}年第{item}批干部任前公示"),),
        items=("一", "二"),
        basis="《党政领导干部选拔任用工作条例》",
    )


def _news(*items: str) -> Matter:
    """工作动态: what the agency did, where. The yearly forms recur each year; the street
    forms once per street and item."""
    return Matter(
        "other",
        N.NEWS,
        G.NEWS,
        GENERAL,
        "工作动态",
        (
            T("{a}召开{y}年{item}工作推进会"),
            T("{a}举办{y}年{item}业务培训班"),
            T("{a}开展{y}年{item}督导检查"),
            T("{a}赴{street}调研{item}工作"),
            T("{a}在{street}开展{item}专项行动"),
        ),
        items=items,
    )


def _procurement(*projects: str) -> tuple[Matter, ...]:
    return (
        Matter(
            "procurement",
            N.NOTICE,
            G.PROCUREMENT,
            FINANCE,
            "政府采购",
            (T("{a}{y}年{item}项目中标（成交）结果公告"),),
            items=projects,
            basis="《中华人民共和国政府采购法》",
        ),
        Matter(
            "procurement",
            N.NOTICE,
            G.ANNOUNCEMENT,
            FINANCE,
            "政府采购意向",
            (T("{a}{y}年政府采购意向公开", 1, 2, 3),),
            basis="《财政部关于开展政府采购意向公开工作的通知》",
            figures=(F("采购项目", "项", 3, 12), F("预算金额", "万元", 80, 900)),
        ),
    )


def _spot_checks(topic_column: str = BUSINESS) -> tuple[Matter, ...]:
    """双随机、一公开: the plan in spring, the results at the end of the year."""
    return (
        Matter(
            "inspections",
            N.NOTICE,
            G.ANNOUNCEMENT,
            MARKET,
            "“双随机、一公开”监管",
            (
                T("{a}{y}年度“双随机、一公开”抽查计划", 3, 4),
                T("{a}{y}年度“双随机、一公开”抽查结果公示", 11, 12),
            ),
            basis="《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》",
            figures=(F("抽查对象", "户", 60, 240), F("发现问题", "户", 3, 20)),
            topic_column=topic_column,
        ),
    )


def _normative(items: tuple[str, ...], topic: str, basis: str, **extra: str) -> Matter:
    """行政规范性文件: each 办法 issued once (no year in the title), numbered 〔年〕N号."""
    return Matter(
        "regulations",
        N.NORMATIVE_DOCUMENT,
        G.NORMATIVE,
        extra.get("subject", GENERAL),
        topic,
        (T("{a}关于印发《{item}》的通知"),),
        items=items,
        basis=basis,
        topic_column=extra.get("topic_column", ""),
    )


def _street(name: str, communities: tuple[str, ...]) -> Subject:
    """A 街道办事处: 低保 reviews, 网格, 社区 work and its own flood duty."""
    return Subject(
        code=name.removesuffix("道"),
        upper="区人民政府",
        duties="负责辖区社区建设、社会救助初审、城市管理和平安建设等工作",
        addressee="各社区居民委员会，街道各办（中心）：",
        matters=(
            Matter(
                "social_assistance",
                N.NOTICE,
                G.ANNOUNCEMENT,
                WELFARE,
                "城乡低保审核",
                (T("{a}{y}年第{q}季度城乡低保审核情况公示"),),
                basis="《社会救助暂行办法》",
                figures=(
                    F("新增低保对象", "户", 3, 25),
                    F("停发低保对象", "户", 1, 12),
                    F("在保对象", "户", 180, 620),
                ),
            ),
            Matter(
                "civil_service",
                N.PERSONNEL,
                G.PERSONNEL,
                LABOUR,
                "社区工作者招聘",
                (T("{a}{y}年公开招聘社区专职网格员公告", 3, 4, 5),),
                basis="《武汉市社区工作者管理办法》",
            ),
            Matter(
                "emergencies",
                N.NOTICE,
                G.NOTICE,
                SECURITY,
                "防汛工作",
                (T("{a}关于做好{y}年辖区防汛工作的通知", 4, 5),),
                points=(
                    "排查辖区低洼地段和危旧房屋",
                    "落实社区防汛责任人和巡查值守",
                    "备足防汛物资并开展应急演练",
                ),
                basis="《中华人民共和国防洪法》",
                topic_column=FLOODS,
            ),
            Matter(
                "public_services",
                N.NOTICE,
                G.ANNOUNCEMENT,
                URBAN,
                "老旧小区改造",
                (T("{a}{item}老旧小区改造项目公示"),),
                items=tuple(f"{c}社区" for c in communities),
                basis="《武汉市老旧小区改造工作方案》",
                figures=(
                    F("改造楼栋", "栋", 6, 30),
                    F("惠及居民", "户", 200, 1500),
                    F("估算投资", "万元", 300, 2600),
                ),
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.NOTICE,
                HEALTH,
                "居民医保参保",
                (T("{a}关于做好{y}年度城乡居民医保集中参保缴费工作的通知", 9, 10),),
                points=(
                    "入户宣传城乡居民医保政策",
                    "摸清未参保人员底数",
                    "协助困难群众享受参保资助",
                ),
                basis="《武汉市城乡居民基本医疗保险办法》",
            ),
            Matter(
                "other",
                N.NOTICE,
                G.ANNOUNCEMENT,
                FINANCE,
                "社区惠民资金",
                (T("{a}{y}年度社区惠民资金使用情况公示", 11, 12),),
                basis="《武汉市社区惠民资金管理办法》",
                figures=(F("资助项目", "个", 8, 24), F("使用资金", "万元", 20, 60)),
            ),
            _news("社区网格化管理", "平安社区建设", "文明城市创建", "社区志愿服务", "垃圾分类"),
            _appointments(),
            *_budget(),
            *_plans(),
        ),
        normative=False,
    )


SUBJECTS: dict[str, Subject] = {
    "qzf": Subject(
        code="硚政",
        upper="市人民政府",
        duties="负责全区经济社会发展的统筹规划、重大事项决策和公共服务管理",
        addressee="各街道办事处，区人民政府各部门：",
        matters=(
            _normative(
                (
                    "硚口区重大行政决策程序规定",
                    "硚口区行政规范性文件管理办法",
                    "硚口区政府投资项目管理办法",
                    "硚口区优化营商环境若干措施",
                ),
                "依法行政",
                "《重大行政决策程序暂行条例》",
                topic_column=BUSINESS,
            ),
            Matter(
                "plans",
                N.PLAN,
                G.PLAN,
                ECONOMY,
                "国民经济和社会发展",
                (T("硚口区{y}年国民经济和社会发展计划", 1, 2), T("硚口区{y}年政府工作报告", 1, 2)),
            ),
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                ECONOMY,
                "国民经济和社会发展",
                (T("硚口区{py}年国民经济和社会发展统计公报", 3, 4),),
                figures=(
                    F("地区生产总值", "亿元", 1250, 1480),
                    F("一般公共预算收入", "亿元", 42, 58),
                    F("社会消费品零售总额", "亿元", 620, 790),
                    F("城镇常住居民人均可支配收入", "元", 52000, 61000),
                ),
            ),
            Matter(
                "major_projects",
                N.PLAN,
                G.PLAN,
                ECONOMY,
                "重大建设项目",
                (T("硚口区{y}年重大建设项目计划", 2, 3),),
                topic_column=BUSINESS,
            ),
            Matter(
                "other",
                N.NEWS,
                G.NEWS,
                GENERAL,
                "政府常务会议",
                (T("区人民政府{y}年第{n}次常务会议"),),
                repeat=12,
            ),
            Matter(
                "emergencies",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                SECURITY,
                "防汛抗旱",
                (T("{a}关于切实做好{y}年防汛抗旱工作的通知", 4, 5),),
                points=(
                    "压实防汛抗旱责任",
                    "开展汛前隐患排查整治",
                    "做好值班值守和信息报送",
                    "加强应急队伍和物资保障",
                ),
                basis="《中华人民共和国防洪法》",
                topic_column=FLOODS,
            ),
            *_budget(),
        ),
    ),
    "qzfb": Subject(
        code="硚政办",
        upper="市人民政府办公厅",
        duties="负责区政府日常运转、督查督办、政务公开和政务服务统筹协调",
        addressee="各街道办事处，区人民政府各部门：",
        matters=(
            Matter(
                "regulations",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                GENERAL,
                "节假日值班",
                (
                    T("{a}关于做好{ny}年元旦期间值班工作的通知", 12),
                    T("{a}关于做好{y}年春节期间值班工作的通知", 1),
                    T("{a}关于做好{y}年清明节期间值班工作的通知", 3),
                    T("{a}关于做好{y}年劳动节期间值班工作的通知", 4),
                    T("{a}关于做好{y}年端午节期间值班工作的通知", 5, 6),
                    T("{a}关于做好{y}年中秋节、国庆节期间值班工作的通知", 9),
                ),
                points=(
                    "严格执行领导带班和24小时值班制度",
                    "及时报告突发事件信息",
                    "做好节日期间安全防范和应急准备",
                ),
                basis="《武汉市人民政府办公厅值班工作规定》",
            ),
            _normative(
                (
                    "硚口区政府信息公开申请办理规范",
                    "硚口区政务新媒体管理办法",
                    "硚口区政务服务“好差评”管理办法",
                    "硚口区12345市民服务热线工作规范",
                ),
                "政务公开",
                "《中华人民共和国政府信息公开条例》",
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.ANNOUNCEMENT,
                GENERAL,
                "政府网站检查",
                (T("{a}关于{y}年第{q}季度政府网站与政务新媒体检查情况的通报"),),
                basis="《政府网站与政务新媒体检查指标》",
                figures=(
                    F("检查政府网站", "个", 18, 20),
                    F("检查政务新媒体账号", "个", 40, 70),
                    F("发现问题", "个", 5, 30),
                ),
            ),
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                GENERAL,
                "12345热线办理",
                (T("{a}{y}年第{q}季度12345市民服务热线办理情况"),),
                figures=(
                    F("受理市民诉求", "件", 8000, 15000),
                    F("按时办结率", "%", 95, 99.5),
                    F("群众满意率", "%", 90, 98),
                ),
            ),
            *_plans(),
            _news("政务公开", "政务服务", "督查督办", "12345热线办理"),
            _appointments(),
            *_budget(),
        ),
    ),
    "dsj": Subject(
        code="硚数据",
        upper="市大数据中心",
        duties="负责全区政务信息化基础设施、政府网站集约化平台和政务数据共享",
        addressee="区直各单位，各街道办事处：",
        matters=(
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                GENERAL,
                "政府网站运行",
                (T("{a}{y}年第{q}季度政府网站运行情况"), T("硚口区政府网站{py}年度工作报表", 1)),
                figures=(
                    F("政府网站总访问量", "万次", 80, 260),
                    F("发布信息", "条", 1500, 4000),
                    F("办结网民留言", "件", 200, 800),
                ),
            ),
            Matter(
                "other",
                N.NOTICE,
                G.ANNOUNCEMENT,
                GENERAL,
                "政务系统维护",
                (T("{a}关于{item}的公告"),),
                items=(
                    "政务外网核心设备升级期间暂停服务",
                    "政务云平台例行维护",
                    "政府网站集约化平台迁移",
                    "统一身份认证系统升级",
                ),
            ),
            Matter(
                "plans",
                N.PLAN,
                G.PLAN,
                GENERAL,
                "政务数据资源",
                (T("硚口区政务数据资源目录（{y}年版）", 5, 6), T("{a}{y}年工作要点", 1, 2, 3)),
            ),
            _news("政务数据共享交换", "政府网站集约化", "电子政务外网运维", "数据安全检查"),
            *_procurement("电子政务外网运维服务", "政务云资源租用服务", "政府网站安全监测服务"),
            *_budget(),
        ),
        normative=False,
    ),
    "fgj": Subject(
        code="硚发改",
        upper="市发展和改革委员会",
        duties="负责全区国民经济和社会发展规划、重大项目、价格和节能管理",
        addressee="区直各有关单位，各街道办事处：",
        matters=(
            Matter(
                "major_projects",
                N.PLAN,
                G.PLAN,
                ECONOMY,
                "重大项目",
                (T("{a}关于下达{y}年区级重大项目投资计划的通知", 2, 3),),
                topic_column=BUSINESS,
            ),
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                ECONOMY,
                "价格监测",
                (T("{a}{y}年第{q}季度重要民生商品价格监测情况"),),
                figures=(
                    F("粳米零售均价", "元/公斤", 5.2, 6.8),
                    F("猪肉（精瘦肉）零售均价", "元/公斤", 24.0, 36.0),
                    F("大白菜零售均价", "元/公斤", 1.6, 3.8),
                    F("鸡蛋零售均价", "元/公斤", 8.5, 12.5),
                ),
            ),
            Matter(
                "regulations",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                ECONOMY,
                "节能降碳",
                (T("{a}关于开展{y}年度{item}工作的通知"),),
                items=(
                    "重点用能单位节能目标责任评价考核",
                    "粮食安全责任制考核",
                    "社会信用体系建设",
                    "成品油市场价格检查",
                ),
                points=("对照指标开展自查", "报送年度工作总结和佐证材料", "接受现场核查"),
                basis="《中华人民共和国节约能源法》",
            ),
            _normative(
                ("硚口区招商引资项目奖励办法", "硚口区社会信用体系建设实施办法"),
                "营商环境",
                "《优化营商环境条例》",
                topic_column=BUSINESS,
                subject=ECONOMY,
            ),
            _news("重大项目建设", "优化营商环境", "民营经济发展", "节能降碳"),
            _appointments(),
            *_plans(),
            *_budget(),
        ),
    ),
    "jyj": Subject(
        code="硚教",
        upper="市教育局",
        duties="负责全区学前教育、义务教育和教师队伍管理",
        addressee="各中小学校、幼儿园，区直属教育单位：",
        matters=(
            Matter(
                "livelihood",
                N.NOTICE,
                G.NOTICE,
                EDUCATION,
                "义务教育招生",
                (T("{a}关于做好{y}年义务教育招生入学工作的通知", 4, 5),),
                points=(
                    "坚持免试就近入学",
                    "公布学校招生范围",
                    "做好随迁子女入学保障",
                    "严禁以各类考试选拔学生",
                ),
                basis="《中华人民共和国义务教育法》",
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.ANNOUNCEMENT,
                EDUCATION,
                "学校招生范围",
                (T("{a}{y}年义务教育学校招生范围公告", 6, 7),),
                basis="《中华人民共和国义务教育法》",
                figures=(F("公办小学", "所", 30, 36), F("公办初中", "所", 12, 16)),
            ),
            Matter(
                "emergencies",
                N.NOTICE,
                G.NOTICE,
                EDUCATION,
                "学生假期安全",
                (
                    T("{a}关于做好{y}年寒假期间学生安全工作的通知", 1),
                    T("{a}关于做好{y}年暑假期间学生安全工作的通知", 6, 7),
                    T("{a}关于做好{y}年秋季开学工作的通知", 8),
                ),
                points=(
                    "开展防溺水安全教育",
                    "排查校园及周边安全隐患",
                    "落实家校联系和假期值班",
                    "做好校园食品安全管理",
                ),
                basis="《中小学幼儿园安全管理办法》",
            ),
            Matter(
                "civil_service",
                N.PERSONNEL,
                G.PERSONNEL,
                LABOUR,
                "教师招聘",
                (
                    T("{a}{y}年公开招聘中小学教师公告", 3, 4),
                    T("{a}{y}年公开招聘中小学教师拟聘用人员公示", 7, 8),
                ),
                basis="《事业单位公开招聘人员暂行规定》",
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.ANNOUNCEMENT,
                EDUCATION,
                "学生资助",
                (T("{a}{y}年学前教育幼儿资助资金分配结果公示", 10, 11),),
                basis="《学生资助资金管理办法》",
                figures=(F("受助幼儿", "人", 300, 900), F("资助资金", "万元", 30, 90)),
            ),
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                EDUCATION,
                "教育事业发展",
                (T("硚口区{py}年教育事业发展统计公报", 3, 4),),
                figures=(
                    F("中小学校", "所", 55, 62),
                    F("在校学生", "人", 52000, 60000),
                    F("专任教师", "人", 4200, 4800),
                    F("普惠性幼儿园覆盖率", "%", 88, 95),
                ),
            ),
            _normative(
                (
                    "硚口区中小学课后服务管理办法",
                    "硚口区校外培训机构监督管理办法",
                    "硚口区学生资助工作管理办法",
                ),
                "教育管理",
                "《中华人民共和国教育法》",
                subject=EDUCATION,
            ),
            _news("课后服务", "校园安全检查", "教师培训", "学生体质健康监测", "集团化办学"),
            *_spot_checks(""),
            *_budget(),
        ),
    ),
    "mzj": Subject(
        code="硚民",
        upper="市民政局",
        duties="负责全区社会救助、养老服务、社会组织管理和社会事务工作",
        addressee="各街道办事处，各养老服务机构：",
        matters=(
            Matter(
                "livelihood",
                N.NOTICE,
                G.NOTICE,
                WELFARE,
                "城乡低保",
                (T("{a}关于调整{y}年城乡最低生活保障标准的通知", 6, 7),),
                points=(
                    "提高城乡低保标准",
                    "落实分类施保",
                    "做好低保资金按月足额发放",
                    "加强低保对象动态管理",
                ),
                basis="《社会救助暂行办法》",
            ),
            Matter(
                "social_assistance",
                N.NOTICE,
                G.ANNOUNCEMENT,
                WELFARE,
                "城乡低保资金",
                (T("{a}{y}年第{q}季度城乡低保资金发放情况公示"),),
                basis="《社会救助暂行办法》",
                figures=(
                    F("城乡低保对象", "户", 2800, 3600),
                    F("保障人数", "人", 4200, 5400),
                    F("发放低保资金", "万元", 1100, 1500),
                ),
            ),
            Matter(
                "social_assistance",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                WELFARE,
                "冬春救助",
                (T("{a}关于做好{y}年冬春困难群众救助工作的通知", 11, 12),),
                points=(
                    "开展困难群众走访排查",
                    "及时发放临时救助金",
                    "落实流浪乞讨人员寒冬救助",
                    "保障特困人员基本生活",
                ),
                basis="《社会救助暂行办法》",
            ),
            Matter(
                "other",
                N.NOTICE,
                G.ANNOUNCEMENT,
                WELFARE,
                "社会组织年检",
                (T("{a}关于开展{y}年度社会组织年度检查工作的公告", 3, 4),),
                basis="《社会团体登记管理条例》",
                figures=(F("应参加年检社会组织", "家", 180, 260),),
            ),
            Matter(
                "public_services",
                N.NOTICE,
                G.NOTICE,
                WELFARE,
                "清明祭扫",
                (T("{a}关于做好{y}年清明节祭扫服务保障工作的通知", 3),),
                points=("推行预约祭扫和错峰祭扫", "倡导文明低碳祭扫", "做好祭扫场所安全管理"),
                basis="《殡葬管理条例》",
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.ANNOUNCEMENT,
                WELFARE,
                "高龄津贴",
                (T("{a}{y}年第{q}季度高龄津贴发放情况公示"),),
                basis="《湖北省老年人权益保障条例》",
                figures=(F("享受高龄津贴老人", "人", 9000, 12000), F("发放津贴", "万元", 300, 480)),
            ),
            _normative(
                (
                    "硚口区临时救助实施办法",
                    "硚口区特困人员救助供养实施办法",
                    "硚口区居家养老服务补贴管理办法",
                ),
                "社会救助",
                "《社会救助暂行办法》",
                subject=WELFARE,
            ),
            _news("社区养老服务", "养老机构消防安全检查", "婚姻登记颁证", "社会组织培训"),
            *_procurement("社会救助家庭经济状况核对服务", "社区居家养老服务"),
            *_budget(),
        ),
    ),
    "czj": Subject(
        code="硚财",
        upper="市财政局",
        duties="负责全区财政收支、预算管理、政府采购监管和政府债务管理",
        addressee="区直各部门，各街道办事处：",
        matters=(
            Matter(
                "budget",
                N.BUDGET,
                G.BUDGET,
                FINANCE,
                "区级预决算",
                (T("硚口区{y}年区级预算", 1, 2), T("硚口区{py}年区级决算", 7, 8)),
                basis="《中华人民共和国预算法》",
            ),
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                FINANCE,
                "预算执行",
                (T("{a}{y}年第{q}季度全区预算执行情况"),),
                figures=(
                    F("一般公共预算收入", "亿元", 10, 16),
                    F("税收收入", "亿元", 8, 13),
                    F("一般公共预算支出", "亿元", 14, 22),
                    F("民生支出占比", "%", 75, 82),
                ),
            ),
            Matter(
                "budget",
                N.BUDGET,
                G.ANNOUNCEMENT,
                FINANCE,
                "政府债务",
                (T("硚口区{y}年政府债务限额及余额情况", 2, 3),),
                basis="《中华人民共和国预算法》",
                figures=(F("政府债务限额", "亿元", 90, 130), F("政府债务余额", "亿元", 80, 88)),
            ),
            Matter(
                "regulations",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                FINANCE,
                "惠民惠农补贴",
                (T("{a}关于下达{y}年{item}的通知"),),
                items=("惠民惠农财政补贴资金", "困难群众救助补助资金", "城市社区建设补助资金"),
                points=("及时拨付资金", "严格资金使用范围", "按要求公开补贴发放情况"),
                basis="《财政部关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》",
            ),
            Matter(
                "procurement",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                FINANCE,
                "政府集中采购目录",
                (T("{a}关于公布{y}年政府集中采购目录及标准的通知", 1),),
                points=("明确集中采购机构采购项目", "明确分散采购限额标准", "规范采购方式"),
                basis="《中华人民共和国政府采购法》",
                topic_column=BUSINESS,
            ),
            _normative(
                ("硚口区区级财政专项资金管理办法", "硚口区政府采购内部控制管理办法"),
                "财政管理",
                "《中华人民共和国预算法》",
                subject=FINANCE,
            ),
            _news("预算绩效管理", "政府采购监管", "国有资产清查"),
            *_budget(),
        ),
    ),
    "rsj": Subject(
        code="硚人社",
        upper="市人力资源和社会保障局",
        duties="负责全区就业创业、社会保险、人才人事和劳动关系工作",
        addressee="各街道办事处，区直各单位：",
        matters=(
            Matter(
                "livelihood",
                N.NOTICE,
                G.NOTICE,
                LABOUR,
                "高校毕业生就业",
                (T("{a}关于做好{y}年高校毕业生就业创业工作的通知", 3, 4, 5),),
                points=("开展线上线下专场招聘", "落实就业见习补贴", "做好离校未就业毕业生帮扶"),
                basis="《中华人民共和国就业促进法》",
            ),
            Matter(
                "civil_service",
                N.PERSONNEL,
                G.PERSONNEL,
                LABOUR,
                "事业单位招聘",
                (
                    T("{a}{y}年区直事业单位公开招聘工作人员公告", 4, 5),
                    T("{a}{y}年区直事业单位公开招聘拟聘用人员公示", 8, 9),
                ),
                basis="《事业单位公开招聘人员暂行规定》",
            ),
            Matter(
                "livelihood",
                N.OTHER_DOCUMENT,
                G.NOTICE,
                LABOUR,
                "社保缴费基数",
                (T("{a}关于公布{y}年度社会保险缴费基数上下限的通知", 7),),
                points=("公布缴费基数上限和下限", "做好缴费基数申报核定", "按时足额缴纳社会保险费"),
                basis="《中华人民共和国社会保险法》",
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.NOTICE,
                LABOUR,
                "根治欠薪",
                (T("{a}关于开展{y}年根治欠薪冬季专项行动的通知", 11, 12),),
                points=(
                    "全面排查在建工程项目欠薪隐患",
                    "畅通欠薪投诉举报渠道",
                    "依法查处拒不支付劳动报酬行为",
                ),
                basis="《保障农民工工资支付条例》",
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.ANNOUNCEMENT,
                LABOUR,
                "就业补贴",
                (T("{a}{y}年第{q}季度就业补贴资金发放情况公示"),),
                basis="《就业补助资金管理办法》",
                figures=(F("享受补贴人员", "人", 200, 900), F("发放补贴资金", "万元", 60, 300)),
            ),
            _normative(
                (
                    "硚口区就业见习管理办法",
                    "硚口区创业担保贷款贴息实施办法",
                    "硚口区职业技能培训补贴管理办法",
                ),
                "就业创业",
                "《中华人民共和国就业促进法》",
                subject=LABOUR,
            ),
            _news("重点群体就业帮扶", "劳动保障监察", "职业技能培训", "零工驿站建设"),
            *_spot_checks(""),
            *_budget(),
        ),
    ),
    "fgxj": Subject(
        code="硚住更",
        upper="市住房和城市更新局",
        duties="负责全区住房保障、城市更新、房屋征收和物业管理",
        addressee="各街道办事处，各物业服务企业：",
        matters=(
            Matter(
                "major_projects",
                N.PLAN,
                G.PLAN,
                URBAN,
                "老旧小区改造",
                (T("硚口区{y}年老旧小区改造计划", 2, 3),),
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.ANNOUNCEMENT,
                URBAN,
                "公租房配租",
                (
                    T("{a}关于{y}年第一批公共租赁住房配租结果的公示", 4, 5),
                    T("{a}关于{y}年第二批公共租赁住房配租结果的公示", 9, 10),
                ),
                basis="《公共租赁住房管理办法》",
                figures=(F("配租房源", "套", 80, 260), F("配租家庭", "户", 80, 260)),
            ),
            Matter(
                "expropriation",
                N.NOTICE,
                G.ANNOUNCEMENT,
                URBAN,
                "房屋征收",
                (T("{a}关于{item}国有土地上房屋征收决定的公告"),),
                items=("汉正街东片", "古田二路", "宗关水厂周边", "长丰大道北侧", "韩家墩路口"),
                basis="《国有土地上房屋征收与补偿条例》",
                figures=(
                    F("征收范围内房屋", "户", 120, 900),
                    F("房屋建筑面积", "平方米", 8000, 60000),
                ),
            ),
            Matter(
                "emergencies",
                N.NOTICE,
                G.NOTICE,
                URBAN,
                "汛期房屋安全",
                (T("{a}关于做好{y}年汛期房屋安全隐患排查的通知", 5, 6),),
                points=("排查危旧房屋和在建工地", "落实物业企业巡查责任", "及时转移危险区域居民"),
                basis="《城市危险房屋管理规定》",
                topic_column=FLOODS,
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.NOTICE,
                URBAN,
                "物业服务检查",
                (T("{a}关于开展{y}年物业服务质量专项检查的通知", 5, 6, 9, 10),),
                points=("检查物业服务合同履行情况", "检查消防通道和电梯维保", "公开检查结果"),
                basis="《物业管理条例》",
            ),
            _normative(
                ("硚口区公共租赁住房管理实施细则", "硚口区老旧小区改造资金管理办法"),
                "住房保障",
                "《公共租赁住房管理办法》",
                subject=URBAN,
            ),
            _news("老旧小区改造", "城市更新", "物业管理", "保障性住房建设"),
            _appointments(),
            *_budget(),
        ),
    ),
    "wjj": Subject(
        code="硚卫健",
        upper="市卫生健康委员会",
        duties="负责全区医疗卫生服务、疾病预防控制、卫生监督和人口家庭工作",
        addressee="各医疗卫生机构，区直属卫生健康单位：",
        matters=(
            Matter(
                "livelihood",
                N.NOTICE,
                G.NOTICE,
                HEALTH,
                "传染病防控",
                (T("{a}关于做好{y}年秋冬季流感等呼吸道传染病防控工作的通知", 10, 11),),
                points=(
                    "加强发热门诊和预检分诊",
                    "开展重点人群疫苗接种",
                    "做好学校和养老机构防控",
                    "及时报告聚集性疫情",
                ),
                basis="《中华人民共和国传染病防治法》",
            ),
            Matter(
                "emergencies",
                N.NOTICE,
                G.NOTICE,
                HEALTH,
                "高温中暑防范",
                (T("{a}关于做好{y}年高温中暑防范工作的通知", 6, 7),),
                points=("做好中暑病例救治准备", "开展防暑知识宣传", "关注户外作业人员健康"),
                basis="《防暑降温措施管理办法》",
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.ANNOUNCEMENT,
                HEALTH,
                "卫生监督抽检",
                (T("{a}{y}年第{q}季度公共场所卫生监督抽检结果公告"),),
                basis="《公共场所卫生管理条例》",
                figures=(F("抽检公共场所", "家", 40, 120), F("合格率", "%", 92, 99)),
            ),
            Matter(
                "licensing",
                N.NOTICE,
                G.ANNOUNCEMENT,
                HEALTH,
                "医疗机构校验",
                (T("{a}关于{y}年度医疗机构校验结果的公告", 4, 5),),
                basis="《医疗机构管理条例》",
                figures=(F("参加校验医疗机构", "家", 120, 260), F("暂缓校验", "家", 1, 6)),
            ),
            Matter(
                "civil_service",
                N.PERSONNEL,
                G.PERSONNEL,
                LABOUR,
                "卫生人才招聘",
                (T("{a}{y}年公开招聘卫生专业技术人员公告", 5, 6),),
                basis="《事业单位公开招聘人员暂行规定》",
            ),
            Matter(
                "penalty_enforcement",
                N.PENALTY_DECISION,
                G.DECISION,
                HEALTH,
                "卫生行政处罚",
                (T("{a}行政处罚决定书（硚卫罚〔{y}〕{n}号）"),),
                points=(
                    "未取得医疗机构执业许可证擅自执业",
                    "公共场所未取得卫生许可证经营",
                    "使用非卫生技术人员从事医疗卫生技术工作",
                ),
                basis="《医疗机构管理条例》",
                repeat=8,
            ),
            Matter(
                "licensing",
                N.LICENSING_DECISION,
                G.DECISION,
                HEALTH,
                "卫生许可",
                (T("{a}公共场所卫生许可决定书（硚卫许〔{y}〕{n}号）"),),
                points=("公共场所卫生许可（新办）", "公共场所卫生许可（延续）"),
                basis="《公共场所卫生管理条例》",
                repeat=8,
            ),
            _news("家庭医生签约服务", "基本公共卫生服务", "无偿献血", "健康促进"),
            *_spot_checks(""),
            *_budget(),
        ),
    ),
    "scj": Subject(
        code="硚市监",
        upper="市市场监督管理局",
        duties="负责全区市场主体登记、食品药品安全、产品质量和价格监督管理",
        addressee="各市场监管所，局机关各科室：",
        matters=(
            Matter(
                "inspections",
                N.NOTICE,
                G.ANNOUNCEMENT,
                MARKET,
                "食品安全抽检",
                (T("{a}{y}年第{q}季度食品安全监督抽检结果公告"),),
                basis="《中华人民共和国食品安全法》",
                figures=(F("抽检食品", "批次", 300, 900), F("检验合格率", "%", 96, 99.5)),
                topic_column=BUSINESS,
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.NOTICE,
                MARKET,
                "节日市场监管",
                (
                    T("{a}关于做好{y}年春节期间市场监管工作的通知", 1),
                    T("{a}关于开展{y}年中秋国庆节日市场专项检查的通知", 9),
                ),
                points=("加强节日食品安全检查", "严查价格违法行为", "畅通投诉举报渠道"),
                basis="《中华人民共和国食品安全法》",
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.NOTICE,
                MARKET,
                "特种设备安全",
                (T("{a}关于开展{y}年电梯安全专项检查的通知", 4, 5, 9, 10),),
                points=("检查电梯维保记录", "督促使用单位落实主体责任", "依法处理安全隐患"),
                basis="《中华人民共和国特种设备安全法》",
            ),
            Matter(
                "licensing",
                N.LICENSING_DECISION,
                G.DECISION,
                MARKET,
                "食品经营许可",
                (T("{a}食品经营许可决定书（硚市监食许〔{y}〕{n}号）"),),
                points=("食品经营许可（新办）", "食品经营许可（变更）", "食品经营许可（延续）"),
                basis="《食品经营许可和备案管理办法》",
                repeat=14,
                topic_column=BUSINESS,
            ),
            Matter(
                "penalty_enforcement",
                N.PENALTY_DECISION,
                G.DECISION,
                MARKET,
                "市场监管行政处罚",
                (T("{a}行政处罚决定书（硚市监处罚〔{y}〕{n}号）"),),
                points=("经营超过保质期的食品", "未明码标价", "销售不合格产品"),
                basis="《中华人民共和国食品安全法》",
                repeat=12,
            ),
            Matter(
                "penalty_enforcement",
                N.ENFORCEMENT_DECISION,
                G.DECISION,
                MARKET,
                "市场监管行政强制",
                (T("{a}实施行政强制措施决定书（硚市监强〔{y}〕{n}号）"),),
                points=("查封涉嫌不符合食品安全标准的食品", "扣押涉嫌侵犯注册商标专用权的商品"),
                basis="《中华人民共和国行政强制法》",
                repeat=5,
            ),
            _normative(
                ("硚口区小微企业培育扶持办法", "硚口区食品安全信用分级分类监管办法"),
                "市场监管",
                "《优化营商环境条例》",
                topic_column=BUSINESS,
                subject=MARKET,
            ),
            _news("食品安全“守底线”", "知识产权保护", "放心消费创建", "个体工商户服务"),
            *_spot_checks(),
            *_budget(),
        ),
    ),
    "cgj": Subject(
        code="硚城管",
        upper="市城市管理执法委员会",
        duties="负责全区市容环境卫生、生活垃圾分类和城市管理综合执法",
        addressee="各街道城管执法中队，局机关各科室：",
        matters=(
            Matter(
                "public_services",
                N.NOTICE,
                G.NOTICE,
                URBAN,
                "市容环境整治",
                (
                    T("{a}关于开展{y}年春节前市容环境集中整治的通知", 1),
                    T("{a}关于开展{y}年夏季夜市占道经营专项整治的通知", 6, 7),
                ),
                points=("清理占道经营和乱堆乱放", "规范户外广告和店招设置", "加强重点区域保洁"),
                basis="《城市市容和环境卫生管理条例》",
            ),
            Matter(
                "statistics",
                N.STATISTICS,
                G.STATISTICS,
                URBAN,
                "生活垃圾分类",
                (T("{a}{y}年第{q}季度生活垃圾分类工作情况通报"),),
                figures=(
                    F("生活垃圾清运量", "吨", 40000, 60000),
                    F("可回收物回收量", "吨", 6000, 11000),
                    F("厨余垃圾分出量", "吨", 5000, 9000),
                    F("生活垃圾分类示范小区", "个", 60, 140),
                ),
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.NOTICE,
                URBAN,
                "渣土运输整治",
                (T("{a}关于开展{y}年建筑渣土运输专项整治的通知", 3, 4, 10),),
                points=("查处未密闭运输和抛洒滴漏", "检查工地出入口冲洗设施", "建立违规企业名单"),
                basis="《城市建筑垃圾管理规定》",
            ),
            Matter(
                "penalty_enforcement",
                N.PENALTY_DECISION,
                G.DECISION,
                URBAN,
                "城管行政处罚",
                (T("{a}行政处罚决定书（硚城管罚〔{y}〕{n}号）"),),
                points=(
                    "擅自占用城市道路设摊经营",
                    "未按规定分类投放生活垃圾",
                    "运输渣土车辆未密闭造成抛洒",
                ),
                basis="《城市市容和环境卫生管理条例》",
                repeat=12,
            ),
            Matter(
                "penalty_enforcement",
                N.ENFORCEMENT_DECISION,
                G.DECISION,
                URBAN,
                "违法建设查处",
                (T("{a}限期拆除决定书（硚城管拆〔{y}〕{n}号）"),),
                points=("未取得建设工程规划许可证搭建建筑物",),
                basis="《中华人民共和国城乡规划法》",
                repeat=5,
            ),
            _normative(
                ("硚口区生活垃圾分类管理办法", "硚口区户外广告设施设置管理办法"),
                "城市管理",
                "《城市市容和环境卫生管理条例》",
                subject=URBAN,
            ),
            _news("生活垃圾分类", "违法建设查处", "门前三包", "城市精细化管理"),
            *_budget(),
        ),
    ),
    "yjj": Subject(
        code="硚应急",
        upper="市应急管理局",
        duties="负责全区应急管理、安全生产综合监管、防汛抗旱和防灾减灾救灾工作",
        addressee="各街道办事处，区安全生产委员会各成员单位：",
        matters=(
            Matter(
                "emergencies",
                N.NOTICE,
                G.NOTICE,
                SECURITY,
                "防汛抗旱",
                (
                    T("{a}关于做好{y}年防汛抗旱工作的通知", 4, 5),
                    T("{a}关于{y}年汛期地质灾害防范的预警信息", 5, 6, 7, 8),
                ),
                points=(
                    "落实防汛责任人",
                    "开展汛前隐患排查",
                    "做好应急队伍和物资准备",
                    "严格执行汛期24小时值班",
                ),
                basis="《中华人民共和国防洪法》",
                topic_column=FLOODS,
            ),
            Matter(
                "emergencies",
                N.PLAN,
                G.PLAN,
                SECURITY,
                "防汛抗旱",
                (T("硚口区{y}年防汛抗旱应急预案", 4),),
                topic_column=FLOODS,
            ),
            Matter(
                "emergencies",
                N.NOTICE,
                G.NOTICE,
                MARKET,
                "季节性安全防范",
                (
                    T("{a}关于做好{y}年冬春火灾防控工作的通知", 11, 12),
                    T("{a}关于开展{y}年“安全生产月”活动的通知", 5, 6),
                    T("{a}关于做好{y}年高温天气安全生产工作的通知", 6, 7),
                    T("{a}关于做好{y}年春节期间安全防范工作的通知", 1),
                ),
                points=(
                    "开展隐患排查治理",
                    "加强重点场所消防检查",
                    "落实企业主体责任",
                    "做好应急值守",
                ),
                basis="《中华人民共和国安全生产法》",
                topic_column=FLOODS,
            ),
            Matter(
                "inspections",
                N.NOTICE,
                G.ANNOUNCEMENT,
                MARKET,
                "安全生产执法检查",
                (T("{a}{y}年第{q}季度安全生产执法检查情况通报"),),
                basis="《中华人民共和国安全生产法》",
                figures=(
                    F("检查生产经营单位", "家", 80, 260),
                    F("发现事故隐患", "处", 120, 600),
                    F("隐患整改率", "%", 90, 100),
                ),
                topic_column=FLOODS,
            ),
            Matter(
                "penalty_enforcement",
                N.PENALTY_DECISION,
                G.DECISION,
                MARKET,
                "安全生产行政处罚",
                (T("{a}行政处罚决定书（硚应急罚〔{y}〕{n}号）"),),
                points=(
                    "未按规定对从业人员进行安全生产教育和培训",
                    "未建立事故隐患排查治理制度",
                    "未按规定设置安全警示标志",
                ),
                basis="《中华人民共和国安全生产法》",
                repeat=10,
            ),
            Matter(
                "penalty_enforcement",
                N.ENFORCEMENT_DECISION,
                G.DECISION,
                MARKET,
                "安全生产现场处理",
                (T("{a}现场处理措施决定书（硚应急现决〔{y}〕{n}号）"),),
                points=("责令暂时停产停业", "查封存在重大事故隐患的设施设备"),
                basis="《中华人民共和国安全生产法》",
                repeat=4,
            ),
            _normative(
                ("硚口区安全生产约谈实施办法", "硚口区安全生产举报奖励办法"),
                "安全生产",
                "《中华人民共和国安全生产法》",
                subject=MARKET,
            ),
            _news("应急救援演练", "安全生产大检查", "危险化学品专项整治", "防灾减灾宣传"),
            *_budget(),
        ),
    ),
    "tyjr": Subject(
        code="硚退役军人",
        upper="市退役军人事务局",
        duties="负责全区退役军人安置、优抚褒扬和服务保障工作",
        addressee="各街道退役军人服务站：",
        matters=(
            Matter(
                "livelihood",
                N.NOTICE,
                G.NOTICE,
                DEFENCE,
                "走访慰问",
                (
                    T("{a}关于做好{y}年春节走访慰问工作的通知", 1),
                    T("{a}关于开展{y}年“八一”建军节走访慰问活动的通知", 7),
                    T("{a}关于做好{y}年烈士纪念日活动的通知", 9),
                ),
                points=("走访慰问重点优抚对象", "落实慰问资金和物资", "组织开展纪念活动"),
                basis="《军人抚恤优待条例》",
            ),
            Matter(
                "livelihood",
                N.NOTICE,
                G.ANNOUNCEMENT,
                DEFENCE,
                "优抚补助",
                (T("{a}{y}年第{q}季度优抚对象抚恤补助发放情况公示"),),
                basis="《军人抚恤优待条例》",
                figures=(
                    F("享受抚恤补助优抚对象", "人", 900, 1500),
                    F("发放抚恤补助资金", "万元", 400, 900),
                ),
            ),
            Matter(
                "other",
                N.NOTICE,
                G.ANNOUNCEMENT,
                DEFENCE,
                "退役士兵安置",
                (T("{a}{y}年退役士兵安置工作公告", 8, 9),),
                basis="《退役士兵安置条例》",
                figures=(F("接收退役士兵", "人", 60, 150), F("安排工作", "人", 20, 60)),
            ),
            _normative(
                ("硚口区退役军人就业创业扶持办法",),
                "退役军人服务",
                "《中华人民共和国退役军人保障法》",
                subject=DEFENCE,
            ),
            _news("退役军人专场招聘会", "退役军人服务站建设", "光荣牌悬挂", "烈士褒扬"),
            _appointments(),
            *_budget(),
        ),
    ),
    "zgjd": _street("宗关街道", ("发展", "水厂", "新合")),
    "hzjd": _street("汉正街道", ("万安", "利济", "三民")),
    "gtjd": _street("古田街道", ("古一", "古二", "和谐")),
    "hjdjd": _street("韩家墩街道", ("新墩", "宗三", "北湖")),
}


def subject_of(slug: str) -> Subject:
    return SUBJECTS[slug]
