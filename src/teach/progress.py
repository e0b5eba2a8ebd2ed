"""The learner's progress: one small JSON file on the learner's own machine.

What is kept: committed predictions (one per demo), self-check attempts, code-exercise
results, concept-inventory answers (before and after the course) and the lesson-06 claim
ratings (first and final). Nothing is sent anywhere.

Where: ``teach-progress.json`` in the learner's Jupyter data directory
(``jupyter_core.paths.jupyter_data_dir()``, so on a hub it is in the learner's own home);
the environment variable ``TEACH_PROGRESS_FILE`` overrides the path (tests, classrooms).

How: every change is a read-modify-write of the whole file, written atomically (temporary
file in the same folder, flushed and fsynced, then ``os.replace``; an existing file's mode is
kept). On load the file is parsed as JSON only (never executed) and validated: schema version,
types, sizes. A corrupt or foreign file is moved aside to ``*.corrupt-<time>.json`` and the
learner is told so in plain words; a lesson never crashes because of this file. If the file
cannot be written (a read-only home), progress is kept in memory for the session.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1
ENV_VAR = "TEACH_PROGRESS_FILE"
FILENAME = "teach-progress.json"
MAX_BYTES = 512_000
MAX_ENTRIES = 2_000
MAX_TEXT = 500
SECTIONS = ("predictions", "selfchecks", "exercises", "inventory", "claim_ratings")
PHASES = ("pre", "post")
RATING_PHASES = ("first", "final")
_KEY = re.compile(r"^[A-Za-z0-9_.@-]{1,80}$")
_LEARNER_ID = re.compile(r"^[0-9a-f]{16,64}$")


class ProgressFileError(ValueError):
    """The progress file is not a valid progress record (corrupt, foreign or too large)."""


def progress_path() -> Path:
    """Where this learner's progress is kept: ``$TEACH_PROGRESS_FILE`` or the Jupyter data dir."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / FILENAME


def empty_record() -> dict:
    """A fresh progress record with a new random learner id (used only to seed shuffling)."""
    return {"schema_version": SCHEMA_VERSION, "learner_id": secrets.token_hex(16),
            **{section: {} for section in SECTIONS}}


# ---------------------------------------------------------------------------------------------
# validation: the file is data from disk, so every field is checked before it is used
# ---------------------------------------------------------------------------------------------
def _text(value, where: str, limit: int = MAX_TEXT) -> None:
    if not isinstance(value, str) or len(value) > limit:
        raise ProgressFileError(f"{where} must be text of at most {limit} characters")


def _number(value, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value or abs(value) > 1e12:
        raise ProgressFileError(f"{where} must be a finite number")


def _answer(value, where: str) -> None:
    """A recorded answer: a number, a short text, a bool, or a short list of those."""
    if isinstance(value, list):
        if len(value) > 20:
            raise ProgressFileError(f"{where} holds more than 20 values")
        for item in value:
            _answer(item, where)
    elif value is None or isinstance(value, bool):
        return
    elif isinstance(value, str):
        _text(value, where)
    else:
        _number(value, where)


def _entries(record: dict, section: str) -> dict:
    entries = record[section]
    if not isinstance(entries, dict):
        raise ProgressFileError(f"'{section}' must be a mapping")
    if len(entries) > MAX_ENTRIES:
        raise ProgressFileError(f"'{section}' has more than {MAX_ENTRIES} entries")
    for key in entries:
        if not _KEY.match(key):
            raise ProgressFileError(f"'{section}' has an invalid key {key[:40]!r}")
    return entries


def _fields(entry, where: str, required: dict[str, type | tuple]) -> None:
    if not isinstance(entry, dict):
        raise ProgressFileError(f"{where} must be a mapping")
    for name, kind in required.items():
        if name not in entry or not isinstance(entry[name], kind) or isinstance(entry[name], bool) != (kind is bool):
            raise ProgressFileError(f"{where}.{name} is missing or has the wrong type")


def validate(record) -> dict:
    """Return ``record`` if it is a valid progress record; raise ProgressFileError naming the fault."""
    if not isinstance(record, dict):
        raise ProgressFileError("the progress record (the file's content) is not a JSON object")
    if record.get("schema_version") != SCHEMA_VERSION:
        raise ProgressFileError(f"the record's schema_version must be {SCHEMA_VERSION}; "
                                f"got {record.get('schema_version')!r:.40}")
    unknown = set(record) - {"schema_version", "learner_id", *SECTIONS}
    if unknown:
        raise ProgressFileError(f"unknown fields {sorted(unknown)}")
    if not isinstance(record.get("learner_id"), str) or not _LEARNER_ID.match(record["learner_id"]):
        raise ProgressFileError("learner_id must be 16-64 hexadecimal characters")
    for section in SECTIONS:
        record.setdefault(section, {})
    for key, entry in _entries(record, "predictions").items():
        _fields(entry, f"predictions.{key}", {"when": (int, float)})
        _answer(entry.get("answer"), f"predictions.{key}.answer")
        _text(entry.get("why", ""), f"predictions.{key}.why", 200)
        _text(entry.get("shown", ""), f"predictions.{key}.shown")
    for section in ("selfchecks", "exercises"):
        for key, entry in _entries(record, section).items():
            _fields(entry, f"{section}.{key}", {"attempts": int, "correct": bool})
            _answer(entry.get("last"), f"{section}.{key}.last")
            _text(entry.get("message", ""), f"{section}.{key}.message")
    for phase, answers in _entries(record, "inventory").items():
        if phase not in PHASES or not isinstance(answers, dict) or len(answers) > 100:
            raise ProgressFileError(f"inventory.{phase} must be 'pre' or 'post' with at most 100 answers")
        for item, choice in answers.items():
            if not _KEY.match(item) or isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < 10:
                raise ProgressFileError(f"inventory.{phase}.{item[:40]} must be an option number 0-9")
    for phase, ratings in _entries(record, "claim_ratings").items():
        if phase not in RATING_PHASES or not isinstance(ratings, dict) or len(ratings) > 50:
            raise ProgressFileError(f"claim_ratings.{phase} must be 'first' or 'final' with at most 50 ratings")
        for claim, rating in ratings.items():
            _number(rating, f"claim_ratings.{phase}.{claim[:40]}")
            if not _KEY.match(claim) or not 1 <= rating <= 5:
                raise ProgressFileError(f"claim_ratings.{phase}.{claim[:40]} must be a rating from 1 to 5")
    return record


# ---------------------------------------------------------------------------------------------
# reading and writing
# ---------------------------------------------------------------------------------------------
def _read_record(path: Path) -> dict:
    """Parse and validate the file at ``path`` (JSON only; never executed)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ProgressFileError(f"the file is {size} bytes; a progress file is at most {MAX_BYTES}")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ProgressFileError(f"the file is not valid JSON ({err.__class__.__name__})") from None
    return validate(record)


def _write_record(path: Path, record: dict) -> None:
    """Write ``record`` to ``path`` atomically: temp file, fsync, os.replace; keep the file's mode."""
    text = json.dumps(validate(record), indent=1, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    handle, temp = tempfile.mkstemp(prefix=".teach-progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _set_aside(path: Path, reason: str) -> str:
    """Move a bad file out of the way (never delete it) and return a message for the learner."""
    aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    try:
        os.replace(path, aside)
        where = f"It was moved to {aside} so you can look at it."
    except OSError:
        where = "It could not be moved, so it is left as it is and ignored."
    return (f"Your saved progress file {path} could not be used ({reason}). {where} "
            "Progress starts again from empty; your lessons work as before.")


@dataclass
class Progress:
    """The learner's progress file: load with :func:`load`, change with the ``record_*`` methods.

    Each ``record_*`` call re-reads the file, changes it and writes it back, so two notebooks
    open at once do not overwrite each other's answers.
    """

    path: Path
    data: dict
    notice: str = ""
    writable: bool = True

    # -- reading -------------------------------------------------------------------------------
    @property
    def learner_id(self) -> str:
        """A random id made once per learner; it only seeds the order of self-check options."""
        return self.data["learner_id"]

    def prediction(self, key: str) -> dict | None:
        """The committed prediction for demo ``key`` (e.g. ``"receptors.binding_app"``), or None."""
        return self.data["predictions"].get(key)

    def selfcheck(self, check_id: str) -> dict | None:
        return self.data["selfchecks"].get(check_id)

    def exercise(self, exercise_id: str) -> dict | None:
        return self.data["exercises"].get(exercise_id)

    def inventory(self, phase: str) -> dict[str, int]:
        return dict(self.data["inventory"].get(_phase(phase, PHASES), {}))

    def claim_ratings(self, phase: str) -> dict[str, float]:
        return dict(self.data["claim_ratings"].get(_phase(phase, RATING_PHASES), {}))

    # -- changing ------------------------------------------------------------------------------
    def _change(self, edit) -> None:
        self._reload()
        edit(self.data)
        validate(self.data)
        if not self.writable:
            return
        try:
            _write_record(self.path, self.data)
        except OSError as err:
            self.writable = False
            self.notice = (f"Progress cannot be saved to {self.path} ({err.strerror}); it is kept "
                           "for this session only.")
            warnings.warn(self.notice, stacklevel=3)

    def _reload(self) -> None:
        if self.writable and self.path.exists():
            fresh = load(self.path)
            self.data, self.notice = fresh.data, fresh.notice or self.notice

    def record_prediction(self, key: str, answer, why: str = "") -> dict:
        """Commit a prediction for demo ``key``; a committed prediction is never overwritten."""
        _key(key)
        entry = {"answer": answer, "why": str(why)[:200], "when": time.time()}

        def edit(data):
            data["predictions"].setdefault(key, entry)
        self._change(edit)
        return self.data["predictions"][key]

    def record_selfcheck(self, check_id: str, answer, correct: bool) -> None:
        """Count one attempt at self-check ``check_id``; ``correct`` stays True once reached."""
        self._record("selfchecks", check_id, answer, correct, "")

    def record_exercise(self, exercise_id: str, answer, correct: bool, message: str = "") -> None:
        """Count one attempt at code exercise ``exercise_id`` with the feedback it got."""
        self._record("exercises", exercise_id, answer, correct, message)

    def _record(self, section: str, key: str, answer, correct: bool, message: str) -> None:
        _key(key)
        answer = _storable(answer)

        def edit(data):
            old = data[section].get(key, {"attempts": 0, "correct": False})
            data[section][key] = {"attempts": old["attempts"] + 1, "correct": bool(old["correct"] or correct),
                                  "last": answer, "message": str(message)[:MAX_TEXT]}
        self._change(edit)

    def record_inventory(self, phase: str, item: str, choice: int) -> None:
        """Record the option (its index in the stored order) chosen for inventory ``item``."""
        phase, _ = _phase(phase, PHASES), _key(item)
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < 10:
            raise ValueError(f"choice must be an option number from 0 to 9; got {choice!r}")
        self._change(lambda data: data["inventory"].setdefault(phase, {}).__setitem__(item, choice))

    def record_claim_ratings(self, phase: str, ratings: dict[str, float]) -> dict[str, float]:
        """Keep the claim ratings of lesson 06. The first ratings are kept once and never changed."""
        phase = _phase(phase, RATING_PHASES)
        clean = {}
        for claim, rating in ratings.items():
            _key(claim)
            if isinstance(rating, bool) or not isinstance(rating, int | float) or not 1 <= rating <= 5:
                raise ValueError(f"rating of {claim!r} must be a number from 1 to 5; got {rating!r}")
            clean[claim] = float(rating)

        def edit(data):
            if phase == "first":
                data["claim_ratings"].setdefault("first", clean)
            else:
                data["claim_ratings"]["final"] = clean
        self._change(edit)
        return self.claim_ratings(phase)

    def reset(self) -> None:
        """Forget everything (a new learner id too) and write the empty record."""
        self.data = empty_record()
        if self.writable:
            _write_record(self.path, self.data)


def _key(key: str) -> str:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(f"key must be 1-80 letters, digits or _.@-; got {key!r}")
    return key


def _phase(phase: str, allowed: tuple[str, ...]) -> str:
    if phase not in allowed:
        raise ValueError(f"phase must be one of {', '.join(allowed)}; got {phase!r}")
    return phase


def _storable(answer):
    """An answer reduced to what the file keeps: numbers, short text, bools, short lists."""
    if answer is None or isinstance(answer, bool | str):
        return answer if not isinstance(answer, str) else answer[:MAX_TEXT]
    if isinstance(answer, int | float):
        return float(answer) if answer == answer and abs(answer) < 1e12 else None
    if isinstance(answer, list | tuple | set | frozenset):
        items = sorted(answer, key=str) if isinstance(answer, set | frozenset) else list(answer)
        return [_storable(item) for item in items[:20] if not isinstance(item, list | tuple | set | dict)]
    return str(answer)[:MAX_TEXT]


def _file_path(path) -> Path:
    """``path`` (text or a path-like object naming a file) as a Path; TypeError/ValueError naming ``path``."""
    if isinstance(path, bool) or not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a file path (text or pathlib.Path); got {type(path).__name__}")
    path = Path(path)
    if not path.name:
        raise ValueError(f"path must name a file; got {str(path)!r}")
    return path


def load(path: Path | None = None) -> Progress:
    """The learner's progress. A missing file gives an empty record; a bad one is set aside."""
    path = _file_path(path) if path is not None else progress_path()
    try:
        exists = path.exists()
    except OSError as err:  # e.g. a name too long for the file system
        return Progress(path, empty_record(), notice=f"Your progress file {path} cannot be used ({err.strerror}).",
                        writable=False)
    if not exists:  # first use: write the record now, so the learner id stays the same
        fresh = Progress(path, empty_record())
        try:
            _write_record(path, fresh.data)
        except OSError as err:
            fresh.writable, fresh.notice = False, f"Progress cannot be saved to {path} ({err.strerror})."
        return fresh
    try:
        return Progress(path, _read_record(path))
    except ProgressFileError as err:
        return Progress(path, empty_record(), notice=_set_aside(path, str(err)))
    except OSError as err:
        return Progress(path, empty_record(), notice=f"Your progress file {path} cannot be read ({err.strerror}).",
                        writable=False)


def given_or_current(store: Progress | None = None) -> Progress:
    """``store`` if given (a :class:`Progress`), else the current learner's progress."""
    if store is None:
        return current()
    if not isinstance(store, Progress):
        raise TypeError(f"store must be a Progress (from teach.progress.load); got {type(store).__name__}")
    return store


def current() -> Progress:
    """The progress of the learner running this kernel (re-read from disk on every call)."""
    return load()
