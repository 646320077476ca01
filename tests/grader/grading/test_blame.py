"""Blame reruns: one mistake costs the points of its own function, once.

The machinery (which helpers stand in, from the reference's call graph; the recording of the
reference's own calls; answering a stand-in only from it, the RNG carried along; the old-template
call) in process; the grades on the planar assignment end to end.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import numpy as np
import pytest

from grader.assignment import Assignment, Paths
from grader.grading import blame
from grader.grading.submission_files import SubmissionFile
from grader.isolation import callbacks, channel, walls, wire
from grader.options import prepare_options
from grader.run.grade import grade_one
from grader.validation import corpus
from nnkit.reference import planar_classification as ref
from tests.grader.validation.test_validate import ROOT

PLANAR = "planar_classification"


@dataclasses.dataclass(frozen=True)
class Graded:
    """What :mod:`grader.grading.blame` reads of an assignment: its name and graded names."""

    name: str
    graded_names: tuple[str, ...]


_ALIVE: list = []


@dataclasses.dataclass(frozen=True, eq=False)  # hashed by identity, as a test case's body is
class OneCall:
    """A stand-in for an otter test case whose body makes one call."""

    function: str
    args: tuple
    kwargs: tuple

    @property
    def body(self):
        return self

    def __post_init__(self):
        _ALIVE.append(self)  # so that no later case reuses its id, hence its name

    @property
    def name(self):
        return f"call {id(self)}"

    def call_func(self, env):
        return env[self.function](*self.args, **dict(self.kwargs))


def graded(assignment: str, *names: str) -> Graded:
    return Graded(assignment, names)


PLANAR_GRADED = graded(PLANAR, "layer_sizes", "initialize_parameters", "forward_propagation",
                       "compute_cost", "backward_propagation", "update_parameters", "nn_model",
                       "predict")
LOGISTIC_GRADED = graded("logistic_regression", "sigmoid", "initialize_with_zeros", "propagate",
                         "optimize", "predict", "model")


# ------------------------------------------------------- which helpers stand in: the reference's

def test_the_stand_ins_are_the_graded_helpers_the_reference_calls():
    assert set(blame.stand_ins(PLANAR_GRADED, "nn_model")) == {
        "layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
        "backward_propagation", "update_parameters"}
    assert set(blame.stand_ins(PLANAR_GRADED, "predict")) == {"forward_propagation"}
    assert blame.stand_ins(PLANAR_GRADED, "forward_propagation") == {}  # sigmoid is not graded
    found = blame.stand_ins(PLANAR_GRADED, "nn_model")
    assert found["forward_propagation"] is ref.forward_propagation


def test_a_function_cannot_hand_its_work_to_one_of_its_callers():
    # The reference propagate calls sigmoid only: a propagate that calls optimize (its caller)
    # gets no stand-in for it, whatever its source names.
    assert set(blame.stand_ins(LOGISTIC_GRADED, "propagate")) == {"sigmoid"}
    assert set(blame.stand_ins(LOGISTIC_GRADED, "optimize")) == {"propagate"}
    assert "optimize" in blame.stand_ins(LOGISTIC_GRADED, "model")


def _solution_cells(master: Path) -> dict[str, str]:
    import nbformat

    cells = {}
    for cell in nbformat.read(master, as_version=4).cells:
        header = cell.source.partition("\n")[0]
        if cell.cell_type == "code" and header.startswith("# GRADED FUNCTION: "):
            cells[header.removeprefix("# GRADED FUNCTION: ").strip()] = cell.source
    return cells


@pytest.mark.parametrize("name", ["logistic_regression", "xor_backprop", "planar_classification",
                                  "mnist_mlp"])
def test_the_reference_calls_the_graded_helpers_its_notebooks_solution_calls(name):
    # The stand-ins come from the reference; students follow the notebook's solution. Where the
    # two differ a helper's bug would cost its caller again (mnist predict once inlined the
    # affine layers its solution calls).
    from grader.assignment import questions_in

    master = ROOT / "solutions" / f"{name}.ipynb"
    _, names = questions_in(master)
    assignment = graded(name, *names)
    for function, source in _solution_cells(master).items():
        read = {node.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Name)}
        assert set(blame.stand_ins(assignment, function)) == (read & set(names)) - {function}, \
            function


def test_classes_and_assignments_without_a_reference_have_no_stand_ins():
    assert blame.stand_ins(graded("xor_backprop", "sigmoid", "TwoLayerNet"), "TwoLayerNet") == {}
    assert blame.stand_ins(graded("no_such_assignment", "f", "g"), "f") == {}
    assert blame.reference_module("no_such_assignment") is None


def test_a_broken_reference_module_raises_instead_of_turning_blame_reruns_off(monkeypatch):
    import importlib

    def broken(name, *args, **kwargs):
        raise ModuleNotFoundError("No module named 'scipy'", name="scipy")

    monkeypatch.setattr(importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError):
        blame.reference_module(PLANAR)


@pytest.mark.parametrize(("name", "draws"), [
    ("initialize_parameters", True), ("nn_model", True), ("forward_propagation", False),
    ("backward_propagation", False), ("update_parameters", False)])
def test_only_helpers_that_draw_random_numbers_carry_the_rng(name, draws):
    assert callbacks.draws_random_numbers(getattr(ref, name)) is draws


def test_an_old_template_call_is_matched_without_its_extra_argument():
    signature = inspect.signature(ref.compute_cost)
    A2, Y = np.full((1, 3), 0.5), np.array([[0, 1, 1]])
    arguments = callbacks.canonical_arguments(signature, [A2, Y, {"W1": 1}], {})
    assert list(arguments) == ["A2", "Y"] and arguments["A2"] is A2
    with pytest.raises(TypeError):
        callbacks.canonical_arguments(signature, [A2], {})


# ------------------------------------------------------------ what a stand-in answers: a recording

def _callback(name, *args, rng=None, **kwargs):
    message = {"callback": name, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}
    if rng is not None:
        message["rng"] = wire.encode(rng)
    return message


def _recording_of(function, *args, **kwargs):
    """The reference's helper calls while ``function`` runs (as blame.recording makes them
    for a test; here the "test" is one call)."""
    return blame.recording(PLANAR_GRADED, function, OneCall(function, args, tuple(kwargs.items())))


def _data(m=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((2, m)), rng.integers(0, 2, (1, m))


def test_the_recording_holds_the_references_own_calls_on_the_tests_inputs():
    X, Y = _data()
    recorded = _recording_of("nn_model", X, Y, 3, num_iterations=4)
    assert [len(recorded.calls[name]) for name in ("forward_propagation", "compute_cost",
                                                   "backward_propagation")] == [4, 4, 4]
    assert len(recorded.calls["initialize_parameters"]) == 1
    assert recorded.drawing == {"initialize_parameters"}
    # The module itself is untouched: what else runs here never meets a recorder.
    assert ref.forward_propagation.__module__ == ref.__name__
    assert ref.nn_model(X, Y, 3, num_iterations=4)["W1"].shape == (3, 2)


def test_a_recorded_call_is_answered_with_the_recorded_answer():
    X, Y = _data()
    recorded = _recording_of("predict", {"W1": np.ones((3, 2)), "b1": np.zeros((3, 1)),
                                         "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))}, X)
    calls = callbacks.HelperCalls()
    calls.follow(recorded)
    parameters = {"W1": np.ones((3, 2)), "b1": np.zeros((3, 1)), "W2": np.ones((1, 3)),
                  "b2": np.zeros((1, 1))}
    reply = calls.answer(_callback("forward_propagation", X + 1e-9, parameters))
    assert reply["ok"] and reply["value"] is recorded.calls["forward_propagation"][0].value
    again = calls.answer(_callback("forward_propagation", X=X, parameters=parameters))
    assert again["ok"], "the same call asked twice is answered twice"


def test_a_call_the_reference_did_not_make_is_refused_and_so_is_every_later_one():
    X, Y = _data()
    recorded = _recording_of("nn_model", X, Y, 3, num_iterations=2)
    calls = callbacks.HelperCalls()
    calls.follow(recorded)
    # The arguments of a costly or huge answer are never run: they were not recorded.
    huge = calls.answer(_callback("initialize_parameters", 100_000, 10_000, 1,
                                  rng=np.random.RandomState(3).get_state(legacy=False)))
    assert not huge["ok"] and huge["error"]["type"] == "NotRecorded"
    first_recorded = recorded.calls["compute_cost"][0].arguments
    refused = calls.answer(_callback("compute_cost", first_recorded["A2"], first_recorded["Y"]))
    assert not refused["ok"] and refused["error"]["type"] == "Refused"
    calls.follow(recorded)  # the next test's rerun starts afresh
    assert calls.answer(_callback("compute_cost", first_recorded["A2"], first_recorded["Y"]))["ok"]


def test_a_helper_that_draws_is_answered_only_from_the_recorded_rng_state():
    X, Y = _data()
    recorded = _recording_of("nn_model", X, Y, 3, num_iterations=1)
    seeded = np.random.RandomState(3).get_state(legacy=False)
    calls = callbacks.HelperCalls()
    calls.follow(recorded)
    unseeded = np.random.RandomState(4).get_state(legacy=False)
    assert not calls.answer(_callback("initialize_parameters", 2, 3, 1, rng=unseeded))["ok"]
    calls.follow(recorded)
    reply = calls.answer(_callback("initialize_parameters", 2, 3, 1, rng=seeded))
    np.random.seed(3)
    expected = ref.initialize_parameters(2, 3, 1)
    after = np.random.get_state(legacy=False)
    got = wire.decode(reply["value"])
    assert all(np.array_equal(got[k], expected[k]) for k in expected)
    assert np.array_equal(wire.decode(reply["rng"])["state"]["key"], after["state"]["key"])


def test_a_helper_that_seeds_itself_is_answered_from_any_rng_state():
    from nnkit.reference import xor_backprop as xor

    assignment = graded("xor_backprop", "init_network", "forward_pass", "mse_loss",
                        "backward_pass", "train_xor")
    X, y = xor.xor_data() if hasattr(xor, "xor_data") else (
        np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float), np.array([[0], [1], [1], [0]], float))
    seeded = blame.recording(assignment, "train_xor",
                             OneCall("train_xor", (X, y, [2, 3, 1]), (("epochs", 2),)))
    (init,) = seeded.calls["init_network"]
    assert init.rng_before is None  # init_network(seed=42) seeds itself
    unseeded = blame.recording(assignment, "train_xor",
                               OneCall("train_xor", (X, y, [2, 3, 1]),
                                       (("epochs", 2), ("seed", None))))
    assert unseeded.calls["init_network"][0].rng_before is not None
    calls = callbacks.HelperCalls()
    calls.follow(seeded)
    anywhere = np.random.RandomState(99).get_state(legacy=False)
    assert calls.answer(_callback("init_network", [2, 3, 1], 42, rng=anywhere))["ok"]


def test_unknown_helpers_and_malformed_calls_are_refusals_not_failures_here():
    X, Y = _data()
    calls = callbacks.HelperCalls()
    assert not calls.answer(_callback("forward_propagation", X))["ok"]  # nothing recorded yet
    calls.follow(_recording_of("predict", ref.initialize_parameters(2, 3, 1), X))
    assert calls.answer(_callback("nn_model", X, Y))["error"]["type"] == "UnknownHelper"
    for message in ({"callback": "forward_propagation", "args": {"__nd__": "x"}},
                    {"callback": "forward_propagation", "args": [], "rng": [1]},
                    {"callback": ["forward_propagation"]}, {}):
        calls.follow(_recording_of("predict", ref.initialize_parameters(2, 3, 1), X))
        assert calls.answer(message)["ok"] is False


def test_a_normal_worker_cannot_ask_for_the_reference():
    asking = ("def ask():\n    import _grader_wire as w, sys\n"
              "    return None\n"
              "class _Ask:\n"
              "    import fcntl, os, stat, struct\n"
              "    for _fd in range(3, 64):\n"
              "        try:\n"
              "            if stat.S_ISFIFO(os.fstat(_fd).st_mode) and "
              "fcntl.fcntl(_fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:\n"
              "                _b = b'{\"callback\": \"forward_propagation\", \"args\": [], "
              "\"kwargs\": {\"__dict__\": []}}'\n"
              "                os.write(_fd, struct.pack('>I', len(_b)) + _b)\n"
              "                break\n"
              "        except OSError:\n"
              "            continue\n")
    worker = channel.Channel(walls.detect_walls(), walls.Limits())
    try:
        with pytest.raises(channel.WorkerGone, match="callback nobody asked for"):
            worker.request({"op": "exec", "source": asking, "label": "<cell:x>"}, 10.0)
    finally:
        worker.close()


# ------------------------------------------------------------------------ grades end to end

def _grade_entry(planar: Paths, label: str, tmp_path, blame_reruns: bool = True):
    import nbformat

    entry = next(e for e in corpus.entries(planar, ("bugs",)) if e.stem == label)
    target = tmp_path / f"{label}.ipynb"
    nbformat.write(corpus.notebook_with(planar, {entry.function: entry.source}), target)
    options = dataclasses.replace(prepare_options(10.0, None), blame_reruns=blame_reruns)
    return grade_one(Assignment(planar), SubmissionFile(label, target), options)


def test_a_helper_bug_costs_its_own_points_and_the_caller_is_told_why(planar, tmp_path):
    result = _grade_entry(planar, "backward_propagation__missing_one_over_m", tmp_path)
    assert result.questions["backward_propagation"] < 4
    assert result.questions["nn_model"] == 4 and result.questions["predict"] == 3
    assert any("`nn_model` 자체는 맞습니다" in note and "`backward_propagation`의 오류" in note
               for note in result.remarks["nn_model"])
    assert "`nn_model` 자체는 맞습니다" in result.feedback


def test_without_blame_reruns_the_grade_is_end_to_end(planar, tmp_path):
    result = _grade_entry(planar, "backward_propagation__missing_one_over_m", tmp_path,
                          blame_reruns=False)
    assert result.questions["nn_model"] < 4 and not result.remarks


def test_an_old_template_signature_is_named_and_costs_only_its_function(planar, tmp_path):
    result = _grade_entry(planar, "compute_cost__old_template_signature", tmp_path)
    assert result.questions["compute_cost"] == 0 and result.score == result.max_score - 3
    assert "`compute_cost(A2, Y)`로 부릅니다" in result.feedback


def test_a_notebook_global_inside_a_function_is_named(planar, tmp_path):
    result = _grade_entry(planar, "compute_cost__uses_notebook_global_m", tmp_path)
    assert "노트북의 전역 변수 `m`" in result.feedback
    assert result.score == result.max_score - 3


def test_a_correct_submission_starts_no_isolated_worker(planar, monkeypatch):
    started = []
    real = channel.Channel.__init__

    def counting(self, *args, **kwargs):
        started.append(1)
        real(self, *args, **kwargs)

    monkeypatch.setattr(channel.Channel, "__init__", counting)
    result = grade_one(Assignment(planar), SubmissionFile("solution", planar.solution_notebook),
                       prepare_options(10.0, None))
    assert result.score == result.max_score and len(started) == 1
