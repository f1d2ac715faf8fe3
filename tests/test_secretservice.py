"""The stdlib D-Bus codec behind the direct Secret Service read (the bus itself is
exercised in tests/integration/test_secret_service_direct.py)."""

from __future__ import annotations

import struct

import pytest

from mlcoach.security import secretservice as ss


def test_signatures_split_into_complete_types() -> None:
    assert list(ss._types("sv")) == ["s", "v"]
    assert list(ss._types("a{ss}o")) == ["a{ss}", "o"]
    assert list(ss._types("(oayays)")) == ["(oayays)"]
    assert list(ss._types("aa(yv)u")) == ["aa(yv)", "u"]


@pytest.mark.parametrize(("sig", "value"), [
    ("s", "plain"), ("o", "/org/freedesktop/secrets/session/s1"), ("g", "a{ss}"),
    ("u", 7), ("ao", ["/a", "/b/c"]), ("ao", []), ("(oayays)", ("/s", b"", b"\x01ab", "t")),
    ("a(yv)", [(1, ("o", "/p")), (5, ("u", 3)), (8, ("g", "sv"))]),
])
def test_values_read_back_as_written(sig: str, value: object) -> None:
    buf = bytearray()
    ss._put(buf, sig, value)
    got = ss._Reader(bytes(buf), "<").get(sig)
    if sig == "a(yv)":
        got = [(code, v) for code, v in got]
        value = [(code, v[1]) for code, v in value]  # type: ignore[attr-defined]
    assert got == value


def test_dicts_are_arrays_of_aligned_entries() -> None:
    buf = bytearray(b"x")  # an odd offset: the array aligns to 4, its entries to 8
    ss._put(buf, "a{ss}", {"service": "app", "username": "id"})
    (length,) = struct.unpack_from("<I", buf, 4)
    assert len(buf) == 8 + length  # the length counts from the first (8-aligned) entry
    assert bytes(buf[8:12]) == struct.pack("<I", len("service"))


def test_bus_addresses() -> None:
    assert ss._socket_path("unix:path=/run/user/1/bus") == "/run/user/1/bus"
    assert ss._socket_path("unix:abstract=/tmp/dbus-x,guid=ab") == "\0/tmp/dbus-x"
    assert ss._socket_path("tcp:host=h;unix:path=/tmp/a%2cb") == "/tmp/a,b"
    with pytest.raises(ss.DBusError):
        ss._socket_path("tcp:host=localhost,port=1")


def test_no_bus_is_an_error_not_a_hang(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OSError):
        ss.read_secret({"service": "s", "username": "u"},
                       {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/none"}, 0.5)
