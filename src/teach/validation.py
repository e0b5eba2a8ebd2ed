"""Checks for public inputs: clear errors that name the parameter, its unit and the valid range.

Every public function in :mod:`teach` validates its arguments through :func:`check_quantity`,
so a learner who types a negative concentration gets ``ValueError: conc_nM (agonist
concentration, nM) must be > 0 and <= 1e+07; got -5`` rather than a NaN or a traceback from
deep inside numpy.
"""

from __future__ import annotations

import functools
import inspect
import math
import typing
from collections.abc import Hashable, Iterable
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
        Accept a one-dimensional list or array of numbers (each is checked).

    Raises
    ------
    ValueError
        If the value is not a real number (a bool, a string, None, an integer too large for a
        float, a list where a number is expected, a list of text or flags), not finite, or
        outside ``bounds``; the message names the parameter, its unit and the valid range.
    """
    if not isinstance(bounds, Bounds):
        raise TypeError(f"bounds must be a Bounds; got {type(bounds).__name__}")
    allow_array = check_flag(allow_array, "allow_array")
    if not all(isinstance(text, str) for text in (name, unit, meaning)):
        raise TypeError("name, unit and meaning (message parts) must be text")
    label = f"{name} ({meaning + ', ' if meaning else ''}{unit})"
    expected = f"must be a finite number {bounds.describe()}"
    if allow_array and not _is_number(value) and (isinstance(value, list | tuple) or hasattr(value, "__array__")):
        arr = np.asarray(value, dtype=object) if isinstance(value, list | tuple) else np.asarray(value)
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"{label} must be a number or a 1-D array of numbers; got shape {arr.shape}")
        if arr.dtype.kind not in "iuf":
            bad = next((item for item in arr.flat if not _is_number(item)), None)
            if bad is not None or arr.dtype.kind not in "O":
                raise ValueError(f"{label} {expected}; got {_show(bad)} ({type(bad).__name__}) in the list")
        try:
            arr = arr.astype(float)
        except OverflowError:
            raise ValueError(f"{label} {expected}; got an integer too large for a number") from None
        if not np.all(np.isfinite(arr)) or not bounds.contains(arr):
            bad = arr[~np.isfinite(arr) | ~_mask(arr, bounds)]
            raise ValueError(f"{label} {expected}; got {bad.flat[0]!r}")
        return arr
    if not _is_number(value):
        raise ValueError(f"{label} {expected}; got {_show(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{label} {expected}; got {_show(value)}") from None
    if not math.isfinite(number) or not bounds.contains(np.asarray(number)):
        raise ValueError(f"{label} {expected}; got {_show(value)}")
    return number


def _is_number(value) -> bool:
    """A real number, not a bool (Python's or NumPy's), not a string and not an array."""
    return isinstance(value, Real) and not isinstance(value, bool | np.bool_)


def _show(value) -> str:
    """A short repr for messages (an enormous integer is described, not printed)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**30:
        return f"an integer of {len(str(abs(value))) if value.bit_length() < 14_000 else 'thousands of'} digits"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def check_count(value, name: str, unit: str, bounds: Bounds, *, meaning: str = "") -> int:
    """Return ``value`` as an int after checking it is a whole number within ``bounds``
    (a count of people, causes, or a random seed); the error names parameter, unit and range."""
    number = check_quantity(value, name, unit, bounds, meaning=meaning)
    if not number.is_integer():
        label = f"{name} ({meaning + ', ' if meaning else ''}{unit})"
        raise ValueError(f"{label} must be a whole number {bounds.describe()}; got {_show(value)}")
    return int(number)


def _mask(arr: np.ndarray, bounds: Bounds) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        above = arr >= bounds.low if bounds.low_inclusive else arr > bounds.low
        below = arr <= bounds.high if bounds.high_inclusive else arr < bounds.high
    return above & below


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise raise a ValueError listing them.

    A list, array, dict or other unhashable value, or a bool where the choices are not flags,
    is refused with the same message (never NumPy's "truth value is ambiguous")."""
    if isinstance(choices, str) or not isinstance(choices, Iterable):
        raise TypeError(f"choices (allowed values of {name}) must be a collection; got {type(choices).__name__}")
    options = _options(choices, name)
    listed = ", ".join(map(str, options))
    if not isinstance(value, Hashable) or isinstance(value, np.ndarray | tuple | frozenset):
        raise ValueError(f"{name} must be one of {listed}; got {_show(value)} ({type(value).__name__})")
    if isinstance(value, bool | np.bool_) and not any(isinstance(o, bool) for o in options):
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    if value not in options:
        raise ValueError(f"{name} must be one of {listed}; got {_show(value)}")
    return value


def check_choices(values, name: str, choices, *, distinct: bool = False) -> tuple:
    """Return ``values`` (a list, tuple or set of items from ``choices``) as a tuple.

    A single string is refused (never read letter by letter), as is a number, a dict, an array
    or anything else that is not a list, tuple or set; each item is checked with :func:`check_choice`.
    With ``distinct``, an item may appear only once.
    """
    if isinstance(choices, str) or not isinstance(choices, Iterable):
        raise TypeError(f"choices (allowed values of {name}) must be a collection; got {type(choices).__name__}")
    options = _options(choices, name)
    distinct = check_flag(distinct, "distinct")
    if not isinstance(values, list | tuple | set | frozenset):
        raise ValueError(f"{name} must be a list of choices from {', '.join(map(str, options))}; "
                         f"got {_show(values)} ({type(values).__name__})")
    items = tuple(check_choice(item, name, options) for item in values)
    if distinct and len(set(items)) != len(items):
        raise ValueError(f"{name} must list each choice once; got {_show(values)}")
    return items


def _options(choices, name: str) -> list:
    try:
        return list(choices)
    except TypeError:
        raise TypeError(f"choices (allowed values of {name}) must be a collection; got {choices!r:.40}") from None


def check_flag(value, name: str) -> bool:
    """Return ``value`` as a bool if it is True or False (Python's or NumPy's); refuse anything
    else, such as ``"no"``, ``0`` or None, with a ValueError naming the parameter."""
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} (yes/no) must be True or False; got {_show(value)}")
    return bool(value)


def check_instance(value, name: str, kind: type):
    """Return ``value`` if it is a ``kind``; otherwise raise a TypeError naming the parameter."""
    if not isinstance(kind, type):
        raise TypeError(f"kind must be a class; got {kind!r:.40}")
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be a {kind.__name__}; got {type(value).__name__}")
    return value


def check_state_argument(func):
    """Decorate ``func(state, ...)`` (a ``describe_*`` function or a figure's ``update``) so that a
    ``state`` of any other type than its annotation is refused with a TypeError naming ``state``,
    not an AttributeError from inside."""
    if not callable(func):
        raise TypeError(f"func must be a function taking a state; got {type(func).__name__}")
    signature = inspect.signature(func)

    @functools.wraps(func)
    def checked(*args, **kwargs):
        kind = typing.get_type_hints(func).get("state")
        state = signature.bind(*args, **kwargs).arguments.get("state")
        if isinstance(kind, type):
            check_instance(state, "state", kind)
        return func(*args, **kwargs)

    return checked
