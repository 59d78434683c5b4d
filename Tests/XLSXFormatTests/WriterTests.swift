import Foundation
import MentorBase
import Testing
@testable import XLSXFormat

@Suite("XLSX writer")
struct WriterTests {
    static let golden: [[Cell]] = [
        [.text("ФИО"), .text("Дата рождения"), .text("Класс"), .text("Согласие"), .text("Формула?"), .text("Когда")],
        [.text("Иванов Иван Иванович"), date(2010, 9, 5), .number(7), .boolean(true), .text("=1+1"), dateTime(2024, 9, 1, 8, 30)],
        [.text("Пётр \"Петя\"\nвторая строка"), date(1900, 1, 1), .number(-0.25), .boolean(false), .text("+79161234567"), .empty],
        [],
        [.text("_x0041_ не экранирование"), .empty, .number(79_161_234_567), .empty, .error("#N/A"), date(1900, 3, 1)],
    ]

    private func write(_ rows: [[Cell]], constantMemory: Bool, spec: SheetSpec = SheetSpec(name: "Анкеты"),
                       annotations: [Int: [Int: CellAnnotation]] = [:]) throws -> [UInt8] {
        let sink = MemorySink()
        let writer = try XLSXPlugin().makeWriter(target: OutputTarget(sink: sink, name: "out.xlsx"),
                                                 options: WriteOptions(constantMemory: constantMemory))
        try writer.beginSheet(spec)
        for (i, r) in rows.enumerated() { try writer.writeRow(r, annotations: annotations[i] ?? [:]) }
        try writer.finish()
        #expect(sink.isClosed)
        return sink.bytes
    }

    @Test(arguments: [false, true])
    func roundTripThroughOurReader(constantMemory: Bool) throws {
        let bytes = try write(WriterTests.golden, constantMemory: constantMemory)
        let sheets = try readAll(bytes: bytes)
        #expect(sheets.map(\.info.name) == ["Анкеты"])
        var expected = WriterTests.golden
        expected[4][4] = .text("#N/A")      // error cells are written as their text
        expected[2].removeLast()            // readers drop trailing empty cells
        #expect(sheets[0].grid == expected)
        // Text that looks like a formula is a string, never a formula.
        let xml = try partText(bytes, "xl/worksheets/sheet1.xml")
        #expect(!xml.contains("<f>"))
        if constantMemory { #expect(xml.contains("t=\"inlineStr\"")) } else { #expect(xml.contains("t=\"s\"")) }
    }

    @Test(arguments: [false, true])
    func headerIsBoldFrozenAndFiltered(constantMemory: Bool) throws {
        let bytes = try write(WriterTests.golden, constantMemory: constantMemory)
        let sheet = try partText(bytes, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:F5\"/>"))
        // Widths from content: the long name column is wider than the boolean one.
        let widths = try columnWidths(sheet)
        #expect(widths.count == 6)
        #expect(widths[0] > widths[3])
        let styles = try partText(bytes, "xl/styles.xml")
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("formatCode=\"dd.mm.yyyy\""))
        #expect(styles.contains("formatCode=\"dd.mm.yyyy hh:mm\""))
    }

    private func columnWidths(_ xml: String) throws -> [Double] {
        var out: [Double] = []
        var rest = Substring(xml)
        while let r = rest.range(of: "width=\"") {
            let tail = rest[r.upperBound...]
            guard let q = tail.firstIndex(of: "\"") else { break }
            out.append(Double(tail[..<q]) ?? -1)
            rest = tail[q...]
        }
        return out
    }

    @Test(arguments: [false, true])
    func annotationsValidationsAndNotes(constantMemory: Bool) throws {
        let spec = SheetSpec(name: "Шаблон", columns: [
            ColumnSpec(title: "Роль", validation: .list(["наставник", "наставляемый"]), note: "Выберите из списка"),
            ColumnSpec(title: "Дата", validation: .date),
            ColumnSpec(title: "Класс", width: 12, validation: .wholeNumber(min: 1, max: 11)),
            ColumnSpec(title: "Школа", validation: .list((1...60).map { "Школа №\($0), корпус \($0 % 3)" })),
        ])
        let rows: [[Cell]] = [[.text("Роль"), .text("Дата"), .text("Класс"), .text("Школа")],
                              [.text("ученик"), .text("вчера"), .number(12), .empty]]
        let notes: [Int: [Int: CellAnnotation]] = [1: [0: CellAnnotation(fill: .error, comment: "Нет такой роли"),
                                                       1: CellAnnotation(fill: .warning),
                                                       3: CellAnnotation(fill: .changed, comment: "Пусто")]]
        let bytes = try write(rows, constantMemory: constantMemory, spec: spec, annotations: notes)
        let sheets = try readAll(bytes: bytes)
        #expect(sheets.map(\.info) == [SheetInfo(name: "Шаблон"), SheetInfo(name: "Списки", hidden: true)])
        #expect(sheets[0].grid == rows.map { r in r.filter { $0 != .empty } })
        #expect(sheets[1].rows.count == 60)
        let sheet = try partText(bytes, "xl/worksheets/sheet1.xml")
        // Cyrillic lists never go inline: libxlsxwriter 1.1.4 overflows its buffer on them
        // (it sizes by characters, copies bytes); they live on the hidden list sheet instead.
        #expect(!sheet.contains("<formula1>\"наставник"))
        #expect(sheet.contains("'Списки'!$A$1:$A$2"))
        #expect(sheet.contains("type=\"date\""))
        #expect(sheet.contains("type=\"whole\"") && sheet.contains("<formula2>11</formula2>"))
        #expect(sheet.contains("'Списки'!$B$1:$B$60"))
        #expect(sheet.contains("<legacyDrawing"))
        let comments = try partText(bytes, "xl/comments1.xml")
        #expect(comments.contains("Выберите из списка") && comments.contains("Нет такой роли") && comments.contains("Пусто"))
        let styles = try partText(bytes, "xl/styles.xml")
        for rgb in ["FFFFC7CE", "FFFFEB9C", "FFDDEBF7"] { #expect(styles.contains(rgb), "fill \(rgb)") }
        #expect(try columnWidths(sheet)[2] == 12 || sheet.contains("width=\"12.7109375\""))
    }

    @Test func severalSheetsWithSanitisedNames() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("multi.xlsx").path
        let writer = try XLSXPlugin().makeWriter(target: OutputTarget(path: path), options: WriteOptions())
        let wanted = ["Отчёт: 2024/2025 [черновик]?", "отчёт_ 2024_2025 _черновик__", "", "'History'",
                      "Очень длинное название листа, которое не влезет"]
        for (i, name) in wanted.enumerated() {
            try writer.beginSheet(SheetSpec(name: name))
            try writer.writeRow([.number(Double(i))])
        }
        try writer.finish()
        let (sheets, _) = try readAll(InputSource(path: path))
        let names = sheets.map(\.info.name)
        #expect(names.count == 5)
        #expect(Set(names.map { $0.lowercased() }).count == 5)
        for n in names {
            #expect(n.utf16.count <= 31 && !n.isEmpty)
            #expect(!n.contains { "[]:*?/\\".contains($0) })
            #expect(n.lowercased() != "history" && !n.hasPrefix("'"))
        }
        #expect(names[0] == "Отчёт_ 2024_2025 _черновик__")
        #expect(names[1] == "отчёт_ 2024_2025 _черновик_ (2)")
        #expect(sheets.map { $0.grid } == (0..<5).map { [[.number(Double($0))]] })
    }

    @Test func emptyWorkbookAndZeroRowSheet() throws {
        let sink = MemorySink()
        let w = try XLSXPlugin().makeWriter(target: OutputTarget(sink: sink, name: "e.xlsx"), options: WriteOptions())
        try w.finish()
        let sheets = try readAll(bytes: sink.bytes)
        #expect(sheets.count == 1 && sheets[0].rows.isEmpty)
        #expect(throws: MentorBaseError.self) { try w.writeRow([.text("after close")]) }
        #expect(throws: MentorBaseError.self) { try w.finish() }
    }

    @Test func libxlsxwriterErrorsBecomeIOErrorsWithTheCell() throws {
        let sink = MemorySink()
        let w = try XLSXPlugin().makeWriter(target: OutputTarget(sink: sink, name: "big.xlsx"), options: WriteOptions())
        try w.beginSheet(SheetSpec(name: "L"))
        do {
            try w.writeRow([.empty, .text(String(repeating: "я", count: 40_000))])
            Issue.record("a 40,000-character cell must be refused")
        } catch let e as MentorBaseError {
            #expect(e.kind == .io)
            #expect(e.location.file == "big.xlsx" && e.location.sheet == "L" && e.location.row == 1 && e.location.column == 2)
        }
    }

    @Test func unwritableDestination() throws {
        #expect(throws: MentorBaseError.self) {
            let w = try XLSXPlugin().makeWriter(target: OutputTarget(path: "/nonexistent-dir/x.xlsx"), options: WriteOptions())
            try w.writeRow([.text("a")])
            try w.finish()
        }
    }

    @Test(arguments: [false, true])
    func asciiListsGoInline(constantMemory: Bool) throws {
        let spec = SheetSpec(name: "Коды", columns: [ColumnSpec(title: "code", validation: .list(["student", "staff", "external"]))])
        let bytes = try write([[.text("code")], [.text("staff")]], constantMemory: constantMemory, spec: spec)
        let sheet = try partText(bytes, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<formula1>\"student,staff,external\"</formula1>"))
        #expect(try readAll(bytes: bytes).map(\.info) == [SheetInfo(name: "Коды")])
    }
}
