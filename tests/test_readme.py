"""The README never lies: every Python block runs as written, every console
transcript (a block starting ``$ brevo-schema ...``) prints what it shows, the
synopsis names every flag the parser has (and no other), and the shell, TOML and
YAML blocks name only files, modules, extras, settings and hooks that exist."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomli is brevo-schema's dependency there
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    lang: str
    text: str
    line: int
    section: str

    def __str__(self) -> str:
        return f"README.md:{self.line} ({self.section})"


def _blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()]
        headings = re.findall(r"^#+ (.+)$", before, re.MULTILINE)
        found.append(Block(match.group(1), match.group(2), before.count("\n") + 2, headings[-1] if headings else ""))
    return found


BLOCKS = _blocks()


def _of(kind: str) -> list[Block]:
    if kind == "console":
        return [b for b in BLOCKS if not b.lang and b.text.startswith("$ ")]
    if kind == "synopsis":
        return [b for b in BLOCKS if not b.lang and b.text.startswith("brevo-schema check")]
    return [b for b in BLOCKS if b.lang == kind]


def test_the_readme_has_the_blocks_this_test_reads() -> None:
    assert len(_of("python")) >= 7
    assert _of("console") and _of("synopsis") and _of("sh") and _of("toml") and _of("yaml")


@pytest.mark.parametrize("block", _of("python"), ids=str)
def test_python_block_runs_as_written(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a block that writes files writes them here
    code = compile(block.text, str(block), "exec")
    exec(code, {"__name__": f"readme_line_{block.line}"})


def _run(command: str) -> str:
    argv = shlex.split(command)
    assert argv[0] == "brevo-schema", f"a transcript runs brevo-schema, not {argv[0]}"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.run(
        [sys.executable, "-m", "brevo_schema", *argv[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    return proc.stdout + proc.stderr


def _matches(shown: list[str], real: list[str]) -> bool:
    """``shown`` equals ``real``, a line ``...`` standing for any number of lines."""
    if not shown:
        return not real
    if shown[0] == "...":
        return any(_matches(shown[1:], real[i:]) for i in range(len(real) + 1))
    return bool(real) and shown[0] == real[0] and _matches(shown[1:], real[1:])


@pytest.mark.parametrize("block", _of("console"), ids=str)
def test_console_transcript_is_what_the_command_prints(block: Block) -> None:
    lines = block.text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("$ ")]
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        shown = lines[start + 1 : end]
        real = _run(lines[start][2:]).splitlines()
        assert _matches(shown, real), (
            f"{block}: `{lines[start][2:]}` prints, today:\n" + "\n".join(real) + "\n(update the README)"
        )


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }


def test_synopsis_names_every_flag_and_no_other() -> None:
    from brevo_schema.cli import build_parser

    parser = build_parser(with_split=True)
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    (synopsis,) = _of("synopsis")
    shown = set(re.findall(r"--[a-z][a-z-]*", synopsis.text))
    parsers = {"check": commands["check"], "split": commands["split"], "": parser}
    real = set().union(*(_flags(p) for p in parsers.values())) - {"--no-strict"}  # --strict's negation
    assert shown - real == set(), f"the synopsis names flags the CLI lacks: {sorted(shown - real)}"
    assert real - shown == set(), f"the synopsis misses: {sorted(real - shown)}"
    for command in commands:
        assert f"brevo-schema {command} " in synopsis.text, f"the synopsis misses the {command} command"


def _extras() -> set[str]:
    return set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])


@pytest.mark.parametrize("block", _of("sh"), ids=str)
def test_shell_block_names_what_exists(block: Block) -> None:
    for extras in re.findall(r"(?:\.|brevo-schema)\[([\w,-]+)\]", block.text):
        for extra in extras.split(","):
            assert extra in _extras(), f"{block}: no extra {extra!r} in pyproject.toml"
    for path in re.findall(r"(?<![\w/.-])((?:examples|benchmarks|tests|schemas)/[\w./-]+\.\w+)", block.text):
        assert (ROOT / path).exists(), f"{block}: {path} does not exist"
    for module in re.findall(r"python -m ([\w.]+)", block.text):
        if module not in ("venv", "pip", "pytest"):
            import importlib.util

            sys.path.insert(0, str(ROOT))
            try:
                assert importlib.util.find_spec(module) is not None, f"{block}: no module {module}"
            finally:
                sys.path.remove(str(ROOT))


def test_toml_block_is_a_configuration_brevo_schema_accepts(tmp_path: Path) -> None:
    from brevo_schema.config import load

    (block,) = _of("toml")
    (tmp_path / "pyproject.toml").write_text(block.text, encoding="utf-8")
    settings = load(tmp_path)  # an unknown key or rule id raises ConfigError
    assert settings.options.severity_of("order/status-unknown") is not None


def test_yaml_block_uses_hooks_this_repository_publishes() -> None:
    import yaml

    (block,) = _of("yaml")
    config = yaml.safe_load(block.text)
    published = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    for repo in config["repos"]:
        assert {hook["id"] for hook in repo["hooks"]} <= published
        assert "rev" in repo and "OWNER" in repo["repo"], "the snippet names no real address or tag (said so)"
    assert "a tag or commit" in block.text


def test_readme_names_the_license_that_exists() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert set(project["urls"]) >= {"Homepage", "Source", "Issues"}


def test_no_docstring_cites_a_file_the_repository_lacks() -> None:
    for path in (ROOT / "brevo_schema").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for cited in re.findall(r"\b([A-Z][A-Z-]+\.md)\b", text):
            assert (ROOT / cited).exists(), f"{path.relative_to(ROOT)} cites {cited}, which the repository lacks"
