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

    /// Two 64-bit hashes of the key's bytes, eight bytes at a time (a multiply-xorshift mix).
    @inline(__always)
    private static func hashes(_ key: String) -> (UInt64, UInt64) {
        var h: UInt64 = 0x9e37_79b9_7f4a_7c15
        var s = key
        s.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
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
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(buf[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94d0_49bb_1331_11eb
            h ^= h >> 29
        }
        var g = (h ^ 0x2545_f491_4f6c_dd1d) &* 0xbf58_476d_1ce4_e5b9
        g ^= g >> 32
        return (h, g)
    }

    /// A 64-bit fingerprint of the key's bytes (equal keys, equal fingerprints; unequal ones
    /// collide about once in 2^64).
    @inline(__always)
    static func fingerprint(_ key: String) -> UInt64 { KeyFilter.hashes(key).0 }

    /// The key's word and its three bits in it.
    @inline(__always)
    private static func place(_ key: String) -> (word: Int, mask: UInt64) {
        let (h1, h2) = KeyFilter.hashes(key)
        let word = Int(truncatingIfNeeded: h1 >> 32) & (KeyFilter.bitCount / 64 - 1)
        let mask = (1 as UInt64) << (h2 & 63) | (1 as UInt64) << ((h2 >> 6) & 63) | (1 as UInt64) << ((h2 >> 12) & 63)
        return (word, mask)
    }

    mutating func add(_ key: String) {
        let (w, m) = KeyFilter.place(key)
        words[w] |= m
    }

    func mayContain(_ key: String) -> Bool {
        let (w, m) = KeyFilter.place(key)
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
