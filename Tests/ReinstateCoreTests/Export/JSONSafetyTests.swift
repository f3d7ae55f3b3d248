import Foundation
import Testing
@testable import ReinstateCore

@Suite struct JSONSafetyTests {
    @Test func controlsTheEncoderLeavesRawAreEscapedAndDecodeTheSame() throws {
        let value = ["text": "a\u{9B}31mb\u{202E}c\u{7F}d\u{1B}[0m 中文 🚀"]
        let encoded = try JSONEncoder().encode(value)
        let safe = JSONSafety.escapingControls(encoded)
        let text = String(decoding: safe, as: UTF8.self)
        #expect(!ExportFixture.hasControls(text))
        #expect(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u007f"))
        #expect(try JSONDecoder().decode([String: String].self, from: safe) == value)
    }

    @Test func cleanJSONIsLeftAlone() throws {
        let encoded = try JSONEncoder().encode(["a": "中文 – ok"])
        #expect(JSONSafety.escapingControls(encoded) == encoded)
    }
}
