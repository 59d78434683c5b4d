import Foundation
import MentorBase
import MentorFormats
import Testing

/// Plugins that hang, crash, print garbage or fail: each ends in a clear error, quickly.
@Suite("External plugins that misbehave")
struct HostilePluginTests {
    let fast = ProcessPluginTimeouts(idle: 1, about: 1)

    private func plugin(_ folder: PluginFolder, _ name: String, body: String) throws -> ProcessFormatPlugin {
        let path = try folder.script(name, body: body)
        return try ProcessFormatPlugin(executable: path, timeouts: fast)
    }

    private let input = InputSource(bytes: Array("x".utf8), name: "in.dat")

    @Test func aPluginThatHangsIsStoppedAfterTheTimeout() throws {
        let folder = try PluginFolder()
        // A shell that waits on a child: the whole process group has to go.
        let p = try plugin(folder, "hang", body: "sleep 1000 & wait")
        let start = monotonicSeconds()
        let e = expectError { _ = try readAll(p, InputSource(path: "/etc/hostname", displayName: "h.dat")) }
        #expect(monotonicSeconds() - start < 5)
        #expect(e?.code == "plugin-timeout" && e?.kind == .io)
        #expect(e?.message.en.contains("plugin hang (") == true && e?.message.en.contains("did not answer for 1 s") == true)
    }

    @Test func aHungAboutIsReportedByDiscoveryAndSkipped() throws {
        let folder = try PluginFolder()
        let path = folder.path + "/mentorbase-format-mute"
        try "#!/bin/sh\nsleep 1000\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        try folder.script("fine", body: "exit 0")
        let start = monotonicSeconds()
        let found = ExternalFormats.discover(folders: [folder.path], timeouts: fast)
        #expect(monotonicSeconds() - start < 5)
        #expect(found.plugins.map(\.descriptor.id) == ["fine"])
        #expect(found.problems.count == 1 && found.problems.first?.code == "plugin-timeout")
    }

    @Test func garbageOnStandardOutputIsAProtocolError() throws {
        let folder = try PluginFolder()
        let p = try plugin(folder, "junk", body: "echo 'Hello, I am not JSON'; exit 0")
        let e = expectError { _ = try readAll(p, input) }
        #expect(e?.code == "plugin-protocol-error")
        #expect(e?.message.en.contains("not a protocol JSON line (output line 1): «Hello, I am not JSON»") == true)
    }

    @Test func garbageAboutIsAProtocolError() throws {
        let folder = try PluginFolder()
        let path = try folder.script("odd", about: "<html>not json</html>", body: "exit 0")
        let e = expectError { _ = try ProcessFormatPlugin(executable: path, timeouts: fast) }
        #expect(e?.code == "plugin-protocol-error" && e?.message.en.contains("--about") == true)
    }

    @Test func aNonZeroExitIsAnErrorWithWhatThePluginSaid() throws {
        let folder = try PluginFolder()
        let p = try plugin(folder, "three", body: "echo 'cannot parse: missing header' >&2; exit 3")
        let e = expectError { _ = try readAll(p, input) }
        #expect(e?.code == "plugin-failed" && e?.kind == .io)
        #expect(e?.message.en.contains("exited with status 3") == true)
        #expect(e?.hint?.en.contains("cannot parse: missing header") == true)
        #expect(e?.location.file == "in.dat")
    }

    @Test func aCrashMidStreamComesAfterTheRowsThatCame() throws {
        let folder = try PluginFolder()
        let p = try plugin(folder, "crash", body: """
            echo '{"sheet":"A","hidden":false}'
            echo '{"row":1,"cells":["ФИО"]}'
            echo '{"row":2,"cells":["Иванов"]}'
            kill -SEGV $$
            """)
        let reader = try p.makeReader(source: input, options: ReadOptions())
        let cursor = try reader.rows(inSheet: 0)
        #expect(try cursor.next()?.cells == [.text("ФИО")])
        #expect(try cursor.next()?.cells == [.text("Иванов")])
        let e = expectError { _ = try cursor.next() }
        #expect(e?.code == "plugin-failed" && e?.message.en.contains("crashed (SIGSEGV)") == true)
    }

    @Test func aJSONErrorLineKeepsItsLocationAndKind() throws {
        let folder = try PluginFolder()
        let p = try plugin(folder, "picky", body: """
            echo '{"sheets":[{"name":"Лист1"}]}'
            echo '{"error":{"code":"bad-cell","message":{"ru":"не число","en":"not a number"},"location":{"sheet":"Лист1","row":5,"column":3}}}' >&2
            exit 1
            """)
        let e = expectError { _ = try readAll(p, input) }
        #expect(e?.code == "bad-cell" && e?.kind == .data)
        #expect(e?.location == SourceLocation(file: "in.dat", sheet: "Лист1", row: 5, column: 3))
        #expect(e?.render(.ru) == "in.dat, лист «Лист1», строка 5, столбец C: picky: не число")
    }

    @Test func rowsArePulledAsTheyComeNotAfterTheEnd() throws {
        let folder = try PluginFolder()
        // Three rows, then silence: the rows must arrive before the plugin ends (it never does).
        let p = try plugin(folder, "slow", body: """
            echo '{"sheet":"A","hidden":false}'
            for i in 1 2 3; do echo "{\\"row\\":$i,\\"cells\\":[$i]}"; done
            sleep 1000
            """)
        let start = monotonicSeconds()
        let reader = try p.makeReader(source: input, options: ReadOptions())
        let cursor = try reader.rows(inSheet: 0)
        for i in 1...3 { #expect(try cursor.next()?.cells == [.number(Double(i))]) }
        #expect(monotonicSeconds() - start < 0.9)
        let e = expectError { _ = try cursor.next() }
        #expect(e?.code == "plugin-timeout")
    }

    @Test func aWriterThatStopsReadingIsAnErrorNotAHang() throws {
        let folder = try PluginFolder()
        let p = try plugin(folder, "deaf", body: "echo '{\"error\":{\"code\":\"refused\",\"message\":\"no thanks\",\"kind\":\"usage\"}}' >&2; exit 2")
        let writer = try p.makeWriter(target: OutputTarget(sink: MemorySink(), name: "out.deaf"), options: WriteOptions())
        let start = monotonicSeconds()
        let e = expectError {
            try writer.beginSheet(SheetSpec(name: "A"))
            for _ in 0..<20_000 { try writer.writeRow([.text(String(repeating: "ж", count: 100))]) }
            try writer.finish()
        }
        #expect(monotonicSeconds() - start < 5)
        #expect(e?.code == "refused" && e?.kind == .usage && e?.message.en == "deaf: no thanks")
    }

    @Test func protocolViolationsAreNamed() throws {
        let folder = try PluginFolder()
        let backwards = try plugin(folder, "back", body: """
            echo '{"sheet":"A"}'; echo '{"row":5,"cells":[1]}'; echo '{"row":2,"cells":[2]}'
            """)
        let e1 = expectError { _ = try readAll(backwards, input) }
        #expect(e1?.message.en.contains("sent row 2 after row 5") == true)
        let rowFirst = try plugin(folder, "rowfirst", body: "echo '{\"row\":1,\"cells\":[1]}'")
        let e2 = expectError { _ = try readAll(rowFirst, input) }
        #expect(e2?.message.en.contains("must start its output") == true)
        let badDate = try plugin(folder, "baddate", body: "echo '{\"sheet\":\"A\"}'; echo '{\"row\":1,\"cells\":[{\"date\":\"31.02.2024\"}]}'")
        let e3 = expectError { _ = try readAll(badDate, input) }
        #expect(e3?.code == "plugin-protocol-error")
    }

    @Test func limitsApplyToWhatAPluginSends() throws {
        let folder = try PluginFolder()
        let p = try plugin(folder, "wide", body: """
            echo '{"sheet":"A"}'; echo '{"row":1,"cells":[1,2,3,4,5]}'
            """)
        var limits = InputLimits()
        limits.maxColumns = 3
        let reader = try p.makeReader(source: input, options: ReadOptions(limits: limits))
        let e = expectError { _ = try reader.rows(inSheet: 0).next() }
        #expect(e?.code == "limit-exceeded" && e?.location.file == "in.dat" && e?.location.row == 1)
    }
}

/// Finding plugins: folders in order, names, ids, clashes with built-in formats.
@Suite("External plugin discovery")
struct DiscoveryTests {
    @Test func searchOrderIsExplicitThenEnvironmentThenPath() {
        let folders = ExternalFormats.searchFolders(explicit: ["/a", "/b"],
                                                    environment: ["MENTORBASE_PLUGINS": "/c::/a", "PATH": "/usr/bin:/c"])
        #expect(folders == ["/a", "/b", "/c", "/usr/bin"])
    }

    @Test func firstOfANameWinsAndOthersAreIgnored() throws {
        let one = try PluginFolder(), two = try PluginFolder()
        try one.script("same", body: "exit 0")
        try two.script("same", about: #"{"id":"same","name":"Second","extensions":["x"],"capabilities":["read"]}"#, body: "exit 0")
        let plain = two.path + "/mentorbase-format-notexec"
        try "#!/bin/sh\n".write(toFile: plain, atomically: true, encoding: .utf8)
        let found = ExternalFormats.discover(folders: [one.path, two.path])
        #expect(found.plugins.map(\.descriptor.name) == ["Test same"])
        #expect(found.problems.isEmpty)
    }

    @Test func anIdThatIsNotTheFileNameIsRefused() throws {
        let folder = try PluginFolder()
        try folder.script("alias", about: #"{"id":"other","name":"x","extensions":["x"],"capabilities":["read"]}"#, body: "exit 0")
        let found = ExternalFormats.discover(folders: [folder.path])
        #expect(found.plugins.isEmpty)
        #expect(found.problems.first?.message.en.contains("calls itself “other” but the file is mentorbase-format-alias") == true)
    }

    @Test func builtInsWinAnIdClash() throws {
        let folder = try PluginFolder()
        try folder.script("csv", body: "exit 0")
        let found = ExternalFormats.discover(folders: [folder.path])
        let registry = MentorFormats.builtinRegistry().adding(found.plugins)
        #expect(registry.plugin(id: "csv")?.descriptor.origin == "built-in")
        #expect(registry.shadowed.map(\.descriptor.id) == ["csv"])
    }

    @Test func timeoutsComeFromTheEnvironment() {
        let t = ProcessPluginTimeouts(environment: ["MENTORBASE_PLUGIN_TIMEOUT": "2.5", "MENTORBASE_PLUGIN_ABOUT_TIMEOUT": "junk"])
        #expect(t.idle == 2.5 && t.about == 5)
        #expect(ProcessPluginTimeouts(idle: 7, environment: ["MENTORBASE_PLUGIN_TIMEOUT": "2"]).idle == 7)
    }
}
