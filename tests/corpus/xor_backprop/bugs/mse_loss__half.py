# GRADED FUNCTION: mse_loss
# BUG: 0.5 * mean: the 1/2 convention of some textbooks, not the stated loss

def mse_loss(y_true, y_pred):
    return float(0.5 * np.mean((y_true - y_pred) ** 2))
