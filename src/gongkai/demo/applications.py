"""Demo applications: two years of 依申请公开 work in five agencies of the demo district.

The demo must show every screen with something on it — every phase of the clock, every
outcome row of the annual report, letters, appeals and last year's carry-over — and the
annual report for last year must come out plausible. So the applications are made the
way real ones are: through the service functions, with dates in the past, which also
issues their letters and writes their audit rows. A demo that bypassed the services
could show states the services would never produce.

The main agency (区政府办, whose officer is the demo's main login) has both years handled
on the platform. The four others joined this year: their last year arrives the way an
agency's history really does, as an imported ledger (台账), and only this year's
applications are handled step by step. That also keeps the build quick, because every
letter is a rendered DOCX and PDF.

Dates are chosen relative to ``today``: last year's on fixed days of that year, this
year's a number of working days before ``today``, so the clock rules (7 working days to
ask for a supplement, 20 to pay a fee, extensions before the original deadline) hold on
whatever day the demo is built. Applicants, identity numbers and codes are invented
(checksum-valid); the agencies are the demo district's.

Two things the services fix that a demo cannot change: receipt numbers carry the year the
application was *registered* (the build year), and ``submitted_at`` is the build time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import notices
from gongkai.applications.ledger import do_import_table, table_from_rows
from gongkai.applications.models import (
    Appeal,
    Application,
    Channel,
    DeliveryMethod,
    IdentityKind,
    InformationForm,
)
from gongkai.applications.services.clock import clock_state
from gongkai.applications.services.handling import (
    do_answer,
    do_approve_extension,
    do_assign,
    do_expire_fee,
    do_expire_supplement,
    do_receive_consultation,
    do_receive_supplement,
    do_record_appeal,
    do_request_supplement,
    do_send_consultation,
    do_send_fee_notice,
)
from gongkai.applications.services.intake import (
    do_register_application,
    do_submit_online_application,
)
from gongkai.demo.build import AGENCIES, DIVISION
from gongkai.demo.codes import demo_code
from gongkai.demo.organisation import COURT, RECONSIDERATION_BODY, ensure_guide_details
from gongkai.demo.progress import Say, quiet
from gongkai.rules.fees import FeeBasis
from gongkai.rules.identifiers import resident_id_check_char
from gongkai.rules.outcomes import AnswerType, ApplicantCategory
from gongkai.rules.workdays import WorkingDayCalendar
from gongkai.workcalendar.selectors import working_calendar

# The full spread goes to the agency whose officer is the demo's main login.
MAIN_AGENCY = "qzfb"
OTHER_AGENCIES = ("czj", "jyj", "fgxj", "zgjd")

A = AnswerType
Cat = ApplicantCategory

# ---------------------------------------------------------------------------------------
# Invented applicants
# ---------------------------------------------------------------------------------------

_PEOPLE = [
    ("陈国平", "19680312"),
    ("刘秀英", "19750826"),
    ("张伟", "19820105"),
    ("王丽华", "19790417"),
    ("李志刚", "19660923"),
    ("周敏", "19900611"),
    ("吴建军", "19720228"),
    ("黄晓燕", "19881130"),
    ("杨德胜", "19580714"),
    ("胡雪梅", "19930502"),
    ("孙立新", "19700819"),
    ("郭春兰", "19640125"),
    ("何俊", "19951007"),
    ("罗文静", "19860320"),
]

# (category, name, registering authority + kind code of the USCC)
_ORGANISATIONS = [
    (Cat.COMMERCIAL_ENTERPRISE, "武汉晴川置业有限公司", "91"),
    (Cat.COMMERCIAL_ENTERPRISE, "武汉汉正商贸有限公司", "91"),
    (Cat.COMMERCIAL_ENTERPRISE, "湖北楚源建设工程有限公司", "91"),
    (Cat.RESEARCH_INSTITUTION, "武汉江城城市治理研究院", "12"),
    (Cat.PUBLIC_WELFARE_ORGANIZATION, "武汉市硚口区益邻社区服务中心", "52"),
    (Cat.LEGAL_SERVICE_AGENCY, "湖北汉水律师事务所", "31"),
    (Cat.LEGAL_SERVICE_AGENCY, "湖北正衡律师事务所", "31"),
    (Cat.OTHER, "荣华里小区业主委员会", "Y1"),
]

_STREETS = ["解放大道", "中山大道", "汉正街", "古田二路", "宝丰路", "京汉大道", "沿河大道"]


@dataclass(frozen=True)
class Applicant:
    category: ApplicantCategory
    name: str
    identity_number: str
    phone: str
    address: str
    contact_person: str = ""

    def fields(self) -> dict[str, Any]:
        kind = IdentityKind.USCC if self.category.is_organisation else IdentityKind.RESIDENT_ID
        return {
            "category": self.category.value,
            "applicant_name": self.name,
            "identity_kind": kind,
            "identity_number": self.identity_number,
            "contact_person": self.contact_person,
            "phone": self.phone,
            "address": self.address,
            "postal_code": "430030",
        }


def resident_id(*, birth: str, serial: int) -> str:
    """An invented but checksum-valid 居民身份证号码 registered in the demo district."""
    body = f"{DIVISION}{birth}{serial % 1000:03d}"
    return body + resident_id_check_char(body)


def person(index: int) -> Applicant:
    name, birth = _PEOPLE[index % len(_PEOPLE)]
    return Applicant(
        category=Cat.NATURAL_PERSON,
        name=name,
        identity_number=resident_id(birth=birth, serial=101 + index * 2),
        phone=f"1387{index:03d}{(index * 4721) % 10000:04d}"[:11],
        address=f"武汉市硚口区{_STREETS[index % len(_STREETS)]}{(index * 37) % 400 + 1}号",
    )


def organisation(index: int) -> Applicant:
    category, name, kind = _ORGANISATIONS[index % len(_ORGANISATIONS)]
    contact_name, _ = _PEOPLE[(index + 5) % len(_PEOPLE)]
    return Applicant(
        category=category,
        name=name,
        identity_number=demo_code(
            authority_and_kind=kind, division=DIVISION, serial=30_716_000 + index * 53
        ),
        phone=f"027-8376{(index * 173) % 10000:04d}",
        address=f"武汉市硚口区{_STREETS[(index + 3) % len(_STREETS)]}{(index * 11) % 300 + 2}号",
        contact_person=contact_name,
    )


# ---------------------------------------------------------------------------------------
# What the applicants ask for
# ---------------------------------------------------------------------------------------

# The main agency's requests, by the role they play in the plan below.
_MAIN = {
    "disclosed": "2025年某街道老旧小区改造项目的立项批复文件",
    "partial": "区政府2024年第12次常务会议纪要中关于汉正街片区更新改造的内容",
    "process": "区政府关于某地块规划调整的请示及市政府的批复意见",
    "not_held": "本人房屋所在地块1998年的土地使用权出让合同",
    "petition": "要求区政府查处某小区物业公司违规收费问题并答复处理结果",
    "repeat": "某路段拓宽工程的房屋征收决定及征收补偿方案",
    "third_party": "区政府与某企业签订的汉正街片区招商引资合作协议",
    "extension": "2024年区政府重大行政决策事项目录及各事项的决策依据",
    "carry_1": "2025年区政府民生实事项目清单及资金安排",
    "carry_2": "荣华里小区周边道路改造工程的建设工程规划许可证",
    "published_2": "区人民政府2025年度行政规范性文件清理结果",
    "partial_2": "区政府2025年度政府信息公开工作年度报告所依据的原始统计数据",
    "internal": "区政府办公室内部考勤管理和公务用车管理制度",
    "enforcement": "区政府对某企业作出行政处罚所依据的全部调查取证材料",
    "unclear": "关于我家门口那条路的所有文件",
    "publication": "《硚口年鉴（2025）》全文",
    "consulted": "某安置房项目代建单位的选定文件及代建合同",
    "withdrawn": "2025年区政府常务会议研究老旧小区加装电梯事项的议定内容",
    "supplement_lapsed": "有关拆迁的文件",
    "fee_lapsed": "2015年至2025年区政府全部行政规范性文件的纸质文本",
    "extended_open": "2025年区级政府投资项目计划及各项目的资金拨付情况",
    "fee_open": "2023年至2025年区政府常务会议全部议题目录",
    "consulting": "某商业综合体项目的招商引资优惠政策兑现情况",
    "supplementing": "某小区的改造资料",
    "open_1": "2026年区政府防汛应急预案",
    "open_2": "区政府关于宗关片区城市更新的实施方案",
    "letter_unconfirmed": "2025年区政府办公室政府采购项目合同",
    "online_unconfirmed": "区人民政府2026年第三季度政务公开工作要点落实情况",
}

# The other agencies: last year's five requests (imported from their own ledgers) and
# this year's three (handled here).
_OTHERS: dict[str, tuple[str, ...]] = {
    "czj": (
        "区财政局2024年度部门决算公开表",
        "2025年区级政府采购项目执行情况汇总",
        "区级财政专项资金管理办法及2024年度分配结果",
        "2016年至2024年全区各部门“三公”经费支出的对比分析",
        "2025年区本级一般公共预算收支执行情况",
        "2026年区级部门预算中“三公”经费的安排情况",
        "区财政局对某社区服务项目的绩效评价报告",
        "2026年区级政府采购意向公开目录",
    ),
    "jyj": (
        "2025年区属公办小学招生划片方案",
        "某中学食堂委托经营的招标文件及合同",
        "2025年区属学校教师公开招聘面试成绩及排名",
        "某培训学校被投诉后区教育局的调查处理记录",
        "2025年秋季学期区属学校课后服务收费标准",
        "2026年区属公办初中招生划片方案",
        "区教育局关于校外培训机构专项检查的结果通报",
        "某小学新建教学楼项目的立项及竣工验收文件",
    ),
    "fgxj": (
        "某小区老旧小区改造工程的施工合同及竣工验收资料",
        "2025年区公共租赁住房配租名单",
        "某棚户区改造项目安置房的分配方案",
        "某征收项目被征收人的评估报告及补偿明细",
        "2025年老旧小区加装电梯财政补贴发放情况",
        "2026年老旧小区改造计划项目清单",
        "某小区加装电梯财政补贴的审批文件",
        "某征收项目房屋评估机构的选定程序文件",
    ),
    "zgjd": (
        "宗关街道2025年度最低生活保障对象公示名单",
        "某社区党群服务中心装修工程的招标文件",
        "宗关街道辖区某违法建设的拆除决定书",
        "要求街道处理某餐馆油烟扰民问题并书面答复",
        "宗关街道2025年度城市管理专项经费使用情况",
        "宗关街道2026年度城市管理专项经费使用情况",
        "某社区2025年度居民议事会议记录",
        "宗关街道辖区背街小巷整治工程的施工合同",
    ),
}

# The fourth imported row's outcome, varied so last year's report rows differ by agency.
_IMPORTED_FOURTH = {
    "czj": "无法提供：没有现成信息需要另行制作",
    "jyj": "不予公开：保护第三方合法权益",
    "fgxj": "不予公开：保护第三方合法权益",
    "zgjd": "不予处理：信访举报投诉类申请",
}

_DETAILS = {
    A.DISCLOSED: "所申请信息随本答复书一并提供，共{pages}页。",
    A.ALREADY_PUBLISHED: (
        "该信息已在硚口区人民政府门户网站“政府信息公开”专栏主动公开，"
        "您可登录网站查阅或到区政务服务中心政府信息公开查阅点查阅。"
    ),
    A.PARTIAL: "其中涉及个人姓名、身份证号码和联系方式的内容属于个人隐私，已作遮盖处理。",
    A.NOT_HELD: "经对本机关档案及业务系统检索，未发现所述信息。",
    A.NOT_RESPONSIBLE: "该信息由武汉市自然资源和城乡建设局负责公开，您可向该局提出申请。",
}


# ---------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------


class _Builder:
    """Makes one agency's applications; each method is one handler's step on one day."""

    def __init__(
        self, *, agency: Agency, today: date, calendar: WorkingDayCalendar, handler: Any
    ) -> None:
        self.agency = agency
        self.today = today
        self.calendar = calendar
        self.handler = handler
        self.created = 0

    # -- dates ---------------------------------------------------------------------

    def workday(self, d: date) -> date:
        """``d`` or the working day before it: offices register on working days."""
        while not self.calendar.is_working_day(d):
            d -= timedelta(days=1)
        return d

    def back(self, n: int) -> date:
        """The working day ``n`` working days before today."""
        d = self.workday(self.today)
        for _ in range(n):
            d = self.workday(d - timedelta(days=1))
        return d

    def after(self, d: date, n: int) -> date:
        """``n`` working days after ``d``, never later than today."""
        return min(self.calendar.nth_working_day_after(d, n), self.workday(self.today))

    def last_year(self, month: int, day: int) -> date:
        return self.workday(date(self.today.year - 1, month, day))

    # -- steps ---------------------------------------------------------------------

    def register(
        self,
        applicant: Applicant,
        description: str,
        received: date | None,
        *,
        channel: Channel = Channel.IN_PERSON,
        form: InformationForm = InformationForm.PAPER,
        delivery: DeliveryMethod = DeliveryMethod.MAIL,
    ) -> Application:
        receipt = do_register_application(
            today=self.today,
            agency=self.agency,
            channel=channel,
            received_on=received,
            description=description,
            information_form=form,
            delivery_method=delivery,
            **applicant.fields(),
        )
        self.created += 1
        application = receipt.application
        do_assign(application=application, handler=self.handler)
        return application

    def submit_online(self, applicant: Applicant, description: str) -> Application:
        receipt = do_submit_online_application(
            today=self.today,
            agency=self.agency,
            description=description,
            information_form=InformationForm.EMAIL,
            delivery_method=DeliveryMethod.EMAIL,
            email="applicant@example.com",
            **applicant.fields(),
        )
        self.created += 1
        return receipt.application

    def answer(
        self,
        application: Application,
        on: date,
        answer: AnswerType,
        *,
        detail: str | None = None,
        repeat_of: Application | None = None,
    ) -> Application:
        text = detail if detail is not None else _DETAILS.get(answer, "")
        do_answer(
            today=self.today,
            application=application,
            on=on,
            answer_type=answer,
            detail=text.format(pages=3 + self.created % 9),
            repeat_of=repeat_of,
        )
        application.refresh_from_db()
        return application

    def supplement(self, application: Application, on: date, *, days: int = 15) -> date:
        due = on + timedelta(days=days)
        do_request_supplement(
            today=self.today,
            application=application,
            on=on,
            due=due,
            items="请写明所需信息的名称、文号或者便于查询的其他特征性描述，如涉及的地块、"
            "项目名称及大致时间。",
        )
        application.refresh_from_db()
        return due

    def consult(self, application: Application, on: date, party: str) -> None:
        do_send_consultation(today=self.today, application=application, on=on, party=party)
        application.refresh_from_db()

    def extend(self, application: Application, on: date, days: int) -> None:
        do_approve_extension(
            today=self.today,
            application=application,
            on=on,
            days=days,
            approved_by="区政府信息公开工作机构负责人",
            reason="所申请信息涉及多个年度、多个部门，需要调取档案并逐件审查",
        )
        application.refresh_from_db()

    def fee_notice(self, application: Application, on: date, pages: int) -> None:
        do_send_fee_notice(
            today=self.today, application=application, on=on, basis=FeeBasis.BY_PAGES, pages=pages
        )
        application.refresh_from_db()

    def appeal(
        self,
        application: Application,
        *,
        kind: str,
        filed_on: date,
        result: str,
        decided_on: date | None,
        note: str = "",
    ) -> None:
        body = COURT if kind.startswith("litigation") else RECONSIDERATION_BODY
        if decided_on is not None and decided_on > self.today:
            result, decided_on = Appeal.Result.PENDING, None
        do_record_appeal(
            application=application,
            kind=kind,
            body=body,
            filed_on=filed_on,
            result=result,
            decided_on=decided_on,
            note=note,
        )


# ---------------------------------------------------------------------------------------
# The plans
# ---------------------------------------------------------------------------------------


def _main_agency(b: _Builder) -> None:
    """Every phase and every outcome group, with letters and appeals, in two years."""
    d = _MAIN
    ly = b.last_year

    # Last year: answered in every common way, two carried over into January.
    app = b.register(person(0), d["disclosed"], ly(3, 4))
    b.answer(app, b.after(app.received_date, 12), A.DISCLOSED)
    app = b.register(person(1), d["partial"], ly(4, 15))
    b.answer(app, b.after(app.received_date, 15), A.PARTIAL)
    app = b.register(organisation(5), d["process"], ly(5, 12))
    b.answer(
        app,
        b.after(app.received_date, 18),
        A.REFUSED_PROCESS_INFORMATION,
        detail="所申请的请示属于行政机关内部的请示报告，批复意见尚在执行中。",
    )
    filed = b.after(app.closed_date, 20)
    b.appeal(
        app,
        kind=Appeal.Kind.RECONSIDERATION,
        filed_on=filed,
        result=Appeal.Result.UPHELD,
        decided_on=b.after(filed, 40),
        note="复议机关维持原答复。",
    )
    app = b.register(organisation(3), d["not_held"], ly(6, 9), channel=Channel.REGISTERED_MAIL)
    b.answer(app, b.after(app.received_date, 10), A.NOT_HELD)
    app = b.register(person(2), d["petition"], ly(7, 7))
    b.answer(
        app,
        b.after(app.received_date, 6),
        A.PETITION_COMPLAINT,
        detail="您反映的问题已转区住房和城市更新局依法处理。",
    )
    earlier = b.register(person(4), d["repeat"], ly(9, 8))
    earlier = b.answer(earlier, b.after(earlier.received_date, 11), A.DISCLOSED)
    app = b.register(organisation(1), d["third_party"], ly(10, 13))
    party = organisation(2).name
    b.consult(app, b.after(app.received_date, 3), party)
    do_receive_consultation(
        today=b.today,
        application=app,
        on=b.after(app.received_date, 12),
        party=party,
        opinion="不同意公开，协议涉及本公司商业秘密。",
    )
    app.refresh_from_db()
    b.answer(
        app,
        b.after(app.received_date, 22),
        A.REFUSED_THIRD_PARTY,
        detail="第三方不同意公开并说明了合理理由，协议中的投资额、优惠条款属于商业秘密。",
    )
    filed = b.after(app.closed_date, 15)
    decided = b.after(filed, 35)
    b.appeal(
        app,
        kind=Appeal.Kind.RECONSIDERATION,
        filed_on=filed,
        result=Appeal.Result.UPHELD,
        decided_on=decided,
    )
    sued = b.after(decided, 10)
    b.appeal(
        app,
        kind=Appeal.Kind.LITIGATION_AFTER,
        filed_on=sued,
        result=Appeal.Result.UPHELD,
        decided_on=b.after(sued, 60),
        note="一审判决驳回诉讼请求。",
    )
    app = b.register(organisation(4), d["extension"], ly(11, 10))
    b.extend(app, b.after(app.received_date, 18), 15)
    b.answer(app, b.after(app.received_date, 30), A.DISCLOSED)
    # Carry-over: received in December, still open on 31 December, answered in January.
    year = b.today.year
    app = b.register(person(5), d["carry_1"], ly(12, 15))
    b.answer(app, max(app.received_date, b.after(date(year, 1, 9), 1)), A.DISCLOSED)
    app = b.register(organisation(7), d["carry_2"], ly(12, 23), channel=Channel.REGISTERED_MAIL)
    b.answer(app, max(app.received_date, b.after(date(year, 1, 16), 1)), A.NOT_RESPONSIBLE)

    # This year: every outcome group answered, both ways of ending, and every open phase.
    app = b.register(person(4), d["repeat"], b.back(190))
    app = b.answer(
        app,
        b.after(app.received_date, 5),
        A.REPEATED,
        detail=f"本机关已于上一年度就您的相同申请（申请编号：{earlier.receipt_number}）作出答复。",
        repeat_of=earlier,
    )
    sued = b.after(app.closed_date, 25)
    b.appeal(
        app,
        kind=Appeal.Kind.LITIGATION_DIRECT,
        filed_on=sued,
        result=Appeal.Result.UPHELD,
        decided_on=b.after(sued, 50),
        note="一审判决驳回诉讼请求。",
    )
    app = b.register(
        organisation(1), d["published_2"], b.back(180), channel=Channel.REGISTERED_MAIL
    )
    b.answer(app, b.after(app.received_date, 7), A.ALREADY_PUBLISHED)
    app = b.register(organisation(4), d["partial_2"], b.back(160))
    b.answer(app, b.after(app.received_date, 18), A.PARTIAL)
    app = b.register(person(7), d["internal"], b.back(150))
    app = b.answer(
        app,
        b.after(app.received_date, 12),
        A.REFUSED_INTERNAL_AFFAIRS,
        detail="所申请的制度仅适用于本机关内部管理，对外部不产生直接约束力。",
    )
    filed = b.after(app.closed_date, 15)
    b.appeal(
        app,
        kind=Appeal.Kind.RECONSIDERATION,
        filed_on=filed,
        result=Appeal.Result.CORRECTED,
        decided_on=b.after(filed, 40),
        note="复议机关认为公务用车管理制度不属于内部事务信息，责令重新答复。",
    )
    app = b.register(organisation(6), d["enforcement"], b.back(140))
    b.answer(
        app,
        b.after(app.received_date, 16),
        A.REFUSED_ENFORCEMENT_FILE,
        detail="所申请材料属于行政执法案卷信息。",
    )
    app = b.register(person(8), d["unclear"], b.back(120))
    asked = b.after(app.received_date, 3)
    b.supplement(app, asked)
    supplied = b.after(asked, 6)
    do_receive_supplement(
        today=b.today, application=app, on=supplied, note="申请人补正称“门口那条路”。"
    )
    app.refresh_from_db()
    b.answer(
        app,
        b.after(supplied, 10),
        A.STILL_UNCLEAR,
        detail="补正后仍未能指明所需信息的名称或特征。",
    )
    app = b.register(person(9), d["publication"], b.back(110))
    b.answer(
        app,
        b.after(app.received_date, 5),
        A.PUBLICATION,
        detail="《硚口年鉴（2025）》为公开出版物，可在硚口区图书馆查阅。",
    )
    app = b.register(organisation(2), d["consulted"], b.back(100))
    party = organisation(0).name
    b.consult(app, b.after(app.received_date, 4), party)
    answered = b.after(app.received_date, 10)
    do_receive_consultation(
        today=b.today, application=app, on=answered, party=party, opinion="同意公开。"
    )
    app.refresh_from_db()
    b.answer(app, b.after(answered, 5), A.DISCLOSED)
    app = b.register(organisation(7), d["withdrawn"], b.back(90))
    b.answer(app, b.after(app.received_date, 6), A.OTHER, detail="申请人于答复前书面撤回申请。")
    # Ended by the clock: no supplement (3.6.1), no payment (3.6.2).
    app = b.register(person(10), d["supplement_lapsed"], b.back(80))
    due = b.supplement(app, b.after(app.received_date, 2))
    do_expire_supplement(today=b.today, application=app, on=b.after(due, 1))
    app = b.register(organisation(0), d["fee_lapsed"], b.back(70))
    b.fee_notice(app, b.after(app.received_date, 5), pages=120)
    fee_due = clock_state(app, today=b.today).fee_due
    assert fee_due is not None
    do_expire_fee(today=b.today, application=app, on=b.after(fee_due, 1))

    # Open ones, youngest last.
    app = b.register(organisation(5), d["extended_open"], b.back(24))
    b.extend(app, b.after(app.received_date, 19), 20)
    app = b.register(person(11), d["fee_open"], b.back(14))
    b.fee_notice(app, b.after(app.received_date, 4), pages=80)
    app = b.register(person(12), d["consulting"], b.back(10))
    b.consult(app, b.after(app.received_date, 3), organisation(1).name)
    app = b.register(person(13), d["supplementing"], b.back(4))
    b.supplement(app, b.after(app.received_date, 2))
    b.register(person(6), d["open_1"], b.back(6), channel=Channel.REGISTERED_MAIL)
    b.register(organisation(4), d["open_2"], b.back(2))
    # Not yet confirmed: an ordinary letter and an online application.
    b.register(person(1), d["letter_unconfirmed"], None, channel=Channel.ORDINARY_LETTER)
    b.submit_online(person(3), d["online_unconfirmed"])


def _other_agency(b: _Builder, slug: str, offset: int) -> None:
    """Last year imported from the agency's own ledger; this year handled on the platform.

    These agencies joined this year, the way most will: their history arrives as one
    audited ledger import (no letters), and only this year's applications go through
    every step here. It also keeps the demo quick, since each letter is a rendered
    DOCX and PDF.
    """
    descriptions = _OTHERS[slug]
    ly = b.last_year
    year = b.today.year
    k = 2 * OTHER_AGENCIES.index(slug)  # a few days apart, agency by agency
    received = [ly(3, 10 + k), ly(5, 12 + k), ly(7, 14 + k), ly(9, 15 + k), ly(12, 14 + k)]
    answered = [
        b.after(received[0], 11),
        b.after(received[1], 17),
        b.after(received[2], 8),
        b.after(received[3], 14),
        # Carried over: open on 31 December, answered in January.
        max(received[4], b.after(date(year, 1, 12), 1)),
    ]
    outcomes = ["予以公开", "部分公开", "无法提供：本机关不掌握相关政府信息"]
    outcomes += [_IMPORTED_FOURTH[slug], "予以公开"]
    applicants = [
        person(offset),
        organisation(offset),
        person(offset + 1),
        organisation(offset + 1),
        person(offset + 2),
    ]
    channels = ["当面", "邮寄", "网络", "当面", "邮寄"]
    rows = [
        [
            f"{slug.upper()}{year - 1}{index + 1:03d}",
            received[index],
            applicants[index].category.label,
            applicants[index].name,
            channels[index],
            descriptions[index],
            outcomes[index],
            answered[index],
        ]
        for index in range(5)
    ]
    result = do_import_table(
        agency=b.agency,
        table=table_from_rows(rows),
        source=f"{year - 1}年申请台账（演示）",
        today=b.today,
    )
    b.created += result.count

    app = b.register(person(offset + 3), descriptions[5], b.back(120 - 7 * k))
    b.answer(app, b.after(app.received_date, 9), A.ALREADY_PUBLISHED)
    b.register(organisation(offset + 2), descriptions[6], b.back(9))
    b.register(person(offset + 4), descriptions[7], b.back(3), channel=Channel.REGISTERED_MAIL)


# ---------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------


def _index(slug: str) -> int:
    """The agency's place in the demo district's list (its phone and address follow it)."""
    return next(i for i, (s, *_rest) in enumerate(AGENCIES) if s == slug)


def _agency(slug: str) -> Agency:
    name = next(name for s, name, *_ in AGENCIES if s == slug)
    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        raise LookupError(f"找不到演示机构“{name}”，请先运行 gongkai demo 建立演示区。")
    return agency


def build_demo_applications(*, today: date, say: Say = quiet) -> int:
    """Give the demo agencies two years of applications; return how many were added.

    Idempotent per agency: an agency that already has applications is left alone, so
    running ``gongkai demo`` again (or after real use) adds nothing. ``say`` hears a line
    per agency given applications.
    """
    if today > timezone.localdate():
        raise ValueError(f"演示数据的基准日期{today:%Y-%m-%d}晚于今天，无法登记未来的事项。")
    User = get_user_model()
    calendar = working_calendar()
    created = 0
    plans = [(MAIN_AGENCY, 0)] + [
        (slug, 20 + index * 6) for index, slug in enumerate(OTHER_AGENCIES)
    ]
    for slug, offset in plans:
        agency = _agency(slug)
        if Application.objects.filter(agency=agency).exists():
            continue
        # Invented applicants are told nothing: no notice leaves for a demo step.
        with transaction.atomic(), notices.muted():
            # Letters name whom to call and end with the remedy sentence naming the bodies.
            agency = ensure_guide_details(agency, _index(slug))
            handler = User.objects.get(username=f"{slug}_officer")
            builder = _Builder(agency=agency, today=today, calendar=calendar, handler=handler)
            if slug == MAIN_AGENCY:
                _main_agency(builder)
            else:
                _other_agency(builder, slug, offset)
            created += builder.created
        say(f"依申请公开：{agency.name}，新登记申请{builder.created}件")
    return created
