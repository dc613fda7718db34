"""How ``check`` shares work between processes: how many, in what pieces, in what tasks."""

from __future__ import annotations

from pathlib import Path

from brevo_schema.cli import runner
from brevo_schema.cli.runner import Unit, chunk_bytes, plan, workers_for
from brevo_schema.config import Settings
from brevo_schema.io.inputs import Source

MB = 1 << 20


def _source(size: int, name: str = "a.ndjson", path: str | None = None) -> Source:
    return Source(name, name.endswith(".ndjson"), size, path=path)


def test_small_inputs_are_checked_in_this_process() -> None:
    assert workers_for([_source(MB)], 8) == 1
    assert workers_for([_source(100 * MB)], 1) == 1
    assert workers_for([_source(100 * MB)], 2) == 2
    assert workers_for([_source(10, f"{i}.json") for i in range(runner.PARALLEL_MIN_UNITS)], 3) == 3


def test_ranges_are_big_alone_and_many_enough_to_balance_when_shared() -> None:
    assert chunk_bytes(65 * MB, 1) == runner.CHUNK_BYTES
    assert chunk_bytes(1000 * MB, 2) == runner.CHUNK_BYTES
    assert chunk_bytes(33 * MB, 2) == 33 * MB // 16  # eight ranges a worker
    assert chunk_bytes(5 * MB, 2) == runner.MIN_CHUNK_BYTES


def test_a_big_file_is_cut_at_line_starts_into_ranges_that_shrink_toward_its_end(tmp_path: Path) -> None:
    """Shared by two workers, no range holds more than a fourth of what is left (down to
    ``MIN_CHUNK_BYTES``): the last ranges are small, so neither worker checks a whole
    range while the other waits. One process takes ranges of ``CHUNK_BYTES``."""
    path = tmp_path / "orders.ndjson"
    line = b'{"id": "A"}' + b" " * 988 + b"\n"  # 1000 bytes
    path.write_bytes(line * 20_000)
    source = _source(path.stat().st_size, "orders.ndjson", str(path))
    units = plan([source], Settings(), None, workers=2)
    sizes = [runner.unit_bytes(u) for u in units]
    assert len(units) >= 16 and sum(sizes) == source.size
    assert all(u.start % 1000 == 0 for u in units)
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] - chunk_bytes(source.size, 2) <= 1000  # each end moved to a line start
    left = source.size
    for size in sizes[:-1]:
        assert size - max(left // 4, runner.MIN_CHUNK_BYTES) <= 1000
        left -= size
    assert sizes[-1] <= runner.MIN_CHUNK_BYTES
    alone = [runner.unit_bytes(u) for u in plan([source], Settings(), None, workers=1)]
    assert len(alone) == 5 and max(alone[:-1]) - min(alone[:-1]) == 0  # 20 MB in ranges of 4 MiB


def test_small_files_travel_together_and_big_ranges_alone() -> None:
    small = [Unit(_source(1000, f"{i}.json")) for i in range(200)]
    big = [Unit(_source(8 * MB), start, start + 2 * MB) for start in range(0, 8 * MB, 2 * MB)]
    batches = runner._batches([*small, *big], 2 * MB)
    assert [len(b) for b in batches] == [64, 64, 64, 8, 1, 1, 1, 1]
    assert [u for b in batches for u in b] == [*small, *big]
    # Ranges travel alone however small: plan made the last ranges of a file small on purpose.
    tail = [Unit(_source(2 * MB), start, start + MB // 2) for start in range(0, 2 * MB, MB // 2)]
    tail[-1] = Unit(_source(2 * MB), 3 * MB // 2)  # the file's last range: it runs to the end
    assert [len(b) for b in runner._batches([*small[:3], *tail, *small[3:6]], 4 * MB)] == [3, 1, 1, 1, 1, 3]
