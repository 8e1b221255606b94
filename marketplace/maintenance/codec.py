"""How each column type's values are written into an export's JSON and read back, without loss."""
from __future__ import annotations

import base64
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Callable

from sqlalchemy import JSON, Column, Date, DateTime, Float, LargeBinary, Numeric, Table, Time
from sqlalchemy.types import TypeDecorator

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _iso(value: Any) -> str:
    return value.isoformat()


def _base64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


# Checked in order: Float is a Numeric but travels as a JSON number.
_CODECS: tuple[tuple[type, Encode, Decode], ...] = (
    (JSON, _same, _same),  # exported as the stored JSON text (transfer._exported)
    (DateTime, _iso, datetime.fromisoformat),  # the offset is kept: UTC datetimes stay aware
    (Date, _iso, date.fromisoformat),
    (Time, _iso, time.fromisoformat),
    (Float, _same, float),
    (Numeric, str, Decimal),
    (LargeBinary, _base64, base64.b64decode),
)


def codec(column: Column) -> tuple[Encode, Decode]:
    """(encode, decode) for non-NULL values of the column; integers, text and booleans pass as they are."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    for base, encode, decode in _CODECS:
        if isinstance(kind, base):
            return encode, decode
    return _same, _same


def column_codecs(table: Table, columns: list[Column] | None = None) -> list[tuple[Encode, Decode]]:
    return [codec(column) for column in (table.c if columns is None else columns)]
