"""Care-plan files: save and load a :class:`~teach.careplan.model.CarePlan` as JSON, and export it
as a Markdown or HTML document.

A plan file is someone's own health information and may come from anywhere, so:

* **saving** is atomic (a temp file in the same folder, fsync, then ``os.replace``), writes the
  file a symbolic link points to (the link stays), keeps an existing file's permissions (a new
  file is readable by its owner only), and removes temp files that a killed save left behind;
* **loading** reads regular files only (never a FIFO or a device), at most
  :data:`MAX_FILE_BYTES` bytes actually read, JSON nested at most :data:`MAX_DEPTH` deep, whole
  numbers of at most :data:`MAX_INT_DIGITS` digits, no NaN or infinity, no duplicate keys, and
  every field of the plan present (a missing field is an error, never a default);
* **exports** escape every piece of text, so what a person typed can never become a heading, a
  link, an image or HTML.

Every problem, including a file-system error, is a ValueError naming the file; a wrong argument
type is a TypeError naming the parameter. Nothing in a file is ever executed.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import html
import json
import math
import os
import re
import stat
import tempfile
import time
import typing
from pathlib import Path

from teach.careplan import model

MAX_FILE_BYTES = 100_000
MAX_DEPTH = 8  # a plan is 3 deep: plan object > medicines list > medicine object
MAX_INT_DIGITS = 15
STALE_TEMP_SECONDS = 600  # a temp file this old belongs to no save still running


# --- Paths ----------------------------------------------------------------------------------


def _path(path) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path (care-plan file) must be a str or os.PathLike; got {type(path).__name__}")
    name = os.fspath(path)
    if not isinstance(name, str):
        raise TypeError(f"path (care-plan file) must be a text path; got {type(name).__name__}")
    if not name.strip() or "\0" in name:
        raise ValueError(f"path (care-plan file) must be a file name without NUL characters; got {name!r}")
    return Path(name)


def _os_error(action: str, path: Path, err: OSError) -> ValueError:
    return ValueError(f"cannot {action} the care-plan file at path {str(path)!r}: {err.strerror or err}")


# --- Save -----------------------------------------------------------------------------------


def save_plan(plan: model.CarePlan, path) -> Path:
    """Write ``plan`` as JSON to ``path`` atomically and return ``path``.

    Through a symbolic link the linked file is written. An existing file keeps its permission
    bits; a new one is created readable and writable by its owner only (mode 0600).
    """
    if not isinstance(plan, model.CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    path = _path(path)
    payload = json.dumps(plan.to_dict(), indent=2, allow_nan=False).encode("utf-8")
    if len(payload) > MAX_FILE_BYTES:
        raise ValueError(f"care-plan file would be {len(payload)} bytes; the limit is {MAX_FILE_BYTES} bytes")
    target = Path(os.path.realpath(path))
    try:
        mode = _existing_mode(target)
        _remove_stale_temps(target)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise _os_error("write", path, err) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as err:
        Path(temp).unlink(missing_ok=True)
        raise _os_error("write", path, err) from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)
    return path


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the file to be replaced (None if there is none yet)."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a FIFO, device or socket)")
    return stat.S_IMODE(info.st_mode)


def _remove_stale_temps(target: Path) -> None:
    """Remove temp files of saves to ``target`` that were killed before they finished."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        try:
            info = leftover.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()
        except OSError:
            continue  # another process removed it, or it is not ours to remove


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); not possible, and not needed, everywhere."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --- Load -----------------------------------------------------------------------------------


def load_plan(path) -> model.CarePlan:
    """Read, check and return the plan in ``path`` (see the module docstring for what is refused).
    The file is never changed."""
    path = _path(path)
    raw = _read_regular_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"care-plan file {path.name!r} is not UTF-8 text: {err.reason}") from None
    _check_depth(text, path)
    name = f"care-plan file {path.name!r}"  # its content is at fault: the name is enough (and reproducible)
    try:
        data = json.loads(text, parse_int=_whole_number, parse_float=_finite_number, parse_constant=_no_constant,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        raise ValueError(f"{name} is not valid JSON: {err}") from None
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None
    return plan_from_data(data, source=name)


def _read_regular_file(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)  # O_NONBLOCK: opening a FIFO cannot hang
    except OSError as err:
        raise _os_error("read", path, err) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"care-plan file {str(path)!r} is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(f"care-plan file {str(path)!r} is {info.st_size} bytes; "
                             f"the limit is {MAX_FILE_BYTES} bytes")
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES:  # the limit holds for what is read, whatever stat said
            chunk = os.read(descriptor, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise _os_error("read", path, err) from None
    finally:
        os.close(descriptor)
    if size > MAX_FILE_BYTES:
        raise ValueError(f"care-plan file {str(path)!r} is larger than the limit of {MAX_FILE_BYTES} bytes")
    return b"".join(chunks)


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def _check_depth(text: str, path: Path) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH before the parser recurses into it."""
    depth = deepest = 0
    for char in _STRING.sub("", text):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise ValueError(f"care-plan file {path.name!r} is nested more than {MAX_DEPTH} levels deep")
        elif char in "]}":
            depth -= 1


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"a whole number has more than {MAX_INT_DIGITS} digits ({digits[:20]}...)")
    return int(digits)


def _finite_number(digits: str) -> float:
    number = float(digits)
    if not math.isfinite(number):
        raise ValueError(f"the number {digits[:30]} is too large for a plan")
    return number


def _no_constant(name: str):
    raise ValueError(f"{name} is not allowed in a care-plan file")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    data = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"the key {key!r} appears twice in one object")
        data[key] = value
    return data


def plan_from_data(data, *, source: str = "care-plan data") -> model.CarePlan:
    """Build a :class:`CarePlan` from parsed JSON (``CarePlan.to_dict`` output).

    Every field of the dataclass must be present (and, in each medicine, every field of
    :class:`Medicine`); a list field holds only plain values or, for a list of dataclasses,
    objects. Raises ValueError naming ``source`` and the field.
    """
    if not isinstance(data, dict):
        raise ValueError(f"{source} must hold a JSON object; got {type(data).__name__}")
    version = data.get("schema_version")
    if type(version) is not int or version != model.SCHEMA_VERSION:
        raise ValueError(f"{source}: schema_version must be {model.SCHEMA_VERSION}; got {version!r} "
                         "(unknown version)")
    values = _fields_from(model.CarePlan, {k: v for k, v in data.items() if k != "schema_version"}, source)
    try:
        return model.CarePlan(**values)
    except ValueError as err:
        raise ValueError(f"{source}: {err}") from None
    except TypeError as err:
        raise ValueError(f"{source}: a field has the wrong type: {err}") from None


def _fields_from(cls, data: dict, source: str) -> dict:
    """The constructor arguments of dataclass ``cls`` from ``data``: exactly its fields."""
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValueError(f"{source}: unknown field(s) in {cls.__name__}: {', '.join(unknown)}")
    missing = [name for name in names if name not in data]
    if missing:
        present = f"; it has only {', '.join(data)}" if data else ""
        raise ValueError(f"{source}: {cls.__name__} is missing field(s) {', '.join(missing)}{present}")
    hints = typing.get_type_hints(cls)
    return {name: _value(hints[name], data[name], f"{cls.__name__}.{name}", source) for name in names}


def _value(hint, value, name: str, source: str):
    if typing.get_origin(hint) is not tuple:
        if isinstance(value, list | dict):
            raise ValueError(f"{source}: {name} must be a single value, not a JSON {type(value).__name__}")
        return value
    if not isinstance(value, list):
        raise ValueError(f"{source}: {name} (list) must be a JSON list; got {value!r}")
    element = typing.get_args(hint)[0]
    if dataclasses.is_dataclass(element):
        if not all(isinstance(item, dict) for item in value):
            raise ValueError(f"{source}: {name} must be a list of objects")
        try:
            return tuple(element(**_fields_from(element, item, source)) for item in value)
        except TypeError as err:
            raise ValueError(f"{source}: {name} entry is malformed: {err}") from None
    if any(isinstance(item, list | dict) for item in value):
        raise ValueError(f"{source}: {name} must be a list of plain values, not of lists or objects")
    return tuple(value)


# --- Export ---------------------------------------------------------------------------------

# A document is a list of blocks (kind, content): "title", "heading" and "paragraph" hold a list
# of spans, "list" a list of items, each a list of spans. A span is (text, style), style "" or
# "strong" or "em". The HTML renderer escapes every span; the Markdown renderer escapes every span
# except the module's own fixed wording (a ``_Fixed`` string), so no text from a person, a file or
# a table can make structure.


class _Fixed(str):
    """Wording written in this module or the model (headings, rules, questions), not data."""


def _document(plan: model.CarePlan) -> list[tuple[str, list]]:
    from teach.data import short_citation

    state = model.plan_state(plan)
    fixed = _Fixed
    parts = []
    for name in plan.care:
        row = model.part(name)
        parts.append([(fixed(row["label"]), "strong"), (fixed(": asks of me: "), ""),
                      (fixed(row["asks_of_the_person"]), ""), (fixed(" Downsides to discuss: "), "em"),
                      (fixed(row["downsides_to_discuss"]), "")])
    if plan.uses_kratom:
        kratom = [[(fixed("I use kratom. What this asks of the plan: the interaction flags below, a watch for "
                          "red-flag symptoms throughout, checks for dependence and withdrawal, and an open "
                          "conversation with my clinician. Harms to discuss:"), "")]]
        kratom += [[(fixed(h["label"]), "strong"), (fixed(f": {h['statement']} ({short_citation(h['citation'])})"),
                                                    "")] for h in model.kratom_harms()]
    else:
        kratom = [[(fixed("not recorded"), "")]]
    flags = [[(f.medicine, ""), (fixed(f" ({f.kind}): {f.message} ({short_citation(f.citation)})"), "")]
             for f in state.flags]
    events = [[(fixed(f"month {e.month:.1f}{' onwards' if e.continuous else ''}: {e.label} "
                      f"({short_citation(e.citation)})"), "")] for e in state.events]
    red = [[(fixed(f"{group}: {'; '.join(model.red_flags(group))}"), "")] for group in model.RED_FLAG_GROUPS]
    return [
        ("title", [(fixed("My care plan (a teaching example, not medical advice)"), "")]),
        ("paragraph", [(fixed("Pain condition:"), "strong"), (f" {plan.pain_condition}", ""),
                       (fixed(f" (pain score {plan.pain_score_0_10:g}/10)"), "")]),
        ("heading", [(fixed("Goals"), "")]),
        ("list", [[(goal, "")] for goal in plan.goals] or [[(fixed("none entered"), "")]]),
        ("heading", [(fixed("Parts of care"), "")]), ("list", parts or [[(fixed("none chosen"), "")]]),
        ("heading", [(fixed("Kratom (recorded use, not a part of care)"), "")]), ("list", kratom),
        ("heading", [(fixed("Liver risk factors"), "")]),
        ("list", [[(r, "")] for r in state.risks] or [[(fixed("none entered"), "")]]),
        ("heading", [(fixed("Interaction flags and medicine cautions"), "")]),
        ("list", flags or [[(fixed("none found by these rules"), "")]]),
        ("heading", [(fixed(f"Monitoring (first {state.horizon_months:g} months)"), "")]),
        ("list", events or [[(fixed("nothing scheduled"), "")]]),
        ("heading", [(fixed("Stop and seek care at once for"), "")]), ("list", red),
        ("heading", [(fixed("Questions for my clinician"), "")]),
        ("list", [[(fixed(q), "")] for q in model.clinician_questions(plan)]),
        ("heading", [(fixed("Deciding together"), "")]),
        ("list", [[(fixed(q), "")] for q in model.SHARED_DECISION_PROMPTS]),
        ("heading", [(fixed("Notes"), "")]), ("paragraph", [(plan.notes, "")] if plan.notes else [(fixed("none"), "")]),
        ("paragraph", [(fixed("Educational material, not medical advice. Discuss any change with a clinician."),
                        "em")]),
    ]


def _one_line(text: str) -> str:
    """Whitespace, line breaks and control characters collapse to single spaces."""
    return re.sub(r"\s+", " ", "".join(c if c.isprintable() else " " for c in str(text)))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-!|~&:])")


def _markdown_text(text: str) -> str:
    """``text`` on one line with every character that Markdown or HTML could read as markup
    backslash-escaped: it cannot start a heading, list or quote, nor form a link or a tag."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(text))
    text = re.sub(r"\.(?=\S)", r"\\.", text)  # no bare domain names (autolinks)
    return re.sub(r"^(\s*\d+)\.", r"\1\\.", text)  # no "1." list marker


def _markdown_spans(spans) -> str:
    marks = {"": "", "strong": "**", "em": "*"}
    return "".join(f"{marks[style]}{text if isinstance(text, _Fixed) else _markdown_text(text)}{marks[style]}"
                   for text, style in spans)


def _html_spans(spans) -> str:
    out = []
    for text, style in spans:
        escaped = html.escape(_one_line(text), quote=True)
        out.append(f"<{style}>{escaped}</{style}>" if style else escaped)
    return "".join(out)


def to_markdown(plan: model.CarePlan) -> str:
    """The plan as a Markdown document: goals, care, flags, monitoring, questions and notes."""
    if not isinstance(plan, model.CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    lines = []
    for kind, content in _document(plan):
        if kind == "list":
            lines += [f"- {_markdown_spans(item)}" for item in content]
        else:
            prefix = {"title": "# ", "heading": "## ", "paragraph": ""}[kind]
            lines += ["", f"{prefix}{_markdown_spans(content)}", ""]
    return "\n".join(lines).replace("\n\n\n", "\n\n").strip() + "\n"


def to_html(plan: model.CarePlan) -> str:
    """The plan as simple HTML (the same document as :func:`to_markdown`), every text escaped."""
    if not isinstance(plan, model.CarePlan):
        raise ValueError(f"plan (CarePlan) must be a CarePlan; got {type(plan).__name__}")
    body = []
    for kind, content in _document(plan):
        if kind == "list":
            body.append("<ul>" + "".join(f"<li>{_html_spans(item)}</li>" for item in content) + "</ul>")
        else:
            tag = {"title": "h3", "heading": "h4", "paragraph": "p"}[kind]
            body.append(f"<{tag}>{_html_spans(content)}</{tag}>")
    return "<div class='teach-careplan-export'>" + "\n".join(body) + "</div>"
