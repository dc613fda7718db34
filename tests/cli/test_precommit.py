"""The published pre-commit hook, run by the real pre-commit.

``pre-commit try-repo`` installs the hook from a git repository exactly as a
user's ``.pre-commit-config.yaml`` would: it clones the repository, builds a
virtual environment and pip-installs the package into it (from PyPI: this test
needs the network), then runs ``.pre-commit-hooks.yaml``'s entry. The hook
repository is a fresh copy of this checkout (tracked files plus untracked ones
that are not ignored) committed in a temporary directory, so the test sees the
working tree as it is, not the last commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import DATA, ROOT

FIXTURES = DATA / "cli"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "brevo-schema tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "brevo-schema tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def copy_checkout(target: Path, env: dict[str, str]) -> None:
    """This checkout's files (tracked, and untracked but not ignored) as a new one-commit repository."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT, env=env)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # deleted-but-tracked files are skipped
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target, env=env)
    git("add", "-A", cwd=target, env=env)
    git("commit", "-q", "-m", "brevo-schema under test", cwd=target, env=env)


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env.update(GIT_ENV)
    env["HOME"] = str(tmp_path_factory.mktemp("home"))  # no user git config or hooks
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    return env


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]) -> Path:
    target = tmp_path_factory.mktemp("hook-repo")
    copy_checkout(target, environment)
    assert (target / ".pre-commit-hooks.yaml").is_file()
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]) -> Path:
    """A user's repository with a good and a bad payload."""
    target = tmp_path_factory.mktemp("shop")
    payloads = target / "payloads"
    payloads.mkdir()
    shutil.copy(FIXTURES / "order-valid.json", payloads / "good-order.json")
    shutil.copy(FIXTURES / "order-bad.json", payloads / "bad-order.json")
    shutil.copy(FIXTURES / "orders.ndjson", payloads / "orders.ndjson")
    (target / "notes.txt").write_text("not a payload\n")
    git("init", "-q", cwd=target, env=environment)
    git("add", "-A", cwd=target, env=environment)
    return target


def try_repo(hook_repo: Path, project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "brevo-schema", "--color", "never", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_hook_fails_on_a_bad_payload(hook_repo: Path, project: Path, environment: dict[str, str]) -> None:
    proc = try_repo(hook_repo, project, environment, "--all-files")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "brevo-schema" in output and "Failed" in output
    assert "payloads/bad-order.json:6:3: error schema/minimum /amount: amount must be at least 0, not -5" in output
    assert "payloads/orders.ndjson:4:28: error json/syntax" in output  # .ndjson files reach the hook too
    # The hook was given the three payloads and nothing else (not notes.txt).
    assert "6 errors, 0 warnings in 3 files (7 documents)" in output


@pytest.mark.slow
def test_hook_passes_on_a_good_payload(hook_repo: Path, project: Path, environment: dict[str, str]) -> None:
    proc = try_repo(hook_repo, project, environment, "--files", "payloads/good-order.json", "notes.txt")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "brevo-schema" in output and "Passed" in output
