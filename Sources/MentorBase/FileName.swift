/// File-name helpers shared by sources and targets.
public enum FileName {
    /// The last path component's extension, lower-cased, without the dot (`csv`); nil for none
    /// and for dot-files such as `.hidden`.
    public static func `extension`(of name: String) -> String? {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        let ext = last[last.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }
}
