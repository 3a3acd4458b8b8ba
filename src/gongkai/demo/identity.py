"""The demo site's identity: the footer every government site carries, filled in.

The numbers are invented and of the right shape (zeros where a real site has its
registration); the 党政机关网站标识 is drawn here, not fetched.
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from gongkai.site_identity.models import SiteIdentity

SITE_CODE = "4201040000"
IDENTITY = {
    "sponsor": "武汉市硚口区人民政府办公室",
    "organizer": "武汉市硚口区大数据中心",
    "contact": "电话 027-83800000（工作日 9:00—12:00，14:00—17:00），地址 武汉市硚口区京汉大道",
    "icp_number": "鄂ICP备00000000号-1",
    "police_number": "鄂公网安备 42010402000000号",
    "site_code": SITE_CODE,
    "error_report_url": (
        "https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?siteCode=" + SITE_CODE
    ),
    "government_mark_url": "https://bszs.conac.cn/",
}
MARK_TITLE = "党政机关网站标识（演示）"


def _mark_image() -> ImageFile:
    """A red emblem in the mark's shape: the real one is issued to each site."""
    image = PILImage.new("RGB", (120, 144), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 4, 110, 104), fill=(168, 32, 26))
    draw.polygon(
        [
            (60, 24),
            (68, 48),
            (94, 48),
            (73, 63),
            (81, 88),
            (60, 73),
            (39, 88),
            (47, 63),
            (26, 48),
            (52, 48),
        ],
        fill=(255, 214, 0),
    )
    draw.rectangle((10, 112, 110, 140), fill=(168, 32, 26))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name="government-mark-demo.png")


def build_demo_identity() -> SiteIdentity:
    """Fill what the operator has left empty; never overwrite what they entered."""
    identity = SiteIdentity.load()
    for name, value in IDENTITY.items():
        if not getattr(identity, name):
            setattr(identity, name, value)
    if identity.government_mark is None:
        Image = get_image_model()
        mark = Image.objects.filter(title=MARK_TITLE).first()
        if mark is None:
            mark = Image(title=MARK_TITLE, file=_mark_image())
            mark.save()
        identity.government_mark = mark
    identity.full_clean()
    identity.save()
    return identity
