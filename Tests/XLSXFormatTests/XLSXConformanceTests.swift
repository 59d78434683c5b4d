import FormatTesting
import MentorBase
import MentorFormats
import Testing
import XLSXFormat

/// The XLSX plugin through the shared conformance kit, in both memory modes of the writer.
@Suite struct XLSXConformanceTests {
    @Test(arguments: [false, true])
    func passesTheKit(constantMemory: Bool) {
        var options = ConformanceOptions()
        options.writeOptions = WriteOptions(constantMemory: constantMemory)
        let report = ConformanceSuite.run(XLSXPlugin(), registry: MentorFormats.builtinRegistry(), options: options)
        #expect(!report.checksRun.isEmpty)
        for failure in report.failures {
            Issue.record(Comment(rawValue: failure.description))
        }
    }
}
