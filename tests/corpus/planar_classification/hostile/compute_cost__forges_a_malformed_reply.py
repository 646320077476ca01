# GRADED FUNCTION: compute_cost
# HOSTILE: writes a reply of the wrong shape straight into the worker's protocol pipe while
# its cell is being defined (the session must refuse it and close that worker)

import fcntl
import os
import stat
import struct
import time


class _Forge:
    for _fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(_fd).st_mode) and \
                    fcntl.fcntl(_fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                _body = b'{"ok": false, "error": "not an object", "flags": 5}'
                os.write(_fd, struct.pack(">I", len(_body)) + _body)
                break
        except OSError:
            continue
    time.sleep(30)


def compute_cost(A2, Y):
    """교차 엔트로피 비용."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
