import Foundation
import Testing

/// The `dump --format json` and `formats --format json` contracts other tools rely on (issue 2).
@Suite struct DumpContractTests {
    @Test func csvDumpShape() throws {
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("анкеты.csv")
        // Windows-1251, ';', CRLF, an empty cell, trailing empty rows.
        let text = "ФИО;Класс;Телефон\r\nИванов Иван;7Б;\r\n;;\r\n\r\n"
        var bytes: [UInt8] = []
        for u in text.unicodeScalars {
            switch u.value {
            case 0x410...0x44F: bytes.append(UInt8(u.value - 0x410 + 0xC0))
            default: bytes.append(UInt8(u.value))
            }
        }
        try Data(bytes).write(to: f)
        let r = try CLI.run(["dump", f.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(obj["format"] as? String == "csv")
        #expect(obj["encoding"] as? String == "windows-1251")
        #expect(obj["delimiter"] as? String == ";")
        let sheets = try #require(obj["sheets"] as? [[String: Any]])
        #expect(sheets.count == 1)
        #expect(sheets[0]["name"] as? String == "анкеты")
        #expect(sheets[0]["hidden"] as? Bool == false)
        let rows = try #require(sheets[0]["rows"] as? [[Any]])
        #expect(rows.count == 2, "trailing empty rows are dropped")
        #expect(rows[0] as? [String] == ["ФИО", "Класс", "Телефон"])
        #expect(rows[1][0] as? String == "Иванов Иван")
        #expect(rows[1][2] is NSNull)
    }

    @Test func formatsJSON() throws {
        let r = try CLI.run(["formats", "--format", "json"])
        #expect(r.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        let ids = list.compactMap { $0["id"] as? String }
        #expect(ids.contains("csv"))
        for f in list {
            #expect(f["name"] is String)
            #expect(f["extensions"] is [String])
            #expect(f["read"] is Bool)
            #expect(f["write"] is Bool)
        }
    }

    @Test func stdinAndStdout() throws {
        let r = try CLI.run(["convert", "-", "-", "--to", "csv", "--dialect", "unix"], stdin: Data("a;b\n1;2\n".utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "a,b\n1,2\n")
    }

    @Test func excelRuConversion() throws {
        let dir = try temporaryFolder()
        let src = dir.appendingPathComponent("in.csv")
        try Data("ФИО,Запрос\nИванов,\"физика; химия\"\n".utf8).write(to: src)
        let out = dir.appendingPathComponent("out.csv")
        let r = try CLI.run(["convert", src.path, out.path, "--dialect", "excel-ru", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let bytes = try [UInt8](Data(contentsOf: out))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "ФИО;Запрос\r\nИванов;\"физика; химия\"\r\n")
    }

    @Test func inspectReportsEncodingDelimiterAndHeader() throws {
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("b.csv")
        try Data("\u{FEFF}Фамилия\tИмя\nИванов\tИван\n".utf8).write(to: f)
        let r = try CLI.run(["inspect", f.path, "--format", "json"])
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(obj["encoding"] as? String == "utf-8-bom")
        #expect(obj["delimiter"] as? String == "\t")
        let sheet = try #require((obj["sheets"] as? [[String: Any]])?.first)
        #expect(sheet["rows"] as? Int == 2)
        #expect(sheet["columns"] as? Int == 2)
        #expect(sheet["header"] as? [String] == ["Фамилия", "Имя"])
        let text = try CLI.run(["inspect", f.path])
        #expect(text.stdout.contains("Кодировка:   utf-8-bom"))
    }
}
