import Foundation
import MentorBase
import Testing
@testable import XLSXFormat

/// libxml2 (without entity substitution) reports `&amp;` inside attributes as `&#38;`: names
/// held in attributes — sheet names above all — must come back with their `&`.
@Suite("XLSX ampersands in attributes")
struct AttributeEntityTests {
    @Test func sheetNamesKeepTheirAmpersand() throws {
        let sink = MemorySink()
        let writer = try XLSXPlugin().makeWriter(target: OutputTarget(sink: sink, name: "qa.xlsx"), options: WriteOptions(sheetCount: 2))
        try writer.beginSheet(SheetSpec(name: "Q&A"))
        try writer.writeRow([.text("Вопрос & ответ")])
        try writer.beginSheet(SheetSpec(name: "Наставники & наставляемые"))
        try writer.writeRow([.text("&#38;")])
        try writer.finish()
        let sheets = try readAll(bytes: sink.bytes)
        #expect(sheets.map(\.info.name) == ["Q&A", "Наставники & наставляемые"])
        #expect(sheets.map(\.grid) == [[[.text("Вопрос & ответ")]], [[.text("&#38;")]]])
    }
}
