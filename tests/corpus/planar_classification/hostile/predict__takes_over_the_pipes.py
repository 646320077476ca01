# GRADED FUNCTION: predict
# HOSTILE: its class body finds the worker's protocol pipes, answers every request with a
# forged reply from a thread and never reads again (the grader's writes must not block)

import fcntl
import os
import stat
import struct
import threading
import time


def _outbox():
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) and \
                    fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                return fd
        except OSError:
            continue
    return None


def _forge_forever(fd):
    body = b'{"ok": true, "value": 0}'
    while fd is not None:
        os.write(fd, struct.pack(">I", len(body)) + body)
        time.sleep(0.001)


class _TakeOver:
    threading.Thread(target=_forge_forever, args=(_outbox(),), daemon=True).start()
    time.sleep(30)


def predict(parameters, X):
    """예측."""
    return np.zeros((1, X.shape[1]), dtype=int)
