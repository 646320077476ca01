# GRADED FUNCTION: mse_loss
# BUG: square root of the mean (RMSE)

def mse_loss(y_true, y_pred):
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))
