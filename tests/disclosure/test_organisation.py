"""机构信息 (条例 Art. 20 (二)): the agency edits it in the page editor, the review chain
publishes it, the portal shows it on the branch and its 机构信息 column (issue 15.4).

Edits go over HTTP as Wagtail's editor sends them; another agency's staff and the
operator are refused. Leaders' photos are Wagtail images in the agency's own collection,
held to JPEG/PNG; text typed into any field is shown as text, never as markup.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import rich_text

from gongkai.disclosure.confidentiality import standing_findings
from gongkai.disclosure.models import AgencyCataloguePage, AgencyLeader, ColumnPage
from gongkai.disclosure.permissions import agency_collection
from gongkai.rules.catalogue import ORGANISATION_COLUMN_KEY
from tests.disclosure.test_catalogue import CLEAR, act, run_chain
from tests.disclosure.test_review_chain_http import client_for, edit_form

HOSTILE = '<script>alert("x")</script>王建华'


def png_bytes(size: tuple[int, int] = (30, 40)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, (200, 200, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def photo_of(agency: Any, title: str = "局长照片") -> Any:
    from django.core.files.images import ImageFile

    return get_image_model().objects.create(
        title=title,
        file=ImageFile(BytesIO(png_bytes()), name="leader.png"),
        collection=agency_collection(agency),
    )


def branch_of(agency: Any) -> AgencyCataloguePage:
    return AgencyCataloguePage.objects.get(agency=agency)


def organisation_form(client: Client, branch: AgencyCataloguePage, photo: Any) -> dict[str, Any]:
    """The edit page's own form, filled in as an editor would: two leaders, a department."""
    data: dict[str, Any] = {}
    for name, value in edit_form(client, branch.pk):
        data.setdefault(name, []).append(value)
    data["functions"] = rich_text("<p>负责全区基础教育的统筹规划和管理。</p>")
    leaders = [
        (HOSTILE, "党组书记、局长", "主持全面工作。\n分管办公室。", str(photo.pk)),
        ("李静", "副局长", "负责基础教育科。", ""),
    ]
    data["leadership-TOTAL_FORMS"] = str(len(leaders))
    data["leadership-INITIAL_FORMS"] = "0"
    for i, (name, post, portfolio, image) in enumerate(leaders):
        row = {"name": name, "post": post, "portfolio": portfolio, "photo": image}
        row |= {"id": "", "ORDER": str(i + 1), "DELETE": ""}
        data |= {f"leadership-{i}-{key}": value for key, value in row.items()}
    data["departments-TOTAL_FORMS"] = "1"
    data["departments-INITIAL_FORMS"] = "0"
    data |= {
        "departments-0-name": "基础教育科",
        "departments-0-duties": "负责义务教育阶段学校管理。<b>加粗</b>",
        "departments-0-phone": "027-83751234",
        "departments-0-id": "",
        "departments-0-ORDER": "1",
        "departments-0-DELETE": "",
    }
    data |= {
        "address": "武汉市硚口区京汉大道118号",
        "postcode": "430030",
        "office_hours": "工作日上午9:00—12:00，下午14:00—17:30",
        "phone": "027-83755100",
        "fax": "027-83755101",
        "email": "jyj@example.gov.cn",
    }
    return data


@pytest.fixture
def edited(catalogue: Any) -> Any:
    """Agency a's editor filled in 机构信息 in the editor; the chain published it."""
    branch = branch_of(catalogue.a)
    editor = client_for(catalogue.user("a", "editor"))
    photo = photo_of(catalogue.a)
    response = editor.post(
        f"/admin/pages/{branch.pk}/edit/", organisation_form(editor, branch, photo)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    run_chain(branch_of(catalogue.a), catalogue)
    catalogue.photo = photo
    return catalogue


def test_the_agencys_editor_saves_and_the_chain_publishes(edited: Any) -> None:
    branch = branch_of(edited.a)
    assert branch.live and not branch.has_unpublished_changes
    assert [(leader.name, leader.post) for leader in branch.leadership.all()] == [
        (HOSTILE, "党组书记、局长"),
        ("李静", "副局长"),
    ]
    assert branch.leadership.first().photo == edited.photo
    assert [d.name for d in branch.departments.all()] == ["基础教育科"]
    assert (branch.postcode, branch.fax) == ("430030", "027-83755101")
    assert branch.missing_organisation_items() == []


def test_another_agency_and_the_operator_cannot_edit_it(edited: Any) -> None:
    branch = branch_of(edited.a)
    revisions = branch.revisions.count()
    for user in (edited.user("b", "editor"), edited.user("b", "agency_admin"), edited.operator):
        client = client_for(user)
        shown = client.get(f"/admin/pages/{branch.pk}/edit/")
        assert shown.status_code in (302, 403, 404), user
        assert "基础教育科" not in shown.content.decode()
        posted = client.post(
            f"/admin/pages/{branch.pk}/edit/", {"title": "改名", "address": "别处"}
        )
        assert posted.status_code in (302, 403, 404)
    assert branch.revisions.count() == revisions
    branch.refresh_from_db()
    assert branch.address == "武汉市硚口区京汉大道118号"


def test_the_branch_and_its_organisation_column_show_it_escaped(
    edited: Any, client: Client
) -> None:
    branch = branch_of(edited.a)
    column = ColumnPage.objects.child_of(branch).get(key=ORGANISATION_COLUMN_KEY)
    page = client.get(column.url).content.decode()
    for text in (
        "负责全区基础教育的统筹规划和管理。",
        "党组书记、局长",
        "主持全面工作。<br>分管办公室。",
        "基础教育科",
        "027-83751234",
        "武汉市硚口区京汉大道118号",
        "430030",
        "027-83755101",
        "jyj@example.gov.cn",
        "工作日上午9:00—12:00，下午14:00—17:30",
    ):
        assert text in page, text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "&lt;b&gt;加粗&lt;/b&gt;" in page
    assert 'alt="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;王建华照片"' in page
    assert "/media/images/" in page  # the photo's rendition, served as a public image
    landing = client.get(branch.url).content.decode()
    assert "党组书记、局长 &lt;script&gt;" in landing and "副局长 李静" in landing
    assert column.url in landing


def test_a_draft_is_not_public(edited: Any, client: Client) -> None:
    branch = branch_of(edited.a)
    branch.address = "草稿中的新地址"
    branch.save_revision(user=edited.user("a", "editor"))
    column = ColumnPage.objects.child_of(branch).get(key=ORGANISATION_COLUMN_KEY)
    assert "草稿中的新地址" not in client.get(column.url).content.decode()


def test_photos_stay_in_the_agency_and_only_jpeg_or_png_are_accepted(edited: Any) -> None:
    other = client_for(edited.user("b", "editor"))
    listing = other.get("/admin/api/main/images/")
    assert listing.status_code == 200 and "局长照片" not in listing.content.decode()
    assert other.get(f"/admin/api/main/images/{edited.photo.pk}/").status_code == 404
    assert "局长照片" not in other.get("/admin/images/chooser/").content.decode()
    own = client_for(edited.user("a", "editor"))
    assert "局长照片" in own.get(f"/admin/api/main/images/{edited.photo.pk}/").content.decode()

    collection = agency_collection(edited.a)
    svg = SimpleUploadedFile(
        "photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    refused = own.post(
        "/admin/images/add/", {"title": "矢量图", "file": svg, "collection": collection.pk}
    )
    assert refused.status_code == 200
    assert not get_image_model().objects.filter(title="矢量图").exists()
    png = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    accepted = own.post(
        "/admin/images/add/", {"title": "副局长照片", "file": png, "collection": collection.pk}
    )
    assert accepted.status_code == 302
    assert get_image_model().objects.get(title="副局长照片").collection == collection
    foreign = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    other.post(
        "/admin/images/add/", {"title": "越权上传", "file": foreign, "collection": collection.pk}
    )
    # Another agency's editor uploads only into its own collection, whatever it names.
    assert not get_image_model().objects.filter(collection=collection, title="越权上传").exists()


def test_the_confidentiality_review_screens_it(catalogue: Any) -> None:
    """A leader's private mobile number in 机构信息 is put before the 保密审查 like an
    entry's: answering 不涉及个人隐私 then needs a written reason."""
    branch = branch_of(catalogue.a)
    branch.leadership.add(AgencyLeader(name="王建华", post="局长", portfolio="联系手机13912345678"))
    editor, reviewer = catalogue.user("a", "editor"), catalogue.user("a", "first_reviewer")
    branch.save_revision(user=editor)
    branch.get_workflow().start(branch, editor)
    act(branch, reviewer, "approve")  # 初审
    branch.refresh_from_db()
    (finding,) = standing_findings(branch.current_workflow_task_state)
    assert finding["source"] == "领导“王建华”" and finding["label"] == "手机号码"
    assert "13912345678" not in str(finding)  # masked, as for entries
    with pytest.raises(ValidationError):
        act(branch, reviewer, "approve", comment="", **CLEAR)


def test_old_free_text_is_kept_when_rows_replace_it() -> None:
    """The migration moves 机构设置 and 负责人 text into 机构职能 rather than dropping it."""
    from importlib import import_module

    migration = import_module("gongkai.disclosure.migrations.0004_organisation_rows")
    updates: list[str] = []

    class Rows:
        def exclude(self, **_: Any) -> list[Any]:
            return [
                type(
                    "Old",
                    (),
                    {"pk": 1, "functions": "<p>职能</p>", "structure": "<p>三个科室</p>"}
                    | {"leaders": ""},
                )
            ]

        def filter(self, **_: Any) -> Any:
            return type("Q", (), {"update": lambda _self, **kw: updates.append(kw["functions"])})()

    class Apps:
        def get_model(self, *_: str) -> Any:
            return type("Model", (), {"objects": Rows()})

    migration.keep_old_text(Apps(), None)
    assert updates == ["<p>职能</p><p><b>机构设置</b></p><p>三个科室</p>"]
