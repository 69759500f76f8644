"""config.clientip.client_ip: the client's address, as far as the proxies can be trusted."""

from django.test import RequestFactory

import pytest

from config.clientip import ONBEKEND, client_ip


def verzoek(remote_addr="10.0.0.9", forwarded=None):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(verzoek(forwarded="203.0.113.7")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("aantal", "verwacht"),
    [
        # The client wrote "1.2.3.4" itself; each proxy appends who connected to it.
        (1, "198.51.100.2"),
        (2, "203.0.113.7"),
        (3, "1.2.3.4"),
    ],
)
def test_the_entry_the_trusted_proxies_wrote_is_used(settings, aantal, verwacht):
    settings.TRUSTED_PROXY_COUNT = aantal

    request = verzoek(forwarded="1.2.3.4, 203.0.113.7, 198.51.100.2")

    assert client_ip(request) == verwacht


def test_a_forged_entry_left_of_the_proxy_does_not_count(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    echt = client_ip(verzoek(forwarded="203.0.113.7"))
    vervalst = client_ip(verzoek(forwarded="192.0.2.66, 203.0.113.7"))

    assert echt == vervalst == "203.0.113.7"


@pytest.mark.parametrize("forwarded", ["", "203.0.113.7", "niet-een-adres, ook-niet", " , "])
def test_a_short_or_broken_header_falls_back_to_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(verzoek(forwarded=forwarded)) == "10.0.0.9"


def test_no_header_at_all_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(verzoek()) == "10.0.0.9"


def test_ipv6_is_normalised_and_spaces_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    request = verzoek(forwarded="192.0.2.1,   2001:DB8:0:0::1  ")

    assert client_ip(request) == "2001:db8::1"


@pytest.mark.parametrize("remote_addr", ["", "unix:/run/gunicorn.sock"])
def test_no_usable_address_is_reported_as_unknown(settings, remote_addr):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(verzoek(remote_addr=remote_addr)) == ONBEKEND
