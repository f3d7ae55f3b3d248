import Foundation

/// Reads a saved e-mail (RFC 5322 with MIME): the top headers and the readable body.
///
/// Of a multipart/alternative the text/plain part is taken, unless it is empty or a stub next to a
/// much fuller text/html part; of multipart/mixed, related, signed and the like the first readable
/// part. Attachments and attached messages (message/rfc822) are not read. Parts nest at most
/// `maxDepth` deep. A missing closing boundary (a truncated file) ends the last part at the end of
/// the input, so what is there is still read.
enum MimeDecoder {
    struct Mail {
        var headers: MailHeaders
        var text: String
        var warnings: [String]
    }

    static let maxDepth = 12

    /// The e-mail in `bytes`, or nil when the bytes do not start with mail headers.
    static func decode(_ bytes: [UInt8]) -> Mail? {
        guard let (headers, bodyStart) = MailHeaders.parse(bytes[...], requireMailLike: true) else { return nil }
        var warnings: [String] = []
        let body = bytes[bodyStart...]
        let piece = readable(headers: headers, body: body, depth: 0, topLevel: true, warnings: &warnings)
        guard let piece else {
            warnings.append("the e-mail has no readable text part")
            return Mail(headers: headers, text: "", warnings: warnings)
        }
        return Mail(headers: headers, text: piece.html ? HTMLText.text(fromDocument: piece.text) : piece.text, warnings: warnings)
    }

    private struct Piece {
        var text: String
        var html: Bool
    }

    private static func readable(
        headers: MailHeaders, body: ArraySlice<UInt8>, depth: Int, topLevel: Bool, warnings: inout [String]
    ) -> Piece? {
        let (type, params) = MailHeaders.parameters(headers.value("content-type") ?? "text/plain")
        let disposition = MailHeaders.parameters(headers.value("content-disposition") ?? "").main
        if !topLevel && disposition == "attachment" { return nil }
        if type.hasPrefix("multipart/") {
            guard depth < maxDepth else { return nil }
            guard let boundary = params["boundary"], !boundary.isEmpty else {
                return leaf(headers: headers, params: params, body: body, html: false, warnings: &warnings)
            }
            let parts = split(body, boundary: boundary)
            var children: [(headers: MailHeaders, body: ArraySlice<UInt8>)] = []
            for part in parts {
                if let (h, start) = MailHeaders.parse(part, requireMailLike: false) {
                    children.append((h, part[start...]))
                }
            }
            if type == "multipart/alternative" {
                var plain: Piece? = nil
                var html: Piece? = nil
                for child in children {
                    guard let piece = readable(headers: child.headers, body: child.body, depth: depth + 1, topLevel: false, warnings: &warnings) else { continue }
                    if piece.html { if html == nil { html = piece } } else if plain == nil { plain = piece }
                }
                if let p = plain, let h = html {
                    let plainLength = p.text.trimmedSpaces.count
                    if plainLength < 40 {
                        let converted = HTMLText.text(fromDocument: h.text)
                        if converted.count > plainLength * 3 { return Piece(text: converted, html: false) }
                    }
                    return p
                }
                return plain ?? html
            }
            for child in children {
                if let piece = readable(headers: child.headers, body: child.body, depth: depth + 1, topLevel: false, warnings: &warnings) {
                    return piece
                }
            }
            return nil
        }
        if type == "text/html" { return leaf(headers: headers, params: params, body: body, html: true, warnings: &warnings) }
        if type.isEmpty || type.hasPrefix("text/") {
            return leaf(headers: headers, params: params, body: body, html: false, warnings: &warnings)
        }
        return nil
    }

    private static func leaf(
        headers: MailHeaders, params: [String: String], body: ArraySlice<UInt8>, html: Bool, warnings: inout [String]
    ) -> Piece? {
        let raw = decodedBody(headers: headers, body: body)
        var charset = params["charset"]
        if html, charset == nil { charset = HTMLText.metaCharset(raw) }
        let decoded = Charset.decode(raw, charset: charset)
        let name = charset ?? "UTF-8"
        if decoded.unknown {
            warnings.append("the e-mail's character set \(name) is not known; it was read as UTF-8")
        } else if decoded.lossy {
            warnings.append("some bytes of the e-mail could not be read as \(name) and were replaced with \u{FFFD}")
        }
        var text = decoded.text
        if !html, (params["format"] ?? "").lowercased() == "flowed" {
            text = unflow(text, deleteSpace: (params["delsp"] ?? "").lowercased() == "yes")
        }
        return Piece(text: text, html: html)
    }

    /// A part's body with its Content-Transfer-Encoding (quoted-printable, base64) undone; other
    /// encodings (7bit, 8bit, binary) are the bytes themselves.
    static func decodedBody(headers: MailHeaders, body: ArraySlice<UInt8>) -> [UInt8] {
        switch (headers.value("content-transfer-encoding") ?? "").trimmedSpaces.lowercased() {
        case "quoted-printable": return TransferDecoding.quotedPrintable(body)
        case "base64": return TransferDecoding.base64(body)
        default: return Array(body)
        }
    }

    /// The parts between "--boundary" lines. A part ends at the next delimiter line, the closing
    /// "--boundary--", or the end of the input when the closing line is missing.
    static func split(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int? = nil
        var i = body.startIndex
        let end = body.endIndex
        while i < end {
            var j = i
            while j < end, body[j] != 0x0A { j += 1 }
            let lineEnd = j
            let next = j < end ? j + 1 : end
            if lineEnd - i >= delimiter.count, body[i] == 0x2D,
                body[i..<(i + delimiter.count)].elementsEqual(delimiter)
            {
                let rest = body[(i + delimiter.count)..<lineEnd]
                let closing = rest.starts(with: [0x2D, 0x2D])
                if closing || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let s = partStart {
                        var e = i
                        // The line break before the delimiter belongs to the delimiter.
                        if e > s, body[e - 1] == 0x0A { e -= 1 }
                        if e > s, body[e - 1] == 0x0D { e -= 1 }
                        parts.append(body[s..<e])
                    }
                    if closing { return parts }
                    partStart = next
                }
            }
            i = next
        }
        if let s = partStart, s < end { parts.append(body[s..<end]) }
        return parts
    }

    /// RFC 3676 format=flowed: a line ending in a space continues on the next line.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pending = false
        for sub in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = sub
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.hasPrefix(" ") { line = line.dropFirst() }  // space-stuffing
            let soft = line.hasSuffix(" ") && line != "-- "
            if soft && deleteSpace { line = line.dropLast() }
            out += line
            if !soft { out += "\n" }
            pending = soft
        }
        if pending { out += "\n" }
        return out
    }
}
