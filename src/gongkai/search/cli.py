"""``gongkai search``: run the portal's query from the shell, rebuild and follow the index.

Staff use ``query`` to check what the public will find: it calls the same engine,
ranking and vocabulary as the portal. ``follow`` keeps this node's index replica
up to the catalogue's change feed (``gongkai serve`` starts it); ``status`` shows
how far each node has got. Shared CLI helpers come from the leaf module
:mod:`gongkai.cli_support`.
"""

from __future__ import annotations

import json

import click

from gongkai.cli_support import fail, setup_django


@click.group("search")
def search() -> None:
    """全文检索 · Full-text search."""


@search.command("query")
@click.argument("text")
@click.option("--agency", "agencies", multiple=True, help="机构代码，可多次指定 · agency code")
@click.option("--limit", default=10, show_default=True, help="返回条数 · number of hits")
@click.option(
    "--sort",
    type=click.Choice(["relevance", "date"]),
    default="relevance",
    show_default=True,
    help="排序 · order",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式 · output"
)
def query(text: str, agencies: tuple[str, ...], limit: int, sort: str, fmt: str) -> None:
    """按门户网站的检索方式查询 · Search exactly as the portal does."""
    setup_django(needs_database=False)
    from gongkai.search.engine import SearchRequest
    from gongkai.search.indexing import search
    from gongkai.search.query import Filters, QueryError

    request = SearchRequest(
        text=text,
        filters=Filters(agency=tuple(code.strip().upper() for code in agencies)),
        sort=sort,
        limit=limit,
        facets=False,
    )
    try:
        results = search(request)
    except QueryError as error:
        fail(str(error))
    hits = [
        {
            "index_number": hit.document.index_number,
            "document_number": hit.document.document_number,
            "title": hit.document.title,
            "agency": hit.document.agency_name,
            "published": hit.document.published.isoformat(),
            "url": hit.document.url,
            "snippet": hit.snippet.text(),
        }
        for hit in results.hits
    ]
    if fmt == "json":
        data = {"query": text, "total": results.total, "hits": hits}
        if results.suggestion:
            data["suggestion"] = results.suggestion
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"共找到{results.total}条，显示前{len(hits)}条。")
    if results.suggestion:
        click.echo(f"您是不是要找：{results.suggestion}")
    for number, (hit, found) in enumerate(zip(hits, results.hits, strict=True), start=1):
        click.echo(f"\n{number}. {found.title.text()}")
        click.echo(
            f"   索引号：{hit['index_number'] or '—'}  文号：{hit['document_number'] or '—'}"
        )
        click.echo(f"   发布机构：{hit['agency'] or '—'}  发布日期：{hit['published']}")
        if hit["snippet"]:
            click.echo(f"   {hit['snippet']}")


@search.command("reindex")
def reindex() -> None:
    """从目录重建检索索引（重建期间门户照常检索） · Rebuild the index from the catalogue."""
    setup_django()
    from gongkai.search.engine import IndexBusy
    from gongkai.search.indexing import rebuild
    from gongkai.search.source import count_catalogue_documents

    total = count_catalogue_documents()
    try:
        label = "统计高频短语并重建检索索引"
        with click.progressbar(length=total, label=label, show_pos=True) as bar:
            count = rebuild(progress=bar.update)
    except IndexBusy as error:
        fail(str(error))
    click.echo(f"已重建检索索引：{count}条。")


@search.command("follow")
@click.option(
    "--interval",
    default=1.0,
    show_default=True,
    help="检查变更的间隔（秒） · seconds between checks",
)
def follow(interval: float) -> None:
    """持续跟进目录变更，更新本节点的检索索引 · Keep this node's index following the feed."""
    setup_django()
    import signal
    import threading

    from gongkai.jobs.lifetime import die_with_server
    from gongkai.search.follow import follow as run

    die_with_server()  # started by `gongkai serve`: never outlive it
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    click.echo(f"检索索引跟进已启动，每{interval:g}秒检查一次目录变更。")
    run(interval=interval, stop=stop, say=click.echo)


@search.command("status")
def status() -> None:
    """各节点检索索引的跟进情况 · How far each node's index has followed the feed."""
    setup_django()
    from django.utils import timezone

    from gongkai.search.selectors import replica_status

    state = replica_status()
    click.echo(f"目录变更记录：最新第{state.feed_end}号，已清理至第{state.pruned_through}号。")
    if state.local is None:
        click.echo("本节点：检索索引尚未建立或尚未跟进变更记录，将在跟进时重建。")
    else:
        click.echo(f"本节点：已跟进至第{state.local}号，落后{state.feed_end - state.local}条。")
    for replica in state.replicas:
        click.echo(
            f"  {replica.label}：已跟进至第{replica.position}号，"
            f"最近报告 {timezone.localtime(replica.seen_at):%Y-%m-%d %H:%M:%S}"
        )
