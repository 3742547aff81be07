"""Keys, the export and decrypt contract and the purges, through the management commands,
with an export and a purge of the tests' own (each app tests its real ones)."""

import csv
import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from privacy import crypto, registry
from privacy.offline import DecryptError, decrypt_export, read_private_key

PRIVATE = "a2V5IHdpdGggPSBpbnNpZGU"  # base64 ending in "=" once written out

LAYOUT = registry.Layout(sealed={"email": "email", "name": "name"})
PEOPLE = [("red", "ann@example.org"), ("green", "bob@example.org")]


def trial_records(*, colour: str | None = None, shout: bool = False):
    """Records as an app's export selector yields them: sealed bytes, a time, clear fields."""
    for number, (name, email) in enumerate(PEOPLE, start=1):
        if colour in (None, name):
            yield {
                "id": number,
                "colour": name.upper() if shout else name,
                "at": dt.datetime(2026, 11, 29, 12, number, tzinfo=dt.UTC),
                "sealed": crypto.seal({"email": email}),
            }


TRIAL = registry.Export(
    name="trials",
    kind="trial",
    help="The tests' own records.",
    records=trial_records,
    layout=LAYOUT,
    options=(
        registry.Option("--colour", "Only one colour.", choices=("red", "green")),
        registry.Option("--shout", "Colours in capitals.", switch=True),
    ),
)


@pytest.fixture
def trial_export(monkeypatch):
    monkeypatch.setattr(registry, "_exports", {})
    registry.register_export(TRIAL)


def run(*args: str, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_campaign_keys_generate_prints_a_working_pair():
    """The printed public key seals what the printed private key opens; nothing is written."""
    before = set(settings.VAR_DIR.glob("*")) if settings.VAR_DIR.exists() else set()
    out, _err = run("campaign_keys", "generate")
    lines = dict(line.split("=", 1) for line in out.splitlines())
    public, private = lines["CAMPAIGN_PUBLIC_KEY"], lines["CAMPAIGN_PRIVATE_KEY"]
    with override_settings(CAMPAIGN_PUBLIC_KEY=public):
        blob = crypto.seal({"email": "a@example.org"})
    assert crypto.unseal(blob, private_key=private) == {"email": "a@example.org"}
    after = set(settings.VAR_DIR.glob("*")) if settings.VAR_DIR.exists() else set()
    assert after == before


@pytest.mark.usefixtures("trial_export")
def test_export_streams_lines_that_name_their_kind_with_the_data_sealed():
    out, err = run("export", "trials")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [list(line) for line in lines] == [["kind", "id", "colour", "at", "sealed"]] * 2
    assert [(line["kind"], line["colour"], line["at"]) for line in lines] == [
        ("trial", "red", "2026-11-29T12:01:00+00:00"),
        ("trial", "green", "2026-11-29T12:02:00+00:00"),
    ]
    assert "@example.org" not in out
    opened = crypto.unseal(
        crypto.unb64(lines[1]["sealed"]), private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY
    )
    assert opened == {"email": "bob@example.org"}
    assert err.strip() == "Exported 2 trials."


@pytest.mark.usefixtures("trial_export")
def test_export_passes_its_own_filters_and_writes_a_file(tmp_path):
    target = tmp_path / "trials.jsonl"
    out, err = run("export", "trials", "--colour", "green", "--shout", "--output", str(target))
    assert out == ""
    [line] = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["colour"] == "GREEN"
    assert err.strip() == "Exported 1 trials."


@pytest.mark.usefixtures("trial_export")
def test_export_refuses_what_no_app_registered():
    with pytest.raises(CommandError, match="invalid choice: 'signatures'"):
        run("export", "signatures")


@pytest.mark.usefixtures("trial_export")
def test_decrypt_writes_the_columns_of_the_kind_it_reads(tmp_path):
    """The CSV has a column for each field of the records, the sealed box opened in its
    place into the columns of its kind (a field the box lacks stays empty)."""
    export = tmp_path / "trials.jsonl"
    run("export", "trials", "--output", str(export))
    key_file = tmp_path / "key"
    key_file.write_text(settings.TEST_CAMPAIGN_PRIVATE_KEY)
    target = tmp_path / "trials.csv"
    _out, err = run("decrypt", key_file=str(key_file), input=str(export), output=str(target))
    with target.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["id", "colour", "at", "email", "name"]
    assert rows == [
        {
            "id": "1",
            "colour": "red",
            "at": "2026-11-29T12:01:00+00:00",
            "email": "ann@example.org",
            "name": "",
        },
        {
            "id": "2",
            "colour": "green",
            "at": "2026-11-29T12:02:00+00:00",
            "email": "bob@example.org",
            "name": "",
        },
    ]
    assert err.strip() == "Decrypted 2 records."


def _lines(*records: dict) -> list[str]:
    return [json.dumps(record) + "\n" for record in records]


def _sealed(**data: str) -> str:
    return crypto.b64(crypto.seal(data))


def decrypt(lines: list[str], layouts: dict) -> str:
    target = io.StringIO()
    decrypt_export(
        source=lines,
        target=target,
        private_key=settings.TEST_CAMPAIGN_PRIVATE_KEY,
        layouts=layouts,
    )
    return target.getvalue()


def test_lines_without_a_kind_are_signatures_from_older_exports():
    signatures = registry.Layout(sealed={"email": "email"})
    lines = _lines({"id": 7, "sealed": _sealed(email="old@example.org")})
    assert decrypt(lines, {"signature": signatures}).splitlines() == [
        "id,email",
        "7,old@example.org",
    ]


@pytest.mark.parametrize(
    ("lines", "error"),
    [
        (_lines({"kind": "trial", "id": 1, "sealed": ""}), r"Line 1 .*no sealed data"),
        (_lines({"kind": "unknown", "id": 1}), r"Line 1 .*no export has records of kind 'unknown'"),
        (
            _lines({"kind": "trial", "id": 1, "sealed": "bm90IGEgYm94"}, {"kind": "other"}),
            "Line 1 cannot be decrypted",
        ),
        (["\n", "not json\n"], "Line 2 cannot be decrypted"),
        (["[1, 2]\n"], r"Line 1 .*not a record"),
        (_lines({"kind": "trial", "sealed": "***"}), "Line 1 cannot be decrypted"),
    ],
    ids=["unsealed", "unknown-kind", "not-a-box", "not-json", "not-a-record", "not-base64"],
)
def test_what_cannot_be_decrypted_is_named_by_its_line(lines, error):
    with pytest.raises(DecryptError, match=error):
        decrypt(lines, {"trial": LAYOUT})


def test_one_export_holds_one_kind():
    lines = _lines(
        {"kind": "trial", "id": 1, "sealed": _sealed(email="a@example.org")},
        {"kind": "other", "id": 2, "sealed": _sealed(email="b@example.org")},
    )
    with pytest.raises(DecryptError, match=r"Line 2 .*a other in an export of trials"):
        decrypt(lines, {"trial": LAYOUT, "other": LAYOUT})


def test_records_without_sealed_data_where_a_kind_allows_them():
    layout = registry.Layout(sealed={"email": "email"}, always_sealed=False)
    lines = _lines({"kind": "trial", "id": 1, "sealed": ""})
    assert decrypt(lines, {"trial": layout}).splitlines() == ["id,email", "1,"]


def test_an_empty_export_decrypts_to_an_empty_file():
    assert decrypt(["\n"], {"trial": LAYOUT}) == ""


def test_the_key_file_may_hold_the_saved_output_of_campaign_keys(tmp_path):
    saved = tmp_path / "keys.txt"
    saved.write_text(f"CAMPAIGN_PUBLIC_KEY=abc=\nCAMPAIGN_PRIVATE_KEY= {PRIVATE}= \n")
    assert read_private_key(str(saved)) == f"{PRIVATE}="
    saved.write_text(f"  {PRIVATE}=\n")
    assert read_private_key(str(saved)) == f"{PRIVATE}="


def test_decrypt_says_when_the_key_file_cannot_be_read(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the key file"):
        run("decrypt", key_file=str(tmp_path / "missing"), input=str(tmp_path / "x"))


# The registry ------------------------------------------------------------------------------


def test_an_export_name_or_kind_registered_twice_stops_the_start(monkeypatch):
    monkeypatch.setattr(registry, "_exports", {})
    registry.register_export(TRIAL)
    for twin in (
        TRIAL,
        registry.Export("other", "trial", "", trial_records, LAYOUT),
        registry.Export("trials", "other", "", trial_records, LAYOUT),
    ):
        with pytest.raises(ImproperlyConfigured):
            registry.register_export(twin)
    assert registry.layouts() == {"trial": LAYOUT}


def test_purges_run_each_once_with_one_time_and_a_name_twice_stops_the_start(monkeypatch):
    monkeypatch.setattr(registry, "_purges", {})
    seen = []

    def purge(count):
        def run(*, now):
            seen.append(now)
            return count

        return run

    registry.register_purge("apples", purge(2))
    registry.register_purge("pears", purge(0))
    with pytest.raises(ImproperlyConfigured):
        registry.register_purge("apples", purge(5))
    now = timezone.now()
    assert registry.purges_run(now=now) == {"apples": 2, "pears": 0}
    assert seen == [now, now]
    out, _err = run("purge_unconfirmed")
    assert out.splitlines() == ["apples: 2 deleted", "pears: 0 deleted"]
    assert seen[2] == seen[3] != now


def test_every_app_that_collects_people_registers_its_export_and_purge():
    """Signatures, subscribers and organisations: each can be exported, decrypted by kind,
    and purged (the registrations of the apps, not of the tests); the outbox purges the
    mails that failed for good; the privacy layer purges rate-limit counts and day keys."""
    assert {(e.name, e.kind) for e in registry.exports()} == {
        ("signatures", "signature"),
        ("subscribers", "subscription"),
        ("organisations", "organisation"),
    }
    assert set(registry._purges) == {
        "signatures",
        "subscriptions",
        "organisations",
        "failed_mails",
        "rate_limits",
    }
