from batch_helpers import http_root  # noqa: F401 - the fixture, for every test here
