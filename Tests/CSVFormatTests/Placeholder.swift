import Testing

@Suite struct CSVFormatTestsPlaceholder {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
