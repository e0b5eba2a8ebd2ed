"""A class on a real JupyterHub on 127.0.0.1 (tests/classhub.py): simulated students follow the
nbgitpuller link, log in, get a server, pull the course and run lessons; two of them in Chromium.

``HUB_STUDENTS=30 python3 course.py test tests/test_hub_classroom.py`` runs a bigger class
(default 10; at least 4: two in the browser, the others over the Jupyter API).
"""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import psutil
import pytest

from tests.classhub import (
    COURSE,
    LESSONS,
    PROXY,
    ROOT,
    BrowserVisit,
    Hub,
    Student,
    browser_student,
    port_is_free,
    push_instructor_update,
    running_hub,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STUDENTS = int(os.environ.get("HUB_STUDENTS", "10"))
IN_BROWSER = 2
EDITED = "notebooks/00_start_here.ipynb"
UPDATE = "NOTE_FROM_THE_INSTRUCTOR.md"


@dataclass
class Class:
    hub: Hub
    students: list[Student]
    visits: list[BrowserVisit | Exception]


@pytest.fixture(scope="module")
def classroom(tmp_path_factory, browser):
    """A hub and a class that has attended: the API students run lessons 00 and 03 in threads while
    the browser students, one after the other, open lesson 01 and move a slider. Afterwards the hub
    is stopped, and nothing it started may be left running or holding a port."""
    if STUDENTS < IN_BROWSER + 2:
        pytest.fail(f"HUB_STUDENTS must be at least {IN_BROWSER + 2}; got {STUDENTS}")
    names = [f"student{index:02d}" for index in range(STUDENTS)]
    with running_hub(tmp_path_factory.mktemp("hub")) as hub:
        students = [Student(hub, name) for name in names[IN_BROWSER:]]
        with ThreadPoolExecutor(max_workers=len(students)) as pool:
            attending = [pool.submit(student.attend) for student in students]
            visits = []
            for name in names[:IN_BROWSER]:
                try:
                    visits.append(browser_student(browser, hub, name))
                except Exception as error:  # reported by the browser test, not here
                    visits.append(error)
            for future in attending:
                future.result()
        yield Class(hub, students, visits)
        ports = {port for _, _, port in listening(hub)}  # hub, proxy, servers, kernels
    assert not hub.leftovers, f"still running after the hub stopped: {hub.leftovers}"
    busy = sorted(port for port in ports if not port_is_free(port))
    assert not busy, f"ports still taken after the hub stopped: {busy}"


def listening(hub: Hub) -> set[tuple[int, str, int]]:
    """(pid, address, port) of every listening TCP socket of the hub's process tree."""
    found = set()
    for process in hub.processes():
        try:
            found |= {(process.pid, conn.laddr.ip, conn.laddr.port) for conn in process.net_connections(kind="inet")
                      if conn.status == psutil.CONN_LISTEN}
        except psutil.NoSuchProcess:
            continue
    return found


def test_every_student_gets_a_server_pulls_the_course_and_runs_the_lessons(classroom):
    failed = {student.name: student.errors for student in classroom.students if student.errors}
    assert not failed, failed
    for student in classroom.students:
        assert {"server_ready", "pulled", "lessons_done"} <= set(student.times), student.times
        clone = classroom.hub.homes / student.name / COURSE
        assert (clone / ".git").is_dir() and all((clone / lesson).is_file() for lesson in LESSONS)


def test_browser_students_commit_a_prediction_if_asked_and_see_the_figure_repaint(classroom):
    assert len(classroom.visits) == IN_BROWSER
    for visit in classroom.visits:
        assert isinstance(visit, BrowserVisit), f"browser student failed: {visit!r}"
        assert visit.latencies_ms and all(visit.repainted), visit
        assert visit.committed_prediction in (None, True)
        assert not visit.page_errors, visit.page_errors


def test_a_student_cannot_reach_another_students_files(classroom):
    alice, bob = classroom.students[:2]
    target = f"api/contents/{COURSE}/{EDITED}"
    assert (classroom.hub.homes / bob.name / COURSE / EDITED).is_file()
    # Through Bob's server: the hub refuses Alice's login there.
    response = alice.session.get(f"{classroom.hub.url}/user/{bob.name}/{target}", timeout=60)
    assert response.status_code == 403, (response.status_code, response.url)
    # Through her own server: it serves her home only.
    for escape in (f"..%2F{bob.name}%2F{COURSE}%2F{EDITED}", f"%2E%2E/{bob.name}/{COURSE}/{EDITED}"):
        response = alice.request("GET", f"api/contents/{escape}")
        assert response.status_code in (400, 403, 404), (escape, response.status_code)
    homes = sorted(path.name for path in classroom.hub.homes.iterdir())
    assert homes == sorted([*(s.name for s in classroom.students), *(f"student{i:02d}" for i in range(IN_BROWSER))])


def test_clicking_the_link_again_keeps_the_students_edit_and_brings_the_update(classroom, tmp_path):
    alice, bob = classroom.students[:2]
    notebook = alice.notebook(EDITED)
    note = "My own note: ask about the liver tests."
    notebook["cells"].append({"cell_type": "markdown", "metadata": {}, "source": note, "id": "my-note"})
    alice.save_notebook(EDITED, notebook)
    push_instructor_update(classroom.hub.repo, tmp_path, UPDATE, "Bring a question about lesson 03.\n")

    assert alice.follow_link(classroom.hub.link()).endswith(EDITED)
    sources = ["".join(cell["source"]) for cell in alice.notebook(EDITED)["cells"]]
    assert note in sources, "the second click lost the student's edit"
    assert (classroom.hub.homes / alice.name / COURSE / UPDATE).is_file(), "the instructor's update did not arrive"
    assert note not in json.dumps(bob.notebook(EDITED)), "one student's edit reached another's copy"


def test_the_idle_culler_runs_as_a_hub_service_and_culled_no_active_student(classroom):
    hub = classroom.hub
    services = {service["name"]: service for service in hub.api("GET", "services").json().values()}
    culler = services["idle-culler"]
    assert "jupyterhub_idle_culler" in " ".join(psutil.Process(culler["pid"]).cmdline())
    # It asked the hub for the users with its own token, and was answered.
    assert re.search(r"200 GET /hub/api/users\S* .*idle-culler@127\.0\.0\.1", hub.log()), hub.log()[-2000:]
    running = [user["name"] for user in hub.api("GET", "users").json() if user["servers"]]
    assert len(running) == STUDENTS


def test_the_hub_runs_behind_the_pinned_proxy_and_listens_on_127_0_0_1_only(classroom):
    processes = classroom.hub.processes()
    commands = [" ".join(process.cmdline()) for process in processes]
    assert any(str(PROXY) in command for command in commands), commands
    installed = json.loads((PROXY.resolve().parent.parent / "package.json").read_text())["version"]
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["configurable-http-proxy"]
    assert installed == pinned
    sockets = listening(classroom.hub)
    assert len(sockets) >= 3 + STUDENTS  # hub, proxy and its API, a server per student (and kernels)
    assert {ip for _, ip, _ in sockets} == {"127.0.0.1"}, sockets
