import Foundation

/// One message as it came out of a mailbox: its bytes exactly as the mail program kept them (an mbox's
/// "From " separator line and its `>From ` quoting taken off), and where it was found.
public struct MailboxItem: Sendable, Equatable {
    /// Where the message was found, for the seller: "inbox.mbox, message 12" or a Maildir file's path.
    public var origin: String
    /// The message's bytes.
    public var raw: Data
    /// Maildir flags from the file name ("S" seen, "R" replied, "F" flagged, "T" trashed, "D" draft), sorted.
    public var flags: String

    /// An item as read.
    public init(origin: String, raw: Data, flags: String = "") {
        self.origin = origin
        self.raw = raw
        self.flags = flags
    }
}

/// What reading a mailbox gives, one at a time: a message, or a problem with one part of the mailbox
/// (said in one line; the rest is still read).
public enum MailboxEntry: Sendable, Equatable {
    case message(MailboxItem)
    case problem(String)
    /// The mailbox changed while it was read (messages appended, or the file compacted and replaced by
    /// the mail program): reading it again from the start takes in what was missed.
    case changed(String)
}

/// A mailbox read one message at a time, so memory holds one message whatever the mailbox's size.
public protocol Mailbox {
    /// The next message or problem, or nil at the end.
    mutating func next() -> MailboxEntry?
}

/// The three shapes a mailbox comes in, and which one a path is.
public enum MailboxFormat: String, Sendable, CaseIterable {
    /// One file of messages, each after a "From " line (Thunderbird, Google Takeout, /var/mail).
    case mbox
    /// A folder with `cur`, `new` and `tmp`, one file a message (mbsync, offlineimap, fetchmail).
    case maildir
    /// A folder of saved `.eml` files.
    case emlFolder = "eml"

    /// Which shape `path` has, or why it is none of them.
    public static func detect(_ path: String) throws -> MailboxFormat {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw FileProblem(errno == ENOENT ? "\(path) does not exist." : "\(path) cannot be read: \(String(cString: strerror(errno))).")
        }
        if st.st_mode & S_IFMT == S_IFDIR {
            if MailFolder.isMaildir(path) { return .maildir }
            return .emlFolder
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw FileProblem("\(path) is \(RegularFile.kind(st.st_mode)), not a mailbox.")
        }
        let head = try RegularFile.head(path, count: 5, what: "mailbox")
        if head.elementsEqual("From ".utf8) { return .mbox }
        throw FileProblem(
            "\(path) is not a mailbox: an mbox file starts with a \"From \" line (give a single saved e-mail to `message add`).")
    }

    /// Opens `path` as the mailbox it is.
    public static func open(_ path: String, limit: Int = MessageReader.largestMessage) throws -> any Mailbox {
        switch try detect(path) {
        case .mbox: return try MboxReader(path: path, limit: limit)
        case .maildir: return MailFolder(path: path, layout: .maildir, limit: limit)
        case .emlFolder: return MailFolder(path: path, layout: .eml, limit: limit)
        }
    }
}
