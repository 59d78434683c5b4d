import FormatTesting
import Testing

/// Turns a conformance report into Swift Testing issues: one per failure, each at the caller's line,
/// so a run lists every problem separately instead of one long message.
func expectConformance(_ report: ConformanceReport, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(!report.checksRun.isEmpty, "no conformance check ran for \(report.plugin)", sourceLocation: sourceLocation)
    for failure in report.failures {
        Issue.record(Comment(rawValue: failure.description), sourceLocation: sourceLocation)
    }
}
