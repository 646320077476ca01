"""The plain-data wire: what crosses the sandbox boundary, and what is refused."""

from __future__ import annotations

import io
import json
import math
import struct

import numpy as np
import pytest

from grader.isolation import wire

DTYPES = [np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
          np.uint64, np.float16, np.float32, np.float64]
SHAPES = [(), (0,), (1,), (7,), (3, 4), (2, 0, 3), (2, 3, 4, 1)]


def round_trip(value):
    """Through JSON text, as the real pipe carries it."""
    stream = io.BytesIO()
    wire.send_message(stream, {"value": wire.encode(value)})
    stream.seek(0)
    return wire.decode(wire.read_message(stream)["value"])


def random_array(dtype, shape, rng) -> np.ndarray:
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        values = rng.random(shape) < 0.5
    elif dtype.kind in "iu":
        info = np.iinfo(dtype)
        values = rng.integers(info.min, info.max, size=shape, dtype=dtype, endpoint=True)
    else:
        values = rng.standard_normal(shape) * 10
    return np.asarray(values, dtype=dtype)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_arrays_of_every_allowed_dtype_and_shape_round_trip(dtype):
    rng = np.random.default_rng(0)
    for shape in SHAPES:
        array = random_array(dtype, shape, rng)
        back = round_trip(array)
        assert type(back) is np.ndarray
        assert back.dtype == array.dtype and back.shape == array.shape
        np.testing.assert_array_equal(back, array)
        assert back.flags.owndata and back.flags.writeable


def test_non_contiguous_and_big_endian_arrays_keep_their_values():
    rng = np.random.default_rng(1)
    base = rng.standard_normal((6, 8))
    for array in (base.T, base[::2, 1::3], base.astype(">f8"), np.asfortranarray(base)):
        back = round_trip(array)
        assert type(back) is np.ndarray and back.dtype.isnative
        np.testing.assert_array_equal(back, array)


def test_decoded_array_is_a_fresh_writeable_copy():
    back = round_trip(np.arange(6.0).reshape(2, 3))
    assert type(back) is np.ndarray and back.flags.owndata and back.flags.c_contiguous
    back[0, 0] = 99.0  # would raise on a read-only frombuffer view
    assert back[0, 0] == 99.0


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_numpy_scalars_round_trip_as_the_same_type(dtype):
    rng = np.random.default_rng(2)
    scalar = random_array(dtype, (), rng)[()]
    back = round_trip(scalar)
    assert type(back) is type(scalar) and back == scalar


def test_python_scalars_and_non_finite_floats():
    for value in (None, True, False, 0, -7, 2**70, 1.5, -0.0, "", "가나다 text", "\0\n\"\\"):
        back = round_trip(value)
        assert type(back) is type(value) and back == value
    assert math.isnan(round_trip(float("nan")))
    assert round_trip(float("inf")) == math.inf and round_trip(float("-inf")) == -math.inf
    special = round_trip(np.array([np.nan, np.inf, -np.inf, 1.0]))
    assert np.isnan(special[0]) and list(special[1:]) == [np.inf, -np.inf, 1.0]


def test_nested_containers_keep_their_types():
    value = {"W1": np.ones((2, 3)), "list": [1, (2.0, "x"), [None, True]], 3: "int key",
             (1, 2): {"deep": (np.float32(1.5), [np.int64(4)])}, "empty": ((), [], {})}
    back = round_trip(value)
    assert set(back) == set(value)
    assert type(back["list"][1]) is tuple and type(back["list"][2]) is list
    assert back[(1, 2)]["deep"][0] == np.float32(1.5)
    assert type(back[(1, 2)]["deep"][1][0]) is np.int64
    assert back["empty"] == ((), [], {})
    np.testing.assert_array_equal(back["W1"], np.ones((2, 3)))


def test_subclass_input_encodes_its_real_values():
    class Liar(np.ndarray):
        def __eq__(self, other):
            return True

        def __array_ufunc__(self, *args, **kwargs):
            return NotImplemented

        def tobytes(self, *args, **kwargs):
            return b"\0" * self.nbytes

    real = np.arange(6.0).reshape(2, 3)
    back = round_trip(real.view(Liar))
    assert type(back) is np.ndarray
    np.testing.assert_array_equal(back, real)
    masked = round_trip(np.ma.masked_array([1.0, 2.0], mask=[True, False]))
    assert type(masked) is np.ndarray and list(masked) == [1.0, 2.0]


@pytest.mark.parametrize("value", [
    np.array([object(), 1], dtype=object),
    np.zeros(2, dtype=[("a", "f8"), ("b", "i4")]),
    np.array(["text"]),
    np.array([1 + 2j]),
    np.array(["2024-01-01"], dtype="datetime64[D]"),
    np.complex128(1j),
    1 + 2j,
    b"bytes",
    {1, 2},
    object(),
    print,
    type("Float", (float,), {})(1.0),
    type("Int", (int,), {})(1),
    type("Str", (str,), {})("s"),
    type("List", (list,), {})(),
    "x" * (wire.MAX_STRING_CHARS + 1),
], ids=lambda v: type(v).__name__)
def test_anything_but_plain_data_is_refused(value):
    with pytest.raises(wire.WireError):
        wire.encode(value)


def test_too_deep_nesting_is_refused_both_ways():
    value: list = []
    for _ in range(wire.MAX_DEPTH + 5):
        value = [value]
    with pytest.raises(wire.WireError, match="deep"):
        wire.encode(value)
    encoded: object = 1
    for _ in range(wire.MAX_DEPTH + 5):
        encoded = [encoded]
    with pytest.raises(wire.WireError, match="deep"):
        wire.decode(encoded)
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(wire.WireError):
        wire.encode(cycle)


def test_other_objects_travel_only_as_handles_when_asked():
    thing = object()
    encoded = wire.encode([thing], make_ref=lambda obj: wire.RemoteRef(5, "Model"))
    back = wire.decode(encoded)
    assert isinstance(back[0], wire.RemoteRef) and back[0].ref_id == 5
    assert wire.decode(encoded, lambda ref_id, name: (ref_id, name)) == [(5, "Model")]


@pytest.mark.parametrize("data", [
    {"__ndarray__": "<O", "shape": [1], "data": ""},
    {"__ndarray__": "|V8", "shape": [1], "data": "AAAAAAAAAAA="},
    {"__ndarray__": "<f8", "shape": [2], "data": "AAAAAAAAAAA="},  # 8 bytes for 16
    {"__ndarray__": "<f8", "shape": [-1], "data": ""},
    {"__ndarray__": "<f8", "shape": "1", "data": ""},
    {"__ndarray__": "<f8", "shape": [1], "data": "not base64!"},
    {"__ndarray__": "(2,)f8", "shape": [1], "data": "A" * 24},
    {"__ndarray__": "no such dtype", "shape": [], "data": ""},
    {"__float__": "1e999"},
    {"__float__": 3},
    {"__tuple__": "abc"},
    {"__dict__": [[1]]},
    {"__dict__": [[[1, 2], 3]]},  # a list cannot be a key
    {"__ref__": "1"},
    {"unknown": 1},
], ids=repr)
def test_malformed_values_are_refused(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_malformed_messages_are_refused():
    for body in (b"not json", b"[1, 2]", b"\xff\xfe", b'"text"', b"NaN"):
        with pytest.raises(wire.WireError):
            wire.parse_message(body)
    header = struct.Struct(">I")
    with pytest.raises(wire.WireError, match="too large"):
        wire.read_message(io.BytesIO(header.pack(wire.MAX_MESSAGE_BYTES + 1)))
    with pytest.raises(EOFError):
        wire.read_message(io.BytesIO(header.pack(10) + b"{}"))
    with pytest.raises(EOFError):
        wire.read_message(io.BytesIO(b"\0\0"))


def test_messages_are_ascii_json_with_a_length_prefix():
    stream = io.BytesIO()
    wire.send_message(stream, {"text": "한국어", "value": wire.encode(float("nan"))})
    raw = stream.getvalue()
    (length,) = struct.unpack(">I", raw[:4])
    assert length == len(raw) - 4
    assert json.loads(raw[4:].decode("ascii"))["text"] == "한국어"
    with pytest.raises(ValueError):
        wire.send_message(io.BytesIO(), {"bad": float("nan")})  # only tagged non-finite floats


def test_a_reply_with_too_many_items_is_refused_before_parsing():
    body = b'{"value": [' + b"[]," * 200_000 + b"[]]}"
    with pytest.raises(wire.WireError, match="too many items"):
        wire.parse_message(body, wire.MAX_REPLY_ITEMS)
    small = wire.parse_message(b'{"value": [[], [], 1]}', wire.MAX_REPLY_ITEMS)
    assert small["value"] == [[], [], 1]


def test_a_frame_over_its_limit_is_too_large():
    with pytest.raises(wire.TooLarge):
        wire.frame({"data": "x" * 100}, limit=50)
    assert len(wire.frame({"data": "x"}, limit=50)) == 4 + len(b'{"data": "x"}')


def test_the_files_copied_into_the_sandbox_import_only_the_standard_library_and_numpy():
    """The sandbox has neither grader nor nnkit (grader/isolation/__init__.py)."""
    import ast
    import sys
    from pathlib import Path

    from grader.isolation import walls

    folder = Path(walls.__file__).parent
    for source in walls.WORKER_SOURCES.values():
        tree = ast.parse((folder / source).read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module}
        allowed = set(sys.stdlib_module_names) | {"numpy", "__future__", "_grader_wire"}
        assert imported and imported <= allowed, (source, imported - allowed)
