"""Errors with stable codes and messages that say what to do.

Codes: E1xx reading input, E2xx cleaning, E3xx NLP and coding set-up, E7xx store, E8xx evaluation,
E9xx usage. A stage raises :class:`StageError`; the pipeline turns it into a :class:`~wirecoder.records.Rejection`.
"""

from __future__ import annotations

import functools


class WirecoderError(Exception):
    """Base class: ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message

    def __reduce__(self):  # picklable, so a worker process's error reaches the parent whole
        return (type(self), (self.code, self.message))


class StageError(WirecoderError):
    """A stage could not process one input. The batch goes on; the input is recorded as rejected."""

    def __init__(self, code: str, message: str, *, stage: str):
        super().__init__(code, message)
        self.stage = stage

    def __reduce__(self):
        return (functools.partial(type(self), stage=self.stage), (self.code, self.message))


class StoreError(WirecoderError):
    """The store cannot be opened or written; the run stops."""


# Reading (stage "read"): the input's bytes could not be had.
E103 = "input is {size}, larger than the {limit} limit (max_input_bytes); split it or raise the limit with --max-bytes"
E104 = "cannot read {what}: {reason}"
E105 = "gzip data is truncated or corrupt ({reason}); {detail}re-download or re-compress the file"
E106 = "not a regular file ({what}); pass files or directories"
E107 = "JSON Lines record is {size}, larger than the {limit} limit (max_input_bytes); the rest of the file was read"
E108 = "WARC file is unreadable ({reason}); records before this point were read"

# Decoding (stage "decode").
E101 = "input is empty (0 bytes)"
E102 = "input is binary, not text ({why}); pass HTML, text, JSON Lines or WARC"
E109 = "input holds only whitespace"

# Parsing containers (stage "parse").
E111 = "invalid JSON: {reason}; each line of a JSON Lines file must be one JSON object"
E112 = (
    "JSON record has no 'text' or 'html' field (fields: {fields}); "
    "add the article text as 'text' or the page as 'html'"
)
E113 = "JSON field '{name}' must be {expected}, not {got}"
E114 = "JSON value is {got}, not an object; each record must be an object like {{\"text\": ...}}"

# Cleaning (stage "clean").
E201 = "no article text found in the HTML page ({detail}); it may be an index, a paywall or a script-rendered page"
E202 = "no article text left after removing boilerplate ({detail})"

# NLP and coding set-up (the command stops: every input would fail the same way).
E301 = (
    "spaCy pipeline '{model}' is not installed; install wirecoder's dependencies (pip install -c constraints.txt -e .) "
    "or set [nlp] spacy_model to an installed one"
)
E302 = "dictionaries folder {path} does not exist; pass a folder of PETRARCH files"
E303 = "cannot load PETRARCH dictionaries: {reason}"
E311 = "{where}: {problem}"

# Gazetteer (the command stops).
E401 = "cannot load the GeoNames file {path}: {reason}"

# Evaluation.
E801 = "cannot read gold file {path}: {reason}"
E802 = "cannot tell the gold code system ({reason})"

# A worker process (ingest --processes) died on this input: killed for memory, or a crash in a library.
E998 = (
    "the worker process died while processing this input ({reason}); it was retried alone and died again, so it "
    "is rejected (the input is kept in raw_inputs; a smaller input or more memory may let it through)"
)

# Any stage: a defect, recorded instead of crashing the batch.
E999 = "internal error in the {stage} stage ({error}); the input is kept in raw_inputs, please report it"

# Store.
E701 = "the store {path} has schema version {found}, newer than this wirecoder's {supported}; upgrade wirecoder"
E702 = "cannot open the store {path}: {reason}"
E703 = "the store {path} is in use by another wirecoder process; wait for it to finish or use another --db"
E706 = (
    "the store {path} is attached to the Parquet output {out} (wirecoder db attach) and cannot be written; ingest "
    "into another --db, or add inputs with wirecoder batch INPUT... --out {out}"
)
E707 = "cannot attach {out}: {reason}"

# Batch mode (wirecoder batch).
E601 = (
    "wirecoder batch --engine ray needs Ray, which is not installed; install it with "
    "pip install -c constraints.txt -e '.[ray]' (or pip install 'ray[data]==2.60.0')"
)
E602 = "cannot start or reach Ray ({reason}); check --address or RAY_ADDRESS, or leave both unset for a local Ray"
E603 = "the output folder {out} is not a wirecoder batch output ({reason}); pass a new or empty folder"


def human_size(n: int) -> str:
    """``1536`` -> ``'1.5 KB'``; decimal units, as file managers show."""
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")
