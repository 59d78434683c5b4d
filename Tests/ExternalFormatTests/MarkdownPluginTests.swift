import Foundation
import FormatTesting
import MentorBase
import MentorFormats
import Testing

/// The shipped example, `Samples/plugins/mentorbase-format-markdown` (Python), through the process protocol.
@Suite("External plugin: Markdown example")
struct MarkdownPluginTests {
    static func markdown() throws -> ProcessFormatPlugin {
        let found = ExternalFormats.discover(folders: [samplePlugins])
        #expect(found.problems.isEmpty, "\(found.problems)")
        return try #require(found.plugins.first { $0.descriptor.id == "markdown" })
    }

    @Test func descriptorComesFromAbout() throws {
        let d = try Self.markdown().descriptor
        #expect(d.name == "Markdown tables (wiki page)")
        #expect(d.extensions == ["md", "markdown"])
        #expect(d.capabilities == [.read, .write, .multipleSheets])
        #expect(d.origin.hasSuffix("Samples/plugins/mentorbase-format-markdown"))
        #expect(d.options.map(\.name) == ["heading-level"])
    }

    @Test func passesTheKit() throws {
        let page = try Array(Data(contentsOf: URL(fileURLWithPath: samplePlugins + "/nastavnichestvo-wiki.md")))
        let options = ConformanceOptions(samples: [ConformanceSample(name: "nastavnichestvo-wiki.md", bytes: page)])
        let report = ConformanceSuite.run(try Self.markdown(), registry: MentorFormats.builtinRegistry(), options: options)
        #expect(report.checksRun.count >= 15, "\(report)")
        for failure in report.failures { Issue.record(Comment(rawValue: failure.description)) }
    }

    @Test func readsTheWikiPageSample() throws {
        let sheets = try readAll(try Self.markdown(),
                                 InputSource(path: samplePlugins + "/nastavnichestvo-wiki.md", displayName: "wiki.md"))
        #expect(sheets.count == 2)
        #expect(sheets[0].map(\.number) == [1, 2, 3, 4])
        #expect(sheets[0][2].cells[2] == .text("программирование | робототехника"))
        #expect(sheets[0][1].cells[2] == .text("олимпиадная математика\nподготовка к ОГЭ"))
        #expect(sheets[0][3].cells[2] == .text("английский язык & дебаты"))
        #expect(sheets[1][2].cells == [.text("Ёлкина Дарья Сергеевна"), .text("Иванова Мария, 8 «А»"), .text("01.10.2024")])
        #expect(!sheets.joined().contains { $0.cells.contains(.text("код")) })
    }

    @Test func theRegistryPicksItForAPageWithoutItsExtension() throws {
        let registry = MentorFormats.builtinRegistry().adding([try Self.markdown()])
        let page = try Array(Data(contentsOf: URL(fileURLWithPath: samplePlugins + "/nastavnichestvo-wiki.md")))
        let candidate = try registry.detect(InputSource(bytes: page, name: "stdin"))
        #expect(candidate.plugin.descriptor.id == "markdown")
        #expect(candidate.match.confidence == .content)
    }

    @Test func aBadSettingIsAUsageErrorNamingThePlugin() throws {
        let sink = MemorySink()
        let writer = try Self.markdown().makeWriter(target: OutputTarget(sink: sink, name: "x.md"),
                                                    options: WriteOptions(settings: ["heading-level": "9"]))
        let e = expectError {
            try writer.beginSheet(SheetSpec(name: "A"))
            try writer.writeRow([.text("x")])
            try writer.finish()
        }
        #expect(e?.kind == .usage)
        #expect(e?.message.en.hasPrefix("markdown: heading-level") == true)
    }
}
