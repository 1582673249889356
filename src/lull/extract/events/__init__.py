"""The event coder: clauses and triggers -> PLOVER mentions with arguments, modality, timing, location, coref."""
