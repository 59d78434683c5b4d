import JSONFormat
import MentorBase
import Testing

/// Every way a JSON input can be broken, with the error code and location the reader must give.
@Suite struct JSONErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        var name: String
        var bytes: [UInt8]
        var code: String
        var row: Int?
        var field: String? = nil
        var sheet: String? = nil
        var testDescription: String { what }

        init(_ what: String, _ name: String, _ text: String, _ code: String, row: Int?, field: String? = nil,
             sheet: String? = nil) {
            self.init(what, name, Array(text.utf8), code, row: row, field: field, sheet: sheet)
        }

        init(_ what: String, _ name: String, _ bytes: [UInt8], _ code: String, row: Int?, field: String? = nil,
             sheet: String? = nil) {
            self.what = what
            self.name = name
            self.bytes = bytes
            self.code = code
            self.row = row
            self.field = field
            self.sheet = sheet
        }
    }

    static let source = "source-error", encoding = "encoding-error", limit = "limit-exceeded"

    static let cases: [Case] = [
        // Arrays: rows are object ordinal + 1, the field is the key being read.
        Case("array cut inside a value", "a.json", #"[{"a":1},{"a":"#, source, row: 3, field: "a"),
        Case("array cut inside a string", "a.json", #"[{"имя":"Ива"#, source, row: 2, field: "имя"),
        Case("array cut after a comma", "a.json", #"[{"a":1},"#, source, row: 3),
        Case("trailing comma in an array", "a.json", #"[{"a":1},]"#, source, row: 3),
        Case("trailing comma in an object", "a.json", #"[{"a":1,}]"#, source, row: 2),
        Case("missing colon", "a.json", #"[{"a" 1}]"#, source, row: 2, field: "a"),
        Case("missing comma between keys", "a.json", #"[{"a":1 "b":2}]"#, source, row: 2, field: "a"),
        Case("unquoted key", "a.json", #"[{a:1}]"#, source, row: 2),
        Case("single quotes", "a.json", #"[{'a':1}]"#, source, row: 2),
        Case("array of numbers", "a.json", "[1,2]", source, row: 2),
        Case("object then a string", "a.json", #"[{"a":1},"x"]"#, source, row: 3),
        Case("content after the array", "a.json", #"[{"a":1}] [{"a":2}]"#, source, row: nil),
        Case("a lone number", "a.json", "42", source, row: 1),
        Case("a lone string", "a.json", #""строка""#, source, row: 1),
        Case("a lone true", "a.json", "true", source, row: 1),
        Case("empty .json file", "a.json", "", source, row: nil),
        Case("only spaces in a .json file", "a.json", "  \n\t ", source, row: nil),
        Case("unescaped line break in a string", "a.json", "[{\"a\":\"x\ny\"}]", source, row: 2, field: "a"),
        Case("invalid escape", "a.json", #"[{"a":"\x"}]"#, source, row: 2, field: "a"),
        Case("short \\u escape", "a.json", #"[{"a":"\u12"}]"#, source, row: 2, field: "a"),
        Case("lone high surrogate", "a.json", #"[{"a":"\ud83d"}]"#, source, row: 2, field: "a"),
        Case("lone low surrogate", "a.json", #"[{"a":"\ude00"}]"#, source, row: 2, field: "a"),
        Case("leading zero", "a.json", #"[{"a":01}]"#, source, row: 2, field: "a"),
        Case("bare minus", "a.json", #"[{"a":-}]"#, source, row: 2, field: "a"),
        Case("dot without digits", "a.json", #"[{"a":1.}]"#, source, row: 2, field: "a"),
        Case("exponent without digits", "a.json", #"[{"a":1e}]"#, source, row: 2, field: "a"),
        Case("plus sign", "a.json", #"[{"a":+1}]"#, source, row: 2, field: "a"),
        Case("NaN", "a.json", #"[{"a":NaN}]"#, source, row: 2, field: "a"),
        Case("misspelt literal", "a.json", #"[{"a":tru}]"#, source, row: 2, field: "a"),
        Case("literal run on", "a.json", #"[{"a":nullx}]"#, source, row: 2, field: "a"),
        Case("broken nested value", "a.json", #"[{"a":[1,}]"#, source, row: 2, field: "a"),
        Case("unclosed nested value", "a.json", #"[{"a":{"b":1]}]"#, source, row: 2, field: "a"),
        // Encoding: JSON is UTF-8.
        Case("invalid UTF-8 in a value", "a.json", Array(#"[{"a":""#.utf8) + [0xFF] + Array(#""}]"#.utf8), encoding,
             row: 2, field: "a"),
        Case("Windows-1251 key", "a.json", Array(#"[{""#.utf8) + [0xC8, 0xEC, 0xFF] + Array(#"":1}]"#.utf8), encoding,
             row: 2),
        Case("invalid byte outside strings", "a.json", [0x5B, 0xC0, 0x5D], encoding, row: 2),
        Case("UTF-16 BOM", "a.json", [0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00], encoding, row: 1),
        Case("half a UTF-8 BOM", "a.json", [0xEF, 0xBB, 0x5B, 0x5D], encoding, row: nil),
        Case("cut inside a Cyrillic letter", "a.json", Array(#"[{"a":"Ж"#.utf8).dropLast(), source, row: 2, field: "a"),
        // NDJSON: rows are lines.
        Case("NDJSON line that is an array", "a.ndjson", "{\"a\":1}\n{\"a\":2}\n[1]\n", source, row: 3),
        Case("NDJSON two objects on a line", "a.ndjson", "{\"a\":1}\n{\"a\":2} {\"a\":3}\n", source, row: 2),
        Case("NDJSON cut last line", "a.ndjson", "{\"a\":1}\n{\"a\":2}\n{\"a\":", source, row: 3, field: "a"),
        Case("NDJSON missing value", "a.ndjson", "{\"a\":1}\n{\"a\":}\n", source, row: 2, field: "a"),
        Case("NDJSON trailing comma", "a.jsonl", "{\"a\":1,}\n", source, row: 1),
        Case("NDJSON invalid UTF-8 on line 4", "a.ndjson",
             Array("{\"a\":1}\n\n{\"a\":2}\n{\"a\":\"".utf8) + [0xD0] + Array("\"}\n".utf8), encoding, row: 4, field: "a"),
        Case("NDJSON lone scalar line", "a.ndjson", "{\"a\":1}\n42\n", source, row: 2),
        Case("NDJSON-looking .json with a scalar line", "a.json", "{\"a\":1}\n42\n", source, row: 2),
        // The object layout: the sheet is named.
        Case("sheet holding a string", "a.json", #"{"Анкеты":[{"a":1}],"Согласия":"нет"}"#, source, row: nil,
             sheet: "Согласия"),
        Case("sheet holding numbers", "a.json", #"{"Анкеты":[{"a":1}],"Согласия":[{"a":1},2]}"#, source, row: 3,
             sheet: "Согласия"),
        Case("object layout cut short", "a.json", #"{"Анкеты":[{"a":1},{"a":2"#, source, row: 3, field: "a",
             sheet: "Анкеты"),
        Case("content after the object", "a.json", #"{"Анкеты":[{"a":1}]} x"#, source, row: nil),
        Case("deep nesting inside a cell", "a.json",
             "[{\"a\":" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}]", limit, row: 2,
             field: "a"),
    ]

    /// Memory (re-openable: a first pass runs) and a one-shot stream (no first pass), whole and in small chunks.
    static func sources(_ c: Case) -> [(String, InputSource)] {
        [Int.max, 1, 7].map { ("memory, chunk \($0)", InputSource(bytes: c.bytes, name: c.name, chunkSize: $0)) }
            + [1, 4096].map { ("stream, chunk \($0)", InputSource(stream: MemoryStream(c.bytes, chunkSize: $0), name: c.name)) }
    }

    @Test(arguments: cases)
    func failsWithItsLocation(_ c: Case) throws {
        for (chunk, source) in Self.sources(c) {
            let error = try #require(mentorError { _ = try readJSON(source) }, "\(c.what) must fail (\(chunk))")
            #expect(error.code == c.code, "\(c.what): \(error)")
            #expect(error.kind == .data, "\(c.what): \(error)")
            #expect(error.location.file == c.name, "\(c.what): \(error)")
            #expect(error.location.row == c.row, "\(c.what), chunk \(chunk): \(error)")
            #expect(error.location.field == c.field, "\(c.what): \(error)")
            #expect(error.location.sheet == c.sheet, "\(c.what): \(error)")
        }
    }

    @Test func syntaxErrorsNameTheLineAndColumnInBothLanguages() throws {
        let text = "[\n{\"a\":1},\n{\"a\":1,,}\n]"
        let error = try #require(mentorError { _ = try readJSON(InputSource(bytes: Array(text.utf8), name: "a.json")) })
        #expect(error.render(.en).contains("line 3, column 8"), "\(error.render(.en))")
        #expect(error.render(.ru).contains("строка 3, позиция 8"), "\(error.render(.ru))")
        #expect(error.render(.ru).contains("a.json, строка 3"))
    }

    @Test func anEmptyNDJSONFileHasNoRows() throws {
        for text in ["", "\n\n", "  \r\n"] {
            let result = try readJSON(InputSource(bytes: Array(text.utf8), name: "empty.ndjson"))
            #expect(result.sheets.count == 1)
            #expect(result.sheets[0].rows.isEmpty)
        }
    }

    @Test func aForcedNonUTF8EncodingIsAUsageError() {
        var options = ReadOptions()
        options.encoding = "windows-1251"
        let error = mentorError { _ = try readJSON(InputSource(bytes: Array("[]".utf8), name: "a.json"), options: options) }
        #expect(error?.kind == .usage)
    }

    // MARK: Limits

    @Test func aCellLongerThanTheLimitStops() throws {
        var options = ReadOptions()
        options.limits.maxCellBytes = 16
        let text = #"[{"a":"short"},{"a":"this string is longer than sixteen bytes"}]"#
        let error = try #require(mentorError { _ = try readJSON(InputSource(bytes: Array(text.utf8), name: "a.json"), options: options) })
        #expect(error.code == "limit-exceeded")
        #expect(error.location.row == 3 && error.location.field == "a")
        // Nested values count too.
        let nested = #"[{"a":[1,2,3,4,5,6,7,8,9,10,11,12]}]"#
        #expect(mentorError { _ = try readJSON(InputSource(bytes: Array(nested.utf8), name: "a.json"), options: options) }?
            .code == "limit-exceeded")
    }

    @Test func moreColumnsThanTheLimitStop() throws {
        var options = ReadOptions()
        options.limits.maxColumns = 2
        for (name, text) in [("a.json", #"[{"a":1,"b":2},{"c":3}]"#), ("a.ndjson", "{\"a\":1,\"b\":2}\n{\"c\":3}\n")] {
            let error = mentorError { _ = try readJSON(InputSource(bytes: Array(text.utf8), name: name), options: options) }
            #expect(error?.code == "limit-exceeded", "\(name)")
            // From a one-shot stream the limit is hit while reading rows.
            let stream = InputSource(stream: MemoryStream(Array(text.utf8)), name: name)
            #expect(mentorError { _ = try readJSON(stream, options: options) }?.code == "limit-exceeded", "\(name) stream")
        }
    }

    @Test func moreRowsThanTheLimitStop() throws {
        var options = ReadOptions()
        options.limits.maxRows = 2
        let text = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n"
        let error = try #require(mentorError { _ = try readJSON(InputSource(bytes: Array(text.utf8), name: "a.ndjson"), options: options) })
        #expect(error.code == "limit-exceeded")
        #expect(error.location.row == 3)
    }

    // MARK: Warnings that let the read go on

    @Test func duplicateKeysKeepTheLastValueWithAWarning() throws {
        let result = try readJSON(InputSource(bytes: Array(#"[{"a":1,"b":2,"a":3}]"#.utf8), name: "a.json"))
        #expect(result.sheets[0].rows[1].cells == [.number(3), .number(2)])
        let d = try #require(result.diagnostics.items.first)
        #expect(d.code == "duplicate-key" && d.severity == .warning && d.location.row == 2 && d.location.field == "a")
    }

    @Test func hugeNumbersAreFlagged() throws {
        let text = #"[{"id":12345678901234567890,"big":1e400,"ok":9007199254740993e0}]"#
        let result = try readJSON(InputSource(bytes: Array(text.utf8), name: "a.json"))
        let row = result.sheets[0].rows[1].cells
        #expect(row[0] == .number(Double("12345678901234567890") ?? 0))
        #expect(row[1] == .text("1e400"))
        #expect(Set(result.diagnostics.items.map(\.code)) == ["number-precision", "number-out-of-range"])
        #expect(result.diagnostics.items.allSatisfy { $0.location.row == 2 && $0.location.field != nil })
    }
}
