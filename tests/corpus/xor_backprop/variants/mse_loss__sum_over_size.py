# GRADED FUNCTION: mse_loss
# VARIANT: sum / size equals the mean over all entries; np.float64 return

def mse_loss(y_true, y_pred):
    return np.sum(np.square(y_pred - y_true)) / y_true.size
