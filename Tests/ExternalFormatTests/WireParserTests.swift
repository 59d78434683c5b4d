import MentorBase
import Testing
@testable import MentorFormats

/// The protocol's JSON lines: strict JSON, the dump contract's cells.
@Suite("External plugin protocol lines")
struct WireParserTests {
    private func line(_ s: String) -> WireLine? { WireLine.parse(ArraySlice(Array(s.utf8))) }

    @Test func rowsWithEveryCellKind() throws {
        let l = try #require(line(#" {"row": 7, "cells": [null, "", "Ёлка \"ель\"\n\t\\ \/", 42, -0.5e-3, true, false, {"date":"2024-02-29"}, {"datetime":"2024-09-01T08:30:00"}, {"error":"N/A"}, "\ud83d\ude00\u0416"], "extra": {"ignored": [1]}} "#))
        #expect(l.row == 7)
        let cells = try #require(l.cells).map(\.cell)
        let leapDay = try #require(CalendarDate(year: 2024, month: 2, day: 29))
        let firstOfSeptember = try #require(CalendarDate(year: 2024, month: 9, day: 1))
        let morning = try #require(CalendarDateTime(date: firstOfSeptember, hour: 8, minute: 30, second: 0))
        let expected: [Cell] = [.empty, .empty, .text("Ёлка \"ель\"\n\t\\ /"), .number(42), .number(-0.0005), .boolean(true),
                                .boolean(false), .date(leapDay), .dateTime(morning), .error("N/A"), .text("😀Ж")]
        #expect(cells == expected)
    }

    @Test func sheetLines() throws {
        let list = try #require(line(#"{"sheets":[{"name":"А","hidden":true},{"name":"B"}]}"#)?.sheets)
        #expect(list.map(\.name) == ["А", "B"] && list.map(\.hidden) == [true, nil])
        let s = try #require(line(#"{"sheet":"Лист 1","hidden":false}"#))
        #expect(s.sheet == "Лист 1" && s.hidden == false && s.row == nil)
    }

    @Test(arguments: [
        "", "garbage", "{", #"{"row":1,"cells":[1,]}"#, #"{"row":1.5,"cells":[]}"#, #"{"row":1,"cells":[{"date":"31.02.2024"}]}"#,
        #"{"row":1,"cells":[{"date":"2023-02-29"}]}"#, #"{"row":1,"cells":[[1]]}"#, #"{"row":1,"cells":["\ud800"]}"#,
        #"{"row":1,"cells":[01]}"#, #"{"row":1,"cells":[NaN]}"#, #"{"row":1,"cells":["a"]} x"#, #"{"sheet":5}"#,
        "{\"row\":1,\"cells\":[\"tab\u{9}raw\"]}", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func badLinesAreRefused(_ text: String) {
        #expect(line(text) == nil)
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array(#"{"row":1,"cells":[""#.utf8) + [0xD0] + Array(#""]}"#.utf8)
        #expect(WireLine.parse(ArraySlice(bytes)) == nil)
    }
}
