"""Read deployment settings from the environment.

Everything an operator may change lives in environment variables so the same
package runs as a laptop demo (SQLite under ./var) and as a district platform
(PostgreSQL, Redis) without editing files.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL: what browsers send as ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def var_dir() -> Path:
    """Where the embedded default keeps its state: the database, uploads, the task queue."""
    return Path(os.environ.get("GONGKAI_HOME", "var")).resolve()


def secret_key(home: Path) -> str:
    """Use GONGKAI_SECRET_KEY, else a key generated once and kept under var/.

    A generated key keeps the two-command demo working without the operator
    inventing a secret, while never shipping a fixed key in the repository.
    """
    configured = os.environ.get("GONGKAI_SECRET_KEY")
    if configured:
        return configured
    path = home / "secret_key"
    if path.exists():
        return path.read_text().strip()
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its key
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
