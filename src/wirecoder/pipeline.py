"""The orchestrator: the only module that imports every stage. Not a stable API.

For each raw input, in order::

    ingest.read_inputs   paths -> RawInput | Rejection           (the bytes, or why they can't be had)
    store.add_raw_inputs RawInput -> raw_inputs (status pending)  (before any stage runs)
    clean.clean_article  RawInput -> Article                      (StageError -> Rejection)
    nlp.parse_article    Article -> tuple[Sentence]               (English bodies only; only sentences that
                                                                   coding.prefilter says may hold an event)
    geo.geocode_article  Article -> Place                         (toponyms resolved with the gazetteer)
    coding.code_events   Article, Sentences, place country -> tuple[Event]
    geo.place_events     Event -> Event.location                  (the event's own place among them)
    dates.date_events    Event -> Event.when                      (resolved against the publication date)
    store.write_results  Result -> articles | mentions | rejections (one transaction per batch)
    copies.link_copies   Article -> article_signatures            (near-duplicate articles linked to the first)
    cluster.cluster_batch  mentions -> events                     (one event per happening, across articles)

``ingest`` runs them batch by batch and times each step (``IngestSummary.seconds``). An interrupted run can leave
a batch written but not yet through the copies or cluster steps; the next run finishes that work first.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from . import errors
from .clean import clean_article
from .cluster import cluster_batch, cluster_pending
from .coding import Lexicons, code_events
from .coding.prefilter import SentenceFilter
from .copies import link_copies
from .dates.stage import date_events
from .errors import StageError, WirecoderError
from .geo import Gazetteer, country_focus, geocode_article, paragraph_spans, place_events, recognise, resolve
from .geo.toponyms import given_toponym
from .ingest import read_inputs
from .nlp import Keep, lemma_exceptions, parse_article, parse_articles
from .records import Article, Event, Place, RawInput, Rejection, Result, Sentence
from .settings import Settings
from .store import Store

CODED_LANGUAGES = frozenset({"en"})
"""Body languages the NLP and coding stages handle; other articles are stored without events."""


def run_input(raw: RawInput, *, settings: Settings, code: bool = True, timed: Timer | None = None) -> Result:
    """Run every stage on one input; any failure becomes a rejection, never an exception (see
    :func:`run_inputs`)."""
    return run_inputs([raw], settings=settings, code=code, timed=timed)[0]


def run_inputs(raws: Sequence[RawInput], *, settings: Settings, code: bool = True,
               timed: Timer | None = None) -> list[Result]:
    """Run every stage on each input, in order; any failure becomes that input's rejection, never an exception.

    The articles are parsed in one ``nlp.pipe`` stream (faster than one per article); each is coded as soon
    as its sentences are out. A :class:`StageError` carries its own code and message. Anything else is a defect
    in wirecoder or a library it uses on this input; it is recorded as E999 with the exception, so one bad page
    can neither stop a batch nor be lost, and it can be replayed from ``raw_inputs`` once fixed (when the parser
    fails, the batch's remaining articles are parsed one by one to find which). ``timed`` (see :func:`step_timer`)
    adds each stage's time to its own key: clean, nlp, geo, code, dates. A :class:`WirecoderError` (a set-up
    problem: model not installed, bad dictionaries) is raised: every input would fail, so the run stops.
    """
    timed = timed or _untimed
    results: list[Result | None] = [None] * len(raws)
    to_parse: list[tuple[int, Article]] = []
    for k, raw in enumerate(raws):
        article = _guarded(raw, "clean", lambda raw=raw: _timed_call(timed, "clean", clean_article, raw,
                                                                     settings=settings))
        if isinstance(article, Result):
            results[k] = article
        elif code and (article.language is None or article.language in CODED_LANGUAGES):
            to_parse.append((k, article))
        else:
            results[k] = Result(input_hash=raw.input_hash, source=raw.source, article=article, events=())
    keep = _keep(settings) if to_parse else None
    stream = parse_articles([article for _, article in to_parse], settings=settings, keep=keep)
    for done, (k, article) in enumerate(to_parse):
        try:
            with timed("nlp"):
                sentences = next(stream)
        except WirecoderError:
            raise
        except Exception:
            for j, other in to_parse[done:]:  # find the text the parser fails on: parse the rest one by one
                results[j] = _parsed_alone(raws[j], other, settings=settings, keep=keep, timed=timed)
            break
        results[k] = _coded(raws[k], article, sentences, settings=settings, timed=timed)
    return [result for result in results if result is not None]


def _parsed_alone(raw: RawInput, article: Article, *, settings: Settings, keep: Keep | None,
                  timed: Timer) -> Result:
    sentences = _guarded(raw, "nlp", lambda: _timed_call(timed, "nlp", parse_article, article, settings=settings,
                                                         keep=keep))
    return sentences if isinstance(sentences, Result) else _coded(raw, article, sentences, settings=settings,
                                                                  timed=timed)


def _coded(raw: RawInput, article: Article, sentences: tuple[Sentence, ...], *, settings: Settings,
           timed: Timer) -> Result:
    events = _guarded(raw, "coding", lambda: _code(article, sentences, settings=settings, timed=timed))
    if isinstance(events, Result):
        return events
    return Result(input_hash=raw.input_hash, source=raw.source, article=article, events=events)


def _guarded(raw: RawInput, stage: str, step: Callable[[], Any]) -> Any:
    """``step()``, or the input's rejection (a :class:`Result`) when it fails on this input."""
    try:
        return step()
    except StageError as exc:
        return _rejected(raw, stage=exc.stage, code=exc.code, message=exc.message)
    except WirecoderError:
        raise  # a set-up problem: every input would fail; stop the run
    except Exception as exc:
        message = errors.E999.format(stage=stage, error=f"{type(exc).__name__}: {str(exc)[:300]}")
        return _rejected(raw, stage=stage, code="E999", message=message)


def _timed_call(timed: Timer, step: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with timed(step):
        return function(*args, **kwargs)


def _code(article: Article, sentences: tuple[Sentence, ...], *, settings: Settings,
          timed: Timer | None = None) -> tuple[Event, ...]:
    """Code, place and date the events of a parsed article. The article's places are resolved first: the
    country they are in is the coder's fallback for country-less actors ("the police", "civilians")."""
    timed = timed or _untimed
    gazetteer = Gazetteer.for_settings(settings)
    with timed("geo"):
        geocoded = geocode_article(article, sentences, gazetteer)
    with timed("code"):
        events = code_events(article, sentences, lexicons=Lexicons.for_settings(settings), settings=settings,
                             place_country=country_focus(geocoded[1]))
    if not events:
        return events
    with timed("geo"):
        events = place_events(article, sentences, events, gazetteer=gazetteer, geocoded=geocoded)
    with timed("dates"):
        return date_events(article, sentences, events, paragraph_spans(article.body))


def code_text(text: str, *, settings: Settings, published: dt.date | None = None,
              article_id: str = "text") -> tuple[Event, ...]:
    """Parse, code, place and date a bare text (no cleaning): one paragraph per line. For evaluation and checks."""
    body = tuple(line.strip() for line in text.splitlines() if line.strip())
    article = _bare_article(body, published=published, article_id=article_id)
    return _code(article, parse_article(article, settings=settings, keep=_keep(settings)), settings=settings)


def _keep(settings: Settings) -> Keep | None:
    """The sentence pre-filter the NLP stage applies (None: parse everything), built once per process."""
    if not settings.parse_only_candidates:
        return None
    key = (settings.spacy_model, settings.dictionaries)
    if key not in _FILTERS:
        lexicons = Lexicons.for_settings(settings)
        irregular = lemma_exceptions(settings.spacy_model)
        _FILTERS[key] = SentenceFilter(lexicons.verbs, lexicons.actors, irregular=irregular)
    return _FILTERS[key]


_FILTERS: dict[tuple[str, str], SentenceFilter] = {}


def geocode_text(text: str, *, settings: Settings) -> list[tuple[int, int, Place | None]]:
    """Every toponym recognised in ``text`` with its resolution (None: recognised but not resolved). Every
    sentence is parsed (no pre-filter): this measures the geo stage on all of a text's place names."""
    article = _bare_article((text,))
    sentences = parse_article(article, settings=settings)
    gazetteer = Gazetteer.for_settings(settings)
    toponyms = recognise(sentences, gazetteer)
    places = resolve(toponyms, gazetteer)
    return [(t.start, t.end, p) for t, p in zip(toponyms, places, strict=True)]


def resolve_spans(text: str, spans: list[tuple[int, int]], *, settings: Settings) -> list[Place | None]:
    """Resolve given toponym spans of ``text`` (gold spans), using the toponyms recognised around them as evidence."""
    article = _bare_article((text,))
    sentences = parse_article(article, settings=settings)
    gazetteer = Gazetteer.for_settings(settings)
    found = recognise(sentences, gazetteer)
    given = [given_toponym(text, start, end, sentences) for start, end in spans]
    context = [t for t in found if not any(t.start < g.end and g.start < t.end for g in given)]
    places = resolve([*given, *context], gazetteer)
    return places[: len(given)]


def _bare_article(body: tuple[str, ...], *, published: dt.date | None = None, article_id: str = "text") -> Article:
    return Article(id=article_id, source="<text>", publisher=None, title=None, published=published, authors=(),
                   dateline=None, body=body, boilerplate=(), language="en")


def _rejected(raw: RawInput, *, stage: str, code: str, message: str) -> Result:
    rejection = Rejection(input_hash=raw.input_hash, source=raw.source, stage=stage, code=code, message=message,
                          size=raw.size)
    return Result(input_hash=raw.input_hash, source=raw.source, rejection=rejection)


@dataclass(slots=True)
class IngestSummary:
    """Counts for one ``ingest`` run. ``rejected`` includes inputs rejected by an earlier run."""

    seen: int = 0
    ingested: int = 0
    rejected: int = 0
    previously_rejected: int = 0
    """Of ``rejected``: inputs an earlier run rejected, skipped now (``--retry-rejected`` processes them)."""
    skipped: int = 0
    """Inputs already in the store from an earlier run (ingested then), left as they were."""
    new_articles: int = 0
    copies: int = 0
    """New articles that are near-copies of an article stored before them."""
    clustered: int = 0
    """Mentions placed in events (joined to one reported before, or starting a new one)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time per step: ``read`` (reading and batching inputs), ``clean``, ``nlp`` (spaCy), ``geo`` (toponyms
    and event places), ``code`` (actors and actions), ``dates``, ``store``, ``copies``, ``cluster``."""
    worker_peak_rss_mb: float | None = None
    """With worker processes: the largest peak resident memory of a worker (MB)."""
    rejections: list[Rejection] = field(default_factory=list)
    """The first ``MAX_LISTED`` rejections of this run, for display; all of them are in the store."""

    MAX_LISTED = 200

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    *,
    store: Store,
    settings: Settings,
    retry_rejected: bool = False,
    stdin: BinaryIO | None = None,
    on_batch: Callable[[IngestSummary], None] | None = None,
    processes: int = 1,
    workers: Workers | None = None,
) -> IngestSummary:
    """Read, clean and store every input under ``paths``; resumable and idempotent.

    Inputs whose hash the store already holds as finished are skipped (a rejected one is retried only with
    ``retry_rejected``); inputs left ``pending`` by an interrupted run are processed again.

    With ``processes`` > 1 the per-article stages (clean to dates) run in that many worker processes, each
    loading the model, lexicons and gazetteer once; this process stays the only writer to the store and works
    batch by batch as before, writing one batch while the workers process the next, so at most two batches are
    in memory. Step times then add up the workers' time (more than the wall time). ``workers``: a pool already
    started (:class:`Workers`) to use instead, left open afterwards (``processes`` is then its size); a caller
    ingesting one corpus after another keeps its workers and their loaded models.
    """
    pooled = workers is not None or processes > 1
    summary = IngestSummary()
    before = store.counts()["articles"]
    timed = step_timer(summary.seconds)
    with timed("copies"):  # what an interrupted run left undone
        while unsigned := store.unsigned_articles(limit=settings.batch_size):
            summary.copies += link_copies(store, unsigned, min_containment=settings.copy_containment)
    with timed("cluster"):
        summary.clustered += cluster_pending(store)
    batches = batches_of(read_inputs(paths, settings=settings, stdin=stdin), settings=settings)
    with _runner(settings, processes, timed, summary, workers) as run:
        in_flight: Callable[[], list[Result]] | None = None
        in_flight_hashes: set[str] = set()
        while True:
            with timed("read"):
                batch = next(batches, None)
            if batch is None:
                break
            todo = still_to_do(batch, store, summary, retry_rejected, skip=in_flight_hashes)
            with timed("store"):
                store.add_raw_inputs(todo, keep_raw=settings.keep_raw)
            started = run(todo)
            if in_flight is not None:
                finish_batch(in_flight(), store, settings, summary, retry_rejected, timed, on_batch)
                in_flight = None
            if not pooled:  # nothing to overlap with: write it now
                finish_batch(started(), store, settings, summary, retry_rejected, timed, on_batch)
            else:
                in_flight, in_flight_hashes = started, {item.input_hash for item in todo}
        if in_flight is not None:
            finish_batch(in_flight(), store, settings, summary, retry_rejected, timed, on_batch)
    summary.new_articles = store.counts()["articles"] - before
    return summary


Timer = Callable[[str], AbstractContextManager[None]]
"""``timed(step)``: a context manager adding the time spent inside it to ``step``."""


def _untimed(step: str) -> AbstractContextManager[None]:
    return nullcontext()


def still_to_do(batch: list[RawInput | Rejection], store: Store, summary: IngestSummary, retry_rejected: bool,
          skip: set[str]) -> list[RawInput | Rejection]:
    """The inputs of ``batch`` still to process: not repeated within it, not finished by an earlier run, not in
    the batch still being processed (``skip``)."""
    # Duplicates within a batch are dropped here; a later batch finds earlier ones in the store, so memory does
    # not grow with the number of inputs.
    seen_in_batch: set[str] = set()
    fresh = []
    for item in batch:
        if item.input_hash not in seen_in_batch:
            seen_in_batch.add(item.input_hash)
            fresh.append(item)
    summary.seen += len(batch)
    summary.skipped += len(batch) - len(fresh)  # the same input twice in one run
    status = store.input_status([item.input_hash for item in fresh])
    todo: list[RawInput | Rejection] = []
    for item in fresh:
        known = status.get(item.input_hash)
        if item.input_hash in skip:
            summary.skipped += 1
            continue
        if known == "ingested" or (known == "rejected" and not retry_rejected):
            summary.skipped += 1
            if known == "rejected":
                summary.rejected += 1
                summary.previously_rejected += 1
            continue
        todo.append(item)
    return todo


def finish_batch(results: list[Result], store: Store, settings: Settings, summary: IngestSummary, retry_rejected: bool,
            timed: Timer, on_batch: Callable[[IngestSummary], None] | None) -> None:
    """Write a processed batch, link its copies, cluster its mentions and count it."""
    with timed("store"):
        store.write_results(results, retry=retry_rejected)
    with timed("copies"):
        summary.copies += link_copies(store, [r.article for r in results if r.article is not None],
                                      min_containment=settings.copy_containment)
    with timed("cluster"):
        summary.clustered += cluster_batch(store, results)
    for result in results:
        if result.rejection is not None:
            summary.rejected += 1
            if len(summary.rejections) < summary.MAX_LISTED:
                summary.rejections.append(result.rejection)
        else:
            summary.ingested += 1
    if on_batch is not None:
        on_batch(summary)


@contextmanager
def _runner(settings: Settings, processes: int, timed: Timer, summary: IngestSummary,
            given: Workers | None) -> Iterator[Callable[[list[RawInput | Rejection]], Callable[[], list[Result]]]]:
    """``run(todo)`` starts processing a batch and returns a function that waits for its results (in order).

    One process: the batch is processed at once, here. Several: worker processes (started with ``spawn``, so
    none inherits the store's open connection) each load the model once; the batch is handed out in chunks
    and this process goes on (writing the previous batch) until it waits for the results. The workers' step
    times are added to ``summary.seconds``, their peak memory to ``summary.worker_peak_rss_mb``. A ``given``
    pool is used instead of a new one, and not shut down.
    """

    def in_order(todo: list[RawInput | Rejection], processed: Iterable[Result]) -> list[Result]:
        """The results of ``todo`` in its order: the processed inputs' among the rejections of the reading."""
        done = iter(processed)
        return [next(done) if isinstance(item, RawInput) else
                Result(input_hash=item.input_hash, source=item.source, rejection=item) for item in todo]

    if processes <= 1 and given is None:
        def run_here(todo: list[RawInput | Rejection]) -> Callable[[], list[Result]]:
            raws = [item for item in todo if isinstance(item, RawInput)]
            results = in_order(todo, run_inputs(raws, settings=settings, timed=timed))
            return lambda: results

        yield run_here
        return

    workers = given or Workers(settings, processes)
    processes = workers.processes
    try:
        def run_there(todo: list[RawInput | Rejection]) -> Callable[[], list[Result]]:
            raws = [item for item in todo if isinstance(item, RawInput)]
            size = max(1, -(-len(raws) // (processes * 4)))  # a few chunks per worker, each parsed in one stream
            chunks = [raws[k:k + size] for k in range(0, len(raws), size)]
            pending = [(chunk, workers.submit(chunk)) for chunk in chunks]

            def wait() -> list[Result]:
                processed: list[Result] = []
                for chunk, future in pending:
                    for results, worker_seconds in workers.outcome(chunk, future):
                        peak = worker_seconds.pop(PEAK_RSS_KEY, None)
                        if peak is not None:
                            summary.worker_peak_rss_mb = max(summary.worker_peak_rss_mb or 0.0, peak)
                        for step, value in worker_seconds.items():
                            summary.seconds[step] = summary.seconds.get(step, 0.0) + value
                        processed.extend(results)
                return in_order(todo, processed)

            return wait

        yield run_there
    finally:
        if given is None:
            workers.close()


class Workers:
    """The worker processes of ``ingest --processes``: a ``ProcessPoolExecutor`` (started with ``spawn``, so no
    worker inherits the store's open connection), each worker loading the model once (:func:`start_worker`).

    A worker that dies (killed for memory, a crash in a library on one input) breaks the pool: every chunk not
    yet done is then run again, one input at a time, in a new pool, so that the input that kills a worker again
    is rejected (E998) and the others go through. ``run`` and ``start`` (module-level functions, so a spawned
    process can import them) are :func:`_worker_run` and :func:`start_worker` except in tests.

    The workers start at once (each loading the model while this process reads its first batch); use it as a
    context manager, or call :meth:`close`.
    """

    def __init__(self, settings: Settings, processes: int, *,
                 run: Callable[[list[RawInput]], tuple[list[Result], dict[str, float]]] | None = None,
                 start: Callable[[Settings], None] | None = None):
        self.settings = settings
        self.processes = processes
        self.run = run or _worker_run
        self.start = start or start_worker
        self.pool = self._start()
        self.broken = False

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _start(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=self.start, initargs=(self.settings,))
        for _ in range(self.processes):  # a process is spawned per call submitted while none is idle
            pool.submit(_nothing)
        return pool

    def submit(self, chunk: list[RawInput]) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(self.run, chunk)
        except BrokenProcessPool:  # broken by an earlier chunk: this one is retried when its outcome is asked
            self.broken = True
            return None

    def outcome(self, chunk: list[RawInput],
                future: Any) -> Iterator[tuple[list[Result], dict[str, float]]]:
        """The chunk's results and step times: as its future gives them, or input by input after a death."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            if future is not None:
                yield future.result()
                return
        except BrokenProcessPool:
            self.broken = True
        for raw in chunk:
            yield self._alone(raw)

    def _alone(self, raw: RawInput) -> tuple[list[Result], dict[str, float]]:
        from concurrent.futures.process import BrokenProcessPool

        reason = ""
        for _ in range(2):
            if self.broken:
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool, self.broken = self._start(), False
            try:
                return self.pool.submit(self.run, [raw]).result()
            except BrokenProcessPool as exc:
                self.broken, reason = True, str(exc) or type(exc).__name__
        message = errors.E998.format(reason=reason[:200])
        return [_rejected(raw, stage="worker", code="E998", message=message)], {}

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _nothing() -> None:
    """A call that starts a worker (and its :func:`start_worker`) before there is an input to give it."""


_WORKER: dict[str, Any] = {}
"""In a worker process only: the settings it was started with (a worker's own state, set once by
:func:`start_worker`)."""


def start_worker(settings: Settings) -> None:
    """Start a worker: load the model, the lexicons and the gazetteer once, before any input. A set-up error is
    kept and raised by the first input (raised here, the pool would start a new worker again and again)."""
    from .nlp import load

    _WORKER["settings"] = settings
    try:
        load(settings.spacy_model)
        Lexicons.for_settings(settings)
        Gazetteer.for_settings(settings)
        _keep(settings)
    except WirecoderError as exc:
        _WORKER["error"] = exc


def worker_setup_error() -> WirecoderError | None:
    """The set-up error :func:`start_worker` kept in this process, if any (taken: asked once)."""
    return _WORKER.pop("error", None)


def _worker_run(raws: list[RawInput]) -> tuple[list[Result], dict[str, float]]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    seconds: dict[str, float] = {}
    results = run_inputs(raws, settings=_WORKER["settings"], timed=step_timer(seconds))
    peak = _peak_rss_mb()
    if peak is not None:
        seconds[PEAK_RSS_KEY] = peak
    return results, seconds


PEAK_RSS_KEY = "worker_peak_rss_mb"
"""Not a step: the largest worker's peak memory, carried back with the step times."""


def _peak_rss_mb() -> float | None:
    """This process's peak resident memory (VmHWM, which, unlike ru_maxrss, does not count what the parent held
    when it started this process), or None where /proc cannot tell."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):  # noqa: SIM115
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def step_timer(seconds: dict[str, float]) -> Callable[[str], Any]:
    """A context manager factory adding the wall time of each ``with timed(step):`` block to ``seconds[step]``."""

    @contextmanager
    def timed(step: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - start

    return timed


def batches_of(items: Iterator[RawInput | Rejection], *, settings: Settings) -> Iterator[list[RawInput | Rejection]]:
    batch: list[RawInput | Rejection] = []
    size = 0
    for item in items:
        batch.append(item)
        size += item.size or 0
        if len(batch) >= settings.batch_size or size >= settings.batch_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch
