"""A course's own CI (.github/workflows/course.yml, docs/ci/gitlab-ci.yml): both files parse, run
the README's commands and nothing else, and upload what ``build`` writes.

Neither service runs here: what is checked is the files' shape, their commands against the
README's own, and their artefact patterns against a real build's layout.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil

import pytest
import yaml

from tests.support import ROOT

GITHUB = ROOT / ".github" / "workflows" / "course.yml"
GITLAB = ROOT / "docs" / "ci" / "gitlab-ci.yml"
README = ROOT / "README.md"
ARTEFACTS = ["build/*/*-autograder.zip", "build/*/student/", "build/*/mutation.md"]
# What may surround the README's commands in a script: a loop over the masters, a test for the
# mutate verb, a name taken from a master's file name, a message.
SHELL_GLUE = {"for", "done", "else", "fi", "echo"}
PREFIXES = {"if", "then", "do"}
README_VERBS = ("validate", "build", "mutate")


def github() -> dict:
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))


def github_steps() -> list[dict]:
    (job,) = github()["jobs"].values()
    return job["steps"]


def scripts() -> dict[str, list[str]]:
    """Each file's shell scripts, in order."""
    return {"github": [step["run"] for step in github_steps() if "run" in step],
            "gitlab": gitlab()["course"]["script"]}


def commands(script: str) -> list[list[str]]:
    """The simple commands of a script, as words, without the shell glue around them."""
    found = []
    for line in script.splitlines():
        for part in re.split(r";|&&|\|\|", line.split(" #")[0]):
            words = shlex.split(part)
            while words and words[0] in PREFIXES:
                words = words[1:]
            if not words or words[0] in SHELL_GLUE:
                continue
            if re.fullmatch(r"\w+=\$\(basename \S+ \.ipynb\)", part.strip()):
                continue  # name=$(basename "$master" .ipynb)
            found.append([w for w in words if not re.fullmatch(r"\d?>\S*|/dev/null", w)])
    return found


def readme_lines() -> list[str]:
    return README.read_text(encoding="utf-8").splitlines()


def documented(command: list[str]) -> bool:
    """``bash setup.sh``, or ``python -m grader VERB`` with options the README shows with it."""
    if command == ["bash", "setup.sh"]:
        return any("bash setup.sh" in line for line in readme_lines())
    if command[:3] != ["python", "-m", "grader"] or len(command) < 4:
        return False
    usage = f"python -m grader {command[3]}"
    lines = [line for line in readme_lines() if usage in line]
    options = [w for w in command[4:] if w.startswith("--") and w != "--help"]
    return bool(lines) and all(any(o in line for line in lines) for o in options)


def test_both_files_parse_into_one_job():
    workflow = github()
    assert workflow["name"] == "course"
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest" and job["container"] == "python:3.11-bookworm"
    for step in job["steps"]:
        assert ("uses" in step) != ("run" in step), step  # each step does exactly one thing
        assert "uses" not in step or re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), step
    assert job["steps"][0]["uses"] == "actions/checkout@v4"
    assert gitlab()["course"]["image"] == job["container"]


@pytest.mark.parametrize("service", ["github", "gitlab"])
def test_every_command_is_one_the_readme_documents(service):
    run = [c for script in scripts()[service] for c in commands(script)]
    assert run, service
    undocumented = [shlex.join(c) for c in run if not documented(c)]
    assert not undocumented, f"{service}: not in the README: {undocumented}"


@pytest.mark.parametrize("service", ["github", "gitlab"])
def test_both_install_validate_build_and_mutate_in_that_order(service):
    run = [c for script in scripts()[service] for c in commands(script)]
    verbs = [c[3] for c in run if c[:3] == ["python", "-m", "grader"] and "--help" not in c]
    assert run[0] == ["bash", "setup.sh"]
    assert verbs == list(README_VERBS)  # build after validate, whose builds have no student/
    builds = [c for c in run if c[3:4] == ["build"]]
    assert all("--student-url" in c for c in builds)


def test_both_say_so_in_the_readme():
    text = README.read_text(encoding="utf-8")
    assert ".github/workflows/course.yml" in text and "docs/ci/gitlab-ci.yml" in text
    for pattern in ARTEFACTS:
        assert f"`{pattern}`" in text, pattern


def test_both_upload_the_zips_and_the_student_folders():
    uploads = [step["with"] for step in github_steps()
               if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [u["path"] for u in uploads] == ARTEFACTS
    assert [u["if-no-files-found"] for u in uploads] == ["error", "error", "ignore"]
    assert gitlab()["course"]["artifacts"]["paths"] == ARTEFACTS


def test_the_artefact_patterns_match_where_build_writes(mini, tmp_path):
    """The patterns, matched from the checkout, find through the link ``build/NAME`` the zip
    and the student folder of a build laid out as ``build --student-url`` leaves it — and
    nothing in the stages beside it, hidden names included."""
    from grader.assignment import Paths
    from grader.authoring.hosting import write_student_folder

    root = tmp_path / "course"
    shutil.copytree(mini.build, root / "build" / "mini")  # the shared build stays untouched
    shutil.copyfile(ROOT / "pyproject.toml", root / "pyproject.toml")
    wheel = tmp_path / "nnkit-0.1.0+student-py3-none-any.whl"
    wheel.write_bytes(b"a stand-in: the layout is what is checked")
    write_student_folder(Paths(root, "mini"), "https://course.example.org/mini/", wheel)
    found = {pattern: glob.glob(pattern, root_dir=root, include_hidden=True)
             for pattern in ARTEFACTS[:2]}
    assert found == {"build/*/*-autograder.zip": ["build/mini/mini-autograder.zip"],
                     "build/*/student/": ["build/mini/student/"]}
    assert (root / "build" / "mini" / "student" / "mini.ipynb").is_file()
