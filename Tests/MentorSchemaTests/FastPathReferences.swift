import Foundation
import MentorBase
@testable import MentorSchema

// The code the fast paths replaced, kept verbatim as the reference they must agree with
// (FastPathTests). Where the former code called into a slow path that is unchanged, the
// reference calls the same slow path.

enum ReferenceFold {
    static func spaces(_ s: String) -> String {
        // Fast path over the bytes: most cells need nothing.
        var clean = true
        var prevSpace = true
        var t = s
        t.withUTF8 { b in
            for i in 0..<b.count {
                let c = b[i]
                if c == 0x20 {
                    if prevSpace { clean = false; return }
                    prevSpace = true
                } else if c == 0x09 || c == 0x0A || c == 0x0D || c == 0xC2 || c == 0xE2 {
                    // Tabs, line breaks, NBSP (C2 A0) and narrow spaces (E2 80 xx) take the slow path.
                    if c == 0xC2 && (i + 1 >= b.count || b[i + 1] != 0xA0) { prevSpace = false; continue }
                    if c == 0xE2 && (i + 2 >= b.count || b[i + 1] != 0x80 || (b[i + 2] != 0xAF && b[i + 2] != 0x87)) {
                        prevSpace = false
                        continue
                    }
                    clean = false
                    return
                } else {
                    prevSpace = false
                }
            }
        }
        if clean && (!prevSpace || s.isEmpty) { return s }
        var out = String.UnicodeScalarView()
        var pending = false
        for c in s.unicodeScalars {
            if c == "\n" || c == "\r" {
                pending = false
                if !out.isEmpty && out.last != "\n" { out.append("\n") }
            } else if Fold.isSpaceLike(c) {
                pending = true
            } else {
                if pending && !out.isEmpty && out.last != "\n" { out.append(" ") }
                pending = false
                out.append(c)
            }
        }
        while let l = out.last, l == "\n" { out.removeLast() }
        return String(out)
    }

}

enum ReferenceNames {
    static let patronymicEndings = Names.patronymicEndings

    /// True when a word reads as a patronymic (`Петрович`, `Ильинична`).
    static func isPatronymic(_ word: String) -> Bool {
        // Only the last six letters matter: fold just those, compare scalar values.
        var tail: [UInt32] = []
        tail.reserveCapacity(6)
        var count = 0
        for c in word.unicodeScalars.reversed() {
            count += 1
            if tail.count < 6 { tail.append(Fold.lower(Fold.cyrillicLookalike(c)).value) }
        }
        guard count > 4 else { return false }
        for e in endingScalars where e.count <= tail.count {
            var match = true
            for (i, v) in e.enumerated() where tail[i] != v { match = false; break }
            if match { return true }
        }
        return false
    }

    /// The endings as reversed scalar values.
    static let endingScalars: [[UInt32]] = patronymicEndings.map { $0.unicodeScalars.reversed().map(\.value) }

    /// Splits and checks one name. `required` decides whether a lone surname is an error or a warning.
    static func parse(_ raw: String, fullNameRequired: Bool = true) -> Normalized {
        // One pass over the bytes: words split on any space or line break; digits, dots and
        // scripts noted on the way. Words are cut from the original string, not rebuilt.
        // Up to four word ranges are kept inline; a fifth word sends the cell to the general path.
        var r0: Range<String.Index>?, r1: Range<String.Index>?, r2: Range<String.Index>?
        var wordCount = 0
        var shortWord = false
        var hasDigit = false, hasDot = false, mixed = false
        var wordCyr = false, wordLat = false
        let u = raw.utf8
        var start: String.Index?
        var i = u.startIndex
        func endWord(_ end: String.Index) {
            if let st = start {
                let r = st..<end
                switch wordCount {
                case 0: r0 = r
                case 1: r1 = r
                case 2: r2 = r
                default: break
                }
                wordCount += 1
                if u.distance(from: st, to: end) <= 2 { shortWord = true }
                if wordCyr && wordLat { mixed = true }
            }
            start = nil
            wordCyr = false
            wordLat = false
        }
        while i < u.endIndex {
            let b = u[i]
            var spaceLen = 0
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                spaceLen = 1
            } else if b == 0xC2, u.index(after: i) < u.endIndex, u[u.index(after: i)] == 0xA0 {
                spaceLen = 2
            } else if b == 0xE2 {
                let j = u.index(after: i)
                if j < u.endIndex, u[j] == 0x80, u.index(after: j) < u.endIndex {
                    let k = u[u.index(after: j)]
                    if k == 0xAF || k == 0x87 { spaceLen = 3 }
                }
            }
            if spaceLen > 0 {
                endWord(i)
                i = u.index(i, offsetBy: spaceLen)
                continue
            }
            if start == nil { start = i }
            if b >= 0x30 && b <= 0x39 { hasDigit = true } else if b == 0x2E { hasDot = true } else if b == 0xD0 || b == 0xD1 {
                wordCyr = true
            } else if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) { wordLat = true }
            i = u.index(after: i)
        }
        endWord(u.endIndex)
        if !hasDot && !hasDigit && !mixed && !shortWord, let r0, let r1 {
            // The common case: two or three whole words, cut straight from the cell.
            if wordCount == 2 { return Normalized(.name(PersonName(lastName: String(raw[r0]), firstName: String(raw[r1]), patronymic: nil))) }
            if wordCount == 3, let r2 {
                let third = String(raw[r2]), second = String(raw[r1])
                if isPatronymic(third) || !isPatronymic(second) {
                    return Normalized(.name(PersonName(lastName: String(raw[r0]), firstName: second, patronymic: third)))
                }
            }
        }
        return Names.parseGeneral(raw, hasDigit: hasDigit, fullNameRequired: fullNameRequired)
    }
}

enum ReferenceDates {
    @inline(__always) static func fastDayMonthYear(_ s: String) -> Dates.Parsed? {
        var u = s
        return u.withUTF8 { b -> Dates.Parsed? in
            guard b.count == 10, b[2] == 0x2E, b[5] == 0x2E else { return nil }
            var n = [Int](repeating: 0, count: 8)
            var k = 0
            for i in [0, 1, 3, 4, 6, 7, 8, 9] {
                let d = Int(b[i]) - 0x30
                guard d >= 0 && d <= 9 else { return nil }
                n[k] = d
                k += 1
            }
            let day = n[0] * 10 + n[1], month = n[2] * 10 + n[3], year = n[4] * 1000 + n[5] * 100 + n[6] * 10 + n[7]
            if let d = CalendarDate(year: year, month: month, day: day) { return .date(d) }
            return .nonexistent(s)
        }
    }

}

enum ReferencePhones {
    static func fastASCII(_ text: String) -> Normalized? {
        var t = text
        return t.withUTF8 { b -> Normalized? in
            var values: [FieldValue] = []
            // Up to 16 digits of the current number, packed into two words (no buffer allocated).
            var lo: UInt64 = 0, hi: UInt64 = 0
            var n = 0
            func digit(_ k: Int) -> UInt8 { k < 8 ? UInt8(truncatingIfNeeded: lo >> (8 * k)) : UInt8(truncatingIfNeeded: hi >> (8 * (k - 8))) }
            func flush() -> Bool {
                defer { n = 0; lo = 0; hi = 0 }
                if n == 0 { return true }
                var start = 0
                if n == 11 && (digit(0) == 0x37 || digit(0) == 0x38) { start = 1 } else if n != 10 { return false }
                let phone = String(unsafeUninitializedCapacity: 12) { out in
                    out[0] = 0x2B
                    out[1] = 0x37
                    for k in 0..<10 { out[2 + k] = digit(start + k) }
                    return 12
                }
                values.append(.phone(phone))
                return true
            }
            for c in b {
                if c >= 0x30 && c <= 0x39 {
                    guard n < 16 else { return nil }
                    if n < 8 { lo |= UInt64(c) << (8 * n) } else { hi |= UInt64(c) << (8 * (n - 8)) }
                    n += 1
                } else if c == 0x2C || c == 0x3B || c == 0x2F || c == 0x0A || c == 0x0D {
                    guard flush() else { return nil }
                } else if c == 0x20 || c == 0x28 || c == 0x29 || c == 0x2D || c == 0x2B || c == 0x2E {
                    // Spaces, brackets, dashes, dots and the plus inside a number.
                    if c == 0x2B && n > 0 { return nil }
                } else {
                    return nil
                }
            }
            guard flush(), !values.isEmpty else { return nil }
            return Normalized(.list(values))
        }
    }

}
