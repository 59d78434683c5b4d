@testable import MentorBase
import Testing

/// The small structures the planner keeps per import or per chunk answer what a `Set` would.
@Suite struct ChunkKeysTests {
    @Test func idBitsInsertLikeASet() {
        var bits = IDBits(base: 1_000)
        var set = Set<Int64>()
        // Below the base, dense above it, far above it, and each twice.
        let ids: [Int64] = [5, 999, 1_000, 1_001, 1_063, 1_064, 5_000, 1_000 + (1 << 26), 1 << 40, -3]
        for id in ids + ids.reversed() + [1_064, 5] {
            #expect(bits.insert(id) == set.insert(id).inserted, "\(id)")
        }
    }

    @Test func smallKeyFilterHasNoFalseNegatives() {
        var f = SmallKeyFilter()
        #expect(!f.mayContain("иванов иван"), "empty contains nothing")
        let keys = (0..<3_000).map { "фамилия \($0) и о" }
        for k in keys { f.add(k) }
        #expect(keys.allSatisfy { f.mayContain($0) })
        let wrong = (3_000..<13_000).filter { f.mayContain("фамилия \($0) и о") }.count
        #expect(wrong < 1_000, "a few per cent at most: \(wrong)")
        f.clear()
        #expect(!keys.contains { f.mayContain($0) })
    }

    @Test func keyHashesFollowTheBytes() {
        #expect(keyHashes("орлова нина") == keyHashes(String("орлова нина".reversed().reversed())))
        #expect(keyHashes("орлова нина") != keyHashes("орлова нинa"), "a Latin a differs")
        #expect(keyHashes("") != keyHashes(" "))
    }
}
