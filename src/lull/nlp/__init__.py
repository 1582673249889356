"""The spaCy pipeline and lull's registered components: rulers (actors, places) that find names, and the
finders (events, numbers, quotes, explanations) that call the coders in ``extract/`` and write records on the Doc."""
