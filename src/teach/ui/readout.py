"""A live text readout: what the figure shows, as text that screen readers announce."""

from __future__ import annotations

import html

import ipywidgets as widgets


class Readout(widgets.HTML):
    """An HTML widget in an ARIA live region, updated with plain-text lines.

    ``text`` holds the plain text (tests and screen readers read it); ``value`` the HTML.
    """

    def __init__(self, **kwargs):
        # Beside the figure when there is room (18 em or more), else wrapped directly under it.
        kwargs.setdefault("layout", widgets.Layout(flex="1 1 18em", min_width="16em", max_width="36em"))
        super().__init__(**kwargs)
        self.text = ""
        self.add_class("teach-readout")

    def show(self, lines: list[str], *, error: str | None = None) -> None:
        """Replace the readout with ``lines`` (and an error message in bold, if given)."""
        self.text = "\n".join(([f"Input error: {error}"] if error else []) + lines)
        items = "".join(f'<li style="margin:0 0 0.3em 0">{html.escape(line)}</li>' for line in lines)
        problem = (f'<p role="alert" class="teach-readout-error" style="color:#a03000;border-left:3px solid #d55e00;'
                   f'padding-left:0.4em"><strong>Input error:</strong> {html.escape(error)}</p>') if error else ""
        self.value = (
            '<div aria-live="polite" class="teach-readout-text" style="line-height:1.3;font-size:0.9em">'
            f'{problem}<ul style="margin:0;padding-left:1.1em">{items}</ul></div>'
        )
