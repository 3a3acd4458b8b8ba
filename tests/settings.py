"""Test settings: the real settings, with a throwaway home and inline tasks."""

import os
import tempfile

# Each pytest-xdist worker gets a home of its own: the test database file, media and the
# search index must not be shared between processes running different tests.
if "GONGKAI_HOME" not in os.environ or os.environ.get("PYTEST_XDIST_WORKER"):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    os.environ["GONGKAI_HOME"] = tempfile.mkdtemp(prefix=f"gongkai-test-{worker}-")
os.environ.setdefault("GONGKAI_TASKS_IMMEDIATE", "1")

from gongkai.settings import *  # noqa: F403

# Argon2 is the production hasher (asserted in tests/test_auth.py); building the
# demo district's hundred accounts with it would only slow the suite down.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The public page cache is off in tests, which change the catalogue without committing
# (so without invalidating it); tests/portal and the portal's browser tests turn it on.
CACHES = {
    **CACHES,  # noqa: F405
    "portal": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}

# A file, not SQLite's shared in-memory database: the live server and task workers
# run threads whose concurrent writes need WAL and busy_timeout, which only a file has.
_default = DATABASES["default"]  # noqa: F405
if _default["ENGINE"] == "django.db.backends.sqlite3":
    _default["TEST"] = {"NAME": os.path.join(os.environ["GONGKAI_HOME"], "test.sqlite3")}
else:
    # One PostgreSQL server, several test runs (a developer's and CI's, or two
    # checkouts): a test database per run, or one run drops the other's.
    _default["TEST"] = {"NAME": f"test_gongkai_{os.getpid()}"}

# Tests sign staff in with force_login, which knows no second factor; the two-factor tests
# (tests/test_two_factor.py) set the required roles themselves, and assert the
# production default.
GONGKAI_2FA_REQUIRED_ROLES: list[str] = []

# Every test client is 127.0.0.1: the per-address search limit is off, except where
# tests/abuse/test_rate_limits.py sets it.
GONGKAI_SEARCHES_PER_MINUTE = 0
