"""History from other journals: a journal written and exported by jrnl itself, and Day One
exports as the app writes them, imported through `mlcoach import --from`."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import run_cli

JRNL = Path(sys.executable).with_name("jrnl")
BERLIN = ZoneInfo("Europe/Berlin")
PEOPLE = ["Ana Silva", "Bruno Costa"]
# jrnl ends a tag at a full stop: "@bruno.costa" is the tag "@bruno", a saved first name.
HANDLES = ["@ana", "@bruno.costa", "@Ana_Silva", "@chen", "@team"]  # the last two: nobody
TAGS = ["#release", "#1on1", "#hiring", "#retro"]


def jrnl(home: Path, *args: str) -> str:
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local/share"), "PATH": "/usr/bin:/bin",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring", "TZ": "Europe/Berlin"}
    done = subprocess.run([str(JRNL), "--config-file", str(home / "jrnl.yaml"), *args],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def write_jrnl_config(home: Path) -> None:
    """A plain (unencrypted) jrnl journal in `home`, configured as jrnl 4 writes it."""
    (home / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        f"indent_character: '|'\njournals:\n  default:\n    journal: {home}/work.txt\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
        "version: v4.6\n")


@pytest.fixture(scope="module")
def jrnl_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    """A jrnl journal of 403 entries made through jrnl's own CLI, and its JSON export."""
    home = tmp_path_factory.mktemp("jrnl-home")
    write_jrnl_config(home)
    rng = random.Random(18)
    lines = []
    start = datetime(2021, 3, 1, 8, 0)
    for n in range(400):
        when = start + timedelta(days=n * 2, minutes=rng.randrange(0, 600))
        who = rng.choice(HANDLES) if n % 3 else ""
        tag = rng.choice(TAGS) if n % 4 else ""
        star = " *" if n % 7 == 0 else ""
        body = f"Body of entry {n}, with a second line.\nIt went well." if n % 5 == 0 else ""
        lines.append(f"[{when:%Y-%m-%d %H:%M}] Entry {n}: talked with {who or 'the team'} "
                     f"about the plan. {tag}{star}\n{body}\n")
    (home / "import.txt").write_text("\n".join(lines))
    jrnl(home, "--import", "--file", str(home / "import.txt"))
    # Three more the way people type them, one starred, one on a summer-time evening.
    jrnl(home, "2024-07-01 21:30: Thanked @ana for covering the release. #release *")
    jrnl(home, "2024-12-02 08:05: Asked @Bruno.Costa what would help with the hiring plan")
    jrnl(home, "2024-12-03 10:00: A day with no tags at all.")
    out = home / "export.json"
    out.write_text(jrnl(home, "--export", "json"))
    entries = json.loads(out.read_text())["entries"]
    assert len(entries) == 403
    return out, entries


def _export(env: dict[str, str]) -> dict[str, Any]:
    res = run_cli(env, "export", "--format", "json")
    assert res.returncode == 0, res.stderr
    return dict(json.loads(res.stdout))


def _setup(env: dict[str, str]) -> None:
    env["TZ"] = "Europe/Berlin"
    for name in PEOPLE:
        assert run_cli(env, "people", "add", name).returncode == 0


def test_a_jrnl_journal_imports_every_entry_once(cli_env, jrnl_export) -> None:
    path, entries = jrnl_export
    _setup(cli_env)
    dry = run_cli(cli_env, "import", "--from", "jrnl", "--dry-run", str(path))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[-1].startswith("would import 403 moments; 0 already here")
    assert _export(cli_env)["moments"] == []  # a dry run changes nothing
    first = run_cli(cli_env, "import", "--from", "jrnl", str(path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "imported 403 moments"
    again = run_cli(cli_env, "import", "--from", "jrnl", str(path))
    assert again.stdout.strip() == "nothing new to import"
    moments = _export(cli_env)["moments"]
    assert len(moments) == 403
    by_when = {datetime.fromisoformat(m["created_at"]): m for m in moments}
    for entry in entries:
        local = datetime.fromisoformat(f"{entry['date']}T{entry['time']}").replace(tzinfo=BERLIN)
        moment = by_when[local.astimezone(UTC)]
        text = entry["title"] + ("\n" + entry["body"] if entry["body"].strip() else "")
        assert moment["text"] == text.strip()
        handles = [t.lower() for t in entry["tags"] if t.startswith("@")]
        expected_person = {"@ana": "Ana Silva", "@bruno": "Bruno Costa",
                           "@ana_silva": "Ana Silva"}
        person = next((expected_person[h] for h in handles if h in expected_person), None)
        assert moment["person"] == person, entry
        tags = {t.lstrip("#@").lower() for t in entry["tags"]
                if t.startswith("#") or t.lower() not in expected_person}
        assert set(moment["tags"]) == tags | ({"starred"} if entry["starred"] else set())
    assert sum("starred" in m["tags"] for m in moments) == sum(e["starred"] for e in entries)


@pytest.mark.parametrize("content, fragment", [
    (b'{"tags": {}, "entries": [{"title": "x", "date": "2024-13-40", "time": "09:00",'
     b' "body": "", "tags": [], "starred": false}]}', "no valid date"),
    (b'{"tags": {}, "entries": "no"}', 'no "entries" list'),
    (b'{"tags": {}, "entries": [{"title": "x", "date": "2024', "not valid JSON"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    # half a character, escaped: "unexpected error (UnicodeEncodeError …)" before
    (b'{"tags": {}, "entries": [{"title": "\\udc80", "date": "2024-03-01", "time": "09:00",'
     b' "body": "", "tags": [], "starred": false}]}', "not valid Unicode"),
    (b'{"tags": {}, "entries": [{"title": "x", "date": "2024-03-01", "time": "09:00",'
     b' "body": "", "tags": ["@\\ud800"], "starred": false}]}', "not valid Unicode"),
])
def test_a_malformed_jrnl_file_is_one_line_and_changes_nothing(cli_env, jrnl_export,
                                                               tmp_path, content, fragment):
    _setup(cli_env)
    doc = json.loads(jrnl_export[0].read_text())
    doc["entries"] = doc["entries"][:20]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc))
    assert run_cli(cli_env, "import", "--from", "jrnl", str(good)).returncode == 0
    before = _export(cli_env)
    # A good first part does not get in when the rest is broken: all or nothing.
    bad = tmp_path / "bad.json"
    if fragment == "no valid date":
        doc["entries"].append({"title": "New", "body": "", "date": "2030-01-01",
                               "time": "10:00", "tags": [], "starred": False})
        doc["entries"].extend(json.loads(content)["entries"])
        bad.write_text(json.dumps(doc))
    else:
        bad.write_bytes(content)
    res = run_cli(cli_env, "import", "--from", "jrnl", str(bad))
    assert res.returncode == 1
    assert fragment in res.stderr and len(res.stderr.strip().splitlines()) == 1
    after = _export(cli_env)
    assert after["moments"] == before["moments"] and after["people"] == before["people"]


@pytest.mark.parametrize("source, content", [
    ("jrnl", b'{"tags": {}, "entries": [{"title": "x", "date": "yesterday"}]}'),
    ("dayone", b'{"entries": [{"text": "no uuid"}]}'),
])
def test_a_bad_file_on_first_use_creates_no_store_and_no_key(cli_env, tmp_path, source,
                                                             content) -> None:
    """Bad input changes nothing: before any store exists, a broken journal file leaves no
    data folder behind and no key in the keyring; a good one then creates both."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    res = run_cli(cli_env, "import", "--from", source, str(bad))
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1
    assert "entry 1 has" in res.stderr
    data, keys = Path(cli_env["MLCOACH_DATA_DIR"]), Path(cli_env["XDG_DATA_HOME"])
    assert not data.exists() and not list(keys.rglob("*.cfg"))
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"tags": {}, "entries": [
        {"title": "Asked Chen for the numbers", "body": "", "date": "2024-03-01",
         "time": "09:30", "tags": [], "starred": False}]}))
    assert run_cli(cli_env, "import", "--from", "jrnl", str(good)).returncode == 0
    assert [m["text"] for m in _export(cli_env)["moments"]] == ["Asked Chen for the numbers"]
    assert list(keys.rglob("*.cfg"))


def test_the_reason_a_file_is_refused_is_said_whole_in_turkish(tmp_path) -> None:
    from mlcoach.domain.i18n import error_text
    from mlcoach.transfer import journals
    from mlcoach.transfer.exporting import ImportError_

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"entries": [{"uuid": "a", "creationDate": "2024-01-01T10:00:00Z",
                                            "text": "ok"}, {"text": "no uuid"}]}))
    with pytest.raises(ImportError_) as caught:
        journals.read_journal(bad, "dayone", BERLIN, lambda _h: None)
    assert str(caught.value) == "not a Day One JSON export: entry 2 has no uuid"
    assert error_text(caught.value, "tr") == \
        "bir Day One JSON dışa aktarımı değil: 2. kaydın uuid alanı yok"


def test_the_byte_limit_refuses_a_huge_file_unread(tmp_path, monkeypatch) -> None:
    from mlcoach.transfer import journals
    from mlcoach.transfer.exporting import ImportError_

    monkeypatch.setattr(journals, "MAX_BYTES", 1000)
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"entries": [{"title": "x" * 2000}]}))
    with pytest.raises(ImportError_, match="larger than"):
        journals.read_journal(huge, "jrnl", BERLIN, lambda _h: None)


# -- Day One ---------------------------------------------------------------------------------

def dayone_entry(n: int, **extra: Any) -> dict[str, Any]:
    """One entry as Day One's JSON export writes it (fields it adds kept, in its order)."""
    created = datetime(2023, 1, 5, 7, 30, tzinfo=UTC) + timedelta(days=3 * n, minutes=n)
    entry: dict[str, Any] = {
        "isAllDay": False,
        "modifiedDate": (created + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "editingTime": 41.2,
        "timeZone": ["Europe/Berlin", "America/New_York", "Asia/Tokyo"][n % 3],
        "duration": 0,
        "location": {"localityName": "Berlin", "country": "Germany",
                     "latitude": 52.52, "longitude": 13.40,
                     "region": {"radius": 75, "center": {"latitude": 52.52,
                                                         "longitude": 13.40}},
                     "placeName": "Office", "administrativeArea": "BE"},
        "creationDevice": "Ana's MacBook Pro",
        "uuid": f"{n:08X}3B2C4D5E6F7A8B9C0D1E2F3A",
        "isPinned": False,
        "creationDeviceType": "MacBook Pro",
        "text": f"Gave feedback to the new hire, take {n}\\. Went better than last time\\!\n\n"
                "![](dayone-moment://4F1C2A9B8E7D6C5B4A3F2E1D0C9B8A7F)",
        "richText": "{\"contents\":[{\"text\":\"Gave feedback...\"}],\"meta\":{\"version\":1}}",
        "weather": {"temperatureCelsius": 7.5, "conditionsDescription": "Partly Cloudy",
                    "weatherCode": "partly-cloudy", "weatherServiceName": "Forecast.io"},
        "starred": n % 4 == 0,
        "creationDate": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "creationOSName": "macOS",
        "creationOSVersion": "14.4.1",
        "tags": ["One on one", "feedback"] if n % 2 else [],
        "photos": [{"md5": "0cc175b9c0f1b6a831c399e269772661", "type": "jpeg",
                    "identifier": "4F1C2A9B8E7D6C5B4A3F2E1D0C9B8A7F", "orderInEntry": 0,
                    "width": 4032, "height": 3024, "fileSize": 2304512}],
    }
    entry.update(extra)
    return entry


def dayone_doc(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"metadata": {"version": "1.0"}, "entries": entries}


def test_a_day_one_zip_imports_every_entry_with_its_time_zone_once(cli_env, tmp_path):
    _setup(cli_env)
    journal = [dayone_entry(n) for n in range(120)]
    work = [dayone_entry(1000 + n, text="Planned the **quarter** with Bruno\\.")
            for n in range(30)]
    archive = tmp_path / "Export-Day One.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Journal.json", json.dumps(dayone_doc(journal), indent=2))
        z.writestr("Work.json", json.dumps(dayone_doc(work), indent=2))
        z.writestr("photos/0cc175b9c0f1b6a831c399e269772661.jpeg", b"\xff\xd8\xff\xe0 not read")
    first = run_cli(cli_env, "import", "--from", "dayone", str(archive))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "imported 150 moments"
    assert run_cli(cli_env, "import", "--from", "dayone", str(archive)).stdout.strip() == \
        "nothing new to import"
    moments = {m["text"].split(",")[0] + m["created_at"]: m for m in _export(cli_env)["moments"]}
    assert len(moments) == 150
    for entry in journal:
        created = datetime.fromisoformat(entry["creationDate"].replace("Z", "+00:00"))
        n = int(entry["uuid"][:8], 16)
        key = "Gave feedback to the new hire" + created.isoformat()
        moment = moments[key]
        assert moment["text"] == (f"Gave feedback to the new hire, take {n}. "
                                  "Went better than last time!")
        expected = {"one-on-one", "feedback"} if n % 2 else set()
        assert set(moment["tags"]) == expected | ({"starred"} if entry["starred"] else set())


def test_a_day_one_json_alone_and_a_broken_one(cli_env, tmp_path):
    _setup(cli_env)
    single = tmp_path / "Journal.json"
    single.write_text(json.dumps(dayone_doc([dayone_entry(n) for n in range(5)])))
    dry = run_cli(cli_env, "import", "--from", "dayone", "--dry-run", str(single))
    assert dry.returncode == 0 and "would import 5 moments;" in dry.stdout
    # The time shown is the writer's own: creationDate in its timeZone (Tokyo: +09:00).
    assert "2023-01-11 15:32" in dry.stdout or "2023-01-11 08:32" in dry.stdout
    assert run_cli(cli_env, "import", "--from", "dayone", str(single)).returncode == 0
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(dayone_doc([dayone_entry(9), {"text": "no uuid"}])))
    res = run_cli(cli_env, "import", "--from", "dayone", str(broken))
    assert res.returncode == 1 and "entry 2 has no uuid" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert len(_export(cli_env)["moments"]) == 5
    not_zip = tmp_path / "fake.zip"
    not_zip.write_bytes(b"PK\x03\x04 truncated")
    res = run_cli(cli_env, "import", "--from", "dayone", str(not_zip))
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1


def test_dry_run_works_for_a_native_export_too(cli_env, tmp_path) -> None:
    assert run_cli(cli_env, "capture", "Thanked Ana for the notes @Ana #release").returncode == 0
    exported = tmp_path / "export.json"
    assert run_cli(cli_env, "export", "-o", str(exported)).returncode == 0
    other = dict(cli_env, MLCOACH_DATA_DIR=str(tmp_path / "other"))
    res = run_cli(other, "import", "--dry-run", str(exported))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "would import 1 moment, 1 person; nothing was changed"
    assert _export(other)["moments"] == []


@pytest.mark.parametrize("raw, fragment", [
    ('{"tags": {}, "entries": [{"title": "x", "date": "9999-12-31", "time": "09:00"}]}',
     "entry 1 is dated 9999, outside the years 1900 to 2999"),
    ('{"tags": {}, "entries": [{"title": "x", "date": "2024-01-02", "n": ' + "9" * 5000
     + "}]}", "a number has too many digits"),
])
def test_a_refused_jrnl_entry_is_named_as_the_user_knows_it(tmp_path, raw, fragment):
    from mlcoach.transfer import journals
    from mlcoach.transfer.exporting import ImportError_

    bad = tmp_path / "bad.json"
    bad.write_text(raw)
    with pytest.raises(ImportError_) as caught:
        journals.read_journal(bad, "jrnl", BERLIN, lambda _h: None)
    assert fragment in str(caught.value) and "set_int_max_str_digits" not in str(caught.value)


def test_a_jrnl_time_with_its_own_offset_keeps_it(tmp_path):
    from mlcoach.transfer import journals

    path = tmp_path / "j.json"
    path.write_text(json.dumps({"tags": {}, "entries": [
        {"title": "Standup in Almaty", "date": "2024-01-02", "time": "09:00+05:00"}]}))
    doc = journals.read_journal(path, "jrnl", BERLIN, lambda _h: None)
    assert datetime.fromisoformat(doc["moments"][0]["created_at"]) == \
        datetime(2024, 1, 2, 4, 0, tzinfo=UTC)


def test_a_day_one_time_zone_that_names_a_tzdata_folder_keeps_the_given_offset(cli_env,
                                                                              tmp_path):
    """"Europe" is a folder of the tzdata package: it failed the whole import."""
    _setup(cli_env)
    entries = [dict(dayone_entry(n), timeZone=zone)
               for n, zone in enumerate(["Europe", "x" * 5000, "Nowhere/Else"])]
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(dayone_doc(entries)))
    done = run_cli(cli_env, "import", "--from", "dayone", str(path))
    assert done.returncode == 0, done.stderr
    assert len(_export(cli_env)["moments"]) == 3


def test_day_one_entries_sharing_a_uuid_are_refused_unless_the_same(cli_env, tmp_path):
    """Two entries with one uuid and different words: only the second was kept, silently."""
    _setup(cli_env)
    first, second = dayone_entry(1), dict(dayone_entry(2), uuid=dayone_entry(1)["uuid"])
    path = tmp_path / "Journal.json"
    path.write_text(json.dumps(dayone_doc([first, second])))
    done = run_cli(cli_env, "import", "--from", "dayone", str(path))
    assert done.returncode == 1 and "entries 1 and 2 have the same uuid but differ" in \
        done.stderr
    assert _export(cli_env)["moments"] == []
    path.write_text(json.dumps(dayone_doc([first, dict(first)])))  # the same entry twice
    assert run_cli(cli_env, "import", "--from", "dayone", str(path)).returncode == 0
    assert len(_export(cli_env)["moments"]) == 1


def test_a_zip_of_too_many_files_is_refused_before_its_list_is_read(tmp_path, monkeypatch):
    """A 90 MB zip of a million empty entries took 20 s and 546 MB in zipfile's list
    before a single entry was looked at. Unit test: the limit is lowered to 40 here (the
    real one, 100,000, is checked on a real zip64 below)."""
    from mlcoach.transfer import journals

    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Journal.json", json.dumps(dayone_doc([dayone_entry(1)])))
        for n in range(40):
            z.writestr(f"photos/{n}.jpeg", b"")
    assert journals.zip_entry_count(archive) == 41
    monkeypatch.setattr(journals, "MAX_ZIP_ENTRIES", 40)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the zip's list was read")

    monkeypatch.setattr(journals.zipfile, "ZipFile", never)
    with pytest.raises(journals.ImportError_) as refused:
        journals.load_journal(archive, "dayone")
    assert "the zip holds 41 files; at most 40 are read" in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.slow
def test_the_file_count_of_a_zip64_and_of_a_zip_with_a_comment(tmp_path):
    """Past 65,535 files a zip says its count in the zip64 end record; a comment of up
    to 64 KB may follow the end record. Both are counted as zipfile counts them."""
    from mlcoach.transfer.journals import zip_entry_count

    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w") as z:
        for n in range(70_000):
            z.writestr(f"{n}", b"")
    with zipfile.ZipFile(big) as z:
        assert zip_entry_count(big) == len(z.infolist()) == 70_000
    commented = tmp_path / "commented.zip"
    with zipfile.ZipFile(commented, "w") as z:
        z.writestr("Journal.json", b"{}")
        z.comment = b"PK\x05\x06 not the record " * 2000
    assert zip_entry_count(commented) == 1
    assert zip_entry_count(tmp_path / "big.zip") == 70_000
    plain = tmp_path / "plain.json"
    plain.write_text("{}")
    assert zip_entry_count(plain) is None


def test_a_day_one_zip_cut_short_is_called_that(tmp_path):
    """A zip cut off in a copy (no end record) was read as JSON: "not UTF-8 text"."""
    from mlcoach.transfer import journals

    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as z:
        z.writestr("Journal.json", json.dumps(dayone_doc([dayone_entry(1)])))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[:60])
    with pytest.raises(journals.ImportError_, match="a zip archive that is cut short"):
        journals.load_journal(cut, "dayone")


def test_a_journals_tags_lose_what_does_not_show():
    """jrnl tags with a zero-width space or a control character in them became tags that
    look like #ops but are not, which `capture --tag` refuses; one of only such
    characters was kept as a tag that shows as a bare "#"."""
    from mlcoach.transfer.journals import jrnl_moments

    entry = {"title": "Ran the retro", "body": "", "date": "2024-03-01", "time": "09:00",
             "starred": False, "tags": ["#ops\u200b", "#o\x1bps", "#\u200b", "#\u200d",
                                        "#İzmir", "#two words"]}
    moments = jrnl_moments({"tags": {}, "entries": [entry]}, UTC, lambda _name: None)
    assert moments[0]["tags"] == ["ops", "izmir", "two-words"]
