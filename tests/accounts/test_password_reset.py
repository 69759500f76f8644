"""Forgotten password: a mail with a link, then a new password."""

import re

from django.urls import reverse

import pytest

from tests.accounts.conftest import logged_in_user_id

NEW_PASSWORD = "Nieuw-wachtwoord-voor-de-Vecht-7"

pytestmark = pytest.mark.django_db


def request_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_requesting_a_reset_mails_a_dutch_link(client, inwoner, mailoutbox):
    response = request_reset(client, inwoner.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    (message,) = mailoutbox
    assert message.to == [inwoner.email]
    assert message.subject == "[Gemeente Demodam] Nieuw wachtwoord"
    assert "Hallo van Gemeente Demodam!" in message.body
    assert reset_link(message)


def test_an_unknown_address_gets_the_same_page_and_no_reset_link(client, mailoutbox):
    response = request_reset(client, "onbekend@example.nl")

    assert response["Location"] == reverse("account_reset_password_done")
    assert all("/accounts/password/reset/key/" not in m.body for m in mailoutbox)


def test_the_link_lets_the_user_set_a_new_password(client, inwoner, mailoutbox):
    request_reset(client, inwoner.email)

    # allauth moves the key from the URL into the session, then shows the form.
    form_url = client.get(reset_link(mailoutbox[0]))["Location"]
    page = client.get(form_url)
    assert page.status_code == 200
    assert "Wachtwoord wijzigen" in page.content.decode()

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    inwoner.refresh_from_db()
    assert inwoner.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) is None
    login = client.post(
        reverse("account_login"), {"login": inwoner.email, "password": NEW_PASSWORD}
    )
    assert logged_in_user_id(client) == str(inwoner.pk), login


def test_a_too_short_new_password_is_refused_in_dutch(client, inwoner, mailoutbox):
    request_reset(client, inwoner.email)
    form_url = client.get(reset_link(mailoutbox[0]))["Location"]

    response = client.post(form_url, {"password1": "kort", "password2": "kort"})

    assert response.status_code == 200
    html = response.content.decode()
    print(html[html.find("<main") :])
    assert "Dit wachtwoord is te kort. De minimale lengte is 10 tekens." in html
    assert "data-error-summary" in html


def test_a_used_or_wrong_link_explains_itself(client, inwoner):
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "fout-sleutel"})
    )

    assert response.status_code == 200
    assert "Ongeldige sleutel" in response.content.decode()
