"""Numerical gradients by central differences, and the relative difference that judges them.

Student-safe: this module imports nothing from ``nnkit.reference``.

One API throughout: ``f`` is a one-argument callable, called as ``f(params)`` with the very
object you pass in. ``params`` is a float64 ndarray, a dict of them, or a list/tuple of them.
Entries are perturbed *in place* and restored bit for bit after every evaluation, so a closure
that ignores its argument and reads the same arrays (``lambda _: loss(W1, b1)``) works too.
``f`` must return a scalar (a Python float, a NumPy scalar or a 0-d array).

Why ``eps = 1e-5``: in float64 the error of a central difference is about
``eps**2 * |f'''| + u * |f| / eps`` with ``u ≈ 1.1e-16``; that sum is smallest near
``eps ≈ u**(1/3) ≈ 5e-6``. At ``eps = 1e-7`` (the value in Andrew Ng's course) rounding dominates
and relative differences of correct code sit near 1e-9–1e-8; at ``1e-5`` they sit near
1e-11–1e-10, which leaves several orders of magnitude between correct code and
:data:`GRAD_THRESHOLD`. A larger ``eps`` would cross ReLU kinks more often.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DEFAULT_EPS = 1e-5
# The pass mark on ‖g − g̃‖ / (‖g‖ + ‖g̃‖) against these float64 central differences: for the
# notebooks' gradient checks and for the graded ones (nnkit.checks.check_gradient) alike.
# Measured with the planar corpus (tests/corpus/planar_classification/, unit-scale random
# parameters, n_x 2..5, n_h 2..6, m 3..40): correct float64 gradients 3e-11 .. 3e-10; correct
# float32 student code 4e-8 .. 2.2e-7, hence not the stricter 1e-7 (CS231n) or 2e-7 (DLS);
# the bugs 0.35 .. 1.0 (1 - Z1**2 ≥ 0.69, a missing 1/m ≥ 0.67, the sigmoid's derivative ≥ 0.59).
GRAD_THRESHOLD = 1e-6

Params = Any  # ndarray | dict[str, ndarray] | list[ndarray] | tuple[ndarray, ...]
Name = Hashable | None  # dict key, list index, or None for a bare array


def _named_arrays(x: Params) -> list[tuple[Name, np.ndarray]]:
    """Flatten a params structure into ``(name, array)`` pairs in a fixed order."""
    if isinstance(x, dict):
        return list(x.items())
    if isinstance(x, list | tuple):
        return list(enumerate(x))
    return [(None, x)]


def _rebuild(like: Params, arrays: list[np.ndarray]) -> Params:
    """Put ``arrays`` back into the structure of ``like`` (same keys, same container type)."""
    if isinstance(like, dict):
        return dict(zip(like.keys(), arrays, strict=True))
    if isinstance(like, list | tuple):
        return type(like)(arrays)
    return arrays[0]


def _require_float64(name: Name, array: Any) -> None:
    """Central differences of 1e-5 are lost in float32 and impossible in integers."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"parameter {name!r} must be a NumPy array, got {type(array).__name__}")
    if array.dtype != np.float64:
        raise TypeError(
            f"parameter {name!r} has dtype {array.dtype}; numerical gradients need float64 "
            "arrays (use array.astype(np.float64))"
        )


def _scalar(value: Any) -> float:
    """``value`` as a float, or ``ValueError`` if ``f`` returned something that is not a scalar."""
    if np.ndim(value) != 0:
        raise ValueError(
            f"f must return a scalar, got an array of shape {np.shape(value)}; "
            "reduce it (e.g. np.sum or np.mean) before checking gradients"
        )
    return float(value)


def _partial(f: Callable[[Params], Any], params: Params, array: np.ndarray, index: tuple,
             eps: float) -> float:
    """Central difference ``(f(x + eps) - f(x - eps)) / (2 eps)`` along one coordinate."""
    original = array[index]
    try:
        array[index] = original + eps
        f_plus = _scalar(f(params))
        array[index] = original - eps
        f_minus = _scalar(f(params))
    finally:
        array[index] = original  # restore exactly, even if f raised
    return (f_plus - f_minus) / (2 * eps)


def numerical_gradient(
    f: Callable[[Params], Any], params: Params, eps: float = DEFAULT_EPS
) -> Params:
    """Gradient of the scalar ``f(params)`` by central differences in float64.

    Args:
        f: called as ``f(params)``; must return a scalar.
        params: a float64 ndarray of any shape, a dict of them or a list/tuple of them.
            Perturbed in place and restored.
        eps: the step of the central difference.

    Returns:
        The same structure as ``params`` (same keys / container type), each entry a float64
        array of the same shape as its parameter.

    Raises:
        TypeError: a parameter is not a float64 ndarray.
        ValueError: ``f`` does not return a scalar.
    """
    named = _named_arrays(params)
    for name, array in named:
        _require_float64(name, array)
    grads = []
    for _, array in named:
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            grad[index] = _partial(f, params, array, index, eps)
        grads.append(grad)
    return _rebuild(params, grads)


@dataclass(frozen=True)
class SampledGradient:
    """Numerical partial derivatives at a few sampled coordinates.

    Attributes:
        names: parameter name of each sample (dict key, list index, or None), length ``k_total``.
        indices: index tuple into that parameter for each sample, length ``k_total``.
        values: the numerical partial derivatives, shape ``(k_total,)``.
    """

    names: list[Name]
    indices: list[tuple[int, ...]]
    values: np.ndarray

    def pick(self, grads: Params) -> np.ndarray:
        """The entries of an analytic gradient structure at the sampled coordinates.

        Args:
            grads: the same structure as the params; a dict may name ``"dW1"`` for ``"W1"``.

        Returns:
            float64 array of shape ``(k_total,)``, aligned with ``values``.
        """
        return np.array(
            [_lookup(grads, name)[index] for name, index in zip(self.names, self.indices,
                                                                strict=True)],
            dtype=np.float64,
        )


def sampled_numerical_gradient(
    f: Callable[[Params], Any],
    params: Params,
    k: int,
    rng: np.random.Generator | int | None = None,
    eps: float = DEFAULT_EPS,
) -> SampledGradient:
    """Central differences at ``k`` random coordinates of *each* parameter.

    Sampling per parameter (not over all entries pooled) keeps small biases in the check when
    they sit next to a 784×50 weight matrix. A parameter with at most ``k`` entries is checked
    in full. Coordinates are drawn without replacement from ``np.random.default_rng(rng)``, so
    the legacy global RNG is left untouched.

    Args:
        f, params, eps: as in :func:`numerical_gradient`.
        k: number of coordinates per parameter, ``k >= 1``.
        rng: a Generator or a seed.

    Returns:
        A :class:`SampledGradient` with ``k_total = Σ min(k, parameter.size)`` samples.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    rng = np.random.default_rng(rng)
    names, indices, values = [], [], []
    for name, array in _named_arrays(params):
        _require_float64(name, array)
        flat = rng.choice(array.size, size=min(k, array.size), replace=False)
        for position in np.sort(flat):
            index = tuple(int(i) for i in np.unravel_index(position, array.shape))
            names.append(name)
            indices.append(index)
            values.append(_partial(f, params, array, index, eps))
    return SampledGradient(names, indices, np.array(values, dtype=np.float64))


def _lookup(grads: Params, name: Name) -> np.ndarray:
    """The gradient for parameter ``name``; dict keys may carry a ``"d"`` prefix (``"dW1"``)."""
    if name is None:
        return np.asarray(grads)
    if isinstance(grads, dict) and name not in grads and f"d{name}" in grads:
        return np.asarray(grads[f"d{name}"])
    return np.asarray(grads[name])


def relative_difference(g: Params, g_approx: Params) -> float:
    """``‖g − g̃‖ / (‖g‖ + ‖g̃‖)``, Euclidean norms over all entries of all arrays.

    Args:
        g, g_approx: arrays of matching shapes, or dicts / lists / tuples of them with the same
            keys or lengths (scalars are accepted as 0-d arrays).

    Returns:
        A float in ``[0, 1]``; ``0.0`` when both are all zeros.

    Raises:
        ValueError: the structures or shapes do not match.
    """
    left, right = _named_arrays(g), _named_arrays(g_approx)
    if [name for name, _ in left] != [name for name, _ in right]:
        raise ValueError("g and g_approx have different keys or lengths")
    a = [np.asarray(x, dtype=np.float64) for _, x in left]
    b = [np.asarray(x, dtype=np.float64) for _, x in right]
    for (name, _), x, y in zip(left, a, b, strict=True):
        if x.shape != y.shape:
            raise ValueError(f"shape mismatch for {name!r}: {x.shape} vs {y.shape}")
    flat_a = np.concatenate([x.ravel() for x in a]) if a else np.zeros(0)
    flat_b = np.concatenate([y.ravel() for y in b]) if b else np.zeros(0)
    denominator = np.linalg.norm(flat_a) + np.linalg.norm(flat_b)
    if denominator == 0.0:
        return 0.0
    return float(np.linalg.norm(flat_a - flat_b) / denominator)


@dataclass(frozen=True)
class GradCheckResult:
    """Outcome of :func:`gradient_check`.

    Attributes:
        relative_difference: over all checked entries of all parameters.
        per_parameter: relative difference of each parameter alone, keyed by name.
        worst_parameter: the name with the largest per-parameter relative difference.
        threshold: the pass mark used.
        passed: ``relative_difference <= threshold``.
    """

    relative_difference: float
    per_parameter: dict[Name, float] = field(repr=False)
    worst_parameter: Name
    threshold: float
    passed: bool


def gradient_check(
    f: Callable[[Params], Any],
    params: Params,
    analytic_grads: Params,
    threshold: float = GRAD_THRESHOLD,
    eps: float = DEFAULT_EPS,
    sample: int | None = None,
    rng: np.random.Generator | int | None = None,
) -> GradCheckResult:
    """Compare an analytic gradient with central differences of ``f``.

    Args:
        f, params, eps: as in :func:`numerical_gradient`.
        analytic_grads: the same structure as ``params``, entries of the same shapes. A dict may
            name them ``"dW1"`` for parameter ``"W1"`` (the convention of the course).
        threshold: pass mark on the overall relative difference (why this one: see
            :data:`GRAD_THRESHOLD`).
        sample: if given, check only this many random coordinates per parameter.
        rng: Generator or seed for the sampled coordinates.

    Returns:
        A :class:`GradCheckResult`.
    """
    if sample is None:
        numeric = _named_arrays(numerical_gradient(f, params, eps))
        pairs = [(name, _lookup(analytic_grads, name), approx) for name, approx in numeric]
    else:
        sampled = sampled_numerical_gradient(f, params, sample, rng, eps)
        analytic = sampled.pick(analytic_grads)
        pairs = []
        for name, _ in _named_arrays(params):
            rows = [i for i, sample_name in enumerate(sampled.names) if sample_name == name]
            pairs.append((name, analytic[rows], sampled.values[rows]))
    per_parameter = {name: relative_difference(g, approx) for name, g, approx in pairs}
    overall = relative_difference([g for _, g, _ in pairs], [a for _, _, a in pairs])
    worst = max(per_parameter, key=per_parameter.__getitem__)
    return GradCheckResult(overall, per_parameter, worst, threshold, overall <= threshold)
