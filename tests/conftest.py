"""Fixtures shared by the tests: the built assignments, data for executing notebooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.assignment import Paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def mini(tmp_path_factory) -> Paths:
    """The tiny assignment of tests/fixtures/mini, built once per session in a folder of its own
    (otter assign takes a few seconds). Tests read its files; none changes them."""
    from tests.grader_fixtures import build_mini

    return build_mini(tmp_path_factory.mktemp("mini-root"))


@pytest.fixture(scope="session")
def planar() -> Paths:
    """planar_classification as this checkout builds it (build/, rebuilt only when stale)."""
    from grader.build import ensure_built

    paths = Paths(ROOT, "planar_classification")
    ensure_built(paths)
    return paths


@pytest.fixture(scope="session")
def cifar_format_data(tmp_path_factory):
    """CIFAR-10-format batches written here: CI has no CIFAR-10, so the logistic notebook's real
    loader (``load_cifar10()`` through ``$NNKIT_DATA``) reads these instead."""
    from nnkit.reference.cases.logistic_regression import write_fake_cifar10

    folder = tmp_path_factory.mktemp("nnkit-data")
    write_fake_cifar10(folder)
    return folder


@pytest.fixture()
def notebook_data(cifar_format_data, monkeypatch):
    """``$NNKIT_DATA`` for executing notebooks, unless the machine already names real data."""
    import os

    if "NNKIT_DATA" not in os.environ:
        monkeypatch.setenv("NNKIT_DATA", str(cifar_format_data))
