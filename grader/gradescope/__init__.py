"""Gradescope: the zip's configuration (:mod:`.config`), the run in its container
(:mod:`.runtime`, started as ``python3 -m grader.gradescope``) and its ``results.json``
(:mod:`.results`). ``files/`` holds the zip's shell scripts."""
