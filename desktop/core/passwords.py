"""Mật khẩu (passwords): argon2id hashes, their checks, and the rule on a new password's length.

Hashes are made by argon2-cffi with its default parameters (about 0.2 s per hash here: slow
on purpose, so a stolen file does not give the passwords away), never weakened for tests.
"""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop.core.errors import DomainError

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # argon2 takes any length; a pasted megabyte is a mistake


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash("không có tài khoản này")


def check_password(password: str) -> None:
    """Refuse a password too short (or absurdly long) to be set."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự"
            f" (mật khẩu đã nhập có {len(password)})."
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DomainError(f"Mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự.")


def hash_password(password: str) -> str:
    """The argon2id hash to store (takes ~0.2 s: make it before taking the write lock)."""
    return _hasher().hash(password)


def verify(password_hash: str, password: str) -> bool:
    """True when `password` matches the stored hash."""
    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def verify_unknown(password: str) -> None:
    """Spend the time a real check takes: an unknown name must not be refused faster."""
    verify(_dummy_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than today's defaults."""
    return _hasher().check_needs_rehash(password_hash)
