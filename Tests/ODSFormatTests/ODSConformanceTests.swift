import Foundation
import FormatTesting
import MentorBase
import MentorFormats
import ODSFormat
import Testing

/// The conformance kit on the ODS plugin: golden round trips through our writer and reader,
/// and LibreOffice-written samples whose expected tables come from outside the plugin.
@Suite struct ODSConformanceTests {
    /// The LibreOffice fixtures as kit samples: the first with the table its generator computed
    /// from the source data, the others with what the XLSX plugin reads from their XLSX twins.
    static func samples() throws -> [ConformanceSample] {
        let fromXLSX = try ODSFixtureTests.expected("libreoffice-from-xlsx")
        var out = [ConformanceSample(
            name: "libreoffice-from-xlsx.ods", bytes: try ODSFixtureTests.bytes("libreoffice-from-xlsx.ods"),
            expected: fromXLSX.sheets.map { ConformanceTable(name: $0.name, rows: $0.rows.map { $0.map(\.cell) }) })]
        for name in ["libreoffice-from-csv", "libreoffice-formulas"] {
            let twin = try ODSFixtureTests.readFixture("\(name).xlsx")
            out.append(ConformanceSample(name: "\(name).ods", bytes: try ODSFixtureTests.bytes("\(name).ods"),
                                         expected: twin.map { ConformanceTable(name: $0.info.name, rows: $0.rows.map(\.cells)) }))
        }
        return out
    }

    @Test func passesTheKit() throws {
        let report = ConformanceSuite.run(ODSPlugin(), registry: MentorFormats.builtinRegistry(),
                                          options: ConformanceOptions(samples: try Self.samples()))
        #expect(report.checksRun.contains(ConformanceCheck.roundTripGolden.rawValue))
        #expect(report.checksRun.contains(ConformanceCheck.samplesRead.rawValue))
        #expect(report.checksRun.contains(ConformanceCheck.samplesCorrupt.rawValue))
        for failure in report.failures { Issue.record(Comment(rawValue: failure.description)) }
    }
}
