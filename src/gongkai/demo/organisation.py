"""Each demo agency's 机构信息 (Art. 20 (二)) and its guide's 指南资料 (Art. 12, Art. 51).

Functions follow the agency's subject (``demo/subjects.py``), its leaders and departments
its kind (a 局, the government office, a 街道); everyone is invented. Leaders have no real
photo: one neutral silhouette, drawn here, stands in for each. The agency's phone is the
one its catalogue entries cite. 机构信息 is published as the agency's own page revision.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.agencies.services import do_update_guide_details
from gongkai.demo.progress import Say, quiet
from gongkai.demo.subjects import SUBJECTS
from gongkai.disclosure.models import AgencyCataloguePage, AgencyDepartment, AgencyLeader
from gongkai.disclosure.permissions import agency_collection

PLACEHOLDER_TITLE = "领导照片（演示占位图）"
RECONSIDERATION_BODY = "武汉市硚口区人民政府"
COURT = "武汉市硚口区人民法院"
OFFICE_HOURS = "工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）"
POSTCODE = "430030"
CONTACTS = ("王敏", "李静", "张伟", "刘洋", "陈晨", "杨帆", "赵磊", "周婷")
_SURNAMES = "龚孟宁柯严卢廖邹熊夏江魏程聂汪傅钟崔"
_GIVEN = ("立新", "卫东", "红梅", "志军", "晓峰", "丽萍", "国强", "慧敏", "建军", "春燕")

# Departments every 局 has (name, duties).
COMMON_DEPARTMENTS = (
    ("办公室", "负责机关日常运转，承担文电、会务、机要、档案、督办、政务公开和信访等工作。"),
    ("政策法规科", "负责有关规范性文件的合法性审核，承担行政复议、行政应诉和普法工作。"),
    ("计划财务科", "负责部门预算、决算和财务管理，承担国有资产管理和内部审计工作。"),
)
# Each agency's own departments: "名称：职责".
OWN_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "fgj": (
        "发展规划科：组织拟订全区国民经济和社会发展规划",
        "项目管理科：负责重大项目的谋划、审核和调度",
    ),
    "jyj": (
        "基础教育科：负责学前教育和义务教育的管理与指导",
        "教师工作科：负责教师队伍建设和教师资格管理",
    ),
    "mzj": (
        "社会救助科：负责城乡低保、特困供养和临时救助",
        "养老服务科：负责养老服务体系建设和养老机构监管",
    ),
    "czj": (
        "预算科：负责编制区级预算草案和预算执行分析",
        "政府采购监督管理科：负责政府采购活动的监督管理",
    ),
    "rsj": (
        "就业促进科：负责就业创业政策落实和就业援助",
        "劳动关系科：负责劳动合同、工资支付和劳动争议调处指导",
    ),
    "fgxj": (
        "住房保障科：负责公共租赁住房和保障性住房的分配管理",
        "城市更新科：负责老旧小区改造和城市更新项目推进",
    ),
    "wjj": (
        "医政医管科：负责医疗机构和医疗技术的监督管理",
        "疾病预防控制科：负责传染病和慢性病防控的组织协调",
    ),
    "scj": (
        "登记注册科：负责市场主体登记注册",
        "食品安全协调科：负责食品安全监督管理的综合协调",
    ),
    "cgj": (
        "市容环境卫生科：负责市容环境卫生和生活垃圾分类管理",
        "执法督察科：负责城市管理综合执法的督察考评",
    ),
    "yjj": (
        "安全生产综合协调科：负责安全生产综合监督管理",
        "防汛抗旱科：负责防汛抗旱和防灾减灾的组织协调",
    ),
    "tyjr": (
        "移交安置科：负责退役军人移交安置和就业创业服务",
        "优抚褒扬科：负责优抚对象待遇落实和烈士褒扬",
    ),
    "qzfb": (
        "秘书科：负责区政府文电、会务和综合协调",
        "政务公开科：负责全区政务公开和政府信息公开工作的指导监督",
    ),
    "dsj": (
        "平台运维部：负责政府网站集约化平台和政务云的运行维护",
        "数据资源部：负责政务数据共享交换和数据资源目录管理",
    ),
    "qzf": (
        "区政府办公室：协助区政府领导处理区政府日常工作",
        "区政府研究室：负责区政府重大决策的调查研究",
    ),
}
STREET_DEPARTMENTS = (
    ("党政综合办公室", "负责街道机关日常运转、文电会务和政务公开工作。"),
    ("社区建设办公室", "负责社区建设、社会救助初审和民政服务。"),
    ("城市管理办公室", "负责辖区市容环境、城市管理和网格化管理工作。"),
    ("平安建设办公室", "负责辖区综合治理、安全生产和应急管理工作。"),
)


def agency_phone(index: int) -> str:
    """The agency's contact number (a landline of the district's range), as its entries cite."""
    return f"027-8385{1200 + index * 11:04d}"


def _posts(agency: Agency) -> tuple[str, ...]:
    """The leaders' posts by the kind of body: a government, a 局, an office, a street."""
    if agency.kind == AgencyKind.GOVERNMENT:
        return ("区长", "常务副区长", "副区长")
    if agency.kind == AgencyKind.STREET:
        return ("党工委书记", "党工委副书记、办事处主任", "办事处副主任")
    if agency.short_name.endswith("局"):
        return ("党组书记、局长", "党组成员、副局长", "党组成员、副局长")
    return ("党组书记、主任", "党组成员、副主任", "党组成员、副主任")


def _departments(slug: str, agency: Agency) -> tuple[tuple[str, str], ...]:
    if agency.kind == AgencyKind.STREET:
        return STREET_DEPARTMENTS
    own = tuple(
        (name, f"{duty}。") for name, duty in (d.split("：") for d in OWN_DEPARTMENTS.get(slug, ()))
    )
    if agency.kind == AgencyKind.GOVERNMENT:
        return own
    return COMMON_DEPARTMENTS[:1] + own + COMMON_DEPARTMENTS[1:]


def _functions(slug: str, agency: Agency) -> str:
    duties = SUBJECTS[slug].duties
    standing = {
        AgencyKind.GOVERNMENT: "是区人民代表大会的执行机关，是区级国家行政机关",
        AgencyKind.STREET: "是区人民政府的派出机关",
        AgencyKind.INSTITUTION: "是区人民政府直属事业单位",
    }.get(agency.kind, "是区人民政府工作部门")
    items = (
        "贯彻执行党和国家的路线方针政策及法律法规，落实上级决策部署。",
        f"{duties}。",
        "负责本单位政务公开、政府信息公开、政务服务和数据共享工作。",
        "负责本单位安全生产、应急管理和保密工作。",
        "完成区委、区政府交办的其他任务。",
    )
    listed = "".join(f"<li>{item}</li>" for item in items)
    return f"<p>{agency.name}{standing}，主要职责是：</p><ol>{listed}</ol>"


def _name(n: int) -> str:
    return _SURNAMES[n % len(_SURNAMES)] + _GIVEN[(n * 3) % len(_GIVEN)]


def _placeholder_photo(agency: Agency) -> Any:
    """A grey silhouette on a light ground, in the agency's own collection."""
    Image = get_image_model()
    collection = agency_collection(agency)
    existing = Image.objects.filter(title=PLACEHOLDER_TITLE, collection=collection).first()
    if existing is not None:
        return existing
    image = PILImage.new("RGB", (300, 400), (236, 239, 243))
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 70, 205, 190), fill=(170, 178, 189))
    draw.ellipse((40, 210, 260, 470), fill=(170, 178, 189))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    file = ImageFile(buffer, name="leader-placeholder.png")
    return Image.objects.create(title=PLACEHOLDER_TITLE, file=file, collection=collection)


def guide_details_for(agency: Agency, index: int) -> dict[str, str]:
    """The 政府信息公开工作机构 and remedy bodies a real agency lists in its guide."""
    office = "党政综合办公室" if agency.kind == AgencyKind.STREET else "办公室"
    return {
        "office_name": f"{agency.name}{office}",
        "office_address": f"武汉市硚口区京汉大道{118 + index * 12}号",
        "office_postcode": POSTCODE,
        "office_hours": OFFICE_HOURS,
        "office_phone": agency_phone(index),
        "office_contact": CONTACTS[index % len(CONTACTS)],
        "office_fax": f"027-8385{1201 + index * 11:04d}",
        "office_email": f"gongkai{index + 1:02d}@qiaokou.example.gov.cn",
        "reconsideration_body": RECONSIDERATION_BODY,
        "court": COURT,
    }


def ensure_guide_details(agency: Agency, index: int) -> Agency:
    """Fill the guide details the agency has left empty; never overwrite what it entered."""
    missing = {
        name: value
        for name, value in guide_details_for(agency, index).items()
        if not getattr(agency, name)
    }
    return do_update_guide_details(agency=agency, **missing) if missing else agency


def _fill_organisation(branch: AgencyCataloguePage, slug: str, index: int, today: date) -> None:
    agency = branch.agency
    photo = _placeholder_photo(agency)
    branch.functions = _functions(slug, agency)
    branch.address = f"武汉市硚口区京汉大道{118 + index * 12}号"
    branch.postcode = POSTCODE
    branch.office_hours = OFFICE_HOURS
    branch.phone = agency_phone(index)
    branch.fax = f"027-8385{1201 + index * 11:04d}"
    branch.email = f"gongkai{index + 1:02d}@qiaokou.example.gov.cn"
    branch.info_updated_on = today
    departments = _departments(slug, agency)
    posts = _posts(agency)
    branch.leadership = [
        AgencyLeader(
            name=_name(index * len(posts) + n),
            post=post,
            portfolio="主持全面工作。"
            if n == 0
            else f"负责{'、'.join(d for d, _ in departments[n :: len(posts)][:2])}方面的工作。",
            photo=photo,
        )
        for n, post in enumerate(posts)
    ]
    branch.departments = [
        AgencyDepartment(name=name, duties=duties, phone=f"027-8385{1202 + index * 11 + n:04d}")
        for n, (name, duties) in enumerate(departments)
    ]
    branch.save_revision().publish()


def build_demo_organisation(*, today: date, say: Say = quiet) -> int:
    """Give every demo agency without leaders its 机构信息 and guide details; returns how
    many agencies were filled in. Idempotent."""
    from gongkai.demo.build import AGENCIES

    filled = 0
    for index, (slug, name, *_rest) in enumerate(AGENCIES):
        agency = ensure_guide_details(Agency.objects.get(name=name), index)
        branch = AgencyCataloguePage.objects.get(agency=agency)
        if branch.leadership.exists():
            continue
        _fill_organisation(branch, slug, index, today)
        filled += 1
        say(f"机构信息：{agency.name}")
    return filled
