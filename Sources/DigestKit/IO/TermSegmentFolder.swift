/// The build cache's `terms` folder: a file per month of papers cut into terms
/// (`TermSegment`), so the next build cuts only the months that changed.
struct TermSegmentFolder: TermSegmentStore {
    let folder: CacheFolder

    func segment(_ month: String) -> TermSegment? {
        guard let bytes = folder.read(month), let segment = TermSegment(bytes: bytes), segment.month == month else { return nil }
        return segment
    }

    func keep(_ segment: TermSegment) { folder.write(segment.month, segment.bytes) }
}
