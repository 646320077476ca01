# GRADED FUNCTION: mse_loss
# BUG: mean of the raw difference

def mse_loss(y_true, y_pred):
    return float(np.mean(y_true - y_pred))
