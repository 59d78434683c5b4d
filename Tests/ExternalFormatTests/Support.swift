import Foundation
import MentorBase
import MentorFormats
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let samplePlugins = repositoryRoot.appendingPathComponent("Samples/plugins").path

/// A private folder of hand-made plugins, removed with the value.
final class PluginFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("mb-plugins-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes an executable shell script `mentorbase-format-NAME` whose `--about` describes a
    /// read/write format `NAME` and whose other subcommands run `body`.
    @discardableResult
    func script(_ name: String, about: String? = nil, body: String) throws -> String {
        let descriptor = about ?? #"{"id":"\#(name)","name":"Test \#(name)","extensions":["\#(name)"],"capabilities":["read","write"]}"#
        let text = """
            #!/bin/sh
            if [ "$1" = "--about" ]; then
            cat <<'ABOUT'
            \(descriptor)
            ABOUT
            exit 0
            fi
            \(body)

            """
        let file = path + "/mentorbase-format-" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o755)
        return file
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Reads every sheet of `source` fully.
func readAll(_ plugin: any FormatPlugin, _ source: InputSource) throws -> [[Row]] {
    let reader = try plugin.makeReader(source: source, options: ReadOptions())
    var out: [[Row]] = []
    for i in reader.sheets.indices {
        let c = try reader.rows(inSheet: i)
        var rows: [Row] = []
        while let r = try c.next() { rows.append(r) }
        out.append(rows)
    }
    return out
}

/// Seconds since some fixed moment, for bounding how long a hostile plugin can hold us.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body`, expecting a `MentorBaseError`; returns it.
func expectError(_ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> MentorBaseError? {
    do {
        try body()
        Issue.record("expected an error, got none", sourceLocation: sourceLocation)
    } catch let e as MentorBaseError {
        return e
    } catch {
        Issue.record("expected MentorBaseError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
