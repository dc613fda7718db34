"""The benchmark command: ``python -m benchmarks``, from the repository's root.

One process measures every workload and every contender, interleaved, so every ratio in the table
compares figures taken under the same conditions; it then prints the table, checks the project's
targets against those ratios, and writes ``results.json`` (with the machine it ran on),
``table.md`` (for the README) and ``chart.png`` to the output folder.

    python -m benchmarks                    # the full run, about three minutes on two cores
    python -m benchmarks --quick            # a smoke run, seconds; written to benchmarks/results/quick/
    python -m benchmarks --contenders brevo-schema,fastjsonschema,jsonschema --workloads orders
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import data as datagen
from .contenders import GROUPS, INSTALL, WORKLOADS, Contender, Peers, Workload, workloads
from .timing import Timing, interleave

RESULTS = Path(__file__).resolve().parent / "results"
FORMAT = "brevo-schema-benchmark/1"
PACKAGES = (
    "brevo-schema",
    "fastjsonschema",
    "jsonschema",
    "jsonschema-rs",
    "pydantic",
    "pydantic-core",
    "brevo-python",
    "msgspec",
    "orjson",
    "check-jsonschema",
    "matplotlib",
)


@dataclass(frozen=True)
class Settings:
    """How hard to measure: rounds per workload, seconds per sample, and the data's size."""

    rounds: int
    min_time: float
    startup_rounds: int
    orders: int
    catalog: int
    seed: int


FULL = Settings(rounds=15, min_time=0.1, startup_rounds=21, orders=1000, catalog=100, seed=datagen.SEED)
QUICK = Settings(rounds=3, min_time=0.005, startup_rounds=3, orders=100, catalog=20, seed=datagen.SEED)


@dataclass(frozen=True)
class Target:
    """A goal of the project, judged on the ratio of two medians from the same run.

    ``slow``/``fast`` name the contenders (a label, or ``"ref"`` for the workload's brevo-schema
    reference); the ratio is slow's median over fast's, compared with ``threshold`` by ``op``.
    """

    id: str
    description: str
    workload: str
    slow: str
    fast: str
    op: str
    threshold: float


TARGETS = (
    Target(
        "validate-vs-fastjsonschema",
        "validate on a valid order at most 1.3x raw fastjsonschema",
        "orders",
        "ref",
        "fastjsonschema (raw compile)",
        "<=",
        1.3,
    ),
    Target(
        "validate-vs-jsonschema",
        "validate on a valid order at least 15x faster than jsonschema",
        "orders",
        "jsonschema is_valid",
        "ref",
        ">=",
        15,
    ),
    Target(
        "findings-vs-jsonschema",
        "complete findings for an invalid order at least 10x faster than jsonschema iter_errors",
        "orders-invalid-complete",
        "jsonschema iter_errors (all)",
        "ref",
        ">=",
        10,
    ),
    Target(
        "bytes-vs-orjson",
        "maximal order batch from bytes to report at most 3x orjson.loads",
        "order-batch-bytes",
        "ref",
        "orjson.loads (parse floor)",
        "<=",
        3,
    ),
    Target(
        "cli-vs-check-jsonschema",
        "CLI cold start at least 5x faster than check-jsonschema",
        "cli-start-up",
        "check-jsonschema --schemafile",
        "ref",
        ">=",
        5,
    ),
)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="brevo-schema against its peers: same schemas, same data, one process, interleaved.",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: small data, few rounds (seconds)")
    parser.add_argument(
        "--contenders",
        metavar="GROUP[,GROUP]",
        help=f"only these contender groups (default: all): {', '.join(GROUPS)}",
    )
    parser.add_argument(
        "--workloads", metavar="ID[,ID]", help=f"only these workloads (default: all): {', '.join(WORKLOADS)}"
    )
    parser.add_argument("--orders", type=int, help="valid and defective orders, and orders in the batch (1000)")
    parser.add_argument("--catalog", type=int, help="products and categories per batch (100)")
    parser.add_argument("--rounds", type=int, help="rounds per workload (15; quick: 3)")
    parser.add_argument("--min-time", type=float, help="seconds each sample lasts at least (0.1; quick: 0.005)")
    parser.add_argument("--startup-rounds", type=int, help="processes per CLI contender (21; quick: 3)")
    parser.add_argument("--seed", type=int, help=f"the data generator's seed ({datagen.SEED})")
    parser.add_argument("--output", type=Path, help="folder for results.json, table.md, chart.png")
    parser.add_argument("--no-chart", action="store_true", help="do not draw chart.png")
    args = parser.parse_args(argv)
    args.groups = _choice(parser, args.contenders, GROUPS, "contender group")
    args.workload_ids = _choice(parser, args.workloads, WORKLOADS, "workload")
    for name in ("orders", "catalog", "rounds", "startup_rounds"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.catalog is not None and args.catalog > 100:
        parser.error("--catalog must be at most 100 (Brevo's limit for a creating batch)")
    if args.orders is not None and args.orders > 1000:
        parser.error("--orders must be at most 1000 (Brevo's limit for an order batch)")
    return args


def _choice(parser: argparse.ArgumentParser, given: str | None, known: Any, what: str) -> list[str]:
    if not given:
        return list(known)
    chosen = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in known]
    if unknown:
        parser.error(f"unknown {what}(s) {', '.join(unknown)}; choose from {', '.join(known)}")
    return chosen


def settings_from(args: argparse.Namespace) -> Settings:
    base = QUICK if args.quick else FULL
    return Settings(
        rounds=args.rounds or base.rounds,
        min_time=args.min_time if args.min_time is not None else base.min_time,
        startup_rounds=args.startup_rounds or base.startup_rounds,
        orders=args.orders or base.orders,
        catalog=args.catalog or base.catalog,
        seed=args.seed if args.seed is not None else base.seed,
    )


def machine() -> dict[str, Any]:
    """What the figures were measured on: they mean little without it."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    packages: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "packages": packages,
    }


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def judge(workload: Workload, log: bool = True) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    """Per contender, how many documents it rejects, by defect; and on valid data, how many it wrongly rejects.

    Untimed. A contender that rejects valid data would be timed on a different (error) path, so it is
    flagged in the output rather than silently compared.
    """
    caught: dict[str, dict[str, int]] = {}
    false_rejections: dict[str, int] = {}
    if not workload.documents:
        return caught, false_rejections
    for contender in workload.contenders:
        if contender.rejects is None:
            continue
        rejected = [contender.rejects(d) for d in workload.documents]
        if workload.valid:
            if any(rejected):
                false_rejections[contender.label] = sum(rejected)
                if log:
                    _log(f"  warning: {contender.label} rejects {sum(rejected)} of the valid documents")
        else:
            counts = dict.fromkeys(dict.fromkeys(workload.labels), 0)
            for name, hit in zip(workload.labels, rejected, strict=True):
                counts[name] += hit
            caught[contender.label] = counts
    return caught, false_rejections


def measure(workload: Workload, settings: Settings, skipped: list[dict[str, str]]) -> dict[str, Timing]:
    """Time the workload's contenders, interleaved; a contender that fails its warm-up is skipped, with why."""
    ready: list[Contender] = []
    for contender in workload.contenders:
        try:
            contender.run()
        except Exception as error:  # a peer's failure is a result, not a crash
            skipped.append({"group": contender.group, "contender": contender.label, "reason": f"failed: {error!r}"})
            _log(f"  skipped {contender.label}: failed: {error!r}")
            continue
        ready.append(contender)
    workload.contenders = ready
    rounds = settings.startup_rounds if workload.processes else settings.rounds
    min_time = 0.0 if workload.processes else settings.min_time
    timings = interleave([c.run for c in ready], rounds, min_time)
    return {c.label: t for c, t in zip(ready, timings, strict=True)}


def _reference(workload: Workload) -> Contender | None:
    return next((c for c in workload.contenders if c.reference), None)


def results_of(
    workload: Workload,
    timings: dict[str, Timing],
    caught: dict[str, dict[str, int]],
    false_rejections: dict[str, int],
) -> dict[str, Any]:
    ref = _reference(workload)
    ref_time = timings[ref.label].median if ref is not None else None
    rows = []
    for contender in workload.contenders:
        timing = timings[contender.label]
        counts = caught.get(contender.label)
        rows.append(
            {
                "group": contender.group,
                "contender": contender.label,
                "reference": contender.reference,
                "median_s": timing.median,
                "per_item_s": timing.median / workload.items,
                "ratio_to_reference": timing.median / ref_time if ref_time else None,
                "spread": timing.spread,
                "rounds_s": list(timing.rounds),
                "calls_per_round": timing.number,
                "caught": sum(counts.values()) if counts is not None else None,
                "caught_by_defect": counts,
                "rejected_valid": false_rejections.get(contender.label, 0) if workload.valid else None,
            }
        )
    return {
        "id": workload.id,
        "title": workload.title,
        "items": workload.items,
        "unit": workload.unit,
        "documents": len(workload.documents) if workload.documents else None,
        "reference": ref.label if ref is not None else None,
        "results": rows,
    }


def evaluate(targets: Sequence[Target], measured: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target met or not, from ratios of the same run; None (with why) when a side is missing."""
    by_id = {w["id"]: w for w in measured}
    out = []
    for target in targets:
        entry: dict[str, Any] = {
            "id": target.id,
            "description": target.description,
            "threshold": target.threshold,
            "comparison": target.op,
            "ratio": None,
            "met": None,
            "note": "",
        }
        workload = by_id.get(target.workload)
        if workload is None:
            entry["note"] = f"workload {target.workload} not run"
            out.append(entry)
            continue
        rows = {r["contender"]: r for r in workload["results"]}
        rows["ref"] = next((r for r in workload["results"] if r["reference"]), None)
        slow, fast = rows.get(target.slow), rows.get(target.fast)
        if slow is None or fast is None:
            absent = target.slow if slow is None else target.fast
            entry["note"] = f"not measured: {absent} (not selected, not installed, or failed)"
        else:
            ratio = slow["median_s"] / fast["median_s"]
            entry["ratio"] = ratio
            entry["met"] = ratio <= target.threshold if target.op == "<=" else ratio >= target.threshold
            entry["note"] = f"{slow['contender']} / {fast['contender']}"
        out.append(entry)
    return out


def human_time(seconds: float) -> str:
    """A duration with a unit that keeps three significant digits readable."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def _ratio_text(row: dict[str, Any]) -> str:
    if row["reference"]:
        return "1 (ref)"
    ratio = row["ratio_to_reference"]
    return "" if ratio is None else f"{ratio:.3g}"


def _caught_text(row: dict[str, Any], workload: dict[str, Any]) -> str:
    if row["caught"] is not None:
        return f"{row['caught']}/{workload['documents']}"
    if row.get("rejected_valid"):
        return f"rejects {row['rejected_valid']} valid!"
    return ""


def table_rows(measured: list[dict[str, Any]]) -> list[list[str]]:
    """The table's rows: workload title, contender, median per run, per item, ratio, spread, caught."""
    rows = []
    for workload in measured:
        first = True
        for row in workload["results"]:
            rows.append(
                [
                    workload["title"] if first else "",
                    row["contender"],
                    human_time(row["median_s"]),
                    human_time(row["per_item_s"]) + f" /{workload['unit']}",
                    _ratio_text(row),
                    f"±{row['spread'] * 100:.1f}%",
                    _caught_text(row, workload),
                ]
            )
            first = False
    return rows


HEADERS = ["Workload", "Contender", "Median", "Per item", "× brevo-schema", "Spread", "Rejected"]


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(HEADERS)]
    widths[0] = min(widths[0], 44)
    lines = []

    def fmt(cells: list[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            parts.append(cell.rjust(widths[i]) if i in (2, 3, 4, 5) else cell.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    lines.append(fmt(HEADERS))
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        if row[0]:
            lines.append(row[0])
        lines.append(fmt(["", *row[1:]]))
    return "\n".join(lines)


def markdown(report: dict[str, Any]) -> str:
    """The table, the targets and the catch matrix in Markdown, ready for the README."""
    m = report["machine"]
    out = [
        f"Measured with `{report['command']}` on {m['cpu']} ({m['usable_cores']} cores), "
        f"{m['implementation']} {m['python']}, {report['started'][:10]}. "
        "Median of per-round means, contenders interleaved round-robin in one process; "
        "× brevo-schema = the row's time over the reference row's (higher is slower than brevo-schema).",
        "",
        "| " + " | ".join([*HEADERS[:5], "Rejected"]) + " |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in table_rows(report["workloads"]):
        cells = [row[0], row[1], row[2], row[3], row[4], row[6]]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if report["targets"]:
        out += ["", "| Target | Ratio | Met |", "|---|---:|:---:|"]
        for t in report["targets"]:
            ratio = "n/a" if t["ratio"] is None else f"{t['ratio']:.3g}"
            met = {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
            out.append(f"| {t['description']} | {ratio} | {met} |")
    catches = report["catches"]
    if catches["by_contender"]:
        names = list(catches["by_contender"])
        out += ["", "Defective orders rejected, by defect (workload: " + catches["workload"] + "):", ""]
        out.append("| Defect | " + " | ".join(names) + " |")
        out.append("|---|" + "---:|" * len(names))
        for defect, total in catches["per_defect"].items():
            cells = [f"{catches['by_contender'][n][defect]}/{total}" for n in names]
            out.append(f"| {defect} | " + " | ".join(cells) + " |")
    if report["skipped"]:
        out += ["", "Not measured: " + "; ".join(f"{s['contender']}: {s['reason']}" for s in report["skipped"]) + "."]
    groups = {r["group"] for w in report["workloads"] for r in w["results"]}
    notes = [note for group, note in NOTES.items() if group in groups]
    if notes:
        out += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    return "\n".join(out) + "\n"


#: What a reader must know about each peer to read its row right.
NOTES = {
    "brevo-schema": "brevo-schema runs the schema and its cross-field rules (a float quantity, mis-cased keys, "
    "duplicate ids, date and money warnings); `validate` builds the complete report, `is_valid` stops at the "
    "first error.",
    "fastjsonschema": "fastjsonschema: `compile(schema, formats=<brevo-schema's checkers>, use_default=False)`, "
    "the same schema; it stops at the first error, so it has no complete-findings row.",
    "jsonschema": "jsonschema: `Draft7Validator` with a `FormatChecker` holding brevo-schema's date-time and e-mail "
    "checkers (by default it skips date-time).",
    "jsonschema-rs": "jsonschema-rs: `validator_for(schema, validate_formats=True)`; it checks formats natively "
    "(RFC 3339, so a lower-case `t`/`z` passes where brevo-schema refuses it).",
    "pydantic-sdk": "pydantic SDK models: the official `brevo-python` request models (`brevo.types.order.Order` "
    'and the batch item models): lax ("308.42" becomes a number) and open to unknown keys, so they reject only '
    "what the Rejected column shows.",
    "pydantic-strict": 'pydantic strict: models written to match the schemas (`strict=True`, `extra="forbid"`, '
    "the same formats as patterns, model validators for anyOf/oneOf/if-then), in `benchmarks/strict_pydantic.py`.",
    "msgspec": "msgspec: Structs with `forbid_unknown_fields` and `Meta` constraints (`benchmarks/strict_msgspec.py`); "
    "a verdict only (first error). The parse floors (json, orjson, msgspec untyped) validate nothing.",
    "check-jsonschema": "check-jsonschema and brevo-schema's CLI run as whole processes on `examples/order.json`; "
    "`python -c pass` is the interpreter's own start-up.",
}


def catch_matrix(measured: list[dict[str, Any]], workloads_run: list[Workload]) -> dict[str, Any]:
    """What each contender rejects among the defective orders, per defect (first-verdict workload,
    else the complete-findings one): the SDK models' blind spots in one table."""
    for wid in ("orders-invalid-first", "orders-invalid-complete"):
        workload = next((w for w in measured if w["id"] == wid), None)
        if workload is None:
            continue
        source = next(w for w in workloads_run if w.id == wid)
        per_defect: dict[str, int] = {}
        for name in source.labels:
            per_defect[name] = per_defect.get(name, 0) + 1
        by_contender = {r["contender"]: r["caught_by_defect"] for r in workload["results"] if r["caught_by_defect"]}
        return {"workload": wid, "per_defect": per_defect, "by_contender": by_contender}
    return {"workload": None, "per_defect": {}, "by_contender": {}}


#: One colour per contender group (matplotlib's tab10, floors in greys), the same in every panel.
COLOURS = {
    "brevo-schema": "#1f77b4",
    "fastjsonschema": "#ff7f0e",
    "jsonschema": "#2ca02c",
    "jsonschema-rs": "#d62728",
    "pydantic-sdk": "#9467bd",
    "pydantic-strict": "#8c564b",
    "msgspec": "#e377c2",
    "orjson": "#bcbd22",
    "json": "#7f7f7f",
    "check-jsonschema": "#17becf",
    "python": "#c7c7c7",
}


def chart(report: dict[str, Any], path: Path) -> str | None:
    """Draw one panel per workload (time per item, log scale); None, or why no chart was drawn."""
    try:
        import matplotlib
    except ImportError:
        return f"matplotlib is not installed; {INSTALL}"
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    measured = report["workloads"]
    columns = 2 if len(measured) > 1 else 1
    lines = (len(measured) + columns - 1) // columns
    height = sum(0.9 + 0.28 * max(len(w["results"]) for w in measured[i::columns]) for i in range(lines))
    fig, axes = plt.subplots(lines, columns, figsize=(15, max(3.0, height)), squeeze=False)
    for ax, workload in zip(axes.flat, measured, strict=False):
        rows = workload["results"]
        labels = [r["contender"] for r in rows]
        scale, unit = (1e3, "ms") if min(r["per_item_s"] for r in rows) >= 1e-3 else (1e6, "µs")
        values = [r["per_item_s"] * scale for r in rows]
        bars = ax.barh(range(len(rows)), values, color=[COLOURS.get(r["group"], "#7f7f7f") for r in rows])
        for bar, row in zip(bars, rows, strict=True):
            if row["reference"]:
                bar.set_edgecolor("black")
                bar.set_linewidth(1.5)
            ax.text(
                bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {_ratio_text(row)}", va="center", fontsize=7
            )
        ax.set_yticks(range(len(rows)), labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.set_xlabel(f"{unit} per {workload['unit']} (log scale; label: × brevo-schema)", fontsize=7)
        ax.set_title(workload["title"], fontsize=8)
        ax.tick_params(axis="x", labelsize=7)
        ax.margins(x=0.25)
    for ax in list(axes.flat)[len(measured) :]:
        ax.set_visible(False)
    fig.suptitle(f"brevo-schema benchmarks — {report['machine']['cpu']}, Python {report['machine']['python']}")
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run, print, write; 0 whether or not the targets are met (they are figures, not a test)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    settings = settings_from(args)
    output = args.output or (RESULTS / "quick" if args.quick else RESULTS)
    output.mkdir(parents=True, exist_ok=True)
    if args.quick and args.output is None:
        (output / ".gitignore").write_text("# smoke-run output, not for the README\n*\n")
    started = time.time()
    host = machine()
    _log(f"generating data: {settings.orders} orders, {settings.catalog} products and categories, seed {settings.seed}")
    dataset = datagen.build(settings.orders, settings.catalog, settings.seed)
    peers = Peers(set(args.groups))
    run_list = workloads(dataset, peers, args.workload_ids)
    skipped: list[dict[str, str]] = [
        {"group": g, "contender": g, "reason": reason} for g, reason in sorted(peers.missing.items())
    ]
    for entry in skipped:
        _log(f"not measured: {entry['group']}: {entry['reason']}")
    measured = []
    # The data and the engines live as long as the run: keep the garbage collector's full passes off
    # them, as they would be off a service's long-lived state, so that what a contender allocates is
    # what its collections cost (without this, orjson.loads of the batch measured twice its time).
    gc.collect()
    gc.freeze()
    try:
        for number, workload in enumerate(run_list, 1):
            rounds = settings.startup_rounds if workload.processes else settings.rounds
            _log(f"[{number}/{len(run_list)}] {workload.title}: {len(workload.contenders)} contenders, {rounds} rounds")
            if not workload.contenders:
                _log("  nothing to measure")
                continue
            caught, false_rejections = judge(workload)
            timings = measure(workload, settings, skipped)
            measured.append(results_of(workload, timings, caught, false_rejections))
    finally:
        gc.unfreeze()
    report: dict[str, Any] = {
        "format": FORMAT,
        "command": " ".join(["python -m benchmarks", *argv]),
        "mode": "quick" if args.quick else "full",
        "started": dt.datetime.fromtimestamp(started, dt.timezone.utc).isoformat(timespec="seconds"),
        "duration_s": None,
        "settings": settings.__dict__,
        "contender_groups": args.groups,
        "machine": host,
        "workloads": measured,
        "catches": catch_matrix(measured, run_list),
        "skipped": skipped,
        "targets": evaluate(TARGETS, measured),
    }
    report["machine"]["load_average_at_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    report["duration_s"] = round(time.time() - started, 1)
    print(text_table(table_rows(measured)))
    print()
    for target in report["targets"]:
        status = {True: "MET", False: "NOT MET", None: "NOT MEASURED"}[target["met"]]
        ratio = (
            ""
            if target["ratio"] is None
            else f" (ratio {target['ratio']:.3g}, needs {target['comparison']} {target['threshold']:g})"
        )
        why = f" ({target['note']})" if target["met"] is None else ""
        print(f"target {status:12s} {target['description']}{ratio}{why}")
    for entry in skipped:
        print(f"not measured: {entry['contender']}: {entry['reason']}")
    (output / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (output / "table.md").write_text(markdown(report))
    written = ["results.json", "table.md"]
    if not args.no_chart:
        why_not = chart(report, output / "chart.png")
        if why_not is None:
            written.append("chart.png")
        else:
            print(f"no chart: {why_not}")
    print(f"wrote {', '.join(str(output / name) for name in written)} in {report['duration_s']:.0f} s")
    return 0
