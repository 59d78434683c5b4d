import Testing

@Suite struct XLSXFormatTestsPlaceholder {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
