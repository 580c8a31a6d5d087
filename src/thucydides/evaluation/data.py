"""Where the development data is, and a clear message where it is not."""

from __future__ import annotations

import os
from pathlib import Path


class DataMissingError(FileNotFoundError):
    pass


def shared_data() -> Path:
    """../shared/data beside the checkout, or $THUCYDIDES_DATA."""
    env = os.environ.get("THUCYDIDES_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if (parent / "pyproject.toml").exists() and candidate.exists():
            return candidate
    return Path.cwd().parent / "shared" / "data"


def dataset(*parts: str) -> Path:
    path = shared_data().joinpath(*parts)
    if not path.exists():
        raise DataMissingError(
            f"{path} is missing: put the development data at ../shared/data or set THUCYDIDES_DATA"
        )
    return path
