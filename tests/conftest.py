"""Fixtures shared by the notebook tests."""

from __future__ import annotations

import pytest


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
