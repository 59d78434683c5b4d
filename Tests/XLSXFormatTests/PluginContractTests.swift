import Foundation
import MentorBase
import MentorFormats
import Testing
@testable import XLSXFormat

/// The checks the shared conformance kit makes of every plugin, done here until the lead wires
/// `ConformanceSuite.run(XLSXPlugin(), registry:)` (FormatTesting is being written).
@Suite("XLSX plugin contract")
struct PluginContractTests {
    private func written(_ rows: [[Cell]], sheets: Int = 1) throws -> [UInt8] {
        let sink = MemorySink()
        let w = try XLSXPlugin().makeWriter(target: OutputTarget(sink: sink, name: "golden.xlsx"),
                                            options: WriteOptions(sheetCount: sheets))
        for s in 0..<sheets {
            try w.beginSheet(SheetSpec(name: "Лист \(s + 1)"))
            for r in rows { try w.writeRow(r) }
        }
        try w.finish()
        return sink.bytes
    }

    static let golden: [[Cell]] = [
        [.text("Имя"), .text("Комментарий"), .text("Формула")],
        [.text("Ёжик «в тумане»"), .text("строка 1\nстрока 2\r\nстрока 3"), .text("=HYPERLINK(\"x\")")],
        [.text("\"кавычки\""), .empty, .text(String(repeating: "длинный текст ", count: 2000))],
        [.text("  пробелы  "), .text("tab\there"), .text("-1")],
    ]

    @Test(arguments: [1, 7, 4096])
    func readsFromAStreamInAnyChunkSize(chunk: Int) throws {
        let bytes = try written(PluginContractTests.golden)
        let source = InputSource(stream: MemoryStream(bytes, chunkSize: chunk), name: "stdin")
        let (sheets, _) = try readAll(source)
        // libxlsxwriter writes CR as `_x000D_`, so even CRLF inside a cell comes back as it was.
        #expect(sheets[0].grid == PluginContractTests.golden)
    }

    @Test(arguments: [0, 1, 4])
    func roundTripsZeroOneAndManyRows(count: Int) throws {
        let rows = Array(PluginContractTests.golden.prefix(count))
        let sheets = try readAll(bytes: try written(rows, sheets: 2))
        #expect(sheets.map(\.info.name) == ["Лист 1", "Лист 2"])
        for s in sheets { #expect(s.grid.count == rows.count) }
    }

    @Test func emptyInputIsADataErrorWithALocation() throws {
        let e = expectDataError { _ = try readAll(bytes: [], name: "пусто.xlsx") }
        #expect(e?.location.file == "пусто.xlsx")
    }

    @Test func registrySniffsOurOutputAsXLSXAndTextAsSomethingElse() throws {
        let registry = MentorFormats.builtinRegistry()
        let bytes = try written(PluginContractTests.golden)
        let ours = try registry.detect(InputSource(bytes: bytes, name: "no-extension"))
        #expect(ours.plugin.descriptor.id == "xlsx" && ours.match.confidence == .content)
        let plugin = XLSXPlugin()
        for text in ["a;b\n1;2\n", "[{\"a\": 1}]", "{\"a\": 1}\n"] {
            #expect(plugin.sniff(SniffProbe(head: Array(text.utf8), fileExtension: nil)) == nil)
        }
    }

    @Test(arguments: FixtureTests.names)
    func everyProducersFileSniffsAsContent(name: String) throws {
        let head = [UInt8](try Data(contentsOf: try FixtureTests.url(name, "xlsx")).prefix(64 * 1024))
        #expect(XLSXPlugin().sniff(SniffProbe(head: head, fileExtension: nil))?.confidence == .content)
    }

    @Test func descriptorDeclaresItsOptions() {
        let d = XLSXPlugin().descriptor
        #expect(d.id == "xlsx" && d.extensions.contains("xlsx"))
        #expect(Set(d.options.map(\.name)) == ["fill-merged", "constant-memory"])
        #expect(d.capabilities.contains([.read, .write, .multipleSheets, .dates, .typedValues, .styling]))
    }
}
