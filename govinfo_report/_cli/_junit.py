"""``check --format junit``: the findings as a JUnit XML report, for CI test dashboards.

A test suite per file; in it a test case per rule that fired, failed when a finding of that
rule is an error (warnings and notes pass, their findings in the case's output), or one passing
case when the report has no finding; a file that could not be read is a case in error.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .._findings import Finding, Severity
from .._outcomes import Outcome
from ._common import about, fail
from ._formats import Options, text_line

# Characters XML 1.0 cannot hold, which a document's text may bring into a message.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _suite(outcome: Outcome, options: Options) -> ET.Element:
    """The test suite of one file."""
    suite = ET.Element("testsuite", name=_xml_text(outcome.file), file=_xml_text(outcome.file))
    classname = _xml_text(outcome.file)
    failures = errors = 0
    if outcome.report is None:
        assert outcome.problem is not None
        case = ET.SubElement(suite, "testcase", name="read", classname=classname)
        error = ET.SubElement(case, "error", type=outcome.problem.type)
        error.set("message", _xml_text(about(outcome)))
        errors = 1
    else:
        by_code: dict[str, list[Finding]] = {}
        for f in outcome.report.findings:
            by_code.setdefault(f.code, []).append(f)
        names = {rule.code: rule.name for rule in options.rules}
        for code, found in by_code.items():
            name = f"{code} {names[code]}" if names.get(code) else code
            case = ET.SubElement(suite, "testcase", name=name, classname=classname)
            lines = "\n".join(text_line(outcome.file, f, options.lang) for f in found)
            wrong = [f for f in found if f.severity is Severity.ERROR]
            if wrong:
                failure = ET.SubElement(case, "failure", type=code)
                failure.set("message", _xml_text(text_line(outcome.file, wrong[0], options.lang)))
                failure.text = _xml_text(lines)
                failures += 1
            else:
                ET.SubElement(case, "system-out").text = _xml_text(lines)
        if not by_code:
            ET.SubElement(suite, "testcase", name="no findings", classname=classname)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def write_junit(outcomes: Iterable[Outcome], options: Options) -> None:
    """The JUnit XML report."""
    root = ET.Element("testsuites", name="govinfo-report")
    for outcome in outcomes:
        if outcome.report is None:
            fail(about(outcome))
        root.append(_suite(outcome, options))
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(suite.get(total, "0")) for suite in root)))
    ET.indent(root)
    document = ET.tostring(root, encoding="unicode", xml_declaration=False)
    options.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + document + "\n")
