import Foundation
import Testing

/// External plugins through the command line: `--plugins`, `MENTORBASE_PLUGINS`, `formats`, errors.
@Suite struct ExternalPluginCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plugins = root.appendingPathComponent("Samples/plugins").path

    @Test func formatsListsTheExternalPluginWithItsOrigin() throws {
        let r = try CLI.run(["formats", "--format", "json", "--plugins", Self.plugins])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        // The built-in formats first (whatever this build has), the external one last.
        let ids = list.compactMap { $0["id"] as? String }
        #expect(ids.last == "markdown")
        #expect(Set(["csv", "json", "xlsx"]).isSubset(of: Set(ids)))
        let md = try #require(list.last)
        #expect(md["origin"] as? String == Self.plugins + "/mentorbase-format-markdown")
        #expect(md["read"] as? Bool == true && md["write"] as? Bool == true)
        #expect(md["extensions"] as? [String] == ["md", "markdown"])
        #expect(list.first?["origin"] as? String == "built-in")
        let text = try CLI.run(["formats", "--lang", "en"], env: ["MENTORBASE_PLUGINS": Self.plugins])
        #expect(text.stdout.contains("markdown  Markdown tables (wiki page)"))
        #expect(text.stdout.contains(Self.plugins + "/mentorbase-format-markdown"))
    }

    @Test func convertWritesAWikiPageAndDumpReadsItBack() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pairs.md").path
        let src = Self.root.appendingPathComponent("Samples/formats/pairs-base.xlsx").path
        let c = try CLI.run(["convert", src, out, "--plugins", Self.plugins, "--quiet"])
        #expect(c.status == 0, "\(c.stderr)")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.hasPrefix("## Пары\n\n| Наставник | Наставляемый |"))
        let d = try CLI.run(["dump", out, "--format", "json", "--plugins", Self.plugins])
        #expect(d.status == 0, "\(d.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: d.stdoutData) as? [String: Any])
        #expect(json["format"] as? String == "markdown")
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        let rows = try #require(sheets.first?["rows"] as? [[Any]])
        #expect(rows.count == 3 && rows[1].first as? String == "Смирнова Ольга Викторовна")
        #expect(rows[1][3] as? String == "2024-09-16")
        // From standard input, found by content alone.
        let piped = try CLI.run(["dump", "-", "--format", "json", "--plugins", Self.plugins], stdin: Data(page.utf8))
        #expect(piped.stdout == d.stdout)
    }

    @Test func aBrokenPluginWarnsButDoesNotStopOtherWork() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mentorbase-format-broken").path
        try "#!/bin/sh\necho nonsense\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        let r = try CLI.run(["formats", "--plugins", dir.path, "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: plugin mentorbase-format-broken (\(path)) answered --about with something that is not"))
        #expect(!r.stdout.contains("broken"))
        let quiet = try CLI.run(["formats", "--plugins", dir.path, "--quiet"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test func aHungPluginEndsWithExitThreeAndAMessage() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("mentorbase-format-stuck").path
        try """
            #!/bin/sh
            if [ "$1" = "--about" ]; then echo '{"id":"stuck","name":"Stuck","extensions":["stuck"],"capabilities":["read"]}'; exit 0; fi
            sleep 1000
            """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        let input = dir.appendingPathComponent("a.stuck").path
        try "x".write(toFile: input, atomically: true, encoding: .utf8)
        let r = try CLI.run(["dump", input, "--plugins", dir.path, "--plugin-timeout", "1", "--lang", "en"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("plugin stuck (\(path)) did not answer for 1 s and was stopped"))
    }
}
