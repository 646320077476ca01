# GRADED FUNCTION: mse_loss
# BUG: sum instead of mean

def mse_loss(y_true, y_pred):
    return float(np.sum((y_true - y_pred) ** 2))
