import Foundation
import MentorBase

/// What one cell came to: a missing value, or what its normaliser made of it (with the kinds
/// a form-and-kind cell names beside the form). A reference, so keeping and handing it out
/// costs one retain rather than a copy of every part.
final class CellOutcome: Sendable {
    let isMissing: Bool
    let value: FieldValue?
    let issues: [NormalizerIssue]
    let kinds: [FieldValue]

    init(value: FieldValue?, issues: [NormalizerIssue], kinds: [FieldValue]) {
        self.isMissing = false
        self.value = value
        self.issues = issues
        self.kinds = kinds
    }

    private init() {
        isMissing = true
        value = nil
        issues = []
        kinds = []
    }

    /// The outcome of every missing cell.
    static let missing = CellOutcome()
}

/// The last few distinct texts of one column and their outcomes.
///
/// Columns repeat a handful of values (the school, the mentor, the form, the category): a
/// repeated spelling is found by comparing bytes with four recent ones, which costs far less
/// than hashing it for a dictionary, and far less than reading it again. A column whose values
/// rarely repeat (names, phones) stops looking after a while; the outcome is the same either
/// way, only the work differs.
///
/// The texts are kept as bytes in fixed slots, so a lookup touches no String but the one asked
/// about; one per field, used by one validator on one thread.
final class RecentTexts {
    static let slots = 4
    /// Longer texts are not remembered (a category label is about 110 bytes).
    static let slotBytes = 160
    /// Lookups before a column may give up on repeats, and the hits it needs by then to go on.
    static let trial = 512
    static let minimumHits = 64

    private let bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var lengths: (Int, Int, Int, Int) = (-1, -1, -1, -1)
    @exclusivity(unchecked) private var outcomes: (CellOutcome?, CellOutcome?, CellOutcome?, CellOutcome?) = (nil, nil, nil, nil)
    @exclusivity(unchecked) private var next = 0
    @exclusivity(unchecked) private var lookups = 0
    @exclusivity(unchecked) private var hits = 0
    @exclusivity(unchecked) private(set) var enabled = true

    init() {
        bytes = .allocate(capacity: RecentTexts.slots * RecentTexts.slotBytes)
    }

    deinit { bytes.deallocate() }

    @inline(__always) private func length(_ k: Int) -> Int {
        switch k {
        case 0: return lengths.0
        case 1: return lengths.1
        case 2: return lengths.2
        default: return lengths.3
        }
    }

    /// The outcome remembered for a text equal to `s`, byte for byte, unretained: the slots keep it
    /// until the next `remember`, so a caller that reads it before then pays no retain and release.
    @inline(__always)
    func lookupUnretained(_ s: String) -> Unmanaged<CellOutcome>? {
        guard let slot = find(s) else { return nil }
        switch slot {
        case 0: return outcomes.0.map { Unmanaged.passUnretained($0) }
        case 1: return outcomes.1.map { Unmanaged.passUnretained($0) }
        case 2: return outcomes.2.map { Unmanaged.passUnretained($0) }
        default: return outcomes.3.map { Unmanaged.passUnretained($0) }
        }
    }

    /// The slot holding a text equal to `s`; nil when none does (and, after the trial, turns
    /// the column's lookups off when they rarely hit).
    @inline(__always)
    private func find(_ s: String) -> Int? {
        lookups &+= 1
        let slot: Int? = s.utf8.withContiguousStorageIfAvailable { p -> Int? in
            let n = p.count
            guard n <= RecentTexts.slotBytes else { return nil }
            for k in 0..<RecentTexts.slots where length(k) == n {
                guard let base = p.baseAddress else { return k }
                if memcmp(bytes + k * RecentTexts.slotBytes, base, n) == 0 { return k }
            }
            return nil
        } ?? nil
        if let slot {
            hits &+= 1
            return slot
        }
        if lookups == RecentTexts.trial && hits < RecentTexts.minimumHits {
            enabled = false
            lengths = (-1, -1, -1, -1)
            outcomes = (nil, nil, nil, nil)
        }
        return nil
    }

    func remember(_ s: String, _ o: CellOutcome) {
        guard enabled else { return }
        let k = next
        let stored: Bool = s.utf8.withContiguousStorageIfAvailable { p -> Bool in
            guard p.count <= RecentTexts.slotBytes else { return false }
            if let base = p.baseAddress { (bytes + k * RecentTexts.slotBytes).update(from: base, count: p.count) }
            switch k {
            case 0: lengths.0 = p.count
            case 1: lengths.1 = p.count
            case 2: lengths.2 = p.count
            default: lengths.3 = p.count
            }
            return true
        } ?? false
        guard stored else { return }
        switch k {
        case 0: outcomes.0 = o
        case 1: outcomes.1 = o
        case 2: outcomes.2 = o
        default: outcomes.3 = o
        }
        next = (k + 1) % RecentTexts.slots
    }
}
