"""Who runs in which workload, and how each peer is configured: same schemas, same data, same job.

Every peer is set up the way a careful user would set it up to judge what brevo-schema judges:

- fastjsonschema: ``compile(schema, formats=FORMATS, use_default=False)``, brevo-schema's own format
  checkers (its built-in ``date-time`` differs), and no defaults written into the caller's data.
- jsonschema: ``Draft7Validator`` with a ``FormatChecker`` holding our date-time and e-mail checkers;
  without them it silently skips ``date-time``.
- jsonschema-rs: ``validator_for(schema, validate_formats=True)``; it checks formats natively, in
  Rust (its date-time is RFC 3339 and so also takes a lower-case ``t``/``z``, which ours refuses).
- pydantic through the official SDK (``brevo-python``): its generated models, lax and open to
  unknown keys. They are in the table because they are what a Brevo user already has, and the
  catch counts show how little they check.
- pydantic strict and msgspec: the models in ``strict_pydantic`` and ``strict_msgspec``.
- the parse floor for the bytes workload: ``json.loads``, ``orjson.loads``, ``msgspec.json.decode``.

A peer whose package is missing is recorded with the reason and the install command, and left
out; nothing here imports a peer before it is asked for.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brevo_schema as bs
from brevo_schema.formats import FORMATS

from .data import Dataset

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "order.json"
INSTALL = "pip install 'brevo-schema[bench]'"

#: Each contender group: what it needs (modules to import, or an executable), and its pip name.
GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "brevo-schema": (("brevo_schema",), "brevo-schema"),
    "fastjsonschema": (("fastjsonschema",), "fastjsonschema"),
    "jsonschema": (("jsonschema",), "jsonschema"),
    "jsonschema-rs": (("jsonschema_rs",), "jsonschema-rs"),
    "pydantic-sdk": (("brevo", "pydantic"), "brevo-python"),
    "pydantic-strict": (("pydantic",), "pydantic"),
    "msgspec": (("msgspec",), "msgspec"),
    "orjson": (("orjson",), "orjson"),
    "json": (("json",), "(standard library)"),
    "check-jsonschema": ((), "check-jsonschema"),
    "python": ((), "(the interpreter)"),
}


@dataclass(frozen=True)
class Contender:
    """One row of the table: a callable doing the whole workload once, and optionally, per document,
    whether the contender rejects it (to count what it catches in the defective workloads)."""

    group: str
    label: str
    run: Callable[[], Any]
    rejects: Callable[[Any], bool] | None = None
    reference: bool = False


@dataclass
class Workload:
    """A job every contender in it does on the same data; ``items`` documents (or processes) per run."""

    id: str
    title: str
    items: int
    unit: str
    contenders: list[Contender] = field(default_factory=list)
    documents: Sequence[Any] = ()
    labels: Sequence[str] = ()
    valid: bool = True
    processes: bool = False


class Peers:
    """The selected contender groups, which of them are installed, and their engines, built once."""

    def __init__(self, selected: set[str]) -> None:
        self.selected = selected
        self.missing: dict[str, str] = {}
        self._cache: dict[tuple[str, str], Any] = {}

    def has(self, group: str) -> bool:
        """True when ``group`` was asked for and is installed; otherwise remembers why not."""
        if group not in self.selected or group in self.missing:
            return False
        modules, pip_name = GROUPS[group]
        for module in modules:
            try:
                importlib.import_module(module)
            except ImportError as error:
                self.missing[group] = f"{pip_name} is not installed ({error}); {INSTALL}"
                return False
        if group == "check-jsonschema" and executable("check-jsonschema") is None:
            self.missing[group] = f"the check-jsonschema command is not installed; {INSTALL}"
            return False
        if group in _BUILDERS:
            try:  # set up every kind now: a peer that cannot take our schemas is a finding, not a crash
                for kind in _KINDS[group]:
                    self.engine(group, kind)
            except Exception as error:
                self.missing[group] = f"{pip_name} failed to set up: {error!r}"
                return False
        return True

    def engine(self, group: str, kind: str) -> Any:
        """The compiled validator of ``group`` for ``kind``, built on first use."""
        key = (group, kind)
        if key not in self._cache:
            self._cache[key] = _BUILDERS[group](kind)
        return self._cache[key]


def _fastjsonschema(kind: str) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(bs.schema(kind), formats=dict(FORMATS), use_default=False)


def _jsonschema(kind: str) -> Any:
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, func in FORMATS.items():
        checker.checks(name)(func)
    return jsonschema.Draft7Validator(bs.schema(kind), format_checker=checker)


def _jsonschema_rs(kind: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(bs.schema(kind), validate_formats=True)


_SDK_BATCH_KEYS = {"order-batch": "orders", "product-batch": "products", "category-batch": "categories"}


def _pydantic_sdk(kind: str) -> Any:
    """A TypeAdapter over the SDK's own request models: the SDK has item models, no batch-body model,
    so the body is a TypedDict of them (as the SDK's ``create_batch_order`` and friends take them)."""
    import pydantic
    from brevo.ecommerce.types.create_update_batch_category_request_categories_item import (
        CreateUpdateBatchCategoryRequestCategoriesItem,
    )
    from brevo.ecommerce.types.create_update_batch_products_request_products_item import (
        CreateUpdateBatchProductsRequestProductsItem,
    )
    from brevo.types.order import Order
    from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

    if kind == "order":
        return Order
    item = {
        "order-batch": Order,
        "product-batch": CreateUpdateBatchProductsRequestProductsItem,
        "category-batch": CreateUpdateBatchCategoryRequestCategoriesItem,
    }[kind]
    extra = {"order-batch": {"historical": bool, "notifyUrl": str}}.get(kind, {"updateEnabled": bool})
    body = TypedDict("SdkBody", {_SDK_BATCH_KEYS[kind]: list[item], **extra}, total=False)  # type: ignore[misc,valid-type]
    return pydantic.TypeAdapter(body)


def _pydantic_strict(kind: str) -> Any:
    from . import strict_pydantic as m

    return {
        "order": m.Order,
        "order-batch": m.OrderBatch,
        "product-batch": m.ProductBatch,
        "category-batch": m.CategoryBatch,
    }[kind]


def _msgspec(kind: str) -> Any:
    from . import strict_msgspec as m

    return {"order": m.Order, "order-batch": m.OrderBatch}[kind]


_BATCH_KINDS = ("order", "order-batch", "product-batch", "category-batch")
#: The kinds each engine is built for (msgspec Structs exist for orders only).
_KINDS: dict[str, tuple[str, ...]] = {
    "fastjsonschema": _BATCH_KINDS,
    "jsonschema": _BATCH_KINDS,
    "jsonschema-rs": _BATCH_KINDS,
    "pydantic-sdk": _BATCH_KINDS,
    "pydantic-strict": _BATCH_KINDS,
    "msgspec": ("order", "order-batch"),
}
_BUILDERS: dict[str, Callable[[str], Any]] = {
    "fastjsonschema": _fastjsonschema,
    "jsonschema": _jsonschema,
    "jsonschema-rs": _jsonschema_rs,
    "pydantic-sdk": _pydantic_sdk,
    "pydantic-strict": _pydantic_strict,
    "msgspec": _msgspec,
}


def _each(check: Callable[[Any], Any], documents: Sequence[Any]) -> Callable[[], None]:
    """A run: ``check`` on every document, one at a time (how a service checks what it sends)."""

    def run() -> None:
        for document in documents:
            check(document)

    return run


def _raises(check: Callable[[Any], Any], *errors: type[BaseException]) -> Callable[[Any], bool]:
    """``check`` turned into "does it reject this document?" for a library that raises."""

    def rejects(document: Any) -> bool:
        try:
            check(document)
        except errors:
            return True
        return False

    return rejects


def _any(findings: Callable[[Any], list[Any]]) -> Callable[[Any], bool]:
    """``findings`` turned into "does it reject this document?"."""

    def rejects(document: Any) -> bool:
        return bool(findings(document))

    return rejects


def _fjs_error() -> type[BaseException]:
    import fastjsonschema

    exception: type[BaseException] = fastjsonschema.JsonSchemaValueException
    return exception


def _pydantic_error() -> type[BaseException]:
    import pydantic

    return pydantic.ValidationError


def _msgspec_error() -> type[BaseException]:
    import msgspec

    exception: type[BaseException] = msgspec.ValidationError
    return exception


def _pydantic_findings(model: Any) -> Callable[[Any], list[Any]]:
    """Every error pydantic reports for a document (it collects them all before raising)."""
    error = _pydantic_error()
    validate = model.validate_python if hasattr(model, "validate_python") else model.model_validate

    def findings(document: Any) -> list[Any]:
        try:
            validate(document)
        except error as failure:
            return failure.errors()  # type: ignore[attr-defined,no-any-return]
        return []

    return findings


def _validates(model: Any) -> Callable[[Any], Any]:
    return model.validate_python if hasattr(model, "validate_python") else model.model_validate  # type: ignore[no-any-return]


def _verdict_contenders(
    peers: Peers, kind: str, documents: Sequence[Any], complete: bool, verdict_reference: bool = False
) -> list[Contender]:
    """The peers in a workload on parsed documents of ``kind``.

    ``complete``: the job is every finding (brevo-schema ``validate``, jsonschema ``iter_errors``,
    pydantic's error list); otherwise a verdict (valid or not, stopping at the first error where the
    library can), which is what ``is_valid`` and the raising validators give. The reference row is
    ``validate`` (what the targets are about), or ``is_valid`` with ``verdict_reference``, where the
    peers only give a verdict on invalid data and a full report would be no like-for-like reference.
    """
    out: list[Contender] = []
    if peers.has("brevo-schema"):
        if not complete:
            out.append(
                Contender(
                    "brevo-schema",
                    "brevo-schema is_valid",
                    _each(lambda d: bs.is_valid(d, kind), documents),
                    lambda d: not bs.is_valid(d, kind),
                    reference=verdict_reference,
                )
            )
        out.append(
            Contender(
                "brevo-schema",
                "brevo-schema validate (report)",
                _each(lambda d: bs.validate(d, kind), documents),
                lambda d: not bs.validate(d, kind).ok,
                reference=not verdict_reference,
            )
        )
    if not complete and peers.has("fastjsonschema"):
        fjs = peers.engine("fastjsonschema", kind)
        rejects = _raises(fjs, _fjs_error())
        out.append(Contender("fastjsonschema", "fastjsonschema (raw compile)", _each(rejects, documents), rejects))
    if peers.has("jsonschema"):
        js = peers.engine("jsonschema", kind)
        if complete:
            out.append(
                Contender(
                    "jsonschema",
                    "jsonschema iter_errors (all)",
                    _each(lambda d: list(js.iter_errors(d)), documents),
                    lambda d: bool(list(js.iter_errors(d))),
                )
            )
        else:
            out.append(
                Contender(
                    "jsonschema", "jsonschema is_valid", _each(js.is_valid, documents), lambda d: not js.is_valid(d)
                )
            )
    if peers.has("jsonschema-rs"):
        rs = peers.engine("jsonschema-rs", kind)
        if complete:
            out.append(
                Contender(
                    "jsonschema-rs",
                    "jsonschema-rs iter_errors (all)",
                    _each(lambda d: list(rs.iter_errors(d)), documents),
                    lambda d: bool(list(rs.iter_errors(d))),
                )
            )
        else:
            out.append(
                Contender(
                    "jsonschema-rs",
                    "jsonschema-rs is_valid",
                    _each(rs.is_valid, documents),
                    lambda d: not rs.is_valid(d),
                )
            )
    for group, label in (("pydantic-sdk", "pydantic: brevo-python SDK models"), ("pydantic-strict", "pydantic strict")):
        if peers.has(group):
            model = peers.engine(group, kind)
            if complete:
                findings = _pydantic_findings(model)
                out.append(Contender(group, f"{label} (all errors)", _each(findings, documents), _any(findings)))
            else:
                rejects = _raises(_validates(model), _pydantic_error())
                out.append(Contender(group, label, _each(rejects, documents), rejects))
    if not complete and kind in ("order", "order-batch") and peers.has("msgspec"):
        import msgspec

        struct = peers.engine("msgspec", kind)
        rejects = _raises(lambda d: msgspec.convert(d, struct), _msgspec_error())
        out.append(Contender("msgspec", "msgspec Structs (convert)", _each(rejects, documents), rejects))
    return out


def _bytes_contenders(peers: Peers, payload: bytes) -> list[Contender]:
    """From the bytes of a maximal order batch to a verdict or report, and the parse floor."""
    import json

    kind = "order-batch"
    out: list[Contender] = []
    if peers.has("brevo-schema"):
        out.append(
            Contender(
                "brevo-schema",
                "brevo-schema validate_json (report, positions)",
                lambda: bs.validate_json(payload),
                reference=True,
            )
        )
        out.append(
            Contender(
                "brevo-schema", "json.loads + brevo-schema validate", lambda: bs.validate(json.loads(payload), kind)
            )
        )
    if peers.has("json"):
        out.append(Contender("json", "json.loads (parse floor)", lambda: json.loads(payload)))
    if peers.has("orjson"):
        import orjson

        out.append(Contender("orjson", "orjson.loads (parse floor)", lambda: orjson.loads(payload)))
    if peers.has("msgspec"):
        import msgspec

        decoder = msgspec.json.Decoder()
        out.append(Contender("msgspec", "msgspec.json.decode untyped (parse floor)", lambda: decoder.decode(payload)))
    if peers.has("fastjsonschema"):
        fjs = peers.engine("fastjsonschema", kind)
        out.append(Contender("fastjsonschema", "json.loads + fastjsonschema", lambda: fjs(json.loads(payload))))
    if peers.has("jsonschema"):
        js = peers.engine("jsonschema", kind)
        out.append(
            Contender(
                "jsonschema", "json.loads + jsonschema iter_errors", lambda: list(js.iter_errors(json.loads(payload)))
            )
        )
    if peers.has("jsonschema-rs"):
        rs = peers.engine("jsonschema-rs", kind)
        out.append(
            Contender(
                "jsonschema-rs",
                "json.loads + jsonschema-rs iter_errors",
                lambda: list(rs.iter_errors(json.loads(payload))),
            )
        )
    if peers.has("pydantic-sdk"):
        sdk = peers.engine("pydantic-sdk", kind)
        out.append(Contender("pydantic-sdk", "pydantic SDK models validate_json", lambda: sdk.validate_json(payload)))
    if peers.has("pydantic-strict"):
        strict = peers.engine("pydantic-strict", kind)
        out.append(
            Contender(
                "pydantic-strict", "pydantic strict model_validate_json", lambda: strict.model_validate_json(payload)
            )
        )
    if peers.has("msgspec"):
        from .strict_msgspec import ORDER_DECODER

        out.append(Contender("msgspec", "msgspec typed decode (Structs)", lambda: ORDER_DECODER.decode(payload)))
    return out


def executable(name: str) -> str | None:
    """The console script ``name`` of this interpreter's environment, else the one on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def process_env() -> dict[str, str]:
    """The environment whole-process runs get: bytecode caching on, as in any installed package.

    With ``PYTHONDONTWRITEBYTECODE`` set (this workplace sets it), every run would compile
    every module of an editable install from source, a cost no real installation pays.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", os.path.join(tempfile.gettempdir(), "brevo-schema-bench-pycache"))
    return env


def _process(command: list[str]) -> Callable[[], None]:
    env = process_env()

    def run() -> None:
        completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        if completed.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {completed.returncode}")

    return run


FALLBACK_CODE = (
    "import brevo_schema, sys; sys.exit(0 if brevo_schema.validate_json(open(sys.argv[1],'rb').read()).ok else 1)"
)


def brevo_cli_command(example: Path = EXAMPLE) -> tuple[list[str], str]:
    """The ``brevo-schema check`` command and its label, or the documented ``python -c`` fallback
    (labelled as such) when the CLI is not installed or fails on a valid file."""
    found = executable("brevo-schema")
    if found is not None:
        command = [found, "check", str(example)]
        result = subprocess.run(command, capture_output=True, check=False)
        if result.returncode == 0:
            return command, "brevo-schema check (CLI)"
        reason = f"brevo-schema check exited {result.returncode}"
    else:
        reason = "brevo-schema is not on PATH"
    return [sys.executable, "-c", FALLBACK_CODE, str(example)], f"python -c validate_json (fallback: {reason})"


def _startup_contenders(peers: Peers, example: Path) -> list[Contender]:
    out: list[Contender] = []
    if peers.has("brevo-schema"):
        command, label = brevo_cli_command(example)
        out.append(Contender("brevo-schema", label, _process(command), reference=True))
    if peers.has("check-jsonschema"):
        command = [
            str(executable("check-jsonschema")),
            "--schemafile",
            str(ROOT / "schemas" / "order.json"),
            str(example),
        ]
        out.append(Contender("check-jsonschema", "check-jsonschema --schemafile", _process(command)))
    if peers.has("python"):
        out.append(Contender("python", "python -c pass (interpreter floor)", _process([sys.executable, "-c", "pass"])))
    return out


#: Workload ids, in table order, with their titles.
WORKLOADS: dict[str, str] = {
    "orders": "valid orders, one at a time",
    "order-batch": "valid order batch, one document",
    "orders-invalid-first": "orders with one defect each: first verdict",
    "orders-invalid-complete": "orders with one defect each: complete findings",
    "order-batch-bytes": "maximal order batch from bytes to report",
    "product-batch": "product batch",
    "category-batch": "category batch",
    "cli-start-up": "CLI cold start on one valid order file (whole process)",
}


def workloads(data: Dataset, peers: Peers, wanted: Sequence[str]) -> list[Workload]:
    """The workloads in ``wanted`` with every installed, selected contender in each."""
    n_orders = len(data.orders)
    built: list[Workload] = []
    for wid in wanted:
        title = WORKLOADS[wid]
        if wid == "orders":
            w = Workload(wid, f"{n_orders} {title}", n_orders, "order")
            w.contenders = _verdict_contenders(peers, "order", data.orders, complete=False)
            w.documents = data.orders
        elif wid == "order-batch":
            w = Workload(wid, f"{title} ({n_orders} orders)", n_orders, "order")
            w.contenders = _verdict_contenders(peers, "order-batch", [data.order_batch], complete=False)
            w.documents = [data.order_batch]
        elif wid in ("orders-invalid-first", "orders-invalid-complete"):
            w = Workload(wid, f"{len(data.defective)} {title}", len(data.defective), "order")
            complete = wid.endswith("complete")
            w.contenders = _verdict_contenders(peers, "order", data.defective, complete, verdict_reference=not complete)
            w.documents, w.labels, w.valid = data.defective, data.defect_names, False
        elif wid == "order-batch-bytes":
            size = len(data.order_batch_bytes)
            w = Workload(wid, f"{title} ({n_orders} orders, {size / 1e6:.2f} MB)", n_orders, "order")
            w.contenders = _bytes_contenders(peers, data.order_batch_bytes)
        elif wid in ("product-batch", "category-batch"):
            key = _SDK_BATCH_KEYS[wid]
            document = data.product_batch if wid == "product-batch" else data.category_batch
            items = len(document[key])
            w = Workload(wid, f"{title} ({items} {key})", items, "product" if key == "products" else "category")
            w.contenders = _verdict_contenders(peers, wid, [document], complete=False)
            w.documents = [document]
        elif wid == "cli-start-up":
            w = Workload(wid, title, 1, "process", processes=True)
            w.contenders = _startup_contenders(peers, EXAMPLE)
        else:  # pragma: no cover - the command line checks the ids
            raise ValueError(f"unknown workload {wid!r}")
        built.append(w)
    return built
