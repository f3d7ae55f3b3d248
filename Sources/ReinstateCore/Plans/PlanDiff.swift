import Foundation

/// A word-level difference between two versions of a plan, built on the standard library's
/// `CollectionDifference`: words and runs of spaces are compared, newlines kept as their own tokens so
/// the result can be shown line by line.
public enum PlanDiff {
    /// What a piece of the difference is.
    public enum Change: String, Sendable, Equatable {
        case same
        case removed
        case added
    }

    /// A run of text that is the same, removed or added.
    public struct Piece: Sendable, Equatable {
        public var change: Change
        public var text: String

        public init(_ change: Change, _ text: String) {
            self.change = change
            self.text = text
        }
    }

    /// The new text as lines of pieces, with the words removed from the old text in place (a line that
    /// was removed whole shows as a line of removed pieces).
    public static func lines(from old: String, to new: String) -> [[Piece]] {
        let before = tokens(old), after = tokens(new)
        let difference = after.difference(from: before)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var lines: [[Piece]] = [[]]
        func append(_ token: String, _ change: Change) {
            if token == "\n" {
                lines.append([])
                return
            }
            if var last = lines[lines.count - 1].last, last.change == change {
                last.text += token
                lines[lines.count - 1][lines[lines.count - 1].count - 1] = last
            } else {
                lines[lines.count - 1].append(Piece(change, token))
            }
        }
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                // A removed line end joins two lines of the old text: nothing to show in the new one.
                if before[i] != "\n" { append(before[i], .removed) }
                i += 1
            } else if j < after.count, inserted.contains(j) {
                append(after[j], after[j] == "\n" ? .same : .added)
                j += 1
            } else {
                if j < after.count { append(after[j], .same) }
                i += 1
                j += 1
            }
        }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map(merge)
    }

    /// The difference as plain text in git's `--word-diff=plain` style: removed words in `[-…-]`, added
    /// ones in `{+…+}`, readable without colour.
    public static func marked(from old: String, to new: String) -> String {
        lines(from: old, to: new).map { line in
            line.map { piece in
                switch piece.change {
                case .same: return piece.text
                case .removed: return "[-" + piece.text + "-]"
                case .added: return "{+" + piece.text + "+}"
                }
            }.joined()
        }.joined(separator: "\n")
    }

    /// How many words were removed and added.
    public static func counts(from old: String, to new: String) -> (removed: Int, added: Int) {
        var removed = 0, added = 0
        for line in lines(from: old, to: new) {
            for piece in line {
                let words = piece.text.split(whereSeparator: \.isWhitespace).count
                if piece.change == .removed { removed += words }
                if piece.change == .added { added += words }
            }
        }
        return (removed, added)
    }

    /// A changed stretch of a line (changed words and the spaces between them) reads as one removed run
    /// and one added run: "[-thin boxes-]{+double-wall boxes with padding+}", not word by word.
    private static func merge(_ line: [Piece]) -> [Piece] {
        var out: [Piece] = []
        var k = 0
        func emit(_ piece: Piece) {
            guard !piece.text.isEmpty else { return }
            if let last = out.last, last.change == piece.change {
                out[out.count - 1].text += piece.text
            } else {
                out.append(piece)
            }
        }
        while k < line.count {
            guard line[k].change != .same else {
                emit(line[k])
                k += 1
                continue
            }
            // The stretch: changed pieces, and same pieces of spaces only when a change follows them.
            var end = k
            var removed = "", added = ""
            while end < line.count {
                let piece = line[end]
                if piece.change == .removed {
                    removed += piece.text
                } else if piece.change == .added {
                    added += piece.text
                } else if piece.text.allSatisfy(\.isWhitespace), end + 1 < line.count, line[end + 1].change != .same {
                    removed += piece.text
                    added += piece.text
                } else {
                    break
                }
                end += 1
            }
            // Spaces both sides start with are not a change.
            let lead = String(zip(removed, added).prefix { $0 == $1 && $0.isWhitespace }.map(\.0))
            if !lead.isEmpty, !removed.isEmpty, !added.isEmpty {
                emit(Piece(.same, lead))
                removed.removeFirst(lead.count)
                added.removeFirst(lead.count)
            }
            if !removed.allSatisfy(\.isWhitespace) { emit(Piece(.removed, removed)) } else if added.isEmpty { emit(Piece(.same, removed)) }
            if !added.allSatisfy(\.isWhitespace) { emit(Piece(.added, added)) } else if !removed.allSatisfy(\.isWhitespace) { emit(Piece(.same, added)) }
            k = end
        }
        return out
    }

    /// Words, runs of spaces and single newlines.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var currentIsSpace = false
        for character in text {
            if character == "\n" || character == "\r\n" {
                if !current.isEmpty { out.append(current) }
                out.append("\n")
                current = ""
                continue
            }
            let isSpace = character.isWhitespace
            if !current.isEmpty, isSpace != currentIsSpace {
                out.append(current)
                current = ""
            }
            current.append(character)
            currentIsSpace = isSpace
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
