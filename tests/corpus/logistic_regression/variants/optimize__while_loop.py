# GRADED FUNCTION: optimize
# VARIANT: a while loop with source 000's unpacking of dw and db
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    i = 0
    while i < num_iterations:
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        if i % 100 == 0:
            costs.append(np.float64(cost))
        w = w - learning_rate * dw
        b = b - learning_rate * db
        i += 1
    return {"w": w, "b": b}, {"dw": dw, "db": db}, costs
