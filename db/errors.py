"""The product's one error root: every refusal a clerk may see derives from `KienNghiError`."""


class KienNghiError(Exception):
    """A problem explained in Vietnamese for the clerk; the front ends show the message as is."""
