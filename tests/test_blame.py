"""Blame isolation: one mistake costs the points of its own function, once.

The machinery (which helpers a function reaches, answering the stand-ins with the RNG carried
along, the old-template call) in process; the grades on the planar assignment end to end.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from grader import blame, corpus
from grader.assignment import Assignment, Paths
from grader.grade import SubmissionFile, grade_one, prepare_options
from grader.isolation import callbacks, channel, walls
from grader.submission import Submission
from nnkit.reference import planar_classification as ref
from tests.test_validate import ROOT

PLANAR = "planar_classification"


def submission_of(*cells: str) -> Submission:
    return Submission(name="s", path=ROOT, cells=list(cells))


# ------------------------------------------------------------------------------ the helpers

def test_a_function_reaches_graded_helpers_through_its_own_ungraded_ones():
    cells = ["def _step(X, p):\n    return forward_propagation(X, p)\n",
             "def nn_model(X, Y):\n    layer_sizes(X, Y)\n    return _step(X, None)\n",
             "def forward_propagation(X, p):\n    return sigmoid(X)\n"]
    calls = blame.helper_calls(submission_of(*cells),
                               ["nn_model", "forward_propagation", "layer_sizes"])
    assert calls["nn_model"] == {"forward_propagation", "layer_sizes"}
    # A graded helper is replaced whole: what it calls is not the caller's helper.
    assert calls["forward_propagation"] == set()


def test_the_last_definition_of_a_name_decides():
    cells = ["def nn_model(X):\n    return layer_sizes(X)\n",
             "def nn_model(X):\n    return predict(X)\n"]
    calls = blame.helper_calls(submission_of(*cells), ["nn_model", "layer_sizes", "predict"])
    assert calls["nn_model"] == {"predict"}


def test_only_reference_functions_stand_in_for_helpers():
    found = blame.reference_helpers(PLANAR, ["forward_propagation", "nope"])
    assert list(found) == ["forward_propagation"]
    assert blame.reference_helpers("no_such_assignment", ["x"]) == {}
    assert "TwoLayerNet" not in blame.reference_helpers("xor_backprop", ["TwoLayerNet"])


@pytest.mark.parametrize(("name", "draws"), [
    ("initialize_parameters", True), ("nn_model", True), ("forward_propagation", False),
    ("backward_propagation", False), ("update_parameters", False)])
def test_only_helpers_that_draw_random_numbers_carry_the_rng(name, draws):
    assert callbacks.draws_random_numbers(getattr(ref, name)) is draws


def test_an_old_template_call_reaches_the_reference_without_its_extra_argument():
    rng = np.random.default_rng(3)
    A2, Y = rng.uniform(0.1, 0.9, (1, 6)), rng.integers(0, 2, (1, 6))
    expected = ref.compute_cost(A2, Y)
    assert callbacks.call_leniently(ref.compute_cost, [A2, Y, {"W1": 1}], {}) == expected
    with pytest.raises(TypeError):
        callbacks.call_leniently(ref.compute_cost, [A2], {})


# ------------------------------------------------------------------------- the stand-ins' calls

def _callback(name, *args, rng=None, **kwargs):
    from grader.isolation import wire

    message = {"callback": name, "args": wire.encode(list(args)), "kwargs": wire.encode(kwargs)}
    if rng is not None:
        message["rng"] = wire.encode(rng)
    return message


def test_a_helper_that_draws_draws_from_the_workers_rng_and_hands_the_state_back():
    from grader.isolation import wire

    calls = callbacks.HelperCalls({"initialize_parameters": ref.initialize_parameters})
    own = np.random.get_state(legacy=False)
    worker = np.random.RandomState(11).get_state(legacy=False)
    reply = calls.answer(_callback("initialize_parameters", 3, 4, 1, rng=worker))
    assert reply["ok"]
    np.random.seed(11)
    expected = ref.initialize_parameters(3, 4, 1)
    after = np.random.get_state(legacy=False)
    got = wire.decode(reply["value"])
    assert all(np.array_equal(got[k], expected[k]) for k in expected)
    assert np.array_equal(wire.decode(reply["rng"])["state"]["key"], after["state"]["key"])
    np.random.set_state(own)
    # This side's RNG is as it was: the tests' own draws are not disturbed.
    assert calls.answer(_callback("initialize_parameters", 3, 4, 1))["ok"]
    assert np.array_equal(np.random.get_state(legacy=False)["state"]["key"], own["state"]["key"])


def test_a_helper_that_does_not_draw_needs_no_rng_and_a_helper_that_raises_says_why():
    calls = callbacks.HelperCalls({"compute_cost": ref.compute_cost})
    A2, Y = np.full((1, 4), 0.5), np.array([[0, 1, 1, 0]])
    reply = calls.answer(_callback("compute_cost", A2, Y))
    assert reply["ok"] and "rng" not in reply
    refused = calls.answer(_callback("compute_cost", A2))
    assert not refused["ok"] and refused["error"]["type"] == "TypeError"
    unknown = calls.answer(_callback("nn_model", A2, Y))
    assert not unknown["ok"] and unknown["error"]["type"] == "UnknownHelper"


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

def _grade_entry(planar: Paths, label: str, tmp_path, isolation: bool = True):
    import nbformat

    entry = next(e for e in corpus.entries(planar, ("bugs",)) if e.stem == label)
    target = tmp_path / f"{label}.ipynb"
    nbformat.write(corpus.notebook_with(planar, {entry.function: entry.source}), target)
    options = dataclasses.replace(prepare_options(10.0, None), isolation=isolation)
    return grade_one(Assignment(planar), SubmissionFile(label, target), options)


def test_a_helper_bug_costs_its_own_points_and_the_caller_is_told_why(planar, tmp_path):
    result = _grade_entry(planar, "backward_propagation__missing_one_over_m", tmp_path)
    assert result.questions["backward_propagation"] < 4
    assert result.questions["nn_model"] == 4 and result.questions["predict"] == 3
    assert any("`nn_model` 자체는 맞습니다" in note and "`backward_propagation`의 오류" in note
               for note in result.remarks["nn_model"])
    assert "`nn_model` 자체는 맞습니다" in result.feedback


def test_without_isolation_the_grade_is_end_to_end(planar, tmp_path):
    result = _grade_entry(planar, "backward_propagation__missing_one_over_m", tmp_path,
                          isolation=False)
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
