"""``gongkai search``: run the portal's query from the shell, and rebuild the index.

Staff use ``query`` to check what the public will find: it calls the same engine,
ranking and vocabulary as the portal. Shared CLI helpers are imported inside each
command so ``gongkai.cli`` can register this group without a circular import.
"""

from __future__ import annotations

import json

import click


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
    from gongkai.cli import _fail, _setup

    _setup(needs_database=False)
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
        _fail(str(error))
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
    from gongkai.cli import _fail, _setup

    _setup()
    from gongkai.search.engine import IndexBusy
    from gongkai.search.indexing import rebuild
    from gongkai.search.source import count_catalogue_documents

    total = count_catalogue_documents()
    try:
        label = "统计高频短语并重建检索索引"
        with click.progressbar(length=total, label=label, show_pos=True) as bar:
            count = rebuild(progress=bar.update)
    except IndexBusy as error:
        _fail(str(error))
    click.echo(f"已重建检索索引：{count}条。")
