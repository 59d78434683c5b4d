import Foundation
import JSONFormat
import MentorBase
import Testing

/// Python's json module and pandas read what the writer produces, in every layout.
///
/// Needs python3 with pandas (scripts/test-requirements.txt; `bash scripts/setup.sh --tests`).
@Suite struct JSONPeerTests {
    static let table: [[Cell]] = {
        let date = CalendarDate(year: 2024, month: 9, day: 1)
        return [
            [.text("ФИО"), .text("Телефон"), .text("Балл"), .text("Согласие"), .text("Дата"), .text("Заметка"), .empty, .text("ФИО")],
            [.text("Иванов \"Ваня\""), .text("+7 916"), .number(4.5), .boolean(true), date.map(Cell.date) ?? .empty,
             .text("строка1\nстрока2\t\\ /"), .text("x"), .text("dup")],
            [.text("Ёлкина 😀"), .text("=1+2"), .number(-17), .boolean(false),
             date.flatMap { CalendarDateTime(date: $0, hour: 8, minute: 30, second: 0) }.map(Cell.dateTime) ?? .empty,
             .empty, .empty, .empty, .text("лишнее")],
        ]
    }()

    /// What Python must find, written out by hand from `table` and the documented key rules.
    static let checker = #"""
import json, sys
import pandas as pd
path, layout = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
assert not raw.startswith(b"\xef\xbb\xbf"), "a BOM was written"
raw.decode("utf-8")  # strict: valid UTF-8
keys = ["ФИО", "Телефон", "Балл", "Согласие", "Дата", "Заметка", "column_7", "ФИО_2", "column_9"]
# A key a longer row adds exists from that row on: records already written cannot get it (streaming).
expected = [
    dict(zip(keys[:8], ["Иванов \"Ваня\"", "+7 916", 4.5, True, "2024-09-01", "строка1\nстрока2\t\\ /", "x", "dup"])),
    dict(zip(keys, ["Ёлкина 😀", "=1+2", -17, False, "2024-09-01T08:30:00", None, None, None, "лишнее"])),
]
with open(path, encoding="utf-8") as f:
    if layout == "ndjson":
        records = [json.loads(line) for line in f]
    elif layout == "object":
        doc = json.load(f)
        assert list(doc) == ["Анкеты"], list(doc)
        records = doc["Анкеты"]
    else:
        records = json.load(f)
assert records == expected, records
assert [list(r) for r in records] == [keys[:8], keys], "key order"
assert isinstance(records[1]["Балл"], int) and isinstance(records[0]["Балл"], float)
if layout == "object":
    frame = pd.DataFrame(records)
else:
    frame = pd.read_json(path, orient="records", lines=(layout == "ndjson"), dtype=False, convert_dates=False)
assert list(frame.columns) == keys, list(frame.columns)
assert len(frame) == 2
assert frame["ФИО"].tolist() == ["Иванов \"Ваня\"", "Ёлкина 😀"]
assert frame["Балл"].tolist() == [4.5, -17]
print("ok")
"""#

    @Test(arguments: ["array", "object", "ndjson"])
    func pythonAndPandasReadOurOutput(layout: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("json-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.\(layout == "ndjson" ? "ndjson" : "json")").path
        // Through a real file, as the command line writes.
        let writer = try JSONPlugin().makeWriter(target: OutputTarget(path: path),
                                                 options: WriteOptions(dialect: layout, sheetCount: 1))
        try writer.beginSheet(SheetSpec(name: "Анкеты"))
        for row in Self.table { try writer.writeRow(row) }
        try writer.finish()

        let script = dir.appendingPathComponent("check.py")
        try Self.checker.write(to: script, atomically: true, encoding: .utf8)
        let result = try runPython([script.path, path, layout])
        #expect(result.status == 0 && result.output.contains("ok"),
                "Python rejected the \(layout) output (install pandas: bash scripts/setup.sh --tests): \(result.output)")
    }

    private func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
