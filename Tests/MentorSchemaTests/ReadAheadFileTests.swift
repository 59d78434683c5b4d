import Foundation
import MentorBase
import MentorFormats
import Testing
@testable import MentorSchema

/// The read-ahead decision on files on disk, read through the built-in CSV plugin as the CLI
/// reads them: the CLI asks for reading ahead (CSV streams), the CSV cursor already parses on
/// its own thread, so validation adds no second reading thread, and the outcome (records,
/// values, diagnostics, the reader's own warnings) is the same as with one.
@Suite struct ReadAheadFileTests {
    /// Everything a validation hands out, in order, as comparable text.
    struct Outcome: Equatable {
        var records: [String] = []
        var diagnostics: [String] = []
        var readerDiagnostics: [String] = []
        var rows = 0
    }

    static let registry = MentorFormats.builtinRegistry()

    static func csvPlugin() throws -> any FormatPlugin {
        try #require(registry.plugin(id: "csv") as (any FormatPlugin)?)
    }

    /// Validates the file at `path` through the CSV plugin, reading ahead or not.
    static func validate(path: String, kind: RecordKind, readAhead: Bool) throws -> Outcome {
        let reader = try csvPlugin().makeReader(source: InputSource(path: path), options: ReadOptions())
        var out = Outcome()
        let summary = try TableValidation(kind: kind, mapFile: nil, options: testOptions)
            .run(reader: reader, file: path, namedSheets: false, readAhead: readAhead,
                 onRecord: { rec in
                     let values = rec.values.map { $0.map { "\($0)" } ?? "∅" }.joined(separator: "|")
                     out.records.append("\(rec.row):\(values):\(rec.raw.count)")
                 },
                 onDiagnostic: { d in out.diagnostics.append("\(d.code)@\(d.location.row ?? 0):\(d.location.columnLetter ?? "-"):\(d.value ?? "")") })
        out.readerDiagnostics = reader.diagnostics.items.map { "\($0.code)@\($0.location.row ?? 0):\($0.location.column ?? 0)" }
        out.rows = summary.rows
        return out
    }

    /// Writes a mentee base of `count` rows (several of the reader's batches) with planted
    /// mistakes: an impossible date, a repeated person, a short phone, a ragged row.
    static func writeBase(count: Int, to path: String) throws -> Set<Int> {
        let synthetic = SyntheticMentees(count: count)
        var text = ""
        var planted: Set<Int> = []
        while let row = try synthetic.next() {
            var cells = row.cells.map { $0.text() }
            switch row.number {
            case 777: cells[2] = "31.02.2010"; planted.insert(777)
            case 2_500: cells[4] = "8 (912) 12"; planted.insert(2_500)
            case 4_097: cells.append("лишнее"); planted.insert(4_097)
            default: break
            }
            if row.number == 6_001 {
                // The person of row 5 again, under another row number.
                var again = cells
                let first = try #require(try SyntheticMentees(count: 4).rowCells(4))
                again.replaceSubrange(1...2, with: first[1...2])
                cells = again
                planted.insert(6_001)
            }
            text += cells.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";") + "\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return planted
    }

    @Test func csvFileOnDiskIsNotReadAheadTwice() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mb-readahead-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("база.csv").path
        let planted = try ReadAheadFileTests.writeBase(count: 9_000, to: path)

        // The CLI asks for reading ahead because CSV streams...
        let plugin = try ReadAheadFileTests.csvPlugin()
        #expect(plugin.descriptor.capabilities.contains(.streaming))
        // ...and the cursor of a real file, parsing on its own thread, declines a second one.
        let reader = try plugin.makeReader(source: InputSource(path: path), options: ReadOptions())
        let cursor = try reader.rows(inSheet: 0)
        #expect(cursor is any ReadingAheadCursor)
        if ReadAhead.override == nil { #expect(!ReadAhead.wanted(for: cursor)) }

        let asked = try ReadAheadFileTests.validate(path: path, kind: .mentees, readAhead: true)
        let plain = try ReadAheadFileTests.validate(path: path, kind: .mentees, readAhead: false)
        #expect(asked == plain)
        #expect(asked.rows == 9_000)
        #expect(asked.records.count == 9_000)
        // The planted mistakes are found (so the comparison above compared something).
        let rowsWithFindings = Set((asked.diagnostics + asked.readerDiagnostics).compactMap { d -> Int? in
            guard let at = d.split(separator: "@").last?.split(separator: ":").first else { return nil }
            return Int(at)
        })
        #expect(planted.isSubset(of: rowsWithFindings), "found: \(asked.diagnostics.prefix(20)) \(asked.readerDiagnostics.prefix(5))")

        // A pipeline forced in front of the CSV cursor gives the same outcome too.
        let forced = try ReadAheadFileTests.validateThroughPipeline(path: path, kind: .mentees)
        #expect(forced == asked)
    }

    /// Every CSV sample, as the CLI validates it, gives the same outcome with or without reading ahead.
    @Test func samplesGiveTheSameOutcomeEitherWay() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(files.count >= 10)
        for f in files {
            let kind = try #require(RecordKind.allCases.first { f.hasPrefix($0.rawValue + "-") || f.hasPrefix($0.rawValue + ".") }, "no kind for \(f)")
            let path = samples.appendingPathComponent(f).path
            let a = try ReadAheadFileTests.validate(path: path, kind: kind, readAhead: true)
            let b = try ReadAheadFileTests.validate(path: path, kind: kind, readAhead: false)
            #expect(a == b, "\(f)")
            #expect(a.rows > 0, "\(f)")
        }
    }

    /// Validation with the CSV cursor wrapped so it no longer says it reads ahead: the validator's
    /// own pipeline then runs in front of it (the choice made before 2e584fd).
    static func validateThroughPipeline(path: String, kind: RecordKind) throws -> Outcome {
        final class Plain: RowCursor {
            let inner: any RowCursor
            init(_ inner: any RowCursor) { self.inner = inner }
            func next() throws -> Row? { try inner.next() }
        }
        final class PlainReader: TableReader {
            let inner: any TableReader
            init(_ inner: any TableReader) { self.inner = inner }
            var sheets: [SheetInfo] { inner.sheets }
            var details: SourceDetails { inner.details }
            var diagnostics: DiagnosticLog { inner.diagnostics }
            func rows(inSheet index: Int) throws -> any RowCursor { Plain(try inner.rows(inSheet: index)) }
        }
        let inner = try csvPlugin().makeReader(source: InputSource(path: path), options: ReadOptions())
        let reader = PlainReader(inner)
        let probe = Plain(ArrayCursor([]))
        if ReadAhead.override == nil { #expect(ReadAhead.wanted(for: probe)) }
        var out = Outcome()
        let summary = try TableValidation(kind: kind, mapFile: nil, options: testOptions)
            .run(reader: reader, file: path, namedSheets: false, readAhead: true,
                 onRecord: { rec in
                     let values = rec.values.map { $0.map { "\($0)" } ?? "∅" }.joined(separator: "|")
                     out.records.append("\(rec.row):\(values):\(rec.raw.count)")
                 },
                 onDiagnostic: { d in out.diagnostics.append("\(d.code)@\(d.location.row ?? 0):\(d.location.columnLetter ?? "-"):\(d.value ?? "")") })
        out.readerDiagnostics = reader.diagnostics.items.map { "\($0.code)@\($0.location.row ?? 0):\($0.location.column ?? 0)" }
        out.rows = summary.rows
        return out
    }
}

extension SyntheticMentees {
    /// The cells of data row `n` (1-based) as text.
    func rowCells(_ n: Int) throws -> [String]? {
        _ = try next()
        var k = 0
        while let r = try next() {
            k += 1
            if k == n { return r.cells.map { $0.text() } }
        }
        return nil
    }
}
