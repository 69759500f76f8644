"""meldingen.services: notify, the claimed e-mail delivery, digest, backlog, preferences."""

import smtplib
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

import pytest
import time_machine

from accounts.models import User
from meldingen import services
from meldingen.models import Bezorging, Melding, Soort, Voorkeur
from meldingen.services import notify
from tests.concurrency import run_together
from tests.factories import OpgaveFactory, UserFactory
from tests.meldingen.factories import MeldingFactory, VoorkeurFactory

pytestmark = pytest.mark.django_db


def mailed_ids(outbox) -> list[int]:
    return sorted(int(message.extra_headers["X-Melding-Id"]) for message in outbox)


# --- notify ---------------------------------------------------------------------------


def test_notify_makes_one_melding_per_recipient_and_returns_the_ones_to_mail_now():
    direct, dagelijks, uit = UserFactory.create_batch(3)
    VoorkeurFactory(user=dagelijks, soort=Soort.TEST, bezorging=Bezorging.DAGELIJKS)
    VoorkeurFactory(user=uit, soort=Soort.TEST, bezorging=Bezorging.UIT)
    opgave = OpgaveFactory()

    te_mailen = notify(
        ontvangers=[direct, dagelijks, uit], soort=Soort.TEST, object=opgave, context={"a": 1}
    )

    meldingen = {m.ontvanger: m for m in Melding.objects.all()}
    assert {user: m.bezorging for user, m in meldingen.items()} == {
        direct: Bezorging.DIRECT,
        dagelijks: Bezorging.DAGELIJKS,
        uit: Bezorging.UIT,
    }
    assert te_mailen == [meldingen[direct].pk]
    melding = meldingen[direct]
    assert melding.object == opgave
    assert melding.url == opgave.get_absolute_url()
    assert melding.context == {"a": 1}
    assert melding.gelezen_op is None
    assert melding.gemaild_op is None


def test_notify_accepts_a_queryset_of_recipients():
    users = UserFactory.create_batch(3)

    assert notify(ontvangers=User.objects.none(), soort=Soort.TEST) == []
    notify(ontvangers=User.objects.filter(pk__in=[u.pk for u in users]), soort=Soort.TEST)

    assert sorted(Melding.objects.values_list("ontvanger_id", flat=True)) == sorted(
        u.pk for u in users
    )


@pytest.mark.parametrize("aantal", [1, 200])
def test_notify_is_one_query_whatever_the_number_of_recipients(aantal, django_assert_num_queries):
    users = UserFactory.create_batch(aantal)
    opgave = OpgaveFactory()
    ContentType.objects.get_for_model(opgave)  # cached for the process, as in production

    with django_assert_num_queries(1):
        te_mailen = notify(ontvangers=users, soort=Soort.TEST, object=opgave)

    assert len(te_mailen) == aantal
    assert Melding.objects.count() == aantal


def test_notify_twice_notifies_once(django_capture_on_commit_callbacks, mailoutbox):
    users = UserFactory.create_batch(2)
    opgave = OpgaveFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        eerste = notify(ontvangers=users, soort=Soort.TEST, object=opgave, dedupe="x")
        tweede = notify(ontvangers=users, soort=Soort.TEST, object=opgave, dedupe="x")

    assert len(eerste) == 2
    assert tweede == []
    assert len(callbacks) == 1
    assert Melding.objects.count() == 2
    assert mailed_ids(mailoutbox) == sorted(eerste)


def test_notify_without_object_twice_notifies_once():
    """The unique key treats the empty object (NULLs) as equal: nulls_distinct=False."""
    user = UserFactory()

    notify(ontvangers=[user], soort=Soort.TEST)
    notify(ontvangers=[user], soort=Soort.TEST)

    assert Melding.objects.count() == 1


def test_the_unique_key_holds_in_the_database():
    melding = MeldingFactory(direct=True, dedupe="x")

    with pytest.raises(IntegrityError, match="melding_uniek_per_ontvanger_soort_object_dedupe"):
        MeldingFactory(ontvanger=melding.ontvanger, direct=True, dedupe="x")


def test_another_dedupe_key_or_object_is_another_melding():
    user = UserFactory()
    a, b = OpgaveFactory.create_batch(2)

    notify(ontvangers=[user], soort=Soort.TEST, object=a, dedupe="1")
    notify(ontvangers=[user], soort=Soort.TEST, object=a, dedupe="2")
    notify(ontvangers=[user], soort=Soort.TEST, object=b, dedupe="1")
    notify(ontvangers=[user], soort=Soort.WELKOM, object=b, dedupe="1")

    assert Melding.objects.count() == 4


def test_notify_only_returns_the_recipients_who_are_new():
    al, nieuw = UserFactory.create_batch(2)
    notify(ontvangers=[al], soort=Soort.TEST)

    te_mailen = notify(ontvangers=[al, nieuw], soort=Soort.TEST)

    assert te_mailen == [Melding.objects.get(ontvanger=nieuw).pk]


def test_notify_enqueues_delivery_on_commit_only(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        (melding_id,) = notify(ontvangers=[user], soort=Soort.TEST)
        assert mailoutbox == []  # nothing is sent before the commit

    assert len(callbacks) == 1
    callbacks[0]()
    assert mailed_ids(mailoutbox) == [melding_id]
    assert mailoutbox[0].to == [user.email]


def test_a_rolled_back_notify_leaves_nothing_and_enqueues_nothing(
    django_capture_on_commit_callbacks, mailoutbox
):
    user = UserFactory()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(ontvangers=[user], soort=Soort.TEST)
        raise RuntimeError("the caller fails after notifying")

    assert callbacks == []
    assert not Melding.objects.exists()
    assert mailoutbox == []


def test_recipients_who_chose_no_mail_or_the_digest_get_no_mail_now(
    django_capture_on_commit_callbacks, mailoutbox
):
    uit, dagelijks = UserFactory.create_batch(2)
    VoorkeurFactory(user=uit, bezorging=Bezorging.UIT)
    VoorkeurFactory(user=dagelijks, bezorging=Bezorging.DAGELIJKS)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify(ontvangers=[uit, dagelijks], soort=Soort.TEST) == []

    assert callbacks == []
    assert mailoutbox == []
    assert services.samenvatting_ontvangers(tot=timezone.now()) == [dagelijks.pk]


def test_notify_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="onbekend"):
        notify(ontvangers=[UserFactory()], soort="onbekend")


def test_many_recipients_are_enqueued_in_batches(django_capture_on_commit_callbacks, mailoutbox):
    users = UserFactory.create_batch(services.BATCH_SIZE + 1)

    with django_capture_on_commit_callbacks(execute=True):
        te_mailen = notify(ontvangers=users, soort=Soort.TEST)

    assert mailed_ids(mailoutbox) == sorted(te_mailen)
    assert len(te_mailen) == services.BATCH_SIZE + 1


# --- melding_mailen: the claim -------------------------------------------------------------


def test_melding_mailen_sends_once(mailoutbox):
    melding = MeldingFactory(direct=True)

    assert services.melding_mailen(melding_id=melding.pk) is True
    assert services.melding_mailen(melding_id=melding.pk) is False

    assert mailed_ids(mailoutbox) == [melding.pk]
    melding.refresh_from_db()
    assert melding.gemaild_op is not None


@pytest.mark.parametrize(
    "melding_kwargs", [{}, {"dagelijks": True}, {"direct": True, "gemaild": True}], ids=str
)
def test_melding_mailen_skips_what_is_not_for_direct_mail(melding_kwargs, mailoutbox):
    melding = MeldingFactory(**melding_kwargs)
    gemaild_op = melding.gemaild_op

    assert services.melding_mailen(melding_id=melding.pk) is False

    assert mailoutbox == []
    melding.refresh_from_db()
    assert melding.gemaild_op == gemaild_op


def test_an_inactive_user_gets_no_mail_and_the_melding_stays_unsent(mailoutbox):
    melding = MeldingFactory(direct=True, ontvanger=UserFactory(is_active=False))

    assert services.melding_mailen(melding_id=melding.pk) is False

    assert mailoutbox == []
    melding.refresh_from_db()
    assert melding.gemaild_op is None


class SmtpDown(LocmemBackend):
    """A mail server that drops the connection on every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_smtp_error_rolls_the_claim_back_so_a_retry_sends_it(settings, mailoutbox):
    melding = MeldingFactory(direct=True)
    settings.EMAIL_BACKEND = f"{__name__}.SmtpDown"

    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.melding_mailen(melding_id=melding.pk)

    melding.refresh_from_db()
    assert melding.gemaild_op is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.melding_mailen(melding_id=melding.pk) is True
    assert mailed_ids(mailoutbox) == [melding.pk]


class RefusesOneAddress(LocmemBackend):
    def send_messages(self, messages):
        for message in messages:
            if "weigert@" in message.to[0]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


def test_a_refused_message_does_not_hold_up_the_rest_of_the_batch(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOneAddress"
    voor = MeldingFactory(direct=True)
    geweigerd = MeldingFactory(direct=True, ontvanger=UserFactory(email="weigert@example.nl"))
    na = MeldingFactory(direct=True)

    with pytest.raises(smtplib.SMTPRecipientsRefused):
        services.meldingen_mailen(melding_ids=[voor.pk, geweigerd.pk, na.pk])

    assert mailed_ids(mailoutbox) == [voor.pk, na.pk]
    assert list(Melding.objects.filter(gemaild_op__isnull=True)) == [geweigerd]


def test_a_batch_goes_over_one_mail_connection(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    meldingen = MeldingFactory.create_batch(5, direct=True)

    assert services.meldingen_mailen(melding_ids=[m.pk for m in meldingen]) == 5

    assert CountingBackend.opened == 1
    assert len(mailoutbox) == 5


class CountingBackend(LocmemBackend):
    opened = 0

    def open(self):
        type(self).opened += 1
        return True


class RecordsSynchronousCommit(LocmemBackend):
    seen: list[str] = []

    def send_messages(self, messages):
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            type(self).seen.append(cursor.fetchone()[0])
        return super().send_messages(messages)


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_batch_commits_its_claims_without_waiting_for_the_disk_then_resets(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RecordsSynchronousCommit"
    RecordsSynchronousCommit.seen = []
    meldingen = MeldingFactory.create_batch(2, direct=True)

    assert services.meldingen_mailen(melding_ids=[m.pk for m in meldingen]) == 2

    assert RecordsSynchronousCommit.seen == ["off", "off"]
    assert synchronous_commit() == "on"


# --- the claim under concurrency (real threads, real PostgreSQL) ------------------------


class SlowBackend(LocmemBackend):
    """Holds the claim a while, so the other thread surely runs into it."""

    def send_messages(self, messages):
        time.sleep(0.3)
        return super().send_messages(messages)


class SlowAndFailingOnce(LocmemBackend):
    failed = False

    def send_messages(self, messages):
        time.sleep(0.3)
        if not SlowAndFailingOnce.failed:
            SlowAndFailingOnce.failed = True
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def race(melding_id: int, deelnemers: int = 2) -> list:
    """Run ``melding_mailen`` in threads released together; their results or errors."""
    return run_together(lambda: services.melding_mailen(melding_id=melding_id), deelnemers)


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_one_melding_send_one_mail(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    melding = MeldingFactory(direct=True)

    uitkomsten = race(melding.pk)

    assert sorted(uitkomsten) == [False, True]
    assert mailed_ids(mailoutbox) == [melding.pk]


@pytest.mark.django_db(transaction=True)
def test_when_the_claiming_worker_fails_the_waiting_one_sends(settings, mailoutbox):
    settings.EMAIL_BACKEND = f"{__name__}.SlowAndFailingOnce"
    SlowAndFailingOnce.failed = False
    melding = MeldingFactory(direct=True)

    uitkomsten = race(melding.pk)

    assert sorted(map(type, uitkomsten), key=str) == sorted(
        [bool, smtplib.SMTPServerDisconnected], key=str
    )
    assert True in uitkomsten
    assert mailed_ids(mailoutbox) == [melding.pk]
    melding.refresh_from_db()
    assert melding.gemaild_op is not None


# --- the daily digest -------------------------------------------------------------------


def test_the_digest_sends_all_pending_daily_items_in_one_mail(mailoutbox):
    user = UserFactory()
    a = MeldingFactory(ontvanger=user, dagelijks=True)
    b = MeldingFactory(
        ontvanger=user, dagelijks=True, soort=Soort.WELKOM, context={"gemeente": "X"}
    )
    MeldingFactory(ontvanger=user, direct=True)  # not in the digest
    MeldingFactory(ontvanger=user, dagelijks=True, gemaild=True)  # sent yesterday

    assert services.samenvatting_versturen(user_id=user.pk) == 2

    (message,) = mailoutbox
    assert message.to == [user.email]
    assert message.subject == "[Gemeente Demodam] Je dagelijkse samenvatting: 2 meldingen"
    assert "Testmelding" in message.body
    assert "Welkom bij X" in message.body
    assert set(Melding.objects.filter(gemaild_op__isnull=False).values_list("pk", flat=True)) >= {
        a.pk,
        b.pk,
    }


def test_the_digest_is_never_empty(mailoutbox):
    user = UserFactory()
    MeldingFactory(ontvanger=user, direct=True)

    assert services.samenvatting_versturen(user_id=user.pk) == 0
    assert mailoutbox == []


def test_the_digest_never_sends_an_item_twice(mailoutbox):
    user = UserFactory()
    with time_machine.travel("2026-03-02 12:00 +01:00", tick=False):
        eerste = MeldingFactory(ontvanger=user, dagelijks=True)
    with time_machine.travel("2026-03-03 07:00 +01:00", tick=False):
        assert services.samenvatting_versturen(user_id=user.pk) == 1
        assert services.samenvatting_versturen(user_id=user.pk) == 0  # a retried task
    with time_machine.travel("2026-03-03 15:00 +01:00", tick=False):
        tweede = MeldingFactory(ontvanger=user, dagelijks=True)
    with time_machine.travel("2026-03-04 07:00 +01:00", tick=False):
        assert services.samenvatting_versturen(user_id=user.pk) == 1

    assert len(mailoutbox) == 2
    assert mailoutbox[0].subject.endswith("1 melding")
    assert [m.pk for m in Melding.objects.filter(gemaild_op__isnull=False).order_by("pk")] == [
        eerste.pk,
        tweede.pk,
    ]


def test_the_digest_leaves_items_made_after_its_moment_for_the_next_one(mailoutbox):
    user = UserFactory()
    MeldingFactory(ontvanger=user, dagelijks=True)
    moment = timezone.now()
    later = MeldingFactory(ontvanger=user, dagelijks=True)

    assert services.samenvatting_versturen(user_id=user.pk, tot=moment) == 1

    later.refresh_from_db()
    assert later.gemaild_op is None


def test_an_smtp_error_keeps_the_digest_items_for_the_retry(settings, mailoutbox):
    user = UserFactory()
    MeldingFactory.create_batch(2, ontvanger=user, dagelijks=True)
    settings.EMAIL_BACKEND = f"{__name__}.SmtpDown"

    with pytest.raises(smtplib.SMTPServerDisconnected):
        services.samenvatting_versturen(user_id=user.pk)

    assert Melding.objects.filter(gemaild_op__isnull=True).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.samenvatting_versturen(user_id=user.pk) == 2


def test_inactive_users_get_no_digest(mailoutbox):
    user = UserFactory(is_active=False)
    MeldingFactory(ontvanger=user, dagelijks=True)

    assert services.samenvatting_ontvangers(tot=timezone.now()) == []
    assert services.samenvatting_versturen(user_id=user.pk) == 0
    assert mailoutbox == []


# --- the backlog sweep ------------------------------------------------------------------


def test_the_backlog_is_direct_mail_left_unsent_for_five_minutes_up_to_a_day():
    nu = timezone.now()

    def melding(minuten: float, **kwargs) -> Melding:
        kwargs.setdefault("direct", True)
        return MeldingFactory(aangemaakt_op=nu - timedelta(minutes=minuten), **kwargs)

    achtergebleven = [melding(6), melding(60 * 23)]
    melding(4)  # its task may still be on its way
    melding(60 * 25)  # given up: too old
    melding(10, gemaild=True)
    melding(10, direct=False, dagelijks=True)
    melding(10, direct=False)
    melding(10, ontvanger=UserFactory(is_active=False))

    assert services.achterstand_ids(nu=nu) == [m.pk for m in achtergebleven]


# --- resend (admin) ---------------------------------------------------------------------


def test_resend_enqueues_only_unsent_direct_meldingen(
    django_capture_on_commit_callbacks, mailoutbox
):
    onverstuurd = MeldingFactory(direct=True)
    al = MeldingFactory(direct=True, gemaild=True)
    dagelijks = MeldingFactory(dagelijks=True)
    gemaild_op = al.gemaild_op

    with django_capture_on_commit_callbacks(execute=True):
        uitslag = services.meldingen_opnieuw_versturen(meldingen=Melding.objects.all())

    assert uitslag == {"opnieuw": 1, "al_gemaild": 1, "niet_direct": 1}
    assert mailed_ids(mailoutbox) == [onverstuurd.pk]
    al.refresh_from_db()
    dagelijks.refresh_from_db()
    assert al.gemaild_op == gemaild_op
    assert dagelijks.gemaild_op is None


# --- read state and preferences -------------------------------------------------------


def test_marking_read_sets_the_moment_once():
    melding = MeldingFactory(direct=True)
    services.melding_markeer_gelezen(melding=melding)
    melding.refresh_from_db()
    eerste = melding.gelezen_op

    services.melding_markeer_gelezen(melding=Melding.objects.get(pk=melding.pk))

    melding.refresh_from_db()
    assert eerste is not None
    assert melding.gelezen_op == eerste


def test_marking_all_read_touches_only_the_users_own_unread():
    user = UserFactory()
    MeldingFactory.create_batch(2, ontvanger=user)
    MeldingFactory(ontvanger=user, gelezen=True)
    ander = MeldingFactory(direct=True)

    assert services.meldingen_alles_gelezen(user=user) == 2

    assert not Melding.objects.filter(ontvanger=user, gelezen_op__isnull=True).exists()
    ander.refresh_from_db()
    assert ander.gelezen_op is None


def test_a_new_preference_applies_to_pending_items_of_that_kind(mailoutbox):
    user = UserFactory()
    pending = MeldingFactory(ontvanger=user, direct=True)
    sent = MeldingFactory(ontvanger=user, direct=True, gemaild=True)
    other_kind = MeldingFactory(ontvanger=user, direct=True, soort=Soort.WELKOM)

    services.voorkeur_instellen(user=user, soort=Soort.TEST, bezorging=Bezorging.UIT)

    assert Voorkeur.objects.get(user=user, soort=Soort.TEST).bezorging == Bezorging.UIT
    assert Melding.objects.get(pk=pending.pk).bezorging == Bezorging.UIT
    assert Melding.objects.get(pk=sent.pk).bezorging == Bezorging.DIRECT
    assert Melding.objects.get(pk=other_kind.pk).bezorging == Bezorging.DIRECT
    # The task enqueued before the change finds nothing to send.
    assert services.melding_mailen(melding_id=pending.pk) is False
    assert mailoutbox == []


def test_setting_a_preference_twice_keeps_one_row():
    user = UserFactory()
    services.voorkeur_instellen(user=user, soort=Soort.TEST, bezorging=Bezorging.UIT)
    services.voorkeur_instellen(user=user, soort=Soort.TEST, bezorging=Bezorging.DAGELIJKS)

    assert list(Voorkeur.objects.values_list("soort", "bezorging")) == [
        (Soort.TEST, Bezorging.DAGELIJKS)
    ]


# --- unsubscribe token --------------------------------------------------------------------


def test_the_unsubscribe_token_round_trips():
    user = UserFactory()

    token = services.afmeld_token(user=user, soort=Soort.ROL_TOEGEKEND)

    assert services.afmeld_token_lezen(token) == (user.pk, Soort.ROL_TOEGEKEND)


def test_a_tampered_unsubscribe_token_is_refused():
    user = UserFactory()
    token = services.afmeld_token(user=user, soort=Soort.TEST)
    payload, signature = token.rsplit(":", 1)
    other = services.afmeld_token(user=UserFactory(), soort=Soort.TEST)

    for tampered in [
        f"{payload}x:{signature}",
        f"{payload}:{signature[:-2]}AA",
        f"{other.rsplit(':', 1)[0]}:{signature}",
        "niets",
    ]:
        with pytest.raises(signing.BadSignature):
            services.afmeld_token_lezen(tampered)


def test_a_validly_signed_token_with_nonsense_inside_is_refused():
    token = signing.dumps({"u": 1, "s": "bestaat-niet"}, salt=services.AFMELD_SALT)

    with pytest.raises(signing.BadSignature):
        services.afmeld_token_lezen(token)


def test_a_token_signed_for_another_purpose_is_refused():
    token = signing.dumps({"u": 1, "s": "test"}, salt="iets-anders")

    with pytest.raises(signing.BadSignature):
        services.afmeld_token_lezen(token)
