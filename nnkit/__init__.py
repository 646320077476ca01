"""nnkit: neural networks from scratch in NumPy.

The student-facing parts (data sets, plots, gradient checking, test helpers) live here;
the reference answers live in :mod:`nnkit.reference`, which the student install leaves out.
Heavy frameworks (torch, tensorflow) are imported lazily by :mod:`nnkit.frameworks`.
"""

__version__ = "0.1.0"
