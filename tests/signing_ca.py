"""A test certificate authority made by the tests with `cryptography`: a root, a signer issued
by it (as a national CA issues a ministry's certificate), the signer as a password-protected
PKCS#12 file, and a second, untrusted root with a signer of its own.

Keys are made once per test process (RSA 2048 takes tens of milliseconds each).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

P12_PASSWORD = "mat-khau-thu"
SIGNER_CN = "VĂN PHÒNG CHÍNH PHỦ"
SIGNER_ORG = "Văn phòng Chính phủ"
AGENCY_CN = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"
_NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Authority:
    """A root certificate and its key."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey

    def pem(self) -> bytes:
        """The root as PEM (what Cài đặt takes as a .pem/.crt file)."""
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def der(self) -> bytes:
        """The root as DER (a .cer file as the national CA publishes it)."""
        return self.cert.public_bytes(serialization.Encoding.DER)


@dataclass(frozen=True)
class Identity:
    """A signer: certificate, key, and the root that issued it."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey
    issuer: Authority

    def p12(self, password: str = P12_PASSWORD) -> bytes:
        """The signer as a PKCS#12 file protected by `password`, with its issuer's certificate."""
        return pkcs12.serialize_key_and_certificates(
            b"signer",
            self.key,
            self.cert,
            [self.issuer.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )

    def write_p12(self, path: Path, password: str = P12_PASSWORD) -> Path:
        """The PKCS#12 file written to `path`."""
        path.write_bytes(self.p12(password))
        return path


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    """A root signs certificates and revocation lists; a signer signs documents (nonRepudiation)."""
    return x509.KeyUsage(
        digital_signature=True, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip


def _certificate(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: Authority | None,
    valid: tuple[int, int],
) -> x509.Certificate:
    """A certificate for `key`, self-signed without `issuer`; valid (days before, after) now."""
    ca = issuer is None
    signing_key = key if issuer is None else issuer.key
    key_id = (
        x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        if issuer is None
        else x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key())
    )
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject if issuer is None else issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=valid[0]))
        .not_valid_after(_NOW + dt.timedelta(days=valid[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(ca=ca), critical=True)
        .add_extension(key_id, critical=False)
        .sign(signing_key, hashes.SHA256())
    )


def _root(cn: str) -> Authority:
    key = _key()
    name = _name(cn, "Tổ chức chứng thực thử")
    return Authority(_certificate(name, key, None, (3650, 3650)), key)


def _leaf(issuer: Authority, cn: str, org: str) -> Identity:
    key = _key()
    return Identity(_certificate(_name(cn, org), key, issuer, (3000, 1000)), key, issuer)


@functools.cache
def root() -> Authority:
    """The test national root (trusted when configured)."""
    return _root("Root CA thử nghiệm quốc gia")


@functools.cache
def signer() -> Identity:
    """The sender's certificate (VĂN PHÒNG CHÍNH PHỦ), issued by `root()`."""
    return _leaf(root(), SIGNER_CN, SIGNER_ORG)


@functools.cache
def agency() -> Identity:
    """The ministry's own certificate (for its letters), issued by `root()`."""
    return _leaf(root(), AGENCY_CN, "Bộ Thông tin và Truyền thông")


@functools.cache
def other_root() -> Authority:
    """A second root nobody configured."""
    return _root("Root CA không tin cậy")


@functools.cache
def stranger() -> Identity:
    """A signer issued by `other_root()`."""
    return _leaf(other_root(), "CÔNG TY LẠ", "Công ty lạ")
