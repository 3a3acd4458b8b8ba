"""The site's identity, as a government website must show it in every page's footer.

The 政府网站发展指引 (国办发〔2017〕47号) asks every government site for its 主办单位,
承办单位 and contact, its ICP备案号 and 公安机关备案号 with links to the registers, its
网站标识码 and the 党政机关网站标识, and a link to 「我为政府网站找错」. The operator
fills them in the admin (设置 → 网站标识); until then the footer shows what it has.
Links are plain text links: no page loads anything from those registers.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

ICP_REGISTER_URL = "https://beian.miit.gov.cn/"
POLICE_REGISTER_URL = "https://beian.mps.gov.cn/"

site_code_format = RegexValidator(
    r"^(\d{10}|bm\d{8})$",
    "网站标识码为10位：政府门户网站为10位数字（如“4201040001”），部门网站为“bm”加8位数字。",
)
icp_format = RegexValidator(
    r"^[\u4e00-\u9fff]ICP备\d{6,10}号(-\d{1,3})?$",
    "ICP备案号的格式如“鄂ICP备12345678号-1”。",
)
police_format = RegexValidator(
    r"^[\u4e00-\u9fff]公网安备\s?\d{14}号$",
    "公安备案号的格式如“鄂公网安备 42010402000123号”（14位数字）。",
)


@register_setting(icon="site", name="site-identity")
class SiteIdentity(BaseGenericSetting):
    site_name = models.CharField(
        "网站名称",
        max_length=60,
        blank=True,
        help_text="显示在每个页面的页眉和浏览器标题中；留空则使用部署时配置的名称。",
    )
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    contact = models.CharField(
        "联系方式", max_length=200, blank=True, help_text="如：电话 027-12345678，地址……"
    )
    icp_number = models.CharField("ICP备案号", max_length=40, blank=True, validators=[icp_format])
    police_number = models.CharField(
        "公安备案号", max_length=40, blank=True, validators=[police_format]
    )
    police_url = models.URLField(
        "公安备案查询链接",
        blank=True,
        help_text="全国互联网安全管理服务平台上本网站的备案信息地址；留空则链接到平台首页。",
    )
    site_code = models.CharField(
        "网站标识码", max_length=10, blank=True, validators=[site_code_format]
    )
    government_mark = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="党政机关网站标识",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="机构编制部门核发的标识图片（上传到本站，不引用外部图片）。",
    )
    government_mark_url = models.URLField(
        "党政机关网站标识链接", blank=True, help_text="点击标识时打开的核验地址。"
    )
    error_report_url = models.URLField(
        "「我为政府网站找错」链接",
        blank=True,
        help_text="国务院办公厅政府网站找错平台上本网站的地址。",
    )

    panels = [
        FieldPanel("site_name"),
        MultiFieldPanel(
            [FieldPanel("sponsor"), FieldPanel("organizer"), FieldPanel("contact")],
            heading="主办与联系",
        ),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("police_number"),
                FieldPanel("police_url"),
                FieldPanel("site_code"),
            ],
            heading="备案与标识码",
        ),
        MultiFieldPanel(
            [
                FieldPanel("government_mark"),
                FieldPanel("government_mark_url"),
                FieldPanel("error_report_url"),
            ],
            heading="标识与找错",
        ),
    ]

    class Meta:
        verbose_name = "网站标识"
        verbose_name_plural = "网站标识"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The site name shown everywhere: the operator's, else the deployment's."""
        return self.site_name or settings.WAGTAIL_SITE_NAME

    @property
    def icp_url(self) -> str:
        return ICP_REGISTER_URL

    @property
    def police_link(self) -> str:
        return self.police_url or POLICE_REGISTER_URL
