// swift-tools-version:6.1
// mentorbase: moves school mentoring data between spreadsheets and one validated store.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "mentorbase",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mentorbase", targets: ["mentorbase"]),
        .library(name: "MentorBase", targets: ["MentorBase"]),
        .library(name: "FormatTesting", targets: ["FormatTesting"]),
        .library(name: "OfficeContainer", targets: ["OfficeContainer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Already in the graph through postgres-nio; named for its SHA-256 (BoringSSL, with the
        // CPU's SHA instructions), which checksums an imported file about 5× faster than plain code.
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        // MARK: C libraries from Debian
        .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV",
                       providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter",
                       providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),

        // MARK: Core
        .target(name: "MentorBase", swiftSettings: strict),
        .target(name: "MentorSchema", dependencies: ["MentorBase"],
                exclude: ["Resources", "README.md"], swiftSettings: strict),  // schemas embedded: Schema/EmbeddedSchemas.swift

        // MARK: The canonical store: SQLite through GRDB (the default), PostgreSQL through postgres-nio
        // (CSQLiteTuning: the one SQLite setting Swift cannot make, sqlite3_config being variadic)
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "MentorStore",
                dependencies: ["MentorBase", "CSQLiteTuning",
                               .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "PostgresNIO", package: "postgres-nio")],
                swiftSettings: strict),

        // MARK: Shared support for zip + XML formats (XLSX, ODS): hardened zip reader, libxml2 SAX2, safety policy
        .target(name: "OfficeContainer", dependencies: ["MentorBase", "CLibXML2"], swiftSettings: strict),

        // MARK: Format plugins: one folder under Plugins/, one target, one line in MentorFormats
        // (a plugin may depend on shared support modules such as OfficeContainer, never on another plugin)
        .target(name: "CSVFormat", dependencies: ["MentorBase", "CLibCSV"],
                path: "Plugins/CSV", swiftSettings: strict),
        .target(name: "JSONFormat", dependencies: ["MentorBase"],
                path: "Plugins/JSON", swiftSettings: strict),
        .target(name: "XLSXFormat",
                dependencies: ["MentorBase", "OfficeContainer", "CXLSXWriter", "CLibXML2"],
                path: "Plugins/XLSX", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "HTMLFormat", dependencies: ["MentorBase"],
                path: "Plugins/HTML", exclude: ["NO-SAMPLE"], swiftSettings: strict),
        .target(name: "ODSFormat", dependencies: ["MentorBase", "OfficeContainer"],
                path: "Plugins/ODS", exclude: ["README.md"], swiftSettings: strict),
        .target(name: "MentorFormats", dependencies: ["MentorBase", "CSVFormat", "JSONFormat", "XLSXFormat", "ODSFormat", "HTMLFormat"],
                swiftSettings: strict),

        // MARK: Export views (public / full / monitoring) over the store's records; no file formats
        .target(name: "MentorExport", dependencies: ["MentorBase", "MentorSchema"], swiftSettings: strict),

        // MARK: The conformance kit every format plugin runs (a product, so outside plugins can too)
        .target(name: "FormatTesting", dependencies: ["MentorBase"], swiftSettings: strict),

        // MARK: Command line
        .target(name: "MentorCLI",
                dependencies: ["MentorBase", "MentorFormats", "MentorSchema", "MentorStore", "MentorExport",
                               .product(name: "ArgumentParser", package: "swift-argument-parser"),
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        // (CJemalloc: jemalloc serves the executable's allocations; an import's records are made on
        // one thread and freed on another, where glibc's malloc measured 15 % slower: Benchmarks/store/README.md)
        .target(name: "CJemalloc", linkerSettings: [.linkedLibrary("jemalloc")]),
        .executableTarget(name: "mentorbase", dependencies: ["MentorCLI", "CJemalloc"], swiftSettings: strict),

        // MARK: Benchmarks (a plain release-mode executable driven by Benchmarks/*.sh)
        .executableTarget(name: "mentorbase-bench", dependencies: ["MentorBase", "MentorFormats"],
                          path: "Benchmarks/MentorBench", swiftSettings: strict),

        // MARK: Tests
        .testTarget(name: "MentorBaseTests", dependencies: ["MentorBase"], swiftSettings: strict),
        .testTarget(name: "CSVFormatTests", dependencies: ["CSVFormat", "MentorFormats", "FormatTesting"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "JSONFormatTests", dependencies: ["JSONFormat", "MentorFormats", "FormatTesting"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "XLSXFormatTests", dependencies: ["XLSXFormat", "OfficeContainer", "MentorFormats", "FormatTesting"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "ODSFormatTests", dependencies: ["ODSFormat", "OfficeContainer", "MentorFormats", "FormatTesting"],
                    resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(name: "MentorSchemaTests", dependencies: ["MentorSchema", "MentorFormats"],
                    swiftSettings: strict),
        .testTarget(name: "MentorStoreTests", dependencies: ["MentorStore", "MentorBase"],
                    swiftSettings: strict),
        .testTarget(name: "OfficeContainerTests", dependencies: ["OfficeContainer", "MentorBase"], swiftSettings: strict),
        .testTarget(name: "ExternalFormatTests", dependencies: ["MentorBase", "MentorFormats", "FormatTesting"],
                    swiftSettings: strict),
        .testTarget(name: "ConsistencyTests", dependencies: ["MentorBase", "MentorFormats"], swiftSettings: strict),
        .testTarget(name: "PluginGuideTests", dependencies: ["MentorBase", "MentorFormats", "FormatTesting"],
                    exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ExportTests",
                    dependencies: ["MentorExport", "MentorStore", "MentorFormats", "HTMLFormat", "FormatTesting", "MentorBase"],
                    exclude: ["Fixtures"],
                    swiftSettings: strict),
        .testTarget(name: "ServeTests", dependencies: ["MentorCLI", "MentorBase"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["mentorbase", "MentorBase", "MentorFormats"],
                    swiftSettings: strict),
    ]
)
