"""Seeded cases for ``xor_backprop``.

Row layout: ``X (m, n_0)``, ``y (m, n_L)``, ``W (n_in, n_out)``, ``b (1, n_out)``.

Every case is plain data and internally consistent: activations handed to ``backward_pass`` are
produced by the reference forward pass from the very parameters handed with them, so
``a_l == sigmoid(a_{l-1} @ W_l + b_l)`` exactly. Biases are non-zero (a forgotten bias shows) and
the targets are floats in ``[0, 1]``. Sizes vary with the seed: depth 1..3 layers, widths 1..5,
``m`` 2..12, up to 3 outputs (a mean over the wrong axis shows); seed 0 — the public case, inlined
into the student notebook as a literal — stays at a few dozen numbers.

Besides :func:`make_case` the hidden tests use :func:`layer_problem`, :func:`numerical_layer_grads`,
:func:`net_problem` and :func:`net_numerical_grads` (all trusted side: they compute with the
reference maths only).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnkit import words
from nnkit.checking.case import Case
from nnkit.checking.comparison import matches
from nnkit.gradcheck import numerical_gradient
from nnkit.reference import xor_backprop as ref
from nnkit.reference.cases._registry import Builder, Extra, Registry
from nnkit.reference.cases._rng import with_global_seed

# The notebook's names for the hints of the functions that compare predictions with labels.
HINT_NAMES = {function: {"output": "aL", "labels": "y", "count": "N"}
              for function in ("mse_loss", "backward_pass", "train_xor", "TwoLayerNet")}

# Layer shapes the hidden tests walk through, one per seed (seed 0 is the public one).
LAYER_SIZES = ([2, 3, 1], [2, 1], [3, 4, 2, 1], [2, 3, 3, 1], [4, 5, 3], [1, 2, 2], [3, 2, 4, 2])
NET_PARAMETERS = ("w1", "b1", "w2", "b2")


def layer_sizes_for(seed: int) -> list[int]:
    """The layer sizes used by a seed: ``[2, 3, 1]`` for the public seed 0, then deeper/wider."""
    return list(LAYER_SIZES[seed % len(LAYER_SIZES)])


def _m_for(seed: int, rng: np.random.Generator) -> int:
    return 4 if seed == 0 else int(rng.integers(2, 13))


def random_params(rng: np.random.Generator, layer_sizes: list[int],
                  scale: float = 1.0) -> list[tuple[np.ndarray, np.ndarray]]:
    """``[(W (n_in, n_out), b (1, n_out)), ...]`` with non-zero biases."""
    return [
        (rng.standard_normal((n_in, n_out)) * scale,
         rng.standard_normal((1, n_out)) * 0.5 * scale)
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:], strict=True)
    ]


def layer_problem(seed: int, layer_sizes: list[int] | None = None,
                  m: int | None = None) -> dict[str, Any]:
    """A consistent bundle: ``X``, ``y``, ``params``, reference ``activations`` and ``grads``."""
    rng = np.random.default_rng([seed, 23])
    sizes = list(layer_sizes) if layer_sizes is not None else layer_sizes_for(seed)
    m = m if m is not None else _m_for(seed, rng)
    X = rng.standard_normal((m, sizes[0]))
    y = np.round(rng.random((m, sizes[-1])), 2)
    params = random_params(rng, sizes)
    activations = ref.forward_pass(X, params)
    return {
        "layer_sizes": sizes,
        "m": m,
        "X": X,
        "y": y,
        "params": params,
        "activations": activations,
        "grads": ref.backward_pass(activations, y, params),
    }


def numerical_layer_grads(X: np.ndarray, y: np.ndarray,
                          params: list[tuple[np.ndarray, np.ndarray]]) -> list[tuple]:
    """Central differences (float64) of ``ref.mse_loss(y, ref.forward_pass(X, params)[-1])``."""
    flat = [np.array(array, dtype=np.float64) for layer in params for array in layer]

    def loss(values: list[np.ndarray]) -> float:
        layers = list(zip(values[::2], values[1::2], strict=True))
        return ref.mse_loss(y, ref.forward_pass(X, layers)[-1])

    numeric = numerical_gradient(loss, flat)
    return list(zip(numeric[::2], numeric[1::2], strict=True))


def net_problem(seed: int) -> dict[str, Any]:
    """Sizes, parameters (non-zero biases), data and learning rate for a ``TwoLayerNet`` case."""
    rng = np.random.default_rng([seed, 31])
    if seed == 0:
        input_size, hidden_size, output_size, m = 2, 3, 1, 3
    else:
        input_size = int(rng.integers(1, 5))
        hidden_size = int(rng.integers(2, 6))
        output_size = int(rng.integers(1, 4))
        m = int(rng.integers(2, 10))
    (w1, b1), (w2, b2) = random_params(rng, [input_size, hidden_size, output_size])
    X = rng.random((m, input_size))
    y = np.round(rng.random((m, output_size)), 2)
    learning_rate = float(np.round(rng.uniform(0.2, 3.0), 2))
    return {
        "sizes": [input_size, hidden_size, output_size],
        "params": {"w1": w1, "b1": b1, "w2": w2, "b2": b2},
        "X": X,
        "y": y,
        "learning_rate": learning_rate,
        "init_seed": 50 + seed,
    }


def _net_with(params: dict[str, np.ndarray], learning_rate: float) -> ref.TwoLayerNet:
    net = ref.TwoLayerNet.__new__(ref.TwoLayerNet)
    for name in NET_PARAMETERS:
        setattr(net, name, np.array(params[name], dtype=np.float64))
    net.learning_rate = learning_rate
    return net


def net_forward(params: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """The reference ``feed_forward`` with the given parameters."""
    return _net_with(params, 1.0).feed_forward(X)


def net_numerical_grads(params: dict[str, np.ndarray], X: np.ndarray,
                        y: np.ndarray) -> dict[str, np.ndarray]:
    """Central differences of ``mean((y - o)^2)`` w.r.t. ``w1, b1, w2, b2`` (reference maths)."""
    values = {name: np.array(params[name], dtype=np.float64) for name in NET_PARAMETERS}
    return numerical_gradient(lambda p: ref.mse_loss(y, net_forward(p, X)), values)


def net_step(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray,
             learning_rate: float) -> dict[str, np.ndarray]:
    """The parameters after one reference ``train`` step."""
    net = _net_with(params, learning_rate)
    net.train(X, y)
    return {name: getattr(net, name) for name in NET_PARAMETERS}


def init_case(seed: int, unseeded: bool = False) -> Case:
    """``init_network(layer_sizes, seed=s)``; ``unseeded``: ``seed=None`` after a global seed."""
    sizes = layer_sizes_for(seed)
    names = _layer_names(len(sizes) - 1, "")
    rng_seed = 1000 + seed  # a function that ignores its seed argument draws different numbers
    init_seed = None if unseeded else 40 + seed
    return Case(args=[sizes],
                kwargs={"seed": init_seed},
                rng_seed=rng_seed,
                draws_from_global_rng="seed" if unseeded else False,
                expected=with_global_seed(rng_seed, ref.init_network, sizes, init_seed),
                names=names)


def _layer_names(n_layers: int, prefix: str = "d") -> list[list[str]]:
    """``[["dW1", "db1"], ["dW2", "db2"], ...]``: the parts of a list of ``(W, b)`` pairs."""
    return [[f"{prefix}W{i}", f"{prefix}b{i}"] for i in range(1, n_layers + 1)]


def _backward_order(n_layers: int) -> list[str]:
    """Backpropagation computes the last layer's gradients first."""
    return [name for layer in _layer_names(n_layers)[::-1] for name in layer]


def _activation_input(seed: int) -> np.ndarray:
    """``z`` of shape ``(3, 2)`` for seed 0, else a random 2-D shape, unit scale × 4."""
    rng = np.random.default_rng([seed, 5])
    shape = (3, 2) if seed == 0 else tuple(int(s) for s in rng.integers(1, 7, size=2))
    return rng.standard_normal(shape) * 4


def _sigmoid_case(seed: int) -> Case:
    z = _activation_input(seed)
    return Case(args=[z], expected=ref.sigmoid(z))


def _sigmoid_derivative_case(seed: int) -> Case:
    a = ref.sigmoid(_activation_input(seed))
    return Case(args=[a], expected=ref.sigmoid_derivative(a))


def _mse_loss_case(seed: int) -> Case:
    p = layer_problem(seed, [2, 3, 2] if seed == 0 else None)
    y, y_pred = p["y"], p["activations"][-1]
    return Case(args=[y, y_pred], expected=ref.mse_loss(y, y_pred), m=int(y.size))


def _forward_pass_case(seed: int) -> Case:
    p = layer_problem(seed)
    names = ["X"] + [f"a{i}" for i in range(1, len(p["params"]) + 1)]
    return Case(args=[p["X"], p["params"]], expected=p["activations"], names=names)


def _backward_pass_case(seed: int) -> Case:
    p = layer_problem(seed)
    layers = len(p["params"])
    return Case(args=[p["activations"], p["y"], p["params"]],
                expected=p["grads"],
                names=_layer_names(layers),
                order=_backward_order(layers))


def _train_xor_case(seed: int) -> Case:
    """Seed 0: XOR itself; other seeds: a random problem, rate, epoch count and seed."""
    if seed == 0:
        Xt, yt, sizes, epochs = ref.XOR_X, ref.XOR_Y, [2, 3, 1], 5
        kwargs = {"learning_rate": 2.0, "epochs": epochs, "seed": 42}
    else:
        p = layer_problem(seed)
        Xt, yt, sizes = p["X"], p["y"], p["layer_sizes"]
        rng = np.random.default_rng([seed, 41])
        kwargs = {"learning_rate": float(np.round(rng.uniform(0.5, 3.0), 2)),
                  "epochs": int(rng.integers(5, 30)), "seed": int(rng.integers(0, 100))}
    expected = with_global_seed(None, ref.train_xor, Xt, yt, sizes, **kwargs)
    return Case(args=[Xt, yt, sizes],
                kwargs=kwargs,
                expected=expected,
                names=[_layer_names(len(sizes) - 1, ""), "losses"],
                order=["losses"],
                rng_seed=2000 + seed)


def _two_layer_net_case(seed: int) -> Case:
    """Also ``params``, ``X``, ``y`` and ``learning_rate`` (its :attr:`~Case.data`, which the
    hidden tests read as keys of the case); ``expected`` holds ``init`` (the
    parameters drawn by ``TwoLayerNet(*args, **kwargs)``), ``feed_forward`` (the output with
    ``params`` installed) and ``after_train`` (``params`` after one ``train(X, y)`` step)."""
    q = net_problem(seed)
    input_size, hidden_size, output_size = q["sizes"]
    init = with_global_seed(q["init_seed"], ref.TwoLayerNet, input_size, hidden_size, output_size)
    return Case(
        args=q["sizes"],
        kwargs={"seed": q["init_seed"], "learning_rate": q["learning_rate"]},
        expected={
            "init": {name: getattr(init, name) for name in NET_PARAMETERS},
            "feed_forward": net_forward(q["params"], q["X"]),
            "after_train": net_step(q["params"], q["X"], q["y"], q["learning_rate"]),
        },
        data={"params": q["params"], "X": q["X"], "y": q["y"],
              "learning_rate": q["learning_rate"]},
    )


CASES: dict[str, Builder] = {
    "sigmoid": _sigmoid_case,
    "sigmoid_derivative": _sigmoid_derivative_case,
    "mse_loss": _mse_loss_case,
    "init_network": lambda seed: init_case(seed, unseeded=seed % 3 == 2),
    "forward_pass": _forward_pass_case,
    "backward_pass": _backward_pass_case,
    "train_xor": _train_xor_case,
    "TwoLayerNet": _two_layer_net_case,
}
FUNCTIONS = tuple(CASES)


# --------------------------------------------------------------------------- public cases


def _sigmoid_extra() -> list[Case]:
    x = np.array([-30.0, -2.0, 0.0, 2.0, 30.0])
    return [Case(args=[x], expected=ref.sigmoid(x))]


# Beyond seed 0: a 1-D input, ``seed=None``, a deeper network, three outputs (a mean over the
# wrong axis), another seed and learning rate for ``train_xor``; ``TwoLayerNet`` in stages.
PUBLIC_EXTRA: dict[str, Extra] = {
    "sigmoid": _sigmoid_extra,
    "sigmoid_derivative": lambda: [make_case("sigmoid_derivative", 1)],
    "mse_loss": lambda: [make_case("mse_loss", 1)],
    "init_network": lambda: [init_case(2, unseeded=True)],
    "forward_pass": lambda: [make_case("forward_pass", 2)],
    "backward_pass": lambda: [make_case("backward_pass", 4)],  # three outputs: N = y.size ≠ m
    "train_xor": lambda: [make_case("train_xor", 1)],
    "TwoLayerNet": lambda: net_cases(0),
}
# ``TwoLayerNet`` in stages (:func:`net_cases`) alone.
PUBLIC_SEEDS = {"TwoLayerNet": ()}


REGISTRY = Registry(ref, CASES, HINT_NAMES, PUBLIC_EXTRA, PUBLIC_SEEDS)
make_case = REGISTRY.make_case
public_cases = REGISTRY.public_cases


def net_cases(seed: int) -> list[Case]:
    """``TwoLayerNet`` for :func:`nnkit.words.check_object_case`: the parameters ``__init__``
    draws, ``feed_forward``, and one ``train`` step with the default learning rate and with an
    explicit one (different from ``self.learning_rate``), mistaken steps included."""
    from nnkit.reference.mistakes.xor_backprop import net_mistaken_steps

    q = net_problem(seed)
    sizes, params, X, y, rate = q["sizes"], q["params"], q["X"], q["y"], q["learning_rate"]
    init = {"args": sizes, "kwargs": {"seed": q["init_seed"], "learning_rate": rate}}
    drawn = with_global_seed(q["init_seed"], ref.TwoLayerNet, *sizes)
    read = list(NET_PARAMETERS)
    cases = [
        Case(init=init,
             read=read,
             result=words.attributes_of(f"TwoLayerNet{tuple(sizes)}, seed={q['init_seed']}"),
             args=[],
             expected={name: getattr(drawn, name) for name in read}),
        Case(init=init,
             attributes=params,
             method="feed_forward",
             args=[X],
             arg_names=["X"],
             result=words.returned_by("feed_forward(X)"),
             expected=net_forward(params, X)),
    ]
    one_step = {}
    for kwargs in ({}, {"learning_rate": round(rate / 2, 3)}):
        step = kwargs.get("learning_rate", rate)
        called = "train(X, y" + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")"
        one_step[step] = expected = net_step(params, X, y, step)
        mistakes = net_mistaken_steps(params, X, y, step, rate)
        cases.append(Case(
            init=init, attributes=params, method="train", args=[X, y], kwargs=kwargs,
            arg_names=["X", "y"], read=read,
            result=words.attributes_after_one_call(f"self.learning_rate={rate}", called),
            expected=expected,
            mistakes=[{"output": after, "hint": hint} for after, hint in mistakes.values()
                      if not matches(after, expected)]))
    cases.append(Case(init=init,
                      attributes=params,
                      method="train",
                      repeat=2,
                      args=[X, y],
                      arg_names=["X", "y"],
                      read=read,
                      result=words.attributes_after_two_calls("train(X, y)"),
                      expected=net_step(one_step[rate], X, y, rate)))
    return cases
