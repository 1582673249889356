"""Near-duplicate documents (syndicated copies with small edits) by MinHash.

Exact duplicates share a document id (a hash of the normalised text); near
duplicates get different ids and are *linked*, never merged silently. The
signature is a MinHash of word 5-gram shingles; the fraction of equal slots
estimates the Jaccard similarity of the shingle sets.

Candidates without a scan (locality-sensitive hashing): the signature is cut
into ``BANDS`` bands of ``SLOTS // BANDS`` slots and each band hashed; the
store indexes the hashes, and only documents sharing a band hash with the new
one are compared slot by slot. Two texts of Jaccard similarity ``s`` share a
band with probability ``1 - (1 - s**4)**32``: above 0.99999 at the 0.8
threshold, 0.87 at 0.5, 0.02 at 0.2, so the estimate decides, the bands only
narrow the field.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64((1 << 61) - 1)
SLOTS = 128
SHINGLE = 5
BANDS = 32


def _coefficients(slots: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240202)  # fixed: signatures must be comparable across runs
    a = rng.integers(1, (1 << 61) - 1, size=slots, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, size=slots, dtype=np.uint64)
    return a, b


def signature(text: str, *, slots: int = SLOTS, shingle: int = SHINGLE) -> bytes | None:
    """MinHash signature of ``text`` (``None`` for texts shorter than one shingle)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < shingle:
        return None
    hashes = np.fromiter(
        {
            int.from_bytes(hashlib.blake2b(" ".join(words[i:i + shingle]).encode(), digest_size=7).digest(), "big")
            for i in range(len(words) - shingle + 1)
        },
        dtype=np.uint64,
    )
    a, b = _coefficients(slots)
    # (a*x + b) mod p with 64-bit wrap-around is a fine universal-ish hash family for MinHash.
    permuted = (hashes[:, None] * a[None, :] + b[None, :]) % _PRIME
    return permuted.min(axis=0).astype("<u8").tobytes()


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures made with the same settings."""
    a = np.frombuffer(sig_a, dtype="<u8")
    b = np.frombuffer(sig_b, dtype="<u8")
    if a.shape != b.shape:
        return 0.0
    return float(np.mean(a == b))


def band_hashes(sig: bytes, *, bands: int = BANDS) -> list[tuple[int, int]]:
    """(band number, signed 64-bit hash of the band's slots) for each band of a signature."""
    width = len(sig) // bands
    return [(i, int.from_bytes(hashlib.blake2b(sig[i * width:(i + 1) * width], digest_size=8).digest(), "big",
                               signed=True)) for i in range(bands)]


def near_duplicates(sig: bytes, candidates: Iterable[tuple[str, bytes]], *, threshold: float
                    ) -> list[tuple[str, float]]:
    """(doc id, similarity) of the ``candidates`` whose estimated similarity to ``sig`` reaches ``threshold``."""
    return [(other, s) for other, other_sig in candidates if (s := similarity(sig, other_sig)) >= threshold]
