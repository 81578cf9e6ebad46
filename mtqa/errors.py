"""The one exception type users can cause; the CLI turns it into a one-line message, exit 2."""


class MtqaError(Exception):
    """A problem with the user's input, options or environment (not a bug in mtqa)."""


class InputError(MtqaError):
    """The input cannot be read or does not fit the expected shape."""


class ModelError(MtqaError):
    """A reference model is missing or cannot be loaded."""
