"""The one error type the front ends show to the clerk as it is."""


class DomainError(Exception):
    """A refused action; the message is Vietnamese and says what to do."""
