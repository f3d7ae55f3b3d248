import ReinstateCore
/// An inline word diff of two texts, git `--word-diff=plain` style: removed words in `[-…-]`, added
/// ones in `{+…+}`, so the change reads without colour too. Built on `CollectionDifference`.
public enum WordDiff {
    /// Styles of removed and added words.
    public static let removedStyle = Style(foreground: .removed, underline: true)
    public static let addedStyle = Style(foreground: .added, bold: true)

    /// The new text as lines, with the changes from the old one marked.
    public static func lines(from old: String, to new: String) -> [StyledLine] {
        let before = tokens(TerminalSafe.clean(old)), after = tokens(TerminalSafe.clean(new))
        let difference = after.difference(from: before)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        enum Kind { case same, removed, added }
        var merged: [(String, Kind)] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                merged.append((before[i], .removed))
                i += 1
            } else if j < after.count, inserted.contains(j) {
                merged.append((after[j], .added))
                j += 1
            } else {
                if j < after.count { merged.append((after[j], .same)) }
                i += 1
                j += 1
            }
        }
        var lines: [StyledLine] = [[]]
        var run: (text: String, kind: Kind)? = nil
        func flush() {
            guard let current = run else { return }
            switch current.kind {
            case .same: lines[lines.count - 1].append(Span(current.text))
            case .removed: lines[lines.count - 1].append(Span("[-" + current.text + "-]", removedStyle))
            case .added: lines[lines.count - 1].append(Span("{+" + current.text + "+}", addedStyle))
            }
            run = nil
        }
        for (token, kind) in merged {
            if token == "\n" {
                flush()
                if kind != .removed { lines.append([]) }
                continue
            }
            if var current = run, current.kind == kind {
                current.text += token
                run = current
            } else if var current = run, token.allSatisfy(\.isWhitespace), kind != .same {
                // Spaces inside a changed run stay in the run.
                current.text += token
                run = current
            } else {
                flush()
                run = (token, kind)
            }
        }
        flush()
        return lines
    }

    /// Words, runs of spaces and single newlines.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var currentIsSpace = false
        for character in text {
            if character == "\n" {
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
