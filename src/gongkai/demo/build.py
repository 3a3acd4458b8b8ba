"""Build the demo district: the agencies of 硚口区 and staff in every role.

The agencies are real kinds of body in a real district (the one in the
reference annual report); their codes and all people are invented.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from gongkai.agencies.models import Agency, AgencyKind, Membership, Role
from gongkai.agencies.services import do_create_agency, do_create_staff_user, do_grant_role
from gongkai.demo.codes import demo_code
from gongkai.demo.progress import Say, quiet

DEMO_PASSWORD = "Gongkai-Demo-2026"
# The authenticator secret of every demo account whose role requires a second factor
# (the operator and the agency administrators): add it to any TOTP app, or run
# ``oathtool --totp -b <secret>``. Published in the README: a demo, never a deployment.
DEMO_TOTP_SECRET = "GONGKAIDEMOTOTPKEYFORTHEDEMOONLY"
DIVISION = "420104"  # 武汉市硚口区

# (slug, full name, short name, kind, parent slug)
AGENCIES: list[tuple[str, str, str, str, str | None]] = [
    ("qzf", "武汉市硚口区人民政府", "区政府", AgencyKind.GOVERNMENT, None),
    ("qzfb", "武汉市硚口区人民政府办公室", "区政府办", AgencyKind.DEPARTMENT, "qzf"),
    ("dsj", "武汉市硚口区大数据中心", "区大数据中心", AgencyKind.INSTITUTION, "qzf"),
    ("fgj", "武汉市硚口区发展和改革局", "区发改局", AgencyKind.DEPARTMENT, "qzf"),
    ("jyj", "武汉市硚口区教育局", "区教育局", AgencyKind.DEPARTMENT, "qzf"),
    ("mzj", "武汉市硚口区民政局", "区民政局", AgencyKind.DEPARTMENT, "qzf"),
    ("czj", "武汉市硚口区财政局", "区财政局", AgencyKind.DEPARTMENT, "qzf"),
    ("rsj", "武汉市硚口区人力资源和社会保障局", "区人社局", AgencyKind.DEPARTMENT, "qzf"),
    ("fgxj", "武汉市硚口区住房和城市更新局", "区住更局", AgencyKind.DEPARTMENT, "qzf"),
    ("wjj", "武汉市硚口区卫生健康局", "区卫健局", AgencyKind.DEPARTMENT, "qzf"),
    ("scj", "武汉市硚口区市场监督管理局", "区市场监管局", AgencyKind.DEPARTMENT, "qzf"),
    ("cgj", "武汉市硚口区城市管理执法局", "区城管执法局", AgencyKind.DEPARTMENT, "qzf"),
    ("yjj", "武汉市硚口区应急管理局", "区应急局", AgencyKind.DEPARTMENT, "qzf"),
    ("tyjr", "武汉市硚口区退役军人事务局", "区退役军人局", AgencyKind.DEPARTMENT, "qzf"),
    ("zgjd", "武汉市硚口区宗关街道办事处", "宗关街道", AgencyKind.STREET, "qzf"),
    ("hzjd", "武汉市硚口区汉正街道办事处", "汉正街道", AgencyKind.STREET, "qzf"),
    ("gtjd", "武汉市硚口区古田街道办事处", "古田街道", AgencyKind.STREET, "qzf"),
    ("hjdjd", "武汉市硚口区韩家墩街道办事处", "韩家墩街道", AgencyKind.STREET, "qzf"),
]

ROLE_SUFFIX = {
    Role.EDITOR: "editor",
    Role.FIRST_REVIEWER: "first",
    Role.SECOND_REVIEWER: "second",
    Role.FINAL_APPROVER: "final",
    Role.DISCLOSURE_OFFICER: "officer",
    Role.AGENCY_ADMIN: "admin",
}

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
_GIVEN = [
    "建华",
    "晓敏",
    "志强",
    "丽娟",
    "海涛",
    "静怡",
    "文博",
    "雪梅",
    "国栋",
    "佳琪",
    "明轩",
    "秀兰",
]


def _person(index: int) -> str:
    return _SURNAMES[index % len(_SURNAMES)] + _GIVEN[(index * 7) % len(_GIVEN)]


def agency_code(index: int, kind: str) -> str:
    authority = "12" if kind == AgencyKind.INSTITUTION else "11"
    return demo_code(
        authority_and_kind=authority, division=DIVISION, serial=10_450_000 + index * 37
    )


# The roles the production default requires a second factor of (GONGKAI_2FA_REQUIRED_ROLES).
DEMO_2FA_ROLES = [Role.OPERATOR, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.AGENCY_ADMIN]
# 三员分立: beside the operator (the system administrator), in the big-data centre.
PLATFORM_ADMINS = [
    ("security_admin", "安全管理", Role.SECURITY_ADMIN),
    ("audit_admin", "审计管理", Role.AUDIT_ADMIN),
]


def _install_demo_authenticators() -> None:
    """Enrol the demo's privileged accounts with the published secret, whatever the setting
    (a demo built with no role required still shows the second step)."""
    from gongkai.accounts.second_factor import do_install_authenticator, has_second_factor

    User = get_user_model()
    privileged = Membership.objects.filter(role__in=DEMO_2FA_ROLES).values("user_id")
    for user in User.objects.filter(pk__in=privileged).order_by("pk"):
        if not has_second_factor(user):
            do_install_authenticator(user=user, secret=DEMO_TOTP_SECRET)


def build_demo(*, say: Say = quiet) -> list[tuple[str, str, str]]:
    """Create what is missing; return (username, role label, agency) for the main logins.

    ``say`` hears a line per agency whose accounts were created."""
    User = get_user_model()
    validate_password(DEMO_PASSWORD)
    hashed = make_password(DEMO_PASSWORD)  # once: the accounts share it (see the service)
    by_slug: dict[str, Agency] = {}
    with transaction.atomic():
        for index, (slug, name, short, kind, parent) in enumerate(AGENCIES):
            agency = Agency.objects.filter(name=name).first()
            if agency is None:
                agency = do_create_agency(
                    code=agency_code(index, kind),
                    name=name,
                    short_name=short,
                    kind=kind,
                    parent=by_slug[parent] if parent else None,
                )
            by_slug[slug] = agency
        person = 0
        for slug, agency in by_slug.items():
            created = 0
            for role, suffix in ROLE_SUFFIX.items():
                username = f"{slug}_{suffix}"
                person += 1
                if not User.objects.filter(username=username).exists():
                    do_create_staff_user(
                        username=username,
                        password_hash=hashed,
                        full_name=_person(person),
                        agency=agency,
                        roles=[role],
                    )
                    created += 1
            if created:
                say(f"机构：{agency.name}，新建账号{created}个")
        operator = User.objects.filter(username="operator").first()
        if operator is None:
            operator = do_create_staff_user(
                username="operator",
                password_hash=hashed,
                full_name="平台运营",
                agency=by_slug["dsj"],
                roles=[Role.OPERATOR],
            )
        elif not Membership.objects.filter(user=operator, role=Role.OPERATOR).exists():
            do_grant_role(user=operator, agency=by_slug["dsj"], role=Role.OPERATOR)
        for username, full_name, role in PLATFORM_ADMINS:
            if not User.objects.filter(username=username).exists():
                do_create_staff_user(
                    username=username,
                    password_hash=hashed,
                    full_name=full_name,
                    agency=by_slug["dsj"],
                    roles=[role],
                )
        _install_demo_authenticators()
    main = by_slug["qzfb"]
    logins = [("operator", Role.OPERATOR.label, by_slug["dsj"].name)]
    logins += [(username, role.label, by_slug["dsj"].name) for username, _, role in PLATFORM_ADMINS]
    logins += [(f"qzfb_{suffix}", role.label, main.name) for role, suffix in ROLE_SUFFIX.items()]
    return logins
