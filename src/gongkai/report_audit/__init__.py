"""Operator screens for auditing published annual reports uploaded as files or a zip."""
