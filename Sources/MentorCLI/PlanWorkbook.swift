import Foundation
import MentorBase

/// The merge plan of an import as a workbook (`import --plan FILE.xlsx`): a summary sheet, then a
/// sheet per outcome. Updated rows list each field as old → new with the new value highlighted;
/// conflicts and rejected rows carry their reasons. Special-category values are masked.
///
/// The plan is held in memory (the report's kept plans): meant for the files a school imports,
/// not for million-row benchmarks.
enum PlanWorkbook {
    /// Summary plus one sheet per outcome.
    static let sheetCount = 1 + RecordPlan.Outcome.allCases.count

    static func sheetName(_ o: RecordPlan.Outcome, _ ru: Bool) -> String {
        switch o {
        case .new: return ru ? "Новые" : "New"
        case .updated: return ru ? "Обновлённые" : "Updated"
        case .unchanged: return ru ? "Без изменений" : "Unchanged"
        case .conflicting: return ru ? "Конфликты" : "Conflicts"
        case .rejected: return ru ? "Отклонённые" : "Rejected"
        }
    }

    /// A stored value as a secretary reads it: lists joined with commas, ISO dates as dd.mm.yyyy.
    static func humanText(_ v: StoredValue) -> String {
        let s = v.logText
        if s.hasPrefix("["), s.hasSuffix("]"), let data = s.data(using: .utf8),
           let items = try? JSONSerialization.jsonObject(with: data) as? [Any] {
            return items.map { "\($0)" }.joined(separator: ", ")
        }
        let b = Array(s.utf8)
        if b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
           b.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) }) {
            return String(s.suffix(2)) + "." + String(s.dropFirst(5).prefix(2)) + "." + String(s.prefix(4))
        }
        return s
    }

    static func write(_ report: ImportReport, to writer: any TableWriter, lang: Language) throws {
        let ru = lang == .ru
        func spec(_ name: String, _ titles: [String], _ widths: [Double]) -> SheetSpec {
            SheetSpec(name: name, columns: zip(titles, widths).map { ColumnSpec(title: $0.0, width: $0.1) })
        }
        func place(_ p: RecordPlan) -> [Cell] {
            [p.location.sheet.map(Cell.text) ?? .empty, p.location.row.map { .number(Double($0)) } ?? .empty, .text(p.label)]
        }
        func shown(_ v: StoredValue?, _ sensitive: Bool) -> Cell {
            guard let v else { return .empty }
            return .text(sensitive ? "***" : humanText(v))
        }
        let byOutcome = Dictionary(grouping: report.plans, by: \.outcome)

        // Summary: the complete counts (the sheets hold the plans the report kept).
        let sumTitles = ru ? ["Итог", "Строк", "Показано в листе"] : ["Outcome", "Rows", "Listed on its sheet"]
        try writer.beginSheet(spec(ru ? "Сводка" : "Summary", sumTitles, [22, 10, 18]))
        try writer.writeRow(sumTitles.map(Cell.text))
        for o in RecordPlan.Outcome.allCases {
            try writer.writeRow([.text(sheetName(o, ru)), .number(Double(report.count(o))),
                                 .number(Double(byOutcome[o]?.count ?? 0))])
        }
        if report.dryRun {
            try writer.writeRow([.text(ru ? "Пробный запуск: ничего не записано" : "Dry run: nothing written")])
        } else if let b = report.batchID {
            try writer.writeRow([.text(ru ? "Пакет № \(b)" : "Batch #\(b)")])
        }

        let head = ru ? ["Лист", "Строка", "Запись"] : ["Sheet", "Row", "Record"]
        let headW: [Double] = [16, 8, 34]
        for o in RecordPlan.Outcome.allCases {
            let plans = byOutcome[o] ?? []
            switch o {
            case .new, .unchanged:
                let titles = head + (ru ? ["Замечания"] : ["Remarks"])
                try writer.beginSheet(spec(sheetName(o, ru), titles, headW + [70]))
                try writer.writeRow(titles.map(Cell.text))
                for p in plans {
                    let remarks = p.diagnostics.map { $0.message(lang) }.joined(separator: "; ")
                    try writer.writeRow(place(p) + [remarks.isEmpty ? .empty : .text(remarks)],
                                        annotations: remarks.isEmpty ? [:] : [3: CellAnnotation(fill: .warning)])
                }
            case .updated, .conflicting:
                let titles = head + (ru ? ["Таблица", "Поле", "Было", "Стало", "Причина"]
                                        : ["Table", "Field", "Old", "New", "Reason"])
                try writer.beginSheet(spec(sheetName(o, ru), titles, headW + [18, 20, 30, 30, 60]))
                try writer.writeRow(titles.map(Cell.text))
                for p in plans {
                    for c in p.changes {
                        let old = shown(c.change.old, c.change.sensitive)
                        try writer.writeRow(place(p) + [.text(c.table.rawValue), .text(c.change.column), old,
                                                        shown(c.change.new, c.change.sensitive), .empty],
                                            annotations: [6: CellAnnotation(fill: .changed)])
                    }
                    for c in p.conflicts {
                        var cells = place(p) + [Cell.empty, .empty, .empty, .empty, .text(c.message(lang))]
                        if case .field(let table, let column, let stored, let incoming, let sensitive) = c {
                            cells[3] = .text(table.rawValue)
                            cells[4] = .text(column)
                            cells[5] = shown(stored, sensitive)
                            cells[6] = shown(incoming, sensitive)
                        }
                        try writer.writeRow(cells, annotations: [7: CellAnnotation(fill: .warning)])
                    }
                    if p.changes.isEmpty && p.conflicts.isEmpty { try writer.writeRow(place(p)) }
                }
            case .rejected:
                let titles = head + (ru ? ["Столбец", "Код", "Что не так", "Как исправить"]
                                        : ["Column", "Code", "Problem", "How to fix"])
                try writer.beginSheet(spec(sheetName(o, ru), titles, headW + [10, 24, 60, 50]))
                try writer.writeRow(titles.map(Cell.text))
                for p in plans {
                    let problems = p.diagnostics.filter { $0.severity == .error }
                    if problems.isEmpty { try writer.writeRow(place(p)) }
                    for d in problems {
                        try writer.writeRow(place(p) + [d.location.columnLetter.map(Cell.text) ?? .empty, .text(d.code),
                                                        .text(d.message(lang)), d.hint.map { .text($0(lang)) } ?? .empty],
                                            annotations: [5: CellAnnotation(fill: .error)])
                    }
                }
            }
        }
        try writer.finish()
    }
}
