import Foundation
import MentorBase

/// Class names: «7 «Б»», «7б», «10-А», «7B» (Latin) → «7Б».
public enum ClassNames {
    private static let memo = Memo()

    public static func normalize(_ cell: Cell) -> Normalized {
        if case .number(let n) = cell, n == n.rounded(), n >= 1, n <= 11 { return Normalized(.text(String(Int(n)))) }
        if case .text(let s) = cell, let fast = plain(s) { return Normalized(.text(fast)) }
        let raw = cell.trimmedText
        return memo.value(for: raw) { compute(raw) }
    }

    /// The common spelling read from the bytes: one or two digits (a grade 1–11) and at most one
    /// Cyrillic letter of А–Я, а–я, Ё, ё, nothing else («7Б», «10а», «11»). Nil for anything
    /// else, which takes the full path (`compute`, the reference this must agree with).
    static func plain(_ s: String) -> String? {
        s.utf8.withContiguousStorageIfAvailable { b -> String? in
            let n = b.count
            guard n >= 1 && n <= 4 else { return nil }
            var grade = 0, digits = 0, i = 0
            while i < n, b[i] >= 0x30 && b[i] <= 0x39 {
                grade = grade * 10 + Int(b[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits >= 1 && digits <= 2, grade >= 1 && grade <= 11 else { return nil }
            var upper: UInt32 = 0
            if i < n {
                guard n - i == 2, b[i] == 0xD0 || b[i] == 0xD1 else { return nil }
                let v = (UInt32(b[i] & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F)
                switch v {
                case 0x410...0x42F, 0x401: upper = v
                case 0x430...0x44F: upper = v - 0x20
                case 0x451: upper = 0x401
                default: return nil
                }
            }
            // The grade without a leading zero, then the letter's two UTF-8 bytes (a small string).
            let length = (grade >= 10 ? 2 : 1) + (upper == 0 ? 0 : 2)
            return String(unsafeUninitializedCapacity: length) { out in
                var k = 0
                if grade >= 10 {
                    out[0] = 0x31
                    out[1] = UInt8(0x30 + grade - 10)
                    k = 2
                } else {
                    out[0] = UInt8(0x30 + grade)
                    k = 1
                }
                if upper != 0 {
                    out[k] = UInt8(0xC0 | (upper >> 6))
                    out[k + 1] = UInt8(0x80 | (upper & 0x3F))
                    k += 2
                }
                return k
            }
        } ?? nil
    }

    /// The full reading, without the fast path (for the tests comparing both).
    static func general(_ raw: String) -> Normalized { compute(Fold.spaces(raw)) }

    private static func compute(_ raw: String) -> Normalized {
        var s = raw.lowercased().replacingOccurrences(of: "класс", with: "").replacingOccurrences(of: "кл.", with: "")
        if s.hasSuffix("кл") { s.removeLast(2) }
        var digits = ""
        var letters = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if Fold.isDigit(c) {
                guard letters.isEmpty else { return unreadable(raw) }
                digits.unicodeScalars.append(c)
            } else if Fold.isCyrillic(c) {
                letters.append(c)
            } else if Fold.isLatin(c) {
                guard let cyr = Fold.latinLookalikes[Unicode.Scalar(c.value >= 0x61 ? c.value - 32 : c.value)!] else {
                    return unreadable(raw)
                }
                letters.append(cyr)
            } else if " -–—\"«»'“”„()".unicodeScalars.contains(c) {
                continue
            } else {
                return unreadable(raw)
            }
        }
        guard !digits.isEmpty, digits.count <= 2, let grade = Int(digits), letters.count <= 1 else { return unreadable(raw) }
        guard (1...11).contains(grade) else {
            return .error("constraint-error", ru: "нет такого класса: «\(raw)» (бывают 1–11)", en: "no such grade: “\(raw)” (1–11)",
                          hintRu: "например 7Б", hintEn: "e.g. 7Б")
        }
        return Normalized(.text(String(grade) + String(letters).uppercased()))
    }

    /// True when text reads as a class name (a «Должность/класс» cell holding «8А»).
    public static func looksLikeClass(_ text: String) -> Bool {
        guard text.unicodeScalars.first.map(Fold.isDigit) == true, text.count <= 12 else { return false }
        let r = normalize(.text(text))
        return r.value != nil && r.issues.isEmpty
    }

    private static func unreadable(_ raw: String) -> Normalized {
        .error("type-error", ru: "не похоже на класс: «\(raw)»", en: "not a class name: “\(raw)”",
               hintRu: "номер и буква, например 7Б", hintEn: "a grade and a letter, e.g. 7Б")
    }
}

/// Yes/no cells: the schema's true and false values, case folded; booleans and 1/0 numbers too.
public struct BooleanReader: Sendable {
    let trueValues: Set<String>
    let falseValues: Set<String>

    public init(trueValues: [String], falseValues: [String]) {
        self.trueValues = Set(trueValues.map { Fold.spaces($0).lowercased() })
        self.falseValues = Set(falseValues.map { Fold.spaces($0).lowercased() })
    }

    public func normalize(_ cell: Cell) -> Normalized {
        switch cell {
        case .boolean(let b): return Normalized(.boolean(b))
        case .number(let n) where n == 1 || n == 0: return Normalized(.boolean(n == 1))
        default: break
        }
        let t = cell.trimmedText.lowercased()
        if trueValues.contains(t) { return Normalized(.boolean(true)) }
        if falseValues.contains(t) { return Normalized(.boolean(false)) }
        let raw = cell.trimmedText
        return .error("type-error", ru: "ожидалось «да» или «нет»: «\(raw)»", en: "expected yes or no: “\(raw)”",
                      hintRu: "да / нет (также + / -, 1 / 0)", hintEn: "да / нет (also + / -, 1 / 0)")
    }
}

/// Whole numbers: «5», «5 лет», «8 из 10», «8/10», a number cell.
public enum Numbers {
    public static func integer(_ cell: Cell) -> Normalized {
        if case .number(let n) = cell {
            if n == n.rounded(), abs(n) < 1e15 { return Normalized(.integer(Int(n))) }
            return notInteger(cell.trimmedText)
        }
        if case .text(let raw) = cell, let n = plainDigits(raw) { return Normalized(.integer(n)) }
        let s = cell.trimmedText.lowercased()
        var digits = Substring(s)
        var sign = 1
        if digits.hasPrefix("-") { sign = -1; digits = digits.dropFirst() }
        let numEnd = digits.firstIndex(where: { !($0.isASCII && $0.isNumber) }) ?? digits.endIndex
        guard numEnd != digits.startIndex, let n = Int(digits[..<numEnd]) else { return notInteger(s) }
        let rest = Fold.spaces(String(digits[numEnd...]))
        let allowed = ["", "лет", "год", "года", "г", "г.", "полных лет", "из 10", "/10", "/ 10", "баллов", "балла", "балл"]
        guard allowed.contains(rest) || rest.hasPrefix("из ") || rest.hasPrefix("/") else { return notInteger(s) }
        return Normalized(.integer(sign * n))
    }

    /// One to eighteen ASCII digits and nothing else, read from the bytes (18 digits cannot overflow).
    static func plainDigits(_ raw: String) -> Int? {
        raw.utf8.withContiguousStorageIfAvailable { b -> Int? in
            guard b.count >= 1 && b.count <= 18 else { return nil }
            var n = 0
            for c in b {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                n = n * 10 + Int(c - 0x30)
            }
            return n
        } ?? nil
    }

    public static func number(_ cell: Cell) -> Normalized {
        if case .number(let n) = cell { return Normalized(.number(n)) }
        let s = cell.trimmedText.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
        if let n = Double(s), n.isFinite { return Normalized(.number(n)) }
        return .error("type-error", ru: "не число: «\(cell.trimmedText)»", en: "not a number: “\(cell.trimmedText)”")
    }

    public static func year(_ cell: Cell) -> Normalized {
        let r = integer(cell)
        if case .integer(let y)? = r.value, (1900...2100).contains(y) { return Normalized(.year(y)) }
        return .error("type-error", ru: "не год: «\(cell.trimmedText)»", en: "not a year: “\(cell.trimmedText)”",
                      hintRu: "четыре цифры, например 2010", hintEn: "four digits, e.g. 2010")
    }

    private static func notInteger(_ s: String) -> Normalized {
        .error("type-error", ru: "не целое число: «\(s)»", en: "not a whole number: “\(s)”",
               hintRu: "целое число, например 3", hintEn: "a whole number, e.g. 3")
    }
}

/// Links: `https://…`; a bare `www.…` gets `https://`.
public enum Links {
    public static func normalize(_ cell: Cell) -> Normalized {
        var s = cell.trimmedText
        if s.lowercased().hasPrefix("www.") { s = "https://" + s }
        let lower = s.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            return .error("type-error", ru: "не ссылка: «\(cell.trimmedText)»", en: "not a link: “\(cell.trimmedText)”",
                          hintRu: "полный адрес, начинается с https://", hintEn: "a full address starting with https://")
        }
        let host = lower.drop(while: { $0 != "/" }).dropFirst(2).prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        guard host.contains("."), !s.contains(" ") else {
            return .error("type-error", ru: "не ссылка: «\(cell.trimmedText)»", en: "not a link: “\(cell.trimmedText)”",
                          hintRu: "полный адрес, начинается с https://", hintEn: "a full address starting with https://")
        }
        return Normalized(.text(s))
    }
}

/// School years: «2022-2023 уч. г.», «2022/23», «2022–2023» → «2022/2023».
public enum SchoolYears {
    public static func normalize(_ cell: Cell) -> Normalized {
        let raw = cell.trimmedText
        var nums: [Int] = []
        var cur = ""
        for c in raw {
            if c.isASCII && c.isNumber { cur.append(c) } else if !cur.isEmpty { nums.append(Int(cur) ?? -1); cur = "" }
        }
        if !cur.isEmpty { nums.append(Int(cur) ?? -1) }
        guard nums.count == 2, nums[0] >= 1990, nums[0] <= 2100 else {
            return .error("type-error", ru: "не учебный год: «\(raw)»", en: "not a school year: “\(raw)”",
                          hintRu: "например 2022/2023", hintEn: "e.g. 2022/2023")
        }
        var second = nums[1]
        if second < 100 { second += (nums[0] / 100) * 100 }
        guard second == nums[0] + 1 else {
            return .error("constraint-error", ru: "годы учебного года идут не подряд: «\(raw)»", en: "the school year's years are not consecutive: “\(raw)”",
                          hintRu: "например 2022/2023", hintEn: "e.g. 2022/2023")
        }
        return Normalized(.text("\(nums[0])/\(second)"))
    }

    /// The first and last day of a school year `2022/2023`: 01.09.2022–31.08.2023.
    public static func bounds(_ year: String) -> ClosedRange<CalendarDate>? {
        let p = year.split(separator: "/")
        guard p.count == 2, let a = Int(p[0]), let b = Int(p[1]),
              let from = CalendarDate(year: a, month: 9, day: 1), let to = CalendarDate(year: b, month: 8, day: 31) else { return nil }
        return from...to
    }
}
