"""What ``manage.py genereer_data`` promises to make, by name, at every scale.

The benchmark (``bench/load.py``) and the query-budget test
(``tests/prestatie/``) find their personas and hot objects through these
constants, never through ids.
"""

WACHTWOORD = "demo-wachtwoord"

# One account per persona, with the role's Group and a verified e-mail address.
REGISSEUR = "prestatie-regisseur@voorbeeld.nl"  # ambtenaar, regisseur of OPGAVE
INWONER = "prestatie-inwoner@voorbeeld.nl"  # inwoner, wijk among the BEGROTING round's areas
PARTNER = "prestatie-partner@voorbeeld.nl"  # partner, member of an organisation in OPGAVE's plan
ADVISEUR = "prestatie-adviseur@voorbeeld.nl"  # adviseur, coach of REGISSEUR in a trajectory
BEHEERDER = "prestatie-beheerder@voorbeeld.nl"  # beheerder

# The opgave the regisseur works on: goals, indicators with measurements, a
# krachtenveld, a consented plan with actions, a budget pot, decisions.
OPGAVE = "prestatie-opgave"
# The hottest open round (the most inputs: 50,000 at "groot"), of OPGAVE, with a
# session that has registrations and a waiting list.
DRUKKE_RONDE = "prestatie-drukke-ronde"
# A budget round of OPGAVE in the phase "stemmen", with proposals on the ballot.
BEGROTING = "prestatie-begroting"

# The staff personas (REGISSEUR, ADVISEUR, BEHEERDER) have an authenticator app, as
# REQUIRE_MFA_FOR_STAFF asks in production. Its secret (base32), to compute a TOTP
# code at login, e.g. allauth.mfa.totp.internal.auth.hotp_value(TOTP_GEHEIM, counter).
TOTP_GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STAF = (REGISSEUR, ADVISEUR, BEHEERDER)
