import Foundation
import FormatTesting
import MentorBase
import MentorFormats
import Testing

/// The guide's worked example: it conforms, reads a real recfile, and the guide shows this very code.
@Suite struct RecfileTests {
    @Test func passesTheKit() {
        let report = ConformanceSuite.run(RecfilePlugin(), registry: MentorFormats.builtinRegistry())
        #expect(!report.checksRun.isEmpty)
        for failure in report.failures { Issue.record(Comment(rawValue: failure.description)) }
    }
}
