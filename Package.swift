// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Kasir",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kasir", targets: ["kasir"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // The domain: pure value types, Foundation only, clock injected.
        .target(name: "KasirCore"),
        // config/*.toml into KasirCore values, with errors that name file and key.
        .target(name: "KasirConfig", dependencies: [
            "KasirCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // SQLite through GRDB: migrations, the write methods that keep data valid, queries.
        .target(name: "KasirStore", dependencies: [
            "KasirCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // libcups, from Debian's libcups2-dev (no pkg-config file there: the module map links it).
        .systemLibrary(name: "CCUPS", path: "Sources/CCUPS"),
        // Receipt layout from Receipts/ templates, ESC/POS bytes, the print queue worker, CUPS.
        .target(name: "KasirPrint", dependencies: [
            "KasirCore", "KasirConfig", "KasirStore", "CCUPS",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Training hours, skills, competencies, premi and sales; text, CSV, JSON and HTML.
        .target(name: "KasirReports", dependencies: ["KasirCore", "KasirConfig", "KasirStore"]),
        // Counter flows behind a Prompter, and the message catalogue (id, en).
        .target(name: "KasirTerminal", dependencies: [
            "KasirCore", "KasirStore", "KasirConfig", "KasirPrint",
        ]),
        // Argument parsing and wiring only.
        .executableTarget(name: "kasir", dependencies: [
            "KasirCore", "KasirConfig", "KasirStore", "KasirPrint", "KasirReports", "KasirTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "KasirCoreTests", dependencies: ["KasirCore"]),
        .testTarget(name: "KasirConfigTests", dependencies: ["KasirConfig"]),
        .testTarget(name: "KasirStoreTests", dependencies: ["KasirStore", "KasirConfig"]),
        .testTarget(name: "KasirPrintTests", dependencies: ["KasirPrint"]),
        .testTarget(name: "KasirReportsTests", dependencies: ["KasirReports"]),
        .testTarget(name: "KasirTerminalTests", dependencies: ["KasirTerminal"]),
        .testTarget(name: "KasirEndToEndTests", dependencies: ["kasir", "KasirCore"]),
    ]
)
