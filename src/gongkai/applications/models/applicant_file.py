"""Files an applicant sends online: the identity proof and supplement (补正) material.

They are personal data by nature (a scan of an ID card, a letter naming the
applicant), so like letters they live in private storage under random names and are
read only through views that check the reader's right to that one application: the
agency's disclosure staff, and the applicant after the query code on /track/.
"""

from __future__ import annotations

from django.db import models

from gongkai.applications.letters.storage import private_storage


class FilePurpose(models.TextChoices):
    IDENTITY_PROOF = "identity_proof", "身份证明"
    SUPPLEMENT = "supplement", "补正材料"


class ApplicantFile(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="applicant_files"
    )
    purpose = models.CharField("用途", max_length=20, choices=FilePurpose.choices)
    # Private: named at random, outside MEDIA_ROOT, read only through checked views.
    file = models.FileField("文件", upload_to="applicants/%Y/", storage=private_storage)
    original_name = models.CharField("原文件名", max_length=200)
    # What the first bytes say the file is (pdf, jpeg, png), never what its name says.
    content_kind = models.CharField("文件类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）")
    # The screening result shown to staff: whether text could be read, or why not.
    screening_note = models.CharField("检查结果", max_length=200, blank=True)
    note = models.CharField("申请人说明", max_length=500, blank=True)
    uploaded_at = models.DateTimeField("上传时间")

    class Meta:
        verbose_name = "申请人上传文件"
        verbose_name_plural = "申请人上传文件"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.original_name}"

    @property
    def download_name(self) -> str:
        """A neutral name for the download: the applicant's own file name may hold data."""
        suffix = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}.get(self.content_kind, "bin")
        return f"{self.get_purpose_display()}-{self.pk}.{suffix}"
