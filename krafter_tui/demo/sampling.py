"""Fast deterministic random helpers for the traffic simulator (stdlib only)."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

__all__ = ["Table", "geometric", "poisson", "rng_for", "split", "zipf"]

T = TypeVar("T")


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator seeded by the seed and a path of parts, independent of call order."""
    return random.Random(":".join(map(str, (seed, *parts))))


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth for small means, a rounded normal for large ones)."""
    if lam <= 0:
        return 0
    if lam > 15:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def geometric(rng: random.Random, mean: float, cap: int = 40) -> int:
    """A count >= 1 with the given mean (pages per visit and the like)."""
    if mean <= 1:
        return 1
    q = 1 - 1 / mean
    return min(cap, 1 + int(math.log(1 - rng.random()) / math.log(q)))


def split(rng: random.Random, n: int, probs: Sequence[float]) -> list[int]:
    """Share ``n`` among categories like a multinomial draw, summing exactly to ``n``.

    Each share is a Poisson draw around its expectation; the rounding difference goes to the
    biggest categories, so long tails keep their natural zeros and ones.
    """
    counts = [poisson(rng, n * p) for p in probs]
    diff = n - sum(counts)
    order = sorted(range(len(probs)), key=probs.__getitem__, reverse=True)
    for i in itertools.cycle(order):
        if diff == 0:
            break
        if diff > 0:
            counts[i] += diff
            diff = 0
        elif counts[i] > 0:
            take = min(counts[i], -diff)
            counts[i] -= take
            diff += take
    return counts


def zipf(n: int, s: float = 1.05, head: float = 1.0) -> list[float]:
    """Zipf-like weights for a long tail of ``n`` items."""
    return [head / (rank + 1) ** s for rank in range(n)]


class Table(Generic[T]):
    """Weighted items with normalised probabilities and cumulative weights for fast picks."""

    def __init__(self, weighted: Sequence[tuple[T, float]]) -> None:
        total = sum(w for _, w in weighted)
        self.items = [item for item, _ in weighted]
        self.probs = [w / total for _, w in weighted]
        self.cum = list(itertools.accumulate(self.probs))

    def pick(self, rng: random.Random) -> T:
        """One item drawn by weight."""
        return rng.choices(self.items, cum_weights=self.cum)[0]

    def __len__(self) -> int:
        return len(self.items)
