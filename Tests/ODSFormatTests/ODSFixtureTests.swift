import Foundation
import MentorBase
import MentorFormats
import ODSFormat
import Testing

/// Files LibreOffice wrote (see Fixtures/README.md), read cell for cell: against the cells the
/// generator computed from its source data, and against the XLSX twin of each file read by the
/// XLSX plugin.
@Suite struct ODSFixtureTests {
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixturesFolder.appendingPathComponent(name)))
    }

    static func expected(_ name: String) throws -> ExpectedWorkbook {
        try JSONDecoder().decode(ExpectedWorkbook.self, from: Data(contentsOf: fixturesFolder.appendingPathComponent("\(name).expected.json")))
    }

    /// Every sheet of a fixture, read by the built-in plugin for its extension.
    static func readFixture(_ name: String) throws -> [ReadSheet] {
        let ext = String(name.split(separator: ".").last ?? "")
        let plugin = try #require(MentorFormats.builtinRegistry().plugins.first { $0.descriptor.extensions.contains(ext) })
        return try readAll(plugin, InputSource(path: fixturesFolder.appendingPathComponent(name).path, displayName: name)).sheets
    }

    @Test func readsWhatTheGeneratorWrote() throws {
        let expected = try Self.expected("libreoffice-from-xlsx")
        let sheets = try Self.readFixture("libreoffice-from-xlsx.ods")
        try #require(sheets.count == expected.sheets.count)
        for (got, want) in zip(sheets, expected.sheets) {
            #expect(got.info == SheetInfo(name: want.name, hidden: want.hidden))
            #expect(got.rows.map(\.number) == Array(1...want.rows.count), "rows are numbered as LibreOffice shows them")
            #expect(got.rows.map { trimmed($0.cells) } == want.rows.map { trimmed($0.map(\.cell)) }, "sheet \(want.name)")
            #expect(got.merged.map(\.reference) == want.merged)
        }
    }

    @Test(arguments: [("libreoffice-from-xlsx.ods", "openpyxl-source.xlsx"),
                      ("libreoffice-from-csv.ods", "libreoffice-from-csv.xlsx"),
                      ("libreoffice-formulas.ods", "libreoffice-formulas.xlsx")])
    func readsLikeItsXLSXTwin(ods: String, xlsx: String) throws {
        let a = try Self.readFixture(ods)
        let b = try Self.readFixture(xlsx)
        #expect(a.map(\.info) == b.map(\.info))
        for (x, y) in zip(a, b) {
            #expect(x.rows.map(\.number) == y.rows.map(\.number), "row numbers of \(x.info.name)")
            #expect(x.rows.map { trimmed($0.cells) } == y.rows.map { trimmed($0.cells) }, "cells of \(x.info.name)")
            #expect(Set(x.merged) == Set(y.merged), "merged ranges of \(x.info.name)")
        }
    }

    @Test func memoryAndStandardInputReadLikeTheFile() throws {
        let file = try Self.readFixture("libreoffice-from-xlsx.ods")
        let memory = try readODS(try Self.bytes("libreoffice-from-xlsx.ods"), name: "libreoffice-from-xlsx.ods")
        #expect(memory.sheets == file)
        let stream = InputSource(stream: MemoryStream(try Self.bytes("libreoffice-from-xlsx.ods"), chunkSize: 7), name: "stdin")
        #expect(try readAll(ODSPlugin(), stream).sheets == file)
    }

    @Test func reportsTheProducingProgram() throws {
        let reader = try ODSPlugin().makeReader(source: InputSource(path: fixturesFolder.appendingPathComponent("libreoffice-from-csv.ods").path),
                                                options: ReadOptions())
        let application = reader.details.extras.first { $0.0 == "application" }?.1
        #expect(application?.hasPrefix("LibreOffice/") == true)
        #expect(reader.details.encoding == nil)
    }
}
