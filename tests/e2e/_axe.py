"""axe-core for the every-page check: WCAG 2.2 AA tags, and a fingerprint of a rendering.

Consistent with ``tests/e2e/test_smoke.py`` (``axe_violations`` and ``readable`` there
run the WCAG 2.1 AA tags): axe is evaluated through the DevTools protocol, so the
page's strict CSP stays in force.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]

# Per-request values that make two identical renderings differ byte for byte.
_PER_REQUEST = [
    re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*'),
    re.compile(r'("X-CSRFToken": ")[^"]*'),
    re.compile(r'(nonce=")[^"]*'),
]


def axe_violations(page, axe_source: str, tags: list[str] = WCAG_22_AA) -> list[dict]:
    """axe-core's violations on the current state of ``page`` (injected once per document)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})"
        ".then(results => results.violations)",
        tags,
    )


def fingerprint(html: str, own: list[str] = ()) -> str:
    """A hash of a rendering, blind to CSRF tokens, CSP nonces and ``own`` texts (the
    logged-in user's name and e-mail address, which differ per persona and nothing else)."""
    for pattern in _PER_REQUEST:
        html = pattern.sub(r"\1", html)
    for text in own:
        html = html.replace(text, "<persona>")
    return hashlib.sha256(html.encode()).hexdigest()


@dataclass(frozen=True)
class Finding:
    """One violated rule on one node: where, for whom, which rule, which element."""

    where: str
    persona: str
    rule: str
    impact: str
    target: str
    html: str

    def __str__(self) -> str:
        return (
            f"{self.where} [{self.persona}] {self.rule} ({self.impact}): {self.target}  {self.html}"
        )


def findings(violations: list[dict], where: str, persona: str) -> list[Finding]:
    return [
        Finding(
            where=where,
            persona=persona,
            rule=violation["id"],
            impact=str(violation["impact"]),
            target=" ".join(map(str, node["target"])),
            html=node["html"][:160],
        )
        for violation in violations
        for node in violation["nodes"]
    ]
