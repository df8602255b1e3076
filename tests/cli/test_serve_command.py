"""``wirecoder serve``: refuses a missing store with a message, warns before listening beyond this machine."""

from __future__ import annotations

import pytest

from wirecoder.cli import serve


def test_serve_without_a_store_says_to_ingest_first(cli):
    result = cli("serve")
    assert result.exit_code == 1
    assert "E702" in result.stderr
    assert "wirecoder ingest" in result.stderr


def test_serve_rejects_a_port_out_of_range(cli):
    assert cli("serve", "--port", "70000").exit_code == 2


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_hosts_are_recognised(host):
    assert serve._loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org", "::"])
def test_other_hosts_are_not_loopback(host):
    assert not serve._loopback(host)
