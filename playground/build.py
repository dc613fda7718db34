"""Build the browser playground into a folder any static host serves (default: playground/dist/).

    python playground/build.py [--out DIR]

From a checkout of this repository, with npm and pip at hand: installs the pinned Pyodide runtime
from the npm registry (package.json and package-lock.json here; ``npm ci``), builds the wheel of
this package (``pip wheel``), and lays out the page beside them. The page loads everything from
its own folder, so the result works offline and from any static host; ``brevo-schema playground``
serves it on 127.0.0.1. Neither the runtime nor the output is committed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: What the page needs of the Pyodide package: the loader, the runtime, the standard library, the lock file.
RUNTIME_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PAGE_FILES = ("index.html", "app.js", "style.css", "page.py")


def build(out: Path, *, quiet: bool = False) -> dict[str, object]:
    """Lay the playground out in ``out`` (emptied first); returns what build.json says."""
    started = time.perf_counter()

    def step(message: str) -> None:
        if not quiet:
            print(f"playground: {message}", flush=True)

    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("playground: npm is needed to fetch the pinned Pyodide runtime (install Node.js and npm)")
    step("npm ci (the pinned Pyodide runtime)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)
    runtime = HERE / "node_modules" / "pyodide"
    pyodide_version = json.loads((runtime / "package.json").read_text())["version"]

    if out.exists():
        shutil.rmtree(out)
    (out / "pyodide").mkdir(parents=True)
    for name in RUNTIME_FILES:
        shutil.copy2(runtime / name, out / "pyodide" / name)

    step("pip wheel (this package)")
    with tempfile.TemporaryDirectory() as wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, str(ROOT)],
            check=True,
        )
        (wheel,) = Path(wheels).glob("brevo_schema-*.whl")
        shutil.copy2(wheel, out / wheel.name)

    for name in PAGE_FILES:
        shutil.copy2(HERE / name, out / name)
    examples = sorted(p.name for p in (ROOT / "examples").glob("*.json"))
    (out / "examples").mkdir()
    for name in examples:
        shutil.copy2(ROOT / "examples" / name, out / "examples" / name)

    info: dict[str, object] = {"wheel": wheel.name, "pyodide": pyodide_version, "examples": examples}
    (out / "build.json").write_text(json.dumps(info, indent=2) + "\n")
    step(f"built {out} in {time.perf_counter() - started:.1f} s (Pyodide {pyodide_version}, {wheel.name})")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python playground/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "dist", help="the output folder (default: playground/dist)")
    args = parser.parse_args(argv)
    build(args.out.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
