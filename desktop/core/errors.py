"""The domain's refusal: a `KienNghiError` (the product's one error root) raised by core."""

from db.errors import KienNghiError

__all__ = ["ConflictError", "DomainError", "KienNghiError"]


class DomainError(KienNghiError):
    """A refused action; the message is Vietnamese and says what to do."""


class ConflictError(DomainError):
    """Another clerk changed the record since this one looked; the message says who and how."""
