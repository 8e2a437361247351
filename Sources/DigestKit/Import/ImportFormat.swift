import DigestXML

/// The collector outputs `digest import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// Hugging Face's `/api/daily_papers` response.
    case hfDaily = "hf-daily"
    /// `out/output.json` of gpt_paper_assistant and its forks.
    case paperAssistant = "paper-assistant"
    /// An arXiv API (`export.arxiv.org/api/query`) Atom response.
    case arxivAtom = "arxiv-atom"
    /// daily-arXiv-ai-enhanced's `YYYY-MM-DD_AI_enhanced_<Language>.jsonl`.
    case dailyArxiv = "daily-arxiv"

    /// Recognises a format from the content itself, or nil.
    public static func detect(_ bytes: [UInt8]) -> ImportFormat? {
        let file = SourceFile(path: "", bytes: bytes)
        // JSON Lines: the first line alone is an object with an arXiv paper's fields and an `AI` object.
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")), bytes[newline...].contains(where: { $0 > 0x20 }),
            let first = PaperFileDecoder.parse(SourceFile(path: "", bytes: Array(bytes[..<newline]))),
            case .object = first.value, first["id"] != nil, first["AI"] != nil || first["categories"] != nil
        {
            return .dailyArxiv
        }
        if let json = PaperFileDecoder.parse(file) {
            switch json.value {
            case .array(let items):
                if let first = items.first, case .object = first.value, let paper = first["paper"], case .object = paper.value.value {
                    return .hfDaily
                }
            case .object(let members):
                let entries = members.prefix(5).map(\.value)
                if !entries.isEmpty, entries.allSatisfy({ $0["title"] != nil && ($0["abstract"] != nil || $0["arxiv_id"] != nil || $0["ARXIVID"] != nil) }) {
                    return .paperAssistant
                }
            default:
                break
            }
            return nil
        }
        let text = bytes.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if text.first == UInt8(ascii: "<"), let doc = try? XMLDocument.xml(bytes),
            doc.root?.name == "feed", !doc.nodes("/a:feed", namespaces: ["a": ArxivAtomReader.atom]).isEmpty
        {
            return .arxivAtom
        }
        return nil
    }
}
