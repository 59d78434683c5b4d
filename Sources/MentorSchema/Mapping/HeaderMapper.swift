import Foundation
import MentorBase

/// Matches a file's header cells to one kind's fields.
///
/// A header matches after `Fold.header` (case, `ё`, spaces, NBSP, punctuation, a trailing `*`):
/// first a field's title or an alias exactly, then an alias contained in a longer header as whole
/// words (a Google Forms question «Укажите ваш контактный телефон»), the longest alias winning;
/// then «Вопрос / Вариант» or «Вопрос [Вариант]» columns as one column per option of a list field.
/// A mapping file, when given, decides first.
public struct HeaderMapper: Sendable {
    public let schema: KindSchema
    let exact: [String: (ColumnTarget, MatchReason)]
    /// Folded aliases for containment, longest first.
    let contained: [(folded: String, target: ColumnTarget)]
    /// `contained[i]` as the bytes of " alias ", when `Fold.plainBytes` can search for it.
    let containedBytes: [[UInt8]?]
    let mapFile: [String: ColumnTarget]

    public init(schema: KindSchema, mapFile: MappingFile? = nil) throws {
        self.schema = schema
        var exact: [String: (ColumnTarget, MatchReason)] = [:]
        var contained: [(String, ColumnTarget)] = []
        for f in schema.fields {
            for (n, spelling) in f.headerSpellings.enumerated() {
                let k = Fold.header(spelling)
                guard !k.isEmpty else { continue }
                if exact[k] == nil { exact[k] = (.field(f.index), n == 0 ? .title : .alias) }
                if k.count >= 3 { contained.append((k, .field(f.index))) }
            }
            for (part, spellings) in f.namePartSpellings {
                for s in spellings {
                    let k = Fold.header(s)
                    if exact[k] == nil { exact[k] = (.namePart(field: f.index, part: part), .alias) }
                }
            }
        }
        self.exact = exact
        self.contained = contained.sortedLongestFirst(by: \.0).map { (folded: $0.0, target: $0.1) }
        self.containedBytes = self.contained.map { Fold.plainBytes(" " + $0.folded + " ") }
        var fromFile: [String: ColumnTarget] = [:]
        if let mapFile {
            for c in mapFile.columns { fromFile[Fold.header(c.header)] = try mapFile.resolve(c.target, in: schema) }
        }
        self.mapFile = fromFile
    }

    /// The best target for one header text, with how it was found and a score.
    public func match(_ header: String) -> (ColumnTarget, MatchReason, Int) {
        let k = Fold.header(header)
        if k.isEmpty { return (.unmapped, .none, 0) }
        if let t = mapFile[k] { return (t, .mapFile, 10_000) }
        if let (t, r) = exact[k] { return (t, r, 1_000 + k.count) }
        if let opt = optionMatch(header) { return (opt, .option, 500) }
        let padded = " " + k + " "
        if let i = firstContained(in: padded) { return (contained[i].target, .contains, contained[i].folded.count) }
        return (.unmapped, .none, 0)
    }

    /// The first alias (longest first) that `padded` (a folded header with a space at each end)
    /// holds as whole words. Header detection asks this for every cell of the first rows, so
    /// plain text is searched as bytes; anything else goes through Foundation as before.
    func firstContained(in padded: String) -> Int? {
        let bytes = Fold.plainBytes(padded)
        for i in contained.indices {
            if let bytes, let needle = containedBytes[i] {
                if Fold.bytes(bytes, contain: needle) { return i }
            } else if padded.contains(" " + contained[i].folded + " ") {
                return i
            }
        }
        return nil
    }

    /// «Вопрос / Вариант», «Вопрос [Вариант]», «Вопрос: Вариант» for a list field.
    /// `header.range(of: sep, options: .backwards)`, without Foundation for plain headers.
    ///
    /// Foundation's search compares canonically (about 20,000 instructions a call, six calls for
    /// every header that names no field). In a header of ASCII, Cyrillic letters and a few
    /// punctuation marks there is no combining mark to attach to a separator's characters, and
    /// no such character decomposes into one of them, so matching the UTF-8 bytes finds the same
    /// range; any other header goes to Foundation.
    static func lastRange(of sep: String, in header: String) -> Range<String.Index>? {
        guard header.unicodeScalars.allSatisfy(isPlain), sep.unicodeScalars.allSatisfy(isPlain) else {
            return header.range(of: sep, options: .backwards)
        }
        let bytes = Array(header.utf8)
        let pattern = Array(sep.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        var start = bytes.count - pattern.count
        while start >= 0 {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
                let lower = header.utf8.index(header.utf8.startIndex, offsetBy: start)
                return lower..<header.utf8.index(lower, offsetBy: pattern.count)
            }
            start -= 1
        }
        return nil
    }

    /// ASCII other than control characters, Cyrillic letters (not the block's combining marks),
    /// « », the no-break space, en and em dashes, №.
    private static func isPlain(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E, 0xA0, 0xAB, 0xBB, 0x400...0x482, 0x48A...0x4FF, 0x2013, 0x2014, 0x2116: return true
        default: return false
        }
    }

    func optionMatch(_ header: String) -> ColumnTarget? {
        var question: Substring?
        var option: Substring?
        if header.hasSuffix("]"), let open = header.lastIndex(of: "[") {
            question = header[..<open]
            option = header[header.index(after: open)..<header.index(before: header.endIndex)]
        } else {
            for sep in [" / ", " — ", " – ", " - ", ": ", "/"] {
                if let r = Self.lastRange(of: sep, in: header) {
                    question = header[..<r.lowerBound]
                    option = header[r.upperBound...]
                    break
                }
            }
        }
        guard let question, let option, !Fold.header(String(option)).isEmpty else { return nil }
        let q = Fold.header(String(question))
        guard !q.isEmpty else { return nil }
        var fieldIndex: Int?
        if case .field(let f)? = exact[q]?.0 { fieldIndex = f } else {
            if let i = firstContained(in: " " + q + " "), case .field(let f) = contained[i].target { fieldIndex = f }
        }
        guard let f = fieldIndex else { return nil }
        var spec = schema.fields[f]
        // A form column per option may list kinds too; they go to the kinds field.
        let optionText = Fold.spaces(String(option))
        switch spec.normalizer {
        case .codeList, .formAndKind:
            if spec.normalizer == .formAndKind, let fk = spec.formKinds {
                let m = fk.kinds.match(optionText)
                if m.codes.count == 1 && m.unknown.isEmpty, let ki = spec.kindsFieldIndex {
                    return .option(field: ki, option: m.codes[0])
                }
            }
            guard let codes = spec.codes else { return nil }
            let m = codes.match(optionText)
            guard m.codes.count == 1 && m.unknown.isEmpty else { return nil }
            return .option(field: f, option: m.codes[0])
        case .choiceList, .textList:
            return .option(field: f, option: optionText)
        default:
            spec = schema.fields[f]
            return nil
        }
    }

    /// Maps one header row. Two columns claiming one field: the better match keeps it.
    public func map(header cells: [Cell], row: Int) -> HeaderMapping {
        var columns: [ColumnMapping] = []
        for (i, cell) in cells.enumerated() {
            let h = Fold.spaces(cell.text(dateStyle: .russian)).replacingOccurrences(of: "\n", with: " ")
            let (t, r, s) = match(h)
            columns.append(ColumnMapping(column: i + 1, header: h, target: t, reason: r, score: s))
        }
        // Trailing empty header cells are not columns.
        while let last = columns.last, last.header.isEmpty { columns.removeLast() }
        var best: [ColumnTarget: Int] = [:]
        for (i, c) in columns.enumerated() {
            switch c.target {
            case .field, .namePart, .option:
                if let j = best[c.target] {
                    if c.score > columns[j].score { best[c.target] = i }
                } else {
                    best[c.target] = i
                }
            default: break
            }
        }
        var duplicates: [(ColumnMapping, Int)] = []
        for (i, c) in columns.enumerated() {
            switch c.target {
            case .field, .namePart, .option:
                if let j = best[c.target], j != i {
                    duplicates.append((c, columns[j].column))
                    columns[i].target = .ignored
                }
            default: break
            }
        }
        // A whole-name column and part columns for the same field: the whole name wins.
        let wholeFields = Set(columns.compactMap { c -> Int? in if case .field(let f) = c.target { return f } else { return nil } })
        for (i, c) in columns.enumerated() {
            if case .namePart(let f, _) = c.target, wholeFields.contains(f) {
                duplicates.append((c, columns.first { $0.target == .field(f) }?.column ?? 0))
                columns[i].target = .ignored
            }
        }
        var m = HeaderMapping(schema: schema, headerRow: row, columns: columns)
        m.duplicates = duplicates.map { (column: $0.0, winner: $0.1) }
        return m
    }

    /// How well a row reads as this kind's header: 2 points per column matched by title, alias,
    /// option or mapping file, 1 per column matched by containment (header-row detection, kind guessing).
    public func score(_ cells: [Cell]) -> (mapped: Int, fields: Set<Int>) {
        var n = 0
        var fields = Set<Int>()
        for cell in cells {
            guard case .text(let s) = cell else { continue }
            let (t, reason, _) = match(s)
            switch t {
            case .field(let f), .namePart(let f, _), .option(let f, _):
                if fields.insert(f).inserted || reason == .option { n += reason == .contains ? 1 : 2 }
            default: break
            }
        }
        return (n, fields)
    }
}
