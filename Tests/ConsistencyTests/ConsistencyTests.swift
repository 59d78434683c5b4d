import Foundation
import MentorBase
import MentorFormats
import Testing

private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Adding a format is four steps (docs/plugins.md, section 10); this fails, naming the missing
/// one, until a folder under Plugins/ has all four.
@Suite("Consistency of Plugins/, Package.swift, the built-in list, tests and samples")
struct ConsistencyTests {
    @Test func everyPluginFolderHasAllFourSteps() {
        let check = PluginConsistency(root: repositoryRoot,
                                      builtins: MentorFormats.builtinPlugins.map(PluginConsistency.Builtin.init))
        for problem in check.problems() { Issue.record(Comment(rawValue: problem)) }
    }

    @Test func theBuiltinsAreSeenWithTheirModules() {
        let b = MentorFormats.builtinPlugins.map(PluginConsistency.Builtin.init)
        #expect(b.map(\.module).allSatisfy { $0.hasSuffix("Format") })
        #expect(b.contains(PluginConsistency.Builtin(id: "csv", module: "CSVFormat", typeName: "CSVPlugin",
                                                     extensions: b.first { $0.id == "csv" }?.extensions ?? [], canRead: true)))
    }
}

/// The checker run on fake trees: each missing step gives its own message.
@Suite("Consistency check on fake trees")
struct ConsistencyCheckTests {
    /// A temporary tree with Package.swift text and files; removed by the caller.
    final class Tree {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("consistency-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(at: root) }
    }

    static let foo = PluginConsistency.Builtin(id: "foo", module: "FooFormat", typeName: "FooPlugin",
                                               extensions: ["foo", "fo"], canRead: true)
    static let manifestWithFoo = """
        let package = Package(name: "x", targets: [
            // .target(name: "Commented", path: "Plugins/Foo"),
            .target(name: "FooFormat",
                    dependencies: ["MentorBase"], path: "Plugins/Foo/", exclude: ["README.md"]),
            .target(name: "MentorFormats", dependencies: ["MentorBase", "FooFormat"]),
            .testTarget(name: "FooFormatTests", dependencies: ["FooFormat", "FormatTesting"]),
        ])
        """

    private func problems(_ tree: Tree, _ builtins: [PluginConsistency.Builtin]) -> [String] {
        PluginConsistency(root: tree.root, builtins: builtins).problems()
    }

    @Test func aBareFolderNeedsATarget() throws {
        let tree = try Tree()
        try tree.write("Plugins/Foo/FooPlugin.swift", "public struct FooPlugin {}")
        try tree.write("Package.swift", "let package = Package(name: \"x\", targets: [.target(name: \"MentorFormats\")])")
        let p = problems(tree, [])
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("Plugins/Foo: step 2 is missing — no target in Package.swift has path: \"Plugins/Foo\"") == true)
        #expect(p.first?.contains(".target(name: \"FooFormat\"") == true)
    }

    @Test func aTargetOutsideMentorFormatsAndTheListIsNamed() throws {
        let tree = try Tree()
        try tree.write("Plugins/Foo/FooPlugin.swift", "")
        try tree.write("Package.swift", """
            let package = Package(targets: [
                .target(name: "FooFormat", path: "Plugins/Foo"),
                .target(name: "MentorFormats", dependencies: ["MentorBase"]),
            ])
            """)
        let p = problems(tree, [])
        #expect(p.count == 2)
        #expect(p.contains { $0.contains("the MentorFormats target does not depend on \"FooFormat\"") })
        #expect(p.contains { $0.contains("lists no plugin from module FooFormat")
                             && $0.contains("Sources/MentorFormats/BuiltinFormats.swift") && $0.contains("`FooPlugin(),`") })
    }

    @Test func noTestAndNoSampleAreNamedWithTheFilesToAdd() throws {
        let tree = try Tree()
        try tree.write("Plugins/Foo/FooPlugin.swift", "")
        try tree.write("Package.swift", ConsistencyCheckTests.manifestWithFoo)
        try tree.write("Samples/readme.txt", "not a sample")
        let p = problems(tree, [ConsistencyCheckTests.foo])
        #expect(p.count == 2)
        #expect(p.contains { $0.hasPrefix("Plugins/Foo: step 3 is missing — no test calls ConformanceSuite.run on FooPlugin")
                             && $0.contains("Tests/FooFormatTests/FooConformanceTests.swift") })
        #expect(p.contains { $0.hasPrefix("Plugins/Foo: step 4 is missing — no file under Samples/ has the extension of FooPlugin")
                             && $0.contains(".foo, .fo") })
    }

    @Test func allFourStepsPass() throws {
        let tree = try Tree()
        try tree.write("Plugins/Foo/FooPlugin.swift", "")
        try tree.write("Package.swift", ConsistencyCheckTests.manifestWithFoo)
        try tree.write("Tests/FooFormatTests/FooConformanceTests.swift",
                       "let r = ConformanceSuite.run(FooPlugin(), registry: MentorFormats.builtinRegistry())")
        try tree.write("Samples/sub/mentors.FO", "x")
        #expect(problems(tree, [ConsistencyCheckTests.foo]) == [])
    }

    @Test func aTestFolderWithoutATargetAndAMentionInsideAnotherNameAreNotEnough() throws {
        let tree = try Tree()
        try tree.write("Plugins/Foo/FooPlugin.swift", "")
        try tree.write("Package.swift", ConsistencyCheckTests.manifestWithFoo.replacingOccurrences(
            of: ".testTarget(name: \"FooFormatTests\", dependencies: [\"FooFormat\", \"FormatTesting\"]),", with: ""))
        try tree.write("Tests/FooTests/A.swift", "ConformanceSuite.run(FooPlugin(), registry: r)")
        try tree.write("Tests/OtherTests/B.swift", "ConformanceSuite.run(BigFooPluginX(), registry: r)")
        try tree.write("Samples/a.foo", "x")
        let p = problems(tree, [ConsistencyCheckTests.foo])
        #expect(p == ["Plugins/Foo: step 3 is incomplete — Tests/FooTests runs the conformance kit on FooPlugin but "
                      + "Package.swift declares no .testTarget for it. Add .testTarget(name: \"FooTests\", dependencies: "
                      + "[\"FooFormat\", \"MentorFormats\", \"FormatTesting\"], swiftSettings: strict)"])
    }

    @Test func exportOnlyPluginsUseTheMarker() throws {
        let tree = try Tree()
        var exportOnly = ConsistencyCheckTests.foo
        exportOnly.canRead = false
        try tree.write("Plugins/Foo/FooPlugin.swift", "")
        try tree.write("Package.swift", ConsistencyCheckTests.manifestWithFoo)
        try tree.write("Tests/FooFormatTests/T.swift", "ConformanceSuite.run(FooPlugin(), registry: r)")
        var p = problems(tree, [exportOnly])
        #expect(p.count == 1 && p[0].contains("instead of a sample put a file Plugins/Foo/NO-SAMPLE"))
        try tree.write("Plugins/Foo/NO-SAMPLE", "  \n")
        p = problems(tree, [exportOnly])
        #expect(p == ["Plugins/Foo/NO-SAMPLE is empty: write in it why FooPlugin has no sample"])
        try tree.write("Plugins/Foo/NO-SAMPLE", "HTML is export only: mentorbase writes pages, it never reads them.")
        #expect(problems(tree, [exportOnly]) == [])
        // A plugin that reads may not hide behind the marker.
        p = problems(tree, [ConsistencyCheckTests.foo])
        #expect(p.count == 1 && p[0].contains("can read, so it needs a sample, not an exemption"))
    }

    @Test func listedPluginsOutsidePluginsAndDuplicateIdsAreNamed() throws {
        let tree = try Tree()
        try tree.write("Package.swift", "let package = Package(targets: [.target(name: \"MentorFormats\")])")
        try tree.write("Plugins/.hidden/x", "")
        let stray = PluginConsistency.Builtin(id: "foo", module: "Elsewhere", typeName: "StrayPlugin", extensions: [], canRead: true)
        let p = problems(tree, [stray, ConsistencyCheckTests.foo])
        #expect(p.contains { $0.contains("StrayPlugin and") == false && $0.contains("FooPlugin and StrayPlugin both use the id “foo”") })
        #expect(p.contains { $0.contains("lists StrayPlugin (id “foo”) from module Elsewhere, which is not a target under Plugins/") })
    }

    @Test func aPluginDependingOnAnotherIsNamed() throws {
        let tree = try Tree()
        try tree.write("Plugins/Foo/FooPlugin.swift", "")
        try tree.write("Plugins/Bar/BarPlugin.swift", "")
        try tree.write("Package.swift", """
            let package = Package(targets: [
                .target(name: "FooFormat", dependencies: ["MentorBase", "BarFormat", "OfficeContainer"], path: "Plugins/Foo"),
                .target(name: "BarFormat", dependencies: ["MentorBase"], path: "Plugins/Bar"),
                .target(name: "OfficeContainer", dependencies: ["MentorBase"]),
                .target(name: "MentorFormats", dependencies: ["FooFormat", "BarFormat"]),
                .testTarget(name: "FooFormatTests"), .testTarget(name: "BarFormatTests"),
            ])
            """)
        try tree.write("Tests/FooFormatTests/T.swift", "ConformanceSuite.run(FooPlugin(), registry: r)")
        try tree.write("Tests/BarFormatTests/T.swift", "ConformanceSuite.run(BarPlugin(), registry: r)")
        try tree.write("Samples/a.foo", "")
        try tree.write("Samples/a.bar", "")
        let bar = PluginConsistency.Builtin(id: "bar", module: "BarFormat", typeName: "BarPlugin", extensions: ["bar"], canRead: true)
        let p = problems(tree, [ConsistencyCheckTests.foo, bar])
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("Plugins/Foo: target FooFormat depends on BarFormat, another plugin") == true)
    }

    @Test func manifestParsingIgnoresCommentsAndReadsDependencies() {
        let targets = PluginConsistency.targets(in: ConsistencyCheckTests.manifestWithFoo)
        #expect(targets.map(\.name) == ["FooFormat", "MentorFormats", "FooFormatTests"])
        #expect(targets[0].path == "Plugins/Foo/")
        #expect(targets[1].dependencies == ["MentorBase", "FooFormat"])
    }
}
