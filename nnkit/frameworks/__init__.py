"""Framework twins of the NumPy assignments: the same networks in PyTorch and Keras.

Import the submodule you need (``nnkit.frameworks.torch``, ``nnkit.frameworks.keras``,
``nnkit.frameworks.numpy_mlp``). This package imports neither torch nor tensorflow, so
``import nnkit.frameworks`` stays cheap and works where they are not installed; each
framework is imported by its own submodule (torch) or inside its functions (keras).
"""

__all__ = ["keras", "numpy_mlp", "torch"]
