"""can_* for every persona on opgaven in every relevant state."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

import pytest

from opgaven.models import Fase, Opgaverol
from opgaven.permissions import (
    can_add_opgave,
    can_change_opgave,
    can_view_krachtenveld,
    can_view_opgave,
    can_view_werkruimte,
    check_can_add_opgave,
    check_can_change_opgave,
    check_can_view_opgave,
)
from opgaven.services import (
    opgave_fase_wijzigen,
    opgave_update,
    opgaverol_beeindigen,
    opgaverol_toekennen,
)
from partners.services import lidmaatschap_beeindigen
from tests.factories import UserFactory
from tests.permission_matrix import PERSONAS

pytestmark = pytest.mark.django_db

AMBTENAREN = {"ambtenaar", "regisseur", "coachee"}


def as_user(request, persona):
    return request.getfixturevalue(persona) or AnonymousUser()


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_sees_a_public_opgave(request, persona, opgave):
    assert can_view_opgave(as_user(request, persona), opgave)


@pytest.mark.parametrize("persona", PERSONAS)
def test_officials_role_holders_and_partners_see_an_internal_opgave(
    request, persona, interne_opgave
):
    expected = persona in AMBTENAREN | {"partner_lid"}
    assert can_view_opgave(as_user(request, persona), interne_opgave) is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_role_holders_change_an_opgave(request, persona, opgave, interne_opgave):
    user = as_user(request, persona)
    assert can_change_opgave(user, opgave) is (persona == "regisseur")
    # A partner sees the opgave their organisation is involved in, but does not edit it.
    assert can_change_opgave(user, interne_opgave) is (persona == "regisseur")


@pytest.mark.parametrize("persona", PERSONAS)
def test_officials_add_opgaven(request, persona):
    assert can_add_opgave(as_user(request, persona)) is (persona in AMBTENAREN)


@pytest.mark.parametrize("fase", [Fase.AFGEROND, Fase.GESTOPT])
def test_a_finished_opgave_cannot_be_changed_even_by_its_regisseur(regisseur, opgave, fase):
    opgave_fase_wijzigen(opgave=opgave, naar=Fase.EVALUEREN, door=regisseur, reden="Tijd.")
    opgave_fase_wijzigen(opgave=opgave, naar=fase, door=regisseur, reden="Klaar.")
    assert regisseur.has_perm("opgaven.change_opgave", opgave)  # the role is still there
    assert not can_change_opgave(regisseur, opgave)


def test_an_archived_opgave_cannot_be_changed(regisseur, opgave):
    opgave_update(opgave=opgave, door=regisseur, gearchiveerd=True)
    assert not can_change_opgave(regisseur, opgave)
    assert can_view_opgave(regisseur, opgave)


def test_ending_the_role_ends_the_right_to_change(regisseur, interne_opgave):
    opgaverol_beeindigen(opgaverol=interne_opgave.rollen.get(user=regisseur))
    assert not can_change_opgave(regisseur, interne_opgave)
    assert can_view_opgave(regisseur, interne_opgave)  # still an official


def test_ending_the_role_of_an_outsider_hides_an_internal_opgave(
    partner_buitenstaander, interne_opgave
):
    opgaverol = opgaverol_toekennen(
        opgave=interne_opgave, user=partner_buitenstaander, rol=Opgaverol.Rol.KERNTEAMLID
    )
    assert can_view_opgave(partner_buitenstaander, interne_opgave)
    opgaverol_beeindigen(opgaverol=opgaverol)
    assert not can_view_opgave(partner_buitenstaander, interne_opgave)


def test_ending_the_membership_hides_an_internal_opgave_at_once(partner_lid, interne_opgave):
    assert can_view_werkruimte(partner_lid, interne_opgave)
    lidmaatschap_beeindigen(lidmaatschap=partner_lid.lidmaatschappen.get())
    assert not can_view_opgave(partner_lid, interne_opgave)
    assert not can_view_werkruimte(partner_lid, interne_opgave)


def test_ending_the_involvement_hides_an_internal_opgave(partner_lid, interne_opgave):
    interne_opgave.betrokkenheden.all().delete()
    assert not can_view_opgave(partner_lid, interne_opgave)


@pytest.mark.parametrize("persona", PERSONAS)
def test_workspace_and_krachtenveld_of_a_public_opgave(request, persona, opgave):
    user = as_user(request, persona)
    assert can_view_werkruimte(user, opgave) is (persona in AMBTENAREN | {"partner_lid"})
    # The municipality's analysis of the field of forces is not for partners.
    assert can_view_krachtenveld(user, opgave) is (persona in AMBTENAREN)


def test_a_superuser_may_do_everything(interne_opgave):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert can_view_opgave(superuser, interne_opgave)
    assert can_change_opgave(superuser, interne_opgave)
    assert can_add_opgave(superuser)


def test_an_inactive_role_holder_may_do_nothing(regisseur, interne_opgave):
    regisseur.is_active = False
    assert not can_view_opgave(regisseur, interne_opgave)
    assert not can_change_opgave(regisseur, interne_opgave)
    assert not can_add_opgave(regisseur)


def test_check_functions_raise(inwoner, interne_opgave, regisseur):
    with pytest.raises(PermissionDenied):
        check_can_view_opgave(inwoner, interne_opgave)
    with pytest.raises(PermissionDenied):
        check_can_change_opgave(inwoner, interne_opgave)
    with pytest.raises(PermissionDenied):
        check_can_add_opgave(inwoner)
    check_can_view_opgave(regisseur, interne_opgave)
    check_can_change_opgave(regisseur, interne_opgave)
    check_can_add_opgave(regisseur)
