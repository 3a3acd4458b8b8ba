"""Entry bodies that read like the real thing: one family of templates per kind of text.

A 通知 opens with its purpose and basis, lists tasks under 一、二、三 and ends with whom to
call; a 公示 states the facts and the objection period; a 规范性文件 is a 印发 notice and
numbered 条; a 决定书 names the party, the facts, the law and the remedies; 工作动态 says
who went where and did what. Every family draws from several phrasings, and the facts
come from the agency's own subject matter (:mod:`gongkai.demo.subjects`), so no two
entries carry the same body.

A body is returned as blocks (:mod:`gongkai.documents.model`), so the same text becomes
the entry's HTML and, for an attachment, the PDF of the 公文; a table of its figures can
become a spreadsheet. Nothing here touches Django.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from random import Random

from gongkai.documents.model import Block, Heading, Paragraph


class Genre(StrEnum):
    """The kind of text a body is, which decides its template family."""

    NOTICE = "notice"  # 通知
    ANNOUNCEMENT = "announcement"  # 公告、公示、通报
    NORMATIVE = "normative"  # 规范性文件: the 印发 notice and the 办法's 条
    INTERPRETATION = "interpretation"  # 政策解读
    NEWS = "news"  # 工作动态
    STATISTICS = "statistics"  # 统计数据
    PERSONNEL = "personnel"  # 人事信息: 招聘公告, 拟聘用公示, 任前公示
    PLAN = "plan"  # 规划计划, 工作要点, 总结, 预案
    BUDGET = "budget"  # 预算、决算
    DECISION = "decision"  # 行政许可、处罚、强制决定书
    PROCUREMENT = "procurement"  # 中标（成交）结果公告


@dataclass(frozen=True)
class Figure:
    """A number a statistics or announcement body reports, drawn between ``low`` and ``high``
    (a float range gives two decimals, a ``%`` one decimal)."""

    label: str
    unit: str
    low: float
    high: float

    def draw(self, rng: Random) -> str:
        if self.unit == "%":
            return f"{rng.uniform(self.low, self.high):.1f}%"
        if isinstance(self.low, float):
            return f"{rng.uniform(self.low, self.high):.2f}{self.unit}"
        return f"{rng.randint(int(self.low), int(self.high))}{self.unit}"


@dataclass(frozen=True)
class Facts:
    """What one body is about; every sentence is built from these."""

    agency: str  # full name, the signature
    short: str  # 区民政局
    title: str
    formed: date
    topic: str  # 城乡低保
    upper: str  # 市民政局
    duties: str
    addressee: str
    phone: str
    basis: str = ""  # the law or document cited, with its 《》
    item: str = ""
    street: str = ""
    number: str = ""  # 文号
    points: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    topics: tuple[str, ...] = ()  # the agency's other topics, for plans and summaries


@dataclass(frozen=True)
class Text:
    """A composed body: blocks in reading order, a one-sentence 内容概述, and the rows of
    its table (header first) when it has figures worth a spreadsheet."""

    blocks: tuple[Block, ...]
    summary: str
    addressee: str | None = None
    signed: bool = True  # ends with the agency and the date, as a 公文 does; news does not
    table: tuple[tuple[str, ...], ...] = ()


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (the 条 and 批 of a text)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_DIGITS[tens] if tens > 1 else "") + "十" + (_DIGITS[ones] if ones else "")


def full_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def month_day(day: date, *, year: int) -> str:
    return f"{day.month}月{day.day}日" if day.year == year else full_date(day)


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
_GIVEN = (
    *("建华", "晓敏", "志强", "丽娟", "海涛", "静怡", "文博", "雪梅", "国栋", "佳琪"),
    *("明轩", "秀兰", "俊杰", "慧敏", "卫东", "红霞", "子涵", "思远", "立新", "玉梅"),
    *("浩然", "雅琴", "振宇", "春燕", "德胜", "婷婷", "家豪", "淑芬", "一鸣", "欣怡"),
)


def person(rng: Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def leader(facts: Facts, rng: Random) -> tuple[str, str]:
    """Who leads a meeting or a visit, by the kind of body: (post, name)."""
    short = facts.short
    if short.endswith("街道"):
        role = rng.choice(["街道党工委书记", "街道办事处主任"])
    elif short == "区政府":
        role = rng.choice(["区长", "常务副区长"])
    elif short == "区政府办":
        role = "区政府办公室主任"
    elif short.endswith("中心"):
        role = "中心主任"
    else:
        role = rng.choice(["局党组书记、局长", "局党组成员、副局长"])
    return role, person(rng)


def title_core(title: str, short: str) -> str:
    """The subject of a title without its issuer and its form: 「2025年城乡低保标准调整」."""
    core = title.removeprefix(short).removeprefix("关于")
    return re.sub(r"(的)?(通知|公告|公示|通报|预警信息)$", "", core)


def _period(title: str) -> str:
    found = re.search(r"\d{4}年(?:度|第[一二三四]季度|上半年|前三季度)?", title)
    return found.group(0) if found else f"{title[:4]}年"


# --- 通知 ------------------------------------------------------------------------------

_OPENINGS = (
    "为深入贯彻落实{upper}关于{topic}工作的部署要求，切实做好{year}年{topic}相关工作，"
    "结合我区实际，现将有关事项通知如下。",
    "根据{basis}和{upper}有关工作安排，为进一步做好{topic}工作，经研究，现就有关事项通知如下。",
    "{topic}工作事关群众切身利益和社会大局稳定。为确保{year}年{topic}各项工作有序开展，"
    "现将有关事项通知如下。",
    "按照区委、区政府工作部署，为扎实推进{topic}工作，不断提升群众获得感和满意度，"
    "现就有关事项通知如下。",
)
_AIMS = (
    "坚持以人民为中心的发展思想，把{topic}工作摆在重要位置，坚持问题导向、目标导向，"
    "压实工作责任，确保各项措施落地见效。",
    "各单位要充分认识做好{topic}工作的重要意义，切实增强责任感和紧迫感，主要负责同志"
    "亲自部署、亲自过问，分管负责同志具体抓落实。",
    "以{basis}为依据，坚持依法依规、公开透明、便民高效，切实提升{topic}工作规范化水平。",
)
_TASK_TAILS = (
    "各单位要结合实际制定具体方案，明确责任人和时间节点，确保按期完成。",
    "要建立工作台账，逐项登记、逐项销号，发现问题及时整改到位。",
    "{short}将会同有关部门加强业务指导，对工作推进缓慢的单位予以通报。",
    "要加强政策宣传，通过政府网站、政务新媒体和社区公告栏及时发布有关信息。",
    "工作中遇到的重大情况和问题，要第一时间向{short}报告，不得迟报、漏报。",
)
_DEMANDS = (
    "各单位要严格落实工作责任，加强统筹协调和信息报送，确保各项工作不断档、不脱节。",
    "要坚持厉行节约，严格执行中央八项规定及其实施细则精神，坚决防止形式主义、官僚主义。",
    "{short}将适时组织督导检查，检查结果纳入年度绩效考核。",
)
_GENERIC_POINTS = ("加强组织领导", "细化工作措施", "强化督促检查", "做好宣传引导")


def notice(facts: Facts, rng: Random) -> Text:
    year = facts.formed.year
    fill = {
        "upper": facts.upper,
        "topic": facts.topic,
        "year": year,
        "basis": facts.basis or "有关法律法规",
        "short": facts.short,
    }
    points = list(facts.points or _GENERIC_POINTS)
    rng.shuffle(points)
    points = points[: rng.randint(min(2, len(points)), min(4, len(points)))]
    blocks: list[Block] = [Paragraph(rng.choice(_OPENINGS).format(**fill))]
    blocks += [Heading("一、总体要求"), Paragraph(rng.choice(_AIMS).format(**fill))]
    blocks.append(Heading(rng.choice(["二、重点任务", "二、工作内容", "二、主要措施"])))
    tails = rng.sample(_TASK_TAILS, len(points))
    for n, (point, tail) in enumerate(zip(points, tails, strict=True), start=1):
        blocks.append(Paragraph(f"（{chinese_number(n)}）{point}。{tail.format(**fill)}"))
    heading = 3
    if rng.random() < 0.7:
        steps = [facts.formed + timedelta(days=d) for d in (10, 30, 60)]
        d1, d2, d3 = (month_day(d, year=year) for d in steps)
        blocks += [
            Heading(f"{chinese_number(heading)}、时间安排"),
            Paragraph(
                f"{d1}前，各单位完成动员部署和自查，并报送工作方案；{d2}前，{facts.short}"
                f"组织开展督导检查；{d3}前，各单位报送工作总结。"
            ),
        ]
        heading += 1
    demands = rng.sample(_DEMANDS, 2)
    blocks += [
        Heading(f"{chinese_number(heading)}、工作要求"),
        *(Paragraph(d.format(**fill)) for d in demands),
        Paragraph(f"联系人：{person(rng)}，联系电话：{facts.phone}。"),
    ]
    summary = f"{facts.short}就{facts.topic}工作作出部署，明确了{'、'.join(points[:2])}等要求。"
    return Text(tuple(blocks), summary, addressee=facts.addressee)


# --- 公告、公示、通报 --------------------------------------------------------------------


def announcement(facts: Facts, rng: Random) -> Text:
    year = facts.formed.year
    core = title_core(facts.title, facts.short)
    if not facts.figures:
        return _service_notice(facts, core, rng)
    core = core.removesuffix("情况")
    kind = "通报" if facts.title.endswith("通报") else "公示" if "公示" in facts.title else "公告"
    basis = facts.basis or "《中华人民共和国政府信息公开条例》"
    opening = rng.choice(
        [
            f"根据{basis}等有关规定，现将{core}有关情况{kind}如下：",
            f"为进一步增强工作透明度，接受社会监督，依据{basis}，现将{core}情况予以{kind}。",
            f"按照{facts.upper}有关要求，经{facts.short}审核，现将{core}情况{kind}如下：",
        ]
    )
    blocks: list[Block] = [Paragraph(opening)]
    rows: list[tuple[str, ...]] = []
    for n, figure in enumerate(facts.figures, start=1):
        value = figure.draw(rng)
        rows.append((figure.label, value))
        blocks.append(Paragraph(f"{chinese_number(n)}、{figure.label}：{value}。"))
    if facts.item:
        blocks.append(Paragraph(f"涉及范围：{facts.item}，具体明细详见附件。"))
    if kind == "公示":
        start = facts.formed + timedelta(days=1)
        end = start + timedelta(days=6)
        blocks += [
            Paragraph(
                f"公示期为{month_day(start, year=year)}至{month_day(end, year=year)}。公示期间，"
                f"任何单位和个人如有异议，可以书面或者电话形式向{facts.short}反映。反映情况"
                "应当实事求是，以单位名义反映的应加盖公章，以个人名义反映的请署真实姓名。"
            ),
            Paragraph(f"监督电话：{facts.phone}（工作日上午9:00—12:00，下午14:00—17:30）。"),
        ]
    elif kind == "通报":
        due = month_day(facts.formed + timedelta(days=rng.choice([15, 20, 30])), year=year)
        blocks += [
            Paragraph(
                rng.choice(
                    [
                        "从检查情况看，各单位总体能够按要求落实工作责任，但仍有少数单位存在"
                        "工作不细致、整改不及时等问题。",
                        "总体来看，相关工作运行平稳，多数单位问题整改及时，个别单位仍需加强。",
                    ]
                )
            ),
            Paragraph(f"请有关单位对照问题清单认真整改，于{due}前将整改情况报送{facts.short}。"),
        ]
    else:
        start = facts.formed + timedelta(days=rng.randint(3, 10))
        end = start + timedelta(days=rng.choice([30, 45, 60]))
        blocks += [
            Paragraph(
                rng.choice(
                    [
                        f"有关单位和个人可于{month_day(start, year=year)}至"
                        f"{month_day(end, year=year)}期间，通过区政务服务网或者到"
                        f"{facts.short}办事窗口办理相关事项。",
                        f"本公告所涉事项自{month_day(start, year=year)}起执行。执行中遇到的问题，"
                        f"请及时向{facts.short}反映。",
                        f"相关明细可在{facts.short}政府信息公开栏目查询，也可于工作日到办事窗口查阅。",
                    ]
                )
            ),
            Paragraph(f"如有疑问，请于工作时间拨打{facts.phone}咨询。"),
            Paragraph("特此公告。"),
        ]
    shown = "、".join(f"{label}{value}" for label, value in rows[:2])
    summary = f"{kind}{core}情况" + (f"：{shown}。" if shown else "。")
    return Text(tuple(blocks), summary, table=(("项目", "数值"), *rows))


def _service_notice(facts: Facts, core: str, rng: Random) -> Text:
    """A 公告 of a service interruption: when, what stops, whom to call."""
    start = facts.formed + timedelta(days=rng.randint(3, 7))
    hours = rng.choice(["20:00至次日6:00", "18:00至22:00", "全天"])
    blocks = [
        Paragraph(
            f"为保障系统安全稳定运行，{facts.short}定于{full_date(start)}{hours}进行{core}。"
            "期间，相关系统的网上服务将暂停或者访问缓慢，由此带来的不便，敬请谅解。"
        ),
        Paragraph("如遇紧急业务，请在工作时间前往政务服务中心窗口办理。"),
        Paragraph(f"咨询电话：{facts.phone}。"),
        Paragraph("特此公告。"),
    ]
    return Text(tuple(blocks), f"{full_date(start)}{hours}{core}，期间相关服务暂停。")


# --- 规范性文件 ------------------------------------------------------------------------

_ARTICLES = (
    "申请人应当如实提供相关材料，并对材料的真实性负责。{short}应当自受理之日起20个工作日内"
    "作出决定；不予批准的，应当书面告知申请人并说明理由。",
    "{short}应当建立健全{topic}工作台账，定期对执行情况进行检查评估，并依法向社会公开有关信息。",
    "所需资金纳入年度部门预算，实行专款专用，任何单位和个人不得截留、挤占、挪用。",
    "各街道办事处应当明确专人负责辖区内{topic}工作，做好政策宣传、材料初审和信息报送。",
    "区财政、审计等部门按照各自职责，对{topic}相关资金的使用情况实施监督。",
    "工作人员在{topic}工作中滥用职权、玩忽职守、徇私舞弊的，依法依规追究责任。",
)


def normative(facts: Facts, rng: Random) -> Text:
    name = facts.item
    this = "本" + name[-2:]  # 本办法, 本规定, 本细则, 本规范, 本措施
    effective = facts.formed + timedelta(days=rng.choice([10, 15, 30]))
    fill = {"short": facts.short, "topic": facts.topic, "this": this}
    articles = [
        f"为了规范{facts.topic}工作，保障公民、法人和其他组织的合法权益，根据{facts.basis}"
        f"等有关规定，结合本区实际，制定{this}。",
        f"{this}适用于本区行政区域内{facts.topic}的组织实施和监督管理。",
        f"{facts.agency}负责本区{facts.topic}工作的组织实施和监督管理。各街道办事处、"
        "区直有关部门按照职责分工做好相关工作。",
        *(a.format(**fill) for a in rng.sample(_ARTICLES, rng.randint(3, 5))),
        f"公民、法人或者其他组织对依照{this}作出的决定不服的，可以依法申请行政复议或者提起"
        "行政诉讼。",
        f"{this}由{facts.agency}负责解释。",
        f"{this}自{full_date(effective)}起施行，有效期五年。",
    ]
    blocks: list[Block] = [
        Paragraph(f"现将《{name}》印发给你们，请结合实际认真贯彻执行。"),
        Heading(name),
        *(
            Paragraph(f"第{chinese_number(n)}条　{text}")
            for n, text in enumerate(articles, start=1)
        ),
    ]
    summary = (
        f"印发《{name}》，明确{facts.topic}的适用范围、职责分工和监督管理要求，"
        f"自{full_date(effective)}起施行，有效期五年。"
    )
    return Text(tuple(blocks), summary, addressee=facts.addressee)


def interpretation(facts: Facts, rng: Random) -> Text:
    name = facts.item
    blocks: list[Block] = [
        Heading("一、起草背景"),
        Paragraph(
            f"为贯彻落实{facts.basis}和{facts.upper}有关要求，进一步规范我区{facts.topic}工作，"
            f"{facts.short}在深入调研、广泛征求意见并经合法性审查的基础上，起草了《{name}》。"
        ),
        Heading("二、主要内容"),
        Paragraph(
            f"《{name}》共{chinese_number(rng.randint(9, 11))}条，主要包括以下内容："
            f"一是明确适用范围，{facts.topic}的组织实施和监督管理均适用本{name[-2:]}；"
            "二是明确职责分工，由区级主管部门牵头、各街道和有关部门协同落实；"
            "三是规范工作程序，明确申请、审核、决定的办理时限；"
            "四是强化监督管理，规定资金管理、信息公开和责任追究要求。"
        ),
        Heading("三、施行时间"),
        Paragraph(f"《{name}》自印发之日起施行，有效期五年。"),
        Heading("四、解读机关及联系方式"),
        Paragraph(f"解读机关：{facts.agency}；解读人：{person(rng)}；联系电话：{facts.phone}。"),
    ]
    summary = f"从起草背景、主要内容和施行时间等方面解读《{name}》。"
    return Text(tuple(blocks), summary, signed=False)


# --- 工作动态 --------------------------------------------------------------------------

_STANDING_MEETING_ITEMS = (
    "优化营商环境若干措施",
    "防汛备汛工作",
    "城市更新项目推进情况",
    "年度民生实事项目进展",
    "安全生产工作",
    "一季度经济运行情况",
    "政府投资项目计划",
    "生态环境保护工作",
)
_FINDINGS = (
    "今年以来，全区{item}工作稳步推进，各项指标总体向好，但仍存在工作进展不平衡、"
    "基层力量不足等问题。",
    "当前{item}工作已进入攻坚阶段，要对照目标任务查漏补缺，确保按期完成。",
    "{item}工作取得了阶段性成效，群众反映良好，要及时总结经验、完善长效机制。",
)
_NEXT = (
    "下一步，{short}将持续跟踪问题整改，建立长效机制，推动{item}工作常态化开展。",
    "下一步，{short}将进一步压实责任、强化督办，确保{item}各项任务落到实处。",
    "下一步，{short}将总结推广好的经验做法，不断提升{item}工作水平。",
)


def news(facts: Facts, rng: Random) -> Text:
    day = facts.formed
    when = f"{day.month}月{day.day}日"
    item = facts.item or facts.topic
    fill = {"item": item, "short": facts.short}
    post, name = leader(facts, rng)
    if "常务会议" in facts.title:
        agenda = rng.sample(_STANDING_MEETING_ITEMS, 3)
        blocks = [
            f"{when}，区长{person(rng)}主持召开{title_core(facts.title, facts.short)}，"
            f"研究{agenda[0]}、{agenda[1]}和{agenda[2]}等事项。",
            f"会议听取了{agenda[0]}的汇报，原则同意有关安排。会议强调，要坚持系统观念，"
            "加强部门协同，确保各项工作按时间节点推进。",
            "会议还研究了其他事项。区政府领导班子成员出席会议，有关部门主要负责同志列席会议。",
        ]
    elif "推进会" in facts.title:
        blocks = [
            f"{when}，{facts.short}召开{item}工作推进会，总结前一阶段工作，分析存在的问题，"
            f"部署下一阶段重点任务。{post}{name}出席会议并讲话，相关科室、各街道分管负责同志参加。",
            "会议指出，" + rng.choice(_FINDINGS).format(**fill),
            "会议要求，"
            + rng.choice(
                [
                    "各单位要进一步提高思想认识，对照任务清单逐项推进，确保按期完成。",
                    "要坚持问题导向，聚焦群众急难愁盼，切实把工作做细做实。",
                    "要强化协调联动，形成工作合力，以钉钉子精神抓好落实。",
                ]
            ),
        ]
    elif "调研" in facts.title:
        blocks = [
            f"{when}，{post}{name}带队赴{facts.street}调研{item}工作，实地察看了社区服务站点和"
            "项目现场，详细了解工作推进情况和群众意见。",
            f"座谈会上，{facts.street}负责同志汇报了辖区{item}工作开展情况及存在的困难。",
            f"{name}指出，" + rng.choice(_FINDINGS).format(**fill),
        ]
    elif "培训" in facts.title:
        attendees = rng.randint(40, 160)
        blocks = [
            f"{when}，{facts.short}举办{item}业务培训班，各街道、相关单位业务骨干共{attendees}人参加。",
            f"培训围绕{item}相关政策规定、工作流程和常见问题进行了系统讲解，并结合典型案例"
            "进行了交流研讨。",
            f"{post}{name}在开班式上要求，参训人员要学以致用，切实提升业务能力和服务水平。",
        ]
    else:
        checked = rng.randint(20, 160)
        found = rng.randint(3, max(4, checked // 5))
        fixed = rng.randint(found // 2, found)
        blocks = [
            f"近日，{facts.short}在{facts.street or '全区'}开展{item}"
            + ("督导检查。" if "督导" in facts.title else "专项行动。"),
            f"行动中，工作人员共检查{checked}家（处）次，发现问题{found}处，现场整改{fixed}处，"
            f"对其余问题下达整改通知，明确整改时限。",
            "行动期间，工作人员还向群众发放宣传资料，解答政策咨询，引导群众共同参与。",
        ]
    blocks.append(rng.choice(_NEXT).format(**fill))
    return Text(tuple(Paragraph(b) for b in blocks), blocks[0], signed=False)


# --- 统计数据 --------------------------------------------------------------------------


def statistics(facts: Facts, rng: Random) -> Text:
    period = _period(facts.title)
    scope = "全区" if not facts.short.endswith("街道") else f"{facts.short}辖区"
    blocks: list[Block] = [
        Paragraph(
            rng.choice(
                [
                    f"{period}，{scope}{facts.topic}工作总体平稳，主要指标情况如下。",
                    f"现将{period}{scope}{facts.topic}主要数据公布如下。",
                ]
            )
        )
    ]
    rows: list[tuple[str, ...]] = [("指标", "数值", "同比增减")]
    for figure in facts.figures:
        value = figure.draw(rng)
        change = rng.uniform(-5, 9)
        trend = f"增长{change:.1f}%" if change >= 0 else f"下降{-change:.1f}%"
        rows.append((figure.label, value, f"{change:+.1f}%"))
        blocks.append(Paragraph(f"{figure.label}{value}，同比{trend}。"))
    blocks += [
        Paragraph(
            rng.choice(
                [
                    "注：本数据为快报数，最终数据以年度统计资料为准。",
                    "注：部分指标因统计口径调整，与上年公布数据不完全可比。",
                ]
            )
        ),
        Paragraph(f"数据来源：{facts.agency}。"),
    ]
    labels = "、".join(f.label for f in facts.figures[:2])
    return Text(tuple(blocks), f"公布{period}{labels}等主要指标。", signed=False, table=tuple(rows))


# --- 人事信息 --------------------------------------------------------------------------

_EDUCATION = ("大学本科", "硕士研究生", "大学本科", "大学专科")
_POSTS = ("综合管理岗", "财务会计岗", "信息技术岗", "社会工作岗", "法律事务岗", "文字综合岗")


def personnel(facts: Facts, rng: Random) -> Text:
    year = facts.formed.year
    title = facts.title
    if "任前公示" in title:
        return _appointment(facts, rng)
    role = re.search(r"招聘(.+?)(?:拟聘用人员公示|拟录用人员公示|公告)", title)
    post = role.group(1) if role else "工作人员"
    basis = facts.basis or "《事业单位公开招聘人员暂行规定》"
    if "公示" in title:
        count = rng.randint(4, 8)
        rows: list[tuple[str, ...]] = [("姓名", "性别", "出生年月", "学历", "拟聘岗位")]
        for _ in range(count):
            born = f"{rng.randint(year - 34, year - 23)}年{rng.randint(1, 12)}月"
            rows.append(
                (person(rng), rng.choice("男女"), born, rng.choice(_EDUCATION), rng.choice(_POSTS))
            )
        start = facts.formed + timedelta(days=1)
        end = start + timedelta(days=6)
        blocks: list[Block] = [
            Paragraph(
                f"根据{basis}和{facts.short}{year}年公开招聘{post}公告，经笔试、面试、体检和考察，"
                f"拟聘用以下{count}名人员，现予以公示："
            ),
            *(Paragraph("，".join(r[:4]) + f"，拟聘岗位：{r[4]}。") for r in rows[1:]),
            Paragraph(
                f"公示时间：{month_day(start, year=year)}至{month_day(end, year=year)}。"
                f"公示期间，如有异议，请以书面或电话形式向{facts.short}反映。"
            ),
            Paragraph(f"监督电话：{facts.phone}。"),
        ]
        summary = f"公示{year}年公开招聘{post}拟聘用人员{count}名，公示期5个工作日。"
        return Text(tuple(blocks), summary, table=tuple(rows))
    count = rng.randint(3, 6)
    places = rng.randint(count, count * 3)
    rows = [("岗位名称", "招聘人数", "学历要求", "专业要求")]
    for post_name in rng.sample(_POSTS, count):
        rows.append((post_name, str(rng.randint(1, 3)), "本科及以上", "专业不限"))
    sign_up = facts.formed + timedelta(days=rng.randint(7, 12))
    sign_end = sign_up + timedelta(days=6)
    oldest = year - 35
    blocks = [
        Paragraph(
            f"根据{basis}等有关规定，经研究，决定面向社会公开招聘{post}{places}名。"
            "现将有关事项公告如下："
        ),
        Heading("一、招聘岗位"),
        Paragraph(f"本次招聘共设{count}个岗位，具体岗位、人数和资格条件详见附件岗位表。"),
        Heading("二、报名条件"),
        Paragraph("（一）具有中华人民共和国国籍，遵守宪法和法律，具有良好的品行；"),
        Paragraph(f"（二）年龄在35周岁以下（{oldest}年1月1日以后出生）；"),
        Paragraph("（三）具有岗位所需的学历、专业和其他资格条件，身体健康。"),
        Heading("三、报名方式和时间"),
        Paragraph(
            f"报名时间为{month_day(sign_up, year=year)}至{month_day(sign_end, year=year)}，"
            "采取网上报名方式，每人限报一个岗位。"
        ),
        Heading("四、考试"),
        Paragraph("考试分为笔试和面试，综合成绩按笔试成绩和面试成绩各占50%计算。"),
        Heading("五、体检、考察和公示"),
        Paragraph("根据综合成绩从高分到低分等额确定体检、考察人员，合格者在本网站公示5个工作日。"),
        Paragraph(f"咨询电话：{facts.phone}；监督电话：027-83855110。"),
    ]
    summary = f"公开招聘{post}{places}名的岗位、报名条件、报名方式和考试安排。"
    return Text(tuple(blocks), summary, table=tuple(rows))


def _appointment(facts: Facts, rng: Random) -> Text:
    year = facts.formed.year
    count = rng.randint(2, 4)
    current = ("科长", "副科长", "办公室主任", "四级主任科员", "一级主任科员")
    proposed = ("副局长", "科长", "二级调研员", "下属事业单位主任", "办公室主任")
    lines = []
    for _ in range(count):
        born = f"{rng.randint(year - 52, year - 32)}年{rng.randint(1, 12)}月"
        lines.append(
            f"{person(rng)}，{rng.choice('男女')}，{born}生，{rng.choice(_EDUCATION)}，中共党员，"
            f"现任{facts.short}{rng.choice(current)}，拟任{rng.choice(proposed)}。"
        )
    start = facts.formed + timedelta(days=1)
    end = start + timedelta(days=6)
    opening = rng.choice(
        [
            f"根据《党政领导干部选拔任用工作条例》和有关规定，经{facts.short}党组研究，"
            f"拟任用以下{chinese_number(count)}名同志，现予以任前公示：",
            f"按照干部选拔任用有关规定，经民主推荐、考察和集体研究，{facts.short}拟任用"
            f"以下{chinese_number(count)}名同志。为广泛听取意见，现将有关情况公示如下：",
            f"为进一步加强干部队伍建设，经{facts.short}研究，拟对{chinese_number(count)}名"
            "同志进行职务调整。根据《党政领导干部选拔任用工作条例》，现予以任前公示：",
        ]
    )
    blocks = [
        Paragraph(opening),
        *(Paragraph(line) for line in lines),
        Paragraph(
            f"公示时间：{month_day(start, year=year)}至{month_day(end, year=year)}。"
            "公示期间，对公示对象有异议的，可以通过来信、来电、来访等方式向区委组织部反映。"
            "反映问题要实事求是，以个人名义反映的提倡署真实姓名。"
        ),
        Paragraph("受理电话：027-83855110。"),
    ]
    return Text(tuple(blocks), f"对{count}名拟任职干部进行任前公示，公示期5个工作日。")


# --- 规划计划、总结、预案 -------------------------------------------------------------------

_TOPIC_WORK = (
    "扎实推进{topic}工作，完善工作机制，确保各项任务按期完成。",
    "聚焦{topic}重点难点问题，加强统筹协调，推动工作提质增效。",
    "健全{topic}长效管理机制，强化督查考核，提升群众满意度。",
)


def plan(facts: Facts, rng: Random) -> Text:
    title = facts.title
    topics = list(facts.topics or (facts.topic,))
    rng.shuffle(topics)
    topics = topics[:4]
    if "预案" in title:
        blocks: list[Block] = [
            Heading("一、总则"),
            Paragraph(
                f"为建立健全{facts.topic}应急工作机制，最大程度减少灾害损失，保障人民群众生命"
                f"财产安全，依据{facts.basis or '《中华人民共和国突发事件应对法》'}等法律法规，"
                "结合我区实际，制定本预案。本预案适用于本区行政区域内相关突发事件的预防和应急处置。"
            ),
            Heading("二、组织指挥体系"),
            Paragraph(
                "区防汛抗旱指挥部负责组织、指挥、协调全区应急处置工作，指挥部办公室设在区应急管理局。"
            ),
            Heading("三、预防和预警"),
            Paragraph(
                "预警级别由低到高分为四级、三级、二级、一级，分别用蓝色、黄色、橙色和红色标示。"
            ),
            Heading("四、应急响应"),
            Paragraph(
                "按照分级负责原则，应急响应分为四级。启动响应后，各成员单位按照职责做好抢险救援、人员转移和物资保障。"
            ),
            Heading("五、保障措施"),
            Paragraph("各街道和有关部门要落实应急队伍、物资、通信和资金保障，定期组织应急演练。"),
        ]
        return Text(
            tuple(blocks),
            f"{facts.short}发布{title_core(title, facts.short)}，"
            "明确组织体系、预警分级和应急响应。",
        )
    if "总结" in title:
        period = _period(title)
        blocks = [
            Paragraph(
                f"{period}，在区委、区政府的坚强领导下，{facts.short}围绕{facts.duties}，"
                "攻坚克难、真抓实干，各项工作取得积极成效。现将有关情况报告如下。"
            ),
            Heading("一、主要工作成效"),
        ]
        for n, topic in enumerate(topics, start=1):
            share = rng.randint(90, 100)
            blocks.append(
                Paragraph(
                    f"（{chinese_number(n)}）{topic}工作。全年完成{topic}相关任务"
                    f"{rng.randint(8, 40)}项，"
                    f"完成率{share}%，群众满意度进一步提升。"
                )
            )
        blocks += [
            Heading("二、存在的问题"),
            Paragraph(
                rng.choice(
                    [
                        "工作推进还不够平衡，基层工作力量相对薄弱，信息化支撑能力有待提升。",
                        "部分工作与群众期盼还有差距，政策宣传的针对性和覆盖面需要加强。",
                    ]
                )
            ),
            Heading("三、下一步工作打算"),
            Paragraph(rng.choice(_TOPIC_WORK).format(topic=topics[0])),
        ]
        return Text(
            tuple(blocks),
            f"总结{facts.short}{period}{'、'.join(topics[:2])}等工作成效和下一步打算。",
        )
    year = facts.formed.year
    blocks = [
        Paragraph(
            f"{year}年，{facts.short}将坚持以人民为中心的发展思想，围绕{facts.duties}，"
            "突出重点、补齐短板，重点做好以下工作。"
        )
    ]
    for n, topic in enumerate(topics, start=1):
        blocks += [
            Heading(f"{chinese_number(n)}、{topic}"),
            Paragraph(rng.choice(_TOPIC_WORK).format(topic=topic)),
        ]
    blocks.append(
        Paragraph(
            rng.choice(
                [
                    "各科室、各单位要按照职责分工，细化任务清单，明确完成时限，确保各项工作落实到位。",
                    "以上工作纳入年度绩效考核，实行清单化管理、项目化推进。",
                ]
            )
        )
    )
    return Text(
        tuple(blocks), f"{title_core(title, facts.short)}，涵盖{'、'.join(topics[:3])}等方面。"
    )


# --- 预算、决算 ------------------------------------------------------------------------


def budget(facts: Facts, rng: Random) -> Text:
    title = facts.title
    period = _period(title)
    word = "决算" if "决算" in title else "预算"
    if title.startswith("硚口区"):
        return _district_budget(facts, period, word, rng)
    total = rng.randint(800, 9000) + rng.randint(0, 99) / 100
    basic = round(total * rng.uniform(0.45, 0.7), 2)
    project = round(total - basic, 2)
    car = round(rng.uniform(1, 12), 2)
    reception = round(rng.uniform(0.5, 6), 2)
    three = round(car + reception, 2)
    purchase = round(total * rng.uniform(0.03, 0.12), 2)
    rows: list[tuple[str, ...]] = [
        ("项目", f"{word}数（万元）"),
        (f"收入{word}合计", f"{total:.2f}"),
        ("基本支出", f"{basic:.2f}"),
        ("项目支出", f"{project:.2f}"),
        ("“三公”经费", f"{three:.2f}"),
        ("政府采购", f"{purchase:.2f}"),
    ]
    blocks: list[Block] = [
        Heading(f"第一部分　{facts.short}概况"),
        Paragraph(f"一、主要职能：{facts.duties}。"),
        Paragraph(
            f"二、{word}单位构成：纳入{period}部门{word}编制范围的单位共{rng.randint(1, 4)}个。"
        ),
        Heading(f"第二部分　{period}部门{word}情况说明"),
        Paragraph(
            f"一、收支{word}总体情况。{period}收入{word}{total:.2f}万元，支出{word}{total:.2f}万元，"
            f"其中基本支出{basic:.2f}万元，项目支出{project:.2f}万元。"
        ),
        Paragraph(
            f"二、“三公”经费{word}情况。{period}“三公”经费{word}{three:.2f}万元，其中因公出国（境）费0万元，"
            f"公务用车购置及运行维护费{car:.2f}万元，公务接待费{reception:.2f}万元。"
            + rng.choice(
                [
                    "比上年减少，主要原因是严格落实过紧日子要求，压减一般性支出。",
                    "与上年持平，严格执行公务接待和公务用车管理规定。",
                ]
            )
        ),
        Paragraph(f"三、政府采购情况。{period}政府采购{word}{purchase:.2f}万元。"),
        Paragraph(
            f"四、国有资产占用情况。截至{period}末，共有车辆{rng.randint(0, 4)}辆，"
            f"单价50万元以上通用设备{rng.randint(0, 3)}台（套）。"
        ),
        Paragraph(
            "五、绩效目标设置情况。按照全面实施预算绩效管理的要求，项目支出均设置了绩效目标。"
        ),
        Heading("第三部分　名词解释"),
        Paragraph(
            "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"
        ),
    ]
    summary = (
        f"公开{period}部门{word}收支总体情况、“三公”经费和政府采购等情况，"
        f"收入{word}{total:.2f}万元。"
    )
    if "“三公”" in title:  # the note alone: its paragraph without the budget's numbering
        summary = f"说明{period}“三公”经费{word}{three:.2f}万元的构成及增减原因。"
        note = blocks[5]
        assert isinstance(note, Paragraph)
        blocks = [
            Paragraph(
                f"根据预算公开有关规定，现将{facts.short}{period}“三公”经费{word}情况说明如下。"
            ),
            Paragraph(note.text.removeprefix(f"二、“三公”经费{word}情况。")),
            blocks[-1],
        ]
    return Text(tuple(blocks), summary, table=tuple(rows))


def _district_budget(facts: Facts, period: str, word: str, rng: Random) -> Text:
    """The district's own budget or final accounts: the four budgets and the debt."""
    general = rng.randint(1400, 1900) / 100
    spending = round(general * rng.uniform(1.3, 1.6), 2)
    funds = rng.randint(300, 900) / 100
    capital = rng.randint(5, 60) / 100
    insurance = rng.randint(200, 500) / 100
    rows: list[tuple[str, ...]] = [
        ("项目", f"{word}数（亿元）"),
        ("一般公共预算收入", f"{general:.2f}"),
        ("一般公共预算支出", f"{spending:.2f}"),
        ("政府性基金预算收入", f"{funds:.2f}"),
        ("国有资本经营预算收入", f"{capital:.2f}"),
        ("社会保险基金预算收入", f"{insurance:.2f}"),
    ]
    blocks = [
        Heading("一、一般公共预算"),
        Paragraph(
            f"{period}全区一般公共预算收入{general:.2f}亿元，加上上级补助收入等，收入总计可安排"
            f"支出{spending:.2f}亿元，重点保障教育、社会保障和就业、卫生健康等民生支出。"
        ),
        Heading("二、政府性基金预算"),
        Paragraph(f"{period}全区政府性基金预算收入{funds:.2f}亿元，主要用于城市建设和棚户区改造。"),
        Heading("三、国有资本经营预算"),
        Paragraph(f"{period}全区国有资本经营预算收入{capital:.2f}亿元，全部用于国有企业改革发展。"),
        Heading("四、社会保险基金预算"),
        Paragraph(f"{period}全区社会保险基金预算收入{insurance:.2f}亿元，收支平衡、略有结余。"),
        Heading("五、政府债务情况"),
        Paragraph("全区政府债务余额控制在上级核定的限额以内，债务风险总体可控。"),
    ]
    summary = (
        f"{period}全区一般公共预算收入{general:.2f}亿元、"
        f"政府性基金预算收入{funds:.2f}亿元等{word}情况。"
    )
    return Text(tuple(blocks), summary, table=tuple(rows))


# --- 决定书 ----------------------------------------------------------------------------

_TRADES = ("餐饮店", "食品商行", "便利店", "服饰商行", "五金店", "商贸有限公司", "物业管理有限公司")
_ROADS = ("解放大道", "中山大道", "京汉大道", "汉正街", "古田二路", "宝丰路", "长丰大道", "硚口路")


def decision(facts: Facts, rng: Random) -> Text:
    year = facts.formed.year
    party = f"武汉市硚口区某某{rng.choice(_TRADES)}"
    address = f"武汉市硚口区{rng.choice(_ROADS)}{rng.randint(1, 400)}号"
    matter = rng.choice(facts.points) if facts.points else facts.topic
    basis = facts.basis or "有关法律法规"
    if "许可" in facts.title:
        valid = facts.formed.replace(year=year + 5) - timedelta(days=1)
        applied = month_day(facts.formed - timedelta(days=rng.randint(5, 15)), year=year)
        lines = [
            f"申请人：{party}",
            f"经营场所：{address}",
            f"许可事项：{matter}",
            f"申请人于{applied}提出申请。经审查，申请材料齐全、符合法定形式，符合{basis}规定的"
            "条件。根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。",
            f"许可证有效期至{full_date(valid)}。",
        ]
        return Text(tuple(Paragraph(line) for line in lines), f"准予{party}{matter}。")
    checked = facts.formed - timedelta(days=rng.randint(30, 90))
    lines = [
        f"当事人：{party}",
        f"住所（经营场所）：{address}",
        f"{month_day(checked, year=year)}，本机关执法人员对当事人经营场所进行检查，"
        f"发现当事人{matter}。",
        "上述事实有现场检查笔录、询问笔录、现场照片等证据证实，当事人对违法事实无异议。",
        f"当事人的上述行为违反了{basis}的有关规定。",
    ]
    if "强制" in facts.title or "拆除" in facts.title or "现场处理" in facts.title:
        days = rng.choice([15, 30])
        lines += [
            f"依据{basis}和《中华人民共和国行政强制法》的有关规定，本机关决定对当事人采取以下措施：{matter}，期限{days}日。",
            "当事人应当配合执行，不得擅自转移、损毁有关物品或者设施。",
        ]
        summary = f"对{party}依法采取行政强制措施（{matter}）。"
    else:
        fine = rng.choice([2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000])
        lines += [
            f"本机关于{month_day(checked + timedelta(days=rng.randint(10, 20)), year=year)}"
            "向当事人送达了"
            "《行政处罚告知书》，告知其拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩权利，"
            "当事人在法定期限内未提出陈述、申辩意见。",
            f"依据{basis}的有关规定，本机关决定对当事人作出如下行政处罚："
            f"1. 警告；2. 罚款人民币{fine}元。",
            "当事人应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的3%加处罚款。",
        ]
        summary = f"对{party}{matter}的行为给予警告并处罚款{fine}元。"
    lines.append(
        "当事人如对本决定不服，可以在收到本决定书之日起六十日内向武汉市硚口区人民政府申请行政复议，"
        "也可以在六个月内依法向武汉市硚口区人民法院提起行政诉讼。"
    )
    return Text(tuple(Paragraph(line) for line in lines), summary)


# --- 采购 ------------------------------------------------------------------------------

_FIRMS = ("楚信", "汉达", "江城", "晴川", "知音", "长江", "荆楚", "东湖")
_FIRM_KINDS = ("信息技术", "科技", "物业服务", "工程咨询", "社会工作服务")


def procurement(facts: Facts, rng: Random) -> Text:
    year = facts.formed.year
    supplier = f"湖北{rng.choice(_FIRMS)}{rng.choice(_FIRM_KINDS)}有限公司"
    amount = rng.randint(20, 600) + rng.randint(0, 99) / 100
    experts = "、".join(person(rng) for _ in range(3))
    lines = [
        f"一、项目编号：QKCG-{year}-{rng.randint(1, 240):03d}",
        f"二、项目名称：{facts.item}项目",
        f"三、中标（成交）信息：供应商名称：{supplier}；中标（成交）金额：{amount:.2f}万元。",
        f"四、主要标的信息：服务范围：{facts.item}；服务期限：一年；服务要求：详见采购文件。",
        f"五、评审专家名单：{experts}。",
        "六、公告期限：自本公告发布之日起1个工作日。",
        "七、其他补充事宜：供应商认为中标（成交）结果使自己的权益受到损害的，可以在知道或者应知"
        "其权益受到损害之日起七个工作日内，以书面形式向采购人或者采购代理机构提出质疑。",
        f"八、联系方式：采购人：{facts.agency}，联系电话：{facts.phone}。",
    ]
    summary = f"{facts.item}项目中标（成交）供应商为{supplier}，金额{amount:.2f}万元。"
    return Text(tuple(Paragraph(line) for line in lines), summary)


COMPOSERS = {
    Genre.NOTICE: notice,
    Genre.ANNOUNCEMENT: announcement,
    Genre.NORMATIVE: normative,
    Genre.INTERPRETATION: interpretation,
    Genre.NEWS: news,
    Genre.STATISTICS: statistics,
    Genre.PERSONNEL: personnel,
    Genre.PLAN: plan,
    Genre.BUDGET: budget,
    Genre.DECISION: decision,
    Genre.PROCUREMENT: procurement,
}


def compose(genre: Genre, facts: Facts, rng: Random) -> Text:
    return COMPOSERS[genre](facts, rng)


def to_html(text: Text, *, facts: Facts, attachments: list[str]) -> str:
    """The entry's rich text: paragraphs, headings in bold, the 附件 note, the signature."""
    parts = []
    if text.addressee:
        parts.append(text.addressee)
    for block in text.blocks:
        if isinstance(block, Heading):
            parts.append(f"<b>{html.escape(block.text)}</b>")
        elif isinstance(block, Paragraph):
            parts.append(html.escape(block.text))
    if attachments:
        if len(attachments) == 1:
            parts.append(f"附件：{html.escape(attachments[0])}")
        else:
            listed = "　".join(f"{n}. {html.escape(a)}" for n, a in enumerate(attachments, 1))
            parts.append(f"附件：{listed}")
    if text.signed:
        parts += [html.escape(facts.agency), full_date(facts.formed)]
    return "".join(f"<p>{part}</p>" for part in parts)
