import MentorBase

/// A self-contained HTML page for a school website: export only.
///
/// Every sheet becomes a section with a heading and an accessible table (caption, column headers
/// with `scope`), which on a phone turns into one card per row and prints cleanly. The page loads
/// nothing from outside: styles are inline and a Content-Security-Policy forbids any other source.
/// Settings (`--option key=value`): `title` (the page heading, «Наставничество» by default),
/// `description` (a line under it), `lang` (`ru` by default).
public struct HTMLPlugin: FormatPlugin {
    /// The plugin; it holds no state.
    public init() {}

    /// Id `html`, extensions `.html`/`.htm`, write only, several sheets per page.
    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "html", name: "HTML page (export only)", extensions: ["html", "htm"],
                         mediaTypes: ["text/html"], capabilities: [.write, .multipleSheets],
                         options: [
                            FormatOption(name: "title", help: Localized(ru: "заголовок страницы (по умолчанию «Наставничество»)",
                                                                        en: "the page heading («Наставничество» by default)")),
                            FormatOption(name: "description", help: Localized(ru: "строка под заголовком",
                                                                              en: "a line under the heading")),
                            FormatOption(name: "lang", help: Localized(ru: "язык страницы (ru по умолчанию)",
                                                                       en: "the page language (ru by default)")),
                         ])
    }

    /// Never claims a file for reading: the plugin cannot read.
    public func sniff(_ probe: SniffProbe) -> SniffMatch? { nil }

    /// A streaming writer; see `HTMLWriter`.
    public func makeWriter(target: OutputTarget, options: WriteOptions) throws -> any TableWriter {
        try HTMLWriter(target: target, settings: options.settings)
    }
}
