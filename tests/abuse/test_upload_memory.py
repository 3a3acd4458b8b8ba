"""An oversized upload never reaches a worker's memory (issue 17 point 2), measured on a
real gunicorn worker on loopback: its peak resident memory (VmHWM) before and after.

The body limit (``request_limits``) answers 413 in Chinese from the declared length,
unread; a chunked body without a length is read by Django as empty. ``bench/upload_memory.py``
does the same with 200 MB bodies, a body under the limit and zip bombs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.abuse.loopback import Server, gunicorn, multipart, request

MB = 1024 * 1024
# Python's own allocations around one request; a body read into memory would be 30 MB.
GROWTH_KIB = 20 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Server:
    home: Path = tmp_path_factory.mktemp("upload-memory")
    with gunicorn(home, GONGKAI_DOCUMENT_MAX_MB="20") as running:
        request(running, "GET", "/healthz")  # the worker has imported everything
        yield running


@pytest.mark.parametrize("chunked", [False, True], ids=["declared length", "chunked"])
def test_thirty_megabytes_over_the_limit_never_reach_memory(server: Server, chunked: bool) -> None:
    content_type, head, tail = multipart("identity_proof", "身份证.pdf", 30 * MB)
    before = server.peak_kib()

    status, answer = request(
        server,
        "POST",
        "/apply/ANY/",
        size=30 * MB,
        chunked=chunked,
        content_type=content_type,
        head=head,
        tail=tail,
    )

    grown = server.peak_kib() - before
    assert grown < GROWTH_KIB, f"the worker's peak grew by {grown} KiB"
    if chunked:  # no length: Django reads an empty body, the CSRF check refuses it
        assert status == 403
    else:
        assert status == 413
        assert "上传内容超过20MB的上限，未接收" in answer
