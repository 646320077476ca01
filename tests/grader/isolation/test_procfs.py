"""grader.isolation.procfs against processes this test starts: running, zombie, reaped."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from grader.isolation import procfs


def test_a_running_process_shows_its_parent_and_is_alive():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in set(procfs.pids())
        fields = procfs.stat_fields(child.pid)
        assert fields is not None and int(fields[1]) == os.getpid()
        assert procfs.is_alive(child.pid)
    finally:
        child.kill()
        child.wait()


def test_a_zombie_is_not_alive_and_a_reaped_process_is_gone():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while (procfs.stat_fields(child.pid) or [b"?"])[0] != b"Z" and time.monotonic() < deadline:
        time.sleep(0.01)  # exited, not yet reaped: a zombie
    assert procfs.stat_fields(child.pid)[0] == b"Z"
    assert not procfs.is_alive(child.pid)
    child.wait()
    assert procfs.stat_fields(child.pid) is None and not procfs.is_alive(child.pid)


def test_a_command_name_with_spaces_and_parentheses_does_not_shift_the_fields(tmp_path):
    program = tmp_path / "a (b) c"
    program.symlink_to("/bin/sleep")
    child = subprocess.Popen([str(program), "30"])
    try:
        fields = procfs.stat_fields(child.pid)
        assert fields is not None and int(fields[1]) == os.getpid(), fields
    finally:
        child.kill()
        child.wait()
