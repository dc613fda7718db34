"""From bytes to JSON text: UTF-8 (a byte-order mark tolerated), or a finding that says
what the bytes are instead (UTF-16, a PNG image, a ZIP archive...), never an exception.

Kept apart from the parser because every reader needs it first: ``parse`` for one
document, ``check`` for a chunk of NDJSON decoded at once.
"""

from __future__ import annotations

from ..report import Finding, Severity

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def error_finding(
    rule: str,
    message: str,
    hint: str | None = None,
    pointer: str = "",
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    """A parser's finding: always an error (nothing else can be checked past it)."""
    return Finding(rule, Severity.ERROR, pointer, message, hint, line, column)


def decode(data: str | bytes) -> tuple[str | None, Finding | None]:
    """The text of ``data`` (UTF-8, a BOM tolerated), or a ``json/syntax`` finding."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    raw = bytes(data)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if name == "utf-8":
                raw = raw[len(bom) :]
                break
            return None, error_finding(
                "json/syntax",
                f"the text is {name} (it starts with a {name} byte-order mark); JSON for Brevo is UTF-8",
                "save the file as UTF-8",
                line=1,
                column=1,
            )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")) + 1
        byte = raw[error.start]
        return None, error_finding(
            "json/syntax",
            f"not UTF-8 text: byte 0x{byte:02x} at line {line} column {column} cannot be decoded",
            _undecodable_hint(raw),
            line=line,
            column=column,
        )


#: What a file that starts with these bytes is (it is no text, so "save it as UTF-8" would mislead).
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a file in a ZIP format: xlsx, docx...)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)


def _undecodable_hint(raw: bytes) -> str:
    """The hint for bytes that are not UTF-8: a known binary format by name, binary data, or text to re-save."""
    for signature, name in _SIGNATURES:
        if raw.startswith(signature):
            return f"this is {name}, not JSON text: check that it is the file you meant to check"
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "this is a WebP image, not JSON text: check that it is the file you meant to check"
    if b"\x00" in raw[:1024]:
        return "this is binary data, not JSON text: check that it is the file you meant to check"
    return "save the file as UTF-8"
