import pytest

from wirecoder.errors import WirecoderError
from wirecoder.settings import Settings


def test_settings_defaults_load_from_package():
    assert Settings.load().max_input_bytes == 20_000_000


def test_settings_user_file_overrides_only_its_keys(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[ingest]\nbatch_size = 7\n")
    settings = Settings.load(path)
    assert (settings.batch_size, settings.max_input_bytes) == (7, 20_000_000)


def test_settings_unknown_key_is_an_error(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[ingest]\nbatch_sise = 7\n")
    with pytest.raises(WirecoderError) as info:
        Settings.load(path)
    assert info.value.message == f"{path}: unknown setting [ingest] batch_sise"


def test_settings_key_in_wrong_section_names_the_right_one(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[clean]\nbatch_size = 7\n")
    with pytest.raises(WirecoderError) as info:
        Settings.load(path)
    assert info.value.message.endswith("(it belongs in [ingest])")


def test_settings_wrong_type_is_an_error():
    with pytest.raises(WirecoderError) as info:
        Settings.load(batch_size="many")
    assert info.value.message == "setting batch_size must be int, not str"
