"""nnkit.reference.loader: an absent module is None, a broken one raises."""

from __future__ import annotations

import sys

import pytest

from nnkit.reference import loader

ASSIGNMENTS = ("planar_classification", "logistic_regression", "mnist_mlp", "xor_backprop")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_assignment_has_its_three_modules(assignment):
    assert loader.reference_module(assignment).__name__ == f"nnkit.reference.{assignment}"
    assert loader.cases_module(assignment).__name__ == f"nnkit.reference.cases.{assignment}"
    assert loader.mistakes_module(assignment).__name__ == \
        f"nnkit.reference.mistakes.{assignment}"


@pytest.mark.parametrize("load", [loader.reference_module, loader.cases_module,
                                  loader.mistakes_module])
def test_an_absent_assignment_is_none(load):
    assert load("no_such_assignment") is None


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A stand-in for nnkit.reference: ``fine``, ``broken`` (raises), ``needs`` (imports a
    module that does not exist), each with a cases and a mistakes module alike."""
    root = tmp_path / "standin_reference"
    for sub in ("", "cases", "mistakes"):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
        (folder / "fine.py").write_text("VALUE = 1\n")
        (folder / "broken.py").write_text("raise RuntimeError('typo inside')\n")
        (folder / "needs.py").write_text("import no_such_module_anywhere  # noqa\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(loader, "PACKAGE", "standin_reference")
    yield
    for name in [n for n in sys.modules if n.startswith("standin_reference")]:
        del sys.modules[name]


@pytest.mark.parametrize("load", [loader.reference_module, loader.cases_module,
                                  loader.mistakes_module])
def test_the_rule_is_the_same_for_the_three(package, load):
    assert load("fine").VALUE == 1
    assert load("absent") is None
    with pytest.raises(RuntimeError, match="typo inside"):
        load("broken")
    with pytest.raises(ModuleNotFoundError) as error:  # missing inside: broken, not absent
        load("needs")
    assert error.value.name == "no_such_module_anywhere"


def test_no_reference_package_at_all_is_absent(monkeypatch):
    """The student install has no nnkit.reference: nothing to load, not an error."""
    monkeypatch.setattr(loader, "PACKAGE", "nnkit.no_reference_here")
    assert loader.reference_module("planar_classification") is None
    assert loader.cases_module("planar_classification") is None
