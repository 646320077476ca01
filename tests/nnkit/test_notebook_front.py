"""nnkit.notebook, in process: what ``grader.check`` shows for a pass, a failing check, a check
that cannot start, an exception in the student's code; test files from a folder, from a URL
(loopback) with no notebook on disk, or from nowhere.

The student's cells are compiled under their own file names with their source in ``linecache``,
as IPython does, so that lines can be shown.
"""

from __future__ import annotations

import linecache
import textwrap

import numpy as np
import pytest

from nnkit import checks
from nnkit.notebook import Notebook
from tests.support.loopback import serving


def _test_file(name: str, points: int, case: str) -> str:
    """An otter test file with one public test that checks ``case`` (source of a dict)."""
    return textwrap.dedent(f'''
        from otter.test_files import test_case

        OK_FORMAT = False

        name = "{name}"
        points = {points}

        @test_case(points=1, hidden=False)
        def test_{name}_public({name}, np):
            from nnkit import checks
            case = {case}
            checks.check_case("{name}", {name}, case)
    ''')


TEST_FILE = _test_file("double", 2, """{"args": [np.array([1.0, -2.0, 3.5])], "kwargs": {},
                "arg_names": ["x"], "expected": np.array([2.0, -4.0, 7.0]),
                "mistakes": [{"output": np.array([1.0, 4.0, 12.25]),
                              "hint": "제곱을 했습니다."}]}""")

RIGHT = "def double(x):\n    return 2 * x\n"


def _cell(source: str, env: dict, number: int = [0]) -> None:  # noqa: B006 - a cell counter
    """Run ``source`` as a notebook cell of ``env``, its source registered like IPython's."""
    number[0] += 1
    filename = f"<ipython-cell-{number[0]}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    exec(compile(source, filename, "exec"), env)  # noqa: S102 - the test's own cells


@pytest.fixture()
def grader(tmp_path, monkeypatch):
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "double.py").write_text(TEST_FILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Notebook("not-on-disk.ipynb", tests_dir=str(tests))


def _env(source: str | None = RIGHT) -> dict:
    env = {"__name__": "__main__", "np": np}
    if source:
        _cell(source, env)
    return env


def _never_shown(message: str) -> None:
    for text in ("Traceback", "Error at line", "results:", "passed!", "np.array(", "def test_",
                 "7.0"):
        assert text not in message, message


def test_pass(grader):
    result = grader.check("double", _env())
    assert result.passed and repr(result) == checks.passed_message("double")


@pytest.mark.parametrize("source, shown", [
    ("def double(x):\n    return x + 2\n", ["반환값: 값이 다릅니다", "입력: x (3,)"]),
    ("def double(x):\n    return x ** 2\n", ["알려진 실수", "제곱을 했습니다."]),
    ("def double(x):\n    return [2 * v for v in x]\n", ["NumPy 배열", "np.array(...)"]),
])
def test_a_failing_check_shows_its_korean_message_only(grader, source, shown):
    result = grader.check("double", _env(source))
    assert not result.passed and result.message.startswith("❌ `double`: 공개 테스트 실패")
    for text in shown:
        assert text in result.message, result.message
    _never_shown(result.message.replace("np.array(...)", ""))


def test_an_exception_in_the_students_code_points_at_their_lines(grader):
    env = _env("def helper(x):\n    return x @ np.ones((2, 2))\n")
    _cell("def double(x):\n    y = 2 * x\n    return helper(y)\n", env)
    message = grader.check("double", env).message
    assert message.startswith("❌ `double`: 여러분의 코드에서 오류가 났습니다 "
                              "(`helper`, 셀의 2번째 줄)")
    assert "`double`, 셀의 3번째 줄: return helper(y)" in message
    assert "`helper`, 셀의 2번째 줄: return x @ np.ones((2, 2))" in message
    assert "ValueError" in message and "입력: x (3,)" in message and "행렬 곱 (@)" in message
    _never_shown(message)


SQUARE_TEST_FILE = _test_file("square", 1, """{"args": [np.array([1.0, -2.0])], "kwargs": {},
                "arg_names": ["x"], "expected": np.array([1.0, 4.0]),
                "mistakes": [{"output": np.array([2.0, -4.0]), "hint": "두 배를 했습니다."}]}""")


@pytest.fixture()
def helper_grader(grader, tmp_path):
    (tmp_path / "tests" / "square.py").write_text(SQUARE_TEST_FILE, encoding="utf-8")
    return grader


def test_a_failing_helper_is_named_first_and_the_callers_hint_never_fires(helper_grader):
    # double = x ** 2 when square is wrong (2x): the caller's known mistake, had it been checked
    env = _env("def square(x):\n    return 2 * x\n")
    _cell("def double(x):\n    return 2 * x * x / square(x) * x\n", env)
    result = helper_grader.check("double", env)
    assert not result.passed and result.fix_first == ("square",)
    lines = result.message.splitlines()
    assert lines[0] == "❌ `double`: 공개 테스트 실패"
    assert lines[1].startswith("먼저 `square`를 고치세요: `square`가 자기 공개 테스트를")
    assert "두 배를 했습니다." in result.message  # the helper's own hint
    assert "제곱을 했습니다." not in result.message and "반환값: 값이 다릅니다" not in lines[1]
    _never_shown(result.message)


def test_through_the_students_own_helper_and_not_for_a_right_helper(helper_grader):
    env = _env("def square(x):\n    return 2 * x\n")
    _cell("def mine(x):\n    return square(x)\n", env)
    _cell("def double(x):\n    return 2 * x * x / mine(x) * x\n", env)
    assert helper_grader.check("double", env).fix_first == ("square",)
    _cell("def square(x):\n    return x * x\n", env)
    _cell("def double(x):\n    return x ** 2 + 0 * mine(x)\n", env)  # its own mistake
    result = helper_grader.check("double", env)
    assert result.fix_first == () and "제곱을 했습니다." in result.message


def test_a_helper_calling_its_caller_is_not_checked_twice(helper_grader):
    env = _env("def square(x):\n    return double(x) if x.size > 9 else 2 * x\n")
    _cell("def double(x):\n    return x + 2 + 0 * square(x)\n", env)
    result = helper_grader.check("double", env)
    assert result.fix_first == ("square",)


def test_checks_that_cannot_start(grader):
    assert "아직 정의되지 않았습니다" in grader.check("double", _env(None)).message
    env = _env()
    del env["np"]
    message = grader.check("double", env).message
    assert "`np`" in message and "import 셀" in message
    stub = "def double(x):\n    \"\"\"Twice x.\"\"\"\n    ...\n"
    message = grader.check("double", _env(stub)).message
    assert "아직 채우지 않은 `...`" in message and "`double`, 셀의 3번째 줄" in message
    for source in (None, stub):
        _never_shown(grader.check("double", _env(source)).message)


def test_a_stub_method_of_a_class_is_named(grader):
    env = _env("class Net:\n    def __init__(self):\n        self.w = 1\n\n"
               "    def step(self, x):\n        ...\n")
    env["double"] = env.pop("Net")
    assert "`Net.step`, 셀의 6번째 줄" in grader.check("double", env).message


def test_no_tests_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = Notebook("not-on-disk.ipynb", tests_dir=str(tmp_path / "none")).check("double", _env())
    assert not result.passed and "공개 테스트를 찾을 수 없습니다" in result.message


def test_tests_from_a_url_with_no_notebook_on_disk(tmp_path, monkeypatch):
    served = tmp_path / "served"
    (served / "tests").mkdir(parents=True)
    (served / "tests" / "double.py").write_text(TEST_FILE, encoding="utf-8")
    work = tmp_path / "content"  # like Colab: an empty folder, the notebook elsewhere
    work.mkdir()
    monkeypatch.chdir(work)
    with serving(served) as host:
        grader = Notebook("double.ipynb", tests_dir="tests", tests_url_prefix=host.url + "tests")
        assert grader.check("double", _env()).passed
        assert "알려진 실수" in grader.check("double", _env("def double(x):\n"
                                                       "    return x ** 2\n")).message
        missing = grader.check("triple", {"triple": abs, "np": np})
    assert not missing.passed and "공개 테스트를 찾을 수 없습니다" in missing.message


def test_otter_refusing_at_init_is_said_at_check_time(tmp_path, monkeypatch):
    import otter

    def refuse(self, *args, **kwargs):  # what otter does on Colab without a tests folder
        raise ValueError("Tests directory ./tests does not exist")

    monkeypatch.setattr(otter.Notebook, "__init__", refuse)
    monkeypatch.chdir(tmp_path)
    result = Notebook("x.ipynb").check("double", _env())
    assert not result.passed and "공개 테스트를 찾을 수 없습니다" in result.message


def test_export_zips_the_saved_notebook_for_the_grader(tmp_path, monkeypatch, capsys):
    import nbformat

    from grader.grading.submission import load_submission

    monkeypatch.chdir(tmp_path)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(RIGHT)]
    nbformat.write(notebook, tmp_path / "double.ipynb")
    (tmp_path / "tests").mkdir()
    Notebook("double.ipynb", tests_dir="tests").export(display_link=False)
    zips = list(tmp_path.glob("double_*.zip"))
    assert len(zips) == 1
    shown = capsys.readouterr().out
    assert shown.strip() == checks.exported_message(zips[0].name), shown  # not otter's English
    assert "exported" not in shown
    assert load_submission(zips[0], "student").cells == [RIGHT]


def test_export_without_the_notebook_on_disk_says_how_to_submit(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # like Colab: the notebook is not a file here
    (tmp_path / "tests").mkdir()
    Notebook("double.ipynb", tests_dir="tests").export(display_link=False)
    shown = capsys.readouterr().out
    assert shown.strip() == checks.no_notebook_file_message("double.ipynb")
    assert not list(tmp_path.glob("*.zip"))
