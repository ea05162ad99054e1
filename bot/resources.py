"""Where the package's own files are: the texts (.ftl) and the database migrations (.sql).

The repository keeps them in locales/ and data/migrations/, the folders developers edit;
pyproject.toml maps them into the package as bot/locales/ and bot/migrations/, so an installed
wheel carries them and finds them next to its code wherever it is started from. An editable
install or `python -m bot` in the checkout runs bot/ from the repository, which has no such
subfolders: there the repository's own folders are the ones."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


class ResourcesMissing(Exception):
    """The package lacks its migrations or part of its texts: a broken install or checkout, which
    no setting fixes. Start-up refuses it (one line, exit 2) instead of running half-working."""


def resource_dir(packaged: str, checkout: str) -> Path:
    """`packaged` inside the package (bot/<packaged>) when it is there or when this is no
    checkout (then a refusal names the folder an installed package lacks), else `checkout` in
    the repository. A wheel is always unpacked on disk, so the package's folder is a path."""
    inside = files("bot") / packaged
    in_checkout = (_CHECKOUT / "pyproject.toml").is_file()
    if isinstance(inside, Path) and (inside.is_dir() or not in_checkout):
        return inside
    return _CHECKOUT / checkout
