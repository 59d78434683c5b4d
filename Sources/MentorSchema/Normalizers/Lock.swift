import Foundation

/// A small mutex for caches shared by `Sendable` values.
final class NSLockish: @unchecked Sendable {
    // @unchecked: NSLock is thread-safe; the class only forwards to it.
    private let lock = NSLock()
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
