"""Every translation catalogue is complete, not fuzzy, and its .mo is compiled from the .po.

Django reads only the compiled .mo files, so a .po edit without ``msgfmt`` is
invisible to users. We compare what Python's gettext reads from each .mo with
what the .po says, entry by entry, without depending on polib or msgfmt.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import translation

import pytest

SKIPPED_DIRS = {".venv", "node_modules", ".git", ".data", "staticfiles"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def po_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    found = [*base.glob("locale/*/LC_MESSAGES/*.po"), *base.glob("*/locale/*/LC_MESSAGES/*.po")]
    return sorted(p for p in found if not SKIPPED_DIRS & set(p.relative_to(base).parts))


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)


def parse_po(path: Path) -> list[Entry]:
    """The active entries of a .po file (obsolete ``#~`` entries are left out)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None

    def finish():
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if target is not None and target[0].startswith("msgstr"):
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, target, _unquote(line))
        else:
            keyword, rest = line.split(" ", 1)
            if keyword in {"msgctxt", "msgid"} and target and target[0].startswith("msgstr"):
                finish()
            if match := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
                target = ("msgstr", int(match.group(1)))
            else:
                target = (keyword, 0 if keyword == "msgstr" else None)
            if keyword == "msgstr" or target[0] == "msgstr":
                entry.msgstr[target[1]] = ""
            else:
                setattr(entry, keyword, "")
            _append(entry, target, _unquote(rest))
    finish()
    return entries


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def _append(entry: Entry, target, text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def expected_catalog(entries: list[Entry]) -> dict:
    """The catalogue gettext should read from a .mo compiled from these entries."""
    catalog = {}
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            catalog[key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                catalog[(key, index)] = text
    return catalog


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def placeholders_match(entry: Entry) -> bool:
    """A translation uses exactly the msgid's named placeholders (a plural form may drop one)."""
    if entry.msgid_plural is None:
        return placeholders(entry.msgstr[0]) == placeholders(entry.msgid)
    allowed = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
    return all(placeholders(text) <= allowed for text in entry.msgstr.values())


def test_the_catalogues_are_found():
    names = {str(p.relative_to(settings.BASE_DIR)) for p in po_files()}

    assert "locale/nl/LC_MESSAGES/django.po" in names
    assert not any(name.startswith((".venv", "node_modules")) for name in names)


@pytest.mark.parametrize("po", po_files(), ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_is_complete_and_compiled(po):
    entries = parse_po(po)
    messages = [e for e in entries if e.msgid]

    assert messages, f"{po} has no messages"
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert fuzzy == [], f"fuzzy entries in {po}"
    empty = [e.msgid for e in messages if not all(e.msgstr.values())]
    assert empty == [], f"untranslated entries in {po}"
    wrong = [e.msgid for e in messages if not placeholders_match(e)]
    assert wrong == [], f"placeholders differ between msgid and msgstr in {po}"

    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run msgfmt -o django.mo django.po"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    # The header ("") is left out: msgfmt drops its POT-Creation-Date line.
    compiled.pop("", None)
    expected = expected_catalog(entries)
    expected.pop("", None)
    assert compiled == expected, f"{mo} is not compiled from the current {po}"


# "u", "uw" and "uzelf" are the formal "you": the Dutch UI says "je/jouw" everywhere
# (B1, as allauth's Dutch does). As whole words they mean nothing else in our texts;
# the one other match, "a.u.b." (alstublieft), is formal as well.
FORMAL_YOU = re.compile(r"\b(?:u|uw|uzelf)\b", re.IGNORECASE)


def formal_you(text: str) -> list[str]:
    return FORMAL_YOU.findall(text)


@pytest.mark.parametrize("po", po_files(), ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_catalogue_addresses_the_reader_as_je(po):
    formal = {
        e.msgid: text
        for e in parse_po(po)
        if e.msgid
        for text in e.msgstr.values()
        if formal_you(text)
    }

    assert formal == {}, f"formal u/uw in {po}: say je/jouw"


def test_formal_you_is_found_as_a_whole_word_only():
    assert formal_you("Denkt u dat u toegang hebt?") == ["u", "u"]
    assert formal_you("Uw account is van uzelf.") == ["Uw", "uzelf"]
    assert formal_you("Neem a.u.b. contact op.") == ["u"]  # alstublieft: formal too
    assert formal_you("Je hebt geen toestemming. Denk je dat je toegang zou moeten hebben?") == []
    assert formal_you("Elk uur een menu in Utrecht; duw nu op jouw knop.") == []


@pytest.mark.parametrize(
    ("validator", "dutch"),
    [
        (
            password_validation.UserAttributeSimilarityValidator(),
            "Je wachtwoord mag niet te veel lijken op je andere persoonlijke gegevens.",
        ),
        (
            password_validation.MinimumLengthValidator(min_length=10),
            "Je wachtwoord moet minstens 10 tekens lang zijn.",
        ),
        (
            password_validation.CommonPasswordValidator(),
            "Je wachtwoord mag geen veelgebruikt wachtwoord zijn.",
        ),
        (
            password_validation.NumericPasswordValidator(),
            "Je wachtwoord mag niet alleen uit cijfers bestaan.",
        ),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, str) else "",
)
def test_djangos_password_rules_use_our_wording(validator, dutch):
    """config/django_wording.py: Django still uses these msgids, and our Dutch wins."""
    with translation.override("nl"):
        assert validator.get_help_text() == dutch


def test_project_catalogue_holds_only_templates_and_config():
    """Apps keep their own catalogues; the project one is for templates/ and config/."""
    po = Path(settings.BASE_DIR) / "locale/nl/LC_MESSAGES/django.po"

    sources = {ref.split(":")[0] for entry in parse_po(po) for ref in entry.references}

    assert sources
    assert {s for s in sources if not s.startswith(("templates/", "config/"))} == set()


def test_parser_reads_context_plurals_flags_and_continuations(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgctxt "knop"\nmsgid "Save %(n)s"\nmsgstr "Bewaar %(n)s"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "een"\nmsgstr[1] "veel"\n\n'
        '#, fuzzy\nmsgid ""\n"long "\n"text"\nmsgstr ""\n"lange "\n"tekst"\n\n'
        '#~ msgid "old"\n#~ msgstr "oud"\n',
        encoding="utf-8",
    )

    entries = parse_po(po)

    assert expected_catalog(entries) == {
        "": "Content-Type: text/plain; charset=UTF-8\n",
        "knop\x04Save %(n)s": "Bewaar %(n)s",
        ("one", 0): "een",
        ("one", 1): "veel",
        "long text": "lange tekst",
    }
    assert "python-format" in entries[1].flags
    assert entries[1].references == ["a.py:1"]
    assert "fuzzy" in entries[3].flags
