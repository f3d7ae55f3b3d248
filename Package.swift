// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Reinstate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reinstate", targets: ["reinstate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // The model, the readers and the rules: Foundation only, no I/O beyond what callers hand in.
        .target(name: "ReinstateCore"),
        // The SQLite case store: schema, migrations, queries, whole-store import/export.
        .target(
            name: "ReinstateStore",
            dependencies: [
                "ReinstateCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL team store: connection settings, schema and migrations, the same documents as the SQLite store.
        .target(
            name: "ReinstatePostgres",
            dependencies: ["ReinstateCore", "ReinstateStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // ncurses with wide characters, as a system library with a small shim.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The full-screen UI as pure Swift: state, actions, reducer, screens drawn into a frame of cells.
        .target(name: "ReinstateUI", dependencies: ["ReinstateCore"]),
        // The only code that talks to ncurses: copies frames to the screen, reads keys, restores the terminal.
        .target(name: "CursesTerminal", dependencies: ["ReinstateUI", "ReinstateCore", "CNcursesw"]),
        // Wiring shared by the executable and the benchmarks: the store seen through the UI's CaseBook.
        .target(name: "ReinstateApp", dependencies: ["ReinstateUI", "ReinstateStore", "ReinstatePostgres", "ReinstateCore"]),
        // The command line: wiring only.
        .executableTarget(
            name: "reinstate",
            dependencies: [
                "ReinstateCore", "ReinstateStore", "ReinstatePostgres", "ReinstateUI", "CursesTerminal", "ReinstateApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The floor of whole-process benchmarks: open the store and exit (Benchmarks/run).
        .executableTarget(
            name: "open-store-floor", dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/Floor"),
        // The same floor with swift-argument-parser parsing `due --store STORE` in front of it.
        .executableTarget(
            name: "parse-floor",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ParseFloor"),
        // The floor of the team store's benchmarks: connect as the CLI does, run SELECT 1, exit (Benchmarks/postgres.sh).
        .executableTarget(
            name: "postgres-floor", dependencies: ["ReinstatePostgres", "ReinstateCore", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Benchmarks/PostgresFloor"),
        // In-process measurements (first frame, a key, the reader's throughput) for Benchmarks/run.
        .executableTarget(
            name: "reinstate-bench", dependencies: ["ReinstateApp", "ReinstateUI", "ReinstateStore", "ReinstatePostgres", "ReinstateCore"],
            path: "Benchmarks/Bench"),
        .testTarget(name: "ReinstateCoreTests", dependencies: ["ReinstateCore"], exclude: ["Export/__Snapshots__"]),
        .testTarget(
            name: "ReinstateStoreTests",
            dependencies: [
                "ReinstateStore", "ReinstateCore", "ReinstateApp", "ReinstateUI", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // A throwaway PostgreSQL server for the tests (initdb into a temporary folder, a Unix socket only).
        .target(name: "PostgresTestSupport", path: "Tests/PostgresTestSupport"),
        // The PostgreSQL store against a real server: schema checks, copies, refusals.
        .testTarget(
            name: "ReinstatePostgresTests",
            dependencies: ["ReinstatePostgres", "ReinstateStore", "ReinstateCore", "ReinstateApp", "ReinstateUI", "PostgresTestSupport"]),
        .testTarget(
            name: "ReinstateUITests", dependencies: ["ReinstateUI", "ReinstateCore"], exclude: ["__Snapshots__"]),
        // The command-line tests run the built binary; they read the stores it leaves with the store module
        // and GRDB (integrity checks, row counts after a kill).
        .testTarget(
            name: "ReinstateCLITests",
            dependencies: [
                "ReinstateCore", "ReinstateStore", "reinstate", "PostgresTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ]
)
