// swift-tools-version:6.0
import PackageDescription

// Release builds link the Swift runtime and Foundation into the tce binary (Linux): resolving
// their symbols at every start cost ~11 ms of a 33 ms start (bench/RESULTS.md), and the binary
// then runs where no Swift toolchain is installed. TCE_DYNAMIC_STDLIB=1 leaves them dynamic:
// bench/refcounts.sh counts reference counting through the dynamic linker.
let staticStdlib: [String] = Context.environment["TCE_DYNAMIC_STDLIB"] == nil ? ["-static-stdlib"] : []

let package = Package(
    name: "tce",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tce", targets: ["tce"]),
        .library(name: "TCEKit", targets: ["TCEKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "TCEKit",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // jemalloc replaces glibc's malloc in the tce binary: a batch allocates on worker
        // threads and frees on others, and glibc's per-thread arenas made that about a
        // quarter of the run (bench/RESULTS.md). Debian: libjemalloc-dev (libjemalloc2 to run).
        .target(
            name: "CJemallocConfig",
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // `staticStdlib` (above) also goes to this target's compile, whose imports then name the
        // static libraries' own dependencies (CoreFoundation, ICU) for the link.
        .executableTarget(
            name: "tce",
            dependencies: [
                "TCEKit", "CJemallocConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.unsafeFlags(staticStdlib, .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(staticStdlib, .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "TCEKitTests",
            dependencies: ["TCEKit", "tce", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Golden", "Fuzz/Inputs"]
        ),
    ]
)
