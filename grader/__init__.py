"""Grading machinery for nnkit: build autograders, grade submissions in a sandbox, report.

One line per wing; a wing imports only the wings above it in this list (``tests/grader/
test_import_rules.py`` holds it; ``docs/design.md`` says what lives where):

- the base: ``words``, ``errors``, ``assignment``, ``literal_text``, ``files`` — every wing's
- :mod:`grader.isolation` — the sandbox: walls, worker, wire, the session that runs student code
- :mod:`grader.options` — how a submission is graded (timeout, budget, limits, walls, reruns)
- :mod:`grader.grading` — one submission's code → its tests on the trusted side → a ``Result``
- :mod:`grader.course` — a class as data: roster, layouts, deadlines, receipts, changes, shards
- :mod:`grader.reporting` — what staff and students read: feedback, ``report.html``
- :mod:`grader.run` — files → a graded folder: canary, the class in parallel, exit status, merge
- :mod:`grader.gradescope` — the zip's configuration, its run in Gradescope, ``results.json``
- :mod:`grader.authoring` — master notebook → student notebook, tests, wheels, zips, hosting
- :mod:`grader.validation` — proofs by example: the corpus, public checks, ``doctor``
- :mod:`grader.mutation` — proofs by machine: mutants of every reference
- the commands: :mod:`grader.validate`, :mod:`grader.demo`, ``python -m grader``
  (:mod:`grader.__main__`)
"""
