# GRADED FUNCTION: mse_loss
# VARIANT: explicit Python loops

def mse_loss(y_true, y_pred):
    total = 0.0
    count = 0
    for row_t, row_p in zip(y_true, y_pred):
        for t, p in zip(row_t, row_p):
            total += (t - p) ** 2
            count += 1
    return total / count
