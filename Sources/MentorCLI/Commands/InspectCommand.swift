import ArgumentParser
import MentorBase

/// `mentorbase inspect FILE`: format, encoding, delimiter, sheets, header and row counts.
struct InspectCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "inspect",
                             abstract: L("Описать файл: формат, кодировку, разделитель, листы, заголовок, число строк.",
                                         "Describe a file: format, encoding, delimiter, sheets, header, row count."))
    }

    @Argument(help: ArgumentHelp(L("Файл (- — стандартный ввод).", "The file (- for standard input).")))
    var file: String

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    struct SheetSummary {
        var info: SheetInfo
        var rows = 0
        var nonEmptyRows = 0
        var columns = 0
        var header: [Cell] = []
        var headerRow: Int?
        var merged: [CellRange] = []
    }

    func run(in context: CLIContext) throws {
        let opened = try openReader(file, input, context)
        let reader = opened.reader
        let progress = context.terminal.progress(enabled: !global.quiet, label: global.lang == .ru ? "Чтение" : "Reading")
        var summaries: [SheetSummary] = []
        var total = 0
        for (i, info) in reader.sheets.enumerated() {
            var s = SheetSummary(info: info)
            let cursor = try reader.rows(inSheet: i)
            var lastNonEmpty = 0
            while let row = try cursor.next() {
                total += 1
                progress.tick(rows: total)
                let width = (row.cells.lastIndex { !$0.isEmpty } ?? -1) + 1
                guard width > 0 else { continue }
                s.nonEmptyRows += 1
                lastNonEmpty = row.number
                s.columns = max(s.columns, width)
                if s.headerRow == nil {
                    s.headerRow = row.number
                    s.header = Array(row.cells.prefix(width))
                }
            }
            s.rows = lastNonEmpty
            s.merged = cursor.mergedRanges
            summaries.append(s)
        }
        progress.finish()
        let d = reader.details
        let t = context.terminal
        if global.format == .json {
            var out: [UInt8] = Array("{\"file\":".utf8)
            JSONText.appendString(opened.source.name, to: &out)
            out.append(contentsOf: ",\"format\":".utf8)
            JSONText.appendString(opened.plugin.descriptor.id, to: &out)
            out.append(contentsOf: ",\"detectedBy\":".utf8)
            JSONText.appendString(opened.match.reason, to: &out)
            out.append(contentsOf: ",\"encoding\":\(d.encoding.map(JSONText.quote) ?? "null")".utf8)
            out.append(contentsOf: ",\"delimiter\":\(d.delimiter.map(JSONText.quote) ?? "null")".utf8)
            out.append(contentsOf: ",\"details\":{".utf8)
            out.append(contentsOf: d.extras.map { JSONText.quote($0.0) + ":" + JSONText.quote($0.1) }.joined(separator: ",").utf8)
            out.append(contentsOf: "},\"sheets\":[".utf8)
            for (i, s) in summaries.enumerated() {
                if i > 0 { out.append(0x2C) }
                out.append(contentsOf: "{\"name\":".utf8)
                JSONText.appendString(s.info.name, to: &out)
                out.append(contentsOf: ",\"hidden\":\(s.info.hidden),\"rows\":\(s.rows),\"nonEmptyRows\":\(s.nonEmptyRows),\"columns\":\(s.columns)".utf8)
                out.append(contentsOf: ",\"headerRow\":\(s.headerRow.map(String.init) ?? "null"),\"header\":[".utf8)
                for (c, cell) in s.header.enumerated() {
                    if c > 0 { out.append(0x2C) }
                    JSONText.appendCell(cell, to: &out)
                }
                out.append(contentsOf: "],\"merged\":[".utf8)
                out.append(contentsOf: s.merged.map { JSONText.quote($0.reference) }.joined(separator: ",").utf8)
                out.append(contentsOf: "]}".utf8)
            }
            out.append(contentsOf: "],\"diagnostics\":[".utf8)
            out.append(contentsOf: reader.diagnostics.items.map { $0.json(global.lang) }.joined(separator: ",").utf8)
            out.append(contentsOf: "]}\n".utf8)
            t.out(String(decoding: out, as: UTF8.self))
        } else {
            let ru = global.lang == .ru
            t.out((ru ? "Файл:        " : "File:        ") + opened.source.name + "\n")
            t.out((ru ? "Формат:      " : "Format:      ") + opened.plugin.descriptor.name
                + " (\(opened.plugin.descriptor.id); " + (ru ? "по: " : "by: ") + opened.match.reason + ")\n")
            if let e = d.encoding { t.out((ru ? "Кодировка:   " : "Encoding:    ") + e + "\n") }
            if let dl = d.delimiter { t.out((ru ? "Разделитель: " : "Delimiter:   ") + delimiterName(dl, ru) + "\n") }
            for (k, v) in d.extras { t.out(padRight(k + ":", 13) + v + "\n") }
            for s in summaries {
                t.out((ru ? "Лист «\(s.info.name)»" : "Sheet “\(s.info.name)”") + (s.info.hidden ? (ru ? " (скрыт)" : " (hidden)") : "")
                    + ": " + (ru ? RussianPlural.count(s.rows, "строка", "строки", "строк") + ", "
                        + RussianPlural.count(s.columns, "столбец", "столбца", "столбцов")
                        : "\(s.rows) rows, \(s.columns) columns") + "\n")
                if let hr = s.headerRow {
                    let titles = s.header.map { $0.text(dateStyle: .russian) }.joined(separator: " | ")
                    t.out((ru ? "  заголовок (строка \(hr)): " : "  header (row \(hr)): ") + titles + "\n")
                }
                if !s.merged.isEmpty {
                    t.out((ru ? "  объединённые ячейки: " : "  merged cells: ") + s.merged.map(\.reference).joined(separator: ", ") + "\n")
                }
            }
            printReaderDiagnostics(reader, global, context)
        }
    }

    private func delimiterName(_ d: String, _ ru: Bool) -> String {
        switch d {
        case "\t": return ru ? "табуляция" : "tab"
        case ";": return ru ? "; (точка с запятой)" : "; (semicolon)"
        case ",": return ru ? ", (запятая)" : ", (comma)"
        default: return d
        }
    }
}

