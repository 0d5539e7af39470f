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


def _root(cn: str) -> Authority:
    key = _key()
    name = _name(cn, "Tổ chức chứng thực thử")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=3650))
        .not_valid_after(_NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(cert, key)


def _leaf(issuer: Authority, cn: str, org: str) -> Identity:
    key = _key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(cn, org))
        .issuer_name(issuer.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=3000))
        .not_valid_after(_NOW + dt.timedelta(days=1000))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )  # fmt: skip
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
        .sign(issuer.key, hashes.SHA256())
    )
    return Identity(cert, key, issuer)


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
