import FormatTesting
import Foundation
import HTMLFormat
import MentorBase
import MentorExport
import MentorFormats
import Testing

@Suite("HTML plugin")
struct HTMLPluginTests {
    @Test("passes the conformance kit's checks for a write-only plugin")
    func conformance() {
        let report = ConformanceSuite.run(HTMLPlugin(), registry: MentorFormats.builtinRegistry())
        #expect(report.checksRun.contains("write-tables") || !report.checksRun.isEmpty)
        #expect(report.failures.isEmpty, "\(report)")
    }

    func page(_ rows: [[Cell]], settings: [String: String] = [:]) throws -> String {
        let sink = MemorySink()
        let w = try HTMLPlugin().makeWriter(target: OutputTarget(sink: sink, name: "p.html"), options: WriteOptions(settings: settings))
        try w.beginSheet(SheetSpec(name: "Наставники <b>", headerRows: 1))
        for r in rows { try w.writeRow(r) }
        try w.finish()
        #expect(sink.isClosed)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    @Test("escapes every value, links only http(s) addresses, labels cells for phones")
    func escaping() throws {
        let html = try page([[.text("ФИО"), .text("Ссылка")],
                             [.text("<script>alert(1)</script>"), .text("javascript:alert(1)")],
                             [.text("Иванов \"Иван\" & 'Ко'"), .text("https://school.test/case?a=1&b=2")],
                             [.number(-5), .date(CalendarDate(year: 2024, month: 9, day: 1) ?? .epoch)]],
                            settings: ["title": "Страница <i>"])
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("<a href=\"https://school.test/case?a=1&amp;b=2\">"))
        #expect(html.contains("Иванов &quot;Иван&quot; &amp; &#39;Ко&#39;"))
        #expect(html.contains("<title>Страница &lt;i&gt;</title>") && html.contains("Наставники &lt;b&gt;"))
        #expect(html.contains("data-label=\"ФИО\"") && html.contains("<th scope=\"col\">ФИО</th>"))
        #expect(html.contains(">01.09.2024<") && html.contains(">-5<"))
        // Self-contained: nothing is loaded from elsewhere, and the policy says so.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
    }

    @Test("an empty sheet says there is nothing, and a page without sheets is still a page")
    func empty() throws {
        let html = try page([[.text("ФИО")]])
        #expect(html.contains("Нет записей."))
        let sink = MemorySink()
        let w = try HTMLPlugin().makeWriter(target: OutputTarget(sink: sink, name: "p.html"), options: WriteOptions())
        try w.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self).hasSuffix("</html>\n"))
    }

    @Test("never claims a file for reading")
    func noReading() {
        #expect(HTMLPlugin().sniff(SniffProbe(head: Array("<!DOCTYPE html>".utf8), fileExtension: "html")) == nil)
        #expect(throws: MentorBaseError.self) {
            _ = try HTMLPlugin().makeReader(source: InputSource(bytes: [], name: "x.html"), options: ReadOptions())
        }
    }
}

@Suite("Formula guard")
struct FormulaGuardTests {
    static let hostile = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "  =HYPERLINK(\"x\")", "＝1+1", "+79161234567"]

    @Test("hostile text gets the apostrophe; numbers, dates and ordinary text stay as they are")
    func neutralise() {
        for h in FormulaGuardTests.hostile {
            let (c, changed) = FormulaGuard.neutralise(.text(h))
            #expect(changed && c == .text("'" + h), "\(h)")
        }
        for ok: Cell in [.number(-5), .text("Иванов"), .text("7 «Б»"), .text(""), .date(.epoch), .text("a=b"), .empty] {
            #expect(!FormulaGuard.neutralise(ok).guarded)
        }
        #expect(FormulaGuard.applies(toFormat: "csv") && FormulaGuard.applies(toFormat: "xlsx"))
        #expect(!FormulaGuard.applies(toFormat: "json") && !FormulaGuard.applies(toFormat: "html"))
    }

    @Test("CSV and XLSX exports of the full base: hostile values guarded, no formula anywhere, numbers stay numbers")
    func exports() throws {
        let t = try TestStore()
        try t.importSchool()
        let request = ExportRequest(kind: .mentors, view: .full, date: day("2023-05-20"))
        for format in ["csv", "xlsx"] {
            let out = try t.export(request, format: format)
            let cells = try readCells(out.bytes, format: format).flatMap { $0 }
            let texts = cells.compactMap { c -> String? in if case .text(let s) = c { return s } else { return nil } }
            #expect(texts.contains("'=HYPERLINK(\"http://evil.example\")"), "\(format)")
            #expect(texts.contains("'+79181234567"), "\(format)")
            #expect(!texts.contains { FormulaGuard.isFormulaLike($0) }, "\(format): an unguarded cell")
            #expect(out.summary.neutralisedCells > 0)
            if format == "xlsx" {
                #expect(cells.contains(.number(1)), "«№ п/п» is a number cell")
                #expect(cells.contains(.date(day("1978-06-14"))), "a birth date is a date cell")
                let xml = try unzipSheets(out.bytes)
                #expect(!xml.contains("<f>") && !xml.contains("<f "), "a formula element in the sheet XML")
            }
        }
    }

    /// The sheets' XML of a workbook (unzip is Debian's, a peer independent of our reader).
    func unzipSheets(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guard-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", url.path, "xl/worksheets/*.xml"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite("Mustache subset")
struct TemplateTests {
    @Test("variables are escaped, sections repeat and invert, dotted names reach into objects")
    func render() throws {
        let t = try MustacheTemplate("<h1>{{title}}</h1>{{#mentors}}<p>{{fullName}} ({{position}}){{#formText}}: {{.}}{{/formText}}</p>{{/mentors}}{{^mentors}}нет{{/mentors}}{{! comment }}{{site.host}}",
                                     name: "t.html")
        let ctx: TemplateValue = .object(["title": .string("A & <B>"),
                                          "mentors": .list([.object(["fullName": .string("Иванов"), "position": .string("учитель"),
                                                                     "formText": .string("ученик – ученик")]),
                                                            .object(["fullName": .string("<i>x</i>")])]),
                                          "site": .object(["host": .string("school.test")])])
        #expect(t.render(ctx) == "<h1>A &amp; &lt;B&gt;</h1><p>Иванов (учитель): ученик – ученик</p><p>&lt;i&gt;x&lt;/i&gt; ()</p>school.test")
        #expect(t.render(.object([:])) == "<h1></h1>нет")
    }

    @Test("unescaped output, partials, delimiters and unbalanced sections are refused with the line")
    func refusals() {
        for bad in ["a\n{{{x}}}", "{{&x}}", "{{>part}}", "{{=<% %>=}}", "{{#a}}", "{{#a}}{{/b}}", "{{x"] {
            #expect(throws: MentorBaseError.self, "\(bad)") { _ = try MustacheTemplate(bad, name: "t") }
        }
        do {
            _ = try MustacheTemplate("one\ntwo {{{x}}}", name: "t")
        } catch let e as MentorBaseError {
            #expect(e.location.row == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the shipped example template renders the fixture school")
    func example() throws {
        let t = try TestStore()
        try t.importSchool()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/site-template.mustache")
        let tpl = try MustacheTemplate(String(contentsOf: url, encoding: .utf8), name: "site-template.mustache")
        let doc = try Exporter(store: t.reading, request: ExportRequest(kind: .bases, view: .public, date: day("2023-05-20")))
            .siteDocument(title: "Наставничество")
        let html = tpl.render(doc.templateContext())
        #expect(html.contains("Орлова Нина Викторовна") && html.contains("учитель математики"))
        #expect(!html.contains("Котов") && !html.contains("{{"))
    }
}
