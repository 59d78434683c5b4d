import CSVFormat
import Foundation
import MentorBase
import Testing

/// The fixtures folder, found from this file (works in a clean clone, no bundle needed).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Reads every row of the only sheet.
func readAll(_ source: InputSource, _ options: ReadOptions = ReadOptions()) throws -> (rows: [Row], reader: any TableReader) {
    let reader = try CSVPlugin().makeReader(source: source, options: options)
    let cursor = try reader.rows(inSheet: 0)
    var rows: [Row] = []
    while let r = try cursor.next() { rows.append(r) }
    return (rows, reader)
}

func texts(_ rows: [Row]) -> [[String]] {
    rows.map { $0.cells.map { $0.text() } }
}

@Suite struct CSVFixtureTests {
    static let expected: [[String]] = {
        let data = (try? Data(contentsOf: fixtures.appendingPathComponent("expected.json"))) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? [[String]]) ?? []
    }()

    @Test(arguments: [
        ("libreoffice-utf8-comma.csv", "utf-8", ","),
        ("libreoffice-utf8-semicolon.csv", "utf-8", ";"),
        ("libreoffice-cp1251-semicolon.csv", "windows-1251", ";"),
        ("libreoffice-unicode-tab.csv", "utf-16le", "\t"),
        ("pandas-default.csv", "utf-8", ","),
        ("pandas-utf8-sig-tab.tsv", "utf-8-bom", "\t"),
        ("python-csv-excel.csv", "utf-8", ","),
        ("python-csv-utf8-sig-semicolon.csv", "utf-8-bom", ";"),
        ("python-csv-cp1251-semicolon.csv", "windows-1251", ";"),
        ("python-csv-utf16.csv", "utf-16le", "\t"),
    ])
    func readsRealFilesCellForCellWithoutFlags(file: String, encoding: String, delimiter: String) throws {
        let path = fixtures.appendingPathComponent(file).path
        let (rows, reader) = try readAll(InputSource(path: path))
        #expect(reader.details.encoding == encoding)
        #expect(reader.details.delimiter == delimiter)
        #expect(!Self.expected.isEmpty)
        #expect(texts(rows) == Self.expected)
        // Empty cells are empty, not empty strings, and nothing is typed.
        for row in rows {
            for cell in row.cells {
                switch cell {
                case .empty: break
                case .text(let s): #expect(!s.isEmpty)
                default: Issue.record("CSV cells must be text or empty, got \(cell)")
                }
            }
        }
        #expect(reader.diagnostics.items.isEmpty)
        // Row numbers are the records' numbers as a spreadsheet shows them, even after a
        // cell with a line break.
        #expect(rows.map(\.number) == Array(1...rows.count))
    }

    @Test(arguments: [1, 7, 4096])
    func sameCellsWhenFedInSmallChunks(chunk: Int) throws {
        for file in ["libreoffice-cp1251-semicolon.csv", "python-csv-utf16.csv", "pandas-utf8-sig-tab.tsv"] {
            let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(file)))
            let (rows, _) = try readAll(InputSource(bytes: bytes, name: file, chunkSize: chunk))
            #expect(texts(rows) == Self.expected, "\(file) in chunks of \(chunk)")
        }
    }

    @Test func sheetIsNamedAfterTheFile() throws {
        let reader = try CSVPlugin().makeReader(source: InputSource(path: fixtures.appendingPathComponent("pandas-default.csv").path),
                                                options: ReadOptions())
        #expect(reader.sheets == [SheetInfo(name: "pandas-default")])
    }
}
