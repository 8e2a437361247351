// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Digest",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "digest", targets: ["digest"]),
        .library(name: "DigestKit", targets: ["DigestKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries from Debian's -dev packages (see Makefile `deps`).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Makes this cmark-gfm version safe to use from several threads (see cmark_support.c).
        .target(name: "CCmarkSupport", linkerSettings: [.linkedLibrary("dl")]),
        // ICU's CLDR plural rules, from Debian's libicu-dev; Foundation formats dates and numbers.
        .target(name: "CICU", linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]),
        // One system call Swift's Glibc module does not expose: renameat2(RENAME_EXCHANGE).
        .target(name: "CSystemSupport"),
        // The only Swift module that talks to libxml2: an XML writer and an HTML/XML reader.
        .target(name: "DigestXML", dependencies: ["CLibXML2"]),
        // The site generator: load → group → render → write.
        .target(
            name: "DigestKit",
            dependencies: [
                "CCmarkGFM",
                "CCmarkSupport",
                "CICU",
                "CSystemSupport",
                "DigestXML",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The built-in interface strings, compiled into the binary (see docs/languages.md).
            resources: [.embedInCode("Language/Strings")]
        ),
        // The preview server: the only module that talks to the HTTP library.
        .target(
            name: "DigestServe",
            dependencies: ["DigestKit", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        // The command line: argument parsing, exit codes and messages, nothing else.
        .executableTarget(
            name: "digest",
            dependencies: [
                "DigestKit",
                "DigestServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DigestKitTests", dependencies: ["DigestKit", "DigestXML"]),
        // Whole builds of small sites and of the sample site; also runs the `digest` binary.
        .testTarget(name: "DigestSiteTests", dependencies: ["DigestKit", "DigestXML", "DigestServe", "digest"]),
    ]
)

// Fuzzers, only with DIGEST_FUZZ=1 (`make fuzz`): they are built with -sanitize=fuzzer into
// their own scratch folder, never by a plain `swift build`.
if Context.environment["DIGEST_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Driver"))
    for (name, folder) in [("digest-fuzz-records", "Records"), ("digest-fuzz-markdown", "Markdown")] {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["DigestKit", "FuzzDriver"], path: "Fuzz/\(folder)",
                // gold crashes linking the sanitizer runtime; the toolchain's lld does not.
                linkerSettings: [.unsafeFlags(["-use-ld=lld"])]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
