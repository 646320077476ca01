"""Mutation testing of the hidden tests: does each test catch the mistakes nobody wrote down?

Every graded function has a reference (``nnkit/reference/<assignment>.py``). Small AST edits of
that reference that model real mistakes of the field (:mod:`.operators`) give *mutants*
(:mod:`.mutants`); each is judged in process against the reference on many seeded inputs
(:mod:`.equivalence`), run through ``grader.check``'s public tests in process and graded through
the real sandboxed runner as a submission (:mod:`.classify`). :mod:`.score` runs them in
parallel with a cache and writes the score; :mod:`.allow` reads the mutants a master accepts.

``python -m grader mutate NAME`` prints the score; ``validate`` fails on a surviving mutant that
is neither equivalent nor listed in ``solutions/NAME.mutants.toml``.
"""
