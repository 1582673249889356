"""Local bytes: files (with the size cap checked before reading), directories
(recursive, sorted, hidden files skipped) and standard input."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import Rejection, RejectionReason
from .base import reject

# Repository paperwork that sits next to articles in a folder (the samples'
# NOTICE.md, a corpus README) is not an article. Only skipped while walking a
# directory; a file named on the command line is always read.
PAPERWORK_STEMS = frozenset({"README", "NOTICE", "LICENSE", "LICENCE", "COPYING", "AUTHORS", "CHANGELOG"})


def _too_large(label: str, size: int | None, max_bytes: int) -> Rejection:
    size_text = f"{size:,} bytes" if size is not None else "larger than the cap"
    return reject(label, RejectionReason.TOO_LARGE, f"{label}: the file is {size_text}, over the {max_bytes:,}-byte cap; split it or raise max_bytes.")


def read_stream(stream: BinaryIO, *, max_bytes: int, label: str) -> bytes | Rejection:
    """Read at most ``max_bytes`` (one more to notice overflow) from an open stream."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _too_large(label, None, max_bytes)
    return data


def read_file(path: Path, *, max_bytes: int, label: str | None = None) -> bytes | Rejection:
    """The bytes of ``path``, or why they cannot be had (missing, unreadable, too large).

    The size is checked with ``stat`` before anything is read, so a huge file
    costs nothing; the capped read still guards files that grow or lie."""
    label = label or str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            return reject(label, RejectionReason.UNREADABLE, f"{label}: this is a directory where a file was expected; pass the directory itself to read all its files.")
        if not path.is_file():  # a FIFO, socket or device would block or never end
            return reject(label, RejectionReason.UNREADABLE, f"{label}: this is not a regular file (a pipe, socket or "
                          "device); save its content to a file, or pipe it in with '-'.")
        if size > max_bytes:
            return _too_large(label, size, max_bytes)
        with path.open("rb") as handle:
            return read_stream(handle, max_bytes=max_bytes, label=label)
    except (FileNotFoundError, NotADirectoryError):
        return reject(label, RejectionReason.NOT_FOUND, f"{label}: no such file or directory; check the path.")
    except PermissionError:
        return reject(label, RejectionReason.UNREADABLE, f"{label}: permission denied; make the file readable (chmod +r) or run as its owner.")
    except OSError as exc:
        return reject(label, RejectionReason.UNREADABLE, f"{label}: cannot be read ({exc.strerror or exc}); check the file.")


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.split(".", 1)[0].upper() in PAPERWORK_STEMS


def walk(directory: Path) -> Iterator[Path | Rejection]:
    """Every regular file under ``directory`` in sorted path order; hidden files,
    hidden folders and paperwork (README, NOTICE, LICENSE...) are skipped. A
    sub-folder that cannot be listed becomes a Rejection."""
    errors: list[OSError] = []
    found: list[Path] = []
    for root, dirs, names in os.walk(directory, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / n for n in names if not _skipped(n))
    for path in sorted(found, key=lambda p: p.relative_to(directory).parts):
        if path.is_file():
            yield path
    for error in errors:
        label = error.filename or str(directory)
        yield reject(str(label), RejectionReason.UNREADABLE, f"{label}: the folder cannot be listed ({error.strerror}); make it readable or leave it out.")
