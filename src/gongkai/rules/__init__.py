"""The law as plain Python: every statutory number next to its article. No Django imports."""
