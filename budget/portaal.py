"""The budget's sections on an organisation's pages (``partners.secties``)."""


def registreren() -> None:
    """Register the sections: allocations awaiting the organisation's approval
    (portal) and its contributions (portal and detail page)."""
