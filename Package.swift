// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "StatReturn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "statreturn", targets: ["statreturn"]),
        .library(name: "StatReturnKit", targets: ["StatReturnKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libpq, PostgreSQL's own client library: it reads connection URLs, TLS settings and
        // PGPASSWORD as every PostgreSQL tool does, and adds nothing to the build (PostgresNIO
        // would bring SwiftNIO and two copies of BoringSSL, minutes on every CI build).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // zlib's CRC-32, for the spec cache's key: fast even in a debug build, where a checksum
        // written in Swift costs more than the cache saves.
        .systemLibrary(
            name: "CZlibCRC",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "CSQLiteTuning",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .target(
            name: "StatReturnKit",
            dependencies: [
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "CLibXML2",
                "CLibPQ",
                "CXLSXWriter",
                "CZlibCRC",
            ]
        ),
        .executableTarget(
            name: "statreturn",
            dependencies: [
                "StatReturnKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "StatReturnKitTests",
            // The CLI tests run the built program.
            dependencies: ["StatReturnKit", "statreturn", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
