import CNcursesw
import ReinstateUI

/// Turns what `wget_wch` returned into a terminal event.
enum KeyDecoding {
    /// A function key code (`KEY_CODE_YES`).
    static func functionKey(_ code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE: return .resize(width: Int(reinstate_cols()), height: Int(reinstate_lines()))
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            switch reinstate_read_mouse(&x, &y) {
            case 1: return .mouse(MouseEvent(kind: .click, x: Int(x), y: Int(y)))
            case 2: return .mouse(MouseEvent(kind: .doubleClick, x: Int(x), y: Int(y)))
            case 3: return .mouse(MouseEvent(kind: .wheelUp, x: Int(x), y: Int(y)))
            case 4: return .mouse(MouseEvent(kind: .wheelDown, x: Int(x), y: Int(y)))
            default: return nil
            }
        default:
            let f0 = reinstate_key_f0()
            if code > f0, code <= f0 + 12 { return .key(.function(Int(code - f0))) }
            return nil
        }
    }

    /// A character: controls become named keys.
    static func character(_ value: UInt32) -> TerminalEvent? {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            return .key(.control(Character(scalar)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}
