"""JSON columns and push bodies through orjson (sync.json_text): what the standard library wrote
is read, and what it would write or refuse is written or refused the same way."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync import json_text
from sync.domain.vocabulary import RecordType

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**80, max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@given(_JSON)
def test_what_one_writes_the_other_reads(value):
    assert json.loads(json_text.dumps(value)) == value
    assert json_text.loads(json.dumps(value)) == value
    assert json_text.loads(json_text.dumps(value)) == value


def test_written_as_the_standard_library_writes_compact_json():
    value = {"name": "张宝山", "industries": ["肉牛"], "land_mu": 12.5, "consent": True, "notes": None}
    assert json_text.dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_what_orjson_cannot_write_goes_as_the_standard_library_writes_it():
    assert json_text.dumps({"n": 2**70}) == '{"n":1180591620717411303424}'
    assert json_text.dumps({1: "a", RecordType.VISIT: RecordType.VISIT}) == '{"1":"a","visit":"visit"}'


def test_what_the_standard_library_refuses_is_refused():
    with pytest.raises(TypeError):
        json_text.dumps({"at": dt.datetime(2026, 6, 1, tzinfo=dt.UTC)})
    with pytest.raises(TypeError):
        json_text.dumps({"tags": {"a"}})


def test_integers_beyond_64_bits_are_read_exactly():
    """orjson reads such an integer as a float; the standard library reads it exactly."""
    assert json_text.loads("-9223372036854775809") == -9223372036854775809
    assert json_text.loads('{"n": [18446744073709551617]}') == {"n": [18446744073709551617]}
    assert json_text.loads('{"id": "12345678901234567890"}') == {"id": "12345678901234567890"}


def test_text_an_earlier_release_wrote_is_read():
    assert json_text.loads('{"name": "\\u5f20\\u5b9d\\u5c71", "x": NaN}')["name"] == "张宝山"
    assert math.isnan(json_text.loads('{"x": NaN}')["x"])
    assert json_text.loads(b'[1, 2]') == [1, 2]
    with pytest.raises(ValueError):
        json_text.loads('{"unfinished": ')
