import MentorBase

/// Placeholder: the canonical store module (SQLite through GRDB, PostgreSQL through postgres-nio).
public enum MentorStoreModule {}
