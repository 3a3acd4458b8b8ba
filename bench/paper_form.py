"""Bench: rendering the guide's paper application form, DOCX and PDF.

Renders the form of one agency ``--repeat`` times per format, bypassing the cache that
keeps the file between requests (``applications.paper_form.render_paper_form``), and
prints the median and fastest time with the machine's load average as JSON. No database
is needed: the agency is an unsaved row.

    .venv/bin/python bench/paper_form.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("GONGKAI_HOME", tempfile.mkdtemp(prefix="gongkai-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from gongkai.agencies.models import Agency
    from gongkai.applications.paper_form import _render, paper_form_document

    agency = Agency(name="武汉市硚口区教育局", code="X", office_name="武汉市硚口区教育局办公室")
    document = paper_form_document(agency)
    result: dict[str, object] = {"load_before": os.getloadavg()}
    for fmt in ("docx", "pdf"):
        _render(document, fmt)  # fonts and modules loaded once, as in a running server
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            _render(document, fmt)
            times.append(time.perf_counter() - start)
        result[fmt] = {"median_s": statistics.median(times), "min_s": min(times)}
    result["load_after"] = os.getloadavg()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
