"""Backup and restore of a whole instance: database, files, secret key, search index.

``archive`` writes and reads the tar file, ``snapshot`` takes the database's consistent
copy (SQLite's backup API, ``pg_dump`` on an exported snapshot) together with the list
of files the copy refers to, ``manifest`` counts what a restore must reproduce.
"""
