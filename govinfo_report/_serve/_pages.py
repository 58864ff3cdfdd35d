"""The pages of the web app that are not review pages: the upload form, the page of a
request refused or of files not read, and the bar of links a result's review page gets.

Chinese first, English beside it, in the review pages' look (their style sheet and frame).
Every text that came with a request is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from .._outcomes import Outcome
from .._review._page import page
from ..rules import RuleConfig
from ._settings import Settings
from ._style import DROP_SCRIPT, LANG_STYLES, SERVE_CSS
from ._uploads import megabytes

TITLE = "政府信息公开工作年度报告核查 Check a report"
_LANGUAGES = (("both", "中文 | English"), ("zh", "中文"), ("en", "English"))


def _rules_said(config: RuleConfig) -> str:
    selected = "、".join(p or "全部 all" for p in config.select) or "—"
    ignored = "、".join(config.ignore) or "—"
    return f"运行 select：{escape(selected)}；跳过 ignore：{escape(ignored)}"


def upload_page(settings: Settings, suffixes: Iterable[str]) -> str:
    """The form: files chosen or dropped, or text pasted; the rules and the language."""
    types = sorted(suffixes)
    options = "".join(
        f'<option value="{value}"{" selected" if value == settings.lang else ""}>{label}</option>'
        for value, label in _LANGUAGES
    )
    body = [
        f"<style>{SERVE_CSS}</style>",
        f"<header><h1>{TITLE}</h1>",
        "<p>上传报告文件或粘贴报告全文，查看官方表格中标出的问题。"
        "Upload report files, or paste a report's text, to see its findings marked on the "
        "official tables.</p></header><main>",
        '<form class="upload" method="post" action="/check" enctype="multipart/form-data">',
        '<div class="drop" id="drop">',
        '<label for="files">选择或拖入文件 Choose or drop files</label>',
        f'<input type="file" id="files" name="files" multiple accept="{",".join(types)}">',
        '<p id="chosen" aria-live="polite"></p>',
        f'<p class="hint">可读的格式 formats read：{escape(" ".join(types))}。'
        f"每次最多 {settings.max_files} 个文件，共 {megabytes(settings.max_upload_bytes)} MB "
        f"at most {settings.max_files} files, {megabytes(settings.max_upload_bytes)} MB "
        "together.</p></div>",
        '<label for="text">或粘贴报告全文 Or paste the text of a report</label>',
        '<textarea id="text" name="text" rows="8" '
        'placeholder="XX市人民政府2023年政府信息公开工作年度报告……"></textarea>',
        "<fieldset><legend>规则 Rules（同命令行 as on the command line）</legend>",
        '<label>只运行 select <input type="text" name="select" placeholder="GIR3,identities" '
        'autocomplete="off"></label>',
        '<label>跳过 ignore <input type="text" name="ignore" placeholder="GIR5" '
        'autocomplete="off"></label>',
        f'<label>问题说明的语言 language <select name="lang">{options}</select></label>',
        '<p class="hint">本服务器的设置 this server\'s configuration：',
        f"{_rules_said(settings.config)}。select 替换它 replaces it，ignore 添加 adds to it。",
        "</p></fieldset>",
        '<button type="submit">核查 Check</button></form>',
        '<p class="note">上传的文件只在核查期间存放在临时目录，核查后即删除；结果保存在内存中，'
        "一小时后或有更多结果时丢弃，只有持有链接的人能打开。Uploads stay in a temporary "
        "directory only while they are checked, and are deleted then; results are kept in "
        "memory for an hour at most, and only whoever holds their link can open them.</p>",
        '<p class="hint">程序接口 For other tools：<code>POST /api/check</code>（JSON Lines，'
        "同 as <code>govinfo-report check --format json</code>），<code>GET /health</code>。</p>",
        "</main>",
    ]
    return page(TITLE, body, DROP_SCRIPT)


def problem_page(zh: str, en: str, details: Sequence[str] = ()) -> str:
    """A page saying why nothing could be checked: ``zh`` and ``en``, then ``details``
    (each escaped), and the way back to the form."""
    items = "".join(f"<li>{escape(d)}</li>" for d in details)
    body = [
        f"<style>{SERVE_CSS}</style>",
        f"<header><h1>{TITLE}</h1></header><main>",
        f'<div class="problem" role="alert"><h2>无法核查 Could not check</h2>'
        f'<p lang="zh-CN">{escape(zh)}</p><p lang="en">{escape(en)}</p>'
        + (f"<ul>{items}</ul>" if items else "")
        + "</div>",
        '<p><a href="/">← 重新上传 upload again</a></p></main>',
    ]
    return page(f"无法核查 Could not check — {TITLE}", body)


def unread_page(outcomes: Sequence[Outcome]) -> str:
    """The page of an upload of which no file could be read: each file's typed error."""
    details = []
    for outcome in outcomes:
        assert outcome.problem is not None
        details.append(f"{outcome.file}：{outcome.problem.type}: {outcome.problem.message}")
    return problem_page(
        "上传的文件无法读取为报告。请确认文件是报告本身（文本、网页、PDF、Word 文件）且没有损坏。",
        "The upload could not be read as a report: check that the file is the report itself "
        "(text, a web page, a PDF, a Word file) and is not damaged.",
        details,
    )


def actions(downloads: Sequence[tuple[str, str]], lang: str) -> str:
    """The bar a result's review page gets: its downloads (``(file, label)``, relative to the
    page), the way back to the form; and the style that keeps one language's messages."""
    links = [f'<a href="{file}" download>{label}</a>' for file, label in downloads]
    links.append('<a href="/">← 核查另一份 check another</a>')
    language = f"<style>{LANG_STYLES[lang]}</style>" if lang in LANG_STYLES else ""
    return (
        f"<style>{SERVE_CSS}</style>{language}"
        f'<nav class="actions" aria-label="下载 downloads">下载 Downloads：{"".join(links)}</nav>'
    )


def report_downloads(xlsx: bool) -> list[tuple[str, str]]:
    """The downloads of one report: its data, its official tables, its review page."""
    links = [("report.json", "数据 data (JSON)")]
    if xlsx:
        links.append(("tables.xlsx", "官方表格 tables (Excel)"))
    links.append(("review.html", "核查页面 review page (HTML)"))
    return links


#: The downloads of a result of several reports, every report in each.
ALL_DOWNLOADS = (
    ("reports.jsonl", "全部数据 every report's data (JSON Lines)"),
    ("review.html", "全部报告一页 every report on one page (HTML)"),
)
