import CSVFormat
import Foundation
import MentorBase
import Testing

private func read(_ text: String, name: String = "t.csv", _ options: ReadOptions = ReadOptions()) throws -> [Row] {
    try readAll(InputSource(bytes: Array(text.utf8), name: name), options).rows
}

private func readBytes(_ bytes: [UInt8], _ options: ReadOptions = ReadOptions()) throws -> (rows: [Row], reader: any TableReader) {
    try readAll(InputSource(bytes: bytes, name: "t.csv"), options)
}

private func expectError(_ code: String, row: Int?, column: Int? = nil, _ body: () throws -> Void,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    do {
        try body()
        Issue.record("expected \(code)", sourceLocation: sourceLocation)
    } catch let e as MentorBaseError {
        #expect(e.code == code, sourceLocation: sourceLocation)
        #expect(e.location.row == row, sourceLocation: sourceLocation)
        if let column { #expect(e.location.column == column, sourceLocation: sourceLocation) }
        #expect(e.location.file == "t.csv", sourceLocation: sourceLocation)
        #expect(!e.message.ru.isEmpty && !e.message.en.isEmpty, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct CSVParsingTests {
    @Test func rfc4180QuotingWithLineBreaksAndDoubledQuotes() throws {
        let rows = try read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\r\nbye\"\r\n")
        #expect(texts(rows) == [["a", "b"], ["x, y", "say \"hi\"\r\nbye"]])
    }

    @Test func keepsSpacesAroundUnquotedCells() throws {
        #expect(texts(try read("a;b\n  x ; y\t\n")) == [["a", "b"], ["  x ", " y\t"]])
    }

    @Test func blankLinesKeepTheirRowNumbers() throws {
        let rows = try read("h1,h2\r\n\r\nv1,v2\r\n")
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[1].cells.isEmpty)
        #expect(texts(rows)[2] == ["v1", "v2"])
    }

    @Test func lastLineWithoutNewline() throws {
        #expect(texts(try read("a,b\n1,2")) == [["a", "b"], ["1", "2"]])
    }

    @Test func oldMacLineEndings() throws {
        #expect(texts(try read("a,b\r1,2\r")) == [["a", "b"], ["1", "2"]])
    }

    @Test func strayQuoteInsideAnUnquotedCellIsKept() throws {
        #expect(texts(try read("a,b\n7 \"Б\",x\n"))[1] == ["7 \"Б\"", "x"])
    }

    @Test(arguments: [(";", "a;b,c\n1;2,3\n"), (",", "a,b,c;d\n1,2,3;4\n"), ("\t", "a\tb\n1\t2\n"), ("|", "a|b\n1|2\n")])
    func sniffsTheDelimiter(delimiter: String, text: String) throws {
        let reader = try CSVPlugin().makeReader(source: InputSource(bytes: Array(text.utf8), name: "t.csv"), options: ReadOptions())
        #expect(reader.details.delimiter == delimiter)
    }

    @Test func semicolonWinsOverCommasInsideRussianText() throws {
        let text = "ФИО;Запрос\nИванов;математика, физика, химия\nПетров;русский язык\n"
        let reader = try CSVPlugin().makeReader(source: InputSource(bytes: Array(text.utf8), name: "t.csv"), options: ReadOptions())
        #expect(reader.details.delimiter == ";")
    }

    @Test func forcedDelimiterAndEncoding() throws {
        let rows = try read("a;b,c\n", ReadOptions(delimiter: ","))
        #expect(texts(rows) == [["a;b", "c"]])
        // Windows-1251 bytes that happen to be valid UTF-8 are read as forced.
        let cp: [UInt8] = [0xD0, 0xB0, 0x0A]  // "Ра" in cp1251, "а" in UTF-8
        #expect(texts(try readBytes(cp).rows) == [["а"]])
        #expect(texts(try readBytes(cp, ReadOptions(encoding: "windows-1251")).rows) == [["Р°"]])
    }

    @Test func raggedRowsAreWarningsWithTheirRowNumbers() throws {
        let (rows, reader) = try readBytes(Array("a;b;c\n1;2\n1;2;3\n1;2;3;4\n\n".utf8))
        #expect(rows.count == 5)
        let ds = reader.diagnostics.items
        #expect(ds.map(\.code) == ["missing-cell", "extra-cell"])
        #expect(ds.map(\.location.row) == [2, 4])
        #expect(ds.allSatisfy { $0.severity == .warning })
    }

    @Test func unterminatedQuoteNamesTheRowWhereItOpened() {
        expectError("source-error", row: 3, column: 2) { _ = try read("a,b\n1,2\n3,\"4\n5,6\n") }
    }

    @Test func invalidUTF8NamesTheRow() {
        // A valid UTF-8 head longer than the 64 KiB sniffing window, then a bad byte on row 2001.
        var text = "a,b\n"
        for i in 1..<2000 { text += "строка \(i),значение \(i) с текстом\n" }
        var bytes = Array(text.utf8)
        bytes += [0x78, 0x2C, 0xC3, 0x28, 0x0A]
        #expect(bytes.count > 64 * 1024)
        expectError("encoding-error", row: 2001, column: 2) { _ = try readBytes(bytes) }
    }

    @Test func unassignedWindows1251ByteIsAnEncodingError() {
        expectError("encoding-error", row: 2, column: 1) { _ = try readBytes([0x61, 0x0A, 0xC0, 0x98, 0x0A]) }
    }

    @Test func binaryJunkIsRefused() {
        var junk: [UInt8] = [0x00, 0x01, 0x02]
        for i in 0..<1000 { junk.append(UInt8(truncatingIfNeeded: i &* 31)) }
        expectError("encoding-error", row: nil) { _ = try readBytes(junk) }
    }

    @Test func oversizedCellIsALimitErrorNotAMemoryBlowUp() {
        var limits = InputLimits()
        limits.maxCellBytes = 1000
        let big = "a,b\n1,\"" + String(repeating: "x", count: 5000) + "\"\n"
        expectError("limit-exceeded", row: 2, column: 2) { _ = try read(big, ReadOptions(limits: limits)) }
        let open = "a,b\n1,\"" + String(repeating: "x", count: 200_000)
        expectError("limit-exceeded", row: 2) { _ = try read(open, ReadOptions(limits: limits)) }
    }

    @Test func emptyInputHasNoRows() throws {
        #expect(try read("").isEmpty)
        #expect(try readBytes([0xEF, 0xBB, 0xBF]).rows.isEmpty)
    }

    @Test func truncatedUTF16IsAnEncodingError() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x62]
        expectError("encoding-error", row: 2) { _ = try readBytes(bytes) }
    }
}

@Suite struct CSVValueCacheTests {
    @Test func repeatedValuesNeverBleedAcrossColumnsOrSlots() throws {
        // Same lengths everywhere, more distinct values than cache slots, values swapping columns.
        var text = "h1,h2\n"
        var expected: [[String]] = [["h1", "h2"]]
        let values = ["аа", "бб", "вв", "гг", "дд", "ее"]
        for i in 0..<60 {
            let a = values[i % 6], b = values[(i * 7 + 3) % 6]
            text += "\(a),\(b)\n"
            expected.append([a, b])
        }
        let rows = try readAll(InputSource(bytes: Array(text.utf8), name: "t.csv")).rows
        #expect(texts(rows) == expected)
    }
}
