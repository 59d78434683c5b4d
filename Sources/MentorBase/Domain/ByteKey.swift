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

    @inlinable
    public static func == (a: ByteKey, b: ByteKey) -> Bool { sameBytes(a.string, b.string) }

    @inlinable
    public func hash(into h: inout Hasher) {
        withUTF8Bytes(string) { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// `body` over a string's UTF-8 bytes where they lie: the `var` copy `withUTF8` needs costs a
/// retain and a release per call (on every key and field of every row of an import). Only a
/// string whose bytes are not contiguous (a bridged one) is copied.
@inlinable @inline(__always)
public func withUTF8Bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
}

/// True when two strings have the same UTF-8 bytes.
///
/// `releasenone` (as the standard library marks its own string comparisons): the only objects it
/// releases are its own copies in the fallback for a non-contiguous string. Without it, a caller
/// the compiler did not inline it into copied each string it compared out of an array or a class
/// first (a retain and a release), the fallback being a call it cannot see into.
@inlinable @inline(__always) @_effects(releasenone)
public func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    return withUTF8Bytes(a) { p in withUTF8Bytes(b) { q in equalBytes(p, q) } }
}

/// True when two buffers hold the same bytes: eight at a time, then one by one. Not `memcmp`:
/// the compiler cannot see into a C call, so around one it copied each string compared when
/// it was read out of an array or a class (a retain and a release); nor `elementsEqual`, which
/// walks an iterator byte by byte.
@inlinable @inline(__always)
func equalBytes(_ p: UnsafeBufferPointer<UInt8>, _ q: UnsafeBufferPointer<UInt8>) -> Bool {
    guard p.count == q.count else { return false }
    guard let pa = p.baseAddress, let qa = q.baseAddress else { return true }
    let (ra, rb) = (UnsafeRawPointer(pa), UnsafeRawPointer(qa))
    let n = p.count
    var i = 0
    while i + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if p[i] != q[i] { return false }
        i += 1
    }
    return true
}

extension StoredValue {
    /// Byte-wise: a value read back from the store equals the one written. (Switched one side
    /// after the other: a tuple of the two would copy both. Inlined: out of line, a caller
    /// comparing values it reads out of arrays copied each first.)
    @inlinable @inline(__always)
    public static func == (a: StoredValue, b: StoredValue) -> Bool {
        switch a {
        case .text(let x):
            if case .text(let y) = b { return sameBytes(x, y) }
            return false
        case .integer(let x):
            if case .integer(let y) = b { return x == y }
            return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .text(let s): h.combine(0 as UInt8); h.combine(ByteKey(s))
        case .integer(let n): h.combine(1 as UInt8); h.combine(n)
        }
    }
}

/// Two 64-bit hashes of a key's UTF-8 bytes, eight bytes at a time (a multiply-xorshift mix):
/// far cheaper than `Hasher` (SipHash) for the membership filters of an import, which are never
/// exposed to keys chosen to collide (a collision only costs a lookup the filter could have spared).
@inlinable @inline(__always) @_effects(releasenone)
public func keyHashes(_ key: String) -> (UInt64, UInt64) {
    // (`releasenone`: see `sameBytes`.)
    withUTF8Bytes(key, keyHashes(utf8:))
}

/// `keyHashes` of a key's UTF-8 bytes.
@inlinable @inline(__always)
func keyHashes(utf8 buf: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    var h: UInt64 = 0x9e37_79b9_7f4a_7c15
    guard let base = buf.baseAddress else { return mixed(h) }
    let raw = UnsafeRawPointer(base)
    let n = buf.count
    h ^= UInt64(n)
    var i = 0
    while i + 8 <= n {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 31
        i += 8
    }
    var tail: UInt64 = 0
    if i < n && n >= 8 {
        // The last 8 bytes in one load, shifted to keep only the ones not mixed in yet.
        tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (8 - (n - i)))
    } else {
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(buf[i]) << shift
            shift += 8
            i += 1
        }
    }
    h = (h ^ tail) &* 0x94d0_49bb_1331_11eb
    h ^= h >> 29
    return mixed(h)
}

/// The two hashes of `keyHashes` from the bytes' mix `h`.
@inlinable @inline(__always)
func mixed(_ h: UInt64) -> (UInt64, UInt64) {
    var g = (h ^ 0x2545_f491_4f6c_dd1d) &* 0xbf58_476d_1ce4_e5b9
    g ^= g >> 32
    return (h, g)
}
