import FormatTesting
import JSONFormat
import MentorBase
import Testing

/// Proves the conformance suite catches broken plugins, names the check, and says what to fix;
/// and that a correct plugin passes it (so the failures are not noise).
@Suite struct ConformanceKitTests {
    private func run(_ quirks: ToyTabPlugin.Quirks) -> ConformanceReport {
        let plugin = ToyTabPlugin(bugs: quirks)
        return ConformanceSuite.run(plugin, registry: FormatRegistry([JSONPlugin(), plugin]),
                                    options: ConformanceOptions(maxRowsPerRead: 1_000))
    }

    @Test func aCorrectPluginPasses() {
        let report = run([])
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.checksRun.count >= 12, "\(report.checksRun)")
        #expect(report.passed)
    }

    @Test func aWriterThatNeedsAFileWorksThroughTheSink() {
        let report = run(.writesThroughTemporaryFile)
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.checksRun.contains(ConformanceCheck.fileTarget.rawValue))
    }

    @Test func aWriteOnlyPluginGetsOnlyTheWriteCheck() {
        let report = run(.writeOnly)
        #expect(report.checksRun == [ConformanceCheck.writeTables.rawValue])
        #expect(report.failures.isEmpty, "\(report)")
        #expect(report.skipped.contains { $0.check == ConformanceCheck.roundTripGolden.rawValue })
    }

    /// A bug, the check that must catch it, and words its message must contain.
    struct Case: Sendable, CustomTestStringConvertible {
        var bug: String
        var quirks: ToyTabPlugin.Quirks
        var check: ConformanceCheck
        var phrase: String
        var testDescription: String { bug }
    }

    static let cases: [Case] = [
        Case(bug: "drops the last row", quirks: .dropsLastRow, check: .roundTripGolden,
             phrase: "the reader returned 5 rows for a 6-row table"),
        Case(bug: "mangles Cyrillic", quirks: .manglesCyrillic, check: .roundTripGolden, phrase: "non-ASCII text"),
        Case(bug: "keeps the BOM", quirks: .keepsBOM, check: .byteOrderMark, phrase: "the BOM ended up in the first header cell"),
        Case(bug: "claims every input", quirks: .greedySniff, check: .sniffOthersOutput,
             phrase: "claims .content confidence (always) for the json plugin's output"),
        Case(bug: "sniffs only the extension", quirks: .extensionOnlySniff, check: .sniffOwnOutput,
             phrase: "named “conformance.json”, its own output is ranked json"),
        Case(bug: "leaks its own error type", quirks: .plainErrors, check: .randomInput,
             phrase: "threw ToyParseError"),
        Case(bug: "errors without the file name", quirks: .errorsWithoutFile, check: .randomInput,
             phrase: "whose location names no file"),
        Case(bug: "loops on bad input", quirks: .loopsOnBadInput, check: .randomInput,
             phrase: "more than 1000 rows"),
        Case(bug: "leaves the sink open", quirks: .leavesSinkOpen, check: .roundTripGolden,
             phrase: "finish() did not close the output sink"),
        Case(bug: "writes raw line breaks", quirks: .rawLineBreaks, check: .roundTripGolden,
             phrase: "a line break inside a cell was lost"),
        Case(bug: "takes one read() as the whole input", quirks: .firstChunkOnly, check: .chunkedInput,
             phrase: "fed 1 byte(s) at a time"),
        Case(bug: "claims typed values it does not keep", quirks: .claimsTypedValues, check: .typedValues,
             phrase: "declares .typedValues"),
        Case(bug: "claims sheets it does not keep", quirks: .claimsMultipleSheets, check: .multipleSheets,
             phrase: "wrote sheets [“Анкеты”, “Согласия”, “Sheet 3”]"),
    ]

    @Test(arguments: cases)
    func catchesTheBug(_ c: Case) {
        let report = run(c.quirks)
        let hits = report.failures(of: c.check)
        #expect(!hits.isEmpty, "\(c.bug): no failure in \(c.check.rawValue); report: \(report)")
        #expect(hits.contains { $0.message.contains(c.phrase) },
                "\(c.bug): no \(c.check.rawValue) failure says “\(c.phrase)”: \(hits)")
        #expect(!report.passed)
    }
}
