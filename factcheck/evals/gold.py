"""Gold cases: what a good answer for one article holds, read from ``*.gold.json`` files.

A gold file names its article by a path relative to its own directory. The
path may not leave that directory (no ``..``, no absolute path, no symlink
pointing outside): a gold file from someone else's checkout must not make the
harness read arbitrary files. An article kept outside the repository (the
copyrighted seed article) is named by ``external_article``, a bare file name
looked up only in directories the caller passes explicitly.

A gold file is input like any other and may be broken or hostile, so loading
is bounded: the file's size, the nesting depth of its JSON and the length of
every string are capped, and a NUL, an integer too long to convert or a path
the file system rejects is a GoldFileError, never a crash, so the suite
reports that one case as an error and runs the others.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal, cast

import jsonschema

from factcheck.errors import ExternalArticleMissingError, GoldFileError
from factcheck.evals.text_match import contains_substring

FactKind = Literal["number", "date", "name", "term"]
GOLD_SUFFIX = ".gold.json"
# Bounds on what a gold file may hold; a real one is a few kilobytes.
MAX_GOLD_BYTES = 1 << 20
MAX_GOLD_DEPTH = 32
MAX_GOLD_STRING = 10_000


@dataclass(frozen=True)
class KeyFact:
    """A fact a predicted claim must state to match its gold claim."""

    kind: FactKind
    value: str | float
    variants: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The value as written for people (``1000000.0`` shows as ``1000000``)."""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value)

    @property
    def alternatives(self) -> tuple[str, ...]:
        return (self.label, *self.variants)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value}
        if self.variants:
            out["variants"] = list(self.variants)
        return out


@dataclass(frozen=True)
class GoldClaim:
    text: str
    key_facts: tuple[KeyFact, ...]
    stance: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "key_facts": [fact.to_dict() for fact in self.key_facts],
        }
        if self.stance is not None:
            out["stance"] = self.stance
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class KeyPoint:
    """A point the summary must cover: every group of ``terms`` must match, any term within."""

    label: str
    terms: tuple[tuple[str, ...], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "terms": [list(group) for group in self.terms]}


@dataclass(frozen=True)
class GoldCase:
    id: str
    description: str
    path: Path  # the gold file
    claims: tuple[GoldClaim, ...]
    summary_key_points: tuple[KeyPoint, ...] = ()
    forbidden: tuple[str, ...] = ()
    thresholds: Mapping[str, float] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    article: Path | None = None  # resolved, checked to lie inside the gold file's directory
    external_article: str | None = None
    article_ref: str | None = None  # ``article`` as the gold file writes it

    def article_path(self, external_dirs: Iterable[str | os.PathLike[str]] = ()) -> Path:
        """The article file; an external one is looked up in ``external_dirs`` only.

        Raises ExternalArticleMissingError when no directory holds it, and
        GoldFileError when the only copy found is a symlink leading elsewhere.
        """
        if self.article is not None:
            return self.article
        assert self.external_article is not None  # the schema requires one of the two
        return find_external_article(self.external_article, external_dirs, gold_path=self.path)

    def read_article(self, external_dirs: Iterable[str | os.PathLike[str]] = ()) -> str:
        return self.article_path(external_dirs).read_text(encoding="utf-8")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "description": self.description}
        if self.article_ref is not None:
            out["article"] = self.article_ref
        if self.external_article is not None:
            out["external_article"] = self.external_article
        if self.tags:
            out["tags"] = list(self.tags)
        out["claims"] = [claim.to_dict() for claim in self.claims]
        out["summary_key_points"] = [point.to_dict() for point in self.summary_key_points]
        out["forbidden"] = list(self.forbidden)
        if self.thresholds:
            out["thresholds"] = dict(self.thresholds)
        return out


@cache
def gold_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) every gold file satisfies."""
    text = resources.files("factcheck.evals").joinpath("schemas/gold.schema.json").read_text()
    return cast(dict[str, Any], json.loads(text))


def validate_gold_data(data: Any) -> list[str]:
    """Schema violations of parsed gold data, one readable line each (empty when valid)."""
    validator = jsonschema.Draft202012Validator(gold_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{_json_path(error.absolute_path)}: {error.message}" for error in errors]


def _json_path(parts: Iterable[str | int]) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.relative_to(directory)
    except ValueError:
        return False
    return True


def _short_reason(exc: BaseException) -> str:
    """The reason without the (maybe very long) path an OSError repeats."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    return text if len(text) <= 200 else text[:199] + "…"


def check_bounds(data: Any) -> str | None:
    """What makes parsed gold ``data`` too deep, too long or not text (None: within bounds).

    Iterative, so depth itself cannot exhaust the stack.
    """
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_GOLD_DEPTH:
            return f"{where}: nested more than {MAX_GOLD_DEPTH} levels deep"
        if isinstance(value, str):
            if len(value) > MAX_GOLD_STRING:
                return (
                    f"{where}: a string of {len(value):,} characters (at most {MAX_GOLD_STRING:,})"
                )
            if "\x00" in value:
                return f"{where}: a string holds a NUL character"
        elif isinstance(value, dict):
            for key, item in value.items():
                if len(key) > MAX_GOLD_STRING or "\x00" in key:
                    return f"{where}: a key that is too long or holds a NUL character"
                stack.append((item, f"{where}.{key}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{k}]", depth + 1) for k, item in enumerate(value))
    return None


def resolve_article_path(relative: str, gold_path: Path) -> Path:
    """The article named ``relative`` by the gold file at ``gold_path``, refusing escapes."""
    try:
        return _resolve_article_path(relative, gold_path)
    except (OSError, ValueError) as exc:  # a name too long, a NUL: the file system says no
        if isinstance(exc, GoldFileError):
            raise
        raise GoldFileError(
            f"article path {relative[:80]!r}{'…' if len(relative) > 80 else ''} cannot be used "
            f"({_short_reason(exc)})",
            path=gold_path,
        ) from None


def _resolve_article_path(relative: str, gold_path: Path) -> Path:
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute():
        raise GoldFileError(f"article path must be relative, got {relative!r}", path=gold_path)
    if PureWindowsPath(relative).drive or "\\" in relative:
        raise GoldFileError(f"article path must use '/' separators: {relative!r}", path=gold_path)
    if ".." in PurePosixPath(relative).parts:
        raise GoldFileError(f"article path may not contain '..': {relative!r}", path=gold_path)
    directory = gold_path.parent.resolve()
    resolved = (directory / relative).resolve()
    if not _inside(resolved, directory):
        raise GoldFileError(
            f"article {relative!r} resolves outside the gold file's directory ({resolved})",
            path=gold_path,
        )
    if not resolved.is_file():
        raise GoldFileError(f"article file not found: {relative!r}", path=gold_path)
    return resolved


def find_external_article(
    name: str,
    external_dirs: Iterable[str | os.PathLike[str]],
    *,
    gold_path: Path | None = None,
) -> Path:
    """``name`` looked up in each of ``external_dirs`` in turn (nowhere else)."""
    if name in {"", ".", ".."} or "/" in name or "\\" in name:
        raise GoldFileError(f"external_article must be a bare file name: {name!r}", path=gold_path)
    try:
        return _find_external_article(name, external_dirs, gold_path)
    except (OSError, ValueError) as exc:  # a name too long, a NUL: the file system says no
        if isinstance(exc, (GoldFileError, ExternalArticleMissingError)):
            raise
        raise GoldFileError(
            f"external_article {name[:80]!r}{'…' if len(name) > 80 else ''} cannot be used "
            f"({_short_reason(exc)})",
            path=gold_path,
        ) from None


def _find_external_article(
    name: str, external_dirs: Iterable[str | os.PathLike[str]], gold_path: Path | None
) -> Path:
    searched: list[Path] = []
    for entry in external_dirs:
        directory = Path(entry).resolve()
        searched.append(directory)
        candidate = directory / name
        if not candidate.is_file():
            continue
        resolved = candidate.resolve()
        if not _inside(resolved, directory):
            raise GoldFileError(
                f"external article {candidate} is a link to {resolved}, outside {directory}",
                path=gold_path,
            )
        return resolved
    raise ExternalArticleMissingError(name, searched)


def _fact(raw: Mapping[str, Any]) -> KeyFact:
    value = raw["value"]
    return KeyFact(
        kind=raw["kind"],
        value=float(value) if isinstance(value, (int, float)) else str(value),
        variants=tuple(raw.get("variants", ())),
    )


def _claim(raw: Mapping[str, Any]) -> GoldClaim:
    return GoldClaim(
        text=raw["text"],
        key_facts=tuple(_fact(fact) for fact in raw["key_facts"]),
        stance=raw.get("stance"),
        note=raw.get("note"),
    )


def _check_consistency(case: GoldCase) -> None:
    """Contradictions the schema cannot express."""
    expected_id = case.path.name.removesuffix(GOLD_SUFFIX)
    if case.path.name.endswith(GOLD_SUFFIX) and case.id != expected_id:
        raise GoldFileError(f"id {case.id!r} differs from the file name", path=case.path)
    texts = [claim.text.casefold() for claim in case.claims]
    for index, claim in enumerate(case.claims):
        if texts[index] in texts[:index]:
            raise GoldFileError(f"gold claim {index} repeats an earlier claim", path=case.path)
        for forbidden in case.forbidden:
            # A gold claim that contains forbidden text could never be matched cleanly.
            if contains_substring(claim.text, forbidden):
                raise GoldFileError(
                    f"gold claim {index} contains forbidden text {forbidden!r}", path=case.path
                )


def parse_gold(data: Any, path: Path) -> GoldCase:
    """A GoldCase from already-parsed JSON ``data`` that claims to live at ``path``."""
    too_much = check_bounds(data)
    if too_much is not None:
        raise GoldFileError(too_much, path=path)
    problems = validate_gold_data(data)
    if problems:
        raise GoldFileError(
            "does not match the gold schema:\n  " + "\n  ".join(problems), path=path
        )
    article = data.get("article")
    case = GoldCase(
        id=data["id"],
        description=data["description"],
        path=path,
        claims=tuple(_claim(raw) for raw in data["claims"]),
        summary_key_points=tuple(
            KeyPoint(label=raw["label"], terms=tuple(tuple(group) for group in raw["terms"]))
            for raw in data["summary_key_points"]
        ),
        forbidden=tuple(data["forbidden"]),
        thresholds={name: float(value) for name, value in data.get("thresholds", {}).items()},
        tags=tuple(data.get("tags", ())),
        article=None if article is None else resolve_article_path(article, path),
        external_article=data.get("external_article"),
        article_ref=article,
    )
    _check_consistency(case)
    return case


def load_gold(path: str | os.PathLike[str]) -> GoldCase:
    """Read and validate one gold file. Raises GoldFileError."""
    gold_path = Path(path)
    return parse_gold(read_gold_json(gold_path), gold_path)


def read_gold_json(gold_path: Path) -> Any:
    """The JSON value of a gold file, read within the size and depth bounds.

    Raises GoldFileError for anything that cannot be read as bounded JSON, so
    whoever looks at a gold file (loading, discovery) meets the same limits.
    """
    try:
        with gold_path.open("rb") as handle:
            raw = handle.read(MAX_GOLD_BYTES + 1)
    except FileNotFoundError:
        raise GoldFileError("no such gold file", path=gold_path) from None
    except OSError as exc:
        raise GoldFileError(f"cannot read: {exc}", path=gold_path) from None
    if len(raw) > MAX_GOLD_BYTES:
        raise GoldFileError(
            f"larger than {MAX_GOLD_BYTES:,} bytes; a gold file holds claims, not articles",
            path=gold_path,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GoldFileError(f"cannot read: {exc}", path=gold_path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFileError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", path=gold_path
        ) from None
    except RecursionError:
        raise GoldFileError(
            f"not usable JSON: nested more than {MAX_GOLD_DEPTH} levels deep", path=gold_path
        ) from None
    except ValueError as exc:  # e.g. an integer past the interpreter's digit limit
        raise GoldFileError(f"not usable JSON: {exc}", path=gold_path) from None
    return data


def find_gold_files(root: str | os.PathLike[str]) -> list[Path]:
    """Every ``*.gold.json`` under ``root``, sorted by path."""
    return sorted(Path(root).rglob(f"*{GOLD_SUFFIX}"))
