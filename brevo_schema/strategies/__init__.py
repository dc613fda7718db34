"""Hypothesis strategies for Brevo eCommerce payloads (``pip install 'brevo-schema[hypothesis]'``).

Valid payloads, realistic enough to exercise the code that builds them::

    from hypothesis import given
    from brevo_schema import strategies as bst

    @given(bst.order_batches(max_size=50, historical=False))
    def test_sync_sends_live_orders(batch): ...

``orders()``, ``order_batches()``, ``products()``, ``product_batches()``,
``categories()``, ``category_batches()`` and ``payloads(kind)`` draw documents
on which ``brevo_schema.validate`` reports nothing at all: no error and no
warning. They hold unique ids inside a batch, valid e-mail addresses and E.164
phone numbers, UTC date-times with ``updatedAt >= createdAt``, money with two
decimals, ISO country codes (the schema's own list), unicode names and texts.
Every optional key is present in about half the draws, and the edges (empty
optional arrays and objects, quantity 0, a price of 0, 20 metaInfo keys, the
largest batch when ``max_size`` allows it) do come up. Draws shrink to short,
readable payloads (``ORD-1``, ``alice@example.com``, one order line).

Any top-level key can be fixed, as keyword arguments or a ``fixed`` mapping;
a value may be a plain value or a strategy (drawn), and ``OMIT`` leaves the key
out: ``orders(status="completed", billing=OMIT, id=st.uuids().map(str))``.
Fixed values are taken as given: the guarantee above holds when they are valid
themselves (a fixed ``id`` in a batch's items cannot be unique, for example).
Dependent values follow what was fixed: ``amount`` is computed from the fixed
``products``, ``updatedAt`` is drawn after a fixed ``createdAt``.

About the contact of an order (``orders(contact=...)``): ``"identifiers"``
names it in ``identifiers`` only, as the current API does; ``"legacy"`` also
sends the legacy top-level ``email`` and/or ``billing.phone``, *alongside*
``identifiers`` (a contact named only the legacy way draws the warning
``contact/legacy-only``, so that shape comes from
``invalid("order", "contact/legacy-only")``); ``"any"`` (the default) mixes both.

Invalid payloads: ``invalid(kind, rule)`` draws payloads of ``kind`` on which
``validate(payload, kind)`` reports ``rule`` and no other rule (error and
warning rules alike); ``invalid(kind)`` draws ``(payload, rule)`` pairs over
``invalid_rules(kind)``. ``invalid_json(rule)`` draws bytes for the rules that
need text (``json/...``) or no kind (``kind/unknown``): ``validate_json(data)``
reports exactly that rule. ``UNPRODUCIBLE`` names the registered rules no
payload can trigger, with the reason.

The building blocks are public too, for fixing a key to a realistic strategy:
``EMAILS``, ``MONEY`` (two decimals), ``UTC_DATE_TIMES``, ``COUNTRY_CODES`` (the
schema's ISO list), ``ORDER_IDS``, ``PRODUCT_IDS``, ``CATEGORY_IDS``, ``ORDER_LINES``.

The big batches (``order_batches(min_size=1000, max_size=1000)``) are built
from at most a few dozen drawn items copied under fresh ids: a thousand fully
independent orders would not fit in one Hypothesis test case.

Generation is built for speed (about 2.5 ms an order on Hypothesis 6.170,
ten to twenty times faster than hypothesis-jsonschema on the same schema; see
``benchmarks/bench_strategies.py``): a draw is what generation costs, so
related yes/no choices share one draw (``_flags``), and the choices that decide
a payload's shape come first, where Hypothesis varies them most freely.

Text is drawn as bytes and decoded here, never with ``st.text()``: no draw waits
while Hypothesis builds its unicode tables, so the first run on a fresh machine
(no ``.hypothesis/`` directory) passes the default health checks.

Importing this module registers the strategies for the TypedDicts of
``brevo_schema.types``: ``st.from_type(Order)`` draws from ``orders()``, and so on
(in a pytest session, the plugin registers them before any test module is imported).

This module does not use hypothesis-jsonschema, so it works with any
Hypothesis release from 6.100 on.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (the helpful message below, before any submodule needs it)
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("brevo_schema.strategies needs Hypothesis: pip install 'brevo-schema[hypothesis]'") from error

__all__ = [
    "CATEGORY_IDS",
    "COUNTRY_CODES",
    "EMAILS",
    "INVALID_JSON_RULES",
    "MONEY",
    "OMIT",
    "ORDER_IDS",
    "ORDER_LINES",
    "PRODUCT_IDS",
    "UNPRODUCIBLE",
    "UTC_DATE_TIMES",
    "categories",
    "category_batches",
    "invalid",
    "invalid_json",
    "invalid_rules",
    "order_batches",
    "orders",
    "payloads",
    "product_batches",
    "products",
]


from .base import COUNTRY_CODES, OMIT
from .batches import category_batches, order_batches, payloads, product_batches
from .breakers import invalid, invalid_rules
from .breakers.mutations import UNPRODUCIBLE
from .breakers.text import INVALID_JSON_RULES, invalid_json
from .catalog import categories, products
from .orders import ORDER_LINES, orders
from .registration import register_types
from .vocabulary import CATEGORY_IDS, EMAILS, MONEY, ORDER_IDS, PRODUCT_IDS, UTC_DATE_TIMES

register_types()
