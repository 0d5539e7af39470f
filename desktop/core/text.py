"""Text helpers the screens share with the data layer: one folding, one cleaning, one order.

Search matches what `fold` makes of a word, and stored text is what `clean` leaves, so a
screen that filters or trims must use these very functions (db/text.py), not copies.
"""

from __future__ import annotations

from db.text import clean, fold, vi_sort_key

__all__ = ["clean", "fold", "vi_sort_key"]
