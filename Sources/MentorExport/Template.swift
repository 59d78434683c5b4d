import Foundation
import MentorBase

/// A value a template is rendered with (what the site JSON holds).
public indirect enum TemplateValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Mustache truthiness: false, null, an empty list and an empty string skip a section.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .number, .object: return true
        }
    }

    var text: String {
        switch self {
        case .null, .list, .object: return ""
        case .bool(let b): return b ? "да" : "нет"
        case .number(let n): return Cell.format(number: n)
        case .string(let s): return s
        }
    }
}

/// A small, safe subset of Mustache for a school's own page (`--template FILE`).
///
/// Supported: `{{name}}` and `{{a.b}}` (HTML-escaped), `{{.}}`, sections `{{#name}}…{{/name}}`
/// (repeated for a list, shown once for a true value or an object), inverted sections
/// `{{^name}}…{{/name}}`, comments `{{! … }}`. Refused, with the line named: unescaped output
/// (`{{{…}}}`, `{{&…}}`) — every value comes from a file and must never become markup —, partials
/// (`{{>…}}`) and changed delimiters (`{{=…=}}`). Lines keep their whitespace as written.
public struct MustacheTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable([String])
        case section([String], inverted: Bool, [Node])
    }

    let nodes: [Node]

    /// Parses `text`; `name` is the file shown in errors.
    public init(_ text: String, name: String) throws {
        var stack: [(path: [String], inverted: Bool, nodes: [Node], line: Int)] = [([], false, [], 0)]
        var rest = Substring(text)
        var line = 1
        func fail(_ ru: String, _ en: String) -> MentorBaseError {
            MentorBaseError(code: "template-error", kind: .usage, location: SourceLocation(file: name, row: line),
                            message: Localized(ru: ru, en: en))
        }
        while let open = rest.range(of: "{{") {
            let before = rest[..<open.lowerBound]
            if !before.isEmpty { stack[stack.count - 1].nodes.append(.text(String(before))) }
            line += before.filter { $0 == "\n" }.count
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else {
                throw fail("тег «{{» не закрыт", "a “{{” tag is not closed")
            }
            let tag = afterOpen[..<close.lowerBound]
            line += tag.filter { $0 == "\n" }.count
            rest = afterOpen[close.upperBound...]
            guard let sigil = tag.first else { throw fail("пустой тег {{}}", "an empty {{}} tag") }
            let body = tag.dropFirst().trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!": continue
            case "{", "&":
                throw fail("вывод без экранирования ({{{…}}}, {{&…}}) запрещён: данные из файлов не должны становиться разметкой",
                           "unescaped output ({{{…}}}, {{&…}}) is refused: data from files must never become markup")
            case ">": throw fail("частичные шаблоны ({{>…}}) не поддерживаются", "partials ({{>…}}) are not supported")
            case "=": throw fail("смена разделителей ({{=…=}}) не поддерживается", "changing delimiters ({{=…=}}) is not supported")
            case "#", "^":
                guard let path = MustacheTemplate.path(body) else { throw fail("пустое имя секции", "an empty section name") }
                stack.append((path, sigil == "^", [], line))
            case "/":
                guard stack.count > 1, let path = MustacheTemplate.path(body), stack[stack.count - 1].path == path else {
                    throw fail("закрывающий тег {{/\(body)}} не соответствует открытому",
                               "closing tag {{/\(body)}} does not match the open section")
                }
                let done = stack.removeLast()
                stack[stack.count - 1].nodes.append(.section(done.path, inverted: done.inverted, done.nodes))
            default:
                guard let path = MustacheTemplate.path(tag.trimmingCharacters(in: .whitespaces)) else {
                    throw fail("пустое имя", "an empty name")
                }
                stack[stack.count - 1].nodes.append(.variable(path))
            }
        }
        if !rest.isEmpty { stack[stack.count - 1].nodes.append(.text(String(rest))) }
        if stack.count > 1, let open = stack.last {
            line = open.line
            throw fail("секция {{#\(open.path.joined(separator: "."))}} не закрыта",
                       "section {{#\(open.path.joined(separator: "."))}} is not closed")
        }
        nodes = stack[0].nodes
    }

    static func path(_ s: String) -> [String]? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if t == "." { return ["."] }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return parts.contains(where: \.isEmpty) ? nil : parts
    }

    /// The page for `context`.
    public func render(_ context: TemplateValue) -> String {
        var out = ""
        MustacheTemplate.render(nodes, [context], &out)
        return out
    }

    private static func render(_ nodes: [Node], _ stack: [TemplateValue], _ out: inout String) {
        for n in nodes {
            switch n {
            case .text(let s): out += s
            case .variable(let path): out += HTMLEscape.text(lookup(path, stack).text)
            case .section(let path, let inverted, let children):
                let v = lookup(path, stack)
                if inverted {
                    if !v.isTruthy { render(children, stack, &out) }
                    continue
                }
                guard v.isTruthy else { continue }
                if case .list(let items) = v {
                    for item in items { render(children, stack + [item], &out) }
                } else {
                    render(children, stack + [v], &out)
                }
            }
        }
    }

    private static func lookup(_ path: [String], _ stack: [TemplateValue]) -> TemplateValue {
        if path == ["."] { return stack.last ?? .null }
        guard let first = path.first else { return .null }
        var value: TemplateValue = .null
        for frame in stack.reversed() {
            if case .object(let o) = frame, let v = o[first] { value = v; break }
        }
        for key in path.dropFirst() {
            guard case .object(let o) = value, let v = o[key] else { return .null }
            value = v
        }
        return value
    }
}

/// Escaping for HTML text and attribute values (the core's `HTMLText`, shared with the HTML export
/// and the web page; it also drops control characters, which are parse errors in HTML).
public enum HTMLEscape {
    /// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes.
    public static func text(_ s: String) -> String { HTMLText.escape(s) }
}
