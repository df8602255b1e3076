"""The event ontology: CAMEO event codes and what each one means in Goldstein, PLOVER and ACLED terms.

One table, ``coding/data/cameo.tsv``, has a row for every CAMEO 1.1b3 event code: the 20 roots (``01`` ..
``20``), the 3-digit events and the 4-digit sub-events. Its columns are:

``code``
    The CAMEO code as a string; leading zeros matter (``042`` is "make a visit", ``42`` is not a code).
``name``
    A short name in the team's own words (the codebook's text is not copied).
``goldstein``
    The Goldstein conflict-cooperation score (-10 .. +10) as GDELT adapted it to CAMEO, roots included
    (``13`` is -6.0 while ``130`` is -4.4). The seven codes GDELT's table lacks (``1213``, ``1214``, ``155``,
    ``176``, ``1834``, ``1951``, ``1952``) take the score of the code they refine.
``plover_type``, ``plover_mode``
    The PLOVER (v0.8) event type and, where one applies, its mode (``042`` is CONSULT / visit, ``195`` is
    ASSAULT / aerial). Empty when there is none.
``acled_event_type``, ``acled_sub_event_type``
    The ACLED event type and sub-event type the code means by default, spelled as ACLED spells them. Empty for
    codes outside ACLED's scope (ACLED records political violence, demonstrations and some strategic
    developments, so most verbal codes have no ACLED category). :func:`acled_category` refines the default
    with the actors of a coded event.

The table was written by the wirecoder team from the public standards: the CAMEO codebook (Gerner, Schrodt
et al., version 1.1b3), the Goldstein scale as published with GDELT, the PLOVER specification (v0.8) with
Schrodt's 2021 CAMEO-to-PLOVER conversion table, and the ACLED codebook. Judgment calls:

- 01x ("make a public statement") has no PLOVER type: PLOVER dropped CAMEO's statement category, and
  forcing these codes into SUPPORT or ACCUSE would invent a stance the text may not take.
- 02x ("appeal") maps to REQUEST, with the same modes as the matching 10x ("demand") codes: PLOVER folded
  both CAMEO appeals and demands into REQUEST (see :data:`PLOVER_LEGACY`).
- Where the 2021 conversion table has no mode, or a context word in the mode column, the mode is ours:
  ``195`` (and ``1951``/``1952``) is ``aerial``, ``204x`` is ``cbrn``, ``143x`` (strike or boycott) is
  ``strike``, ``183`` (bombing in general) is ``explosives``. Otherwise the PLOVER types and modes follow
  that table, including its choices of RETREAT for ``0813``/``0814``, COERCE for ``163`` and ASSAULT for
  ``175`` and ``1712``.
- ``1213`` and ``1214`` (reject judicial / intelligence cooperation) are not in the printed codebook, but
  the PETRARCH CAMEO verb dictionary codes them, so they are in the table and a dictionary using them loads.
- ACLED has no nuclear category: ``2042`` maps to Shelling/artillery/missile attack, ``204``/``2041`` to
  Chemical weapon. ``0873`` (demobilise) is Change to group/activity and ``0874`` (retreat or surrender) is
  Non-violent transfer of territory; ``0871`` (ceasefire) and ``057`` (formal agreement) are Agreement.

The table is read once, on first use, and checked as it is read: a malformed row stops the load with the
line number, so a bad edit fails the test suite rather than a batch run.

Classes computed from the root (the usual CAMEO aggregations):

- ``quad_class``: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict
  (09-13), 4 material conflict (14-20).
- ``penta_class``: Phoenix PentaClass: 0 statements (01-02), 1 verbal cooperation (03-05), 2 material
  cooperation (06-08), 3 verbal conflict (09-13, and 16 "reduce relations"), 4 material conflict (14-15, 17-20).
  Root 16 (cutting aid, sanctions, breaking relations) is verbal conflict in PentaClass as the Phoenix and
  ConfliBERT data label it (in ConfliBERT's CAMEO-class training set, sentences coded 16x are class 3 almost
  without exception), although QuadClass counts it as material conflict.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from wirecoder.coding.lexicon import SECTORS

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""The 16 PLOVER event types, cooperative first."""

PLOVER_LEGACY: Mapping[str, str] = MappingProxyType(
    {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
)
"""Event types of earlier PLOVER drafts -> the v0.8 type that absorbed them (for reading older gold data)."""

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

ACLED_EVENT_TYPES: tuple[str, ...] = (
    BATTLES,
    EXPLOSIONS,
    VIOLENCE_AGAINST_CIVILIANS,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS,
)
"""ACLED's six event types."""

ACLED_SUB_EVENT_TYPES: Mapping[str, str] = MappingProxyType(
    {
        "Armed clash": BATTLES,
        "Government regains territory": BATTLES,
        "Non-state actor overtakes territory": BATTLES,
        "Chemical weapon": EXPLOSIONS,
        "Air/drone strike": EXPLOSIONS,
        "Suicide bomb": EXPLOSIONS,
        "Shelling/artillery/missile attack": EXPLOSIONS,
        "Remote explosive/landmine/IED": EXPLOSIONS,
        "Grenade": EXPLOSIONS,
        "Sexual violence": VIOLENCE_AGAINST_CIVILIANS,
        "Attack": VIOLENCE_AGAINST_CIVILIANS,
        "Abduction/forced disappearance": VIOLENCE_AGAINST_CIVILIANS,
        "Peaceful protest": PROTESTS,
        "Protest with intervention": PROTESTS,
        "Excessive force against protesters": PROTESTS,
        "Violent demonstration": RIOTS,
        "Mob violence": RIOTS,
        "Agreement": STRATEGIC_DEVELOPMENTS,
        "Arrests": STRATEGIC_DEVELOPMENTS,
        "Change to group/activity": STRATEGIC_DEVELOPMENTS,
        "Disrupted weapons use": STRATEGIC_DEVELOPMENTS,
        "Headquarters or base established": STRATEGIC_DEVELOPMENTS,
        "Looting/property destruction": STRATEGIC_DEVELOPMENTS,
        "Non-violent transfer of territory": STRATEGIC_DEVELOPMENTS,
        "Other": STRATEGIC_DEVELOPMENTS,
    }
)
"""ACLED's 25 sub-event types -> the event type each belongs to."""

ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "INS", "SEP"})
"""Sectors that bear arms: armed forces, rebels, police, unidentified armed forces, intelligence services,
insurgents, separatist fighters. A battle needs one on each side."""

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
"""Sectors that make an actor a state actor for ACLED's territory rule."""

CIVILIAN_SECTORS = frozenset(
    {"CVL", "REF", "JRN", "EDU", "MED", "REL", "LAB", "BUS", "NGO", "HRI", "AGR", "ENV", "HLH"}
)
"""Sectors of unarmed non-combatants. Sectors that may be either side of a fight (GOV, OPP, PTY, IGO, ...) are
in none of these sets, so an event with such a target keeps the code's default ACLED category."""

_COLUMNS = (
    "code",
    "name",
    "goldstein",
    "plover_type",
    "plover_mode",
    "acled_event_type",
    "acled_sub_event_type",
)
_CODE = re.compile(r"\d{2}(?:\d{1,2})?")
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_ATTACKS_ON_PEOPLE = frozenset({"18", "180", "182", "1823", "185", "186"})
"""18x codes that are a fight, not a one-sided act, when the target is armed (torture, abduction, human
shields and mass violence stay one-sided: their victims are held or defenceless)."""


class UnknownCameoCode(KeyError, ValueError):
    """A string that is not a CAMEO 1.1b3 event code. Both a ``KeyError`` (a failed lookup) and a ``ValueError``
    (a bad argument), so either ``except`` catches it."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoCode:
    """One CAMEO event code with its scores and its PLOVER and ACLED equivalents."""

    code: str
    """``"19"``, ``"190"`` or ``"1951"``: 2 digits for a root, 3 for an event, 4 for a sub-event."""
    name: str
    """Short English name, e.g. ``"Use conventional military force"``."""
    root: str
    """The 2-digit root, e.g. ``"19"``."""
    goldstein: float
    """Goldstein score, -10.0 (most conflictual) to +10.0 (most cooperative)."""
    quad_class: int
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    penta_class: int
    """0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    plover_type: str | None
    """One of :data:`PLOVER_TYPES`; None for 01x statements."""
    plover_mode: str | None
    """PLOVER mode (``"visit"``, ``"aerial"``); None when no mode applies."""
    acled_event_type: str | None
    """Default ACLED event type; None when the code is outside ACLED's scope."""
    acled_sub_event_type: str | None
    """Default ACLED sub-event type; set exactly when ``acled_event_type`` is."""


def cameo(code: str) -> CameoCode:
    """Look up a CAMEO event code.

    Args:
        code: the code as a string, with its leading zero: ``"19"``, ``"190"``, ``"0233"``.

    Returns:
        The table's entry for the code.

    Raises:
        UnknownCameoCode: the string is not a CAMEO 1.1b3 code (it is both a ``KeyError`` and a ``ValueError``).
        TypeError: ``code`` is not a string (an int loses the leading zero: ``42`` for ``"042"``).
    """
    if not isinstance(code, str):
        raise TypeError(
            f"CAMEO codes are strings, not {type(code).__name__} ({code!r}): leading zeros matter, pass '042' not 42"
        )
    entry = _table().get(code)
    if entry is None:
        raise UnknownCameoCode(
            f"{code!r} is not a CAMEO event code: use 2 digits for a root ('01'..'20'), 3 for an event ('190') "
            "or 4 for a sub-event ('0233'), as listed in wirecoder/coding/data/cameo.tsv"
        )
    return entry


def is_cameo_code(s: object) -> bool:
    """True when ``s`` is a string naming a CAMEO event code (``"042"``; not ``"42"``, ``42`` or ``"0999"``)."""
    return isinstance(s, str) and s in _table()


def root_of(code: str) -> str:
    """The 2-digit root of a code: ``root_of("0233") == "02"``. Raises like :func:`cameo` for an unknown code."""
    return cameo(code).root


def quad_class(code: str) -> int:
    """The code's quad class (1-4, see the module docstring). Raises like :func:`cameo` for an unknown code."""
    return cameo(code).quad_class


def penta_class(code: str) -> int:
    """The code's penta class (0-4, see the module docstring). Raises like :func:`cameo` for an unknown code."""
    return cameo(code).penta_class


@functools.cache
def all_codes() -> tuple[CameoCode, ...]:
    """Every code in the table, in code order (each root followed by its events and their sub-events)."""
    return tuple(_table().values())


def acled_category(
    code: str,
    *,
    source_sector: str | None,
    target_sector: str | None,
    source_is_state: bool,
    territorial: bool = False,
    fatalities: int | None = None,
) -> tuple[str, str] | None:
    """The ACLED (event type, sub-event type) of a coded event: the code's default, refined by who did what to whom.

    Rules, applied in this order (sectors are the role codes of :data:`wirecoder.coding.lexicon.SECTORS`):

    1. A code with no ACLED default (statements, diplomacy, sanctions, ...) gives None.
    2. ``175`` (violent repression) is a protest met by force: Protests / Excessive force against protesters
       when people were killed (``fatalities`` > 0), Protests / Protest with intervention otherwise.
    3. Explosions/Remote violence (bombings, shelling, air and drone strikes, chemical weapons) stays as coded
       whoever the target: ACLED classes these by the weapon, not the victim.
    4. Other violence (18x, 19x, 20x coded Battles or Violence against civilians):

       a. by an unarmed crowd (a source in :data:`CIVILIAN_SECTORS` that is not a state actor) is
          Riots / Mob violence, when the code is an attack or a clash;
       b. against unarmed people (a target in :data:`CIVILIAN_SECTORS`) is Violence against civilians, with
          the code's sub-event type (Abduction/forced disappearance for ``181``, Sexual violence for ``1821``)
          or Attack for a battle code, since a battle needs two armed sides;
       c. an attack, assault or assassination (``180``, ``182``, ``1823``, ``185``, ``186``) on an armed target
          (:data:`ARMED_SECTORS`) is Battles / Armed clash; abduction, torture, human shields and mass violence
          stay Violence against civilians, as their victims are held or defenceless;
       d. a battle in which the text says territory changed hands (``territorial=True``) is
          Government regains territory when the source is a state actor (``source_is_state``, or a source
          sector in :data:`STATE_SECTORS`), and Non-state actor overtakes territory otherwise.

    5. Anything else keeps the code's default (e.g. ``145`` riot -> Riots / Violent demonstration, ``173``
       arrest -> Strategic developments / Arrests). A sector of None (none, or unknown) is in no sector set.

    Args:
        code: CAMEO event code (``"193"``).
        source_sector: sector of the source actor (``"MIL"``, ``"REB"``), or None when it has none or is unknown.
        target_sector: sector of the target actor, or None.
        source_is_state: the source is a state actor (a government or its forces) even without a sector.
        territorial: the text says territory was taken or retaken.
        fatalities: reported deaths, or None when not reported.

    Returns:
        ``(event_type, sub_event_type)`` as ACLED spells them, or None when the event is outside ACLED's scope.

    Raises:
        UnknownCameoCode: ``code`` is not a CAMEO code.
        ValueError: a sector is not a sector code, or ``fatalities`` is negative.
    """
    entry = cameo(code)
    _check_sector(source_sector, "source_sector")
    _check_sector(target_sector, "target_sector")
    if fatalities is not None and fatalities < 0:
        raise ValueError(f"fatalities is {fatalities}; pass the reported number of deaths (0 or more) or None")
    if entry.acled_event_type is None or entry.acled_sub_event_type is None:
        return None
    event_type, sub_event_type = entry.acled_event_type, entry.acled_sub_event_type
    if entry.code == "175":
        return PROTESTS, ("Excessive force against protesters" if fatalities else "Protest with intervention")
    if entry.root not in _VIOLENT_ROOTS or event_type not in (BATTLES, VIOLENCE_AGAINST_CIVILIANS):
        return event_type, sub_event_type
    state = source_is_state or source_sector in STATE_SECTORS
    if not state and source_sector in CIVILIAN_SECTORS and sub_event_type in ("Attack", "Armed clash"):
        return RIOTS, "Mob violence"
    if target_sector in CIVILIAN_SECTORS:
        return VIOLENCE_AGAINST_CIVILIANS, (sub_event_type if event_type == VIOLENCE_AGAINST_CIVILIANS else "Attack")
    if target_sector in ARMED_SECTORS and entry.code in _ATTACKS_ON_PEOPLE:
        event_type, sub_event_type = BATTLES, "Armed clash"
    if event_type == BATTLES and territorial:
        return BATTLES, ("Government regains territory" if state else "Non-state actor overtakes territory")
    return event_type, sub_event_type


def _check_sector(sector: str | None, name: str) -> None:
    if sector is not None and sector not in SECTORS:
        raise ValueError(
            f"{name} {sector!r} is not a sector code: pass the sector part of the actor code "
            "(e.g. 'MIL' of 'SYRMIL'), one of wirecoder.coding.lexicon.SECTORS, or None"
        )


@functools.cache
def _table() -> Mapping[str, CameoCode]:
    resource = resources.files(__package__) / "data" / "cameo.tsv"
    return MappingProxyType(_parse(resource.read_text(encoding="utf-8"), source="coding/data/cameo.tsv"))


def _parse(text: str, *, source: str) -> dict[str, CameoCode]:
    """Read the TSV, checking every row; a defect raises ``ValueError`` naming the file and line."""
    table: dict[str, CameoCode] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != _COLUMNS:
                raise ValueError(f"{source} line {number}: the header must be {'<TAB>'.join(_COLUMNS)}")
            header_seen = True
            continue
        try:
            entry = _entry(fields)
        except ValueError as error:
            raise ValueError(f"{source} line {number}: {error}; fix the row") from None
        if entry.code in table:
            raise ValueError(f"{source} line {number}: code {entry.code} is listed twice; keep one row")
        table[entry.code] = entry
    if not table:
        raise ValueError(f"{source} has no rows; reinstall wirecoder")
    return table


def _entry(fields: list[str]) -> CameoCode:
    if len(fields) != len(_COLUMNS):
        raise ValueError(f"{len(fields)} columns instead of {len(_COLUMNS)}")
    code, name, goldstein_text, plover_type, plover_mode, acled_type, acled_sub = fields
    if not _CODE.fullmatch(code) or not 1 <= int(code[:2]) <= 20:
        raise ValueError(f"code {code!r} is not a CAMEO code (2-4 digits, root 01-20)")
    if not name:
        raise ValueError(f"code {code} has no name")
    goldstein = float(goldstein_text)
    if not -10.0 <= goldstein <= 10.0:
        raise ValueError(f"Goldstein score {goldstein} is outside -10..10")
    if plover_type and plover_type not in PLOVER_TYPES:
        raise ValueError(f"{plover_type!r} is not a PLOVER type")
    if plover_mode and not plover_type:
        raise ValueError("a PLOVER mode needs a PLOVER type")
    if bool(acled_type) != bool(acled_sub) or (acled_sub and ACLED_SUB_EVENT_TYPES.get(acled_sub) != acled_type):
        raise ValueError(f"({acled_type!r}, {acled_sub!r}) is not an ACLED event type and sub-event type")
    root = code[:2]
    return CameoCode(
        code=code,
        name=name,
        root=root,
        goldstein=goldstein,
        quad_class=_quad(root),
        penta_class=_penta(root),
        plover_type=plover_type or None,
        plover_mode=plover_mode or None,
        acled_event_type=acled_type or None,
        acled_sub_event_type=acled_sub or None,
    )


def _quad(root: str) -> int:
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _penta(root: str) -> int:
    if root == "16":
        return 3
    return 0 if int(root) <= 2 else _quad(root)
