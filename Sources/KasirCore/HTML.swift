/// Text made safe for HTML and SVG: in an element's text or a quoted attribute.
///
/// ```swift
/// HTML.escape("<b>\"Kopi & Teh\"</b>")   // "&lt;b&gt;&quot;Kopi &amp; Teh&quot;&lt;/b&gt;"
/// ```
public enum HTML {
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
