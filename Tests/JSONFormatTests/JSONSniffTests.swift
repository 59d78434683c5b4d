import JSONFormat
import MentorBase
import Testing

/// What the JSON plugin claims when the registry asks.
@Suite struct JSONSniffTests {
    let plugin = JSONPlugin()

    private func confidence(_ text: String, _ ext: String? = nil) -> SniffConfidence? {
        plugin.sniff(SniffProbe(head: Array(text.utf8), fileExtension: ext))?.confidence
    }

    @Test func jsonContentIsClaimedWhateverTheName() {
        #expect(confidence("[{\"a\":1}]", "csv") == .content)
        #expect(confidence("\u{FEFF}  \n{\"Лист\": [", nil) == .content)
        #expect(confidence("{\"a\":1}\n{\"a\":2}\n", "txt") == .content)
        // A head cut inside a value is still JSON.
        #expect(confidence("[{\"ФИО\":\"Ива", nil) == .content)
    }

    @Test func textThatMerelyStartsWithABracketIsNot() {
        #expect(confidence("[ID];ФИО;Класс\n1;Иванов;7Б\n") == nil)
        #expect(confidence("{name},{class}\n") == nil)
        #expect(confidence("[{\"a\":1}] trailing words") == nil)
        #expect(confidence("ФИО;Класс\nИванов;7Б\n") == nil)
        #expect(confidence("PK\u{3}\u{4}") == nil)
        #expect(confidence("") == nil)
    }

    @Test func theExtensionAloneIsWeak() {
        #expect(confidence("ФИО;Класс", "json") == .fileExtension)
        #expect(confidence("", "ndjson") == .fileExtension)
        #expect(confidence("", "jsonl") == .fileExtension)
    }
}
