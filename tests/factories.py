from django.utils.text import slugify

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts.models import User
from accounts.services import user_grant_role
from opgaven.models import Fase, Opgave, Zichtbaarheid

PASSWORD = "demo-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address.

    ``rollen=[Rol.X]`` grants roles; ``totp=True`` sets up an authenticator app
    (TOTP) with recovery codes, as allauth's own set-up does and as staff roles
    need when ``REQUIRE_MFA_FOR_STAFF`` is on.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    weergavenaam = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        for rol in extracted or ():
            user_grant_role(user=self, rol=rol)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted:
            TOTP.activate(self, generate_totp_secret())
            RecoveryCodes.activate(self)


class OpgaveFactory(factory.django.DjangoModelFactory):
    """An opgave row without roles. Give roles with ``opgaven.services.opgaverol_toekennen``."""

    class Meta:
        model = Opgave

    titel = factory.Sequence(lambda n: f"Opgave {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.titel))
    # Fixed words, not Faker's: a random paragraph can hold a search term
    # ("station") and make a search test fail by chance.
    vraagstuk = factory.Sequence(lambda n: f"Vraagstuk {n}: wat bewoners merken en wat beter kan.")
    fase = Fase.VERKENNEN
    zichtbaarheid = Zichtbaarheid.OPENBAAR

    class Params:
        intern = factory.Trait(zichtbaarheid=Zichtbaarheid.INTERN)
        afgerond = factory.Trait(fase=Fase.AFGEROND)
        gestopt = factory.Trait(fase=Fase.GESTOPT)
        archief = factory.Trait(gearchiveerd=True)
