"""spaCy pipeline and lull's registered components (lull_actors, lull_places, lull_events)."""
