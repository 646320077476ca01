"""Plain data across the sandbox boundary, nothing else.

Messages are length-prefixed JSON. Values are encoded as JSON with tagged objects for the few
non-JSON types allowed: NumPy arrays and scalars of boolean or numeric dtypes, tuples, dicts with
non-string keys, non-finite floats and remote-object handles. Decoding builds fresh, exact
``np.ndarray`` / Python objects, so nothing the sandboxed side defines (subclasses, lying
``__eq__``, ``__array_ufunc__``) can reach the trusted side. This module is imported by both sides
and must stay free of anything but the standard library and NumPy.
"""

from __future__ import annotations

import base64
import json
import math
import struct
from typing import Any, BinaryIO

import numpy as np

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
# A reply is an answer: the largest a correct solution sends is 0.5 MB (mnist_mlp's train_step,
# measured over every test of the four assignments), with at most ~350 JSON containers and
# items. The caps leave wide margins and bound what decoding may cost the trusted side.
MAX_REPLY_BYTES = 4 * 1024 * 1024
MAX_REPLY_ITEMS = 100_000
MAX_STRING_CHARS = 100_000
MAX_DEPTH = 32
ALLOWED_DTYPE_KINDS = "biuf"  # bool, signed, unsigned, float: what numeric answers are made of
_HEADER = struct.Struct(">I")


class WireError(ValueError):
    """A value or message that is not plain data, or a broken message stream."""


class TooLarge(WireError):
    """A message over its size limit."""


class RemoteRef:
    """A handle to an object that lives on the other side (an instance of a student's class)."""

    __slots__ = ("ref_id", "type_name")

    def __init__(self, ref_id: int, type_name: str = "object") -> None:
        self.ref_id = ref_id
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<remote {self.type_name} #{self.ref_id}>"


def encode(value: Any, make_ref=None) -> Any:
    """Turn ``value`` into JSON-ready data; ``make_ref(obj) -> RemoteRef`` handles other objects."""
    return _encode(value, make_ref, 0)


def _encode(value: Any, make_ref, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    # Exact type checks: a subclass of int/float/str could carry a lying __eq__.
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is str:
        if kind is str and len(value) > MAX_STRING_CHARS:
            raise WireError("string too long")
        return value
    if kind is float:
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, np.ndarray):
        return _encode_array(np.ndarray.view(value, np.ndarray))
    if isinstance(value, np.generic) and not isinstance(value, np.ndarray):
        return _encode_scalar(value)
    if kind is list:
        return [_encode(item, make_ref, depth + 1) for item in value]
    if kind is tuple:
        return {"__tuple__": [_encode(item, make_ref, depth + 1) for item in value]}
    if kind is dict:
        return {"__dict__": [
            [_encode(k, make_ref, depth + 1), _encode(v, make_ref, depth + 1)]
            for k, v in value.items()
        ]}
    if isinstance(value, RemoteRef):
        return {"__ref__": value.ref_id, "type": value.type_name}
    if make_ref is not None:
        ref = make_ref(value)
        if ref is not None:
            return {"__ref__": ref.ref_id, "type": ref.type_name}
    raise WireError(f"unsupported type {type(value).__name__}")


def _encode_array(array: np.ndarray) -> dict:
    dtype = np.dtype(array.dtype)
    if dtype.kind not in ALLOWED_DTYPE_KINDS or dtype.fields is not None:
        raise WireError(f"unsupported array dtype {dtype}")
    little = np.ascontiguousarray(array, dtype=dtype.newbyteorder("<"))
    data = base64.b64encode(little.tobytes()).decode("ascii")
    return {"__ndarray__": dtype.newbyteorder("<").str, "shape": list(array.shape), "data": data}


def _encode_scalar(scalar: np.generic) -> dict:
    dtype = np.dtype(type(scalar))
    if dtype.kind not in ALLOWED_DTYPE_KINDS:
        raise WireError(f"unsupported scalar type {dtype}")
    encoded = _encode_array(np.asarray(scalar, dtype=dtype).reshape(()))
    encoded["scalar"] = True
    return encoded


def decode(data: Any, resolve_ref=None) -> Any:
    """Build fresh plain objects from :func:`encode`'s output.

    ``resolve_ref(ref_id, type_name)`` turns a handle into a local object (default: RemoteRef).
    """
    return _decode(data, resolve_ref, 0)


def _decode(data: Any, resolve_ref, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    kind = type(data)
    if data is None or kind in (bool, int, float, str):
        return data
    if kind is list:
        return [_decode(item, resolve_ref, depth + 1) for item in data]
    if kind is not dict:
        raise WireError(f"unexpected JSON value {kind.__name__}")
    if "__ndarray__" in data:
        return _decode_array(data)
    if "__float__" in data:
        return _decode_float(data["__float__"])
    if "__tuple__" in data:
        return tuple(_decode(item, resolve_ref, depth + 1) for item in _list(data["__tuple__"]))
    if "__dict__" in data:
        result = {}
        for pair in _list(data["__dict__"]):
            pair = _list(pair)
            if len(pair) != 2:
                raise WireError("malformed dict entry")
            key, value = pair
            key = _decode(key, resolve_ref, depth + 1)
            if type(key) not in (str, int, bool, float, tuple) and key is not None:
                raise WireError("unsupported dict key")
            result[key] = _decode(value, resolve_ref, depth + 1)
        return result
    if "__ref__" in data:
        ref_id, type_name = data["__ref__"], str(data.get("type", "object"))[:100]
        if type(ref_id) is not int:
            raise WireError("bad remote reference")
        return resolve_ref(ref_id, type_name) if resolve_ref else RemoteRef(ref_id, type_name)
    raise WireError("unknown tagged value")


def _decode_array(data: dict) -> Any:
    try:
        dtype = np.dtype(str(data["__ndarray__"]))
        shape = tuple(int(n) for n in _list(data["shape"]))
        raw = base64.b64decode(str(data["data"]), validate=True)
    except (KeyError, TypeError, ValueError) as error:
        raise WireError(f"malformed array: {error}") from None
    if dtype.kind not in ALLOWED_DTYPE_KINDS or dtype.fields is not None or dtype.subdtype:
        raise WireError(f"unsupported array dtype {dtype}")
    if any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize != len(raw):
        raise WireError("array data does not match its shape")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))
    if data.get("scalar") is True:
        return array[()]
    return array


def _decode_float(text: Any) -> float:
    if text not in ("nan", "inf", "-inf"):
        raise WireError("bad float")
    return float(text)


def _list(value: Any) -> list:
    if type(value) is not list:
        raise WireError("expected a list")
    return value


def frame(message: dict, limit: int = MAX_MESSAGE_BYTES) -> bytes:
    """One length-prefixed JSON message, ready to write."""
    body = json.dumps(message, ensure_ascii=True, allow_nan=False).encode("ascii")
    if len(body) > limit:
        raise TooLarge(f"message of {len(body)} bytes, over {limit}")
    return _HEADER.pack(len(body)) + body


def send_message(stream: BinaryIO, message: dict, limit: int = MAX_MESSAGE_BYTES) -> None:
    """Write one length-prefixed JSON message and flush."""
    stream.write(frame(message, limit))
    stream.flush()


def parse_message(body: bytes, max_items: int | None = None) -> dict:
    """Parse a message body; anything but a JSON object is a :class:`WireError`.

    ``max_items`` bounds the JSON containers and items before anything is built: arrays travel
    as base64 text, so brackets and commas count the Python objects parsing would make.
    """
    if max_items is not None:
        items = body.count(b"[") + body.count(b"{") + body.count(b",")
        if items > max_items:
            raise WireError(f"message has too many items ({items} > {max_items})")
    try:
        message = json.loads(body.decode("ascii"))
    except (UnicodeDecodeError, ValueError) as error:
        raise WireError(f"malformed message: {error}") from None
    except RecursionError:  # brackets nested past the parser's stack: still the sender's fault
        raise WireError("malformed message: nested too deeply") from None
    if type(message) is not dict:
        raise WireError("message is not an object")
    return message


def read_message(stream: BinaryIO) -> dict:
    """Blocking read of one message (used by the sandboxed worker)."""
    header = _read_exactly(stream, _HEADER.size)
    (length,) = _HEADER.unpack(header)
    if length > MAX_MESSAGE_BYTES:
        raise WireError("message too large")
    return parse_message(_read_exactly(stream, length))


def _read_exactly(stream: BinaryIO, count: int) -> bytes:
    chunks, remaining = [], count
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            raise EOFError("stream closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
