import MentorBase

/// A Bloom filter over the identity keys (SNILS, name, initials) the store holds, kept for one import.
///
/// Every chunk of an import asks the store for the people sharing a key with its names. In a bulk
/// load almost every name is new, and each such question is an index probe that finds nothing.
/// With the filter the store asks only about keys it may hold: a key never added is certainly
/// absent (no false negatives), a key added or colliding is looked up as before. The size is
/// fixed, so memory does not grow with the file.
struct KeyFilter {
    /// 2^27 bits = 16 MiB: at three million keys (a million rows: name, initials, mentor) about
    /// one question in four thousand is a needless probe.
    static let bitCount = 1 << 27
    private var words: [UInt64]

    init() {
        words = Array(repeating: 0, count: KeyFilter.bitCount / 64)
    }

    /// Two independent 64-bit hashes of the key's bytes (FNV-1a with two offsets).
    @inline(__always)
    private static func hashes(_ key: String) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        var s = key
        s.withUTF8 { buf in
            for byte in buf {
                a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
            }
        }
        return (a ^ (a >> 29), b ^ (b >> 31) | 1)
    }

    mutating func add(_ key: String) {
        let (h1, h2) = KeyFilter.hashes(key)
        for i in 0..<3 as Range<UInt64> {
            let bit = Int(truncatingIfNeeded: (h1 &+ i &* h2) & UInt64(KeyFilter.bitCount - 1))
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    func mayContain(_ key: String) -> Bool {
        let (h1, h2) = KeyFilter.hashes(key)
        for i in 0..<3 as Range<UInt64> {
            let bit = Int(truncatingIfNeeded: (h1 &+ i &* h2) & UInt64(KeyFilter.bitCount - 1))
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Adds the keys of people a plan inserts or whose keys it changes.
    mutating func add(_ plan: RecordPlan) {
        for w in plan.writes where w.table == .people {
            switch w.action {
            case .insert(let cols):
                for c in cols where KeyFilter.keyColumns.contains(c.column) {
                    if case .text(let k)? = c.value { add(k) }
                }
            case .update(let changes):
                for c in changes where KeyFilter.keyColumns.contains(c.column) {
                    if case .text(let k)? = c.new { add(k) }
                }
            }
        }
    }

    static let keyColumns: Set<String> = ["name_key", "initials_key", "snils_key"]
}
