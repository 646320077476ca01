# GRADED FUNCTION: optimize
# BUG: updates new names but returns the initial w and b
import numpy as np


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    w_new, b_new = w, b
    for i in range(num_iterations):
        grads, cost = propagate(w_new, b_new, X, Y)
        w_new = w_new - learning_rate * grads["dw"]
        b_new = b_new - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
