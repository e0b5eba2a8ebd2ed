"""Screenshots of every screen of the lessons, as a learner sees them in JupyterLab.

    python3 course.py shots                              every notebook, into shots/
    python3 course.py shots notebooks/03_*.ipynb --out /tmp/shots --widths 1000

Starts JupyterLab on 127.0.0.1 (a free port, a token) serving a copy of the notebooks, opens
each notebook in Debian's Chromium with the file browser closed, waits for its kernel, runs
every cell and waits until every app has drawn its figure. It then saves, for each viewport
width, one PNG per screen (the notebook scrolled by one viewport height at a time) and one
PNG of each app on its own:

    <out>/<notebook>/w1000_screen_01.png ...   <out>/<notebook>/w1000_app_1.png ...

Read the pictures after every change a learner will see.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import CHROMIUM, CHROMIUM_FLAGS, expected_apps, jupyterlab, run_all_cells  # noqa: E402

VIEWPORT_HEIGHT = 900
SCROLLER = ".jp-NotebookPanel .jp-WindowedPanel-outer"


def wait_for_apps(page, count: int) -> None:
    """Wait until ``count`` apps show a drawn figure canvas, then for the kernel to go idle."""
    if count:
        page.locator(".teach-app").nth(count - 1).locator(".jupyter-matplotlib-figure canvas").first.wait_for(
            timeout=90_000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=90_000)
    page.wait_for_timeout(1500)  # the last canvas frames and MathJax


def dismiss_toasts(page) -> None:
    """Close any notification toast (they cover the bottom right of the page)."""
    for close in page.locator(".jp-toast-dismiss").all():
        close.click()


def quiet_settings(home: Path) -> None:
    """JupyterLab settings under ``home`` that stop it asking about news in a toast."""
    folder = home / "settings" / "@jupyterlab" / "apputils-extension"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')


def shoot_notebook(page, base: str, token: str, notebook: Path, out: Path, widths: list[int]) -> list[Path]:
    """Run ``notebook`` once, then save its screens and apps at every width; return the files."""
    page.set_viewport_size({"width": widths[0], "height": VIEWPORT_HEIGHT})
    run_all_cells(page, base, token, notebook.name)
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    wait_for_apps(page, expected_apps(notebook))
    folder = out / notebook.stem
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
        page.wait_for_timeout(800)
        scroller = page.locator(SCROLLER)
        step = scroller.evaluate("el => el.clientHeight")
        screen, top = 1, 0
        while True:
            scroller.evaluate("(el, top) => { el.scrollTop = top; }", top)
            page.wait_for_timeout(400)
            dismiss_toasts(page)
            path = folder / f"w{width}_screen_{screen:02d}.png"
            page.screenshot(path=str(path))
            saved.append(path)
            # JupyterLab estimates the height of cells not yet shown, so read it again at every step
            if top + step >= scroller.evaluate("el => el.scrollHeight"):
                break
            top, screen = top + step, screen + 1
        apps = page.locator(".teach-app")
        for index in range(apps.count()):
            app = apps.nth(index)
            # An app taller than the window: make the window taller, since the notebook scrolls
            # inside JupyterLab and the page itself cannot
            tall = app.evaluate("el => el.getBoundingClientRect().height") > VIEWPORT_HEIGHT - 150
            if tall:
                height = round(app.evaluate("el => el.getBoundingClientRect().height")) + 300
                page.set_viewport_size({"width": width, "height": height})
                page.wait_for_timeout(500)
            app.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            dismiss_toasts(page)
            path = folder / f"w{width}_app_{index + 1}.png"
            app.screenshot(path=str(path))
            saved.append(path)
            if tall:
                page.set_viewport_size({"width": width, "height": VIEWPORT_HEIGHT})
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/")
    parser.add_argument("--out", type=Path, default=ROOT / "shots", help="folder for the PNGs (default: shots/)")
    parser.add_argument("--widths", type=int, nargs="+", default=[1000, 1400], help="viewport widths in px")
    args = parser.parse_args(argv)
    # The lessons keep a learner's progress in a file; the screenshots must neither read a
    # maintainer's own progress (a first-time learner's screens) nor leave one behind.
    os.environ["TEACH_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    missing = [str(p) for p in notebooks if not p.is_file() or p.suffix != ".ipynb"]
    if missing:
        parser.error(f"notebooks must be existing .ipynb files; not found: {', '.join(missing)}")
    if not CHROMIUM.exists():
        parser.error(f"Debian's Chromium is needed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root, home = Path(tmp) / "lab", Path(tmp) / "home"
        root.mkdir()
        home.mkdir()
        quiet_settings(home)
        for path in notebooks:
            shutil.copy2(path, root / path.name)
        with jupyterlab(root, home) as (base, token), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
            try:
                for notebook in notebooks:
                    page = browser.new_page()
                    saved = shoot_notebook(page, base, token, root / notebook.name, args.out, args.widths)
                    page.close()
                    print(f"{notebook.name}: {len(saved)} pictures in {args.out / notebook.stem}", flush=True)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
