"""Site inspection (巡检): crawl the portal and the sites the operator lists, find what the
State Council's website checks (国办秘函〔2019〕19号) would fail, and keep the findings.

The crawl and the checks are plain Python (``crawler``, ``checks``, ``inspect``), so the
command, the bench and the tests run them without a database; ``models`` and
``services`` store a run and carry each finding from new to fixed.
"""
