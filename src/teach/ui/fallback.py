"""What a notebook shows where no live kernel draws the widgets.

A widget's stored output is only a reference to a model that lives in the kernel. Before the
learner runs a lesson, on GitHub, on nbviewer and in any untrusted notebook, that reference
cannot be drawn, and JupyterLab falls back to the widget's ``repr``. Every app and self-check
therefore stores a static copy beside the widget view: the figure as a PNG and the readout or
question as text. A live kernel still shows the widget, which front ends rank first.
"""

from __future__ import annotations

import base64
import html

from teach.validation import check_instance

STATIC_NOTE = "A still picture of this demo: run the notebook (Run > Run All Cells) to use its controls."


def with_fallback(bundle: dict, html_text: str, plain_text: str, png: bytes | None = None) -> dict:
    """Return ``bundle`` (a widget's mimebundle) with static ``text/html``, ``text/plain`` and,
    when given, ``image/png`` representations added; the widget view stays first in rank."""
    bundle = dict(check_instance(bundle, "bundle", dict))
    check_instance(html_text, "html_text", str), check_instance(plain_text, "plain_text", str)
    if png is not None:
        check_instance(png, "png", bytes)
    bundle["text/html"] = html_text
    bundle["text/plain"] = plain_text
    if png is not None:
        bundle["image/png"] = base64.b64encode(png).decode("ascii")
    return bundle


def app_html(title: str, png: bytes, settings: list[str], readout: list[str]) -> str:
    """A lesson app as static HTML: its title, the figure, the control settings and the readout."""
    title, png = check_instance(title, "title", str), check_instance(png, "png", bytes)
    settings, readout = _lines(settings, "settings"), _lines(readout, "readout")
    picture = base64.b64encode(png).decode("ascii")
    alt = html.escape(f"{title}. " + " ".join(readout), quote=True)
    items = "".join(f"<li>{html.escape(line)}</li>" for line in readout)
    shown = html.escape("; ".join(settings))
    return (
        '<div class="teach-fallback">'
        f"<p><strong>{html.escape(title)}</strong><br><em>{html.escape(STATIC_NOTE)}</em></p>"
        f'<img src="data:image/png;base64,{picture}" alt="{alt}" style="max-width:100%">'
        f"<p>Settings shown: {shown}.</p><ul>{items}</ul></div>"
    )


def app_text(title: str, settings: list[str], readout: list[str]) -> str:
    """A lesson app as plain text (the readout a screen reader or a text-only viewer gets)."""
    title = check_instance(title, "title", str)
    settings, readout = _lines(settings, "settings"), _lines(readout, "readout")
    lines = [title, STATIC_NOTE, "Settings shown: " + "; ".join(settings) + "."]
    return "\n".join(lines + [f"- {line}" for line in readout])


def question_html(question: str, options: list[str] | None, unit: str | None) -> str:
    """A self-check as static HTML: the question and its options (or the unit asked for)."""
    question, options, unit = _question(question, options, unit)
    body = f"<p><strong>Self-check.</strong> {html.escape(question)}</p>"
    if options:
        body += "<ol type='A'>" + "".join(f"<li>{html.escape(option)}</li>" for option in options) + "</ol>"
    elif unit:
        body += f"<p>Answer: a number, in {html.escape(unit)}.</p>"
    note = "Run the notebook to check your answer here."
    return f'<div class="teach-fallback">{body}<p><em>{note}</em></p></div>'


def question_text(question: str, options: list[str] | None, unit: str | None) -> str:
    """A self-check as plain text."""
    question, options, unit = _question(question, options, unit)
    lines = [f"Self-check. {question}"]
    if options:
        lines += [f"  {chr(ord('A') + index)}. {option}" for index, option in enumerate(options)]
    elif unit:
        lines.append(f"Answer: a number, in {unit}.")
    return "\n".join([*lines, "Run the notebook to check your answer here."])


def control_setting(control) -> str:
    """'label: value' for one control, as a learner reads it (option labels, not codes)."""
    from teach.ui.tables import format_value

    label = (getattr(control, "description", "") or "").rstrip(": ")
    value = getattr(control, "value", None)
    labels = {repr(option_value): option_label for option_label, option_value in _labelled_options(control)}
    if isinstance(value, tuple | list):
        text = ", ".join(labels.get(repr(v), format_value(v)) for v in value) or "none"
    else:
        text = labels.get(repr(value), format_value(value))
    return f"{label}: {text}" if label else text


def _lines(lines, name: str) -> list[str]:
    """``lines`` (a list or tuple of text) as a list; TypeError naming ``name`` otherwise."""
    if not isinstance(lines, list | tuple) or not all(isinstance(line, str) for line in lines):
        raise TypeError(f"{name} must be a list of text lines; got {type(lines).__name__}")
    return list(lines)


def _question(question, options, unit) -> tuple[str, list[str] | None, str | None]:
    """A self-check's parts, checked: the question text, its options (or None), its unit (or None)."""
    return (check_instance(question, "question", str), None if options is None else _lines(options, "options"),
            None if unit is None else check_instance(unit, "unit", str))


def _labelled_options(control) -> list[tuple[str, object]]:
    labels = getattr(control, "_options_labels", None)
    values = getattr(control, "_options_values", None)
    if labels is None or values is None:
        return []
    return list(zip(labels, values, strict=True))


class StaticFallback:
    """Mix into a widget container (before ``ipywidgets.VBox``) so that its stored output carries a
    static copy of the text it shows: HTML blocks as they are, choices as lists, text boxes by their
    placeholder, and ``fallback_note`` saying how to bring it to life."""

    fallback_note = "Run the notebook (Run > Run All Cells) to use this."

    def _repr_mimebundle_(self, **kwargs):
        parts = list(_static_parts(self))
        html_text = "".join(h for h, _ in parts) + f"<p><em>{html.escape(self.fallback_note)}</em></p>"
        plain = "\n".join(t for _, t in parts if t) + "\n" + self.fallback_note
        return with_fallback(super()._repr_mimebundle_(**kwargs), f'<div class="teach-fallback">{html_text}</div>',
                             plain)


def _static_parts(widget):
    """(html, text) pieces of what ``widget`` shows, depth first."""
    import re

    import ipywidgets as widgets

    if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label):
        value = widget.value if not isinstance(widget, widgets.Label) else html.escape(widget.value)
        if value and "<style" not in value:
            yield value, re.sub(r"<[^>]+>", "", html.unescape(value)).strip()
        return
    labels = getattr(widget, "_options_labels", None)
    if labels and not isinstance(widget, widgets.Button):
        items = "".join(f"<li>{html.escape(str(label))}</li>" for label in labels)
        yield f"<ol type='A'>{items}</ol>", "\n".join(f"  {chr(65 + i)}. {label}" for i, label in enumerate(labels))
        return
    if isinstance(widget, widgets.Checkbox):
        yield f"<p>&#9744; {html.escape(widget.description)}</p>", f"[ ] {widget.description}"
        return
    if isinstance(widget, widgets.Text | widgets.Textarea) and widget.placeholder:
        yield f"<p>[{html.escape(widget.placeholder)}]</p>", f"[{widget.placeholder}]"
        return
    for child in getattr(widget, "children", ()):
        yield from _static_parts(child)
