"""The built-in extractors of govinfo_report, each an ordinary plugin.

They register through the entry-point group ``govinfo_report`` exactly as a third-party plugin
does: ``pipe`` and ``tab`` (delimited rows), ``lines`` (one cell per line) and ``prose`` (facts
stated in sentences, the fallback when a report has no tables).
"""
