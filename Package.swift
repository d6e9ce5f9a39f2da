// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Kasir",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kasir", targets: ["kasir"]),
        .executable(name: "kasir-central", targets: ["kasir-central"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // The acquirer's settlement report (CSV) for QRIS reconciliation.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        // The centre (kasir-central only: the café's kasir links neither).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // The centre's HTTP server (kasir-central only). No traits: neither swift-configuration
        // nor full Foundation is needed by the products used.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
        // The server's TLS: certificates and keys from PEM files (Hummingbird's own TLS uses it).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
        // Named for the server's own use (a request's address, its headers); Hummingbird brings them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The domain: pure value types, Foundation only, clock injected.
        .target(name: "KasirCore"),
        // config/*.toml into KasirCore values, with errors that name file and key.
        .target(name: "KasirConfig", dependencies: [
            "KasirCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "SwiftCSV", package: "SwiftCSV"),
        ]),
        // The journal's chain hash and its encodings, and the signed batches a café sends the
        // centre: what the café writes and the centre re-checks, one implementation.
        .target(name: "KasirLedger", dependencies: ["KasirCore", .product(name: "Crypto", package: "swift-crypto")]),
        // SQLite through GRDB: migrations, the write methods that keep data valid, queries, the journal.
        .target(name: "KasirStore", dependencies: [
            "KasirCore", "KasirLedger",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // libcups's declarations (Debian's libcups2-dev), and the functions Kasir uses, loading
        // libcups.so.2 on first use so that commands which never print start without it.
        .target(name: "CCUPS", linkerSettings: [.linkedLibrary("dl")]),
        // libqrencode (Debian's libqrencode-dev), linked directly: the QR codes of the QRIS bill
        // and the counter screen come from a well-kept encoder, not a hand-written one.
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // Writes Receipts/*.mustache into a Swift file; run by the plugin below at build time.
        .executableTarget(name: "EmbedTemplates"),
        .plugin(name: "EmbedReceiptTemplates", capability: .buildTool(), dependencies: ["EmbedTemplates"], path: "Sources/EmbedReceiptTemplates"),
        // Slip layout from the built-in (and the café's own) templates, ESC/POS bytes, the print queue worker, CUPS.
        .target(
            name: "KasirPrint",
            dependencies: [
                "KasirCore", "KasirConfig", "KasirStore", "CCUPS", "CQRencode",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["EmbedReceiptTemplates"]),
        // Every sentence a person reads, in Bahasa Indonesia and English: messages, errors, report words.
        .target(name: "KasirMessages", dependencies: ["KasirCore", "KasirConfig", "KasirLedger", "KasirStore", "KasirPrint"]),
        // Training hours, skills, competencies, premi, sales and the transcript; text, CSV, JSON and HTML; document numbers.
        .target(name: "KasirReports", dependencies: [
            "KasirCore", "KasirConfig", "KasirLedger", "KasirStore", "KasirMessages", "KasirPrint", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Every act a person does, one function each: the counter and the command line both call them.
        .target(name: "KasirActions", dependencies: [
            "KasirCore", "KasirConfig", "KasirLedger", "KasirStore", "KasirPrint", "KasirReports", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // A seeded café history written through the same store functions as the counter.
        .target(name: "KasirDemo", dependencies: ["KasirCore", "KasirConfig", "KasirStore", "KasirReports"]),
        // Counter flows behind a Prompter, the input grammar, and the message catalogue (id, en).
        .target(name: "KasirTerminal", dependencies: [
            "KasirCore", "KasirStore", "KasirConfig", "KasirPrint", "KasirActions", "KasirMessages",
        ]),
        // Argument parsing and wiring only.
        .executableTarget(name: "kasir", dependencies: [
            "KasirCore", "KasirConfig", "KasirStore", "KasirPrint", "KasirReports", "KasirActions", "KasirMessages", "KasirDemo", "KasirTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The centre's store: PostgreSQL through postgres-nio, migrations, enrolment, and the one
        // function that takes a café's batch in.
        .target(name: "KasirCentral", dependencies: [
            "KasirCore", "KasirLedger", "KasirStore", "KasirReports",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The centre's HTTP server: its routes, and the actor that serialises the work on its
        // one PostgreSQL connection and signs the receipts. Never linked by the café's kasir.
        .target(name: "KasirCentralServer", dependencies: [
            "KasirCentral", "KasirLedger", "KasirCore", "KasirConfig", "KasirMessages", "KasirReports",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The centre's command: argument parsing and wiring only.
        .executableTarget(name: "kasir-central", dependencies: [
            "KasirCore", "KasirLedger", "KasirCentral", "KasirCentralServer", "KasirMessages", "KasirReports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Measurements for scripts/bench; never installed with kasir.
        .executableTarget(name: "kasir-bench", dependencies: [
            "KasirCore", "KasirConfig", "KasirStore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // What the tests share: temporary folders that clean up, the fixture config, a test clock.
        .target(name: "KasirTestSupport", dependencies: ["KasirCore", .product(name: "Logging", package: "swift-log")],
                path: "Tests/KasirTestSupport"),
        .testTarget(name: "KasirCoreTests", dependencies: ["KasirCore"]),
        .testTarget(name: "KasirConfigTests", dependencies: ["KasirConfig"]),
        .testTarget(name: "KasirLedgerTests", dependencies: ["KasirLedger", "KasirCore", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "KasirStoreTests", dependencies: ["KasirStore", "KasirConfig", "KasirTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "KasirPrintTests", dependencies: ["KasirPrint", "KasirTestSupport"]),
        .testTarget(name: "KasirReportsTests", dependencies: ["KasirReports", "KasirTestSupport"]),
        .testTarget(name: "KasirMessagesTests", dependencies: ["KasirMessages", "KasirConfig", "KasirCore", "KasirLedger", "KasirStore", "KasirPrint", "KasirTestSupport"]),
        .testTarget(name: "KasirTerminalTests", dependencies: ["KasirTerminal", "KasirTestSupport"]),
        .testTarget(name: "KasirActionsTests", dependencies: [
            "KasirActions", "KasirLedger", "KasirTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "KasirEndToEndTests", dependencies: [
            "kasir", "kasir-central", "KasirCore", "KasirLedger", "KasirPrint", .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Golden"]),
    ]
)
