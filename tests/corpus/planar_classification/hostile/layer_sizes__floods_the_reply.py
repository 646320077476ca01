# GRADED FUNCTION: layer_sizes
# HOSTILE: answers with 1.3 million empty lists written straight into the protocol pipe (under
# the 4 MB reply cap; the item budget must refuse it before anything is built)

import fcntl
import os
import stat
import struct
import time


def layer_sizes(X, Y):
    """층 크기."""
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) and \
                    fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                body = b'{"ok": true, "value": [' + b"[]," * 1_299_999 + b"[]]}"
                os.write(fd, struct.pack(">I", len(body)) + body)
                break
        except OSError:
            continue
    time.sleep(30)
