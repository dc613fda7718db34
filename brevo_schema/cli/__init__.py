"""The ``brevo-schema`` command line: ``check``, ``split``, ``schema``, ``rules``, ``rule``.

Start-up time is the cost every pre-commit run and every CI step pays, so this
module imports only argparse at the top; each command imports what it needs
when it runs (process pools only for big runs, tomllib only when a
pyproject.toml has our table, the explaining engine only for an invalid
payload).

Exit statuses (as README.md says): 0 no error finding (warnings allowed unless
``--strict``), 1 at least one, 2 a usage error or a path that cannot be read
(also when no path holds a payload file); 130 on Ctrl-C, 141 (128 + SIGPIPE,
what a shell reports for a process a closed pipe ended) when the reader of our
output went away (``| head``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ..kinds import KINDS
from .terminal import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG, fail, silence_stdout

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        _leave_if_abandoned(EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        _leave_if_abandoned(EXIT_BROKEN_PIPE)
        return EXIT_BROKEN_PIPE


def _run(argv: list[str]) -> int:
    parser = build_parser(with_split=_command_of(argv) == "split")
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    status: int = args.run(args)
    return status


def _command_of(argv: Sequence[str]) -> str | None:
    return next((a for a in argv if not a.startswith("-")), None)


def _version() -> str:
    from .. import __version__

    return f"{PROG} {__version__}"


class _VersionAction(argparse.Action):
    """``--version``, importing the package version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        print(_version())
        parser.exit()


def build_parser(*, with_split: bool = False) -> argparse.ArgumentParser:
    """The argument parser; ``split``'s own arguments load only when it is the command."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Know before you send: check Brevo eCommerce payloads (orders, products, categories)."
    )
    parser.add_argument("--version", action=_VersionAction)
    # prog given: else argparse builds a help formatter, which imports shutil, on every start-up
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog=PROG)
    _add_check(commands)
    split = commands.add_parser("split", help="split orders, products or categories into API-ready batch bodies")
    if with_split:
        _add_split(split)
    schema = commands.add_parser("schema", help="print a bundled JSON Schema")
    schema.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    schema.set_defaults(run=_schema)
    rules = commands.add_parser("rules", help="list every rule: id, severity, what it catches")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    rules.set_defaults(run=_rules)
    rule = commands.add_parser("rule", help="explain a rule: what it checks, why Brevo cares, examples, its fix")
    rule.add_argument("rule_id", metavar="RULE", help="a rule id such as contact/missing, or an area such as dates")
    rule.set_defaults(run=_rule)
    playground = commands.add_parser("playground", help="serve the browser playground (built from a checkout) locally")
    playground.add_argument("--dir", help="the built page (default: playground/dist)")
    playground.add_argument("--port", type=int, default=0, help="the port on 127.0.0.1 (default: a free one)")
    playground.set_defaults(run=_playground)
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (every CPU) or a positive integer, not {text!r}")
    return value


def _add_check(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="check payload files",
        description="Check .json files (one document), .ndjson/.jsonl files (one document a line), "
        "directories (recursively) and - (standard input).",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or - (default: .)")
    check.add_argument("--kind", choices=KINDS, help="the payload kind (default: detected per document)")
    check.add_argument(
        "--format",
        choices=("text", "json", "github", "sarif"),
        default="text",
        help="output format (sarif: SARIF 2.1.0)",
    )
    check.add_argument(
        "--quiet", "-q", action="store_true", help="text: only errors (and, under --strict, warnings) and the summary"
    )
    check.add_argument("--statistics", action="store_true", help="text: findings counted by rule instead of each one")
    check.add_argument(
        "--only-failures", action="store_true", help="json: only the documents that fail, and the files holding one"
    )
    check.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="warnings fail the check too (exit status 1)",
    )
    check.add_argument("--select", metavar="RULE[,RULE]", help="report only these rules or areas")
    check.add_argument("--ignore", metavar="RULE[,RULE]", help="never report these rules or areas")
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (0, the default: every CPU, once the input is big enough to pay for them)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output")
    check.add_argument(
        "--stdin-filename", metavar="NAME", help="the name standard input is reported as (its suffix says .ndjson)"
    )
    repair = check.add_mutually_exclusive_group()
    repair.add_argument(
        "--fix",
        action="store_true",
        help="rewrite files with every unambiguous fix applied (exit 1 if any changed); "
        "standard input's fixed text goes to standard output, the report to standard error",
    )
    repair.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff (standard input's too); change nothing"
    )
    check.set_defaults(run=_check)


def _add_split(parser: argparse.ArgumentParser) -> None:
    try:
        from . import split as split_command
    except ImportError as error:
        reason = str(error)
        parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        parser.set_defaults(run=lambda args: fail(f"split is not available: {reason}"))
        return
    split_command.add_arguments(parser)
    parser.set_defaults(run=split_command.run)


def _schema(args: argparse.Namespace) -> int:
    import json

    from ..schemas import schema

    sys.stdout.write(json.dumps(schema(args.kind), indent=2) + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from . import rule_docs

    render = {"markdown": rule_docs.rules_markdown, "json": rule_docs.rules_json}.get(args.format, rule_docs.rules_text)
    sys.stdout.write(render())
    sys.stdout.flush()
    return EXIT_OK


def _rule(args: argparse.Namespace) -> int:
    from ..options import UnknownRuleError, check_patterns
    from . import rule_docs

    try:
        check_patterns([args.rule_id], "rule")  # an unknown id: exit 2, with the closest known one
    except UnknownRuleError as error:
        return fail(str(error))
    wanted = args.rule_id.rstrip("/")
    chosen = [r for r in rule_docs.ordered_rules() if r.id == wanted or r.id.startswith(wanted + "/")]
    sys.stdout.write("\n\n".join(rule_docs.explain_rule(r) for r in chosen))
    sys.stdout.flush()
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .check import run

    return run(args)


def _leave_if_abandoned(status: int) -> None:
    runner = sys.modules.get(f"{__name__}.runner")  # loaded only if a check ran
    if runner is not None:
        runner.leave_if_abandoned(status)


def _playground(args: argparse.Namespace) -> int:
    from .playground import serve

    return serve(args.dir, args.port)
