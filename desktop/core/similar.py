"""Kiến nghị tương tự: earlier petitions asking much the same, and near-duplicates of new ones.

db/similar.py scores them; the screens ask here while a clerk registers (near-duplicates from
the same origin) and beside a selected petition (similar ones with the answer they got). The
functions are db/similar.py's own, named here so that the screens stay above the core.
"""

from __future__ import annotations

from db.similar import near_duplicates, similar, similar_to_petition, similar_to_petitions

__all__ = ["near_duplicates", "similar", "similar_to_petition", "similar_to_petitions"]
