"""The domain's refusal: a `KienNghiError` (the product's one error root) raised by core."""

from db.errors import KienNghiError

__all__ = ["DomainError", "KienNghiError"]


class DomainError(KienNghiError):
    """A refused action; the message is Vietnamese and says what to do."""
