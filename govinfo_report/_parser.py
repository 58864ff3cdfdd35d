"""The parser: its plugins and rule configuration, and the pipeline (:mod:`._pipeline`) it
runs over each document."""

from __future__ import annotations

import difflib
import importlib
import os
from collections.abc import Iterable, Mapping
from functools import partial

from ._checks import BUILTIN_RULES
from ._checks._engine import checked
from ._findings import Finding
from ._input._positions._page import PageContent, PageImage
from ._intermediate import Extractor, ReadDocument
from ._model import Report
from ._pipeline import ParseState, Services, run
from ._plugins import (
    PluginInfo,
    PluginProblem,
    collect,
    describe_plugins,
    load_entry_points,
    new_manager,
    register,
)
from .errors import ConfigError, GovInfoReportError
from .rules import CORPUS_RULES, FAMILIES, PARSE_RULES, Rule, RuleConfig, finding

_LOOKALIKE_DIGITS = str.maketrans("OoIlZS", "001125")
#: Files the core reads with no plugin (plain text), and Word files it refuses with a message
#: naming what reads them: declared, so that a directory's Word files are reported, not
#: passed over in silence.
CORE_FILE_TYPES = (".txt", ".doc", ".docx", ".wps")


class Parser:
    """Parses and checks reports with its own set of plugins and rule configuration.

    ``Parser()`` loads every plugin of the ``govinfo_report`` entry-point group (the built-in
    extractors among them); ``Parser(plugins=[...], entry_points=False)`` uses only those given.
    The built-in rules are registered either way, as plugins named ``rules.*``.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        entry_points: bool = True,
        config: RuleConfig | None = None,
    ) -> None:
        self._config = config or RuleConfig()
        self._manager = new_manager()
        for name, module in BUILTIN_RULES:
            self._manager.register(importlib.import_module(module), name=name)
        self._load_problems: list[PluginProblem] = []
        if entry_points:
            self._load_problems.extend(load_entry_points(self._manager))
        for plugin in plugins:
            self.register(plugin)
        self._provided: tuple[list[tuple[str, Extractor]], list[tuple[str, Rule]]] | None = None
        self._resolved: RuleConfig | None = None
        self._services: Services | None = None
        self._call_problems: list[PluginProblem] = []
        self._file_types: frozenset[str] | None = None
        self._type_problems: list[PluginProblem] = []

    def register(self, plugin: object, name: str | None = None) -> str:
        """Register a plugin object or module; return the name it is registered under."""
        registered = register(self._manager, plugin, name)
        self._provided = self._resolved = self._services = self._file_types = None
        return registered

    def _collect(self) -> tuple[list[tuple[str, Extractor]], list[tuple[str, Rule]]]:
        if self._provided is None:
            extractors, problems = collect(self._manager, "govinfo_report_extractors", Extractor)  # type: ignore[type-abstract]
            rules, rule_problems = collect(self._manager, "govinfo_report_rules", Rule)
            unique: dict[str, tuple[str, Rule]] = {}
            for plugin, rule in reversed(rules):  # the first registered (built-ins) keeps a code
                if rule.code in unique or rule.code in PARSE_RULES:
                    owner = unique[rule.code][0] if rule.code in unique else "govinfo_report"
                    error = f"rule code {rule.code} is already taken by {owner}"
                    rule_problems.append(PluginProblem(plugin, rule.title_en, error))
                    continue
                unique[rule.code] = (plugin, rule)
            self._provided = (extractors, list(unique.values()))
            self._call_problems = [*problems, *rule_problems]
        return self._provided

    @property
    def extractors(self) -> tuple[tuple[str, Extractor], ...]:
        """``(plugin name, extractor)`` for every extractor the plugins provide."""
        return tuple(self._collect()[0])

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule, by code: the pipeline's codes and the checks the plugins provide."""
        checks = [rule for _, rule in self._collect()[1]]
        every = (*PARSE_RULES.values(), *checks, *CORPUS_RULES.values())
        return tuple(sorted(every, key=lambda r: r.code))

    @property
    def file_types(self) -> frozenset[str]:
        """The file suffixes the readers read, lower case (``.txt``, ``.pdf``…): the core's
        :data:`CORE_FILE_TYPES` and what each plugin's ``govinfo_report_file_types`` declares."""
        return self._collect_file_types()

    def _collect_file_types(self) -> frozenset[str]:
        if self._file_types is None:
            declared, problems = collect(self._manager, "govinfo_report_file_types", str)
            wrong: dict[str, list[str]] = {}
            for plugin, suffix in declared:
                if not (suffix.startswith(".") and len(suffix) > 1):
                    wrong.setdefault(plugin, []).append(suffix)
            for plugin, suffixes in wrong.items():
                error = f"{suffixes!r} are no file suffixes (such as '.docx')"
                problems.append(PluginProblem(plugin, "govinfo_report_file_types", error))
            good = (s.lower() for plugin, s in declared if plugin not in wrong)
            self._file_types = frozenset((*CORE_FILE_TYPES, *good))
            self._type_problems = problems
        return self._file_types

    @property
    def problems(self) -> tuple[PluginProblem, ...]:
        """Plugins that failed to load or to provide their extractors, rules or file types."""
        self._collect()
        self._collect_file_types()
        return (*self._load_problems, *self._call_problems, *self._type_problems)

    @property
    def config(self) -> RuleConfig:
        """The rule configuration, rule and family names replaced by their codes."""
        if self._resolved is None:
            self._resolved = self._config.resolved(self._aliases())
        return self._resolved

    @config.setter
    def config(self, config: RuleConfig) -> None:
        self._config, self._resolved = config, None

    def _aliases(self) -> dict[str, str]:
        """Every rule name and family name → the code or code prefix it stands for."""
        aliases = {family: f"GIR{digit}" for digit, family in FAMILIES.items()}
        aliases |= {rule.name: rule.code for rule in self.rules if rule.name}
        return aliases

    def check_config(self) -> None:
        """Raise :class:`~govinfo_report.errors.ConfigError` when a code, prefix or name of
        the configuration (select, ignore, severity) names no rule, with the nearest one."""
        codes = [r.code for r in self.rules]
        names = list(self._aliases())
        config = self._config
        for prefix in (*config.select, *config.ignore, *config.severity):
            if prefix and prefix not in names and not any(c.startswith(prefix) for c in codes):
                # Letters typed for digits (GIR1O1) first, then the nearest spelling.
                digits = prefix[:3] + prefix[3:].translate(_LOOKALIKE_DIGITS)
                near = [digits] if digits in codes else []
                near = near or difflib.get_close_matches(prefix, codes + names, n=1, cutoff=0.5)
                hint = f"; did you mean {near[0]}?" if near else ""
                raise ConfigError(f"no rule has the code or name {prefix!r}{hint}")

    def check(self, report: Report) -> Report:
        """``report`` with its rule findings made anew under this parser's configuration."""
        return checked(report, self._collect()[1], self.config)

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every registered plugin and the extractors it provides."""
        return tuple(describe_plugins(self._manager, self.extractors))

    def parse(
        self,
        source: str | bytes | os.PathLike[str],
        *,
        previous: Mapping[str, object] | None = None,
    ) -> Report:
        """Parse and check one report given as text, bytes or a path.

        ``previous`` is last year's report of the same agency (``report.to_flat()``), when
        known: a cell the document alone leaves open may be decided by it, with a finding.
        """
        return run(ParseState(source, previous or {}, self._stage_services()))

    def _stage_services(self) -> Services:
        """What the stages ask of this parser: made once, again after a plugin registers."""
        if self._services is None:
            self._services = Services(
                read_bytes=partial(
                    self._call_reader, "govinfo_report_read_bytes", recognise=self._recognise
                ),
                read_text=partial(
                    self._call_reader, "govinfo_report_read_text", recognise=self._recognise
                ),
                extractors=[extractor for _, extractor in self.extractors],
                plugin_findings=[_plugin_finding(p) for p in self.problems],
                check=self.check,
                recognises=bool(self._manager.hook.govinfo_report_recognise.get_hookimpls()),
            )
        return self._services

    def _recognise(self, image: PageImage) -> PageContent | None:
        """What the installed recogniser reads of ``image``; ``None`` when none is installed."""
        read: PageContent | None = self._manager.hook.govinfo_report_recognise(image=image)
        return read

    def _call_reader(
        self, hook: str, **kwargs: object
    ) -> tuple[ReadDocument | None, list[Finding]]:
        """Call a reader hook; a reader's bug becomes a finding and the input is read as text."""
        try:
            read: ReadDocument | None = getattr(self._manager.hook, hook)(**kwargs)
            return read, []
        except GovInfoReportError:
            raise  # a reader's own typed error (a page beyond the limits) is the caller's
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            return None, [finding("GIR002", case="reader", error=error)]


def _plugin_finding(problem: PluginProblem) -> Finding:
    return finding("GIR001", plugin=problem.name, target=problem.target, error=problem.error)
