import MentorBase

/// Finds the header row under any title rows, and the record kind when none was given.
public enum HeaderLocator {
    /// How many leading rows are searched for the header.
    public static let scanRows = 30

    /// The header found: its mapping, and why the kind was chosen when it was guessed.
    public struct Detection: Sendable {
        public var mapping: HeaderMapping
        /// Nil when the kind was given; otherwise the reason, in both languages.
        public var kindReason: Localized?
        /// Every kind's score, best first (2 points per matched column, 1 for a partial match, + 2 × columns only that kind has − 3 × required columns missing).
        public var scores: [(kind: RecordKind, score: Int)]
    }

    /// Field names that only one kind has: they tell kinds apart.
    static let distinctive: [RecordKind: Set<String>] = {
        guard let all = try? MentorSchemas.all() else { return [:] }
        var count: [String: Int] = [:]
        for s in all { for f in s.fields { count[f.name, default: 0] += 1 } }
        var out: [RecordKind: Set<String>] = [:]
        for s in all { out[s.kind] = Set(s.fields.map(\.name).filter { count[$0] == 1 }) }
        return out
    }()

    /// Looks at the first rows of a sheet. `rows` are the rows read so far (at most `scanRows`).
    /// Returns nil when no row looks like a header of the kind (or of any kind, when guessing).
    public static func detect(rows: [Row], kind: RecordKind?, mapFile: MappingFile?) throws -> Detection? {
        var forced = kind
        if forced == nil, let k = mapFile?.kind { forced = try MentorSchemas.kind(named: k) }
        let kinds = forced.map { [$0] } ?? RecordKind.allCases
        var results: [(kind: RecordKind, score: Int, rowIndex: Int, mapper: HeaderMapper, fields: Set<Int>)] = []
        for k in kinds {
            let schema = try MentorSchemas.schema(for: k)
            let mapper = try HeaderMapper(schema: schema, mapFile: mapFile)
            var best: (score: Int, index: Int, fields: Set<Int>)?
            if let hr = mapFile?.headerRow, let i = rows.firstIndex(where: { $0.number == hr }) {
                let s = mapper.score(rows[i].cells)
                best = (s.mapped, i, s.fields)
            } else {
                for (i, r) in rows.enumerated() {
                    let s = mapper.score(r.cells)
                    if s.mapped > (best?.score ?? 0) { best = (s.mapped, i, s.fields) }
                }
            }
            guard let b = best else { continue }
            let dist = distinctive[k] ?? []
            let distinct = b.fields.filter { dist.contains(schema.fields[$0].name) }.count
            // A kind whose required columns are absent is an unlikely reading of the header.
            let missing = schema.fields.filter { $0.required && !b.fields.contains($0.index) }.count
            results.append((k, b.score + 2 * distinct - 3 * missing, b.index, mapper, b.fields))
        }
        results.sort { $0.score > $1.score }
        guard let top = results.first else {
            // Nothing maps: with a given kind the first non-empty row is taken as the header.
            guard let forced, let i = rows.firstIndex(where: { r in r.cells.contains { !$0.isEmpty } }) else { return nil }
            let mapper = try HeaderMapper(schema: try MentorSchemas.schema(for: forced), mapFile: mapFile)
            var m = mapper.map(header: rows[i].cells, row: rows[i].number)
            m.skippedRows = rows[..<i].map(\.number)
            return Detection(mapping: m, kindReason: nil, scores: [])
        }
        if forced == nil && top.score < 4 { return nil }
        let headerRow = rows[top.rowIndex]
        var m = top.mapper.map(header: headerRow.cells, row: headerRow.number)
        m.skippedRows = rows[..<top.rowIndex].filter { r in r.cells.contains { !$0.isEmpty } }.map(\.number)
        var reason: Localized?
        if forced == nil {
            let schema = top.mapper.schema
            let dist = distinctive[top.kind] ?? []
            let telling = top.fields.filter { dist.contains(schema.fields[$0].name) }.sorted().prefix(3)
                .compactMap { f in m.column(of: f)?.header }
            let mapped = m.mappedFields.count
            let runner = results.count > 1 ? results[1] : nil
            var ru = "вид «\(top.kind.rawValue)» (\(schema.title.ru)): сопоставлено столбцов — \(mapped)"
            var en = "kind “\(top.kind.rawValue)” (\(schema.title.en)): \(mapped) columns matched"
            if !telling.isEmpty {
                ru += ", в том числе только этому виду свойственные " + telling.map { "«\($0)»" }.joined(separator: ", ")
                en += ", including ones only this kind has: " + telling.map { "“\($0)”" }.joined(separator: ", ")
            }
            if let runner {
                ru += "; следующий по сходству — «\(runner.kind.rawValue)» (\(runner.score) против \(top.score) баллов)"
                en += "; next best “\(runner.kind.rawValue)” (\(runner.score) vs \(top.score) points)"
            }
            reason = Localized(ru: ru, en: en)
        }
        return Detection(mapping: m, kindReason: reason, scores: results.map { ($0.kind, $0.score) })
    }

    /// True for a row that only numbers the columns (1, 2, 3 …) under an official form's header.
    public static func isNumberingRow(_ row: Row) -> Bool {
        var expected = 1
        var seen = 0
        for c in row.cells {
            let v: Int?
            switch c {
            case .empty: continue
            case .number(let n): v = n == n.rounded() ? Int(n) : nil
            case .text(let s): v = Int(Fold.spaces(s).trimmingSuffix("."))
            default: v = nil
            }
            guard let v, v == expected else { return false }
            expected += 1
            seen += 1
        }
        return seen >= 3
    }
}

extension String {
    func trimmingSuffix(_ s: String) -> String { hasSuffix(s) ? String(dropLast(s.count)) : self }
}
