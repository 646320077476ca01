"""Reference answers for every graded function, one module per assignment.

For instructors and the trusted grading side only: the student install leaves this package out.
"""
