import Foundation
import MentorBase

/// Phones: `+7XXXXXXXXXX`, several per cell, numbers Excel stored as numbers.
public enum Phones {
    /// Every phone in a cell, normalised; parts that are not phones are errors.
    public static func normalize(_ cell: Cell) -> Normalized {
        if case .number(let n) = cell {
            guard n.isFinite, n >= 0, n == n.rounded(), n < 1e15 else {
                return .error("phone-invalid", ru: "не номер телефона: «\(cell.trimmedText)»", en: "not a phone number: “\(cell.trimmedText)”")
            }
            return normalize(text: String(Int64(n)))
        }
        // Spaces only separate: the fast path reads a cell before its spaces are folded.
        if case .text(let s) = cell, let fast = fastASCII(s) { return fast }
        return normalize(text: cell.trimmedText)
    }

    /// Splits on `,`, `;`, `/`, line breaks and « или »; a part with 22 digits holds two numbers.
    public static func normalize(text: String) -> Normalized {
        if let fast = fastASCII(text) { return fast }
        return normalizeGeneral(text: text)
    }

    /// `normalize(text:)` without the fast path: the reference the fast path must agree with.
    static func normalizeGeneral(text: String) -> Normalized {
        var values: [FieldValue] = []
        var issues: [NormalizerIssue] = []
        let unified = text.utf8.count > 24 && text.contains(" или ") ? text.replacingOccurrences(of: " или ", with: ";") : text
        for part in unified.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" || $0 == "\n" || $0 == "\r" }) {
            let raw = Fold.spaces(String(part))
            var digits: [UInt8] = []
            var hasPlus = false
            for b in raw.utf8 {
                if b >= 0x30 && b <= 0x39 { digits.append(b) } else if b == 0x2B && digits.isEmpty { hasPlus = true }
            }
            if digits.isEmpty {
                if raw.isEmpty { continue }
                issues.append(NormalizerIssue("phone-invalid", .error, ru: "не номер телефона: «\(raw)»", en: "not a phone number: “\(raw)”",
                                              hintRu: "+7XXXXXXXXXX", hintEn: "+7XXXXXXXXXX"))
                continue
            }
            var chunks: [[UInt8]] = [digits]
            if digits.count == 22, digits[0] == 0x37 || digits[0] == 0x38, digits[11] == 0x37 || digits[11] == 0x38 {
                chunks = [Array(digits[0..<11]), Array(digits[11...])]
            }
            for d in chunks {
                if let p = russian(d) {
                    values.append(.phone(p))
                } else if hasPlus && d.count >= 11 && d.count <= 15 {
                    let p = "+" + String(decoding: d, as: UTF8.self)
                    values.append(.phone(p))
                    issues.append(NormalizerIssue("phone-foreign", .warning, ru: "номер не российский: «\(raw)»",
                                                  en: "not a Russian number: “\(raw)”",
                                                  hintRu: "проверьте код страны", hintEn: "check the country code"))
                } else {
                    issues.append(NormalizerIssue("phone-invalid", .error,
                        ru: "неполный или лишний номер: «\(raw)» (\(d.count) цифр)",
                        en: "not a full phone number: “\(raw)” (\(d.count) digits)",
                        hintRu: "нужно 10 цифр после +7, например +79161234567", hintEn: "10 digits after +7, e.g. +79161234567"))
                }
            }
        }
        if values.isEmpty { return Normalized(nil, issues) }
        return Normalized(.list(values), issues)
    }

    /// Plain ASCII cells of digits, spaces, `()+-` and separators: read straight from the bytes.
    /// Anything unusual (letters, foreign numbers, odd lengths, a part with signs but no digits,
    /// which the full path reports) returns nil and takes the full path.
    static func fastASCII(_ text: String) -> Normalized? {
        fastNumbers(text).map { Normalized(.list($0)) }
    }

    /// The numbers `fastASCII` reads, before they are wrapped (the validator takes them as they are).
    static func fastNumbers(_ text: String) -> [FieldValue]? {
        let found = text.utf8.withContiguousStorageIfAvailable { b -> [FieldValue]? in
            var values: [FieldValue] = []
            var number = PackedDigits()
            // The part since the last separator holds something besides spaces.
            var marked = false
            for c in b {
                if c >= 0x30 && c <= 0x39 {
                    guard number.count < 16 else { return nil }
                    number.append(c)
                } else if c == 0x2C || c == 0x3B || c == 0x2F || c == 0x0A || c == 0x0D {
                    guard number.count > 0 || !marked, number.flush(into: &values) else { return nil }
                    marked = false
                    continue
                } else if c == 0x20 || c == 0x28 || c == 0x29 || c == 0x2D || c == 0x2B || c == 0x2E {
                    // Spaces, brackets, dashes, dots and the plus inside a number.
                    if c == 0x2B && number.count > 0 { return nil }
                } else {
                    return nil
                }
                if c != 0x20 { marked = true }
            }
            guard number.count > 0 || !marked, number.flush(into: &values), !values.isEmpty else { return nil }
            return values
        }
        return found ?? nil
    }

    /// Up to 16 digits of one number, packed into two words (no buffer allocated).
    struct PackedDigits {
        private var lo: UInt64 = 0, hi: UInt64 = 0
        private(set) var count = 0

        @inline(__always) mutating func append(_ c: UInt8) {
            if count < 8 { lo |= UInt64(c) << (8 * UInt64(count)) } else { hi |= UInt64(c) << (8 * UInt64(count - 8)) }
            count += 1
        }

        @inline(__always) func digit(_ k: Int) -> UInt8 {
            k < 8 ? UInt8(truncatingIfNeeded: lo >> (8 * UInt64(k))) : UInt8(truncatingIfNeeded: hi >> (8 * UInt64(k - 8)))
        }

        /// Ends the number: a Russian one (10 digits, or 11 starting with 7 or 8) goes into `values`
        /// as `+7` and ten digits; false for any other length. Nothing pending is fine.
        mutating func flush(into values: inout [FieldValue]) -> Bool {
            defer { self = PackedDigits() }
            if count == 0 { return true }
            var start = 0
            if count == 11 && (digit(0) == 0x37 || digit(0) == 0x38) { start = 1 } else if count != 10 { return false }
            let digits = self
            let phone = String(unsafeUninitializedCapacity: 12) { out in
                out[0] = 0x2B
                out[1] = 0x37
                for k in 0..<10 { out[2 + k] = digits.digit(start + k) }
                return 12
            }
            values.append(.phone(phone))
            return true
        }
    }

    /// 11 digits starting with 7 or 8, or 10 digits: `+7` and the last ten.
    static func russian(_ d: [UInt8]) -> String? {
        if d.count == 11 && (d[0] == 0x37 || d[0] == 0x38) {
            return "+7" + String(decoding: d[1...], as: UTF8.self)
        }
        if d.count == 10 { return "+7" + String(decoding: d, as: UTF8.self) }
        return nil
    }
}

/// E-mail addresses: lower case, several per cell.
public enum Emails {
    public static func normalize(_ cell: Cell) -> Normalized {
        let text = cell.trimmedText
        var values: [FieldValue] = []
        var issues: [NormalizerIssue] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "\n" }) {
            let e = String(part).lowercased()
            if isValid(e) {
                values.append(.email(e))
            } else {
                issues.append(NormalizerIssue("email-invalid", .error, ru: "неверный адрес электронной почты: «\(part)»",
                                              en: "not an e-mail address: “\(part)”",
                                              hintRu: "имя@домен.ru, например ivanova@mail.ru", hintEn: "name@domain, e.g. ivanova@mail.ru"))
            }
        }
        if values.isEmpty { return Normalized(nil, issues) }
        return Normalized(.list(values), issues)
    }

    /// One `@`, a non-empty local part, a domain with a dot and a top level of two letters or more.
    public static func isValid(_ e: String) -> Bool {
        let parts = e.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let local = parts[0], domain = parts[1]
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        for c in local.unicodeScalars {
            guard Fold.isLatin(c) || Fold.isDigit(c) || "._%+-!#$&'*/=?^`{|}~".unicodeScalars.contains(c) else { return false }
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { return false }
        for l in labels {
            for c in l.unicodeScalars { guard Fold.isLetter(c) || Fold.isDigit(c) || c == "-" else { return false } }
        }
        guard let tld = labels.last, tld.count >= 2, tld.unicodeScalars.allSatisfy(Fold.isLetter) else { return false }
        return true
    }
}

/// SNILS, the pension insurance number: `XXX-XXX-XXX YY` with a check sum.
public enum SNILS {
    /// The check number of the first nine digits: S = Σ dᵢ·(10−i); S < 100 → S; 100, 101 → 0; else S mod 101 (100 → 0).
    public static func checksum(_ nine: [Int]) -> Int {
        var s = 0
        for (i, d) in nine.enumerated() { s += d * (9 - i) }
        if s < 100 { return s }
        if s == 100 || s == 101 { return 0 }
        let r = s % 101
        return r == 100 ? 0 : r
    }

    /// Numbers up to 001-001-998 were issued before check sums existed.
    public static func carriesCheck(_ nine: [Int]) -> Bool {
        nine.reduce(0) { $0 * 10 + $1 } > 1_001_998
    }

    public static func normalize(_ cell: Cell) -> Normalized {
        var digits: [Int] = []
        var raw = cell.trimmedText
        if case .number(let n) = cell, n.isFinite, n >= 0, n == n.rounded(), n < 1e11 {
            // Excel dropped the leading zeros of a number.
            raw = String(Int64(n))
            digits = raw.utf8.map { Int($0 - 0x30) }
            while digits.count < 11 { digits.insert(0, at: 0) }
        } else {
            for b in raw.utf8 where b >= 0x30 && b <= 0x39 { digits.append(Int(b - 0x30)) }
            let others = raw.unicodeScalars.filter { !Fold.isDigit($0) && $0 != "-" && $0 != " " }
            if !others.isEmpty { digits = [] }
        }
        guard digits.count == 11 else {
            return .error("snils-invalid", ru: "СНИЛС должен состоять из 11 цифр: «\(raw)»", en: "a SNILS has 11 digits: “\(raw)”",
                          hintRu: "XXX-XXX-XXX YY, например 112-233-445 95", hintEn: "XXX-XXX-XXX YY, e.g. 112-233-445 95")
        }
        let nine = Array(digits[0..<9])
        let check = digits[9] * 10 + digits[10]
        let formatted = "\(nine[0])\(nine[1])\(nine[2])-\(nine[3])\(nine[4])\(nine[5])-\(nine[6])\(nine[7])\(nine[8]) \(digits[9])\(digits[10])"
        if carriesCheck(nine) {
            let expected = checksum(nine)
            if expected != check {
                return .error("snils-checksum", ru: "не сходится контрольное число СНИЛС «\(formatted)»",
                              en: "the SNILS check number does not match: “\(formatted)”",
                              hintRu: "сверьте номер с документом: вероятно, опечатка в цифрах",
                              hintEn: "compare with the document: probably a typo")
            }
        }
        return Normalized(.text(formatted))
    }
}
