import Foundation
import JSONFormat
import MentorBase
import MentorFormats
import Testing

/// Files written by Python's json module and pandas, read cell for cell against what Python says they hold.
@Suite struct JSONFixtureTests {
    static let good = ["python_array.json", "python_array_ascii.json", "python_array_bom.json", "python_object.json",
                       "python_lines.ndjson", "pandas_records.json", "pandas_lines.jsonl"]
    static let bad = ["bad_cp1251.json", "bad_utf16.json", "bad_truncated.jsonl", "bad_scalar.json",
                      "bad_numbers.json", "bad_object_sheet.json"]

    /// Compares a read with the Python sidecar: layout, encoding, sheet names, row numbers, every cell.
    private func check(_ result: ReadResult, against name: String) throws {
        let expected = try Fixtures.sidecar(name + ".expected.json")
        #expect(result.details.extras.first { $0.0 == "layout" }?.1 == expected["layout"] as? String)
        #expect(result.details.encoding == expected["encoding"] as? String)
        let sheets = try #require(expected["sheets"] as? [[String: Any]])
        #expect(result.sheets.map(\.name) == sheets.compactMap { $0["name"] as? String })
        for (got, want) in zip(result.sheets, sheets) {
            let rows = try #require(want["rows"] as? [[Any]]).map { try $0.map(Fixtures.cell) }
            let numbers = try #require(want["numbers"] as? [Int])
            #expect(got.rows.map(\.number) == numbers, "row numbers of \(name) / \(got.name)")
            #expect(got.rows.count == rows.count, "row count of \(name) / \(got.name)")
            for (r, (g, w)) in zip(got.rows, rows).enumerated() {
                #expect(g.cells == w, "\(name) / \(got.name), row \(r + 1)")
            }
        }
    }

    @Test(arguments: good)
    func readsWhatPythonWrote(_ name: String) throws {
        try check(try readJSON(InputSource(path: Fixtures.path(name), displayName: name)), against: name)
    }

    @Test(arguments: good)
    func readsTheSameOneByteAtATime(_ name: String) throws {
        let bytes = try Fixtures.bytes(name)
        try check(try readJSON(InputSource(bytes: bytes, name: name, chunkSize: 1)), against: name)
    }

    /// From a one-shot stream (standard input) with no late keys, the rows are the same.
    @Test(arguments: ["pandas_records.json", "pandas_lines.jsonl", "python_object.json", "python_array_bom.json"])
    func readsTheSameFromAOneShotStream(_ name: String) throws {
        let bytes = try Fixtures.bytes(name)
        let source = InputSource(stream: MemoryStream(bytes, chunkSize: 3), name: name)
        let result = try readJSON(source)
        if name == "python_array_bom.json" {
            // Its last key appears only in the third object: from a stream it is added late, with a warning.
            let rows = try #require(result.sheets.first?.rows)
            #expect(rows[0].cells.last == .text("Интересы"))
            #expect(rows[3].cells.last == .text("появилось позже"))
            let warning = try #require(result.diagnostics.items.first)
            #expect(warning.code == "extra-cell")
            #expect(warning.location.row == 4 && warning.location.field == "Примечание" && warning.location.file == name)
        } else {
            try check(result, against: name)
            #expect(result.diagnostics.items.isEmpty)
        }
    }

    @Test(arguments: good)
    func sniffedAsJSONEvenUnderAWrongName(_ name: String) throws {
        let registry = MentorFormats.builtinRegistry()
        let bytes = try Fixtures.bytes(name)
        for wrong in ["data.csv", "data.xlsx", "data"] {
            let found = try registry.detect(InputSource(bytes: bytes, name: wrong))
            #expect(found.plugin.descriptor.id == "json", "\(name) named \(wrong)")
            #expect(found.match.confidence == .content)
        }
    }

    @Test(arguments: bad)
    func stopsOnFaultyFilesWithTheirLocation(_ name: String) throws {
        let expected = try Fixtures.sidecar(name + ".expected-error.json")
        for chunk in [Int.max, 1] {
            let source = chunk == .max ? InputSource(path: Fixtures.path(name), displayName: name)
                                       : InputSource(bytes: try Fixtures.bytes(name), name: name, chunkSize: chunk)
            let error = try #require(mentorError { _ = try readJSON(source) }, "\(name) must fail")
            #expect(error.code == expected["code"] as? String, "\(name): \(error)")
            #expect(error.kind == .data)
            #expect(error.location.file == name)
            #expect(error.location.row == expected["row"] as? Int, "\(name): \(error)")
            #expect(error.location.field == expected["field"] as? String, "\(name): \(error)")
            #expect(error.location.sheet == expected["sheet"] as? String, "\(name): \(error)")
            #expect(!error.message.ru.isEmpty && !error.message.en.isEmpty)
        }
    }
}
