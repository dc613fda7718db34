"""NDJSON read fast: a chunk decoded once, each line parsed in place by one reused decoder.

``check`` spends most of its time per document, and on a 10^5-line export the
parser's share used to include work done once per line that can be done once per
chunk: splitting the bytes into lines, decoding each, looking for NUL and a BOM,
building a decoder. Here the chunk is decoded whole and each line's value is read
where it sits (the decoder's scanner at its offset). A line the fast path does not take
as it is (not valid JSON, a duplicate key, NaN, blanks before it, a BOM, bytes that
are not UTF-8 anywhere in the chunk) is parsed alone by ``jsonsource.parse``, from
its own bytes, so its findings are exactly those ``validate_json`` gives that line.

``check`` asks for the plain reading (``plain``): plain ``json``, or orjson when the ``fast``
extra is installed, without the strict parser's hooks; the validator then proves each
document whole (``Parsed.keys``) or has the line parsed strictly after all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import IO, Any

from .jsonsource import Parsed, StrictDecoder, parse

#: A file is read in pieces of about this size (each cut at a line end): memory is bounded by it.
CHUNK_BYTES = 4 << 20

#: What ``bytes.strip()`` removes: a line of only these is blank (and skipped).
_BLANK_LINE = " \t\n\r\x0b\x0c"
#: What JSON allows after a value (the line's ``\r`` included).
_TRAILING = " \t\r"


def parsed_lines(data: bytes, plain: bool = False, fast: bool = True) -> Iterator[tuple[int, int, Parsed]]:
    """``(index, line, parsed)`` for each non-blank line of ``data``: the document's index
    among them, its 1-based line number in ``data``, and the outcome of parsing it (the
    text of a parsed line is the line, without its line end).

    With ``plain``, a line is read by plain ``json`` and comes with ``Parsed.keys``, the most
    keys its text can hold: ``Validator.validate_parsed`` proves nothing was dropped (a key
    given twice) or parses the line again. The proof costs a count and a few ``len()``
    calls where the hooks that see a key given twice cost a quarter of the parse. With
    ``fast`` too, and orjson installed (the ``fast`` extra), orjson reads the line instead:
    about three times quicker than ``json`` on an order, and the same document wherever it
    does not refuse the line (``fast_reader`` says where it would not be)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        yield from _line_by_line(data)
        return
    strict = StrictDecoder()
    # The C scanner itself: raw_decode() would cost a Python frame a line.
    scan = strict.scan_plain if plain else strict.scan_fast
    loads = fast_reader(data) if plain and fast else None
    # A key's closing quote is followed by its colon, or by blanks and then its colon: where no
    # quote is followed by a blank, the keys of a line are at most the '":' in it. Elsewhere
    # (a chunk with '" ', say), each line is looked at for itself.
    spaced = plain and _blank_after_quote(text)
    find = text.find
    index = number = position = 0
    end = len(text)
    while position < end:
        newline = find("\n", position)
        if newline < 0:
            newline = end
        start, position = position, newline + 1
        number += 1
        if loads is not None and text[start : start + 1] == "{":
            last = newline - 1 if text[newline - 1] == "\r" else newline
            line = text[start:last]
            try:
                document = loads(line)
            except ValueError:  # orjson's error: parsed alone below, to say what is wrong and where
                pass
            else:
                if not (spaced and _blank_after_quote(line)):
                    yield index, number, Parsed(document, [], line, ok=True, keys=line.count('":'))
                    index += 1
                    continue
        elif text[start : start + 1] == "{":  # the usual line: an object from its first character
            strict.reset()
            try:
                document, stop = scan(text, start)
            except (StopIteration, ValueError, RecursionError):
                stop = end + 1  # parsed alone below: the parser says what is wrong, and where
            if (stop == newline or (stop < newline and not text[stop:newline].strip(_TRAILING))) and not (
                strict.flagged
            ):
                last = newline - 1 if text[newline - 1] == "\r" else newline
                line = text[start:last]
                if not plain:
                    yield index, number, Parsed(document, [], line, ok=True)
                    index += 1
                    continue
                if not (spaced and _blank_after_quote(line)):
                    yield index, number, Parsed(document, [], line, ok=True, keys=text.count('":', start, stop))
                    index += 1
                    continue
        elif not text[start:newline].strip(_BLANK_LINE):
            continue
        yield index, number, parse(text[start:newline].encode("utf-8").removesuffix(b"\r"))
        index += 1


#: Each digit as ``0``, anything else as a blank: a run of 19 digits shows as 19 zeros.
_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_RUN = b"0" * 19


def fast_reader(data: bytes) -> Callable[[str], Any] | None:
    """orjson's ``loads`` for the lines of ``data`` when it makes the documents ``json`` makes,
    else None. orjson refuses NaN, Infinity, 1e400, an escaped lone surrogate and deep nesting
    (the line is then parsed alone, strictly) and keeps the last of two equal keys, as ``json``
    does (the validator's proof sees it); but it reads an integer past 64 bits as a float,
    and every such integer is written with 19 digits or more, so a chunk with a run of 19
    digits anywhere is read by ``json``. Looking costs two passes over the bytes, a tenth of
    orjson's own time."""
    loads = _orjson_loads()
    if loads is None or data.translate(_DIGITS).find(_LONG_RUN) >= 0:
        return None
    return loads


@cache
def _orjson_loads() -> Callable[[str], Any] | None:
    try:
        from orjson import loads
    except ImportError:
        return None
    return loads


def _blank_after_quote(text: str) -> bool:
    """Whether a quote in ``text`` is followed by JSON whitespace (looked for only where the
    whitespace is there at all: a search for one character is many times faster)."""
    return '" ' in text or ("\t" in text and '"\t' in text) or ("\r" in text and '"\r' in text)


def _line_by_line(data: bytes) -> Iterator[tuple[int, int, Parsed]]:
    """Each line parsed from its own bytes (a chunk that is not all UTF-8)."""
    index = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        yield index, number, parse(line.removesuffix(b"\r"))
        index += 1


def file_lines(stream: IO[bytes], chunk_bytes: int = CHUNK_BYTES) -> Iterator[tuple[int, int, Parsed]]:
    """``parsed_lines`` over a whole file, read a piece at a time: indexes and line numbers
    count from the file's start."""
    indexes = lines = 0
    while True:
        chunk = stream.read(chunk_bytes)
        if not chunk:
            return
        if not chunk.endswith(b"\n"):
            chunk += stream.readline()  # to the end of the line the piece cut
        count = 0
        for index, line, parsed in parsed_lines(chunk):
            count = index + 1
            yield indexes + index, lines + line, parsed
        indexes += count
        lines += chunk.count(b"\n")
