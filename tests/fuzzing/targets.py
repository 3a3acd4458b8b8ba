"""The fuzz targets: every place gongkai reads what somebody else wrote.

Pure targets (readers, parsers, detectors) need nothing; the others take the test
district (pytest fixtures in ``tests/abuse/test_fuzz.py``) and a Django test client.
Each target's ``refusals`` are the error types the code promises for bad input — all
carry a Chinese message naming what is wrong; anything else escaping is a crash.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.fuzzing import seeds
from tests.fuzzing.harness import Outcome, Target
from tests.fuzzing.mutate import TEXT_TOKENS, mutate_file, mutate_text

TODAY = date(2026, 11, 20)


def _file_case(rng: random.Random, files: tuple[tuple[str, bytes], ...]) -> tuple[str, bytes]:
    """A mutated seed under its own name, now and then under another kind's name."""
    name, data = rng.choice(files)
    same_kind = [d for n, d in files if n.rsplit(".", 1)[-1] == name.rsplit(".", 1)[-1]]
    if rng.random() < 0.97:
        data = mutate_file(rng, data, name, same_kind)
    if rng.random() < 0.03:
        name = rng.choice(files)[0]
    return name, data


def _suffix(case: tuple[str, Any]) -> str:
    return case[0].rsplit(".", 1)[-1].lower()


def _counts(*models: Any) -> Any:
    """The models' row counts in one query (one round trip, not one per table)."""
    from django.db import connection

    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models)

    def rows() -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            counts = cursor.fetchone()
        return {model.__name__: count for model, count in zip(models, counts, strict=True)}

    return rows


# ---- pure readers and parsers --------------------------------------------------------


def _file_reader(
    name: str,
    files: tuple[tuple[str, bytes], ...],
    read: Callable[[str, bytes], object],
    refusals: tuple[type[BaseException], ...] = (),
) -> Target:
    """A target that reads one mutated file by name and content."""

    def feed(case: tuple[str, bytes]) -> Outcome:
        read(*case)
        return Outcome.ACCEPTED

    return Target(
        name,
        make=lambda rng: _file_case(rng, files),
        feed=feed,
        refusals=refusals,
        describe=_suffix,
    )


def extraction() -> Target:
    from gongkai.extraction import ExtractionError, extract_text

    def read(name: str, data: bytes) -> object:
        # The text goes to the search index and the database: it must be valid UTF-8.
        return extract_text(data, name).encode("utf-8")

    return _file_reader("extraction", seeds.document_files(), read, (ExtractionError,))


def report_readers() -> Target:
    from gongkai.reports.audit.readers import UnreadableFile, read_document

    return _file_reader("report_readers", seeds.report_files(), read_document, (UnreadableFile,))


def report_audit() -> Target:
    """The whole audit of one file: it never raises, a bad file is a finding."""
    from gongkai.reports.audit.audit import audit_file

    def read(name: str, data: bytes) -> object:
        return audit_file(name, data).as_dict()

    return _file_reader("report_audit", seeds.report_files(), read)


def report_parser() -> Target:
    """The parser on the text of real reports, mutated: it returns a reading, never raises."""
    from gongkai.rules.report_parse import parse_text

    texts = [
        data.decode("utf-8", "replace")
        for name, data in seeds.report_files()
        if name.endswith((".txt", ".md"))
    ]

    def make(rng: random.Random) -> str:
        text = rng.choice(texts)
        for _ in range(rng.choice((1, 1, 2, 4))):
            text = mutate_text(rng, text)
        return text

    def feed(text: str) -> Outcome:
        parse_text(text)
        return Outcome.ACCEPTED

    return Target("report_parser", make=make, feed=feed, describe=lambda t: "text")


def screening() -> Target:
    """Detectors and masking on mutated government documents; dictionaries as files."""
    from gongkai.rules.screening import (
        DictionaryError,
        default_dictionary,
        mask_findings,
        parse_dictionary,
        screen_text,
    )

    texts = seeds.corpus_texts()
    dictionary_text = (
        "[typo]\n按装 => 安装\n!按装修\n[sensitive_word]\n内部草稿\n"
        "[wording_error]\n国家工商总局 => 国家市场监督管理总局\n"
    )

    def make(rng: random.Random) -> tuple[str, str]:
        if rng.random() < 0.1:
            return "dictionary", mutate_text(rng, dictionary_text)
        text = rng.choice(texts)
        for _ in range(rng.choice((1, 1, 2, 4))):
            text = mutate_text(rng, text)
        return "text", text

    def feed(case: tuple[str, str]) -> Outcome:
        kind, text = case
        if kind == "dictionary":
            extra = parse_dictionary(text)
            screen_text(text, dictionary=default_dictionary().merged(extra))
        else:
            findings = screen_text(text)
            mask_findings(text, findings)
        return Outcome.ACCEPTED

    return Target(
        "screening", make=make, feed=feed, refusals=(DictionaryError,), describe=lambda c: c[0]
    )


# ---- imports into the database ---------------------------------------------------------


def ledger_import(district: Any) -> Target:
    from gongkai.applications.ledger import do_import_ledger
    from gongkai.applications.models import Application, ClockEvent
    from gongkai.audit.context import acting
    from gongkai.audit.models import AuditEntry
    from gongkai.tabular import TableImportError

    files = seeds.ledger_files()
    officer = district.user("a", "disclosure_officer")

    def feed(case: tuple[str, bytes]) -> Outcome:
        with acting(actor=officer, channel="web"):
            do_import_ledger(agency=district.a, content=case[1], file_name=case[0], today=TODAY)
        return Outcome.ACCEPTED

    return Target(
        "ledger_import",
        make=lambda rng: _file_case(rng, files),
        feed=feed,
        refusals=(TableImportError, ValidationError),
        rows=_counts(Application, ClockEvent, AuditEntry),
        describe=_suffix,
    )


def catalogue_import(catalogue: Any) -> Target:
    from wagtail.models import Page, Revision

    from gongkai.applications.models import NumberSequence
    from gongkai.audit.models import AuditEntry
    from gongkai.disclosure.services.importing import do_import_catalogue
    from gongkai.tabular import TableImportError

    files = seeds.catalogue_files()

    def feed(case: tuple[str, bytes]) -> Outcome:
        do_import_catalogue(
            agency=catalogue.a, content=case[1], file_name=case[0], user=catalogue.operator
        )
        return Outcome.ACCEPTED

    return Target(
        "catalogue_import",
        make=lambda rng: _file_case(rng, files),
        feed=feed,
        refusals=(TableImportError, ValidationError),
        rows=_counts(Page, Revision, NumberSequence, AuditEntry),
        describe=_suffix,
    )


# ---- web forms ------------------------------------------------------------------------


def _answer(response: Any, *, accepted: tuple[int, ...] = (302,)) -> Outcome:
    if response.status_code >= 500:
        return Outcome.SERVER_ERROR
    return Outcome.ACCEPTED if response.status_code in accepted else Outcome.REFUSED


def _junk(rng: random.Random, good: str = "") -> str:
    """A field's value: the good one mutated, a token, random code points, or huge."""
    roll = rng.random()
    if roll < 0.3:
        return mutate_text(rng, good) if good else rng.choice(TEXT_TOKENS)
    if roll < 0.5:
        return rng.choice(TEXT_TOKENS) * rng.choice((1, 2, 300))
    if roll < 0.7:
        return "".join(chr(rng.randrange(0x20, 0x30000)) for _ in range(rng.randint(0, 40)))
    if roll < 0.8:
        return "x" * rng.choice((101, 5_000, 200_000))
    if roll < 0.9:
        return ""
    return good


def _raw_query(data: dict[str, Any]) -> str:
    """Form fields URL-encoded from their UTF-8 bytes, lone surrogates and all."""
    from urllib.parse import quote

    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            encoded = (quote(str(part).encode("utf-8", "surrogatepass")) for part in (key, item))
            pairs.append("=".join(encoded))
    return "&".join(pairs)


def _printable(data: dict[str, Any]) -> dict[str, Any]:
    """Names and text the test client can encode (it refuses lone surrogates); files as
    they are."""
    return {
        _replaced(key): value if not isinstance(value, str) else _replaced(value)
        for key, value in data.items()
    }


def _replaced(text: str) -> str:
    return text.encode("utf-8", "replace").decode()


def _raw_path(url: str) -> str:
    """The path with each lone surrogate percent-encoded as its invalid UTF-8 bytes: what a
    hostile client can send, and the test client cannot encode itself."""
    from urllib.parse import quote

    return "".join(
        quote(c.encode("utf-8", "surrogatepass")) if "\ud800" <= c <= "\udfff" else c for c in url
    )


def calendar_loader(operator: Any, client: Any) -> Target:
    """The operator's loader in the admin: the pasted text or the uploaded file, mutated."""
    from django.urls import reverse

    from gongkai.audit.models import AuditEntry
    from gongkai.workcalendar.models import HolidaySchedule, SpecialDay

    client.force_login(operator)
    url = reverse("workcalendar_load")

    def make(rng: random.Random) -> dict[str, Any]:
        text = seeds.CALENDAR
        for _ in range(rng.choice((1, 1, 2, 3))):
            text = mutate_text(rng, text)
        data: dict[str, Any] = {"replace": "on"} if rng.random() < 0.5 else {}
        if rng.random() < 0.3:
            raw = text.encode("utf-8", "surrogatepass")
            if rng.random() < 0.3:
                raw = mutate_file(rng, raw, "x.bin")
            data["upload"] = SimpleUploadedFile("2027.txt", raw)
        else:
            data["text"] = text
        return data

    def feed(data: dict[str, Any]) -> Outcome:
        if "upload" in data:
            data["upload"].seek(0)
            return _answer(client.post(url, _printable(data)))
        body = _raw_query(data)
        return _answer(client.post(url, body, "application/x-www-form-urlencoded"))

    return Target(
        "calendar_loader",
        make=make,
        feed=feed,
        rows=_counts(HolidaySchedule, SpecialDay, AuditEntry),
        describe=lambda data: "upload" if "upload" in data else "text",
    )


def report_audit_upload(operator: Any, client: Any) -> Target:
    """The operator's batch upload: report files and zips of them, mutated, through the view."""
    from django.urls import reverse

    from gongkai.audit.models import AuditEntry
    from gongkai.report_audit.models import AuditBatch, AuditedReport
    from tests.fuzzing.mutate import rezip

    client.force_login(operator)
    url = reverse("report_audit_upload")
    files = seeds.report_files()
    small = [(n, d) for n, d in files if len(d) < 100_000]
    archives = (("报告.zip", rezip(small)), ("一个.zip", rezip(small[:1])))

    def make(rng: random.Random) -> tuple[str, bytes]:
        if rng.random() < 0.7:
            name, data = rng.choice(archives)
            return name, mutate_file(rng, data, "x.docx")  # zip-aware mutations
        return _file_case(rng, files)

    def feed(case: tuple[str, bytes]) -> Outcome:
        upload = SimpleUploadedFile(case[0], case[1])
        return _answer(client.post(url, {"name": "核查", "files": [upload]}))

    return Target(
        "report_audit_upload",
        make=make,
        feed=feed,
        rows=_counts(AuditBatch, AuditedReport, AuditEntry),
        describe=_suffix,
    )


def public_forms(filed: Any, client: Any) -> Target:
    """Apply, track, the supplement, search, the catalogue filters and the staff login."""
    from gongkai.applications.models import ApplicantFile, Application, ClockEvent
    from gongkai.applications.public.forms import new_submission_token
    from tests.test_applicant_identity import pdf_bytes, png_bytes
    from tests.test_applications import PERSON

    agency = filed.a.code
    uploads = (
        ("proof.png", png_bytes()),
        ("proof.pdf", pdf_bytes("ID")),
        ("p.jpg", b"\xff\xd8\xff\xe0junk"),
    )
    good_apply = {**PERSON, "declaration": "on", "identity_number": str(PERSON["identity_number"])}
    receipt = filed.application.receipt_number

    def upload(rng: random.Random) -> SimpleUploadedFile:
        name, data = rng.choice(uploads)
        # A PDF is read in a child process (half a second): mostly images and junk.
        if name.endswith(".pdf") and rng.random() < 0.8:
            name, data = uploads[0]
        return SimpleUploadedFile(name, mutate_file(rng, data, name), "application/octet-stream")

    def make(rng: random.Random) -> tuple[str, str, dict[str, Any], dict[str, str]]:
        address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        meta = {"REMOTE_ADDR": address}
        which = rng.choice(
            ("apply", "apply", "track", "supplement", "search", "catalogue", "login")
        )
        if which == "apply":
            data: dict[str, Any] = {
                k: (_junk(rng, str(v)) if rng.random() < 0.3 else v) for k, v in good_apply.items()
            }
            data["submission_token"] = new_submission_token() if rng.random() < 0.8 else _junk(rng)
            if rng.random() < 0.15:
                data["identity_proof"] = upload(rng)
            if rng.random() < 0.05:
                data[_junk(rng, "field")] = _junk(rng)
            code = agency if rng.random() < 0.9 else _junk(rng, agency)
            return "post", f"/apply/{code}/", data, meta
        if which == "track":
            data = {"receipt_number": _junk(rng, receipt), "query_code": _junk(rng, "ABCD2345")}
            if rng.random() < 0.1:
                data["captcha_0"], data["captcha_1"] = _junk(rng), _junk(rng)
            return "post", "/track/", data, meta
        if which == "supplement":
            data = {"note": _junk(rng, "项目位于汉正街")}
            if rng.random() < 0.5:
                data["files"] = [upload(rng) for _ in range(rng.choice((1, 1, 2, 6)))]
            return "post", "/track/status/", data, meta
        if which == "login":
            data = {"username": _junk(rng, "a_editor"), "password": _junk(rng, "x")}
            return "post", "/admin/login/", data, meta
        params = {
            key: _junk(rng, good)
            for key, good in (
                ("q", "低保"),
                ("agency", agency),
                ("subject", "民政、扶贫、救灾"),
                ("type", "normative_document"),
                ("year", "2025"),
                ("validity", "valid"),
                ("sort", "date"),
                ("page", "2"),
                ("cursor", "abc"),
            )
            if rng.random() < 0.5
        }
        return "get", "/search/" if which == "search" else "/catalogue/", params, meta

    def feed(case: tuple[str, str, dict[str, Any], dict[str, str]]) -> Outcome:
        method, url, data, meta = case
        files = False
        for value in data.values():
            for item in value if isinstance(value, list) else [value]:
                if hasattr(item, "seek"):
                    item.seek(0)
                    files = True
        if url == "/track/status/":
            unlock = {"receipt_number": receipt, "query_code": filed.code}
            client.post("/track/", unlock, REMOTE_ADDR="127.0.0.9")
        url = _raw_path(url)
        if method == "get":
            return _answer(client.get(f"{url}?{_raw_query(data)}", **meta), accepted=(200,))
        if files:
            return _answer(client.post(url, _printable(data), **meta))
        # As bytes: a lone surrogate goes out as the invalid UTF-8 a browser never sends.
        body = _raw_query(data)
        return _answer(client.post(url, body, "application/x-www-form-urlencoded", **meta))

    def describe(case: tuple[str, str, dict[str, Any], dict[str, str]]) -> str:
        url = case[1]
        return url.split("/")[1] if not url.startswith("/track/status") else "supplement"

    return Target(
        "public_forms",
        make=make,
        feed=feed,
        rows=_counts(Application, ApplicantFile, ClockEvent),
        describe=describe,
    )
