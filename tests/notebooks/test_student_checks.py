"""What ``grader.check`` shows in the student's own kernel, for every class of mistake the public
checks must catch: the check fails with its Korean hint, and the correct cell passes again.

One kernel per notebook (:class:`tests.support.student_kernel.StudentKernel`); the mistakes are
corpus entries (``tests/corpus/NAME/bugs``) or small cells written here. Never shown, whatever
happens: otter's English frame, a traceback, the test's source or the expected values inlined into
it.
"""

from __future__ import annotations

from dataclasses import dataclass

import nbformat
import pytest

from grader.assignment import Paths, assignment_names, graded_cells, graded_name
from grader.authoring.build import ensure_built
from nnkit import checks
from tests.support import ROOT
from tests.support.student_kernel import StudentKernel

ASSIGNMENTS = assignment_names(ROOT)
NEVER_SHOWN = ("Traceback", "Error at line", "results:", "All test cases", "passed!",
               "np.array(", "public_cases", "def test_")


@dataclass(frozen=True)
class Mistake:
    notebook: str
    function: str
    cell: str  # "bugs/<corpus entry>", or the source of a cell
    shows: tuple[str, ...]
    hides: tuple[str, ...] = ()

    def source(self) -> str:
        if self.cell.startswith("bugs/"):
            return (ROOT / "tests" / "corpus" / self.notebook / f"{self.cell}.py").read_text(
                encoding="utf-8")
        return self.cell


RELU_HIDDEN_LAYER = '''def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.maximum(Z1, 0)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''
DOT_OF_ROWS = '''def compute_cost(A2, Y):
    return float(np.dot(A2, Y))
'''

MISTAKES = {
    # 1. public cases that a common mistake cannot pass
    "non-default learning rate": Mistake(
        "planar_classification", "update_parameters",
        "bugs/update_parameters__ignores_learning_rate",
        ("learning_rate=0.5", "learning_rate를 쓰지 않고")),
    "learning rate of update_params": Mistake(
        "mnist_mlp", "update_params", "bugs/update_params__hard_coded_lr", ("0.1로 갱신",)),
    "weight_init_std": Mistake(
        "mnist_mlp", "init_params", "bugs/init_params__ignores_weight_init_std",
        ("weight_init_std=", "weight_init_std를 쓰지 않고")),
    "seed=None": Mistake(
        "xor_backprop", "init_network", "bugs/init_network__none_means_default_seed",
        ("seed=None", "np.random.seed를 부르지 마세요")),
    "predict never says 1": Mistake(
        "planar_classification", "predict", "bugs/predict__comparison_not_assignment",
        ("틀린 원소", "X (2, 6)")),
    "threshold on Z2": Mistake(
        "planar_classification", "predict", "bugs/predict__z2_threshold", ("Z2를 0.5와 비교",)),
    "softmax at ±1000": Mistake(
        "mnist_mlp", "softmax", "bugs/softmax__no_max_subtraction", ("최댓값을 빼세요",)),
    "log(0)": Mistake(
        "mnist_mlp", "cross_entropy_error", "bugs/cross_entropy_error__no_epsilon",
        ("log(0)", "1e-7")),
    "relu_grad at 0": Mistake(
        "mnist_mlp", "relu_grad", "bugs/relu_grad__ge_zero", ("x = 0에서 1이 나왔습니다",)),
    "more than 10 classes": Mistake(
        "mnist_mlp", "train_step", "bugs/train_step__ten_classes_hardcoded",
        ("W2 (4, 12)", "`train_step`, 셀의", "원-핫 행렬의 열")),
    "a single sample": Mistake(
        "mnist_mlp", "cross_entropy_error", "bugs/cross_entropy_error__no_1d_reshape",
        ("AxisError", "1차원 배열", ",), t (")),  # y is one sample, (C,)
    "TwoLayerNet.train passes learning_rate on": Mistake(
        "xor_backprop", "TwoLayerNet", "bugs/TwoLayerNet__train_drops_learning_rate",
        ("train(X, y, learning_rate=0.47)", "backward에 넘깁니다")),
    # 2. known mistakes: what the notebook warns about, named
    "double sigmoid": Mistake(
        "xor_backprop", "sigmoid_derivative", "bugs/sigmoid_derivative__double_sigmoid",
        ("알려진 실수", "이중 시그모이드")),
    "double sigmoid in TwoLayerNet": Mistake(
        "xor_backprop", "TwoLayerNet", "bugs/TwoLayerNet__sigmoid_prime_on_activations",
        ("이중 시그모이드", "hidden_sum")),
    "db1 from dA1": Mistake(
        "mnist_mlp", "train_step", "bugs/train_step__db1_from_dz1",
        ("반환값 b1", "dA1", "relu_grad(Z1)")),
    "(m,1)/(1,m) broadcast in planar": Mistake(
        "planar_classification", "compute_cost", "bugs/compute_cost__labels_column", ("(m, m)",)),
    "(m,1)/(1,m) broadcast in logistic": Mistake(
        "logistic_regression", "propagate", "bugs/propagate__labels_column", ("(m, m)", "(1, m)")),
    "missing 2/m": Mistake(
        "xor_backprop", "backward_pass", "bugs/backward_pass__source_001_no_2_over_n",
        ("2/N", "y.size")),
    # 3. the first wrong thing, named; inputs in every message; hints in the notebook's names
    "every returned part": Mistake(
        "planar_classification", "backward_propagation", "bugs/backward_propagation__db_sum_all",
        ("반환값['db1']", "dW2 ✓  db2 ✓  dW1 ✓  db1 ✗")),
    "A1 before A2": Mistake(
        "planar_classification", "forward_propagation", RELU_HIDDEN_LAYER,
        ("반환값 cache['A1']", "cache['Z1'] ✓  cache['A1'] ✗", "처음 틀린 cache['A1']")),
    "b never updated in optimize": Mistake(
        "logistic_regression", "optimize", "bugs/optimize__bias_not_updated",
        ("b를 한 번도 갱신하지 않았습니다",)),
    "input shapes": Mistake(
        "logistic_regression", "propagate", "bugs/propagate__dw_without_m",
        ("입력: w (2, 1), b=-0.600018, X (2, 5), Y (1, 5)", "grads['dw'] ✗", "1/m")),
    "no 1/m in an initializer": Mistake(
        "mnist_mlp", "init_params", "bugs/init_params__scale_0_1", ("10배",), ("1/m",)),
    "the notebook's own names": Mistake(
        "logistic_regression", "propagate", "bugs/propagate__gradient_sign", ("A - Y",),
        ("A2",)),
    # 4. Korean all the way
    "an exception in the student's code": Mistake(
        "planar_classification", "compute_cost", DOT_OF_ROWS,
        ("셀의 2번째 줄", "return float(np.dot(A2, Y))", "입력: A2 (1, 4), Y (1, 4)",
         "행렬 곱 (np.dot)")),
    "a cell not run yet": Mistake(
        "planar_classification", "predict", "del predict", ("아직 정의되지 않았습니다",)),
}
# One mistake per notebook runs by default; the others are marked slow (a kernel each).
DEFAULT = {"an exception in the student's code", "b never updated in optimize", "double sigmoid",
           "more than 10 classes"}


@pytest.fixture(scope="module")
def kernels(tmp_path_factory):
    """Started on first use, one per notebook, shut down after the module."""
    started: dict[str, StudentKernel] = {}
    stack = []

    def get(name: str) -> StudentKernel:
        if name not in started:
            paths = Paths(ROOT, name)
            ensure_built(paths)
            kernel = StudentKernel(paths, tmp_path_factory.mktemp(name))
            context = kernel.running()
            started[name] = context.__enter__()
            stack.append(context)
        return started[name]

    yield get
    for context in reversed(stack):
        context.__exit__(None, None, None)


def _params() -> list:
    return [pytest.param(mistake, id=label, marks=() if label in DEFAULT else (pytest.mark.slow,))
            for label, mistake in MISTAKES.items()]


@pytest.mark.parametrize("mistake", _params())
def test_public_check_names_the_mistake_in_korean(kernels, mistake):
    kernel = kernels(mistake.notebook)
    shown = kernel.check(mistake.function, mistake.source())
    assert not shown.startswith("✅"), shown
    for text in mistake.shows:
        assert text in shown, shown
    for text in (*NEVER_SHOWN, *mistake.hides):
        assert text not in shown, shown
    assert kernel.check(mistake.function) == checks.passed_message(mistake.function)


@pytest.mark.slow
@pytest.mark.parametrize("name, function", [("planar_classification", "backward_propagation"),
                                            ("xor_backprop", "TwoLayerNet")])
def test_a_stub_left_unfilled_is_named_with_its_line(kernels, name, function):
    kernel = kernels(name)
    released = nbformat.read(Paths(ROOT, name).student, as_version=4)
    stub = graded_cells(released)[function]
    shown = kernel.check(function, stub)
    assert shown.startswith("⚠️") and "아직 채우지 않은 `...`" in shown and "셀의" in shown, shown
    assert (f"`{function}.__init__`" in shown) == (function == "TwoLayerNet"), shown
    for text in NEVER_SHOWN:
        assert text not in shown, shown


@pytest.mark.slow
def test_a_skipped_import_cell_shows_no_expected_values(kernels):
    kernel = kernels("planar_classification")
    try:
        shown = kernel.check("layer_sizes", "del np")
    finally:
        kernel.run("import numpy as np")
    assert "import 셀" in shown and "`np`" in shown, shown
    for text in NEVER_SHOWN:
        assert text not in shown, shown
    assert kernel.check("layer_sizes") == checks.passed_message("layer_sizes")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_one_check_cell_per_graded_function(name):
    notebook = nbformat.read(Paths(ROOT, name).student, as_version=4)
    code = [cell.source.strip() for cell in notebook.cells if cell.cell_type == "code"]
    graded = [name for source in code if (name := graded_name(source))]
    check_cells = [source for source in code if source.startswith("grader.check(")]
    assert check_cells == [f'grader.check("{function}")' for function in graded]
    assert "from nnkit.notebook import Notebook" in code[0]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_import_cell_says_when_the_first_cell_was_skipped(name, capsys):
    """``grader.check`` without the setup cell is Python's ``NameError``; the import cell, which a
    student runs first thing, says in Korean which cell to run (and says nothing otherwise)."""
    notebook = nbformat.read(Paths(ROOT, name).student, as_version=4)
    imports = [cell.source for cell in notebook.cells if cell.cell_type == "code"][1]
    source = "\n".join(line for line in imports.splitlines() if not line.startswith("%"))
    exec(compile(source, "<import cell>", "exec"), {"__name__": "__main__"})  # noqa: S102
    assert "채점 준비 셀" in capsys.readouterr().out
    exec(compile(source, "<import cell>", "exec"), {"__name__": "__main__", "grader": object()})  # noqa: S102
    assert capsys.readouterr().out == ""
