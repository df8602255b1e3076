"""Evaluation against gold sets given as paths (``wirecoder eval ...``). Never needed by the tests' data."""
