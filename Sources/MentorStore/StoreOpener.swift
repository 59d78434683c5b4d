import Foundation
import MentorBase

/// Opens the store a `--store` value names: a file path (SQLite, the default) or a
/// `postgres://user[:password]@host[:port]/database` URL.
public enum StoreOpener {
    /// The default store: `./mentorbase.sqlite`.
    public static let defaultPath = "mentorbase.sqlite"

    /// Opens and migrates the store.
    public static func open(_ spec: String) throws -> any Store {
        if spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://") {
            return SQLStore(backend: try PostgresBackend(url: spec))
        }
        return SQLStore(backend: try SQLiteBackend(path: spec))
    }
}
