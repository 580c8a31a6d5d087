"""Coverage-guided fuzzing (atheris, fuzz/run.py) of every input parser, for a bounded time.

Each target runs in its own process for THUCYDIDES_FUZZ_SECONDS (default 15); a crash, a
failed property or a leak past the memory limit fails the test and leaves the input that
caused it in the test's temporary folder, named in the failure message.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
SECONDS = int(os.environ.get("THUCYDIDES_FUZZ_SECONDS", "15"))


@pytest.mark.parametrize("target", ["decode", "clean", "dates", "jsonl"])
def test_fuzz_target_survives(target, tmp_path):
    options = [f"-max_total_time={SECONDS}", "-rss_limit_mb=3072", f"-artifact_prefix={tmp_path}/"]
    dictionary = FUZZ / f"{target}.dict"
    if dictionary.exists():
        options.append(f"-dict={dictionary}")
    result = subprocess.run(
        [sys.executable, str(FUZZ / "run.py"), target, *options],
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
    )
    crashes = sorted(p.name for p in tmp_path.iterdir())
    assert result.returncode == 0 and not crashes, (
        f"fuzz target {target} failed; inputs kept in {tmp_path}: {crashes}\n"
        + result.stderr[-3000:]
    )
    assert "DONE" in result.stderr
