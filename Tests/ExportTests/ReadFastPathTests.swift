import MentorBase
import Testing

/// The export reads every person's dates and phone lists through byte-level fast paths; they must
/// read exactly what the general parsers read, and leave every other form to them.
@Suite("Store text fast paths")
struct ReadFastPathTests {
    @Test("compact string arrays read as the spaced and escaped forms do")
    func stringArrays() {
        #expect(MiniJSON.stringArray(#"["+79160000000","a b"]"#) == ["+79160000000", "a b"])
        #expect(MiniJSON.stringArray(#"[ "+79160000000" , "a b" ]"#) == ["+79160000000", "a b"])
        #expect(MiniJSON.stringArray("[]") == [])
        #expect(MiniJSON.stringArray(#"["Иванов","ёж"]"#) == ["Иванов", "ёж"])
        #expect(MiniJSON.stringArray(#"["a\"b","c\\d"]"#) == ["a\"b", "c\\d"])
        #expect(MiniJSON.stringArray(#"["a",]"#) == nil)
        #expect(MiniJSON.stringArray(#"["a""b"]"#) == nil)
        #expect(MiniJSON.stringArray(#"["a"]x"#) == nil)
        #expect(MiniJSON.stringArray(#"["a",1]"#) == nil)
        #expect(MiniJSON.stringArray(#"[""]"#) == [""])
    }

    @Test("exact ISO dates read as before; other forms go to the general parser")
    func isoDates() {
        #expect(CalendarDate(iso: "2024-09-01") == CalendarDate(year: 2024, month: 9, day: 1))
        #expect(CalendarDate(iso: "0999-12-31") == CalendarDate(year: 999, month: 12, day: 31))
        #expect(CalendarDate(iso: "2024-02-30") == nil)
        #expect(CalendarDate(iso: "2024-13-01") == nil)
        #expect(CalendarDate(iso: "2024-1-01") == nil)
        #expect(CalendarDate(iso: "2024/09/01") == nil)
        #expect(CalendarDate(iso: "2024-09-0a") == nil)
        #expect(CalendarDate(iso: "2024-09-011") == nil)
        // A sign is what `Int` accepts in the general path: the fast path leaves it there.
        #expect(CalendarDate(iso: "+999-01-01") == CalendarDate(year: 999, month: 1, day: 1))
    }
}
