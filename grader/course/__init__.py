"""A course term around the grader: students, deadlines, the LMS, regrades, many machines."""
