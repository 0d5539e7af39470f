"""The data types screens and commands name, re-exported so that they never import `db`.

The data layer defines them (frozen dataclasses and literals, see db/models.py); the core is
the one way in, so this is where a front end finds them.
"""

from __future__ import annotations

from db.attachment_text import AttachmentText
from db.documents import DocumentRow
from db.excerpts import Snippet
from db.history import FieldChange, WithdrawnRow
from db.models import (
    Assignment,
    Attachment,
    Field,
    IncomingDocument,
    Locality,
    Outcome,
    Petition,
    PetitionRow,
    Reply,
    SearchHit,
    Stats,
    Status,
    StatusEvent,
    Unit,
    UnitBuckets,
)
from db.petition_filter import Cursor, PetitionFilter
from db.routing import LetterRow
from db.search import Order
from db.search_query import Query
from db.similar import SimilarPetition
from db.store import Store, StoreError

__all__ = [
    "Assignment",
    "Attachment",
    "AttachmentText",
    "Cursor",
    "DocumentRow",
    "Field",
    "FieldChange",
    "IncomingDocument",
    "LetterRow",
    "Locality",
    "Order",
    "Outcome",
    "Petition",
    "PetitionFilter",
    "PetitionRow",
    "Query",
    "Reply",
    "SearchHit",
    "SimilarPetition",
    "Snippet",
    "Stats",
    "Status",
    "StatusEvent",
    "Store",
    "StoreError",
    "Unit",
    "UnitBuckets",
    "WithdrawnRow",
]
