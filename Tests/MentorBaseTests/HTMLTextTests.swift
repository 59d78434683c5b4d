import MentorBase
import Testing

/// The one HTML escaper the export, the templates and the web page share.
@Suite struct HTMLTextTests {
    @Test func specialCharactersBecomeEntitiesAndControlsAreDropped() {
        #expect(HTMLText.escape("Иванов") == "Иванов")
        #expect(HTMLText.escape("<b>\"Ко'тов\" & Co</b>") == "&lt;b&gt;&quot;Ко&#39;тов&quot; &amp; Co&lt;/b&gt;")
        func scalar(_ v: UInt32) -> String { Unicode.Scalar(v).map { String(Character($0)) } ?? "" }
        let hostile = "a\r\nb\tc" + scalar(0) + "d" + scalar(0x85) + "e" + scalar(0xFDD0) + "f" + scalar(0xFFFE) + "g"
            + scalar(0x1FFFF) + "h"
        #expect(HTMLText.escape(hostile) == "a\nb\tcdefgh")
        // Characters that only look like the fast path's triggers stay.
        #expect(HTMLText.escape("\u{A0}№\u{F8FF}😀") == "\u{A0}№\u{F8FF}😀")
    }
}
