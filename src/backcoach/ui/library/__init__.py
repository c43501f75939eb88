"""The routine library: the list, a routine's page, importing, live reload, the handout and plan wording."""
