"""The few CSS rules the lesson widgets need beyond ipywidgets' own, shipped inside the widgets.

ipywidgets gives every label, slider and radio option a fixed one-line height, so a long label
is cut off and a long answer option prints over the next one. These rules, scoped to the
course's own classes, let such text wrap. They travel as a ``<style>`` element inside an
(invisible) HTML widget, so they work wherever the widgets render: JupyterLab, Notebook, Voila.
"""

from __future__ import annotations

import ipywidgets as widgets

CSS = """
.teach-app .jupyter-widget-inline-hbox, .teach-app .widget-inline-hbox {
  height: auto; min-height: var(--jp-widgets-inline-height); align-items: center; }
.teach-app .jupyter-widget-label, .teach-app .widget-label, .teach-app .widget-label-basic {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.25; }
.teach-app .jupyter-widget-checkbox, .teach-app .widget-checkbox { height: auto; }
.teach-app .widget-checkbox label, .teach-app .jupyter-widget-checkbox label {
  display: flex; align-items: flex-start; line-height: 1.3; }
.teach-app .widget-checkbox input, .teach-app .jupyter-widget-checkbox input { flex: 0 0 auto; margin-top: 0.15em; }
.teach-app .widget-toggle-buttons { display: flex; align-items: center; }
.teach-app .widget-toggle-buttons > .widget-label {
  display: inline-block; flex: 0 0 auto; text-align: right; margin-right: calc(var(--jp-widgets-inline-margin) * 2); }
.teach-selfcheck .jupyter-widget-radio, .teach-selfcheck .widget-radio { width: auto; height: auto; }
.teach-selfcheck .jupyter-widget-radio-box label, .teach-selfcheck .widget-radio-box label {
  display: flex; align-items: flex-start; height: auto; line-height: 1.35; white-space: normal;
  margin: 0.25em 0; cursor: pointer; }
.teach-selfcheck .jupyter-widget-radio-box input, .teach-selfcheck .widget-radio-box input {
  order: -1; float: none; flex: 0 0 auto; height: 1.35em; margin: 0 0.6em 0 1px; }
.teach-selfcheck .jupyter-widget-text, .teach-selfcheck .widget-text { width: 22em; }
"""


def style_widget() -> widgets.HTML:
    """An invisible widget that carries :data:`CSS` (harmless when shown more than once)."""
    widget = widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(display="none"))
    widget.add_class("teach-style")
    return widget
