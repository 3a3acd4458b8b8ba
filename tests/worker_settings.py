"""Settings of the worker and server subprocesses the fault tests start: the real
settings, plus the test-only tasks of ``tests.jobapp``."""

from gongkai.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobapp"]  # noqa: F405
