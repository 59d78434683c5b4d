import Testing

@Suite struct MentorSchemaTestsPlaceholder {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
