"""iCalendar (RFC 5545) for a session: one VCALENDAR with one VEVENT.

Written here rather than pulled in as a dependency: a session needs a handful of
properties. What the RFC asks of them:

- lines end in CRLF and are folded at 75 octets (not characters): a longer
  line continues on the next, which starts with one space (§3.1). A multi-byte
  UTF-8 character is never split;
- TEXT values escape backslash, semicolon and comma with a backslash, and a
  line break becomes ``\\n`` (§3.3.11);
- times are written in UTC (``20260303T180000Z``), so no VTIMEZONE is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

PRODID = "-//Gemeente Demodam//Opgaveplatform//NL"
MAX_OCTETS = 75
CRLF = "\r\n"


def tekst_escapen(waarde: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    waarde = waarde.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return waarde.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC form. ``moment`` must be aware."""
    if moment.tzinfo is None:
        raise ValueError("An iCalendar time needs a time zone.")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vouwen(regel: str) -> str:
    """Fold one content line at 75 octets; continuation lines start with a space."""
    delen: list[str] = []
    huidig, octets = "", 0
    limiet = MAX_OCTETS
    for teken in regel:
        lengte = len(teken.encode("utf-8"))
        if octets + lengte > limiet:
            delen.append(huidig)
            # The leading space of a continuation line counts towards its 75 octets.
            huidig, octets, limiet = " ", 1, MAX_OCTETS
        huidig += teken
        octets += lengte
    delen.append(huidig)
    return CRLF.join(delen)


@dataclass(frozen=True)
class Gebeurtenis:
    """The event of one session, as the calendar file shows it."""

    uid: str
    start: datetime
    eind: datetime
    titel: str
    locatie: str = ""
    beschrijving: str = ""
    url: str = ""


def kalender(gebeurtenis: Gebeurtenis, *, nu: datetime) -> str:
    """The calendar file: VCALENDAR with one VEVENT, CRLF line ends, folded lines."""
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{gebeurtenis.uid}",
        f"DTSTAMP:{utc(nu)}",
        f"DTSTART:{utc(gebeurtenis.start)}",
        f"DTEND:{utc(gebeurtenis.eind)}",
        f"SUMMARY:{tekst_escapen(gebeurtenis.titel)}",
    ]
    if gebeurtenis.locatie:
        regels.append(f"LOCATION:{tekst_escapen(gebeurtenis.locatie)}")
    if gebeurtenis.beschrijving:
        regels.append(f"DESCRIPTION:{tekst_escapen(gebeurtenis.beschrijving)}")
    if gebeurtenis.url:
        regels.append(f"URL:{gebeurtenis.url}")
    regels += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(vouwen(regel) + CRLF for regel in regels)
