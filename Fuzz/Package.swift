// swift-tools-version:6.0
// Fuzz targets for StatReturn's readers, built by `make fuzz` with libFuzzer and AddressSanitizer.
// A package of its own, so that `make test` never builds them (they need libFuzzer and the sanitizers).
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
// libFuzzer without its own main (make fuzz links it): SwiftPM already gives each executable a main.
// lld, as gold fails on the sanitizers' debug information.
let link: [LinkerSetting] = [.unsafeFlags(["-sanitize=address", "-use-ld=lld"]), .linkedLibrary("stdc++")]

func target(_ name: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"], swiftSettings: fuzzer, linkerSettings: link)
}

let package = Package(
    name: "StatReturnFuzz",
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            "CFuzzer",
            .product(name: "StatReturnKit", package: "main"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "CFuzzer"),
        target("fuzz-csv"), target("fuzz-xlsx"), target("fuzz-xml"), target("fuzz-xml-schema"),
    ]
)
