import Foundation
import MentorBase
import MentorStore
import Testing

/// A small seeded generator (SplitMix64), so a failing order can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct OrderPropertyTests {
    /// Importing the same set of files in any order gives the same store, and re-importing any of
    /// them afterwards changes nothing.
    @Test(arguments: Backend.enabled)
    func anyImportOrderGivesTheSameStore(_ backend: Backend) throws {
        let files = School.all + [School.revocation]
        let reference: String = try {
            let s = try backend.makeStore()
            defer { s.close() }
            for f in files { try importRecords(s, f) }
            return try dump(s)
        }()
        var rng = SeededRandom(seed: 20_250_115)
        let trials = backend == .sqlite ? 24 : 8
        for trial in 0..<trials {
            let order = files.shuffled(using: &rng)
            let store = try backend.makeStore()
            defer { store.close() }
            for f in order { try importRecords(store, f) }
            let got = try dump(store)
            #expect(got == reference, "trial \(trial): order \(order.map(\.name))")
            for f in order.shuffled(using: &rng) {
                let again = try importRecords(store, f, recheck: true)
                #expect(again.count(.new) == 0 && again.count(.updated) == 0, "re-import of \(f.name) in trial \(trial)")
            }
            #expect(try dump(store) == reference)
        }
    }
}
