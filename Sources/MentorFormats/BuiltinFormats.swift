import CSVFormat
import HTMLFormat
import JSONFormat
import MentorBase
import ODSFormat
import XLSXFormat

/// The built-in format plugins, in the order sniffing breaks ties.
///
/// This is the one list to extend when a folder is added under `Plugins/`
/// (the consistency test compares the two).
public enum MentorFormats {
    public static let builtinPlugins: [any FormatPlugin] = [
        CSVPlugin(),
        JSONPlugin(),
        XLSXPlugin(),
        HTMLPlugin(),
        ODSPlugin(),
    ]

    /// A registry of the built-in plugins.
    public static func builtinRegistry() -> FormatRegistry {
        FormatRegistry(builtinPlugins)
    }
}
