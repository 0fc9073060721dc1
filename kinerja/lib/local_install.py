"""What a one-machine install needs without any setting: a secret key made once into a file
only its owner reads, and plain HTTP for a server reachable from this machine only.

Used by `kinerja.settings` (DEBUG on, no key configured) and by the `kinerja` command
before Django starts, so it imports nothing of Django or of the project.
"""

import ipaddress
import os
import secrets
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
FILENAME = "secret_key"


def var_dir() -> Path:
    """Where the SQLite file, uploads and the generated key live (KINERJA_VAR_DIR)."""
    return Path(os.getenv("KINERJA_VAR_DIR", BASE_DIR / "var"))


def key_file() -> Path:
    return var_dir() / FILENAME


def key_configured() -> bool:
    """Whether SECRET_KEY or SECRET_KEY_FILE is set (then no key is made or read here)."""
    return bool(os.getenv("SECRET_KEY") or os.getenv("SECRET_KEY_FILE"))


def read_or_create(path: Path) -> tuple[str, bool]:
    """The key kept in `path`, and whether it was made just now: 86 random URL-safe
    characters, written with mode 0600 so other accounts of the machine cannot read it."""
    if path.exists():
        return path.read_text().strip(), False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip(), False
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key, True


def prepare(command: str, host: str | None = None) -> None:
    """Environment defaults for one `kinerja COMMAND`, set before Django reads its settings.

    Without SECRET_KEY/SECRET_KEY_FILE, every command but `serve` uses var/secret_key and
    makes it once; `serve` uses it only when it exists (made by `kinerja demo` on this
    machine), so a server set up by hand without a key refuses to start, saying why.
    The demo, and `serve` on a loopback address, speak plain HTTP (KINERJA_HTTPS=false)
    unless told otherwise; a server on the network keeps the HTTPS default.
    """
    if command == "demo" or (command == "serve" and is_loopback(host or "")):
        os.environ.setdefault("KINERJA_HTTPS", "false")
    if key_configured():
        return
    path = key_file()
    if command == "serve" and not path.exists():
        return
    _key, created = read_or_create(path)
    if created:
        print(f"Kunci rahasia dibuat di {path} (hanya dapat dibaca pemiliknya).", file=sys.stderr)
    os.environ["SECRET_KEY_FILE"] = str(path)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
