"""io.files: a file written appears whole or not at all, with the permissions a user expects."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from brevo_schema.io.files import write_atomically


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_new_file_gets_the_umask_default_not_a_temporary_files_0600(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "batch-00001.json", b"{}")
    finally:
        os.umask(umask)
    assert _mode(tmp_path / "batch-00001.json") == 0o644


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_a_rewritten_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert _mode(path) == 0o640


def test_a_failed_write_leaves_the_file_as_it_was_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "order.json"
    path.write_bytes(b"old")

    with pytest.raises(TypeError):
        write_atomically(path, "text, not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["order.json"]


def test_a_taken_temporary_name_is_stepped_over(tmp_path: Path) -> None:
    taken = tmp_path / f".order.json.{os.getpid()}-0.brevo-schema.tmp"
    taken.write_bytes(b"someone else's")
    write_atomically(tmp_path / "order.json", b"{}")
    assert (tmp_path / "order.json").read_bytes() == b"{}"
    assert taken.read_bytes() == b"someone else's"
