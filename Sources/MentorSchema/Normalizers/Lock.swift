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

/// A string key hashed and compared by its UTF-8 bytes: no Unicode normalisation on every lookup
/// (cells from one file spell a value the same way byte for byte).
struct ByteKey: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    func hash(into h: inout Hasher) {
        ByteKey.withBytes(text) { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        withBytes(a.text) { p in
            withBytes(b.text) { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }

    /// `body` over the text's UTF-8 bytes where they lie: a `var` copy for `withUTF8` cost a retain
    /// and a release per hash and per comparison. Only a bridged string's bytes are copied.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }
}
