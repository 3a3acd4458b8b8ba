"""A site's trend as an inline SVG: drawn on the server, no script and no CDN."""

from __future__ import annotations

from django.utils.html import escape

from gongkai.inspection.selectors import TrendPoint

WIDTH, HEIGHT, MARGIN = 640, 220, 36


def trend_svg(points: list[TrendPoint]) -> str:
    """Findings per run as a line, failed veto items per run as red bars."""
    if not points:
        return ""
    top = max(max(p.findings for p in points), 1)
    plot_w, plot_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = plot_w / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return MARGIN + i * step

    def y(value: float) -> float:
        return MARGIN + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" class="inspection-trend">',
        f"<title>问题数趋势（最多{top}个）</title>",
        f'<line x1="{MARGIN}" y1="{MARGIN + plot_h}" x2="{WIDTH - MARGIN}" '
        f'y2="{MARGIN + plot_h}" stroke="#888"/>',
        f'<text x="4" y="{MARGIN + 4}" font-size="11">{top}</text>',
        f'<text x="4" y="{MARGIN + plot_h}" font-size="11">0</text>',
    ]
    for i, p in enumerate(points):
        if p.failed_items:
            bar = p.failed_items / 4 * plot_h  # four veto items judged
            parts.append(
                f'<rect x="{x(i) - 4:.1f}" y="{MARGIN + plot_h - bar:.1f}" width="8" '
                f'height="{bar:.1f}" fill="#c0392b" opacity="0.5">'
                f"<title>{p.day}：单项否决不合格{p.failed_items}项</title></rect>"
            )
    line = " ".join(f"{x(i):.1f},{y(p.findings):.1f}" for i, p in enumerate(points))
    parts.append(f'<polyline points="{line}" fill="none" stroke="#1f5fa6" stroke-width="2"/>')
    for i, p in enumerate(points):
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(p.findings):.1f}" r="3" fill="#1f5fa6">'
            f"<title>{escape(str(p.day))}：{p.findings}个问题</title></circle>"
        )
    for i in sorted({0, len(points) - 1}):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 10}" font-size="11" text-anchor="middle">'
            f"{escape(str(points[i].day))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
