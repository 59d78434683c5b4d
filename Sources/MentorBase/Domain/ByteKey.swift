#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A string compared and hashed by its UTF-8 bytes.
///
/// Swift's `String` equality and hashing honour Unicode canonical equivalence, which costs a
/// normalisation check on every non-ASCII (Cyrillic) string. Keys the store builds itself (folded
/// names, ISO dates, codes) are already in one form, so bytes are the right and fast comparison.
public struct ByteKey: Hashable, Sendable {
    public let string: String

    public init(_ string: String) { self.string = string }

    public static func == (a: ByteKey, b: ByteKey) -> Bool { sameBytes(a.string, b.string) }

    public func hash(into h: inout Hasher) {
        var s = string
        s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// True when two strings have the same UTF-8 bytes.
@inline(__always)
public func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var x = a, y = b
    return x.withUTF8 { p in
        y.withUTF8 { q in
            // memcmp, not `elementsEqual`: that one walks an iterator byte by byte.
            guard let pa = p.baseAddress, let qa = q.baseAddress else { return p.count == q.count }
            return memcmp(pa, qa, p.count) == 0
        }
    }
}

extension StoredValue {
    /// Byte-wise: a value read back from the store equals the one written.
    public static func == (a: StoredValue, b: StoredValue) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return sameBytes(x, y)
        case (.integer(let x), .integer(let y)): return x == y
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .text(let s): h.combine(0 as UInt8); h.combine(ByteKey(s))
        case .integer(let n): h.combine(1 as UInt8); h.combine(n)
        }
    }
}
