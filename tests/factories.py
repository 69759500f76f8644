import factory
from allauth.account.models import EmailAddress

from accounts.models import User
from accounts.services import user_grant_role

PASSWORD = "demo-wachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail address; ``rollen=[Rol.X]`` grants roles."""

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
