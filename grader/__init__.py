"""Grading machinery for nnkit: build autograders, grade submissions in isolation, report.

Module map (``python -m grader VERB`` is :mod:`grader.__main__`; the grading path, step by step,
is in ``docs/design.md``):

Build (master notebook → student notebook, tests, zips)
    :mod:`~grader.assignment` (an assignment's files, questions and graded names; which
    assignments exist), :mod:`~grader.build`, :mod:`~grader.literal` (public cases inlined as
    Python literals), :mod:`~grader.wheel` (the student and trusted wheels),
    :mod:`~grader.student_dist`, :mod:`~grader.hosting` (the folder hosted for Colab),
    :mod:`~grader.autograder_zip` and :mod:`~grader.pins` (the Gradescope zip and its pinned
    requirements).

Grade (a class of submissions → rows)
    :mod:`~grader.submission` (a file → the code the grade depends on),
    :mod:`~grader.grade` (submission files → results, in parallel, resumable),
    :mod:`~grader.runner` (the tests on the trusted side), :mod:`~grader.blame` (a function
    graded on its own logic), :mod:`~grader.canary` (the solution first),
    :mod:`~grader.grading_run` (canary, class, exit status), :mod:`~grader.errors` (the
    grader's own failures), :mod:`~grader.similarity` (near-identical submissions).

The sandbox boundary
    :mod:`grader.isolation`: everything that runs in the sandbox or talks to it across the pipe
    (walls, worker, wire, channel, session, proxies, callbacks, probe).

Say it (what students and course staff read)
    :mod:`~grader.words` (every Korean word the grader says), :mod:`~grader.feedback`
    (Markdown feedback), :mod:`~grader.gradebook` (results and ``grades.csv``),
    :mod:`~grader.report`, :mod:`~grader.report_model`, :mod:`~grader.failure_groups`,
    :mod:`~grader.charts`, :mod:`~grader.page`, :mod:`~grader.feedback_html` (the HTML report),
    :mod:`~grader.gradescope` (results.json on Gradescope).

Check the machine and the course
    :mod:`~grader.doctor`, :mod:`~grader.machine`, :mod:`~grader.validate`,
    :mod:`~grader.corpus`, :mod:`~grader.public_checks`, :mod:`~grader.demo`.
"""
