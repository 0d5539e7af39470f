"""Chứng thư gốc tin cậy: the root CA certificates (the national root CA's .cer/.crt/.pem files)
a signature's chain must end at to be trusted, kept as PEM in the settings (TRUSTED_ROOTS)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from db.store import Store
from desktop.core import permissions
from desktop.core import vocabulary as vocab
from desktop.core.errors import DomainError
from desktop.core.files import read_limited
from desktop.core.session import Session

MAX_CERTIFICATE_BYTES = 1024 * 1024  # a root certificate is a few kilobytes
CERTIFICATE_SUFFIXES = (".cer", ".crt", ".pem", ".der")


@dataclass(frozen=True)
class TrustedRoot:
    """One trusted root as Cài đặt lists it: its name, organisation, validity and fingerprint."""

    name: str
    organization: str
    not_after: dt.date
    fingerprint: str  # SHA-256 of the DER, hex
    pem: str

    @property
    def label(self) -> str:
        """«Root CA … (tổ chức), hết hạn dd/mm/yyyy»."""
        org = f" ({self.organization})" if self.organization else ""
        return f"{self.name}{org}, hết hạn {self.not_after:%d/%m/%Y}"


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _root(cert: x509.Certificate) -> TrustedRoot:
    der = cert.public_bytes(serialization.Encoding.DER)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    return TrustedRoot(
        name=_attribute(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string(),
        organization=_attribute(cert.subject, NameOID.ORGANIZATION_NAME),
        not_after=cert.not_valid_after_utc.date(),
        fingerprint=hashlib.sha256(der).hexdigest(),
        pem=pem,
    )


def parse_certificates(data: bytes, name: str) -> list[x509.Certificate]:
    """The certificates of a .cer/.crt/.pem file (DER or PEM, one or several)."""
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise DomainError(
            f"Tệp «{name}» không phải chứng thư số (.cer, .crt, .pem) đọc được."
        ) from None


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return cert.issuer == cert.subject  # an old self-signed root without the extension


def read_root_file(path: Path) -> list[TrustedRoot]:
    """The root certificates in a file, checked: readable, a certificate, a CA's."""
    too_large = f"Tệp «{path.name}» quá lớn để là chứng thư số."
    data = read_limited(path, MAX_CERTIFICATE_BYTES, lambda _size: too_large)
    certs = parse_certificates(data, path.name)
    not_ca = [c for c in certs if not _is_ca(c)]
    if not_ca:
        who = _attribute(not_ca[0].subject, NameOID.COMMON_NAME)
        raise DomainError(
            f"Chứng thư «{who}» trong tệp «{path.name}» không phải chứng thư gốc của tổ chức"
            " chứng thực (CA): chỉ cài chứng thư gốc."
        )
    return [_root(c) for c in certs]


def trusted_roots(store: Store) -> list[TrustedRoot]:
    """The roots the office trusts, as stored (an unreadable stored value is skipped)."""
    out: list[TrustedRoot] = []
    for pem in vocab.read_setting(store, vocab.TRUSTED_ROOTS):
        try:
            out.extend(_root(c) for c in x509.load_pem_x509_certificates(str(pem).encode()))
        except ValueError:
            continue
    return out


def root_certificates(store: Store) -> list[bytes]:
    """The trusted roots as DER, for the validation."""
    return [
        x509.load_pem_x509_certificate(r.pem.encode()).public_bytes(serialization.Encoding.DER)
        for r in trusted_roots(store)
    ]


def _save(session: Session, roots: Iterable[TrustedRoot]) -> None:
    vocab.write_setting(session.store, vocab.TRUSTED_ROOTS, [r.pem for r in roots])


def add_roots(session: Session, paths: Sequence[Path]) -> list[TrustedRoot]:
    """Install the root certificates of these files; returns the ones new to the list.

    Every file is read and checked before anything is stored: one bad file installs none."""
    permissions.require(session, "edit_settings")
    found = [root for path in paths for root in read_root_file(path)]
    with session.store.write():
        have = trusted_roots(session.store)
        known = {r.fingerprint for r in have}
        new: list[TrustedRoot] = []
        for root in found:
            if root.fingerprint not in known:
                known.add(root.fingerprint)
                new.append(root)
        if new:
            _save(session, [*have, *new])
    return new


def remove_root(session: Session, fingerprint: str) -> None:
    """No longer trust one root (by its SHA-256 fingerprint)."""
    permissions.require(session, "edit_settings")
    with session.store.write():
        have = trusted_roots(session.store)
        kept = [r for r in have if r.fingerprint != fingerprint]
        if len(kept) == len(have):
            raise DomainError("Chứng thư gốc này không có trong danh sách tin cậy.")
        _save(session, kept)


def office_p12(store: Store) -> Path | None:
    """The office's PKCS#12 file the issue dialog offers for «Ký số» (None: none set)."""
    value = vocab.read_setting(store, vocab.SIGNING_P12)
    return Path(value) if value else None


def set_office_p12(session: Session, path: Path | None) -> None:
    """Set (or, with None, clear) the office's PKCS#12 file; it must exist when set."""
    permissions.require(session, "edit_settings")
    if path is not None and not path.is_file():
        raise DomainError(f"Không tìm thấy tệp chứng thư số «{path}».")
    vocab.write_setting(session.store, vocab.SIGNING_P12, str(path) if path else "")
