import MentorBase
import MentorFormats
import ODSFormat
import Testing

/// The writer's output, read back by our reader and inspected as XML.
@Suite struct ODSWriterTests {
    private let d = CalendarDate(year: 2024, month: 9, day: 1)!

    @Test func mimetypeIsStoredFirst() throws {
        let bytes = try writeODS([(SheetSpec(name: "S"), [[.text("a")]])])
        // Local header: signature, version, flags, method 0 (stored) at offset 8, name at 30.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04])
        #expect(bytes[8] == 0 && bytes[9] == 0)
        #expect(Array(bytes[30..<38]) == Array("mimetype".utf8))
        #expect(Array(bytes[38..<84]) == Array("application/vnd.oasis.opendocument.spreadsheet".utf8))
        #expect(MentorFormats.builtinRegistry().plugin(id: "ods")?.sniff(SniffProbe(head: bytes, fileExtension: nil))?.confidence == .content)
        let manifest = try part("META-INF/manifest.xml", of: bytes)
        #expect(manifest.contains("manifest:full-path=\"/\"") && manifest.contains("content.xml"))
    }

    @Test func typedCellsAndDateStyles() throws {
        let dt = CalendarDateTime(date: d, hour: 8, minute: 30, second: 5)!
        let row: [Cell] = [.text("=1+2"), .number(3.25), .number(1e-7), .number(9_007_199_254_740_992), .boolean(true),
                           .date(d), .dateTime(dt), .error("#N/A"), .number(.nan), .empty, .text("конец")]
        let bytes = try writeODS([(SheetSpec(name: "Типы", headerRows: 0), [row])])
        let xml = try part("content.xml", of: bytes)
        #expect(xml.contains("office:value-type=\"float\" office:value=\"1e-07\""))
        #expect(xml.contains("office:value-type=\"boolean\" office:boolean-value=\"true\""))
        #expect(xml.contains("office:date-value=\"2024-09-01\""))
        #expect(xml.contains("office:date-value=\"2024-09-01T08:30:05\""))
        #expect(xml.contains("<text:p>01.09.2024</text:p>") && xml.contains("<text:p>01.09.2024 08:30:05</text:p>"))
        #expect(!xml.contains("table:formula"), "text stays text")
        let back = try readODS(bytes).sheets[0].rows[0].cells
        #expect(back == [.text("=1+2"), .number(3.25), .number(1e-7), .number(9_007_199_254_740_992), .boolean(true),
                         .date(d), .dateTime(dt), .text("#N/A"), .text("nan"), .empty, .text("конец")])
    }

    @Test func spacesTabsAndLinesAreMarkedUp() throws {
        let text = "  два  пробела\tтаб \nвторая\r\nстрока\n\n я"
        let bytes = try writeODS([(SheetSpec(name: "S"), [[.text(text)]])])
        let xml = try part("content.xml", of: bytes)
        #expect(xml.contains("<text:p><text:s text:c=\"2\"/>два <text:s/>пробела<text:tab/>таб </text:p><text:p>вторая&#13;</text:p>"))
        #expect(xml.contains("<text:p></text:p><text:p><text:s/>я</text:p>"))
        #expect(try readODS(bytes).sheets[0].rows[0].cells == [.text(text)])
    }

    @Test func sheetNamesAreMadeValidAndUnique() throws {
        let names = ["Анкеты", "анкеты", "a/b:c*?[d]\\", "'кавычки'", "", "Анкеты"]
        let bytes = try writeODS(names.map { (SheetSpec(name: $0), [[Cell.text($0)]]) })
        let sheets = try readODS(bytes).sheets
        #expect(sheets.map(\.info.name) == ["Анкеты", "анкеты (2)", "a_b_c___d__", "кавычки", "Лист5", "Анкеты (3)"])
        #expect(sheets.map { $0.rows.first?.cells.first ?? .empty } == names.map { $0.isEmpty ? Cell.empty : .text($0) })
    }

    @Test func headerIsBoldAndFrozenAnnotationsBecomeFillsAndComments() throws {
        let spec = SheetSpec(name: "Ошибки", columns: [ColumnSpec(title: "ФИО"), ColumnSpec(title: "СНИЛС", note: "11 цифр")], headerRows: 1)
        let bytes = try writeODS([(spec, [[.text("ФИО"), .text("СНИЛС")], [.text("Иванов"), .text("123"), .empty, .empty]])],
                                 annotations: [1: [1: CellAnnotation(fill: .error, comment: "неверная контрольная сумма"),
                                                   3: CellAnnotation(fill: .warning)]])
        let xml = try part("content.xml", of: bytes)
        #expect(xml.contains("<office:annotation><text:p>11 цифр</text:p></office:annotation>"))
        #expect(xml.contains("<office:annotation><text:p>неверная контрольная сумма</text:p></office:annotation>"))
        #expect(xml.contains("fo:font-weight=\"bold\"") && xml.contains("fo:background-color=\"#ffc7ce\""))
        let settings = try part("settings.xml", of: bytes)
        #expect(settings.contains("config:name=\"Ошибки\"") && settings.contains("VerticalSplitPosition"))
        // Comments are not cell text; the annotated empty cell stays empty.
        #expect(try readODS(bytes).sheets[0].rows.map(\.cells) == [[.text("ФИО"), .text("СНИЛС")], [.text("Иванов"), .text("123")]])
    }

    @Test func emptyRowsAndRunsAreCompact() throws {
        var row = [Cell](repeating: .empty, count: 500)
        row[499] = .text("далеко")
        let bytes = try writeODS([(SheetSpec(name: "S", headerRows: 0), [[], row, [], [.text("a")]])])
        let xml = try part("content.xml", of: bytes)
        #expect(xml.contains("<table:table-cell table:number-columns-repeated=\"499\"/>"))
        #expect(try readODS(bytes).sheets[0].rows == [Row(number: 1, cells: []), Row(number: 2, cells: row),
                                                      Row(number: 3, cells: []), Row(number: 4, cells: [.text("a")])])
    }

    @Test func refusesWhatLibreOfficeCouldNotOpen() throws {
        var row = [Cell](repeating: .empty, count: 16_385)
        row[16_384] = .number(1)
        let error = try #require(throws: MentorBaseError.self) { try writeODS([(SheetSpec(name: "S"), [row])]) }
        #expect(error.code == "limit-exceeded" && error.location.file == "out.ods")
    }

    @Test func writesWithoutSheetsAndWithoutBeginSheet() throws {
        #expect(try readODS(try writeODS([])).sheets.isEmpty)
        let sink = MemorySink()
        let writer = try ODSPlugin().makeWriter(target: OutputTarget(sink: sink, name: "x.ods"), options: WriteOptions())
        try writer.writeRow([.text("a")])
        try writer.finish()
        #expect(sink.isClosed)
        #expect(try readODS(sink.bytes).sheets.map(\.info.name) == ["Лист1"])
    }
}
