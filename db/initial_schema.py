"""Migration 1: the tables of the design's vocabulary, as the first schema wrote them (frozen)."""

from __future__ import annotations

from db.ddl import run_script
from db.engine import Connection

# Frozen for migration 1 (its CHECK must not change meaning when the statuses change later;
# the statuses as the program knows them are desktop/core/vocabulary.py's).
M001_STATUSES = ("registered", "assigned", "answered", "clarify", "escalated", "closed")


def m001_initial(conn: Connection) -> None:
    """Tables of the design's vocabulary."""
    statuses = ", ".join(f"'{s}'" for s in M001_STATUSES)
    run_script(
        conn,
        f"""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL              -- JSON
        );
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,       -- symbol code used in document numbers (THH, VP)
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            parent_id INTEGER REFERENCES units(id),
            valid_from TEXT,
            valid_to TEXT
        );
        CREATE TABLE localities (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT '',
            valid_from TEXT,
            valid_to TEXT,
            merged_into TEXT
        );
        CREATE TABLE fields (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE,
            default_unit_id INTEGER REFERENCES units(id),
            sort_order INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE incoming_documents (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            incoming_no INTEGER NOT NULL CHECK (incoming_no > 0),
            received_on TEXT NOT NULL,
            sender TEXT NOT NULL DEFAULT '',
            sender_ref TEXT NOT NULL DEFAULT '',
            sender_date TEXT,
            summary TEXT NOT NULL DEFAULT '',
            reply_by TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            deleted_at TEXT,
            UNIQUE (year, incoming_no)
        );
        CREATE INDEX incoming_documents_received ON incoming_documents(received_on);
        CREATE INDEX incoming_documents_sender ON incoming_documents(sender);
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            document_id INTEGER NOT NULL REFERENCES incoming_documents(id),
            filename TEXT NOT NULL,
            mime TEXT NOT NULL DEFAULT 'application/octet-stream',
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX attachments_document ON attachments(document_id);
        CREATE TABLE petitions (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            document_id INTEGER REFERENCES incoming_documents(id),
            ordinal TEXT,
            origin TEXT NOT NULL,
            field_id INTEGER REFERENCES fields(id),
            content TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            received_on TEXT NOT NULL,
            due_on TEXT,
            status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ({statuses})),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX petitions_received ON petitions(received_on, id);
        CREATE INDEX petitions_status_due ON petitions(status, due_on);
        CREATE INDEX petitions_document ON petitions(document_id);
        CREATE INDEX petitions_origin ON petitions(origin);
        CREATE TABLE assignments (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            unit_id INTEGER NOT NULL REFERENCES units(id),
            role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
            due_on TEXT NOT NULL,
            instructions TEXT NOT NULL DEFAULT '',
            assigned_on TEXT NOT NULL,
            completed_on TEXT,
            removed_at TEXT
        );
        CREATE UNIQUE INDEX assignments_one_lead ON assignments(petition_id)
            WHERE role = 'lead' AND removed_at IS NULL;
        CREATE UNIQUE INDEX assignments_unit_once ON assignments(petition_id, unit_id)
            WHERE removed_at IS NULL;
        CREATE INDEX assignments_unit ON assignments(unit_id, due_on);
        CREATE TABLE outgoing_letters (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            year INTEGER,
            number INTEGER,
            symbol TEXT NOT NULL,
            issued_on TEXT,
            subject TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '[]',
            copies TEXT NOT NULL DEFAULT '[]',
            signer TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            external INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            UNIQUE (year, number, symbol)
        );
        CREATE TABLE replies (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'clarify', 'escalated')),
            replied_on TEXT NOT NULL,
            text TEXT NOT NULL,
            letter_ref TEXT NOT NULL DEFAULT '',
            letter_id INTEGER REFERENCES outgoing_letters(id),
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE reply_petitions (
            reply_id INTEGER NOT NULL REFERENCES replies(id),
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            PRIMARY KEY (reply_id, petition_id)
        );
        CREATE INDEX reply_petitions_petition ON reply_petitions(petition_id);
        CREATE TABLE status_events (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            petition_id INTEGER NOT NULL REFERENCES petitions(id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX status_events_petition ON status_events(petition_id, id);
        """,
    )
