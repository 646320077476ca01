"""Running reference code under a given global seed without disturbing anyone's RNG."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def with_global_seed(
    rng_seed: int | None, fn: Callable[..., Any], *args: Any, **kwargs: Any
) -> Any:
    """Run ``fn`` after ``np.random.seed(rng_seed)`` (unless None); restore the global RNG after."""
    state = np.random.get_state()
    try:
        if rng_seed is not None:
            np.random.seed(rng_seed)
        return fn(*args, **kwargs)
    finally:
        np.random.set_state(state)
