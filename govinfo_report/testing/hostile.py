"""Small inputs that ask a reader for huge memory or time: what every reader must refuse.

Each builder returns the bytes of one file, a few kilobytes to a few megabytes, that a careless
reader would expand into gigabytes or minutes: spans over a whole grid, archives and streams
that inflate a thousandfold, runs of a million digits. A reader within the budget of
:mod:`govinfo_report.limits` reads each into a report with findings or raises
:class:`~govinfo_report.errors.LimitError` in about a second, well under 500 MB.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

_CHUNK = 1 << 20


def span_bomb(rows: int = 50, cells: int = 10, rowspan: int = 65534, colspan: int = 1000) -> bytes:
    """A page whose every cell spans ``rowspan`` × ``colspan`` positions of its table."""
    cell = f"<td rowspan={rowspan} colspan={colspan}>1</td>"
    body = "".join(f"<tr><td>项目{r}</td>{cell * cells}</tr>" for r in range(rows))
    page = (
        "<html><head><meta charset='utf-8'></head><body><p>某局2023年政府信息公开工作年度报告</p>"
        f"<p>二、主动公开政府信息情况</p><table>{body}</table></body></html>"
    )
    return page.encode("utf-8")


def _zeros(total: int) -> Iterator[bytes]:
    left = total
    while left > 0:
        yield b"\0" * min(_CHUNK, left)
        left -= _CHUNK


def _deflated(total: int) -> bytes:
    """``total`` zero bytes, deflated (zlib stream) in bounded memory."""
    packer = zlib.compressobj(9)
    return b"".join(packer.compress(chunk) for chunk in _zeros(total)) + packer.flush()


def docx_member_bomb(docx: bytes, inflated: int = 1_500_000_000) -> bytes:
    """The .docx ``docx`` with a thumbnail, referenced from its package, inflating to
    ``inflated`` bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for info in original.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            data = original.read(info)
            if info.filename == "_rels/.rels" and b"thumbnail" not in data:
                data = data.replace(b"</Relationships>", _THUMBNAIL + b"</Relationships>")
            archive.writestr(info, data)
        with archive.open("docProps/thumbnail.jpeg", "w", force_zip64=True) as member:
            for chunk in _zeros(inflated):
                member.write(chunk)
    return out.getvalue()


def pdf_stream_bomb(inflated: int = 1_000_000_000) -> bytes:
    """A one-page PDF whose content stream is FlateDecode data inflating to ``inflated`` bytes."""
    stream = _deflated(inflated)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf(objects)


def pdf_page_bomb(pages: int = 100_000) -> bytes:
    """A PDF of ``pages`` empty pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length 0 >>\nstream\n\nendstream",
        *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",) * pages,
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


_THUMBNAIL = (
    b'<Relationship Id="rIdThumbnail" Type="http://schemas.openxmlformats.org/package/2006/'
    b'relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>'
)
