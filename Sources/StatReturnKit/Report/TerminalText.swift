extension String {
    /// The text with control characters shown as `\u{..}`: file names and cell values come from
    /// anyone, and must not move the cursor or recolour a terminal. Line breaks are kept.
    public var terminalSafe: String {
        guard unicodeScalars.contains(where: { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }) else { return self }
        var out = ""
        for u in unicodeScalars {
            if u != "\n" && (u.value < 0x20 || (0x7F...0x9F).contains(u.value)) {
                out += "\\u{" + String(u.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
