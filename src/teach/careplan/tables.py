"""The care-planning tables as a learner reads them: what the plan watches for each medicine, and
the harms of kratom a plan must discuss, each row with its source."""

from __future__ import annotations

from teach.data import load_table
from teach.ui.tables import LearnerTable


def medicines_table() -> LearnerTable:
    """What the plan watches for each medicine it knows (``careplan_medicines.csv``)."""
    return LearnerTable(load_table("careplan_medicines"),
                        {"label": "Medicine", "note": "What the plan watches", "citation": "Source"},
                        caption="Medicines for chronic pain: what the plan watches for the liver and for interactions")


def harms_table() -> LearnerTable:
    """The harms of kratom a plan must discuss (``careplan_kratom_harms.csv``); there is no benefit row."""
    return LearnerTable(load_table("careplan_kratom_harms"),
                        {"label": "Harm", "statement": "What is documented", "citation": "Source"},
                        caption="Harms of kratom to talk through, with the numbers and their sources")
