"""``python3 -m grader.gradescope [/autograder]``: what the zip's ``run_autograder`` runs."""

import sys

from grader.gradescope.runtime import main

sys.exit(main())
