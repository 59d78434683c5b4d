import JSONFormat
import MentorBase
import Testing

/// How a top-level `{` is told apart (object of sheets or NDJSON), from memory and from a one-shot stream.
@Suite struct JSONLayoutTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        var name: String
        var text: String
        var layout: String
        var sheets: [String]
        var rows: [[Cell]]
        var testDescription: String { what }
    }

    static let cases: [Case] = [
        Case(what: "one-line object of sheets", name: "a.json", text: #"{"Лист":[{"a":1}]}"#, layout: "object",
             sheets: ["Лист"], rows: [[.text("a")], [.number(1)]]),
        Case(what: "object of empty sheets", name: "a.json", text: #"{"A":[],"B":[]}"#, layout: "object",
             sheets: ["A", "B"], rows: []),
        Case(what: "NDJSON in a .json file", name: "a.json", text: "{\"a\":1}\n{\"a\":2}\n", layout: "ndjson",
             sheets: ["a"], rows: [[.text("a")], [.number(1)], [.number(2)]]),
        Case(what: "one NDJSON record in a .json file", name: "a.json", text: #"{"a":"x","b":[1,2]}"#, layout: "ndjson",
             sheets: ["a"], rows: [[.text("a"), .text("b")], [.text("x"), .text("[1,2]")]]),
        Case(what: "NDJSON whose first field holds an array of objects", name: "a.json",
             text: "{\"items\":[{\"x\":1}],\"n\":5}\n{\"items\":[],\"n\":6}\n", layout: "ndjson", sheets: ["a"],
             rows: [[.text("items"), .text("n")], [.text(#"[{"x":1}]"#), .number(5)], [.text("[]"), .number(6)]]),
        Case(what: "NDJSON whose first field holds an array of numbers", name: "a.json",
             text: "{\"tags\":[1,2]}\n{\"tags\":[]}\n", layout: "ndjson", sheets: ["a"],
             rows: [[.text("tags")], [.text("[1,2]")], [.text("[]")]]),
        Case(what: ".ndjson holding what looks like an object of sheets", name: "a.ndjson", text: #"{"Лист":[{"a":1}]}"#,
             layout: "ndjson", sheets: ["a"], rows: [[.text("Лист")], [.text(#"[{"a":1}]"#)]]),
        Case(what: "CRLF line ends and blank lines", name: "a.jsonl", text: "{\"a\":1}\r\n\r\n{\"a\":2}\r\n", layout: "ndjson",
             sheets: ["a"], rows: [[.text("a")], [.number(1)], [.number(2)]]),
        Case(what: "empty array", name: "a.json", text: " [ ] ", layout: "array", sheets: ["a"], rows: []),
        Case(what: "array of empty objects", name: "a.json", text: "[{},{}]", layout: "array", sheets: ["a"], rows: [[], [], []]),
        Case(what: "empty object", name: "a.json", text: "{}", layout: "object", sheets: [], rows: []),
    ]

    @Test(arguments: cases)
    func layoutIsRecognised(_ c: Case) throws {
        let sources = [
            InputSource(bytes: Array(c.text.utf8), name: c.name),
            InputSource(bytes: Array(c.text.utf8), name: c.name, chunkSize: 1),
            InputSource(stream: MemoryStream(Array(c.text.utf8), chunkSize: 2), name: c.name),
        ]
        for source in sources {
            let result = try readJSON(source)
            #expect(result.details.extras.first { $0.0 == "layout" }?.1 == c.layout)
            #expect(result.sheets.map(\.name) == c.sheets)
            #expect((result.sheets.first?.rows.map(\.cells) ?? []) == c.rows)
        }
    }

    /// A pretty-printed object of sheets bigger than the sniffing window, from a one-shot stream.
    @Test func aLargeObjectOfSheetsFromAStream() throws {
        let record: [Cell] = [.text("Иванов Иван"), .number(7), .boolean(true)]
        let rows = [[.text("ФИО"), .text("Класс"), .text("Согласие")]] + Array(repeating: record, count: 3_000)
        let bytes = try writeJSON([("Анкеты", rows), ("Согласия", rows)], options: WriteOptions(dialect: "object"))
        #expect(bytes.count > 64 * 1024)
        let result = try readJSON(InputSource(stream: MemoryStream(bytes, chunkSize: 4096), name: "stdin"))
        #expect(result.sheets.map(\.name) == ["Анкеты", "Согласия"])
        #expect(result.sheets.map { $0.rows.map(\.cells) } == [rows, rows])
    }

    /// A one-shot stream can be read once; asking again says so instead of returning nothing.
    @Test func aOneShotStreamIsReadOnce() throws {
        let reader = try JSONPlugin().makeReader(source: InputSource(stream: MemoryStream(Array("[{\"a\":1}]".utf8)), name: "stdin"),
                                                 options: ReadOptions())
        _ = try reader.rows(inSheet: 0)
        #expect(mentorError { _ = try reader.rows(inSheet: 0) }?.kind == .io)
        #expect(mentorError { _ = try reader.rows(inSheet: 5) }?.kind == .usage)
    }
}
