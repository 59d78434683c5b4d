import Foundation
import Testing

/// `convert` round-trips CSV → JSON → NDJSON → CSV without loss (issue 2), on the CSV fixtures and the Samples.
@Suite struct RoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var inputs: [String] {
        var files: [String] = []
        let fm = FileManager.default
        let fixtures = root.appendingPathComponent("Tests/CSVFormatTests/Fixtures")
        for f in (try? fm.contentsOfDirectory(atPath: fixtures.path)) ?? [] where f.hasSuffix(".csv") || f.hasSuffix(".tsv") {
            files.append(fixtures.appendingPathComponent(f).path)
        }
        if let e = fm.enumerator(atPath: root.appendingPathComponent("Samples").path) {
            for case let f as String in e where f.hasSuffix(".csv") && !f.hasPrefix("plugins/") {
                files.append(root.appendingPathComponent("Samples").appendingPathComponent(f).path)
            }
        }
        return files.sorted()
    }

    /// The rows of `dump --format json`, as JSON text per row for comparison.
    func rows(_ path: String) throws -> [String] {
        let r = try CLI.run(["dump", path, "--format", "json", "--quiet"])
        #expect(r.status == 0, "dump \(path): \(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let sheets = obj?["sheets"] as? [[String: Any]] ?? []
        let rows = sheets.first?["rows"] as? [[Any]] ?? []
        return try rows.map {
            // Trailing empty cells carry no data in JSON records; compare without them.
            var cells = $0
            while let last = cells.last, last is NSNull { cells.removeLast() }
            return String(decoding: try JSONSerialization.data(withJSONObject: cells), as: UTF8.self)
        }
    }

    @Test(arguments: inputs)
    func csvToJSONToNDJSONToCSV(path: String) throws {
        let dir = try temporaryFolder()
        let json = dir.appendingPathComponent("a.json").path
        let ndjson = dir.appendingPathComponent("b.ndjson").path
        let back = dir.appendingPathComponent("c.csv").path
        for (from, to) in [(path, json), (json, ndjson), (ndjson, back)] {
            let r = try CLI.run(["convert", from, to, "--quiet"])
            #expect(r.status == 0, "convert \(from) → \(to): \(r.stderr)")
        }
        let original = try rows(path)
        #expect(!original.isEmpty)
        #expect(try rows(json) == original)
        #expect(try rows(ndjson) == original)
        #expect(try rows(back) == original)
    }
}
