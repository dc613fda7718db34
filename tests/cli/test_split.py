"""``brevo-schema split``: files in, batch bodies out, nothing written when an item is bad."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import brevo_schema as bs
from brevo_schema.cli.split import add_arguments, run
from brevo_schema.io import streaming
from brevo_schema.rules.batches import body_size
from tests.cli.helpers import run as run_cli
from tests.helpers import category, order, product

MAIN = "import sys; from brevo_schema.cli.split import main; sys.exit(main())"


def split(*argv: str | Path) -> int:
    """Run the subcommand as the CLI does: through a parser given ``add_arguments``."""
    parser = argparse.ArgumentParser(prog="brevo-schema split")
    add_arguments(parser)
    return run(parser.parse_args([str(a) for a in argv]))


def orders(count: int, **changes: Any) -> list[dict[str, Any]]:
    return [order(id=f"O-{i}", **changes) for i in range(count)]


def write_ndjson(path: Path, items: list[Any]) -> Path:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
    return path


def read_batches(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_bytes()) for p in sorted(directory.glob("batch-*.json"))]


def test_writes_numbered_batch_files_with_the_exact_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = orders(25)
    source = write_ndjson(tmp_path / "orders.ndjson", items)
    out = tmp_path / "out"
    assert split(source, "-o", out, "--max-items", "10", "--no-historical") == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["batch-00001.json", "batch-00002.json", "batch-00003.json"]
    bodies = read_batches(out)
    assert [x for b in bodies for x in b["orders"]] == items
    for path, body in zip(sorted(out.iterdir()), bodies, strict=True):
        assert path.read_bytes() == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        assert body["historical"] is False and bs.validate(body, "order-batch").ok
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "25 orders in 3 batches written to" in captured.err
    assert "fullest: 10 orders" in captured.err and "largest:" in captured.err


def test_refuses_a_non_empty_directory_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_ndjson(tmp_path / "orders.ndjson", orders(3))
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert split(source, "-o", out) == 2
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    err = capsys.readouterr().err
    assert "not empty" in err and "--force" in err


def test_force_writes_and_removes_stale_batches_of_an_earlier_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_ndjson(tmp_path / "orders.ndjson", orders(6))
    out = tmp_path / "out"
    assert split(source, "-o", out, "--max-items", "2") == 0
    (out / "notes.txt").write_text("mine")
    assert split(source, "-o", out, "--max-items", "5") == 2
    assert split(source, "-o", out, "--max-items", "5", "--force") == 0
    assert sorted(p.name for p in out.iterdir()) == ["batch-00001.json", "batch-00002.json", "notes.txt"]
    assert [len(b["orders"]) for b in read_batches(out)] == [5, 1]
    assert "removed 1 batch file of an earlier run" in capsys.readouterr().err


def test_invalid_items_mean_nothing_written_and_every_one_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items: list[Any] = orders(6)
    items[1]["amount"] = "12"
    items[4] = order(id="O-4", createdAt="yesterday", status=None, Status="paid")
    source = write_ndjson(tmp_path / "orders.ndjson", items)
    out = tmp_path / "out"
    assert split(source, "-o", out) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert 'orders.ndjson:2: item 1 (id "O-1") is invalid:' in err
    assert 'orders.ndjson:5: item 4 (id "O-4") is invalid:' in err
    assert "orders.ndjson:2:" in err and "schema/type amount must be a number" in err
    assert "schema/format" in err and "keys/case" in err
    assert "2 invalid items; nothing written" in err


def test_skip_invalid_writes_the_valid_ones_and_lists_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items: list[Any] = orders(5)
    items[2] = {"id": "O-2"}
    source = write_ndjson(tmp_path / "orders.ndjson", items)
    out = tmp_path / "out"
    assert split(source, "-o", out, "--skip-invalid") == 0
    assert [x["id"] for b in read_batches(out) for x in b["orders"]] == ["O-0", "O-1", "O-3", "O-4"]
    err = capsys.readouterr().err
    assert 'orders.ndjson:3: item 2 (id "O-2") is invalid:' in err
    assert "4 orders in 1 batch" in err and "1 invalid item left out" in err


def test_without_output_dir_bodies_go_to_stdout_one_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = orders(7)
    source = write_ndjson(tmp_path / "orders.ndjson", items)
    assert split(source, "--max-items", "3", "--notify-url", "https://hooks.example.com/b") == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 3
    bodies = [json.loads(line) for line in lines]
    assert [x for b in bodies for x in b["orders"]] == items
    assert all(b["notifyUrl"] == "https://hooks.example.com/b" for b in bodies)
    assert [body_size(b) for b in bodies] == [len(line.encode()) for line in lines]
    assert "on standard output" in captured.err


def test_a_malformed_ndjson_line_is_reported_with_its_line_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps(order(id="A"))
    source = tmp_path / "orders.ndjson"
    source.write_bytes(f'{good}\n\n{{"id": "B",\n{good}\n{good[:-1]}, "id": "C"}}\n'.encode() + b"\xff\n")
    assert split(source, "-o", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "orders.ndjson:3: item 1 is invalid:" in err  # the blank line 2 counts as a line, not an item
    assert "orders.ndjson:3:" in err and "json/syntax not valid JSON" in err
    assert "orders.ndjson:5:" in err and "json/duplicate-key" in err
    assert "orders.ndjson:6:" in err and "not UTF-8" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_json_array_input_is_streamed_across_chunks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Items wider than the reader's 64 KiB chunks, with 2-byte characters cut at chunk edges.
    items = [order(id=f"O-{i}", metaInfo={"note": "é" * (i * 997 % 40_000)}) for i in range(60)]
    source = tmp_path / "orders.json"
    source.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert split(source, "-o", out, "--max-bytes", "200000") == 0
    bodies = read_batches(out)
    assert [x for b in bodies for x in b["orders"]] == items
    assert all(body_size(b) <= 200_000 for b in bodies)


def test_invalid_array_items_point_at_their_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = orders(3)
    items[2]["amount"] = -1
    source = tmp_path / "orders.json"
    source.write_text(json.dumps(items, indent=2), encoding="utf-8")
    assert split(source) == 1
    err = capsys.readouterr().err
    text = source.read_text().splitlines()
    line = next(n for n, t in enumerate(text, 1) if '"amount": -1' in t)
    assert f"orders.json:{line}:" in err and "schema/minimum" in err


def test_a_batch_body_document_is_resplit_keeping_its_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = {"orders": orders(5), "historical": False, "notifyUrl": "https://hooks.example.com/x"}
    source = tmp_path / "body.json"
    source.write_text(json.dumps(body, indent=2))
    assert split(source, "--max-items", "2") == 0
    bodies = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [len(b["orders"]) for b in bodies] == [2, 2, 1]
    assert all(b["historical"] is False and b["notifyUrl"] == body["notifyUrl"] for b in bodies)
    assert split(source, "--historical") == 0  # a flag wins over the body
    assert json.loads(capsys.readouterr().out)["historical"] is True


def test_products_and_categories(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    products = [product(id=f"P-{i}") for i in range(150)] + [product(id="P-0", name="again")]
    source = write_ndjson(tmp_path / "products.ndjson", products)
    assert split(source, "--update-enabled") == 0
    bodies = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [len(b["products"]) for b in bodies] == [100, 51]
    assert all(b["updateEnabled"] is True for b in bodies)
    assert split(source, "--notify-url", "https://x.example") == 2
    assert "--notify-url does not apply to products" in capsys.readouterr().err
    cats = write_ndjson(tmp_path / "cats.ndjson", [category(id="C-1"), category(id="C-2")])
    assert split(cats) == 2  # {id, name} could be a product or a category
    assert "pass --kind" in capsys.readouterr().err
    assert split(cats, "--kind", "category") == 0
    assert json.loads(capsys.readouterr().out)["categories"][1]["id"] == "C-2"


def test_an_oversized_item_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = [*orders(2), order(id="BIG", metaInfo={"note": "x" * 5000})]
    source = write_ndjson(tmp_path / "orders.ndjson", items)
    assert split(source, "--max-bytes", "2000") == 1
    err = capsys.readouterr().err
    assert 'orders.ndjson:3: item 2 (id "BIG") is too large for any batch:' in err
    assert "batch/max-bytes" in err and "the limit is 2,000" in err


def test_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = "".join(json.dumps(x) + "\n" for x in orders(4)).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert split("-", "--max-items", "3") == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


_GOOD = json.dumps(order(id="A")).encode()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "missing.json: no such file"),
        (b"[" + _GOOD + b',\n {"id": }]', "orders.json:2:9: not a JSON array of items"),
        (b'{"orders": [1, 2,]}', "orders.json:1:18: not valid JSON"),
        (b"\xff\xfe[\x00]\x00", "orders.json:1:1: the text is UTF-16"),
        (b"[" + _GOOD + b"] trailing", "extra text after the array"),
        (b"[" + _GOOD + b"\n" + _GOOD + b"]", "orders.json:2:1: not a JSON array of items: expected ','"),
        (b"[" + _GOOD + b', {"orders": []}]', ""),  # well-formed: an invalid item, not unreadable input
    ],
)
def test_unreadable_input_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    name = "missing.json" if content is None else "orders.json"
    if content is not None:
        (tmp_path / name).write_bytes(content)
    status = split(tmp_path / name)
    err = capsys.readouterr().err
    if not expected:
        assert status == 1
        return
    assert status == 2
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err


def test_empty_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "orders.ndjson"
    source.write_text("\n")
    assert split(source) == 0
    assert capsys.readouterr().out == ""
    (tmp_path / "empty.json").write_text("[]")
    assert split(tmp_path / "empty.json") == 0


def test_as_a_program(tmp_path: Path) -> None:
    source = write_ndjson(tmp_path / "orders.ndjson", orders(3))
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", MAIN, str(source), "-o", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(read_batches(out)) == 1
    missing = subprocess.run(
        [sys.executable, "-c", MAIN, str(tmp_path / "nope.ndjson")], capture_output=True, text=True, check=False
    )
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith("nope.ndjson: no such file") and "Traceback" not in missing.stderr
    piped = subprocess.run(
        [sys.executable, "-c", MAIN, "-"],
        input=source.read_text(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.returncode == 0 and json.loads(piped.stdout)["orders"][2]["id"] == "O-2"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"id": st.text(max_size=6), "amount": st.integers(-(10**12), 10**12) | st.floats(allow_nan=False)},
            optional={"flag": st.booleans() | st.none(), "tags": st.lists(st.text(max_size=4), max_size=3)},
        ),
        max_size=8,
    ),
    st.integers(1, 40),
    st.booleans(),
)
def test_the_array_reader_agrees_with_json_whatever_the_chunk_size(items: list[Any], chunk: int, indent: bool) -> None:
    """Chunks as small as one byte cut numbers, literals, strings and UTF-8
    sequences anywhere: every element must still come out whole, in order."""
    text = json.dumps(items, indent=1 if indent else None, ensure_ascii=False)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "items.json"
        path.write_text(text, encoding="utf-8")
        with patch.object(streaming, "_CHUNK", chunk), path.open("rb") as stream:
            records = list(streaming.array_items(stream, "items.json"))
    assert [r.value for r in records] == json.loads(text)
    lines = text.split("\n")
    for record in records:  # each record knows where its text starts
        assert record.text is not None
        assert lines[record.line - 1][record.column - 1 :].startswith(record.text.split("\n")[0])


def test_an_array_that_is_not_utf8_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "orders.json"
    source.write_bytes(b'[\n{"id": "A", "status": "x"},\n{"id": "\xff"}]')
    assert split(source, "--kind", "order") == 2
    err = capsys.readouterr().err
    assert "orders.json:3: not UTF-8 text: byte 0xff" in err


def test_an_ndjson_line_holding_a_whole_batch_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_ndjson(tmp_path / "bodies.ndjson", [{"orders": orders(2)}, {"orders": orders(1)}])
    assert split(source) == 2
    assert "is a whole order-batch body" in capsys.readouterr().err


# split judges as check does: the project's options and the same kind resolution


def _cli_split(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("split", *args, cwd=cwd)


def test_split_honours_the_config_ignore(tmp_path: Path) -> None:
    floaty = orders(2, products=[{"productId": "A", "price": 1, "quantity": 2.0}])
    write_ndjson(tmp_path / "orders.ndjson", floaty)
    assert _cli_split("orders.ndjson", "-o", "out", cwd=tmp_path).returncode == 1  # quantity-not-integer
    (tmp_path / "pyproject.toml").write_text('[tool.brevo-schema]\nignore = ["products/quantity-not-integer"]\n')
    proc = _cli_split("orders.ndjson", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [o["id"] for b in read_batches(tmp_path / "out") for o in b["orders"]] == [o["id"] for o in floaty]


def test_split_reports_a_config_mistake(tmp_path: Path) -> None:
    write_ndjson(tmp_path / "orders.ndjson", orders(1))
    (tmp_path / "pyproject.toml").write_text('[tool.brevo_schema]\nignore = ["keys/case"]\n')
    proc = _cli_split("orders.ndjson", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 2
    assert "did you mean [tool.brevo-schema]" in proc.stderr


#: Each could be a product or a category.
_AMBIGUOUS = [{"id": "C-1", "name": "Kitchen"}, {"id": "C-2", "name": "Garden"}]


def test_split_takes_the_kind_from_the_file_name(tmp_path: Path) -> None:
    write_ndjson(tmp_path / "categories.ndjson", _AMBIGUOUS)
    proc = _cli_split("categories.ndjson", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert read_batches(tmp_path / "out") == [{"categories": _AMBIGUOUS}]


def test_split_takes_the_kind_from_the_config_globs(tmp_path: Path) -> None:
    write_ndjson(tmp_path / "items.ndjson", _AMBIGUOUS)
    assert _cli_split("items.ndjson", "-o", "out", cwd=tmp_path).returncode == 2  # cannot tell
    (tmp_path / "pyproject.toml").write_text('[tool.brevo-schema.kinds]\n"items.ndjson" = "category-batch"\n')
    proc = _cli_split("items.ndjson", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert read_batches(tmp_path / "out") == [{"categories": _AMBIGUOUS}]


# Progress: on a terminal's standard error only

#: The CLI with the progress line's one-second delay taken away, so that a short run shows it.
_NO_DELAY = (
    "import sys; from brevo_schema.cli import main, progress; real = progress.Progress.__init__; "
    "progress.Progress.__init__ = lambda self, *a, **k: real(self, *a, **{**k, 'delay': 0}); "
    "sys.exit(main(sys.argv[1:]))"
)


def _split_on_a_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run the CLI's split with standard error on a pseudo-terminal; (status, what it showed)."""
    import os
    import pty

    controller, terminal = pty.openpty()
    command = [sys.executable, "-c", _NO_DELAY, "split", *args]
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    shown = []
    while True:
        try:
            data = os.read(controller, 1 << 16)
        except OSError:  # the other end closed
            break
        if not data:
            break
        shown.append(data)
    os.close(controller)
    return proc.wait(timeout=300), b"".join(shown).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_split_shows_items_and_bytes_on_a_terminal_only(tmp_path: Path) -> None:
    source = write_ndjson(tmp_path / "orders.ndjson", orders(3000))
    total = f"of {source.stat().st_size / 1e6:,.1f} MB ("
    status, shown = _split_on_a_terminal("orders.ndjson", "-o", "out", "--no-historical", cwd=tmp_path)
    assert status == 0, shown
    parts = shown.split("\r\x1b[K")
    progress = [part for part in parts if total in part]
    assert progress, shown
    assert all(re.fullmatch(r"brevo-schema: [\d,]+ orders?, [\d.,]+ MB of [\d.,]+ MB \(\d+%\)", p) for p in progress)
    assert parts[-1].startswith("brevo-schema: 3,000 orders in 3 batches written to")  # the line was cleared first
    piped = _cli_split("orders.ndjson", "-o", "again", "--no-historical", cwd=tmp_path)
    assert piped.returncode == 0 and "\r" not in piped.stderr and total not in piped.stderr
    assert piped.stderr.startswith("brevo-schema: 3,000 orders in 3 batches written to")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_forever(tmp_path: Path) -> None:
    proc = _cli_split("/dev/zero", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "brevo-schema: error: /dev/zero: not a regular file or a pipe\n"


def test_a_closed_pipe_ends_split_quietly_with_141(tmp_path: Path) -> None:
    write_ndjson(tmp_path / "orders.ndjson", orders(3000))
    proc = subprocess.Popen(
        [sys.executable, "-m", "brevo_schema", "split", "orders.ndjson", "--max-items", "1"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["orders"][0]["id"] == "O-0"
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "Broken pipe" not in err
