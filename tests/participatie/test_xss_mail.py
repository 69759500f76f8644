"""Script in a resident's text never runs in the e-mails about it (issue 6 quality bar)."""

import pytest

from meldingen.models import Melding, Soort
from meldingen.services import melding_mailen
from participatie.services import inbreng_bijwerken, terugkoppelen

pytestmark = pytest.mark.django_db

AANVAL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_de_terugkoppelingsmail_ontsnapt_de_titel_van_de_inbreng(inbreng, regisseur, mailoutbox):
    inbreng = inbreng_bijwerken(inbreng=inbreng, titel=AANVAL)
    terugkoppelen(inbreng=inbreng, door=regisseur, status="overgenomen", motivering="Goed idee.")
    melding = Melding.objects.get(soort=Soort.TERUGKOPPELING)

    assert melding_mailen(melding_id=melding.pk)

    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    # The plain-text part and the subject are text, not markup: the title stands as typed.
    assert AANVAL in mail.body
