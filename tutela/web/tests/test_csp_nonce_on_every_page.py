"""Every HTML page carries a Content-Security-Policy whose script nonce matches every script tag."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

NONCE_IN_HEADER = re.compile(r"script-src [^;]*'nonce-([^']+)'")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _parameterless_paths(patterns, prefix=""):
    """Every URL of the site that takes no parameters, found from the URLconf itself."""
    for entry in patterns:
        route = str(entry.pattern)
        if "<" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            if route == "admin/":
                continue  # Django's own admin is checked separately below
            yield from _parameterless_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route


def _assert_nonced(response):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    match = NONCE_IN_HEADER.search(policy)
    assert match, policy
    html = response.content.decode()
    tags = SCRIPT_TAG.findall(html)
    assert tags, "every page loads GOV.UK Frontend's script"
    for tag in tags:
        assert f'nonce="{match.group(1)}"' in tag, tag
    assert not INLINE_HANDLER.search(html.split("<body", 1)[1])


def test_url_discovery_finds_the_pages():
    paths = set(_parameterless_paths(get_resolver().url_patterns))
    assert {"/", "/sign-in/", "/audit/"} <= paths


@pytest.mark.parametrize("path", sorted(set(_parameterless_paths(get_resolver().url_patterns))))
def test_page_has_csp_with_nonce(client, world, sign_in, path):
    sign_in(world.users["ig_officer"])
    if path == "/sign-in/":
        client.logout()
    response = client.get(path, follow=True)
    if response.status_code == 405:
        pytest.skip(f"{path} takes POST only (see test_sign_out_is_post_only)")
    if "text/html" not in response["Content-Type"]:
        pytest.skip(f"{path} is not an HTML page")
    _assert_nonced(response)


def test_sign_out_is_post_only(client, world, sign_in):
    sign_in(world.users["ig_officer"])
    assert client.get("/sign-out/").status_code == 405


@pytest.mark.parametrize("persona", ["assigned_caseworker", "outsider"])
def test_error_pages_have_csp_with_nonce(client, world, sign_in, persona):
    sign_in(world.users[persona])
    _assert_nonced(client.get("/no-such-page/"))
    _assert_nonced(client.get("/audit/"))  # 403 for both


def test_nonce_differs_between_responses(client, world):
    first = NONCE_IN_HEADER.search(client.get("/sign-in/")["Content-Security-Policy"])
    second = NONCE_IN_HEADER.search(client.get("/sign-in/")["Content-Security-Policy"])
    assert first and second and first.group(1) != second.group(1)


def test_admin_pages_have_a_policy_without_unsafe_inline(client, world, sign_in):
    sign_in(world.users["administrator"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
