"""The opgaven sections on an organisation's pages (``partners.secties``)."""


def registreren() -> None:
    """Register the sections: the organisation's opgaven, the actions it leads and
    the plans of action awaiting its consent."""
