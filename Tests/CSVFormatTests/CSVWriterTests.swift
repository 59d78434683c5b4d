import CSVFormat
import Foundation
import MentorBase
import Testing

private func write(_ rows: [[Cell]], _ options: WriteOptions = WriteOptions(), name: String = "out.csv") throws -> [UInt8] {
    let sink = MemorySink()
    let w = try CSVPlugin().makeWriter(target: OutputTarget(sink: sink, name: name), options: options)
    try w.beginSheet(SheetSpec(name: "x"))
    for r in rows { try w.writeRow(r) }
    try w.finish()
    #expect(sink.isClosed)
    return sink.bytes
}

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsQuotes() throws {
        let out = try write([[.text("a"), .text("b,c"), .text("say \"hi\""), .text("line\nbreak"), .empty, .text("=1+1")]])
        #expect(String(decoding: out, as: UTF8.self) == "a,\"b,c\",\"say \"\"hi\"\"\",\"line\nbreak\",,=1+1\r\n")
    }

    @Test func excelRuDialect() throws {
        let d = try #require(CalendarDate(year: 2024, month: 9, day: 1))
        let out = try write([[.text("ФИО"), .text("a;b")], [.number(3.5), .date(d)], [.boolean(true), .number(-2)]],
                            WriteOptions(dialect: "excel-ru"))
        #expect(Array(out.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: out.dropFirst(3), as: UTF8.self) == "ФИО;\"a;b\"\r\n3,5;01.09.2024\r\nИСТИНА;-2\r\n")
    }

    @Test func typedCellsInTheDefaultDialect() throws {
        let dt = try #require(CalendarDateTime(date: CalendarDate(year: 2024, month: 9, day: 1)!, hour: 8, minute: 5, second: 0))
        let out = try write([[.number(1e20), .number(0.1), .dateTime(dt), .error("#N/A")]], WriteOptions(dialect: "unix"))
        #expect(String(decoding: out, as: UTF8.self) == "1e+20,0.1,2024-09-01T08:05:00,#N/A\n")
    }

    @Test func tsvByExtensionAndExplicitDelimiter() throws {
        #expect(String(decoding: try write([[.text("a"), .text("b")]], name: "x.tsv"), as: UTF8.self) == "a\tb\n")
        #expect(String(decoding: try write([[.text("a"), .text("b")]], WriteOptions(delimiter: "|")), as: UTF8.self) == "a|b\r\n")
    }

    @Test func secondSheetIsRefused() throws {
        let w = try CSVPlugin().makeWriter(target: OutputTarget(sink: MemorySink(), name: "x.csv"), options: WriteOptions())
        try w.beginSheet(SheetSpec(name: "a"))
        #expect(throws: MentorBaseError.self) { try w.beginSheet(SheetSpec(name: "b")) }
    }

    @Test func unknownDialectIsAUsageError() {
        #expect(throws: MentorBaseError.self) {
            _ = try CSVPlugin().makeWriter(target: OutputTarget(sink: MemorySink(), name: "x.csv"), options: WriteOptions(dialect: "nope"))
        }
    }

    @Test func roundTripThroughOurOwnReader() throws {
        let table: [[Cell]] = [
            [.text("ФИО"), .text("Запрос"), .text("Телефон")],
            [.text("Ёлкин \"Пётр\""), .text("строка 1\r\nстрока 2; и ещё, запятая"), .text("+7 912 000-00-00")],
            [.text("  пробелы  "), .empty, .text("=СУММ(A1)")],
        ]
        for dialect in ["rfc4180", "unix", "excel-ru", "tsv"] {
            let bytes = try write(table, WriteOptions(dialect: dialect))
            let rows = try readAll(InputSource(bytes: bytes, name: "x.csv")).rows
            #expect(rows.map(\.cells) == table, "dialect \(dialect)")
        }
    }
}
