"""rules/orders: the fast paths give the answers of the plain definitions, for every value."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from brevo_schema.rules.orders import _artifact

#: Prices as exports write them (cents, mills, float sums), and every other float.
_MONEY = st.one_of(
    st.integers(-(10**15), 10**15).map(lambda cents: cents / 100),
    st.integers(-(10**15), 10**15).map(lambda mills: mills / 1000),
    st.tuples(st.floats(0, 1e6), st.floats(0, 1e6)).map(sum),
    st.floats(allow_nan=True, allow_infinity=True),
)


@given(_MONEY)
@example(0.1 + 0.2)
@example(19.990000000000002)
@example(float(2**42) + 0.5)
@example(float(2**43) + 0.125)
@example(4398046511103.999)
@example(-0.0)
def test_artifact_is_more_than_three_decimals(value: float) -> None:
    assert _artifact(value) == (math.isfinite(value) and value != round(value, 3))


def test_only_floats_can_be_artifacts() -> None:
    assert not _artifact(3)
    assert not _artifact("19.999")
    assert not _artifact(True)
