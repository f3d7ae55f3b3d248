import Foundation

/// A file attached to an e-mail: its bytes as the sender attached them (the transfer encoding undone).
public struct MailAttachment: Sendable, Equatable {
    /// The file name the sender gave ("invoice-2026-10.pdf"), or "attachment-N" when it has none.
    public var filename: String
    /// The MIME type ("application/pdf"), lower-cased.
    public var contentType: String
    public var data: Data

    /// An attachment as read.
    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// Finds the attachments of a saved e-mail: parts marked `attachment`, parts with a file name that are
/// not the text read, and attached messages (message/rfc822, kept as `.eml`). Parts nest at most
/// `MimeDecoder.maxDepth` deep, as for reading.
public enum MailAttachments {
    /// The attachments of `raw`, in the order they appear; empty for a message that is not MIME.
    public static func read(_ raw: Data) -> [MailAttachment] {
        let bytes = [UInt8](raw)
        guard let (headers, bodyStart) = MailHeaders.parse(bytes[...], requireMailLike: true) else { return [] }
        var out: [MailAttachment] = []
        collect(headers: headers, body: bytes[bodyStart...], depth: 0, topLevel: true, into: &out)
        return out
    }

    private static func collect(headers: MailHeaders, body: ArraySlice<UInt8>, depth: Int, topLevel: Bool, into out: inout [MailAttachment]) {
        let (type, params) = MailHeaders.parameters(headers.value("content-type") ?? "text/plain")
        let (disposition, dispositionParams) = MailHeaders.parameters(headers.value("content-disposition") ?? "")
        if type.hasPrefix("multipart/"), let boundary = params["boundary"], !boundary.isEmpty {
            guard depth < MimeDecoder.maxDepth else { return }
            for part in MimeDecoder.split(body, boundary: boundary) {
                if let (h, start) = MailHeaders.parse(part, requireMailLike: false) {
                    collect(headers: h, body: part[start...], depth: depth + 1, topLevel: false, into: &out)
                }
            }
            return
        }
        guard !topLevel else { return }  // a single-part message is its own text
        let name = (dispositionParams["filename"] ?? params["name"]).map { TransferDecoding.encodedWords($0) }
        let isText = type.isEmpty || type == "text/plain" || type == "text/html"
        let attached = disposition == "attachment" || type == "message/rfc822" || (name != nil && !isText) || (!isText && !type.hasPrefix("multipart/"))
        guard attached else { return }
        let data = MimeDecoder.decodedBody(headers: headers, body: body)
        var filename = safeName(name ?? "")
        if filename.isEmpty { filename = "attachment-\(out.count + 1)" + (type == "message/rfc822" ? ".eml" : "") }
        out.append(MailAttachment(filename: filename, contentType: type.isEmpty ? "text/plain" : type, data: Data(data)))
    }

    /// A file name as given, without folders or control characters ("../../etc/x" → "x").
    static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        let trimmed = clean.trimmingCharacters(in: .whitespaces)
        return trimmed == "." || trimmed == ".." ? "" : String(trimmed.prefix(200))
    }
}
