// swift-tools-version:6.0
import PackageDescription

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
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "TCEKit",
            dependencies: ["CLibXML2", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "tce",
            dependencies: ["TCEKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "TCEKitTests", dependencies: ["TCEKit", "tce"], exclude: ["Fuzz/Inputs"]),
    ]
)
