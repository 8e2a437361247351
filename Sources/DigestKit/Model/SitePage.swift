/// A page written in Markdown (`Content/pages/<name>.md`), published at `<name>/`.
public struct SitePage: Sendable {
    /// The folder name: the file name as a slug.
    public var name: String
    /// The first line's `# Title`, else the name.
    public var title: String
    /// The Markdown after the title line.
    public var markdown: String
    public var file: String
}
