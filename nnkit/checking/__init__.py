"""The checks that public and hidden tests call, one job per module.

* :mod:`~nnkit.checking.failure`: a failed check (:class:`CheckFailure`) and :func:`fail`;
* :mod:`~nnkit.checking.describe`: values and a case's inputs as the messages show them;
* :mod:`~nnkit.checking.primitives`: one value against what was asked (type, shape, keys,
  closeness, 0/1, gradient, a known mistake, a decreasing loss, documented defaults), with the
  tolerances;
* :mod:`~nnkit.checking.diagnosis`: the likely cause read off a wrong value (a ratio, a shape);
* :mod:`~nnkit.checking.comparison`: nested results part by part (:func:`compare`, :func:`parts`);
* :mod:`~nnkit.checking.case`: :class:`Case`, what one check of a graded function runs on;
* :mod:`~nnkit.checking.runner`: running a case against a student's function or class;
* :mod:`~nnkit.checking.reseeding`: the probe that tells a function that re-seeds itself;
* :mod:`~nnkit.checking.explanations`: explanations of a student's exceptions.

Every Korean word they say is in :mod:`nnkit.words`. Tests reach all of this through
:mod:`nnkit.checks`, the public face.
"""
