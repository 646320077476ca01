"""A course term around the grader: students, deadlines, the LMS, regrades, many machines.

This wing turns "what does this folder of files score" into a course's gradebook:
:mod:`~grader.course.roster` (the class list, read from Canvas's or Moodle's export or a plain
CSV), :mod:`~grader.course.layouts` (which student each file of a Canvas, Moodle, Gradescope or
plain download belongs to, and when the LMS says it came in), :mod:`~grader.course.deadlines`
(the course file: due date, late policy, extensions → penalties),
:mod:`~grader.course.class_rows` (one row per student: graded, 미제출, or a file matching
nobody), :mod:`~grader.course.shards` (a class graded on several machines, then merged),
:mod:`~grader.course.export` (the gradebook in the LMS's import format) and
:mod:`~grader.course.changes` (what a re-run changed, and why). It may import the grader's core
(:mod:`grader.grading.gradebook`, :mod:`grader.words`, :mod:`grader.literal_text` …); nothing
imports it except :mod:`grader.run.grade`, :mod:`grader.run.grading_run`, :mod:`grader.__main__`
and the report.
"""
