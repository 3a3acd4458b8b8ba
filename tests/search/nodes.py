"""Another node of the platform: its own home, the same database, ``gongkai search follow``.

For the several-nodes test and bench: the follower runs as on a second machine, a
process with a home (and so an index) of its own, reading the shared database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from gongkai.search.engine import SearchIndex, SearchRequest
from gongkai.search.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def database_url(settings_dict: dict[str, Any]) -> str:
    """DATABASE_URL naming the database this process is connected to (the test database)."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    return f"postgresql://{user}@{host}:{port or 5432}/{settings_dict['NAME']}"


def wait_for(check: Callable[[], T], *, timeout: float, step: float = 0.02) -> T:
    """``check()``'s first truthy answer, polled until ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while True:
        answer = check()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(step)


class FollowerNode:
    def __init__(self, home: Path, database: str, *, interval: float) -> None:
        self.home = home
        self.log = home / "follow.log"
        self.index = SearchIndex(home / "search", Vocabulary())
        self.interval = interval
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "gongkai.settings",
            "GONGKAI_HOME": str(home),
            "DATABASE_URL": database,
            "GONGKAI_TASKS_URL": f"sqlite:///{home}/tasks.sqlite3",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("GONGKAI_TASKS_IMMEDIATE", None)
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "gongkai.cli", "search", "follow"]
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                [*command, "--interval", str(self.interval)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8") if self.log.exists() else ""

    def position(self) -> int | None:
        position = self.index.position()
        return None if position is None else position.through

    def titles(self, text: str) -> list[str]:
        results = self.index.search(SearchRequest(text=text, limit=100, facets=False))
        return sorted(hit.document.title for hit in results.hits)
