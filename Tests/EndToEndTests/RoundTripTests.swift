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
    ///
    /// JSON records need a key for every column, so blank header titles (a title row above
    /// the real header, say) come back named `column_N`, as the JSON plugin documents; with
    /// `namingBlankTitles` the original's header row is given those names before comparing.
    func rows(_ path: String, namingBlankTitles: Bool = false) throws -> [String] {
        let r = try CLI.run(["dump", path, "--format", "json", "--quiet"])
        #expect(r.status == 0, "dump \(path): \(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
        let sheets = obj?["sheets"] as? [[String: Any]] ?? []
        var rows = sheets.first?["rows"] as? [[Any]] ?? []
        if namingBlankTitles, !rows.isEmpty {
            let width = rows.map(\.count).max() ?? 0
            var header = rows[0]
            while header.count < width { header.append(NSNull()) }
            for i in header.indices where header[i] is NSNull || (header[i] as? String) == "" {
                header[i] = "column_\(i + 1)"
            }
            rows[0] = header
        }
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
        #expect(!(try rows(path)).isEmpty)
        let original = try rows(path, namingBlankTitles: true)
        #expect(try rows(json) == original)
        #expect(try rows(ndjson) == original)
        #expect(try rows(back) == original)
    }
}
