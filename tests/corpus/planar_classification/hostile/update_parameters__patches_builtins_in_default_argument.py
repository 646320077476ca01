# GRADED FUNCTION: update_parameters
# HOSTILE: patches builtins (all, abs, round) in a default-argument expression, then skips the update

import builtins


def update_parameters(parameters, grads, learning_rate=1.2,
                      _patched=(setattr(builtins, "all", lambda *args: True),
                                setattr(builtins, "abs", lambda value: 0),
                                setattr(builtins, "round", lambda *args: 0))):
    """경사 하강법으로 파라미터를 한 번 갱신합니다."""
    return {name: np.copy(value) for name, value in parameters.items()}
