import MentorBase

/// A Bloom filter over the identity keys (SNILS, name, initials) the store holds, kept for one import.
///
/// Every chunk of an import asks the store for the people sharing a key with its names. In a bulk
/// load almost every name is new, and each such question is an index probe that finds nothing.
/// With the filter the store asks only about keys it may hold: a key never added is certainly
/// absent (no false negatives), a key added or colliding is looked up as before. The size is
/// fixed, so memory does not grow with the file.
///
/// Blocked: a key's three bits lie in one 64-bit word, so adding or asking costs one cache miss
/// in the 16 MiB of words instead of three (the filter is far bigger than the caches, and a bulk
/// load adds and asks about three keys per row).
struct KeyFilter {
    /// 2^27 bits = 16 MiB: at three million keys (a million rows: name, initials, mentor) about
    /// one question in two thousand is a needless probe (a wrong "may contain" only costs a query).
    static let bitCount = 1 << 27
    private var words: [UInt64]

    init() {
        words = Array(repeating: 0, count: KeyFilter.bitCount / 64)
    }

    /// The key's word and its three bits in it.
    @inline(__always)
    static func place(_ key: String) -> (word: Int, mask: UInt64) {
        place(hashes: keyHashes(key))
    }

    /// The word and bits of a key whose `keyHashes` are `h`.
    @inline(__always)
    static func place(hashes h: (UInt64, UInt64)) -> (word: Int, mask: UInt64) {
        let (h1, h2) = h
        let word = Int(truncatingIfNeeded: h1 >> 32) & (KeyFilter.bitCount / 64 - 1)
        let mask = (1 as UInt64) << (h2 & 63) | (1 as UInt64) << ((h2 >> 6) & 63) | (1 as UInt64) << ((h2 >> 12) & 63)
        return (word, mask)
    }

    mutating func add(_ key: String) { add(hashes: keyHashes(key)) }

    /// `add` of the key whose `keyHashes` are `h`.
    mutating func add(hashes h: (UInt64, UInt64)) {
        let (w, m) = KeyFilter.place(hashes: h)
        words[w] |= m
    }

    func mayContain(_ key: String) -> Bool { mayContain(hashes: keyHashes(key)) }

    /// `mayContain` of the key whose `keyHashes` are `h`.
    func mayContain(hashes h: (UInt64, UInt64)) -> Bool {
        let (w, m) = KeyFilter.place(hashes: h)
        return words[w] & m == m
    }

    /// The `keyHashes` of the keys a write to `people` sets: those of a person it inserts, or
    /// those an update changes (none for other tables; at most three, one per key column).
    /// `releasenone`: it only reads the write (and hashes where the keys lie), so its caller need
    /// not copy the write out of its plan to hand it over.
    @_effects(releasenone)
    static func writtenKeyHashes(of w: EntityWrite) -> WrittenKeyHashes {
        var out = WrittenKeyHashes()
        guard w.table == .people else { return out }
        switch w.action {
        case .insert(let row):
            // From the end, where the planner puts the key columns: a person's row has three.
            var found = 0
            for i in row.columns.indices.reversed() where i < row.values.count && KeyFilter.isKeyColumn(row.columns[i]) {
                if case .text(let k)? = row.values[i] { out.append(keyHashes(k)) }
                found += 1
                if found == 3 { break }
            }
        case .update(let changes):
            for c in changes where KeyFilter.isKeyColumn(c.column) {
                if case .text(let k)? = c.new { out.append(keyHashes(k)) }
            }
        }
        return out
    }

    /// The key hashes of one write: the first three (a person's row has three key columns) without
    /// an array, any more in one, so none is ever lost (a key missing from the filter could let a
    /// later chunk miss the person it names).
    struct WrittenKeyHashes {
        private var hashes = InlineArray<3, (UInt64, UInt64)>(repeating: (0, 0))
        private var more: [(UInt64, UInt64)] = []
        private(set) var count = 0

        mutating func append(_ h: (UInt64, UInt64)) {
            if count < 3 { hashes[count] = h } else { more.append(h) }
            count += 1
        }

        subscript(_ i: Int) -> (UInt64, UInt64) { i < 3 ? hashes[i] : more[i - 3] }
    }

    @inline(__always)
    static func isKeyColumn(_ c: String) -> Bool {
        // By length first: most columns of a people row are told apart without comparing text.
        // Byte for byte (`==` on strings is a call the compiler cannot see into).
        switch c.utf8.count {
        case 8: return sameBytes(c, "name_key")
        case 9: return sameBytes(c, "snils_key")
        case 12: return sameBytes(c, "initials_key")
        default: return false
        }
    }
}

/// The identity keys of one chunk's rows: those the store may hold (to load the people who have
/// them), and how often the rows ask about each (see `WorkingSet.askedKeys`).
struct ChunkKeys {
    /// A set of keys that skips a key equal to the one added last (a base names its mentor on
    /// row after row) without hashing it again.
    struct KeySet {
        var set = Set<ByteKey>()
        private var last: String?

        mutating func insert(_ key: String) {
            if let last, sameBytes(last, key) { return }
            set.insert(ByteKey(key))
            last = key
        }
    }

    let filter: KeyFilter?
    var snils = KeySet(), names = KeySet(), initials = KeySet()
    /// Nil once a row is found that will compute its own keys (what it asks is then unknown).
    var asked: AskedKeys?

    init(filter: KeyFilter?, rows: Int) {
        self.filter = filter
        asked = AskedKeys(capacity: rows * 3)
    }

    /// Adds the keys of row `i` of `rows`; false when it has none.
    mutating func gather(_ rows: [KeyedRecord], _ i: Int) -> Bool {
        // Each key reached in place: binding the row's keys (`if let k = rows[i].keys`) would
        // copy every string they hold. Each is hashed where it lies before anything is counted
        // (around a call the compiler cannot see into it was copied), and read out again only
        // when the store may hold it.
        guard let n = rows[i].keys?.references.count else { return false }
        if let nameKey = rows[i].keys?.subject?.nameKey, let initialsKey = rows[i].keys?.subject?.initialsKey {
            var snilsHash: (UInt64, UInt64)?
            if let x = rows[i].keys?.subject?.snils { snilsHash = keyHashes(x) }
            let h = (snils: snilsHash, name: keyHashes(nameKey), initials: keyHashes(initialsKey))
            if let s = h.snils, counted(s), let x = rows[i].keys?.subject?.snils { snils.insert(x) }
            if counted(h.name), let x = rows[i].keys?.subject?.nameKey { names.insert(x) }
            if counted(h.initials), let x = rows[i].keys?.subject?.initialsKey { initials.insert(x) }
        }
        for j in 0..<n {
            guard let nameKey = rows[i].keys?.references[j].nameKey, let initialsKey = rows[i].keys?.references[j].initialsKey
            else { continue }
            var snilsHash: (UInt64, UInt64)?
            if let x = rows[i].keys?.references[j].snils { snilsHash = keyHashes(x) }
            let h = (snils: snilsHash, name: keyHashes(nameKey), initials: keyHashes(initialsKey))
            if let s = h.snils, counted(s), let x = rows[i].keys?.references[j].snils { snils.insert(x) }
            if counted(h.name), let x = rows[i].keys?.references[j].nameKey { names.insert(x) }
            if counted(h.initials), let x = rows[i].keys?.references[j].initialsKey { initials.insert(x) }
        }
        return true
    }

    /// Counts a question about the key whose `keyHashes` are `h` and tells whether the store may hold it.
    private mutating func counted(_ h: (UInt64, UInt64)) -> Bool {
        asked?.add(hashes: h)
        return filter?.mayContain(hashes: h) ?? true
    }
}
