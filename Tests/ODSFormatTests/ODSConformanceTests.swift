import FormatTesting
import MentorBase
import MentorFormats
import ODSFormat
import Testing

@Suite struct ODSConformanceTests {
    @Test func passesTheKit() {
        let report = ConformanceSuite.run(ODSPlugin(), registry: MentorFormats.builtinRegistry())
        #expect(!report.checksRun.isEmpty)
        for failure in report.failures { Issue.record(Comment(rawValue: failure.description)) }
        print(report)
    }
}
