import Foundation

/// Reads a Maildir (`new` and `cur`; `tmp` holds messages still being written and is skipped) or a folder
/// of `.eml` files, one file a message, in name order.
///
/// Mail programs move files while they work (`new` to `cur`, with flags added to the name): a file that
/// is gone when its turn comes is looked for under its new name; files that appear while the folder is
/// read are read too (the folder is listed again at the end, a few times at most). A file that cannot
/// be read, or is larger than `limit`, is a problem line; the others are still read.
public struct MailFolder: Mailbox {
    /// Which files of a folder are messages.
    public enum Layout: Sendable {
        case maildir
        case eml
    }

    let path: String
    let layout: Layout
    let limit: Int
    private var pending: [String] = []
    private var seen = Set<String>()
    /// Maildir names without their flags, so a message renamed while the folder is read is read once.
    private var seenUnique = Set<String>()
    private var listings = 0
    private var started = false

    /// The folder at `path`, read as `layout`.
    public init(path: String, layout: Layout, limit: Int = MessageReader.largestMessage) {
        self.path = path
        self.layout = layout
        self.limit = limit
    }

    /// Whether `path` is a Maildir: it has `cur` and `new` folders.
    public static func isMaildir(_ path: String) -> Bool {
        var st = stat()
        return ["cur", "new"].allSatisfy { stat(path + "/" + $0, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR }
    }

    /// How many times the folder is listed again for messages that arrived while it was read.
    static let relistings = 3

    public mutating func next() -> MailboxEntry? {
        if !started {
            started = true
            if let problem = list() { return .problem(problem) }
        }
        while true {
            if pending.isEmpty {
                guard listings <= Self.relistings else { return nil }
                if let problem = list() { return .problem(problem) }
                if pending.isEmpty { return nil }
            }
            let file = pending.removeFirst()
            if let entry = read(file) { return entry }
        }
    }

    /// The message in `file` (relative to the folder), a problem, or nil when it moved to a name already read.
    private mutating func read(_ file: String) -> MailboxEntry? {
        var full = path + "/" + file
        var st = stat()
        if lstat(full, &st) != 0, errno == ENOENT {
            // Moved by the mail program (new → cur, flags changed): the same unique name before ":".
            guard layout == .maildir, let moved = movedName(of: file) else {
                return .problem("\(full) disappeared while the mailbox was read; the next import takes it in if it is still there.")
            }
            if seen.contains(moved) { return nil }
            seen.insert(moved)  // its unique part is already in seenUnique
            full = path + "/" + moved
        }
        do {
            let fd = try RegularFile.open(full, what: "message file")
            defer { close(fd) }
            let size = Int(RegularFile.size(fd))
            if size > limit {
                return .problem("\(full) is \(size / 1_048_576) MB, larger than the \(limit / 1_048_576) MB Reinstate reads; skipped.")
            }
            let data = try RegularFile.read(fd, upTo: limit + 1)
            if data.count > limit {
                return .problem("\(full) grew past \(limit / 1_048_576) MB while it was read; skipped.")
            }
            return .message(MailboxItem(origin: full, raw: data, flags: Self.flags(file)))
        } catch {
            return .problem("\(error)".hasSuffix(".") ? "\(error) Skipped." : "\(error); skipped.")
        }
    }

    /// Lists the folder, adding the files not seen yet to `pending`; a problem when it cannot be listed.
    private mutating func list() -> String? {
        listings += 1
        let fm = FileManager.default
        var names: [String] = []
        switch layout {
        case .maildir:
            for sub in ["new", "cur"] {
                do {
                    names += try fm.contentsOfDirectory(atPath: path + "/" + sub).filter { !$0.hasPrefix(".") }.map { sub + "/" + $0 }
                } catch {
                    return "\(path)/\(sub) cannot be listed (check its permissions); its messages were not read."
                }
            }
        case .eml:
            do {
                names = try fm.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".eml") }
            } catch {
                return "\(path) cannot be listed (check its permissions); nothing was read from it."
            }
        }
        // Name order is arrival order for Maildir's time-stamped names, and stable for the rest.
        for name in names.sorted() where !seen.contains(name) {
            if layout == .maildir {
                // The same message under a name with other flags, or moved to cur, is read once.
                guard seenUnique.insert(Self.unique(String(name.split(separator: "/").last ?? ""))).inserted else { continue }
            }
            seen.insert(name)
            pending.append(name)
        }
        return nil
    }

    /// The current name of a Maildir message that moved: the same unique part in `cur` or `new`.
    private func movedName(of file: String) -> String? {
        let unique = Self.unique(String(file.split(separator: "/").last ?? ""))
        for sub in ["cur", "new"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path + "/" + sub)) ?? []
            if let hit = names.first(where: { Self.unique($0) == unique }) { return sub + "/" + hit }
        }
        return nil
    }

    /// A Maildir file name without its info part (":2,FS").
    static func unique(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[..<$0]) } ?? name
    }

    /// The flags of a Maildir file name ("1700000000.M1P2.host:2,RS" → "RS").
    static func flags(_ name: String) -> String {
        guard let range = name.range(of: ":2,", options: .backwards) else { return "" }
        return String(name[range.upperBound...].filter { $0.isUppercase }.sorted())
    }
}
