"""The pytest plugin's judging fixtures follow the project's ``[tool.brevo-schema]``, as ``check`` does."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

_INSTALLED = any(ep.value == "brevo_schema.pytest_plugin" for ep in entry_points(group="pytest11"))
#: The entry point loads the plugin where the package is installed; else name it.
_PLUGIN = [] if _INSTALLED else ["-p", "brevo_schema.pytest_plugin"]

_TEST = """
def test_cancelled(brevo_order, brevo_assert_valid, brevo_validator):
    brevo_order["status"] = "canceled"  # order/status-unknown: a warning
    brevo_assert_valid(brevo_order, "order")
    assert brevo_validator.validate(brevo_order).findings == ()
"""


def _run(pytester: pytest.Pytester, table: str) -> pytest.RunResult:
    pytester.makefile(".toml", pyproject=f'[project]\nname = "shop"\n\n{table}')
    pytester.makepyfile(_TEST)
    return pytester.runpytest_subprocess(*_PLUGIN, "-p", "no:cacheprovider")


def test_the_project_table_decides(pytester: pytest.Pytester) -> None:
    result = _run(pytester, '[tool.brevo-schema]\nstrict = true\nignore = ["order/status-unknown"]\n')
    result.assert_outcomes(passed=1)


def test_strict_from_the_project(pytester: pytest.Pytester) -> None:
    result = _run(pytester, "[tool.brevo-schema]\nstrict = true\n")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*warning order/status-unknown*"])


def test_a_config_mistake_fails_the_test_naming_it(pytester: pytest.Pytester) -> None:
    result = _run(pytester, '[tool.brevo_schema]\nignore = ["order/status-unknown"]\n')
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*did you mean [[]tool.brevo-schema[]]*"])
