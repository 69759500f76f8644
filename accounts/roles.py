"""The five platform roles. Role names live here and nowhere else (DESIGN §6.1).

A role is a Django ``Group``. Code asks for *permissions* (``user.has_perm``),
never for group names; this module maps each role to the model permissions it
grants, and ``accounts.services.role_permissions_sync`` applies the mapping.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    AMBTENAAR = "ambtenaar", _("Civil servant")
    INWONER = "inwoner", _("Resident")
    PARTNER = "partner", _("Partner")
    ADVISEUR = "adviseur", _("Adviser")
    BEHEERDER = "beheerder", _("Administrator")


# Roles whose holders see internal information; MFA is enforced for them when
# REQUIRE_MFA_FOR_STAFF is on.
STAFF_ROLES = frozenset({Rol.AMBTENAAR, Rol.ADVISEUR, Rol.BEHEERDER})

# Model permissions ("verbs") per role, as "app_label.codename". Apps add their
# verbs here as they grow; a test checks every entry exists.
ROLE_PERMISSIONS: dict[Rol, tuple[str, ...]] = {
    Rol.AMBTENAAR: (
        "opgaven.add_opgave",
        "opgaven.view_interne_opgave",
        # The register of partner organisations: officials keep it.
        "partners.view_organisatie",
        "partners.add_organisatie",
        "partners.change_organisatie",
        # Participation rounds: officials with a role on the opgave manage them.
        "participatie.add_ronde",
        "participatie.change_ronde",
        # Learning on the job: entries, a development plan, self-assessment.
        "leren.add_leerervaring",
        # Reports about what they may see (rapportage.permissions decides which).
        "rapportage.add_rapport",
    ),
    Rol.INWONER: (),
    Rol.PARTNER: ("partners.view_organisatie", "rapportage.add_rapport"),
    Rol.ADVISEUR: (
        "partners.view_organisatie",
        "leren.add_leerervaring",
        # Coaching: start trajectories (the coach of one manages it).
        "leren.add_coachtraject",
        "rapportage.add_rapport",
    ),
    Rol.BEHEERDER: (
        "accounts.view_user",
        "accounts.change_user",
        "auth.view_group",
        "meldingen.view_melding",
        "meldingen.change_melding",  # the admin action "send again"
        "meldingen.view_voorkeur",
        "opgaven.view_opgave",
        "opgaven.change_opgave",
        "opgaven.view_opgaverol",
        "opgaven.add_opgaverol",
        "opgaven.change_opgaverol",
        # Reference data and the register of partners are kept in the admin.
        "opgaven.view_thema",
        "opgaven.add_thema",
        "opgaven.change_thema",
        "opgaven.view_gebied",
        "opgaven.add_gebied",
        "opgaven.change_gebied",
        "partners.view_organisatie",
        "partners.add_organisatie",
        "partners.change_organisatie",
        "partners.view_lidmaatschap",
        "partners.add_lidmaatschap",
        "partners.change_lidmaatschap",
        # The workspace rows are changed in the workspace; the admin shows them.
        "opgaven.view_faseovergang",
        "opgaven.view_doel",
        "opgaven.view_indicator",
        "opgaven.view_meting",
        "opgaven.view_betrokkenheid",
        "opgaven.view_positie",
        "opgaven.view_contactmoment",
        "opgaven.view_toezegging",
        "opgaven.view_planvanaanpak",
        "opgaven.view_instemming",
        "opgaven.view_actie",
        "opgaven.view_besluit",
        # Money moves through budget.services only; the admin shows it.
        "budget.view_budgetpot",
        "budget.view_bijdrage",
        "budget.view_toewijzing",
        "budget.view_goedkeuring",
        "budget.view_uitgave",
        "budget.view_boeking",
        # Participation changes through its pages and services only; the admin shows it.
        "participatie.view_ronde",
        "participatie.view_deelname",
        "participatie.view_inbreng",
        "participatie.view_reactie",
        "participatie.view_markering",
        "participatie.view_terugkoppeling",
        "participatie.view_sessie",
        "participatie.view_aanmelding",
        "participatie.view_begroting",
        "participatie.view_deelbudget",  # shown inside the budget
        "participatie.view_voorstel",
        "participatie.view_stembiljet",
        "participatie.view_stemcode",
        # The handelingsrepertoire is kept in the admin; the rest of leren shows metadata only.
        "leren.view_competentie",
        "leren.add_competentie",
        "leren.change_competentie",
        "leren.view_leerervaring",
        "leren.view_ontwikkelplan",
        "leren.view_voortgangsmeting",
        "leren.view_coachtraject",
        "leren.view_coachgesprek",
        "leren.view_actiepunt",
        "leren.view_feedback",
        # Reports: the jobs, goal statuses and the log of personal-data exports.
        "rapportage.view_rapport",
        "rapportage.view_doelstatus",
        "rapportage.view_exportregistratie",
        # The security audit log and the quarterly role review (read-only).
        "beveiliging.view_auditregel",
    ),
}
