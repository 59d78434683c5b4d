import Foundation
import MentorBase
import MentorStore
import Testing

/// The one-pass validated import (records streamed to the store while the file is validated)
/// against the two-pass run it replaces (`MENTORBASE_IMPORT_PASSES=2`): for every sample file, with
/// and without `--accept-valid`, the JSON report and the stored data must be the same.
@Suite struct OnePassImportTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    struct Output {
        var status: Int32
        var json: [String: Any]
    }

    func run(_ args: [String], twoPasses: Bool, in dir: URL) throws -> Output {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = args + ["--lang", "en", "--format", "json", "--as-of", "01.09.2024"]
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["MENTORBASE_IMPORT_PASSES"] = twoPasses ? "2" : "1"
        p.environment = env
        let outURL = dir.appendingPathComponent("stdout-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try out.close()
        let data = try Data(contentsOf: outURL)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(args)")
        return Output(status: p.terminationStatus, json: json)
    }

    /// The report without its timing, diagnostics as a sorted list of their JSON (the two runs may
    /// meet late findings in another order).
    func comparable(_ o: Output) throws -> String {
        var j = o.json
        j["seconds"] = nil
        let diags = (j["diagnostics"] as? [[String: Any]] ?? []).map { d -> String in
            let data = (try? JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }.sorted()
        j["diagnostics"] = diags
        let data = try JSONSerialization.data(withJSONObject: j, options: [.sortedKeys])
        return "exit \(o.status) " + String(decoding: data, as: UTF8.self)
    }

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") || ($0.hasSuffix(".json") && !$0.hasSuffix(".expected.json")) }
            .sorted()
    }

    @Test func samplesGiveTheSameReportAndStore() throws {
        #expect(Self.files.count >= 20)
        for name in Self.files {
            for acceptValid in [false, true] {
                // A copy in a folder of its own: --accept-valid writes the error workbook beside the file.
                let dir = try temporaryFolder()
                try FileManager.default.copyItem(at: Self.samples.appendingPathComponent(name),
                                                 to: dir.appendingPathComponent(name))
                let report = try compare(name, acceptValid: acceptValid, in: dir)
                // The error workbook is the table again with an «Ошибки» sheet of another layout: a
                // workbook whose second sheet is not of the guessed kind.
                if let report, FileManager.default.fileExists(atPath: report) {
                    let copy = "errors-" + URL(fileURLWithPath: report).lastPathComponent
                    let again = try temporaryFolder()
                    try FileManager.default.copyItem(at: URL(fileURLWithPath: report), to: again.appendingPathComponent(copy))
                    _ = try compare(copy, acceptValid: false, in: again)
                }
            }
        }
    }

    /// Imports `name` (in `dir`) both ways into fresh stores and compares; returns the error workbook's path.
    func compare(_ name: String, acceptValid: Bool, in dir: URL) throws -> String? {
        var args = ["import", name]
        if acceptValid { args.append("--accept-valid") }
        let one = try run(args + ["--store", "one.sqlite"], twoPasses: false, in: dir)
        let two = try run(args + ["--store", "two.sqlite"], twoPasses: true, in: dir)
        #expect(try comparable(one) == comparable(two), "\(name) accept-valid=\(acceptValid)")
        let report = one.json["errorReport"] as? String
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("one.sqlite").path) else {
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("two.sqlite").path), "\(name)")
            return report
        }
        let a = try StoreOpener.open(dir.appendingPathComponent("one.sqlite").path)
        let b = try StoreOpener.open(dir.appendingPathComponent("two.sqlite").path)
        #expect(try dump(a) == dump(b), "\(name) accept-valid=\(acceptValid)")
        a.close()
        b.close()
        return report.map { $0.hasPrefix("/") ? $0 : dir.appendingPathComponent($0).path }
    }

    /// A person twice in one file (the set tier flags the later row when it arrives, with the row
    /// already streamed before it in the store's transaction): without --accept-valid nothing is
    /// written, with it the flagged row is left out — as in the two-pass run. (Findings that come
    /// only after the last row — repeated questionnaire submissions — take the two-pass run, which
    /// the questionnaire samples above cover.)
    @Test func duplicateInTheFileIsNotApplied() throws {
        let clean = try String(contentsOf: Self.samples.appendingPathComponent("mentees-clean.csv"), encoding: .utf8)
        var lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        let header = lines.firstIndex { $0.contains("ФИО") } ?? 0
        try #require(lines.count > header + 2)
        // The first data row again at the end: the same person twice.
        lines.append(lines[header + 1])
        let dir = try temporaryFolder()
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("dup.csv"), atomically: true, encoding: .utf8)
        for acceptValid in [false, true] {
            var args = ["import", "dup.csv"]
            if acceptValid { args.append("--accept-valid") }
            let one = try run(args + ["--store", "one-\(acceptValid).sqlite"], twoPasses: false, in: dir)
            let two = try run(args + ["--store", "two-\(acceptValid).sqlite"], twoPasses: true, in: dir)
            #expect(try comparable(one) == comparable(two), "accept-valid=\(acceptValid)")
            #expect(one.json["rejected"] as? Int == 1)
            #expect(one.json["batch"] is NSNull == !acceptValid)
            let a = try StoreOpener.open(dir.appendingPathComponent("one-\(acceptValid).sqlite").path)
            let b = try StoreOpener.open(dir.appendingPathComponent("two-\(acceptValid).sqlite").path)
            #expect(try dump(a) == dump(b))
            a.close()
            b.close()
        }
    }
}
