"""Pictures on a web page: a table an agency pasted as an image, read by the recogniser.

Only pictures the page carries itself are read: a ``data:`` URI, or a file beside a page saved
from the browser (``报告_files/image001.png``) inside the page's own folder. Nothing is fetched
from the network, and a path that leaves the page's folder is not followed.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote

import regex
from lxml import etree

from govinfo_report.limits import MAX_INPUT_BYTES
from govinfo_report.positions import PageImage, Recognise, read_pages
from govinfo_report.tables import ReadDocument

_SCHEME = regex.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
# A picture this small (an icon, a logo, a bullet), as the page states it, is not read.
_LEAST_SIDE = 120


def picture_bytes(image: etree._Element, page: str | None) -> bytes | None:
    """The bytes of ``<img>`` ``image`` when the page carries them, else ``None``."""
    if _small(image):
        return None
    src = (image.get("src") or "").strip()
    if src.startswith("data:image/"):
        header, _, payload = src.partition(",")
        if ";base64" not in header or len(payload) > MAX_INPUT_BYTES * 4 // 3:
            return None
        try:
            return base64.b64decode(payload)
        except (binascii.Error, ValueError):
            return None
    if not src or page is None or _SCHEME.match(src):
        return None
    folder = Path(page).resolve().parent
    path = (folder / unquote(src.split("?", 1)[0].split("#", 1)[0])).resolve()
    if folder not in path.parents or not path.is_file():
        return None
    if path.stat().st_size > MAX_INPUT_BYTES:
        return None
    return path.read_bytes()


def _small(image: etree._Element) -> bool:
    for side in ("width", "height"):
        stated = (image.get(side) or "").strip().removesuffix("px")
        if stated.isdigit() and int(stated) < _LEAST_SIDE:
            return True
    return False


def read_picture(data: bytes, line: int | None, recognise: Recognise) -> ReadDocument | None:
    """What the recogniser reads in a picture, laid out as a page; ``None`` when nothing."""
    content = recognise(PageImage(data))
    if content is None or not content.chars:
        return None
    read = read_pages([content], "html")
    # The page's lines, not the picture's page number, anchor what was read.
    anchors = ((0, line),) if line is not None else ()
    recognised = tuple(span._replace(page=line) for span in read.recognised)
    return ReadDocument(read.text, read.tables, anchors, "html", (), recognised)
