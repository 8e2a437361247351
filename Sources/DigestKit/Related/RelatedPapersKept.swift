extension RelatedPapers {
    /// What a build keeps of its related lists for the next one (`.Site.cache/related/`):
    /// each paper's id, the hash of its cut vector, and its list with the scores, so that the
    /// next build scores against the whole archive only the papers whose vectors changed.
    struct Kept: Equatable {
        /// Paper ids, oldest first, as `PaperTerms` numbers them.
        var ids: [String]
        var hashes: [UInt64]
        /// The list of paper `n` is `others[starts[n]..<starts[n + 1]]` (numbers in `ids`),
        /// with `scores` as `Float` bit patterns: kept exactly, since ties are broken on them.
        var starts: [Int32]
        var others: [Int32]
        var scores: [UInt32]

        init(ids: [String], hashes: [UInt64], lists: [[(paper: Int32, score: Float)]]) {
            self.ids = ids
            self.hashes = hashes
            starts = [0]
            others = []
            scores = []
            for list in lists {
                for (paper, score) in list {
                    others.append(paper)
                    scores.append(score.bitPattern)
                }
                starts.append(Int32(others.count))
            }
        }

        /// Bumped whenever the layout changes; an old file then does not decode.
        static let magic = Array("DIGEST-RELATED-1\n".utf8)

        /// `salt`: what else the lists depend on (the Digest executable).
        func bytes(salt: UInt64) -> [UInt8] {
            var writer = ByteWriter()
            writer.bytes = Self.magic
            writer.int(salt)
            writer.strings(ids)
            writer.array(hashes)
            writer.array(starts)
            writer.array(others)
            writer.array(scores)
            writer.seal()
            return writer.bytes
        }

        /// The lists `bytes(salt:)` wrote with the same salt, or nil for anything else:
        /// damaged, cut short, of another version or executable, or inconsistent.
        init?(bytes: [UInt8], salt: UInt64) {
            let read = ByteReader.whole(bytes, magic: Self.magic) { reader throws(ByteReader.Malformed) -> Kept? in
                guard try reader.unsigned() == salt else { return nil }
                var kept = Kept(ids: try reader.strings(), hashes: try reader.array(UInt64.self), lists: [])
                kept.starts = try reader.array(Int32.self)
                kept.others = try reader.array(Int32.self)
                kept.scores = try reader.array(UInt32.self)
                return kept
            }
            guard let read, read.isConsistent else { return nil }
            self = read
        }

        /// Whether nothing read from the lists is out of bounds.
        private var isConsistent: Bool {
            guard hashes.count == ids.count, starts.count == ids.count + 1, starts.first == 0, starts.last.map(Int.init) == others.count,
                scores.count == others.count
            else { return false }
            return zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 } && others.allSatisfy { $0 >= 0 && Int($0) < ids.count }
        }
    }
}
