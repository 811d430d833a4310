"""The real ``presslens analyze`` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

STORY = (
    "Harbour plan approved\n\n"
    '"We have waited ten years for this," Mayor Ann Cole said on Tuesday.\n\n'
    "Cole said the city would hire twelve new inspectors.\n"
)


def _valid_offsets(record: dict) -> None:
    text = record["text"]
    for attribution in record["attributions"]:
        for part in (attribution["content"], attribution["cue"], attribution["source"]["mention"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for item in record["dates"] + record["claims"] + record["framing"]:
        assert text[item["start"]:item["end"]] == item["text"]


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_json_follows_the_record_contract(story):
    result = run_cli("analyze", str(story), "--published", "2017-09-25", "--outlet", "Example Times",
                     "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["text"] == STORY
    assert record["published"] == "2017-09-25" and record["outlet"] == "Example Times"
    for key in ("id", "url", "title", "attributions", "entities", "dates", "claims", "framing"):
        assert key in record
    _valid_offsets(record)
    quote = record["attributions"][0]
    assert quote["type"] == "direct"
    assert quote["content"]["text"] == "We have waited ten years for this"
    assert quote["cue"]["text"] == "said"
    assert quote["source"]["name"] == "Ann Cole" and quote["source"]["kind"] == "person"
    entity = next(e for e in record["entities"] if e["id"] == quote["source"]["entity"])
    assert entity["name"] == "Ann Cole"


def test_jsonl_keeps_input_order_and_survives_bad_inputs(tmp_path, story):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 10)
    second = tmp_path / "second.txt"
    second.write_text("The ministry said in a statement that the bridge would reopen in May.\n", encoding="utf-8")
    result = run_cli("analyze", str(story), str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"),
                     str(second), "--format", "jsonl")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["text"] for r in records] == [STORY, second.read_text(encoding="utf-8")]
    errors = result.stderr.decode().strip().splitlines()
    assert len(errors) == 2 and "Traceback" not in result.stderr.decode()
    assert "empty.txt: empty document" in errors[0]
    assert "blob.txt: binary file" in errors[1]


def test_stdin_text_report_groups_by_speaker():
    result = run_cli("analyze", "-", "--format", "text", stdin=STORY.encode())
    assert result.returncode == 0, result.stderr.decode()
    report = result.stdout.decode()
    assert "Ann Cole" in report
    assert "We have waited ten years for this" in report


def test_unreachable_url_is_one_clear_line():
    result = run_cli("analyze", "http://127.0.0.1:9/news/1", "--format", "json")
    assert result.returncode == 1
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "could not fetch URL" in lines[0]


def test_non_english_is_analysed_with_a_warning(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(
        "Die Bundesregierung hat am Sonntag angekündigt, dass die Grenzen für Flüchtlinge offen bleiben. "
        "„Wir schaffen das“, sagte die Kanzlerin vor Journalisten in Berlin. Die Opposition kritisierte "
        "den Plan scharf und forderte eine Abstimmung im Bundestag über die künftige Asylpolitik.",
        encoding="utf-8")
    result = run_cli("analyze", str(path), "--format", "jsonl")
    assert result.returncode == 0
    assert "does not look like English" in result.stderr.decode()
    assert json.loads(result.stdout)["text"].startswith("Die Bundesregierung")


def test_bad_arguments_exit_nonzero_without_traceback(story):
    result = run_cli("analyze", str(story), "--published", "25/09/2017")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr.decode()
    result = run_cli("analyze", str(story), "--extract", "attributions,horoscopes")
    assert result.returncode == 2 and "horoscopes" in result.stderr.decode()


def test_two_workers_give_the_same_records(tmp_path, story):
    paths = []
    for index in range(6):
        path = tmp_path / f"s{index}.txt"
        path.write_text(STORY.replace("ten", str(index + 10)), encoding="utf-8")
        paths.append(str(path))
    one = run_cli("analyze", *paths, "--format", "jsonl", "--workers", "1")
    two = run_cli("analyze", *paths, "--format", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_article_longer_than_spacy_max_length_is_handled(tmp_path):
    """1.2 MB, past spaCy's 1,000,000-character limit: parsed in chunks, offsets intact.

    The 5 MB and 10 MB cases run in ``benchmarks/fuzz.py`` (they take minutes on this machine).
    """
    paragraph = ('"The harbour will be rebuilt by spring," Mayor Ann Cole said. '
                 "Officials said the work would cost more than $40 million.\n\n")
    path = tmp_path / "huge.txt"
    path.write_text(paragraph * (1_200_000 // len(paragraph)), encoding="utf-8")
    result = run_cli("analyze", str(path), "--format", "jsonl", "--extract", "attributions",
                     "--max-chars", "1300000", timeout=1400)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    record = json.loads(result.stdout)
    assert len(record["attributions"]) >= (1_200_000 // len(paragraph)) * 0.9  # at least each direct quote
    _valid_offsets(record)


def test_too_long_a_text_is_refused_with_the_option_that_allows_it(tmp_path, story):
    path = tmp_path / "long.txt"
    path.write_text(STORY * 120, encoding="utf-8")  # about 14,000 characters
    result = run_cli("analyze", str(path), str(story), "--format", "jsonl", "--max-chars", "10000")
    assert result.returncode == 1
    assert f"{path}: text has {len(STORY) * 120:,} characters, more than the 10,000" in result.stderr.decode()
    assert "--max-chars" in result.stderr.decode()
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [STORY], "the run went on"


def test_framing_model_option_and_variable(story):
    from presslens.extract import framing

    base = run_cli("analyze", str(story), "--format", "json", "--extract", "framing", "--framing-model", "base")
    assert base.returncode == 0, base.stderr.decode()
    wrong = run_cli("analyze", str(story), "--framing-model", "gigantic")
    assert wrong.returncode == 2 and "gigantic" in wrong.stderr.decode()
    for name in ("minilm", "mpnet"):
        if framing._HEAD_STEMS[name] not in framing._heads():
            result = run_cli("analyze", str(story), "--framing-model", name)
            assert result.returncode == 1 and "pip install" in result.stderr.decode(), "names the install step"
            assert "Traceback" not in result.stderr.decode()
    help_text = run_cli("analyze", "--help").stdout.decode()
    for option in ("--framing-model", "--time-limit-max", "--max-chars", "--max-record-mb", "--max-decompressed-mb",
                   "PRESSLENS_FRAMING_MODEL"):
        assert option in help_text


def _processes_with(marker: str) -> list[int]:
    """Pids of the processes whose environment carries ``marker`` (children inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _wait_gone(marker: str, seconds: float = 15) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
@pytest.mark.parametrize("ending", ["finished", "pipe closed", "SIGTERM", "SIGKILL"])
def test_workers_never_outlive_analyze(tmp_path, ending):
    """``analyze --workers 2`` leaves no process behind, however it ends (finding 6 of issue 16)."""
    paths = []
    for index in range(40):
        path = tmp_path / f"s{index}.txt"
        path.write_text(STORY.replace("ten", str(index + 10)) * 20, encoding="utf-8")
        paths.append(str(path))
    marker = f"PRESSLENS_TEST_MARKER={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    process = subprocess.Popen([sys.executable, "-m", "presslens", "analyze", *paths, "--workers", "2",
                                "--format", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while len(_processes_with(marker)) < 3 and time.monotonic() < deadline:  # the command and 2 workers
            time.sleep(0.1)
        assert len(_processes_with(marker)) >= 3, "the workers never started"
        time.sleep(2)  # the workers are loading or analysing
        if ending == "finished":
            process.stdout.read()
        elif ending == "pipe closed":
            process.stdout.close()
        else:
            process.send_signal(signal.SIGTERM if ending == "SIGTERM" else signal.SIGKILL)
        process.wait(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert _wait_gone(marker) == [], f"worker processes left running after analyze ended ({ending})"
