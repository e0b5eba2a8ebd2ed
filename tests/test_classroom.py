"""The nbgitpuller link helper against nbgitpuller's documented link format."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from teach.classroom import START_NOTEBOOK, nbgitpuller_default_url, nbgitpuller_link

REPO = "https://github.com/OWNER/kratom-course"


def test_documented_format_exactly():
    link = nbgitpuller_link("https://hub.example.org", REPO, "main")
    assert link == (
        "https://hub.example.org/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2FOWNER%2Fkratom-course&branch=main"
        "&urlpath=lab%2Ftree%2Fkratom-course%2Fnotebooks%2F00_start_here.ipynb"
    )


def test_round_trip_of_every_parameter():
    link = nbgitpuller_link("https://example.org/jupyter/", REPO + ".git", "lesson-06",
                            "notebooks/07_checking_the_claims.ipynb")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "example.org", "/jupyter/hub/user-redirect/git-pull")
    query = parse_qs(parts.query)
    assert query == {"repo": [REPO + ".git"], "branch": ["lesson-06"],
                     "urlpath": ["lab/tree/kratom-course/notebooks/07_checking_the_claims.ipynb"],
                     "targetpath": ["kratom-course"]}


def test_a_repository_without_git_suffix_needs_no_targetpath():
    """nbgitpuller clones into the last part of the address, so only "NAME.git" needs targetpath."""
    assert "targetpath" not in parse_qs(urlsplit(nbgitpuller_link("https://hub.example.org", REPO)).query)


@pytest.mark.parametrize(("interface", "prefix"), [("lab", "lab/tree"), ("notebook", "tree"),
                                                   ("voila", "voila/render")])
def test_interfaces(interface, prefix):
    query = parse_qs(urlsplit(nbgitpuller_link("https://hub.example.org/hub/", REPO, interface=interface)).query)
    assert query["urlpath"] == [f"{prefix}/kratom-course/{START_NOTEBOOK}"]


def test_trailing_hub_is_not_doubled():
    assert "/hub/hub/" not in nbgitpuller_link("https://hub.example.org/hub", REPO)


@pytest.mark.parametrize("hub", ["http://hub.example.org", "hub.example.org", "", "https://", None,
                                 "https://hub.example.org/?next=x", "https://user:pw@hub.example.org"])
def test_rejects_bad_hub(hub):
    with pytest.raises(ValueError, match="hub_url"):
        nbgitpuller_link(hub, REPO)


@pytest.mark.parametrize("repo", ["git@github.com:OWNER/x.git", "http://github.com/OWNER/x", "https://github.com"])
def test_rejects_bad_repo(repo):
    with pytest.raises(ValueError, match="repo_url"):
        nbgitpuller_link("https://hub.example.org", repo)


@pytest.mark.parametrize(("hub", "repo"), [
    ("http://127.0.0.1:8000", "file:///srv/course/kratom-course.git"),
    ("http://localhost:8000/", REPO),
    ("https://hub.example.org", "file:///srv/course/kratom-course.git"),
])
def test_local_addresses_only_when_asked(hub, repo):
    with pytest.raises(ValueError, match="allow_local=True, for testing"):
        nbgitpuller_link(hub, repo)
    query = parse_qs(urlsplit(nbgitpuller_link(hub, repo, allow_local=True)).query)
    assert query["repo"] == [repo]
    assert query["urlpath"] == [f"lab/tree/kratom-course/{START_NOTEBOOK}"]


def test_local_hub_link_exactly():
    link = nbgitpuller_link("http://127.0.0.1:8000", "file:///srv/kratom-course.git", "main", allow_local=True)
    assert link == (
        "http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=file%3A%2F%2F%2Fsrv%2Fkratom-course.git"
        "&branch=main&urlpath=lab%2Ftree%2Fkratom-course%2Fnotebooks%2F00_start_here.ipynb&targetpath=kratom-course"
    )


@pytest.mark.parametrize(("hub", "repo"), [
    ("http://hub.example.org", REPO),            # plain http to a remote hub stays refused
    ("http://10.0.0.5:8000", REPO),
    ("https://hub.example.org", "file://host/srv/kratom-course.git"),  # file URL naming another host
    ("https://hub.example.org", "file:relative/kratom-course.git"),
    ("https://hub.example.org", "http://localhost/kratom-course.git"),
])
def test_allow_local_still_refuses_remote_http_and_odd_file_urls(hub, repo):
    with pytest.raises(ValueError, match="hub_url" if repo == REPO else "repo_url"):
        nbgitpuller_link(hub, repo, allow_local=True)


@pytest.mark.parametrize("branch", ["", "has space", "a..b", "/main", "main/", "x@{1}", None])
def test_rejects_bad_branch(branch):
    with pytest.raises(ValueError, match="branch"):
        nbgitpuller_link("https://hub.example.org", REPO, branch)


@pytest.mark.parametrize("path", ["", "/etc/passwd", "../secret.ipynb", "notebooks/../../x"])
def test_rejects_bad_path(path):
    with pytest.raises(ValueError, match="path"):
        nbgitpuller_link("https://hub.example.org", REPO, path=path)


def test_rejects_unknown_interface():
    with pytest.raises(ValueError, match="interface"):
        nbgitpuller_link("https://hub.example.org", REPO, interface="retro")


def test_default_url_is_the_links_pull_on_the_learners_own_server():
    link = nbgitpuller_link("https://hub.example.org", REPO + ".git", "main", interface="voila")
    default = nbgitpuller_default_url(REPO + ".git", "main", interface="voila")
    assert default.startswith("/git-pull?")
    assert link == f"https://hub.example.org/hub/user-redirect{default}"


@pytest.mark.parametrize("kwargs", [{"repo_url": "http://github.com/OWNER/x"}, {"branch": "a..b"},
                                    {"path": "../x.ipynb"}, {"interface": "retro"}])
def test_default_url_rejects_what_the_link_rejects(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs)).split("_")[0]):
        nbgitpuller_default_url(**{"repo_url": REPO, **kwargs})
