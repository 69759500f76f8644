"""Security headers on every page (issue 10 point 6, the part that is in place)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pad", ["/", "/opgaven/", "/bestaat-niet/", "/health/"])
def test_every_response_has_the_security_headers(client, pad):
    response = client.get(pad)

    assert response["Permissions-Policy"].startswith("accelerometer=(),")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
