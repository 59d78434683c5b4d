import Foundation
import Testing
@testable import MentorSchema

/// The header mapper's own separator search finds what Foundation's backwards search finds.
@Suite struct HeaderSeparatorTests {
    static let separators = [" / ", " — ", " – ", " - ", ": ", "/"]

    /// Both searches over headers built from separators' pieces, Cyrillic and Latin letters, and
    /// characters outside the fast path (combining marks, decomposable letters, emoji).
    @Test func sameRangeAsFoundation() {
        let pieces = [" ", "/", "—", "–", "-", ":", "а", "й", "ё", "Ж", "b", "Z", "«", "»", "№", "\u{A0}",
                      "\u{301}", "\u{483}", "e\u{301}", "é", "👍", "\r\n", "[", "]", "1"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var fastChecked = 0
        var found = 0
        for _ in 0..<8000 {
            var header = ""
            for _ in 0..<(1 + next(12)) { header += pieces[next(pieces.count)] }
            for sep in Self.separators {
                let mine = HeaderMapper.lastRange(of: sep, in: header)
                let theirs = header.range(of: sep, options: .backwards)
                #expect(offsets(mine, in: header) == offsets(theirs, in: header), "\(header.unicodeScalars.map { String($0.value, radix: 16) }) \(sep)")
                if let mine, let theirs {
                    #expect(header[..<mine.lowerBound] == header[..<theirs.lowerBound])
                    #expect(header[mine.upperBound...] == header[theirs.upperBound...])
                    found += 1
                }
                if header.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x400...0x482).contains($0.value) }) {
                    fastChecked += 1
                }
            }
        }
        #expect(found > 1000)
        #expect(fastChecked > 1000)
    }

    /// A range as UTF-8 offsets (indices made different ways compare by position).
    func offsets(_ r: Range<String.Index>?, in s: String) -> [Int]? {
        r.map { [s.utf8.distance(from: s.startIndex, to: $0.lowerBound), s.utf8.distance(from: s.startIndex, to: $0.upperBound)] }
    }

    /// Real form headers: a question and its option.
    @Test func formHeaders() {
        let headers = ["Интересы / Спорт", "Формат встреч — онлайн", "Класс: 7", "Предмет - математика",
                       "Хобби/Музыка", "Без разделителя", "Вопрос [вариант]", "Ёлка – йод"]
        for header in headers {
            for sep in Self.separators {
                #expect(offsets(HeaderMapper.lastRange(of: sep, in: header), in: header)
                        == offsets(header.range(of: sep, options: .backwards), in: header))
            }
        }
        let r = HeaderMapper.lastRange(of: " / ", in: "Интересы / Спорт")
        #expect(r.map { String("Интересы / Спорт"[$0.upperBound...]) } == "Спорт")
    }
}
