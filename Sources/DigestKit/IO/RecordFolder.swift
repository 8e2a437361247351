import Foundation

/// The build cache's `records` folder: for each paper file that decoded without errors, its
/// records and warnings, so a build decodes again only the files whose bytes changed, and
/// does not even read the others.
///
/// A file's entry is named after its path and holds the hash of the bytes it was decoded
/// from and `salt` (the Digest executable, the options, `site.json`, which gives the time
/// zone): an entry whose hash or salt is not this build's is decoded again.
struct RecordFolder: DecodedRecordStore {
    let folder: CacheFolder
    /// The content's paper files, by number.
    let paths: [String]
    /// Hashes of the files' bytes that the change check knows (unchanged or re-read files).
    let known: [String: UInt64]
    /// Hashes of the files loading read itself (a first build's).
    let reads: InputReads?
    let salt: UInt64

    static let magic = Array("DIGEST-RECORDS-1\n".utf8)

    func decoded(_ file: Int) -> DecodedRecords? {
        let path = paths[file]
        guard let hash = known[path], let bytes = folder.read(Self.name(path)) else { return nil }
        return ByteReader.whole(bytes, magic: Self.magic) { reader throws(ByteReader.Malformed) -> DecodedRecords? in
            guard try reader.string() == path, try reader.unsigned() == hash, try reader.unsigned() == salt else { return nil }
            var records: [Paper] = []
            for _ in 0..<(try reader.count()) { records.append(try reader.paper(file: file, path: path)) }
            var diagnostics: [Diagnostic] = []
            for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
            guard diagnostics.allSatisfy({ $0.severity != .error && $0.file == path }) else { return nil }
            return DecodedRecords(records: records, diagnostics: diagnostics)
        }
    }

    func keep(_ file: Int, _ decoded: DecodedRecords) {
        let path = paths[file]
        guard let hash = known[path] ?? reads?.hash(of: path) else { return }
        var writer = ByteWriter()
        writer.bytes = Self.magic
        writer.string(path)
        writer.int(hash)
        writer.int(salt)
        writer.int(decoded.records.count)
        for record in decoded.records { writer.paper(record) }
        writer.int(decoded.diagnostics.count)
        for diagnostic in decoded.diagnostics { writer.diagnostic(diagnostic) }
        writer.seal()
        folder.write(Self.name(path), writer.bytes)
    }

    /// A file name for the path: its hash, so any path (however deep or long) has one.
    static func name(_ path: String) -> String { String(ContentHash.of(path), radix: 16) }
}
