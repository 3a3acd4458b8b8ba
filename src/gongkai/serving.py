"""``gongkai serve``: gunicorn in front of the WSGI app, with a task worker beside it.

gunicorn (pre-fork, graceful restarts) rather than ``runserver``; whitenoise
serves the collected static files from the same processes, so the embedded
default needs no separate web server and no CDN.
"""

from __future__ import annotations

import atexit
import subprocess
import sys
from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from gongkai.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int, with_worker: bool) -> None:
    from django.conf import settings

    worker_process = None
    if with_worker:
        worker_process = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "worker"])
        atexit.register(worker_process.terminate)
    url = f"http://{host}:{port}/"
    print(f"门户：{url}\n后台：{url}admin/", flush=True)
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": 4,
            "timeout": 60,
            "graceful_timeout": 20,
            "accesslog": "-",
            "errorlog": "-",
            "loglevel": "info" if not settings.DEBUG else "debug",
            "proc_name": "gongkai",
        }
    ).run()
