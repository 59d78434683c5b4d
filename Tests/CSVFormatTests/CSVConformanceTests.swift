import CSVFormat
import FormatTesting
import MentorBase
import MentorFormats
import Testing

/// The CSV plugin through the shared conformance kit, in each of its dialects.
@Suite struct CSVConformanceTests {
    @Test(arguments: [nil, "unix", "excel-ru", "tsv"] as [String?])
    func passesTheKit(dialect: String?) {
        var options = ConformanceOptions()
        options.writeOptions = WriteOptions(dialect: dialect)
        if dialect == "excel-ru" {
            // Deliberate: numbers get a decimal comma so Russian Excel reads them as numbers.
            options.skip[.typedValues] = "excel-ru writes 3,25 for 3.25 on purpose (Russian Excel's number form)"
        }
        let report = ConformanceSuite.run(CSVPlugin(), registry: MentorFormats.builtinRegistry(), options: options)
        #expect(!report.checksRun.isEmpty)
        for failure in report.failures {
            Issue.record(Comment(rawValue: failure.description))
        }
    }
}
