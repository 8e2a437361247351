extension TemplateSkeletons {
    /// Skeletons kept from one build for the next (`.Site.cache/skeletons/`, `KeptFile`),
    /// each with how many builds ago it was last used.
    struct Kept: Equatable {
        struct Entry: Equatable {
            var key: Key
            /// The page the engine rendered with placeholders.
            var page: [UInt8]
            /// How many values the page has places for.
            var leaves: Int
            var age: Int
        }

        var entries: [Entry]

        /// Bumped whenever the layout changes; an old file then does not decode.
        static let magic = Array("DIGEST-SKELETONS-1\n".utf8)

        /// `salt`: what else the skeletons depend on (the Digest executable, whose template
        /// engine made them, and the layouts).
        func bytes(salt: UInt64) -> [UInt8] {
            var writer = ByteWriter()
            writer.bytes = Self.magic
            writer.int(salt)
            writer.int(entries.count)
            for entry in entries {
                writer.string(entry.key.template)
                writer.array(entry.key.shape)
                writer.array(entry.page)
                writer.int(entry.leaves)
                writer.int(entry.age)
            }
            writer.seal()
            return writer.bytes
        }
    }
}

// Decoding is in an extension, so `Kept` keeps its memberwise initializer.
extension TemplateSkeletons.Kept {
    /// The skeletons `bytes(salt:)` wrote with the same salt, or nil for anything else:
    /// damaged, cut short, of another version, executable or layouts.
    init?(bytes: [UInt8], salt: UInt64) {
        let read = ByteReader.whole(bytes, magic: Self.magic) { reader throws(ByteReader.Malformed) -> Self? in
            guard try reader.unsigned() == salt else { return nil }
            var entries: [Entry] = []
            for _ in 0..<(try reader.count()) {
                let key = TemplateSkeletons.Key(template: try reader.string(), shape: try reader.array(UInt8.self))
                entries.append(Entry(key: key, page: try reader.array(UInt8.self), leaves: try reader.count(), age: try reader.count()))
            }
            return Self(entries: entries)
        }
        guard let read else { return nil }
        self = read
    }
}
