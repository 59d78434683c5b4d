import FormatTesting
import JSONFormat
import MentorBase
import MentorFormats
import Testing

/// The JSON plugin through the shared conformance suite, once per layout it writes.
@Suite struct JSONConformanceTests {
    /// JSON records cannot hold keys without a record, so a header-only table reads back as no rows.
    static func options(dialect: String?, ext: String) -> ConformanceOptions {
        var skip: [ConformanceCheck: String] = [:]
        if let dialect, dialect != "object" { skip[.multipleSheets] = "the \(dialect) layout holds one sheet" }
        if dialect == nil && ext != "json" { skip[.multipleSheets] = "a .\(ext) file is NDJSON, which holds one sheet" }
        return ConformanceOptions(fileExtension: ext, writeOptions: WriteOptions(dialect: dialect),
                                  headerOnlyTableMayReadAsEmpty: true, skip: skip)
    }

    @Test(arguments: [("array", "json"), ("object", "json"), ("ndjson", "ndjson"), ("default", "json"), ("default", "jsonl")])
    func conforms(dialect: String, ext: String) {
        let report = ConformanceSuite.run(JSONPlugin(), registry: MentorFormats.builtinRegistry(),
                                          options: Self.options(dialect: dialect == "default" ? nil : dialect, ext: ext))
        #expect(!report.checksRun.isEmpty)
        #expect(report.failures.isEmpty, "\(report.failures)")
        expectConformance(report)
    }

    @Test func checksFollowTheCapabilities() {
        let report = ConformanceSuite.run(JSONPlugin(), registry: MentorFormats.builtinRegistry(),
                                          options: Self.options(dialect: nil, ext: "json"))
        // JSON declares .streaming and .multipleSheets, so those checks run; it is text, so the BOM check runs.
        for check in [ConformanceCheck.chunkedInput, .multipleSheets, .byteOrderMark, .roundTripGolden, .truncatedInput] {
            #expect(report.checksRun.contains(check.rawValue), "\(check.rawValue) did not run")
        }
    }
}
