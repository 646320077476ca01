"""A stand-in for Google Colab, for executing a hosted student notebook as a student would there.

What Colab is, for our notebooks (see shared/README.md): a Python with NumPy, matplotlib and
scikit-learn but neither otter nor nnkit; a kernel whose shell class is
``google.colab._shell.Shell`` (otter recognises Colab by that name and then refuses a missing
tests folder and tests read from the notebook's metadata); a working folder with nothing of the
course in it; the notebook itself not on disk; no data sets on the machine (Debian's
Fashion-MNIST included); the internet for pip and for downloads.

Here: :func:`colab_base` is a virtual environment of Python 3.12 with only numpy, matplotlib,
scikit-learn at Colab's versions (:data:`COLAB_PACKAGES`), ipykernel and nbclient (and what they
require), installed by pip as configured on this machine;
:func:`fresh_runtime` is a new, empty environment on top of it (a ``.pth`` to the base's
packages), so every runtime starts without otter and nnkit as a new Colab runtime does, without
installing NumPy again; its kernel ``colab`` runs IPython under Colab's shell class name.
:func:`run_notebook` executes a notebook file there with nbclient, from an empty working folder
and an empty home, with ``/usr/share/datasets`` hidden (bubblewrap), and returns the executed
notebook and when each cell finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat
import numpy as np

from grader.assignment import Paths
from grader.authoring.build import ensure_built
from grader.authoring.hosting import write_student_folder
from grader.authoring.student_dist import build_student_wheel
from tests.support import ROOT
from tests.support.grader_fixtures import filled_student_notebook
from tests.support.loopback import serving

# Colab's own versions, not the project's pins: Colab's runtime is Python 3.12 with numpy 2.0.2
# (googlecolab/backend-info, README and pip-freeze.txt: numpy 2.0.2 since the 2025.07 runtime,
# Python 3.12 since the runtime upgrade of 2025-07-28), matplotlib 3.10.0 and scikit-learn
# 1.6.1 (the same list's versions for the 3.12 runtime). ipykernel and nbclient are the
# stand-in's own machinery for running a kernel, not something a notebook imports: left to pip.
COLAB_PYTHON_VERSION = "3.12"
COLAB_PACKAGES = ("numpy==2.0.2", "matplotlib==3.10.0", "scikit-learn==1.6.1", "ipykernel",
                  "nbclient")
DEBIAN_DATASETS = Path("/usr/share/datasets")
KERNEL = "colab"

# google.colab's shell and kernel classes, by name: what otter's Colab detection looks at.
COLAB_SHELL = {
    "google/colab/__init__.py": "",
    "google/colab/_shell.py": textwrap.dedent("""
        from ipykernel.zmqshell import ZMQInteractiveShell


        class Shell(ZMQInteractiveShell):
            \"\"\"Stands in for Colab's shell; only its module's name matters.\"\"\"
    """),
    "google/colab/_kernel.py": textwrap.dedent("""
        from ipykernel.ipkernel import IPythonKernel
        from traitlets import Type

        from google.colab._shell import Shell


        class Kernel(IPythonKernel):
            shell_class = Type(Shell)
    """),
}

DRIVER = textwrap.dedent("""
    import sys, time
    import nbformat
    from nbclient import NotebookClient

    source, target, kernel, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    notebook = nbformat.read(source, as_version=4)
    opened = time.time()
    NotebookClient(notebook, timeout=timeout, kernel_name=kernel, allow_errors=True,
                   record_timing=True).execute()
    notebook.metadata["stand_in"] = {"opened": opened, "closed": time.time()}
    nbformat.write(notebook, target)
""")


@dataclass
class Runtime:
    """One Colab-like runtime: its interpreter and the folders a notebook run uses."""

    python: Path
    home: Path
    content: Path  # the working folder, empty at the start


@dataclass
class Run:
    """An executed notebook and the moments that matter, in seconds since it was opened."""

    notebook: nbformat.NotebookNode
    log: str

    def seconds_until(self, cell_index: int) -> float:
        """From opening the notebook (before its kernel started) until cell ``cell_index``
        finished."""
        reply = self.notebook.cells[cell_index].metadata["execution"]["shell.execute_reply"]
        return datetime.fromisoformat(reply).timestamp() - self.notebook.metadata["stand_in"][
            "opened"]

    @property
    def seconds(self) -> float:
        times = self.notebook.metadata["stand_in"]
        return times["closed"] - times["opened"]


def colab_python() -> Path | None:
    """An interpreter of Colab's Python version: ``$NNKIT_COLAB_PYTHON``, the newest pyenv
    3.12.x, or ``python3.12`` on PATH; None when this machine has none."""
    if os.environ.get("NNKIT_COLAB_PYTHON"):
        return Path(os.environ["NNKIT_COLAB_PYTHON"])
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(pyenv.glob(f"{COLAB_PYTHON_VERSION}.*/bin/python"),
                   key=lambda p: [int(n) for n in p.parents[1].name.split(".") if n.isdigit()])
    if found:
        return found[-1]
    on_path = shutil.which(f"python{COLAB_PYTHON_VERSION}")
    return Path(on_path) if on_path else None


def _make_venv(folder: Path) -> None:
    """A venv with pip, made by Colab's Python (not this interpreter, which may be 3.11)."""
    python = colab_python()
    assert python is not None, f"no Python {COLAB_PYTHON_VERSION} for the Colab stand-in"
    subprocess.run([str(python), "-m", "venv", str(folder)], check=True, capture_output=True)


def colab_base(folder: Path) -> Path:
    """A virtual environment of Colab's Python with only :data:`COLAB_PACKAGES` and their
    requirements."""
    _make_venv(folder)
    python = folder / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *COLAB_PACKAGES],
                   check=True, capture_output=True, text=True,
                   env=os.environ | _pip_environment(pip_cache()))
    return python


def fresh_runtime(base: Path, folder: Path) -> Runtime:
    """A new runtime on ``base`` (its packages visible, nothing installed yet)."""
    _make_venv(folder / "venv")
    python = folder / "venv" / "bin" / "python"
    (_purelib(python) / "colab_base.pth").write_text(f"{_purelib(base)}\n", encoding="utf-8")
    shell = folder / "colab-shell"
    for name, text in COLAB_SHELL.items():
        (shell / name).parent.mkdir(parents=True, exist_ok=True)
        (shell / name).write_text(text, encoding="utf-8")
    spec = folder / "venv" / "share" / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher",
                 "--IPKernelApp.kernel_class=google.colab._kernel.Kernel",
                 "-f", "{connection_file}"],
        "display_name": "Colab stand-in", "language": "python",
        "env": {"PYTHONPATH": str(shell)},
    }), encoding="utf-8")
    for name in ("home", "content"):
        (folder / name).mkdir()
    return Runtime(python, folder / "home", folder / "content")


def hides_debian_datasets() -> list[str] | None:
    """The command prefix that hides Debian's data sets ([] when there are none), or None when
    this machine cannot hide them (no working bubblewrap)."""
    if not DEBIAN_DATASETS.is_dir():
        return []
    prefix = ["bwrap", "--dev-bind", "/", "/", "--tmpfs", str(DEBIAN_DATASETS), "--"]
    if shutil.which("bwrap") is None or subprocess.run(
            [*prefix, "true"], capture_output=True).returncode != 0:
        return None
    return prefix


def run_notebook(runtime: Runtime, notebook: Path, environment: dict[str, str] | None = None,
                 pip_cache: Path | None = None, timeout: int = 900) -> Run:
    """Execute ``notebook`` (a file outside the working folder) in ``runtime``; every cell runs,
    errors included, as with "Run all"."""
    prefix = hides_debian_datasets()
    assert prefix is not None, "cannot hide /usr/share/datasets here (bubblewrap)"
    executed = notebook.with_name(notebook.stem + ".executed.ipynb")
    env = {"PATH": f"{runtime.python.parent}:/usr/bin:/bin", "HOME": str(runtime.home),
           "LANG": "C.UTF-8", **_pip_environment(pip_cache), **(environment or {})}
    completed = subprocess.run(
        [*prefix, str(runtime.python), "-c", DRIVER, str(notebook), str(executed), KERNEL,
         str(timeout)],
        capture_output=True, text=True, cwd=runtime.content, env=env, timeout=timeout + 120)
    assert completed.returncode == 0, completed.stderr[-4000:]
    return Run(nbformat.read(executed, as_version=4), completed.stderr)


def _pip_environment(cache: Path | None = None) -> dict[str, str]:
    """This machine's pip settings (index, certificates), and the cache to use, if any."""
    env = {k: v for k, v in os.environ.items() if k.startswith("PIP_")}
    env["PIP_CACHE_DIR" if cache else "PIP_NO_CACHE_DIR"] = str(cache) if cache else "1"
    return env


def _purelib(python: Path) -> Path:
    return Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())


def pip_cache() -> Path | None:
    """This interpreter's pip cache, to install from what this machine already downloaded."""
    completed = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"],
                               capture_output=True, text=True)
    return Path(completed.stdout.strip()) if completed.returncode == 0 else None


# --------------------------------------------------------------------------- one assignment


@dataclass
class Session:
    """A hosted assignment, run with the solution filled in and then with its stubs."""

    solved: Run
    stubs: Run
    requests: list[str]  # paths asked of the course's host, in order
    content: Path  # the working folder after both runs


def colab_session(name: str, base: Path, scratch: Path, cache: Path | None) -> Session:
    """Host assignment ``name`` on loopback and run it twice in one fresh Colab-like runtime."""
    root = ROOT
    paths = Paths(root, name)
    ensure_built(paths)
    wheel = build_student_wheel(root)
    site, drive = scratch / "site", scratch / "drive"
    drive.mkdir(parents=True)
    with serving(site) as host:
        url = f"{host.url}{name}/"
        write_student_folder(paths, url, wheel, target=site / name)
        environment = STAND_IN_DOWNLOADS.get(name, _no_data)(site / "data", f"{host.url}data/")
        with urllib.request.urlopen(url + f"{name}.ipynb") as response:  # noqa: S310 - loopback
            hosted = nbformat.reads(response.read().decode("utf-8"), as_version=4)
        solved, stubs = drive / f"Copy of {name}.ipynb", drive / f"Copy of {name} (1).ipynb"
        nbformat.write(filled_student_notebook(paths, hosted), solved)
        nbformat.write(hosted, stubs)
        runtime = fresh_runtime(base, scratch / "runtime")
        solved_run = run_notebook(runtime, solved, environment, cache)
        stubs_run = run_notebook(runtime, stubs, environment, cache)
        return Session(solved_run, stubs_run, list(host.requests), runtime.content)


def _no_data(folder: Path, url: str) -> dict[str, str]:
    return {}


def _mnist_download(folder: Path, url: str) -> dict[str, str]:
    """A keras-style ``mnist.npz`` made of scikit-learn's digits (8×8, scaled up to 28×28)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = np.kron(digits.images, np.ones((3, 3)))  # (1797, 24, 24), pixels 0..16
    images = np.pad(images * (255 / 16), ((0, 0), (2, 2), (2, 2))).round().astype(np.uint8)
    labels = digits.target.astype(np.uint8)
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "mnist.npz"
    np.savez_compressed(file, x_train=images[:1500], y_train=labels[:1500],
                        x_test=images[1500:], y_test=labels[1500:])
    return {"NNKIT_DOWNLOAD_MNIST": _with_checksum(url + file.name, file)}


def _cifar_download(folder: Path, url: str) -> dict[str, str]:
    """``cifar-10-python.tar.gz`` holding the CIFAR-format stand-ins the build executes on."""
    from nnkit.datasets.fake_cifar import write_fake_cifar10

    batches = write_fake_cifar10(folder / "source")
    file = folder / "cifar-10-python.tar.gz"
    with tarfile.open(file, "w:gz") as archive:
        archive.add(batches, arcname=batches.name)
    return {"NNKIT_DOWNLOAD_CIFAR10": _with_checksum(url + file.name, file)}


def _with_checksum(url: str, file: Path) -> str:
    return f"{url}#sha256={hashlib.sha256(file.read_bytes()).hexdigest()}"


# What each notebook downloads on Colab, written as small files in the real formats.
STAND_IN_DOWNLOADS: dict[str, Callable[[Path, str], dict[str, str]]] = {
    "logistic_regression": _cifar_download,
    "mnist_mlp": _mnist_download,
}
