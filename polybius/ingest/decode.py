"""Bytes to text, with one clear reason for every document that is rejected.

The text a :class:`~polybius.records.Document` carries is exactly the decoded input: newlines,
spaces and characters are never changed (spans are offsets into it), except that a leading
byte-order mark is dropped. Every function here is pure; the readers call them.
"""

from __future__ import annotations

import codecs
import email.utils
import hashlib
import io
import re
import unicodedata
from datetime import date, datetime
from typing import BinaryIO, Iterator

from ..errors import InputError
from ..records import Document, Failure
from ..settings import Settings

#: Whitespace control characters that plain text may contain.
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c")
#: C0 controls (and DEL) other than whitespace: a sign of binary content.
_BINARY_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
#: Share of binary control bytes above which a file is taken for binary content.
MAX_CONTROL_SHARE = 0.05
#: A legacy-encoded text whose mess ratio (charset_normalizer) is above this is rejected.
MAX_MESS_RATIO = 0.1
#: Non-letter, non-ASCII characters that Western cp1252/Latin-1 news text commonly holds.
_LEGACY_SYMBOLS = frozenset("\u00a0’‘“”„–—…•€£¥¢°±§©®™×÷·«»¿¡¹²³¼½¾µ¶†‡‰‹›")
#: A valid UTF-8 multi-byte sequence: its presence in invalid UTF-8 means mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")
#: Unicode control characters (category Cc) other than tab, newlines and form feed.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: Written-out dates read without dateparser (fast path): "3 March 2025", "March 3, 2025".
_WRITTEN_DATES = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y")
#: 03/04/2025: day and month could be either way round, so it is not guessed.
_AMBIGUOUS_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def format_size(n_bytes: int) -> str:
    """A byte count for people: ``7.3 MB``, ``2.0 kB``, ``512 bytes`` (decimal units).

    >>> format_size(7_300_000), format_size(2_048), format_size(12)
    ('7.3 MB', '2.0 kB', '12 bytes')
    """
    if n_bytes >= 1_000_000_000:
        return f"{n_bytes / 1_000_000_000:.1f} GB"
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f} MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f} kB"
    return f"{n_bytes} bytes"


def size_reason(n_bytes: int, limit: int, what: str = "document") -> str:
    """The rejection reason for an input over its size limit (derived from ``max_bytes``).

    >>> size_reason(7_300_000, Settings().max_bytes)
    'document is 7.3 MB, over the 5.0 MB limit (max_bytes)'
    """
    return f"{what} is {format_size(n_bytes)}, over the {format_size(limit)} limit (max_bytes)"


def read_bounded(stream: BinaryIO, limit: int, what: str = "document") -> bytes:
    """Read a whole stream, but never more than ``limit + 1`` bytes of it.

    Raises :class:`InputError` (with the size-limit reason) when the stream is longer.
    """
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    size = len(data)
    while chunk := stream.read(1 << 20):  # count the rest without keeping it
        size += len(chunk)
    raise InputError(size_reason(size, limit, what))


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """Yield ``(line_number, line_bytes)`` from a binary stream, one line in memory at a time.

    A line longer than ``limit`` bytes is skipped without being held in memory: its entry is
    ``(line_number, size_in_bytes)`` instead, and reading goes on with the next line.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or (len(line) == limit + 1 and line.endswith(b"\n")):
            yield number, line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield number, size


def iter_text_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, str | None, str | None]]:
    """Yield ``(line_number, text, problem)`` for each line of a binary stream, streaming.

    ``text`` is the decoded line with its newline; ``problem`` is ``None`` or why the line is
    unusable. An undecodable line comes as ``problem`` plus its text decoded with
    ``surrogateescape``; a line over ``limit`` bytes comes with ``text=None``. A UTF-8 BOM is
    dropped; a stream starting with a UTF-16/32 BOM is decoded as such.
    """
    head = stream.read(4)
    for bom, encoding in _BOMS:
        if head.startswith(bom) and encoding != "utf-8-sig":
            yield from _iter_wide_lines(_Rewound(head, stream), encoding, limit)
            return
    lines = iter_lines(io.BufferedReader(_Rewound(head, stream)), limit)  # type: ignore[arg-type]
    for number, line in lines:
        if isinstance(line, int):
            yield number, None, size_reason(line, limit)
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        try:
            yield number, line.decode("utf-8"), None
        except UnicodeDecodeError:
            try:
                yield number, decode_bytes(line), None
            except InputError as exc:
                yield number, line.decode("utf-8", "surrogateescape"), str(exc)


def _iter_wide_lines(raw: io.RawIOBase, encoding: str,
                     limit: int) -> Iterator[tuple[int, str | None, str | None]]:
    reader = io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, newline="")
    number = 0
    try:
        while line := reader.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                size = len(line)
                while line and not line.endswith("\n"):
                    line = reader.readline(1 << 20)
                    size += len(line)
                yield number, None, size_reason(size, limit)
                continue
            yield number, line, None
    except UnicodeDecodeError as exc:
        name = encoding.upper()
        yield number + 1, None, (f"invalid {name} after line {number}; the rest of the file "
                                 f"was not read; re-save the file as UTF-8 ({exc.reason})")


class _Rewound(io.RawIOBase):
    """A raw stream that first returns ``head`` (bytes already read), then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def decode_bytes(data: bytes) -> str:
    """Decode a document's bytes; raise :class:`InputError` with the reason when it is not text.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, and confidently detected cp1252/Latin-1
    are accepted; a leading BOM is dropped and nothing else is changed.

    >>> decode_bytes("café".encode("utf-16"))
    'café'
    >>> decode_bytes("Señor Pérez, Córdoba".encode("latin-1"))
    'Señor Pérez, Córdoba'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                name = encoding.upper().replace("-SIG", "")
                raise InputError(f"invalid {name} at byte {exc.start}; re-save the file as UTF-8") from exc
    if b"\x00" in data:
        raise InputError("binary content, not text")
    controls = len(data) - len(data.translate(None, _BINARY_BYTES))
    if data and controls / len(data) > MAX_CONTROL_SHARE:
        raise InputError("binary content, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _decode_legacy(data)
        if text is None:
            raise InputError(
                f"invalid UTF-8 at byte {exc.start}; re-save the file as UTF-8") from exc
        return text


def _decode_legacy(data: bytes) -> str | None:
    """cp1252 (a superset of printable Latin-1) text, when it reads as clean Western text."""
    from charset_normalizer.md import mess_ratio  # imported on use, never at module import

    if _UTF8_SEQUENCE.search(data):
        return None  # partly UTF-8: guessing would garble one of the two parts
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None  # bytes undefined in cp1252 are C1 controls in Latin-1: not news text
    for char in set(text):
        if ord(char) > 127 and char not in _LEGACY_SYMBOLS \
                and not unicodedata.category(char).startswith("L"):
            return None
    if mess_ratio(text, MAX_MESS_RATIO) >= MAX_MESS_RATIO:
        return None
    return text


def text_problem(text: str, settings: Settings) -> str | None:
    """Why a decoded text cannot be a document (``None`` when it can).

    >>> text_problem("   ", Settings())
    'empty document'
    >>> text_problem("Too short.", Settings())
    'document has 9 non-space characters, fewer than the minimum of 20 (min_chars)'
    """
    if not text.strip():
        return "empty document"
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a JSON "\ud800" escape
        return f"text is not valid Unicode: unpaired surrogate at character {exc.start}"
    non_space = len("".join(text.split()))
    if non_space < settings.min_chars:
        return (f"document has {non_space} non-space characters, fewer than the minimum "
                f"of {settings.min_chars} (min_chars)")
    if len(_CONTROL_CHARS.findall(text)) / len(text) > MAX_CONTROL_SHARE:
        return "binary content, not text"
    if size > settings.max_bytes:
        return size_reason(size, settings.max_bytes)
    return None


def normalise_published(raw: object) -> str | None:
    """An ISO 8601 date or datetime from a publication date, or ``None`` when unparseable.

    Relative phrases ("yesterday") and dates without a day are not guessed.

    >>> normalise_published("Tue, 11 Mar 2025 09:30:00 GMT")
    '2025-03-11T09:30:00+00:00'
    >>> normalise_published("12 March 2025"), normalise_published("soon")
    ('2025-03-12', None)
    """
    if isinstance(raw, datetime):
        return raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if not isinstance(raw, str) or not raw.strip() or len(raw) > 100:
        return None
    value = raw.strip()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        pass  # not a plain date: try a datetime next
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass  # not ISO 8601: try RFC 2822 (feeds, e-mail) next
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass  # not RFC 2822: try the common written-out forms, then dateparser
    for form in _WRITTEN_DATES:
        try:
            return datetime.strptime(value, form).date().isoformat()
        except ValueError:
            continue
    return _parse_written_date(value)


def _parse_written_date(value: str) -> str | None:
    import dateparser  # slow to import: only when a written-out date needs it

    numeric = _AMBIGUOUS_NUMERIC.fullmatch(value)
    if numeric and numeric[1] != numeric[2] and max(int(numeric[1]), int(numeric[2])) <= 12:
        return None

    parsed = dateparser.parse(value, languages=["en"], settings={
        "PARSERS": ["custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "DMY",
    })
    if parsed is None:
        return None
    if ":" not in value and (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat()


def make_document(text: str, *, doc_id: str, origin: str, settings: Settings,
                  published: object = None, title: str | None = None,
                  url: str | None = None, source: str | None = None) -> Document | Failure:
    """A :class:`Document` from decoded text and metadata, or the :class:`Failure` saying why not.

    >>> make_document("Shelling hit Kharkiv overnight, officials said.", doc_id="k",
    ...               origin="k.txt", settings=Settings(), published="2025-03-11").published
    '2025-03-11'
    """
    problem = text_problem(text, settings)
    if problem is None and not _is_valid_unicode(doc_id):
        problem = f"id is not valid Unicode: {_printable(doc_id)}"
    if problem is not None:
        return Failure(origin=origin, reason=problem, doc_id=_printable(doc_id),
                       content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
    return Document(id=doc_id, text=text, published=normalise_published(published),
                    title=_clean_meta(title), url=_clean_meta(url), source=_clean_meta(source),
                    origin=origin)


def decode_document(data: bytes, *, doc_id: str, origin: str, settings: Settings,
                    published: object = None, title: str | None = None,
                    url: str | None = None, source: str | None = None) -> Document | Failure:
    """Decode raw bytes into a :class:`Document`, or a :class:`Failure`; never raises.

    >>> decode_document(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", doc_id="x", origin="x.txt",
    ...                 settings=Settings()).reason
    'binary content, not text'
    """
    if len(data) > settings.max_bytes:
        return Failure(origin=origin, reason=size_reason(len(data), settings.max_bytes), doc_id=doc_id)
    try:
        text = decode_bytes(data)
    except InputError as exc:
        return Failure(origin=origin, reason=str(exc), doc_id=doc_id,
                       content_hash=hashlib.sha256(data).hexdigest())
    return make_document(text, doc_id=doc_id, origin=origin, settings=settings,
                         published=published, title=title, url=url, source=source)


def _clean_meta(value: object) -> str | None:
    """Metadata as a stripped string (lone surrogates made visible), ``None`` when blank."""
    if value is None:
        return None
    text = _printable(str(value).strip())
    return text or None


def _is_valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """``text`` with any unpaired surrogate written as a ``\\udcxx`` escape."""
    return text if _is_valid_unicode(text) else \
        text.encode("utf-8", "backslashreplace").decode("utf-8")
