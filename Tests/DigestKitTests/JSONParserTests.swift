import Testing
@testable import DigestKit

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSON { try JSONParser.parse(Array(text.utf8)) }

    private func failure(_ text: String) -> (line: Int, column: Int, message: String)? {
        let file = SourceFile(path: "x.json", text: text)
        do {
            _ = try JSONParser.parse(file.bytes)
            return nil
        } catch {
            let (line, column) = file.lineColumn(of: error.offset)
            return (line, column, error.message)
        }
    }

    @Test func parsesNestedValuesWithOffsets() throws {
        let json = try parse(#"{"a": [1, -2.5e1, true, null], "b": "x\u00e9\n"}"#)
        guard case .object(let members) = json.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[1].keyOffset == 31)
        guard case .array(let items) = members[0].value.value else { Issue.record("not an array"); return }
        #expect(items.map(\.offset) == [7, 10, 18, 24])
        guard case .number(let number) = items[1].value else { Issue.record("not a number"); return }
        #expect(number == -25)
        guard case .string(let text) = members[1].value.value else { Issue.record("not a string"); return }
        #expect(text == "xé\n")
    }

    @Test func decodesSurrogatePairs() throws {
        let json = try parse(#""\ud83d\ude00""#)
        guard case .string(let text) = json.value else { Issue.record("not a string"); return }
        #expect(text == "😀")
    }

    @Test func acceptsAByteOrderMark() throws {
        let json = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))
        guard case .array(let items) = json.value else { Issue.record("not an array"); return }
        #expect(items.count == 1)
    }

    @Test func missingCommaReportsLineAndColumn() {
        let problem = failure("[\n  {\"id\": \"1\"}\n  {\"id\": \"2\"}\n]")
        #expect(problem?.line == 3)
        #expect(problem?.column == 3)
        #expect(problem?.message.contains("expected ',' or ']'") == true)
    }

    @Test func truncatedDocumentSaysEndOfFile() {
        let problem = failure(#"{"papers": [{"id": "1""#)
        #expect(problem?.message.contains("the end of the file") == true)
    }

    @Test func trailingGarbageIsAnError() {
        let problem = failure("[1] x")
        #expect(problem?.column == 5)
        #expect(problem?.message.contains("after the end") == true)
    }

    @Test func duplicateKeysAreAnError() {
        let problem = failure(#"{"title": "a", "title": "b"}"#)
        #expect(problem?.column == 16)
        #expect(problem?.message.contains("duplicate key \"title\"") == true)
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let problem = failure(deep)
        #expect(problem?.message.contains("nested more than") == true)
        #expect(problem?.column == JSONParser.maxDepth + 1)
    }

    @Test func rawControlCharactersAndBadEscapesAreErrors() {
        #expect(failure("\"a\u{01}b\"")?.message.contains("U+0001") == true)
        #expect(failure(#""a\qb""#)?.message.contains("invalid escape") == true)
        #expect(failure(#""\ud800""#)?.message.contains("surrogate") == true)
    }

    @Test func numbersFollowTheGrammar() {
        #expect(failure("01") != nil)
        #expect(failure("1.") != nil)
        #expect(failure("-") != nil)
        #expect(failure("1e400")?.message.contains("out of range") == true)
        #expect(failure("[0, 1.5, -3e2]") == nil)
    }

    @Test func columnsCountCharactersNotBytes() {
        let file = SourceFile(path: "x", text: "é€😀x")
        let offset = Array("é€😀".utf8).count
        #expect(file.lineColumn(of: offset) == (1, 4))
    }

    @Test func findsTheFirstInvalidUTF8Byte() {
        let file = SourceFile(path: "x", bytes: Array("ok é".utf8) + [0xC3, 0x28])
        #expect(file.firstInvalidUTF8Offset() == 5)
        #expect(SourceFile(path: "x", text: "fine é").firstInvalidUTF8Offset() == nil)
    }
}
