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

    mutating func add(_ key: String) {
        let (w, m) = KeyFilter.place(key)
        words[w] |= m
    }

    func mayContain(_ key: String) -> Bool { mayContain(hashes: keyHashes(key)) }

    /// `mayContain` of the key whose `keyHashes` are `h`.
    func mayContain(hashes h: (UInt64, UInt64)) -> Bool {
        let (w, m) = KeyFilter.place(hashes: h)
        return words[w] & m == m
    }

    /// Adds the keys of people a plan inserts or whose keys it changes.
    mutating func add(_ plan: RecordPlan) {
        for w in plan.writes where w.table == .people {
            switch w.action {
            case .insert(let cols):
                for c in cols where KeyFilter.isKeyColumn(c.column) {
                    if case .text(let k)? = c.value { add(k) }
                }
            case .update(let changes):
                for c in changes where KeyFilter.isKeyColumn(c.column) {
                    if case .text(let k)? = c.new { add(k) }
                }
            }
        }
    }

    @inline(__always)
    static func isKeyColumn(_ c: String) -> Bool {
        // By length first: most columns of a people row are told apart without comparing text.
        switch c.utf8.count {
        case 8: return c == "name_key"
        case 9: return c == "snils_key"
        case 12: return c == "initials_key"
        default: return false
        }
    }
}

extension RecordKeys {
    /// Calls `body` with the SNILS, name and initials keys of the subject and of each name, in
    /// place (the keys are not copied out of the record's).
    func forEachIdentity(_ body: (_ snils: String?, _ name: String, _ initials: String) -> Void) {
        if subject != nil { body(subject?.snils, subject?.nameKey ?? "", subject?.initialsKey ?? "") }
        for j in references.indices { body(references[j].snils, references[j].nameKey, references[j].initialsKey) }
    }
}
