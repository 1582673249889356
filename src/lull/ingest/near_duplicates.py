"""Near-duplicate documents (syndicated copies with small edits) by MinHash.

Exact duplicates share a document id (a hash of the normalised text); near
duplicates get different ids and are *linked*, never merged silently. The
signature is a MinHash of word 5-gram shingles; the fraction of equal slots
estimates the Jaccard similarity of the shingle sets.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_PRIME = np.uint64((1 << 61) - 1)
SLOTS = 128
SHINGLE = 5


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
