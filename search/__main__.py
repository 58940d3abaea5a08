"""``python -m search`` runs the command line."""

from search.cli import main

main(prog_name="search")
