extension SearchIndex {
    /// What a build keeps of the search index for the next one (`.Site.cache/search/`): the
    /// base tier's chunks and the doc groups of its papers. Both are made from the months
    /// before the newest alone, so a new day in the newest month, or an edit there, makes
    /// only the recent tier and the last doc groups again. At 54,750 papers the base tier
    /// alone took most of a second of one core on every build.
    struct Kept: Equatable {
        /// Of the base months' term segments (each says what its papers were) and how many
        /// papers they hold.
        var fingerprint: UInt64
        var firstTerms: [[UInt8]]
        var chunks: [File]
        /// Doc groups `0..<groups.count`: those wholly of older papers.
        var groups: [File]

        static func fingerprint(_ months: [UInt64], papers: Int) -> UInt64 {
            var hasher = KeyHasher(0x5365_6172_6368_0001 ^ UInt64(SearchIndex.version))  // "Search", format 1
            hasher.add(papers)
            for month in months { hasher.add(month) }
            return hasher.value
        }

        /// Bumped whenever the layout changes; an old file then does not decode.
        static let magic = Array("DIGEST-SEARCH-1\n".utf8)

        /// `salt`: what else the index depends on (the Digest executable).
        func bytes(salt: UInt64) -> [UInt8] {
            var writer = ByteWriter()
            writer.bytes = Self.magic
            let size = { (files: [File]) in files.reduce(0) { $0 + $1.bytes.count + $1.path.utf8.count + 16 } }
            // Every byte reserved: growing a buffer of 56 MB (at 54,750 papers) by doubling
            // took the build's memory to its top for a moment.
            let terms = firstTerms.reduce(8) { $0 + $1.count + 8 }
            writer.bytes.reserveCapacity(Self.magic.count + 64 + terms + size(chunks) + size(groups))
            writer.int(salt)
            writer.int(fingerprint)
            writer.int(firstTerms.count)
            for term in firstTerms { writer.array(term) }
            for files in [chunks, groups] {
                writer.int(files.count)
                for file in files {
                    writer.string(file.path)
                    writer.slice(file.bytes)
                }
            }
            writer.seal()
            return writer.bytes
        }
    }
}

// In an extension, so `Kept` keeps its memberwise initializer.
extension SearchIndex.Kept {
    /// What `bytes(salt:)` wrote with the same salt, or nil for anything else: damaged,
    /// cut short, of another version or executable, or inconsistent.
    init?(bytes: [UInt8], salt: UInt64) {
        let read = ByteReader.whole(bytes, magic: Self.magic) { reader throws(ByteReader.Malformed) -> Self? in
            guard try reader.unsigned() == salt else { return nil }
            let fingerprint = try reader.unsigned()
            var firstTerms: [[UInt8]] = []
            for _ in 0..<(try reader.count()) { firstTerms.append(try reader.array(UInt8.self)) }
            func files() throws(ByteReader.Malformed) -> [SearchIndex.File] {
                var files: [SearchIndex.File] = []
                for _ in 0..<(try reader.count()) { files.append(SearchIndex.File(path: try reader.string(), bytes: try reader.slice())) }
                return files
            }
            return Self(fingerprint: fingerprint, firstTerms: firstTerms, chunks: try files(), groups: try files())
        }
        guard let read, read.isConsistent else { return nil }
        self = read
    }

    /// A first term for each chunk, and every file where the index puts it.
    private var isConsistent: Bool {
        firstTerms.count == chunks.count && chunks.allSatisfy { $0.path.hasPrefix("search/t/") }
            && groups.enumerated().allSatisfy { $1.path == "search/d/\($0).json" }
    }
}
