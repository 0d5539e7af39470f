"""Reading attachments' text for search off the UI thread (OCR takes seconds a page).

The registration writes the files at once (the clerk's document is never kept waiting); their
text is read afterwards on one of the query runner's threads, and a search finds them from
then on. A file that cannot be read keeps its reason (shown in the petition's detail).

Only the document just registered is read here: the files stored before schema 13 are left to
`kiennghi index-attachments`, as reading thousands of old scans would hold one of the runner's
two threads for hours."""

from __future__ import annotations

import logging

from desktop.core import attachment_text
from desktop.ui.context import UiContext

log = logging.getLogger(__name__)


def read_attachments(ctx: UiContext, document_id: int) -> int:
    """Start reading the text of the document's attachments not read yet; the runner's ticket."""
    pool = ctx.runner.pool
    return ctx.runner.run_query(
        # Quitting stops the reading at the next page (OCR): what is left is read later.
        lambda store: attachment_text.index_unread(
            store, document_id=document_id, cancelled=lambda: pool.closed
        ),
        lambda _done: None,  # nothing on screen changes: a later search finds the words
        # A failure (the database gone) must not interrupt the clerk: the files are stored,
        # and `kiennghi index-attachments` reads them later.
        on_error=lambda message: log.warning(
            "attachments of %s not read: %s", document_id, message
        ),
    )
