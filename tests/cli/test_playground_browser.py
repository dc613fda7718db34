"""The built playground in a real browser: Debian's chromium, headless, driven by Selenium
through Debian's chromium-driver, the page served from 127.0.0.1 and every other host
unresolvable (the page must work offline from its build folder).

Not part of the default run (the ``browser`` marker is deselected in pyproject.toml): it needs
``apt-get install chromium chromium-driver``, the ``browser`` extra and a built page::

    python playground/build.py
    python -m pytest -m browser tests/cli/test_playground_browser.py

It keeps a screenshot in benchmarks/results/playground.png (the README shows it) and the page's
timings beside CPython's in benchmarks/results/playground.json.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import brevo_schema as bs
from brevo_schema.cli import rule_docs
from brevo_schema.cli.playground import BUILD_COMMAND, find_dist, make_server
from brevo_schema.cli.rule_docs import ordered_rules
from brevo_schema.io.textfix import fix_text
from tests.cli.test_playground import BAD_BATCH, page
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = os.environ.get("BREVO_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BREVO_CHROMEDRIVER", "/usr/bin/chromedriver")
#: Loading Pyodide on a busy 2-core machine takes about 10 s; this is the most the page may take.
START_TIMEOUT = 120


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    dist = find_dist(os.environ.get("BREVO_PLAYGROUND_DIST", str(ROOT / "playground" / "dist")))
    if dist is None:
        pytest.fail(f"the playground is not built: run {BUILD_COMMAND} first")
    server = make_server(dist)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def browser() -> Iterator[Callable[[], Any]]:
    """A factory of fresh headless Chromium sessions (each a new profile: a cold cache)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opened: list[Any] = []

    def start() -> Any:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in (
            "--headless=new",
            "--no-sandbox",  # CI runs as root
            "--disable-dev-shm-usage",
            "--window-size=1400,860",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",  # offline but for our server
        ):
            options.add_argument(argument)
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        opened.append(driver)
        return driver

    yield start
    for driver in opened:
        driver.quit()


def _wait(driver: Any, script: str, what: str, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}: {driver.execute_script('return document.body.innerText')}")


def _open(driver: Any, url: str) -> float:
    """Load the page; the milliseconds from navigation to its first verdict."""
    driver.get("about:blank")
    driver.get(url)
    state = _wait(
        driver,
        "const p = window.playground; return p && (p.ready || p.error) ? p : null",
        "the page to start Python",
        START_TIMEOUT,
    )
    assert "error" not in state, state["error"]
    return float(state["firstVerdictMs"])


def _checked(driver: Any) -> None:
    _wait(driver, "return window.playground.checkedText === document.getElementById('editor').value", "a verdict")


def _shown(driver: Any) -> list[tuple[str, int | None]]:
    items = driver.find_elements("css selector", "#findings .finding")
    return [(li.get_attribute("data-rule"), int(li.get_attribute("data-line") or 0) or None) for li in items]


def _expected(text: str) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in bs.validate_json(text).findings]


def _click(driver: Any, css: str) -> None:
    driver.find_element("css selector", css).click()


def test_paste_a_bad_order_see_its_findings_fix_it_and_link_it(url: str, browser: Callable[[], Any]) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    driver = browser()
    _open(driver, url)
    _checked(driver)
    example = (ROOT / "examples" / "bad-order-batch.json").read_text()
    assert driver.find_element("id", "editor").get_property("value") == example  # the first example, loaded
    assert _shown(driver) == _expected(example)

    # Paste a bad order batch: a mis-cased Products, a quantity of 2.0.
    editor = driver.find_element("id", "editor")
    editor.click()
    editor.send_keys(Keys.CONTROL, "a")
    editor.send_keys(Keys.DELETE)
    editor.send_keys(BAD_BATCH)
    _checked(driver)
    assert editor.get_property("value") == BAD_BATCH
    assert _shown(driver) == [("keys/case", 10), ("products/quantity-not-integer", 19)] == _expected(BAD_BATCH)
    cards = driver.find_elements("css selector", "#findings .finding")
    for card, finding in zip(cards, bs.validate_json(BAD_BATCH).findings, strict=True):
        text = card.text
        assert finding.rule in text and finding.message in text and (finding.hint or "") in text
        assert f"{finding.line}:{finding.column}" in text
    assert "error" in driver.find_element("id", "verdict").text
    marks = driver.find_elements("css selector", "#backdrop mark")
    marked = [m.get_attribute("textContent") for m in marks]
    assert marked[0].startswith('"Products": [{') and marked[1] == '"quantity": 2.0'

    # Clicking a finding puts the cursor on its place.
    cards[1].click()
    assert driver.execute_script("return document.activeElement.id") == "editor"
    assert editor.get_property("selectionStart") == BAD_BATCH.index('"quantity": 2.0')
    assert driver.find_element("css selector", "#backdrop mark.active").get_attribute("textContent") == (
        '"quantity": 2.0'
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(RESULTS / "playground.png"))

    # The rule's documentation, on demand: what `brevo-schema rule keys/case` prints.
    cards[0].find_element("css selector", "button.doc").click()
    assert driver.find_element("id", "rule-dialog").get_property("open")
    (case_rule,) = [r for r in ordered_rules() if r.id == "keys/case"]
    assert driver.find_element("id", "rule-doc").get_attribute("textContent") == rule_docs.explain_rule(case_rule)
    _click(driver, "#rule-close")
    assert not driver.find_element("id", "rule-dialog").get_property("open")

    # Fix shows the diff first; the text changes only when it is applied.
    _click(driver, "#fix")
    assert driver.find_element("id", "fix-dialog").get_property("open")
    diff = driver.find_element("id", "diff").get_attribute("textContent")
    assert '-      "Products": [' in diff and '+      "products": [' in diff
    assert '"quantity": 2.0}],' in diff and '"quantity": 2}],' in diff
    assert editor.get_property("value") == BAD_BATCH
    _click(driver, "#fix-apply")
    _checked(driver)
    fixed = fix_text(BAD_BATCH)[0]
    assert editor.get_property("value") == fixed
    assert _shown(driver) == [] == _expected(fixed)
    assert driver.find_element("id", "verdict").get_attribute("class") == "ok"

    # The permalink carries the payload in the fragment; opening it brings the payload back.
    _click(driver, "#permalink")
    link = driver.current_url
    assert link.startswith(url + "#") and "payload=" in link
    _open(driver, link)
    _checked(driver)
    assert driver.find_element("id", "editor").get_property("value") == fixed

    # A bundled example, loaded from the list, is judged as the CLI judges it.
    Select(driver.find_element("id", "examples")).select_by_value("bad-product.json")
    _wait(driver, "return document.getElementById('editor').value.includes('\"id\"')", "the example")
    _checked(driver)
    product = (ROOT / "examples" / "bad-product.json").read_text()
    assert driver.find_element("id", "editor").get_property("value") == product
    assert _shown(driver) == _expected(product) != []

    # Nothing came from anywhere but the page's own folder.
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert fetched and all(name.startswith(url) for name in fetched), fetched


def _batch(n: int) -> str:
    order = json.loads((ROOT / "examples" / "order.json").read_text())
    orders = [{**order, "id": f"O-{i}"} for i in range(n)]
    return json.dumps({"historical": True, "orders": orders}, indent=2)


def _median_ms(run: Callable[[], object], times: int = 5) -> float:
    took = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        took.append((time.perf_counter() - started) * 1000)
    return statistics.median(took)


def test_timings_beside_cpython(url: str, browser: Callable[[], Any]) -> None:
    """Opening the page to its first verdict (a fresh profile, then reloads), and a verdict on a
    1000-order batch in the page and in CPython; kept in benchmarks/results/playground.json."""
    driver = browser()
    cold = _open(driver, url)
    stages = driver.execute_script("return window.playground.stages")
    warm = statistics.median(_open(driver, url) for _ in range(3))
    text = _batch(1000)
    in_page = json.loads(
        driver.execute_script(
            """
            const [text, times] = arguments;
            const took = [];
            let result;
            for (let i = 0; i < times; i++) {
              const started = performance.now();
              result = window.playground.analyse(text, null);
              took.push(performance.now() - started);
            }
            took.sort((a, b) => a - b);
            return JSON.stringify({ms: took[Math.floor(times / 2)], ok: result.ok, kind: result.kind});
            """,
            text,
            5,
        )
    )
    assert in_page["ok"] and in_page["kind"] == "order-batch"
    assert bs.validate_json(text).ok
    results: dict[str, Any] = {
        "page": {"pyodide": driver.execute_script("return window.playground.pyodide"), "browser": "chromium headless"},
        "cpython": platform.python_version(),
        "first_verdict_ms": {"cold": round(cold), "warm": round(warm)},
        # Where the cold start goes, in ms since navigation: Pyodide started, the package imported.
        "cold_stages_ms": {"pyodide_started": round(stages["runtime"]), "package_imported": round(stages["imported"])},
        "load_average": os.getloadavg()[0],
        "batch_1000_orders": {
            "bytes": len(text.encode()),
            "page_ms": round(in_page["ms"], 1),
            "cpython_ms": round(_median_ms(lambda: page.analyse(text)), 1),
            "cpython_validate_json_ms": round(_median_ms(lambda: bs.validate_json(text)), 1),
        },
    }
    example = ROOT / "examples" / "bad-order-batch.json"
    command = [sys.executable, "-m", "brevo_schema", "check", str(example)]
    results["first_verdict_ms"]["cpython_check_process"] = round(
        _median_ms(lambda: subprocess.run(command, capture_output=True, check=False), 3)
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "playground.json").write_text(json.dumps(results, indent=2) + "\n")
    assert cold < START_TIMEOUT * 1000
