from django.utils import timezone

import factory

from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from tests.factories import UserFactory


class MeldingFactory(factory.django.DjangoModelFactory):
    """A melding row as ``services.notify`` makes it, for tests that need a given state.

    Code makes meldingen with ``notify``; tests of notify call it too. Traits:
    ``gelezen`` (read), ``gemaild`` (e-mailed), and how it is delivered:
    ``direct`` or ``dagelijks`` (default: in-app only).
    """

    class Meta:
        model = Melding

    ontvanger = factory.SubFactory(UserFactory)
    soort = Soort.TEST
    dedupe = factory.Sequence(str)
    bezorging = Bezorging.UIT

    class Params:
        gelezen = factory.Trait(gelezen_op=factory.LazyFunction(timezone.now))
        gemaild = factory.Trait(gemaild_op=factory.LazyFunction(timezone.now))
        direct = factory.Trait(bezorging=Bezorging.DIRECT)
        dagelijks = factory.Trait(bezorging=Bezorging.DAGELIJKS)


class VoorkeurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voorkeur

    user = factory.SubFactory(UserFactory)
    soort = Soort.TEST
    bezorging = Bezorging.UIT
