/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the same papers as the RSS feed.
enum JSONFeed {
    static func render(title: String, description: String?, path: String, pageURL: String, entries: [FeedEntry], config: SiteConfig) -> [UInt8] {
        var json = JSONBytes(capacity: 4096 + entries.count * 4096)
        json.object { json in
            json.member("version", "https://jsonfeed.org/version/1.1")
            json.member("title", title)
            json.member("home_page_url", pageURL)
            json.member("feed_url", config.baseURL.resolve(path))
            json.member("description", description)
            json.member("language", config.language)
            json.key("authors")
            json.array { json in json.object { json in json.member("name", config.title) } }
            json.key("items")
            json.array { json in
                for entry in entries {
                    json.object { json in
                        json.member("id", entry.permalink)
                        json.member("url", entry.permalink)
                        json.member("title", entry.title)
                        json.member("content_html", entry.html)
                        json.member("summary", entry.summary)
                        json.member("date_published", entry.date.rfc3339)
                        if !entry.authors.isEmpty {
                            json.key("authors")
                            json.array { json in
                                for author in entry.authors.prefix(20) { json.object { json in json.member("name", author) } }
                            }
                        }
                        json.key("tags")
                        json.array(entry.topics)
                    }
                }
            }
        }
        return json.bytes
    }
}
