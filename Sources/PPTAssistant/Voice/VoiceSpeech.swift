import Foundation
import PPTDomain

/// Numbers, money, dates and units the way they are said in each language, and SSML.
///
/// Dates go into sentences as markers (`date(_:)`) so one sentence renders both as plain speech
/// ("15. marca", "March 15") and as SSML (`<say-as interpret-as="date">????0315</say-as>`).
enum VoiceSpeech {
    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"

    /// A marker for `day` inside a sentence; `speech(_:locale:today:)` and `ssml(_:today:)` render it.
    static func date(_ day: CalendarDate) -> String {
        "\(open)\(day.description)\(close)"
    }

    /// The sentence with its dates spoken: `15. marca`, `15. března`, `15. März`, `March 15` (the year
    /// only when it is not this year's).
    static func speech(_ text: String, locale: AppLocale, today: CalendarDate) -> String {
        replacingDates(in: text) { spoken($0, locale: locale, today: today) }
    }

    /// The sentence as SSML: escaped, dates as `<say-as interpret-as="date">` (year `????` when it is this
    /// year's).
    static func ssml(_ text: String, today: CalendarDate? = nil) -> String {
        var body = ""
        var marker: String?
        for character in text {
            if character == open { marker = ""; continue }
            if character == close, let value = marker, let day = CalendarDate(value) {
                let digits = String(format: "%02d%02d", day.month, day.day)
                let year = day.year == today?.year ? "????" : String(format: "%04d", day.year)
                body += "<say-as interpret-as=\"date\">\(year)\(digits)</say-as>"
                marker = nil
                continue
            }
            if marker != nil { marker! += String(character); continue }
            body += escape(character)
        }
        return "<speak>\(body)</speak>"
    }

    private static func escape(_ character: Character) -> String {
        switch character {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&apos;"
        default: String(character)
        }
    }

    private static func replacingDates(in text: String, _ render: (CalendarDate) -> String) -> String {
        var result = ""
        var marker: String?
        for character in text {
            if character == open { marker = ""; continue }
            if character == close, let value = marker {
                result += CalendarDate(value).map(render) ?? value
                marker = nil
                continue
            }
            if marker != nil { marker! += String(character) } else { result.append(character) }
        }
        return result
    }

    private static let slovakMonths = ["januára", "februára", "marca", "apríla", "mája", "júna", "júla", "augusta",
                                       "septembra", "októbra", "novembra", "decembra"]
    private static let czechMonths = ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna",
                                      "září", "října", "listopadu", "prosince"]
    private static let germanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                                       "September", "Oktober", "November", "Dezember"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    /// A day as said: `15. marca`, `15. března`, `15. März`, `March 15`, with the year when not this year's.
    static func spoken(_ day: CalendarDate, locale: AppLocale, today: CalendarDate) -> String {
        let month = day.month - 1
        let year = day.year == today.year ? "" : " \(day.year)"
        switch locale {
        case .sk: return "\(day.day). \(slovakMonths[month])\(year)"
        case .cs: return "\(day.day). \(czechMonths[month])\(year)"
        case .de: return "\(day.day). \(germanMonths[month])\(year)"
        case .en: return "\(englishMonths[month]) \(day.day)" + (year.isEmpty ? "" : ",\(year)")
        }
    }

    /// An amount as said, without symbols: `120,50 eura`, `3 eurá`, `120,50 Euro`, `120.50 euros`,
    /// `250 korún`. Negative amounts are said as their magnitude (the sentence says credit or debt).
    static func money(_ amountMinor: Int64, _ currency: Currency, _ locale: AppLocale) -> String {
        let magnitude = amountMinor.magnitude
        let (major, minor) = (magnitude / 100, magnitude % 100)
        let separator = locale == .en ? "." : ","
        let number = minor == 0 ? "\(major)" : "\(major)\(separator)\(minor < 10 ? "0" : "")\(minor)"
        let whole = minor == 0 ? Int(clamping: major) : nil
        // Slovak and Czech decline by count; a fractional amount takes the genitive singular ("120,50 eura").
        let declined = { (one: String, few: String, many: String, fraction: String) in
            whole.map { AssistantText.plural($0, locale, one: one, few: few, many: many) } ?? fraction
        }
        let noun: String
        switch (currency, locale) {
        case (.EUR, .sk): noun = declined("euro", "eurá", "eur", "eura")
        case (.EUR, .cs): noun = declined("euro", "eura", "eur", "eura")
        case (.EUR, .de): noun = "Euro"
        case (.EUR, .en): noun = whole == 1 ? "euro" : "euros"
        case (.CZK, .sk): noun = declined("koruna", "koruny", "korún", "koruny")
        case (.CZK, .cs): noun = declined("koruna", "koruny", "korun", "koruny")
        case (.CZK, .de): noun = whole == 1 ? "Krone" : "Kronen"
        case (.CZK, .en): noun = whole == 1 ? "crown" : "crowns"
        }
        return "\(number) \(noun)"
    }

    /// A measured value with its unit of measure as said: `1234,5 kubických metrov`.
    static func measure(_ value: Double, unit: String, _ locale: AppLocale) -> String {
        let number = AssistantText.number(value, locale)
        let said = measureUnit(unit, locale)
        return said.isEmpty ? number : "\(number) \(said)"
    }

    /// A unit of measure as said (symbols spelled out; unknown units kept when they are plain letters).
    static func measureUnit(_ unit: String, _ locale: AppLocale) -> String {
        switch SearchText.fold(unit).replacingOccurrences(of: " ", with: "") {
        case "m³", "m3":
            return AssistantText.pick(locale, sk: "kubických metrov", cs: "kubických metrů", de: "Kubikmeter",
                                      en: "cubic meters")
        case "kwh":
            return AssistantText.pick(locale, sk: "kilowatthodín", cs: "kilowatthodin", de: "Kilowattstunden",
                                      en: "kilowatt hours")
        case "mwh":
            return AssistantText.pick(locale, sk: "megawatthodín", cs: "megawatthodin", de: "Megawattstunden",
                                      en: "megawatt hours")
        case "gj":
            return AssistantText.pick(locale, sk: "gigajoulov", cs: "gigajoulů", de: "Gigajoule", en: "gigajoules")
        case "l":
            return AssistantText.pick(locale, sk: "litrov", cs: "litrů", de: "Liter", en: "liters")
        default:
            return unit.allSatisfy(\.isLetter) ? unit : ""
        }
    }

    /// Free text (a model's answer) made speakable: no citations, markup or symbols, at most `words` words
    /// (cut at the last sentence end that fits, else at the limit).
    static func speakable(_ text: String, words limit: Int, _ locale: AppLocale) -> String {
        var cleaned = text.replacingOccurrences(of: #"\[\d+(?:\s*,\s*\d+)*\]"#, with: "", options: .regularExpression)
        for mark in ["**", "__", "`", "#", "*", "_", "•", "|"] {
            cleaned = cleaned.replacingOccurrences(of: mark, with: " ")
        }
        let symbols: [(String, String)] = [
            ("€", AssistantText.pick(locale, sk: " eur", cs: " eur", de: " Euro", en: " euros")),
            ("Kč", AssistantText.pick(locale, sk: " korún", cs: " korun", de: " Kronen", en: " crowns")),
            ("m³", " " + measureUnit("m³", locale)),
            ("m²", AssistantText.pick(locale, sk: " štvorcových metrov", cs: " čtverečních metrů", de: " Quadratmeter",
                                      en: " square meters")),
            ("%", AssistantText.pick(locale, sk: " percent", cs: " procent", de: " Prozent", en: " percent")),
            ("&", AssistantText.pick(locale, sk: " a ", cs: " a ", de: " und ", en: " and ")),
        ]
        for (symbol, said) in symbols { cleaned = cleaned.replacingOccurrences(of: symbol, with: said) }
        let tokens = cleaned.split(whereSeparator: \.isWhitespace).map(String.init)
        guard tokens.count > limit else { return tokens.joined(separator: " ") }
        let kept = Array(tokens.prefix(limit))
        if let end = kept.lastIndex(where: { $0.hasSuffix(".") || $0.hasSuffix("!") || $0.hasSuffix("?") }),
           end >= limit / 3 {
            return kept[...end].joined(separator: " ")
        }
        return kept.joined(separator: " ") + "…"
    }
}
