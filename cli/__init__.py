"""Command-line adapter: the `faire-lien` command, the terminal chat and every staff command."""
