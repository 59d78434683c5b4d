import Testing

@Suite struct JSONFormatTestsPlaceholder {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
