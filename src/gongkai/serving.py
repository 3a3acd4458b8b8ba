"""``gongkai serve``: gunicorn in front of the WSGI app, with a task worker beside it
and this node's search follower (``gongkai search follow``), which keeps the node's
own index replica up to the catalogue's change feed.

gunicorn (pre-fork, graceful restarts) rather than ``runserver``; whitenoise
serves the collected static files from the same processes, so the embedded
default needs no separate web server and no CDN. The worker is supervised
(gongkai.jobs.supervisor): restarted when it dies, ended with the server.
"""

from __future__ import annotations

import atexit
import sys
from pathlib import Path
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

    from gongkai.jobs.supervisor import WorkerSupervisor

    # Each node's search replica follows the catalogue's change feed; the task worker
    # runs beside it unless told not to. Both are restarted if they die, and die with us.
    cli = [sys.executable, "-m", "gongkai.cli"]
    supervisors = [WorkerSupervisor([*cli, "search", "follow"], label="检索索引跟进进程")]
    if with_worker:
        supervisors.append(WorkerSupervisor([*cli, "worker", "--wait"]))
    for supervisor in supervisors:
        supervisor.start()
        atexit.register(supervisor.stop)
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
            **_control_socket(settings.HOME),
        }
    ).run()


# A unix socket's path is at most 107 bytes on Linux.
_SOCKET_PATH_MAX = 107


def _control_socket(home: Path) -> dict[str, Any]:
    """gunicorn's control socket inside this instance's home.

    gunicorn's default is one path per user (``~/.gunicorn/gunicorn.ctl``): a second
    ``gongkai serve`` on the machine (another node behind the same proxy, with its own
    home) took the first one's socket, and ``gunicornc`` then managed the wrong server.
    A home too deep for a socket path gets none rather than a shared one.
    """
    path = home / "gunicorn.ctl"
    if len(str(path).encode()) > _SOCKET_PATH_MAX:
        return {"control_socket_disable": True}
    return {"control_socket": str(path)}
