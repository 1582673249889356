"""Text that is safe to store and safe to print, whatever an article, a feed or a file name carried.

Two mechanisms, used at the two edges:

* :func:`scrub` at ingest: lone UTF-16 surrogates (``\\ud800`` from a JSON
  escape, ``&#xD800;`` in a feed, an undecodable byte in a file name) cannot be
  encoded as UTF-8, so they become U+FFFD before a text is hashed or stored.
* :func:`terminal_safe` at the terminal: every stored string the CLI prints
  (titles, outlets, authors, file names, sentences, quotes, messages) goes
  through it, so ANSI/OSC escape sequences, C0/C1 control characters and bidi
  overrides never reach the terminal, and rich markup in the text (``[/]``,
  ``[link=...]``) is printed as the characters it is, never interpreted.
"""
from __future__ import annotations

import json
import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# ESC- and CSI/OSC-introduced sequences (7-bit and the C1 8-bit forms), then any lone control left over.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI ... final byte (colours, cursor moves, clear screen)
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/SOS/PM/APC strings
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences, or a bare ESC
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates, and the Arabic letter mark (Trojan-Source characters).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]")
_BREAKS = re.compile(r"[\n\t\u2028\u2029\x85]")


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, so it always encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


def scrub_optional(text: str | None) -> str | None:
    return None if text is None else scrub(text)


def plain(text: object, *, one_line: bool = True) -> str:
    """``text`` as characters a terminal shows and never obeys: no escape sequences, controls or bidi overrides.

    With ``one_line`` (the default) line breaks and tabs become spaces, so a
    title cannot draw fake lines under it; otherwise newlines are kept."""
    s = scrub(str(text))
    s = _ESCAPE_SEQUENCE.sub("", s)
    if one_line:
        s = _BREAKS.sub(" ", s)
    s = _CONTROL.sub("", s)  # tab and newline are not in the class: kept when one_line is off
    return _BIDI.sub("", s)


_BRACKET = re.compile(r"(\\*)(\[[a-z#/@][^\[]*?\]|\[)")  # a tag-shaped "[...]" (what rich parses) or a lone "["
_TRAILING_BACKSLASHES = re.compile(r"(\\+)$")


def _escaped(m: re.Match[str]) -> str:
    backslashes, bracket = m.groups()
    if len(bracket) > 1:  # rich reads the backslashes before a tag in pairs: keep them literal, then escape the tag
        return backslashes * 2 + "\\" + bracket
    return backslashes + "\\["  # elsewhere rich only turns "\\[" into "["


def terminal_safe(text: object, *, one_line: bool = True) -> str:
    """:func:`plain`, then every ``[`` escaped for rich markup (``rich.markup.escape`` misses some: ``\\[x`` would
    print as ``[x``), and backslashes at the end doubled so the markup that follows stays markup: the form
    every stored string takes inside ``Console.print``."""
    s = _BRACKET.sub(_escaped, plain(text, one_line=one_line))
    return _TRAILING_BACKSLASHES.sub(lambda m: m.group(1) * 2, s)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f\ud800-\udfff]")


def json_text(value: object, **options) -> str:
    """``json.dumps(value, **options)`` with C1 controls, bidi overrides, line separators and lone
    surrogates written as ``\\uXXXX`` escapes: the same JSON value, but inert in a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, **options))
