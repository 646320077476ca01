"""Grading machinery for nnkit: build autograders, grade submissions in isolation, report."""
