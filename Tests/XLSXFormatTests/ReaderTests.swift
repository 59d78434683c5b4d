import Foundation
import MentorBase
import Testing
@testable import XLSXFormat

@Suite("XLSX reader on hand-made parts")
struct ReaderTests {
    @Test func sharedInlineRichAndEscapedStrings() throws {
        var wb = TestWorkbook()
        wb.sharedStrings = [
            "<si><t>Иванов</t></si>",
            // Rich text runs are joined; the phonetic run is not text.
            "<si><r><rPr><b/></rPr><t>Пет</t></r><r><t xml:space=\"preserve\">ров А.</t></r><rPh sb=\"0\" eb=\"1\"><t>ペ</t></rPh></si>",
            "<si><t>a_x000D_b _x005F_x0041_ _xD83D__xDE00_</t></si>",
            "<si><t/></si>",
        ]
        wb.sheets = [("Лист1", """
            <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="inlineStr"><is><r><t>инлайн </t></r><r><t>строка</t></r></is></c><c r="E1" t="s"><v>3</v></c></row></sheetData>
            """, nil)]
        let sheets = try readAll(bytes: wb.bytes)
        #expect(sheets.count == 1)
        #expect(sheets[0].grid == [[.text("Иванов"), .text("Петров А."), .text("a\rb _x0041_ 😀"), .text("инлайн строка")]])
    }

    @Test func numbersBooleansErrorsAndFormulas() throws {
        var wb = TestWorkbook()
        wb.sheets = [("S", """
            <sheetData><row r="1"><c r="A1"><v>42</v></c><c r="B1"><v>-1.5E-3</v></c><c r="C1" t="b"><v>1</v></c>\
            <c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="G1"><f>1+1</f><v>2</v></c><c r="H1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="I1"><f>A1*2</f></c>\
            <c r="J1"><v>79161234567</v></c></row></sheetData>
            """, nil)]
        let (sheets, reader) = try readAll(InputSource(bytes: wb.bytes, name: "n.xlsx"))
        #expect(sheets[0].grid == [[.number(42), .number(-0.0015), .boolean(true), .boolean(false), .error("#N/A"),
                                    .error("#DIV/0!"), .number(2), .text("ab"), .empty, .number(79_161_234_567)]])
        // The formula without a cached value is a warning with its location.
        let warning = try #require(reader.diagnostics.items.first { $0.code == "formula-no-value" })
        #expect(warning.severity == .warning)
        #expect(warning.location.sheet == "S" && warning.location.row == 1 && warning.location.column == 9)
    }

    @Test func geometrySkippedCellsRowsWithoutReferencesAndGaps() throws {
        var wb = TestWorkbook()
        wb.sheets = [("G", """
            <dimension ref="A1:Z1048576"/><sheetData>\
            <row><c><v>1</v></c><c><v>2</v></c></row>\
            <row><c r="C2"><v>3</v></c></row>\
            <row r="5" spans="1:3"><c r="A5" t="inlineStr"><is><t>после пропуска</t></is></c><c r="E5" s="0"/></row>\
            <row r="6" s="1" customFormat="1"/><row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row>\
            </sheetData>
            """, nil)]
        let sheets = try readAll(bytes: wb.bytes)
        let rows = sheets[0].rows
        // Styled empty rows at the end, even row 1,048,576, are never handed out.
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(rows.map(\.cells) == [[.number(1), .number(2)], [.empty, .empty, .number(3)], [], [], [.text("после пропуска")]])
    }

    @Test func datesByBuiltInAndCustomFormats() throws {
        var wb = TestWorkbook()
        wb.stylesXML = """
            <numFmts count="5"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/><numFmt numFmtId="165" formatCode="[$-419]d mmmm yyyy &quot;г.&quot;"/>\
            <numFmt numFmtId="166" formatCode="[h]:mm:ss"/><numFmt numFmtId="167" formatCode="&quot;day&quot; 0"/>\
            <numFmt numFmtId="168" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
            <cellXfs count="8"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/>\
            <xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/><xf numFmtId="20"/></cellXfs>
            """
        wb.sheets = [("D", """
            <sheetData><row r="1"><c r="A1" s="1"><v>40426</v></c><c r="B1" s="2"><v>45536.354166666664</v></c>\
            <c r="C1" s="3"><v>45536</v></c><c r="D1" s="4"><v>1</v></c><c r="E1" s="5"><v>1.5</v></c>\
            <c r="F1" s="6"><v>7</v></c><c r="G1" s="7"><v>45536</v></c><c r="H1" s="8"><v>0.5</v></c>\
            <c r="I1" s="1"><v>45536.75</v></c><c r="J1" s="1"><v>60</v></c><c r="K1" s="1"><v>61</v></c><c r="L1" s="0"><v>45536</v></c>\
            </row></sheetData>
            """, nil)]
        let (sheets, reader) = try readAll(InputSource(bytes: wb.bytes, name: "d.xlsx"))
        #expect(sheets[0].grid == [[date(2010, 9, 5), dateTime(2024, 9, 1, 8, 30), date(2024, 9, 1), date(1900, 1, 1),
                                    .number(1.5), .number(7), date(2024, 9, 1), .number(0.5),
                                    dateTime(2024, 9, 1, 18, 0), .number(60), date(1900, 3, 1), .number(45536)]])
        // The phantom 29.02.1900 keeps its number and says why.
        let phantom = try #require(reader.diagnostics.items.first { $0.code == "date-phantom" })
        #expect(phantom.location.column == 10 && phantom.location.row == 1)
    }

    @Test func date1904System() throws {
        var wb = TestWorkbook()
        wb.date1904 = true
        wb.stylesXML = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
        wb.sheets = [("M", "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>39964</v></c></row></sheetData>", nil)]
        let (sheets, reader) = try readAll(InputSource(bytes: wb.bytes, name: "m.xlsx"))
        #expect(sheets[0].grid == [[date(1904, 1, 1), date(2013, 6, 1)]])
        #expect(reader.details.extras.contains { $0 == ("date1904", "true") })
    }

    @Test func strictNamespacesHiddenSheetsAndRelativeTargets() throws {
        var wb = TestWorkbook()
        wb.strict = true
        wb.sheets = [
            ("Первый", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row></sheetData>", nil),
            ("Скрытый", "<sheetData><row r=\"2\"><c r=\"B2\"><v>5</v></c></row></sheetData>", "hidden"),
            ("Очень скрытый", "<sheetData/>", "veryHidden"),
        ]
        let sheets = try readAll(bytes: wb.bytes)
        #expect(sheets.map(\.info) == [SheetInfo(name: "Первый"), SheetInfo(name: "Скрытый", hidden: true),
                                       SheetInfo(name: "Очень скрытый", hidden: true)])
        #expect(sheets[1].grid == [[], [.empty, .number(5)]])
        #expect(sheets[2].rows.isEmpty)
    }

    @Test func mergedRangesReportedAndFilledOnRequest() throws {
        var wb = TestWorkbook()
        wb.sheets = [("H", """
            <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Ученик</t></is></c><c r="B1" t="inlineStr"><is><t>Родитель</t></is></c></row>\
            <row r="2"><c r="B2" t="inlineStr"><is><t>ФИО</t></is></c><c r="C2" t="inlineStr"><is><t>Телефон</t></is></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>Иванов</t></is></c><c r="B3" t="inlineStr"><is><t>Иванова</t></is></c></row>\
            <row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c></row></sheetData>\
            <mergeCells count="3"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/><mergeCell ref="A4:B5"/></mergeCells>
            """, nil)]
        let plain = try readAll(bytes: wb.bytes)
        #expect(plain[0].merged == [CellRange(reference: "A1:A2"), CellRange(reference: "B1:C1"), CellRange(reference: "A4:B5")].compactMap { $0 })
        #expect(plain[0].grid[0] == [.text("Ученик"), .text("Родитель")])

        let filled = try readAll(bytes: wb.bytes, options: ReadOptions(settings: ["fill-merged": "header"]))
        #expect(filled[0].grid[0] == [.text("Ученик"), .text("Родитель"), .text("Родитель")])
        #expect(filled[0].grid[1] == [.text("Ученик"), .text("ФИО"), .text("Телефон")])
        #expect(filled[0].grid[3] == [.text("x")])   // a data-row merge is left alone in header mode

        let all = try readAll(bytes: wb.bytes, options: ReadOptions(settings: ["fill-merged": "all"]))
        #expect(all[0].grid[3] == [.text("x"), .text("x")])
        #expect(throws: MentorBaseError.self) {
            _ = try readAll(bytes: wb.bytes, options: ReadOptions(settings: ["fill-merged": "sideways"]))
        }
    }

    @Test func limitsOnCellsRowsAndColumns() throws {
        var limits = InputLimits()
        limits.maxCellBytes = 100
        limits.maxRows = 10
        limits.maxColumns = 5
        var wb = TestWorkbook()
        wb.sheets = [("L", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(String(repeating: "я", count: 60))</t></is></c></row></sheetData>", nil)]
        let long = expectDataError { _ = try readAll(bytes: wb.bytes, options: ReadOptions(limits: limits)) }
        #expect(long?.code == "limit-exceeded" && long?.location.row == 1 && long?.location.column == 1)
        wb.sheets = [("L", "<sheetData><row r=\"11\"><c r=\"A11\"><v>1</v></c></row></sheetData>", nil)]
        #expect(expectDataError { _ = try readAll(bytes: wb.bytes, options: ReadOptions(limits: limits)) }?.location.row == 11)
        wb.sheets = [("L", "<sheetData><row r=\"1\"><c r=\"F1\"><v>1</v></c></row></sheetData>", nil)]
        #expect(expectDataError { _ = try readAll(bytes: wb.bytes, options: ReadOptions(limits: limits)) }?.location.column == 6)
    }

    @Test func brokenPartsNameThePart() throws {
        var wb = TestWorkbook()
        wb.sheets = [("B", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", nil)]   // unclosed
        let e = expectDataError { _ = try readAll(bytes: wb.bytes) }
        #expect(e?.location.part == "xl/worksheets/sheet1.xml")
        #expect(e?.message.en.contains("broken XML") == true)

        wb.sheets = [("B", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData>", nil)]
        wb.sharedStrings = ["<si><t>only one</t></si>"]
        let bad = expectDataError { _ = try readAll(bytes: wb.bytes) }
        #expect(bad?.location.sheet == "B" && bad?.location.row == 1 && bad?.location.column == 1)

        var missing = wb.zip
        missing.items.removeAll { $0.name == "xl/sharedStrings.xml" }
        #expect(expectDataError { _ = try readAll(bytes: missing.bytes) }?.location.part == "xl/sharedStrings.xml")
    }

    @Test func numberFormatClassification() {
        let cases: [(String, NumberFormatKind)] = [
            ("dd.mm.yyyy", .date), ("d mmmm yyyy", .date), ("mmm-yy", .date), ("[$-F800]dddd, mmmm dd, yyyy", .date),
            ("dd.mm.yyyy hh:mm", .dateTime), ("m/d/yyyy h:mm AM/PM", .dateTime), ("yyyy-mm-dd\"T\"hh:mm:ss", .dateTime),
            ("hh:mm", .time), ("mm:ss", .time), ("h:mm AM/PM", .time),
            ("[h]:mm:ss", .number), ("[mm]:ss", .number), ("0.00", .number), ("General", .number), ("@", .number),
            ("0.00E+00", .number), ("#,##0 \"дней\"", .number), ("\"d\"0", .number), ("[Red]0.00;[Blue]-0.00", .number),
            ("0;\"yyyy\"", .number),
        ]
        for (code, kind) in cases {
            #expect(NumberFormatKind.classify(code: code) == kind, "\(code)")
        }
        #expect(NumberFormatKind.builtIn(14) == .date && NumberFormatKind.builtIn(22) == .dateTime)
        #expect(NumberFormatKind.builtIn(46) == .number && NumberFormatKind.builtIn(2) == .number)
    }
}
