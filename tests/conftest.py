"""Fixtures shared by the tests (the built assignments, data for executing notebooks), and what a
sandbox test does where a wall it checks is missing: skips, or fails where CI requires the walls."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from grader.assignment import Paths
from tests.support import ROOT

# CI (.ci/run) sets NNKIT_REQUIRE_WALLS=1: a sandbox test that skipped there for want of a wall
# would let CI pass without ever checking the sandbox it exists to check.
REQUIRE_WALLS = os.environ.get("NNKIT_REQUIRE_WALLS", "") not in ("", "0")


def missing_wall(reason: str) -> NoReturn:
    """Stop a test that cannot check what it is for because a wall (bubblewrap, cgroups,
    seccomp, root) does not work here: a skip that says ``reason``, or a failure where
    NNKIT_REQUIRE_WALLS is set. Every sandbox test's skip goes through here."""
    __tracebackhide__ = True  # the report names the caller's line, not this one
    if REQUIRE_WALLS:
        pytest.fail(f"NNKIT_REQUIRE_WALLS is set, but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "needs_wall(missing, reason): skipif(missing), except that where "
                   "NNKIT_REQUIRE_WALLS is set a missing wall fails the test (see missing_wall)")


def _missing_walls(item) -> list[str]:
    """The reasons of the item's ``needs_wall`` marks whose wall is missing."""
    return [mark.kwargs["reason"] for mark in item.iter_markers("needs_wall") if mark.args[0]]


NOTEBOOKS = ROOT / "tests" / "notebooks"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marks
def pytest_collection_modifyitems(items):
    # tests/notebooks/ holds the kernel-, browser- and venv-driven tests: slow, all of them, so
    # that `-m "not slow"` is the quick suite without a mark to forget.
    for item in items:
        if NOTEBOOKS in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)
    if REQUIRE_WALLS:
        return
    # pytest's own skip, not missing_wall's: its report names the test, not this file.
    for item in items:
        for reason in _missing_walls(item):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(tryfirst=True)  # before fixtures: a missing wall should not build a sandbox
def pytest_runtest_setup(item):
    if REQUIRE_WALLS:
        for reason in _missing_walls(item):
            missing_wall(reason)  # fails


@pytest.fixture(scope="session")
def mini(tmp_path_factory) -> Paths:
    """The tiny assignment of tests/fixtures/mini, built once per session in a folder of its own
    (otter assign takes a few seconds). Tests read its files; none changes them."""
    from tests.support.grader_fixtures import build_mini

    return build_mini(tmp_path_factory.mktemp("mini-root"))


@pytest.fixture(scope="session")
def planar() -> Paths:
    """planar_classification as this checkout builds it (build/, rebuilt only when stale)."""
    from grader.authoring.build import ensure_built

    paths = Paths(ROOT, "planar_classification")
    ensure_built(paths)
    return paths


@pytest.fixture(scope="session")
def cifar_format_data(tmp_path_factory):
    """CIFAR-10-format batches written here: CI has no CIFAR-10, so the logistic notebook's real
    loader (``load_cifar10()`` through ``$NNKIT_DATA``) reads these instead."""
    from nnkit.datasets.fake_cifar import write_fake_cifar10

    folder = tmp_path_factory.mktemp("nnkit-data")
    write_fake_cifar10(folder)
    return folder


@pytest.fixture()
def notebook_data(cifar_format_data, monkeypatch):
    """``$NNKIT_DATA`` for executing notebooks, unless the machine already names real data."""
    import os

    if "NNKIT_DATA" not in os.environ:
        monkeypatch.setenv("NNKIT_DATA", str(cifar_format_data))
