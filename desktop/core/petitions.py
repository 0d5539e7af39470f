"""Reading the register of kiến nghị (petitions) for the screens: pages, rows, one petition.

Writes go through the workflows (registry, dispatch, workflow, corrections); these reads take
a store rather than a session because screens run them on a worker thread's own connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from db import attachment_text as att
from db import documents as docs
from db import history, routing
from db import parties as pty
from db import petitions as pet
from db.history import FieldChange
from db.models import (
    Assignment,
    Attachment,
    IncomingDocument,
    Petition,
    PetitionRow,
    Reply,
    StatusEvent,
)
from db.parties import Parties
from db.petition_filter import Cursor, PetitionFilter
from db.store import Store
from desktop.core.corrections import DOCUMENT_EDIT_NOTE, DOCUMENT_LABELS, PETITION_LABELS
from desktop.core.dates import format_date

__all__ = [
    "PetitionDetails",
    "ShownChange",
    "get_petition",
    "list_rows",
    "load_details",
    "page_rows",
    "rows_by_ids",
]

# Fields whose stored value is an ISO day, shown dd/mm/yyyy in the history.
_DATE_FIELDS = frozenset({"received_on", "sender_date", "reply_by"})


def page_rows(
    store: Store, f: PetitionFilter, *, limit: int = 200, after: Cursor | None = None
) -> tuple[list[PetitionRow], Cursor | None]:
    """One page of the register in `f.order`, and the cursor of the next page (None at end)."""
    return pet.page_rows(store, f, limit=limit, after=after)


def list_rows(store: Store, f: PetitionFilter, *, limit: int = 200) -> list[PetitionRow]:
    """The first `limit` register rows under the filter, newest received first."""
    return pet.list_rows(store, f, limit=limit)


def rows_by_ids(store: Store, ids: Sequence[int]) -> list[PetitionRow]:
    """Register rows of these petitions (withdrawn ones left out), in the given order."""
    return pet.rows_by_ids(store, ids)


def get_petition(store: Store, petition_id: int) -> Petition | None:
    """One petition by id (None when absent or withdrawn)."""
    return pet.get_petition(store, petition_id)


@dataclass(frozen=True)
class PetitionDetails:
    """Everything the detail pane shows of one petition, read in one go."""

    petition: Petition
    document: IncomingDocument | None
    attachments: list[Attachment]
    assignments: list[Assignment]
    replies: list[Reply]
    events: list[StatusEvent]
    changes: list[FieldChange] = field(default_factory=list)  # the petition's and its document's
    parties: Parties = field(default_factory=Parties)  # who raised it, through whom it came
    # What was read of each attachment for search (none yet for a file still being read).
    attachment_texts: list[att.AttachmentText] = field(default_factory=list)

    def changes_with(self, event: StatusEvent) -> list[ShownChange]:
        """The fields a correction changed with this history event, old → new, as shown.

        A document's edit records its changes once, for the document, with no event of its
        own; each of its petitions' events of the same moment stands for it."""
        own = [c for c in self.changes if c.event_id == event.id]
        if event.note.startswith(DOCUMENT_EDIT_NOTE):
            own += [c for c in self.changes if c.entity == "document" and c.at == event.at]
        return [_shown(c) for c in own if c.field != "deleted_at"]  # withdrawal says so itself


@dataclass(frozen=True)
class ShownChange:
    """One corrected field as the history reads it: its label and the old and new values
    (days as dd/mm/yyyy; None when the field was empty)."""

    label: str
    old: str | None
    new: str | None


def _shown(c: FieldChange) -> ShownChange:
    labels = DOCUMENT_LABELS if c.entity == "document" else PETITION_LABELS

    def value(text: str | None) -> str | None:
        return format_date(text) if text is not None and c.field in _DATE_FIELDS else text

    return ShownChange(labels[c.field], value(c.old_value), value(c.new_value))


def load_details(store: Store, petition_id: int) -> PetitionDetails | None:
    """A petition with its document, attachments, assignments, replies and history."""
    p = pet.get_petition(store, petition_id)
    if p is None:
        return None
    d = docs.get_document(store, p.document_id) if p.document_id else None
    return PetitionDetails(
        petition=p,
        document=d,
        attachments=docs.attachments_of(store, d.id) if d else [],
        assignments=routing.assignments_of(store, p.id),
        replies=routing.replies_of(store, p.id),
        events=pet.events_of(store, p.id),
        changes=history.changes_of(store, "petition", p.id)
        + (history.changes_of(store, "document", d.id) if d else []),
        parties=pty.parties_of(store, p.id),
        attachment_texts=att.texts_of(store, d.id) if d else [],
    )
