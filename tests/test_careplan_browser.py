"""Browser test of lesson 06: build a plan through the widgets in JupyterLab and export it."""

from __future__ import annotations

from tests.servers import run_all_cells
from tests.test_browser import lab  # noqa: F401


def test_build_a_plan_through_widgets_and_export(lab, browser):  # noqa: F811
    base, token = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    run_all_cells(page, base, token, "06_holistic_care_planning.ipynb")
    builder = page.locator(".teach-careplan").first
    builder.locator(".jupyter-matplotlib-figure").wait_for(timeout=60_000)
    builder.scroll_into_view_if_needed()
    builder.get_by_text("acupuncture", exact=True).click()
    builder.get_by_text("weight management", exact=True).click()
    readout = builder.locator(".teach-readout")
    page.wait_for_function("el => el.innerText.includes('Acupuncture')", arg=readout.element_handle(),
                           timeout=15_000)
    builder.get_by_role("button", name="Export").click()
    exported = builder.locator(".teach-export")
    exported.wait_for(timeout=15_000)
    text = exported.inner_text()
    assert "Acupuncture" in text and "Weight management" in text and "not medical advice" in text
    page.close()
