import Foundation
import MentorBase

/// Compares the format plugin folders under `Plugins/` with everything else a format needs:
/// its target in Package.swift, its line in `MentorFormats.builtinPlugins`, a test target that
/// runs the conformance kit on it, and a sample in `Samples/` — the four steps of docs/plugins.md.
///
/// It reads Package.swift as text (no `swift package dump-package` subprocess: 0.4 s warm, more cold,
/// and a toolchain inside the test) and finds each call to
/// `.target(` / `.testTarget(` by balanced parentheses, skipping string literals and comments,
/// so argument order, line breaks and extra arguments do not matter.
struct PluginConsistency {
    /// What the check needs to know about one built-in plugin.
    struct Builtin: Equatable {
        var id: String
        /// The Swift module the plugin type lives in (its target's name).
        var module: String
        var typeName: String
        var extensions: [String]
        var canRead: Bool

        /// Reads the module and type name from the plugin value itself (`CSVFormat.CSVPlugin`).
        init(_ plugin: any FormatPlugin) {
            let full = String(reflecting: type(of: plugin))
            let parts = full.split(separator: ".", maxSplits: 1).map(String.init)
            module = parts.count == 2 ? parts[0] : ""
            typeName = parts.last ?? full
            id = plugin.descriptor.id
            extensions = plugin.descriptor.extensions
            canRead = plugin.descriptor.capabilities.contains(.read)
        }

        init(id: String, module: String, typeName: String, extensions: [String], canRead: Bool) {
            self.id = id
            self.module = module
            self.typeName = typeName
            self.extensions = extensions
            self.canRead = canRead
        }
    }

    /// One declared target: its name, its folder, its dependencies as written.
    struct Target {
        var kind: String
        var name: String
        var path: String?
        var dependencies: [String]
    }

    /// The marker an export-only plugin puts in its folder instead of a sample; its text says why.
    static let noSampleMarker = "NO-SAMPLE"

    let root: URL
    let builtins: [Builtin]

    /// Every problem found, each naming the missing step and the file to edit; empty when consistent.
    func problems() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        let manifestURL = root.appendingPathComponent("Package.swift")
        guard let manifest = try? String(contentsOf: manifestURL, encoding: .utf8) else {
            return ["cannot read \(manifestURL.path)"]
        }
        let targets = PluginConsistency.targets(in: manifest)
        let folders = PluginConsistency.subfolders(of: root.appendingPathComponent("Plugins"))
        let formatsDeps = Set(targets.first { $0.name == "MentorFormats" }?.dependencies ?? [])
        let testFolders = PluginConsistency.subfolders(of: root.appendingPathComponent("Tests"))
        let declaredTests = Set(targets.filter { $0.kind == "testTarget" }.map { normalise($0.path ?? "Tests/\($0.name)") })
        let samples = PluginConsistency.files(under: root.appendingPathComponent("Samples"))
        var idsSeen: [String: String] = [:]
        for b in builtins {
            if let other = idsSeen[b.id] {
                out.append("Sources/MentorFormats/BuiltinFormats.swift: \(b.typeName) and \(other) both use the id “\(b.id)”: ids must be unique")
            }
            idsSeen[b.id] = b.typeName
        }

        let pluginTargets = Set(targets.filter { $0.kind == "target" && normalise($0.path ?? "").hasPrefix("Plugins/") }.map(\.name))
        var pluginModules = Set<String>()
        for folder in folders {
            let path = "Plugins/\(folder)"
            guard let target = targets.first(where: { $0.kind == "target" && normalise($0.path ?? "") == path }) else {
                out.append("\(path): step 2 is missing — no target in Package.swift has path: \"\(path)\". Add "
                           + ".target(name: \"\(folder)Format\", dependencies: [\"MentorBase\"], path: \"\(path)\", "
                           + "swiftSettings: strict) to Package.swift")
                continue
            }
            pluginModules.insert(target.name)
            for dep in target.dependencies where pluginTargets.contains(dep) && dep != target.name {
                out.append("\(path): target \(target.name) depends on \(dep), another plugin; plugins may share support "
                           + "libraries (MentorBase, OfficeContainer, a C shim), never each other: move the shared code into "
                           + "a library under Sources/ and depend on that (Package.swift)")
            }
            if !formatsDeps.contains(target.name) {
                out.append("\(path): step 2 is missing — the MentorFormats target does not depend on \"\(target.name)\". "
                           + "Add \"\(target.name)\" to the dependencies of .target(name: \"MentorFormats\", …) in Package.swift")
            }
            let plugins = builtins.filter { $0.module == target.name }
            if plugins.isEmpty {
                out.append("\(path): step 2 is missing — MentorFormats.builtinPlugins lists no plugin from module "
                           + "\(target.name). Add `import \(target.name)` and a line `\(folder)Plugin(),` to "
                           + "Sources/MentorFormats/BuiltinFormats.swift")
            }
            for p in plugins {
                out += testProblems(p, folder: folder, testFolders: testFolders, declaredTests: declaredTests)
                out += sampleProblems(p, folder: folder, samples: samples, fm: fm)
            }
        }
        for b in builtins where !pluginModules.contains(b.module) {
            out.append("Sources/MentorFormats/BuiltinFormats.swift lists \(b.typeName) (id “\(b.id)”) from module "
                       + "\(b.module.isEmpty ? "?" : b.module), which is not a target under Plugins/: a built-in format lives in "
                       + "its own folder Plugins/<Name>/ with a target whose path: is that folder (step 1)")
        }
        return out
    }

    private func testProblems(_ p: Builtin, folder: String, testFolders: [String], declaredTests: Set<String>) -> [String] {
        let suggested = "Tests/\(folder)FormatTests"
        var undeclared: String?
        for t in testFolders {
            let dir = root.appendingPathComponent("Tests/\(t)")
            for file in PluginConsistency.files(under: dir) where file.hasSuffix(".swift") {
                guard let text = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8),
                      text.contains("ConformanceSuite.run"), PluginConsistency.mentions(text, p.typeName) else { continue }
                if declaredTests.contains("Tests/\(t)") { return [] }
                undeclared = "Tests/\(t)"
            }
        }
        if let undeclared {
            return ["Plugins/\(folder): step 3 is incomplete — \(undeclared) runs the conformance kit on \(p.typeName) but "
                    + "Package.swift declares no .testTarget for it. Add .testTarget(name: \"\(undeclared.dropFirst(6))\", "
                    + "dependencies: [\"\(p.module)\", \"MentorFormats\", \"FormatTesting\"], swiftSettings: strict)"]
        }
        return ["Plugins/\(folder): step 3 is missing — no test calls ConformanceSuite.run on \(p.typeName) (id “\(p.id)”). "
                + "Add \(suggested)/\(folder)ConformanceTests.swift with `ConformanceSuite.run(\(p.typeName)(), registry: "
                + "MentorFormats.builtinRegistry())`, fixtures from real programs in \(suggested)/Fixtures/, and "
                + ".testTarget(name: \"\(folder)FormatTests\", …) in Package.swift"]
    }

    private func sampleProblems(_ p: Builtin, folder: String, samples: [String], fm: FileManager) -> [String] {
        let marker = root.appendingPathComponent("Plugins/\(folder)/\(PluginConsistency.noSampleMarker)")
        let exts = Set(p.extensions.map { $0.lowercased() })
        let hasSample = samples.contains { s in
            guard let dot = s.lastIndex(of: "."), !s[s.index(after: dot)...].contains("/") else { return false }
            return exts.contains(s[s.index(after: dot)...].lowercased())
        }
        if fm.fileExists(atPath: marker.path) {
            let reason = (try? String(contentsOf: marker, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if p.canRead {
                return ["Plugins/\(folder)/\(PluginConsistency.noSampleMarker): \(p.typeName) can read, so it needs a sample, "
                        + "not an exemption: delete the marker and add a .\(p.extensions.first ?? "?") file under Samples/ (step 4)"]
            }
            if reason.isEmpty {
                return ["Plugins/\(folder)/\(PluginConsistency.noSampleMarker) is empty: write in it why \(p.typeName) has no sample"]
            }
            return []
        }
        if hasSample { return [] }
        let list = p.extensions.map { "." + $0 }.joined(separator: ", ")
        if !p.canRead {
            return ["Plugins/\(folder): step 4 is missing — no sample for \(p.typeName) (id “\(p.id)”). It cannot read, so "
                    + "instead of a sample put a file Plugins/\(folder)/\(PluginConsistency.noSampleMarker) saying why "
                    + "(and add it to the target's exclude: in Package.swift)"]
        }
        return ["Plugins/\(folder): step 4 is missing — no file under Samples/ has the extension of \(p.typeName) "
                + "(id “\(p.id)”: \(list)). Add a realistic sample such as Samples/<name>.\(p.extensions.first ?? "?") "
                + "and a line saying what produced it"]
    }

    private func normalise(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        while p.hasSuffix("/") { p.removeLast() }
        return p
    }

    // MARK: Reading the tree

    static func subfolders(of url: URL) -> [String] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && fm.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDir)
                && isDir.boolValue
        }.sorted()
    }

    /// Paths of the regular files under `url`, relative to it.
    static func files(under url: URL) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: url.path) else { return [] }
        var out: [String] = []
        while let p = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(p).path, isDirectory: &isDir), !isDir.boolValue {
                out.append(p)
            }
        }
        return out.sorted()
    }

    /// True when `name` occurs in `text` as a whole identifier.
    static func mentions(_ text: String, _ name: String) -> Bool {
        var rest = text[...]
        while let r = rest.range(of: name) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            func isIdent(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
            if !isIdent(before) && !isIdent(after) { return true }
            rest = text[r.upperBound...]
        }
        return false
    }

    // MARK: Reading Package.swift

    /// Every `.target(…)`, `.testTarget(…)` and `.executableTarget(…)` call in the manifest.
    static func targets(in manifest: String) -> [Target] {
        let code = stripCommentsKeepingStrings(manifest)
        var out: [Target] = []
        for kind in ["target", "testTarget", "executableTarget"] {
            var rest = code[...]
            let opener = ".\(kind)("
            while let r = rest.range(of: opener) {
                guard let body = balanced(code, from: r.upperBound) else { break }
                let args = code[r.upperBound..<body]
                if let name = firstString(after: "name:", in: args) {
                    out.append(Target(kind: kind, name: name, path: firstString(after: "path:", in: args),
                                      dependencies: dependencies(in: args)))
                }
                rest = code[body...]
            }
        }
        return out
    }

    /// The manifest with `//` and `/* */` comments blanked out (strings kept as they are).
    static func stripCommentsKeepingStrings(_ s: String) -> String {
        var out = ""
        var i = s.startIndex
        var inString = false
        while i < s.endIndex {
            let c = s[i]
            let next = s.index(after: i) < s.endIndex ? s[s.index(after: i)] : nil
            if inString {
                out.append(c)
                if c == "\\", let n = next { out.append(n); i = s.index(i, offsetBy: 2); continue }
                if c == "\"" { inString = false }
                i = s.index(after: i)
            } else if c == "\"" {
                inString = true
                out.append(c)
                i = s.index(after: i)
            } else if c == "/", next == "/" {
                while i < s.endIndex, s[i] != "\n" { i = s.index(after: i) }
            } else if c == "/", next == "*" {
                i = s.index(i, offsetBy: 2)
                while i < s.endIndex, !(s[i] == "*" && s.index(after: i) < s.endIndex && s[s.index(after: i)] == "/") {
                    i = s.index(after: i)
                }
                i = i < s.endIndex ? s.index(i, offsetBy: 2) : i
            } else {
                out.append(c)
                i = s.index(after: i)
            }
        }
        return out
    }

    /// The index of the `)` closing the call whose arguments start at `start`.
    static func balanced(_ s: String, from start: String.Index) -> String.Index? {
        var depth = 1
        var i = start
        var inString = false
        while i < s.endIndex {
            let c = s[i]
            if inString {
                if c == "\\" { i = s.index(after: i) } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "(" || c == "[" {
                depth += 1
            } else if c == ")" || c == "]" {
                depth -= 1
                if depth == 0 { return i }
            }
            i = i < s.endIndex ? s.index(after: i) : i
        }
        return nil
    }

    /// The string literal right after `label` at the top level of `args`.
    static func firstString(after label: String, in args: Substring) -> String? {
        var search = args
        while let r = search.range(of: label) {
            let tail = args[r.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\t" }
            if tail.first == "\"" {
                let body = tail.dropFirst()
                if let end = body.firstIndex(of: "\"") { return String(body[..<end]) }
            }
            search = args[r.upperBound...]
        }
        return nil
    }

    /// The target names listed in `dependencies: [...]` (plain strings and `.target(name:)`/`.product(name:)` names).
    static func dependencies(in args: Substring) -> [String] {
        guard let r = args.range(of: "dependencies:"),
              let open = args[r.upperBound...].firstIndex(of: "[") else { return [] }
        let code = String(args)
        let startOffset = args.distance(from: args.startIndex, to: open)
        let start = code.index(code.startIndex, offsetBy: startOffset + 1)
        guard let close = balanced(code, from: start) else { return [] }
        let list = code[start..<close]
        var names: [String] = []
        var inString = false
        var current = ""
        for c in list {
            if inString {
                if c == "\"" { names.append(current); current = ""; inString = false } else { current.append(c) }
            } else if c == "\"" {
                inString = true
            }
        }
        return names
    }
}
