"""Time reading office files: the seed reports saved as .doc by LibreOffice, then converted back
and parsed, in this process and in corpus runs of 1 and 2 workers.

Run: ``python plugins/govinfo-report-office/benchmarks/bench_office.py [--copies N]``. Prints
seconds per document of the conversion alone (``convert``: LibreOffice .doc to .docx, the first
one on a new profile apart), of parsing the converted .docx alone, and of whole corpus runs
(``parse_many`` over the .doc files, conversion and parsing together) with 1 and 2 workers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from govinfo_report_docx import render_docx
from govinfo_report_office import DOC, convert

import govinfo_report

SEEDS = sorted((Path(__file__).parents[3] / "tests" / "corpus" / "seeds").glob("*.txt"))


def _save_as_doc(work: Path, copies: int) -> list[Path]:
    """The seed reports written as .docx and saved as .doc by one LibreOffice call, each
    ``copies`` times under different names."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed: sh scripts/install-office.sh")
    source = work / "docx"
    source.mkdir()
    for seed in SEEDS:
        (source / f"{seed.stem}.docx").write_bytes(render_docx(govinfo_report.parse(seed)))
    profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
    command = [soffice, "--headless", profile, "--convert-to", "doc", "--outdir", str(work / "doc")]
    subprocess.run([*command, *map(str, sorted(source.iterdir()))], check=True, capture_output=True)
    files = []
    for doc in sorted((work / "doc").iterdir()):
        for copy in range(copies):
            target = work / "corpus" / f"{doc.stem}-{copy}.doc"
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(doc.read_bytes())
            files.append(target)
    return files


def _line(name: str, seconds: list[float]) -> None:
    print(f"{name:<44} median {statistics.median(seconds):6.2f} s   max {max(seconds):6.2f} s")


def main() -> None:
    """Print the seconds per document of each stage."""
    options = argparse.ArgumentParser()
    options.add_argument("--copies", type=int, default=2, help="copies of each seed report")
    copies = options.parse_args().copies
    with tempfile.TemporaryDirectory() as directory:
        files = _save_as_doc(Path(directory), copies)
        size = sum(f.stat().st_size for f in files) // len(files)
        print(f"{len(files)} documents: the {len(SEEDS)} seed reports as .doc, {size:,} bytes each")
        # Other processes' load skews every number: say how busy the machine was.
        print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        conversions = [convert(f.read_bytes(), DOC) for f in files]
        _line("convert, first (a new profile)", [conversions[0].seconds])
        _line("convert, each later one", [c.seconds for c in conversions[1:]])
        parser = govinfo_report.Parser()
        parser.parse(conversions[0].docx)  # warm-up: plugin discovery, lazy imports
        parsing = []
        for conversion in conversions:
            start = time.perf_counter()
            parser.parse(conversion.docx)
            parsing.append(time.perf_counter() - start)
        _line("parse the converted .docx", parsing)
        for workers in (1, 2):
            start = time.perf_counter()
            results = list(govinfo_report.parse_many(files, workers=workers))
            elapsed = time.perf_counter() - start
            assert all(r.failure is None for r in results), [r.failure for r in results]
            per = elapsed / len(files)
            print(
                f"{f'corpus run, {workers} worker(s), per document':<44} {per:6.2f} s"
                f"   ({elapsed:.1f} s for {len(files)}, worker start-up included)"
            )
        print("load average (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
