import MentorBase
import ODSFormat
import Testing

/// The reader on hand-written `content.xml`: each test builds the smallest file showing one
/// rule of the format.
@Suite struct ODSReaderTests {
    private func rows(_ body: String, styles: String = "", options: ReadOptions = ReadOptions()) throws -> [Row] {
        try readODS(try makeODS(body: body, styles: styles), options: options).sheets.first?.rows ?? []
    }

    @Test func expandsRepeatedValuesButNotTrailingEmptyRuns() throws {
        // LibreOffice ends every row with a long empty run and every sheet with a million empty rows.
        let body = """
            <table:table table:name="Лист1"><table:table-column table:number-columns-repeated="16384"/>\
            <table:table-row table:number-rows-repeated="3">\(textCell("x", " table:number-columns-repeated=\"2\""))\
            <table:table-cell table:number-columns-repeated="2"/>\(floatCell("5"))\
            <table:table-cell table:number-columns-repeated="16379"/></table:table-row>\
            <table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            <table:table-row>\(textCell("после"))</table:table-row>\
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            <table:table-row><table:table-cell table:number-columns-repeated="16384"/></table:table-row>\
            </table:table>
            """
        var small = ReadOptions()
        small.limits.maxRows = 10             // the trailing million rows are never counted …
        small.limits.maxColumns = 8           // … nor the trailing 16,379 columns
        let got = try rows(body, options: small)
        let row: [Cell] = [.text("x"), .text("x"), .empty, .empty, .number(5)]
        #expect(got == [Row(number: 1, cells: row), Row(number: 2, cells: row), Row(number: 3, cells: row),
                        Row(number: 4, cells: []), Row(number: 5, cells: []), Row(number: 6, cells: [.text("после")])])
    }

    @Test func aHugeEmptyRunInTheMiddleHitsTheRowLimitAtTheRightRow() throws {
        let body = """
            <table:table table:name="Лист1"><table:table-row>\(textCell("a"))</table:table-row>\
            <table:table-row table:number-rows-repeated="999999999"><table:table-cell/></table:table-row>\
            <table:table-row>\(textCell("b"))</table:table-row></table:table>
            """
        let error = try #require(throws: MentorBaseError.self) { try rows(body) }
        #expect(error.code == "limit-exceeded")
        #expect(error.location.row == 1_000_000_001, "the row holding the value past the limit")
        #expect(error.location.sheet == "Лист1")
        #expect(error.location.file == "test.ods")
    }

    @Test func repeatedValuesAreCappedByTheLimits() throws {
        let manyRows = """
            <table:table table:name="S"><table:table-row table:number-rows-repeated="4000000000">\(textCell("x"))</table:table-row></table:table>
            """
        var options = ReadOptions()
        options.limits.maxRows = 1000
        let e1 = try #require(throws: MentorBaseError.self) { try rows(manyRows, options: options) }
        #expect(e1.code == "limit-exceeded" && e1.location.row == 1001)
        let manyColumns = """
            <table:table table:name="S"><table:table-row><table:table-cell/>\
            \(textCell("x", " table:number-columns-repeated=\"99999999999\""))</table:table-row></table:table>
            """
        let e2 = try #require(throws: MentorBaseError.self) { try rows(manyColumns) }
        #expect(e2.code == "limit-exceeded" && e2.location.row == 1 && e2.location.column == 16_385)
    }

    @Test func aValueRowRepeatedAMillionTimesStreams() throws {
        let body = """
            <table:table table:name="S"><table:table-row table:number-rows-repeated="1000000">\(floatCell("1"))\(textCell("да"))</table:table-row></table:table>
            """
        let reader = try ODSPlugin().makeReader(source: InputSource(bytes: try makeODS(body: body), name: "m.ods"), options: ReadOptions())
        let cursor = try reader.rows(inSheet: 0)
        var n = 0
        var last = 0
        while let r = try cursor.next() {
            n += 1
            last = r.number
            if r.cells != [.number(1), .text("да")] { Issue.record("row \(r.number): \(r.cells)"); break }
        }
        #expect(n == 1_000_000 && last == 1_000_000)
    }

    @Test func textElementsBecomeCharacters() throws {
        let body = """
            <table:table table:name="S"><table:table-row>\
            <table:table-cell office:value-type="string"><text:p><text:s text:c="2"/>два<text:s/> пробела<text:tab/>таб</text:p>\
            <text:p>вторая <text:span>строка<text:line-break/>перенос</text:span> и <text:a xlink:href="https://x">ссылка</text:a></text:p>\
            <text:p/></table:table-cell>\
            <table:table-cell office:value-type="string"><office:annotation><dc:creator>A</dc:creator><text:p>комментарий</text:p></office:annotation>\
            <text:p>значение<text:note><text:note-body><text:p>сноска</text:p></text:note-body></text:note></text:p>\
            <draw:frame svg:width="1cm"><draw:text-box><text:p>надпись</text:p></draw:text-box></draw:frame></table:table-cell>\
            <table:table-cell><text:p>без типа &amp; &lt;тег&gt;</text:p></table:table-cell>\
            <table:table-cell office:value-type="string"><text:list><text:list-item><text:p>пункт 1</text:p></text:list-item>\
            <text:list-item><text:p>пункт 2</text:p></text:list-item></text:list></table:table-cell>\
            <table:table-cell office:value-type="string" office:string-value="из атрибута &amp; так"><text:p>показано</text:p></table:table-cell>\
            </table:table-row></table:table>
            """
        let got = try rows(body)
        #expect(got.first?.cells == [
            .text("  два  пробела\tтаб\nвторая строка\nперенос и ссылка\n"),
            .text("значение"),
            .text("без типа & <тег>"),
            .text("пункт 1\nпункт 2"),
            .text("из атрибута & так"),
        ])
    }

    @Test func typedValues() throws {
        let body = """
            <table:table table:name="S"><table:table-row>\
            <table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>\
            <table:table-cell office:value-type="currency" office:currency="RUB" office:value="1500.5"><text:p>1 500,50 ₽</text:p></table:table-cell>\
            \(floatCell("1E-07"))\
            <table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>ЛОЖЬ</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2024-09-01"><text:p>01.09.2024</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2024-09-01T08:30:00.600"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2024-12-31T23:59:59.7+03:00"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2024-01-01T00:00:00"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="PT08H30M00S"><text:p>08:30</text:p></table:table-cell>\
            <table:table-cell office:value-type="time" office:time-value="-P1DT12H"><text:p>x</text:p></table:table-cell>\
            <table:table-cell office:value-type="string" office:string-value="" calcext:value-type="error" table:formula="of:=1/0"><text:p>#DIV/0!</text:p></table:table-cell>\
            </table:table-row></table:table>
            """
        let got = try rows(body)
        let d = { (y: Int, m: Int, day: Int) in CalendarDate(year: y, month: m, day: day)! }
        #expect(got.first?.cells == [
            .number(0.25), .number(1500.5), .number(1e-7), .boolean(false), .date(d(2024, 9, 1)),
            .dateTime(CalendarDateTime(date: d(2024, 9, 1), hour: 8, minute: 30, second: 1)!),
            .date(d(2025, 1, 1)), .date(d(2024, 1, 1)), .number(30_600.0 / 86_400), .number(-1.5), .error("#DIV/0!"),
        ])
    }

    @Test func formulaBooleansButNotPlainOnesAndZeros() throws {
        let body = """
            <table:table table:name="S"><table:table-row>\
            \(floatCell("1", " table:formula=\"of:=TRUE()\""))\
            <table:table-cell table:formula="of:=[.A1]&gt;5" office:value-type="float" office:value="0"><text:p>ЛОЖЬ</text:p></table:table-cell>\
            <table:table-cell table:formula="of:=[.A1]&gt;5" office:value-type="float" office:value="1"><text:p>TRUE</text:p></table:table-cell>\
            <table:table-cell table:formula="of:=2-1" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>\
            <table:table-cell office:value-type="float" office:value="1"><text:p>TRUE</text:p></table:table-cell>\
            </table:table-row></table:table>
            """
        #expect(try rows(body).first?.cells == [.boolean(true), .boolean(false), .boolean(true), .number(1), .number(1)])
    }

    @Test func unreadableValuesKeepTheirTextWithAWarning() throws {
        let body = """
            <table:table table:name="S"><table:table-row>\
            <table:table-cell office:value-type="float" office:value="много"><text:p>много</text:p></table:table-cell>\
            <table:table-cell office:value-type="date" office:date-value="2023-02-29"><text:p>29.02.2023</text:p></table:table-cell>\
            </table:table-row></table:table>
            """
        let (sheets, log) = try readODS(try makeODS(body: body))
        #expect(sheets.first?.rows.first?.cells == [.text("много"), .text("29.02.2023")])
        #expect(log.items.map(\.code) == ["bad-cell-value", "bad-cell-value"])
        #expect(log.items.map(\.location.column) == [1, 2])
        #expect(log.items.first?.location.sheet == "S")
        #expect(log.items.last?.value == "2023-02-29")
    }

    @Test func aFormulaWithoutAValueIsEmptyWithAWarning() throws {
        let body = """
            <table:table table:name="S"><table:table-row>\(textCell("a"))<table:table-cell table:formula="of:=1+2"/>\(textCell("c"))</table:table-row></table:table>
            """
        let (sheets, log) = try readODS(try makeODS(body: body))
        #expect(sheets.first?.rows.first?.cells == [.text("a"), .empty, .text("c")])
        #expect(log.items.map(\.code) == ["formula-no-value"])
        #expect(log.items.first?.location.column == 2)
    }

    @Test func mergedRangesFromSpans() throws {
        let body = """
            <table:table table:name="S">\
            <table:table-row><table:table-cell/>\(textCell("шапка", " table:number-columns-spanned=\"3\" table:number-rows-spanned=\"2\""))\
            <table:covered-table-cell table:number-columns-repeated="2"/>\(textCell("D"))</table:table-row>\
            <table:table-row><table:table-cell/><table:covered-table-cell table:number-columns-repeated="3"/>\(textCell("E", " table:number-rows-spanned=\"2\""))</table:table-row>\
            <table:table-row table:number-rows-repeated="2">\(textCell("п", " table:number-columns-spanned=\"2\""))<table:covered-table-cell/></table:table-row>\
            </table:table>
            """
        let (sheets, _) = try readODS(try makeODS(body: body))
        let sheet = try #require(sheets.first)
        #expect(sheet.rows.map(\.cells) == [[.empty, .text("шапка"), .empty, .empty, .text("D")],
                                            [.empty, .empty, .empty, .empty, .text("E")], [.text("п")], [.text("п")]])
        #expect(sheet.merged.map(\.reference) == ["B1:D2", "E2:E3", "A3:B3", "A4:B4"])
    }

    @Test func hiddenSheetsFromTableStylesInEitherPart() throws {
        let styles = """
            <style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>\
            <style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>\
            <style:style style:name="ta2cell" style:family="table-cell"><style:table-properties table:display="false"/></style:style>
            """
        let commonStyles = """
            <office:styles><style:style style:name="Скрытая" style:family="table"><style:table-properties table:display="false"/></style:style></office:styles>
            """
        let body = ["ta1", "ta2", "ta2cell", "Скрытая", ""].enumerated().map { i, style in
            "<table:table table:name=\"Лист\(i + 1)\"\(style.isEmpty ? "" : " table:style-name=\"\(style)\"")><table:table-row>\(textCell("\(i)"))</table:table-row></table:table>"
        }.joined()
        let bytes = try makeODS(body: body, styles: styles, stylesPart: commonStyles)
        let (sheets, _) = try readODS(bytes)
        #expect(sheets.map(\.info.hidden) == [false, true, false, true, false])
        #expect(sheets.map { $0.rows.first?.cells } == [[.text("0")], [.text("1")], [.text("2")], [.text("3")], [.text("4")]])
    }

    @Test func onlyTopLevelTablesAreSheets() throws {
        let body = """
            <table:table table:name="Первый"><table:shapes><draw:frame><draw:text-box>\
            <table:table table:name="В фигуре"><table:table-row>\(textCell("нет"))</table:table-row></table:table>\
            </draw:text-box></draw:frame></table:shapes>\
            <table:table-header-rows><table:table-row>\(textCell("заголовок"))</table:table-row></table:table-header-rows>\
            <table:table-row-group><table:table-row>\(textCell("в группе"))</table:table-row></table:table-row-group></table:table>\
            <table:table table:name="Второй"><table:table-row><table:table-cell/>\(textCell("b"))</table:table-row></table:table>\
            <table:named-expressions/>
            """
        let (sheets, _) = try readODS(try makeODS(body: body))
        #expect(sheets.map(\.info.name) == ["Первый", "Второй"])
        #expect(sheets[0].rows.map(\.cells) == [[.text("заголовок")], [.text("в группе")]])
        #expect(sheets[1].rows.map(\.cells) == [[.empty, .text("b")]])
    }

    @Test func sheetsReadInAnyOrderAndAgain() throws {
        let body = (1...3).map { "<table:table table:name=\"S\($0)\"><table:table-row>\(floatCell("\($0)"))</table:table-row></table:table>" }.joined()
        let reader = try ODSPlugin().makeReader(source: InputSource(bytes: try makeODS(body: body), name: "x.ods"), options: ReadOptions())
        for i in [2, 0, 2, 1] {
            let cursor = try reader.rows(inSheet: i)
            #expect(try cursor.next() == Row(number: 1, cells: [.number(Double(i + 1))]))
            #expect(try cursor.next() == nil)
        }
        let error = try #require(throws: MentorBaseError.self) { try reader.rows(inSheet: 3) }
        #expect(error.kind == .usage)
    }

    @Test func cellTextIsCapped() throws {
        var options = ReadOptions()
        options.limits.maxCellBytes = 100
        let long = "<table:table table:name=\"S\"><table:table-row>\(textCell(String(repeating: "я", count: 51)))</table:table-row></table:table>"
        let spaces = "<table:table table:name=\"S\"><table:table-row><table:table-cell/>\(textCell("<text:s text:c=\"1000000000000\"/>"))</table:table-row></table:table>"
        for body in [long, spaces] {
            let error = try #require(throws: MentorBaseError.self) { try rows(body, options: options) }
            #expect(error.code == "limit-exceeded")
            #expect(error.location.row == 1 && error.location.sheet == "S")
        }
        #expect(try rows(long.replacingOccurrences(of: "я", with: "z")) .first?.cells.count == 1)
    }

    @Test func refusesADoctype() throws {
        let content = """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
            <office:document-content \(odfNamespaces)><office:body><office:spreadsheet><table:table table:name="S">\
            <table:table-row><table:table-cell office:value-type="string"><text:p>&b;</text:p></table:table-cell></table:table-row>\
            </table:table></office:spreadsheet></office:body></office:document-content>
            """
        let error = try #require(throws: MentorBaseError.self) { try readODS(try makeODS(body: "", contentXML: content)) }
        #expect(error.code == "source-error" && error.kind == .data)
        #expect(error.location.part == "content.xml" && error.location.file == "test.ods")
    }

    @Test func refusesOtherDocumentsWithAClearMessage() throws {
        let text = try makeODS(body: "", mimetype: "application/vnd.oasis.opendocument.text")
        let e1 = try #require(throws: MentorBaseError.self) { try readODS(text) }
        #expect(e1.code == "source-error" && e1.message.en.contains("opendocument.text"))
        let e2 = try #require(throws: MentorBaseError.self) { try readODS(Array("not a zip at all".utf8)) }
        #expect(e2.kind == .data && e2.location.file == "test.ods")
    }

    @Test func brokenXMLNamesThePart() throws {
        var bytes = try makeODS(body: "", contentXML: "<?xml version=\"1.0\"?><office:document-content \(odfNamespaces)><office:body>")
        let error = try #require(throws: MentorBaseError.self) { try readODS(bytes) }
        #expect(error.code == "source-error" && error.location.part == "content.xml")
        bytes = try makeODS(body: "<table:table table:name=\"S\"></table:table>")
        #expect(try readODS(bytes).sheets.map(\.rows) == [[]])
    }
}
