"""The administrator's journey in a real browser, on the demo data (issue 11):
Bea Beheer grants a resident the partner role in the Django admin (/beheer/)."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Rol
from accounts.selectors import user_roles
from tests.e2e._journey import screenshot
from tests.e2e.test_opgaven import inloggen

pytestmark = pytest.mark.e2e


def test_the_administrator_grants_a_role_in_the_admin(
    page, live_server, demo, zonder_mfa, browser_errors
):
    url = live_server.url
    inwoner = User.objects.get(email="inwoner@demodam.nl")
    assert Rol.PARTNER not in user_roles(inwoner)
    inloggen(page, live_server, "beheerder@demodam.nl")
    page.set_default_timeout(10_000)
    niet_gevonden: list[str] = []
    page.on("response", lambda r: r.status == 404 and niet_gevonden.append(r.url))

    page.goto(f"{url}/beheer/accounts/user/")
    page.locator("#searchbar").fill("inwoner@demodam.nl")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="inwoner@demodam.nl", exact=True).click()
    page.locator("select[name=groups_old]").select_option(label="partner")
    page.get_by_role("link", name="Choose selected", exact=False).or_(
        page.get_by_role("button", name="Choose selected", exact=False)
    ).first.click()
    expect(page.locator("select[name=groups] option")).to_have_text(["inwoner", "partner"])
    screenshot(page, "beheerder-rol")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert user_roles(User.objects.get(pk=inwoner.pk)) == {Rol.INWONER, Rol.PARTNER}
    assert niet_gevonden == []
    # The admin pages link no icon, so the browser's own /favicon.ico request is a 404.
    assert [fout for fout in browser_errors if "404" not in fout] == []
