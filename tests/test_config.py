"""``[tool.brevo-schema]``: read from the nearest pyproject.toml, strict about mistakes, beaten by flags."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from brevo_schema.config import ConfigError, Settings, find_pyproject, from_table, load
from brevo_schema.options import Limits, Options
from brevo_schema.report import Severity
from tests.cli.helpers import FIXTURES, finding_lines, run
from tests.helpers import ROOT


def write_pyproject(directory: Path, body: str) -> Path:
    path = directory / "pyproject.toml"
    path.write_text('[project]\nname = "shop"\n\n[tool.brevo-schema]\n' + body, encoding="utf-8")
    return path


# Reading the table


def test_defaults_without_a_table() -> None:
    settings = from_table({})
    assert settings.options == Options()
    assert settings.strict is False
    assert settings.options.is_default


def test_every_key() -> None:
    settings = from_table(
        {
            "select": ["schema", "keys/case"],
            "ignore": ["schema/format"],
            "strict": True,
            "severity": {"order/status-unknown": "error", "money": "error"},
            "max-orders": 10,
            "max-order-bytes": 1000,
            "max-products": 5,
            "max-products-update": 50,
            "max-categories": 7,
            "kinds": {"catalog/*.json": "product", "cat-*.json": "category"},
        }
    )
    options = settings.options
    assert options.select == {"schema", "keys/case"}
    assert options.ignore == {"schema/format"}
    assert settings.strict is True
    assert dict(options.severities) == {"order/status-unknown": Severity.ERROR, "money": Severity.ERROR}
    assert options.limits == Limits(10, 1000, 5, 50, 7)
    assert options.enabled("schema/required") and options.enabled("keys/case")
    assert not options.enabled("schema/format") and not options.enabled("contact/missing")
    assert options.severity_of("money/precision") is Severity.ERROR


def test_a_comma_separated_string_is_a_list() -> None:
    assert from_table({"ignore": "schema/format, money"}).options.ignore == {"schema/format", "money"}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"ignored": ["x"]}, "unknown key 'ignored' (did you mean 'ignore'?)"),
        ({"max_orders": 5}, "unknown key 'max_orders' (did you mean 'max-orders'?)"),
        (
            {"select": ["schema/requird"]},
            "select: unknown rule or area 'schema/requird' (did you mean 'schema/required'?)",
        ),
        ({"ignore": ["nonsense"]}, "ignore: unknown rule or area 'nonsense'"),
        ({"ignore": [1]}, "ignore must be a list of rule ids or areas, not [1]"),
        ({"severity": {"keys/cases": "warning"}}, "severity: unknown rule or area 'keys/cases'"),
        ({"severity": {"keys/case": "fatal"}}, "severity of 'keys/case' must be \"error\" or \"warning\", not 'fatal'"),
        ({"severity": ["keys/case"]}, "severity must be a table"),
        ({"strict": "yes"}, "strict must be true or false, not 'yes'"),
        ({"max-orders": 0}, "max-orders must be a positive integer, not 0"),
        ({"max-orders": True}, "max-orders must be a positive integer, not True"),
        ({"max-products": "100"}, "max-products must be a positive integer, not '100'"),
        ({"kinds": {"*.json": "invoice"}}, "kinds: '*.json' names unknown kind 'invoice'"),
        ({"kinds": ["*.json"]}, "kinds must be a table"),
    ],
)
def test_mistakes_are_errors_that_name_them(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        from_table(table)
    assert message in str(caught.value)


def test_kinds_globs(tmp_path: Path) -> None:
    settings = from_table({"kinds": {"catalog/*.json": "product", "cat-*.json": "category"}}, root=tmp_path)
    assert settings.kind_for(str(tmp_path / "catalog" / "mug.json")) == "product"
    assert settings.kind_for(str(tmp_path / "catalog" / "deep" / "mug.json")) == "product"  # * crosses /
    assert settings.kind_for(str(tmp_path / "x" / "cat-1.json")) == "category"  # no /: the file name
    assert settings.kind_for(str(tmp_path / "other.json")) is None
    assert Settings().kind_for("catalog/mug.json") is None


def test_flags_win() -> None:
    settings = from_table({"select": ["schema"], "ignore": ["keys"], "strict": True})
    merged = settings.with_flags(select=("contact",), ignore=(), strict=False)
    assert (merged.options.select, merged.options.ignore, merged.strict) == ({"contact"}, set(), False)
    assert settings.with_flags() is settings


# Finding the file


def test_nearest_pyproject_walking_up(tmp_path: Path) -> None:
    outer = write_pyproject(tmp_path, "strict = true\n")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert find_pyproject(inner) == str(outer)
    assert load(inner).strict is True
    nearer = tmp_path / "a" / "pyproject.toml"
    nearer.write_text('[project]\nname = "sub"\n')
    assert find_pyproject(inner) == str(nearer)
    assert load(inner).strict is False  # the nearest file has no table: defaults, no further search


def test_no_pyproject_anywhere(tmp_path: Path) -> None:
    if find_pyproject(tmp_path) is not None:
        pytest.skip("a pyproject.toml exists above the temporary directory")
    assert load(tmp_path) == Settings()


@pytest.mark.parametrize(
    "spelling",
    [
        "[tool.brevo-schema]\nstrict = true\n",
        '[tool."brevo-schema"]\nstrict = true\n',
        "[tool]\nbrevo-schema = { strict = true }\n",
        "[tool]\nbrevo-schema.strict = true\n",
        "tool.brevo-schema.strict = true\n",
        "[tool.brevo-schema.severity]\nmoney = 'error'\n[tool.brevo-schema]\nstrict = true\n",
    ],
)
def test_every_toml_spelling_of_the_table_is_read(tmp_path: Path, spelling: str) -> None:
    (tmp_path / "pyproject.toml").write_text(spelling)
    assert load(tmp_path).strict is True


def test_invalid_toml_is_an_error(tmp_path: Path) -> None:
    path = write_pyproject(tmp_path, "strict = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(tmp_path)
    assert str(path) in _error(tmp_path)


def _error(directory: Path) -> str:
    try:
        load(directory)
    except ConfigError as error:
        return str(error)
    return ""


# Through the command line


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(FIXTURES, target)
    return target


def test_config_applies_to_check(project: Path) -> None:
    write_pyproject(project, 'ignore = ["keys/case"]\n[tool.brevo-schema.severity]\n"schema/minimum" = "warning"\n')
    proc = run("check", "order-bad.json", cwd=project)
    assert finding_lines(proc.stdout) == [
        "order-bad.json:6:3: warning schema/minimum",
        "order-bad.json:12:7: error products/quantity-not-integer",
        # keys/case is off, so the schema's own finding for "Coupons" is told instead (no error disappears)
        "order-bad.json:15:3: error schema/additionalProperties",
    ]


def test_config_is_found_from_a_subdirectory(project: Path) -> None:
    write_pyproject(project, "strict = true\n")
    assert run("check", "../order-warning.json", cwd=project / "tree").returncode == 1


def test_flags_beat_the_file(project: Path) -> None:
    write_pyproject(project, 'strict = true\nignore = ["order"]\nselect = ["schema"]\n')
    assert run("check", "order-warning.json", cwd=project).returncode == 0  # order/* ignored
    proc = run("check", "--ignore", "schema", "--select", "order", "--no-strict", "order-warning.json", cwd=project)
    assert proc.returncode == 0
    assert finding_lines(proc.stdout) == ["order-warning.json:5:3: warning order/status-unknown"]
    assert run("check", "--ignore", "schema", "--select", "order", "order-warning.json", cwd=project).returncode == 1


def test_batch_limits_from_the_file(project: Path) -> None:
    order = json.loads((FIXTURES / "order-valid.json").read_text())
    batch = {"orders": [dict(order, id=str(n)) for n in range(3)], "historical": True}
    (project / "batch.json").write_text(json.dumps(batch))
    assert run("check", "batch.json", cwd=project).returncode == 0
    write_pyproject(project, "max-orders = 2\n")
    proc = run("check", "batch.json", cwd=project)
    assert proc.returncode == 1
    assert finding_lines(proc.stdout) == ["batch.json:1:2: error batch/max-items"]  # the "orders" key


def test_kinds_fix_the_kind_per_path(project: Path) -> None:
    write_pyproject(project, '[tool.brevo-schema.kinds]\n"item.json" = "category"\n"tree/*" = "product"\n')
    proc = run("check", "--format", "json", "item.json", "tree/a-categories.ndjson", cwd=project)
    files = json.loads(proc.stdout)["files"]
    assert [d["kind"] for f in files for d in f["documents"]] == ["category", "product", "product"]
    # --kind wins over the file.
    forced = run("check", "--format", "json", "--kind", "product", "item.json", cwd=project)
    assert json.loads(forced.stdout)["files"][0]["documents"][0]["kind"] == "product"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("colour = true\n", "unknown key 'colour'"),
        ('select = ["schema/requird"]\n', "select: unknown rule or area 'schema/requird'"),
        ("max-orders = -1\n", "max-orders must be a positive integer, not -1"),
        ("strict = \n", "not valid TOML"),
    ],
)
def test_config_mistakes_exit_2_naming_them(project: Path, body: str, message: str) -> None:
    path = write_pyproject(project, body)
    proc = run("check", "order-valid.json", cwd=project)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"brevo-schema: error: {path}")
    assert message in line


# A configuration is never dropped without a word


@pytest.mark.parametrize("table", ["brevo_schema", "brevoschema", "brevo-schemas", "Brevo-Schema"])
def test_a_near_miss_table_name_is_an_error_with_did_you_mean(tmp_path: Path, table: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.{table}]\nignore = ["keys/case"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool\.brevo-schema\]") as caught:
        load(tmp_path)
    assert table in str(caught.value)


def test_a_near_miss_table_name_exits_2(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.brevo_schema]\nstrict = true\n", encoding="utf-8")
    proc = run("check", "order-valid.json", cwd=project)
    assert proc.returncode == 2
    assert "did you mean [tool.brevo-schema]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_other_tools_tables_are_no_near_miss(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff]\nline-length = 100\n[project.entry-points.x]\nbrevo_schema = "brevo_schema.plugin"\n',
        encoding="utf-8",
    )
    assert load(tmp_path).options.is_default


def test_no_toml_reader_is_an_error_not_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pyproject(tmp_path, 'ignore = ["keys/case"]\n')
    monkeypatch.setitem(sys.modules, "tomllib", None)  # as on Python 3.10 ...
    monkeypatch.setitem(sys.modules, "tomli", None)  # ... without tomli
    with pytest.raises(ConfigError, match="tomli"):
        load(tmp_path)


def test_tomli_is_a_dependency_where_tomllib_is_missing() -> None:
    import tomllib

    with open(ROOT / "pyproject.toml", "rb") as file:
        dependencies = tomllib.load(file)["project"]["dependencies"]
    assert any(
        d.replace(" ", "").startswith("tomli") and "python_version<'3.11'" in d.replace(" ", "").replace('"', "'")
        for d in dependencies
    )


def test_severity_areas_stay_areas_in_options() -> None:
    options = from_table({"severity": {"batch": "error"}}).options
    assert options.severities == {"batch": Severity.ERROR}
