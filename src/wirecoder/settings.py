"""Settings: one frozen object passed down to every stage, never a module global.

Defaults ship in ``settings.toml`` beside this module. A user file (``--config FILE``) overrides only
the keys it sets; an unknown key is an error, so a typo never goes unnoticed.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import WirecoderError


def _setting(section: str, help: str) -> Any:
    return field(metadata={"section": section, "help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    max_input_bytes: int = _setting("ingest", "A document larger than this many bytes is rejected (E103).")
    batch_size: int = _setting("ingest", "Inputs written to the store per transaction.")
    batch_bytes: int = _setting("ingest", "A batch is also cut when its inputs' raw bytes add up to this.")
    keep_raw: bool = _setting("ingest", "Store each input's raw bytes so rejected inputs can be replayed.")
    html_favor_precision: bool = _setting("clean", "trafilatura: leave out doubtful text rather than keep it.")
    html_include_tables: bool = _setting("clean", "trafilatura: keep text inside <table> elements.")
    max_boilerplate_chars: int = _setting("clean", "Boilerplate kept per article for audit; the raw input keeps all.")
    detect_language: bool = _setting("clean", "Identify the body's language (ISO 639-1) with py3langid.")
    repair_mojibake: bool = _setting("clean", "Repair UTF-8 text mis-decoded upstream as cp1252 (ftfy).")
    spacy_model: str = _setting("nlp", "Installed spaCy pipeline used to split and parse sentences.")
    nlp_batch_size: int = _setting("nlp", "Paragraphs handed to spaCy's nlp.pipe at a time.")
    parse_only_candidates: bool = _setting(
        "nlp", "Parse only sentences with an event trigger and an actor candidate (lexicon test on the words)."
    )
    dictionaries: str = _setting(
        "coding", "Folder of PETRARCH-format dictionaries added to the built-in lexicon; empty for none."
    )
    focus_country: bool = _setting(
        "coding", "Give country-less actors ('the army', 'rebels') the article's most-mentioned country."
    )
    copy_containment: float = _setting(
        "copies", "An article is a copy of an earlier one when this share of the shorter text's 5-word shingles "
        "is in the longer (estimated with MinHash)."
    )
    gazetteer_dir: str = _setting(
        "geo", "Folder for the gazetteer cache and GeoNames dumps loaded with 'wirecoder gazetteer load'; "
        "empty for $XDG_CACHE_HOME/wirecoder (~/.cache/wirecoder)."
    )

    @classmethod
    def load(cls, path: Path | None = None, **overrides: Any) -> Settings:
        """Defaults from the package, then ``path`` (TOML) if given, then keyword ``overrides``.

        Raises:
            WirecoderError: E901 for an unknown key or a value of the wrong type.
        """
        values = _flatten(tomllib.loads(resources.files(__package__).joinpath("settings.toml").read_text()))
        if path is not None:
            try:
                user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise WirecoderError("E902", f"cannot read settings file {path}: {exc}") from exc
            values.update(_flatten(user, where=str(path)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        _check_types(values)
        return cls(**values)

    @classmethod
    def describe(cls) -> list[dict[str, Any]]:
        """``[{name, section, default, help}]`` for docs and ``wirecoder settings``."""
        defaults = cls.load()
        return [
            {
                "name": f.name,
                "section": f.metadata["section"],
                "default": getattr(defaults, f.name),
                "help": f.metadata["help"],
            }
            for f in dataclasses.fields(cls)
        ]


def _flatten(doc: dict[str, Any], *, where: str = "settings.toml") -> dict[str, Any]:
    known = {f.name: f.metadata["section"] for f in dataclasses.fields(Settings)}
    flat: dict[str, Any] = {}
    for section, table in doc.items():
        if not isinstance(table, dict):
            raise WirecoderError("E901", f"{where}: '{section}' must be a [section] table")
        for key, value in table.items():
            if known.get(key) != section:
                hint = f" (it belongs in [{known[key]}])" if key in known else ""
                raise WirecoderError("E901", f"{where}: unknown setting [{section}] {key}{hint}")
            flat[key] = value
    return flat


def _check_types(values: dict[str, Any]) -> None:
    for f in dataclasses.fields(Settings):
        value = values.get(f.name)
        expected = {"bool": bool, "str": str, "float": float}.get(
            f.type if isinstance(f.type, str) else f.type.__name__, int)
        if expected is float and type(value) is int:
            values[f.name] = value = float(value)
        if value is None or type(value) is not expected:
            raise WirecoderError(
                "E901", f"setting {f.name} must be {expected.__name__}, not {type(value).__name__}"
            )
    if not 0.0 < values["copy_containment"] <= 1.0:
        raise WirecoderError("E901", f"setting copy_containment must be above 0 and at most 1, not "
                                     f"{values['copy_containment']}")
