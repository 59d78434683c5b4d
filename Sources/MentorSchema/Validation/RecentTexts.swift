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
struct RecentTexts {
    static let slots = 4
    /// Lookups before a column may give up on repeats, and the hits it needs by then to go on.
    static let trial = 512
    static let minimumHits = 64

    private var texts: [String] = []
    private var outcomes: [CellOutcome] = []
    private var next = 0
    private var lookups = 0
    private var hits = 0
    private(set) var enabled = true

    /// The outcome remembered for a text equal to `s`, byte for byte.
    @inline(__always)
    mutating func lookup(_ s: String) -> CellOutcome? {
        lookups &+= 1
        let n = s.utf8.count
        for k in texts.indices where texts[k].utf8.count == n && RecentTexts.sameBytes(texts[k], s) {
            hits &+= 1
            return outcomes[k]
        }
        if lookups == RecentTexts.trial && hits < RecentTexts.minimumHits {
            enabled = false
            texts = []
            outcomes = []
        }
        return nil
    }

    mutating func remember(_ s: String, _ o: CellOutcome) {
        guard enabled else { return }
        if texts.count < RecentTexts.slots {
            texts.append(s)
            outcomes.append(o)
        } else {
            texts[next] = s
            outcomes[next] = o
            next = (next + 1) % RecentTexts.slots
        }
    }

    /// Equal UTF-8 bytes (the lengths are already known to match).
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let r = a.utf8.withContiguousStorageIfAvailable { p in
            b.utf8.withContiguousStorageIfAvailable { q -> Bool in
                guard p.count == q.count else { return false }
                guard let x = p.baseAddress, let y = q.baseAddress else { return true }
                return memcmp(x, y, p.count) == 0
            }
        }
        if let r, let r { return r }
        return a.utf8.elementsEqual(b.utf8)
    }
}
