"""presslens.settings: one table of environment variables, read typed, shown by `presslens settings`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from presslens import settings
from presslens.sources.limits import ReadLimits

ROOT = Path(__file__).resolve().parent.parent


def run_settings(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PRESSLENS_")}
    return subprocess.run([sys.executable, "-m", "presslens", "settings", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**environ, **env})


def test_every_variable_read_in_the_source_is_a_setting():
    names = {s.name for s in settings.SETTINGS}
    source = "\n".join(p.read_text() for p in (ROOT / "src" / "presslens").rglob("*.py"))

    used = set(re.findall(r'"(PRESSLENS_[A-Z_]+)"', source))
    assert used <= names, f"not in presslens.settings: {sorted(used - names)}"


def test_docs_list_every_setting():
    page = (ROOT / "docs" / "settings.md").read_text()
    assert all(f"`{s.name}`" in page for s in settings.SETTINGS)


def test_get_types_the_value_and_falls_back_to_the_default():
    assert settings.get(settings.MAX_RECORD_MB, {}) == 10.0
    assert settings.get(settings.MAX_RECORD_MB, {settings.MAX_RECORD_MB: " 2.5 "}) == 2.5
    assert settings.get(settings.FRAMING_MODEL, {settings.FRAMING_MODEL: "MiniLM"}) == "minilm"
    assert settings.get(settings.SERVE_ALLOWED_HOSTS, {settings.SERVE_ALLOWED_HOSTS: "a,,b"}) == ["a", "b"]
    assert settings.get(settings.SERVE_SERVER_HEADERS, {settings.SERVE_SERVER_HEADERS: "1"}) is True
    assert settings.get(settings.CACHE, {settings.CACHE: "/tmp/x"}) == Path("/tmp/x")
    assert settings.get(settings.ENCODER_THREADS, {settings.ENCODER_THREADS: ""}) is None


@pytest.mark.parametrize(("name", "raw", "message"), [
    (settings.MAX_RECORD_MB, "ten", "is not a number of megabytes"),
    (settings.MAX_DECOMPRESSED_MB, "-1", "must be more than 0"),
    (settings.FRAMING_MODEL, "large", "choose from base, minilm, mpnet"),
    (settings.ENCODER_THREADS, "0", "is not a positive whole number"),
])
def test_a_bad_value_names_the_variable(name, raw, message):
    with pytest.raises(settings.SettingError, match=message) as caught:
        settings.get(name, {name: raw})
    assert name in str(caught.value)


def test_unknown_setting_is_a_key_error():
    with pytest.raises(KeyError, match="no setting"):
        settings.get("PRESSLENS_NOTHING")


def test_read_limits_take_the_variable(monkeypatch):
    monkeypatch.setenv(settings.MAX_RECORD_MB, "3")
    assert ReadLimits.from_mb().max_record_bytes == 3_000_000
    assert ReadLimits.from_mb(record_mb=1).max_record_bytes == 1_000_000  # the option wins
    monkeypatch.setenv(settings.MAX_RECORD_MB, "x")
    with pytest.raises(ValueError, match="PRESSLENS_MAX_RECORD_MB='x' is not a number of megabytes"):
        ReadLimits.from_mb()


def test_command_shows_a_variable_set_in_the_environment():
    default = {row["name"]: row for row in json.loads(run_settings("--json").stdout)}
    assert default[settings.MAX_RECORD_MB]["value"] == "10"
    assert default[settings.MAX_RECORD_MB]["source"] == "default"
    assert settings.SERVE_DB not in default  # internal unless asked for
    result = run_settings("--json", "--internal", PRESSLENS_MAX_RECORD_MB="2.5")
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows[settings.MAX_RECORD_MB]["value"] == "2.5"
    assert rows[settings.MAX_RECORD_MB]["source"] == "environment"
    assert rows[settings.MAX_RECORD_MB]["option"] == "--max-record-mb"
    assert set(rows) == {s.name for s in settings.SETTINGS}
    text = run_settings(PRESSLENS_FRAMING_MODEL="mpnet")
    assert "PRESSLENS_FRAMING_MODEL = mpnet" in text.stdout
    assert "set in the environment" in text.stdout


def test_command_reports_a_bad_value_and_fails():
    result = run_settings(PRESSLENS_FRAMING_MODEL="large")
    assert result.returncode == 1
    assert "presslens: error: unknown PRESSLENS_FRAMING_MODEL 'large'; choose from base, minilm, mpnet" in result.stderr
    assert "(invalid)" in result.stdout


def test_main_help_points_to_the_settings_command():
    result = subprocess.run([sys.executable, "-m", "presslens", "--help"], capture_output=True, text=True,
                            timeout=120, cwd=ROOT, env={**os.environ, "COLUMNS": "200"})
    assert "presslens settings" in result.stdout
    assert "environment variables" in result.stdout
