"""The registry of notification kinds: texts (named placeholders) and default delivery.

A new kind is one ``Soort`` member plus one entry here. Texts are gettext msgids,
rendered in the reader's language when shown or mailed, with the melding's context.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from meldingen.models import Bezorging, Melding, Soort


@dataclass(frozen=True)
class SoortDefinitie:
    titel: Promise
    tekst: Promise
    standaard: Bezorging
    uitleg: Promise  # shown on the preferences page


SOORTEN: dict[Soort, SoortDefinitie] = {
    Soort.WELKOM: SoortDefinitie(
        titel=_("Welcome to %(gemeente)s"),
        tekst=_(
            "With your account you can join participation rounds, share your ideas and "
            "follow what is done with them."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("Once, when you create your account."),
    ),
    Soort.ROL_TOEGEKEND: SoortDefinitie(
        titel=_("You are now %(rol)s of %(opgave)s"),
        tekst=_("%(door)s gave you the role %(rol)s on the opgave %(opgave)s."),
        standaard=Bezorging.DIRECT,
        uitleg=_("When someone gives you a role on an opgave."),
    ),
    Soort.FASE_GEWIJZIGD: SoortDefinitie(
        titel=_("%(opgave)s is now in the phase %(naar)s"),
        tekst=_(
            "%(door)s moved the opgave %(opgave)s from the phase %(van)s to the phase "
            "%(naar)s. The reason: %(reden)s"
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When an opgave you have a role on moves to another phase."),
    ),
    Soort.INSTEMMING_GEVRAAGD: SoortDefinitie(
        titel=_("Your consent is asked for the plan of action of %(opgave)s"),
        tekst=_(
            "%(door)s submitted version %(versie)s of the plan of action of the opgave "
            "%(opgave)s for consent. Consent or object on behalf of your organisation."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_(
            "When a plan of action is submitted for consent to an organisation you are a "
            "contact person of."
        ),
    ),
    Soort.PLAN_BEZWAAR: SoortDefinitie(
        titel=_("%(organisatie)s objects to the plan of action of %(opgave)s"),
        tekst=_(
            "%(organisatie)s objects to version %(versie)s of the plan of action of the "
            "opgave %(opgave)s. The reason: %(reden)s"
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_(
            "When an organisation objects to the plan of action of an opgave you have a role on."
        ),
    ),
    Soort.PLAN_VASTGESTELD: SoortDefinitie(
        titel=_("The plan of action of %(opgave)s has been adopted"),
        tekst=_(
            "All involved organisations consented to version %(versie)s of the plan of action "
            "of the opgave %(opgave)s. The plan is now adopted."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_(
            "When every involved organisation has consented to the plan of action of an opgave "
            "you have a role on."
        ),
    ),
    Soort.TOEWIJZING_GEVRAAGD: SoortDefinitie(
        titel=_("Approve %(bedrag)s for %(actie)s?"),
        tekst=_(
            "%(door)s proposes to allocate %(bedrag)s from the joint budget of the opgave "
            "%(opgave)s to the action %(actie)s. Your organisation helps fund the pot: approve "
            "or reject the allocation in Mijn organisatie."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_(
            "When money is proposed from a budget pot your organisation funds, and you are its "
            "contact person."
        ),
    ),
    Soort.TOEWIJZING_BESLOTEN: SoortDefinitie(
        titel=_("The allocation for %(actie)s was %(uitkomst)s"),
        tekst=_(
            "The funders of the joint budget of the opgave %(opgave)s decided on your proposal "
            "to allocate %(bedrag)s to the action %(actie)s: it was %(uitkomst)s."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When the funders have decided on an allocation you proposed."),
    ),
    Soort.TERUGKOPPELING: SoortDefinitie(
        titel=_("What was done with your input “%(titel)s”"),
        tekst=_(
            "The municipality has responded to your input “%(titel)s” in the round "
            "%(ronde)s: %(status)s. Read the explanation on the page of your input."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When the municipality says what was done with your input, and why."),
    ),
    Soort.INBRENG_VERBORGEN: SoortDefinitie(
        titel=_("A moderator hid your contribution in %(ronde)s"),
        tekst=_(
            "A moderator hid your input or comment in the round %(ronde)s. The reason: "
            "%(reden)s. It is kept, but others see only that it was hidden."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When a moderator hides your input or comment."),
    ),
    Soort.WACHTLIJST_PLAATS: SoortDefinitie(
        titel=_("You have a place in %(sessie)s"),
        tekst=_(
            "Someone cancelled, so you moved up from the waiting list: you are now registered "
            "for %(sessie)s on %(start)s. Cannot come? Cancel on the session page."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When a place becomes free in a session you are on the waiting list for."),
    ),
    Soort.SESSIE_HERINNERING: SoortDefinitie(
        titel=_("Tomorrow: %(sessie)s"),
        tekst=_(
            "A reminder: you are registered for %(sessie)s on %(start)s, at %(plaats)s. "
            "Cannot come? Cancel on the session page, so someone on the waiting list can go."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("A day before a session you registered for."),
    ),
    Soort.STEMMEN_OPEN: SoortDefinitie(
        titel=_("Vote now: %(ronde)s"),
        tekst=_(
            "Voting has opened in %(ronde)s: choose the projects you want for %(budget)s. "
            "You can vote until %(tot)s, and change your vote until then."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When voting opens in a participatory budget you took part in."),
    ),
    Soort.STEMBILJET_HERINNERING: SoortDefinitie(
        titel=_("Your vote in %(ronde)s is not confirmed yet"),
        tekst=_(
            "You chose projects in %(ronde)s but did not confirm your ballot. Only a confirmed "
            "ballot counts. Voting closes on %(tot)s."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("Shortly before voting closes, when your ballot has unconfirmed changes."),
    ),
    Soort.UITSLAG_GEPUBLICEERD: SoortDefinitie(
        titel=_("The result of %(ronde)s"),
        tekst=_(
            "The votes in %(ronde)s have been counted: %(aantal)s projects were chosen. "
            "See the result and what happens next."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When the result of a participatory budget you voted in is published."),
    ),
    Soort.LEER_FEEDBACK: SoortDefinitie(
        titel=_("Feedback from %(coach)s"),
        tekst=_(
            "%(coach)s responded to your learning entry of %(datum)s. Read it on the "
            "platform; we do not send what was written by e-mail."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When your coach responds to a learning entry you shared."),
    ),
    Soort.RAPPORT_KLAAR: SoortDefinitie(
        titel=_("Your %(soort)s is ready"),
        tekst=_(
            "The %(soort)s of %(onderwerp)s is ready. Download it on the platform; the file "
            "is kept until %(tot)s."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_(
            "When a report you requested, or the monthly report of an opgave you sponsor, is ready."
        ),
    ),
    Soort.GEGEVENS_KLAAR: SoortDefinitie(
        titel=_("Your personal data are ready to download"),
        tekst=_(
            "The download of all your personal data that you asked for is ready. Download it "
            "under My data on the platform; the file is kept until %(tot)s."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When the download of your personal data that you asked for is ready."),
    ),
    Soort.ACCOUNT_INACTIEF: SoortDefinitie(
        titel=_("Your account at %(gemeente)s will be anonymised"),
        tekst=_(
            "You have not logged in since %(sinds)s. To protect your privacy we anonymise "
            "accounts that are not used: yours on %(op)s. Want to keep it? Just log in "
            "before then."
        ),
        standaard=Bezorging.DIRECT,
        uitleg=_("When you have not logged in for two years, before your account is anonymised."),
    ),
    Soort.TEST: SoortDefinitie(
        titel=_("Test notification"),
        tekst=_("This is a test notification sent by an administrator. You need not do anything."),
        standaard=Bezorging.DIRECT,
        uitleg=_("Sent by an administrator to check that notifications arrive."),
    ),
}


def standaard_bezorging(soort: str) -> Bezorging:
    return SOORTEN[Soort(soort)].standaard


def _render(text: Promise, melding: Melding) -> str:
    """The text in the active language, with the melding's context filled in."""
    template = str(text)
    try:
        return template % melding.context
    except (KeyError, TypeError, ValueError):
        # A context that lacks a placeholder must not break an inbox page.
        return template


def render_titel(melding: Melding) -> str:
    return _render(SOORTEN[Soort(melding.soort)].titel, melding)


def render_tekst(melding: Melding) -> str:
    return _render(SOORTEN[Soort(melding.soort)].tekst, melding)
