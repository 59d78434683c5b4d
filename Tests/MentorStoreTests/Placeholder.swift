import Testing

@Suite struct MentorStoreTestsPlaceholder {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
