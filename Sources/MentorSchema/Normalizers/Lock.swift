import Foundation
import MentorBase

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

/// A bounded cache of normaliser results for columns that repeat a few values (classes, codes).
final class Memo: @unchecked Sendable {
    // @unchecked: every access to the dictionary goes through the lock.
    private var cache: [ByteKey: Normalized] = [:]
    private let lock = NSLockish()

    func value(for text: String, _ make: () -> Normalized) -> Normalized {
        let key = ByteKey(text)
        if let hit = lock.withLock({ cache[key] }) { return hit }
        let v = make()
        lock.withLock {
            if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
            cache[key] = v
        }
        return v
    }
}
