"""App tests of lesson 07: each app built headless and driven through its controls."""

from __future__ import annotations

import pytest

from teach.claims import app as claims_apps
from tests.app_checks import check_update_in_place

SCENARIOS = {
    "rating": ({"not_an_opioid": 4.5}, lambda s: s.learner[1] == 4.5 and s.focus == "not_an_opioid"),
    "levels": ({"min_rank": 6.0}, lambda s: s.reaching == ["proven_painkiller"]),
}


@pytest.mark.parametrize("name", list(claims_apps.APPS))
def test_controls_drive_model_figure_and_readout_in_place(name, figure_counter):
    changes, expectation = SCENARIOS[name]
    check_update_in_place(claims_apps.APPS[name](), changes, expectation, figure_counter)


def test_evidence_stays_hidden_until_revealed():
    app = claims_apps.rating_app()
    assert "evidence" not in " ".join(app._lines[1:]) and not app.figure.evidence.get_visible()
    assert not any(a.get_visible() for a in app.figure.level_artists)
    app.set(reveal=True)
    assert app.figure.evidence.get_visible() and all(a.get_visible() for a in app.figure.level_artists)
    assert "evidence 1 (contradicted)" in app.readout.text and "Kruegel et al. 2016" not in app.readout.text
    assert "Mean distance from the evidence" in app.readout.text


def test_levels_readout_cites_the_sources():
    app = claims_apps.levels_app()
    app.set(min_rank=1.0)
    assert "Kruegel et al. 2016" in app.readout.text and "8 of 8 claims" in app.readout.text
