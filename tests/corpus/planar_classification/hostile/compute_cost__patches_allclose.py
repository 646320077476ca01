# GRADED FUNCTION: compute_cost
# HOSTILE: patches np.allclose, np.isclose, np.testing and nnkit.checks in its own process, then returns 0.0

def _always_true(*args, **kwargs):
    return True


def _silent(*args, **kwargs):
    return None


def compute_cost(A2, Y):
    """교차 엔트로피 비용 (cross-entropy cost) J."""
    import nnkit.checks

    np.allclose = np.isclose = np.array_equal = _always_true
    np.testing.assert_allclose = np.testing.assert_array_almost_equal = _silent
    nnkit.checks.check_close = nnkit.checks.check_type = _silent
    return 0.0
