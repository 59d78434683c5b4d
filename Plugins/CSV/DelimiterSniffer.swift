/// Guesses the field delimiter among `;` `,` tab `|` from the first lines of a file.
///
/// For each candidate it counts occurrences outside quotes on each of the first lines; the
/// winner is the candidate whose non-zero count repeats on the most lines (a table has the
/// same number of delimiters on every row), then the larger count, then the order above
/// (`;` first: Russian Excel's choice, and Russian text uses commas inside cells).
enum DelimiterSniffer {
    static let candidates: [UInt8] = [0x3B, 0x2C, 0x09, 0x7C]

    static func sniff(_ utf8: ArraySlice<UInt8>, maxLines: Int = 50) -> UInt8? {
        var perLine: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        for b in utf8 {
            if b == 0x22 { inQuotes.toggle(); lineHasContent = true; continue }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D {
                if lineHasContent { perLine.append(counts) }
                counts = [Int](repeating: 0, count: candidates.count)
                lineHasContent = false
                if perLine.count >= maxLines { break }
                continue
            }
            lineHasContent = true
            if let i = candidates.firstIndex(of: b) { counts[i] += 1 }
        }
        if lineHasContent && perLine.count < maxLines { perLine.append(counts) }
        guard !perLine.isEmpty else { return nil }

        var best: (index: Int, lines: Int, count: Int)?
        for i in candidates.indices {
            // The most frequent non-zero count of this candidate across lines.
            var freq: [Int: Int] = [:]
            for line in perLine where line[i] > 0 { freq[line[i], default: 0] += 1 }
            guard let (count, lines) = freq.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            if let b = best {
                if lines > b.lines || (lines == b.lines && count > b.count) { best = (i, lines, count) }
            } else {
                best = (i, lines, count)
            }
        }
        return best.map { candidates[$0.index] }
    }
}
