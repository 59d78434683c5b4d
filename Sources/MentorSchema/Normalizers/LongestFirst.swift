extension Array {
    /// The elements ordered by the character count of `text(element)`, longest first: the order
    /// `sorted { text($0).count > text($1).count }` gives (the same comparisons, so the same
    /// order, ties included), with each count measured once instead of at every comparison
    /// (counting characters walks the grapheme breaks of the whole string).
    func sortedLongestFirst(by text: (Element) -> String) -> [Element] {
        zip(map { text($0).count }, self).sorted { $0.0 > $1.0 }.map(\.1)
    }
}
