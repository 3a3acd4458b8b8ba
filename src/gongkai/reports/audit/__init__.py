"""Audit of published annual reports: read files, recover the tables, check them.

:mod:`.readers` turns PDF, DOCX, HTML and text files into what the pure parser in
:mod:`gongkai.rules.report_parse` reads; :mod:`.audit` runs the shared rules of
:mod:`gongkai.rules.report_checks` over one report and across a batch.
"""
