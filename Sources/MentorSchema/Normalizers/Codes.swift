import Foundation
import MentorBase

/// Matches what people type to the codes of a coded field: the code itself, its label, its synonyms.
///
/// Text is compared after `Fold.compact` (case, `ё`, spaces, dashes, quotes and punctuation folded).
/// A cell with several answers is split on `,`, `;` and line breaks; within each part the longest
/// labels are taken first, so «ученик – ученик, традиционное» and
/// «не принимающие участие в жизни школы, отстраненные от коллектива» both read right.
public final class CodeMatcher: @unchecked Sendable {
    // @unchecked: the tables are built in `init` and never change; the cache is guarded by a lock.
    public struct Entry: Sendable, Hashable {
        public var folded: String
        public var code: String
    }

    let exact: [String: String]
    /// Longest first.
    let entries: [Entry]
    let stopWords: Set<String>
    public let codes: [CodeDescriptor]
    private var cache: [ByteKey: Match] = [:]
    private let lock = NSLockish()

    /// What one text matched: the codes in order of appearance and the parts left unknown.
    public struct Match: Sendable, Hashable {
        public var codes: [String]
        public var unknown: [String]
    }

    public init(codes: [CodeDescriptor], stopWords: Set<String> = []) {
        self.codes = codes
        self.stopWords = stopWords
        var exact: [String: String] = [:]
        var entries: [Entry] = []
        for c in codes {
            for spelling in [c.value, c.label, c.labelEn] + (c.synonyms ?? []) {
                let f = Fold.compact(spelling, dropping: stopWords)
                guard !f.isEmpty else { continue }
                if exact[f] == nil { exact[f] = c.value }
                entries.append(Entry(folded: f, code: c.value))
            }
        }
        self.exact = exact
        self.entries = entries.sortedLongestFirst(by: \.folded)
    }

    /// The label of a code, for messages and templates.
    public func label(of code: String) -> String? { codes.first { $0.value == code }?.label }

    /// Reads a cell holding any number of answers (cached: coded columns repeat a few values).
    public func match(_ text: String) -> Match {
        let key = ByteKey(text)
        if let m = lock.withLock({ cache[key] }) { return m }
        let m = compute(text)
        lock.withLock {
            if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
            cache[key] = m
        }
        return m
    }

    private func compute(_ text: String) -> Match {
        var found: [String] = []
        var unknown: [String] = []
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" || $0 == "\r" })
        for part in parts {
            var rest = Fold.compact(String(part), dropping: stopWords)
            if rest.isEmpty { continue }
            if let c = exact[rest] {
                if !found.contains(c) { found.append(c) }
                continue
            }
            // Take the longest labels out of the part one by one.
            var progress = true
            while progress && !rest.isEmpty {
                progress = false
                for e in entries where e.folded.count <= rest.count {
                    if let r = rest.range(of: e.folded) {
                        rest.replaceSubrange(r, with: " ")
                        if !found.contains(e.code) { found.append(e.code) }
                        progress = true
                        break
                    }
                }
            }
            let leftover = rest.split(separator: " ").filter { !$0.isEmpty }
            if !leftover.isEmpty { unknown.append(Fold.spaces(String(part))) }
        }
        return Match(codes: found, unknown: unknown)
    }

    /// A single-valued coded field: exactly one code, or an error listing the choices.
    public func normalizeSingle(_ cell: Cell) -> Normalized {
        let raw = cell.trimmedText
        return singles.value(for: raw) { computeSingle(raw) }
    }

    private let singles = Memo()
    private let lists = Memo()

    private func computeSingle(_ raw: String) -> Normalized {
        if raw.lowercased().hasPrefix("другое:") || raw.lowercased().hasPrefix("другое -") || raw.lowercased().hasPrefix("иное:"),
           codes.contains(where: { $0.value == "other" }) {
            let text = Fold.spaces(String(raw.drop(while: { $0 != ":" && $0 != "-" }).dropFirst()))
            return Normalized(.other(text.isEmpty ? raw : text))
        }
        let m = match(raw)
        if m.codes.count == 1 && m.unknown.isEmpty { return Normalized(.code(m.codes[0])) }
        if m.codes.count > 1 && m.unknown.isEmpty {
            return .error("constraint-error", ru: "в ячейке несколько значений, а нужно одно: «\(raw)»",
                          en: "several values where one is expected: “\(raw)”",
                          hintRu: "оставьте одно из: \(choices(.ru))", hintEn: "keep one of: \(choices(.en))")
        }
        return unknownValue(raw)
    }

    /// A multiple-choice field: every code found; unknown parts are errors.
    public func normalizeList(_ cell: Cell) -> Normalized {
        let raw = cell.trimmedText
        return lists.value(for: raw) { computeList(raw) }
    }

    private func computeList(_ raw: String) -> Normalized {
        let m = match(raw)
        var issues: [NormalizerIssue] = []
        for u in m.unknown { issues += unknownValue(u).issues }
        return Normalized(m.codes.isEmpty ? nil : .list(m.codes.map(FieldValue.code)), issues)
    }

    func unknownValue(_ raw: String) -> Normalized {
        .error("constraint-error", ru: "значения нет в списке: «\(raw)»", en: "not one of the allowed values: “\(raw)”",
               hintRu: "допустимо: \(choices(.ru))", hintEn: "allowed: \(choices(.en))")
    }

    func choices(_ lang: Language) -> String {
        codes.map { lang == .ru ? "«\($0.label)»" : "“\($0.labelEn)”" }.joined(separator: ", ")
    }
}

/// Forms and kinds of mentoring written together in one cell («ученик – ученик, традиционное»).
public final class FormKindMatcher: @unchecked Sendable {
    // @unchecked: the matchers never change after `init`; the cache is guarded by a lock.
    static let stopWords: Set<String> = ["форма", "формы", "наставничество", "наставничества", "вид", "виды"]
    public let forms: CodeMatcher
    public let kinds: CodeMatcher
    private let all: [CodeMatcher.Entry]
    private var cache: [ByteKey: (Normalized, [FieldValue])] = [:]
    private let lock = NSLockish()

    public init(forms: [CodeDescriptor], kinds: [CodeDescriptor]) {
        self.forms = CodeMatcher(codes: forms, stopWords: FormKindMatcher.stopWords)
        self.kinds = CodeMatcher(codes: kinds, stopWords: FormKindMatcher.stopWords)
        self.all = (self.forms.entries + self.kinds.entries).sortedLongestFirst(by: \.folded)
    }

    /// The form (at most one), the kinds found beside it, and the issues.
    public func normalize(_ cell: Cell) -> (form: Normalized, kinds: [FieldValue]) {
        let raw = cell.trimmedText
        let key = ByteKey(raw)
        if let hit = lock.withLock({ cache[key] }) { return hit }
        let r = compute(cell, raw)
        lock.withLock {
            if cache.count > 4096 { cache.removeAll(keepingCapacity: true) }
            cache[key] = r
        }
        return r
    }

    private func compute(_ cell: Cell, _ raw: String) -> (form: Normalized, kinds: [FieldValue]) {
        let lower = raw.lowercased()
        if lower.hasPrefix("другое:") || lower.hasPrefix("иное:") {
            return (forms.normalizeSingle(cell), [])
        }
        // Kinds first on the whole text, then forms on what the kinds left.
        let k = kinds.match(raw)
        let f = forms.match(raw)
        // A part is unknown only when neither list explains it.
        var unknown: [String] = []
        for part in raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            let p = String(part)
            let both = combined(p)
            if !both { unknown.append(Fold.spaces(p)) }
        }
        let kindValues = k.codes.map(FieldValue.code)
        if !unknown.isEmpty {
            return (forms.unknownValue(unknown.joined(separator: ", ")), kindValues)
        }
        if f.codes.count > 1 {
            return (.error("constraint-error", ru: "в ячейке несколько форм наставничества: «\(raw)»",
                           en: "several forms of mentoring in one cell: “\(raw)”",
                           hintRu: "одна пара — одна форма", hintEn: "one pair, one form"), kindValues)
        }
        return (Normalized(f.codes.first.map(FieldValue.code)), kindValues)
    }

    /// True when a part is fully explained by forms and kinds together.
    private func combined(_ part: String) -> Bool {
        var rest = Fold.compact(part, dropping: FormKindMatcher.stopWords)
        if rest.isEmpty { return true }
        var progress = true
        while progress && !rest.isEmpty {
            progress = false
            for e in all where e.folded.count <= rest.count {
                if let r = rest.range(of: e.folded) {
                    rest.replaceSubrange(r, with: " ")
                    progress = true
                    break
                }
            }
        }
        return rest.split(separator: " ").isEmpty
    }
}

/// Free multiple-choice answers (Google Forms joins them with ", "), no fixed list.
public enum Choices {
    public static func normalize(_ cell: Cell) -> Normalized {
        let parts = cell.trimmedText.split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .flatMap { $0.components(separatedBy: ", ") }
            .map { Fold.spaces(String($0)) }
            .filter { !$0.isEmpty }
        return Normalized(parts.isEmpty ? nil : .list(parts.map(FieldValue.text)))
    }
}
