import Foundation
import JSONFormat
import MentorBase
import Testing

/// The writer's layouts, key naming, cell mapping and streaming.
@Suite struct JSONWriterTests {
    static let small: [[Cell]] = [[.text("a"), .text("b")], [.number(1), .text("x")]]

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func layoutsAreSpelledAsDocumented() throws {
        #expect(text(try writeJSON([("S", Self.small)], options: WriteOptions(dialect: "array")))
            == "[\n{\"a\":1,\"b\":\"x\"}\n]\n")
        #expect(text(try writeJSON([("S", Self.small)], options: WriteOptions(dialect: "ndjson")))
            == "{\"a\":1,\"b\":\"x\"}\n")
        #expect(text(try writeJSON([("S", Self.small), ("T", [[.text("c")]])], options: WriteOptions(dialect: "object")))
            == "{\n\"S\": [\n{\"a\":1,\"b\":\"x\"}\n],\n\"T\": []\n}\n")
    }

    @Test(arguments: [
        (nil, "out.json", 1, JSONLayout.array), (nil, "out.json", nil, .array), (nil, "out.json", 2, .object),
        (nil, "out.ndjson", 1, .ndjson), (nil, "OUT.JSONL", nil, .ndjson), ("object", "out.json", 1, .object),
        ("ndjson", "out.json", 1, .ndjson), ("array", "out.ndjson", 1, .array), ("ARRAY", "-", nil, .array),
    ] as [(String?, String, Int?, JSONLayout)])
    func layoutIsChosenByDialectThenExtensionThenSheetCount(dialect: String?, name: String, sheets: Int?, layout: JSONLayout) throws {
        let target = OutputTarget(sink: MemorySink(), name: name)
        #expect(try JSONPlugin.layout(for: target, options: WriteOptions(dialect: dialect, sheetCount: sheets)) == layout)
    }

    @Test func refusalsAreUsageErrors() throws {
        let plugin = JSONPlugin()
        let target = OutputTarget(sink: MemorySink(), name: "out.json")
        #expect(mentorError { _ = try plugin.makeWriter(target: target, options: WriteOptions(dialect: "excel-ru")) }?.kind == .usage)
        #expect(mentorError { _ = try plugin.makeWriter(target: target, options: WriteOptions(dialect: "array", sheetCount: 2)) }?
            .kind == .usage)
        let writer = try plugin.makeWriter(target: target, options: WriteOptions(dialect: "ndjson"))
        #expect(mentorError { try writer.writeRow([.text("a")]) }?.kind == .usage)
        try writer.beginSheet(SheetSpec(name: "A"))
        #expect(mentorError { try writer.beginSheet(SheetSpec(name: "B")) }?.kind == .usage)
        try writer.finish()
        #expect(mentorError { try writer.writeRow([.text("a")]) }?.kind == .usage)
    }

    @Test func zeroSheetsAreStillValidJSON() throws {
        #expect(text(try writeJSON([], options: WriteOptions(dialect: "array"))) == "[]\n")
        #expect(text(try writeJSON([], options: WriteOptions(dialect: "object"))) == "{}\n")
        #expect(try writeJSON([], options: WriteOptions(dialect: "ndjson")).isEmpty)
        #expect(text(try writeJSON([("S", [])], options: WriteOptions(dialect: "array"))) == "[]\n")
    }

    @Test func emptyAndRepeatedTitlesGetDeterministicKeys() throws {
        #expect(JSONNames.uniqueKeys(["Имя", "", "Имя", "column_2", "Имя"]) == ["Имя", "column_2", "Имя_2", "column_2_2", "Имя_3"])
        let bytes = try writeJSON([("S", [[.text("Имя"), .empty, .text("Имя")], [.text("a"), .text("b"), .text("c")]])])
        #expect(text(bytes) == "[\n{\"Имя\":\"a\",\"column_2\":\"b\",\"Имя_2\":\"c\"}\n]\n")
    }

    @Test func longerRowsAddColumnsAndShorterRowsGetNulls() throws {
        let rows: [[Cell]] = [[.text("a"), .text("b")], [.number(1), .number(2), .number(3), .text("column_3")], [.number(5)]]
        let out = text(try writeJSON([("S", rows)], options: WriteOptions(dialect: "ndjson")))
        #expect(out == "{\"a\":1,\"b\":2,\"column_3\":3,\"column_4\":\"column_3\"}\n{\"a\":5,\"b\":null,\"column_3\":null,\"column_4\":null}\n")
        let back = try readJSON(InputSource(bytes: Array(out.utf8), name: "x.ndjson"))
        #expect(back.sheets[0].rows.map(\.cells) == [
            [.text("a"), .text("b"), .text("column_3"), .text("column_4")],
            [.number(1), .number(2), .number(3), .text("column_3")],
            [.number(5), .empty, .empty, .empty],
        ])
    }

    @Test func duplicateAndEmptySheetNamesAreMadeUnique() throws {
        let out = text(try writeJSON([("", Self.small), ("A", Self.small), ("A", Self.small)], options: WriteOptions(dialect: "object")))
        let back = try readJSON(InputSource(bytes: Array(out.utf8), name: "x.json"))
        #expect(back.sheets.map(\.name) == ["sheet_1", "A", "A_2"])
    }

    @Test func everyCellKindHasItsJSONForm() throws {
        let date = try #require(CalendarDate(year: 2024, month: 9, day: 1))
        let dateTime = try #require(CalendarDateTime(date: date, hour: 8, minute: 5, second: 9))
        let header: [Cell] = (1...14).map { .text("k\($0)") }
        let row: [Cell] = [.empty, .text("т\"е\\к\nс\tт\u{1}"), .number(42), .number(-17), .number(0.1), .number(1e20),
                           .number(-2.5e-8), .number(.nan), .number(.infinity), .boolean(true), .boolean(false),
                           .date(date), .dateTime(dateTime), .error("#N/A")]
        let out = text(try writeJSON([("S", [header, row])], options: WriteOptions(dialect: "ndjson")))
        #expect(out == ##"{"k1":null,"k2":"т\"е\\к\nс\tт\u0001","k3":42,"k4":-17,"k5":0.1,"k6":1e+20,"k7":-2.5e-08,"k8":null,"k9":null,"k10":true,"k11":false,"k12":"2024-09-01","k13":"2024-09-01T08:05:09","k14":"#N/A"}"## + "\n")
    }

    /// The writer scans eight bytes at a time: a character to escape at any offset, next to
    /// Cyrillic or not, must be escaped exactly as the core's `JSONText.quote` does.
    @Test func escapingMatchesTheCoreAtEveryOffset() throws {
        var texts: [String] = []
        for special in ["\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", "Ж", "😀", "/"] {
            for length in 0...19 {
                for at in 0...length {
                    var chars = Array(repeating: length % 2 == 0 ? "a" : "ё", count: length)
                    chars.insert(special, at: at)
                    texts.append(chars.joined())
                }
            }
        }
        let header: [Cell] = [.text("t")]
        let out = text(try writeJSON([("S", [header] + texts.map { [.text($0)] })], options: WriteOptions(dialect: "ndjson")))
        let expected = texts.map { "{\"t\":\(JSONText.quote($0))}\n" }.joined()
        #expect(out == expected)
        let back = try readJSON(InputSource(bytes: Array(out.utf8), name: "x.ndjson"))
        #expect(back.sheets[0].rows.dropFirst().map(\.cells) == texts.map { [.text($0)] })
    }

    @Test func numbersComeBackExactly() throws {
        let values: [Double] = [0, 1, -1, 42, 999_999_999_999_999, 1e15, 123_456_789.125, 0.1, 1.0 / 3, -2.5e-8, 1e300, .leastNonzeroMagnitude,
                                .greatestFiniteMagnitude, 9_007_199_254_740_992, -0.0]
        let rows: [[Cell]] = [[.text("v")]] + values.map { [.number($0)] }
        let back = try readJSON(InputSource(bytes: try writeJSON([("S", rows)]), name: "x.json"))
        #expect(back.sheets[0].rows.map(\.cells) == rows)
        #expect(back.diagnostics.items.isEmpty)
    }

    /// Output reaches the sink in bounded pieces while rows are written, not all at the end.
    @Test func outputIsFlushedInBoundedChunks() throws {
        final class CountingSink: ByteSink {
            var writes = 0, largest = 0, total = 0, closed = false
            func write(_ bytes: UnsafeRawBufferPointer) throws {
                writes += 1
                largest = max(largest, bytes.count)
                total += bytes.count
            }
            func close() throws { closed = true }
        }
        let sink = CountingSink()
        let writer = try JSONPlugin().makeWriter(target: OutputTarget(sink: sink, name: "big.ndjson"), options: WriteOptions())
        try writer.beginSheet(SheetSpec(name: "S"))
        try writer.writeRow((1...13).map { .text("Поле \($0)") })
        let row: [Cell] = (1...13).map { .text("Значение номер \($0) для наставничества") }
        for _ in 0..<20_000 { try writer.writeRow(row) }
        let writesBeforeFinish = sink.writes
        try writer.finish()
        #expect(writesBeforeFinish > 50, "the writer must flush while writing, not only in finish()")
        #expect(sink.largest < 128 * 1024)
        #expect(sink.total > 20_000 * 13 * 40)
        #expect(sink.closed)
    }

    /// Every fixture, read and written in each layout, reads back to the same cells.
    @Test(arguments: JSONFixtureTests.good)
    func fixturesRoundTripThroughEveryLayout(_ name: String) throws {
        let original = try readJSON(InputSource(path: Fixtures.path(name), displayName: name))
        for dialect in ["array", "object", "ndjson"] where dialect == "object" || original.sheets.count == 1 {
            let bytes = try writeJSON(original.sheets.map { ($0.name, $0.rows.map(\.cells)) },
                                      options: WriteOptions(dialect: dialect))
            let back = try readJSON(InputSource(bytes: bytes, name: "round." + (dialect == "ndjson" ? "ndjson" : "json"), chunkSize: 7))
            #expect(back.sheets.map { $0.rows.map(\.cells) } == original.sheets.map { $0.rows.map(\.cells) }, "\(name) as \(dialect)")
            if dialect == "object" { #expect(back.sheets.map(\.name) == original.sheets.map(\.name)) }
        }
    }
}
