"""Shared test set-up: the Hypothesis profiles, and the brevo-schema pytest plugin.

Profiles (``--hypothesis-profile=NAME`` or ``HYPOTHESIS_PROFILE=NAME``):

``ci`` (the default)
    Derandomized, so a run is the same on every machine and a failure is
    reproducible; 200 examples a test (the properties run over every kind, so
    each property sees several thousand inputs in all); no deadline, since
    shared CI runners stall at random.
``fuzz``
    Randomised and 60 times longer: for hunting, not for CI. Run it as
    ``HYPOTHESIS_PROFILE=fuzz pytest tests/engine/test_properties.py``.

Tests that scale their own example counts read ``settings.default.max_examples``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["pytester"]  # tests/strategies/test_strategies.py runs the plugin in a fresh pytest

_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=200,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=False,
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    deadline=None,
    max_examples=12_000,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: pytest.Config) -> None:
    """Load the fixtures of ``brevo_schema.pytest_plugin`` unless its entry point already did."""
    from brevo_schema import pytest_plugin

    if not config.pluginmanager.is_registered(pytest_plugin):
        config.pluginmanager.register(pytest_plugin, "brevo_schema.pytest_plugin")
