/// A small Bloom filter over the keys a ``WorkingSet`` indexes between two resets.
///
/// A chunk's working set holds a few thousand keys; 65,536 bits with two bits per key in one
/// 64-bit word keep a wrong "may contain" (which only costs the dictionary lookups it would have
/// spared) under one question in a hundred. Keys are never removed: a key unindexed stays "maybe".
struct SmallKeyFilter {
    private static let wordCount = 1 << 10
    private var words = [UInt64](repeating: 0, count: SmallKeyFilter.wordCount)
    /// Nothing added since the last clear (clearing then costs nothing).
    private var isEmpty = true

    @inline(__always)
    private static func place(_ h: (UInt64, UInt64)) -> (word: Int, mask: UInt64) {
        let (h1, h2) = h
        return (Int(truncatingIfNeeded: h1 >> 40) & (wordCount - 1), (1 as UInt64) << (h2 & 63) | (1 as UInt64) << ((h2 >> 6) & 63))
    }

    mutating func add(_ key: String) {
        let (w, m) = SmallKeyFilter.place(keyHashes(key))
        words[w] |= m
        isEmpty = false
    }

    func mayContain(_ key: String) -> Bool { !isEmpty && mayContain(hashes: keyHashes(key)) }

    /// `mayContain` of the key whose `keyHashes` are `h`.
    func mayContain(hashes h: (UInt64, UInt64)) -> Bool {
        if isEmpty { return false }
        let (w, m) = SmallKeyFilter.place(h)
        return words[w] & m == m
    }

    mutating func clear() {
        guard !isEmpty else { return }
        for i in words.indices { words[i] = 0 }
        isEmpty = true
    }
}

/// How many times the rows of one chunk ask about each identity key (their subjects' and the
/// people they name), counted by the keys' 64-bit hashes.
///
/// A key asked about once is asked only by the row that has it: a new person with such keys is
/// never anyone else's candidate in the chunk, so the planner need not index it (the store holds
/// it once the chunk is written, and the next chunks find it there). Two keys with the same hash
/// count together, which can only make a key look asked more often: never once when it is not.
public struct AskedKeys: Sendable {
    /// Open addressing: a slot holds a hash (0: empty) and whether it was asked more than once.
    private var slots: [UInt64]
    private var many: [Bool]
    private var count = 0

    /// Room for about `capacity` distinct keys (it grows when more come).
    public init(capacity: Int) {
        var n = 64
        while n < capacity * 2 { n <<= 1 }
        slots = [UInt64](repeating: 0, count: n)
        many = [Bool](repeating: false, count: n)
    }

    /// Counts one question about `key`.
    public mutating func add(_ key: String) { add(hashes: keyHashes(key)) }

    /// Counts one question about the key whose `keyHashes` are `h`.
    public mutating func add(hashes h: (UInt64, UInt64)) {
        if count * 2 >= slots.count { grow() }
        // A slot holds the first hash, never 0 (0 marks an empty slot).
        insert(h.0 | 1, many: false)
    }

    private mutating func insert(_ t: UInt64, many repeated: Bool) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: t >> 7) & mask
        while true {
            if slots[i] == 0 {
                slots[i] = t
                many[i] = repeated
                count += 1
                return
            }
            if slots[i] == t {
                many[i] = true
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots, oldMany = many
        slots = [UInt64](repeating: 0, count: old.count * 2)
        many = [Bool](repeating: false, count: old.count * 2)
        count = 0
        for (t, m) in zip(old, oldMany) where t != 0 { insert(t, many: m) }
    }

    /// True when `key` was counted exactly once (false when never or more often).
    public func isAskedOnce(_ key: String) -> Bool { isAskedOnce(hashes: keyHashes(key)) }

    /// `isAskedOnce` of the key whose `keyHashes` are `h`.
    public func isAskedOnce(hashes h: (UInt64, UInt64)) -> Bool {
        let t = h.0 | 1
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: t >> 7) & mask
        while slots[i] != 0 {
            if slots[i] == t { return !many[i] }
            i = (i + 1) & mask
        }
        return false
    }
}

/// Ids already warned about, as bits for the ids an import hands out itself (from `base` on,
/// dense: nearly every new person of a bulk load is warned about once) and a set for the others.
struct IDBits {
    private let base: Int64
    private var bits: [UInt64] = []
    private var others = Set<Int64>()

    init(base: Int64) { self.base = base }

    /// Inserts `id`; false when it was there already.
    mutating func insert(_ id: Int64) -> Bool {
        // Far above `base` (never so for ids the import hands out): the set, not megabytes of bits.
        guard id >= base, id - base < 1 << 26 else { return others.insert(id).inserted }
        let i = Int(id - base)
        let w = i >> 6
        if w >= bits.count { bits.append(contentsOf: repeatElement(0, count: max(w + 1 - bits.count, bits.count))) }
        let m = (1 as UInt64) << UInt64(i & 63)
        if bits[w] & m != 0 { return false }
        bits[w] |= m
        return true
    }
}

/// The `keyHashes` of a person's identity keys, computed once for the several filters that ask.
public struct IdentityKeyHashes: Sendable {
    public var snils: (UInt64, UInt64)?
    public var name: (UInt64, UInt64)
    public var initials: (UInt64, UInt64)

    /// Borrowed: an initialiser's argument is otherwise passed owned, and the caller copied the
    /// keys (a retain of each of their strings) to pass them.
    public init(_ k: borrowing IdentityKeys) {
        snils = k.snils.map(keyHashes)
        name = keyHashes(k.nameKey)
        initials = keyHashes(k.initialsKey)
    }
}
