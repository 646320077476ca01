"""nnkit's grader: build the course's notebooks and grade students' submissions in isolation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.assignment import Paths, assignment_names


def project_root() -> Path:
    """The checkout to work on: the current folder if it holds ``solutions/``, else this one."""
    here = Path.cwd()
    if (here / "solutions").is_dir():
        return here
    return Path(__file__).resolve().parents[1]


def command_build(args: argparse.Namespace) -> int:
    from grader.authoring.build import BuildError, build
    from grader.authoring.hosting import course_url, write_student_folder
    from grader.authoring.student_dist import build_student_wheel

    root = project_root()
    names = [args.name] if args.name else list(assignment_names(root))
    if args.student_url is not None:
        try:
            if not args.name:
                raise BuildError("--student-url hosts one assignment: name it "
                                 "(python -m grader build NAME --student-url URL)")
            course_url(args.student_url)
        except BuildError as error:
            print(f"grader: {error}", file=sys.stderr)
            return 2
    for name in names:
        print(f"building {name} …", flush=True)
        try:
            build(Paths(root, name), visibility=args.visibility)
        except BuildError as error:
            print(f"grader: {error}", file=sys.stderr)
            return 1
        print(f"  wrote assignments/{name}.ipynb and build/{name}/{name}-autograder.zip")
    wheel = build_student_wheel(root)
    print(f"student install: {wheel.relative_to(root)}")
    if args.student_url is not None:
        folder = write_student_folder(Paths(root, args.name), args.student_url, wheel)
        print(f"for students: upload the files of {folder.relative_to(root)}/ to "
              f"{course_url(args.student_url)} (the notebook's first cell fetches the rest)")
    return 0


def command_grade(args: argparse.Namespace) -> int:
    from grader.authoring.build import ensure_built
    from grader.course.changes import AdjustmentError
    from grader.course.class_rows import CourseError, course_from_files
    from grader.course.roster import RosterError
    from grader.errors import EXIT_GRADED
    from grader.options import prepare_options
    from grader.run.grading_run import grade_class

    paths = Paths(project_root(), args.name)
    missing = [str(p) for p in args.submissions if not p.exists()]
    if missing:
        print(f"grader: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        course = course_from_files(args.roster, args.course, args.layout)
    except (RosterError, CourseError) as error:
        print(f"grader: {error}", file=sys.stderr)
        return 2
    ensure_built(paths)
    options = prepare_options(args.timeout, args.memory_mb, blame_reruns=not args.end_to_end)
    try:
        run = grade_class(paths, args.submissions, args.out, args.jobs, options,
                          shard=args.shard, course=course)
    except AdjustmentError as error:  # refused before any grade was replaced
        print(f"grader: {error}", file=sys.stderr)
        return 2
    if run.results:
        print(f"graded {len(run.results)} submission(s): {args.out / 'grades.csv'}, "
              f"{args.out / 'report.html'}")
    if run.exit_status == EXIT_GRADED:
        print(f"(the solution graded first, as a check of this machine: full marks in "
              f"{run.canary.seconds:.1f} s)")
    return run.exit_status


def command_report(args: argparse.Namespace) -> int:
    from grader.reporting.report import ReportError, rebuild_report

    try:
        page, missing = rebuild_report(args.out)
    except ReportError as error:
        print(f"grader: {error}", file=sys.stderr)
        return 2
    for name in missing:
        print(f"grader: no saved result for {name!r}: left out (grade again to include it)",
              file=sys.stderr)
    print(f"report: {page}")
    return 0


def command_merge(args: argparse.Namespace) -> int:
    from grader.course.shards import ShardError
    from grader.run.merge import merge

    try:
        results = merge(args.shards, args.out)
    except ShardError as error:
        print(f"grader: {error}", file=sys.stderr)
        return 2
    print(f"merged {len(args.shards)} shard(s), {len(results)} submission(s): "
          f"{args.out / 'grades.csv'}, {args.out / 'report.html'}")
    return 0


def command_export(args: argparse.Namespace) -> int:
    from grader.course.export import export
    from grader.course.shards import ShardError

    try:
        written, notes = export(args.out, args.to, args.file, args.column)
    except ShardError as error:
        print(f"grader: {error}", file=sys.stderr)
        return 2
    for note in notes:
        print(f"grader: {note}", file=sys.stderr)
    print(f"{args.to}: {written}")
    return 0


def _shard(text: str):
    from grader.course.shards import ShardError, parse_shard

    try:
        return parse_shard(text)
    except ShardError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def command_validate(args: argparse.Namespace) -> int:
    from grader.validate import validate

    root = project_root()
    names = [args.name] if args.name else list(assignment_names(root))
    return 0 if validate(root, names) else 1


def command_mutate(args: argparse.Namespace) -> int:
    from grader.authoring.build import ensure_built
    from grader.mutation.cli import mutate

    paths = Paths(project_root(), args.name)
    ensure_built(paths)
    return mutate(paths, args.jobs, args.function)


def command_new(args: argparse.Namespace) -> int:
    from grader.authoring.new_assignment import NewAssignmentError, create

    root = (args.root or project_root()).resolve()
    try:
        written = create(root, args.name)
    except NewAssignmentError as error:
        print(f"grader: {error}", file=sys.stderr)
        return 2
    print(f"new assignment {args.name} in {root}:")
    for path in written:
        print(f"  wrote {path.as_posix()}")
    # The verbs find the checkout from the working folder (project_root).
    here = "" if root == project_root().resolve() else f"cd {root} && "
    print("next: fill in the function (docs/design.md, 'A new assignment in minutes'), then")
    for verb in ("build", "validate", "mutate"):
        print(f"  {here}python -m grader {verb} {args.name}")
    return 0


def command_doctor(args: argparse.Namespace) -> int:
    from grader.options import prepare_options
    from grader.validation.doctor import run_doctor

    root = project_root()
    names = [args.name] if args.name else list(assignment_names(root))
    options = prepare_options(args.timeout, args.memory_mb)
    return run_doctor(root, names, options)


def command_demo(args: argparse.Namespace) -> int:
    from grader.demo import run_demo

    return run_demo(project_root(), args.out)


def parser() -> argparse.ArgumentParser:
    from grader.course.layouts import LAYOUTS
    from grader.gradescope.config import VISIBILITIES
    from grader.options import default_jobs

    # One assignment per master notebook in solutions/: an instructor adds one without touching
    # the grader.
    names = assignment_names(project_root())
    main = argparse.ArgumentParser(prog="python -m grader", description=__doc__)
    verbs = main.add_subparsers(dest="verb", required=True)

    build = verbs.add_parser("build", help="regenerate assignments/ and the autograder zips")
    build.add_argument("name", nargs="?", choices=names)
    build.add_argument("--visibility", default="visible",
                       choices=VISIBILITIES,
                       help="when Gradescope shows students each function's result and feedback "
                            "(default: visible, at once)")
    build.add_argument("--student-url", metavar="URL",
                       help="also write build/NAME/student/, the folder to host at URL: its "
                            "notebook installs nnkit and otter from URL where they are missing "
                            "(Colab) and fetches its public tests from URL")
    build.set_defaults(run=command_build)

    grade = verbs.add_parser("grade", help="grade notebooks into DIR/grades.csv and feedback/")
    grade.add_argument("name", choices=names, metavar="NAME",
                       help=f"the assignment: {', '.join(names)}")
    grade.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                       help=".ipynb files, otter export zips, or folders of them")
    grade.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="where grades.csv and feedback/ go (a rerun grades only what is "
                            "missing)")
    grade.add_argument("--jobs", type=int, default=default_jobs(), metavar="N",
                       help="submissions graded in parallel (default: the number of cores)")
    _add_limit_options(grade)
    grade.add_argument("--end-to-end", action="store_true",
                       help="grade end to end: a bug in a helper also costs the functions "
                            "that call it (default: each function is graded on its own logic)")
    grade.add_argument("--shard", type=_shard, metavar="K/N",
                       help="grade only the K-th (1…N) of N slices of the class, chosen by a "
                            "hash of each submission's name; join the N folders with `merge`")
    grade.add_argument("--roster", type=Path, metavar="FILE",
                       help="the class list (a Canvas gradebook export, a Moodle grading "
                            "worksheet or participants export, or id,name,email,section): one "
                            "row per student, score 0 for those without a file")
    grade.add_argument("--course", type=Path, metavar="FILE",
                       help="the course file (TOML: due date, time zone, late policy, "
                            "extensions; see examples/course.toml); needs --roster")
    grade.add_argument("--layout", default="auto", choices=["auto", *LAYOUTS],
                       help="how the LMS downloaded the submissions (default: recognised)")
    grade.set_defaults(run=command_grade)

    merge = verbs.add_parser("merge", help="join the folders of grade --shard K/N into one")
    merge.add_argument("shards", nargs="+", type=Path, metavar="SHARD_DIR",
                       help="folders written by grade --shard K/N --out SHARD_DIR")
    merge.add_argument("--out", type=Path, required=True, metavar="DIR",
                       help="where the class's grades.csv, feedback/ and report.html go")
    merge.set_defaults(run=command_merge)

    from grader.course.export import FORMATS

    export = verbs.add_parser("export", help="DIR's grades as a file the LMS imports")
    export.add_argument("out", type=Path, metavar="DIR", help="a folder written by grade --out")
    export.add_argument("--to", required=True, choices=sorted(FORMATS),
                        help="canvas: gradebook import CSV; moodle: the assignment's grading "
                             "worksheet; csv: every function's points")
    export.add_argument("--out", dest="file", type=Path, metavar="FILE",
                        help="where to write (default: a file in DIR named for the format)")
    export.add_argument("--column", metavar="NAME",
                        help="Canvas: the assignment's column as Canvas names it, e.g. "
                             "'Homework 2 (12345)' (default: the assignment's name)")
    export.set_defaults(run=command_export)

    report = verbs.add_parser("report", help="rebuild DIR/report.html from saved results")
    report.add_argument("out", type=Path, metavar="DIR", help="a folder written by grade --out")
    report.set_defaults(run=command_report)

    validate = verbs.add_parser("validate", help="prove solutions pass and the tests catch bugs")
    validate.add_argument("name", nargs="?", choices=names)
    validate.set_defaults(run=command_validate)

    mutate = verbs.add_parser("mutate", help="mutation score of the tests: mutants of each "
                                             "reference, killed / non-equivalent")
    mutate.add_argument("name", choices=names, metavar="NAME",
                        help=f"the assignment: {', '.join(names)}")
    mutate.add_argument("--jobs", type=int, default=2, metavar="N",
                        help="mutants judged in parallel (default 2)")
    mutate.add_argument("--function", action="append", metavar="F",
                        help="only this graded function (repeatable)")
    mutate.set_defaults(run=command_mutate)

    new = verbs.add_parser("new", help="a new assignment: master notebook, reference, cases, "
                                       "corpus, ready to build, validate, mutate and grade")
    new.add_argument("name", metavar="NAME",
                     help="the new assignment's name: a Python identifier in lower case")
    new.add_argument("--root", type=Path, metavar="DIR",
                     help="the checkout to write it in (default: this one)")
    new.set_defaults(run=command_new)

    doctor = verbs.add_parser("doctor", help="what this machine gives the grader; exit 3 when "
                                             "grading here would be wrong")
    doctor.add_argument("name", nargs="?", choices=names,
                        help="check one assignment's canary (default: all)")
    _add_limit_options(doctor)
    doctor.set_defaults(run=command_doctor)

    demo = verbs.add_parser("demo", help="build and grade a small sample class, offline")
    demo.add_argument("--out", type=Path, default=Path("demo-out"), metavar="DIR")
    demo.set_defaults(run=command_demo)
    return main


def _add_limit_options(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--timeout", type=float, default=10.0, metavar="S",
                      help="seconds each test may spend in the student's code (default 10)")
    verb.add_argument("--memory-mb", type=int, default=None, metavar="MB",
                      help="memory limit per submission (default 4096)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
