import Foundation
import FormatTesting
import MentorBase
import MentorFormats
import Testing

let guideTestsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let repositoryRoot = guideTestsFolder.deletingLastPathComponent().deletingLastPathComponent()

/// Reads every sheet of `source` with `plugin`.
func readSheets(_ plugin: any FormatPlugin, _ source: InputSource,
                options: ReadOptions = ReadOptions()) throws -> (rows: [[Row]], reader: any TableReader) {
    let reader = try plugin.makeReader(source: source, options: options)
    var out: [[Row]] = []
    for i in reader.sheets.indices {
        let cursor = try reader.rows(inSheet: i)
        var rows: [Row] = []
        while let r = try cursor.next() { rows.append(r) }
        out.append(rows)
    }
    return (out, reader)
}

/// The guide's worked example: it conforms, reads what recutils writes as recutils reads it,
/// and the guide shows this very code.
@Suite struct RecfileTests {
    /// The recutils-written fixture, with recutils' own reading of it (rec2csv) as the expected table.
    static func recutilsSample() throws -> ConformanceSample {
        let bytes = try Array(Data(contentsOf: guideTestsFolder.appendingPathComponent("Fixtures/mentors.rec")))
        let csv = try #require(MentorFormats.builtinRegistry().plugin(id: "csv"))
        let (rows, _) = try readSheets(csv, InputSource(path: guideTestsFolder.appendingPathComponent("Fixtures/mentors.expected.csv").path))
        return ConformanceSample(name: "mentors.rec", bytes: bytes,
                                 expected: [ConformanceTable(name: "mentors.rec", rows: rows[0].map(\.cells))], exactTypes: false)
    }

    @Test func passesTheKit() throws {
        let options = ConformanceOptions(samples: [try Self.recutilsSample()])
        let report = ConformanceSuite.run(RecfilePlugin(), registry: MentorFormats.builtinRegistry(), options: options)
        #expect(report.checksRun.contains(ConformanceCheck.samplesRead.rawValue))
        #expect(report.checksRun.contains(ConformanceCheck.samplesCorrupt.rawValue))
        for failure in report.failures { Issue.record(Comment(rawValue: failure.description)) }
    }

    @Test func theKitNoticesASampleReadWrong() throws {
        var sample = try Self.recutilsSample()
        sample.expected?[0].rows[2][1] = .text("наставник")
        let report = ConformanceSuite.run(RecfilePlugin(), registry: MentorFormats.builtinRegistry(),
                                          options: ConformanceOptions(samples: [sample]))
        let failures = report.failures(of: .samplesRead)
        #expect(failures.count == 1)
        #expect(failures.first?.message.contains("data row 2") == true)
        #expect(failures.first?.message.contains("«Role»") == true)
    }

    @Test func readsARecutilsFileAsRec2csvDoes() throws {
        let fixture = guideTestsFolder.appendingPathComponent("Fixtures/mentors.rec").path
        let expectedCSV = guideTestsFolder.appendingPathComponent("Fixtures/mentors.expected.csv").path
        let (ours, reader) = try readSheets(RecfilePlugin(), InputSource(path: fixture, displayName: "mentors.rec"))
        let (theirs, _) = try readSheets(try #require(MentorFormats.builtinRegistry().plugin(id: "csv")),
                                         InputSource(path: expectedCSV))
        #expect(reader.sheets.map(\.name) == ["mentors.rec"])
        #expect(ours[0].map { $0.cells.map { $0.text() } } == theirs[0].map { $0.cells.map { $0.text() } })
        #expect(ours[0].count == 4)
        // Row numbers are the lines records start on; the header shares the first record's.
        #expect(ours[0].map(\.number) == [1, 1, 6, 12])
        #expect(reader.diagnostics.items.isEmpty)
    }

    @Test(arguments: [1, 7, 4096])
    func anyChunkSizeReadsTheSame(chunk: Int) throws {
        let bytes = try Array(Data(contentsOf: guideTestsFolder.appendingPathComponent("Fixtures/mentors.rec")))
        let whole = try readSheets(RecfilePlugin(), InputSource(bytes: bytes, name: "m.rec")).rows
        let pieces = try readSheets(RecfilePlugin(), InputSource(bytes: bytes, name: "m.rec", chunkSize: chunk)).rows
        #expect(whole == pieces)
    }

    @Test func problemsCarryTheirLocation() throws {
        let text = "Name: А\nRole: наставник\n\nName: Б\nClass: 7Б\n\nName В без двоеточия\n"
        let source = InputSource(bytes: Array(text.utf8), name: "bad.rec")
        let reader = try RecfilePlugin().makeReader(source: source, options: ReadOptions())
        let cursor = try reader.rows(inSheet: 0)
        #expect(try cursor.next()?.cells == [.text("Name"), .text("Role")])
        #expect(try cursor.next()?.cells == [.text("А"), .text("наставник")])
        #expect(try cursor.next() == Row(number: 4, cells: [.text("Б"), .empty]))
        let warning = try #require(reader.diagnostics.items.first)
        #expect(warning.code == "extra-field" && warning.location.row == 5 && warning.location.field == "Class")
        #expect(warning.value == "7Б")
        do {
            _ = try cursor.next()
            Issue.record("a line without a colon must stop the read")
        } catch let e as MentorBaseError {
            #expect(e.kind == .data && e.code == "source-error")
            #expect(e.location == SourceLocation(file: "bad.rec", row: 7))
            #expect(e.render(.ru) == "bad.rec, строка 7: ожидалось «Поле: значение» — продолжение значения начинайте с «+ »")
        }
    }

    @Test func limitsAndSettingsAreHonoured() throws {
        var limits = InputLimits()
        limits.maxCellBytes = 100
        let long = "Name: " + String(repeating: "я", count: 200) + "\n"
        let reader = try RecfilePlugin().makeReader(source: InputSource(bytes: Array(long.utf8), name: "long.rec", chunkSize: 7),
                                                    options: ReadOptions(limits: limits))
        let e = #expect(throws: MentorBaseError.self) { _ = try reader.rows(inSheet: 0).next() }
        #expect(e?.code == "limit-exceeded" && e?.location.file == "long.rec" && e?.location.row == 1)

        let padded = InputSource(bytes: Array("Name:   А  \n".utf8), name: "p.rec")
        let trimmed = try readSheets(RecfilePlugin(), padded, options: ReadOptions(settings: ["trim": "true"])).rows
        #expect(trimmed[0][1].cells == [.text("А")])
        #expect(throws: MentorBaseError.self) {
            _ = try RecfilePlugin().makeReader(source: padded, options: ReadOptions(settings: ["trim": "maybe"]))
        }
    }

    @Test func sniffingIsPlausibleAtMost() {
        let plugin = RecfilePlugin()
        #expect(plugin.sniff(SniffProbe(head: Array("# c\nName: А\nRole: Б\n".utf8), fileExtension: nil))?.confidence
                == .plausibleContent)
        #expect(plugin.sniff(SniffProbe(head: Array("a;b;c\n1;2;3\n".utf8), fileExtension: nil)) == nil)
        #expect(plugin.sniff(SniffProbe(head: [0x50, 0x4B, 3, 4], fileExtension: "rec"))?.confidence == .fileExtension)
    }
}

/// The guide embeds source files after `<!-- example: PATH -->`; the page must show them exactly.
@Suite struct GuideTests {
    @Test func guideShowsTheCompiledExampleVerbatim() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/plugins.md"), encoding: .utf8)
        let marker = "<!-- example: "
        var found = 0
        var rest = guide[...]
        while let m = rest.range(of: marker) {
            let afterMarker = rest[m.upperBound...]
            let pathEnd = try #require(afterMarker.range(of: " -->"))
            let path = String(afterMarker[..<pathEnd.lowerBound])
            let fenceStart = try #require(afterMarker.range(of: "```swift\n"))
            let body = afterMarker[fenceStart.upperBound...]
            let fenceEnd = try #require(body.range(of: "\n```\n"))
            let shown = String(body[..<fenceEnd.lowerBound])
            let source = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
            #expect(shown == source.trimmingCharacters(in: .newlines),
                    "docs/plugins.md shows a different \(path): run python3 scripts/sync-guide.py")
            found += 1
            rest = body[fenceEnd.upperBound...]
        }
        #expect(found >= 1)
    }

    @Test func readmeLinksTheGuide() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("docs/plugins.md"))
    }
}
