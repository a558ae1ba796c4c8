import PPTDomain

/// The Reality Portal pages' own words in the four languages PPT speaks. Listing texts come from
/// the listing; these are the labels around them.
enum PortalText {
    /// The words of `language`, keyed as the templates use them (`{{t.search}}`).
    static func words(_ language: AppLocale) -> [String: String] {
        var words = english
        for (key, value) in translations[language] ?? [:] { words[key] = value }
        return words
    }

    /// The language names, each in its own language (for the language switcher).
    static let languageNames: [AppLocale: String] = [.sk: "Slovenčina", .cs: "Čeština", .de: "Deutsch", .en: "English"]

    private static let english: [String: String] = [
        "site": "PPT Reality", "tagline": "Flats and houses from housing cooperatives and property managers",
        "searchTitle": "Properties for sale and rent", "searchDescription": "Search flats and houses for sale and rent: filter by city, price, size and rooms.",
        "text": "Search words", "city": "City", "type": "Offer", "any": "Any", "sale": "For sale", "rent": "For rent",
        "minPrice": "Price from", "maxPrice": "Price to", "minRooms": "Rooms (at least)", "sort": "Sort by",
        "newest": "Newest", "price_asc": "Cheapest first", "price_desc": "Most expensive first", "size_desc": "Largest first",
        "search": "Search", "results": "results", "noResults": "No listing matches these filters. Try fewer filters.",
        "previous": "Previous", "next": "Next", "page": "Page", "of": "of", "rooms": "rooms", "perMonth": "per month",
        "size": "Floor area", "roomsLabel": "Rooms", "address": "Address", "features": "Features", "published": "Published",
        "photos": "Photos", "description": "Description", "back": "Back to search", "priceLabel": "Price",
        "inquiry": "Ask about this property", "name": "Your name", "email": "E-mail", "phone": "Phone (optional)",
        "message": "Message", "send": "Send inquiry", "sent": "Thank you. Your inquiry was sent; the agent will reply by e-mail.",
        "formErrors": "Please correct the marked fields.", "originalLanguage": "This description is in another language.",
        "notFound": "This listing is no longer offered.", "language": "Language", "noPhoto": "No photo yet",
        "currency": "Currency", "currencyNeeded": "Choose a currency for the price filter.", "required": "Required.", "skip": "Skip to content", "invalidEmail": "Enter a valid e-mail address.", "invalidPhone": "Enter a valid phone number.", "tooLong": "Too long.",
    ]

    private static let translations: [AppLocale: [String: String]] = [
        .sk: [
            "tagline": "Byty a domy od bytových družstiev a správcov", "searchTitle": "Nehnuteľnosti na predaj a prenájom",
            "searchDescription": "Hľadajte byty a domy na predaj a prenájom: filtrujte podľa mesta, ceny, výmery a počtu izieb.",
            "text": "Hľadané slová", "city": "Mesto", "type": "Ponuka", "any": "Všetko", "sale": "Predaj", "rent": "Prenájom",
            "minPrice": "Cena od", "maxPrice": "Cena do", "minRooms": "Izby (aspoň)", "sort": "Zoradiť",
            "newest": "Najnovšie", "price_asc": "Od najlacnejších", "price_desc": "Od najdrahších", "size_desc": "Od najväčších",
            "search": "Hľadať", "results": "výsledkov", "noResults": "Týmto filtrom nezodpovedá žiadna ponuka. Skúste menej filtrov.",
            "previous": "Predchádzajúca", "next": "Ďalšia", "page": "Strana", "of": "z", "rooms": "izby", "perMonth": "mesačne",
            "size": "Výmera", "roomsLabel": "Izby", "address": "Adresa", "features": "Vybavenie", "published": "Zverejnené",
            "photos": "Fotografie", "description": "Popis", "back": "Späť na vyhľadávanie", "priceLabel": "Cena",
            "inquiry": "Opýtajte sa na túto nehnuteľnosť", "name": "Vaše meno", "email": "E-mail", "phone": "Telefón (nepovinné)",
            "message": "Správa", "send": "Odoslať dopyt", "sent": "Ďakujeme. Váš dopyt bol odoslaný; maklér odpovie e-mailom.",
            "formErrors": "Opravte, prosím, označené polia.", "originalLanguage": "Tento popis je v inom jazyku.",
            "notFound": "Táto ponuka už nie je aktuálna.", "language": "Jazyk", "noPhoto": "Zatiaľ bez fotografie",
            "currency": "Mena", "currencyNeeded": "Pre filter ceny vyberte menu.", "skip": "Preskočiť na obsah", "required": "Povinné.", "invalidEmail": "Zadajte platnú e-mailovú adresu.", "invalidPhone": "Zadajte platné telefónne číslo.", "tooLong": "Príliš dlhé.",
        ],
        .cs: [
            "tagline": "Byty a domy od bytových družstev a správců", "searchTitle": "Nemovitosti na prodej a pronájem",
            "searchDescription": "Hledejte byty a domy na prodej a pronájem: filtrujte podle města, ceny, plochy a počtu pokojů.",
            "text": "Hledaná slova", "city": "Město", "type": "Nabídka", "any": "Vše", "sale": "Prodej", "rent": "Pronájem",
            "minPrice": "Cena od", "maxPrice": "Cena do", "minRooms": "Pokoje (alespoň)", "sort": "Řadit",
            "newest": "Nejnovější", "price_asc": "Od nejlevnějších", "price_desc": "Od nejdražších", "size_desc": "Od největších",
            "search": "Hledat", "results": "výsledků", "noResults": "Těmto filtrům neodpovídá žádná nabídka. Zkuste méně filtrů.",
            "previous": "Předchozí", "next": "Další", "page": "Strana", "of": "z", "rooms": "pokoje", "perMonth": "měsíčně",
            "size": "Plocha", "roomsLabel": "Pokoje", "address": "Adresa", "features": "Vybavení", "published": "Zveřejněno",
            "photos": "Fotografie", "description": "Popis", "back": "Zpět na hledání", "priceLabel": "Cena",
            "inquiry": "Zeptejte se na tuto nemovitost", "name": "Vaše jméno", "email": "E-mail", "phone": "Telefon (nepovinné)",
            "message": "Zpráva", "send": "Odeslat dotaz", "sent": "Děkujeme. Váš dotaz byl odeslán; makléř odpoví e-mailem.",
            "formErrors": "Opravte prosím označená pole.", "originalLanguage": "Tento popis je v jiném jazyce.",
            "notFound": "Tato nabídka již není aktuální.", "language": "Jazyk", "noPhoto": "Zatím bez fotografie",
            "currency": "Měna", "currencyNeeded": "Pro filtr ceny vyberte měnu.", "skip": "Přeskočit na obsah", "required": "Povinné.", "invalidEmail": "Zadejte platnou e-mailovou adresu.", "invalidPhone": "Zadejte platné telefonní číslo.", "tooLong": "Příliš dlouhé.",
        ],
        .de: [
            "tagline": "Wohnungen und Häuser von Wohnungsgenossenschaften und Hausverwaltungen",
            "searchTitle": "Immobilien zum Kauf und zur Miete",
            "searchDescription": "Wohnungen und Häuser zum Kauf und zur Miete finden: nach Stadt, Preis, Fläche und Zimmern filtern.",
            "text": "Suchbegriffe", "city": "Stadt", "type": "Angebot", "any": "Alle", "sale": "Kaufen", "rent": "Mieten",
            "minPrice": "Preis ab", "maxPrice": "Preis bis", "minRooms": "Zimmer (mindestens)", "sort": "Sortieren",
            "newest": "Neueste", "price_asc": "Günstigste zuerst", "price_desc": "Teuerste zuerst", "size_desc": "Größte zuerst",
            "search": "Suchen", "results": "Ergebnisse", "noResults": "Kein Angebot passt zu diesen Filtern. Versuchen Sie weniger Filter.",
            "previous": "Zurück", "next": "Weiter", "page": "Seite", "of": "von", "rooms": "Zimmer", "perMonth": "pro Monat",
            "size": "Wohnfläche", "roomsLabel": "Zimmer", "address": "Adresse", "features": "Ausstattung", "published": "Veröffentlicht",
            "photos": "Fotos", "description": "Beschreibung", "back": "Zurück zur Suche", "priceLabel": "Preis",
            "inquiry": "Fragen Sie zu dieser Immobilie an", "name": "Ihr Name", "email": "E-Mail", "phone": "Telefon (optional)",
            "message": "Nachricht", "send": "Anfrage senden", "sent": "Vielen Dank. Ihre Anfrage wurde gesendet; der Makler antwortet per E-Mail.",
            "formErrors": "Bitte korrigieren Sie die markierten Felder.", "originalLanguage": "Diese Beschreibung ist in einer anderen Sprache.",
            "notFound": "Dieses Angebot ist nicht mehr verfügbar.", "language": "Sprache", "noPhoto": "Noch kein Foto",
            "currency": "Währung", "currencyNeeded": "Bitte für den Preisfilter eine Währung wählen.", "skip": "Zum Inhalt springen", "required": "Pflichtfeld.", "invalidEmail": "Bitte eine gültige E-Mail-Adresse eingeben.", "invalidPhone": "Bitte eine gültige Telefonnummer eingeben.", "tooLong": "Zu lang.",
        ],
    ]
}
