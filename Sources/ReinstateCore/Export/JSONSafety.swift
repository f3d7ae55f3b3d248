import Foundation

/// Makes encoded JSON safe to print on a terminal without changing what it decodes to.
public enum JSONSafety {
    /// Rewrites DEL, C1 controls (U+0080–U+009F) and bidirectional controls as `\uXXXX` escapes.
    /// `JSONEncoder` already escapes C0 controls (ESC among them); these others it writes raw, and some
    /// terminals act on them. Outside strings JSON is ASCII, so every such character is inside a string,
    /// where the escape means the same character: the document decodes to the same values.
    public static func escapingControls(_ json: Data) -> Data {
        guard json.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) else { return json }
        let text = String(decoding: json, as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return Data(out.utf8)
    }
}
