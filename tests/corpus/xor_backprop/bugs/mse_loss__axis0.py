# GRADED FUNCTION: mse_loss
# BUG: mean over the sample axis only: returns an array (n_L,)

def mse_loss(y_true, y_pred):
    return np.mean((y_true - y_pred) ** 2, axis=0)
