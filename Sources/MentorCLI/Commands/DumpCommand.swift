import ArgumentParser
import MentorBase

/// `mentorbase dump FILE`: every cell exactly as the reader sees it.
struct DumpCommand: MentorCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "dump",
                             abstract: L("Показать все ячейки файла так, как их видит чтение.",
                                         "Print every cell of a file as the reader sees it."),
                             discussion: L("""
                                С --format json печатает {"format", "encoding", "delimiter", "sheets": [{"name", "hidden", "rows"}]}; \
                                ячейка — null, строка, число, true/false, {"date"}, {"datetime"} или {"error"}.
                                """, """
                                With --format json prints {"format", "encoding", "delimiter", "sheets": [{"name", "hidden", "rows"}]}; \
                                a cell is null, a string, a number, true/false, {"date"}, {"datetime"} or {"error"}.
                                """))
    }

    @Argument(help: ArgumentHelp(L("Файл (- — стандартный ввод).", "The file (- for standard input).")))
    var file: String

    @Option(name: .long, help: ArgumentHelp(L("Только этот лист (имя или номер).", "Only this sheet (name or number).")))
    var sheet: String?

    @OptionGroup var input: InputOptions
    @OptionGroup var global: GlobalOptions

    func run(in context: CLIContext) throws {
        let opened = try openReader(file, input, context)
        let reader = opened.reader
        let sheets = try selectSheets(reader, sheet)
        let t = context.terminal
        let progress = t.progress(enabled: !global.quiet, label: global.lang == .ru ? "Чтение" : "Reading")
        var total = 0
        if global.format == .json {
            var buf: [UInt8] = []
            buf.reserveCapacity(1 << 16)
            buf.append(contentsOf: "{\"format\":".utf8)
            JSONText.appendString(opened.plugin.descriptor.id, to: &buf)
            buf.append(contentsOf: ",\"encoding\":".utf8)
            appendOptional(reader.details.encoding, &buf)
            buf.append(contentsOf: ",\"delimiter\":".utf8)
            appendOptional(reader.details.delimiter, &buf)
            buf.append(contentsOf: ",\"sheets\":[".utf8)
            for (n, i) in sheets.enumerated() {
                let info = reader.sheets[i]
                if n > 0 { buf.append(0x2C) }
                buf.append(contentsOf: "\n{\"name\":".utf8)
                JSONText.appendString(info.name, to: &buf)
                buf.append(contentsOf: ",\"hidden\":\(info.hidden),\"rows\":[".utf8)
                let cursor = try reader.rows(inSheet: i)
                // Trailing empty rows are dropped: hold empty rows until a non-empty one follows.
                var pendingEmpty: [Row] = []
                var first = true
                func emit(_ row: Row) throws {
                    if !first { buf.append(0x2C) }
                    first = false
                    buf.append(contentsOf: "\n[".utf8)
                    for (c, cell) in row.cells.enumerated() {
                        if c > 0 { buf.append(0x2C) }
                        JSONText.appendCell(cell, to: &buf)
                    }
                    buf.append(0x5D)
                    if buf.count > 1 << 16 { try t.stdout.write(buf); buf.removeAll(keepingCapacity: true) }
                }
                while let row = try cursor.next() {
                    total += 1
                    progress.tick(rows: total)
                    if row.cells.allSatisfy(\.isEmpty) { pendingEmpty.append(row); continue }
                    for e in pendingEmpty { try emit(e) }
                    pendingEmpty.removeAll()
                    try emit(row)
                }
                buf.append(contentsOf: "]}".utf8)
            }
            buf.append(contentsOf: "\n]}\n".utf8)
            try t.stdout.write(buf)
            progress.finish()
        } else {
            let ru = global.lang == .ru
            for i in sheets {
                let info = reader.sheets[i]
                t.out((ru ? "Лист «\(info.name)»" : "Sheet “\(info.name)”") + (info.hidden ? (ru ? " (скрыт)" : " (hidden)") : "") + "\n")
                let cursor = try reader.rows(inSheet: i)
                while let row = try cursor.next() {
                    total += 1
                    progress.tick(rows: total)
                    if row.cells.allSatisfy(\.isEmpty) { continue }
                    var parts: [String] = []
                    for (c, cell) in row.cells.enumerated() where !cell.isEmpty {
                        parts.append("\(SourceLocation.letter(forColumn: c + 1))=\(describe(cell, ru))")
                    }
                    t.out("\(row.number): " + parts.joined(separator: " | ") + "\n")
                }
                let merged = cursor.mergedRanges
                if !merged.isEmpty {
                    t.out((ru ? "Объединённые ячейки: " : "Merged cells: ") + merged.map(\.reference).joined(separator: ", ") + "\n")
                }
            }
            progress.finish()
        }
        printReaderDiagnostics(reader, global, context)
    }

    private func appendOptional(_ s: String?, _ buf: inout [UInt8]) {
        if let s { JSONText.appendString(s, to: &buf) } else { buf.append(contentsOf: "null".utf8) }
    }

    private func describe(_ cell: Cell, _ ru: Bool) -> String {
        switch cell {
        case .empty: return ""
        case .text(let s): return JSONText.quote(s)
        case .number(let n): return Cell.format(number: n)
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return (ru ? "дата " : "date ") + d.iso
        case .dateTime(let d): return (ru ? "дата-время " : "datetime ") + d.iso
        case .error(let e): return (ru ? "ошибка " : "error ") + e
        }
    }
}
