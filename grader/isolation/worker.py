"""The untrusted side: runs a submission's definitions and answers calls with plain data.

Started by :mod:`grader.isolation.walls` inside the walls, as
``python -I -S _grader_worker.py PATH...``. It speaks the :mod:`grader.isolation.wire` protocol on
the stdin/stdout it was started with, points fds 0-2 at /dev/null so that the student's prints
cannot interleave with answers, and says it is ready before it runs any of the student's code: a
worker that dies before that is the grader's failure.
Nothing here is trusted: the grade is decided on the other side from the plain values this
process returns.
"""

from __future__ import annotations

import builtins
import importlib
import os
import random
import sys
import traceback
from typing import Any

MAX_ERROR_CHARS = 600
REFERENCE_PACKAGE = "nnkit.reference"
# A student's object that poses as data (a float subclass, or a class speaking NumPy's array
# protocols) is refused rather than sent as a handle: it can only be a disguised answer.
VALUE_TYPES = (int, float, complex, str, bytes, bytearray, list, tuple, dict, set, frozenset)
DATA_PROTOCOLS = ("__array__", "__array_interface__", "__array_struct__", "__array_ufunc__",
                  "__array_function__", "__float__", "__int__", "__index__", "__complex__")


MISSING = object()  # a stand-in for a name the submission never defined


class CallbackError(Exception):
    """A helper run on the trusted side raised (the student's function passed it bad input)."""


class ReferenceImportWatcher:
    """Records attempts to import the reference answers (a flag for the instructor)."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def find_spec(self, name, path=None, target=None):  # noqa: D102 - importlib protocol
        if name == REFERENCE_PACKAGE or name.startswith(REFERENCE_PACKAGE + "."):
            self.attempts.append(name)
        return None


class LazyModule:
    """Stands in for a heavy import (matplotlib, torch, otter …) until it is really used."""

    def __init__(self, module_name: str, attribute: str | None = None) -> None:
        self._module_name = module_name
        self._attribute = attribute

    def _load(self):
        module = importlib.import_module(self._module_name)
        return getattr(module, self._attribute) if self._attribute else module

    def __getattr__(self, name: str):
        return getattr(self._load(), name)

    def __call__(self, *args, **kwargs):
        return self._load()(*args, **kwargs)


class Worker:
    def __init__(self, wire, inbox, outbox) -> None:
        self.wire = wire
        self.inbox = inbox
        self.outbox = outbox
        self.namespace: dict[str, Any] = {
            "__name__": "__main__",
            "__builtins__": builtins,
            "__lazy_import__": LazyModule,
        }
        self.objects: dict[int, Any] = {}
        self.shared_rng_state = None  # the RNG state the trusted side last knew (callbacks)
        self.replaced: dict[str, Any] = {}  # the student's definitions a stand-in replaces
        self.watcher = ReferenceImportWatcher()
        sys.meta_path.insert(0, self.watcher)

    def serve(self) -> None:
        while True:
            try:
                message = self.wire.read_message(self.inbox)
            except EOFError:
                return
            try:
                reply = self.handle(message)
            except BaseException as error:  # the student's code may raise anything, SystemExit too
                reply = {"ok": False, "error": describe_error(error)}
            reply["flags"] = sorted(set(self.watcher.attempts))
            try:
                self.wire.send_message(self.outbox, reply, self.wire.MAX_REPLY_BYTES)
            except self.wire.WireError as error:  # e.g. an answer larger than a reply may be
                kind = "TooLarge" if isinstance(error, self.wire.TooLarge) else "UnsupportedReturn"
                error_reply = {"ok": False, "flags": reply["flags"],
                               "error": {"type": kind, "message": str(error)}}
                self.wire.send_message(self.outbox, error_reply)

    def handle(self, message: dict) -> dict:
        op = message.get("op")
        handler = HANDLERS.get(op) if isinstance(op, str) else None
        if handler is None:
            return {"ok": False, "error": {"type": "Protocol", "message": f"unknown op {op!r}"}}
        return handler(self, message)

    def exec_cell(self, message: dict) -> dict:
        code = compile(message["source"], message.get("label", "<cell>"), "exec")
        exec(code, self.namespace)
        return {"ok": True}

    def call_function(self, message: dict) -> dict:
        function = self.namespace.get(message["name"])
        if not callable(function):
            return {"ok": False, "error": {"type": "Missing", "message": message["name"]}}
        return self.call(function, message)

    def call_method(self, message: dict) -> dict:
        method = getattr(self.objects[message["ref"]], message["method"])
        return self.call(method, message)

    def get_attribute(self, message: dict) -> dict:
        value = getattr(self.objects[message["ref"]], message["attr"])
        if callable(value) and not isinstance(value, type):
            return {"ok": True, "callable": True}
        return {"ok": True, "value": self.wire.encode(value, self.make_ref)}

    def set_attribute(self, message: dict) -> dict:
        value = self.wire.decode(message["value"], self.resolve_ref)
        setattr(self.objects[message["ref"]], message["attr"], value)
        return {"ok": True}

    def seed(self, message: dict) -> dict:
        import numpy

        numpy.random.seed(message["seed"])
        random.seed(message["seed"])
        return {"ok": True}

    def signature(self, message: dict) -> dict:
        function = self.namespace.get(message["name"])
        if not callable(function):
            return {"ok": False, "error": {"type": "Missing", "message": message["name"]}}
        return {"ok": True, "value": self.parameters(function)}

    def substitute(self, message: dict) -> dict:
        """Stand-ins in place of the named graded helpers (blame reruns), until restore."""
        self.restore(message)
        for name in message["names"]:
            self.replaced[str(name)] = self.namespace.get(str(name), MISSING)
            self.namespace[str(name)] = self.callback_stub(str(name))
        return {"ok": True}

    def restore(self, message: dict) -> dict:
        """The student's own definitions back in place of the stand-ins."""
        for name, original in self.replaced.items():
            if original is MISSING:
                self.namespace.pop(name, None)
            else:
                self.namespace[name] = original
        self.replaced = {}
        return {"ok": True}

    def ping(self, message: dict) -> dict:
        return {"ok": True}

    def call(self, function, message: dict) -> dict:
        args = self.wire.decode(message.get("args", []), self.resolve_ref)
        kwargs = self.wire.decode(message.get("kwargs", {"__dict__": []}), self.resolve_ref)
        result = function(*args, **kwargs)
        try:
            encoded = self.wire.encode(result, self.make_ref)
        except self.wire.WireError as error:
            return {"ok": False, "error": {"type": "UnsupportedReturn", "message": str(error)}}
        return {"ok": True, "value": encoded}

    def parameters(self, function) -> list:
        """``[name, kind, has_default, default, default_is_plain]`` per parameter, as plain data
        (the trusted side rebuilds the signature to check documented defaults)."""
        import inspect

        described = []
        for parameter in inspect.signature(function).parameters.values():
            has_default = parameter.default is not parameter.empty
            try:
                default = self.wire.encode(parameter.default) if has_default else None
                plain = True
            except self.wire.WireError:
                default, plain = None, False
            described.append([parameter.name, parameter.kind.name, has_default, default, plain])
        return described

    def callback_stub(self, name: str):
        """A stand-in for a graded helper that asks the trusted side to run it.

        Used only while the tests of a function are run again for blame reruns: the
        helper's answer comes back as plain data (a recorded answer of the reference, or a
        refusal), its source never comes here. The global RNG state
        travels both ways when it changed, so that a helper drawing random numbers draws what
        it would here.
        """
        import numpy

        def stub(*args, **kwargs):
            message = {"callback": name, "args": self.wire.encode(list(args)),
                       "kwargs": self.wire.encode(dict(kwargs))}
            state = numpy.random.get_state(legacy=False)
            if not same_rng_state(state, self.shared_rng_state):
                message["rng"] = self.wire.encode(state)
            self.wire.send_message(self.outbox, message)
            reply = self.wire.read_message(self.inbox)
            if not reply.get("ok"):
                error = reply.get("error") or {}
                raise CallbackError(f"{error.get('type')}: {error.get('message')}")
            if "rng" in reply:
                state = self.wire.decode(reply["rng"])
                numpy.random.set_state(state)
            self.shared_rng_state = state
            return self.wire.decode(reply["value"])

        stub.__name__ = stub.__qualname__ = name
        return stub

    def make_ref(self, obj: Any):
        # Only instances of classes the submission defined travel as handles.
        kind = type(obj)
        if getattr(kind, "__module__", None) != "__main__":
            return None
        if isinstance(obj, VALUE_TYPES) or any(hasattr(kind, name) for name in DATA_PROTOCOLS):
            return None
        ref_id = len(self.objects) + 1
        self.objects[ref_id] = obj
        return self.wire.RemoteRef(ref_id, type(obj).__name__)

    def resolve_ref(self, ref_id: int, type_name: str) -> Any:
        return self.objects[ref_id]


# The requests the trusted side may make, by ``op``.
HANDLERS = {
    "exec": Worker.exec_cell,
    "call": Worker.call_function,
    "call_method": Worker.call_method,
    "getattr": Worker.get_attribute,
    "setattr": Worker.set_attribute,
    "seed": Worker.seed,
    "signature": Worker.signature,
    "substitute": Worker.substitute,
    "restore": Worker.restore,
    "ping": Worker.ping,
}


def same_rng_state(first: dict | None, second: dict | None) -> bool:
    """Whether two ``numpy.random.get_state(legacy=False)`` dicts are the same state."""
    import numpy

    if first is None or second is None:
        return first is second
    return (first["bit_generator"] == second["bit_generator"]
            and first["has_gauss"] == second["has_gauss"] and first["gauss"] == second["gauss"]
            and first["state"]["pos"] == second["state"]["pos"]
            and numpy.array_equal(first["state"]["key"], second["state"]["key"]))


def describe_error(error: BaseException) -> dict:
    """Type, message and the innermost line of the student's own code."""
    where = ""
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.startswith("<cell:"):
            where = f"{frame.filename[6:-1]} {frame.lineno}번째 줄"
    try:
        message = str(error)
    except BaseException:  # a hostile __str__
        message = "<unprintable>"
    described = {"type": type(error).__name__[:100], "message": message[:MAX_ERROR_CHARS],
                 "where": where}
    if isinstance(error, ImportError) and isinstance(error.name, str):
        described["module"] = error.name[:200]  # the grader checks whether it has this module
    return described


def main() -> None:
    sys.path[:0] = sys.argv[1:]
    # Private copies of the protocol pipes; fds 0 and 1 then point at /dev/null so that nothing
    # printed can interleave with answers. fd 2 stays the grader's until the imports are done:
    # a worker that cannot start says why there (a missing library, a memory limit too small).
    inbox = os.fdopen(os.dup(0), "rb")
    outbox = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(devnull, fd)
    import _grader_wire as wire
    import numpy  # noqa: F401 - imported before the student's code runs: it cannot be shadowed

    os.dup2(devnull, 2)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    sys.stderr = sys.stdout
    wire.send_message(outbox, {"ok": True, "ready": True})
    Worker(wire, inbox, outbox).serve()


if __name__ == "__main__":
    main()
