import Foundation
import MentorBase
import Testing
@testable import XLSXFormat

/// The cells a fixture's producer was asked to write (`NAME.expected.json`, made by generate.py).
struct ExpectedWorkbook: Decodable {
    struct Sheet: Decodable {
        var name: String
        var hidden: Bool
        var rows: [[ExpectedCell]]
    }
    var producer: String
    var date1904: Bool
    var sheets: [Sheet]
    var merged: [String]?
}

/// One cell in the `dump` JSON contract.
struct ExpectedCell: Decodable {
    var cell: Cell

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { cell = .empty; return }
        if let b = try? c.decode(Bool.self) { cell = .boolean(b); return }
        if let n = try? c.decode(Double.self) { cell = .number(n); return }
        if let s = try? c.decode(String.self) { cell = .text(s); return }
        let o = try c.decode([String: String].self)
        if let d = o["date"], let v = CalendarDate(iso: Substring(d)) { cell = .date(v); return }
        if let d = o["datetime"], let v = CalendarDateTime(iso: Substring(d)) { cell = .dateTime(v); return }
        if let e = o["error"] { cell = .error(e); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown cell \(o)")
    }
}

@Suite("XLSX files from real producers")
struct FixtureTests {
    static let names = ["openpyxl", "openpyxl-1904", "xlsxwriter-shared", "xlsxwriter-inline", "pandas",
                        "libreoffice", "libreoffice-1904", "gnumeric"]

    static func url(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
                     "fixture \(name).\(ext) missing: run Tests/XLSXFormatTests/Fixtures/generate.py")
    }

    @Test(arguments: names)
    func readsEveryCellAsTheProducerWroteIt(name: String) throws {
        let expected = try JSONDecoder().decode(ExpectedWorkbook.self, from: Data(contentsOf: try FixtureTests.url(name, "expected.json")))
        let source = InputSource(path: try FixtureTests.url(name, "xlsx").path, displayName: "\(name).xlsx")
        let (sheets, reader) = try readAll(source)
        #expect(sheets.map(\.info.name) == expected.sheets.map(\.name), "\(expected.producer)")
        #expect(sheets.map(\.info.hidden) == expected.sheets.map(\.hidden), "\(expected.producer)")
        for (got, want) in zip(sheets, expected.sheets) {
            let wantGrid = want.rows.map { $0.map(\.cell) }
            #expect(got.grid.count == wantGrid.count, "\(name) «\(want.name)»: row count")
            for (i, (g, w)) in zip(got.grid, wantGrid).enumerated() {
                #expect(g == w, "\(name) «\(want.name)» row \(i + 1)")
            }
            // Row numbers are the spreadsheet's: the empty middle row keeps its place.
            #expect(got.rows.enumerated().allSatisfy { $0.element.number == $0.offset + 1 })
        }
        if let merged = expected.merged, let first = sheets.first {
            #expect(first.merged.map(\.reference).sorted() == merged.sorted(), "\(name) merged ranges")
        }
        #expect(reader.details.extras.contains { $0 == ("date1904", "true") } == expected.date1904)
        // Reading errors would have thrown; formula warnings only where no value was cached.
        let formulaWarnings = reader.diagnostics.items.filter { $0.code == "formula-no-value" }
        if name.hasPrefix("openpyxl") {
            #expect(formulaWarnings.map { $0.location.row ?? 0 } == [3, 5, 6])
            #expect(formulaWarnings.allSatisfy { $0.location.column == 6 && $0.location.sheet == "Анкеты" })
        } else {
            #expect(formulaWarnings.isEmpty)
        }
    }

    @Test(arguments: ["libreoffice", "xlsxwriter-shared", "openpyxl"])
    func mergedHeaderFilledOnRequest(name: String) throws {
        let source = InputSource(path: try FixtureTests.url(name, "xlsx").path)
        let (sheets, _) = try readAll(source, options: ReadOptions(settings: ["fill-merged": "header"]))
        let grid = sheets[0].grid
        #expect(Array(grid[0].prefix(3)) == [.text("ФИО"), .text("Контакты"), .text("Контакты")])
        #expect(Array(grid[1].prefix(3)) == [.text("ФИО"), .text("Телефон"), .text("E-mail")])
    }

    @Test func millionRowDimensionCostsNothing() throws {
        // openpyxl's file has a styled cell at row 1,048,576; the reader must not hand out a million rows.
        let source = InputSource(path: try FixtureTests.url("openpyxl", "xlsx").path)
        let reader = try XLSXPlugin().makeReader(source: source, options: ReadOptions())
        let cursor = try reader.rows(inSheet: 0)
        var count = 0
        while try cursor.next() != nil { count += 1 }
        #expect(count == 6)
    }

    @Test func producingApplicationIsReported() throws {
        let source = InputSource(path: try FixtureTests.url("libreoffice", "xlsx").path)
        let reader = try XLSXPlugin().makeReader(source: source, options: ReadOptions())
        let app = try #require(reader.details.extras.first { $0.0 == "application" })
        #expect(app.1.contains("LibreOffice"))
    }

    @Test(arguments: names)
    func sameCellsFromMemoryAsFromFile(name: String) throws {
        let url = try FixtureTests.url(name, "xlsx")
        let fromFile = try readAll(InputSource(path: url.path)).sheets.map(\.rows)
        let bytes = [UInt8](try Data(contentsOf: url))
        let fromMemory = try readAll(bytes: bytes).map(\.rows)
        #expect(fromFile == fromMemory)
    }
}
