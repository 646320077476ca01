"""Debian's Chromium, headless, as the report's tests and its benchmark use it.

Every run gets a fresh profile folder and no network, sync, component updates or GPU, so that a
run is the same on a developer's machine and in CI.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run_chromium(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Chromium with ``args`` after the fixed flags; raises if it fails."""
    if CHROMIUM is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout, check=True)


def dump_dom(page: Path, *args: str) -> str:
    """The DOM of ``page`` after loading, serialised."""
    return run_chromium("--dump-dom", *args, page.resolve().as_uri()).stdout


def screenshot(page: Path, target: Path, window: str = "1400,1800") -> Path:
    run_chromium(f"--screenshot={target}", f"--window-size={window}", "--hide-scrollbars",
                 page.resolve().as_uri())
    return target
