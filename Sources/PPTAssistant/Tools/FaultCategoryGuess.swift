import Foundation
import PPTDomain

/// The likely category of a fault from the words of its title and description (sk, cs, de, en), for when
/// the user did not name one. Matches word beginnings of the diacritics-folded text; `other` otherwise.
package enum FaultCategoryGuess {
    /// Word beginnings per category, checked in this order (an elevator's light is an elevator fault).
    static let table: [(FaultCategory, [String])] = [
        (.elevator, ["vytah", "aufzug", "fahrstuhl", "lift", "elevator"]),
        (.heating, ["kuren", "topen", "radiator", "ohrievac", "heizung", "heizkorper", "heating",
                    "heater", "boiler", "kotol", "kotel"]),
        (.electrical, ["svetl", "svetel", "zarovk", "elektr", "zasuvk", "istic", "jistic", "licht", "lampe", "strom",
                       "steckdose", "sicherung", "light", "lamp", "bulb", "socket", "power", "electric"]),
        (.plumbing, ["voda", "vody", "vodu", "vode", "tecie", "tece", "kvapk", "kape", "kohut", "potrub", "odtok",
                     "upchat", "ucpan", "zachod", "splachov", "wc", "wasser", "rohr", "leck", "tropf", "verstopf",
                     "toilette", "abfluss", "water", "leak", "pipe", "toilet", "drain", "sink", "tap", "faucet",
                     "clog", "flood"]),
        (.security, ["zamok", "zamek", "zamk", "klic", "kluc", "zvonc", "zvonek", "domof", "kamer", "schloss",
                     "schluss", "klingel", "gegensprech", "lock", "key", "intercom", "doorbell", "camera", "alarm"]),
        (.structural, ["strech", "stena", "steny", "omietk", "omitk", "okno", "okna", "fasad", "prask", "strop",
                       "dach", "wand", "fenster", "riss", "decke", "roof", "wall", "window", "crack", "ceiling",
                       "facade", "balkon", "balcony"]),
        (.cleaning, ["upratov", "uklid", "spinav", "smet", "neporiad", "nepored", "schmutz", "dreck",
                     "reinig", "mull", "dirty", "trash", "garbage", "rubbish", "cleaning", "litter"]),
    ]

    /// The first category one of whose word beginnings starts a word of `text`.
    package static func category(for text: String) -> FaultCategory {
        let words = SearchText.fold(text).split { !$0.isLetter && !$0.isNumber }
        for (category, stems) in table where words.contains(where: { word in stems.contains { word.hasPrefix($0) } }) {
            return category
        }
        return .other
    }
}
