import Foundation
import Testing

/// Every bad input gets a clear message and the documented exit code: never a crash or a hang.
@Suite struct BadInputTests {
    @Test func missingFileIsAnIOError() throws {
        let r = try CLI.run(["dump", "/nonexistent/анкеты.csv"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("файл не найден"))
        #expect(r.stderr.contains("/nonexistent/анкеты.csv"))
        let en = try CLI.run(["dump", "/nonexistent/x.csv", "--lang", "en"])
        #expect(en.stderr.contains("file not found"))
    }

    @Test func directoryIsAnIOError() throws {
        let dir = try temporaryFolder()
        let r = try CLI.run(["inspect", dir.path])
        #expect(r.status == 3)
        #expect(r.stderr.contains("это папка"))
    }

    @Test func unreadableFileIsAnIOError() throws {
        guard getuid() != 0 else {
            // root reads everything; run the same check as an unprivileged user when one exists.
            let dir = try temporaryFolder()
            let f = dir.appendingPathComponent("secret.csv")
            try Data("a,b\n".utf8).write(to: f)
            chmod(f.path, 0)
            chmod(dir.path, 0o755)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            guard FileManager.default.isExecutableFile(atPath: p.executableURL!.path) else { return }
            p.arguments = ["-u", "nobody", "--", CLI.binary.path, "dump", f.path]
            p.standardError = Pipe()
            p.standardOutput = Pipe()
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 3)
            return
        }
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("secret.csv")
        try Data("a,b\n".utf8).write(to: f)
        chmod(f.path, 0)
        let r = try CLI.run(["dump", f.path])
        #expect(r.status == 3)
    }

    @Test func binaryJunkIsADataError() throws {
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("junk.bin")
        var bytes = [UInt8](repeating: 0, count: 4096)
        for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2654435761 >> 7) }
        try Data(bytes).write(to: f)
        let r = try CLI.run(["dump", f.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("не удалось определить формат"))
        let forced = try CLI.run(["dump", f.path, "--from", "csv", "--lang", "en"])
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("does not look like text"))
    }

    @Test func unterminatedQuoteNamesTheRow() throws {
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("q.csv")
        try Data("ФИО;Класс\nИванов;\"7Б\nПетров;8А\n".utf8).write(to: f)
        let r = try CLI.run(["dump", f.path, "--format", "json"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("строка 2"))
        #expect(r.stderr.contains("кавычка"))
    }

    @Test func tenMegabyteCellIsRefusedClearly() throws {
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("big.csv")
        var d = Data("a,b\n1,".utf8)
        d.append(Data(repeating: 0x78, count: 10 * 1024 * 1024))
        d.append(Data("\n".utf8))
        try d.write(to: f)
        let r = try CLI.run(["convert", f.path, dir.appendingPathComponent("out.csv").path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("строка 2, столбец B"))
        // A failed convert leaves no half-written output behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(left == ["big.csv"])
    }

    @Test func emptyFileHasNoRows() throws {
        let dir = try temporaryFolder()
        let f = dir.appendingPathComponent("empty.csv")
        try Data().write(to: f)
        let r = try CLI.run(["dump", f.path, "--format", "json"])
        #expect(r.status == 0)
        let obj = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let sheets = obj?["sheets"] as? [[String: Any]]
        #expect((sheets?.first?["rows"] as? [Any])?.isEmpty == true)
    }

    @Test func usageErrorsExitWith2() throws {
        #expect(try CLI.run(["dump"]).status == 2)
        #expect(try CLI.run(["nonsense"]).status == 2)
        #expect(try CLI.run(["dump", "x.csv", "--format", "yaml"]).status == 2)
        #expect(try CLI.run(["dump", "x.csv", "--from", "nope"]).status == 2)
        #expect(try CLI.run(["dump", "x.csv", "--encoding", "koi8"]).status == 2)
        #expect(try CLI.run([]).status == 2)
    }

    @Test func helpExplainsAndExitsZero() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Коды выхода"))
        let en = try CLI.run(["convert", "--help", "--lang", "en"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("Examples"))
    }
}
