"""The calendar file of a session (RFC 5545): escaping, folding, UTC times."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from participatie.ics import CRLF, Gebeurtenis, kalender, tekst_escapen, utc, vouwen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def gebeurtenis(**velden) -> Gebeurtenis:
    return Gebeurtenis(
        **{
            "uid": "sessie-7@demodam.nl",
            "start": datetime(2026, 3, 3, 19, 30, tzinfo=AMSTERDAM),
            "eind": datetime(2026, 3, 3, 21, 30, tzinfo=AMSTERDAM),
            "titel": "Wijkavond",
            **velden,
        }
    )


def ontvouwen(inhoud: str) -> list[str]:
    """The content lines with folding undone (RFC 5545 §3.1)."""
    return inhoud.replace(CRLF + " ", "").split(CRLF)


def test_text_escapes_backslash_semicolon_comma_and_newlines():
    assert tekst_escapen("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_times_are_written_in_utc():
    # 19:30 in Amsterdam in winter is 18:30 UTC; in summer 17:30 UTC.
    assert utc(datetime(2026, 3, 3, 19, 30, tzinfo=AMSTERDAM)) == "20260303T183000Z"
    assert utc(datetime(2026, 7, 3, 19, 30, tzinfo=AMSTERDAM)) == "20260703T173000Z"


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        utc(datetime(2026, 3, 3, 19, 30))  # noqa: DTZ001


def test_short_lines_are_not_folded():
    assert vouwen("SUMMARY:Kort") == "SUMMARY:Kort"


def test_long_lines_fold_at_75_octets_with_a_space():
    regel = "DESCRIPTION:" + "x" * 200
    gevouwen = vouwen(regel)
    delen = gevouwen.split(CRLF)
    assert len(delen) == 3
    assert all(len(deel.encode()) <= 75 for deel in delen)
    assert len(delen[0].encode()) == 75
    assert all(deel.startswith(" ") for deel in delen[1:])
    assert gevouwen.replace(CRLF + " ", "") == regel


def test_folding_counts_octets_and_never_splits_a_character():
    regel = "SUMMARY:" + "é" * 100  # two octets each
    delen = vouwen(regel).split(CRLF)
    assert all(len(deel.encode("utf-8")) <= 75 for deel in delen)
    for deel in delen:
        deel.encode("utf-8").decode("utf-8")  # every part is valid UTF-8 on its own
    assert "".join(d.removeprefix(" ") if i else d for i, d in enumerate(delen)) == regel


def test_the_calendar_has_one_event_with_the_required_properties():
    inhoud = kalender(
        gebeurtenis(
            locatie="Buurthuis De Molen, Molenstraat 1; zaal 2",
            beschrijving="Kennismaken, ideeën kiezen.\nAfspraken maken.",
            url="https://demodam.nl/participatie/ronde/sessies/7/",
        ),
        nu=NU,
    )
    assert inhoud.endswith(CRLF)
    assert "\n" not in inhoud.replace(CRLF, "")
    regels = ontvouwen(inhoud)
    assert regels[:6] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Gemeente Demodam//Opgaveplatform//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
    ]
    assert "UID:sessie-7@demodam.nl" in regels
    assert "DTSTAMP:20260301T120000Z" in regels
    assert "DTSTART:20260303T183000Z" in regels
    assert "DTEND:20260303T203000Z" in regels
    assert "SUMMARY:Wijkavond" in regels
    assert "LOCATION:Buurthuis De Molen\\, Molenstraat 1\\; zaal 2" in regels
    assert "DESCRIPTION:Kennismaken\\, ideeën kiezen.\\nAfspraken maken." in regels
    assert "URL:https://demodam.nl/participatie/ronde/sessies/7/" in regels
    assert regels[-3:] == ["END:VEVENT", "END:VCALENDAR", ""]
    assert all(len(r.encode()) <= 75 for r in inhoud.split(CRLF))


def test_empty_location_and_description_are_left_out():
    regels = ontvouwen(kalender(gebeurtenis(), nu=NU))
    assert not any(r.startswith(("LOCATION", "DESCRIPTION", "URL")) for r in regels)
