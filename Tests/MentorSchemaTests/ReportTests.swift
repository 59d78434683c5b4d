import Foundation
import MentorBase
import MentorFormats
import Testing
@testable import MentorSchema

/// Records what a writer is asked to write (the XLSX writer is tested for real below once it lands).
final class RecordingWriter: TableWriter {
    var sheets: [(spec: SheetSpec, rows: [([Cell], [Int: CellAnnotation])])] = []
    var finished = false
    func beginSheet(_ spec: SheetSpec) throws { sheets.append((spec, [])) }
    func writeRow(_ cells: [Cell], annotations: [Int: CellAnnotation]) throws {
        sheets[sheets.count - 1].rows.append((cells, annotations))
    }
    func finish() throws { finished = true }
}

@Suite struct ReportTests {
    let table = [["ФИО наставляемого", "Дата рождения", "Класс", "Телефон"],
                 ["Котов Илья Андреевич", "31.02.2011", "7Б", "123"],
                 ["Котова Анна Ильинична", "12.03.2011", "15А", "89161234567"],
                 ["Бeлов Кирилл Игоревич", "12.03.2011", "7Б", ""]]

    func report(max: Int = 100) throws -> ValidationReport {
        let r = try validate(table, kind: .mentees)
        var rep = ValidationReport(maxItems: max)
        for d in r.diagnostics { rep.add(d) }
        rep.kind = r.summary.kind
        rep.rows = r.summary.rows
        return rep
    }

    @Test func jsonFollowsTheContract() throws {
        let text = try report().json(.ru)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(obj.keys) == ["valid", "kind", "rows", "errors", "warnings", "diagnostics"])
        #expect(obj["valid"] as? Bool == false)
        #expect(obj["kind"] as? String == "mentees")
        #expect(obj["rows"] as? Int == 3)
        #expect(obj["errors"] as? Int == 3)
        #expect(obj["warnings"] as? Int == 1)
        let ds = try #require(obj["diagnostics"] as? [[String: Any]])
        #expect(ds.count == 4)
        let first = try #require(ds.first)
        for k in ["code", "severity", "file", "sheet", "row", "column", "field", "value", "message"] {
            #expect(first.keys.contains(k), "diagnostic key \(k)")
        }
        #expect(first["row"] as? Int == 2)
        #expect(first["column"] as? String == "B")
        #expect(first["field"] as? String == "Дата рождения")
        #expect(ds.map { $0["row"] as? Int ?? 0 } == [2, 2, 3, 4])
    }

    @Test func maxErrorsCapsTheReportNotTheCount() throws {
        let rep = try report(max: 1)
        #expect(rep.sorted.count == 1)
        #expect(rep.errors == 3 && rep.warnings == 1)
        #expect(rep.text(.ru, paint: { s, _ in s }).contains("еще 3"))
    }

    @Test func textIsGroupedByRow() throws {
        let t = try report().text(.ru, paint: { s, _ in s })
        let lines = t.split(separator: "\n").map(String.init)
        #expect(lines.first == "test.csv, строка 2")
        #expect(lines.filter { $0.hasPrefix("test.csv, строка 2") }.count == 1)
        #expect(t.contains("B «Дата рождения»: ошибка [type-error]"))
        #expect(lines.last?.hasPrefix("Есть ошибки") == true)
        let painted = try report().text(.en, paint: { s, c in "<\(c)>\(s)</>" })
        #expect(painted.contains("<31;1>error</>"))
    }

    @Test func errorWorkbookListsProblemsThenMarksCells() throws {
        let rep = try report()
        let reader = ArrayReader([("Лист1", rows(table))])
        let w = RecordingWriter()
        try ErrorWorkbook.write(diagnostics: rep.sorted, droppedCount: 0, reader: reader, sheets: [0], namedSheets: false,
                                headerRows: [0: 1], writer: w, lang: .ru)
        #expect(w.finished)
        #expect(w.sheets.map(\.spec.name) == ["Ошибки", "Данные"])
        let errors = w.sheets[0].rows
        #expect(errors.count == 5)  // header + 4 problems
        #expect(errors[1].0[1] == .text("'Данные'!B2"))
        #expect(errors[1].0[8] == .text("type-error"))
        let data = w.sheets[1].rows
        #expect(data.count == 4)
        #expect(w.sheets[1].spec.headerRows == 1)
        let b2 = try #require(data[1].1[1])
        #expect(b2.fill == .error)
        #expect(b2.comment?.contains("такой даты нет") == true)
        let a4 = try #require(data[3].1[0])
        #expect(a4.fill == .warning)
        #expect(data[1].0 == rows(table)[1].cells)
    }

    @Test func templateHasNotesDropdownsAndDateChecks() throws {
        let spec = Template.sheet(for: try MentorSchemas.schema(for: .mentees), lang: .ru)
        #expect(spec.headerRows == 1)
        let form = try #require(spec.columns.first { $0.title == "Форма наставничества" })
        guard case .list(let labels)? = form.validation else { Issue.record("no dropdown"); return }
        #expect(labels.contains("ученик – ученик"))
        #expect(labels.joined(separator: ",").count <= 255)
        let birth = try #require(spec.columns.first { $0.title == "Дата рождения" })
        #expect(birth.validation == .date)
        let name = try #require(spec.columns.first { $0.title == "ФИО наставляемого" })
        #expect(name.note?.hasPrefix("Обязательно.") == true)
        let exp = try #require(spec.columns.first { $0.title == "Педагогический стаж (лет)" })
        #expect(exp.validation == .wholeNumber(min: 0, max: 60))
        for s in try MentorSchemas.all() {
            for c in Template.sheet(for: s, lang: .ru).columns {
                #expect(c.note?.isEmpty == false)
                if case .list(let l)? = c.validation {
                    #expect(l.allSatisfy { !$0.contains(",") } && l.joined(separator: ",").count <= 255, "\(s.kind) \(c.title)")
                }
            }
        }
    }

    static let xlsxWrites: Bool = {
        guard let p = MentorFormats.builtinRegistry().plugin(id: "xlsx") else { return false }
        let path = NSTemporaryDirectory() + "/mb-probe-\(getpid()).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { _ = try p.makeWriter(target: OutputTarget(path: path), options: WriteOptions()); return true } catch let e as MentorBaseError {
            return e.code != "format-cannot-write"
        } catch { return true }
    }()

    /// The real XLSX writer: the workbook reads back with the «Ошибки» sheet first.
    @Test(.enabled(if: ReportTests.xlsxWrites && SampleTests.xlsxReads, "needs the XLSX plugin"))
    func realErrorWorkbookReadsBack() throws {
        let rep = try report()
        let registry = MentorFormats.builtinRegistry()
        let xlsx = try #require(registry.plugin(id: "xlsx"))
        let path = NSTemporaryDirectory() + "/mb-report-\(getpid()).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try xlsx.makeWriter(target: OutputTarget(path: path), options: WriteOptions(sheetCount: 2))
        try ErrorWorkbook.write(diagnostics: rep.sorted, droppedCount: 0, reader: ArrayReader([("Лист1", rows(table))]),
                                sheets: [0], namedSheets: false, writer: w, lang: .ru)
        let r = try xlsx.makeReader(source: InputSource(path: path), options: ReadOptions())
        #expect(r.sheets.map(\.name) == ["Ошибки", "Данные"])
        var got: [Row] = []
        let c = try r.rows(inSheet: 0)
        while let row = try c.next() { got.append(row) }
        #expect(got.count == 5)
        #expect(got[1].cells[1] == .text("'Данные'!B2"))
    }
}
