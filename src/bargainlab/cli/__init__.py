"""The ``bargainlab`` command line: thin parsing and rendering around the library."""
