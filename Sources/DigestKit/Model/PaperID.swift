/// A paper's identity: its id without a version suffix.
///
/// `2502.15969v2` and `2502.15969` are the same paper; the suffix is kept only to show
/// which version a record described.
public struct PaperID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The id without its version, e.g. `2502.15969` or `hep-th/9901001`.
    public let base: String
    /// The version number from a `vN` suffix, when the id had one.
    public let version: Int?
    /// Whether this is an arXiv identifier (new style `YYMM.NNNNN` or old style `archive/YYMMNNN`),
    /// for which abstract and PDF links can be derived. (Worked out once: every page asks.)
    public let isArXiv: Bool

    /// Splits a trailing `vN` off an arXiv-style id. Other ids are kept whole.
    public init(_ raw: String) {
        if let v = raw.lastIndex(of: "v"), v != raw.startIndex,
            raw[raw.index(before: v)].isASCII, raw[raw.index(before: v)].isNumber,
            let number = Int(raw[raw.index(after: v)...]), number > 0, raw.distance(from: v, to: raw.endIndex) <= 5
        {
            base = String(raw[..<v])
            version = number
        } else {
            base = raw
            version = nil
        }
        isArXiv = Self.isArXiv(base)
    }

    /// The id as written, with its version when it had one.
    public var description: String { version.map { "\(base)v\($0)" } ?? base }

    private static func isArXiv(_ base: String) -> Bool {
        let parts = base.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 1 {
            let halves = base.split(separator: ".", omittingEmptySubsequences: false)
            return halves.count == 2 && halves[0].count == 4 && (4...5).contains(halves[1].count)
                && halves.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        }
        guard parts.count == 2, parts[1].count == 7, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let archive = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(archive.count) && !archive[0].isEmpty
            && archive[0].allSatisfy { ($0.isASCII && $0.isLowercase) || $0 == "-" }
            && (archive.count == 1 || (archive[1].count == 2 && archive[1].allSatisfy { $0.isASCII && $0.isUppercase }))
    }

    public static func < (lhs: PaperID, rhs: PaperID) -> Bool { lhs.base < rhs.base }

    public static func == (lhs: PaperID, rhs: PaperID) -> Bool { lhs.base == rhs.base && lhs.version == rhs.version }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(base)
        hasher.combine(version)
    }
}
