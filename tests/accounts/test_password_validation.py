"""accounts.password_validation: Django's length check with a Dutch message."""

from django.core.exceptions import ValidationError

import pytest

from accounts.password_validation import MinimumLengthValidator


def test_a_short_password_is_refused_in_dutch():
    with pytest.raises(ValidationError) as refused:
        MinimumLengthValidator(min_length=10).validate("kort")

    assert refused.value.messages == ["Dit wachtwoord is te kort. De minimale lengte is 10 tekens."]


def test_a_long_enough_password_passes():
    assert MinimumLengthValidator(min_length=10).validate("precies-10") is None
