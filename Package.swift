// swift-tools-version: 6.1
import PackageDescription

/// Upcoming features every target is built with (see ../shared/reference/swift-style-anchors.md §4.1).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "leakwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "leakwatch", targets: ["LeakwatchCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // C modules: only the one Swift target named beside each may import it.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLinuxShims"),
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),

        // Libraries.
        .target(name: "TimeSeries"),
        .target(
            name: "Storage",
            dependencies: [
                "CSQLite",
                "TimeSeries",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "HTTPServer",
            dependencies: ["CZlib", "CLinuxShims", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "OTLP", dependencies: ["TimeSeries"]),
        .target(name: "PromQL", dependencies: ["TimeSeries"]),
        .target(name: "GoTemplate"),
        .target(
            name: "Notify",
            dependencies: ["TimeSeries", "COpenSSL", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Rules",
            dependencies: [
                "PromQL", "GoTemplate", "TimeSeries",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "Leakwatch",
            dependencies: [
                "TimeSeries",
                "Storage",
                "HTTPServer",
                "OTLP",
                "PromQL",
                "GoTemplate",
                "Rules",
                "Notify",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "LeakwatchCLI",
            dependencies: [
                "Leakwatch",
                "PromQL",
                "Rules",
                "GoTemplate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Test support: a child process the crash-safety test kills with SIGKILL.
        .executableTarget(
            name: "StorageCrashChild",
            dependencies: ["Storage", "TimeSeries"],
            path: "Tests/StorageCrashChild"
        ),

        // Test support shared by the test targets: seeded random numbers, temporary directories, a quiet logger.
        .target(
            name: "TestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"
        ),

        // Tests: one target per library.
        .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TimeSeries", "TestSupport", "StorageCrashChild"]),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "TestSupport"]),
        .testTarget(name: "OTLPTests", dependencies: ["OTLP", "TimeSeries", "TestSupport"]),
        .testTarget(name: "PromQLTests", dependencies: ["PromQL", "TimeSeries", "TestSupport"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate", "TestSupport"]),
        .testTarget(name: "NotifyTests", dependencies: ["Notify", "HTTPServer", "TestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "PromQL", "GoTemplate", "TimeSeries", "TestSupport"]),
        .testTarget(
            name: "LeakwatchTests",
            dependencies: [
                "Leakwatch", "Storage", "TimeSeries", "HTTPServer", "OTLP", "PromQL", "Rules", "GoTemplate", "Notify",
                "TestSupport", "LeakwatchCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
