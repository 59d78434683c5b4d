import Foundation
import Testing

/// `import` goes through the validator: planted mistakes stop the whole file, a clean file lands,
/// and importing it again changes nothing.
@Suite struct ValidatedImportTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
    }

    @Test func faultyFileChangesNothingAndCleanFileLands() throws {
        let dir = try temporaryFolder()
        let store = dir.appendingPathComponent("s.sqlite").path
        let faulty = try CLI.run(["import", Self.samples.appendingPathComponent("mentees-faulty-cp1251.csv").path,
                                  "--store", store, "--format", "json", "--as-of", "01.09.2024"])
        #expect(faulty.status == 1, "\(faulty.stderr)")
        let f = try json(faulty)
        #expect(f["batch"] is NSNull)
        #expect((f["rejected"] as? Int ?? 0) > 0)
        let diags = f["diagnostics"] as? [[String: Any]] ?? []
        #expect(diags.contains { $0["code"] as? String == "type-error" && $0["row"] as? Int != nil && $0["column"] as? String != nil })
        let none = try CLI.run(["batches", "--store", store, "--format", "json"])
        #expect(none.status == 0)
        #expect(!none.stdout.contains("\"id\""), "a rejected file leaves no batch: \(none.stdout)")

        let clean = Self.samples.appendingPathComponent("mentees-clean.csv").path
        let first = try json(try CLI.run(["import", clean, "--store", store, "--format", "json", "--as-of", "01.09.2024"]))
        #expect(first["batch"] is Int)
        #expect((first["new"] as? Int ?? 0) > 0)
        #expect(first["rejected"] as? Int == 0)
        let again = try json(try CLI.run(["import", clean, "--store", store, "--format", "json", "--as-of", "01.09.2024"]))
        #expect(again["batch"] is NSNull)
        #expect(again["new"] as? Int == 0)
        #expect(again["updated"] as? Int == 0)
    }
}
