import MentorBase

/// JSON: an array of objects, an object of such arrays, or NDJSON.
public struct JSONPlugin: FormatPlugin {
    public init() {}

    public var descriptor: FormatDescriptor {
        FormatDescriptor(id: "json", name: "JSON / NDJSON", extensions: ["json", "ndjson", "jsonl"],
                         mediaTypes: ["application/json", "application/x-ndjson"],
                         capabilities: [.read, .write, .multipleSheets, .typedValues, .streaming])
    }
}
