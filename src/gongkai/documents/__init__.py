"""Official documents (公文) rendered to DOCX and PDF per GB/T 9704-2012.

Agencies send letters such as 告知书 and publish annual reports; both must look like
公文 wherever they are opened. The format-independent description lives in
:mod:`gongkai.documents.model`, the standard's numbers in :mod:`gongkai.documents.standard`,
and each output format has its own renderer (:mod:`~gongkai.documents.docx`,
:mod:`~gongkai.documents.pdf`). No Django imports: rendering is a pure function.
"""
