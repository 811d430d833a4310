"""What users of spaCy, trafilatura and Datasette expect of a command line: --version, -h, input fields, progress."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from importlib import metadata

import pytest

from conftest import ROOT, run_cli


def test_version_names_presslens_spacy_and_python():
    for flag in ("--version", "-V"):
        result = run_cli(flag)
        assert result.returncode == 0, result.stderr
        line = result.stdout.decode().strip()
        assert line.startswith(f"presslens {metadata.version('presslens')} ")
        assert f"spaCy {metadata.version('spacy')}" in line


@pytest.mark.parametrize("command", [[], ["analyze"], ["ingest"], ["db"], ["db", "info"], ["quotes"], ["sql"],
                                     ["settings"]])
def test_short_help_works_everywhere(command):
    short = run_cli(*command, "-h")
    long = run_cli(*command, "--help")
    assert short.returncode == 0, short.stderr.decode()
    assert "Usage: presslens" in short.stdout.decode()
    assert short.stdout == long.stdout


@pytest.mark.parametrize("url,scheme", [("ftp://example.org/a.html", "ftp"), ("file:///etc/hostname", "file"),
                                        ("S3://bucket/key.txt", "S3")])
def test_unsupported_url_schemes_are_named(url, scheme):
    result = run_cli("analyze", url, "--format", "jsonl")
    assert result.returncode == 1
    err = result.stderr.decode()
    assert f"unsupported URL scheme {scheme}://" in err and "no such file" not in err


def test_a_local_file_is_never_taken_for_a_url(tmp_path):
    odd = tmp_path / "x:"
    odd.mkdir()
    story = odd / "a.txt"
    story.write_text('"It is done," Ann Cole said.\n', encoding="utf-8")
    result = run_cli("analyze", str(story), "--extract", "attributions", "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()


def _write(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_every_record_names_its_input(tmp_path):
    a = _write(tmp_path, "a.txt", '"We are ready," Mayor Ann Cole said on Monday.\n')
    b = _write(tmp_path, "b.html", "<html><head><title>Bridge vote</title></head><body><article><p>"
               '"The bridge will open in May," Senator Tim Brandt told reporters on Friday in the capital.'
               "</p></article></body></html>")
    result = run_cli("analyze", str(a), str(b), "--extract", "attributions", "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["input"] for r in records] == [str(a), str(b)]
    assert list(records[0])[0] == "input"
    as_json = run_cli("analyze", str(a), str(b), "--extract", "attributions", "--format", "json")
    assert [r["input"] for r in json.loads(as_json.stdout)] == [str(a), str(b)]
    folder = run_cli("analyze", str(tmp_path), "--extract", "attributions", "--format", "jsonl")
    assert sorted(json.loads(line)["input"] for line in folder.stdout.decode().splitlines()) == [str(a), str(b)]
    piped = run_cli("analyze", "-", "--extract", "attributions", "--format", "json", stdin=a.read_bytes())
    assert json.loads(piped.stdout)["input"] == "-"


def _run_with_terminal_stderr(*args: str) -> tuple[int, bytes, bytes]:
    """Run the command with stderr on a pseudo-terminal and stdout on a pipe; (status, stdout, what the tty saw)."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm"}
    process = subprocess.Popen([sys.executable, "-m", "presslens", *args], stdout=subprocess.PIPE, stderr=follower,
                               cwd=ROOT, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read()
    process.wait(timeout=300)
    os.close(leader)
    return process.returncode, out, seen


def test_progress_on_a_terminal_and_nothing_on_a_pipe(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        _write(folder, f"s{i}.txt", f'"We will fix {i + 2} roads," Mayor Ann Cole said.\n')
    _write(folder, "empty.txt", "")
    code, out, screen = _run_with_terminal_stderr("analyze", str(folder), "--extract", "attributions",
                                                  "--format", "jsonl")
    assert code == 1  # the empty file
    assert len(out.decode().splitlines()) == 5  # stdout, a pipe, has only the records
    shown = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", screen).decode()
    assert "analyze" in shown and "6/6 docs" in shown and "5 new" in shown and "1 errors" in shown
    assert "ETA" in shown
    piped = run_cli("analyze", str(folder), "--extract", "attributions", "--format", "jsonl")
    assert "docs" not in piped.stderr.decode() and "ETA" not in piped.stderr.decode()
