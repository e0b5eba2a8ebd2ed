"""Checks for public inputs: clear errors that name the parameter, its unit and the valid range.

Every public function in :mod:`teach` validates its arguments through :func:`check_quantity`,
so a learner who types a negative concentration gets ``ValueError: conc_nM (agonist
concentration, nM) must be > 0 and <= 1e+06; got -5`` rather than a NaN or a traceback from
deep inside numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

import numpy as np


@dataclass(frozen=True)
class Bounds:
    """A closed or half-open interval ``low .. high`` for a physical quantity.

    ``low_inclusive`` / ``high_inclusive`` say whether the end points are allowed.
    """

    low: float
    high: float
    low_inclusive: bool = True
    high_inclusive: bool = True

    def describe(self) -> str:
        lo = ">=" if self.low_inclusive else ">"
        hi = "<=" if self.high_inclusive else "<"
        return f"{lo} {self.low:g} and {hi} {self.high:g}"

    def contains(self, values: np.ndarray) -> bool:
        above = values >= self.low if self.low_inclusive else values > self.low
        below = values <= self.high if self.high_inclusive else values < self.high
        return bool(np.all(above & below))


def check_quantity(
    value,
    name: str,
    unit: str,
    bounds: Bounds,
    *,
    meaning: str = "",
    allow_array: bool = False,
):
    """Return ``value`` as a float (or float array) after checking it lies within ``bounds``.

    Parameters
    ----------
    value : number or array-like
        The learner's input.
    name : str
        The parameter's name as the caller spells it, e.g. ``"conc_nM"``.
    unit : str
        Its unit, e.g. ``"nM"``; use ``"dimensionless"`` for ratios.
    bounds : Bounds
        The valid range.
    meaning : str, optional
        A few words saying what the parameter is, shown in the message.
    allow_array : bool
        Accept a one-dimensional array of values (each is checked).

    Raises
    ------
    ValueError
        If the value is not a real number, not finite, or outside ``bounds``; the message
        names the parameter, its unit and the valid range.
    """
    label = f"{name} ({meaning + ', ' if meaning else ''}{unit})"
    expected = f"must be a finite number {bounds.describe()}"
    if isinstance(value, bool) or value is None or isinstance(value, str | bytes):
        raise ValueError(f"{label} {expected}; got {value!r}")
    if allow_array and not isinstance(value, Real):
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{label} {expected}; got {value!r}") from None
        if arr.ndim > 1 or arr.size == 0:
            raise ValueError(f"{label} must be a number or a 1-D array of numbers; got shape {arr.shape}")
        if not np.all(np.isfinite(arr)) or not bounds.contains(arr):
            bad = arr[~np.isfinite(arr) | ~_mask(arr, bounds)]
            raise ValueError(f"{label} {expected}; got {bad.flat[0]!r}")
        return arr
    if not isinstance(value, Real):
        raise ValueError(f"{label} {expected}; got {value!r}")
    number = float(value)
    if not math.isfinite(number) or not bounds.contains(np.asarray(number)):
        raise ValueError(f"{label} {expected}; got {value!r}")
    return number


def check_count(value, name: str, unit: str, bounds: Bounds, *, meaning: str = "") -> int:
    """Return ``value`` as an int after checking it is a whole number within ``bounds``
    (a count of people, causes, or a random seed); the error names parameter, unit and range."""
    number = check_quantity(value, name, unit, bounds, meaning=meaning)
    if not number.is_integer():
        label = f"{name} ({meaning + ', ' if meaning else ''}{unit})"
        raise ValueError(f"{label} must be a whole number {bounds.describe()}; got {value!r}")
    return int(number)


def _mask(arr: np.ndarray, bounds: Bounds) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        above = arr >= bounds.low if bounds.low_inclusive else arr > bounds.low
        below = arr <= bounds.high if bounds.high_inclusive else arr < bounds.high
    return above & below


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise a ValueError listing them."""
    options = list(choices)
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(str, options))}; got {value!r}")
    return value
