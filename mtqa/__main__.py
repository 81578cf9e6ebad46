"""`python -m mtqa`: the same command line as the `mtqa` script."""

from mtqa.cli import main

main()
