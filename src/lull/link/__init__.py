"""Linking: event mentions from many documents -> one event per real-world event (match, cluster, build)."""
