"""The loaded law: every regulation with its compiled rules, found by reference.

``load()`` reads the rule files shipped with the package (``regulations.rules``), plus any
folder or file a caller names (an id defined twice is an error), and compiles them (from the
on-disk cache when the files are the ones compiled before). A library is immutable: the
caller holds it and passes it on (``library=``); a query without one answers from
``shipped()``, the shipped rules loaded once. What is derived from a regulation's rules for
queries is kept with its entry (``Entry.cached``), so it goes when the library goes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from engine import (
    Diagnostic,
    ParamSpec,
    RuleError,
    RuleSet,
    RuleSource,
    Span,
    ast,
    compile_cached,
    compile_sources,
    parse_all,
    suggest,
)
from regulations.cache import discard, fetch, store
from regulations.errors import (
    Choice,
    InvalidValueError,
    LoadError,
    UnknownCodeError,
    flag,
    shown_path,
)
from regulations.facts import region_contains
from regulations.limits import MAX_RULE_TREE
from regulations.loading import is_registry, load_file
from regulations.model import Regulation
from regulations.registry import Concept, build_schema, load_concepts, load_params
from regulations.yamlsource import as_path

T = TypeVar("T")


def shipped_rules() -> Path:
    """The folder of rule files installed with the package."""
    return Path(str(resources.files("regulations.rules")))


@dataclass(frozen=True)
class Entry:
    """A regulation and its compiled rules."""

    regulation: Regulation
    rules: RuleSet
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def cached(self, name: str, build: Callable[[Entry], T]) -> T:
        """``build(self)``, made once and kept with the entry under ``name`` (an entry is
        immutable, so what is derived from it never goes stale, and goes with it)."""
        try:
            found: T = self._derived[name]
        except KeyError:
            found = self._derived.setdefault(name, build(self))
        return found


class Library:
    """Every loaded regulation, by reference (``ordos``, ``zhejiang``, ``zhejiang@draft``).

    An amended law is one regulation with several editions (``zhejiang@2023``,
    ``zhejiang@2025``): its bare reference names the edition in force on the day asked.

    ``digest`` is the SHA-256 of the rule files read (each file's name and bytes, in load
    order): which law answered. Libraries loaded from the same files have the same digest,
    wherever the files lie."""

    def __init__(
        self, entries: dict[str, Entry], concepts: dict[str, Concept], digest: str = ""
    ) -> None:
        self._entries = entries  # by label: an edition's own, or the regulation's ref
        self.concepts = concepts
        self.digest = digest
        laws: dict[str, list[Entry]] = {}
        for entry in entries.values():
            laws.setdefault(entry.regulation.ref, []).append(entry)
        self._laws = {ref: tuple(sorted(found, key=_edition_start)) for ref, found in laws.items()}

    @property
    def open_terms(self) -> Mapping[str, ParamSpec]:
        """The open terms the loaded rules may read (rules/params*.yaml)."""
        first = next(iter(self._entries.values()), None)
        return first.rules.schema.params if first is not None else {}

    def term_outside(self, name: str, region: str | None) -> str:
        """Why the open term ``name``, settled on a unit of ``region`` (its ``params``),
        would settle nothing: the rules of some loaded regulation read it, but those of no
        regulation whose territory contains the region (any edition or draft of it) do — it
        is another law's term (出现反弹, Ordos 44, set on a Xinjiang county). "" when a law
        reaching the region reads it, when no rule reads it (a term the engine reads for
        every law, such as ``prompt_period``), or when the region is not given or lies in
        no loaded regulation's territory (nothing to judge it by)."""
        if region is None:
            return ""
        entries = self.all_entries()
        readers = [e for e in entries if name in e.cached("open_terms", rule_terms)]
        if not readers:
            return ""
        reaching = [e for e in entries if region_contains(e.regulation.meta.territory, region)]
        if not reaching or any(e in readers for e in reaching):
            return ""
        theirs = sorted({e.regulation.ref for e in readers})
        ours = sorted({e.regulation.ref for e in reaching})
        return (
            f"no regulation reaching region {region!r} ({', '.join(ours)}) reads this open "
            f"term; it is an open term of {', '.join(theirs)}"
        )

    @property
    def refs(self) -> tuple[str, ...]:
        """References of every loaded regulation (a law with editions once), sorted."""
        return tuple(sorted(self._laws))

    def accepted_refs(self) -> tuple[str, ...]:
        """Every reference a caller may use, ``@final`` spellings and editions included."""
        extra = [f"{ref}@final" for ref in self._laws if "@" not in ref]
        return tuple(sorted({*self._laws, *self._entries, *extra}))

    def entry(self, ref: str, as_of: dt.date | None = None) -> Entry:
        """The regulation a reference names; a bare id is the final version, and of an
        amended law the edition in force on ``as_of`` (default today; before the law took
        effect, its first text)."""
        if not isinstance(ref, str):
            raise UnknownCodeError("regulation", str(ref), Choice(self.accepted_refs()))
        key = ref.removesuffix("@final") if ref.count("@") == 1 else ref
        editions = self._laws.get(key)
        if editions is not None:
            return self.in_force(editions, as_of or dt.date.today())
        found = self._entries.get(key)
        if found is None:
            raise UnknownCodeError(
                "regulation", ref, Choice(self.accepted_refs()), suggest(ref, self.accepted_refs())
            )
        return found

    @staticmethod
    def in_force(editions: Sequence[Entry], day: dt.date) -> Entry:
        """Of one law's editions (in order), the one in force on ``day``; before the first
        took effect, the first."""
        chosen = editions[0]
        for entry in editions:
            edition = entry.regulation.edition
            if edition is not None and edition.valid_from <= day:
                chosen = entry
        return chosen

    def names_law(self, ref: str) -> bool:
        """Whether ``ref`` names a regulation as a whole (``zhejiang``, ``zhejiang@final``),
        not one edition of it (``zhejiang@2023``)."""
        self.entry(ref)  # a reference that names nothing is refused here
        return (ref.removesuffix("@final") if ref.count("@") == 1 else ref) in self._laws

    def editions(self, ref: str) -> tuple[Entry, ...]:
        """Every edition of the law ``ref`` names, in order (one entry for an unamended
        law; an edition's own reference gives that edition alone)."""
        entry = self.entry(ref)  # a reference that names nothing is refused here
        key = ref.removesuffix("@final") if ref.count("@") == 1 else ref
        return self._laws.get(key, (entry,))

    def regulation(self, ref: str, as_of: dt.date | None = None) -> Regulation:
        return self.entry(ref, as_of).regulation

    def entries(self, as_of: dt.date | None = None) -> tuple[Entry, ...]:
        """One entry per regulation, sorted by reference: of an amended law, the edition in
        force on ``as_of`` (default today)."""
        return tuple(self.entry(ref, as_of) for ref in self.refs)

    def all_entries(self) -> tuple[Entry, ...]:
        """Every edition of every regulation, sorted by reference and date."""
        return tuple(entry for ref in self.refs for entry in self._laws[ref])


def rule_terms(entry: Entry) -> frozenset[str]:
    """The open terms a regulation's rules name (kept with the entry as ``open_terms``)."""
    return frozenset(n for r in entry.rules.rules for n in ast.open_terms(r.node))


def _edition_start(entry: Entry) -> dt.date:
    edition = entry.regulation.edition
    return edition.valid_from if edition is not None else dt.date.min


CACHE_VERSION = "regulations-3"  # bump when the cached structures change shape


def _files(paths: Sequence[Path], problems: list[Diagnostic]) -> list[Path]:
    """The rule files to load, in order: each file given, and the .yaml files of each folder
    and its subfolders. A file given twice is read once, and a caller's registry file
    replaces an earlier one of the same name (concepts.yaml, params.yaml). A path that is
    no rule file or folder (missing, a device, a pipe, a symlink loop) is a problem."""
    files: list[Path] = []
    seen: dict[Path, int] = {}

    def add(file: Path) -> None:
        resolved = _resolved(file)
        index = seen.get(resolved)
        if index is None and is_registry(file):
            index = next((i for i, known in enumerate(files) if known.name == file.name), None)
        if index is not None:
            files[index] = file
        else:
            seen[resolved] = len(files)
            files.append(file)

    for path in paths:
        try:
            if path.is_dir():
                before = len(problems)
                found = _rule_files(path, problems)
                for file in found:
                    add(file)
                if found or len(problems) > before:  # said already why nothing was found
                    continue
                reason = "no .yaml rule file in the folder"
            elif _is_regular(path):
                add(path)
                continue
            elif path.exists():
                reason = "not a regular file (a device or a pipe?)"
            else:
                reason = "no rule file or folder"
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
            reason = (
                f"cannot read the rule file or folder ({getattr(exc, 'strerror', None) or exc})"
            )
        problems.append(
            Diagnostic(
                "unreadable",
                f"{reason} at {shown_path(path)}",
                None,
                hint="give a .yaml rule file or a folder of them",
                value=str(path),
            )
        )
    return files


def _rule_files(folder: Path, problems: list[Diagnostic], limit: int = MAX_RULE_TREE) -> list[Path]:
    """The .yaml files of a folder and its subfolders (linked ones too, each once), sorted.
    A subfolder that cannot be read, and a link or entry that leads nowhere readable, is a
    problem (never skipped: a regulation in it would be unknown); a tree of more than
    ``limit`` files and folders is refused whole, not walked to its end (`check /`)."""
    found: list[Path] = []
    visited: set[Path] = set()  # a link back up the tree is followed once, not forever
    walked = 0

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        problems.append(
            Diagnostic(
                "unreadable",
                f"cannot read the folder {shown_path(where)}: {exc.strerror or exc}",
                None,
                hint="let the rules be read there, or move the rule files out of it",
                value=os.fsdecode(where),
            )
        )

    before = len(problems)
    for root, folders, names in os.walk(folder, onerror=unreadable, followlinks=True):
        walked += len(folders) + len(names)
        if walked > limit:  # what was found in it so far is not the point
            del problems[before:]
            problems.append(
                Diagnostic(
                    "limit",
                    f"the rule folder {shown_path(folder)} holds more than {limit:,} files and "
                    f"folders (regulations.limits.MAX_RULE_TREE); none of it was read",
                    None,
                    hint="give the folder that holds the rule files, or the files themselves",
                    value=str(folder),
                )
            )
            return []
        here = _resolved(Path(root))
        if here in visited:
            folders.clear()
            continue
        visited.add(here)
        folders.sort()
        for name in sorted(names):
            file = Path(root) / name
            if file.suffix.lower() not in (".yaml", ".yml"):
                continue
            if _is_regular(file):
                found.append(file)
            else:
                problems.append(
                    Diagnostic(
                        "unreadable",
                        f"{shown_path(file)} is not a readable regular file (a broken link, "
                        "a pipe?)",
                        None,
                        hint="remove it from the rule folder, or point it at a rule file",
                        value=str(file),
                    )
                )
    return found


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, RuntimeError):
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def load(
    *extra: Path | str,
    builtin: bool = True,
    builtin_registries: bool = True,
    fresh: bool = False,
) -> Library:
    """Load the shipped rules and any extra rule files or folders.

    A regulation defined twice (a caller's file with the id of a shipped one, say) is an
    error naming both files; to use a regulation of one's own instead of a shipped one, load
    with ``builtin=False`` (the shipped concept and open-term registries are still used
    unless ``builtin_registries=False``; a caller's registry file replaces the shipped one
    of the same name). ``fresh`` reads and checks every file again, ignoring any cache. The
    flags are ``True`` or ``False`` (a string such as ``"false"`` is refused, not read as
    true)."""
    builtin = flag("builtin", builtin)
    builtin_registries = flag("builtin_registries", builtin_registries)
    fresh = flag("fresh", fresh)
    shipped = shipped_rules()
    paths: list[Path] = []
    if builtin:
        paths.append(shipped)
    elif builtin_registries:
        paths.extend(sorted(p for p in shipped.iterdir() if is_registry(p) and p.suffix == ".yaml"))
    problems: list[Diagnostic] = []
    files = _files(paths + [as_path(p, "rule file or folder") for p in extra], problems)
    digest = hashlib.sha256(CACHE_VERSION.encode())
    content = hashlib.sha256()
    # each file is read once: the key is computed from exactly the bytes compiled (a file
    # saved while loading is the old text or the new one, never the key of one and the
    # rules of the other); a file that cannot be read is reported here, once
    readable: dict[Path, bytes] = {}
    for file in files:
        try:
            data = file.read_bytes()
            digest.update(os.fsencode(file) + b"\0" + data)
            content.update(os.fsencode(file.name) + b"\0" + data)
            readable[file] = data
        except OSError as exc:
            problems.append(
                Diagnostic("unreadable", f"cannot read {shown_path(file)}: {exc.strerror or exc}")
            )
    if problems:  # report what cannot be read together with everything else wrong
        fresh = True
    key = digest.hexdigest()
    return (None if fresh else _from_cache(key, content.hexdigest())) or _build(
        readable, key, problems, content.hexdigest()
    )


@functools.cache
def shipped() -> Library:
    """The shipped rules, loaded once in this process and shared (a library is immutable):
    what a query without ``library=`` answers from. ``load()`` reads the files again."""
    return load()


def _collect(problems: list[Diagnostic], read: Callable[[], T], empty: T) -> T:
    """``read()``, or ``empty`` with its problems added to ``problems`` (every file is read,
    so that one run reports every problem)."""
    try:
        return read()
    except LoadError as exc:
        problems.extend(exc.diagnostics)
        return empty


def _defined_twice(ref: str, earlier: str, where: Span) -> Diagnostic:
    shipped = Path(earlier).resolve().is_relative_to(shipped_rules().resolve())
    return Diagnostic(
        "duplicate-regulation",
        f"regulation {ref!r} is defined twice: in {earlier} and here",
        where,
        hint="give your regulation another id, or load your files without the shipped "
        "regulations (load(..., builtin=False); `regulations check PATH` does)"
        if shipped
        else "give one of them another id (two versions of one law differ in 'version')",
        value=ref,
    )


def _build(files: dict[Path, bytes], key: str, problems: list[Diagnostic], content: str) -> Library:
    """Compile the rule files from their bytes as read for ``key`` (never read again)."""
    registries = [f for f in files if is_registry(f)]
    before = len(problems)
    no_concepts: dict[str, Concept] = {}
    no_params: dict[str, ParamSpec] = {}
    concepts = _collect(
        problems,
        lambda: load_concepts((f for f in registries if f.name.startswith("concepts")), files),
        no_concepts,
    )
    params = _collect(
        problems,
        lambda: load_params((f for f in registries if f.name.startswith("params")), files),
        no_params,
    )
    registries_ok = len(problems) == before
    schema = build_schema(concepts, params)
    loaded: dict[str, tuple[Regulation, list[RuleSource]]] = {}
    defined: dict[str, Span | None] = {}  # each regulation's header (an edition's is its law's)
    for file in files:
        if is_registry(file):
            continue
        try:
            documents = load_file(file, problems, files[file])
        except LoadError as exc:  # not YAML, or not a rule document at all
            problems.extend(exc.diagnostics)
            continue
        for document in documents:
            regulation = document.regulation
            if defined.setdefault(regulation.ref, document.where) != document.where:
                earlier = next(r for r, _ in loaded.values() if r.ref == regulation.ref)
                problems.append(_defined_twice(regulation.ref, earlier.file, document.where))
                continue
            loaded[regulation.label] = (regulation, document.sources)
    entries: dict[str, Entry] = {}
    for ref, (regulation, sources) in loaded.items():
        if not registries_ok:  # names cannot be checked against a broken registry
            problems.extend(parse_all(sources)[1])
            continue
        try:
            entries[ref] = Entry(regulation, compile_sources(sources, schema))
        except RuleError as exc:  # a cycle through negation too, located at its first rule
            problems.extend(exc.diagnostics)
    problems.extend(_retired_problems(entries, defined))
    if problems:  # a rule shared by editions is checked with each: report it once
        raise LoadError(list(dict.fromkeys(problems)))
    parsed = {ref: (entry.regulation, entry.rules.parsed) for ref, entry in entries.items()}
    orders = {ref: entry.rules.order for ref, entry in entries.items()}
    store(key, {"concepts": concepts, "schema": schema, "parsed": parsed, "orders": orders})
    return Library(entries, concepts, content)


def _retired_problems(entries: dict[str, Entry], where: dict[str, Span | None]) -> list[Diagnostic]:
    """A retired provision points at articles and rules that exist (in some edition of its
    law), and no live provision has its slug."""
    problems: list[Diagnostic] = []
    laws: dict[str, list[Entry]] = {}
    for entry in entries.values():
        laws.setdefault(entry.regulation.ref, []).append(entry)
    for ref, editions in laws.items():
        meta = editions[0].regulation.meta
        articles = {a.number for e in editions for a in e.regulation.articles}
        provisions = {a.provision for e in editions for a in e.regulation.articles}
        rules = {r.id for e in editions for r in e.rules.rules}
        for retired in meta.retired:
            missing = [
                *(f"article {n}" for n in retired.articles if n not in articles),
                *(f"rule {ref}.{r}" for r in retired.rules if f"{ref}.{r}" not in rules),
            ]
            if missing:
                problems.append(
                    Diagnostic(
                        "retired",
                        f"retired provision {retired.provision} of {ref} points at what is not "
                        f"there: {', '.join(missing)}",
                        where.get(ref),
                        value=retired.provision,
                        hint="name the articles and rule ids the provision now is",
                    )
                )
            if retired.provision in provisions:
                problems.append(
                    Diagnostic(
                        "retired",
                        f"provision {retired.provision} of {ref} is both retired and encoded",
                        where.get(ref),
                        value=retired.provision,
                        hint="drop the provision's entry, or do not list it as retired",
                    )
                )
    return problems


def using(library: object) -> Library:
    """The library a query runs on: the one given, or the shipped rules when None."""
    if library is None:
        return shipped()
    if isinstance(library, Library):
        return library
    raise InvalidValueError(
        "library", repr(library), "give a Library from regulations.load(), or None"
    )


def _from_cache(key: str, content: str) -> Library | None:
    """The library compiled before from exactly these files, without re-reading YAML or
    re-parsing rule text (checks passed then: the content is identical)."""
    data = fetch(key)
    if data is None:
        return None
    try:
        schema = data["schema"]
        entries = {
            ref: Entry(regulation, compile_cached(rules, schema, data["orders"][ref]))
            for ref, (regulation, rules) in data["parsed"].items()
        }
        return Library(entries, data["concepts"], content)
    except Exception:  # an entry someone else wrote or broke: build afresh
        discard(key)
        return None
