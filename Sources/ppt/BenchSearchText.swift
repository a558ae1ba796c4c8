import Foundation
import PPTDomain

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same corpus and queries.
struct BenchRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }
}

/// Ranks 0..<count drawn with probability proportional to 1 / (rank + 1)^exponent (Zipf's law: word
/// frequencies in text fall off about as 1 / rank).
struct ZipfSampler: Sendable {
    private let cumulative: [Double]

    init(count: Int, exponent: Double) {
        var total = 0.0
        cumulative = (0..<count).map { rank in
            total += 1 / pow(Double(rank + 1), exponent)
            return total
        }
    }

    func draw(_ random: inout BenchRandom) -> Int {
        let target = random.unit() * (cumulative.last ?? 0)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Generated property-management prose in one language. Running text draws content words from a
/// vocabulary of `tailSize` + domain words by Zipf's law (exponent 1): the domain words (real, with
/// inflected forms, so prefix matching and the query stemmer have work to do) sit at ranks 10, 17, 24, …,
/// and generated pseudo-words fill the other ranks, as the long tail of a real corpus does. The most
/// frequent domain word then occurs in about 60 % of chunks, the hundredth in about 1.5 %. Queries are
/// made of domain words only (what users type), by a flatter Zipf distribution.
struct BenchLanguage: Sendable {
    /// Pseudo-words in the vocabulary besides the domain words.
    static let tailSize = 20_000

    let locale: AppLocale
    /// Domain words, most frequent first.
    let words: [String]
    let fillers: [String]
    let headings: [String]
    let titles: [String]
    /// Every content word of running text, by rank.
    private let vocabulary: [String]
    private let textRanks: ZipfSampler
    private let queryRanks: ZipfSampler

    /// `queryExponent` below 1 makes queries use the rarer domain words more than running text does, so
    /// some queries match most chunks and others a few hundred.
    init(locale: AppLocale, words: [String], fillers: [String], headings: [String], titles: [String],
         queryExponent: Double) {
        self.locale = locale
        self.words = words
        self.fillers = fillers
        self.headings = headings
        self.titles = titles
        var tail = Self.pseudoWords(Self.tailSize, excluding: Set(words + fillers),
                                    seed: locale == .sk ? 0x51 : 0xE7, diacritics: locale == .sk)[...]
        var vocabulary: [String] = []
        for (rank, word) in words.enumerated() {
            while vocabulary.count < 10 + 7 * rank, let filler = tail.popFirst() { vocabulary.append(filler) }
            vocabulary.append(word)
        }
        vocabulary += tail
        self.vocabulary = vocabulary
        textRanks = ZipfSampler(count: vocabulary.count, exponent: 1.0)
        queryRanks = ZipfSampler(count: words.count, exponent: queryExponent)
    }

    /// `count` distinct pronounceable words of 2–4 syllables that are not in `excluding`.
    private static func pseudoWords(_ count: Int, excluding: Set<String>, seed: UInt64, diacritics: Bool) -> [String] {
        let consonants = ["b", "d", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
            + (diacritics ? ["č", "š", "ž", "ď", "ľ", "ch", "st", "pr", "kr"]
                          : ["ch", "sh", "th", "st", "pr", "gr", "w"])
        let vowels = ["a", "e", "i", "o", "u"]
            + (diacritics ? ["á", "é", "í", "ô", "y", "ia"] : ["ee", "oo", "y", "ai"])
        var random = BenchRandom(seed: seed)
        var seen = excluding
        var result: [String] = []
        while result.count < count {
            var word = ""
            for _ in 0..<(2 + Int(random.next() % 3)) {
                word += consonants[Int(random.next() % UInt64(consonants.count))]
                word += vowels[Int(random.next() % UInt64(vowels.count))]
            }
            if random.unit() < 0.5 { word += consonants[Int(random.next() % UInt64(consonants.count))] }
            if seen.insert(word).inserted { result.append(word) }
        }
        return result
    }

    /// A sentence of 8 to 17 content words.
    func sentence(_ random: inout BenchRandom) -> String {
        var parts: [String] = []
        for _ in 0..<(8 + Int(random.next() % 10)) {
            if random.unit() < 0.35 { parts.append(fillers[Int(random.next() % UInt64(fillers.count))]) }
            if random.unit() < 0.03 {
                parts.append(String(1 + random.next() % 2_500))
            } else {
                parts.append(vocabulary[textRanks.draw(&random)])
            }
        }
        let text = parts.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// Sentences up to about `wordCount` words.
    func passage(words wordCount: Int, _ random: inout BenchRandom) -> String {
        var sentences: [String] = []
        var count = 0
        while count < wordCount {
            let sentence = self.sentence(&random)
            count += sentence.split(separator: " ").count
            sentences.append(sentence)
        }
        return sentences.joined(separator: " ")
    }

    /// A query of 2 to 4 distinct content words.
    func query(_ random: inout BenchRandom) -> String {
        let wanted = 2 + Int(random.next() % 3)
        var picked: [String] = []
        while picked.count < wanted {
            let word = words[queryRanks.draw(&random)]
            if !picked.contains(word) { picked.append(word) }
        }
        return picked.joined(separator: " ")
    }

    func heading(_ random: inout BenchRandom) -> String {
        "\(1 + random.next() % 12). " + headings[Int(random.next() % UInt64(headings.count))]
    }

    func title(_ random: inout BenchRandom, number: Int) -> String {
        titles[Int(random.next() % UInt64(titles.count))] + " \(number)"
    }

    /// Slovak (three documents in four) and English.
    static func all(queryExponent: Double) -> [BenchLanguage] {
        [
            BenchLanguage(locale: .sk, words: slovakWords, fillers: slovakFillers, headings: slovakHeadings,
                          titles: slovakTitles, queryExponent: queryExponent),
            BenchLanguage(locale: .en, words: englishWords, fillers: englishFillers, headings: englishHeadings,
                          titles: englishTitles, queryExponent: queryExponent),
        ]
    }

    private static let slovakWords = """
        byt vlastník správca dom poplatok platba zmluva bytu nájomca spoločenstvo schôdza vlastníkov oprava \
        údržba výťah kúrenie voda fond vyúčtovanie nájomné zálohy domu spoločné priestory vchod hlasovanie \
        elektrina pivnica garáž parkovanie strecha fasáda okná rekonštrukcia revízia kontrola poistenie \
        škoda porucha havária hlásenie technik upratovanie odpad kontajner chodba schodisko dvor záhrada pes \
        zvieratá hluk nočný kľud poriadok pravidlá povinnosti práva podiel plocha meranie vodomer merač \
        odpočet teplo radiátor termostat plyn komín požiarna ochrana hasiaci prístroj únikový východ kľúče \
        čip zámok domofón osvetlenie anténa internet faktúra splatnosť úrok omeškanie upomienka dlžník \
        preplatok nedoplatok účet banka príkaz variabilný symbol rozpočet audit správa výbor predseda \
        zápisnica uznesenie návrh súhlas väčšina kvórum splnomocnenie oznam termín harmonogram dodávateľ \
        ponuka cenová objednávka reklamácia záruka stavebné povolenie úrad kataster prenájom podnájom kaucia \
        výpoveď lehota odovzdanie preberací protokol inventár nábytok kuchyňa kúpeľňa balkón loggia terasa \
        izba podlaha stena vlhkosť pleseň vetranie zateplenie energetický certifikát úspora solárne panely \
        nabíjanie elektromobil bicykel kočík sklad práčovňa sušiareň deratizácia dezinsekcia čistenie sneh \
        posyp bytov nájomcu poplatku poplatky platby zmluvy schôdze opravy výťahu vody nájomného vyúčtovania \
        vlastníka správcu fondu kúrenia revízie poistenia škody poruchy hlásenia odpadu chodby schodiska \
        zvierat hluku poriadku pravidiel podielu plochy vodomeru merača tepla radiátora plynu komína faktúry \
        splatnosti úroku omeškania upomienky preplatku nedoplatku účtu rozpočtu výboru zápisnice uznesenia \
        návrhu súhlasu termínu dodávateľa ponuky objednávky reklamácie záruky povolenia prenájmu kaucie \
        výpovede lehoty protokolu
        """.split(separator: " ").map(String.init)

    private static let slovakFillers = ["a", "v", "na", "je", "sa", "do", "pre", "z", "o", "ako", "s", "k", "po",
                                        "pri", "od", "alebo", "podľa", "ktorý", "bude", "tak"]
    private static let slovakHeadings = ["Platby a zálohy", "Domový poriadok", "Údržba a opravy", "Hlasovanie",
                                         "Vyúčtovanie služieb", "Práva a povinnosti vlastníkov", "Fond opráv",
                                         "Nájomná zmluva", "Požiarna ochrana", "Spoločné priestory"]
    private static let slovakTitles = ["Zápisnica zo schôdze", "Domový poriadok", "Nájomná zmluva",
                                       "Vyúčtovanie služieb", "Revízna správa", "Zmluva o výkone správy",
                                       "Oznam pre vlastníkov", "Cenová ponuka"]

    private static let englishWords = """
        apartment owner building manager fee payment lease tenant meeting fund repair maintenance elevator \
        heating water statement rent deposit advance common areas entrance vote electricity basement garage \
        parking roof facade windows renovation inspection insurance damage fault emergency report technician \
        cleaning waste bin corridor stairs courtyard garden dog pets noise quiet hours rules obligations \
        rights share floor area meter reading radiator thermostat gas chimney fire safety extinguisher exit \
        keys lock intercom lighting invoice due interest late reminder arrears overpayment account bank \
        transfer budget audit board chair minutes resolution proposal consent majority quorum proxy notice \
        schedule contractor quote order complaint warranty permit office registry sublet termination \
        handover protocol inventory kitchen bathroom balcony moisture mould ventilation insulation energy \
        certificate solar charging bicycle storage laundry snow pest control apartments owners buildings \
        managers fees payments leases tenants meetings repairs elevators statements deposits inspections \
        faults reports invoices reminders contractors quotes complaints permits
        """.split(separator: " ").map(String.init)

    private static let englishFillers = ["the", "of", "and", "to", "in", "is", "for", "on", "be", "with", "by",
                                         "at", "a", "all", "each", "per"]
    private static let englishHeadings = ["Payments and advances", "House rules", "Repairs and maintenance",
                                          "Voting", "Service charges", "Owners' rights and duties", "Repair fund",
                                          "Lease terms", "Fire safety", "Common areas"]
    private static let englishTitles = ["Meeting minutes", "House rules", "Lease agreement", "Service charge statement",
                                        "Inspection report", "Management contract", "Notice to owners", "Quotation"]
}
