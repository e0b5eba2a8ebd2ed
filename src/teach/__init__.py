"""teach: interactive lessons on kratom, opioid receptors, chronic pain and liver health.

Each topic is a sub-package with three layers that can be used on their own:
``model`` (pure functions, no plotting), ``figures`` (matplotlib figures built once
and updated in place) and ``app`` (ipywidgets controls wired to both, with a live
text readout). Educational material, not medical advice.
"""

__version__ = "0.1.0"

DISCLAIMER = (
    "This module is educational. It is not medical advice and must not be used to "
    "diagnose, treat or plan anyone's care. Talk to a qualified clinician."
)
