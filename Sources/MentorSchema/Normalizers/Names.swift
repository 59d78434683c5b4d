import Foundation
import MentorBase

/// Reads people's names: «Фамилия Имя Отчество», «Имя Отчество Фамилия», initials, Latin look-alikes.
public enum Names {
    static let patronymicEndings = ["ович", "евич", "ьич", "овна", "евна", "ична", "инична", "оглы", "кызы"]

    /// True when a word reads as a patronymic (`Петрович`, `Ильинична`).
    public static func isPatronymic(_ word: String) -> Bool {
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
    public static func parse(_ raw: String, fullNameRequired: Bool = true) -> Normalized {
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
        let words0: [String] = raw.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        var issues: [NormalizerIssue] = []
        let text = words0.joined(separator: " ")
        if hasDigit {
            return .error("type-error", ru: "в ФИО есть цифры: «\(text)»", en: "the name contains digits: “\(text)”",
                          hintRu: "впишите фамилию, имя и отчество буквами", hintEn: "write the surname, name and patronymic in letters")
        }
        // Split "И.И." into separate initials and separate words glued by a dot ("Иванов И.И.").
        var tokens: [String] = []
        for part in words0 {
            let p = String(part)
            let pieces = p.split(separator: ".", omittingEmptySubsequences: true)
            if pieces.count > 1 && pieces.allSatisfy({ $0.count <= 2 }) {
                for piece in pieces { tokens.append(String(piece) + ".") }
            } else if pieces.count > 1, let last = pieces.last, pieces.dropLast().allSatisfy({ $0.count == 1 }) {
                // "И.И.Иванов"
                for piece in pieces.dropLast() { tokens.append(String(piece) + ".") }
                tokens.append(String(last))
            } else {
                tokens.append(p)
            }
        }
        tokens = tokens.filter { !$0.isEmpty && $0 != "-" }
        guard !tokens.isEmpty else { return Normalized(nil) }

        // Latin letters inside Cyrillic words look the same but never match.
        var fixedTokens: [String] = []
        var hadLookalikes = false
        for t in tokens {
            let hasCyr = t.unicodeScalars.contains(where: Fold.isCyrillic)
            let hasLat = t.unicodeScalars.contains(where: Fold.isLatin)
            if hasCyr && hasLat {
                hadLookalikes = true
                var v = String.UnicodeScalarView()
                for c in t.unicodeScalars { v.append(Fold.latinLookalikes[c] ?? c) }
                fixedTokens.append(String(v))
            } else {
                fixedTokens.append(t)
            }
        }
        if hadLookalikes {
            let fixed = fixedTokens.joined(separator: " ")
            issues.append(NormalizerIssue("name-latin-letters", .warning,
                ru: "в ФИО латинские буквы, похожие на русские: «\(text)»",
                en: "the name mixes Latin letters that look Cyrillic: “\(text)”",
                hintRu: "перепечатайте русскими буквами: «\(fixed)»", hintEn: "retype in Cyrillic: “\(fixed)”"))
        }

        func isInitial(_ t: String) -> Bool {
            let letters = t.unicodeScalars.filter { $0 != "." }
            return letters.count == 1 && (t.hasSuffix(".") || t.count == 1)
        }
        let initials = tokens.filter(isInitial)
        let words = tokens.filter { !isInitial($0) }

        if !initials.isEmpty {
            guard words.count == 1 else {
                return Normalized(nil, issues + [NormalizerIssue("type-error", .error,
                    ru: "не удалось разобрать ФИО: «\(text)»", en: "cannot read the name: “\(text)”",
                    hintRu: "Фамилия Имя Отчество полностью", hintEn: "surname, name, patronymic in full")])
            }
            let name = PersonName(lastName: words[0], firstName: initials.first.map(initialForm),
                                  patronymic: initials.count > 1 ? initialForm(initials[1]) : nil, hasInitials: true)
            issues.append(NormalizerIssue("name-initials", .warning,
                ru: "ФИО с инициалами: «\(text)» — такую запись нельзя надежно сопоставить с человеком",
                en: "a name with initials: “\(text)” cannot be matched to a person reliably",
                hintRu: "впишите имя и отчество полностью", hintEn: "write the name and patronymic in full"))
            return Normalized(.name(name), issues)
        }

        switch words.count {
        case 1:
            let name = PersonName(lastName: words[0], firstName: nil, patronymic: nil)
            issues.append(NormalizerIssue("name-incomplete", fullNameRequired ? .error : .warning,
                ru: "указана только фамилия: «\(text)»", en: "only a surname is given: “\(text)”",
                hintRu: "Фамилия Имя Отчество полностью", hintEn: "surname, name, patronymic in full"))
            return Normalized(fullNameRequired ? nil : .name(name), issues)
        case 2:
            return Normalized(.name(PersonName(lastName: words[0], firstName: words[1], patronymic: nil)), issues)
        case 3:
            if !isPatronymic(words[2]) && isPatronymic(words[1]) {
                let name = PersonName(lastName: words[2], firstName: words[0], patronymic: words[1])
                issues.append(NormalizerIssue("name-order", .warning,
                    ru: "ФИО записано в порядке «Имя Отчество Фамилия»: «\(text)», прочитано как «\(name.display)»",
                    en: "the name is in “name patronymic surname” order: “\(text)”, read as “\(name.display)”",
                    hintRu: "пишите «Фамилия Имя Отчество»", hintEn: "write “surname name patronymic”"))
                return Normalized(.name(name), issues)
            }
            return Normalized(.name(PersonName(lastName: words[0], firstName: words[1], patronymic: words[2])), issues)
        default:
            // "Мамедов Эльчин Рашид оглы": the patronymic may be two words.
            let tail = words[2...].joined(separator: " ")
            let name = PersonName(lastName: words[0], firstName: words[1], patronymic: tail)
            let lastKey = PersonName.foldKey(words[words.count - 1])
            if words.count == 4 && (lastKey == "оглы" || lastKey == "кызы" || lastKey == "улы" || lastKey == "кизи") {
                return Normalized(.name(name), issues)
            }
            issues.append(NormalizerIssue("name-unusual", .warning,
                ru: "в ФИО больше трех слов: «\(text)», прочитано как фамилия «\(words[0])», имя «\(words[1])», отчество «\(tail)»",
                en: "the name has more than three words: “\(text)”",
                hintRu: "проверьте, что в ячейке один человек", hintEn: "check that the cell names one person"))
            return Normalized(.name(name), issues)
        }
    }

    private static func initialForm(_ t: String) -> String {
        let letter = t.unicodeScalars.first { $0 != "." }.map { String($0) } ?? t
        return letter.uppercased() + "."
    }

    /// Several names in one cell, split on `;`, `,` or line breaks.
    public static func parseList(_ raw: String) -> Normalized {
        var values: [FieldValue] = []
        var issues: [NormalizerIssue] = []
        let parts = raw.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "\n" || $0 == "\r" })
        for p in parts {
            let t = Fold.spaces(String(p))
            if t.isEmpty { continue }
            let r = parse(t, fullNameRequired: false)
            issues += r.issues
            if let v = r.value { values.append(v) }
        }
        if values.isEmpty && issues.isEmpty { return Normalized(nil) }
        return Normalized(values.isEmpty ? nil : .list(values), issues)
    }
}
