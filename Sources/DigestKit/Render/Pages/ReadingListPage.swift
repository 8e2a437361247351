/// `reading-list/`: the papers a reader saved, their notes, what they mute and watch, and
/// export and import. All of it lives in the reader's browser (docs/reader-features.md); the
/// page is the frame the scripts fill, and says so to a browser without JavaScript.
enum ReadingListPage {
    static let urlPath = "reading-list/"
    /// Optional: layouts without it have no reading list page and no link to one.
    static let template = "reading-list"
    /// Loaded after the site's script modules, on this page only (it uses store.js and reader.js).
    static let script = "list.js"

    static func context(digest: Digest, chrome: PageChrome) -> TemplateObject {
        var context = chrome.context(
            urlPath: urlPath, title: chrome.text.text("list.title"), description: chrome.text.text("list.description"), section: .readingList)
        // Every topic, so a reader can mute one before it shows up on a card.
        context["topics"] = digest.topics.map { group -> TemplateObject in
            ["name": group.topic.name, "slug": group.topic.slug, "color": group.topic.colorIndex]
        }
        context["pageScript"] = chrome.readingListScript.map { PageChrome.root(for: urlPath) + $0 }
        context["latestDayHref"] = digest.window.first.map { "../" + DayPage.urlPath($0.day) }
        return context
    }
}
